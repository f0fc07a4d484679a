//! The one write path of every check, polled or pushed: observations fold into the interval trackers
//! ([`Trackers::fold`]), and [`write_batch`] stores, in the caller's transaction, the raw checks, each
//! source's newest status, the interval changes, hourly and daily rollups, figures, incidents and
//! maintenances. The polling [`Writer`](super::Writer) calls it once per batch with its long-lived
//! trackers; a pushed check that cannot join the writer calls it through [`store_one`] with trackers
//! resumed from the store.
//!
//! A source or service deleted while it is polled is skipped (and logged) with everything that belongs
//! to it; the rest of the batch is stored. The rows that remain are locked until commit, so a delete
//! either happens before (and is skipped) or waits until after (and cascades).

use super::PollResult;
use chrono::{DateTime, TimeDelta, Utc};
use domain::monitoring::{day_start, hour_start, CheckResult, IntervalChange, IntervalTracker, Observation, Rollup};
use domain::VendorServiceId;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;
use store::{Db, Granularity, RowLock, SourceId, SourceInterval, StoreError, Tx};

pub(crate) type Key = (SourceId, VendorServiceId);

/// Interval changes per (source, service), in order, with the latest observation time.
pub(crate) type Changes = BTreeMap<Key, (Vec<IntervalChange>, DateTime<Utc>)>;

/// What one batch stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Written {
    pub checks: u64,
    pub interval_changes: u64,
    pub metrics: u64,
    /// Results skipped because their source was deleted meanwhile.
    pub skipped: u64,
}

/// One interval tracker per (source, service), with the staleness each was last built with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trackers {
    trackers: HashMap<Key, IntervalTracker>,
    stale: HashMap<Key, TimeDelta>,
}

fn delta(d: Duration) -> TimeDelta {
    TimeDelta::from_std(d).unwrap_or(TimeDelta::MAX)
}

impl Trackers {
    /// Trackers that continue the latest interval of each (source, service), with `stale_after` until
    /// a result says otherwise. A closed one was closed for silence: only its `last_seen` carries on.
    pub fn resume(latest: Vec<SourceInterval>, stale_after: Duration) -> Self {
        let stale = delta(stale_after);
        let trackers = latest
            .into_iter()
            .map(|o| {
                let open = o.interval.end.is_none().then_some((o.interval.state, o.interval.start));
                ((o.source_id, o.service_id), IntervalTracker::resume(stale, open, Some(o.last_seen)))
            })
            .collect();
        Trackers { trackers, stale: HashMap::new() }
    }

    /// Applies the batch's observations, then closes the intervals of sources silent since before
    /// `now - stale_after`; returns the changes to write.
    pub fn fold(&mut self, batch: &[PollResult], now: DateTime<Utc>) -> Changes {
        let mut changes = Changes::new();
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
        changes
    }

    /// Forgets the trackers of deleted sources and services.
    fn forget(&mut self, gone: impl Fn(&Key) -> bool) {
        self.trackers.retain(|key, _| !gone(key));
        self.stale.retain(|key, _| !gone(key));
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

/// Stores one result in a transaction of its own, continuing each service's latest interval from the
/// store: for a pushed check while the polling writer does not run. The source row is locked before
/// the intervals are read, so that concurrent pushes of one source extend them one after the other.
#[tracing::instrument(skip_all, fields(source = %result.source))]
pub(crate) async fn store_one(db: &Db, result: &PollResult, now: DateTime<Utc>) -> Result<Written, StoreError> {
    let mut tx = db.begin().await?;
    // Services before the source, in the order write_batch and a vendor's deletion lock them.
    let services: BTreeSet<VendorServiceId> = result.states.iter().map(|s| s.0).collect();
    store::existing_services(&mut tx, &services).await?;
    let ids = BTreeSet::from([result.source]);
    if store::existing_sources(&mut tx, &ids, RowLock::NoKeyUpdate).await?.is_empty() {
        return Err(StoreError::NotFound);
    }
    let latest = store::latest_intervals_of_source(&mut tx, result.source).await?;
    let mut trackers = Trackers::resume(latest, result.stale_after);
    let batch = std::slice::from_ref(result);
    let changes = trackers.fold(batch, now);
    let written = write_batch(&mut tx, &mut trackers, batch, changes, RowLock::NoKeyUpdate).await?;
    tx.commit().await?;
    Ok(written)
}

/// Writes a folded batch in `tx` (the caller commits). Results of sources that no longer exist, and
/// interval changes of services that no longer exist, are skipped and logged, and their trackers
/// forgotten; on an error the caller rolls back and restores the trackers.
pub(crate) async fn write_batch(
    tx: &mut Tx,
    trackers: &mut Trackers,
    batch: &[PollResult],
    mut changes: Changes,
    lock: RowLock,
) -> Result<Written, StoreError> {
    let named_sources: BTreeSet<SourceId> = batch.iter().map(|r| r.source).chain(changes.keys().map(|k| k.0)).collect();
    let named_services: BTreeSet<VendorServiceId> = changes.keys().map(|k| k.1).collect();
    // Services before sources: a vendor's deletion locks them in that order too, so neither waits on
    // the other in a circle.
    let services = store::existing_services(tx, &named_services).await?;
    let sources = store::existing_sources(tx, &named_sources, lock).await?;
    let gone = |key: &Key| !sources.contains(&key.0) || !services.contains(&key.1);
    let kept: Vec<&PollResult> = batch.iter().filter(|r| sources.contains(&r.source)).collect();
    let skipped = (batch.len() - kept.len()) as u64;
    if sources.len() < named_sources.len() || services.len() < named_services.len() {
        let sources_gone: Vec<&SourceId> = named_sources.difference(&sources).collect();
        let services_gone: Vec<&VendorServiceId> = named_services.difference(&services).collect();
        tracing::warn!(
            sources = ?sources_gone,
            services = ?services_gone,
            skipped_results = skipped,
            "deleted while polled: what belongs to them is skipped, the rest is stored"
        );
        changes.retain(|key, _| !gone(key));
        trackers.forget(gone);
    }
    let mut written = write_kept(tx, &kept, &changes).await?;
    written.skipped = skipped;
    Ok(written)
}

/// Writes results whose sources exist, and interval changes whose source and service exist.
async fn write_kept(tx: &mut Tx, batch: &[&PollResult], changes: &Changes) -> Result<Written, StoreError> {
    if batch.is_empty() && changes.is_empty() {
        return Ok(Written::default());
    }
    let checks: Vec<(SourceId, CheckResult)> = batch.iter().map(|r| (r.source, r.check.clone())).collect();
    store::insert_checks(tx, &checks).await?;
    // Per source the newest check, and before it the newest check with an error, so that an error
    // followed by a recovery within one batch is still the source's last error.
    type Newest<'a> = BTreeMap<SourceId, &'a CheckResult>;
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
        store::record_source_status(tx, *source, check, None).await?;
    }
    for (source, check) in &newest_check {
        store::record_source_status(tx, *source, check, tls.get(source).map(|t| t.1)).await?;
    }
    let mut interval_changes = 0;
    for ((source, service), (list, seen)) in changes {
        store::apply_interval_changes(tx, *source, *service, list, *seen).await?;
        interval_changes += list.len() as u64;
    }
    for (granularity, start) in [(Granularity::Hour, hour_start as fn(_) -> _), (Granularity::Day, day_start)] {
        let mut rollups: BTreeMap<(SourceId, DateTime<Utc>), Rollup> = BTreeMap::new();
        for (source, check) in &checks {
            let bucket = start(check.at);
            rollups.entry((*source, bucket)).or_insert_with(|| Rollup::new(bucket)).add(check);
        }
        for ((source, _), rollup) in &rollups {
            store::upsert_rollup(tx, *source, granularity, rollup).await?;
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
    let metrics = store::insert_metric_values(tx, &values).await?;
    // Only the newest report per source: every poll of a status page repeats the same events.
    let mut newest: BTreeMap<SourceId, &PollResult> = BTreeMap::new();
    for r in batch {
        if !r.incidents.is_empty() || !r.maintenances.is_empty() {
            newest.insert(r.source, *r);
        }
    }
    for (source, r) in newest {
        for (incident, updates) in &r.incidents {
            store::upsert_incident(tx, source, incident, updates).await?;
        }
        for m in &r.maintenances {
            store::upsert_maintenance(tx, source, m, r.check.at).await?;
        }
    }
    Ok(Written { checks: checks.len() as u64, interval_changes, metrics, skipped: 0 })
}
