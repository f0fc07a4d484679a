//! A status-page source against the simulator: component states become states of our services, an
//! outage shows as down and then up again, and incidents and maintenances come through.

use crate::support::*;
use chrono::Utc;
use domain::monitoring::CheckState;
use domain::VendorServiceId;
use std::time::Duration;
use vendor_sim::{Scenario, SimClock};

const PORTAAL: VendorServiceId = VendorServiceId(11);
const API: VendorServiceId = VendorServiceId(12);

fn state_of(r: &service::monitoring::PollResult, service: VendorServiceId) -> Option<CheckState> {
    r.states.iter().find(|(s, _)| *s == service).map(|(_, state)| *state)
}

#[tokio::test]
async fn an_outage_on_the_status_page_is_down_then_up_with_its_incident_and_maintenance() {
    let clock = SimClock::fixed(Utc::now());
    let scenarios = vec![
        Scenario::Outage { vendor: 0, component: 1, at: 10, minutes: 30 },
        Scenario::Maintenance { vendor: 0, component: 2, starts: 24 * 60, minutes: 60, announced_days_ahead: Some(5) },
    ];
    let sim = sim(scenarios, clock.clone()).await;
    let components = &sim.vendors()[0].components;
    let map = vec![(components[0].id.clone(), PORTAAL), (components[1].id.clone(), API)];
    let spec = statuspage(sim.vendor_url(0), map);
    let (handle, mut rx) = start(vec![source(1, spec, 150, 1_000)], fast_config());
    let limit = Duration::from_secs(4);
    let mut seen = Vec::new();

    let before = wait_for(&mut rx, limit, &mut seen, |r| r.states.len() == 2).await;
    assert_eq!(before.check.state, CheckState::Up, "{before:?}");
    assert_eq!(state_of(&before, API), Some(CheckState::Up));
    assert!(before.incidents.is_empty());
    let planned = before.maintenances.iter().find(|m| m.status == "scheduled").expect("announced maintenance");
    assert!(planned.scheduled_for.is_some());

    clock.set_minute(15);
    let during = wait_for(&mut rx, limit, &mut seen, |r| state_of(r, API) == Some(CheckState::Down)).await;
    assert_eq!(state_of(&during, PORTAAL), Some(CheckState::Up), "only the mapped component is down");
    let (incident, updates) = during.incidents.first().expect("an incident for the outage");
    assert_ne!(incident.status, "resolved");
    assert!(!updates.is_empty());

    clock.set_minute(50);
    let after = wait_for(&mut rx, limit, &mut seen, |r| state_of(r, API) == Some(CheckState::Up)).await;
    let resolved = after.incidents.iter().find(|(i, _)| i.vendor_incident_id == incident.vendor_incident_id);
    let (resolved, _) = resolved.expect("the incident still listed (from incidents.json)");
    assert_eq!(resolved.status, "resolved");
    assert!(resolved.resolved_at.is_some());
    // Every state the engine saw for the API went up -> down -> up, never anything else.
    let api: Vec<CheckState> = seen.iter().filter_map(|r| state_of(r, API)).collect();
    let mut changes = api.clone();
    changes.dedup();
    assert_eq!(changes, [CheckState::Up, CheckState::Down, CheckState::Up], "{api:?}");
    handle.shutdown().await;
    sim.shutdown().await;
}

/// A vendor on 127.0.0.1 that serves the given documents under `/api/v2/` (others answer 404).
async fn vendor_serving(documents: Vec<(&'static str, String)>) -> String {
    let mut app = axum::Router::new();
    for (name, body) in documents {
        let route = format!("/api/v2/{name}");
        app = app.route(&route, axum::routing::get(move || async move { body }));
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// incident.io's Statuspage-compatible summary has the lists but no `page` object.
#[tokio::test]
async fn a_status_page_without_a_page_object_is_read() {
    let summary = include_str!("../../../domain/tests/fixtures/statuspage/incidentio-summary.json");
    let base = vendor_serving(vec![("summary.json", summary.to_string())]).await;
    let map =
        vec![("01JD4ZQ8T3V6X9B2E5H8K1N4R7".to_string(), PORTAAL), ("01JD4ZQ8T3V6X9B2E5H8K1N4R8".to_string(), API)];
    let r =
        service::monitoring::connectors::poll(&client(), &source(1, statuspage(base, map), 1_000, 2_000), Utc::now())
            .await;
    assert_eq!((r.check.state, r.check.error.as_deref()), (CheckState::Up, None), "{r:?}");
    assert_eq!(r.states, [(PORTAAL, CheckState::Up), (API, CheckState::Degraded)]);
    assert_eq!(r.incidents.len(), 1);
}

fn incident_json(id: usize, status: &str, created: chrono::DateTime<Utc>) -> serde_json::Value {
    serde_json::json!({
        "id": format!("inc-{id}"), "name": format!("Storing {id}"), "status": status, "impact": "minor",
        "created_at": created.to_rfc3339(), "updated_at": created.to_rfc3339(),
    })
}

fn maintenance_json(id: usize, status: &str, starts: chrono::DateTime<Utc>) -> serde_json::Value {
    serde_json::json!({
        "id": format!("mnt-{id}"), "name": format!("Onderhoud {id}"), "status": status, "impact": "maintenance",
        "created_at": (starts - chrono::TimeDelta::days(7)).to_rfc3339(),
        "scheduled_for": starts.to_rfc3339(), "scheduled_until": (starts + chrono::TimeDelta::hours(1)).to_rfc3339(),
    })
}

#[tokio::test]
async fn a_status_page_keeps_at_most_fifty_incidents_and_maintenances_the_most_relevant_ones() {
    let now = Utc::now();
    let hours = |h: i64| now + chrono::TimeDelta::hours(h);
    // Three open incidents, older than the 200 resolved ones that follow them.
    let open: Vec<_> = (0..3).map(|i| incident_json(1000 + i, "investigating", hours(-500))).collect();
    let resolved: Vec<_> = (0..200).map(|i| incident_json(i, "resolved", hours(-(i as i64) - 1))).collect();
    // 120 completed maintenances in the past and 60 still to come (the soonest is mnt-2000).
    let done: Vec<_> = (0..120).map(|i| maintenance_json(i, "completed", hours(-(i as i64) - 2))).collect();
    let coming: Vec<_> = (0..60).map(|i| maintenance_json(2000 + i, "scheduled", hours(i as i64 + 1))).collect();
    let planned = [done, coming].concat();
    let summary = serde_json::json!({
        "page": {"id": "p", "name": "Grootleverancier"},
        "status": {"indicator": "minor"},
        "components": [],
        "incidents": open,
        "scheduled_maintenances": [],
    });
    let base = vendor_serving(vec![
        ("summary.json", summary.to_string()),
        ("incidents.json", serde_json::json!({ "incidents": resolved }).to_string()),
        ("scheduled-maintenances.json", serde_json::json!({ "scheduled_maintenances": planned }).to_string()),
    ])
    .await;
    let r =
        service::monitoring::connectors::poll(&client(), &source(1, statuspage(base, Vec::new()), 1_000, 2_000), now)
            .await;
    assert_eq!(r.check.state, CheckState::Up, "{r:?}");
    let incidents: Vec<&str> = r.incidents.iter().map(|(i, _)| i.vendor_incident_id.as_str()).collect();
    assert_eq!(incidents.len(), 50);
    for id in ["inc-1000", "inc-1001", "inc-1002", "inc-0", "inc-46"] {
        assert!(incidents.contains(&id), "{id} is kept: {incidents:?}");
    }
    assert!(!incidents.contains(&"inc-47"), "the older resolved incidents give way");
    let maintenances: Vec<&str> = r.maintenances.iter().map(|m| m.vendor_maintenance_id.as_str()).collect();
    assert_eq!(maintenances.len(), 50);
    assert!(maintenances.contains(&"mnt-2000") && maintenances.contains(&"mnt-2049"), "{maintenances:?}");
    assert!(!maintenances.contains(&"mnt-2050"), "the 50 soonest upcoming maintenances are kept");
}
