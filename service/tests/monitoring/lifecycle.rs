//! Concurrency limits, JSON metrics and shutdown.

use crate::support::*;
use axum::routing::get;
use axum::Router;
use domain::monitoring::CheckState;
use service::monitoring::SchedulerConfig;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vendor_sim::SimClock;

/// A server that takes 100 ms per request and remembers the most requests it had in flight at once.
async fn gauged() -> (String, Arc<AtomicUsize>) {
    let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (n, m) = (Arc::clone(&now), Arc::clone(&most));
    let app = Router::new().route(
        "/slow",
        get(move || {
            let (n, m) = (Arc::clone(&n), Arc::clone(&m));
            async move {
                let current = n.fetch_add(1, Ordering::SeqCst) + 1;
                m.fetch_max(current, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(100)).await;
                n.fetch_sub(1, Ordering::SeqCst);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/slow", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, most)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_more_polls_run_against_one_host_than_its_limit() {
    let (url, most) = gauged().await;
    let sources = (1..=6).map(|id| source(id, http(url.clone()), 100, 1_000)).collect();
    let (handle, mut rx) = start(sources, SchedulerConfig { max_per_host: 2, ..fast_config() });
    let results = collect(&mut rx, Duration::from_millis(1_200)).await;
    handle.shutdown().await;
    assert!(results.len() >= 8, "{}", results.len());
    assert!(results.iter().all(|r| r.check.state == CheckState::Up));
    assert_eq!(most.load(Ordering::SeqCst), 2, "six sources, at most two requests at a time");
}

#[tokio::test]
async fn a_json_source_reads_named_figures_and_says_which_are_missing() {
    let sim = sim(Vec::new(), SimClock::real()).await;
    let usage = format!("{}/usage.json", sim.vendor_url(0));
    let good = json(usage.clone(), &[("actief", "/seats/active"), ("opslag", "/storage_gb")]);
    let partial = json(usage, &[("actief", "/seats/active"), ("ontbreekt", "/seats/nope")]);
    let (handle, mut rx) = start(vec![source(1, good, 200, 1_000), source(2, partial, 200, 1_000)], fast_config());
    let mut seen = Vec::new();
    let first = wait_for(&mut rx, Duration::from_secs(3), &mut seen, |r| r.source.0 == 1).await;
    assert_eq!(first.check.state, CheckState::Up);
    let names: Vec<&str> = first.metrics.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["actief", "opslag"]);
    assert!(first.metrics.iter().all(|(_, v)| *v > 0.0));
    assert!(first.states.is_empty(), "usage figures say nothing about availability");
    let second = wait_for(&mut rx, Duration::from_secs(3), &mut seen, |r| r.source.0 == 2).await;
    assert_eq!(second.check.state, CheckState::Degraded);
    assert_eq!(second.check.error.as_deref(), Some("Geen getal gevonden voor 'ontbreekt' (/seats/nope)."));
    handle.shutdown().await;
    sim.shutdown().await;
}

#[tokio::test]
async fn shutdown_is_prompt_even_while_a_vendor_hangs_and_closes_the_channel() {
    let sim = sim(Vec::new(), SimClock::real()).await;
    let hang = source(1, http(format!("{}/fault/hang", sim.base_url())), 100, 10_000);
    let healthy = source(2, http(format!("{}/health", sim.vendor_url(0))), 100, 1_000);
    let (handle, mut rx) = start(vec![hang, healthy], fast_config());
    let before = collect(&mut rx, Duration::from_millis(500)).await;
    assert!(before.iter().any(|r| r.source.0 == 2));
    let stopping = Instant::now();
    handle.shutdown().await;
    assert!(stopping.elapsed() < Duration::from_secs(1), "shutdown took {:?}", stopping.elapsed());
    // Whatever was already sent may still be read; then the channel is closed.
    let rest = tokio::time::timeout(Duration::from_secs(1), async { while rx.recv().await.is_some() {} }).await;
    assert!(rest.is_ok(), "the scheduler's sender is gone after shutdown");
    sim.shutdown().await;
}
