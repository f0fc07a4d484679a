//! What vendors report on their status pages: incidents with their updates (here) and scheduled
//! maintenances (`maintenances.rs`). Both are deduplicated by the vendor's own id per source and brought
//! up to date on every poll; both are listed with where they were reported ([`EventOrigin`]).

use super::SourceId;
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use domain::{VendorId, VendorServiceId};
use sqlx::AssertSqlSafe;
use std::collections::HashMap;

/// A vendor incident as the service converted it from the status page (statuses and impact as keys).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IncidentRow {
    pub vendor_incident_id: String,
    pub name: String,
    pub status: String,
    pub impact: String,
    pub created_at: DateTime<Utc>,
    /// The vendor's `updated_at`, or `created_at` when the page gives none.
    pub updated_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub shortlink: Option<String>,
}

/// One message the vendor posted on an incident.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IncidentUpdateRow {
    pub vendor_update_id: String,
    pub status: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// What [`upsert_incident`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentUpsert {
    pub id: i64,
    /// True when the incident was new.
    pub created: bool,
    /// How many of the given updates were new.
    pub new_updates: u32,
}

/// Where a stored incident or maintenance was reported: its id, the source, its service and vendor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventOrigin {
    /// The incident's or maintenance's own id.
    pub id: i64,
    pub source_id: SourceId,
    pub service_id: VendorServiceId,
    pub service_name: String,
    pub vendor_id: VendorId,
    pub vendor_name: String,
}

/// A stored incident with where it was reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredIncident {
    pub origin: EventOrigin,
    pub incident: IncidentRow,
}

#[derive(sqlx::FromRow)]
pub(super) struct OriginRow {
    id: i64,
    source_id: i64,
    service_id: i64,
    service_name: String,
    vendor_id: i64,
    vendor_name: String,
}

impl From<OriginRow> for EventOrigin {
    fn from(r: OriginRow) -> Self {
        EventOrigin {
            id: r.id,
            source_id: SourceId(r.source_id),
            service_id: VendorServiceId(r.service_id),
            service_name: r.service_name,
            vendor_id: VendorId(r.vendor_id),
            vendor_name: r.vendor_name,
        }
    }
}

#[derive(sqlx::FromRow)]
struct StoredIncidentRow {
    #[sqlx(flatten)]
    origin: OriginRow,
    #[sqlx(flatten)]
    incident: IncidentRow,
}

/// Whose incidents and maintenances to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventScope {
    All,
    /// Reported by sources of the vendor's services.
    Vendor(VendorId),
    /// Reported by a source of the service, or by a source that maps one of its vendor components to
    /// the service (incidents do not record their components, so this may include incidents that
    /// concern another component of the same page).
    Service(VendorServiceId),
}

/// `SELECT` of the origin columns and `$columns` from `$table`, whose alias is `e`, with the joins that
/// find the source's service and vendor.
macro_rules! select_with_origin {
    ($columns:literal, $table:literal) => {
        concat!(
            "SELECT e.id, s.id AS source_id, s.service_id, vs.name AS service_name, v.id AS vendor_id,
                    v.name AS vendor_name, ",
            $columns,
            " FROM ",
            $table,
            " e JOIN sources s ON s.id = e.source_id JOIN vendor_services vs ON vs.id = s.service_id
                JOIN vendors v ON v.id = vs.vendor_id"
        )
    };
}

/// The SQL condition for a scope, with its parameter as `$n`, and the value to bind.
pub(super) fn scope_filter(scope: EventScope, n: u8) -> (String, Option<i64>) {
    match scope {
        EventScope::All => (String::new(), None),
        EventScope::Vendor(v) => (format!(" AND vs.vendor_id = ${n}"), Some(v.0)),
        EventScope::Service(s) => (
            format!(
                " AND (s.service_id = ${n} OR EXISTS (SELECT 1 FROM source_components sc
                       WHERE sc.source_id = s.id AND sc.service_id = ${n}))"
            ),
            Some(s.0),
        ),
    }
}

/// Brings the incident with this vendor id up to date for `source`, creating it if new, and adds the
/// updates not stored yet (an update the vendor edited is overwritten). Never deletes updates.
/// `Conflict("foreign_key")` for an unknown source.
#[tracing::instrument(skip_all, fields(source = %source))]
pub async fn upsert_incident(
    tx: &mut Tx,
    source: SourceId,
    incident: &IncidentRow,
    updates: &[IncidentUpdateRow],
) -> Result<IncidentUpsert> {
    macro_rules! write {
        ($sql:literal) => {
            on_tx!(&mut *tx, |ex| sqlx::query_scalar::<_, i64>($sql)
                .bind(&incident.name)
                .bind(&incident.status)
                .bind(&incident.impact)
                .bind(incident.created_at)
                .bind(incident.updated_at)
                .bind(incident.resolved_at)
                .bind(&incident.shortlink)
                .bind(source.0)
                .bind(&incident.vendor_incident_id)
                .fetch_optional(ex)
                .await)?
        };
    }
    macro_rules! update {
        () => {
            write!(
                "UPDATE vendor_incidents SET name = $1, status = $2, impact = $3, created_at = $4, updated_at = $5,
                     resolved_at = $6, shortlink = $7
                 WHERE source_id = $8 AND vendor_incident_id = $9 RETURNING id"
            )
        };
    }
    let (id, created) = match update!() {
        Some(id) => (id, false),
        None => match write!(
            "INSERT INTO vendor_incidents (name, status, impact, created_at, updated_at, resolved_at, shortlink,
                 source_id, vendor_incident_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (source_id, vendor_incident_id) DO NOTHING RETURNING id"
        ) {
            Some(id) => (id, true),
            // Another writer inserted it meanwhile.
            None => (update!().ok_or(StoreError::NotFound)?, false),
        },
    };

    let stored: Vec<IncidentUpdateRow> = on_tx!(&mut *tx, |ex| sqlx::query_as(
        "SELECT vendor_update_id, status, body, created_at FROM vendor_incident_updates WHERE incident_id = $1"
    )
    .bind(id)
    .fetch_all(ex)
    .await)?;
    let stored: HashMap<&str, &IncidentUpdateRow> = stored.iter().map(|u| (u.vendor_update_id.as_str(), u)).collect();
    let mut new_updates = 0;
    for u in updates {
        let sql = match stored.get(u.vendor_update_id.as_str()) {
            Some(old) if *old == u => continue,
            Some(_) => {
                "UPDATE vendor_incident_updates SET status = $3, body = $4, created_at = $5
                 WHERE incident_id = $1 AND vendor_update_id = $2"
            }
            None => {
                "INSERT INTO vendor_incident_updates (incident_id, vendor_update_id, status, body, created_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (incident_id, vendor_update_id) DO NOTHING"
            }
        };
        let n = on_tx!(&mut *tx, |ex| sqlx::query(sql)
            .bind(id)
            .bind(&u.vendor_update_id)
            .bind(&u.status)
            .bind(&u.body)
            .bind(u.created_at)
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))?;
        if !stored.contains_key(u.vendor_update_id.as_str()) && n > 0 {
            new_updates += 1;
        }
    }
    Ok(IncidentUpsert { id, created, new_updates })
}

/// An incident's updates, oldest first.
#[tracing::instrument(skip_all)]
pub async fn incident_updates(db: &Db, incident_id: i64) -> Result<Vec<IncidentUpdateRow>> {
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT vendor_update_id, status, body, created_at FROM vendor_incident_updates
         WHERE incident_id = $1 ORDER BY created_at, id"
    )
    .bind(incident_id)
    .fetch_all(ex)
    .await)?)
}

/// The incidents in scope that are not resolved (no `resolved_at`, status not `resolved` or
/// `postmortem`), newest first.
#[tracing::instrument(skip_all)]
pub async fn open_incidents(db: &Db, scope: EventScope) -> Result<Vec<StoredIncident>> {
    let (filter, id) = scope_filter(scope, 1);
    let select = select_with_origin!(
        "e.vendor_incident_id, e.name, e.status, e.impact, e.created_at, e.updated_at, e.resolved_at, e.shortlink",
        "vendor_incidents"
    );
    let sql = format!(
        "{select} WHERE e.resolved_at IS NULL AND e.status NOT IN ('resolved', 'postmortem'){filter}
         ORDER BY e.created_at DESC, e.id DESC"
    );
    let rows: Vec<StoredIncidentRow> = on_db!(db, |ex| {
        let q = sqlx::query_as(AssertSqlSafe(sql));
        match id {
            Some(id) => q.bind(id),
            None => q,
        }
        .fetch_all(ex)
        .await
    })?;
    Ok(rows.into_iter().map(|r| StoredIncident { origin: r.origin.into(), incident: r.incident }).collect())
}
