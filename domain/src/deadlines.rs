//! Contract term and deadline arithmetic.
//!
//! Conventions: a term end is the last day of the term (inclusive). The uiterste opzegdatum is the
//! current term end minus the notice period; the decision date is the uiterste opzegdatum (or, for a
//! contract that simply ends, the term end) minus the internal lead time. Month arithmetic clamps to
//! the end of the month (31 Jan + 1 month = 28/29 Feb). Renewal terms are counted from the initial
//! end, never chained from the previous clamped date, so a 31st does not drift to the 28th.

use crate::contract::{Contract, ContractStatus, Decision, Period, Renewal};
use crate::error::Problem;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// `d` plus `n` calendar months, clamped to the end of the month; saturates at the last date.
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX)
}

/// `d` minus a period, or `None` if that falls before the first representable date.
pub fn minus(d: NaiveDate, p: Period) -> Option<NaiveDate> {
    match p {
        Period::Months(n) => d.checked_sub_months(Months::new(n)),
        Period::Days(n) => d.checked_sub_days(Days::new(u64::from(n))),
    }
}

/// The inclusive end of the term that follows the initial term `k` renewal periods later.
pub fn nth_term_end(initial_end: NaiveDate, period_months: u32, k: u32) -> NaiveDate {
    let exclusive = initial_end.succ_opt().unwrap_or(NaiveDate::MAX);
    let next = add_months(exclusive, period_months.saturating_mul(k));
    next.pred_opt().unwrap_or(next)
}

/// The deadline state shown on the Termijnen page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineStatus {
    /// Nothing to do yet, or the decision for this term has been recorded.
    OnSchedule,
    /// The decision date is near or passed and no decision has been recorded.
    ActionNeeded,
    /// The uiterste opzegdatum (or the end of a contract that simply ends) has passed undecided.
    Overdue,
}

impl DeadlineStatus {
    pub fn key(self) -> &'static str {
        match self {
            DeadlineStatus::OnSchedule => "op-schema",
            DeadlineStatus::ActionNeeded => "actie-nodig",
            DeadlineStatus::Overdue => "verlopen",
        }
    }
}

/// Everything computed about a contract on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub term_end: NaiveDate,
    /// Uiterste opzegdatum (for option contracts: the last day to exercise the next option).
    /// `None` when the contract ends by itself.
    pub notice_deadline: Option<NaiveDate>,
    pub decision_date: NaiveDate,
    pub status: DeadlineStatus,
    /// True when the contract ends at `term_end` unless something is done (fixed, options exhausted)
    /// or because it was terminated.
    pub ends_at_term_end: bool,
    /// Options not yet exercised.
    pub options_left: u32,
    /// The decisions that may be recorded now.
    pub allowed: Vec<Decision>,
}

/// The inclusive end of the contract's current term on `today`.
pub fn current_term_end(c: &Contract, today: NaiveDate) -> NaiveDate {
    match (c.renewal, c.status) {
        (Renewal::Tacit { .. }, ContractStatus::Terminated | ContractStatus::Retender) => {
            c.decided_term_end.unwrap_or(c.initial_end)
        }
        (Renewal::Tacit { period_months }, ContractStatus::Active) => {
            if today <= c.initial_end || period_months == 0 {
                return c.initial_end;
            }
            // Jump close to today by whole periods, then step: O(1) even for long-running contracts.
            let months_past = months_between(c.initial_end, today);
            let mut k = (months_past / period_months).saturating_sub(1);
            let mut end = nth_term_end(c.initial_end, period_months, k);
            while end < today {
                k += 1;
                end = nth_term_end(c.initial_end, period_months, k);
            }
            end
        }
        (Renewal::Options { length_months, exercised, .. }, _) => nth_term_end(c.initial_end, length_months, exercised),
        (Renewal::Fixed, _) => c.initial_end,
    }
}

fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    use chrono::Datelike;
    let m = (b.year() - a.year()) * 12 + (b.month() as i32 - a.month() as i32);
    m.max(0) as u32
}

/// Computes term end, uiterste opzegdatum, decision date and status on `today`. `warn_days` is how
/// long before the decision date the status becomes "actie nodig".
pub fn deadlines(c: &Contract, today: NaiveDate, warn_days: u32) -> Deadlines {
    let term_end = current_term_end(c, today);
    let options_left = match c.renewal {
        Renewal::Options { count, exercised, .. } => count.saturating_sub(exercised),
        _ => 0,
    };
    let continues = match c.renewal {
        Renewal::Tacit { .. } => true,
        Renewal::Options { .. } => options_left > 0,
        Renewal::Fixed => false,
    };
    let active = c.status == ContractStatus::Active;
    let notice_deadline = if continues && active { minus(term_end, c.notice) } else { None };
    let key_date = notice_deadline.unwrap_or(term_end);
    let decision_date = minus(key_date, Period::Months(c.lead_time_months)).unwrap_or(NaiveDate::MIN);
    let handled = !active || c.decided_term_end == Some(term_end);
    let status = if handled {
        DeadlineStatus::OnSchedule
    } else if today > key_date {
        DeadlineStatus::Overdue
    } else if minus(decision_date, Period::Days(warn_days)).is_none_or(|w| today >= w) {
        DeadlineStatus::ActionNeeded
    } else {
        DeadlineStatus::OnSchedule
    };
    let allowed = Decision::ALL.iter().copied().filter(|d| check_decision(c, *d).is_ok()).collect();
    Deadlines {
        term_end,
        notice_deadline,
        decision_date,
        status,
        ends_at_term_end: !continues || !active,
        options_left,
        allowed,
    }
}

/// Whether `decision` may be recorded for the contract as it stands.
pub fn check_decision(c: &Contract, decision: Decision) -> Result<(), Problem> {
    if c.status != ContractStatus::Active {
        return Err(Problem::DecisionNotAllowed);
    }
    match (decision, c.renewal) {
        (Decision::Renew, Renewal::Tacit { .. }) => Ok(()),
        (Decision::Renew, _) => Err(Problem::DecisionNotAllowed),
        (Decision::ExerciseOption, Renewal::Options { count, exercised, .. }) => {
            if exercised < count {
                Ok(())
            } else {
                Err(Problem::NoOptionsLeft)
            }
        }
        (Decision::ExerciseOption, _) => Err(Problem::DecisionNotAllowed),
        (Decision::Terminate | Decision::Retender, _) => Ok(()),
    }
}

/// The contract after `decision` is recorded on `today`: the next state to store.
pub fn apply_decision(c: &Contract, decision: Decision, today: NaiveDate) -> Result<Contract, Problem> {
    check_decision(c, decision)?;
    let term_end = current_term_end(c, today);
    let mut next = c.clone();
    next.decided_term_end = Some(term_end);
    match decision {
        Decision::Renew => {}
        Decision::ExerciseOption => {
            if let Renewal::Options { count, length_months, exercised } = c.renewal {
                next.renewal = Renewal::Options { count, length_months, exercised: exercised + 1 };
            }
        }
        Decision::Terminate => next.status = ContractStatus::Terminated,
        Decision::Retender => next.status = ContractStatus::Retender,
    }
    Ok(next)
}

#[cfg(test)]
#[path = "deadlines_tests.rs"]
mod tests;
