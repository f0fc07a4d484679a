//! Everyday use of the monitoring pages over HTTP: problems first on the overview and the vendor page,
//! a state that says why (the vendor's open incident as a link, a probe's last error), the source
//! page's checks 50 to a page without JavaScript, and a JSON figure against its contracted number with
//! its 30-day trend.

use crate::app::{Session, TestApp};
use chrono::{TimeDelta, Utc};
use domain::monitoring::{CheckResult, CheckState};
use domain::vendor::{ServiceForm, VendorForm};
use domain::views_monitoring::{MetricMapping, SourceForm};
use domain::{Role, VendorId, VendorServiceId};
use service::auth::system_actor;
use service::monitoring::{PollResult, Writer, WriterConfig};
use store::SourceId;

/// The server without the poller, so that only what a test writes is there.
async fn quiet_app() -> TestApp {
    TestApp::spawn_with(|cfg| cfg.monitoring.enabled = false).await
}

async fn get(s: &Session, app: &TestApp, path: &str) -> String {
    let res = s.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    markup(&res.text().await.unwrap())
}

/// The page without the hydration markers (`<!>` and comments) between text nodes.
fn markup(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html.replace("<!>", "");
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("-->").map_or(rest.len(), |e| start + e + 3);
        rest = rest[end..].to_string();
    }
    out.push_str(&rest);
    out
}

async fn vendor(app: &TestApp, name: &str, kvk: &str) -> VendorId {
    let form = VendorForm {
        name: name.into(),
        kvk: kvk.into(),
        category: "overig".into(),
        sourcing: "saas".into(),
        criticality: "hoog".into(),
        notes: String::new(),
    };
    app.services.register_vendor(&system_actor(), &form).await.unwrap()
}

async fn service(app: &TestApp, vendor: VendorId, name: &str) -> VendorServiceId {
    let form = ServiceForm { name: name.into(), criticality: "midden".into(), ..Default::default() };
    app.services.add_service(&system_actor(), vendor, &form).await.unwrap()
}

fn push_form(name: &str) -> SourceForm {
    SourceForm {
        kind: "push".into(),
        name: name.into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}

/// A poll result of `source` at `at` that reports `state` for `service`.
fn result(source: i64, service: VendorServiceId, state: CheckState, error: Option<&str>) -> PollResult {
    let check = CheckResult { error: error.map(str::to_string), ..CheckResult::new(Utc::now(), state) };
    let mut p = PollResult::new(SourceId(source), check);
    p.states.push((service, state));
    p
}

async fn write(app: &TestApp, batch: &[PollResult]) {
    let mut writer = Writer::resume(app.services.db().clone(), WriterConfig::default()).await.unwrap();
    writer.commit(batch, Utc::now()).await.unwrap();
}

fn incident(name: &str, shortlink: Option<&str>) -> (store::IncidentRow, Vec<store::IncidentUpdateRow>) {
    let at = Utc::now() - TimeDelta::minutes(5);
    let row = store::IncidentRow {
        vendor_incident_id: name.into(),
        name: name.into(),
        status: "investigating".into(),
        impact: "major".into(),
        created_at: at,
        updated_at: at,
        resolved_at: None,
        shortlink: shortlink.map(str::to_string),
    };
    (row, Vec::new())
}

/// Where each name first appears in `html`, in the order given; panics when one is missing.
fn positions(html: &str, names: &[&str]) -> Vec<usize> {
    names.iter().map(|n| html.find(n).unwrap_or_else(|| panic!("{n} missing"))).collect()
}

fn ascending(p: &[usize]) -> bool {
    p.windows(2).all(|w| w[0] < w[1])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overview_and_the_vendor_page_put_problems_first_and_keep_the_filter() {
    let app = quiet_app().await;
    let v = vendor(&app, "Volgordewijs B.V.", "44445555").await;
    // Alphabetical order is not the order of urgency.
    let cases = [
        ("Alfa", Some(CheckState::Up)),
        ("Bravo", Some(CheckState::Down)),
        ("Charlie", Some(CheckState::Degraded)),
        ("Delta", Some(CheckState::Maintenance)),
        ("Echo", None),
        ("Foxtrot", Some(CheckState::Down)),
    ];
    let mut batch = Vec::new();
    for (name, state) in cases {
        let svc = service(&app, v, &format!("Dienst {name}")).await;
        let id = app.services.add_source(&system_actor(), svc.0, &push_form(&format!("Bron {name}"))).await.unwrap();
        batch.extend(state.map(|s| result(id, svc, s, None)));
    }
    write(&app, &batch).await;
    let s = app.sign_in(Role::Auditor).await;
    let expected = ["Bravo", "Foxtrot", "Charlie", "Delta", "Echo", "Alfa"];

    let html = get(&s, &app, "/monitoring").await;
    let sources: Vec<String> = expected.iter().map(|n| format!(">Bron {n}</a>")).collect();
    let p = positions(&html, &sources.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(ascending(&p), "overview order {p:?}");
    let down = get(&s, &app, "/monitoring?toestand=down").await;
    assert!(ascending(&positions(&down, &[">Bron Bravo</a>", ">Bron Foxtrot</a>"])));
    assert!(!down.contains(">Bron Alfa</a>"), "the filter still narrows the list");

    let html = get(&s, &app, &format!("/leveranciers/{v}")).await;
    let services: Vec<String> = expected.iter().map(|n| format!(">Dienst {n}</th>")).collect();
    let p = positions(&html, &services.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(ascending(&p), "service order {p:?}");
    let after_services = html.find("Dienst Alfa</th>").unwrap();
    let p = positions(&html[after_services..], &sources.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(ascending(&p), "vendor page source order {p:?}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_that_is_not_up_links_to_the_vendor_incident_or_says_the_probe_error() {
    let app = quiet_app().await;
    let v = vendor(&app, "Storingwijs B.V.", "66667777").await;
    let portal = service(&app, v, "Portaal").await;
    let archive = service(&app, v, "Archief").await;
    let batch_svc = service(&app, v, "Nachtbatch").await;
    let form = |name: &str, base: &str| SourceForm {
        kind: "statuspage".into(),
        name: name.into(),
        url: base.into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    };
    let page = app
        .services
        .add_source(&system_actor(), portal.0, &form("Status portaal", "https://status.storingwijs.example"))
        .await
        .unwrap();
    let page2 = app
        .services
        .add_source(&system_actor(), archive.0, &form("Status archief", "https://archief.storingwijs.example"))
        .await
        .unwrap();
    let probe = app.services.add_source(&system_actor(), batch_svc.0, &push_form("Batchmelding")).await.unwrap();
    let mut linked = result(page, portal, CheckState::Degraded, None);
    linked.incidents.push(incident("Traag inloggen", Some("https://stspg.example/inc/1")));
    let mut unlinked = result(page2, archive, CheckState::Down, None);
    unlinked.incidents.push(incident("Archief onbereikbaar", Some("javascript:alert(1)")));
    let failed = result(probe, batch_svc, CheckState::Down, Some("verbinding geweigerd"));
    let upkeep = service(&app, v, "Koppelvlak").await;
    let page3 = app
        .services
        .add_source(&system_actor(), upkeep.0, &form("Status koppelvlak", "https://koppel.storingwijs.example"))
        .await
        .unwrap();
    let mut works = result(page3, upkeep, CheckState::Maintenance, None);
    let started = Utc::now() - TimeDelta::minutes(30);
    works.maintenances.push(store::MaintenanceRow {
        vendor_maintenance_id: "m-1".into(),
        name: "Database-upgrade".into(),
        status: "in_progress".into(),
        impact: "maintenance".into(),
        scheduled_for: Some(started),
        scheduled_until: Some(started + TimeDelta::hours(2)),
        created_at: started - TimeDelta::days(7),
        updated_at: started,
    });
    write(&app, &[linked, unlinked, failed, works]).await;
    let s = app.sign_in(Role::Regisseur).await;

    let overview = get(&s, &app, "/monitoring").await;
    let linked = r#"Storing bij de leverancier: <a href="https://stspg.example/inc/1" rel="noopener noreferrer" class="utrecht-link">Traag inloggen</a>"#;
    assert!(overview.contains(linked), "{overview}");
    let anchor = format!(r#"<a href="/leveranciers/{v}#storingen" class="utrecht-link">Archief onbereikbaar</a>"#);
    assert!(overview.contains(&anchor), "an unsafe shortlink leads to the vendor page's section instead");
    assert!(!overview.contains(r#"href="javascript:"#), "never as a link");

    let vendor_page = get(&s, &app, &format!("/leveranciers/{v}")).await;
    assert!(vendor_page.contains(r#"href="https://stspg.example/inc/1""#));
    assert!(vendor_page.contains(&anchor));
    assert!(vendor_page.contains(r#"id="storingen""#), "the anchor exists");
    let upkeep = format!(
        r#"Onderhoud bij de leverancier: <a href="/leveranciers/{v}#onderhoud" class="utrecht-link">Database-upgrade</a>"#
    );
    assert!(vendor_page.contains(&upkeep), "running maintenance says why too");
    assert!(vendor_page.contains(r#"id="onderhoud""#));
    let batch_row = &vendor_page[vendor_page.find(">Nachtbatch</th>").unwrap()..];
    let batch_row = &batch_row[..batch_row.find("</tr>").unwrap()];
    assert!(batch_row.contains("De bron was onbereikbaar of fout: verbinding geweigerd"), "{batch_row}");

    let source_page = get(&s, &app, &format!("/monitoring/bronnen/{page}")).await;
    assert!(source_page.contains(r#"href="https://stspg.example/inc/1""#), "the source page says why too");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checks_of_a_day_are_shown_fifty_to_a_page_read_a_page_at_a_time() {
    let app = quiet_app().await;
    let v = vendor(&app, "Paginawijs B.V.", "88889999").await;
    let svc = service(&app, v, "Portaal").await;
    let id = app.services.add_source(&system_actor(), svc.0, &push_form("Halve minuut")).await.unwrap();
    // A day at one check per 30 seconds: 2,880 checks, each with its number in the error column.
    let now = Utc::now();
    let checks: Vec<(SourceId, CheckResult)> = (0..2_880)
        .map(|i| {
            let at = now - TimeDelta::seconds(30 * (2_880 - i)) + TimeDelta::seconds(10);
            (SourceId(id), CheckResult { error: Some(format!("nr-{i:04}")), ..CheckResult::new(at, CheckState::Up) })
        })
        .collect();
    let mut tx = app.services.db().begin().await.unwrap();
    store::insert_checks(&mut tx, &checks).await.unwrap();
    tx.commit().await.unwrap();
    let s = app.sign_in(Role::Auditor).await;
    // In the table's cells (the page's hydration data holds the same page of checks once more).
    let numbers = |html: &str| html.matches(">nr-").count();

    let first = get(&s, &app, &format!("/monitoring/bronnen/{id}")).await;
    assert_eq!(numbers(&first), 50);
    assert!(first.contains("nr-2879") && first.contains("nr-2830") && !first.contains("nr-2829"), "newest first");
    assert!(first.contains("1–50 van 2880"));
    assert!(first.contains(&format!(r#"href="/monitoring/bronnen/{id}?pagina=2#controles" rel="next""#)));
    assert!(first.contains("Pagina 1 van 58"));

    let second = get(&s, &app, &format!("/monitoring/bronnen/{id}?pagina=2")).await;
    assert_eq!(numbers(&second), 50);
    assert!(second.contains("nr-2829") && second.contains("nr-2780"), "the next 50");
    assert!(!second.contains("nr-2830") && !second.contains("nr-2779"));
    assert!(second.contains(&format!(r#"href="/monitoring/bronnen/{id}#controles" rel="prev""#)));
    assert!(second.contains(&format!(r#"href="/monitoring/bronnen/{id}?pagina=3#controles" rel="next""#)));

    let last = get(&s, &app, &format!("/monitoring/bronnen/{id}?pagina=58")).await;
    assert_eq!(numbers(&last), 30);
    assert!(!last.contains(r#"rel="next""#));

    // What the page reads: one page of checks, not the day.
    let res = app.call(&s.client, "monitoring/source/page", &[("id", &id.to_string()), ("page", "2")]).await;
    assert_eq!(res.status(), 200);
    let detail: serde_json::Value = res.json().await.unwrap();
    assert_eq!(detail["checks"].as_array().unwrap().len(), 50);
    assert_eq!(detail["checks_total"], 2_880);
    assert_eq!(detail["history"].as_array().unwrap().len(), 1, "one run of 'up' for the whole day");
    let staff = app.sign_in(Role::Medewerker).await;
    let refused = app.call(&staff.client, "monitoring/source/page", &[("id", &id.to_string()), ("page", "1")]).await;
    assert_eq!(refused.status(), 403, "a role without monitoring gets no checks");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_figure_shows_against_its_contracted_number_with_its_trend() {
    let app = quiet_app().await;
    let v = vendor(&app, "Licentiewijs B.V.", "12121212").await;
    let svc = service(&app, v, "Kantoor").await;
    let form = SourceForm {
        kind: "json".into(),
        name: "Licentiegebruik".into(),
        url: "https://api.licentiewijs.example/usage.json".into(),
        mappings: vec![MetricMapping {
            name: "licenties_actief".into(),
            pointer: "/seats/active".into(),
            ..Default::default()
        }],
        interval_secs: "300".into(),
        enabled: true,
        ..Default::default()
    };
    let id = app.services.add_source(&system_actor(), svc.0, &form).await.unwrap();
    let s = app.sign_in(Role::Regisseur).await;
    let post = |contracted: &'static str| {
        let (s, app, id) = (&s, &app, id.to_string());
        async move {
            let fields = [
                ("csrf", s.csrf.as_str()),
                ("id", id.as_str()),
                ("form[kind]", "json"),
                ("form[name]", "Licentiegebruik"),
                ("form[url]", "https://api.licentiewijs.example/usage.json"),
                ("form[metric_names][0]", "licenties_actief"),
                ("form[metric_pointers][0]", "/seats/active"),
                ("form[metric_contracted][0]", contracted),
                ("form[interval_secs]", "300"),
                ("form[enabled]", "on"),
            ];
            app.call(&s.client, "monitoring/sources/update", &fields).await
        }
    };
    for bad in ["-5", "1,5", "veel"] {
        let res = post(bad).await;
        assert_eq!(res.status(), 422, "{bad}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["Invalid"][0]["field"], "metric_contracted_1", "{bad}");
    }
    let edit = get(&s, &app, &format!("/monitoring/bronnen/{id}/wijzigen")).await;
    assert!(edit.contains(r#"id="f-metric_contracted_1""#) && edit.contains("Gecontracteerd aantal 1"));
    // Without JavaScript the refusal comes back with the Dutch message at the row's own field.
    let (id_text, edit_path) = (id.to_string(), format!("/monitoring/bronnen/{id}/wijzigen"));
    let plain = s
        .client
        .post(app.url("/api/monitoring/sources/update"))
        .header("accept", "text/html")
        .header("referer", app.url(&edit_path))
        .form(&[
            ("csrf", s.csrf.as_str()),
            ("id", id_text.as_str()),
            ("form[kind]", "json"),
            ("form[name]", "Licentiegebruik"),
            ("form[url]", "https://api.licentiewijs.example/usage.json"),
            ("form[metric_names][0]", "licenties_actief"),
            ("form[metric_pointers][0]", "/seats/active"),
            ("form[metric_contracted][0]", "-5"),
            ("form[interval_secs]", "300"),
            ("form[enabled]", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 302);
    let back = plain.headers()["location"].to_str().unwrap().to_string();
    let back = back.strip_prefix(&app.url("")).unwrap_or(&back);
    assert!(back.starts_with(&edit_path), "back to the form: {back}");
    let refused = get(&s, &app, back).await;
    let message = r#"<p id="metric_contracted_1-error" class="utrecht-form-field-error-message">"#;
    let at = refused.find(message).unwrap_or_else(|| panic!("no error at the field: {refused}"));
    assert!(refused[at..].contains("Een negatief bedrag of aantal kan niet."));
    assert!(refused.contains(r#"aria-describedby="metric_contracted_1-hint metric_contracted_1-error""#));
    let res = post("1.500").await;
    assert!(res.status().is_success(), "{}", res.status());

    // Three days of figures: the last value of each day makes the trend.
    let now = Utc::now();
    let value = |days: i64, value: f64| store::MetricValue {
        source_id: SourceId(id),
        name: "licenties_actief".into(),
        at: now - TimeDelta::days(days),
        value,
    };
    let mut tx = app.services.db().begin().await.unwrap();
    store::insert_metric_values(&mut tx, &[value(2, 1290.0), value(1, 1300.0), value(0, 1341.0)]).await.unwrap();
    tx.commit().await.unwrap();
    let html = get(&s, &app, &format!("/monitoring/bronnen/{id}")).await;
    assert!(html.contains("1.341 van 1.500"), "{html}");
    assert!(html.contains("licenties_actief = /seats/active (gecontracteerd aantal: 1.500)"), "in the settings");
    assert!(html.contains("3 dagen: van 1.290 naar 1.341"));
    assert!(
        html.contains(r#"aria-hidden="true" focusable="false" class="rk-sparkline"><polyline points="#),
        "a line, its text beside it"
    );
    let edit = get(&s, &app, &format!("/monitoring/bronnen/{id}/wijzigen")).await;
    assert!(
        edit.contains(r#"name="form[metric_contracted][0]" type="text" value="1500""#),
        "the number is kept for editing"
    );
    app.stop().await;
}
