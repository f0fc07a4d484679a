//! Whole documents: one function per endpoint, plus [`parse_document`] that recognises the kind by its
//! top-level keys. Only input that is not JSON, or not the right kind of object, is an error.

use super::convert::{element, status, Warnings};
use super::items;
use super::model::{Component, Incident, Indicator, Maintenance, Page};
use super::raw::{RawIncident, RawPage, RawStatus};
use super::{ParseError, Parsed};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `/api/v2/summary.json` (and `status.json`, which is a summary without the lists). Some
/// Statuspage-compatible hosts (incident.io) leave out the `page` object, and may leave out `status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub page: Option<Page>,
    pub indicator: Indicator,
    /// The vendor's wording of the indicator ("Partially Degraded Service").
    pub description: Option<String>,
    pub components: Vec<Component>,
    /// Unresolved incidents only; the summary drops them once resolved.
    pub incidents: Vec<Incident>,
    /// Upcoming and active maintenances.
    pub maintenances: Vec<Maintenance>,
}

/// `/api/v2/components.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentList {
    pub page: Option<Page>,
    pub components: Vec<Component>,
}

/// `/api/v2/incidents.json` (the latest 50) and `/api/v2/incidents/unresolved.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentList {
    pub page: Option<Page>,
    pub incidents: Vec<Incident>,
}

/// `/api/v2/scheduled-maintenances.json` and its `/upcoming.json` and `/active.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceList {
    pub page: Option<Page>,
    pub maintenances: Vec<Maintenance>,
}

/// Any Statuspage document, as recognised by [`parse_document`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Document {
    Summary(Summary),
    Components(ComponentList),
    Incidents(IncidentList),
    Maintenances(MaintenanceList),
    /// A bare incident object, as the incident's own JSON link returns it.
    Incident(Incident),
}

/// Reads a summary: an object with a `status` object, or without one but with at least one of the
/// lists `components`, `incidents`, `scheduled_maintenances` (the indicator is then unknown). The
/// `page` is optional.
pub fn parse_summary(text: &str) -> Result<Parsed<Summary>, ParseError> {
    summary(json(text)?)
}

/// Reads `components.json`: an object with a `components` list, or a bare list.
pub fn parse_components(text: &str) -> Result<Parsed<ComponentList>, ParseError> {
    component_list(json(text)?)
}

/// Reads `incidents.json` or `incidents/unresolved.json`: an object with an `incidents` list, or a bare
/// list. An incident that cannot be read is skipped with a warning.
pub fn parse_incidents(text: &str) -> Result<Parsed<IncidentList>, ParseError> {
    incident_list(json(text)?)
}

/// Reads `scheduled-maintenances.json` (also `upcoming.json`, `active.json`).
pub fn parse_scheduled_maintenances(text: &str) -> Result<Parsed<MaintenanceList>, ParseError> {
    maintenance_list(json(text)?)
}

/// Reads one bare incident object. Here the incident is the document, so an unreadable one is an error.
pub fn parse_incident(text: &str) -> Result<Parsed<Incident>, ParseError> {
    single_incident(json(text)?)
}

/// The top-level lists a Statuspage document may carry.
const LISTS: [&str; 3] = ["components", "incidents", "scheduled_maintenances"];

/// Reads any of the documents above, telling them apart by their top-level keys; none needs a
/// `page`. A `status` object or several lists side by side make a summary, so that nothing is
/// dropped; a single list makes that list's document.
pub fn parse_document(text: &str) -> Result<Parsed<Document>, ParseError> {
    let root = json(text)?;
    let Some(doc) = root.as_object() else {
        return Err(ParseError::new("not a Statuspage document: expected a JSON object"));
    };
    let has = |key: &str| doc.contains_key(key);
    let lists = LISTS.iter().filter(|key| doc.contains_key(**key)).count();
    // A bare incident has a string `status` (and a `components` list of its own); only a summary (or
    // status.json) has a `status` object.
    if doc.get("status").is_some_and(Value::is_object) || lists > 1 {
        summary(root).map(|p| p.map(Document::Summary))
    } else if has("incidents") {
        incident_list(root).map(|p| p.map(Document::Incidents))
    } else if has("scheduled_maintenances") {
        maintenance_list(root).map(|p| p.map(Document::Maintenances))
    } else if has("id") {
        single_incident(root).map(|p| p.map(Document::Incident))
    } else if has("components") {
        component_list(root).map(|p| p.map(Document::Components))
    } else {
        Err(ParseError::new(
            "not a Statuspage document: no status, components, incidents, scheduled_maintenances or id",
        ))
    }
}

fn summary(root: Value) -> Result<Parsed<Summary>, ParseError> {
    let Value::Object(mut doc) = root else {
        return Err(ParseError::new("not a Statuspage summary: expected a JSON object"));
    };
    let mut w = Warnings::default();
    let page = match doc.remove("page").map(serde_json::from_value::<RawPage>) {
        Some(Ok(raw)) => Some(items::page(raw, &mut w)),
        Some(Err(e)) => return Err(ParseError::new(format!("not a Statuspage summary: page: {e}"))),
        None => None,
    };
    let raw_status = match doc.remove("status") {
        Some(raw) => element::<RawStatus>(raw, "status", &mut w),
        None if LISTS.iter().any(|key| doc.contains_key(*key)) => {
            w.push("status", "no status, indicator read as unknown");
            None
        }
        None => return Err(ParseError::new("not a Statuspage summary: no status and none of its lists")),
    };
    let (indicator, description) = match raw_status {
        Some(s) => (status(s.indicator.as_deref(), "indicator", "status", &mut w), s.description),
        None => (Indicator::Unknown, None),
    };
    let components = items::components(list(&mut doc, "components", &mut w), &mut w);
    let incidents = items::incidents(list(&mut doc, "incidents", &mut w), &mut w);
    let maintenances = items::maintenances(list(&mut doc, "scheduled_maintenances", &mut w), &mut w);
    let value = Summary { page, indicator, description, components, incidents, maintenances };
    Ok(Parsed { value, warnings: w.0 })
}

fn component_list(root: Value) -> Result<Parsed<ComponentList>, ParseError> {
    let mut w = Warnings::default();
    let (page, values) = list_document(root, "components", &mut w)?;
    let components = items::components(values, &mut w);
    Ok(Parsed { value: ComponentList { page, components }, warnings: w.0 })
}

fn incident_list(root: Value) -> Result<Parsed<IncidentList>, ParseError> {
    let mut w = Warnings::default();
    let (page, values) = list_document(root, "incidents", &mut w)?;
    let incidents = items::incidents(values, &mut w);
    Ok(Parsed { value: IncidentList { page, incidents }, warnings: w.0 })
}

fn maintenance_list(root: Value) -> Result<Parsed<MaintenanceList>, ParseError> {
    let mut w = Warnings::default();
    let (page, values) = list_document(root, "scheduled_maintenances", &mut w)?;
    let maintenances = items::maintenances(values, &mut w);
    Ok(Parsed { value: MaintenanceList { page, maintenances }, warnings: w.0 })
}

fn single_incident(root: Value) -> Result<Parsed<Incident>, ParseError> {
    if !root.is_object() {
        return Err(ParseError::new("not a Statuspage incident: expected a JSON object"));
    }
    let at = match root.get("id").and_then(Value::as_str) {
        Some(id) => format!("incident {id}"),
        None => "incident".to_string(),
    };
    let raw: RawIncident =
        serde_json::from_value(root).map_err(|e| ParseError::new(format!("not a Statuspage incident: {e}")))?;
    let mut w = Warnings::default();
    let value = items::incident(raw, &at, &mut w).map_err(|why| ParseError::new(format!("{at}: {why}")))?;
    Ok(Parsed { value, warnings: w.0 })
}

fn json(text: &str) -> Result<Value, ParseError> {
    serde_json::from_str(text).map_err(|e| ParseError::new(format!("not JSON: {e}")))
}

/// The page (optional here) and the elements of the list under `key`, which must be there.
fn list_document(root: Value, key: &str, w: &mut Warnings) -> Result<(Option<Page>, Vec<Value>), ParseError> {
    let mut doc = match root {
        Value::Array(values) => return Ok((None, values)),
        Value::Object(map) => map,
        _ => return Err(ParseError::new(format!("not a Statuspage {key} list: expected a JSON object"))),
    };
    let Some(Value::Array(values)) = doc.remove(key) else {
        return Err(ParseError::new(format!("not a Statuspage {key} list: no {key:?} array")));
    };
    let page = doc.remove("page").and_then(|v| element(v, "page", w)).map(|raw| items::page(raw, w));
    Ok((page, values))
}

/// An optional list in a summary: missing or null is empty, anything else but a list is reported.
fn list(doc: &mut Map<String, Value>, key: &str, w: &mut Warnings) -> Vec<Value> {
    match doc.remove(key) {
        Some(Value::Array(values)) => values,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            w.push(key, "not a list, ignored");
            Vec::new()
        }
    }
}
