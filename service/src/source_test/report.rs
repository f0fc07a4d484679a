//! The pure half of a source test: judging an HTTP answer, reading JSON pointers and summarising a
//! Statuspage document, each into JSON with stable keys.

use super::{HttpExpectation, SourceKind, SourceTestError};
use domain::monitoring::CheckState;
use domain::statuspage::{
    component_state, Component, Document, Incident, IncidentStatus, Maintenance, MaintenanceStatus, Page, Parsed,
    VendorState, WireStatus,
};
use serde::Serialize;
use serde_json::{json, Value};

/// How an HTTP answer was judged.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpVerdict {
    pub state: CheckState,
    /// Whether the keyword was in the body; `None` without a keyword.
    pub keyword_found: Option<bool>,
    pub pointers: Vec<PointerCheck>,
    /// Why the state is not `up`, in English and in Dutch; `None` when it is.
    pub error: Option<String>,
    pub error_nl: Option<String>,
}

/// One pointer of an HTTP check: it holds when it is there and is neither null nor false.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointerCheck {
    pub pointer: String,
    pub found: bool,
    pub holds: bool,
    /// The value if it is a scalar; objects and lists show as null.
    pub value: Value,
}

/// One value a `json` source reads: a number, a string or null.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointerValue {
    pub pointer: String,
    pub found: bool,
    pub value: Value,
}

/// Whether `status` passes: equal to the expected status, or any 2xx without an expectation.
pub(super) fn status_passes(status: u16, expected: Option<u16>) -> bool {
    match expected {
        Some(want) => status == want,
        None => (200..300).contains(&status),
    }
}

/// Judges an HTTP answer: a status other than expected is `down`; the right status with a missing
/// keyword or a pointer that does not hold is `degraded` (the service answers but not as it should);
/// otherwise `up`. `status` is `None` for a body read from a file, which only the body conditions judge.
pub fn evaluate_http(status: Option<u16>, body: &[u8], expect: &HttpExpectation) -> HttpVerdict {
    let mut problems: Vec<(String, String)> = Vec::new();
    let status_ok = status.is_none_or(|code| status_passes(code, expect.expect_status));
    if let (false, Some(code)) = (status_ok, status) {
        problems.push(match expect.expect_status {
            Some(want) => {
                (format!("expected HTTP {want}, got {code}"), format!("verwacht HTTP-status {want}, ontvangen {code}"))
            }
            None => (
                format!("expected a 2xx HTTP status, got {code}"),
                format!("verwacht een 2xx-status, ontvangen {code}"),
            ),
        });
    }
    let text = String::from_utf8_lossy(body);
    let keyword_found = expect.keyword.as_ref().map(|keyword| {
        let found = text.contains(keyword.as_str());
        if !found {
            problems.push((
                format!("the body does not contain {keyword:?}"),
                format!("het antwoord bevat de tekst '{keyword}' niet"),
            ));
        }
        found
    });
    let pointers = check_pointers(&text, &expect.pointers, &mut problems);
    let state = match (status_ok, problems.is_empty()) {
        (false, _) => CheckState::Down,
        (true, false) => CheckState::Degraded,
        (true, true) => CheckState::Up,
    };
    let (error, error_nl) = if problems.is_empty() {
        (None, None)
    } else {
        let (en, nl): (Vec<String>, Vec<String>) = problems.into_iter().unzip();
        (Some(en.join("; ")), Some(sentence(&nl.join("; "))))
    };
    HttpVerdict { state, keyword_found, pointers, error, error_nl }
}

fn check_pointers(text: &str, pointers: &[String], problems: &mut Vec<(String, String)>) -> Vec<PointerCheck> {
    if pointers.is_empty() {
        return Vec::new();
    }
    let root: Option<Value> = serde_json::from_str(text).ok();
    if root.is_none() {
        problems.push((
            "the body is not JSON, so no pointer can be checked".to_string(),
            "het antwoord is geen JSON, dus de pointers konden niet worden gecontroleerd".to_string(),
        ));
    }
    pointers
        .iter()
        .map(|pointer| {
            let found = root.as_ref().and_then(|r| r.pointer(pointer));
            let holds = found.is_some_and(|v| !v.is_null() && *v != Value::Bool(false));
            if root.is_some() && !holds {
                problems.push(match found {
                    None => (format!("{pointer} is not in the body"), format!("{pointer} staat niet in het antwoord")),
                    Some(v) => (format!("{pointer} is {v}"), format!("{pointer} is {v}")),
                });
            }
            let value = found.filter(|v| !v.is_object() && !v.is_array()).cloned().unwrap_or(Value::Null);
            PointerCheck { pointer: pointer.clone(), found: found.is_some(), holds, value }
        })
        .collect()
}

/// Reads each pointer from a JSON document as a number, a string or null. A missing pointer, or a
/// value of another type, is null with a warning; only a body that is not JSON is an error.
pub fn extract_pointers(body: &str, pointers: &[String]) -> Result<Parsed<Vec<PointerValue>>, SourceTestError> {
    let root: Value = serde_json::from_str(body)
        .map_err(|e| SourceTestError::Parse { kind: SourceKind::Json, detail: format!("not JSON: {e}") })?;
    let mut warnings = Vec::new();
    let values = pointers
        .iter()
        .map(|pointer| {
            let found = root.pointer(pointer);
            let value = match found {
                None => {
                    warnings.push(format!("{pointer}: not found"));
                    Value::Null
                }
                Some(v @ (Value::Number(_) | Value::String(_) | Value::Null)) => v.clone(),
                Some(other) => {
                    warnings.push(format!("{pointer}: {}, not a number or string", json_type(other)));
                    Value::Null
                }
            };
            PointerValue { pointer: pointer.clone(), found: found.is_some(), value }
        })
        .collect();
    Ok(Parsed { value: values, warnings })
}

/// What a Statuspage document says: the page, the indicator, each component with its status and the
/// state it maps to, counts, the open incidents with their latest update, the maintenances still to
/// come or under way, and the parser's warnings.
pub fn summarise_statuspage(parsed: Parsed<Document>) -> Value {
    let (document, page, indicator, description, components, incidents, maintenances) = match parsed.value {
        Document::Summary(s) => {
            ("summary", s.page, Some(s.indicator), s.description, s.components, s.incidents, s.maintenances)
        }
        Document::Components(c) => ("components", c.page, None, None, c.components, Vec::new(), Vec::new()),
        Document::Incidents(i) => ("incidents", i.page, None, None, Vec::new(), i.incidents, Vec::new()),
        Document::Maintenances(m) => ("maintenances", m.page, None, None, Vec::new(), Vec::new(), m.maintenances),
        Document::Incident(i) => ("incident", None, None, None, Vec::new(), vec![i], Vec::new()),
    };
    let open: Vec<&Incident> = incidents.iter().filter(|i| is_open(i.status)).collect();
    let mut upcoming: Vec<&Maintenance> =
        maintenances.iter().filter(|m| m.status != MaintenanceStatus::Completed).collect();
    upcoming.sort_by_key(|m| m.scheduled_for);
    json!({
        "document": document,
        "page": page.as_ref().map(page_json),
        "indicator": indicator.map(WireStatus::key),
        "description": description,
        "components": components.iter().map(component_json).collect::<Vec<_>>(),
        "counts": {
            "components": components.iter().filter(|c| !c.group).count(),
            "groups": components.iter().filter(|c| c.group).count(),
            "incidents": incidents.len(),
            "incident_updates": incidents.iter().map(|i| i.updates.len()).sum::<usize>(),
            "open_incidents": open.len(),
            "maintenances": maintenances.len(),
            "maintenance_updates": maintenances.iter().map(|m| m.updates.len()).sum::<usize>(),
            "upcoming_maintenances": upcoming.len(),
        },
        "open_incidents": open.into_iter().map(incident_json).collect::<Vec<_>>(),
        "upcoming_maintenances": upcoming.into_iter().map(maintenance_json).collect::<Vec<_>>(),
        "warnings": parsed.warnings,
    })
}

/// The report of a failed test: `{"ok": false, "error": ..., "error_nl": ...}`.
pub fn error_report(error: &SourceTestError) -> Value {
    json!({ "ok": false, "error": error.to_string(), "error_nl": error.message_nl() })
}

/// Resolved and post-mortem incidents are closed; an unknown status stays open, to be safe.
fn is_open(status: IncidentStatus) -> bool {
    !matches!(status, IncidentStatus::Resolved | IncidentStatus::Postmortem)
}

fn page_json(page: &Page) -> Value {
    json!({
        "id": page.id,
        "name": page.name,
        "url": page.url,
        "time_zone": page.time_zone,
        "updated_at": page.updated_at,
    })
}

fn component_json(c: &Component) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "status": c.status.key(),
        "state": vendor_state_key(component_state(c)),
        "group": c.group,
        "group_id": c.group_id,
    })
}

fn incident_json(i: &Incident) -> Value {
    // Vendors list updates newest first, but do not rely on it.
    let latest = i.updates.iter().max_by_key(|u| u.created_at).map(
        |u| json!({ "status": u.status.key(), "body": u.body, "created_at": u.created_at, "display_at": u.display_at }),
    );
    json!({
        "id": i.id,
        "name": i.name,
        "status": i.status.key(),
        "impact": i.impact.key(),
        "created_at": i.created_at,
        "updated_at": i.updated_at,
        "shortlink": i.shortlink,
        "component_ids": i.component_ids,
        "latest_update": latest,
    })
}

fn maintenance_json(m: &Maintenance) -> Value {
    json!({
        "id": m.id,
        "name": m.name,
        "status": m.status.key(),
        "impact": m.impact.key(),
        "scheduled_for": m.scheduled_for,
        "scheduled_until": m.scheduled_until,
        "created_at": m.created_at,
        "component_ids": m.component_ids,
    })
}

fn vendor_state_key(state: VendorState) -> &'static str {
    match state {
        VendorState::Up => "up",
        VendorState::Degraded => "degraded",
        VendorState::Down => "down",
        VendorState::Maintenance => "maintenance",
        VendorState::Unknown => "unknown",
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Capitalises the first letter and ends with a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}
