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
