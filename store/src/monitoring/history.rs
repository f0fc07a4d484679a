//! Writing a stretch of monitoring history at once: state intervals, rollups, vendor incidents (with
//! their updates) and maintenances, in multi-row inserts. The polling engine writes one observation at
//! a time through `intervals.rs`, `rollups.rs`, `vendor_events.rs` and `maintenances.rs`; these
//! functions are for what did not come from polling, such as the demo's past (`regiekamer demo`) or an
//! import, and are far faster for thousands of rows.
//!
//! Every function inserts what it is given and merges nothing: a row that already exists (an open
//! interval next to another open one, a rollup bucket, a vendor's incident or maintenance id) is a
//! `Conflict`, and a source or service that does not exist is `Conflict("foreign_key")`. The caller
//! keeps the intervals of one (source, service) free of overlaps; the database does not check that.
//! The SQL is the same on both backends.

use super::rollups::histogram_json;
use super::{Granularity, IncidentRow, IncidentUpdateRow, MaintenanceRow, SourceId, SourceInterval, OPEN_INTERVAL};
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use domain::monitoring::Rollup;
use std::collections::{BTreeSet, HashMap};

/// Rows per `INSERT` statement. The widest row (a rollup) binds 12 values, so a statement stays below
/// SQLite's 32,766 and PostgreSQL's 65,535 bind parameters.
pub const HISTORY_ROWS_PER_STATEMENT: usize = 1_000;

/// A vendor incident with its updates, reported by `source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryIncident {
    pub source: SourceId,
    pub incident: IncidentRow,
    pub updates: Vec<IncidentUpdateRow>,
}

/// A vendor maintenance reported by `source`, first seen (announced to us) at `first_seen_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryMaintenance {
    pub source: SourceId,
    pub maintenance: MaintenanceRow,
    pub first_seen_at: DateTime<Utc>,
}

/// Inserts state intervals as given (closed ones, and at most one open one per (source, service):
/// a second is `Conflict("open_interval")`); returns how many.
#[tracing::instrument(skip_all, fields(intervals = intervals.len()))]
pub async fn insert_intervals(tx: &mut Tx, intervals: &[SourceInterval]) -> Result<u64> {
    let mut stored = 0;
    for chunk in intervals.chunks(HISTORY_ROWS_PER_STATEMENT) {
        stored += on_tx!(&mut *tx, |ex| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO state_intervals (source_id, service_id, state, start_at, end_at, last_seen_at) ",
            );
            insert.push_values(chunk, |mut row, i| {
                row.push_bind(i.source_id.0)
                    .push_bind(i.service_id.0)
                    .push_bind(i.interval.state.key())
                    .push_bind(i.interval.start)
                    .push_bind(i.interval.end)
                    .push_bind(i.last_seen);
            });
            insert.build().persistent(false).execute(&mut *ex).await.map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::from(e).unique_as(OPEN_INTERVAL))?;
    }
    Ok(stored)
}

/// Inserts rollups of one granularity, each for its source; returns how many. A bucket that is
/// already stored is a `Conflict` (use `upsert_rollup` to merge into one).
#[tracing::instrument(skip_all, fields(granularity = granularity.key(), rollups = rollups.len()))]
pub async fn insert_rollups(tx: &mut Tx, granularity: Granularity, rollups: &[(SourceId, Rollup)]) -> Result<u64> {
    let wide = |v: u32| i64::from(v);
    let mut stored = 0;
    for chunk in rollups.chunks(HISTORY_ROWS_PER_STATEMENT) {
        stored += on_tx!(&mut *tx, |ex| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO rollups (source_id, granularity, bucket_start, count, up_count, degraded_count,
                     down_count, maintenance_count, latency_sum_ms, latency_min_ms, latency_max_ms, histogram) ",
            );
            insert.push_values(chunk, |mut row, (source, r)| {
                row.push_bind(source.0)
                    .push_bind(granularity.key())
                    .push_bind(r.bucket_start)
                    .push_bind(wide(r.count))
                    .push_bind(wide(r.up_count))
                    .push_bind(wide(r.degraded_count))
                    .push_bind(wide(r.down_count))
                    .push_bind(wide(r.maintenance_count))
                    .push_bind(i64::try_from(r.latency_sum_ms).unwrap_or(i64::MAX))
                    .push_bind(r.latency_min_ms.map(wide))
                    .push_bind(r.latency_max_ms.map(wide))
                    .push_bind(histogram_json(&r.histogram));
            });
            insert.build().persistent(false).execute(&mut *ex).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(stored)
}

/// Inserts vendor incidents and their updates; returns how many of each. An incident id already
/// stored for its source is `Conflict("vendor_incident")` (use `upsert_incident` to bring one up to
/// date), as is an update id given twice for one incident.
#[tracing::instrument(skip_all, fields(incidents = incidents.len()))]
pub async fn insert_incidents(tx: &mut Tx, incidents: &[HistoryIncident]) -> Result<(u64, u64)> {
    let mut stored = 0;
    for chunk in incidents.chunks(HISTORY_ROWS_PER_STATEMENT) {
        stored += on_tx!(&mut *tx, |ex| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO vendor_incidents (source_id, vendor_incident_id, name, status, impact, created_at,
                     updated_at, resolved_at, shortlink) ",
            );
            insert.push_values(chunk, |mut row, h| {
                let i = &h.incident;
                row.push_bind(h.source.0)
                    .push_bind(&i.vendor_incident_id)
                    .push_bind(&i.name)
                    .push_bind(&i.status)
                    .push_bind(&i.impact)
                    .push_bind(i.created_at)
                    .push_bind(i.updated_at)
                    .push_bind(i.resolved_at)
                    .push_bind(&i.shortlink);
            });
            insert.build().persistent(false).execute(&mut *ex).await.map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::from(e).unique_as("vendor_incident"))?;
    }
    // The updates need the incidents' row ids: read them back per source, by the vendor's ids.
    let sources: BTreeSet<SourceId> = incidents.iter().filter(|h| !h.updates.is_empty()).map(|h| h.source).collect();
    let mut ids: HashMap<(SourceId, String), i64> = HashMap::new();
    for source in sources {
        let rows: Vec<(i64, String)> = on_tx!(&mut *tx, |ex| sqlx::query_as(
            "SELECT id, vendor_incident_id FROM vendor_incidents WHERE source_id = $1"
        )
        .bind(source.0)
        .fetch_all(ex)
        .await)?;
        ids.extend(rows.into_iter().map(|(id, vendor_id)| ((source, vendor_id), id)));
    }
    let mut updates: Vec<(i64, &IncidentUpdateRow)> = Vec::new();
    for h in incidents.iter().filter(|h| !h.updates.is_empty()) {
        let id = ids.get(&(h.source, h.incident.vendor_incident_id.clone())).copied().ok_or(StoreError::NotFound)?;
        updates.extend(h.updates.iter().map(|u| (id, u)));
    }
    let mut stored_updates = 0;
    for chunk in updates.chunks(HISTORY_ROWS_PER_STATEMENT) {
        stored_updates += on_tx!(&mut *tx, |ex| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO vendor_incident_updates (incident_id, vendor_update_id, status, body, created_at) ",
            );
            insert.push_values(chunk, |mut row, (id, u)| {
                row.push_bind(*id)
                    .push_bind(&u.vendor_update_id)
                    .push_bind(&u.status)
                    .push_bind(&u.body)
                    .push_bind(u.created_at);
            });
            insert.build().persistent(false).execute(&mut *ex).await.map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::from(e).unique_as("vendor_incident_update"))?;
    }
    Ok((stored, stored_updates))
}

/// Inserts vendor maintenances with when each was first seen; returns how many. A maintenance id
/// already stored for its source is `Conflict("vendor_maintenance")`.
#[tracing::instrument(skip_all, fields(maintenances = maintenances.len()))]
pub async fn insert_maintenances(tx: &mut Tx, maintenances: &[HistoryMaintenance]) -> Result<u64> {
    let mut stored = 0;
    for chunk in maintenances.chunks(HISTORY_ROWS_PER_STATEMENT) {
        stored += on_tx!(&mut *tx, |ex| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO vendor_maintenances (source_id, vendor_maintenance_id, name, status, impact,
                     scheduled_for, scheduled_until, created_at, first_seen_at, updated_at) ",
            );
            insert.push_values(chunk, |mut row, h| {
                let m = &h.maintenance;
                row.push_bind(h.source.0)
                    .push_bind(&m.vendor_maintenance_id)
                    .push_bind(&m.name)
                    .push_bind(&m.status)
                    .push_bind(&m.impact)
                    .push_bind(m.scheduled_for)
                    .push_bind(m.scheduled_until)
                    .push_bind(m.created_at)
                    .push_bind(h.first_seen_at)
                    .push_bind(m.updated_at);
            });
            insert.build().persistent(false).execute(&mut *ex).await.map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::from(e).unique_as("vendor_maintenance"))?;
    }
    Ok(stored)
}

/// A source's maintenances whose schedule overlaps `[from, to)` (`scheduled_until`, else
/// `scheduled_for`, after `from`; unscheduled ones are left out), oldest first: what an SLA period
/// needs to tell announced maintenance from unannounced.
#[tracing::instrument(skip_all, fields(source = %source))]
pub async fn maintenances_between(
    db: &Db,
    source: SourceId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<HistoryMaintenance>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        maintenance: MaintenanceRow,
        first_seen_at: DateTime<Utc>,
    }
    let rows: Vec<Row> = on_db!(db, |ex| {
        sqlx::query_as(
        "SELECT vendor_maintenance_id, name, status, impact, scheduled_for, scheduled_until, created_at, updated_at,
                first_seen_at
         FROM vendor_maintenances
         WHERE source_id = $1 AND scheduled_for < $3 AND COALESCE(scheduled_until, scheduled_for) > $2
         ORDER BY scheduled_for, id"
    )
    .bind(source.0)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| HistoryMaintenance { source, maintenance: r.maintenance, first_seen_at: r.first_seen_at })
        .collect())
}

/// A source's incidents created in `[from, to)`, oldest first, each with its row id (for
/// `incident_updates`): what resolution times are measured on.
#[tracing::instrument(skip_all, fields(source = %source))]
pub async fn incidents_between(
    db: &Db,
    source: SourceId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, IncidentRow)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        #[sqlx(flatten)]
        incident: IncidentRow,
    }
    let rows: Vec<Row> = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, vendor_incident_id, name, status, impact, created_at, updated_at, resolved_at, shortlink
         FROM vendor_incidents WHERE source_id = $1 AND created_at >= $2 AND created_at < $3
         ORDER BY created_at, id"
    )
    .bind(source.0)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await)?;
    Ok(rows.into_iter().map(|r| (r.id, r.incident)).collect())
}
