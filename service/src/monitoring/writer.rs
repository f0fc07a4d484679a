//! The one writer: receives [`PollResult`]s from the scheduler (and pushed checks) and commits them in
//! batches (up to `max_batch` results, or whatever arrived within `flush_every`), each batch in ONE
//! transaction through [`write_batch`](super::batch::write_batch): raw checks, each source's newest
//! status, state-interval changes, hourly and daily rollups, figures from JSON sources, vendor
//! incidents and maintenances. Interval trackers live here, one per (source, service), resumed from
//! the open intervals at start.

use super::batch::{write_batch, Trackers, Written};
use super::PollResult;
use chrono::{DateTime, Utc};
use std::time::Duration;
use store::{Db, RowLock, StoreError};
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
    /// Results skipped because their source was deleted while it was polled.
    pub skipped_results: u64,
}

/// The store-backed receiving end of the scheduler's channel.
#[derive(Debug)]
pub struct Writer {
    db: Db,
    config: WriterConfig,
    trackers: Trackers,
    stats: WriterStats,
}

impl Writer {
    /// A writer whose trackers continue the intervals left open in the store.
    #[tracing::instrument(skip_all)]
    pub async fn resume(db: Db, config: WriterConfig) -> Result<Writer, StoreError> {
        let trackers = Trackers::resume(store::open_intervals(&db).await?, config.default_stale_after);
        Ok(Writer { db, config, trackers, stats: WriterStats::default() })
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
    /// `now - stale_after`. Results of a source deleted meanwhile are skipped, the rest is stored. On
    /// failure nothing is written and the trackers are as before.
    #[tracing::instrument(skip_all, fields(results = batch.len()))]
    pub async fn commit(&mut self, batch: &[PollResult], now: DateTime<Utc>) -> Result<(), StoreError> {
        let before = self.trackers.clone();
        match self.write(batch, now).await {
            Ok(written) => {
                self.stats.batches += u64::from(!batch.is_empty() || written.interval_changes > 0);
                self.stats.checks += written.checks;
                self.stats.interval_changes += written.interval_changes;
                self.stats.metrics += written.metrics;
                self.stats.skipped_results += written.skipped;
                Ok(())
            }
            Err(e) => {
                self.trackers = before;
                Err(e)
            }
        }
    }

    async fn write(&mut self, batch: &[PollResult], now: DateTime<Utc>) -> Result<Written, StoreError> {
        let changes = self.trackers.fold(batch, now);
        if batch.is_empty() && changes.is_empty() {
            return Ok(Written::default());
        }
        let mut tx = self.db.begin().await?;
        let written = write_batch(&mut tx, &mut self.trackers, batch, changes, RowLock::KeyShare).await?;
        tx.commit().await?;
        Ok(written)
    }
}
