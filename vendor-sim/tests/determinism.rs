//! The same seed, scenarios and instant give byte-identical documents; another seed gives other vendors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{get_bytes, spawn};
use vendor_sim::SimConfig;

const PATHS: [&str; 10] = [
    "api/v2/summary.json",
    "api/v2/status.json",
    "api/v2/components.json",
    "api/v2/incidents.json",
    "api/v2/incidents/unresolved.json",
    "api/v2/scheduled-maintenances.json",
    "api/v2/scheduled-maintenances/upcoming.json",
    "api/v2/scheduled-maintenances/active.json",
    "usage.json",
    "health",
];

#[tokio::test]
async fn two_simulators_with_the_same_seed_serve_identical_bytes() {
    let (a, clock_a) = spawn(SimConfig::demo(11, 7)).await;
    let (b, clock_b) = spawn(SimConfig::demo(11, 7)).await;
    for minute in [-200, 0, 12, 30, 3000] {
        clock_a.set_minute(minute);
        clock_b.set_minute(minute);
        for vendor in 0..7 {
            for path in PATHS.iter().filter(|p| **p != "health") {
                let left = get_bytes(&format!("{}/{path}", a.vendor_url(vendor))).await;
                let right = get_bytes(&format!("{}/{path}", b.vendor_url(vendor))).await;
                assert_eq!(left, right, "vendor {vendor} {path} at minute {minute}");
            }
        }
    }
    assert_eq!(get_bytes(&format!("{}/", a.base_url())).await, get_bytes(&format!("{}/", b.base_url())).await);
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test]
async fn another_seed_gives_other_vendors() {
    let (a, _) = spawn(SimConfig::new(1, 5)).await;
    let (b, _) = spawn(SimConfig::new(2, 5)).await;
    let names = |sim: &vendor_sim::SimHandle| sim.vendors().iter().map(|v| v.name.clone()).collect::<Vec<_>>();
    assert_ne!(names(&a), names(&b));
    let left = get_bytes(&format!("{}/api/v2/summary.json", a.vendor_url(0))).await;
    let right = get_bytes(&format!("{}/api/v2/summary.json", b.vendor_url(0))).await;
    assert_ne!(left, right);
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test]
async fn every_vendor_endpoint_answers() {
    let (sim, _) = spawn(SimConfig::demo(3, 4)).await;
    for vendor in 0..4 {
        for path in PATHS {
            let response = common::client().get(format!("{}/{path}", sim.vendor_url(vendor))).send().await.unwrap();
            assert!([200, 503].contains(&response.status().as_u16()), "vendor {vendor} {path}");
        }
    }
    let missing = common::client().get(format!("{}/api/v2/summary.json", sim.vendor_url(4))).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    sim.shutdown().await;
}
