//! Read models that a page shows as a whole. They live here, not in `service`, because the browser
//! receives them too.

use crate::contract::{Contract, DecisionRecord};
use crate::deadlines::{DeadlineStatus, Deadlines};
use crate::vendor::{ContactPerson, Vendor, VendorService};
use crate::VendorId;
use serde::{Deserialize, Serialize};

/// Everything the vendor page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorOverview {
    pub vendor: Vendor,
    pub services: Vec<VendorService>,
    pub contacts: Vec<ContactPerson>,
    pub contracts: Vec<Contract>,
}

/// A contract with what is computed about it today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractWithDeadlines {
    pub contract: Contract,
    pub deadlines: Deadlines,
}

/// The start page's deadline summary: counts over every contract and the first few that need a
/// decision (soonest decision date first), so that the page does not carry the whole register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineSummary {
    pub total: u32,
    pub action_needed: u32,
    pub overdue: u32,
    pub next: Vec<ContractWithDeadlines>,
}

impl DeadlineSummary {
    /// Counts `rows` and keeps the `n` that are not on schedule with the soonest decision dates.
    pub fn of(rows: Vec<ContractWithDeadlines>, n: usize) -> DeadlineSummary {
        let count = |s: DeadlineStatus| rows.iter().filter(|r| r.deadlines.status == s).count() as u32;
        let (total, action_needed, overdue) =
            (rows.len() as u32, count(DeadlineStatus::ActionNeeded), count(DeadlineStatus::Overdue));
        let mut next: Vec<_> = rows.into_iter().filter(|r| r.deadlines.status != DeadlineStatus::OnSchedule).collect();
        next.sort_by_key(|r| (r.deadlines.decision_date, r.contract.id));
        next.truncate(n);
        DeadlineSummary { total, action_needed, overdue, next }
    }
}

/// Everything the contract page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDetail {
    pub contract: Contract,
    pub deadlines: Deadlines,
    pub services: Vec<VendorService>,
    pub decisions: Vec<DecisionRecord>,
    pub today: chrono::NaiveDate,
}

/// Filters of the Termijnen page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineFilter {
    pub vendor: Option<VendorId>,
    pub owner: Option<String>,
    pub status: Option<DeadlineStatus>,
}
