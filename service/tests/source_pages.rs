//! What the monitoring pages read through the source use cases, on SQLite and PostgreSQL: the vendor
//! page (states per service and source, the day, vendor events), the status-page component mapping,
//! and the certificate-expiry flag.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "sources_forms.rs"]
#[allow(dead_code)]
mod forms;
#[path = "use_cases/support.rs"]
#[allow(dead_code)]
mod support;

use domain::policy::{allowed, Action};
use domain::{Problem, Role};
use forms::{http_form, push_form, statuspage_form};
use service::outbound::GuardConfig;
use service::sources::SecretChange;
use service::ServiceError;
use store::{Db, SourceId};
use support::{audit_log, problem_at, register, services, user};

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
    s.update_source(&admin, page, &statuspage_form("Status (nieuw)", &sim.vendor_url(0)), SecretChange::Keep)
        .await
        .unwrap();
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
    let unreachable = statuspage_form("Status", "http://status.onbereikbaar.example");
    s.update_source(&admin, page, &unreachable, SecretChange::Keep).await.unwrap();
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
