//! Accrual: an invoice for a period counts as cost in the months that period covers, in proportion to its
//! days in each month (a year invoice from July to June is half this year's cost, half next year's).

use super::allocation::allocate;
use chrono::{Datelike, NaiveDate};

/// The last day of the month of `d` (the latest date chrono knows when that month runs past it).
pub(crate) fn month_end(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year().saturating_add(1), 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|first| first.pred_opt()).unwrap_or(NaiveDate::MAX)
}

/// (year, month, cents) for every calendar month the period `start..=end_inclusive` touches, proportional
/// to the number of the period's days in that month, split by largest remainder so that the parts add up
/// to exactly `amount_cents`. A period that ends before it starts (which checked input never has) is
/// counted whole in the month of `start`, so that no cent is lost.
pub fn spread_over_months(amount_cents: i64, start: NaiveDate, end_inclusive: NaiveDate) -> Vec<(i32, u32, i64)> {
    if end_inclusive < start {
        return vec![(start.year(), start.month(), amount_cents)];
    }
    let mut months = Vec::new();
    let mut days = Vec::new();
    let mut from = start;
    loop {
        let last = month_end(from).min(end_inclusive);
        months.push((from.year(), from.month()));
        days.push(u64::try_from((last - from).num_days() + 1).unwrap_or(0));
        match last.succ_opt() {
            Some(next) if last < end_inclusive => from = next,
            _ => break,
        }
    }
    let parts = allocate(amount_cents, &days).unwrap_or_else(|_| vec![amount_cents]);
    months.into_iter().zip(parts).map(|((y, m), cents)| (y, m, cents)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_period_within_one_month_stays_in_that_month() {
        assert_eq!(spread_over_months(123_456, d(2026, 3, 1), d(2026, 3, 31)), vec![(2026, 3, 123_456)]);
        assert_eq!(spread_over_months(500, d(2026, 3, 10), d(2026, 3, 12)), vec![(2026, 3, 500)]);
    }

    #[test]
    fn a_single_day() {
        assert_eq!(spread_over_months(-2_500, d(2026, 12, 31), d(2026, 12, 31)), vec![(2026, 12, -2_500)]);
    }

    #[test]
    fn a_year_invoice_from_july_to_june_splits_by_days() {
        // 1 Jul 2026 - 30 Jun 2027 = 365 days (February 2027 has 28). 36.500,00 = 3.650.000 cents, so
        // 10.000 cents a day: a 31-day month gets 310.000, a 30-day month 300.000, February 280.000.
        let parts = spread_over_months(3_650_000, d(2026, 7, 1), d(2027, 6, 30));
        assert_eq!(parts.len(), 12);
        assert_eq!(parts[0], (2026, 7, 310_000));
        assert_eq!(parts[2], (2026, 9, 300_000));
        assert_eq!(parts[5], (2026, 12, 310_000));
        assert_eq!(parts[6], (2027, 1, 310_000));
        assert_eq!(parts[7], (2027, 2, 280_000));
        assert_eq!(parts[11], (2027, 6, 300_000));
        assert_eq!(parts.iter().map(|p| p.2).sum::<i64>(), 3_650_000);
        // This year: Jul-Dec = 184 days = 1.840.000 cents.
        assert_eq!(parts.iter().filter(|p| p.0 == 2026).map(|p| p.2).sum::<i64>(), 1_840_000);
    }

    #[test]
    fn a_leap_february_counts_its_29th_day() {
        // 1 Feb - 31 Mar 2028: 29 + 31 = 60 days; 6.000 cents -> 100 a day.
        assert_eq!(spread_over_months(6_000, d(2028, 2, 1), d(2028, 3, 31)), vec![(2028, 2, 2_900), (2028, 3, 3_100)]);
        // The same in 2027: 28 + 31 = 59 days; 5.900 cents.
        assert_eq!(spread_over_months(5_900, d(2027, 2, 1), d(2027, 3, 31)), vec![(2027, 2, 2_800), (2027, 3, 3_100)]);
    }

    #[test]
    fn uneven_amounts_still_add_up_exactly() {
        // 100 cents over 15 Jan - 14 Feb: 17 days in January, 14 in February (31 days):
        // 54,8 and 45,2 -> 55 and 45.
        assert_eq!(spread_over_months(100, d(2026, 1, 15), d(2026, 2, 14)), vec![(2026, 1, 55), (2026, 2, 45)]);
    }

    #[test]
    fn a_reversed_period_keeps_its_amount_in_the_start_month() {
        assert_eq!(spread_over_months(100, d(2026, 5, 2), d(2026, 5, 1)), vec![(2026, 5, 100)]);
    }

    #[test]
    fn the_last_representable_month_does_not_panic() {
        let parts = spread_over_months(100, NaiveDate::MAX - chrono::Days::new(40), NaiveDate::MAX);
        assert_eq!(parts.iter().map(|p| p.2).sum::<i64>(), 100);
    }

    proptest! {
        #[test]
        fn parts_add_up_and_cover_each_month_once(
            amount in -1_000_000_000_000i64..=1_000_000_000_000,
            start in 0i64..40_000,
            len in 0i64..2_000,
        ) {
            let s = d(1990, 1, 1) + chrono::Days::new(start as u64);
            let e = s + chrono::Days::new(len as u64);
            let parts = spread_over_months(amount, s, e);
            prop_assert_eq!(parts.iter().map(|p| p.2).sum::<i64>(), amount);
            prop_assert_eq!(parts.first().map(|p| (p.0, p.1)), Some((s.year(), s.month())));
            prop_assert_eq!(parts.last().map(|p| (p.0, p.1)), Some((e.year(), e.month())));
            for w in parts.windows(2) {
                let next = if w[0].1 == 12 { (w[0].0 + 1, 1) } else { (w[0].0, w[0].1 + 1) };
                prop_assert_eq!((w[1].0, w[1].1), next);
            }
        }
    }
}
