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
