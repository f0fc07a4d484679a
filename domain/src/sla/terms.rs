//! A contract's SLA terms: the availability target, the service window, how maintenance and degraded
//! service count, and the service-credit staffel with its cap.

use crate::error::{Invalid, Problem};
use serde::{Deserialize, Serialize};

/// Percentages are compared in units of 0.0001 percentage point, the precision availability is
/// reported in, so that 99.8 typed by a person and 99.8 computed compare equal.
pub fn pct_units(pct: f64) -> i64 {
    (pct * 10_000.0).round() as i64
}

/// When the service must be available, in Europe/Amsterdam wall-clock time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ServiceWindow {
    /// Every minute of the period.
    Always,
    /// The same hours on chosen weekdays.
    Weekly {
        /// `weekdays[0]` is Monday, `weekdays[6]` Sunday.
        weekdays: [bool; 7],
        /// Minutes after local midnight, `from < to <= 1440` (1440 = the end of the day).
        from_minute: u32,
        to_minute: u32,
        /// Dutch public holidays are outside the window.
        exclude_holidays: bool,
    },
}

/// One tier of the staffel: availability below `below_pct` earns `credit_pct` of the monthly fee.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CreditTier {
    pub below_pct: f64,
    pub credit_pct: f64,
}

/// The terms one evaluation needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaTerms {
    /// Availability target, `0 < target <= 100`.
    pub target_pct: f64,
    pub window: ServiceWindow,
    /// Maintenance announced at least this many days (x 24 h) before it starts is excluded from service
    /// time; later or unannounced maintenance is downtime.
    pub maintenance_notice_days: u32,
    pub degraded_counts_as_down: bool,
    pub staffel: Vec<CreditTier>,
    /// The most credit owed in one period, as % of the monthly fee.
    pub credit_cap_pct: f64,
    pub monthly_fee_cents: i64,
}

impl SlaTerms {
    /// Checks the terms and reports every problem at its field (`target_pct`, `window.weekdays`,
    /// `window.to`, `staffel[1].below`, `staffel[1].credit_pct`, `credit_cap_pct`, `monthly_fee_cents`).
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut inv = Invalid::default();
        if !(self.target_pct.is_finite() && self.target_pct > 0.0 && self.target_pct <= 100.0) {
            inv.push("target_pct", Problem::PercentOutOfRange);
        }
        if let ServiceWindow::Weekly { weekdays, from_minute, to_minute, .. } = &self.window {
            if !weekdays.iter().any(|d| *d) {
                inv.push("window.weekdays", Problem::NoWeekdays);
            }
            if *to_minute > 1440 || from_minute >= to_minute {
                inv.push("window.to", Problem::FromNotBeforeTo);
            }
        }
        for (i, t) in self.staffel.iter().enumerate() {
            if !(t.below_pct.is_finite() && t.below_pct > 0.0 && t.below_pct <= 100.0) {
                inv.push(&format!("staffel[{i}].below"), Problem::PercentOutOfRange);
            }
            if !(t.credit_pct.is_finite() && (0.0..=100.0).contains(&t.credit_pct)) {
                inv.push(&format!("staffel[{i}].credit_pct"), Problem::PercentOutOfRange);
            }
        }
        // Sorted from the highest threshold down, each lower threshold must earn strictly more credit.
        let mut order: Vec<usize> = (0..self.staffel.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(pct_units(self.staffel[i].below_pct)));
        for pair in order.windows(2) {
            let (hi, lo) = (&self.staffel[pair[0]], &self.staffel[pair[1]]);
            if pct_units(hi.below_pct) == pct_units(lo.below_pct) {
                inv.push(&format!("staffel[{}].below", pair[0].max(pair[1])), Problem::DuplicateTier);
            } else if pct_units(lo.credit_pct) <= pct_units(hi.credit_pct) {
                inv.push(&format!("staffel[{}].credit_pct", pair[1]), Problem::CreditNotGrowing);
            }
        }
        if !(self.credit_cap_pct.is_finite() && (0.0..=100.0).contains(&self.credit_cap_pct)) {
            inv.push("credit_cap_pct", Problem::PercentOutOfRange);
        }
        if self.monthly_fee_cents < 0 {
            inv.push("monthly_fee_cents", Problem::Negative);
        }
        inv.into_result()
    }

    /// The credit (% of the monthly fee) for an availability given in [`pct_units`]: the tier with the
    /// lowest threshold the availability is below, capped.
    pub fn credit_pct_for(&self, availability_units: i64) -> f64 {
        let tier = self
            .staffel
            .iter()
            .filter(|t| availability_units < pct_units(t.below_pct))
            .min_by_key(|t| pct_units(t.below_pct));
        match tier {
            Some(t) if pct_units(t.credit_pct) > pct_units(self.credit_cap_pct) => self.credit_cap_pct,
            Some(t) => t.credit_pct,
            None => 0.0,
        }
    }

    /// The credit in cents for `credit_pct` of the monthly fee, rounded down.
    pub fn credit_cents(&self, credit_pct: f64) -> i64 {
        let units = i128::from(pct_units(credit_pct).max(0));
        let cents = i128::from(self.monthly_fee_cents.max(0)) * units / 1_000_000;
        i64::try_from(cents).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn terms() -> SlaTerms {
        SlaTerms {
            target_pct: 99.5,
            window: ServiceWindow::Always,
            maintenance_notice_days: 5,
            degraded_counts_as_down: false,
            staffel: vec![
                CreditTier { below_pct: 99.5, credit_pct: 5.0 },
                CreditTier { below_pct: 99.0, credit_pct: 15.0 },
                CreditTier { below_pct: 98.0, credit_pct: 30.0 },
            ],
            credit_cap_pct: 25.0,
            monthly_fee_cents: 850_000,
        }
    }

    #[test]
    fn the_lowest_tier_the_availability_is_under_applies_and_the_cap_holds() {
        let t = terms();
        assert_eq!(t.credit_pct_for(pct_units(99.6)), 0.0);
        assert_eq!(t.credit_pct_for(pct_units(99.5)), 0.0, "exactly the threshold is not below it");
        assert_eq!(t.credit_pct_for(pct_units(99.2355)), 5.0);
        assert_eq!(t.credit_pct_for(pct_units(98.5)), 15.0);
        assert_eq!(t.credit_pct_for(pct_units(97.0)), 25.0, "30 % capped at 25 %");
        assert_eq!(t.credit_cents(5.0), 42_500);
        assert_eq!(SlaTerms { monthly_fee_cents: 999, ..t.clone() }.credit_cents(2.5), 24, "rounded down");
    }

    #[test]
    fn bad_terms_are_reported_at_their_fields() {
        let bad = SlaTerms {
            target_pct: 100.5,
            window: ServiceWindow::Weekly {
                weekdays: [false; 7],
                from_minute: 600,
                to_minute: 480,
                exclude_holidays: false,
            },
            staffel: vec![
                CreditTier { below_pct: 99.5, credit_pct: 10.0 },
                CreditTier { below_pct: 99.0, credit_pct: 5.0 },
                CreditTier { below_pct: 99.0, credit_pct: 20.0 },
            ],
            credit_cap_pct: 120.0,
            monthly_fee_cents: -1,
            ..terms()
        };
        let inv = bad.validate().unwrap_err();
        assert_eq!(inv.for_field("target_pct"), Some(Problem::PercentOutOfRange));
        assert_eq!(inv.for_field("window.weekdays"), Some(Problem::NoWeekdays));
        assert_eq!(inv.for_field("window.to"), Some(Problem::FromNotBeforeTo));
        assert_eq!(inv.for_field("staffel[1].credit_pct"), Some(Problem::CreditNotGrowing));
        assert_eq!(inv.for_field("staffel[2].below"), Some(Problem::DuplicateTier));
        assert_eq!(inv.for_field("credit_cap_pct"), Some(Problem::PercentOutOfRange));
        assert_eq!(inv.for_field("monthly_fee_cents"), Some(Problem::Negative));
        assert!(terms().validate().is_ok());
        assert!(SlaTerms { target_pct: 0.0, ..terms() }.validate().is_err());
        assert!(SlaTerms { target_pct: 100.0, ..terms() }.validate().is_ok());
    }
}
