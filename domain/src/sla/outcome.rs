//! A contract's SLA result for one measurement period: every covered service evaluated on the basis the
//! contract names (and on the probe and the vendor's report side by side, so that a difference shows),
//! the contract's figure taken from its worst service, and for a period still running the figures so
//! far with a projection.
//!
//! Rules beyond `evaluate`: the contract's availability is that of the covered service with the lowest
//! availability on the contract's basis; breach and credit follow that service. A quarter's credit is a
//! percentage of three monthly fees. Projection: the period's figure at its end if no further downtime
//! occurs (so a projected breach is certain unless measurements are corrected); maintenance still to
//! come is not foreseen.

use super::contract_terms::{ContractSlaTerms, MeasurementPeriod};
use super::evaluate::{evaluate_between, Evaluation};
use super::evidence::{uncovered_secs, Measurements};
use super::period::Period;
use super::MeasurementBasis;
use crate::VendorServiceId;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// The measurement period of `kind` that holds `date`.
pub fn period_containing(kind: MeasurementPeriod, date: NaiveDate) -> Period {
    match kind {
        MeasurementPeriod::Month => Period::month_of(date),
        MeasurementPeriod::Quarter => {
            Period::quarter(date.year(), (date.month() - 1) / 3 + 1).unwrap_or(Period::month_of(date))
        }
    }
}

/// The month a page asks for (`YYYY-MM`, at field `maand`), or the current one when none is given.
/// Refused: another format, a month that has not begun, one that ended before `not_before`.
pub fn pick_month(
    text: Option<&str>,
    today: NaiveDate,
    not_before: Option<NaiveDate>,
) -> Result<Period, crate::Invalid> {
    use crate::error::Problem;
    let field = "maand";
    let month = match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => return Ok(Period::month_of(today)),
        Some(t) => Period::parse_month(t).ok_or_else(|| crate::Invalid::one(field, Problem::MonthFormat))?,
    };
    if month.first > today {
        return Err(crate::Invalid::one(field, Problem::PeriodInFuture));
    }
    if not_before.is_some_and(|start| month.end <= start) {
        return Err(crate::Invalid::one(field, Problem::BeforeContractStart));
    }
    Ok(month)
}

/// The `count` months up to and including the one holding `today`, newest first, as `YYYY-MM`.
pub fn recent_months(today: NaiveDate, count: u32) -> Vec<String> {
    let first = Period::month_of(today).first;
    (0..count)
        .filter_map(|i| first.checked_sub_months(chrono::Months::new(i)))
        .map(|d| Period::month_of(d).label())
        .collect()
}

/// One covered service and what was measured of it in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceInput {
    pub service_id: VendorServiceId,
    pub name: String,
    pub measurements: Measurements,
}

/// One covered service's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceOutcome {
    pub service_id: VendorServiceId,
    pub name: String,
    /// On the contract's basis: the figure that counts.
    pub counted: Evaluation,
    /// On our own probe and on the vendor's report; `None` when that measurement does not exist.
    pub probe: Option<Evaluation>,
    pub vendor: Option<Evaluation>,
    /// Minutes of the (elapsed) period without any measurement on the contract's basis.
    pub unmeasured_minutes: f64,
    /// Whether the contract's basis had any measurement at all.
    pub measured: bool,
}

/// Where a running period ends if no further downtime occurs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub availability_pct: f64,
    pub breach: bool,
    /// Downtime still allowed in the rest of the period before the target is missed (0 when spent).
    pub remaining_allowed_minutes: f64,
}

/// The contract's result for one period (or its elapsed part).
#[derive(Debug, Clone, PartialEq)]
pub struct ContractOutcome {
    pub period: Period,
    /// True while the period is still running: figures are so far.
    pub running: bool,
    pub services: Vec<ServiceOutcome>,
    /// Index into `services` of the service whose figure counts; `None` without covered services.
    pub worst: Option<usize>,
    pub projection: Option<Projection>,
    /// The fee the credit is a percentage of (one month, or three for a quarter).
    pub period_fee_cents: i64,
}

impl ContractOutcome {
    /// The evaluation that counts for the contract.
    pub fn counted(&self) -> Option<&Evaluation> {
        self.worst.and_then(|i| self.services.get(i)).map(|s| &s.counted)
    }
    pub fn availability_pct(&self) -> Option<f64> {
        self.counted().map(|e| e.availability_pct)
    }
    pub fn breach(&self) -> bool {
        self.counted().is_some_and(|e| e.breach)
    }
    /// The credit owed for the period; nothing while it is still running.
    pub fn credit_cents(&self) -> i64 {
        if self.running {
            0
        } else {
            self.counted().map_or(0, |e| e.credit_cents)
        }
    }
}

/// Evaluates the contract's covered services over `period`, up to `now` when the period is running.
/// Returns `None` for a period that has not started yet.
pub fn evaluate_contract(
    terms: &ContractSlaTerms,
    annual_value_cents: i64,
    period: Period,
    now: DateTime<Utc>,
    services: &[ServiceInput],
) -> Option<ContractOutcome> {
    let (ps, pe) = period.utc_bounds();
    if now <= ps {
        return None;
    }
    let months = match terms.period {
        MeasurementPeriod::Month => 1,
        MeasurementPeriod::Quarter => 3,
    };
    let mut eval_terms = terms.evaluation_terms(annual_value_cents);
    eval_terms.monthly_fee_cents = eval_terms.monthly_fee_cents.saturating_mul(months);
    let running = now < pe;
    let until = if running { now } else { pe };
    let label = period.label();
    let outcomes: Vec<ServiceOutcome> = services
        .iter()
        .map(|s| {
            let m = s.measurements.within(ps, until);
            let eval = |b: MeasurementBasis| {
                let intervals = m.intervals(b);
                evaluate_between(&eval_terms, label.clone(), ps, until, &intervals)
            };
            let basis_spans = match terms.basis {
                MeasurementBasis::Probe => m.probe.clone(),
                MeasurementBasis::Vendor => m.vendor.clone(),
                MeasurementBasis::Worst => m.probe.iter().chain(&m.vendor).copied().collect(),
            };
            // With one side only, "the worse of both" is that side: evaluate each distinct timeline once.
            let effective = |b: MeasurementBasis| match b {
                MeasurementBasis::Worst if m.vendor.is_empty() => MeasurementBasis::Probe,
                MeasurementBasis::Worst if m.probe.is_empty() => MeasurementBasis::Vendor,
                other => other,
            };
            let probe = m.has(MeasurementBasis::Probe).then(|| eval(MeasurementBasis::Probe));
            let vendor = m.has(MeasurementBasis::Vendor).then(|| eval(MeasurementBasis::Vendor));
            let counted = match (effective(terms.basis), &probe, &vendor) {
                (MeasurementBasis::Probe, Some(e), _) | (MeasurementBasis::Vendor, _, Some(e)) => e.clone(),
                (b, ..) => eval(b),
            };
            ServiceOutcome {
                service_id: s.service_id,
                name: s.name.clone(),
                counted,
                probe,
                vendor,
                unmeasured_minutes: uncovered_secs(&basis_spans, ps, until) as f64 / 60.0,
                measured: m.has(terms.basis),
            }
        })
        .collect();
    let worst = outcomes
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| a.counted.availability_pct.total_cmp(&b.counted.availability_pct))
        .map(|(i, _)| i);
    let projection = match (running, worst) {
        (true, Some(i)) => Some(project(&eval_terms, ps, pe, &outcomes[i].counted)),
        _ => None,
    };
    Some(ContractOutcome {
        period,
        running,
        services: outcomes,
        worst,
        projection,
        period_fee_cents: eval_terms.monthly_fee_cents,
    })
}

/// The figures at the period's end if no further downtime occurs.
fn project(terms: &super::SlaTerms, ps: DateTime<Utc>, pe: DateTime<Utc>, so_far: &Evaluation) -> Projection {
    let full = evaluate_between(terms, String::new(), ps, pe, &[]);
    let full_service = (full.window_minutes - so_far.excluded_minutes).max(0.0);
    let projected_downtime = so_far.downtime_minutes.min(full_service);
    let availability_pct = if full_service > 0.0 {
        (100.0 * (full_service - projected_downtime) / full_service * 10_000.0).round() / 10_000.0
    } else {
        100.0
    };
    let units = super::terms::pct_units(terms.target_pct).clamp(0, 1_000_000);
    let full_service_secs = (full_service * 60.0).round() as i128;
    let allowed_secs = full_service_secs * i128::from(1_000_000 - units) / 1_000_000;
    let downtime_secs = (so_far.downtime_minutes * 60.0).round() as i128;
    let remaining = (allowed_secs - downtime_secs).max(0) as f64 / 60.0;
    Projection {
        availability_pct,
        breach: super::terms::pct_units(availability_pct) < super::terms::pct_units(terms.target_pct),
        remaining_allowed_minutes: remaining,
    }
}

#[cfg(test)]
#[path = "outcome_tests.rs"]
mod tests;
