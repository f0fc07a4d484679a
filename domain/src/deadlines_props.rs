//! Property tests of the deadline arithmetic (the hand-checked examples are in deadlines_tests.rs).

use super::*;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Dates from 1 Jan 1900 to roughly 2150.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let lo = ymd(1900, 1, 1).num_days_from_ce();
    let hi = ymd(2150, 12, 31).num_days_from_ce();
    (lo..=hi).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// Dates that are more likely to be at or near the end of a month.
fn month_end_heavy_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        any_date(),
        (1900i32..=2150, 1u32..=12, 0u32..=3).prop_map(|(y, m, back)| {
            let first_next = if m == 12 { ymd(y + 1, 1, 1) } else { ymd(y, m + 1, 1) };
            first_next - Days::new(u64::from(back) + 1)
        }),
    ]
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![(0u32..=36).prop_map(Period::Months), (0u32..=3650).prop_map(Period::Days)]
}

fn any_renewal() -> impl Strategy<Value = Renewal> {
    prop_oneof![
        (1u32..=36).prop_map(|period_months| Renewal::Tacit { period_months }),
        (1u32..=20, 1u32..=36, 0u32..=20).prop_map(|(count, length_months, e)| Renewal::Options {
            count,
            length_months,
            exercised: e.min(count),
        }),
        Just(Renewal::Fixed),
    ]
}

fn any_status() -> impl Strategy<Value = ContractStatus> {
    prop_oneof![
        4 => Just(ContractStatus::Active),
        1 => Just(ContractStatus::Terminated),
        1 => Just(ContractStatus::Retender),
    ]
}

fn any_contract() -> impl Strategy<Value = Contract> {
    (month_end_heavy_date(), any_renewal(), any_period(), 0u32..=36, any_status(), proptest::option::of(any_date()))
        .prop_map(|(initial_end, renewal, notice, lead, status, decided)| {
            let mut c = contract(initial_end, renewal, notice, lead);
            c.status = status;
            c.decided_term_end = decided;
            c
        })
}

/// Smallest tacit term end on or after `today`, by walking the terms one by one.
fn brute_force_term_end(initial_end: NaiveDate, period_months: u32, today: NaiveDate) -> NaiveDate {
    let mut k = 0;
    loop {
        let end = nth_term_end(initial_end, period_months, k);
        if end >= today {
            return end;
        }
        k += 1;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn add_months_clamps_to_month_end(d in month_end_heavy_date(), n in 0u32..=1200) {
        let r = add_months(d, n);
        prop_assert!(r.day() <= d.day());
        if r.day() < d.day() {
            prop_assert!(is_last_day_of_month(r), "{d} + {n} months = {r} is not a month end");
        }
        prop_assert_eq!(month_index(r) - month_index(d), i64::from(n));
    }

    #[test]
    fn minus_months_clamps_to_month_end(d in month_end_heavy_date(), n in 0u32..=1200) {
        let r = minus(d, Period::Months(n)).unwrap();
        prop_assert!(r.day() <= d.day());
        if r.day() < d.day() {
            prop_assert!(is_last_day_of_month(r));
        }
        prop_assert_eq!(month_index(d) - month_index(r), i64::from(n));
    }

    #[test]
    fn minus_days_is_exact(d in any_date(), n in 0u32..=3650) {
        let r = minus(d, Period::Days(n)).unwrap();
        prop_assert_eq!((d - r).num_days(), i64::from(n));
    }

    #[test]
    fn leap_day_is_handled_in_both_directions(y in 1904i32..=2096, years in 0u32..=50) {
        // Round the year down to a leap year (1904..=2096 has no century exception).
        let leap_year = y - y.rem_euclid(4);
        let leap_day = ymd(leap_year, 2, 29);
        let months = years * 12;

        let later_year = leap_year + years as i32;
        let expected_later = if is_leap(later_year) { ymd(later_year, 2, 29) } else { ymd(later_year, 2, 28) };
        prop_assert_eq!(add_months(leap_day, months), expected_later);

        let earlier_year = leap_year - years as i32;
        let expected_earlier = if is_leap(earlier_year) { ymd(earlier_year, 2, 29) } else { ymd(earlier_year, 2, 28) };
        prop_assert_eq!(minus(leap_day, Period::Months(months)), Some(expected_earlier));

        // A term ending on the last day of February keeps ending on the last day of February.
        for start_year in [leap_year, leap_year + 1] {
            let initial = if is_leap(start_year) { ymd(start_year, 2, 29) } else { ymd(start_year, 2, 28) };
            let end = nth_term_end(initial, 12, years);
            prop_assert_eq!(end.month(), 2);
            prop_assert!(is_last_day_of_month(end), "{initial} + {years} years ended on {end}");
        }

        // 29 Jan .. 31 Jan plus one month lands on the last day of February.
        for day in 29..=31 {
            prop_assert_eq!(add_months(ymd(leap_year, 1, day), 1), leap_day);
            prop_assert_eq!(add_months(ymd(leap_year + 1, 1, day), 1), ymd(leap_year + 1, 2, 28));
        }
        // And back: 29..31 March minus one month.
        for day in 29..=31 {
            prop_assert_eq!(minus(ymd(leap_year, 3, day), Period::Months(1)), Some(leap_day));
            prop_assert_eq!(minus(ymd(leap_year + 1, 3, day), Period::Months(1)), Some(ymd(leap_year + 1, 2, 28)));
        }
    }

    #[test]
    fn renewal_chain_is_increasing_contiguous_and_does_not_drift(
        initial_end in month_end_heavy_date(),
        period in 1u32..=36,
    ) {
        let start_after_initial = initial_end.succ_opt().unwrap();
        let mut prev = initial_end;
        for k in 0..=15u32 {
            let end = nth_term_end(initial_end, period, k);
            if k > 0 {
                prop_assert!(end > prev, "term {k} end {end} not after {prev}");
            }
            // The day after term k is the start of term k + 1, counted from the initial end.
            prop_assert_eq!(end.succ_opt().unwrap(), add_months(start_after_initial, period * k));
            prop_assert_eq!(month_index(end) - month_index(initial_end), i64::from(period * k));
            // No drift: month ends stay month ends, other days stay the same day.
            if is_last_day_of_month(initial_end) {
                prop_assert!(is_last_day_of_month(end), "{initial_end} drifted to {end}");
            } else if initial_end.day() < 28 {
                prop_assert_eq!(end.day(), initial_end.day());
            }
            prev = end;
        }
    }

    #[test]
    fn current_term_end_is_the_first_term_end_on_or_after_today(
        initial_end in month_end_heavy_date(),
        period in 1u32..=36,
        offset in -1000i64..=7305,
    ) {
        let c = contract(initial_end, Renewal::Tacit { period_months: period }, Period::Months(3), 6);
        let today = initial_end + chrono::TimeDelta::days(offset);
        let end = current_term_end(&c, today);
        prop_assert_eq!(end, brute_force_term_end(initial_end, period, today));
        prop_assert!(end >= today);
        prop_assert!(end >= initial_end);
    }

    #[test]
    fn current_term_end_matches_brute_force_for_long_periods(
        initial_end in month_end_heavy_date(),
        period in 1u32..=600,
        offset in 0i64..=73_000,
    ) {
        let c = contract(initial_end, Renewal::Tacit { period_months: period }, Period::Days(0), 0);
        let today = initial_end + chrono::TimeDelta::days(offset);
        prop_assert_eq!(current_term_end(&c, today), brute_force_term_end(initial_end, period, today));
    }

    #[test]
    fn deadlines_are_ordered(c in any_contract(), today in any_date(), warn in 0u32..=365) {
        let d = deadlines(&c, today, warn);
        prop_assert_eq!(d.term_end, current_term_end(&c, today));
        let key_date = match d.notice_deadline {
            Some(n) => {
                prop_assert!(n <= d.term_end);
                prop_assert_eq!(Some(n), minus(d.term_end, c.notice));
                n
            }
            None => d.term_end,
        };
        prop_assert!(d.decision_date <= key_date);
        prop_assert_eq!(d.decision_date, minus(key_date, Period::Months(c.lead_time_months)).unwrap());
        // No notice deadline exactly when the contract ends at its term end.
        prop_assert_eq!(d.notice_deadline.is_none(), d.ends_at_term_end);
        if d.status == DeadlineStatus::Overdue {
            prop_assert!(today > key_date);
            prop_assert_eq!(c.status, ContractStatus::Active);
        }
        if c.status == ContractStatus::Active && c.decided_term_end != Some(d.term_end) && today > key_date {
            prop_assert_eq!(d.status, DeadlineStatus::Overdue);
        }
        // What is allowed is what check_decision allows.
        for decision in Decision::ALL {
            prop_assert_eq!(d.allowed.contains(decision), check_decision(&c, *decision).is_ok());
        }
    }

    #[test]
    fn status_is_never_overdue_once_the_term_is_decided(
        c in any_contract(),
        today in any_date(),
        warn in 0u32..=365,
    ) {
        let mut c = c;
        let term_end = current_term_end(&c, today);
        c.decided_term_end = Some(term_end);
        let d = deadlines(&c, today, warn);
        prop_assert_eq!(d.term_end, term_end);
        prop_assert_ne!(d.status, DeadlineStatus::Overdue);
        prop_assert_eq!(d.status, DeadlineStatus::OnSchedule);
    }

    #[test]
    fn status_does_not_improve_as_time_passes_within_a_term(
        c in any_contract(),
        today in any_date(),
        step in 0u64..=400,
        warn in 0u32..=365,
    ) {
        let later = today + Days::new(step);
        let (a, b) = (deadlines(&c, today, warn), deadlines(&c, later, warn));
        if a.term_end == b.term_end {
            let rank = |s: DeadlineStatus| match s {
                DeadlineStatus::OnSchedule => 0,
                DeadlineStatus::ActionNeeded => 1,
                DeadlineStatus::Overdue => 2,
            };
            prop_assert!(rank(b.status) >= rank(a.status), "{:?} on {today} then {:?} on {later}", a.status, b.status);
        }
    }

    #[test]
    fn exercising_every_option_moves_the_term_and_then_refuses(
        initial_end in month_end_heavy_date(),
        count in 1u32..=20,
        length in 1u32..=36,
        notice in any_period(),
        today in any_date(),
    ) {
        let mut c = contract(initial_end, options(count, length), notice, 3);
        for j in 0..count {
            let before = current_term_end(&c, today);
            prop_assert_eq!(before, nth_term_end(initial_end, length, j));
            prop_assert_eq!(deadlines(&c, today, 30).options_left, count - j);
            c = apply_decision(&c, Decision::ExerciseOption, today).unwrap();
            prop_assert_eq!(c.decided_term_end, Some(before));
            prop_assert_eq!(c.status, ContractStatus::Active);
            let after = current_term_end(&c, today);
            // Counted from the initial end: the day after the term end is a whole number of
            // option lengths after the day after the initial end.
            prop_assert_eq!(after, nth_term_end(initial_end, length, j + 1));
            prop_assert_eq!(
                after.succ_opt().unwrap(),
                add_months(initial_end.succ_opt().unwrap(), length * (j + 1))
            );
            prop_assert_eq!(month_index(after) - month_index(before), i64::from(length));
        }
        let d = deadlines(&c, today, 30);
        prop_assert_eq!(d.options_left, 0);
        prop_assert_eq!(d.notice_deadline, None);
        prop_assert!(d.ends_at_term_end);
        prop_assert_eq!(apply_decision(&c, Decision::ExerciseOption, today), Err(Problem::NoOptionsLeft));
        prop_assert_eq!(check_decision(&c, Decision::ExerciseOption), Err(Problem::NoOptionsLeft));
    }
}
