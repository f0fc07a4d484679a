//! The simulator stays bounded and stops cleanly: streaming hostile bodies does not grow its memory, and
//! shutdown closes hanging and endless connections instead of waiting for them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{client_with_timeout, spawn};
use vendor_sim::SimConfig;

#[tokio::test]
async fn shutdown_closes_hanging_and_endless_connections_promptly() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let base = sim.base_url();
    let patient = client_with_timeout(Duration::from_secs(30));
    let hanging = tokio::spawn({
        let request = patient.get(format!("{base}/fault/hang"));
        async move { request.send().await }
    });
    let mut endless = patient.get(format!("{base}/fault/endless")).send().await.unwrap();
    assert!(endless.chunk().await.unwrap().is_some());
    tokio::time::sleep(Duration::from_millis(200)).await; // let the hang request arrive

    tokio::time::timeout(Duration::from_secs(5), sim.shutdown()).await.expect("shutdown does not wait for clients");

    let hung = tokio::time::timeout(Duration::from_secs(5), hanging).await.unwrap().unwrap();
    assert!(hung.is_err_and(|e| !e.is_timeout()), "the hanging request is cut off, not left to time out");
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match endless.chunk().await {
                Ok(Some(_)) => continue,
                other => return other.is_err(),
            }
        }
    })
    .await
    .unwrap();
    assert!(ended, "the endless body is cut off");
    let refused = client_with_timeout(Duration::from_secs(5)).get(format!("{base}/")).send().await.unwrap_err();
    assert!(refused.is_connect(), "{refused:?}");
}

#[cfg(target_os = "linux")]
fn resident_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap() * 1024
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn streaming_hostile_bodies_does_not_grow_memory() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let client = client_with_timeout(Duration::from_secs(120));
    // Warm up: first use of each mode allocates its shared chunks.
    for mode in ["huge", "endless", "gzip-bomb"] {
        let mut response = client.get(format!("{}/fault/{mode}", sim.base_url())).send().await.unwrap();
        for _ in 0..64 {
            if response.chunk().await.unwrap().is_none() {
                break;
            }
        }
    }
    let before = resident_bytes();
    for _ in 0..2 {
        let mut huge = client.get(format!("{}/fault/huge", sim.base_url())).send().await.unwrap();
        while huge.chunk().await.unwrap().is_some() {}
    }
    let mut endless = client.get(format!("{}/fault/endless", sim.base_url())).send().await.unwrap();
    let mut received = 0usize;
    while received < 200 << 20 {
        received += endless.chunk().await.unwrap().map_or(0, |c| c.len());
    }
    drop(endless);
    let grown = resident_bytes().saturating_sub(before);
    assert!(grown < 32 << 20, "resident memory grew by {} MiB while streaming 300 MiB", grown >> 20);
    sim.shutdown().await;
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn extra_listeners_serve_the_same_vendors_on_other_loopback_hosts_and_stop_with_the_rest() {
    let extra: Vec<std::net::IpAddr> = vec!["127.0.0.2".parse().unwrap(), "127.0.0.3".parse().unwrap()];
    let sim = vendor_sim::start_with_listeners(
        SimConfig::new(5, 2),
        vendor_sim::SimClock::fixed(chrono::Utc::now()),
        "127.0.0.1:0".parse().unwrap(),
        "127.0.0.1:0".parse().unwrap(),
        &extra,
    )
    .await
    .unwrap();
    assert_eq!(sim.extra_addrs.len(), 2);
    let client = client_with_timeout(Duration::from_secs(5));
    let main = client.get(format!("{}/v/1/api/v2/summary.json", sim.base_url())).send().await.unwrap();
    let main = main.text().await.unwrap();
    for addr in sim.extra_addrs.clone() {
        assert_eq!(addr.port(), sim.addr.port(), "extra listeners share the main port");
        let other = client.get(format!("http://{addr}/v/1/api/v2/summary.json")).send().await.unwrap();
        assert_eq!(other.text().await.unwrap(), main, "{addr} serves the same simulation");
    }
    let gone = sim.extra_addrs[1];
    sim.shutdown().await;
    let refused = client.get(format!("http://{gone}/")).send().await.unwrap_err();
    assert!(refused.is_connect(), "{refused:?}");
}
