//! The one writer: receives [`PollResult`]s from the scheduler and commits them in batches (up to
//! `max_batch` results, or whatever arrived within `flush_every`), each batch in ONE transaction:
//! raw checks, each source's newest status, state-interval changes, hourly and daily rollups, figures
//! from JSON sources, vendor incidents and maintenances.
//! Interval trackers live here, one per (source, service), resumed from the open intervals at start.

use super::PollResult;
use chrono::{DateTime, TimeDelta, Utc};
use domain::monitoring::{day_start, hour_start, IntervalChange, IntervalTracker, Observation, Rollup};
use domain::VendorServiceId;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;
use store::{Db, Granularity, SourceId, StoreError};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Batch size and rhythm.
#[derive(Debug, Clone)]
pub struct WriterConfig {
    /// Results per transaction at most.
    pub max_batch: usize,
    /// A batch is committed at least this often while results arrive.
    pub flush_every: Duration,
    /// Staleness for resumed intervals until their source's first result says otherwise.
    pub default_stale_after: Duration,
    /// Times a failing batch is tried before it is dropped (and logged).
    pub max_attempts: u32,
}

impl Default for WriterConfig {
    fn default() -> Self {
        WriterConfig {
            max_batch: 500,
            flush_every: Duration::from_secs(1),
            default_stale_after: Duration::from_secs(300),
            max_attempts: 3,
        }
    }
}

/// What the writer did, returned when it ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriterStats {
    pub batches: u64,
    pub checks: u64,
    pub interval_changes: u64,
    pub failed_batches: u64,
    pub dropped_results: u64,
    /// Figures from JSON sources stored.
    pub metrics: u64,
}

type Key = (SourceId, VendorServiceId);

/// The store-backed receiving end of the scheduler's channel.
#[derive(Debug)]
pub struct Writer {
    db: Db,
    config: WriterConfig,
    trackers: HashMap<Key, IntervalTracker>,
    /// The staleness each tracker was last built with.
    stale: HashMap<Key, TimeDelta>,
    stats: WriterStats,
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}

impl Writer {
    /// A writer whose trackers continue the intervals left open in the store.
    #[tracing::instrument(skip_all)]
    pub async fn resume(db: Db, config: WriterConfig) -> Result<Writer, StoreError> {
        let stale = delta(config.default_stale_after);
        let trackers = store::open_intervals(&db)
            .await?
            .into_iter()
            .map(|o| {
                let open = Some((o.interval.state, o.interval.start));
                ((o.source_id, o.service_id), IntervalTracker::resume(stale, open, Some(o.last_seen)))
            })
            .collect();
        Ok(Writer { db, config, trackers, stale: HashMap::new(), stats: WriterStats::default() })
    }

    /// Runs [`Writer::run`] as a task.
    pub fn spawn(self, results: mpsc::Receiver<PollResult>) -> JoinHandle<WriterStats> {
        tokio::spawn(self.run(results))
    }

    /// Receives until every sender is gone, committing as it goes; the last batch is committed before
    /// it returns.
    pub async fn run(mut self, mut results: mpsc::Receiver<PollResult>) -> WriterStats {
        let mut batch: Vec<PollResult> = Vec::new();
        let mut attempts = 0;
        let mut tick = tokio::time::interval(self.config.flush_every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let closed = tokio::select! {
                received = results.recv() => match received {
                    Some(r) => {
                        batch.push(r);
                        if batch.len() < self.config.max_batch.max(1) {
                            continue;
                        }
                        false
                    }
                    None => true,
                },
                _ = tick.tick() => false,
            };
            match self.commit(&batch, Utc::now()).await {
                Ok(()) => {
                    batch.clear();
                    attempts = 0;
                }
                Err(e) => {
                    attempts += 1;
                    self.stats.failed_batches += 1;
                    tracing::error!(error = ?e, results = batch.len(), attempts, "batch not committed");
                    if attempts >= self.config.max_attempts || closed {
                        self.stats.dropped_results += batch.len() as u64;
                        batch.clear();
                        attempts = 0;
                    }
                }
            }
            if closed {
                break;
            }
        }
        tracing::info!(stats = ?self.stats, "writer stopped");
        self.stats
    }

    /// Commits one batch in one transaction, and closes intervals of sources silent since before
    /// `now - stale_after`. On failure nothing is written and the trackers are as before.
    #[tracing::instrument(skip_all, fields(results = batch.len()))]
    pub async fn commit(&mut self, batch: &[PollResult], now: DateTime<Utc>) -> Result<(), StoreError> {
        let before = (self.trackers.clone(), self.stale.clone());
        let outcome = self.write(batch, now).await;
        match outcome {
            Ok(changes) => {
                self.stats.batches += u64::from(!batch.is_empty() || changes > 0);
                self.stats.checks += batch.len() as u64;
                self.stats.interval_changes += changes;
                Ok(())
            }
            Err(e) => {
                (self.trackers, self.stale) = before;
                Err(e)
            }
        }
    }

    async fn write(&mut self, batch: &[PollResult], now: DateTime<Utc>) -> Result<u64, StoreError> {
        // Interval changes per (source, service), in order, with the latest observation time.
        let mut changes: BTreeMap<Key, (Vec<IntervalChange>, DateTime<Utc>)> = BTreeMap::new();
        for r in batch {
            for &(service, state) in &r.states {
                let tracker = self.tracker((r.source, service), r.stale_after);
                let applied = tracker.apply(Observation { at: r.check.at, state });
                let seen = tracker.last_seen().unwrap_or(r.check.at);
                let entry = changes.entry((r.source, service)).or_insert_with(|| (Vec::new(), seen));
                entry.0.extend(applied);
                entry.1 = seen;
            }
        }
        for (key, tracker) in &mut self.trackers {
            if let Some(close) = tracker.expire(now) {
                let seen = tracker.last_seen().unwrap_or(now);
                changes.entry(*key).or_insert_with(|| (Vec::new(), seen)).0.push(close);
            }
        }
        if batch.is_empty() && changes.is_empty() {
            return Ok(0);
        }
        let mut tx = self.db.begin().await?;
        let checks: Vec<(SourceId, _)> = batch.iter().map(|r| (r.source, r.check.clone())).collect();
        store::insert_checks(&mut tx, &checks).await?;
        // Per source the newest check, and before it the newest check with an error, so that an error
        // followed by a recovery within one batch is still the source's last error.
        type Newest<'a> = BTreeMap<SourceId, &'a domain::monitoring::CheckResult>;
        let (mut newest_check, mut newest_error): (Newest, Newest) = (BTreeMap::new(), BTreeMap::new());
        for (source, check) in &checks {
            for (map, wanted) in [(&mut newest_check, true), (&mut newest_error, check.error.is_some())] {
                if wanted {
                    let slot = map.entry(*source).or_insert(check);
                    if check.at >= slot.at {
                        *slot = check;
                    }
                }
            }
        }
        newest_error.retain(|source, error| newest_check.get(source).is_none_or(|newest| newest.at != error.at));
        // The certificate expiry of each source's newest result that reported one.
        let mut tls: BTreeMap<SourceId, (DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
        for r in batch {
            if let Some(expiry) = r.tls_expiry {
                let slot = tls.entry(r.source).or_insert((r.check.at, expiry));
                if r.check.at >= slot.0 {
                    *slot = (r.check.at, expiry);
                }
            }
        }
        for (source, check) in &newest_error {
            store::record_source_status(&mut tx, *source, check, None).await?;
        }
        for (source, check) in &newest_check {
            store::record_source_status(&mut tx, *source, check, tls.get(source).map(|t| t.1)).await?;
        }
        let mut count = 0;
        for ((source, service), (list, seen)) in &changes {
            store::apply_interval_changes(&mut tx, *source, *service, list, *seen).await?;
            count += list.len() as u64;
        }
        for (granularity, start) in [(Granularity::Hour, hour_start as fn(_) -> _), (Granularity::Day, day_start)] {
            let mut rollups: BTreeMap<(SourceId, DateTime<Utc>), Rollup> = BTreeMap::new();
            for (source, check) in &checks {
                let bucket = start(check.at);
                rollups.entry((*source, bucket)).or_insert_with(|| Rollup::new(bucket)).add(check);
            }
            for ((source, _), rollup) in &rollups {
                store::upsert_rollup(&mut tx, *source, granularity, rollup).await?;
            }
        }
        // Only the newest report per source: every poll of a status page repeats the same events.
        let mut newest: BTreeMap<SourceId, &PollResult> = BTreeMap::new();
        for r in batch {
            if !r.incidents.is_empty() || !r.maintenances.is_empty() {
                newest.insert(r.source, r);
            }
        }
        let values: Vec<store::MetricValue> = batch
            .iter()
            .flat_map(|r| {
                r.metrics.iter().map(|(name, value)| store::MetricValue {
                    source_id: r.source,
                    name: name.clone(),
                    at: r.check.at,
                    value: *value,
                })
            })
            .collect();
        let metrics = store::insert_metric_values(&mut tx, &values).await?;
        for (source, r) in newest {
            for (incident, updates) in &r.incidents {
                store::upsert_incident(&mut tx, source, incident, updates).await?;
            }
            for m in &r.maintenances {
                store::upsert_maintenance(&mut tx, source, m, r.check.at).await?;
            }
        }
        tx.commit().await?;
        self.stats.metrics += metrics;
        Ok(count)
    }

    /// The tracker of a key, created or adjusted to the source's current staleness.
    fn tracker(&mut self, key: Key, stale_after: Duration) -> &mut IntervalTracker {
        let stale = delta(stale_after);
        let tracker = self.trackers.entry(key).or_insert_with(|| IntervalTracker::new(stale));
        if self.stale.insert(key, stale) != Some(stale) {
            let open = tracker.open_interval().map(|i| (i.state, i.start));
            *tracker = IntervalTracker::resume(stale, open, tracker.last_seen());
        }
        tracker
    }
}
