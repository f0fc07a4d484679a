//! Scheduled maintenance: visible from its announcement, in progress during its window, completed after;
//! unannounced work shows up only once it starts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{api, component_status, health, spawn};
use serde_json::Value;
use vendor_sim::{Scenario, SimConfig};

const DAY: i64 = 24 * 60;

fn count(doc: &Value) -> usize {
    doc["scheduled_maintenances"].as_array().unwrap().len()
}

#[tokio::test]
async fn announced_maintenance_is_upcoming_then_active_then_completed() {
    let mut config = SimConfig::new(31, 2);
    let starts = 3 * DAY;
    config.scenarios.push(Scenario::Maintenance {
        vendor: 1,
        component: 0,
        starts,
        minutes: 120,
        announced_days_ahead: Some(2),
    });
    let (sim, clock) = spawn(config).await;
    let target = sim.vendors()[1].components[0].id.clone();

    clock.set_minute(DAY - 1); // the announcement goes out at minute DAY
    assert_eq!(count(&api(&sim, 1, "scheduled-maintenances.json").await), 0);
    assert_eq!(count(&api(&sim, 1, "scheduled-maintenances/upcoming.json").await), 0);
    assert_eq!(count(&api(&sim, 1, "summary.json").await), 0);

    clock.set_minute(DAY);
    let upcoming = api(&sim, 1, "scheduled-maintenances/upcoming.json").await;
    assert_eq!(count(&upcoming), 1);
    let planned = &upcoming["scheduled_maintenances"][0];
    assert_eq!(planned["status"], "scheduled");
    assert_eq!(planned["impact"], "maintenance");
    assert_eq!(planned["created_at"], planned["incident_updates"][0]["created_at"]);
    assert_eq!(count(&api(&sim, 1, "scheduled-maintenances/active.json").await), 0);
    let summary = api(&sim, 1, "summary.json").await;
    assert_eq!(count(&summary), 1);
    assert_eq!(component_status(&summary, &target), "operational");
    assert_eq!(summary["status"]["indicator"], "none");

    clock.set_minute(starts + 1);
    let active = api(&sim, 1, "scheduled-maintenances/active.json").await;
    assert_eq!(count(&active), 1);
    assert_eq!(active["scheduled_maintenances"][0]["status"], "in_progress");
    assert_eq!(active["scheduled_maintenances"][0]["scheduled_for"], planned["scheduled_for"]);
    assert_eq!(count(&api(&sim, 1, "scheduled-maintenances/upcoming.json").await), 0);
    let summary = api(&sim, 1, "summary.json").await;
    assert_eq!(component_status(&summary, &target), "under_maintenance");
    assert_eq!(summary["status"]["indicator"], "maintenance");
    assert_eq!(health(&sim, 1).await.0, 503);

    clock.set_minute(starts + 120);
    let all = api(&sim, 1, "scheduled-maintenances.json").await;
    let done = &all["scheduled_maintenances"][0];
    assert_eq!(done["status"], "completed");
    let updates: Vec<&str> =
        done["incident_updates"].as_array().unwrap().iter().map(|u| u["status"].as_str().unwrap()).collect();
    assert_eq!(updates, ["completed", "in_progress", "scheduled"]);
    assert_eq!(done["resolved_at"], done["scheduled_until"]);
    assert_eq!(count(&api(&sim, 1, "scheduled-maintenances/active.json").await), 0);
    assert_eq!(count(&api(&sim, 1, "summary.json").await), 0);
    assert_eq!(health(&sim, 1).await.0, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn unannounced_maintenance_appears_only_when_it_starts() {
    let mut config = SimConfig::new(32, 1);
    config.scenarios.push(Scenario::Maintenance {
        vendor: 0,
        component: 2,
        starts: 90,
        minutes: 30,
        announced_days_ahead: None,
    });
    let (sim, clock) = spawn(config).await;

    clock.set_minute(89);
    assert_eq!(count(&api(&sim, 0, "scheduled-maintenances.json").await), 0);
    assert_eq!(count(&api(&sim, 0, "scheduled-maintenances/upcoming.json").await), 0);

    clock.set_minute(90);
    let active = api(&sim, 0, "scheduled-maintenances/active.json").await;
    assert_eq!(count(&active), 1);
    let work = &active["scheduled_maintenances"][0];
    assert_eq!(work["created_at"], work["scheduled_for"], "created when it started: announced zero days ahead");
    assert_eq!(work["incident_updates"].as_array().unwrap().len(), 1);
    assert_eq!(count(&api(&sim, 0, "scheduled-maintenances/upcoming.json").await), 0);
    sim.shutdown().await;
}
