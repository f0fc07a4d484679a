//! Rightsizing licences: how many seats could be given back at the next true-down, what that saves, and
//! the flags that tell a licence manager to look (few free seats left, or few seats used).

use super::usage_m365::UsageCounts;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What was bought of one licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceTerms {
    /// Seats bought.
    pub purchased: u32,
    /// Price of one seat per month, in cents.
    pub unit_price_cents_month: i64,
    /// The next moment seats may be given back, if the contract has one.
    pub next_true_down: Option<NaiveDate>,
}

/// Seats that could be given back, and what that saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rightsizing {
    /// Seats bought but not assigned to anyone.
    pub unassigned: u32,
    /// Seats assigned to users without activity for the chosen number of days.
    pub inactive: u32,
    /// `unassigned + inactive`, never more than the seats bought.
    pub removable: u32,
    /// `removable x unit price x 12`.
    pub saving_per_year_cents: i64,
    /// The next true-down, from which the saving can start.
    pub effective_from: Option<NaiveDate>,
}

/// Seats we could give back at the next true-down: unassigned = purchased - assigned (never below 0) plus
/// assigned seats without activity for `days` (30, 60 or 90: uses inactive_30/60/90; another number is
/// rounded up to the next of these, at most 90, so that no seat is counted idle that was active within
/// `days`); saving = removable x unit price x 12. Saturates instead of overflowing.
pub fn rightsize(terms: &LicenceTerms, usage: &UsageCounts, days: u32) -> Rightsizing {
    let unassigned = terms.purchased.saturating_sub(usage.assigned);
    let inactive = match days {
        0..=30 => usage.inactive_30,
        31..=60 => usage.inactive_60,
        _ => usage.inactive_90,
    };
    let removable = unassigned.saturating_add(inactive).min(terms.purchased);
    let saving_per_year_cents = i64::from(removable).saturating_mul(terms.unit_price_cents_month).saturating_mul(12);
    Rightsizing { unassigned, inactive, removable, saving_per_year_cents, effective_from: terms.next_true_down }
}

/// Utilisation = active / purchased in per mille, rounded half up (0 when nothing purchased; above 1000
/// when more users are active than seats were bought).
pub fn utilisation_permille(active: u32, purchased: u32) -> u32 {
    if purchased == 0 {
        return 0;
    }
    let (a, p) = (u64::from(active), u64::from(purchased));
    u32::try_from((a * 2000 + p) / (2 * p)).unwrap_or(u32::MAX)
}

/// Which warnings a licence shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceFlags {
    /// Fewer free seats than the threshold: buy more before new staff arrive.
    pub free_seats_low: bool,
    /// Utilisation below the threshold: seats could be given back.
    pub utilisation_low: bool,
}

/// Free seats (purchased - assigned, never below 0) below `free_below`; utilisation (active / purchased,
/// compared exactly) below `utilisation_below_pct` %. A threshold that is `None` never flags; nothing
/// purchased never flags low utilisation.
pub fn flags(
    purchased: u32,
    assigned: u32,
    active: u32,
    free_below: Option<u32>,
    utilisation_below_pct: Option<u32>,
) -> LicenceFlags {
    let free = purchased.saturating_sub(assigned);
    LicenceFlags {
        free_seats_low: free_below.is_some_and(|n| free < n),
        utilisation_low: utilisation_below_pct
            .is_some_and(|pct| purchased > 0 && u64::from(active) * 100 < u64::from(pct) * u64::from(purchased)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(assigned: u32, inactive: [u32; 3]) -> UsageCounts {
        UsageCounts {
            report_date: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
            assigned,
            active_30: assigned - inactive[0],
            inactive_30: inactive[0],
            inactive_60: inactive[1],
            inactive_90: inactive[2],
        }
    }

    #[test]
    fn unassigned_and_idle_seats_can_be_given_back() {
        // 500 bought at 32,50 a month, 460 assigned: 40 unassigned. 25 idle for 60 days.
        // Removable 40 + 25 = 65; saving 65 x 3.250 x 12 = 2.535.000 cents = 25.350,00 a year.
        let true_down = NaiveDate::from_ymd_opt(2026, 10, 1);
        let terms = LicenceTerms { purchased: 500, unit_price_cents_month: 3_250, next_true_down: true_down };
        let u = usage(460, [70, 25, 10]);
        let r = rightsize(&terms, &u, 60);
        assert_eq!(
            r,
            Rightsizing {
                unassigned: 40,
                inactive: 25,
                removable: 65,
                saving_per_year_cents: 2_535_000,
                effective_from: true_down
            }
        );
        // 30 days: 40 + 70 = 110 -> 110 x 3.250 x 12 = 4.290.000. 90 days: 40 + 10 = 50 -> 1.950.000.
        assert_eq!(rightsize(&terms, &u, 30).saving_per_year_cents, 4_290_000);
        assert_eq!(rightsize(&terms, &u, 90).saving_per_year_cents, 1_950_000);
        // 45 days rounds up to 60: nobody active within 45 days is counted idle.
        assert_eq!(rightsize(&terms, &u, 45).inactive, 25);
        assert_eq!(rightsize(&terms, &u, 365).inactive, 10);
    }

    #[test]
    fn more_assigned_than_bought_has_no_unassigned_seats_and_never_removes_more_than_bought() {
        // 100 bought, 120 assigned: unassigned 0 (not -20); 110 idle, but at most the 100 bought go back.
        let terms = LicenceTerms { purchased: 100, unit_price_cents_month: 1_000, next_true_down: None };
        let r = rightsize(&terms, &usage(120, [110, 110, 110]), 30);
        assert_eq!((r.unassigned, r.inactive, r.removable), (0, 110, 100));
        // 100 x 1.000 x 12 = 1.200.000.
        assert_eq!(r.saving_per_year_cents, 1_200_000);
        let huge = LicenceTerms { purchased: u32::MAX, unit_price_cents_month: i64::MAX, next_true_down: None };
        assert_eq!(rightsize(&huge, &usage(0, [0, 0, 0]), 30).saving_per_year_cents, i64::MAX);
    }

    #[test]
    fn utilisation_is_active_over_purchased_in_per_mille() {
        // 390 / 500 = 0,78 -> 780 ‰. 2 / 3 = 666,67 -> 667. 1 / 8 = 125.
        assert_eq!(utilisation_permille(390, 500), 780);
        assert_eq!(utilisation_permille(2, 3), 667);
        assert_eq!(utilisation_permille(1, 8), 125);
        assert_eq!(utilisation_permille(5, 0), 0);
        assert_eq!(utilisation_permille(12, 10), 1_200);
        assert_eq!(utilisation_permille(u32::MAX, 1), u32::MAX);
    }

    #[test]
    fn flags_compare_with_the_thresholds() {
        // 500 bought, 495 assigned: 5 free < 10 -> low. 390 active: 78 % < 80 % -> low.
        assert_eq!(
            flags(500, 495, 390, Some(10), Some(80)),
            LicenceFlags { free_seats_low: true, utilisation_low: true }
        );
        // 5 free is not below 5; 78 % is not below 78 %.
        assert_eq!(flags(500, 495, 390, Some(5), Some(78)), LicenceFlags::default());
        assert_eq!(flags(500, 495, 390, None, None), LicenceFlags::default());
        // More assigned than bought: 0 free.
        assert!(flags(10, 12, 12, Some(1), None).free_seats_low);
        assert!(!flags(0, 0, 0, None, Some(50)).utilisation_low);
    }
}
