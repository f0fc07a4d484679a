//! Vendor status pages in the Atlassian Statuspage API v2 format (`/api/v2/summary.json` and friends),
//! read tolerantly: vendors add fields, leave them null and invent statuses, and one odd incident must not
//! hide the rest. Unknown values become `Unknown` variants and are listed in [`Parsed::warnings`] for the
//! caller to log; only a document that is not JSON or not the expected kind of object is a [`ParseError`].
//! Everything carries the vendor's own ids, by which the caller deduplicates across polls; within one
//! document a repeated id keeps its first occurrence (and is warned about).

mod convert;
mod items;
mod model;
mod parse;
mod raw;
mod relevance;

pub use convert::parse_time;
pub use model::{
    AffectedComponent, Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Indicator,
    Maintenance, MaintenanceStatus, Page, WireStatus,
};
pub use parse::{
    parse_components, parse_document, parse_incident, parse_incidents, parse_scheduled_maintenances, parse_summary,
    ComponentList, Document, IncidentList, MaintenanceList, Summary,
};
pub use relevance::{
    incident_is_open, most_relevant_incidents, most_relevant_maintenances, MAX_INCIDENTS, MAX_MAINTENANCES,
};

use serde::{Deserialize, Serialize};

/// A document that could not be read at all, with a plain-English reason for the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    message: String,
}

impl ParseError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ParseError { message: message.into() }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

/// A document that was read, and what was odd about it: each warning names the element (by vendor id
/// where it has one) and what was skipped or read as unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    pub value: T,
    pub warnings: Vec<String>,
}

impl<T> Parsed<T> {
    /// The same warnings around a transformed value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Parsed<U> {
        Parsed { value: f(self.value), warnings: self.warnings }
    }
}

/// What a vendor component's status means for the services contracted on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VendorState {
    Up,
    Degraded,
    Down,
    Maintenance,
    Unknown,
}

/// The domain's reading of a component: a partial outage counts as degraded, only a major one as down.
pub fn component_state(component: &Component) -> VendorState {
    match component.status {
        ComponentStatus::Operational => VendorState::Up,
        ComponentStatus::DegradedPerformance | ComponentStatus::PartialOutage => VendorState::Degraded,
        ComponentStatus::MajorOutage => VendorState::Down,
        ComponentStatus::UnderMaintenance => VendorState::Maintenance,
        ComponentStatus::Unknown => VendorState::Unknown,
    }
}
