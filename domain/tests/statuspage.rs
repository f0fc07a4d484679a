//! The Statuspage reader against hand-written documents of a fictional vendor, "Zaakwijs Status", in the
//! format of the Atlassian Statuspage API v2. Real vendors' documents, kept outside the repository, are
//! checked by the ignored test in `statuspage/reference.rs` (folder from `REGIEKAMER_REFERENCE_DIR`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};
use domain::statuspage::*;

#[path = "statuspage/reference.rs"]
mod reference;

const SUMMARY: &str = include_str!("fixtures/statuspage/zaakwijs-summary.json");
const COMPONENTS: &str = include_str!("fixtures/statuspage/zaakwijs-components.json");
const INCIDENTS: &str = include_str!("fixtures/statuspage/zaakwijs-incidents.json");
const UNRESOLVED: &str = include_str!("fixtures/statuspage/zaakwijs-unresolved.json");
const MAINTENANCES: &str = include_str!("fixtures/statuspage/zaakwijs-scheduled-maintenances.json");
const INCIDENT: &str = include_str!("fixtures/statuspage/zaakwijs-incident.json");
/// incident.io's Statuspage-compatible documents: the lists, but no `page` object.
const INCIDENTIO_COMPONENTS: &str = include_str!("fixtures/statuspage/incidentio-components.json");
const INCIDENTIO_SUMMARY: &str = include_str!("fixtures/statuspage/incidentio-summary.json");

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

fn component<'a>(list: &'a [Component], id: &str) -> &'a Component {
    list.iter().find(|c| c.id == id).unwrap()
}

fn incident<'a>(list: &'a [Incident], id: &str) -> &'a Incident {
    list.iter().find(|i| i.id == id).unwrap()
}

fn has_warning(warnings: &[String], needle: &str) -> bool {
    warnings.iter().any(|w| w.contains(needle))
}

#[test]
fn summary_reads_page_indicator_and_lists() {
    let s = parse_summary(SUMMARY).unwrap().value;
    let page = s.page.as_ref().unwrap();
    assert_eq!(page.id, "zw7k2m9q4x1p");
    assert_eq!(page.name, "Zaakwijs Status");
    assert_eq!(page.url.as_deref(), Some("https://status.zaakwijs.example"));
    assert_eq!(page.time_zone.as_deref(), Some("Europe/Amsterdam"));
    assert_eq!(page.updated_at, Some(utc(2026, 3, 2, 9, 15, 0)));
    assert_eq!(s.indicator, Indicator::Maintenance);
    assert_eq!(s.description.as_deref(), Some("Onderhoud in uitvoering"));
    assert_eq!((s.components.len(), s.incidents.len(), s.maintenances.len()), (8, 1, 1));
}

#[test]
fn summary_group_lists_its_children() {
    let s = parse_summary(SUMMARY).unwrap().value;
    let group = component(&s.components, "grp-zaken");
    assert!(group.group);
    assert_eq!(group.children, ["cmp-zaken-api", "cmp-documenten-api"]);
    let child = component(&s.components, "cmp-documenten-api");
    assert_eq!(child.group_id.as_deref(), Some("grp-zaken"));
    assert!(!child.group && child.children.is_empty());
}

#[test]
fn component_without_group_fields_is_ungrouped() {
    let s = parse_summary(SUMMARY).unwrap().value;
    let portal = component(&s.components, "cmp-burgerportaal");
    assert_eq!((portal.group, portal.group_id.as_deref()), (false, None));
    assert_eq!(portal.status, ComponentStatus::Operational);
}

#[test]
fn unknown_component_status_reads_as_unknown_and_is_warned() {
    let parsed = parse_summary(SUMMARY).unwrap();
    let kc = component(&parsed.value.components, "cmp-klantcontact");
    assert_eq!(kc.status, ComponentStatus::Unknown);
    assert_eq!(component_state(kc), VendorState::Unknown);
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert!(has_warning(&parsed.warnings, "component cmp-klantcontact"));
    assert!(has_warning(&parsed.warnings, "\"gedeeltelijk_beschikbaar\""));
}

#[test]
fn component_states_map_to_vendor_states() {
    let s = parse_summary(SUMMARY).unwrap().value;
    let state = |id| component_state(component(&s.components, id));
    assert_eq!(state("cmp-documenten-api"), VendorState::Up);
    assert_eq!(state("cmp-archief"), VendorState::Degraded);
    assert_eq!(state("cmp-zaken-api"), VendorState::Degraded);
    assert_eq!(state("cmp-betalen"), VendorState::Down);
    assert_eq!(state("cmp-berichtenbox"), VendorState::Maintenance);
    assert_eq!(state("cmp-klantcontact"), VendorState::Unknown);
}

#[test]
fn summary_incident_and_maintenance_times_with_plus_one_offset_are_utc() {
    let s = parse_summary(SUMMARY).unwrap().value;
    let inc = &s.incidents[0];
    assert_eq!(inc.status, IncidentStatus::Investigating);
    assert_eq!(inc.impact, Impact::Major);
    assert_eq!(inc.created_at.to_rfc3339(), "2026-03-02T08:40:12.345+00:00");
    assert_eq!(inc.resolved_at, None);
    assert_eq!(inc.updates[0].affected_components[0].new_status, ComponentStatus::PartialOutage);
    let m = &s.maintenances[0];
    assert_eq!(m.status, MaintenanceStatus::InProgress);
    assert_eq!(m.scheduled_for, Some(utc(2026, 3, 2, 9, 0, 0)));
    assert_eq!(m.scheduled_until, Some(utc(2026, 3, 2, 11, 0, 0)));
    assert!(m.updates[1].affected_components.is_empty(), "null affected_components");
}

#[test]
fn components_document_fills_group_children_from_group_id() {
    let parsed = parse_components(COMPONENTS).unwrap();
    let list = &parsed.value.components;
    assert_eq!(parsed.value.page.as_ref().map(|p| p.id.as_str()), Some("zw7k2m9q4x1p"));
    let group = component(list, "grp-koppelingen");
    assert_eq!(group.children, ["cmp-stuf-zkn", "cmp-digid", "cmp-eherkenning"]);
    assert!(!component(list, "cmp-stuf-zkn").group, "missing group field");
}

#[test]
fn components_document_skips_bad_and_repeated_components() {
    let parsed = parse_components(COMPONENTS).unwrap();
    let ids: Vec<&str> = parsed.value.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["grp-koppelingen", "cmp-stuf-zkn", "cmp-digid", "cmp-eherkenning", "cmp-gegevensmagazijn"]);
    assert_eq!(component(&parsed.value.components, "cmp-digid").name, "DigiD-koppeling");
    let w = &parsed.warnings;
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(has_warning(w, "component cmp-rapportages: skipped: invalid type"));
    assert!(has_warning(w, "component cmp-digid: listed twice"));
    assert!(has_warning(w, "component cmp-gegevensmagazijn: no component status"));
}

#[test]
fn incidents_with_minus_seven_offset_are_utc() {
    let list = parse_incidents(INCIDENTS).unwrap().value.incidents;
    let inc = incident(&list, "inc-zaken-0217");
    assert_eq!((inc.status, inc.impact), (IncidentStatus::Resolved, Impact::Critical));
    assert_eq!(inc.created_at.to_rfc3339(), "2026-02-17T13:58:10.100+00:00");
    assert_eq!(inc.resolved_at, Some(utc(2026, 2, 17, 16, 15, 30)));
    assert_eq!(inc.shortlink.as_deref(), Some("https://stspg.example/zw0217"));
    let statuses: Vec<_> = inc.updates.iter().map(|u| u.status).collect();
    assert_eq!(statuses, [IncidentStatus::Resolved, IncidentStatus::Monitoring, IncidentStatus::Investigating]);
    let first = &inc.updates[2];
    assert_eq!(first.display_at, Some(utc(2026, 2, 17, 13, 55, 0)));
    assert_eq!(first.affected_components[0].old_status, ComponentStatus::Operational);
    assert_eq!(first.affected_components[0].new_status, ComponentStatus::MajorOutage);
}

#[test]
fn incident_component_ids_include_components_only_named_in_updates() {
    let list = parse_incidents(INCIDENTS).unwrap().value.incidents;
    assert_eq!(incident(&list, "inc-zaken-0217").component_ids, ["cmp-zaken-api", "cmp-documenten-api"]);
    assert_eq!(incident(&list, "inc-betalen-0201").component_ids, ["cmp-betalen"]);
}

#[test]
fn null_affected_components_and_missing_fields_are_accepted() {
    let list = parse_incidents(INCIDENTS).unwrap().value.incidents;
    let inc = incident(&list, "inc-notificaties-0210");
    assert_eq!(inc.status, IncidentStatus::Postmortem);
    assert_eq!(inc.resolved_at, Some(utc(2026, 2, 10, 16, 20, 0)));
    assert!(inc.updates.iter().all(|u| u.affected_components.is_empty()));
    assert!(inc.component_ids.is_empty());
    assert_eq!(inc.updates[2].display_at, None);
    assert_eq!(inc.updates[2].status, IncidentStatus::Identified);
}

#[test]
fn unknown_incident_status_and_impact_read_as_unknown_and_are_warned() {
    let parsed = parse_incidents(INCIDENTS).unwrap();
    let list = &parsed.value.incidents;
    assert_eq!(incident(list, "inc-eherkenning-0205").status, IncidentStatus::Unknown);
    assert_eq!(incident(list, "inc-eherkenning-0205").impact, Impact::None);
    assert_eq!(incident(list, "inc-betalen-0201").impact, Impact::Unknown);
    assert!(has_warning(&parsed.warnings, "incident inc-eherkenning-0205: unknown incident status \"under_review\""));
    assert!(has_warning(&parsed.warnings, "incident inc-betalen-0201: unknown impact \"severe\""));
}

#[test]
fn incident_of_wrong_shape_is_skipped_not_fatal() {
    let parsed = parse_incidents(INCIDENTS).unwrap();
    let ids: Vec<&str> = parsed.value.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["inc-zaken-0217", "inc-notificaties-0210", "inc-eherkenning-0205", "inc-betalen-0201"]);
    assert!(has_warning(&parsed.warnings, "incident inc-kapot-0203: skipped: invalid type"));
    assert!(has_warning(&parsed.warnings, "incident inc-zonder-tijd: skipped: no created_at"));
    assert_eq!(parsed.warnings.len(), 4, "{:?}", parsed.warnings);
}

#[test]
fn unresolved_incidents_are_read() {
    let parsed = parse_incidents(UNRESOLVED).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let list = parsed.value.incidents;
    assert_eq!(list[0].status, IncidentStatus::Identified);
    assert_eq!(list[1].status, IncidentStatus::Monitoring);
    assert_eq!(list[1].created_at, utc(2026, 3, 1, 14, 30, 0));
    assert!(list[1].component_ids.is_empty(), "components: null");
}

#[test]
fn maintenances_read_verifying_and_tolerate_missing_window_end() {
    let parsed = parse_scheduled_maintenances(MAINTENANCES).unwrap();
    let list = &parsed.value.maintenances;
    let statuses: Vec<_> = list.iter().map(|m| m.status).collect();
    use MaintenanceStatus::*;
    assert_eq!(statuses, [Verifying, Scheduled, Completed, Unknown]);
    assert_eq!(list[0].updates[0].status, Verifying);
    assert_eq!(list[0].updates[1].affected_components[0].new_status, ComponentStatus::UnderMaintenance);
    assert_eq!(list[0].scheduled_until, Some(utc(2026, 3, 1, 23, 0, 0)));
    assert_eq!((list[1].impact, list[1].scheduled_until), (Impact::Minor, None));
    assert_eq!(list[2].scheduled_for, Some(utc(2026, 1, 20, 7, 0, 0)));
    assert!(list[3].updates.is_empty(), "incident_updates: null");
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    assert!(has_warning(&parsed.warnings, "maintenance mnt-portaal-0315: unknown maintenance status \"postponed\""));
}

#[test]
fn bare_incident_object_is_read() {
    let parsed = parse_incident(INCIDENT).unwrap();
    let inc = parsed.value;
    assert_eq!(inc.id, "inc-zaken-0217");
    assert_eq!(inc.status, IncidentStatus::Postmortem);
    assert_eq!(inc.updated_at, Some(utc(2026, 2, 19, 10, 0, 0)));
    assert_eq!(inc.updates.len(), 2);
    assert!(parsed.warnings.is_empty());
}

#[test]
fn parse_document_recognises_each_kind() {
    let kind = |text| match parse_document(text).unwrap().value {
        Document::Summary(_) => "summary",
        Document::Components(_) => "components",
        Document::Incidents(_) => "incidents",
        Document::Maintenances(_) => "maintenances",
        Document::Incident(_) => "incident",
    };
    assert_eq!(kind(SUMMARY), "summary");
    assert_eq!(kind(COMPONENTS), "components");
    assert_eq!(kind(INCIDENTS), "incidents");
    assert_eq!(kind(UNRESOLVED), "incidents");
    assert_eq!(kind(MAINTENANCES), "maintenances");
    assert_eq!(kind(INCIDENT), "incident");
    assert_eq!(kind(r#"{"page":{"id":"p","name":"n"},"status":{"indicator":"none"}}"#), "summary");
}

#[test]
fn bare_list_of_incidents_is_accepted_without_page() {
    let list = parse_incidents(
        r#"[{"id":"a","name":"b","created_at":"2026-01-01T00:00:00Z","status":"resolved","impact":"none"}]"#,
    )
    .unwrap()
    .value;
    assert_eq!((list.page, list.incidents.len()), (None, 1));
}

#[test]
fn only_non_json_or_wrong_kind_is_an_error() {
    let message = |r: Result<Parsed<Summary>, ParseError>| r.unwrap_err().message().to_string();
    assert!(message(parse_summary("<html>Service Unavailable</html>")).starts_with("not JSON"));
    assert!(message(parse_summary("[]")).contains("expected a JSON object"));
    assert!(message(parse_summary(r#"{"page":{"id":"p","name":"n"}}"#)).contains("no status"));
    assert!(parse_incidents(r#"{"incidents":"geen"}"#).is_err());
    assert!(parse_incidents(r#""incidents""#).is_err());
    assert!(parse_scheduled_maintenances(INCIDENTS).is_err());
    assert!(parse_incident(r#"{"id":"x","name":"y"}"#).unwrap_err().message().contains("no created_at"));
    assert!(parse_document("42").is_err());
    assert!(parse_document(r#"{"hallo":"wereld"}"#).is_err());
}

#[test]
fn times_from_any_offset_become_utc() {
    let noon = Some(utc(2026, 6, 1, 12, 0, 0));
    assert_eq!(parse_time("2026-06-01T12:00:00Z"), noon);
    assert_eq!(parse_time("2026-06-01T12:00:00.000+00:00"), noon);
    assert_eq!(parse_time("2026-06-01T05:00:00.000-07:00"), noon);
    assert_eq!(parse_time("2026-06-01T13:00:00+0100"), noon);
    assert_eq!(parse_time("1 juni 2026"), None);
}

#[test]
fn wire_keys_round_trip() {
    for s in [ComponentStatus::Operational, ComponentStatus::DegradedPerformance, ComponentStatus::UnderMaintenance] {
        assert_eq!(ComponentStatus::from_key(s.key()), Some(s));
    }
    assert_eq!(MaintenanceStatus::InProgress.key(), "in_progress");
    assert_eq!(Indicator::from_key("unknown"), None, "Unknown is ours, not a wire value");
}

#[test]
fn a_components_list_without_page_is_read_as_a_components_document() {
    let parsed = parse_document(INCIDENTIO_COMPONENTS).unwrap();
    let Document::Components(list) = parsed.value else { panic!("not a components document: {parsed:?}") };
    assert_eq!(list.page, None);
    let states: Vec<(&str, VendorState)> =
        list.components.iter().map(|c| (c.name.as_str(), component_state(c))).collect();
    assert_eq!(
        states,
        [
            ("Zaakportaal", VendorState::Up),
            ("Koppelvlak (API)", VendorState::Degraded),
            ("Notificaties per e-mail", VendorState::Maintenance)
        ]
    );
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parse_components(INCIDENTIO_COMPONENTS).unwrap().value, list);
}

#[test]
fn a_summary_without_page_is_read_with_its_lists() {
    let parsed = parse_summary(INCIDENTIO_SUMMARY).unwrap();
    let s = &parsed.value;
    assert_eq!((s.page.as_ref(), s.indicator), (None, Indicator::Minor));
    assert_eq!(s.components.len(), 2);
    assert_eq!(s.incidents.len(), 1);
    assert_eq!(s.incidents[0].component_ids, ["01JD4ZQ8T3V6X9B2E5H8K1N4R8"]);
    assert!(matches!(parse_document(INCIDENTIO_SUMMARY).unwrap().value, Document::Summary(_)));
}

#[test]
fn any_document_with_a_known_list_and_no_page_is_read() {
    let kind = |text: &str| match parse_document(text).unwrap().value {
        Document::Summary(s) => {
            format!("summary {}/{}/{}", s.components.len(), s.incidents.len(), s.maintenances.len())
        }
        Document::Components(c) => format!("components {}", c.components.len()),
        Document::Incidents(i) => format!("incidents {}", i.incidents.len()),
        Document::Maintenances(m) => format!("maintenances {}", m.maintenances.len()),
        Document::Incident(i) => format!("incident {}", i.id),
    };
    let component = r#"{"id":"c","name":"C","status":"operational"}"#;
    let incident = r#"{"id":"i","name":"I","status":"resolved","created_at":"2026-01-01T00:00:00Z"}"#;
    assert_eq!(kind(&format!(r#"{{"components":[{component}]}}"#)), "components 1");
    assert_eq!(kind(&format!(r#"{{"incidents":[{incident}]}}"#)), "incidents 1");
    assert_eq!(kind(r#"{"scheduled_maintenances":[]}"#), "maintenances 0");
    // Several lists side by side are a summary, also without `status`; nothing is dropped.
    assert_eq!(kind(&format!(r#"{{"components":[{component}],"incidents":[{incident}]}}"#)), "summary 1/1/0");
    // A bare incident names its components too, but is still an incident.
    let bare = r#"{"id":"i","name":"I","status":"resolved","created_at":"2026-01-01T00:00:00Z","components":[{"id":"c","name":"C"}]}"#;
    assert_eq!(kind(bare), "incident i");
    let warnings = parse_summary(&format!(r#"{{"components":[{component}]}}"#)).unwrap().warnings;
    assert!(has_warning(&warnings, "no status"), "{warnings:?}");
}
