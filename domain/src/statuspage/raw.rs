//! The wire shapes, as loose as serde allows: unknown fields are ignored, everything but an id and a name
//! may be missing or null, statuses and times stay strings until `convert` reads them. Nested lists stay
//! `Value`s so that one malformed element costs only itself.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub(crate) struct RawPage {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub time_zone: Option<String>,
    pub updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawStatus {
    pub indicator: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawComponent {
    pub id: String,
    pub name: String,
    pub status: Option<String>,
    pub group: Option<bool>,
    pub group_id: Option<String>,
    /// On a group: the ids of its children.
    pub components: Option<Vec<String>>,
}

/// An incident or a scheduled maintenance; Statuspage uses one object for both.
#[derive(Debug, Deserialize)]
pub(crate) struct RawIncident {
    pub id: String,
    pub name: String,
    pub status: Option<String>,
    pub impact: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub resolved_at: Option<String>,
    pub shortlink: Option<String>,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
    pub incident_updates: Option<Vec<Value>>,
    /// Full component objects; only their ids are used.
    pub components: Option<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawUpdate {
    pub id: String,
    pub status: Option<String>,
    pub body: Option<String>,
    pub created_at: Option<String>,
    pub display_at: Option<String>,
    pub affected_components: Option<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawAffected {
    /// The component id.
    pub code: String,
    pub old_status: Option<String>,
    pub new_status: Option<String>,
}
