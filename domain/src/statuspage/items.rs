//! From wire shapes to the typed values, one list element at a time. A bad element is skipped with a
//! warning; the rest of the document still counts.

use super::convert::{dedupe, element, label, optional_time, required_time, status, Warnings};
use super::model::{
    AffectedComponent, Component, ComponentStatus, Incident, IncidentStatus, IncidentUpdate, Maintenance, WireStatus,
};
use super::raw::{RawAffected, RawComponent, RawIncident, RawPage, RawUpdate};
use super::Page;
use serde_json::Value;

pub(crate) fn page(raw: RawPage, w: &mut Warnings) -> Page {
    let updated_at = optional_time(raw.updated_at.as_deref(), "updated_at", "page", w);
    Page { id: raw.id, name: raw.name, url: raw.url, time_zone: raw.time_zone, updated_at }
}

/// Components in vendor order, without repeats; groups get their children filled in from `group_id`
/// when the vendor did not list them.
pub(crate) fn components(values: Vec<Value>, w: &mut Warnings) -> Vec<Component> {
    let parsed = values.into_iter().enumerate().filter_map(|(i, value)| {
        let at = label("component", i, &value);
        let raw: RawComponent = element(value, &at, w)?;
        Some(Component {
            status: status(raw.status.as_deref(), "component status", &at, w),
            group: raw.group.unwrap_or(false),
            children: raw.components.unwrap_or_default(),
            id: raw.id,
            name: raw.name,
            group_id: raw.group_id,
        })
    });
    let mut list = dedupe(parsed.collect(), |c| &c.id, "component", w);
    let members: Vec<(String, String)> =
        list.iter().filter_map(|c| Some((c.group_id.clone()?, c.id.clone()))).collect();
    for (group_id, child) in members {
        if let Some(group) = list.iter_mut().find(|c| c.id == group_id) {
            if !group.children.contains(&child) {
                group.children.push(child);
            }
        }
    }
    list
}

/// Incidents in vendor order (newest first), without repeats.
pub(crate) fn incidents(values: Vec<Value>, w: &mut Warnings) -> Vec<Incident> {
    let parsed = values.into_iter().enumerate().filter_map(|(i, value)| {
        let at = label("incident", i, &value);
        let raw = element(value, &at, w)?;
        incident(raw, &at, w).map_err(|why| w.push(&at, why)).ok()
    });
    dedupe(parsed.collect(), |i| &i.id, "incident", w)
}

/// Maintenances in vendor order, without repeats.
pub(crate) fn maintenances(values: Vec<Value>, w: &mut Warnings) -> Vec<Maintenance> {
    let parsed = values.into_iter().enumerate().filter_map(|(i, value)| {
        let at = label("maintenance", i, &value);
        let raw = element(value, &at, w)?;
        maintenance(raw, &at, w).map_err(|why| w.push(&at, why)).ok()
    });
    dedupe(parsed.collect(), |m| &m.id, "maintenance", w)
}

/// One incident; `Err` says why it cannot be used at all.
pub(crate) fn incident(raw: RawIncident, at: &str, w: &mut Warnings) -> Result<Incident, String> {
    let created_at = required_time(raw.created_at.as_deref(), "created_at")?;
    let updates = updates::<IncidentStatus>(raw.incident_updates, at, w);
    Ok(Incident {
        status: status(raw.status.as_deref(), "incident status", at, w),
        impact: status(raw.impact.as_deref(), "impact", at, w),
        created_at,
        updated_at: optional_time(raw.updated_at.as_deref(), "updated_at", at, w),
        resolved_at: optional_time(raw.resolved_at.as_deref(), "resolved_at", at, w),
        // A vendor's link becomes an href on our pages: only http(s), never javascript: or data:.
        shortlink: raw.shortlink.filter(|l| crate::views_monitoring::is_http_url(l)),
        component_ids: component_ids(raw.components, &updates, at, w),
        updates,
        id: raw.id,
        name: raw.name,
    })
}

fn maintenance(raw: RawIncident, at: &str, w: &mut Warnings) -> Result<Maintenance, String> {
    let created_at = required_time(raw.created_at.as_deref(), "created_at")?;
    let updates = updates(raw.incident_updates, at, w);
    Ok(Maintenance {
        status: status(raw.status.as_deref(), "maintenance status", at, w),
        impact: status(raw.impact.as_deref(), "impact", at, w),
        scheduled_for: optional_time(raw.scheduled_for.as_deref(), "scheduled_for", at, w),
        scheduled_until: optional_time(raw.scheduled_until.as_deref(), "scheduled_until", at, w),
        created_at,
        component_ids: component_ids(raw.components, &updates, at, w),
        updates,
        id: raw.id,
        name: raw.name,
    })
}

fn updates<S: WireStatus>(values: Option<Vec<Value>>, at: &str, w: &mut Warnings) -> Vec<IncidentUpdate<S>> {
    let parsed = values.unwrap_or_default().into_iter().enumerate().filter_map(|(i, value)| {
        let at = format!("{at}, {}", label("update", i, &value));
        let raw: RawUpdate = element(value, &at, w)?;
        let created_at = required_time(raw.created_at.as_deref(), "created_at").map_err(|why| w.push(&at, why)).ok()?;
        Some(IncidentUpdate {
            status: status(raw.status.as_deref(), "update status", &at, w),
            body: raw.body.unwrap_or_default(),
            created_at,
            display_at: optional_time(raw.display_at.as_deref(), "display_at", &at, w),
            affected_components: affected(raw.affected_components, &at, w),
            id: raw.id,
        })
    });
    dedupe(parsed.collect(), |u| &u.id, &format!("{at}, update"), w)
}

/// `affected_components` is often null; an entry without a component id is skipped.
fn affected(values: Option<Vec<Value>>, at: &str, w: &mut Warnings) -> Vec<AffectedComponent> {
    let entries = values.unwrap_or_default().into_iter().enumerate();
    entries
        .filter_map(|(i, value)| {
            let at = format!("{at}, affected component #{}", i + 1);
            let raw: RawAffected = element(value, &at, w)?;
            Some(AffectedComponent {
                old_status: status::<ComponentStatus>(raw.old_status.as_deref(), "old_status", &at, w),
                new_status: status(raw.new_status.as_deref(), "new_status", &at, w),
                component_id: raw.code,
            })
        })
        .collect()
}

/// The ids in the incident's `components`, then those only named in its updates, each once.
fn component_ids<S>(
    values: Option<Vec<Value>>,
    updates: &[IncidentUpdate<S>],
    at: &str,
    w: &mut Warnings,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for (i, value) in values.unwrap_or_default().iter().enumerate() {
        match value.get("id").and_then(Value::as_str) {
            Some(id) if !ids.iter().any(|known| known == id) => ids.push(id.to_string()),
            Some(_) => {}
            None => w.push(at, format_args!("component #{} has no id, ignored", i + 1)),
        }
    }
    let mentioned = updates.iter().flat_map(|u| &u.affected_components);
    for change in mentioned {
        if !ids.contains(&change.component_id) {
            ids.push(change.component_id.clone());
        }
    }
    ids
}
