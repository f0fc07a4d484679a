//! Licences of contracts and their measured seat use.

use super::key;
use crate::db::{Db, Tx};
use crate::error::{found, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::views_licences::{LicenceSource, LicenceView, UsageSnapshot};
use domain::{ContractId, LicenceId, VendorId};

/// The constraint a second licence of the same type on one contract breaks.
pub const LICENCE_TYPE: &str = "licence_type";

/// A checked licence ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLicence {
    pub licence_type: String,
    pub product: Option<String>,
    pub purchased: u32,
    pub unit_price_cents: i64,
    pub true_up: Option<NaiveDate>,
    pub true_down: Option<NaiveDate>,
    pub free_below: Option<u32>,
    pub utilisation_below_pct: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct LicenceRow {
    id: i64,
    contract_id: i64,
    contract_reference: String,
    vendor_id: i64,
    vendor_name: String,
    licence_type: String,
    product: Option<String>,
    purchased: i64,
    unit_price_cents: i64,
    true_up: Option<NaiveDate>,
    true_down: Option<NaiveDate>,
    free_below: Option<i64>,
    utilisation_below_pct: Option<i64>,
    usage_source_id: Option<i64>,
    source_name: Option<String>,
    assigned_metric: Option<String>,
    active_metric: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UsageRow {
    licence_id: i64,
    measured_on: NaiveDate,
    origin: String,
    assigned: i64,
    active: i64,
    inactive_30: Option<i64>,
    inactive_60: Option<i64>,
    inactive_90: Option<i64>,
}

fn u(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

impl From<UsageRow> for UsageSnapshot {
    fn from(r: UsageRow) -> Self {
        UsageSnapshot {
            measured_on: r.measured_on,
            origin: r.origin,
            assigned: u(r.assigned),
            active: u(r.active),
            inactive_30: r.inactive_30.map(u),
            inactive_60: r.inactive_60.map(u),
            inactive_90: r.inactive_90.map(u),
        }
    }
}

const SELECT: &str =
    "SELECT l.id, l.contract_id, c.reference AS contract_reference, c.vendor_id, v.name AS vendor_name,
        l.licence_type, l.product, l.purchased, l.unit_price_cents, l.true_up, l.true_down, l.free_below,
        l.utilisation_below_pct, l.usage_source_id, s.name AS source_name, l.assigned_metric, l.active_metric
     FROM licences l JOIN contracts c ON c.id = l.contract_id JOIN vendors v ON v.id = c.vendor_id
     LEFT JOIN sources s ON s.id = l.usage_source_id";

const USAGE: &str = "SELECT licence_id, measured_on, origin, assigned, active, inactive_30, inactive_60, inactive_90
     FROM licence_usage";

/// Every licence (or one contract's) with its latest measurement.
#[tracing::instrument(skip_all)]
pub async fn list_licences(db: &Db, contract: Option<ContractId>) -> Result<Vec<LicenceView>> {
    let rows: Vec<LicenceRow> = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE $1 IS NULL OR l.contract_id = $1 ORDER BY v.name_key, c.reference, l.type_key"
    )))
    .bind(contract.map(|c| c.0))
    .fetch_all(ex)
    .await)?;
    let usage: Vec<UsageRow> = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{USAGE} u WHERE measured_on = (SELECT MAX(measured_on) FROM licence_usage x WHERE x.licence_id = u.licence_id)
         ORDER BY licence_id, origin"
    )))
    .fetch_all(ex)
    .await)?;
    let mut latest: std::collections::HashMap<i64, UsageSnapshot> = std::collections::HashMap::new();
    for r in usage {
        latest.insert(r.licence_id, r.into());
    }
    Ok(rows
        .into_iter()
        .map(|r| LicenceView {
            id: LicenceId(r.id),
            contract: ContractId(r.contract_id),
            contract_reference: r.contract_reference,
            vendor: VendorId(r.vendor_id),
            vendor_name: r.vendor_name,
            licence_type: r.licence_type,
            product: r.product,
            purchased: u(r.purchased),
            unit_price_cents: r.unit_price_cents,
            true_up: r.true_up,
            true_down: r.true_down,
            free_below: r.free_below.map(u),
            utilisation_below_pct: r.utilisation_below_pct.map(u),
            source: r.usage_source_id.map(|source_id| LicenceSource {
                source_id,
                source_name: r.source_name.unwrap_or_default(),
                assigned_metric: r.assigned_metric,
                active_metric: r.active_metric,
            }),
            latest: latest.remove(&r.id),
        })
        .collect())
}

/// Every measurement of a licence, oldest first.
#[tracing::instrument(skip_all, fields(licence = %licence))]
pub async fn licence_usage(db: &Db, licence: LicenceId) -> Result<Vec<UsageSnapshot>> {
    let rows: Vec<UsageRow> = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{USAGE} WHERE licence_id = $1 ORDER BY measured_on, origin"
    )))
    .bind(licence.0)
    .fetch_all(ex)
    .await)?;
    Ok(rows.into_iter().map(UsageSnapshot::from).collect())
}

fn opt(v: Option<u32>) -> Option<i64> {
    v.map(i64::from)
}

/// Adds a licence to a contract; `Conflict(LICENCE_TYPE)` when the contract has that type already.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn insert_licence(
    tx: &mut Tx,
    contract: ContractId,
    l: &NewLicence,
    now: DateTime<Utc>,
) -> Result<LicenceId> {
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO licences (contract_id, licence_type, type_key, product, purchased, unit_price_cents, true_up,
             true_down, free_below, utilisation_below_pct, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id"
    )
    .bind(contract.0)
    .bind(&l.licence_type)
    .bind(key(&l.licence_type))
    .bind(&l.product)
    .bind(i64::from(l.purchased))
    .bind(l.unit_price_cents)
    .bind(l.true_up)
    .bind(l.true_down)
    .bind(opt(l.free_below))
    .bind(opt(l.utilisation_below_pct))
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(LICENCE_TYPE))?;
    Ok(LicenceId(id))
}

/// Replaces a licence's terms; `NotFound` or `Conflict(LICENCE_TYPE)`.
#[tracing::instrument(skip_all, fields(licence = %id))]
pub async fn update_licence(tx: &mut Tx, id: LicenceId, l: &NewLicence, now: DateTime<Utc>) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query(
        "UPDATE licences SET licence_type = $1, type_key = $2, product = $3, purchased = $4, unit_price_cents = $5,
             true_up = $6, true_down = $7, free_below = $8, utilisation_below_pct = $9, updated_at = $10
         WHERE id = $11"
    )
    .bind(&l.licence_type)
    .bind(key(&l.licence_type))
    .bind(&l.product)
    .bind(i64::from(l.purchased))
    .bind(l.unit_price_cents)
    .bind(l.true_up)
    .bind(l.true_down)
    .bind(opt(l.free_below))
    .bind(opt(l.utilisation_below_pct))
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::from(e).unique_as(LICENCE_TYPE))?;
    found(n)
}

/// Records (or replaces) the use measured on a day from an origin.
#[tracing::instrument(skip_all, fields(licence = %licence))]
pub async fn upsert_licence_usage(
    tx: &mut Tx,
    licence: LicenceId,
    u: &UsageSnapshot,
    now: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |ex| sqlx::query(
        "INSERT INTO licence_usage (licence_id, measured_on, origin, assigned, active, inactive_30, inactive_60,
             inactive_90, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (licence_id, measured_on, origin) DO UPDATE SET assigned = excluded.assigned,
             active = excluded.active, inactive_30 = excluded.inactive_30, inactive_60 = excluded.inactive_60,
             inactive_90 = excluded.inactive_90, recorded_at = excluded.recorded_at"
    )
    .bind(licence.0)
    .bind(u.measured_on)
    .bind(&u.origin)
    .bind(i64::from(u.assigned))
    .bind(i64::from(u.active))
    .bind(opt(u.inactive_30))
    .bind(opt(u.inactive_60))
    .bind(opt(u.inactive_90))
    .bind(now)
    .execute(ex)
    .await
    .map(drop))?;
    Ok(())
}

/// Links a licence to a JSON source and the names of its figures (or unlinks it with `None`);
/// `NotFound` for an unknown licence, `Conflict("foreign_key")` for an unknown source.
#[tracing::instrument(skip_all, fields(licence = %id))]
pub async fn set_licence_source(
    tx: &mut Tx,
    id: LicenceId,
    source: Option<&LicenceSource>,
    now: DateTime<Utc>,
) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query(
        "UPDATE licences SET usage_source_id = $1, assigned_metric = $2, active_metric = $3, updated_at = $4
         WHERE id = $5"
    )
    .bind(source.map(|s| s.source_id))
    .bind(source.and_then(|s| s.assigned_metric.clone()))
    .bind(source.and_then(|s| s.active_metric.clone()))
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    found(n)
}
