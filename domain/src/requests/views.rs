//! What the self-service pages show: the portal (service catalogue, forms, profiles, my requests), a
//! form to fill in, a request with its history, the regie team's lists and the form builder.

use super::answers::{Answer, ServiceChoice};
use super::fields::{Approval, FieldDef, FormPurpose};
use super::profiles::{LicenceChange, ProfileChange, WorkProfile};
use super::workflow::{Approvals, RequestStatus, Side, Step};
use crate::{FormVersionId, RequestFormId, RequestId, UserId, VendorServiceId, WorkProfileId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A form as listed in the portal and for the regie team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSummary {
    pub id: RequestFormId,
    pub title: String,
    pub description: Option<String>,
    pub purpose: FormPurpose,
    pub approval: Approval,
    pub handling_days: u32,
    /// The published version staff file (none before the first publication).
    pub version: Option<FormVersionId>,
    pub version_number: u32,
    /// Withdrawn forms are not offered in the portal.
    pub withdrawn: bool,
    /// The builder's draft differs from the published version.
    pub unpublished_changes: bool,
}

/// A published form version, as the fill-in page needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormToFill {
    pub form: RequestFormId,
    pub version: FormVersionId,
    pub version_number: u32,
    pub title: String,
    pub description: Option<String>,
    pub purpose: FormPurpose,
    pub approval: Approval,
    pub handling_days: u32,
    pub fields: Vec<FieldDef>,
    /// What a service field offers.
    pub services: Vec<ServiceChoice>,
    /// A fresh token for this page load: a second click on submit files one request, not two.
    pub submit_token: String,
}

/// The builder's view of one form: settings, the draft fields and the versions published so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEditor {
    pub summary: FormSummary,
    pub draft: Vec<FieldDef>,
    pub versions: Vec<VersionInfo>,
}

/// A published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub id: FormVersionId,
    pub number: u32,
    pub published_at: DateTime<Utc>,
    pub retired_at: Option<DateTime<Utc>>,
    pub fields: u32,
    pub requests: u32,
}

/// How a service is doing, in plain words for staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    Works,
    Degraded,
    Down,
    Maintenance,
    /// Not monitored (or nothing measured yet).
    Unknown,
}

impl Health {
    /// A disruption staff should not report again.
    pub fn is_disrupted(self) -> bool {
        matches!(self, Health::Down | Health::Degraded)
    }
}

/// A service in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueService {
    pub id: VendorServiceId,
    pub name: String,
    pub description: Option<String>,
    pub vendor_name: String,
    pub personal_data: bool,
    pub health: Health,
    /// Since when the current state holds.
    pub since: Option<DateTime<Utc>>,
    /// The vendor's open incident on this service, if any: its name and link.
    pub incident: Option<KnownIncident>,
}

/// A disruption the vendor has reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownIncident {
    pub name: String,
    pub link: Option<String>,
}

/// A request in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub id: RequestId,
    pub form_title: String,
    pub requester_name: Option<String>,
    pub status: RequestStatus,
    pub filed_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub overdue: bool,
    pub service_name: Option<String>,
    /// Waiting for the manager's (or the regie team's) approval.
    pub waiting_for: Option<Side>,
}

/// The staff portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Portal {
    pub services: Vec<CatalogueService>,
    pub forms: Vec<FormSummary>,
    pub profiles: Vec<WorkProfile>,
    pub my_profile: Option<WorkProfileId>,
    pub mine: Vec<RequestSummary>,
    /// Requests of the people this user manages that wait for their approval.
    pub to_approve: Vec<RequestSummary>,
    /// Other requests of the team (for a line manager).
    pub team: Vec<RequestSummary>,
}

/// What happened to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Filed,
    Approved,
    Rejected,
    Started,
    Completed,
    Cancelled,
    Comment,
    /// Seats of the profile's licences were added or returned.
    LicencesChanged,
    Anonymised,
}

impl EventKind {
    pub const ALL: [EventKind; 9] = [
        EventKind::Filed,
        EventKind::Approved,
        EventKind::Rejected,
        EventKind::Started,
        EventKind::Completed,
        EventKind::Cancelled,
        EventKind::Comment,
        EventKind::LicencesChanged,
        EventKind::Anonymised,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::Filed => "ingediend",
            EventKind::Approved => "goedgekeurd",
            EventKind::Rejected => "afgewezen",
            EventKind::Started => "in_behandeling",
            EventKind::Completed => "afgerond",
            EventKind::Cancelled => "geannuleerd",
            EventKind::Comment => "opmerking",
            EventKind::LicencesChanged => "licenties",
            EventKind::Anonymised => "geanonimiseerd",
        }
    }

    pub fn parse(key: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The history entry a workflow step writes, with the approval side it was for.
    pub fn of_step(step: Step) -> (EventKind, Option<Side>) {
        match step {
            Step::Approve(s) => (EventKind::Approved, Some(s)),
            Step::Reject(s) => (EventKind::Rejected, Some(s)),
            Step::Start => (EventKind::Started, None),
            Step::Complete => (EventKind::Completed, None),
            Step::Cancel => (EventKind::Cancelled, None),
        }
    }
}

/// One entry of a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestEvent {
    pub at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub kind: EventKind,
    /// Which approval a decision was for.
    pub side: Option<Side>,
    /// A comment, a rejection's reason, or what changed.
    pub text: Option<String>,
}

/// A request's licence seat change and whether it has been applied to the licence counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestLicence {
    pub change: LicenceChange,
    pub applied: bool,
}

/// One request with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: RequestId,
    pub form_title: String,
    pub version_number: u32,
    pub purpose: FormPurpose,
    pub requester: Option<UserId>,
    pub requester_name: Option<String>,
    pub manager_name: Option<String>,
    pub status: RequestStatus,
    pub approvals: Approvals,
    pub filed_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub overdue: bool,
    pub answers: Vec<Answer>,
    /// The profile a profile change asks for.
    pub profile: Option<(WorkProfileId, String)>,
    pub licences: Vec<RequestLicence>,
    pub events: Vec<RequestEvent>,
    /// The steps the viewer may take now.
    pub steps: Vec<Step>,
    pub anonymised: bool,
}

/// The regie team's list of requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestList {
    pub requests: Vec<RequestSummary>,
    pub total: u32,
    pub open: u32,
    pub overdue: u32,
}

/// The profile page: a profile and what choosing it changes for the viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileChoice {
    pub profile: WorkProfile,
    pub current: Option<WorkProfile>,
    pub change: ProfileChange,
    /// An open profile change request of the viewer, if any (a second one is not filed).
    pub pending: Option<RequestId>,
    /// The shipped "change my work profile" form, with a submit token.
    pub form: Option<FormToFill>,
}
