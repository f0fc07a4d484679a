#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::contract::PriceModel;
use crate::ids::{ContractId, VendorId};
use chrono::Datelike;

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

#[path = "deadlines_decisions.rs"]
mod decisions;

#[path = "deadlines_props.rs"]
mod props;
