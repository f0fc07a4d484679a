//! One period's evaluation: window and service time, downtime, availability, breach and credit, with
//! every interval's treatment as evidence.
//!
//! Rules: time outside the period or the window does not count. Down counts as downtime; degraded
//! counts when the terms say so; maintenance announced at least `maintenance_notice_days` x 24 h before
//! it starts is excluded from service time, otherwise it is downtime; up counts as up.
//! availability = 100 x (service - downtime) / service, rounded to 4 decimals (100 when there is no
//! service time); breach = availability below target; the credit follows the staffel, capped, and is
//! rounded down to whole cents.

use super::period::Period;
use super::terms::{pct_units, SlaTerms};
use super::window::{window_ranges, Range};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The states an SLA interval can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntervalState {
    Up,
    Down,
    Degraded,
    Maintenance,
}

impl IntervalState {
    /// Parses `up`, `down`, `degraded` or `maintenance`.
    pub fn parse(key: &str) -> Option<IntervalState> {
        match key {
            "up" => Some(IntervalState::Up),
            "down" => Some(IntervalState::Down),
            "degraded" => Some(IntervalState::Degraded),
            "maintenance" => Some(IntervalState::Maintenance),
            _ => None,
        }
    }
}

/// A state interval as the evaluation sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaInterval {
    pub state: IntervalState,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Maintenance only: when the vendor announced it; `None` = unannounced.
    pub announced_at: Option<DateTime<Utc>>,
}

/// How an interval was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// Downtime inside the window.
    Downtime,
    /// Announced maintenance, taken out of service time.
    Excluded,
    /// Inside the window but not downtime (up, or degraded when it does not count).
    NotCounted,
    /// Entirely outside the period or the window.
    OutsideWindow,
}

/// Why an interval was treated as it was; the UI and reports turn it into a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Down,
    DegradedCountsAsDown,
    DegradedDoesNotCount,
    Up,
    MaintenanceAnnouncedInTime,
    MaintenanceAnnouncedLate,
    MaintenanceUnannounced,
    OutsideWindow,
}

/// The evidence for one interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The interval's position in the input.
    pub index: usize,
    pub state: IntervalState,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Minutes of the interval inside the window and the period.
    pub minutes_in_window: f64,
    pub treatment: Treatment,
    pub reason: Reason,
    /// Maintenance only: how many days ahead it was announced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub announced_days_ahead: Option<f64>,
}

/// The result of one period. Field order and names are those of the scenario format's output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub window_minutes: f64,
    pub excluded_minutes: f64,
    pub service_minutes: f64,
    pub downtime_minutes: f64,
    pub availability_pct: f64,
    pub breach: bool,
    pub credit_pct: f64,
    pub credit_cents: i64,
    /// Downtime the target allows in this period's service time.
    pub allowed_downtime_minutes: f64,
    pub period: String,
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// No service time at all in the period (e.g. a window of holidays only): reported as 100 %.
    pub fn has_no_service_time(&self) -> bool {
        self.service_minutes == 0.0
    }
}

/// Seconds of `[start, end)` that fall inside the sorted, disjoint `ranges`.
fn overlap_secs(ranges: &[Range], start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    let first = ranges.partition_point(|r| r.1 <= start);
    ranges[first..].iter().take_while(|r| r.0 < end).map(|r| (r.1.min(end) - r.0.max(start)).num_seconds().max(0)).sum()
}

fn minutes(secs: i64) -> f64 {
    secs as f64 / 60.0
}

/// Evaluates `intervals` (non-overlapping) against `terms` over `period`.
pub fn evaluate(terms: &SlaTerms, period: &Period, intervals: &[SlaInterval]) -> Evaluation {
    let (ps, pe) = period.utc_bounds();
    evaluate_between(terms, period.label(), ps, pe, intervals)
}

/// Like [`evaluate`], over the instants `[ps, pe)` (e.g. a month up to now), labelled `label`.
pub fn evaluate_between(
    terms: &SlaTerms,
    label: String,
    ps: DateTime<Utc>,
    pe: DateTime<Utc>,
    intervals: &[SlaInterval],
) -> Evaluation {
    let pe = pe.max(ps);
    let window = window_ranges(&terms.window, ps, pe);
    let window_secs: i64 = window.iter().map(|(a, b)| (*b - *a).num_seconds()).sum();
    let notice = TimeDelta::days(i64::from(terms.maintenance_notice_days));
    let (mut excluded, mut downtime) = (0i64, 0i64);
    let mut findings = Vec::with_capacity(intervals.len());
    for (index, i) in intervals.iter().enumerate() {
        let inside = if i.end > i.start { overlap_secs(&window, i.start.max(ps), i.end.min(pe)) } else { 0 };
        let announced_days_ahead = i
            .announced_at
            .filter(|_| i.state == IntervalState::Maintenance)
            .map(|a| (i.start - a).num_seconds() as f64 / 86_400.0);
        let (treatment, reason) = match i.state {
            _ if inside == 0 => (Treatment::OutsideWindow, Reason::OutsideWindow),
            IntervalState::Up => (Treatment::NotCounted, Reason::Up),
            IntervalState::Down => (Treatment::Downtime, Reason::Down),
            IntervalState::Degraded if terms.degraded_counts_as_down => {
                (Treatment::Downtime, Reason::DegradedCountsAsDown)
            }
            IntervalState::Degraded => (Treatment::NotCounted, Reason::DegradedDoesNotCount),
            IntervalState::Maintenance => match i.announced_at {
                Some(a) if i.start - a >= notice => (Treatment::Excluded, Reason::MaintenanceAnnouncedInTime),
                Some(_) => (Treatment::Downtime, Reason::MaintenanceAnnouncedLate),
                None => (Treatment::Downtime, Reason::MaintenanceUnannounced),
            },
        };
        match treatment {
            Treatment::Downtime => downtime += inside,
            Treatment::Excluded => excluded += inside,
            Treatment::NotCounted | Treatment::OutsideWindow => {}
        }
        findings.push(Finding {
            index,
            state: i.state,
            start: i.start,
            end: i.end,
            minutes_in_window: minutes(inside),
            treatment,
            reason,
            announced_days_ahead,
        });
    }
    let service = (window_secs - excluded).max(0);
    let downtime = downtime.min(service);
    let availability_units = availability_units(service, downtime);
    let credit_pct = terms.credit_pct_for(availability_units);
    let allowed =
        (i128::from(service) * i128::from(1_000_000 - pct_units(terms.target_pct).min(1_000_000)) / 1_000_000) as i64;
    Evaluation {
        window_minutes: minutes(window_secs),
        excluded_minutes: minutes(excluded),
        service_minutes: minutes(service),
        downtime_minutes: minutes(downtime),
        availability_pct: availability_units as f64 / 10_000.0,
        breach: availability_units < pct_units(terms.target_pct),
        credit_pct,
        credit_cents: terms.credit_cents(credit_pct),
        allowed_downtime_minutes: minutes(allowed),
        period: label,
        findings,
    }
}

/// 100 x (service - downtime) / service in units of 0.0001 %, rounded half up; 100 % without service
/// time. Integer arithmetic, so the same seconds always give the same figure.
fn availability_units(service_secs: i64, downtime_secs: i64) -> i64 {
    if service_secs <= 0 {
        return 1_000_000;
    }
    let up = i128::from(service_secs - downtime_secs);
    let s = i128::from(service_secs);
    ((2 * 1_000_000 * up + s) / (2 * s)) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_is_rounded_half_up_to_four_decimals() {
        assert_eq!(availability_units(13_080 * 60, 100 * 60), 992_355);
        assert_eq!(availability_units(0, 0), 1_000_000);
        assert_eq!(availability_units(60, 60), 0);
        assert_eq!(availability_units(200_000, 1), 999_995);
    }
}
