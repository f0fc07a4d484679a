//! The life of a request: ingediend -> goedgekeurd / afgewezen -> in behandeling -> afgerond, or
//! geannuleerd on the way. One function decides every step, so every illegal step is refused in one
//! place (and tested there).

use super::fields::Approval;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Submitted,
    Approved,
    Rejected,
    InProgress,
    Done,
    Cancelled,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 6] = [
        RequestStatus::Submitted,
        RequestStatus::Approved,
        RequestStatus::Rejected,
        RequestStatus::InProgress,
        RequestStatus::Done,
        RequestStatus::Cancelled,
    ];

    /// The key in URLs and the database.
    pub fn key(self) -> &'static str {
        match self {
            RequestStatus::Submitted => "ingediend",
            RequestStatus::Approved => "goedgekeurd",
            RequestStatus::Rejected => "afgewezen",
            RequestStatus::InProgress => "in_behandeling",
            RequestStatus::Done => "afgerond",
            RequestStatus::Cancelled => "geannuleerd",
        }
    }

    pub fn parse(key: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|s| s.key() == key.trim())
    }

    /// Rejected, done or cancelled: nothing more happens (except comments) and, after the retention
    /// period, anonymisation.
    pub fn is_closed(self) -> bool {
        matches!(self, RequestStatus::Rejected | RequestStatus::Done | RequestStatus::Cancelled)
    }
}

/// Which approval a decision is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The requester's line manager.
    Manager,
    /// The regie team (regisseur or beheerder).
    Regie,
}

impl Side {
    pub fn key(self) -> &'static str {
        match self {
            Side::Manager => "leidinggevende",
            Side::Regie => "regie",
        }
    }

    pub fn parse(key: &str) -> Option<Side> {
        [Side::Manager, Side::Regie].into_iter().find(|s| s.key() == key.trim())
    }
}

/// A step someone takes on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Approve(Side),
    Reject(Side),
    /// The regie team takes it up with the vendor.
    Start,
    Complete,
    Cancel,
}

impl Step {
    /// The key the request page's buttons send.
    pub fn key(self) -> String {
        match self {
            Step::Approve(s) => format!("goedkeuren_{}", s.key()),
            Step::Reject(s) => format!("afwijzen_{}", s.key()),
            Step::Start => "in_behandeling".into(),
            Step::Complete => "afronden".into(),
            Step::Cancel => "annuleren".into(),
        }
    }

    pub fn parse(key: &str) -> Option<Step> {
        let k = key.trim();
        if let Some(side) = k.strip_prefix("goedkeuren_").and_then(Side::parse) {
            return Some(Step::Approve(side));
        }
        if let Some(side) = k.strip_prefix("afwijzen_").and_then(Side::parse) {
            return Some(Step::Reject(side));
        }
        match k {
            "in_behandeling" => Some(Step::Start),
            "afronden" => Some(Step::Complete),
            "annuleren" => Some(Step::Cancel),
            _ => None,
        }
    }
}

/// Which approvals a request needs and which it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Approvals {
    pub manager_needed: bool,
    pub regie_needed: bool,
    pub manager_given: bool,
    pub regie_given: bool,
}

impl Approvals {
    pub fn for_form(approval: Approval) -> Approvals {
        Approvals {
            manager_needed: approval.needs_manager(),
            regie_needed: approval.needs_regie(),
            manager_given: false,
            regie_given: false,
        }
    }

    fn needed(self, side: Side) -> bool {
        match side {
            Side::Manager => self.manager_needed && !self.manager_given,
            Side::Regie => self.regie_needed && !self.regie_given,
        }
    }

    fn complete(self) -> bool {
        (!self.manager_needed || self.manager_given) && (!self.regie_needed || self.regie_given)
    }
}

/// The status a new request starts in: approved at once when its form needs no approval.
pub fn initial_status(approvals: Approvals) -> RequestStatus {
    if approvals.complete() {
        RequestStatus::Approved
    } else {
        RequestStatus::Submitted
    }
}

/// In which capacities the person taking a step acts on this request (one person can be several).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capacity {
    pub requester: bool,
    /// The requester's line manager.
    pub manager: bool,
    /// A regisseur or beheerder.
    pub regie: bool,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Not possible in the request's status (or that approval is not needed or already given).
    NotNow,
    /// The person does not act in the capacity the step needs.
    NotYours,
    /// A requester may not decide on their own request.
    OwnRequest,
}

/// The result of a step: the new status and approvals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    pub status: RequestStatus,
    pub approvals: Approvals,
}

/// Decides a step. Approval and rejection need the side's capacity and may not be taken on one's own
/// request; starting and completing are the regie team's; the requester or the regie team may cancel
/// until the request is closed.
pub fn take_step(status: RequestStatus, approvals: Approvals, step: Step, who: Capacity) -> Result<After, Refusal> {
    use RequestStatus::*;
    let capable = |side: Side| match side {
        Side::Manager => who.manager,
        Side::Regie => who.regie,
    };
    match step {
        Step::Approve(side) | Step::Reject(side) => {
            if status != Submitted || !approvals.needed(side) {
                return Err(Refusal::NotNow);
            }
            if !capable(side) {
                return Err(Refusal::NotYours);
            }
            if who.requester {
                return Err(Refusal::OwnRequest);
            }
            if matches!(step, Step::Reject(_)) {
                return Ok(After { status: Rejected, approvals });
            }
            let mut a = approvals;
            match side {
                Side::Manager => a.manager_given = true,
                Side::Regie => a.regie_given = true,
            }
            Ok(After { status: if a.complete() { Approved } else { Submitted }, approvals: a })
        }
        Step::Start | Step::Complete => {
            let from = if step == Step::Start { Approved } else { InProgress };
            if status != from {
                return Err(Refusal::NotNow);
            }
            if !who.regie {
                return Err(Refusal::NotYours);
            }
            Ok(After { status: if step == Step::Start { InProgress } else { Done }, approvals })
        }
        Step::Cancel => {
            if status.is_closed() {
                return Err(Refusal::NotNow);
            }
            if !(who.requester || who.regie) {
                return Err(Refusal::NotYours);
            }
            Ok(After { status: Cancelled, approvals })
        }
    }
}

/// The steps `who` may take now, in the order the request page shows them.
pub fn possible_steps(status: RequestStatus, approvals: Approvals, who: Capacity) -> Vec<Step> {
    [
        Step::Approve(Side::Manager),
        Step::Reject(Side::Manager),
        Step::Approve(Side::Regie),
        Step::Reject(Side::Regie),
        Step::Start,
        Step::Complete,
        Step::Cancel,
    ]
    .into_iter()
    .filter(|s| take_step(status, approvals, *s, who).is_ok())
    .collect()
}

/// The date handling should be done: the filing day plus the form's handling time in calendar days.
pub fn due_on(filed_on: NaiveDate, handling_days: u32) -> NaiveDate {
    filed_on + Duration::days(i64::from(handling_days))
}

/// An open request past its due date.
pub fn is_overdue(status: RequestStatus, due: NaiveDate, today: NaiveDate) -> bool {
    !status.is_closed() && today > due
}

#[cfg(test)]
mod tests {
    use super::*;
    use RequestStatus::*;

    const REQUESTER: Capacity = Capacity { requester: true, manager: false, regie: false };
    const MANAGER: Capacity = Capacity { requester: false, manager: true, regie: false };
    const REGIE: Capacity = Capacity { requester: false, manager: false, regie: true };
    const STRANGER: Capacity = Capacity { requester: false, manager: false, regie: false };

    fn both() -> Approvals {
        Approvals::for_form(Approval::Both)
    }

    #[test]
    fn both_approvals_in_either_order_make_a_request_approved() {
        let a = take_step(Submitted, both(), Step::Approve(Side::Manager), MANAGER).unwrap();
        assert_eq!(a.status, Submitted);
        let b = take_step(a.status, a.approvals, Step::Approve(Side::Regie), REGIE).unwrap();
        assert_eq!(b.status, Approved);
        let c = take_step(Submitted, both(), Step::Approve(Side::Regie), REGIE).unwrap();
        let d = take_step(c.status, c.approvals, Step::Approve(Side::Manager), MANAGER).unwrap();
        assert_eq!(d.status, Approved);
    }

    #[test]
    fn the_happy_path_ends_done() {
        let a = take_step(Submitted, Approvals::for_form(Approval::Regie), Step::Approve(Side::Regie), REGIE).unwrap();
        let b = take_step(a.status, a.approvals, Step::Start, REGIE).unwrap();
        let c = take_step(b.status, b.approvals, Step::Complete, REGIE).unwrap();
        assert_eq!((a.status, b.status, c.status), (Approved, InProgress, Done));
    }

    #[test]
    fn a_form_without_approval_starts_approved() {
        assert_eq!(initial_status(Approvals::for_form(Approval::None)), Approved);
        assert_eq!(initial_status(both()), Submitted);
    }

    #[test]
    fn a_rejection_closes_the_request() {
        let a = take_step(Submitted, both(), Step::Reject(Side::Manager), MANAGER).unwrap();
        assert_eq!(a.status, Rejected);
        assert!(a.status.is_closed());
    }

    #[test]
    fn nobody_decides_on_their_own_request() {
        let me = Capacity { requester: true, manager: true, regie: true };
        for side in [Side::Manager, Side::Regie] {
            assert_eq!(take_step(Submitted, both(), Step::Approve(side), me), Err(Refusal::OwnRequest));
            assert_eq!(take_step(Submitted, both(), Step::Reject(side), me), Err(Refusal::OwnRequest));
        }
    }

    /// Every (status, step, capacity) combination outside the legal table is refused.
    #[test]
    fn every_illegal_transition_is_refused() {
        let all_steps = [
            Step::Approve(Side::Manager),
            Step::Reject(Side::Manager),
            Step::Approve(Side::Regie),
            Step::Reject(Side::Regie),
            Step::Start,
            Step::Complete,
            Step::Cancel,
        ];
        let legal = |s: RequestStatus, step: Step, who: Capacity| -> bool {
            match step {
                Step::Approve(Side::Manager) | Step::Reject(Side::Manager) => s == Submitted && who == MANAGER,
                Step::Approve(Side::Regie) | Step::Reject(Side::Regie) => s == Submitted && who == REGIE,
                Step::Start => s == Approved && who == REGIE,
                Step::Complete => s == InProgress && who == REGIE,
                Step::Cancel => !s.is_closed() && (who == REQUESTER || who == REGIE),
            }
        };
        let mut refused = 0;
        for status in RequestStatus::ALL {
            for step in all_steps {
                for who in [REQUESTER, MANAGER, REGIE, STRANGER] {
                    let got = take_step(status, both(), step, who);
                    assert_eq!(got.is_ok(), legal(status, step, who), "{status:?} {step:?} {who:?}");
                    if got.is_err() {
                        refused += 1;
                    }
                }
            }
        }
        assert!(refused > 100, "{refused}");
    }

    #[test]
    fn an_approval_already_given_or_not_needed_is_refused() {
        let a = take_step(Submitted, both(), Step::Approve(Side::Manager), MANAGER).unwrap();
        assert_eq!(take_step(a.status, a.approvals, Step::Approve(Side::Manager), MANAGER), Err(Refusal::NotNow));
        let regie_only = Approvals::for_form(Approval::Regie);
        assert_eq!(take_step(Submitted, regie_only, Step::Approve(Side::Manager), MANAGER), Err(Refusal::NotNow));
    }

    #[test]
    fn step_keys_round_trip() {
        for step in possible_steps(Submitted, both(), Capacity { requester: false, manager: true, regie: true }) {
            assert_eq!(Step::parse(&step.key()), Some(step));
        }
        assert_eq!(Step::parse("wissen"), None);
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.key()), Some(s));
        }
    }

    #[test]
    fn due_date_and_overdue() {
        let filed = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let due = due_on(filed, 5);
        assert_eq!(due, NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert!(!is_overdue(Submitted, due, due));
        assert!(is_overdue(InProgress, due, due.succ_opt().unwrap()));
        assert!(!is_overdue(Done, due, due.succ_opt().unwrap()));
    }
}
