//! A contract's SLA terms: one row per contract, with the service-credit staffel as child rows in the
//! order entered. Percentages are stored as whole units of 0.0001 percentage point
//! ([`domain::sla::terms::pct_units`]), so that what was typed reads back exactly.

use crate::db::{Db, Tx};
use crate::error::{parse_key, to_i32, to_u32, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::sla::contract_terms::{ContractSlaTerms, MeasurementBasis, MeasurementPeriod, ResolutionTargets};
use domain::sla::terms::{pct_units, CreditTier, ServiceWindow, SlaTerms};
use domain::ContractId;

#[derive(sqlx::FromRow)]
struct TermsRow {
    target_units: i64,
    window_kind: String,
    weekdays: String,
    from_minute: i32,
    to_minute: i32,
    exclude_holidays: bool,
    period_kind: String,
    basis: String,
    degraded_counts_as_down: bool,
    maintenance_notice_days: i32,
    resolution_minor_mins: Option<i32>,
    resolution_major_mins: Option<i32>,
    resolution_critical_mins: Option<i32>,
    credit_cap_units: i64,
    monthly_fee_cents: Option<i64>,
}

fn pct(units: i64) -> f64 {
    units as f64 / 10_000.0
}

fn minutes(what: &str, v: Option<i32>) -> Result<Option<u32>> {
    v.map(|m| to_u32(what, m)).transpose()
}

/// Seven `0`/`1` characters, Monday first.
fn weekdays_text(days: &[bool; 7]) -> String {
    days.iter().map(|d| if *d { '1' } else { '0' }).collect()
}

fn weekdays_of(text: &str) -> Result<[bool; 7]> {
    let mut days = [false; 7];
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 7 || chars.iter().any(|c| *c != '0' && *c != '1') {
        return Err(StoreError::Corrupt(format!("weekdays: {text:?}")));
    }
    for (d, c) in days.iter_mut().zip(chars) {
        *d = c == '1';
    }
    Ok(days)
}

impl TermsRow {
    fn into_terms(self, staffel: Vec<CreditTier>) -> Result<ContractSlaTerms> {
        let window = match self.window_kind.as_str() {
            "always" => ServiceWindow::Always,
            "weekly" => ServiceWindow::Weekly {
                weekdays: weekdays_of(&self.weekdays)?,
                from_minute: to_u32("from_minute", self.from_minute)?,
                to_minute: to_u32("to_minute", self.to_minute)?,
                exclude_holidays: self.exclude_holidays,
            },
            other => return Err(StoreError::Corrupt(format!("window_kind: {other:?}"))),
        };
        Ok(ContractSlaTerms {
            terms: SlaTerms {
                target_pct: pct(self.target_units),
                window,
                maintenance_notice_days: to_u32("maintenance_notice_days", self.maintenance_notice_days)?,
                degraded_counts_as_down: self.degraded_counts_as_down,
                staffel,
                credit_cap_pct: pct(self.credit_cap_units),
                monthly_fee_cents: self.monthly_fee_cents.unwrap_or(0),
            },
            period: parse_key("period_kind", &self.period_kind, MeasurementPeriod::parse)?,
            basis: parse_key("basis", &self.basis, MeasurementBasis::parse)?,
            resolution: ResolutionTargets {
                minor: minutes("resolution_minor_mins", self.resolution_minor_mins)?,
                major: minutes("resolution_major_mins", self.resolution_major_mins)?,
                critical: minutes("resolution_critical_mins", self.resolution_critical_mins)?,
            },
            monthly_fee_override_cents: self.monthly_fee_cents,
        })
    }
}

/// The contract's SLA terms, `None` when none are recorded.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn get_sla_terms(db: &Db, contract: ContractId) -> Result<Option<ContractSlaTerms>> {
    let row: Option<TermsRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT target_units, window_kind, weekdays, from_minute, to_minute, exclude_holidays, period_kind, basis,
                degraded_counts_as_down, maintenance_notice_days, resolution_minor_mins, resolution_major_mins,
                resolution_critical_mins, credit_cap_units, monthly_fee_cents
         FROM contract_sla_terms WHERE contract_id = $1"
    )
    .bind(contract.0)
    .fetch_optional(ex)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    let tiers: Vec<(i64, i64)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT below_units, credit_units FROM contract_sla_tiers WHERE contract_id = $1 ORDER BY position"
    )
    .bind(contract.0)
    .fetch_all(ex)
    .await)?;
    let staffel = tiers.into_iter().map(|(b, c)| CreditTier { below_pct: pct(b), credit_pct: pct(c) }).collect();
    row.into_terms(staffel).map(Some)
}

/// When the contract's SLA terms were last changed; `NotFound` without terms.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn sla_terms_updated_at(db: &Db, contract: ContractId) -> Result<DateTime<Utc>> {
    Ok(on_db!(db, |ex| sqlx::query_scalar("SELECT updated_at FROM contract_sla_terms WHERE contract_id = $1")
        .bind(contract.0)
        .fetch_one(ex)
        .await)?)
}

/// Every contract's SLA terms with when they were last changed, by contract id.
#[tracing::instrument(skip_all)]
pub async fn list_sla_terms(db: &Db) -> Result<Vec<(ContractId, ContractSlaTerms, DateTime<Utc>)>> {
    #[derive(sqlx::FromRow)]
    struct Listed {
        contract_id: i64,
        updated_at: DateTime<Utc>,
        #[sqlx(flatten)]
        row: TermsRow,
    }
    let rows: Vec<Listed> = on_db!(db, |ex| sqlx::query_as(
        "SELECT contract_id, updated_at, target_units, window_kind, weekdays, from_minute, to_minute,
                exclude_holidays, period_kind, basis, degraded_counts_as_down, maintenance_notice_days,
                resolution_minor_mins, resolution_major_mins, resolution_critical_mins, credit_cap_units,
                monthly_fee_cents
         FROM contract_sla_terms ORDER BY contract_id"
    )
    .fetch_all(ex)
    .await)?;
    let tiers: Vec<(i64, i64, i64)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT contract_id, below_units, credit_units FROM contract_sla_tiers ORDER BY contract_id, position"
    )
    .fetch_all(ex)
    .await)?;
    let mut by_contract: std::collections::HashMap<i64, Vec<CreditTier>> = std::collections::HashMap::new();
    for (c, b, credit) in tiers {
        by_contract.entry(c).or_default().push(CreditTier { below_pct: pct(b), credit_pct: pct(credit) });
    }
    rows.into_iter()
        .map(|l| {
            let staffel = by_contract.remove(&l.contract_id).unwrap_or_default();
            Ok((ContractId(l.contract_id), l.row.into_terms(staffel)?, l.updated_at))
        })
        .collect()
}

/// Stores the contract's SLA terms, replacing any that were there (staffel included). Returns whether
/// terms existed before. `Conflict("foreign_key")` when the contract does not exist.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn upsert_sla_terms(
    tx: &mut Tx,
    contract: ContractId,
    t: &ContractSlaTerms,
    now: DateTime<Utc>,
) -> Result<bool> {
    let existed = delete_sla_terms(tx, contract).await?;
    let (kind, days, from, to, holidays) = match &t.terms.window {
        ServiceWindow::Always => ("always", [false; 7], 0, 0, false),
        ServiceWindow::Weekly { weekdays, from_minute, to_minute, exclude_holidays } => {
            ("weekly", *weekdays, *from_minute, *to_minute, *exclude_holidays)
        }
    };
    let r = t.resolution;
    on_tx!(tx, |ex| {
        sqlx::query(
            "INSERT INTO contract_sla_terms (contract_id, target_units, window_kind, weekdays, from_minute, to_minute,
                 exclude_holidays, period_kind, basis, degraded_counts_as_down, maintenance_notice_days,
                 resolution_minor_mins, resolution_major_mins, resolution_critical_mins, credit_cap_units,
                 monthly_fee_cents, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        )
        .bind(contract.0)
        .bind(pct_units(t.terms.target_pct))
        .bind(kind)
        .bind(weekdays_text(&days))
        .bind(to_i32(from))
        .bind(to_i32(to))
        .bind(holidays)
        .bind(t.period.key())
        .bind(t.basis.key())
        .bind(t.terms.degraded_counts_as_down)
        .bind(to_i32(t.terms.maintenance_notice_days))
        .bind(r.minor.map(to_i32))
        .bind(r.major.map(to_i32))
        .bind(r.critical.map(to_i32))
        .bind(pct_units(t.terms.credit_cap_pct))
        .bind(t.monthly_fee_override_cents)
        .bind(now)
        .execute(&mut *ex)
        .await?;
        for (i, tier) in t.terms.staffel.iter().enumerate() {
            sqlx::query(
                "INSERT INTO contract_sla_tiers (contract_id, position, below_units, credit_units)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(contract.0)
            .bind(i32::try_from(i).unwrap_or(i32::MAX))
            .bind(pct_units(tier.below_pct))
            .bind(pct_units(tier.credit_pct))
            .execute(&mut *ex)
            .await?;
        }
    });
    Ok(existed)
}

/// Removes the contract's SLA terms and staffel; returns whether there were any.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn delete_sla_terms(tx: &mut Tx, contract: ContractId) -> Result<bool> {
    let affected = on_tx!(tx, |ex| sqlx::query("DELETE FROM contract_sla_terms WHERE contract_id = $1")
        .bind(contract.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(affected > 0)
}
