//! The documents have Statuspage's field names and value sets, so connectors written against them also
//! parse real vendors' pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use common::{api, get_json, spawn};
use serde_json::Value;
use vendor_sim::{Scenario, SimConfig, Tz};

fn keys(value: &Value) -> BTreeSet<&str> {
    value.as_object().unwrap().keys().map(String::as_str).collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

const COMPONENT_FIELDS: [&str; 12] = [
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "position",
    "description",
    "showcase",
    "group_id",
    "page_id",
    "group",
    "only_show_if_degraded",
];
const COMPONENT_STATUSES: [&str; 5] =
    ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];

#[tokio::test]
async fn summary_has_statuspage_fields_and_value_sets() {
    let mut config = SimConfig::new(5, 12);
    config.scenarios.push(Scenario::IncidentProgression { vendor: 0, component: 0, at: 0, steps_minutes: [5, 5, 5] });
    config.scenarios.push(Scenario::Maintenance {
        vendor: 0,
        component: 2,
        starts: 60,
        minutes: 30,
        announced_days_ahead: Some(1),
    });
    let (sim, clock) = spawn(config).await;
    clock.set_minute(7);
    for vendor in 0..12 {
        let doc = api(&sim, vendor, "summary.json").await;
        assert_eq!(keys(&doc), set(&["page", "components", "incidents", "scheduled_maintenances", "status"]));
        assert_eq!(keys(&doc["page"]), set(&["id", "name", "url", "time_zone", "updated_at"]));
        assert_eq!(keys(&doc["status"]), set(&["indicator", "description"]));
        let indicator = doc["status"]["indicator"].as_str().unwrap();
        assert!(["none", "minor", "major", "critical", "maintenance"].contains(&indicator));
        let components = doc["components"].as_array().unwrap();
        let leaves: Vec<&Value> = components.iter().filter(|c| c["group"] == false).collect();
        assert!((3..=6).contains(&leaves.len()), "vendor {vendor}: {} leaves", leaves.len());
        for component in components {
            let mut expected = set(&COMPONENT_FIELDS);
            if component["group"] == true {
                expected.insert("components");
                for member in component["components"].as_array().unwrap() {
                    let child = components.iter().find(|c| c["id"] == *member).unwrap();
                    assert_eq!(child["group_id"], component["id"]);
                }
            }
            assert_eq!(keys(component), expected);
            assert!(COMPONENT_STATUSES.contains(&component["status"].as_str().unwrap()));
            assert_eq!(component["page_id"], doc["page"]["id"]);
        }
    }
    let doc = api(&sim, 0, "summary.json").await;
    let incident = &doc["incidents"][0];
    let mut fields = set(&[
        "id",
        "name",
        "status",
        "created_at",
        "updated_at",
        "monitoring_at",
        "resolved_at",
        "impact",
        "shortlink",
        "started_at",
        "page_id",
        "incident_updates",
        "components",
    ]);
    assert_eq!(keys(incident), fields);
    let update = &incident["incident_updates"][0];
    assert_eq!(
        keys(update),
        set(&[
            "id",
            "status",
            "body",
            "incident_id",
            "created_at",
            "updated_at",
            "display_at",
            "affected_components",
            "deliver_notifications",
            "custom_tweet",
            "tweet_id",
        ])
    );
    assert_eq!(keys(&update["affected_components"][0]), set(&["code", "name", "old_status", "new_status"]));
    let maintenance = &doc["scheduled_maintenances"][0];
    fields.extend(["scheduled_for", "scheduled_until"]);
    assert_eq!(keys(maintenance), fields);
    assert_eq!(maintenance["impact"], "maintenance");
    sim.shutdown().await;
}

#[tokio::test]
async fn timestamps_are_written_in_the_page_time_zone() {
    let vendors = vendor_sim::catalog(9, 40);
    let zone = |tz: Tz| vendors.iter().find(|v| v.time_zone == tz).unwrap().index;
    // 10 March 2025 08:00 UTC: Amsterdam is on CET (+01:00), Los Angeles already on PDT (-07:00).
    let cases = [
        (zone(Tz::Europe__Amsterdam), "2025-03-10T09:00:00.000+01:00"),
        (zone(Tz::Etc__UTC), "2025-03-10T08:00:00.000Z"),
        (zone(Tz::America__Los_Angeles), "2025-03-10T01:00:00.000-07:00"),
    ];
    let mut config = SimConfig::new(9, 40);
    for (vendor, _) in cases {
        config.scenarios.push(Scenario::Outage { vendor, component: 0, at: 0, minutes: 10 });
    }
    let (sim, _) = spawn(config).await;
    for (vendor, expected) in cases {
        let doc = api(&sim, vendor, "summary.json").await;
        assert_eq!(doc["page"]["time_zone"], vendors[vendor].time_zone.name());
        assert_eq!(doc["page"]["updated_at"], expected);
        assert_eq!(doc["incidents"][0]["created_at"], expected);
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn usage_reports_seats_storage_and_calls() {
    let (sim, clock) = spawn(SimConfig::new(4, 3)).await;
    let doc = get_json(&format!("{}/usage.json", sim.vendor_url(2))).await;
    assert_eq!(keys(&doc), set(&["seats", "storage_gb", "api_calls_month", "as_of"]));
    assert_eq!(keys(&doc["seats"]), set(&["purchased", "assigned", "active"]));
    assert!(doc["seats"]["active"].as_u64().unwrap() <= doc["seats"]["assigned"].as_u64().unwrap());
    assert!(doc["storage_gb"].as_f64().unwrap() > 0.0);
    assert_eq!(doc["as_of"], "2025-03-10T08:00:00.000Z");
    clock.set_minute(3 * 24 * 60);
    let later = get_json(&format!("{}/usage.json", sim.vendor_url(2))).await;
    assert!(later["api_calls_month"].as_u64().unwrap() > doc["api_calls_month"].as_u64().unwrap());
    sim.shutdown().await;
}
