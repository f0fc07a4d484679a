//! Sources, clients and collectors shared by the monitoring tests.

use domain::VendorServiceId;
use service::monitoring::{
    Condition, HttpProbe, JsonSpec, PollResult, Scheduler, SchedulerConfig, SchedulerHandle, Source, SourceSpec,
    StatuspageSpec,
};
use service::outbound::{GuardConfig, GuardedClient, Method};
use std::collections::BTreeMap;
use std::time::Duration;
use store::SourceId;
use tokio::sync::mpsc;
use tokio::time::Instant;
use vendor_sim::{SimClock, SimConfig, SimHandle};

/// The test servers' address, and only that, allow-listed; a small body cap.
pub fn client() -> GuardedClient {
    GuardedClient::new(GuardConfig {
        allow: vec!["127.0.0.1/32".parse().unwrap()],
        connect_timeout: Duration::from_secs(1),
        total_timeout: Duration::from_secs(3),
        max_body_bytes: 256 * 1024,
        ..GuardConfig::default()
    })
    .unwrap()
}

/// Quick retries and a quick breaker, so that tests see them within seconds.
pub fn fast_config() -> SchedulerConfig {
    SchedulerConfig {
        retries: 1,
        retry_backoff: Duration::from_millis(50),
        breaker_threshold: 3,
        breaker_cooldown: Duration::from_millis(500),
        ..SchedulerConfig::default()
    }
}

pub async fn sim(scenarios: Vec<vendor_sim::Scenario>, clock: SimClock) -> SimHandle {
    let mut config = SimConfig::new(7, 2);
    config.scenarios = scenarios;
    vendor_sim::start(config, clock, "127.0.0.1:0".parse().unwrap()).await.unwrap()
}

pub fn source(id: i64, spec: SourceSpec, interval_ms: u64, timeout_ms: u64) -> Source {
    let (interval, timeout) = (Duration::from_millis(interval_ms), Duration::from_millis(timeout_ms));
    Source::new_for_tests(SourceId(id), VendorServiceId(id), format!("bron {id}"), spec, interval, timeout).unwrap()
}

pub fn http(url: impl Into<String>) -> SourceSpec {
    SourceSpec::Http(HttpProbe { method: Method::GET, url: url.into(), expected_status: 200, condition: None })
}

pub fn http_json(url: impl Into<String>, pointer: &str) -> SourceSpec {
    let condition = Some(Condition::JsonPointer { pointer: pointer.into(), equals: None });
    SourceSpec::Http(HttpProbe { method: Method::GET, url: url.into(), expected_status: 200, condition })
}

pub fn json(url: impl Into<String>, metrics: &[(&str, &str)]) -> SourceSpec {
    let metrics: BTreeMap<String, String> = metrics.iter().map(|(n, p)| (n.to_string(), p.to_string())).collect();
    SourceSpec::Json(JsonSpec { url: url.into(), auth: None, metrics })
}

pub fn statuspage(base_url: String, components: Vec<(String, VendorServiceId)>) -> SourceSpec {
    SourceSpec::Statuspage(StatuspageSpec { base_url, components })
}

/// A scheduler over `sources` whose results arrive on the returned receiver.
pub fn start(sources: Vec<Source>, config: SchedulerConfig) -> (SchedulerHandle, mpsc::Receiver<PollResult>) {
    let (tx, rx) = mpsc::channel(1024);
    (Scheduler::new(client(), config).spawn(sources, tx), rx)
}

/// Everything that arrives within `window`.
pub async fn collect(rx: &mut mpsc::Receiver<PollResult>, window: Duration) -> Vec<PollResult> {
    let deadline = Instant::now() + window;
    let mut out = Vec::new();
    while let Ok(Some(r)) = tokio::time::timeout_at(deadline, rx.recv()).await {
        out.push(r);
    }
    out
}

/// Receives until a result matches `want` (returned), failing after `limit`; `seen` gets everything.
pub async fn wait_for(
    rx: &mut mpsc::Receiver<PollResult>,
    limit: Duration,
    seen: &mut Vec<PollResult>,
    want: impl Fn(&PollResult) -> bool,
) -> PollResult {
    let deadline = Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(r)) => {
                seen.push(r.clone());
                if want(&r) {
                    return r;
                }
            }
            Ok(None) => panic!("scheduler stopped; seen: {seen:#?}"),
            Err(_) => panic!(
                "nothing matched within {limit:?}; last seen: {:#?}",
                seen.iter().rev().take(3).collect::<Vec<_>>()
            ),
        }
    }
}
