//! Service credits claimed from and received by vendors: one row per contract and measurement period.

use crate::db::{Db, Tx};
use crate::error::Result;
use chrono::{DateTime, Utc};
use domain::sla::views::CreditClaim;
use domain::ContractId;

#[derive(sqlx::FromRow)]
struct ClaimRow {
    status: String,
    amount_cents: i64,
    note: Option<String>,
    recorded_by: String,
    recorded_at: DateTime<Utc>,
}

impl From<ClaimRow> for CreditClaim {
    fn from(r: ClaimRow) -> Self {
        CreditClaim {
            status: r.status,
            amount_cents: r.amount_cents,
            note: r.note,
            recorded_by: r.recorded_by,
            recorded_at: r.recorded_at,
        }
    }
}

/// The claim recorded for the contract's period (`Period::label`), if any.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn get_credit_claim(db: &Db, contract: ContractId, period: &str) -> Result<Option<CreditClaim>> {
    let row: Option<ClaimRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT status, amount_cents, note, recorded_by, recorded_at FROM sla_credit_claims
         WHERE contract_id = $1 AND period = $2"
    )
    .bind(contract.0)
    .bind(period)
    .fetch_optional(ex)
    .await)?;
    Ok(row.map(CreditClaim::from))
}

/// Records (or replaces) the claim of the contract's period; returns the status it had before.
/// `Conflict("foreign_key")` for an unknown contract.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn upsert_credit_claim(
    tx: &mut Tx,
    contract: ContractId,
    period: &str,
    claim: &CreditClaim,
) -> Result<Option<String>> {
    let before: Option<String> = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "SELECT status FROM sla_credit_claims WHERE contract_id = $1 AND period = $2"
    )
    .bind(contract.0)
    .bind(period)
    .fetch_optional(ex)
    .await)?;
    on_tx!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO sla_credit_claims (contract_id, period, status, amount_cents, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (contract_id, period) DO UPDATE SET status = excluded.status,
             amount_cents = excluded.amount_cents, note = excluded.note, recorded_by = excluded.recorded_by,
             recorded_at = excluded.recorded_at"
    )
    .bind(contract.0)
    .bind(period)
    .bind(&claim.status)
    .bind(claim.amount_cents)
    .bind(&claim.note)
    .bind(&claim.recorded_by)
    .bind(claim.recorded_at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(before)
}
