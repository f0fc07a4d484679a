//! Source settings over HTTP: a refused update changes nothing, not even the secret; moving the
//! address to another origin removes the secret; over-long or malformed fields and a component map
//! with a service id that is not a number answer 422 at their field, and nothing is stored.

use crate::app::{Session, TestApp};
use domain::vendor::{ServiceForm, VendorForm};
use domain::views_monitoring::{MetricMapping, SourceForm};
use domain::Role;
use service::auth::system_actor;
use service::secrets::SecretKey;
use store::SourceId;

/// The server with a `secrets.key` and without the poller; the key to open what it seals.
async fn keyed_app() -> (TestApp, SecretKey) {
    let key = SecretKey::generate();
    let app = TestApp::spawn_with(|cfg| {
        cfg.secrets.key = Some(key.clone());
        cfg.monitoring.enabled = false;
    })
    .await;
    (app, SecretKey::parse(&key).unwrap())
}

/// A fresh vendor service; returns its id.
async fn service(app: &TestApp) -> i64 {
    let cli = system_actor();
    let vendor = VendorForm {
        name: "Sleutelleverancier B.V.".into(),
        kvk: "12345678".into(),
        category: "overig".into(),
        sourcing: "saas".into(),
        criticality: "hoog".into(),
        notes: String::new(),
    };
    let vendor = app.services.register_vendor(&cli, &vendor).await.unwrap();
    let service = ServiceForm { name: "Licenties".into(), criticality: "midden".into(), ..Default::default() };
    app.services.add_service(&cli, vendor, &service).await.unwrap().0
}

/// A JSON source at `https://api.leverancier.example/usage` that sends the secret `sleutel-1` in
/// `X-Api-Key`; returns its id.
async fn json_source(app: &TestApp) -> i64 {
    let form = SourceForm {
        kind: "json".into(),
        name: "Verbruik".into(),
        url: "https://api.leverancier.example/usage".into(),
        auth_header: "X-Api-Key".into(),
        mappings: vec![MetricMapping { name: "gebruik".into(), pointer: "/used".into(), ..Default::default() }],
        interval_secs: "300".into(),
        enabled: true,
        ..Default::default()
    };
    let id = app.services.add_source(&system_actor(), service(app).await, &form).await.unwrap();
    app.services.set_source_secret(&system_actor(), id, Some("sleutel-1".into())).await.unwrap();
    id
}

/// The edit form of that source as the browser posts it.
fn edit_form(s: &Session, id: i64, url: &str, interval: &str, secret: &str) -> Vec<(String, String)> {
    [
        ("csrf", s.csrf.as_str()),
        ("id", id.to_string().as_str()),
        ("form[kind]", "json"),
        ("form[name]", "Verbruik"),
        ("form[url]", url),
        ("form[auth_header]", "X-Api-Key"),
        ("form[metric_names][0]", "gebruik"),
        ("form[metric_pointers][0]", "/used"),
        ("form[interval_secs]", interval),
        ("form[timeout_ms]", ""),
        ("form[enabled]", "on"),
        ("form[secret]", secret),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn post(app: &TestApp, s: &Session, endpoint: &str, form: &[(String, String)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(&s.client, endpoint, &pairs).await
}

/// The source's secret in plain text, or `None` when it has none.
async fn secret(app: &TestApp, key: &SecretKey, id: i64) -> Option<String> {
    let sealed = store::get_source(app.services.db(), SourceId(id)).await.unwrap().secret_sealed?;
    let opened = service::secrets::open(key, &sealed, &service::monitoring::secret_aad(SourceId(id))).unwrap();
    Some(opened.expose().to_string())
}

/// The fields a 422 answer names.
async fn invalid_fields(res: reqwest::Response) -> Vec<String> {
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    body["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_source_update_leaves_the_secret_as_it_was() {
    let (app, key) = keyed_app().await;
    let id = json_source(&app).await;
    let s = app.sign_in(Role::Beheerder).await;
    let url = "https://api.leverancier.example/usage";

    let refused = post(&app, &s, "monitoring/sources/update", &edit_form(&s, id, url, "5", "sleutel-2")).await;
    assert_eq!(invalid_fields(refused).await, ["interval_secs"]);
    assert_eq!(secret(&app, &key, id).await.as_deref(), Some("sleutel-1"), "the refused form changed the secret");

    let saved = post(&app, &s, "monitoring/sources/update", &edit_form(&s, id, url, "600", "sleutel-2")).await;
    assert!(saved.status().is_success(), "{}", saved.status());
    assert_eq!(secret(&app, &key, id).await.as_deref(), Some("sleutel-2"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moving_a_source_to_another_origin_removes_its_secret() {
    let (app, key) = keyed_app().await;
    let id = json_source(&app).await;
    let s = app.sign_in(Role::Beheerder).await;
    let update = |url: &str, secret: &str| edit_form(&s, id, url, "300", secret);

    // Another path on the same origin keeps it.
    let res =
        post(&app, &s, "monitoring/sources/update", &update("https://api.leverancier.example/v2/usage", "")).await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(secret(&app, &key, id).await.as_deref(), Some("sleutel-1"));

    // Another host, scheme or port does not: whoever may edit the source could collect the key there.
    for moved in [
        "https://aanvaller.example/usage",
        "http://api.leverancier.example/v2/usage",
        "https://api.leverancier.example:8443/v2/usage",
    ] {
        let res =
            post(&app, &s, "monitoring/sources/update", &update("https://api.leverancier.example/usage", "sleutel-1"))
                .await;
        assert!(res.status().is_success(), "{}", res.status());
        let res = post(&app, &s, "monitoring/sources/update", &update(moved, "")).await;
        assert!(res.status().is_success(), "{}", res.status());
        assert_eq!(secret(&app, &key, id).await, None, "{moved} kept the secret");
    }

    // Entered again together with the new address, it is kept.
    let res =
        post(&app, &s, "monitoring/sources/update", &update("https://nieuw.leverancier.example/usage", "sleutel-3"))
            .await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(secret(&app, &key, id).await.as_deref(), Some("sleutel-3"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_long_and_malformed_source_fields_are_refused_at_their_field() {
    let (app, _) = keyed_app().await;
    let service = service(&app).await.to_string();
    let s = app.sign_in(Role::Beheerder).await;
    let long = "x".repeat(100 * 1024);
    let long_url = format!("https://api.leverancier.example/{long}");
    let long_pointer = format!("/{long}");
    let form = |kind: &str, extra: &[(&str, &str)]| {
        let mut f: Vec<(String, String)> = [
            ("csrf", s.csrf.as_str()),
            ("service", service.as_str()),
            ("form[kind]", kind),
            ("form[name]", "Te veel"),
            ("form[url]", "https://api.leverancier.example/usage"),
            ("form[interval_secs]", "300"),
            ("form[enabled]", "on"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in extra {
            f.retain(|(name, _)| name != k);
            f.push((k.to_string(), v.to_string()));
        }
        f
    };
    let figure = [("form[metric_names][0]", "gebruik"), ("form[metric_pointers][0]", "/used")];
    let cases: Vec<(Vec<(String, String)>, &str)> = vec![
        (form("http", &[("form[url]", long_url.as_str())]), "url"),
        (form("http", &[("form[keyword]", long.as_str())]), "keyword"),
        (form("http", &[("form[json_pointer]", long_pointer.as_str())]), "json_pointer"),
        (form("json", &[figure[0], figure[1], ("form[auth_header]", long.as_str())]), "auth_header"),
        (form("json", &[figure[0], figure[1], ("form[auth_header]", "X-Api-Key\r\nX-Evil: 1")]), "auth_header"),
        (form("json", &[figure[0], figure[1], ("form[auth_header]", "Host")]), "auth_header"),
        (
            form("json", &[("form[metric_names][0]", "gebruik"), ("form[metric_pointers][0]", long_pointer.as_str())]),
            "mappings",
        ),
    ];
    for (f, field) in cases {
        let res = post(&app, &s, "monitoring/sources/add", &f).await;
        assert_eq!(invalid_fields(res).await, [field], "{field}");
    }
    let mut rows = form("json", &[]);
    for i in 0..2_000 {
        rows.push((format!("form[metric_names][{i}]"), format!("figuur {i}")));
        rows.push((format!("form[metric_pointers][{i}]"), format!("/f/{i}")));
    }
    assert_eq!(invalid_fields(post(&app, &s, "monitoring/sources/add", &rows).await).await, ["mappings"]);
    assert!(app.services.list_sources(&system_actor()).await.unwrap().is_empty(), "nothing was stored");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_component_map_with_a_service_id_that_is_not_a_number_answers_422() {
    let (app, _) = keyed_app().await;
    let form = SourceForm {
        kind: "statuspage".into(),
        name: "Status".into(),
        url: "https://status.leverancier.example".into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    };
    let id = app.services.add_source(&system_actor(), service(&app).await, &form).await.unwrap().to_string();
    let s = app.sign_in(Role::Beheerder).await;
    let map = [("csrf", s.csrf.as_str()), ("id", id.as_str()), ("map[ids][0]", "c1"), ("map[services][0]", "zeven")];
    let res = app.call(&s.client, "monitoring/sources/components/save", &map).await;
    assert_eq!(invalid_fields(res).await, ["components"]);
    app.stop().await;
}
