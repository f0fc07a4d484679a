//! The address policy at the moment a source is saved: a polled source whose address the outbound
//! guard refuses (loopback, private, cloud metadata, ...) would otherwise be stored without comment
//! and then fail every poll because of our own settings. The same guard the poller uses decides,
//! after DNS resolution, and its sentence (the one the Test button shows) lands at the URL field.

use crate::outbound::{FetchError, TargetCheck};
use crate::{ServiceError, Services};
use domain::views_monitoring::ParsedSource;
use domain::{Invalid, Problem};

impl Services {
    /// `Invalid` at `url` when the guard refuses the source's address; push sources have none.
    pub(super) async fn check_source_address(&self, p: &ParsedSource) -> Result<(), ServiceError> {
        let Some(url) = polled_url(p) else { return Ok(()) };
        let check = TargetCheck::new(&self.monitoring_settings().guard)
            .map_err(|e| ServiceError::Unexpected(format!("outbound guard: {e}")))?;
        match check.check(&url).await {
            Err(e @ FetchError::Refused { .. }) => {
                Err(ServiceError::Invalid(Invalid::one_with("url", Problem::AddressRefused, e.message_nl())))
            }
            // An unparsable URL was refused by the form already; nothing else is a refusal.
            _ => Ok(()),
        }
    }
}

/// The address a poll of this source contacts first (`url`, or a status page's `base_url`).
fn polled_url(p: &ParsedSource) -> Option<String> {
    if p.kind == "push" {
        return None;
    }
    let config: serde_json::Value = serde_json::from_str(&p.config_json).ok()?;
    ["url", "base_url"].iter().find_map(|k| config.get(*k).and_then(serde_json::Value::as_str)).map(str::to_string)
}
