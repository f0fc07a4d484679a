//! What the cost, budget and allocation pages show: plain data the service layer fills and the pages
//! render. Amounts are integer cents (excl. VAT unless a field says otherwise).

use crate::ids::{ContractId, CostCentreId, CostImportId, CostLineId, OrganisationId, VendorId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A cost centre (kostenplaats).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostCentre {
    pub id: CostCentreId,
    pub code: String,
    pub name: String,
}

/// One invoice or credit-note line with the names a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostLineView {
    pub id: CostLineId,
    pub contract: ContractId,
    pub contract_reference: String,
    pub vendor: VendorId,
    pub vendor_name: String,
    pub invoice_number: String,
    pub invoice_date: NaiveDate,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub amount_cents: i64,
    pub vat_cents: i64,
    /// `factuur` or `creditnota`.
    pub kind: String,
    pub cost_centre: CostCentreId,
    pub cost_centre_code: String,
}

/// The budget of a cost centre for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub cost_centre: CostCentreId,
    pub year: i32,
    pub amount_cents: i64,
}

/// An organisation the costs are shared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub inhabitants: Option<u64>,
    pub employees: Option<u64>,
}

/// What a verdeelsleutel divides: one contract's costs, or the costs booked on one cost centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AllocationTarget {
    Contract(ContractId),
    CostCentre(CostCentreId),
}

/// One organisation's part in a key: basis points for a fixed key, the organisation's current count
/// (inhabitants or employees) for a count key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationShare {
    pub organisation: OrganisationId,
    pub organisation_name: String,
    pub weight: u64,
}

/// A verdeelsleutel with its shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationKeyView {
    pub target: AllocationTarget,
    /// A readable name of what is divided: the contract reference or the cost centre code and name.
    pub target_label: String,
    /// `vast`, `inwoners` or `medewerkers`.
    pub basis: String,
    pub shares: Vec<AllocationShare>,
}

/// A known price change (indexation) of a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceChangeView {
    pub effective_from: NaiveDate,
    /// 250 = +2,50 %.
    pub basis_points: i32,
}

/// One month of the year on the cost overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCosts {
    pub month: u32,
    /// Invoiced costs accrued into this month.
    pub actual_cents: i64,
    pub cumulative_actual_cents: i64,
    /// The year's budget spread evenly: budget x month / 12.
    pub cumulative_budget_cents: i64,
    /// Actual costs plus what the contracts are expected to cost in months no invoice covers yet.
    pub cumulative_forecast_cents: i64,
}

/// Figures of one row of an overview table (a cost centre, vendor, organisation or contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostFigures {
    /// The row's id as a string (cost centre, vendor, organisation or contract id); empty for "not
    /// allocated" or "no cost centre".
    pub id: String,
    pub name: String,
    pub budget_cents: Option<i64>,
    pub actual_cents: i64,
    pub forecast_cents: i64,
}

/// The cost overview of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostOverview {
    pub year: i32,
    pub budget_cents: i64,
    pub actual_cents: i64,
    pub vat_cents: i64,
    pub forecast_cents: i64,
    pub months: Vec<MonthCosts>,
    pub cost_centres: Vec<CostFigures>,
    pub vendors: Vec<CostFigures>,
    pub organisations: Vec<CostFigures>,
    pub contracts: Vec<CostFigures>,
    /// Years with invoices or budgets, newest first, for the year picker.
    pub years: Vec<i32>,
}

/// A row of an uploaded cost file as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreviewRow {
    pub line: u32,
    pub invoice_number: String,
    pub invoice_date: NaiveDate,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub amount_cents: i64,
    pub vat_cents: i64,
    pub cost_centre: String,
    pub contract: String,
    pub vendor_name: String,
}

/// A problem in an uploaded cost file: the line (the header is line 1), the column as the file names
/// it, and the sentence in Dutch and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblemView {
    pub line: u32,
    pub column: String,
    pub message_nl: String,
    pub message_en: String,
}

/// What an upload would import, before it is confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: CostImportId,
    pub file_name: String,
    pub rows: u32,
    pub total_cents: i64,
    pub vat_cents: i64,
    /// The first rows (at most [`PREVIEW_ROWS`]).
    pub sample: Vec<ImportPreviewRow>,
    pub errors: Vec<ImportProblemView>,
    /// All errors found (`errors` holds at most [`PREVIEW_ERRORS`]).
    pub error_count: u32,
    /// Already imported: the upload cannot be confirmed twice.
    pub imported: bool,
}

/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 50;
/// How many errors the preview lists (the count says how many there are).
pub const PREVIEW_ERRORS: usize = 500;

/// One page of the invoice list and how many lines match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostLinePage {
    pub lines: Vec<CostLineView>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
    /// The years invoice periods touch, newest first, for the year filter.
    pub years: Vec<i32>,
}

/// Everything the cost settings page shows at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostRegisters {
    pub cost_centres: Vec<CostCentre>,
    pub budgets: Vec<Budget>,
    pub organisations: Vec<Organisation>,
    pub keys: Vec<AllocationKeyView>,
}
