//! What the SLA pages and reports show, as the server sends it to the browser: the overview of every
//! contract for one month, and one contract's report for one period with its evidence.

use super::contract_terms::ContractSlaTerms;
use super::evaluate::{Evaluation, Finding};
use super::resolution::ResolutionSummary;
use crate::monitoring::CheckState;
use crate::vendor::Criticality;
use crate::{ContractId, VendorId, VendorServiceId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A covered service on the overview: its state now and its availability this period on each basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverviewService {
    pub service_id: VendorServiceId,
    pub name: String,
    pub criticality: Criticality,
    /// The worst state any source reports now; `None` when nothing measures it.
    pub state_now: Option<CheckState>,
    /// On the contract's basis; `None` without SLA terms or without any measurement.
    pub availability_pct: Option<f64>,
    pub probe_pct: Option<f64>,
    pub vendor_pct: Option<f64>,
}

/// The resolution-time counts of one period, as [`ResolutionSummary`].
pub type Resolution = ResolutionSummary;

/// One contract on the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub contract_id: ContractId,
    pub reference: String,
    pub title: String,
    pub vendor_id: VendorId,
    pub vendor_name: String,
    pub vendor_criticality: Criticality,
    pub services: Vec<OverviewService>,
    /// `None`: the contract has no SLA terms (the row still shows its services' state).
    pub target_pct: Option<f64>,
    /// The contract's figure for the period (its worst service), so far while it runs.
    pub availability_pct: Option<f64>,
    pub running: bool,
    pub projected_pct: Option<f64>,
    /// Certain to miss the target: below it even if nothing more fails this period.
    pub projected_breach: bool,
    /// A closed period below target, or a running one that can no longer meet it.
    pub breach: bool,
    /// A running period below target so far that can still meet it.
    pub at_risk: bool,
    /// The period the figure covers (`YYYY-MM`, or a quarter's dates).
    pub period: String,
    pub credit_cents: i64,
    /// Credits owed for the closed periods of the selected year.
    pub credits_year_cents: i64,
    pub resolution: Resolution,
    /// The next decision date of the contract, if any.
    pub decision_date: Option<NaiveDate>,
}

/// The SLA overview of one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    /// `YYYY-MM`.
    pub month: String,
    pub current: bool,
    /// The months one may pick, newest first (`YYYY-MM`).
    pub months: Vec<String>,
    pub year: i32,
    pub rows: Vec<OverviewRow>,
    /// All contracts, also when `rows` holds only the most urgent ones ([`Overview::most_urgent`]).
    pub total_contracts: u32,
    /// Contracts without SLA terms (of all).
    pub without_terms: u32,
    pub credits_year_cents: i64,
    pub breaches: u32,
    pub computed_at: DateTime<Utc>,
}

impl Overview {
    /// Keeps the `n` contracts that need attention first: targets missed or out of reach, then at risk,
    /// then by availability (lowest first; contracts without a figure last).
    pub fn most_urgent(&mut self, n: usize) {
        let rank = |r: &OverviewRow| (!r.breach, !r.at_risk, r.availability_pct.unwrap_or(f64::INFINITY));
        self.rows.sort_by(|a, b| {
            let (x, y) = (rank(a), rank(b));
            x.0.cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.total_cmp(&y.2))
        });
        self.rows.truncate(n);
    }
}

/// A vendor incident in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportIncident {
    pub name: String,
    pub impact: String,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub minutes: i64,
    pub target_minutes: Option<u32>,
    pub met: Option<bool>,
}

/// One covered service in the report: the figures that count, and the other basis beside them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportService {
    pub service_id: VendorServiceId,
    pub name: String,
    pub counted: Evaluation,
    pub probe_pct: Option<f64>,
    pub vendor_pct: Option<f64>,
    pub unmeasured_minutes: f64,
    pub measured: bool,
}

/// A recorded claim of a service credit for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditClaim {
    /// `claimed` or `received`.
    pub status: String,
    pub amount_cents: i64,
    pub note: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// One contract's SLA report for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub contract_id: ContractId,
    pub reference: String,
    pub title: String,
    pub vendor_id: VendorId,
    pub vendor_name: String,
    /// `YYYY-MM`, or a quarter's `first/end` dates.
    pub period: String,
    pub period_first: NaiveDate,
    /// The day after the period (exclusive end).
    pub period_end: NaiveDate,
    pub running: bool,
    pub terms: ContractSlaTerms,
    pub annual_value_cents: i64,
    /// The fee the credit is a percentage of (one month, or three for a quarter).
    pub period_fee_cents: i64,
    pub services: Vec<ReportService>,
    /// Index of the service whose figure counts.
    pub worst: Option<usize>,
    pub availability_pct: Option<f64>,
    pub breach: bool,
    pub credit_pct: f64,
    pub credit_cents: i64,
    pub projected_pct: Option<f64>,
    /// Running and certain to miss the target.
    pub projected_breach: bool,
    pub incidents: Vec<ReportIncident>,
    pub claim: Option<CreditClaim>,
    pub computed_at: DateTime<Utc>,
}

impl Report {
    /// The evidence worth listing: every interval that is not plain up time.
    pub fn evidence(service: &ReportService) -> impl Iterator<Item = &Finding> {
        service.counted.findings.iter().filter(|f| f.state != super::IntervalState::Up)
    }
}

/// A month on the 13-month chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthFigure {
    /// `YYYY-MM` (or a quarter's dates).
    pub period: String,
    pub availability_pct: Option<f64>,
    pub breach: bool,
}

/// Daily latency percentiles of one day, from our probe's rollups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatencyDay {
    pub day_start: DateTime<Utc>,
    pub p50_ms: Option<u32>,
    pub p95_ms: Option<u32>,
}

/// One covered service's last 30 days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceHistory {
    pub service_id: VendorServiceId,
    pub name: String,
    pub days: Vec<super::daily::DayMinutes>,
    /// Empty when no probe of ours measures the service.
    pub latency: Vec<LatencyDay>,
}

/// What the charts of a contract's SLA report show: 13 periods against the target, and per covered
/// service the 30 days up to the period's end (or now) with latency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub target_pct: f64,
    pub months: Vec<MonthFigure>,
    pub services: Vec<ServiceHistory>,
    pub incidents: Vec<ReportIncident>,
}

/// A server-rendered chart: the SVG and its text and table alternatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartView {
    pub svg: String,
    pub title: String,
    pub summary: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}
