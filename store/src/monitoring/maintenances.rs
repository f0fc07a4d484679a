//! Scheduled maintenances from vendor status pages. Besides the vendor's own times we keep when we first
//! saw each announcement (`first_seen_at`): maintenance counts as planned downtime only when it was
//! announced far enough ahead, and a vendor's `created_at` can be backdated.

use super::vendor_events::{scope_filter, EventOrigin, EventScope, OriginRow};
use super::SourceId;
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

/// A scheduled maintenance as the service converted it from the status page.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MaintenanceRow {
    pub vendor_maintenance_id: String,
    pub name: String,
    pub status: String,
    pub impact: String,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub scheduled_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A stored maintenance with where it was reported and when we first saw it announced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMaintenance {
    pub origin: EventOrigin,
    pub maintenance: MaintenanceRow,
    pub first_seen_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct StoredMaintenanceRow {
    #[sqlx(flatten)]
    origin: OriginRow,
    #[sqlx(flatten)]
    maintenance: MaintenanceRow,
    first_seen_at: DateTime<Utc>,
}

/// Brings the maintenance with this vendor id up to date for `source`, creating it if new with
/// `first_seen_at = seen_at`; later calls never change `first_seen_at`. Returns its id and whether it
/// was new. `Conflict("foreign_key")` for an unknown source.
#[tracing::instrument(skip_all, fields(source = %source))]
pub async fn upsert_maintenance(
    tx: &mut Tx,
    source: SourceId,
    m: &MaintenanceRow,
    seen_at: DateTime<Utc>,
) -> Result<(i64, bool)> {
    macro_rules! write {
        ($sql:literal $(, $extra:expr)?) => {
            on_tx!(&mut *tx, |ex| sqlx::query_scalar::<_, i64>($sql)
                .bind(&m.name)
                .bind(&m.status)
                .bind(&m.impact)
                .bind(m.scheduled_for)
                .bind(m.scheduled_until)
                .bind(m.created_at)
                .bind(m.updated_at)
                .bind(source.0)
                .bind(&m.vendor_maintenance_id)
                $(.bind($extra))?
                .fetch_optional(ex)
                .await)?
        };
    }
    macro_rules! update {
        () => {
            write!(
                "UPDATE vendor_maintenances SET name = $1, status = $2, impact = $3, scheduled_for = $4,
                     scheduled_until = $5, created_at = $6, updated_at = $7
                 WHERE source_id = $8 AND vendor_maintenance_id = $9 RETURNING id"
            )
        };
    }
    Ok(match update!() {
        Some(id) => (id, false),
        None => match write!(
            "INSERT INTO vendor_maintenances (name, status, impact, scheduled_for, scheduled_until, created_at,
                 updated_at, source_id, vendor_maintenance_id, first_seen_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (source_id, vendor_maintenance_id) DO NOTHING RETURNING id",
            seen_at
        ) {
            Some(id) => (id, true),
            None => (update!().ok_or(StoreError::NotFound)?, false),
        },
    })
}

/// The maintenances in scope that are not completed and not over at `now` (by `scheduled_until`, else
/// `scheduled_for`; without a schedule they count as upcoming), soonest first, unscheduled last.
#[tracing::instrument(skip_all)]
pub async fn upcoming_maintenances(db: &Db, scope: EventScope, now: DateTime<Utc>) -> Result<Vec<StoredMaintenance>> {
    let (filter, id) = scope_filter(scope, 2);
    let select = select_with_origin!(
        "e.vendor_maintenance_id, e.name, e.status, e.impact, e.scheduled_for, e.scheduled_until, e.created_at,
         e.updated_at, e.first_seen_at",
        "vendor_maintenances"
    );
    let sql = format!(
        "{select} WHERE e.status <> 'completed' AND COALESCE(e.scheduled_until, e.scheduled_for, $1) >= $1{filter}
         ORDER BY (e.scheduled_for IS NULL), e.scheduled_for, e.id"
    );
    let rows: Vec<StoredMaintenanceRow> = on_db!(db, |ex| {
        let q = sqlx::query_as(AssertSqlSafe(sql)).bind(now);
        match id {
            Some(id) => q.bind(id),
            None => q,
        }
        .fetch_all(ex)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| StoredMaintenance {
            origin: r.origin.into(),
            maintenance: r.maintenance,
            first_seen_at: r.first_seen_at,
        })
        .collect())
}
