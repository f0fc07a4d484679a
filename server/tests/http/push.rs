//! `POST /api/v1/push/{token}`: pushed checks are accepted with the right token only, and bad
//! payloads are refused; the start-up check for sealed secrets without a key.

use crate::app::TestApp;
use domain::vendor::{ServiceForm, VendorForm};
use domain::views_monitoring::SourceForm;
use service::auth::system_actor;
use service::secrets::SecretKey;
use service::Services;

/// A push source on a fresh vendor service; returns its id and a push token.
async fn push_source(s: &Services) -> (i64, String) {
    let cli = system_actor();
    let vendor = s
        .register_vendor(
            &cli,
            &VendorForm {
                name: "Pushleverancier B.V.".into(),
                kvk: "12345678".into(),
                category: "overig".into(),
                sourcing: "saas".into(),
                criticality: "hoog".into(),
                notes: String::new(),
            },
        )
        .await
        .unwrap();
    let service = s
        .add_service(
            &cli,
            vendor,
            &ServiceForm { name: "Nachtbatch".into(), criticality: "midden".into(), ..Default::default() },
        )
        .await
        .unwrap();
    let form = SourceForm {
        kind: "push".into(),
        name: "Batch".into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    };
    let id = s.add_source(&cli, service.0, &form).await.unwrap();
    let token = s.new_push_token(&cli, id).await.unwrap();
    (id, token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_is_accepted_with_its_token_only() {
    let app = TestApp::spawn().await;
    let (id, token) = push_source(&app.services).await;
    let c = TestApp::client();
    let push = |t: String, body: &'static str| {
        c.post(app.url(&format!("/api/v1/push/{t}"))).header("content-type", "application/json").body(body).send()
    };

    let res = push(token.clone(), r#"{"state": "up", "latency_ms": 87, "status_code": 200}"#).await.unwrap();
    assert_eq!(res.status(), 202, "{}", res.text().await.unwrap());
    // The running engine's writer stores it with its next batch (at least once a second), and opens
    // a state interval for the service.
    let db = app.services.db().clone();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while store::count_checks(&db, store::SourceId(id)).await.unwrap() == 0 {
        assert!(std::time::Instant::now() < deadline, "the pushed check was not stored");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(store::count_checks(&db, store::SourceId(id)).await.unwrap(), 1);
    let open = store::open_intervals(&db).await.unwrap();
    assert!(open.iter().any(|o| o.source_id == store::SourceId(id)), "a state interval is open");

    let res = push("f".repeat(64), r#"{"state": "up"}"#).await.unwrap();
    assert_eq!(res.status(), 401);

    for bad in [r#"{"state": "prima"}"#, "geen json", r#"{"state": "up", "onbekend": 1}"#] {
        let res = push(token.clone(), bad).await.unwrap();
        assert_eq!(res.status(), 422, "{bad}");
    }
    assert_eq!(store::count_checks(app.services.db(), store::SourceId(id)).await.unwrap(), 1);

    // The route takes POST only.
    let res = c.get(app.url(&format!("/api/v1/push/{token}"))).send().await.unwrap();
    assert_eq!(res.status(), 405);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sealed_secret_without_a_key_stops_start_up() {
    let app = TestApp::spawn().await;
    assert!(server::run::check_secrets(&app.services).await.is_ok(), "no secrets, no key needed");
    let key = SecretKey::parse(&SecretKey::generate()).unwrap();
    let keyed = app.services.clone().with_monitoring(Some(key), service::outbound::GuardConfig::default());
    let (id, _) = push_source(&keyed).await;
    keyed.set_source_secret(&system_actor(), id, Some("geheim".into())).await.unwrap();
    assert!(server::run::check_secrets(&keyed).await.is_ok());
    let e = server::run::check_secrets(&app.services).await.unwrap_err();
    assert_eq!(e.to_string(), server::run::MISSING_KEY);
    assert!(e.to_string().contains("regiekamer secrets new-key"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_answers_503_with_retry_after_while_the_writer_stays_busy() {
    let app = TestApp::spawn().await;
    let (id, token) = push_source(&app.services).await;
    // A writer whose queue is full and that takes nothing.
    let (full, _held) = tokio::sync::mpsc::channel(1);
    let filler = domain::monitoring::CheckResult::new(chrono::Utc::now(), domain::monitoring::CheckState::Up);
    full.send(service::monitoring::PollResult::new(store::SourceId(id), filler)).await.unwrap();
    app.services.set_push_sink(Some(full.downgrade()));
    let res = TestApp::client()
        .post(app.url(&format!("/api/v1/push/{token}")))
        .header("content-type", "application/json")
        .body(r#"{"state": "down"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    // The push waited PUSH_QUEUE_WAIT (5 s) for room.
    assert_eq!(res.headers()["retry-after"], "5");
    assert_eq!(store::count_checks(app.services.db(), store::SourceId(id)).await.unwrap(), 0, "not stored around it");
}
