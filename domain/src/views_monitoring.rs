//! The monitoring source form and its checks: what the source pages send. The read models the pages
//! show are in [`crate::views_sources`] (re-exported here). They live in `domain` because the browser
//! deserialises them too.

use crate::{Invalid, Problem, VendorServiceId};
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
/// The longest source address, in characters (what browsers and servers reliably handle).
pub const MAX_URL_CHARS: u32 = 2_048;
/// The longest keyword an `http` source looks for, in characters.
pub const MAX_KEYWORD_CHARS: u32 = 200;
/// The longest JSON pointer, in characters (the probe's and each figure's).
pub const MAX_POINTER_CHARS: u32 = 500;
/// The longest name of the header that carries a JSON source's secret, in characters.
pub const MAX_HEADER_NAME_CHARS: u32 = 100;
/// The most figures one JSON source reads.
pub const MAX_FIGURES: u32 = 50;
/// The longest name of a figure, in characters.
pub const MAX_FIGURE_NAME_CHARS: u32 = 100;
/// The most components a status page's map may hold (status pages list a few dozen; Twilio's has 73).
pub const MAX_COMPONENTS: u32 = 500;
/// The longest vendor component id, in characters.
pub const MAX_COMPONENT_ID_CHARS: u32 = 200;
/// Headers that steer the connection or its framing rather than carry a credential.
const CONNECTION_HEADERS: [&str; 11] = [
    "connection",
    "content-length",
    "expect",
    "host",
    "keep-alive",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

/// The largest contracted number a figure may carry.
pub const MAX_CONTRACTED: i64 = 1_000_000_000;

/// A named figure read from a JSON source by JSON pointer, with the number contracted for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricMapping {
    pub name: String,
    pub pointer: String,
    /// "Gecontracteerd aantal": a whole number >= 0 (e.g. licences purchased), or empty for none.
    /// Stored next to the pointers in the settings (`"contracted": {name: number}`).
    #[serde(default)]
    pub contracted: String,
}

impl MetricMapping {
    /// Whether the row was left empty (such rows are ignored).
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.pointer.trim().is_empty() && self.contracted.trim().is_empty()
    }
}

/// The form field of the contracted number of figure row `row` (from 0), where its problem is shown.
pub fn contracted_field(row: usize) -> String {
    format!("metric_contracted_{}", row + 1)
}

/// A contracted number as typed: digits, optionally grouped by dots in threes as Dutch writes them
/// ("1.500"); empty is `None`.
fn contracted(field: &str, text: &str, inv: &mut Invalid) -> Option<u64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let grouped = t.split('.').enumerate().all(|(i, g)| {
        let digits = !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
        digits && (i == 0 && g.len() <= 3 || i > 0 && g.len() == 3)
    });
    let plain = if t.contains('.') && grouped { t.replace('.', "") } else { t.to_string() };
    let n = inv.take(crate::text::number(field, &plain, 0, MAX_CONTRACTED))?;
    u64::try_from(n).ok()
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

/// `http://` or `https://` followed by a host, without spaces or control characters. The poller checks
/// the rest. Also decides whether a link taken from vendor data may become an `href` (never
/// `javascript:` or `data:`).
pub fn is_http_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !host.contains('@') && !lower.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// A header a secret may be sent in: an RFC 7230 token (letters, digits and `!#$%&'*+-.^_`|~`, so
/// no spaces, colons or line breaks) that does not steer the connection (`Host`, `Content-Length`).
pub fn is_secret_header_name(name: &str) -> bool {
    const SYMBOLS: &str = "!#$%&'*+-.^_`|~";
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || SYMBOLS.contains(c))
        && !CONNECTION_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Whether `text` is longer than `max` characters; if so, records it at `field`.
fn too_long(field: &str, text: &str, max: u32, inv: &mut Invalid) -> bool {
    let long = text.chars().count() > max as usize;
    if long {
        inv.push(field, Problem::TooLong { max });
    }
    long
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
        let name = inv.take(crate::text::text("name", &self.name, 200, true)).unwrap_or_default();
        let url = opt(&self.url);
        if kind != "push" {
            match &url {
                None => inv.push("url", Problem::Required),
                Some(u) if too_long("url", u, MAX_URL_CHARS, &mut inv) => {}
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
                    too_long("keyword", &k, MAX_KEYWORD_CHARS, &mut inv);
                    config.insert("keyword".into(), json!(k));
                }
                if let Some(p) = opt(&self.json_pointer) {
                    if !too_long("json_pointer", &p, MAX_POINTER_CHARS, &mut inv) && !p.starts_with('/') {
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
                    if !too_long("auth_header", &h, MAX_HEADER_NAME_CHARS, &mut inv) && !is_secret_header_name(&h) {
                        inv.push("auth_header", Problem::HeaderName);
                    }
                    config.insert("auth_header".into(), json!(h));
                }
                let mut metrics = Map::new();
                let mut contracted_numbers = Map::new();
                // Rows keep their place in the form, so that a problem is shown at the row's own field.
                let rows: Vec<(usize, &MetricMapping)> =
                    self.mappings.iter().enumerate().filter(|(_, m)| !m.is_blank()).collect();
                if rows.is_empty() {
                    inv.push("mappings", Problem::Required);
                } else if rows.len() > MAX_FIGURES as usize {
                    inv.push("mappings", Problem::TooMany { max: MAX_FIGURES });
                }
                for (row, m) in rows.into_iter().take(MAX_FIGURES as usize) {
                    let (n, p) = (m.name.trim(), m.pointer.trim());
                    let number = contracted(&contracted_field(row), &m.contracted, &mut inv);
                    if too_long("mappings", n, MAX_FIGURE_NAME_CHARS, &mut inv)
                        || too_long("mappings", p, MAX_POINTER_CHARS, &mut inv)
                    {
                        continue;
                    }
                    if n.is_empty() || !(p.is_empty() || p.starts_with('/')) || metrics.contains_key(n) {
                        inv.push("mappings", Problem::UnknownChoice);
                    }
                    metrics.insert(n.to_string(), json!(p));
                    if let Some(number) = number {
                        contracted_numbers.insert(n.to_string(), json!(number));
                    }
                }
                config.insert("metrics".into(), Value::Object(metrics));
                if !contracted_numbers.is_empty() {
                    config.insert("contracted".into(), Value::Object(contracted_numbers));
                }
            }
            _ => {}
        }
        let components = if kind == "statuspage" {
            let mut seen = std::collections::BTreeSet::new();
            let mut list = Vec::new();
            if self.components.len() > MAX_COMPONENTS as usize {
                inv.push("components", Problem::TooMany { max: MAX_COMPONENTS });
            }
            for c in self.components.iter().take(MAX_COMPONENTS as usize) {
                let id = c.vendor_component_id.trim();
                if id.is_empty() || too_long("components", id, MAX_COMPONENT_ID_CHARS, &mut inv) {
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

pub use crate::views_sources::*;

#[cfg(test)]
#[path = "views_monitoring_tests.rs"]
mod tests;
