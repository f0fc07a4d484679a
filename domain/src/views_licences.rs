//! What the licence pages show: each licence of a contract with its latest measured use, the
//! rightsizing saving and its flags, and the use per month.

use crate::ids::{ContractId, LicenceId, VendorId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Seat use measured on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageSnapshot {
    pub measured_on: NaiveDate,
    /// `m365` (an imported Microsoft 365 active-user report) or `handmatig` (typed in).
    pub origin: String,
    pub assigned: u32,
    pub active: u32,
    /// Assigned seats without activity for 30, 60 and 90 days, when the source knows it.
    pub inactive_30: Option<u32>,
    pub inactive_60: Option<u32>,
    pub inactive_90: Option<u32>,
}

/// A licence with its terms and latest use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceView {
    pub id: LicenceId,
    pub contract: ContractId,
    pub contract_reference: String,
    pub vendor: VendorId,
    pub vendor_name: String,
    pub licence_type: String,
    /// The text the usage report's "Assigned Products" must contain.
    pub product: Option<String>,
    pub purchased: u32,
    pub unit_price_cents: i64,
    pub true_up: Option<NaiveDate>,
    pub true_down: Option<NaiveDate>,
    pub free_below: Option<u32>,
    pub utilisation_below_pct: Option<u32>,
    /// The JSON monitoring source whose figures give the use, when linked.
    pub source: Option<LicenceSource>,
    /// The newest measurement: an imported report, figures typed in, or the linked source's figures
    /// (origin `bron`), whichever is newest.
    pub latest: Option<UsageSnapshot>,
}

/// A JSON monitoring source linked to a licence, and the names of its figures for assigned and active
/// seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceSource {
    pub source_id: i64,
    pub source_name: String,
    pub assigned_metric: Option<String>,
    pub active_metric: Option<String>,
}

/// A JSON source a licence can be linked to, with the names of the figures it has read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSourceOption {
    pub id: i64,
    /// "Vendor: source name".
    pub label: String,
    pub metrics: Vec<String>,
}

/// One row of the licence list: the licence and what rightsizing would save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceRow {
    pub licence: LicenceView,
    /// Active / purchased in per mille (when use is known).
    pub utilisation_permille: Option<u32>,
    pub unassigned: Option<u32>,
    pub inactive: Option<u32>,
    pub removable: Option<u32>,
    pub saving_per_year_cents: Option<i64>,
    pub free_seats_low: bool,
    pub utilisation_low: bool,
}

/// The licence list with the inactivity window its savings are computed for (30, 60 or 90 days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceList {
    pub days: u32,
    pub rows: Vec<LicenceRow>,
    pub total_saving_per_year_cents: i64,
}

/// One licence with its use per month (the last measurement of each month, oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceDetail {
    /// The inactivity window (30, 60 or 90 days) of the row's rightsizing.
    pub days: u32,
    pub row: LicenceRow,
    pub months: Vec<UsageSnapshot>,
}
