//! Each scenario's effect on the documents and the health endpoint before, during and after it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{api, component_status, health, spawn};
use serde_json::Value;
use vendor_sim::{Scenario, SimConfig, DEGRADED_HEALTH_DELAY};

fn statuses(incident: &Value) -> Vec<&str> {
    incident["incident_updates"].as_array().unwrap().iter().map(|u| u["status"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn outage_takes_the_component_down_only_while_it_lasts() {
    let mut config = SimConfig::new(21, 3);
    config.scenarios.push(Scenario::Outage { vendor: 1, component: 2, at: 10, minutes: 30 });
    let (sim, clock) = spawn(config).await;
    let target = sim.vendors()[1].components[2].id.clone();

    clock.set_minute(9);
    let before = api(&sim, 1, "summary.json").await;
    assert_eq!(component_status(&before, &target), "operational");
    assert_eq!(before["status"]["indicator"], "none");
    assert_eq!(before["incidents"].as_array().unwrap().len(), 0);
    assert_eq!(api(&sim, 1, "incidents.json").await["incidents"].as_array().unwrap().len(), 0);
    assert_eq!(health(&sim, 1).await.0, 200);

    clock.set_minute(10);
    let during = api(&sim, 1, "summary.json").await;
    assert_eq!(component_status(&during, &target), "major_outage");
    assert_eq!(during["status"]["indicator"], "major");
    let incident = &during["incidents"][0];
    assert_eq!(incident["status"], "investigating");
    assert_eq!(incident["impact"], "major");
    assert_eq!(incident["resolved_at"], Value::Null);
    assert_eq!(incident["incident_updates"][0]["affected_components"][0]["new_status"], "major_outage");
    assert_eq!(api(&sim, 1, "incidents/unresolved.json").await["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(health(&sim, 1).await.0, 503);
    assert_eq!(health(&sim, 0).await.0, 200, "other vendors are unaffected");

    clock.set_minute(40);
    let after = api(&sim, 1, "summary.json").await;
    assert_eq!(component_status(&after, &target), "operational");
    assert_eq!(after["status"]["indicator"], "none");
    assert_eq!(after["incidents"].as_array().unwrap().len(), 0);
    assert_eq!(api(&sim, 1, "incidents/unresolved.json").await["incidents"].as_array().unwrap().len(), 0);
    let history = api(&sim, 1, "incidents.json").await;
    let resolved = &history["incidents"][0];
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(statuses(resolved), ["resolved", "investigating"]);
    assert_eq!(resolved["resolved_at"], resolved["incident_updates"][0]["created_at"]);
    assert_eq!(health(&sim, 1).await.0, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn degradation_slows_health_and_raises_a_minor_indicator() {
    let mut config = SimConfig::new(22, 2);
    config.scenarios.push(Scenario::Degraded { vendor: 0, component: 0, at: 0, minutes: 60 });
    let (sim, clock) = spawn(config).await;
    let target = sim.vendors()[0].components[0].id.clone();

    clock.set_minute(-1);
    let (code, fast) = health(&sim, 0).await;
    assert_eq!(code, 200);
    assert!(fast < DEGRADED_HEALTH_DELAY);

    clock.set_minute(30);
    let during = api(&sim, 0, "summary.json").await;
    assert_eq!(component_status(&during, &target), "degraded_performance");
    assert_eq!(during["status"]["indicator"], "minor");
    assert_eq!(during["incidents"][0]["impact"], "minor");
    let (code, slow) = health(&sim, 0).await;
    assert_eq!(code, 200);
    assert!(slow >= DEGRADED_HEALTH_DELAY, "took {slow:?}");

    clock.set_minute(60);
    let after = api(&sim, 0, "summary.json").await;
    assert_eq!(component_status(&after, &target), "operational");
    assert_eq!(after["status"]["indicator"], "none");
    assert!(health(&sim, 0).await.1 < DEGRADED_HEALTH_DELAY);
    sim.shutdown().await;
}

#[tokio::test]
async fn incident_progression_posts_updates_in_order_newest_first() {
    let mut config = SimConfig::new(23, 1);
    config.scenarios.push(Scenario::IncidentProgression {
        vendor: 0,
        component: 1,
        at: 5,
        steps_minutes: [10, 20, 30],
    });
    let (sim, clock) = spawn(config).await;
    let target = sim.vendors()[0].components[1].id.clone();

    clock.set_minute(4);
    assert_eq!(api(&sim, 0, "incidents.json").await["incidents"].as_array().unwrap().len(), 0);

    let expectations: [(i64, &[&str], &str, &str); 4] = [
        (5, &["investigating"], "partial_outage", "minor"),
        (15, &["identified", "investigating"], "partial_outage", "minor"),
        (35, &["monitoring", "identified", "investigating"], "degraded_performance", "minor"),
        (65, &["resolved", "monitoring", "identified", "investigating"], "operational", "none"),
    ];
    for (minute, updates, component, indicator) in expectations {
        clock.set_minute(minute);
        let doc = api(&sim, 0, "incidents.json").await;
        let incident = &doc["incidents"][0];
        assert_eq!(statuses(incident), updates, "minute {minute}");
        assert_eq!(incident["status"], updates[0]);
        assert_eq!(incident["updated_at"], incident["incident_updates"][0]["created_at"]);
        let summary = api(&sim, 0, "summary.json").await;
        assert_eq!(component_status(&summary, &target), component, "minute {minute}");
        assert_eq!(summary["status"]["indicator"], indicator, "minute {minute}");
    }
    let incident = &api(&sim, 0, "incidents.json").await["incidents"][0];
    assert_eq!(incident["monitoring_at"], incident["incident_updates"][1]["created_at"]);
    assert_eq!(incident["resolved_at"], incident["incident_updates"][0]["created_at"]);
    let changes: Vec<(&str, &str)> = incident["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let affected = &u["affected_components"][0];
            (affected["old_status"].as_str().unwrap(), affected["new_status"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("degraded_performance", "operational"),
            ("partial_outage", "degraded_performance"),
            ("partial_outage", "partial_outage"),
            ("operational", "partial_outage"),
        ]
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn scenarios_naming_missing_vendors_or_components_are_refused() {
    let clock = vendor_sim::SimClock::fixed(common::origin());
    let addr = "127.0.0.1:0".parse().unwrap();
    let mut config = SimConfig::new(1, 2);
    config.scenarios.push(Scenario::Outage { vendor: 2, component: 0, at: 0, minutes: 5 });
    let refused = vendor_sim::start(config, clock.clone(), addr).await.unwrap_err();
    assert!(matches!(refused, vendor_sim::SimError::InvalidScenario { index: 0, .. }), "{refused}");
    let mut config = SimConfig::new(1, 2);
    config.scenarios.push(Scenario::Degraded { vendor: 0, component: 6, at: 0, minutes: 5 });
    assert!(vendor_sim::start(config, clock, addr).await.is_err());
}
