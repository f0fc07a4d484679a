//! Contracts with their terms, the vendor services they cover, and the decisions taken on them.

use crate::db::{Db, Tx};
use crate::error::{found, parse_key, to_i32, to_u32, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::contract::{Contract, ContractStatus, Decision, DecisionRecord, NewContract, Period, PriceModel, Renewal};
use domain::{ContractId, UserId, VendorId, VendorServiceId};
use std::collections::HashMap;

/// The conflict hint for a contract reference that is already in use.
pub const CONTRACT_REFERENCE: &str = "contract_reference";

/// The contract columns with the vendor's name; `c` is `contracts`, `v` is `vendors`.
macro_rules! select_contracts {
    () => {
        "SELECT c.id, c.vendor_id, v.name AS vendor_name, c.reference, c.title, c.owner, c.start_date,
                c.initial_end, c.renewal_kind, c.renewal_period_months, c.option_count,
                c.option_length_months, c.options_exercised, c.notice_unit, c.notice_amount,
                c.lead_time_months, c.annual_value_cents, c.price_model, c.status, c.decided_term_end
         FROM contracts c JOIN vendors v ON v.id = c.vendor_id"
    };
}

#[derive(sqlx::FromRow)]
struct ContractRow {
    id: i64,
    vendor_id: i64,
    vendor_name: String,
    reference: String,
    title: String,
    owner: String,
    start_date: NaiveDate,
    initial_end: NaiveDate,
    renewal_kind: String,
    renewal_period_months: Option<i32>,
    option_count: Option<i32>,
    option_length_months: Option<i32>,
    options_exercised: i32,
    notice_unit: String,
    notice_amount: i32,
    lead_time_months: i32,
    annual_value_cents: i64,
    price_model: String,
    status: String,
    decided_term_end: Option<NaiveDate>,
}

/// A nullable stored count that the renewal kind requires.
fn required(what: &str, v: Option<i32>) -> Result<u32> {
    to_u32(what, v.ok_or_else(|| StoreError::Corrupt(format!("{what}: missing")))?)
}

impl ContractRow {
    fn into_contract(self, service_ids: Vec<VendorServiceId>) -> Result<Contract> {
        let renewal = match self.renewal_kind.as_str() {
            "tacit" => Renewal::Tacit { period_months: required("renewal_period_months", self.renewal_period_months)? },
            "options" => Renewal::Options {
                count: required("option_count", self.option_count)?,
                length_months: required("option_length_months", self.option_length_months)?,
                exercised: to_u32("options_exercised", self.options_exercised)?,
            },
            "fixed" => Renewal::Fixed,
            other => return Err(StoreError::Corrupt(format!("renewal_kind: {other:?}"))),
        };
        let amount = to_u32("notice_amount", self.notice_amount)?;
        let notice = match self.notice_unit.as_str() {
            "months" => Period::Months(amount),
            "days" => Period::Days(amount),
            other => return Err(StoreError::Corrupt(format!("notice_unit: {other:?}"))),
        };
        Ok(Contract {
            id: ContractId(self.id),
            vendor_id: VendorId(self.vendor_id),
            vendor_name: self.vendor_name,
            reference: self.reference,
            title: self.title,
            owner: self.owner,
            start: self.start_date,
            initial_end: self.initial_end,
            renewal,
            notice,
            lead_time_months: to_u32("lead_time_months", self.lead_time_months)?,
            annual_value_cents: self.annual_value_cents,
            price_model: parse_key("price_model", &self.price_model, PriceModel::parse)?,
            status: parse_key("status", &self.status, ContractStatus::parse)?,
            decided_term_end: self.decided_term_end,
            service_ids,
        })
    }
}

/// The renewal columns `(period, option count, option length, exercised)` for a renewal.
fn renewal_columns(r: Renewal) -> (Option<i32>, Option<i32>, Option<i32>, i32) {
    match r {
        Renewal::Tacit { period_months } => (Some(to_i32(period_months)), None, None, 0),
        Renewal::Options { count, length_months, exercised } => {
            (None, Some(to_i32(count)), Some(to_i32(length_months)), to_i32(exercised))
        }
        Renewal::Fixed => (None, None, None, 0),
    }
}

/// Replaces the contract's service links with `ids`.
async fn replace_services(tx: &mut Tx, id: ContractId, ids: &[VendorServiceId]) -> Result<()> {
    on_tx!(tx, |ex| {
        sqlx::query("DELETE FROM contract_services WHERE contract_id = $1").bind(id.0).execute(&mut *ex).await?;
        for s in ids {
            sqlx::query("INSERT INTO contract_services (contract_id, service_id) VALUES ($1, $2)")
                .bind(id.0)
                .bind(s.0)
                .execute(&mut *ex)
                .await?;
        }
    });
    Ok(())
}

/// Stores a new contract (status `actief`) with its service links. `Conflict("contract_reference")`
/// when the reference is taken; `Conflict("foreign_key")` for an unknown vendor or service.
#[tracing::instrument(skip_all)]
pub async fn insert_contract(tx: &mut Tx, c: &NewContract, now: DateTime<Utc>) -> Result<ContractId> {
    let (period, count, length, exercised) = renewal_columns(c.renewal);
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO contracts (vendor_id, reference, title, owner, start_date, initial_end, renewal_kind,
             renewal_period_months, option_count, option_length_months, options_exercised, notice_unit,
             notice_amount, lead_time_months, annual_value_cents, price_model, status, decided_term_end,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, NULL, $18, $18)
         RETURNING id"
    )
    .bind(c.vendor_id.0)
    .bind(&c.reference)
    .bind(&c.title)
    .bind(&c.owner)
    .bind(c.start)
    .bind(c.initial_end)
    .bind(c.renewal.key())
    .bind(period)
    .bind(count)
    .bind(length)
    .bind(exercised)
    .bind(c.notice.unit_key())
    .bind(to_i32(c.notice.amount()))
    .bind(to_i32(c.lead_time_months))
    .bind(c.annual_value_cents)
    .bind(c.price_model.key())
    .bind(ContractStatus::Active.key())
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(CONTRACT_REFERENCE))?;
    let id = ContractId(id);
    replace_services(tx, id, &c.service_ids).await?;
    Ok(id)
}

/// Replaces a contract's terms and service links. Status, exercised options and the decided term end
/// are kept (see [`save_contract_state`]). `NotFound` when the contract does not exist.
#[tracing::instrument(skip_all)]
pub async fn update_contract(tx: &mut Tx, id: ContractId, c: &NewContract, now: DateTime<Utc>) -> Result<()> {
    let (period, count, length, _) = renewal_columns(c.renewal);
    let affected = on_tx!(tx, |ex| sqlx::query(
        "UPDATE contracts SET vendor_id = $1, reference = $2, title = $3, owner = $4, start_date = $5,
             initial_end = $6, renewal_kind = $7, renewal_period_months = $8, option_count = $9,
             option_length_months = $10, notice_unit = $11, notice_amount = $12, lead_time_months = $13,
             annual_value_cents = $14, price_model = $15, updated_at = $16
         WHERE id = $17"
    )
    .bind(c.vendor_id.0)
    .bind(&c.reference)
    .bind(&c.title)
    .bind(&c.owner)
    .bind(c.start)
    .bind(c.initial_end)
    .bind(c.renewal.key())
    .bind(period)
    .bind(count)
    .bind(length)
    .bind(c.notice.unit_key())
    .bind(to_i32(c.notice.amount()))
    .bind(to_i32(c.lead_time_months))
    .bind(c.annual_value_cents)
    .bind(c.price_model.key())
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::from(e).unique_as(CONTRACT_REFERENCE))?;
    found(affected)?;
    // Invoice numbers are unique per vendor: the contract's lines move with it to its vendor.
    on_tx!(&mut *tx, |ex| sqlx::query("UPDATE cost_lines SET vendor_id = $1 WHERE contract_id = $2")
        .bind(c.vendor_id.0)
        .bind(id.0)
        .execute(ex)
        .await
        .map(drop))
    .map_err(|e| StoreError::from(e).unique_as(crate::costs::COST_LINE_INVOICE))?;
    replace_services(tx, id, &c.service_ids).await
}

/// One contract with its vendor's name and its service ids (sorted); `NotFound` when it does not exist.
#[tracing::instrument(skip_all)]
pub async fn get_contract(db: &Db, id: ContractId) -> Result<Contract> {
    let row: ContractRow = on_db!(db, |ex| sqlx::query_as(concat!(select_contracts!(), " WHERE c.id = $1"))
        .bind(id.0)
        .fetch_one(ex)
        .await)?;
    let services: Vec<i64> = on_db!(db, |ex| sqlx::query_scalar(
        "SELECT service_id FROM contract_services WHERE contract_id = $1 ORDER BY service_id"
    )
    .bind(id.0)
    .fetch_all(ex)
    .await)?;
    row.into_contract(services.into_iter().map(VendorServiceId).collect())
}

/// Reads a contract inside a write transaction and locks its row until commit (PostgreSQL
/// `FOR UPDATE`; SQLite's single writer already serialises), so that a decision taken on it cannot
/// interleave with another one.
#[tracing::instrument(skip_all, fields(contract = %id))]
pub async fn lock_contract(tx: &mut Tx, id: ContractId) -> Result<Contract> {
    let row: ContractRow = match tx {
        Tx::Sqlite(t) => {
            sqlx::query_as(concat!(select_contracts!(), " WHERE c.id = $1")).bind(id.0).fetch_one(&mut **t).await?
        }
        Tx::Postgres(t) => {
            sqlx::query_as(concat!(select_contracts!(), " WHERE c.id = $1 FOR UPDATE OF c"))
                .bind(id.0)
                .fetch_one(&mut **t)
                .await?
        }
    };
    let services: Vec<i64> = on_tx!(tx, |ex| sqlx::query_scalar(
        "SELECT service_id FROM contract_services WHERE contract_id = $1 ORDER BY service_id"
    )
    .bind(id.0)
    .fetch_all(ex)
    .await)?;
    row.into_contract(services.into_iter().map(VendorServiceId).collect())
}

/// Every contract, in the order they were created, with their service ids (two queries in all).
#[tracing::instrument(skip_all)]
pub async fn list_contracts(db: &Db) -> Result<Vec<Contract>> {
    let rows: Vec<ContractRow> =
        on_db!(db, |ex| sqlx::query_as(concat!(select_contracts!(), " ORDER BY c.id")).fetch_all(ex).await)?;
    let links: Vec<(i64, i64)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT contract_id, service_id FROM contract_services ORDER BY contract_id, service_id"
    )
    .fetch_all(ex)
    .await)?;
    let mut by_contract: HashMap<i64, Vec<VendorServiceId>> = HashMap::new();
    for (contract, service) in links {
        by_contract.entry(contract).or_default().push(VendorServiceId(service));
    }
    rows.into_iter()
        .map(|r| {
            let services = by_contract.remove(&r.id).unwrap_or_default();
            r.into_contract(services)
        })
        .collect()
}

/// Writes the state that decisions change: status, options exercised (for option contracts) and the
/// decided term end. `NotFound` when the contract does not exist.
#[tracing::instrument(skip_all)]
pub async fn save_contract_state(tx: &mut Tx, c: &Contract, now: DateTime<Utc>) -> Result<()> {
    let exercised = match c.renewal {
        Renewal::Options { exercised, .. } => Some(to_i32(exercised)),
        _ => None,
    };
    let affected = on_tx!(tx, |ex| sqlx::query(
        "UPDATE contracts SET status = $1, options_exercised = COALESCE($2, options_exercised),
             decided_term_end = $3, updated_at = $4
         WHERE id = $5"
    )
    .bind(c.status.key())
    .bind(exercised)
    .bind(c.decided_term_end)
    .bind(now)
    .bind(c.id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    found(affected)
}

/// Records a decision about the contract's term ending on `term_end`. `Conflict("foreign_key")` for
/// an unknown contract or user.
#[tracing::instrument(skip_all)]
pub async fn insert_decision(
    tx: &mut Tx,
    contract: ContractId,
    decision: Decision,
    term_end: NaiveDate,
    note: Option<&str>,
    decided_by: UserId,
    at: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |ex| sqlx::query(
        "INSERT INTO contract_decisions (contract_id, decision, term_end, note, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(contract.0)
    .bind(decision.key())
    .bind(term_end)
    .bind(note)
    .bind(decided_by.0)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct DecisionRow {
    decision: String,
    term_end: NaiveDate,
    note: Option<String>,
    decided_by: i64,
    decided_by_name: String,
    decided_at: DateTime<Utc>,
}

/// A contract's decisions, newest first, with the display name of whoever took them.
#[tracing::instrument(skip_all)]
pub async fn list_decisions(db: &Db, contract: ContractId) -> Result<Vec<DecisionRecord>> {
    let rows: Vec<DecisionRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT d.decision, d.term_end, d.note, d.decided_by, u.display_name AS decided_by_name, d.decided_at
         FROM contract_decisions d JOIN users u ON u.id = d.decided_by
         WHERE d.contract_id = $1
         ORDER BY d.decided_at DESC, d.id DESC"
    )
    .bind(contract.0)
    .fetch_all(ex)
    .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(DecisionRecord {
                decision: parse_key("decision", &r.decision, Decision::parse)?,
                term_end: r.term_end,
                note: r.note,
                decided_by: UserId(r.decided_by),
                decided_by_name: r.decided_by_name,
                decided_at: r.decided_at,
            })
        })
        .collect()
}

/// Deletes a contract with its service links and decisions. `NotFound` when it does not exist.
#[tracing::instrument(skip_all)]
pub async fn delete_contract(tx: &mut Tx, id: ContractId) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query("DELETE FROM contracts WHERE id = $1")
        .bind(id.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(affected)
}
