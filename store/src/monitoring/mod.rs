//! Storage for vendor monitoring (docs/ARCHITECTURE.md, "Data flow of a measurement"): the sources we
//! poll, their raw checks (kept briefly), the state intervals those fold into, hourly and daily rollups,
//! and what vendors report on their status pages (incidents, maintenances, the component-to-service map).
//!
//! Row structs here use plain types (`String`, `DateTime`, `Option`); converting the Statuspage parser's
//! types and validating source settings is the service's job.

// First, for its `select_with_origin!` macro.
#[macro_use]
pub mod vendor_events;

pub mod checks;
pub mod components;
pub mod existing;
pub mod history;
pub mod intervals;
pub mod maintenances;
pub mod metrics;
pub mod rollups;
pub mod sla_inputs;
pub mod sources;
pub mod status;
pub mod storage;

pub use checks::*;
pub use components::*;
pub use existing::*;
pub use history::*;
pub use intervals::*;
pub use maintenances::*;
pub use metrics::*;
pub use rollups::*;
pub use sla_inputs::*;
pub use sources::*;
pub use status::*;
pub use storage::*;
pub use vendor_events::*;

pub(crate) use crate::error::found;
use crate::error::{Result, StoreError};
use domain::monitoring::CheckState;
use serde::{Deserialize, Serialize};

/// A monitoring source: one endpoint (or push channel) that yields observations for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SourceId(pub i64);

impl std::fmt::Display for SourceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A stored check state key read back as a [`CheckState`]; an unknown key is corrupt data.
pub(crate) fn parse_state(key: &str) -> Result<CheckState> {
    CheckState::parse(key).ok_or_else(|| StoreError::Corrupt(format!("state: {key:?}")))
}

/// A stored non-negative integer that must fit in `u32`.
pub(crate) fn u32_from(what: &str, v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{what}: {v}")))
}
