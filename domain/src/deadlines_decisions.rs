//! Tests of recording decisions: what each renewal type allows and the state that follows.

use super::*;

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
