//! Confirmation retries: one failure followed by success is not recorded as down; a persistent failure
//! is recorded only after every retry.

use crate::support::*;
use axum::routing::get;
use axum::Router;
use domain::monitoring::CheckState;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use vendor_sim::SimClock;

/// A server whose first request fails with 503; every later one succeeds.
async fn fails_once() -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let app = Router::new().route(
        "/flaky",
        get(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                let status =
                    if n == 0 { axum::http::StatusCode::SERVICE_UNAVAILABLE } else { axum::http::StatusCode::OK };
                (status, "ok")
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/flaky", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, hits)
}

#[tokio::test]
async fn a_source_that_fails_once_then_succeeds_is_not_recorded_down() {
    let (url, hits) = fails_once().await;
    let (handle, mut rx) = start(vec![source(1, http(url), 200, 500)], fast_config());
    let results = collect(&mut rx, Duration::from_millis(1_200)).await;
    handle.shutdown().await;
    assert!(results.len() >= 3, "{results:?}");
    assert!(results.iter().all(|r| r.check.state == CheckState::Up), "{results:#?}");
    assert_eq!(results[0].attempts, 2, "the first poll needed its retry");
    assert!(results[1..].iter().all(|r| r.attempts == 1));
    assert_eq!(hits.load(Ordering::SeqCst), results.len() + 1);
}

#[tokio::test]
async fn a_persistent_failure_is_recorded_down_after_every_retry() {
    let sim = sim(Vec::new(), SimClock::real()).await;
    let config = service::monitoring::SchedulerConfig { retries: 2, breaker_threshold: 100, ..fast_config() };
    let (handle, mut rx) = start(vec![source(1, http(format!("{}/fault/5xx", sim.base_url())), 200, 500)], config);
    let results = collect(&mut rx, Duration::from_millis(1_000)).await;
    handle.shutdown().await;
    assert!(!results.is_empty());
    for r in &results {
        assert_eq!((r.check.state, r.attempts, r.check.status_code), (CheckState::Down, 3, Some(503)));
        assert_eq!(r.states, vec![(domain::VendorServiceId(1), CheckState::Down)]);
    }
    sim.shutdown().await;
}
