//! Monitoring read models: what the source pages and the overview show of a source, its newest
//! status, last error, vendor incidents and maintenance, and its figures.

use crate::monitoring::{CheckResult, CheckState};
use crate::views_attention::StateCause;
use crate::views_monitoring::{ComponentMapping, MetricMapping, SourceForm};
use crate::{VendorId, VendorServiceId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A source for lists and pages. Whether a secret or push token is set is all that is shown of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    pub id: i64,
    pub service_id: VendorServiceId,
    pub service_name: String,
    pub vendor_id: VendorId,
    pub vendor_name: String,
    pub kind: String,
    pub name: String,
    /// The settings as a form, to edit them (the secret is never in it).
    pub form: SourceForm,
    pub interval_secs: u32,
    pub timeout_ms: u32,
    pub enabled: bool,
    pub has_secret: bool,
    pub has_push_token: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The newest check; `None` before the first one.
    pub status: Option<SourceStatus>,
    /// The open incident (or running maintenance) this source reports, newest first: why it is not up.
    #[serde(default)]
    pub cause: Option<StateCause>,
}

/// A source's newest check, for the overview and the vendor page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStatus {
    pub checked_at: DateTime<Utc>,
    pub state: CheckState,
    pub latency_ms: Option<u32>,
    /// The most recent failure, possibly older than the newest check.
    pub last_error: Option<LastError>,
    /// The newest check is older than three intervals (the poller is behind or stopped): its state no
    /// longer says anything.
    pub stale: bool,
    /// The worst state the source now reports for its services (a status page: its mapped components;
    /// a probe: the probed service); `None` when no interval is open.
    pub reported: Option<CheckState>,
    /// When the TLS certificate the source last presented expires (https sources).
    pub tls_expires_at: Option<DateTime<Utc>>,
    /// The certificate expires within [`TLS_WARN_DAYS`] days (or has expired).
    pub tls_expires_soon: bool,
}

/// Days before a certificate's expiry from which the source page warns.
pub const TLS_WARN_DAYS: i64 = 30;

impl SourceView {
    /// What the source says now: the worse of its newest check and what it reports for its services
    /// (so a status page that answers but reports a degraded component is degraded); `None` (unknown)
    /// when it is disabled, has not been checked yet, or its newest check is stale.
    pub fn current_state(&self) -> Option<CheckState> {
        self.status
            .as_ref()
            .filter(|s| self.enabled && !s.stale)
            .map(|s| s.reported.map_or(s.state, |r| s.state.worst(r)))
    }
}

impl SourceView {
    /// The form filled from stored settings (`config_json` as written by [`SourceForm::parse`]).
    pub fn form_from(
        kind: &str,
        name: &str,
        config_json: &str,
        components: Vec<ComponentMapping>,
        interval_secs: u32,
        timeout_ms: u32,
        enabled: bool,
    ) -> SourceForm {
        let config: Value = serde_json::from_str(config_json).unwrap_or(Value::Null);
        let text = |key: &str| match config.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let url = if kind == "statuspage" { text("base_url") } else { text("url") };
        let contracted = |name: &str| {
            config.pointer("/contracted").and_then(|c| c.get(name)).and_then(Value::as_u64).map(|n| n.to_string())
        };
        let mappings = match config.get("metrics") {
            Some(Value::Object(m)) => m
                .iter()
                .map(|(name, p)| MetricMapping {
                    name: name.clone(),
                    pointer: p.as_str().unwrap_or_default().into(),
                    contracted: contracted(name).unwrap_or_default(),
                })
                .collect(),
            _ => Vec::new(),
        };
        SourceForm {
            kind: kind.to_string(),
            name: name.to_string(),
            url,
            method: text("method"),
            expected_status: text("expected_status"),
            keyword: text("keyword"),
            json_pointer: text("json_pointer"),
            auth_header: text("auth_header"),
            mappings,
            components,
            interval_secs: interval_secs.to_string(),
            timeout_ms: timeout_ms.to_string(),
            enabled,
        }
    }
}

/// One raw check, as the "last 24 hours" table shows it.
pub type CheckRow = CheckResult;

/// The most recent failure of a source, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastError {
    pub at: DateTime<Utc>,
    pub state: CheckState,
    /// Plain Dutch.
    pub message: String,
}

/// An incident the vendor reports and has not resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentView {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub impact: String,
    pub service_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub shortlink: Option<String>,
    /// The vendor's newest update on it.
    pub latest_update: Option<IncidentUpdateView>,
}

/// One update a vendor posted on an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentUpdateView {
    pub status: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

/// Maintenance the vendor announced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceView {
    pub id: i64,
    pub name: String,
    pub status: String,
    pub impact: String,
    pub service_name: String,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub scheduled_until: Option<DateTime<Utc>>,
}

/// Checks per page of the source page's table.
pub const CHECKS_PER_PAGE: u32 = 50;

/// Consecutive checks in the same state: one row of the source's 24-hour history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRun {
    pub state: CheckState,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

/// Everything the source page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDetail {
    pub source: SourceView,
    /// The most recent failed check of the last 24 hours.
    pub last_error: Option<LastError>,
    /// One page of the last 24 hours' checks, newest first ([`CHECKS_PER_PAGE`] at most).
    pub checks: Vec<CheckRow>,
    /// How many checks the last 24 hours hold in all.
    pub checks_total: u64,
    /// The page shown, from 1.
    pub page: u32,
    /// The last 24 hours as runs of one state, newest first.
    pub history: Vec<CheckRun>,
    pub open_incidents: Vec<IncidentView>,
    pub upcoming_maintenances: Vec<MaintenanceView>,
    /// The newest value of each figure a JSON source reads, by name.
    pub metrics: Vec<MetricReading>,
}

impl SourceDetail {
    /// How many pages the checks fill (at least 1).
    pub fn pages(&self) -> u32 {
        let per = u64::from(CHECKS_PER_PAGE);
        u32::try_from(self.checks_total.div_ceil(per)).unwrap_or(u32::MAX).max(1)
    }
}

/// The newest value of one named figure, against its contracted number, with its recent trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricReading {
    pub name: String,
    pub value: f64,
    pub at: DateTime<Utc>,
    /// The number contracted for this figure (e.g. licences purchased), when the source sets one.
    #[serde(default)]
    pub contracted: Option<u64>,
    /// The last value of each UTC day of the last 30 days that has one, oldest first.
    #[serde(default)]
    pub trend: Vec<DailyValue>,
}

/// A figure's last value on one (UTC) day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DailyValue {
    pub day: chrono::NaiveDate,
    pub value: f64,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn form() -> SourceForm {
        SourceForm { kind: "statuspage".into(), name: "Status".into(), ..Default::default() }
    }

    fn listed(enabled: bool, status: Option<SourceStatus>) -> SourceView {
        let t = chrono::DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        SourceView {
            id: 1,
            service_id: VendorServiceId(1),
            service_name: "Portaal".into(),
            vendor_id: VendorId(1),
            vendor_name: "Zaakwijs".into(),
            kind: "statuspage".into(),
            name: "Status".into(),
            form: form(),
            interval_secs: 60,
            timeout_ms: 5000,
            enabled,
            has_secret: false,
            has_push_token: false,
            created_at: t,
            updated_at: t,
            status,
            cause: None,
        }
    }

    #[test]
    fn the_current_state_is_the_worse_of_the_check_and_the_reported_states_and_unknown_when_stale_or_off() {
        let t = chrono::DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let status = |state, reported, stale| SourceStatus {
            checked_at: t,
            state,
            latency_ms: Some(12),
            last_error: None,
            stale,
            reported,
            tls_expires_at: None,
            tls_expires_soon: false,
        };
        use CheckState::*;
        let cases = [
            (Some(status(Up, None, false)), true, Some(Up)),
            (Some(status(Up, Some(Degraded), false)), true, Some(Degraded)),
            (Some(status(Down, Some(Up), false)), true, Some(Down)),
            (Some(status(Up, Some(Maintenance), false)), true, Some(Maintenance)),
            (Some(status(Degraded, Some(Maintenance), false)), true, Some(Degraded)),
            (Some(status(Up, Some(Down), true)), true, None),
            (Some(status(Up, None, false)), false, None),
            (None, true, None),
        ];
        for (status, enabled, expected) in cases {
            assert_eq!(listed(enabled, status.clone()).current_state(), expected, "{status:?} enabled={enabled}");
        }
    }
}
