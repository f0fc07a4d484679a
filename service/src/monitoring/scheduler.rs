//! The scheduler: a due-time queue of sources, woken with jitter, polled under a global and a per-host
//! concurrency limit, with confirmation retries before a failure counts and a circuit breaker per host.
//! Each poll runs as its own task bounded by the source's timeout, so a slow or hanging vendor only ever
//! holds its own host's permits: other vendors keep their schedule.

use super::breaker::{Admission, Breakers};
use super::lag::LagHistogram;
use super::source::{Source, SourceSpec};
use super::{connectors, PollResult};
use crate::outbound::GuardedClient;
use chrono::{SubsecRound, Utc};
use domain::monitoring::{CheckResult, CheckState};
use rand::Rng;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, Semaphore};
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// How the scheduler behaves; the defaults suit production.
#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    /// Polls in flight at once, over all hosts.
    pub max_concurrent: usize,
    /// Polls in flight at once against one host (name and port).
    pub max_per_host: usize,
    /// Extra attempts after a failed poll before the failure is recorded.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub retry_backoff: Duration,
    /// Consecutive failed polls of a host that open its circuit.
    pub breaker_threshold: u32,
    /// How long an open circuit stays open before one probe may try (doubled after a failed probe,
    /// up to 16 times this).
    pub breaker_cooldown: Duration,
    /// Each due time moves by a random amount of up to this fraction of the interval, either way, so
    /// that sources added together do not poll in lockstep.
    pub jitter: f64,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            max_concurrent: 32,
            max_per_host: 2,
            retries: 2,
            retry_backoff: Duration::from_secs(2),
            breaker_threshold: 5,
            breaker_cooldown: Duration::from_secs(60),
            jitter: 0.1,
        }
    }
}

/// Builds and starts the polling loop.
#[derive(Debug, Clone)]
pub struct Scheduler {
    client: GuardedClient,
    config: SchedulerConfig,
}

/// The running scheduler. [`SchedulerHandle::shutdown`] stops it and waits; dropping the handle
/// stops it without waiting.
#[derive(Debug)]
pub struct SchedulerHandle {
    cancel: CancellationToken,
    task: Option<JoinHandle<()>>,
    lag: Arc<LagHistogram>,
}

impl SchedulerHandle {
    /// Stops polling: in-flight polls are abandoned and their results dropped. When this returns, the
    /// scheduler's sender is gone, so the writer flushes what it has and ends.
    pub async fn shutdown(mut self) {
        self.cancel.cancel();
        if let Some(task) = self.task.take() {
            if let Err(e) = task.await {
                tracing::error!(error = %e, "scheduler task failed");
            }
        }
    }

    /// How late polls started their first request compared with their due time (including the wait for
    /// the concurrency limits), since the scheduler started.
    pub fn lag(&self) -> Arc<LagHistogram> {
        Arc::clone(&self.lag)
    }

    /// A token that stops the scheduler when cancelled (e.g. on SIGTERM).
    pub fn cancel_token(&self) -> CancellationToken {
        self.cancel.clone()
    }
}

impl Drop for SchedulerHandle {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// What every poll task shares.
struct Shared {
    client: GuardedClient,
    config: SchedulerConfig,
    global: Semaphore,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    breakers: Breakers,
    results: mpsc::Sender<PollResult>,
    cancel: CancellationToken,
    lag: Arc<LagHistogram>,
}

impl Scheduler {
    pub fn new(client: GuardedClient, config: SchedulerConfig) -> Self {
        Scheduler { client, config }
    }

    /// Starts polling `sources` (push sources have no spec and are not given here), sending every
    /// result to `results`.
    pub fn spawn(self, sources: Vec<Source>, results: mpsc::Sender<PollResult>) -> SchedulerHandle {
        let cancel = CancellationToken::new();
        let lag = Arc::new(LagHistogram::default());
        let shared = Arc::new(Shared {
            lag: Arc::clone(&lag),
            global: Semaphore::new(self.config.max_concurrent.max(1)),
            breakers: Breakers::new(self.config.breaker_threshold, self.config.breaker_cooldown),
            client: self.client,
            config: self.config,
            hosts: Mutex::new(HashMap::new()),
            results,
            cancel: cancel.clone(),
        });
        let task = tokio::spawn(run(shared, sources.into_iter().map(Arc::new).collect()));
        SchedulerHandle { cancel, task: Some(task), lag }
    }
}

/// The main loop: sleep until the earliest due time, start that poll, queue its next turn.
async fn run(shared: Arc<Shared>, sources: Vec<Arc<Source>>) {
    let now = Instant::now();
    let mut queue: BinaryHeap<Reverse<(Instant, usize)>> = BinaryHeap::new();
    for (i, s) in sources.iter().enumerate() {
        // Spread the first polls over the first interval, so a restart does not poll everything at once.
        let spread = s.interval.mul_f64(rand::thread_rng().gen::<f64>());
        queue.push(Reverse((now + spread, i)));
    }
    let mut polls: JoinSet<()> = JoinSet::new();
    // Which source each poll task serves, so that a source is free again even if its task panicked.
    let mut tasks: HashMap<tokio::task::Id, usize> = HashMap::new();
    let mut in_flight: HashSet<usize> = HashSet::new();
    loop {
        let next = queue.peek().map(|Reverse((due, _))| *due);
        tokio::select! {
            () = shared.cancel.cancelled() => break,
            Some(done) = polls.join_next_with_id(), if !polls.is_empty() => {
                let id = match done {
                    Ok((id, _)) => id,
                    Err(e) => {
                        tracing::error!(error = %e, "poll task failed");
                        e.id()
                    }
                };
                if let Some(i) = tasks.remove(&id) {
                    in_flight.remove(&i);
                }
            }
            () = sleep_until(next) => {
                let Some(Reverse((due, i))) = queue.pop() else { continue };
                let source = &sources[i];
                queue.push(Reverse((next_due(due, source.interval, shared.config.jitter), i)));
                if !in_flight.insert(i) {
                    tracing::debug!(source = %source.id, "previous poll still running, turn skipped");
                    continue;
                }
                let (shared, source) = (Arc::clone(&shared), Arc::clone(source));
                let task = polls.spawn(async move {
                    let cancel = shared.cancel.clone();
                    tokio::select! {
                        () = cancel.cancelled() => {}
                        () = poll_source(&shared, &source, due) => {}
                    }
                });
                tasks.insert(task.id(), i);
            }
        }
    }
    // Every poll task watches the same token, so this ends promptly.
    while polls.join_next().await.is_some() {}
    tracing::info!("scheduler stopped");
}

async fn sleep_until(due: Option<Instant>) {
    match due {
        Some(due) => tokio::time::sleep_until(due).await,
        None => std::future::pending().await,
    }
}

/// The next turn counts from the planned one, not from when the poll ended, so slow polls do not
/// make the schedule drift; a turn already in the past is moved to now.
fn next_due(due: Instant, interval: Duration, jitter: f64) -> Instant {
    let j = jitter.clamp(0.0, 0.5);
    let factor = 1.0 + if j > 0.0 { rand::thread_rng().gen_range(-j..j) } else { 0.0 };
    (due + interval.mul_f64(factor)).max(Instant::now())
}

/// One poll of one source: breaker, permits, attempts with backoff, breaker bookkeeping, send.
async fn poll_source(shared: &Shared, source: &Source, due: Instant) {
    let host = host_key(&source.spec.url());
    // Microseconds: the finest precision both databases keep.
    let at = Utc::now().trunc_subsecs(6);
    let probe = match shared.breakers.admit(&host, Instant::now()) {
        Admission::Closed => false,
        Admission::Probe => true,
        Admission::Open { failures, retry_in } => {
            let _ = shared.results.send(circuit_open(source, &host, failures, retry_in, at)).await;
            return;
        }
    };
    let cfg = &shared.config;
    let mut backoff = cfg.retry_backoff;
    let mut attempts = 1;
    let mut result = attempt(shared, source, &host, at, Some(due)).await;
    while result.failed() && attempts <= cfg.retries && !probe {
        tokio::time::sleep(backoff).await;
        backoff = backoff.saturating_mul(2);
        attempts += 1;
        result = attempt(shared, source, &host, at, None).await;
    }
    result.attempts = attempts;
    result.stale_after = stale_after(source, cfg);
    shared.breakers.record(&host, !result.failed(), probe, Instant::now());
    if shared.results.send(result).await.is_err() {
        tracing::warn!(source = %source.id, "writer gone, poll result dropped");
    }
}

/// One request under both limits. Permits are held for the request only, not while backing off. For
/// the first attempt `due` is the planned start: the delay until the permits are held is the lag.
async fn attempt(
    shared: &Shared,
    source: &Source,
    host: &str,
    at: chrono::DateTime<Utc>,
    due: Option<Instant>,
) -> PollResult {
    let per_host = {
        let mut hosts = shared.hosts.lock().unwrap_or_else(|p| p.into_inner());
        let limit = shared.config.max_per_host.max(1);
        Arc::clone(hosts.entry(host.to_string()).or_insert_with(|| Arc::new(Semaphore::new(limit))))
    };
    let (Ok(_host_permit), Ok(_global_permit)) = (per_host.acquire().await, shared.global.acquire().await) else {
        return PollResult::new(source.id, CheckResult::new(at, CheckState::Down));
    };
    if let Some(due) = due {
        shared.lag.record(Instant::now().saturating_duration_since(due));
    }
    // The connector bounds every request by the timeout; this bounds the whole poll as a last resort.
    let limit = source.timeout * 2 + Duration::from_millis(250);
    match tokio::time::timeout(limit, connectors::poll(&shared.client, source, at)).await {
        Ok(result) => result,
        Err(_) => {
            let error = crate::outbound::FetchError::Timeout { after: source.timeout }.message_nl();
            let mut result = PollResult::new(
                source.id,
                CheckResult { error: Some(error), ..CheckResult::new(at, CheckState::Down) },
            );
            if matches!(source.spec, SourceSpec::Http(_)) {
                result.states.push((source.service_id, CheckState::Down));
            }
            result
        }
    }
}

/// A check that was not made because the host's circuit is open. For an http probe it counts as down
/// (the host has been failing); a status page's services are left to go stale (unknown).
fn circuit_open(
    source: &Source,
    host: &str,
    failures: u32,
    retry_in: Duration,
    at: chrono::DateTime<Utc>,
) -> PollResult {
    let error = format!(
        "Niet gecontroleerd: {host} faalde {failures} keer achter elkaar; over {} seconden volgt een nieuwe poging.",
        retry_in.as_secs().max(1)
    );
    let mut result =
        PollResult::new(source.id, CheckResult { error: Some(error), ..CheckResult::new(at, CheckState::Down) });
    if matches!(source.spec, SourceSpec::Http(_)) {
        result.states.push((source.service_id, CheckState::Down));
    }
    result.attempts = 0;
    result
}

/// How long a result stays valid: three intervals plus the longest a poll with retries can take.
fn stale_after(source: &Source, cfg: &SchedulerConfig) -> Duration {
    let attempts = cfg.retries + 1;
    let backoffs = cfg.retry_backoff.saturating_mul((1u32 << cfg.retries.min(16)).saturating_sub(1));
    (source.interval * 3 + source.timeout * attempts + backoffs).max(Duration::from_secs(1))
}

/// `host:port` of a URL; the unit of the per-host limit and the circuit breaker.
pub fn host_key(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!("{}:{}", u.host_str().unwrap_or_default(), u.port_or_known_default().unwrap_or(0)),
        Err(_) => String::new(),
    }
}
