//! Shared helpers for the integration tests: a simulator on a free port with a manual clock, and HTTP
//! clients that always time out, so no test can hang on a misbehaving endpoint.
#![allow(dead_code)]

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;
use vendor_sim::{SimClock, SimConfig, SimHandle};

/// The timeline start used by the tests: a Monday morning in winter time.
pub fn origin() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 8, 0, 0).unwrap()
}

/// A running simulator and the manual clock it reads (standing at the timeline start).
pub async fn spawn(config: SimConfig) -> (SimHandle, SimClock) {
    let clock = SimClock::fixed(origin());
    let sim = vendor_sim::start(config, clock.clone(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
    (sim, clock)
}

/// A client with a 10 s overall timeout that follows no redirects.
pub fn client() -> reqwest::Client {
    client_with_timeout(Duration::from_secs(10))
}

pub fn client_with_timeout(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .no_gzip()
        .build()
        .unwrap()
}

pub async fn get_bytes(url: &str) -> Vec<u8> {
    let response = client().get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    response.bytes().await.unwrap().to_vec()
}

pub async fn get_json(url: &str) -> Value {
    serde_json::from_slice(&get_bytes(url).await).unwrap()
}

/// Vendor `vendor`'s document at `path` below `api/v2/`.
pub async fn api(sim: &SimHandle, vendor: usize, path: &str) -> Value {
    get_json(&format!("{}/api/v2/{path}", sim.vendor_url(vendor))).await
}

/// The status of the component with `id` in a `components` array.
pub fn component_status<'a>(doc: &'a Value, id: &str) -> &'a str {
    doc["components"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["status"].as_str().unwrap()
}

/// The HTTP status and elapsed time of the vendor's health endpoint.
pub async fn health(sim: &SimHandle, vendor: usize) -> (u16, Duration) {
    let started = std::time::Instant::now();
    let response = client().get(format!("{}/health", sim.vendor_url(vendor))).send().await.unwrap();
    (response.status().as_u16(), started.elapsed())
}
