//! The monitoring-source use cases (`service::sources`) on SQLite and PostgreSQL: authorisation for
//! every role on every use case, secrets sealed and never returned, push tokens, and field checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "sources_forms.rs"]
#[allow(dead_code)]
mod forms;
#[path = "use_cases/support.rs"]
#[allow(dead_code)]
mod support;

use domain::policy::{allowed, Action};
use domain::views_monitoring::SourceForm;
use domain::{Problem, Role};
use forms::{http_form, json_form, push_form};
use service::outbound::GuardConfig;
use service::secrets::{open, SecretKey};
use service::sources::SecretChange;
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
        UseCase::Update => s.update_source(a, http, &http_form("Hernoemd"), SecretChange::Keep).await,
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
        problem_at(s.update_source(&admin, id, &short, SecretChange::Keep).await, "interval_secs"),
        Problem::IntervalTooShort { min: 10 }
    );
    assert!(matches!(s.add_source(&admin, 999_999, &http_form("Zwevend")).await, Err(ServiceError::NotFound)));

    let log = audit_log(db).await;
    assert!(log.iter().any(|e| e.record.action == "source.create" && e.record.object == format!("source:{id}")));

    // Testing a source that cannot be reached gives a report, not an error, and is audited.
    let report = s.test_source(&admin, id).await.unwrap();
    assert_eq!(report["ok"], false, "{report}");
    assert!(audit_log(db).await.iter().any(|e| e.record.action == "source.test"));
}
store::on_both_databases!(bad_settings_are_refused_at_their_field);

/// The source's secret in plain text, or `None` when it has none.
async fn opened_secret(db: &Db, key: &SecretKey, id: i64) -> Option<String> {
    let raw = raw_text(db, "SELECT secret_sealed FROM sources WHERE id = $1", id).await?;
    Some(open(key, &raw, &service::monitoring::secret_aad(SourceId(id))).unwrap().expose().to_string())
}

async fn a_refused_update_changes_neither_the_settings_nor_the_secret(db: &Db) {
    let key = key();
    let s = with_key(db, &key);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "atomair").await;
    let id = s.add_source(&admin, r.service.0, &json_form("Verbruik")).await.unwrap();
    s.set_source_secret(&admin, id, Some(PLAINTEXT.into())).await.unwrap();
    let before = audit_log(db).await.len();
    let name = || async { s.source_detail(&admin, id).await.unwrap().source.name };

    let short = SourceForm { interval_secs: "5".into(), ..json_form("Hernoemd") };
    let new_secret = || SecretChange::Set(service::secrets::Secret::new("nieuwe-sleutel"));
    let e = s.update_source(&admin, id, &short, new_secret()).await;
    assert_eq!(problem_at(e, "interval_secs"), Problem::IntervalTooShort { min: 10 });
    // A secret that is too long is reported together with the form's fields.
    let long = SecretChange::Set(service::secrets::Secret::new("x".repeat(4_001)));
    let Err(ServiceError::Invalid(both)) = s.update_source(&admin, id, &short, long).await else { panic!() };
    assert_eq!(both.for_field("secret"), Some(Problem::TooLong { max: service::sources::MAX_SECRET_CHARS }));
    assert!(both.for_field("interval_secs").is_some(), "{both:?}");
    // Without a key a new secret is refused, and the settings are not saved either.
    let keyless = services(db);
    let e = keyless.update_source(&admin, id, &json_form("Hernoemd"), new_secret()).await.unwrap_err();
    assert!(matches!(&e, ServiceError::Conflict(m) if m == service::sources::NO_KEY), "{e:?}");

    assert_eq!(opened_secret(db, &key, id).await.as_deref(), Some(PLAINTEXT), "the secret is unchanged");
    assert_eq!(name().await, "Verbruik", "the settings are unchanged");
    assert_eq!(audit_log(db).await.len(), before, "nothing was audited as changed");

    // Accepted, both change in one transaction, each audited.
    s.update_source(&admin, id, &json_form("Hernoemd"), new_secret()).await.unwrap();
    assert_eq!(opened_secret(db, &key, id).await.as_deref(), Some("nieuwe-sleutel"));
    assert_eq!(name().await, "Hernoemd");
    let actions: Vec<String> = audit_log(db).await[before..].iter().map(|e| e.record.action.clone()).collect();
    assert_eq!(actions, ["source.secret", "source.update"]);
    s.update_source(&admin, id, &json_form("Hernoemd"), SecretChange::Remove).await.unwrap();
    assert_eq!(opened_secret(db, &key, id).await, None);
}
store::on_both_databases!(a_refused_update_changes_neither_the_settings_nor_the_secret);

async fn moving_the_address_to_another_origin_removes_the_secret(db: &Db) {
    let key = key();
    let s = with_key(db, &key);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "verhuisd").await;
    let id = s.add_source(&admin, r.service.0, &json_form("Verbruik")).await.unwrap();
    let at = |url: &str| SourceForm { url: url.into(), ..json_form("Verbruik") };
    let set = || SecretChange::Set(service::secrets::Secret::new(PLAINTEXT));

    for same in ["https://api.leverancier.example/v2/usage?maand=1", "HTTPS://API.leverancier.example:443/usage"] {
        s.update_source(&admin, id, &at("https://api.leverancier.example/usage"), set()).await.unwrap();
        s.update_source(&admin, id, &at(same), SecretChange::Keep).await.unwrap();
        assert_eq!(opened_secret(db, &key, id).await.as_deref(), Some(PLAINTEXT), "{same}");
    }
    for moved in [
        "https://aanvaller.example/usage",
        "http://api.leverancier.example/usage",
        "https://api.leverancier.example:8443/usage",
        "https://leverancier.example/usage",
    ] {
        s.update_source(&admin, id, &at("https://api.leverancier.example/usage"), set()).await.unwrap();
        let seen = audit_log(db).await.len();
        s.update_source(&admin, id, &at(moved), SecretChange::Keep).await.unwrap();
        assert_eq!(opened_secret(db, &key, id).await, None, "{moved} kept the secret");
        let new = audit_log(db).await;
        let removal = new[seen..].iter().find(|e| e.record.action == "source.secret").expect("the removal is audited");
        assert_eq!(removal.record.detail.as_deref(), Some("removed: the address moved to another origin"));
    }
    // Entered again with the new address, it stays.
    s.update_source(&admin, id, &at("https://nieuw.leverancier.example/usage"), set()).await.unwrap();
    assert_eq!(opened_secret(db, &key, id).await.as_deref(), Some(PLAINTEXT));
    assert!(s.source_detail(&admin, id).await.unwrap().source.has_secret);
}
store::on_both_databases!(moving_the_address_to_another_origin_removes_the_secret);

async fn a_source_whose_address_the_guard_refuses_is_not_saved(db: &Db) {
    // The name resolves (through the guard's fixed answers, as DNS would) to a private address.
    let guard = GuardConfig {
        hosts: vec![("intern.leverancier.example".into(), "10.1.2.3".parse().unwrap())],
        ..GuardConfig::default()
    };
    let s = services(db).with_monitoring(None, guard.clone());
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let r = register(&s, "adres").await;
    let refused = |result: Result<(), ServiceError>, says: &str| match result {
        Err(ServiceError::Invalid(inv)) => {
            assert_eq!(inv.for_field("url"), Some(Problem::AddressRefused), "{says}");
            let why = inv.detail_for("url").unwrap_or_default();
            assert!(why.contains(says) && why.contains("mag niet worden benaderd"), "{why}");
        }
        other => panic!("{says}: expected a refusal at url, got {other:?}"),
    };
    for (url, says) in [
        ("http://127.0.0.1:8080/health", "127.0.0.1 is een adres van deze computer zelf"),
        ("http://169.254.169.254/latest/meta-data/", "metadatadienst"),
        ("https://intern.leverancier.example/health", "intern.leverancier.example verwijst naar 10.1.2.3"),
    ] {
        let form = SourceForm { url: url.into(), ..http_form("Portaal") };
        refused(s.add_source(&admin, r.service.0, &form).await.map(drop), says);
    }
    let status = SourceForm { kind: "statuspage".into(), url: "http://[::1]/".into(), ..http_form("Status") };
    refused(s.add_source(&admin, r.service.0, &status).await.map(drop), "::1");
    assert!(s.list_sources(&admin).await.unwrap().is_empty(), "nothing was stored");

    // A saved source cannot be moved to such an address either; push sources have none.
    let id = s.add_source(&admin, r.service.0, &http_form("Portaal")).await.unwrap();
    let private = SourceForm { url: "http://10.0.0.5/health".into(), ..http_form("Portaal") };
    refused(s.update_source(&admin, id, &private, SecretChange::Keep).await, "10.0.0.5 is een intern netwerkadres");
    assert_eq!(s.source_detail(&admin, id).await.unwrap().source.form.url, "http://portaal.leverancier.example/health");
    s.add_source(&admin, r.service.0, &push_form("Batch")).await.unwrap();

    // An address the administrator allow-listed (monitoring.allow) is saved.
    let allowed = GuardConfig { allow: vec!["10.1.0.0/16".parse().unwrap()], ..guard };
    let s = services(db).with_monitoring(None, allowed);
    let on_prem = SourceForm { url: "https://intern.leverancier.example/health".into(), ..http_form("Intern") };
    s.add_source(&admin, r.service.0, &on_prem).await.unwrap();
}
store::on_both_databases!(a_source_whose_address_the_guard_refuses_is_not_saved);
