//! Monitoring read models and the source form: what the source pages show and send. They live in
//! `domain` because the browser deserialises them too.

use crate::monitoring::{CheckResult, CheckState};
use crate::{Invalid, Problem, VendorId, VendorServiceId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The shortest polling interval, in seconds.
pub const MIN_INTERVAL_SECS: u32 = 10;
/// The longest polling interval, in seconds (one day).
pub const MAX_INTERVAL_SECS: u32 = 86_400;
/// The longest timeout of one poll, in milliseconds.
pub const MAX_TIMEOUT_MS: u32 = 60_000;
/// The timeout used when the form leaves it empty.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;
/// The source kinds.
pub const SOURCE_KINDS: [&str; 4] = ["http", "statuspage", "json", "push"];

/// A named figure read from a JSON source by JSON pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricMapping {
    pub name: String,
    pub pointer: String,
}

/// A vendor status-page component and the service it stands for (`None`: known, not mapped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentMapping {
    pub vendor_component_id: String,
    pub service_id: Option<VendorServiceId>,
}

/// The source form as typed in. Empty text means "not set" (the default where there is one).
/// The secret is not part of it: it is written separately and never read back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceForm {
    /// `http`, `statuspage`, `json` or `push`.
    pub kind: String,
    pub name: String,
    /// The endpoint (`http`, `json`) or the status page's base address (`statuspage`); empty for `push`.
    pub url: String,
    /// `GET` (default) or `HEAD`; `http` only.
    pub method: String,
    /// The exact status expected (default 200); `http` only.
    pub expected_status: String,
    /// Text the body must contain; `http` only.
    pub keyword: String,
    /// A JSON pointer that must exist in the body; `http` only.
    pub json_pointer: String,
    /// The header that carries the secret (e.g. `Authorization`); `json` only.
    pub auth_header: String,
    /// Metric name -> JSON pointer; `json` only.
    pub mappings: Vec<MetricMapping>,
    /// Component map; `statuspage` only.
    pub components: Vec<ComponentMapping>,
    pub interval_secs: String,
    pub timeout_ms: String,
    pub enabled: bool,
}

/// A [`SourceForm`] that passed the field checks, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSource {
    pub kind: String,
    pub name: String,
    /// The settings as stored (the shape the poller reads).
    pub config_json: String,
    pub components: Vec<ComponentMapping>,
    pub interval_secs: u32,
    pub timeout_ms: u32,
    pub enabled: bool,
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// `http://` or `https://` followed by a host, without spaces. The poller checks the rest.
pub fn is_http_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !host.contains('@') && !lower.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

fn number(field: &str, text: &str, inv: &mut Invalid) -> Option<u32> {
    match text.trim().parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            inv.push(field, if text.trim().is_empty() { Problem::Required } else { Problem::NotANumber });
            None
        }
    }
}

impl SourceForm {
    /// Checks every field and builds the stored settings; reports every problem at its field.
    pub fn parse(&self) -> Result<ParsedSource, Invalid> {
        let mut inv = Invalid::default();
        let kind = self.kind.trim().to_ascii_lowercase();
        if !SOURCE_KINDS.contains(&kind.as_str()) {
            inv.push("kind", Problem::UnknownChoice);
        }
        let name = self.name.trim().to_string();
        if name.is_empty() {
            inv.push("name", Problem::Required);
        } else if name.chars().count() > 200 {
            inv.push("name", Problem::TooLong { max: 200 });
        }
        let url = opt(&self.url);
        if kind != "push" {
            match &url {
                None => inv.push("url", Problem::Required),
                Some(u) if !is_http_url(u) => inv.push("url", Problem::UrlFormat),
                Some(_) => {}
            }
        }
        let interval_secs = number("interval_secs", &self.interval_secs, &mut inv);
        if let Some(n) = interval_secs {
            if n < MIN_INTERVAL_SECS {
                inv.push("interval_secs", Problem::IntervalTooShort { min: MIN_INTERVAL_SECS });
            } else if n > MAX_INTERVAL_SECS {
                inv.push(
                    "interval_secs",
                    Problem::OutOfRange { min: MIN_INTERVAL_SECS.into(), max: MAX_INTERVAL_SECS.into() },
                );
            }
        }
        let timeout_ms = if self.timeout_ms.trim().is_empty() {
            Some(DEFAULT_TIMEOUT_MS)
        } else {
            number("timeout_ms", &self.timeout_ms, &mut inv)
        };
        if let Some(t) = timeout_ms {
            if t == 0 || t > MAX_TIMEOUT_MS {
                inv.push("timeout_ms", Problem::OutOfRange { min: 1, max: MAX_TIMEOUT_MS.into() });
            }
        }
        let mut config = Map::new();
        match kind.as_str() {
            "http" => {
                config.insert("url".into(), json!(url));
                if let Some(m) = opt(&self.method) {
                    let m = m.to_ascii_uppercase();
                    if m != "GET" && m != "HEAD" {
                        inv.push("method", Problem::UnknownChoice);
                    }
                    config.insert("method".into(), json!(m));
                }
                if let Some(s) = opt(&self.expected_status) {
                    match s.parse::<u16>() {
                        Ok(code) if (100..=599).contains(&code) => {
                            config.insert("expected_status".into(), json!(code));
                        }
                        Ok(_) => inv.push("expected_status", Problem::OutOfRange { min: 100, max: 599 }),
                        Err(_) => inv.push("expected_status", Problem::NotANumber),
                    }
                }
                if let Some(k) = opt(&self.keyword) {
                    config.insert("keyword".into(), json!(k));
                }
                if let Some(p) = opt(&self.json_pointer) {
                    if !p.starts_with('/') {
                        inv.push("json_pointer", Problem::UnknownChoice);
                    }
                    config.insert("json_pointer".into(), json!(p));
                }
            }
            "statuspage" => {
                config.insert("base_url".into(), json!(url));
            }
            "json" => {
                config.insert("url".into(), json!(url));
                if let Some(h) = opt(&self.auth_header) {
                    config.insert("auth_header".into(), json!(h));
                }
                let mut metrics = Map::new();
                for m in &self.mappings {
                    let (n, p) = (m.name.trim(), m.pointer.trim());
                    if n.is_empty() && p.is_empty() {
                        continue;
                    }
                    if n.is_empty() || !(p.is_empty() || p.starts_with('/')) || metrics.contains_key(n) {
                        inv.push("mappings", Problem::UnknownChoice);
                    }
                    metrics.insert(n.to_string(), json!(p));
                }
                if metrics.is_empty() {
                    inv.push("mappings", Problem::Required);
                }
                config.insert("metrics".into(), Value::Object(metrics));
            }
            _ => {}
        }
        let components = if kind == "statuspage" {
            let mut seen = std::collections::BTreeSet::new();
            let mut list = Vec::new();
            for c in &self.components {
                let id = c.vendor_component_id.trim();
                if id.is_empty() {
                    continue;
                }
                if !seen.insert(id.to_string()) {
                    inv.push("components", Problem::Duplicate);
                }
                list.push(ComponentMapping { vendor_component_id: id.to_string(), service_id: c.service_id });
            }
            list
        } else {
            Vec::new()
        };
        inv.into_result()?;
        Ok(ParsedSource {
            kind,
            name,
            config_json: Value::Object(config).to_string(),
            components,
            interval_secs: interval_secs.unwrap_or(MIN_INTERVAL_SECS),
            timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
            enabled: self.enabled,
        })
    }
}

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
        let mappings = match config.get("metrics") {
            Some(Value::Object(m)) => m
                .iter()
                .map(|(name, p)| MetricMapping { name: name.clone(), pointer: p.as_str().unwrap_or_default().into() })
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

/// Everything the source page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDetail {
    pub source: SourceView,
    pub last_error: Option<LastError>,
    /// The last 24 hours, oldest first.
    pub checks: Vec<CheckRow>,
    pub open_incidents: Vec<IncidentView>,
    pub upcoming_maintenances: Vec<MaintenanceView>,
    /// The newest value of each figure a JSON source reads, by name.
    pub metrics: Vec<MetricReading>,
}

/// The newest value of one named figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricReading {
    pub name: String,
    pub value: f64,
    pub at: DateTime<Utc>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn form() -> SourceForm {
        SourceForm {
            kind: "http".into(),
            name: "Portaal".into(),
            url: "https://portaal.leverancier.example/health".into(),
            interval_secs: "60".into(),
            enabled: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_short_interval_is_refused_at_the_field() {
        let f = SourceForm { interval_secs: "9".into(), ..form() };
        assert_eq!(f.parse().unwrap_err().for_field("interval_secs"), Some(Problem::IntervalTooShort { min: 10 }));
        assert!(SourceForm { interval_secs: "10".into(), ..form() }.parse().is_ok());
    }

    #[test]
    fn only_http_and_https_urls() {
        for bad in ["ftp://x.example", "file:///etc/passwd", "portaal.example", "https://", "https://a b"] {
            let f = SourceForm { url: bad.into(), ..form() };
            assert_eq!(f.parse().unwrap_err().for_field("url"), Some(Problem::UrlFormat), "{bad}");
        }
    }

    #[test]
    fn the_form_survives_a_round_trip_through_storage() {
        let f = SourceForm { keyword: "OK".into(), expected_status: "204".into(), timeout_ms: "5000".into(), ..form() };
        let p = f.parse().unwrap();
        let back = SourceView::form_from(&p.kind, &p.name, &p.config_json, vec![], 60, 5000, true);
        assert_eq!(back, f);
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
