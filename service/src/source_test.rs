//! `regiekamer source test`: fetch a monitoring source once through the [`GuardedClient`] (or read a
//! saved copy from a file), run it through the same parsers the poller uses and say as JSON what was
//! understood, so that an administrator can check a URL, an expected status, a keyword or JSON
//! pointers before saving a source. Needs no database: the report functions below are pure.

mod report;

pub use report::{error_report, evaluate_http, extract_pointers, summarise_statuspage};
pub use report::{HttpVerdict, PointerCheck, PointerValue};

use crate::outbound::{FetchError, FetchRequest, GuardConfigError, GuardedClient};
use domain::statuspage::parse_document;
use serde_json::{json, Value};
use std::fmt;
use std::path::PathBuf;

/// The source kinds that can be tested (`push` sources receive rather than fetch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Http,
    Statuspage,
    Json,
}

impl SourceKind {
    /// The key stored with a source (`store::monitoring::SOURCE_KINDS`).
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Http => "http",
            SourceKind::Statuspage => "statuspage",
            SourceKind::Json => "json",
        }
    }
}

/// Where the document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Url(String),
    File(PathBuf),
}

/// What an HTTP check expects; `pointers` are also the values a `json` source reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpExpectation {
    /// The exact status expected; without it any 2xx passes.
    pub expect_status: Option<u16>,
    /// Text the body must contain (case-sensitive).
    pub keyword: Option<String>,
    /// RFC 6901 JSON pointers (`/data/0/value`).
    pub pointers: Vec<String>,
}

/// One test run, as the command line describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceTest {
    pub kind: SourceKind,
    pub target: Target,
    pub expect: HttpExpectation,
}

/// Why a test produced no report. English for the log (`Display`), Dutch for the user.
#[derive(Debug)]
pub enum SourceTestError {
    /// Options that do not fit together.
    Usage { en: String, nl: String },
    /// The HTTP client could not be built.
    Client(GuardConfigError),
    /// The guard refused the target, or the request failed.
    Fetch(FetchError),
    /// A statuspage or json source answered with a status other than expected.
    Status { code: u16, expected: Option<u16> },
    /// The document could not be read as the kind asked for.
    Parse { kind: SourceKind, detail: String },
    /// The file could not be read.
    File { path: String, detail: String },
}

impl std::error::Error for SourceTestError {}

impl fmt::Display for SourceTestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceTestError::Usage { en, .. } => f.write_str(en),
            SourceTestError::Client(e) => write!(f, "{e}"),
            SourceTestError::Fetch(e) => write!(f, "{e}"),
            SourceTestError::Status { code, expected: Some(want) } => write!(f, "expected HTTP {want}, got {code}"),
            SourceTestError::Status { code, expected: None } => write!(f, "expected a 2xx HTTP status, got {code}"),
            SourceTestError::Parse { detail, .. } => f.write_str(detail),
            SourceTestError::File { path, detail } => write!(f, "cannot read {path}: {detail}"),
        }
    }
}

impl SourceTestError {
    /// The error in plain Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            SourceTestError::Usage { nl, .. } => nl.clone(),
            SourceTestError::Client(_) => "De HTTP-client kon niet worden ingesteld.".to_string(),
            SourceTestError::Fetch(e) => e.message_nl(),
            SourceTestError::Status { code, expected: Some(want) } => {
                format!("De server antwoordde met HTTP-status {code} in plaats van {want}.")
            }
            SourceTestError::Status { code, expected: None } => {
                format!("De server antwoordde met HTTP-status {code} in plaats van een 2xx-status.")
            }
            SourceTestError::Parse { kind: SourceKind::Statuspage, .. } => {
                "Het document is geen leesbaar Statuspage-document.".to_string()
            }
            SourceTestError::Parse { .. } => "Het document is geen geldige JSON.".to_string(),
            SourceTestError::File { path, .. } => format!("Het bestand {path} kon niet worden gelezen."),
        }
    }

    fn usage(en: &str, nl: &str) -> Self {
        SourceTestError::Usage { en: en.to_string(), nl: nl.to_string() }
    }
}

impl SourceTest {
    /// Refuses option combinations that would silently be ignored.
    pub fn check(&self) -> Result<(), SourceTestError> {
        if self.kind != SourceKind::Http && self.expect.keyword.is_some() {
            return Err(SourceTestError::usage(
                "--keyword applies to --kind http only",
                "--keyword kan alleen bij --kind http.",
            ));
        }
        if self.kind == SourceKind::Statuspage && !self.expect.pointers.is_empty() {
            return Err(SourceTestError::usage(
                "--pointer applies to --kind http and json only",
                "--pointer kan alleen bij --kind http en json.",
            ));
        }
        if self.kind == SourceKind::Json && self.expect.pointers.is_empty() {
            return Err(SourceTestError::usage(
                "--kind json needs at least one --pointer",
                "Geef bij --kind json minstens één --pointer op.",
            ));
        }
        if let Some(bad) = self.expect.pointers.iter().find(|p| !p.starts_with('/')) {
            return Err(SourceTestError::Usage {
                en: format!("a JSON pointer starts with '/' (like /data/0/value), not {bad:?}"),
                nl: format!("Een JSON-pointer begint met '/' (zoals /data/0/value), niet '{bad}'."),
            });
        }
        if matches!(self.target, Target::File(_)) && self.expect.expect_status.is_some() {
            return Err(SourceTestError::usage(
                "--expect-status needs a URL, not --file",
                "--expect-status kan alleen met een URL, niet met --file.",
            ));
        }
        Ok(())
    }
}

/// What the fetch itself showed; `None` for a file.
struct FetchInfo {
    status: u16,
    latency_ms: u64,
    final_url: String,
    tls_expiry: Option<String>,
}

/// Runs one test and returns the report (`"ok": true`). Fetches at most once.
#[tracing::instrument(skip_all, fields(kind = test.kind.key()))]
pub async fn run(client: &GuardedClient, test: &SourceTest) -> Result<Value, SourceTestError> {
    test.check()?;
    let (body, info, source) = match &test.target {
        Target::Url(url) => {
            let mut request = FetchRequest::get(url.clone());
            if test.kind != SourceKind::Http {
                request = request.header("accept", "application/json");
            }
            let fetched = client.fetch(request).await.map_err(SourceTestError::Fetch)?;
            let info = FetchInfo {
                status: fetched.status,
                latency_ms: u64::try_from(fetched.elapsed.as_millis()).unwrap_or(u64::MAX),
                final_url: shown_url(&fetched.final_url),
                tls_expiry: fetched.tls_expiry.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            };
            (fetched.body.to_vec(), Some(info), json!({ "url": shown_url(url) }))
        }
        Target::File(path) => {
            let body = std::fs::read(path)
                .map_err(|e| SourceTestError::File { path: path.display().to_string(), detail: e.to_string() })?;
            (body, None, json!({ "file": path.display().to_string() }))
        }
    };
    let mut out = match test.kind {
        SourceKind::Http => http_report(&body, info.as_ref(), &test.expect),
        kind => {
            if let Some(info) = &info {
                if !report::status_passes(info.status, test.expect.expect_status) {
                    return Err(SourceTestError::Status { code: info.status, expected: test.expect.expect_status });
                }
            }
            let text = String::from_utf8_lossy(&body);
            let mut out = if kind == SourceKind::Statuspage {
                let parsed = parse_document(&text)
                    .map_err(|e| SourceTestError::Parse { kind, detail: e.message().to_string() })?;
                summarise_statuspage(parsed)
            } else {
                let parsed = extract_pointers(&text, &test.expect.pointers)?;
                json!({ "values": parsed.value, "warnings": parsed.warnings })
            };
            insert(&mut out, "fetched", info.as_ref().map_or(Value::Null, fetch_json));
            out
        }
    };
    insert(&mut out, "ok", json!(true));
    insert(&mut out, "kind", json!(test.kind.key()));
    insert(&mut out, "source", source);
    Ok(out)
}

fn http_report(body: &[u8], info: Option<&FetchInfo>, expect: &HttpExpectation) -> Value {
    let verdict = evaluate_http(info.map(|i| i.status), body, expect);
    let mut out = json!({
        "state": verdict.state.key(),
        "error": verdict.error,
        "error_nl": verdict.error_nl,
        "expected_status": expect.expect_status,
        "keyword": expect.keyword.as_ref().map(|k| json!({ "text": k, "found": verdict.keyword_found })),
        "pointers": verdict.pointers,
    });
    let fetch = info.map_or_else(
        || json!({ "status_code": null, "latency_ms": null, "final_url": null, "tls_expiry": null }),
        fetch_json,
    );
    if let (Value::Object(out), Value::Object(fetch)) = (&mut out, fetch) {
        out.extend(fetch);
    }
    out
}

fn fetch_json(info: &FetchInfo) -> Value {
    json!({
        "status_code": info.status,
        "latency_ms": info.latency_ms,
        "final_url": info.final_url,
        "tls_expiry": info.tls_expiry,
    })
}

/// Adds a key to a report, which is always an object.
fn insert(out: &mut Value, key: &str, value: Value) {
    if let Value::Object(map) = out {
        map.insert(key.to_string(), value);
    }
}

/// A URL as it may be printed: without user name, password, query or fragment, which may hold secrets.
fn shown_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) => {
            // Only fails for URLs that cannot have a user or password, which then have none.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.set_query(None);
            url.set_fragment(None);
            url.to_string()
        }
        Err(_) => raw.split(['?', '#']).next().unwrap_or_default().to_string(),
    }
}

#[cfg(test)]
mod tests;
