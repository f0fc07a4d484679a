//! Mapping a status page's components onto the vendor's services: what the mapping page shows.

use crate::views_monitoring::SourceView;
use crate::VendorServiceId;
use serde::{Deserialize, Serialize};

/// One component of the vendor's status page and the service it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentChoice {
    /// The vendor's component id.
    pub id: String,
    pub name: String,
    /// The group it belongs to on the status page, by name.
    pub group: Option<String>,
    /// The service it is mapped to now; `None`: not mapped (ignored).
    pub service_id: Option<VendorServiceId>,
    /// False for a mapped component the status page no longer lists.
    pub listed: bool,
}

/// The mapping page: the source, the vendor's services to choose from and the components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentChoices {
    pub source: SourceView,
    pub services: Vec<(VendorServiceId, String)>,
    pub components: Vec<ComponentChoice>,
    /// Why the status page could not be read now (plain Dutch); the stored mapping is still shown.
    pub fetch_error: Option<String>,
}
