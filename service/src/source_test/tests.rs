use super::*;
use domain::monitoring::CheckState;
use std::path::PathBuf;

fn expect(status: Option<u16>, keyword: Option<&str>, pointers: &[&str]) -> HttpExpectation {
    HttpExpectation {
        expect_status: status,
        keyword: keyword.map(str::to_string),
        pointers: pointers.iter().map(|p| p.to_string()).collect(),
    }
}

const SUMMARY: &str = r#"{
  "page": {"id": "p1", "name": "Zaakwijs", "url": "https://status.zaakwijs.nl", "time_zone": "Etc/UTC",
           "updated_at": "2026-03-02T10:05:00Z"},
  "status": {"indicator": "minor", "description": "Minor Service Outage"},
  "components": [
    {"id": "g1", "name": "Platform", "status": "partial_outage", "group": true, "components": ["c1", "c2"]},
    {"id": "c1", "name": "API", "status": "operational", "group_id": "g1"},
    {"id": "c2", "name": "Portaal", "status": "partial_outage", "group_id": "g1"},
    {"id": "c3", "name": "Koppelvlak", "status": "exploded"}
  ],
  "incidents": [
    {"id": "i1", "name": "Trage portaal", "status": "identified", "impact": "minor",
     "created_at": "2026-03-02T09:00:00Z",
     "incident_updates": [
       {"id": "u2", "status": "identified", "body": "Oorzaak gevonden", "created_at": "2026-03-02T09:30:00Z"},
       {"id": "u1", "status": "investigating", "body": "We onderzoeken", "created_at": "2026-03-02T09:00:00Z"}
     ]},
    {"id": "i0", "name": "Oud", "status": "resolved", "impact": "none", "created_at": "2026-03-01T09:00:00Z",
     "incident_updates": [
       {"id": "u0", "status": "resolved", "body": "Opgelost", "created_at": "2026-03-01T10:00:00Z"}
     ]}
  ],
  "scheduled_maintenances": [
    {"id": "m2", "name": "Later", "status": "scheduled", "impact": "maintenance",
     "scheduled_for": "2026-03-20T22:00:00Z", "scheduled_until": "2026-03-21T02:00:00Z",
     "created_at": "2026-03-01T08:00:00Z", "incident_updates": []},
    {"id": "m1", "name": "Eerder", "status": "scheduled", "impact": "maintenance",
     "scheduled_for": "2026-03-10T22:00:00Z", "scheduled_until": "2026-03-11T02:00:00Z",
     "created_at": "2026-03-01T08:00:00Z",
     "incident_updates": [{"id": "mu1", "status": "scheduled", "body": "Gepland", "created_at": "2026-03-01T08:00:00Z"}]},
    {"id": "m0", "name": "Klaar", "status": "completed", "impact": "maintenance",
     "scheduled_for": "2026-02-10T22:00:00Z", "scheduled_until": "2026-02-11T02:00:00Z",
     "created_at": "2026-02-01T08:00:00Z", "incident_updates": []}
  ]
}"#;

#[test]
fn summary_lists_components_with_their_mapped_state() {
    let out = summarise_statuspage(parse_document(SUMMARY).unwrap());
    assert_eq!(out["document"], "summary");
    assert_eq!(out["page"]["name"], "Zaakwijs");
    assert_eq!(out["indicator"], "minor");
    let states: Vec<(&str, &str, &str)> = out["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["status"].as_str().unwrap(), c["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("g1", "partial_outage", "degraded"),
            ("c1", "operational", "up"),
            ("c2", "partial_outage", "degraded"),
            ("c3", "unknown", "unknown"),
        ]
    );
    let warnings = out["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].as_str().unwrap().contains("exploded"));
}

#[test]
fn summary_counts_and_shows_open_incidents_with_their_latest_update() {
    let out = summarise_statuspage(parse_document(SUMMARY).unwrap());
    assert_eq!(
        out["counts"],
        json!({
            "components": 3, "groups": 1, "incidents": 2, "incident_updates": 3, "open_incidents": 1,
            "maintenances": 3, "maintenance_updates": 1, "upcoming_maintenances": 2
        })
    );
    let open = out["open_incidents"].as_array().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["id"], "i1");
    assert_eq!(open[0]["latest_update"]["body"], "Oorzaak gevonden");
    assert_eq!(open[0]["latest_update"]["created_at"], "2026-03-02T09:30:00Z");
}

#[test]
fn upcoming_maintenances_leave_out_completed_ones_and_come_soonest_first() {
    let out = summarise_statuspage(parse_document(SUMMARY).unwrap());
    let ids: Vec<&str> =
        out["upcoming_maintenances"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["m1", "m2"]);
    assert_eq!(out["upcoming_maintenances"][0]["scheduled_for"], "2026-03-10T22:00:00Z");
}

#[test]
fn an_incident_list_has_no_indicator_or_components() {
    let text = r#"{"incidents": [{"id": "i9", "name": "Storing", "status": "investigating", "impact": "major",
        "created_at": "2026-03-02T09:00:00Z", "incident_updates": []}]}"#;
    let out = summarise_statuspage(parse_document(text).unwrap());
    assert_eq!(out["document"], "incidents");
    assert_eq!(out["indicator"], Value::Null);
    assert_eq!(out["page"], Value::Null);
    assert_eq!(out["components"], json!([]));
    assert_eq!(out["open_incidents"][0]["latest_update"], Value::Null);
    assert_eq!(out["counts"]["open_incidents"], 1);
}

#[test]
fn http_up_when_status_keyword_and_pointers_hold() {
    let body = br#"{"status": "ok", "checks": {"db": true}}"#;
    let v = evaluate_http(Some(200), body, &expect(Some(200), Some("\"ok\""), &["/checks/db", "/status"]));
    assert_eq!(v.state, CheckState::Up);
    assert_eq!(v.keyword_found, Some(true));
    assert!(v.pointers.iter().all(|p| p.found && p.holds));
    assert_eq!(v.pointers[1].value, json!("ok"));
    assert_eq!((v.error, v.error_nl), (None, None));
}

#[test]
fn http_down_on_an_unexpected_status() {
    let v = evaluate_http(Some(503), b"busy", &expect(None, None, &[]));
    assert_eq!(v.state, CheckState::Down);
    assert_eq!(v.error.as_deref(), Some("expected a 2xx HTTP status, got 503"));
    assert_eq!(v.error_nl.as_deref(), Some("Verwacht een 2xx-status, ontvangen 503."));
    let v = evaluate_http(Some(200), b"", &expect(Some(204), None, &[]));
    assert_eq!(v.state, CheckState::Down);
    assert_eq!(v.error.as_deref(), Some("expected HTTP 204, got 200"));
}

#[test]
fn http_default_accepts_any_2xx_only() {
    for (code, state) in
        [(200, CheckState::Up), (204, CheckState::Up), (301, CheckState::Down), (404, CheckState::Down)]
    {
        assert_eq!(evaluate_http(Some(code), b"", &expect(None, None, &[])).state, state, "{code}");
    }
}

#[test]
fn http_degraded_when_keyword_is_missing() {
    let v = evaluate_http(Some(200), b"maintenance mode", &expect(None, Some("All systems go"), &[]));
    assert_eq!(v.state, CheckState::Degraded);
    assert_eq!(v.keyword_found, Some(false));
    assert_eq!(v.error_nl.as_deref(), Some("Het antwoord bevat de tekst 'All systems go' niet."));
}

#[test]
fn http_degraded_when_a_pointer_is_missing_false_or_null() {
    let body = br#"{"healthy": false, "db": null, "obj": {"a": 1}}"#;
    let v = evaluate_http(Some(200), body, &expect(None, None, &["/healthy", "/db", "/gone", "/obj"]));
    assert_eq!(v.state, CheckState::Degraded);
    let holds: Vec<(bool, bool)> = v.pointers.iter().map(|p| (p.found, p.holds)).collect();
    assert_eq!(holds, [(true, false), (true, false), (false, false), (true, true)]);
    assert_eq!(v.pointers[3].value, Value::Null, "objects are not shown");
    assert_eq!(v.error.as_deref(), Some("/healthy is false; /db is null; /gone is not in the body"));
}

#[test]
fn http_pointers_on_a_body_that_is_not_json_fail_once() {
    let v = evaluate_http(Some(200), b"<html>", &expect(None, None, &["/a", "/b"]));
    assert_eq!(v.state, CheckState::Degraded);
    assert_eq!(v.error.as_deref(), Some("the body is not JSON, so no pointer can be checked"));
}

#[test]
fn http_status_decides_before_body_conditions() {
    let v = evaluate_http(Some(500), b"oops", &expect(None, Some("ok"), &[]));
    assert_eq!(v.state, CheckState::Down);
    assert_eq!(v.error.as_deref(), Some("expected a 2xx HTTP status, got 500; the body does not contain \"ok\""));
}

#[test]
fn http_from_a_file_is_judged_on_the_body_only() {
    assert_eq!(evaluate_http(None, b"all good", &expect(None, Some("good"), &[])).state, CheckState::Up);
}

#[test]
fn pointers_read_numbers_strings_and_null() {
    let body = r#"{"seats": {"purchased": 250, "active": "187"}, "note": null, "flag": true, "list": [1]}"#;
    let pointers: Vec<String> =
        ["/seats/purchased", "/seats/active", "/note", "/flag", "/list", "/missing"].map(String::from).to_vec();
    let parsed = extract_pointers(body, &pointers).unwrap();
    let values: Vec<Value> = parsed.value.iter().map(|p| p.value.clone()).collect();
    assert_eq!(values, [json!(250), json!("187"), Value::Null, Value::Null, Value::Null, Value::Null]);
    let found: Vec<bool> = parsed.value.iter().map(|p| p.found).collect();
    assert_eq!(found, [true, true, true, true, true, false]);
    assert_eq!(
        parsed.warnings,
        ["/flag: a boolean, not a number or string", "/list: a list, not a number or string", "/missing: not found"]
    );
}

#[test]
fn pointers_on_a_body_that_is_not_json_are_a_parse_error() {
    let err = extract_pointers("nope", &["/a".to_string()]).unwrap_err();
    assert!(matches!(err, SourceTestError::Parse { kind: SourceKind::Json, .. }));
    assert_eq!(err.message_nl(), "Het document is geen geldige JSON.");
    let report = error_report(&err);
    assert_eq!(report["ok"], false);
    assert!(report["error"].as_str().unwrap().starts_with("not JSON"));
}

#[test]
fn option_combinations_that_would_be_ignored_are_refused() {
    let test = |kind, target, e| SourceTest { kind, target, expect: e }.check();
    let url = || Target::Url("https://example.org/".into());
    assert!(test(SourceKind::Statuspage, url(), expect(None, Some("x"), &[])).is_err());
    assert!(test(SourceKind::Statuspage, url(), expect(None, None, &["/a"])).is_err());
    assert!(test(SourceKind::Json, url(), expect(None, None, &[])).is_err());
    assert!(test(SourceKind::Json, url(), expect(None, None, &["a"])).is_err());
    assert!(test(SourceKind::Http, Target::File(PathBuf::from("x")), expect(Some(200), None, &[])).is_err());
    assert!(test(SourceKind::Http, url(), expect(Some(200), Some("x"), &["/a"])).is_ok());
    assert!(test(SourceKind::Json, Target::File(PathBuf::from("x")), expect(None, None, &["/a"])).is_ok());
}

#[test]
fn shown_urls_lose_credentials_query_and_fragment() {
    assert_eq!(shown_url("https://u:pw@api.example.org/v1/health?key=geheim#x"), "https://api.example.org/v1/health");
    assert_eq!(shown_url("not a url?key=geheim"), "not a url");
}
