//! The monitoring-source use cases (`service::sources`) on SQLite and PostgreSQL: authorisation for
//! every role on every use case, secrets sealed and never returned, push tokens, and field checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "use_cases/support.rs"]
#[allow(dead_code)]
mod support;

use domain::policy::{allowed, Action};
use domain::views_monitoring::SourceForm;
use domain::{Problem, Role};
use service::outbound::GuardConfig;
use service::secrets::{open, SecretKey};
use service::{Actor, ServiceError, Services};
use store::{Db, SourceId};
use support::{audit_log, problem_at, register, services, user};

const PLAINTEXT: &str = "Bearer geheim-token-1234567890";

fn key() -> SecretKey {
    SecretKey::parse(&SecretKey::generate()).unwrap()
}

/// The use cases with a secret key configured.
fn with_key(db: &Db, key: &SecretKey) -> Services {
    services(db).with_monitoring(Some(key.clone()), GuardConfig::default())
}

/// An HTTP source on a documentation address (192.0.2.0/24), which the guard refuses without any
/// network traffic, so that testing it is fast and deterministic.
fn http_form(name: &str) -> SourceForm {
    SourceForm {
        kind: "http".into(),
        name: name.into(),
        url: "http://192.0.2.10/health".into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}

fn json_form(name: &str) -> SourceForm {
    SourceForm {
        kind: "json".into(),
        name: name.into(),
        url: "https://api.leverancier.example/usage".into(),
        auth_header: "Authorization".into(),
        mappings: vec![domain::views_monitoring::MetricMapping { name: "gebruik".into(), pointer: "/used".into() }],
        interval_secs: "300".into(),
        enabled: true,
        ..Default::default()
    }
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

async fn raw_text(db: &Db, sql: &'static str, id: i64) -> Option<String> {
    match db {
        Db::Sqlite { write, .. } => sqlx::query_scalar(sql).bind(id).fetch_one(write).await.unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(id).fetch_one(pool).await.unwrap(),
    }
}

#[derive(Debug, Clone, Copy)]
enum UseCase {
    List,
    Detail,
    Add,
    Update,
    Remove,
    SetSecret,
    PushToken,
    Test,
}

const USE_CASES: [(UseCase, Action); 8] = [
    (UseCase::List, Action::ViewMonitoring),
    (UseCase::Detail, Action::ViewMonitoring),
    (UseCase::Add, Action::ManageSources),
    (UseCase::Update, Action::ManageSources),
    (UseCase::Remove, Action::ManageSources),
    (UseCase::SetSecret, Action::ManageSources),
    (UseCase::PushToken, Action::ManageSources),
    (UseCase::Test, Action::ManageSources),
];

async fn call(s: &Services, a: &Actor, uc: UseCase, service: i64, http: i64, push: i64) -> Result<(), ServiceError> {
    match uc {
        UseCase::List => s.list_sources(a).await.map(drop),
        UseCase::Detail => s.source_detail(a, http).await.map(drop),
        UseCase::Add => s.add_source(a, service, &http_form("Nieuw")).await.map(drop),
        UseCase::Update => s.update_source(a, http, &http_form("Hernoemd")).await,
        UseCase::Remove => s.remove_source(a, push).await,
        UseCase::SetSecret => s.set_source_secret(a, http, Some(PLAINTEXT.into())).await,
        UseCase::PushToken => s.new_push_token(a, push).await.map(drop),
        UseCase::Test => s.test_source(a, http).await.map(drop),
    }
}

async fn every_role_on_every_source_use_case(db: &Db) {
    let key = key();
    let s = with_key(db, &key);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let mut mismatches = Vec::new();
    for role in Role::ALL {
        let actor = user(&s, &format!("rol-{}", role.as_str()), role).await;
        for (n, (uc, action)) in USE_CASES.into_iter().enumerate() {
            let r = register(&s, &format!("{}-{n}", role.as_str())).await;
            let http = s.add_source(&admin, r.service.0, &http_form("Portaal")).await.unwrap();
            let push = s.add_source(&admin, r.service.0, &push_form("Batch")).await.unwrap();
            let before = audit_log(db).await.len();
            let result = call(&s, &actor, uc, r.service.0, http, push).await;
            let entries = audit_log(db).await;
            match (allowed(role, action), result) {
                (true, Ok(())) => {}
                (false, Err(ServiceError::Forbidden)) => {
                    let new = &entries[before..];
                    if !(new.len() == 1 && new[0].record.result == "denied") {
                        mismatches.push(format!("{role:?} {uc:?}: refused without one denied entry"));
                    }
                }
                (allowed, other) => mismatches.push(format!("{role:?} {uc:?}: allowed={allowed}, got {other:?}")),
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
store::on_both_databases!(every_role_on_every_source_use_case);

async fn the_secret_is_sealed_and_never_returned(db: &Db) {
    let key = key();
    let s = with_key(db, &key);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "sleutel").await;
    let id = s.add_source(&admin, r.service.0, &json_form("Verbruik")).await.unwrap();
    s.set_source_secret(&admin, id, Some(PLAINTEXT.into())).await.unwrap();

    let raw = raw_text(db, "SELECT secret_sealed FROM sources WHERE id = $1", id).await.unwrap();
    assert!(raw.starts_with(&format!("v1:{}:", key.id())), "sealed: {raw}");
    assert!(!raw.contains("geheim-token"), "the plaintext is not stored");
    let opened = open(&key, &raw, &service::monitoring::secret_aad(SourceId(id))).unwrap();
    assert_eq!(opened.expose(), PLAINTEXT, "the poller's associated data opens it");

    let list = s.list_sources(&admin).await.unwrap();
    let detail = s.source_detail(&admin, id).await.unwrap();
    assert!(detail.source.has_secret);
    for shown in [serde_json::to_string(&list).unwrap(), serde_json::to_string(&detail).unwrap()] {
        assert!(!shown.contains("geheim-token") && !shown.contains(&raw), "{shown}");
    }
    let audit =
        serde_json::to_string(&audit_log(db).await.iter().map(|e| &e.record.detail).collect::<Vec<_>>()).unwrap();
    assert!(!audit.contains("geheim-token"), "{audit}");

    s.set_source_secret(&admin, id, None).await.unwrap();
    assert_eq!(raw_text(db, "SELECT secret_sealed FROM sources WHERE id = $1", id).await, None);

    let keyless = services(db);
    let e = keyless.set_source_secret(&admin, id, Some(PLAINTEXT.into())).await.unwrap_err();
    assert!(matches!(&e, ServiceError::Conflict(m) if m == service::sources::NO_KEY), "{e:?}");
}
store::on_both_databases!(the_secret_is_sealed_and_never_returned);

async fn pushes_need_the_right_token_and_a_valid_payload(db: &Db) {
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "push").await;
    let id = s.add_source(&admin, r.service.0, &push_form("Nachtbatch")).await.unwrap();
    let token = s.new_push_token(&admin, id).await.unwrap();
    assert_eq!(token.len(), 64);
    let stored = raw_text(db, "SELECT push_token_hash FROM sources WHERE id = $1", id).await.unwrap();
    assert_ne!(stored, token, "only the hash is stored");
    assert_eq!(stored, service::sources::push_token_hash(&token));

    let ok = br#"{"state": "up", "latency_ms": 120, "status_code": 200}"#;
    let wrong = "0".repeat(64);
    assert!(matches!(s.ingest_push(&wrong, ok).await, Err(ServiceError::Unauthenticated)));
    assert!(matches!(s.ingest_push("", ok).await, Err(ServiceError::Unauthenticated)));
    assert_eq!(store::count_checks(db, SourceId(id)).await.unwrap(), 0);

    assert_eq!(s.ingest_push(&token, ok).await.unwrap(), id);
    assert_eq!(problem_at(s.ingest_push(&token, br#"{"state": "kapot"}"#).await, "state"), Problem::UnknownChoice);
    assert!(matches!(s.ingest_push(&token, b"geen json").await, Err(ServiceError::Invalid(_))));
    assert!(matches!(s.ingest_push(&token, br#"{"state": "up", "extra": 1}"#).await, Err(ServiceError::Invalid(_))));
    s.ingest_push(&token, br#"{"state": "down", "error": "Batch mislukt"}"#).await.unwrap();
    assert_eq!(store::count_checks(db, SourceId(id)).await.unwrap(), 2);
    let detail = s.source_detail(&admin, id).await.unwrap();
    assert_eq!(detail.checks.len(), 2);
    assert!(detail.last_error.unwrap().message.contains("Batch mislukt"));
    // The overview shows the newest check and its error.
    let listed = s.list_sources(&admin).await.unwrap().into_iter().find(|v| v.id == id).unwrap();
    let status = listed.status.clone().unwrap();
    assert_eq!(status.state, domain::monitoring::CheckState::Down);
    assert!(!status.stale);
    assert_eq!(listed.current_state(), Some(domain::monitoring::CheckState::Down));
    assert!(status.last_error.unwrap().message.contains("Batch mislukt"));
    // Five minutes later (beyond three 60 s intervals plus a minute) that check no longer counts.
    let later = support::services_at(db, support::t0() + chrono::TimeDelta::minutes(5));
    let listed = later.list_sources(&admin).await.unwrap().into_iter().find(|v| v.id == id).unwrap();
    assert!(listed.status.unwrap().stale);
    let listed = later.list_sources(&admin).await.unwrap().into_iter().find(|v| v.id == id).unwrap();
    assert_eq!(listed.current_state(), None, "a stale check is unknown");

    // A new token replaces the old one.
    let newer = s.new_push_token(&admin, id).await.unwrap();
    assert!(matches!(s.ingest_push(&token, ok).await, Err(ServiceError::Unauthenticated)));
    s.ingest_push(&newer, ok).await.unwrap();

    // Only push sources get tokens.
    let http = s.add_source(&admin, r.service.0, &http_form("Portaal")).await.unwrap();
    assert_eq!(problem_at(s.new_push_token(&admin, http).await, "kind"), Problem::UnknownChoice);
}
store::on_both_databases!(pushes_need_the_right_token_and_a_valid_payload);

async fn bad_settings_are_refused_at_their_field(db: &Db) {
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "velden").await;
    let short = SourceForm { interval_secs: "5".into(), ..http_form("Te vaak") };
    assert_eq!(
        problem_at(s.add_source(&admin, r.service.0, &short).await, "interval_secs"),
        Problem::IntervalTooShort { min: 10 }
    );
    let ftp = SourceForm { url: "ftp://leverancier.example/status".into(), ..http_form("FTP") };
    assert_eq!(problem_at(s.add_source(&admin, r.service.0, &ftp).await, "url"), Problem::UrlFormat);
    assert!(s.list_sources(&admin).await.unwrap().is_empty(), "nothing was stored");

    let id = s.add_source(&admin, r.service.0, &http_form("Portaal")).await.unwrap();
    assert_eq!(
        problem_at(s.update_source(&admin, id, &short).await, "interval_secs"),
        Problem::IntervalTooShort { min: 10 }
    );
    assert!(matches!(s.add_source(&admin, 999_999, &http_form("Zwevend")).await, Err(ServiceError::NotFound)));

    let log = audit_log(db).await;
    assert!(log.iter().any(|e| e.record.action == "source.create" && e.record.object == format!("source:{id}")));

    // Testing a source refused by the guard gives a report, not an error, and is audited.
    let report = s.test_source(&admin, id).await.unwrap();
    assert_eq!(report["ok"], false, "{report}");
    assert!(audit_log(db).await.iter().any(|e| e.record.action == "source.test"));
}
store::on_both_databases!(bad_settings_are_refused_at_their_field);

async fn the_vendor_page_shows_states_per_service_and_source_the_day_and_vendor_events(db: &Db) {
    use chrono::{DurationRound, TimeDelta};
    use domain::monitoring::{CheckResult, CheckState};
    use service::monitoring::{PollResult, Writer, WriterConfig};
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "vm").await;
    let probe = s.add_source(&admin, r.service.0, &http_form("Portaal")).await.unwrap();
    let pushed = s.add_source(&admin, r.service.0, &push_form("Nachtbatch")).await.unwrap();
    let other = register(&s, "ander").await;
    s.add_source(&admin, other.service.0, &http_form("Andermans portaal")).await.unwrap();

    // Two checks in the previous hour (up, then degraded) for the probe; the push source reports down now.
    let now = support::t0();
    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    let result = |source: i64, at, state| {
        let mut p =
            PollResult::new(SourceId(source), CheckResult { latency_ms: Some(80), ..CheckResult::new(at, state) });
        p.states.push((r.service, state));
        p.stale_after = std::time::Duration::from_secs(3 * 3600);
        p
    };
    let hour_ago = now - TimeDelta::minutes(50);
    let mut incident = result(probe, hour_ago + TimeDelta::minutes(1), CheckState::Degraded);
    incident.incidents.push((
        store::IncidentRow {
            vendor_incident_id: "inc-9".into(),
            name: "Traag inloggen".into(),
            status: "identified".into(),
            impact: "minor".into(),
            created_at: hour_ago,
            updated_at: hour_ago + TimeDelta::minutes(1),
            resolved_at: None,
            shortlink: None,
        },
        vec![
            store::IncidentUpdateRow {
                vendor_update_id: "u1".into(),
                status: "investigating".into(),
                body: "We onderzoeken het.".into(),
                created_at: hour_ago,
            },
            store::IncidentUpdateRow {
                vendor_update_id: "u2".into(),
                status: "identified".into(),
                body: "Oorzaak gevonden.".into(),
                created_at: hour_ago + TimeDelta::minutes(1),
            },
        ],
    ));
    let batch = [result(probe, hour_ago, CheckState::Up), incident, result(pushed, now, CheckState::Down)];
    writer.commit(&batch, now).await.unwrap();

    let m = s.vendor_monitoring(&admin, r.vendor).await.unwrap();
    assert_eq!(m.services.len(), 1);
    let service = &m.services[0];
    assert_eq!(service.state, Some(CheckState::Down), "the worst source wins");
    assert_eq!(service.since, Some(now));
    assert_eq!(service.reported_by, ["Nachtbatch", "Portaal"]);
    let names: Vec<&str> = m.sources.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names.len(), 2, "only this vendor's sources: {names:?}");
    assert_eq!(m.days.len(), 2);
    let probe_day = &m.days[m.sources.iter().position(|v| v.id == probe).unwrap()];
    assert_eq!(probe_day.hours.len(), 24);
    let first = now.duration_trunc(TimeDelta::hours(1)).unwrap() - TimeDelta::hours(23);
    assert_eq!(probe_day.hours[0].start, first);
    let busy: Vec<_> = probe_day.hours.iter().filter(|h| h.count > 0).collect();
    assert_eq!(busy.len(), 1);
    assert_eq!((busy[0].up, busy[0].degraded), (1, 1));
    assert_eq!(probe_day.up_ratio, Some(0.5));
    assert_eq!(m.open_incidents.len(), 1);
    let latest = m.open_incidents[0].latest_update.clone().unwrap();
    assert_eq!((latest.status.as_str(), latest.body.as_str()), ("identified", "Oorzaak gevonden."));

    // Roles without monitoring are refused; an unknown vendor is not found.
    for role in Role::ALL {
        let who = user(&s, &format!("vm-{}", role.as_str()), role).await;
        let outcome = s.vendor_monitoring(&who, r.vendor).await;
        if allowed(role, Action::ViewMonitoring) {
            assert!(outcome.is_ok(), "{role:?}");
        } else {
            assert!(matches!(outcome, Err(ServiceError::Forbidden)), "{role:?}");
        }
    }
    assert!(matches!(s.vendor_monitoring(&admin, domain::VendorId(999_999)).await, Err(ServiceError::NotFound)));
}
store::on_both_databases!(the_vendor_page_shows_states_per_service_and_source_the_day_and_vendor_events);

fn statuspage_form(name: &str, base: &str) -> SourceForm {
    SourceForm {
        kind: "statuspage".into(),
        name: name.into(),
        url: base.into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}

async fn status_page_components_are_listed_and_mapped_to_the_vendors_services(db: &Db) {
    use domain::views_monitoring::ComponentMapping;
    let sim = vendor_sim::start(
        vendor_sim::SimConfig::new(3, 1),
        vendor_sim::SimClock::real(),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .unwrap();
    let guard = GuardConfig { allow: vec!["127.0.0.0/8".parse().unwrap()], ..GuardConfig::default() };
    let s = services(db).with_monitoring(None, guard);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "comp").await;
    let other = register(&s, "ander").await;
    let page = s.add_source(&admin, r.service.0, &statuspage_form("Status", &sim.vendor_url(0))).await.unwrap();

    let choices = s.component_choices(&admin, page).await.unwrap();
    assert_eq!(choices.fetch_error, None);
    let expected: Vec<&str> = sim.vendors()[0].components.iter().map(|c| c.name.as_str()).collect();
    let names: Vec<&str> = choices.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, expected, "the page's components, groups left out");
    assert!(choices.components.iter().all(|c| c.listed && c.service_id.is_none()));
    assert_eq!(choices.services, [(r.service, "Zaaksysteem".to_string())]);

    let first = choices.components[0].id.clone();
    let map = |service| vec![ComponentMapping { vendor_component_id: first.clone(), service_id: service }];
    s.map_source_components(&admin, page, &map(Some(r.service))).await.unwrap();
    let after = s.component_choices(&admin, page).await.unwrap();
    assert_eq!(after.components[0].service_id, Some(r.service));
    assert!(audit_log(db)
        .await
        .iter()
        .any(|e| e.record.action == "source.components.update" && e.record.object == format!("source:{page}")));

    // Saving the settings form keeps the map (the form does not carry it).
    s.update_source(&admin, page, &statuspage_form("Status (nieuw)", &sim.vendor_url(0))).await.unwrap();
    assert_eq!(store::source_components(db, SourceId(page)).await.unwrap().len(), 1);

    // Another vendor's service, a duplicate component, a non-status-page source: refused, nothing changed.
    assert_eq!(
        problem_at(s.map_source_components(&admin, page, &map(Some(other.service))).await, "components"),
        Problem::UnknownChoice
    );
    let twice = [map(None), map(None)].concat();
    assert_eq!(problem_at(s.map_source_components(&admin, page, &twice).await, "components"), Problem::UnknownChoice);
    let http = s.add_source(&admin, r.service.0, &http_form("Portaal")).await.unwrap();
    assert_eq!(problem_at(s.map_source_components(&admin, http, &[]).await, "kind"), Problem::UnknownChoice);
    assert_eq!(problem_at(s.component_choices(&admin, http).await, "kind"), Problem::UnknownChoice);
    assert_eq!(store::source_components(db, SourceId(page)).await.unwrap()[0].service_id, Some(r.service));

    // Only managers of sources; a status page that cannot be read still shows the stored map.
    for role in Role::ALL {
        let who = user(&s, &format!("comp-{}", role.as_str()), role).await;
        let outcome = s.component_choices(&who, page).await;
        assert_eq!(outcome.is_ok(), allowed(role, Action::ManageSources), "{role:?}");
    }
    let unreachable = statuspage_form("Status", "http://192.0.2.10/status");
    s.update_source(&admin, page, &unreachable).await.unwrap();
    let offline = s.component_choices(&admin, page).await.unwrap();
    assert!(offline.fetch_error.is_some());
    assert_eq!(offline.components.len(), 1);
    assert!(!offline.components[0].listed);
    assert_eq!(offline.components[0].service_id, Some(r.service));
    sim.shutdown().await;
}
store::on_both_databases!(status_page_components_are_listed_and_mapped_to_the_vendors_services);

async fn a_certificate_that_expires_within_30_days_is_flagged(db: &Db) {
    use chrono::TimeDelta;
    use domain::monitoring::{CheckResult, CheckState};
    use service::monitoring::{PollResult, Writer, WriterConfig};
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "tls").await;
    let soon = s.add_source(&admin, r.service.0, &http_form("Bijna verlopen")).await.unwrap();
    let later = s.add_source(&admin, r.service.0, &http_form("Nog lang geldig")).await.unwrap();
    let now = support::t0();
    let checked = |source: i64, days| {
        let mut p = PollResult::new(SourceId(source), CheckResult::new(now, CheckState::Up));
        p.tls_expiry = Some(now + TimeDelta::days(days));
        p
    };
    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    writer.commit(&[checked(soon, 29), checked(later, 31)], now).await.unwrap();
    let listed = s.list_sources(&admin).await.unwrap();
    let status = |id: i64| listed.iter().find(|v| v.id == id).unwrap().status.clone().unwrap();
    assert_eq!(status(soon).tls_expires_at, Some(now + TimeDelta::days(29)));
    assert!(status(soon).tls_expires_soon);
    assert!(!status(later).tls_expires_soon);
    let detail = s.source_detail(&admin, soon).await.unwrap();
    assert!(detail.source.status.unwrap().tls_expires_soon);
}
store::on_both_databases!(a_certificate_that_expires_within_30_days_is_flagged);
