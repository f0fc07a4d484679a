//! The polling engine (docs/ARCHITECTURE.md, "Data flow of a measurement"): the [`scheduler`] wakes
//! each [`source`] when it is due, a [`connectors`] function fetches it through the guarded client and
//! yields a [`PollResult`], and the results travel through a channel to the one [`writer`] task,
//! which commits them in batches.
//!
//! The scheduler only needs an `mpsc::Sender<PollResult>`, so tests can run it without a database
//! and collect what it observes; [`writer::Writer`] is the store-backed receiving end.

mod batch;
mod breaker;
pub mod connectors;
pub mod lag;
mod load;
pub mod scheduler;
pub mod source;
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod source_tests;
pub mod writer;

pub(crate) use batch::store_one;
pub use lag::{LagHistogram, LagSummary};
pub use load::{load_sources, secret_aad, LoadedSources};
pub use scheduler::{Scheduler, SchedulerConfig, SchedulerHandle};
pub use source::{Condition, HttpProbe, JsonSpec, Source, SourceError, SourceSpec, StatuspageSpec};
pub use writer::{Writer, WriterConfig, WriterStats};

use domain::monitoring::{CheckResult, CheckState};
use domain::VendorServiceId;
use std::time::Duration;
use store::{IncidentRow, IncidentUpdateRow, MaintenanceRow, SourceId};

/// Everything one poll of one source yielded.
#[derive(Debug, Clone, PartialEq)]
pub struct PollResult {
    pub source: SourceId,
    /// The check as a whole: did the endpoint answer as expected, how fast, and if not, why (Dutch).
    pub check: CheckResult,
    /// The state per service that this poll says something about: the probed service for an `http`
    /// source, the mapped services for a status page. These become state intervals.
    pub states: Vec<(VendorServiceId, CheckState)>,
    /// Vendor-reported incidents (status pages), with their updates.
    pub incidents: Vec<(IncidentRow, Vec<IncidentUpdateRow>)>,
    /// Vendor-announced maintenances (status pages).
    pub maintenances: Vec<MaintenanceRow>,
    /// Named figures read from a JSON source.
    pub metrics: Vec<(String, f64)>,
    /// How long the states stay valid without a newer poll; longer silence is "unknown".
    pub stale_after: Duration,
    /// How many attempts this result took (1 without retries).
    pub attempts: u32,
    /// When the TLS certificate the endpoint presented expires (https only).
    pub tls_expiry: Option<chrono::DateTime<chrono::Utc>>,
}

impl PollResult {
    /// A result with only a check; the connector fills in the rest.
    pub fn new(source: SourceId, check: CheckResult) -> Self {
        PollResult {
            source,
            check,
            states: Vec::new(),
            incidents: Vec::new(),
            maintenances: Vec::new(),
            metrics: Vec::new(),
            stale_after: Duration::from_secs(300),
            attempts: 1,
            tls_expiry: None,
        }
    }

    /// True when the check failed (the source is down or unreachable).
    pub fn failed(&self) -> bool {
        self.check.state == CheckState::Down
    }
}
