//! The typed values a Statuspage document is read into. Every time is UTC; every status enum has an
//! `Unknown` variant so that a value the vendor invents tomorrow is kept (and reported) instead of failing.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A status or level as Statuspage spells it on the wire (`"degraded_performance"`).
pub trait WireStatus: Copy {
    /// What an unrecognised or missing value is read as.
    const UNKNOWN: Self;
    /// The value for a wire key, `None` when the key is not one we know.
    fn from_key(key: &str) -> Option<Self>;
    /// The wire key; `"unknown"` for the `Unknown` variant.
    fn key(self) -> &'static str;
}

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant,)+ Unknown }

        impl WireStatus for $name {
            const UNKNOWN: Self = $name::Unknown;

            fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }

            fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ $name::Unknown => "unknown" }
            }
        }
    };
}

wire_enum!(
    /// The page-wide roll-up in `status.indicator`. `maintenance` is undocumented but seen in the wild.
    Indicator { None => "none", Minor => "minor", Major => "major", Critical => "critical", Maintenance => "maintenance" }
);

wire_enum!(
    /// How bad an incident is, as the vendor classified it; maintenances usually carry `maintenance`.
    Impact { None => "none", Minor => "minor", Major => "major", Critical => "critical", Maintenance => "maintenance" }
);

wire_enum!(
    /// The state of one component on the vendor's page.
    ComponentStatus {
        Operational => "operational",
        DegradedPerformance => "degraded_performance",
        PartialOutage => "partial_outage",
        MajorOutage => "major_outage",
        UnderMaintenance => "under_maintenance",
    }
);

wire_enum!(
    /// Where an (unplanned) incident is in its life cycle; also the status of each of its updates.
    IncidentStatus {
        Investigating => "investigating",
        Identified => "identified",
        Monitoring => "monitoring",
        Resolved => "resolved",
        Postmortem => "postmortem",
    }
);

wire_enum!(
    /// Where a scheduled maintenance is in its life cycle; also the status of each of its updates.
    MaintenanceStatus {
        Scheduled => "scheduled",
        InProgress => "in_progress",
        Verifying => "verifying",
        Completed => "completed",
    }
);

/// The vendor's status page itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// The vendor's page id; stable across documents.
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    /// An IANA zone name (`"America/Los_Angeles"`); the times below are already converted to UTC.
    pub time_zone: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// One component (or group of components) on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    /// The vendor's component id; deduplicate and map to contracted services by this.
    pub id: String,
    pub name: String,
    pub status: ComponentStatus,
    /// True for a group heading; its status is the vendor's roll-up of its children.
    pub group: bool,
    /// The group this component belongs to, if any.
    pub group_id: Option<String>,
    /// For a group: the ids of its components, as listed by the vendor or else found via `group_id`.
    pub children: Vec<String>,
}

/// A component whose status an update changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedComponent {
    /// The vendor's component id (`code` on the wire).
    pub component_id: String,
    pub old_status: ComponentStatus,
    pub new_status: ComponentStatus,
}

/// One message posted on an incident or a maintenance. `S` is [`IncidentStatus`] or [`MaintenanceStatus`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentUpdate<S> {
    /// The vendor's update id.
    pub id: String,
    pub status: S,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// When the page shows it as posted; vendors may backdate this.
    pub display_at: Option<DateTime<Utc>>,
    pub affected_components: Vec<AffectedComponent>,
}

/// An unplanned incident: a candidate SLA breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// The vendor's incident id; the same incident reappears in later documents under this id.
    pub id: String,
    pub name: String,
    pub status: IncidentStatus,
    pub impact: Impact,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub shortlink: Option<String>,
    /// Newest first, as the vendor lists them.
    pub updates: Vec<IncidentUpdate<IncidentStatus>>,
    /// Components the incident names, followed by any only mentioned in its updates.
    pub component_ids: Vec<String>,
}

/// A scheduled maintenance: planned downtime if it was announced in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Maintenance {
    /// The vendor's id (maintenances are incidents on Statuspage, so ids never collide with them).
    pub id: String,
    pub name: String,
    pub status: MaintenanceStatus,
    pub impact: Impact,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub scheduled_until: Option<DateTime<Utc>>,
    /// When it was first announced; compare with `scheduled_for` for the notice given.
    pub created_at: DateTime<Utc>,
    /// Newest first, as the vendor lists them.
    pub updates: Vec<IncidentUpdate<MaintenanceStatus>>,
    pub component_ids: Vec<String>,
}
