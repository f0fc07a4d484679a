//! Invoice and credit-note lines, and the price changes the forecast uses.

use super::key;
use crate::db::{Db, Tx};
use crate::error::{found, Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::views_costs::{CostLineView, PriceChangeView};
use domain::{ContractId, CostCentreId, CostLineId, VendorId};

/// The constraint a second line with the same invoice number for the same vendor breaks.
pub const COST_LINE_INVOICE: &str = "cost_line_invoice";

/// Rows per multi-row `INSERT` (12 binds a row, below both databases' bind limits).
const ROWS_PER_STATEMENT: usize = 1_000;

/// A checked line ready to store, with its contract's vendor resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCostLine {
    pub contract: ContractId,
    pub vendor: VendorId,
    pub invoice_number: String,
    pub invoice_date: NaiveDate,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub amount_cents: i64,
    pub vat_cents: i64,
    /// `factuur` or `creditnota`.
    pub kind: String,
    pub cost_centre: CostCentreId,
}

/// The lines in a year, reduced to what the overview and forecast compute with.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CostPeriodRow {
    pub contract_id: i64,
    pub vendor_id: i64,
    pub cost_centre_id: i64,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub amount_cents: i64,
    pub vat_cents: i64,
}

/// Which lines a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CostLineFilter {
    pub contract: Option<ContractId>,
    /// Lines whose period touches this year.
    pub year: Option<i32>,
    /// Part of the invoice number, contract reference or vendor name (case-insensitive).
    pub search: Option<String>,
}

/// The columns a list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CostLineSort {
    #[default]
    InvoiceDate,
    Vendor,
    Amount,
    InvoiceNumber,
}

/// Inserts lines in multi-row statements; `Conflict(COST_LINE_INVOICE)` when an invoice number
/// exists for the vendor, `Conflict("foreign_key")` for an unknown contract, vendor or cost centre.
#[tracing::instrument(skip_all, fields(lines = lines.len()))]
pub async fn insert_cost_lines(tx: &mut Tx, lines: &[NewCostLine], now: DateTime<Utc>) -> Result<u64> {
    let mut stored = 0;
    for chunk in lines.chunks(ROWS_PER_STATEMENT) {
        stored += on_tx!(&mut *tx, |ex| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO cost_lines (contract_id, vendor_id, invoice_number, invoice_key, invoice_date,
                 period_start, period_end, amount_cents, vat_cents, kind, cost_centre_id, created_at) ",
            );
            insert.push_values(chunk, |mut row, l| {
                row.push_bind(l.contract.0)
                    .push_bind(l.vendor.0)
                    .push_bind(&l.invoice_number)
                    .push_bind(key(&l.invoice_number))
                    .push_bind(l.invoice_date)
                    .push_bind(l.period_start)
                    .push_bind(l.period_end)
                    .push_bind(l.amount_cents)
                    .push_bind(l.vat_cents)
                    .push_bind(&l.kind)
                    .push_bind(l.cost_centre.0)
                    .push_bind(now);
            });
            insert.build().persistent(false).execute(&mut *ex).await.map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::from(e).unique_as(COST_LINE_INVOICE))?;
    }
    Ok(stored)
}

/// Inserts one line and returns its id; conflicts as [`insert_cost_lines`].
#[tracing::instrument(skip_all)]
pub async fn insert_cost_line(tx: &mut Tx, l: &NewCostLine, now: DateTime<Utc>) -> Result<CostLineId> {
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO cost_lines (contract_id, vendor_id, invoice_number, invoice_key, invoice_date,
         period_start, period_end, amount_cents, vat_cents, kind, cost_centre_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
    )
    .bind(l.contract.0)
    .bind(l.vendor.0)
    .bind(&l.invoice_number)
    .bind(key(&l.invoice_number))
    .bind(l.invoice_date)
    .bind(l.period_start)
    .bind(l.period_end)
    .bind(l.amount_cents)
    .bind(l.vat_cents)
    .bind(&l.kind)
    .bind(l.cost_centre.0)
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(COST_LINE_INVOICE))?;
    Ok(CostLineId(id))
}

/// The invoice keys (lower-case numbers) the vendors already have.
#[tracing::instrument(skip_all)]
pub async fn invoice_keys(db: &Db, vendors: &[VendorId]) -> Result<Vec<(VendorId, String)>> {
    let mut out = Vec::new();
    for chunk in vendors.chunks(500) {
        let rows: Vec<(i64, String)> = on_db!(db, |ex| {
            let mut q = sqlx::QueryBuilder::new("SELECT vendor_id, invoice_key FROM cost_lines WHERE vendor_id IN (");
            let mut list = q.separated(", ");
            for v in chunk {
                list.push_bind(v.0);
            }
            q.push(")");
            q.build_query_as().persistent(false).fetch_all(ex).await
        })?;
        out.extend(rows.into_iter().map(|(v, k)| (VendorId(v), k)));
    }
    Ok(out)
}

/// Removes a line; returns it as it was. `NotFound` when it does not exist.
#[tracing::instrument(skip_all, fields(line = %id))]
pub async fn delete_cost_line(tx: &mut Tx, id: CostLineId) -> Result<CostLineView> {
    let row: Option<ListRow> =
        on_tx!(&mut *tx, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!("{LIST_SELECT} WHERE l.id = $1")))
            .bind(id.0)
            .fetch_optional(ex)
            .await)?;
    let view = row.ok_or(StoreError::NotFound)?.into();
    on_tx!(&mut *tx, |ex| sqlx::query("DELETE FROM cost_lines WHERE id = $1").bind(id.0).execute(ex).await.map(drop))?;
    Ok(view)
}

/// Every line whose period touches `year`.
#[tracing::instrument(skip_all)]
pub async fn cost_periods_in_year(db: &Db, year: i32) -> Result<Vec<CostPeriodRow>> {
    let (first, last) = year_bounds(year)?;
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT contract_id, vendor_id, cost_centre_id, period_start, period_end, amount_cents, vat_cents
         FROM cost_lines WHERE period_start <= $2 AND period_end >= $1"
    )
    .bind(first)
    .bind(last)
    .fetch_all(ex)
    .await)?)
}

/// The first period start and the last period end of all lines (None when there are none).
#[tracing::instrument(skip_all)]
pub async fn cost_years(db: &Db) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    Ok(on_db!(db, |ex| sqlx::query_as("SELECT MIN(period_start), MAX(period_end) FROM cost_lines")
        .fetch_one(ex)
        .await)?)
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| StoreError::Corrupt(format!("year {year}")))?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| StoreError::Corrupt(format!("year {year}")))?;
    Ok((first, last))
}

const LIST_SELECT: &str = "SELECT l.id, l.contract_id, c.reference AS contract_reference, l.vendor_id,
        v.name AS vendor_name, l.invoice_number, l.invoice_date, l.period_start, l.period_end, l.amount_cents,
        l.vat_cents, l.kind, l.cost_centre_id, cc.code AS cost_centre_code
     FROM cost_lines l JOIN contracts c ON c.id = l.contract_id JOIN vendors v ON v.id = l.vendor_id
     JOIN cost_centres cc ON cc.id = l.cost_centre_id";

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    contract_id: i64,
    contract_reference: String,
    vendor_id: i64,
    vendor_name: String,
    invoice_number: String,
    invoice_date: NaiveDate,
    period_start: NaiveDate,
    period_end: NaiveDate,
    amount_cents: i64,
    vat_cents: i64,
    kind: String,
    cost_centre_id: i64,
    cost_centre_code: String,
}

impl From<ListRow> for CostLineView {
    fn from(r: ListRow) -> Self {
        CostLineView {
            id: CostLineId(r.id),
            contract: ContractId(r.contract_id),
            contract_reference: r.contract_reference,
            vendor: VendorId(r.vendor_id),
            vendor_name: r.vendor_name,
            invoice_number: r.invoice_number,
            invoice_date: r.invoice_date,
            period_start: r.period_start,
            period_end: r.period_end,
            amount_cents: r.amount_cents,
            vat_cents: r.vat_cents,
            kind: r.kind,
            cost_centre: CostCentreId(r.cost_centre_id),
            cost_centre_code: r.cost_centre_code,
        }
    }
}

/// One page of lines matching `filter`, sorted, and how many match in all.
#[tracing::instrument(skip_all)]
pub async fn list_cost_lines(
    db: &Db,
    filter: &CostLineFilter,
    sort: CostLineSort,
    descending: bool,
    limit: u32,
    offset: u32,
) -> Result<(Vec<CostLineView>, u64)> {
    let bounds = filter.year.map(year_bounds).transpose()?;
    let search = filter.search.as_deref().map(|s| format!("%{}%", key(s).replace(['%', '_'], "")));
    let dir = if descending { "DESC" } else { "ASC" };
    let order = match sort {
        CostLineSort::InvoiceDate => format!("l.invoice_date {dir}, l.id {dir}"),
        CostLineSort::Vendor => format!("v.name_key {dir}, l.invoice_date DESC, l.id DESC"),
        CostLineSort::Amount => format!("l.amount_cents {dir}, l.id {dir}"),
        CostLineSort::InvoiceNumber => format!("l.invoice_key {dir}, l.id {dir}"),
    };
    let filter_sql = "($1 IS NULL OR l.contract_id = $1)
         AND ($2 IS NULL OR (l.period_start <= $3 AND l.period_end >= $2))
         AND ($4 IS NULL OR l.invoice_key LIKE $4 OR LOWER(c.reference) LIKE $4 OR v.name_key LIKE $4)";
    let list = format!("{LIST_SELECT} WHERE {filter_sql} ORDER BY {order} LIMIT $5 OFFSET $6");
    // Without a search text the count needs no joins.
    let count = if search.is_some() {
        format!(
            "SELECT COUNT(*) FROM cost_lines l JOIN contracts c ON c.id = l.contract_id
             JOIN vendors v ON v.id = l.vendor_id WHERE {filter_sql}"
        )
    } else {
        "SELECT COUNT(*) FROM cost_lines l WHERE ($1 IS NULL OR l.contract_id = $1)
         AND ($2 IS NULL OR (l.period_start <= $3 AND l.period_end >= $2)) AND ($4 IS NULL OR $4 = '')"
            .to_string()
    };
    let contract = filter.contract.map(|c| c.0);
    let (first, last) = (bounds.map(|b| b.0), bounds.map(|b| b.1));
    let rows: Vec<ListRow> = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(list.clone()))
        .bind(contract)
        .bind(first)
        .bind(last)
        .bind(&search)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(ex)
        .await)?;
    let total: i64 = on_db!(db, |ex| sqlx::query_scalar(sqlx::AssertSqlSafe(count.clone()))
        .bind(contract)
        .bind(first)
        .bind(last)
        .bind(&search)
        .fetch_one(ex)
        .await)?;
    Ok((rows.into_iter().map(CostLineView::from).collect(), u64::try_from(total).unwrap_or(0)))
}

/// Every known price change, by contract and date.
#[tracing::instrument(skip_all)]
pub async fn list_price_changes(db: &Db, contract: Option<ContractId>) -> Result<Vec<(ContractId, PriceChangeView)>> {
    let rows: Vec<(i64, NaiveDate, i64)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT contract_id, effective_from, basis_points FROM price_changes
         WHERE $1 IS NULL OR contract_id = $1 ORDER BY contract_id, effective_from"
    )
    .bind(contract.map(|c| c.0))
    .fetch_all(ex)
    .await)?;
    rows.into_iter()
        .map(|(c, d, bp)| {
            let basis_points = i32::try_from(bp).map_err(|_| StoreError::Corrupt(format!("basis points {bp}")))?;
            Ok((ContractId(c), PriceChangeView { effective_from: d, basis_points }))
        })
        .collect()
}

/// Sets (or replaces) the price change of a contract on a date; returns the basis points before.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn upsert_price_change(tx: &mut Tx, contract: ContractId, change: &PriceChangeView) -> Result<Option<i64>> {
    let before: Option<i64> = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "SELECT basis_points FROM price_changes WHERE contract_id = $1 AND effective_from = $2"
    )
    .bind(contract.0)
    .bind(change.effective_from)
    .fetch_optional(ex)
    .await)?;
    on_tx!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO price_changes (contract_id, effective_from, basis_points) VALUES ($1, $2, $3)
         ON CONFLICT (contract_id, effective_from) DO UPDATE SET basis_points = excluded.basis_points"
    )
    .bind(contract.0)
    .bind(change.effective_from)
    .bind(i64::from(change.basis_points))
    .execute(ex)
    .await
    .map(drop))?;
    Ok(before)
}

/// Removes a price change; `NotFound` when there is none on that date.
#[tracing::instrument(skip_all, fields(contract = %contract))]
pub async fn delete_price_change(tx: &mut Tx, contract: ContractId, effective_from: NaiveDate) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query("DELETE FROM price_changes WHERE contract_id = $1 AND effective_from = $2")
        .bind(contract.0)
        .bind(effective_from)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(n)
}
