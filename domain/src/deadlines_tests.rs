#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::contract::PriceModel;
use crate::ids::{ContractId, VendorId};
use chrono::Datelike;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn contract(initial_end: NaiveDate, renewal: Renewal, notice: Period, lead_time_months: u32) -> Contract {
    Contract {
        id: ContractId(1),
        vendor_id: VendorId(1),
        vendor_name: "Leverancier B.V.".into(),
        reference: "2026-001".into(),
        title: "Zaaksysteem".into(),
        owner: "Team Regie".into(),
        start: minus(initial_end, Period::Months(36)).unwrap_or(initial_end),
        initial_end,
        renewal,
        notice,
        lead_time_months,
        annual_value_cents: 12_000_000,
        price_model: PriceModel::Fixed,
        status: ContractStatus::Active,
        decided_term_end: None,
        service_ids: Vec::new(),
    }
}

/// The standard example: initial term ends 31 Dec 2026, renews yearly, 3 months notice, 9 months
/// lead time.
fn yearly_tacit() -> Contract {
    contract(ymd(2026, 12, 31), Renewal::Tacit { period_months: 12 }, Period::Months(3), 9)
}

fn options(count: u32, length_months: u32) -> Renewal {
    Renewal::Options { count, length_months, exercised: 0 }
}

fn is_last_day_of_month(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.day() == 1)
}

fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn is_leap(y: i32) -> bool {
    NaiveDate::from_ymd_opt(y, 2, 29).is_some()
}

// ---------------------------------------------------------------------------------------------
// Month arithmetic
// ---------------------------------------------------------------------------------------------

#[test]
fn add_months_clamps_31_january_to_end_of_february() {
    assert_eq!(add_months(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
    assert_eq!(add_months(ymd(2028, 1, 31), 1), ymd(2028, 2, 29));
    assert_eq!(add_months(ymd(2026, 3, 31), 1), ymd(2026, 4, 30));
    assert_eq!(add_months(ymd(2026, 1, 15), 0), ymd(2026, 1, 15));
    assert_eq!(add_months(ymd(2026, 11, 30), 3), ymd(2027, 2, 28));
}

#[test]
fn add_months_saturates_at_the_last_date() {
    assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
    assert_eq!(add_months(ymd(2026, 1, 1), u32::MAX), NaiveDate::MAX);
}

#[test]
fn minus_clamps_months_and_counts_days() {
    assert_eq!(minus(ymd(2026, 5, 31), Period::Months(3)), Some(ymd(2026, 2, 28)));
    assert_eq!(minus(ymd(2028, 5, 31), Period::Months(3)), Some(ymd(2028, 2, 29)));
    assert_eq!(minus(ymd(2026, 3, 1), Period::Days(1)), Some(ymd(2026, 2, 28)));
    assert_eq!(minus(ymd(2028, 3, 1), Period::Days(1)), Some(ymd(2028, 2, 29)));
    assert_eq!(minus(ymd(2026, 12, 31), Period::Months(0)), Some(ymd(2026, 12, 31)));
    assert_eq!(minus(NaiveDate::MIN, Period::Days(1)), None);
    assert_eq!(minus(NaiveDate::MIN, Period::Months(1)), None);
}

// ---------------------------------------------------------------------------------------------
// Term ends
// ---------------------------------------------------------------------------------------------

#[test]
fn nth_term_end_zero_is_the_initial_end() {
    assert_eq!(nth_term_end(ymd(2026, 12, 31), 12, 0), ymd(2026, 12, 31));
    assert_eq!(nth_term_end(ymd(2026, 6, 14), 7, 0), ymd(2026, 6, 14));
}

#[test]
fn yearly_renewal_terms_end_on_the_same_day_each_year() {
    assert_eq!(nth_term_end(ymd(2026, 12, 31), 12, 1), ymd(2027, 12, 31));
    assert_eq!(nth_term_end(ymd(2026, 12, 31), 12, 10), ymd(2036, 12, 31));
    assert_eq!(nth_term_end(ymd(2026, 6, 14), 12, 3), ymd(2029, 6, 14));
}

#[test]
fn monthly_renewal_from_31_january_does_not_drift_to_the_28th() {
    let initial = ymd(2026, 1, 31);
    assert_eq!(nth_term_end(initial, 1, 1), ymd(2026, 2, 28));
    assert_eq!(nth_term_end(initial, 1, 2), ymd(2026, 3, 31));
    assert_eq!(nth_term_end(initial, 1, 3), ymd(2026, 4, 30));
    assert_eq!(nth_term_end(initial, 1, 4), ymd(2026, 5, 31));
    assert_eq!(nth_term_end(initial, 1, 13), ymd(2027, 2, 28));
    assert_eq!(nth_term_end(initial, 1, 25), ymd(2028, 2, 29));
}

#[test]
fn quarterly_renewal_from_30_november_ends_at_each_month_end() {
    // 30 Nov is the last day of November, so every term ends on the last day of its month.
    let initial = ymd(2026, 11, 30);
    assert_eq!(nth_term_end(initial, 3, 1), ymd(2027, 2, 28));
    assert_eq!(nth_term_end(initial, 3, 2), ymd(2027, 5, 31));
    assert_eq!(nth_term_end(initial, 3, 3), ymd(2027, 8, 31));
    assert_eq!(nth_term_end(initial, 3, 4), ymd(2027, 11, 30));
}

#[test]
fn leap_year_term_end_on_29_february() {
    // Initial term ends on 29 Feb 2028: later yearly terms end on the last day of February.
    let initial = ymd(2028, 2, 29);
    assert_eq!(nth_term_end(initial, 12, 1), ymd(2029, 2, 28));
    assert_eq!(nth_term_end(initial, 12, 2), ymd(2030, 2, 28));
    assert_eq!(nth_term_end(initial, 12, 4), ymd(2032, 2, 29));
    // And the other way: 28 Feb in a non-leap year reaches 29 Feb in the next leap year.
    assert_eq!(nth_term_end(ymd(2027, 2, 28), 12, 1), ymd(2028, 2, 29));
    assert_eq!(nth_term_end(ymd(2027, 2, 28), 12, 2), ymd(2029, 2, 28));

    let c = contract(initial, Renewal::Tacit { period_months: 12 }, Period::Months(1), 2);
    let d = deadlines(&c, ymd(2028, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2028, 2, 29));
    assert_eq!(d.notice_deadline, Some(ymd(2028, 1, 29)));
    assert_eq!(d.decision_date, ymd(2027, 11, 29));

    let d = deadlines(&c, ymd(2028, 3, 1), 30);
    assert_eq!(d.term_end, ymd(2029, 2, 28));
    assert_eq!(d.notice_deadline, Some(ymd(2029, 1, 28)));
    assert_eq!(d.decision_date, ymd(2028, 11, 28));
}

#[test]
fn tacit_renewal_moves_to_next_term_after_term_end() {
    let c = yearly_tacit();
    assert_eq!(current_term_end(&c, ymd(2020, 1, 1)), ymd(2026, 12, 31));
    assert_eq!(current_term_end(&c, ymd(2026, 12, 31)), ymd(2026, 12, 31));
    assert_eq!(current_term_end(&c, ymd(2027, 1, 1)), ymd(2027, 12, 31));
    assert_eq!(current_term_end(&c, ymd(2027, 12, 31)), ymd(2027, 12, 31));
    assert_eq!(current_term_end(&c, ymd(2028, 1, 1)), ymd(2028, 12, 31));
    assert_eq!(current_term_end(&c, ymd(2040, 6, 15)), ymd(2040, 12, 31));

    let d = deadlines(&c, ymd(2027, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2027, 12, 31));
    assert_eq!(d.notice_deadline, Some(ymd(2027, 9, 30)));
    assert_eq!(d.decision_date, ymd(2026, 12, 30));
    // The new term's decision date has already passed: act now.
    assert_eq!(d.status, DeadlineStatus::ActionNeeded);
}

#[test]
fn tacit_renewal_with_a_long_period_moves_in_whole_periods() {
    let c = contract(ymd(2026, 3, 15), Renewal::Tacit { period_months: 36 }, Period::Months(6), 3);
    assert_eq!(current_term_end(&c, ymd(2026, 3, 16)), ymd(2029, 3, 15));
    assert_eq!(current_term_end(&c, ymd(2029, 3, 15)), ymd(2029, 3, 15));
    assert_eq!(current_term_end(&c, ymd(2029, 3, 16)), ymd(2032, 3, 15));
    assert_eq!(current_term_end(&c, ymd(2060, 1, 1)), ymd(2062, 3, 15));
}

#[test]
fn option_term_end_depends_on_exercised_options_not_on_today() {
    let mut c = contract(ymd(2026, 6, 30), options(3, 12), Period::Months(2), 1);
    assert_eq!(current_term_end(&c, ymd(2026, 1, 1)), ymd(2026, 6, 30));
    assert_eq!(current_term_end(&c, ymd(2030, 1, 1)), ymd(2026, 6, 30));
    c.renewal = Renewal::Options { count: 3, length_months: 12, exercised: 2 };
    assert_eq!(current_term_end(&c, ymd(2026, 1, 1)), ymd(2028, 6, 30));
}

// ---------------------------------------------------------------------------------------------
// Notice deadline and decision date
// ---------------------------------------------------------------------------------------------

#[test]
fn notice_deadline_and_decision_date_of_the_standard_example() {
    let d = deadlines(&yearly_tacit(), ymd(2025, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2026, 12, 31));
    assert_eq!(d.notice_deadline, Some(ymd(2026, 9, 30)));
    // 30 Sep 2026 minus 9 months: 30 Dec 2025.
    assert_eq!(d.decision_date, ymd(2025, 12, 30));
    assert_eq!(d.status, DeadlineStatus::OnSchedule);
    assert!(!d.ends_at_term_end);
    assert_eq!(d.options_left, 0);
    assert_eq!(d.allowed, vec![Decision::Renew, Decision::Terminate, Decision::Retender]);
}

#[test]
fn notice_deadline_clamps_to_end_of_february() {
    let c = contract(ymd(2026, 5, 31), Renewal::Tacit { period_months: 12 }, Period::Months(3), 0);
    let d = deadlines(&c, ymd(2026, 1, 1), 30);
    assert_eq!(d.notice_deadline, Some(ymd(2026, 2, 28)));
    assert_eq!(d.decision_date, ymd(2026, 2, 28));

    let c = contract(ymd(2028, 5, 31), Renewal::Tacit { period_months: 12 }, Period::Months(3), 1);
    let d = deadlines(&c, ymd(2027, 1, 1), 30);
    assert_eq!(d.notice_deadline, Some(ymd(2028, 2, 29)));
    // 29 Feb 2028 minus 1 month: 29 Jan 2028.
    assert_eq!(d.decision_date, ymd(2028, 1, 29));
}

#[test]
fn notice_months_are_subtracted_from_the_inclusive_term_end() {
    // Documents the convention: 30 Jun minus 3 months is 30 Mar, not 31 Mar.
    let c = contract(ymd(2026, 6, 30), Renewal::Tacit { period_months: 12 }, Period::Months(3), 0);
    let d = deadlines(&c, ymd(2026, 1, 1), 30);
    assert_eq!(d.notice_deadline, Some(ymd(2026, 3, 30)));
}

#[test]
fn notice_in_days() {
    let c = contract(ymd(2026, 12, 31), Renewal::Tacit { period_months: 12 }, Period::Days(30), 0);
    let d = deadlines(&c, ymd(2026, 1, 1), 30);
    assert_eq!(d.notice_deadline, Some(ymd(2026, 12, 1)));
    assert_eq!(d.decision_date, ymd(2026, 12, 1));

    let c = contract(ymd(2026, 12, 31), Renewal::Tacit { period_months: 12 }, Period::Days(90), 2);
    let d = deadlines(&c, ymd(2026, 1, 1), 30);
    assert_eq!(d.notice_deadline, Some(ymd(2026, 10, 2)));
    assert_eq!(d.decision_date, ymd(2026, 8, 2));

    // Across 29 February.
    let c = contract(ymd(2028, 3, 10), Renewal::Tacit { period_months: 12 }, Period::Days(10), 0);
    let d = deadlines(&c, ymd(2028, 1, 1), 30);
    assert_eq!(d.notice_deadline, Some(ymd(2028, 2, 29)));

    // Zero days notice: the term end itself.
    let c = contract(ymd(2026, 12, 31), Renewal::Tacit { period_months: 12 }, Period::Days(0), 0);
    let d = deadlines(&c, ymd(2026, 1, 1), 30);
    assert_eq!(d.notice_deadline, Some(ymd(2026, 12, 31)));
}

#[test]
fn fixed_contract_has_no_notice_deadline() {
    let c = contract(ymd(2026, 12, 31), Renewal::Fixed, Period::Months(3), 6);
    let d = deadlines(&c, ymd(2026, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2026, 12, 31));
    assert_eq!(d.notice_deadline, None);
    // The decision date counts back from the term end: 31 Dec minus 6 months.
    assert_eq!(d.decision_date, ymd(2026, 6, 30));
    assert!(d.ends_at_term_end);
    assert_eq!(d.options_left, 0);
    assert_eq!(d.allowed, vec![Decision::Terminate, Decision::Retender]);
    assert_eq!(d.status, DeadlineStatus::OnSchedule);

    // It never renews: after the end it stays at the initial end and is overdue if undecided.
    let d = deadlines(&c, ymd(2027, 3, 1), 30);
    assert_eq!(d.term_end, ymd(2026, 12, 31));
    assert_eq!(d.status, DeadlineStatus::Overdue);
    assert_eq!(check_decision(&c, Decision::Renew), Err(Problem::DecisionNotAllowed));
    assert_eq!(check_decision(&c, Decision::ExerciseOption), Err(Problem::DecisionNotAllowed));
}

#[test]
fn fixed_contract_is_not_overdue_on_its_last_day() {
    let c = contract(ymd(2026, 12, 31), Renewal::Fixed, Period::Months(3), 6);
    assert_eq!(deadlines(&c, ymd(2026, 12, 31), 30).status, DeadlineStatus::ActionNeeded);
    assert_eq!(deadlines(&c, ymd(2027, 1, 1), 30).status, DeadlineStatus::Overdue);
}

#[test]
fn option_contract_notice_deadline_is_the_last_day_to_exercise() {
    let c = contract(ymd(2026, 6, 30), options(1, 12), Period::Months(2), 1);
    let d = deadlines(&c, ymd(2026, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2026, 6, 30));
    assert_eq!(d.notice_deadline, Some(ymd(2026, 4, 30)));
    assert_eq!(d.decision_date, ymd(2026, 3, 30));
    assert_eq!(d.options_left, 1);
    assert!(!d.ends_at_term_end);
    assert_eq!(d.allowed, vec![Decision::ExerciseOption, Decision::Terminate, Decision::Retender]);
    assert_eq!(check_decision(&c, Decision::Renew), Err(Problem::DecisionNotAllowed));
}

#[test]
fn decision_date_saturates_at_the_first_date() {
    let c = contract(NaiveDate::MIN, Renewal::Fixed, Period::Months(0), 1);
    let d = deadlines(&c, NaiveDate::MIN, 0);
    assert_eq!(d.decision_date, NaiveDate::MIN);
    assert_eq!(d.status, DeadlineStatus::ActionNeeded);
}

// ---------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------

#[test]
fn status_is_action_needed_within_warning_window() {
    // Decision date 30 Dec 2025; a 30-day warning starts on 30 Nov 2025.
    let c = yearly_tacit();
    assert_eq!(deadlines(&c, ymd(2025, 11, 29), 30).status, DeadlineStatus::OnSchedule);
    assert_eq!(deadlines(&c, ymd(2025, 11, 30), 30).status, DeadlineStatus::ActionNeeded);
    assert_eq!(deadlines(&c, ymd(2025, 12, 30), 30).status, DeadlineStatus::ActionNeeded);
    assert_eq!(deadlines(&c, ymd(2026, 5, 1), 30).status, DeadlineStatus::ActionNeeded);
    // Without a warning window the status flips on the decision date itself.
    assert_eq!(deadlines(&c, ymd(2025, 12, 29), 0).status, DeadlineStatus::OnSchedule);
    assert_eq!(deadlines(&c, ymd(2025, 12, 30), 0).status, DeadlineStatus::ActionNeeded);
}

#[test]
fn status_is_overdue_after_notice_deadline_without_decision() {
    let c = yearly_tacit();
    assert_eq!(deadlines(&c, ymd(2026, 9, 30), 30).status, DeadlineStatus::ActionNeeded);
    assert_eq!(deadlines(&c, ymd(2026, 10, 1), 30).status, DeadlineStatus::Overdue);
    assert_eq!(deadlines(&c, ymd(2026, 12, 31), 30).status, DeadlineStatus::Overdue);
    // The day after the term end the contract has renewed tacitly; the next term's decision
    // date (30 Dec 2026) has passed, but its notice deadline (30 Sep 2027) has not.
    assert_eq!(deadlines(&c, ymd(2027, 1, 1), 30).status, DeadlineStatus::ActionNeeded);
}

#[test]
fn status_keys_are_stable() {
    assert_eq!(DeadlineStatus::OnSchedule.key(), "op-schema");
    assert_eq!(DeadlineStatus::ActionNeeded.key(), "actie-nodig");
    assert_eq!(DeadlineStatus::Overdue.key(), "verlopen");
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

#[test]
fn recorded_renew_decision_puts_term_on_schedule() {
    let c = yearly_tacit();
    let today = ymd(2026, 10, 15);
    assert_eq!(deadlines(&c, today, 30).status, DeadlineStatus::Overdue);

    let renewed = apply_decision(&c, Decision::Renew, today).unwrap();
    assert_eq!(renewed.decided_term_end, Some(ymd(2026, 12, 31)));
    assert_eq!(renewed.status, ContractStatus::Active);
    assert_eq!(renewed.renewal, c.renewal);
    let d = deadlines(&renewed, today, 30);
    assert_eq!(d.term_end, ymd(2026, 12, 31));
    assert_eq!(d.status, DeadlineStatus::OnSchedule);
    assert_eq!(d.notice_deadline, Some(ymd(2026, 9, 30)));

    // The next term needs its own decision.
    let d = deadlines(&renewed, ymd(2027, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2027, 12, 31));
    assert_eq!(d.status, DeadlineStatus::ActionNeeded);
}

#[test]
fn terminate_keeps_term_end_and_ends_contract() {
    let c = yearly_tacit();
    let terminated = apply_decision(&c, Decision::Terminate, ymd(2026, 8, 1)).unwrap();
    assert_eq!(terminated.status, ContractStatus::Terminated);
    assert_eq!(terminated.decided_term_end, Some(ymd(2026, 12, 31)));

    // Long after the term end the contract has not renewed.
    let d = deadlines(&terminated, ymd(2027, 6, 1), 30);
    assert_eq!(d.term_end, ymd(2026, 12, 31));
    assert_eq!(d.notice_deadline, None);
    // 31 Dec 2026 minus 9 months: 31 Mar 2026.
    assert_eq!(d.decision_date, ymd(2026, 3, 31));
    assert!(d.ends_at_term_end);
    assert_eq!(d.status, DeadlineStatus::OnSchedule);
    assert!(d.allowed.is_empty());
    for decision in Decision::ALL {
        assert_eq!(check_decision(&terminated, *decision), Err(Problem::DecisionNotAllowed));
        assert_eq!(apply_decision(&terminated, *decision, ymd(2027, 6, 1)), Err(Problem::DecisionNotAllowed));
    }
}

#[test]
fn terminate_in_a_renewed_term_ends_at_that_term() {
    let c = yearly_tacit();
    let terminated = apply_decision(&c, Decision::Terminate, ymd(2027, 2, 1)).unwrap();
    assert_eq!(terminated.decided_term_end, Some(ymd(2027, 12, 31)));
    assert_eq!(current_term_end(&terminated, ymd(2035, 1, 1)), ymd(2027, 12, 31));
}

#[test]
fn retender_keeps_term_end_and_ends_contract() {
    let c = yearly_tacit();
    let r = apply_decision(&c, Decision::Retender, ymd(2026, 1, 1)).unwrap();
    assert_eq!(r.status, ContractStatus::Retender);
    assert_eq!(r.decided_term_end, Some(ymd(2026, 12, 31)));
    let d = deadlines(&r, ymd(2028, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2026, 12, 31));
    assert!(d.ends_at_term_end);
    assert_eq!(d.status, DeadlineStatus::OnSchedule);
}

#[test]
fn tacit_contract_refuses_exercise_option() {
    let c = yearly_tacit();
    assert_eq!(check_decision(&c, Decision::ExerciseOption), Err(Problem::DecisionNotAllowed));
    assert_eq!(apply_decision(&c, Decision::ExerciseOption, ymd(2026, 1, 1)), Err(Problem::DecisionNotAllowed));
}

#[test]
fn options_exhausted_refuse_exercise_option() {
    let c = contract(ymd(2026, 12, 31), options(2, 12), Period::Months(3), 6);
    let today = ymd(2026, 5, 1);

    let once = apply_decision(&c, Decision::ExerciseOption, today).unwrap();
    assert_eq!(once.renewal, Renewal::Options { count: 2, length_months: 12, exercised: 1 });
    assert_eq!(once.decided_term_end, Some(ymd(2026, 12, 31)));
    let d = deadlines(&once, today, 30);
    assert_eq!(d.term_end, ymd(2027, 12, 31));
    assert_eq!(d.notice_deadline, Some(ymd(2027, 9, 30)));
    assert_eq!(d.options_left, 1);

    let twice = apply_decision(&once, Decision::ExerciseOption, today).unwrap();
    assert_eq!(twice.renewal, Renewal::Options { count: 2, length_months: 12, exercised: 2 });
    assert_eq!(twice.decided_term_end, Some(ymd(2027, 12, 31)));
    let d = deadlines(&twice, today, 30);
    assert_eq!(d.term_end, ymd(2028, 12, 31));
    // No option left: the contract simply ends; the decision date counts back from the end.
    assert_eq!(d.notice_deadline, None);
    assert_eq!(d.decision_date, ymd(2028, 6, 30));
    assert_eq!(d.options_left, 0);
    assert!(d.ends_at_term_end);
    assert_eq!(d.allowed, vec![Decision::Terminate, Decision::Retender]);

    assert_eq!(check_decision(&twice, Decision::ExerciseOption), Err(Problem::NoOptionsLeft));
    assert_eq!(apply_decision(&twice, Decision::ExerciseOption, today), Err(Problem::NoOptionsLeft));
}

#[test]
fn unexercised_option_after_deadline_is_overdue() {
    let c = contract(ymd(2026, 6, 30), options(1, 12), Period::Months(2), 1);
    assert_eq!(deadlines(&c, ymd(2026, 4, 30), 30).status, DeadlineStatus::ActionNeeded);
    assert_eq!(deadlines(&c, ymd(2026, 5, 1), 30).status, DeadlineStatus::Overdue);
    // The term does not move on by itself.
    let d = deadlines(&c, ymd(2027, 1, 1), 30);
    assert_eq!(d.term_end, ymd(2026, 6, 30));
    assert_eq!(d.status, DeadlineStatus::Overdue);
}

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
