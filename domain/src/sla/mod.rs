//! Service levels: the service window of a contract in Europe/Amsterdam time, Dutch public holidays, and
//! the monthly evaluation of state intervals into availability, breach and service credit. Pure
//! functions, shared by the pages, the reports and `regiekamer sla evaluate --file` (docs/SLA.md), so
//! that an auditor or a vendor can recompute every figure from the same rules.

pub mod claims;
pub mod contract_terms;
pub mod csv;
pub mod daily;
pub mod evaluate;
pub mod evidence;
pub mod holidays;
pub mod outcome;
pub mod period;
pub mod resolution;
pub mod scenario;
pub mod terms;
pub mod views;
pub mod window;

pub use contract_terms::{
    ContractSlaTerms, MeasurementBasis, MeasurementPeriod, ResolutionTargets, SlaTermsForm, TierForm,
};
pub use evaluate::{evaluate, evaluate_between, Evaluation, Finding, IntervalState, SlaInterval, Treatment};
pub use evidence::{Announcement, Measurements, Span};
pub use outcome::{
    evaluate_contract, period_containing, pick_month, recent_months, ContractOutcome, Projection, ServiceInput,
    ServiceOutcome,
};
pub use period::Period;
pub use terms::{CreditTier, ServiceWindow, SlaTerms};
