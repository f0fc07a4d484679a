//! A contract's SLA terms as the regisseur enters them: the raw form, and the validated
//! [`ContractSlaTerms`] that wrap the evaluation's [`SlaTerms`] with what only the contract knows
//! (measurement period, which measurement counts, resolution-time targets, a fee override).

use super::terms::{pct_units, CreditTier, ServiceWindow, SlaTerms};
use crate::error::{Invalid, Problem};
use crate::text::{euro_cents, number};
use crate::vendor::choice_enum;
use serde::{Deserialize, Serialize};

/// Most staffel rows the form offers.
pub const MAX_TIERS: usize = 5;
/// Longest maintenance notice, in days.
pub const MAX_NOTICE_DAYS: i64 = 365;
/// Longest resolution-time target, in minutes (a year).
pub const MAX_RESOLUTION_MINUTES: i64 = 525_600;

/// Weekday keys as the form sends them, Monday first (index 0 in [`ServiceWindow::Weekly`]).
pub const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

choice_enum!(
    /// Over which period availability is measured.
    MeasurementPeriod { Month => "month", Quarter => "quarter" }
);

choice_enum!(
    /// Which measurement counts: our own probe, the vendor's report, or the worse of both.
    MeasurementBasis { Probe => "probe", Vendor => "vendor", Worst => "worst" }
);

/// One staffel row of the form; a row with both fields empty is not used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierForm {
    /// Availability threshold in %, e.g. "99,8".
    pub below: String,
    /// Credit in % of the monthly fee.
    pub credit: String,
}

/// The SLA form, as the browser sends it. Checkboxes send "on" when ticked and nothing otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SlaTermsForm {
    /// Availability target in %, e.g. "99,8".
    pub target: String,
    /// `always` (24x7) or `weekly`.
    pub window: String,
    /// Keys from [`WEEKDAY_KEYS`] of the ticked days.
    pub weekdays: Vec<String>,
    /// `HH:MM` local time; `24:00` is the end of the day.
    pub from: String,
    pub to: String,
    pub exclude_holidays: String,
    /// `month` or `quarter`.
    pub period: String,
    /// `probe`, `vendor` or `worst`.
    pub basis: String,
    pub degraded_counts: String,
    pub notice_days: String,
    /// Resolution-time targets in minutes per vendor incident impact; empty means none.
    pub resolution_minor: String,
    pub resolution_major: String,
    pub resolution_critical: String,
    pub staffel: Vec<TierForm>,
    /// The most credit per period in % of the monthly fee.
    pub cap: String,
    /// Monthly fee in euros; empty means the contract's annual value / 12.
    pub monthly_fee: String,
}

/// Resolution-time targets in minutes, measured from a vendor incident's creation to its resolution.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionTargets {
    pub minor: Option<u32>,
    pub major: Option<u32>,
    pub critical: Option<u32>,
}

/// A contract's validated SLA terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractSlaTerms {
    /// The terms the evaluation reads. `monthly_fee_cents` holds the override, or 0 when the fee
    /// follows the annual value; use [`ContractSlaTerms::evaluation_terms`] to evaluate.
    pub terms: SlaTerms,
    pub period: MeasurementPeriod,
    pub basis: MeasurementBasis,
    pub resolution: ResolutionTargets,
    /// A monthly fee set for the SLA; `None` means the contract's annual value / 12.
    pub monthly_fee_override_cents: Option<i64>,
}

impl ContractSlaTerms {
    /// The monthly fee the credit is computed from: the override, or the annual value / 12
    /// (rounded down to whole cents).
    pub fn monthly_fee_cents(&self, annual_value_cents: i64) -> i64 {
        self.monthly_fee_override_cents.unwrap_or(annual_value_cents / 12)
    }

    /// The evaluation's terms with the monthly fee filled in for a contract of this annual value.
    pub fn evaluation_terms(&self, annual_value_cents: i64) -> SlaTerms {
        SlaTerms { monthly_fee_cents: self.monthly_fee_cents(annual_value_cents), ..self.terms.clone() }
    }

    /// Checks every field of the form and reports every problem at the form field that caused it.
    pub fn parse(f: &SlaTermsForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let target = inv.take(percent("target", &f.target));
        let window = parse_window(f, &mut inv);
        let period = inv.take(MeasurementPeriod::parse("period", &f.period));
        let basis = inv.take(MeasurementBasis::parse("basis", &f.basis));
        let notice = inv.take(number("notice_days", &f.notice_days, 0, MAX_NOTICE_DAYS));
        let resolution = ResolutionTargets {
            minor: inv.take(optional_minutes("resolution_minor", &f.resolution_minor)).flatten(),
            major: inv.take(optional_minutes("resolution_major", &f.resolution_major)).flatten(),
            critical: inv.take(optional_minutes("resolution_critical", &f.resolution_critical)).flatten(),
        };
        if f.staffel.len() > MAX_TIERS {
            inv.push("staffel", Problem::TooMany { max: MAX_TIERS as u32 });
        }
        // Form row index of each tier used, so that the evaluation's problems land on the right row.
        let mut rows = Vec::new();
        let mut staffel = Vec::new();
        for (i, row) in f.staffel.iter().enumerate().take(MAX_TIERS) {
            if row.below.trim().is_empty() && row.credit.trim().is_empty() {
                continue;
            }
            let below = inv.take(percent(&format!("staffel[{i}].below"), &row.below));
            let credit = inv.take(percent(&format!("staffel[{i}].credit"), &row.credit));
            if let (Some(below_pct), Some(credit_pct)) = (below, credit) {
                rows.push(i);
                staffel.push(CreditTier { below_pct, credit_pct });
            }
        }
        let cap = inv.take(percent("cap", &f.cap));
        let fee = if f.monthly_fee.trim().is_empty() {
            Some(None)
        } else {
            inv.take(euro_cents("monthly_fee", &f.monthly_fee)).map(Some)
        };
        // Run the evaluation's own checks on what could be read; a field that did not parse keeps its
        // first problem and takes a harmless stand-in here.
        let terms = SlaTerms {
            target_pct: target.unwrap_or(100.0),
            window: window.clone().unwrap_or(ServiceWindow::Always),
            maintenance_notice_days: notice.map_or(0, |n| n as u32),
            degraded_counts_as_down: checked(&f.degraded_counts),
            staffel,
            credit_cap_pct: cap.unwrap_or(100.0),
            monthly_fee_cents: fee.flatten().unwrap_or(0),
        };
        if let Err(found) = terms.validate() {
            for e in found.0 {
                let field = form_field(&e.field, &rows);
                if inv.for_field(&field).is_none() {
                    inv.push(&field, e.problem);
                }
            }
        }
        match (target, window, period, basis, notice, cap, fee) {
            (Some(_), Some(_), Some(period), Some(basis), Some(_), Some(_), Some(fee)) if inv.is_empty() => {
                Ok(ContractSlaTerms { terms, period, basis, resolution, monthly_fee_override_cents: fee })
            }
            _ => Err(inv),
        }
    }
}

/// The form field for a field name [`SlaTerms::validate`] reports; `rows[i]` is the form row of tier `i`.
fn form_field(validated: &str, rows: &[usize]) -> String {
    match validated {
        "target_pct" => "target".into(),
        "window.weekdays" => "weekdays".into(),
        "window.to" => "to".into(),
        "credit_cap_pct" => "cap".into(),
        "monthly_fee_cents" => "monthly_fee".into(),
        other => {
            let tier = other
                .strip_prefix("staffel[")
                .and_then(|rest| rest.split_once("]."))
                .and_then(|(i, field)| Some((rows.get(i.parse::<usize>().ok()?)?, field)));
            match tier {
                Some((row, "below")) => format!("staffel[{row}].below"),
                Some((row, _)) => format!("staffel[{row}].credit"),
                None => other.to_string(),
            }
        }
    }
}

/// A ticked checkbox.
fn checked(value: &str) -> bool {
    matches!(value.trim(), "on" | "true" | "1")
}

fn parse_window(f: &SlaTermsForm, inv: &mut Invalid) -> Option<ServiceWindow> {
    match f.window.trim() {
        "always" => Some(ServiceWindow::Always),
        "weekly" => {
            let mut weekdays = [false; 7];
            for key in &f.weekdays {
                match WEEKDAY_KEYS.iter().position(|k| *k == key.trim()) {
                    Some(i) => weekdays[i] = true,
                    None => inv.push("weekdays", Problem::UnknownChoice),
                }
            }
            let from = inv.take(clock("from", &f.from));
            let to = inv.take(clock("to", &f.to));
            match (from, to) {
                (Some(from_minute), Some(to_minute)) => Some(ServiceWindow::Weekly {
                    weekdays,
                    from_minute,
                    to_minute,
                    exclude_holidays: checked(&f.exclude_holidays),
                }),
                _ => None,
            }
        }
        "" => {
            inv.push("window", Problem::Required);
            None
        }
        _ => {
            inv.push("window", Problem::UnknownChoice);
            None
        }
    }
}

/// A percentage as typed ("99,8", "99.8", "99,8 %"); the range is checked by [`SlaTerms::validate`].
pub fn percent(field: &str, value: &str) -> Result<f64, Invalid> {
    let v = value.trim().trim_end_matches('%').trim().replace(',', ".");
    if v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    let ok = v.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') && v.len() <= 12;
    match v.parse::<f64>() {
        Ok(p) if ok && p.is_finite() => Ok(p),
        _ => Err(Invalid::one(field, Problem::NotANumber)),
    }
}

/// `HH:MM` as minutes after local midnight; `24:00` is the end of the day.
pub fn clock(field: &str, value: &str) -> Result<u32, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    let bad = || Invalid::one(field, Problem::TimeFormat);
    let (h, m) = v.split_once(':').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return Err(bad());
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    match (h, m) {
        (24, 0) => Ok(1440),
        (0..=23, 0..=59) => Ok(h * 60 + m),
        _ => Err(bad()),
    }
}

/// Minutes as `HH:MM` (1440 as `24:00`).
pub fn clock_text(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn optional_minutes(field: &str, value: &str) -> Result<Option<u32>, Invalid> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    number(field, value, 1, MAX_RESOLUTION_MINUTES).map(|n| Some(n as u32))
}

/// A percentage as the form shows it, in Dutch notation without trailing zeros ("99,8").
pub fn percent_text(pct: f64) -> String {
    let units = pct_units(pct);
    let (whole, frac) = (units / 10_000, (units % 10_000).abs());
    if frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:04}");
    format!("{whole},{}", frac.trim_end_matches('0'))
}

/// The form prefilled with stored terms, so that editing starts from what is saved.
pub fn to_form(t: &ContractSlaTerms) -> SlaTermsForm {
    let (window, weekdays, from, to, holidays) = match &t.terms.window {
        ServiceWindow::Always => ("always", Vec::new(), String::new(), String::new(), false),
        ServiceWindow::Weekly { weekdays, from_minute, to_minute, exclude_holidays } => (
            "weekly",
            WEEKDAY_KEYS.iter().zip(weekdays).filter(|(_, on)| **on).map(|(k, _)| k.to_string()).collect(),
            clock_text(*from_minute),
            clock_text(*to_minute),
            *exclude_holidays,
        ),
    };
    let on = |b: bool| if b { "on".to_string() } else { String::new() };
    let minutes = |m: Option<u32>| m.map(|m| m.to_string()).unwrap_or_default();
    let cents = |c: i64| format!("{},{:02}", c / 100, c % 100);
    SlaTermsForm {
        target: percent_text(t.terms.target_pct),
        window: window.into(),
        weekdays,
        from,
        to,
        exclude_holidays: on(holidays),
        period: t.period.key().into(),
        basis: t.basis.key().into(),
        degraded_counts: on(t.terms.degraded_counts_as_down),
        notice_days: t.terms.maintenance_notice_days.to_string(),
        resolution_minor: minutes(t.resolution.minor),
        resolution_major: minutes(t.resolution.major),
        resolution_critical: minutes(t.resolution.critical),
        staffel: t
            .terms
            .staffel
            .iter()
            .map(|c| TierForm { below: percent_text(c.below_pct), credit: percent_text(c.credit_pct) })
            .collect(),
        cap: percent_text(t.terms.credit_cap_pct),
        monthly_fee: t.monthly_fee_override_cents.map(cents).unwrap_or_default(),
    }
}

#[cfg(test)]
#[path = "contract_terms_tests.rs"]
mod tests;
