//! Vendors (leveranciers). Names are unique without regard to case or surrounding spaces, enforced by
//! the `vendor_name` constraint on `name_key`.

use crate::db::{Db, Tx};
use crate::error::{found, parse_key, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::vendor::{Criticality, NewVendor, SourcingModel, Vendor, VendorCategory, VendorSummary};
use domain::VendorId;

/// The conflict hint for a duplicate vendor name.
pub const VENDOR_NAME: &str = "vendor_name";

/// The key that makes names unique: trimmed and lower-cased.
pub(crate) fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[derive(sqlx::FromRow)]
struct VendorRow {
    id: i64,
    name: String,
    kvk: String,
    category: String,
    sourcing: String,
    criticality: String,
    notes: Option<String>,
}

impl TryFrom<VendorRow> for Vendor {
    type Error = StoreError;
    fn try_from(r: VendorRow) -> Result<Self> {
        Ok(Vendor {
            id: VendorId(r.id),
            name: r.name,
            kvk: r.kvk,
            category: parse_key("category", &r.category, VendorCategory::parse)?,
            sourcing: parse_key("sourcing", &r.sourcing, SourcingModel::parse)?,
            criticality: parse_key("criticality", &r.criticality, Criticality::parse)?,
            notes: r.notes,
        })
    }
}

#[derive(sqlx::FromRow)]
struct VendorSummaryRow {
    id: i64,
    name: String,
    category: String,
    criticality: String,
    service_count: i64,
    contract_count: i64,
}

/// Stores a new vendor. `Conflict("vendor_name")` when the name is taken.
#[tracing::instrument(skip_all)]
pub async fn insert_vendor(tx: &mut Tx, v: &NewVendor, now: DateTime<Utc>) -> Result<VendorId> {
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO vendors (name, name_key, kvk, category, sourcing, criticality, notes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"
    )
    .bind(&v.name)
    .bind(name_key(&v.name))
    .bind(v.kvk.as_str())
    .bind(v.category.key())
    .bind(v.sourcing.key())
    .bind(v.criticality.key())
    .bind(&v.notes)
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(VENDOR_NAME))?;
    Ok(VendorId(id))
}

/// Replaces a vendor's fields. `NotFound` when it does not exist, `Conflict("vendor_name")` when the
/// new name belongs to another vendor.
#[tracing::instrument(skip_all)]
pub async fn update_vendor(tx: &mut Tx, id: VendorId, v: &NewVendor, now: DateTime<Utc>) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query(
        "UPDATE vendors SET name = $1, name_key = $2, kvk = $3, category = $4, sourcing = $5,
                criticality = $6, notes = $7, updated_at = $8
         WHERE id = $9"
    )
    .bind(&v.name)
    .bind(name_key(&v.name))
    .bind(v.kvk.as_str())
    .bind(v.category.key())
    .bind(v.sourcing.key())
    .bind(v.criticality.key())
    .bind(&v.notes)
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::from(e).unique_as(VENDOR_NAME))?;
    found(affected)
}

/// Another vendor (not `except`) with this KvK number, as `(id, name)`, the lowest id first. Call it
/// in the transaction that writes the vendor: on PostgreSQL it first locks the vendors table against
/// other writers until `tx` ends, so two vendors with one number cannot be saved side by side (on
/// SQLite the single writer connection serialises them already). Not a unique index, because
/// databases from before this rule may hold duplicates, which are shown and left to be merged.
#[tracing::instrument(skip_all)]
pub async fn kvk_holder(tx: &mut Tx, kvk: &str, except: Option<VendorId>) -> Result<Option<(VendorId, String)>> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("LOCK TABLE vendors IN SHARE ROW EXCLUSIVE MODE").execute(&mut **t).await?;
    }
    let row: Option<(i64, String)> = on_tx!(tx, |ex| sqlx::query_as(
        "SELECT id, name FROM vendors WHERE kvk = $1 AND id <> $2 ORDER BY id LIMIT 1"
    )
    .bind(kvk)
    .bind(except.map_or(0, |v| v.0))
    .fetch_optional(ex)
    .await)?;
    Ok(row.map(|(id, name)| (VendorId(id), name)))
}

/// Deletes a vendor with its services and contact persons. `NotFound` when it does not exist;
/// `Conflict("foreign_key")` while it still has contracts (then nothing is deleted).
#[tracing::instrument(skip_all)]
pub async fn delete_vendor(tx: &mut Tx, id: VendorId) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query("DELETE FROM vendors WHERE id = $1")
        .bind(id.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(affected)
}

/// One vendor; `NotFound` when it does not exist.
#[tracing::instrument(skip_all)]
pub async fn get_vendor(db: &Db, id: VendorId) -> Result<Vendor> {
    let row: VendorRow = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, name, kvk, category, sourcing, criticality, notes FROM vendors WHERE id = $1"
    )
    .bind(id.0)
    .fetch_one(ex)
    .await)?;
    row.try_into()
}

/// Every vendor's criticality, by id (a light read for overviews).
#[tracing::instrument(skip_all)]
pub async fn vendor_criticalities(db: &Db) -> Result<Vec<(VendorId, Criticality)>> {
    let rows: Vec<(i64, String)> =
        on_db!(db, |ex| sqlx::query_as("SELECT id, criticality FROM vendors ORDER BY id").fetch_all(ex).await)?;
    rows.into_iter().map(|(id, c)| Ok((VendorId(id), parse_key("criticality", &c, Criticality::parse)?))).collect()
}

/// Every vendor with its number of services and contracts, ordered by name (case-insensitively).
#[tracing::instrument(skip_all)]
pub async fn list_vendors(db: &Db) -> Result<Vec<VendorSummary>> {
    let rows: Vec<VendorSummaryRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT v.id, v.name, v.category, v.criticality,
                (SELECT COUNT(*) FROM vendor_services s WHERE s.vendor_id = v.id) AS service_count,
                (SELECT COUNT(*) FROM contracts c WHERE c.vendor_id = v.id) AS contract_count
         FROM vendors v
         ORDER BY v.name_key, v.id"
    )
    .fetch_all(ex)
    .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(VendorSummary {
                id: VendorId(r.id),
                name: r.name,
                category: parse_key("category", &r.category, VendorCategory::parse)?,
                criticality: parse_key("criticality", &r.criticality, Criticality::parse)?,
                service_count: r.service_count,
                contract_count: r.contract_count,
            })
        })
        .collect()
}
