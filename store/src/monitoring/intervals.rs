//! State intervals per (source, service): the exact `[start, end)` spans that SLA evaluation and the
//! dashboards read. The domain's `IntervalTracker` decides what to write; this module writes it, and
//! hands the open intervals back after a restart so the trackers can resume.
//!
//! At most one interval per (source, service) is open (`end_at IS NULL`); a partial unique index
//! enforces it on both backends. A statuspage source may feed several services (one per mapped
//! component), which is why the service is part of the key.

use super::{parse_state, SourceId};
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use domain::monitoring::{IntervalChange, StateInterval};
use domain::VendorServiceId;

/// The conflict hint when a second open interval for the same (source, service) is inserted.
pub const OPEN_INTERVAL: &str = "open_interval";

/// A stored interval with where it came from and the latest observation that fell in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceInterval {
    pub source_id: SourceId,
    pub service_id: VendorServiceId,
    pub interval: StateInterval,
    /// The time of the latest accepted observation in this interval (for `IntervalTracker::resume`).
    pub last_seen: DateTime<Utc>,
}

/// Whose intervals to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalScope {
    /// One source's intervals (for every service it feeds).
    Source(SourceId),
    /// One service's intervals, from every source that feeds it (these may overlap each other).
    Service(VendorServiceId),
}

#[derive(sqlx::FromRow)]
struct IntervalRow {
    source_id: i64,
    service_id: i64,
    state: String,
    start_at: DateTime<Utc>,
    end_at: Option<DateTime<Utc>>,
    last_seen_at: DateTime<Utc>,
}

impl TryFrom<IntervalRow> for SourceInterval {
    type Error = StoreError;
    fn try_from(r: IntervalRow) -> Result<Self> {
        Ok(SourceInterval {
            source_id: SourceId(r.source_id),
            service_id: VendorServiceId(r.service_id),
            interval: StateInterval { state: parse_state(&r.state)?, start: r.start_at, end: r.end_at },
            last_seen: r.last_seen_at,
        })
    }
}

/// Writes a tracker's changes for one (source, service) in order, then records `last_seen` on the
/// interval left open (if any), unless it already has a later one. A `Close` without an open interval
/// changes nothing (and is logged); an `Open` while one is open is `Conflict("open_interval")`.
/// Call it with no changes to just move `last_seen` forward.
#[tracing::instrument(skip_all, fields(source = %source, service = %service))]
pub async fn apply_interval_changes(
    tx: &mut Tx,
    source: SourceId,
    service: VendorServiceId,
    changes: &[IntervalChange],
    last_seen: DateTime<Utc>,
) -> Result<()> {
    for change in changes {
        match *change {
            IntervalChange::Close { end } => {
                let affected = on_tx!(&mut *tx, |ex| sqlx::query(
                    "UPDATE state_intervals SET end_at = $1
                     WHERE source_id = $2 AND service_id = $3 AND end_at IS NULL"
                )
                .bind(end)
                .bind(source.0)
                .bind(service.0)
                .execute(ex)
                .await
                .map(|r| r.rows_affected()))?;
                if affected == 0 {
                    tracing::warn!(%end, "no open interval to close");
                }
            }
            IntervalChange::Open { state, start } => {
                on_tx!(&mut *tx, |ex| sqlx::query(
                    "INSERT INTO state_intervals (source_id, service_id, state, start_at, end_at, last_seen_at)
                     VALUES ($1, $2, $3, $4, NULL, $4)"
                )
                .bind(source.0)
                .bind(service.0)
                .bind(state.key())
                .bind(start)
                .execute(ex)
                .await
                .map(|r| r.rows_affected()))
                .map_err(|e| StoreError::from(e).unique_as(OPEN_INTERVAL))?;
            }
        }
    }
    on_tx!(tx, |ex| sqlx::query(
        "UPDATE state_intervals SET last_seen_at = $1
         WHERE source_id = $2 AND service_id = $3 AND end_at IS NULL AND last_seen_at < $1"
    )
    .bind(last_seen)
    .bind(source.0)
    .bind(service.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every open interval, by source and service: what the trackers resume from after a restart.
#[tracing::instrument(skip_all)]
pub async fn open_intervals(db: &Db) -> Result<Vec<SourceInterval>> {
    let rows: Vec<IntervalRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT source_id, service_id, state, start_at, end_at, last_seen_at FROM state_intervals
         WHERE end_at IS NULL ORDER BY source_id, service_id"
    )
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(SourceInterval::try_from).collect()
}

/// The latest interval of each service a source feeds, open or closed, read inside `tx`: what a
/// tracker resumes from when a check is stored without the polling writer. A closed latest interval
/// was closed for silence; its `last_seen` keeps late checks from reopening the closed stretch. Lock
/// the source first so that no other writer moves them.
#[tracing::instrument(skip_all, fields(source = %source))]
pub async fn latest_intervals_of_source(tx: &mut Tx, source: SourceId) -> Result<Vec<SourceInterval>> {
    let rows: Vec<IntervalRow> = on_tx!(tx, |ex| sqlx::query_as(
        "SELECT source_id, service_id, state, start_at, end_at, last_seen_at FROM state_intervals s
         WHERE source_id = $1 AND start_at = (SELECT MAX(start_at) FROM state_intervals l
                                               WHERE l.source_id = s.source_id AND l.service_id = s.service_id)
         ORDER BY service_id"
    )
    .bind(source.0)
    .fetch_all(&mut *ex)
    .await)?;
    rows.into_iter().map(SourceInterval::try_from).collect()
}

/// The intervals that overlap `[from, to)` (an open one counts as lasting until now), unclipped,
/// ordered by source, service and start. Clip with `domain::monitoring::clip`.
#[tracing::instrument(skip_all)]
pub async fn intervals_between(
    db: &Db,
    scope: IntervalScope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SourceInterval>> {
    let (sql, id) = match scope {
        IntervalScope::Source(s) => (
            "SELECT source_id, service_id, state, start_at, end_at, last_seen_at FROM state_intervals
             WHERE source_id = $1 AND start_at < $3 AND (end_at IS NULL OR end_at > $2)
             ORDER BY source_id, service_id, start_at",
            s.0,
        ),
        IntervalScope::Service(s) => (
            "SELECT source_id, service_id, state, start_at, end_at, last_seen_at FROM state_intervals
             WHERE service_id = $1 AND start_at < $3 AND (end_at IS NULL OR end_at > $2)
             ORDER BY source_id, service_id, start_at",
            s.0,
        ),
    };
    let rows: Vec<IntervalRow> = on_db!(db, |ex| sqlx::query_as(sql).bind(id).bind(from).bind(to).fetch_all(ex).await)?;
    rows.into_iter().map(SourceInterval::try_from).collect()
}
