//! What an SLA evaluation reads for a stretch of time, in a few bulk queries: every state interval that
//! overlaps it with the kind of the source that measured it, the scheduled maintenances that overlap it
//! with when we first saw them announced, and the vendor incidents created in it. The service groups
//! them per covered service (`service/src/sla_results/`).

use super::SourceId;
use crate::db::Db;
use crate::error::Result;
use chrono::{DateTime, Utc};
use domain::VendorServiceId;

/// A state interval with the kind of its source (`http`, `push`: our probe; `statuspage`, `json`: the
/// vendor's report). An open interval has `end = None`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SlaIntervalRow {
    pub source_id: i64,
    pub service_id: i64,
    pub kind: String,
    pub state: String,
    pub start_at: DateTime<Utc>,
    pub end_at: Option<DateTime<Utc>>,
}

/// A scheduled maintenance with both ends of its schedule, reported by `source_id`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SlaMaintenanceRow {
    pub source_id: i64,
    pub name: String,
    pub scheduled_for: DateTime<Utc>,
    pub scheduled_until: DateTime<Utc>,
    pub first_seen_at: DateTime<Utc>,
}

/// A vendor incident reported by `source_id`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SlaIncidentRow {
    pub id: i64,
    pub source_id: i64,
    pub name: String,
    pub impact: String,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Which services a source feeds: its own service and every service a vendor component is mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct SourceFeedRow {
    pub source_id: i64,
    pub service_id: i64,
}

fn ids_list(services: &[VendorServiceId]) -> String {
    services.iter().map(|s| s.0.to_string()).collect::<Vec<_>>().join(",")
}

/// The intervals of `services` that overlap `[from, to)`, ordered by service, source and start.
/// `services` empty reads nothing.
#[tracing::instrument(skip_all, fields(services = services.len()))]
pub async fn sla_intervals(
    db: &Db,
    services: &[VendorServiceId],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SlaIntervalRow>> {
    if services.is_empty() {
        return Ok(Vec::new());
    }
    // The ids are integers formatted by us, so the list is safe to inline.
    let sql = format!(
        "SELECT i.source_id, i.service_id, s.kind, i.state, i.start_at, i.end_at
         FROM state_intervals i JOIN sources s ON s.id = i.source_id
         WHERE i.service_id IN ({}) AND i.start_at < $2 AND (i.end_at IS NULL OR i.end_at > $1)
         ORDER BY i.service_id, i.source_id, i.start_at",
        ids_list(services)
    );
    Ok(on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(from).bind(to).fetch_all(ex).await)?)
}

/// The maintenances with a complete schedule that overlaps `[from, to)`.
#[tracing::instrument(skip_all)]
pub async fn sla_maintenances(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<SlaMaintenanceRow>> {
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT source_id, name, scheduled_for, scheduled_until, first_seen_at FROM vendor_maintenances
         WHERE scheduled_for IS NOT NULL AND scheduled_until IS NOT NULL
           AND scheduled_for < $2 AND scheduled_until > $1
         ORDER BY scheduled_for"
    )
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await)?)
}

/// The incidents created in `[from, to)`, oldest first.
#[tracing::instrument(skip_all)]
pub async fn sla_incidents(db: &Db, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<SlaIncidentRow>> {
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT id, source_id, name, impact, created_at, resolved_at FROM vendor_incidents
         WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at, id"
    )
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await)?)
}

/// Which sources feed `services` (as their own service, or through a mapped vendor component).
#[tracing::instrument(skip_all, fields(services = services.len()))]
pub async fn source_feeds(db: &Db, services: &[VendorServiceId]) -> Result<Vec<SourceFeedRow>> {
    if services.is_empty() {
        return Ok(Vec::new());
    }
    let ids = ids_list(services);
    let sql = format!(
        "SELECT id AS source_id, service_id FROM sources WHERE service_id IN ({ids})
         UNION SELECT source_id, service_id FROM source_components WHERE service_id IN ({ids})"
    );
    Ok(on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).fetch_all(ex).await)?)
}

/// Our own probes (`http` and `push` sources) of `services`, by source id.
#[tracing::instrument(skip_all, fields(services = services.len()))]
pub async fn probe_sources(db: &Db, services: &[VendorServiceId]) -> Result<Vec<SourceFeedRow>> {
    if services.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id AS source_id, service_id FROM sources WHERE kind IN ('http', 'push') AND service_id IN ({})
         ORDER BY id",
        ids_list(services)
    );
    Ok(on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).fetch_all(ex).await)?)
}

impl SlaIntervalRow {
    pub fn source(&self) -> SourceId {
        SourceId(self.source_id)
    }
}
