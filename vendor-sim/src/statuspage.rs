//! The Statuspage API v2 document shapes, field for field and in the same order as the real service
//! serialises them, so a connector written against these documents parses real vendors' pages too.

use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct PageDoc {
    pub id: String,
    pub name: String,
    pub url: String,
    pub time_zone: &'static str,
    pub updated_at: String,
}

#[derive(Serialize)]
pub(crate) struct StatusDoc {
    pub indicator: &'static str,
    pub description: &'static str,
}

#[derive(Clone, Serialize)]
pub(crate) struct ComponentDoc {
    pub id: String,
    pub name: String,
    pub status: &'static str,
    pub created_at: String,
    pub updated_at: String,
    pub position: u32,
    pub description: Option<String>,
    pub showcase: bool,
    pub group_id: Option<String>,
    pub page_id: String,
    pub group: bool,
    pub only_show_if_degraded: bool,
    /// Only on groups: the ids of the member components.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

#[derive(Serialize)]
pub(crate) struct AffectedComponentDoc {
    pub code: String,
    pub name: String,
    pub old_status: &'static str,
    pub new_status: &'static str,
}

#[derive(Serialize)]
pub(crate) struct IncidentUpdateDoc {
    pub id: String,
    pub status: &'static str,
    pub body: String,
    pub incident_id: String,
    pub created_at: String,
    pub updated_at: String,
    pub display_at: String,
    pub affected_components: Vec<AffectedComponentDoc>,
    pub deliver_notifications: bool,
    pub custom_tweet: Option<String>,
    pub tweet_id: Option<String>,
}

/// An incident, or (with `scheduled_for`/`scheduled_until`) a scheduled maintenance.
#[derive(Serialize)]
pub(crate) struct IncidentDoc {
    pub id: String,
    pub name: String,
    pub status: &'static str,
    pub created_at: String,
    pub updated_at: String,
    pub monitoring_at: Option<String>,
    pub resolved_at: Option<String>,
    pub impact: &'static str,
    pub shortlink: String,
    pub started_at: String,
    pub page_id: String,
    pub incident_updates: Vec<IncidentUpdateDoc>,
    pub components: Vec<ComponentDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_for: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_until: Option<String>,
}

/// `summary.json`.
#[derive(Serialize)]
pub(crate) struct SummaryDoc {
    pub page: PageDoc,
    pub components: Vec<ComponentDoc>,
    pub incidents: Vec<IncidentDoc>,
    pub scheduled_maintenances: Vec<IncidentDoc>,
    pub status: StatusDoc,
}

/// `status.json`.
#[derive(Serialize)]
pub(crate) struct StatusOnlyDoc {
    pub page: PageDoc,
    pub status: StatusDoc,
}

/// `components.json`.
#[derive(Serialize)]
pub(crate) struct ComponentsDoc {
    pub page: PageDoc,
    pub components: Vec<ComponentDoc>,
}

/// `incidents.json` and `incidents/unresolved.json`.
#[derive(Serialize)]
pub(crate) struct IncidentsDoc {
    pub page: PageDoc,
    pub incidents: Vec<IncidentDoc>,
}

/// `scheduled-maintenances.json` and its `upcoming`/`active` variants.
#[derive(Serialize)]
pub(crate) struct MaintenancesDoc {
    pub page: PageDoc,
    pub scheduled_maintenances: Vec<IncidentDoc>,
}
