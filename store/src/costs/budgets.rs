//! Cost centres (kostenplaatsen) and their budgets per year.

use super::key;
use crate::db::{Db, Tx};
use crate::error::{found, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::views_costs::{Budget, CostCentre};
use domain::CostCentreId;

/// The constraint a second cost centre with the same code breaks.
pub const COST_CENTRE_CODE: &str = "cost_centre_code";

#[derive(sqlx::FromRow)]
struct CentreRow {
    id: i64,
    code: String,
    name: String,
}

/// All cost centres by code.
#[tracing::instrument(skip_all)]
pub async fn list_cost_centres(db: &Db) -> Result<Vec<CostCentre>> {
    let rows: Vec<CentreRow> =
        on_db!(db, |ex| sqlx::query_as("SELECT id, code, name FROM cost_centres ORDER BY code_key")
            .fetch_all(ex)
            .await)?;
    Ok(rows.into_iter().map(|r| CostCentre { id: CostCentreId(r.id), code: r.code, name: r.name }).collect())
}

/// Adds a cost centre; `Conflict(COST_CENTRE_CODE)` when the code (in any case) exists.
#[tracing::instrument(skip_all)]
pub async fn insert_cost_centre(tx: &mut Tx, code: &str, name: &str, now: DateTime<Utc>) -> Result<CostCentreId> {
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO cost_centres (code, code_key, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(code)
    .bind(key(code))
    .bind(name)
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(COST_CENTRE_CODE))?;
    Ok(CostCentreId(id))
}

/// Renames a cost centre (the code stays); `NotFound` when it does not exist.
#[tracing::instrument(skip_all)]
pub async fn rename_cost_centre(tx: &mut Tx, id: CostCentreId, name: &str) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query("UPDATE cost_centres SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(n)
}

/// Every budget of `year` (all years when `None`).
#[tracing::instrument(skip_all)]
pub async fn list_budgets(db: &Db, year: Option<i32>) -> Result<Vec<Budget>> {
    let rows: Vec<(i64, i64, i64)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT cost_centre_id, year, amount_cents FROM budgets WHERE $1 IS NULL OR year = $1
         ORDER BY year, cost_centre_id"
    )
    .bind(year.map(i64::from))
    .fetch_all(ex)
    .await)?;
    rows.into_iter()
        .map(|(c, y, a)| {
            let year = i32::try_from(y).map_err(|_| StoreError::Corrupt(format!("budget year {y}")))?;
            Ok(Budget { cost_centre: CostCentreId(c), year, amount_cents: a })
        })
        .collect()
}

/// Sets (or replaces) a budget; returns the amount it had before. `Conflict("foreign_key")` for an
/// unknown cost centre.
#[tracing::instrument(skip_all)]
pub async fn upsert_budget(tx: &mut Tx, b: &Budget) -> Result<Option<i64>> {
    let before: Option<i64> = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "SELECT amount_cents FROM budgets WHERE cost_centre_id = $1 AND year = $2"
    )
    .bind(b.cost_centre.0)
    .bind(i64::from(b.year))
    .fetch_optional(ex)
    .await)?;
    on_tx!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO budgets (cost_centre_id, year, amount_cents) VALUES ($1, $2, $3)
         ON CONFLICT (cost_centre_id, year) DO UPDATE SET amount_cents = excluded.amount_cents"
    )
    .bind(b.cost_centre.0)
    .bind(i64::from(b.year))
    .bind(b.amount_cents)
    .execute(ex)
    .await
    .map(drop))?;
    Ok(before)
}
