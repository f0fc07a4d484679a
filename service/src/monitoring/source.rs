//! What to poll: a typed, validated [`SourceSpec`] per source kind, read from the stored `config_json`
//! (plus the component map for status pages and the opened secret for JSON sources). Every problem is
//! reported as a [`SourceError`] naming the field, in plain Dutch for the settings form.

use crate::secrets::Secret;
use domain::VendorServiceId;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;
use store::SourceId;

/// The shortest polling interval allowed in production.
pub const MIN_INTERVAL: Duration = Duration::from_secs(10);
/// The longest timeout a single poll may have.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(60);

/// A setting that cannot be used, with the field it belongs to and a Dutch explanation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct SourceError {
    pub field: String,
    /// Plain Dutch, shown as it is in the settings form.
    pub message: String,
}

fn invalid(field: &str, message: impl Into<String>) -> SourceError {
    SourceError { field: field.to_string(), message: message.into() }
}

/// One source, ready to be polled.
#[derive(Debug, Clone)]
pub struct Source {
    pub id: SourceId,
    /// The service whose state an `http` probe measures (status pages map components instead).
    pub service_id: VendorServiceId,
    pub name: String,
    pub spec: SourceSpec,
    pub interval: Duration,
    pub timeout: Duration,
}

impl Source {
    /// A source with a production interval (at least [`MIN_INTERVAL`]) and a timeout of at most
    /// [`MAX_TIMEOUT`] that is shorter than the interval.
    pub fn new(
        id: SourceId,
        service_id: VendorServiceId,
        name: impl Into<String>,
        spec: SourceSpec,
        interval: Duration,
        timeout: Duration,
    ) -> Result<Self, SourceError> {
        if interval < MIN_INTERVAL {
            return Err(invalid("interval_secs", "Het interval moet minstens 10 seconden zijn."));
        }
        Self::build(id, service_id, name.into(), spec, interval, timeout)
    }

    /// Like [`Source::new`] but with any interval of 50 ms or more. For tests only: it lets a test poll
    /// several times a second instead of waiting for the production minimum.
    #[doc(hidden)]
    pub fn new_for_tests(
        id: SourceId,
        service_id: VendorServiceId,
        name: impl Into<String>,
        spec: SourceSpec,
        interval: Duration,
        timeout: Duration,
    ) -> Result<Self, SourceError> {
        if interval < Duration::from_millis(50) {
            return Err(invalid("interval_secs", "Het interval is te kort."));
        }
        Self::build(id, service_id, name.into(), spec, interval, timeout)
    }

    fn build(
        id: SourceId,
        service_id: VendorServiceId,
        name: String,
        spec: SourceSpec,
        interval: Duration,
        timeout: Duration,
    ) -> Result<Self, SourceError> {
        if timeout.is_zero() || timeout > MAX_TIMEOUT {
            return Err(invalid("timeout_ms", "De time-out moet tussen 1 milliseconde en 60 seconden liggen."));
        }
        Ok(Source { id, service_id, name, spec, interval, timeout })
    }

    /// A stored source. `components` is its component map (status pages only) and `secret` the opened
    /// secret (JSON sources with an auth header only).
    pub fn from_row(
        row: &store::SourceRow,
        components: &[store::SourceComponentRow],
        secret: Option<Secret>,
    ) -> Result<Self, SourceError> {
        let s = &row.settings;
        let spec = SourceSpec::parse(&s.kind, &s.config_json, components, secret)?;
        let interval = Duration::from_secs(u64::from(s.interval_secs));
        let timeout = Duration::from_millis(u64::from(s.timeout_ms));
        Source::new(row.id, s.service_id, s.name.clone(), spec, interval, timeout)
    }
}

/// What kind of endpoint a source is, with its settings. `push` sources are not polled.
#[derive(Debug, Clone)]
pub enum SourceSpec {
    Http(HttpProbe),
    Statuspage(StatuspageSpec),
    Json(JsonSpec),
}

/// Our own measurement: request a URL and judge the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpProbe {
    /// `GET` or `HEAD`.
    pub method: reqwest::Method,
    pub url: String,
    pub expected_status: u16,
    pub condition: Option<Condition>,
}

/// What the body must satisfy besides the status code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The body contains this text.
    Keyword(String),
    /// The body is JSON with a value at this pointer, equal to `equals` when given.
    JsonPointer { pointer: String, equals: Option<serde_json::Value> },
}

/// A vendor's Atlassian Statuspage, and which of its components stand for which of our services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatuspageSpec {
    /// The page's base, e.g. `https://status.vendor.example`; `/api/v2/...` is appended.
    pub base_url: String,
    /// Vendor component id -> our service; components without a service are ignored.
    pub components: Vec<(String, VendorServiceId)>,
}

/// A JSON endpoint (usage, SLA figures) read into named metrics by JSON pointer.
#[derive(Debug, Clone)]
pub struct JsonSpec {
    pub url: String,
    /// The header that carries the secret (e.g. `Authorization`), with the opened secret.
    pub auth: Option<(String, Secret)>,
    /// Metric name -> JSON pointer.
    pub metrics: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HttpConfig {
    url: String,
    method: Option<String>,
    expected_status: Option<u16>,
    keyword: Option<String>,
    json_pointer: Option<String>,
    json_equals: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatuspageConfig {
    base_url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonConfig {
    url: String,
    auth_header: Option<String>,
    metrics: BTreeMap<String, String>,
    /// The contracted number per figure: shown against the figure, not used by the poller.
    #[serde(default, rename = "contracted")]
    _contracted: BTreeMap<String, u64>,
}

impl SourceSpec {
    /// Reads and checks the stored settings of a source of kind `kind`.
    pub fn parse(
        kind: &str,
        config_json: &str,
        components: &[store::SourceComponentRow],
        secret: Option<Secret>,
    ) -> Result<Self, SourceError> {
        let bad_json = |e: serde_json::Error| invalid("config_json", format!("De instellingen zijn onleesbaar ({e})."));
        match kind {
            "http" => {
                let c: HttpConfig = serde_json::from_str(config_json).map_err(bad_json)?;
                let method = match c.method.as_deref().map(str::to_ascii_uppercase).as_deref() {
                    None | Some("GET") => reqwest::Method::GET,
                    Some("HEAD") => reqwest::Method::HEAD,
                    Some(_) => return Err(invalid("method", "Alleen GET en HEAD zijn toegestaan.")),
                };
                let expected_status = c.expected_status.unwrap_or(200);
                if !(100..=599).contains(&expected_status) {
                    return Err(invalid("expected_status", "De verwachte statuscode moet tussen 100 en 599 liggen."));
                }
                let condition = match (c.keyword, c.json_pointer) {
                    (Some(_), Some(_)) => {
                        return Err(invalid("keyword", "Kies een trefwoord of een JSON-pointer, niet allebei."))
                    }
                    (Some(k), None) if k.trim().is_empty() => {
                        return Err(invalid("keyword", "Het trefwoord is leeg."));
                    }
                    (Some(k), None) => Some(Condition::Keyword(k)),
                    (None, Some(p)) => {
                        Some(Condition::JsonPointer { pointer: pointer("json_pointer", p)?, equals: c.json_equals })
                    }
                    (None, None) => None,
                };
                if method == reqwest::Method::HEAD && condition.is_some() {
                    return Err(invalid("method", "Een HEAD-verzoek heeft geen inhoud om te controleren; kies GET."));
                }
                Ok(SourceSpec::Http(HttpProbe { method, url: http_url("url", c.url)?, expected_status, condition }))
            }
            "statuspage" => {
                let c: StatuspageConfig = serde_json::from_str(config_json).map_err(bad_json)?;
                let base_url = http_url("base_url", c.base_url)?.trim_end_matches('/').to_string();
                let components =
                    components.iter().filter_map(|c| Some((c.vendor_component_id.clone(), c.service_id?))).collect();
                Ok(SourceSpec::Statuspage(StatuspageSpec { base_url, components }))
            }
            "json" => {
                let c: JsonConfig = serde_json::from_str(config_json).map_err(bad_json)?;
                if c.metrics.is_empty() {
                    return Err(invalid("metrics", "Geef minstens één meetwaarde met een JSON-pointer op."));
                }
                let mut metrics = BTreeMap::new();
                for (name, p) in c.metrics {
                    if name.trim().is_empty() {
                        return Err(invalid("metrics", "Een meetwaarde heeft geen naam."));
                    }
                    metrics.insert(name, pointer("metrics", p)?);
                }
                let auth = match (c.auth_header, secret) {
                    (Some(header), Some(secret)) => Some((header, secret)),
                    (Some(_), None) => {
                        return Err(invalid(
                            "secret",
                            "Er is een kopregel voor de sleutel ingesteld, maar geen sleutel.",
                        ))
                    }
                    (None, _) => None,
                };
                Ok(SourceSpec::Json(JsonSpec { url: http_url("url", c.url)?, auth, metrics }))
            }
            "push" => Err(invalid("kind", "Een push-bron wordt niet opgevraagd; zij stuurt zelf resultaten.")),
            _ => Err(invalid("kind", "Onbekend soort bron.")),
        }
    }

    /// The URL the first request goes to.
    pub fn url(&self) -> String {
        match self {
            SourceSpec::Http(p) => p.url.clone(),
            SourceSpec::Statuspage(s) => format!("{}/api/v2/summary.json", s.base_url),
            SourceSpec::Json(j) => j.url.clone(),
        }
    }
}

/// An absolute http(s) URL. Whether its address may be contacted is the guarded client's decision.
fn http_url(field: &str, text: String) -> Result<String, SourceError> {
    match url::Url::parse(text.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(u.to_string()),
        Ok(_) => Err(invalid(field, "Alleen http- en https-adressen zijn toegestaan.")),
        Err(_) => Err(invalid(field, "Dit is geen geldige URL (begin met https://).")),
    }
}

/// A JSON pointer (RFC 6901): empty or starting with `/`.
fn pointer(field: &str, p: String) -> Result<String, SourceError> {
    if p.is_empty() || p.starts_with('/') {
        Ok(p)
    } else {
        Err(invalid(field, format!("De JSON-pointer '{p}' moet met een / beginnen, bijvoorbeeld /status.")))
    }
}
