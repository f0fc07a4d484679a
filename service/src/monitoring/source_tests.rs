//! Unit tests of reading source settings.

use super::source::*;
use crate::secrets::Secret;
use domain::VendorServiceId;
use std::time::Duration;
use store::{SourceComponentRow, SourceId};

fn parse(kind: &str, json: &str) -> Result<SourceSpec, SourceError> {
    SourceSpec::parse(kind, json, &[], None)
}

fn field(r: Result<SourceSpec, SourceError>) -> String {
    r.map(|_| ()).expect_err("should be refused").field
}

#[test]
fn an_http_probe_defaults_to_get_and_200() {
    let Ok(SourceSpec::Http(p)) = parse("http", r#"{"url":"https://zaak.example/health"}"#) else { panic!() };
    assert_eq!((p.method, p.expected_status, p.condition), (reqwest::Method::GET, 200, None));
    let Ok(SourceSpec::Http(p)) =
        parse("http", r#"{"url":"https://x.example/","method":"get","json_pointer":"/status","json_equals":"ok"}"#)
    else {
        panic!()
    };
    assert_eq!(p.method, reqwest::Method::GET);
    assert_eq!(p.condition, Some(Condition::JsonPointer { pointer: "/status".into(), equals: Some("ok".into()) }));
}

#[test]
fn bad_settings_name_their_field_in_dutch() {
    assert_eq!(field(parse("http", r#"{"url":"ftp://x.example/"}"#)), "url");
    assert_eq!(field(parse("http", r#"{"url":"zaak.example"}"#)), "url");
    assert_eq!(field(parse("http", r#"{"url":"https://x.example/","method":"POST"}"#)), "method");
    assert_eq!(field(parse("http", r#"{"url":"https://x.example/","expected_status":42}"#)), "expected_status");
    assert_eq!(field(parse("http", r#"{"url":"https://x.example/","keyword":"a","json_pointer":"/a"}"#)), "keyword");
    assert_eq!(field(parse("http", r#"{"url":"https://x.example/","json_pointer":"status"}"#)), "json_pointer");
    assert_eq!(field(parse("http", r#"{"url":"https://x.example/","typo":1}"#)), "config_json");
    assert_eq!(field(parse("json", r#"{"url":"https://x.example/","metrics":{}}"#)), "metrics");
    assert_eq!(
        field(parse("json", r#"{"url":"https://x.example/","auth_header":"X-Key","metrics":{"a":"/a"}}"#)),
        "secret"
    );
    assert_eq!(field(parse("http", r#"{"url":"https://x.example/","method":"HEAD","keyword":"ok"}"#)), "method");
    assert_eq!(field(parse("push", "{}")), "kind");
    let e = parse("http", r#"{"url":"https://x.example/","method":"POST"}"#).map(|_| ()).unwrap_err();
    assert_eq!(e.message, "Alleen GET en HEAD zijn toegestaan.");
}

#[test]
fn a_status_page_takes_its_mapped_components_only() {
    let components = [
        SourceComponentRow { vendor_component_id: "c1".into(), service_id: Some(VendorServiceId(4)) },
        SourceComponentRow { vendor_component_id: "c2".into(), service_id: None },
    ];
    let spec = SourceSpec::parse("statuspage", r#"{"base_url":"https://status.x.example/"}"#, &components, None);
    let Ok(SourceSpec::Statuspage(s)) = spec else { panic!() };
    assert_eq!(s.base_url, "https://status.x.example");
    assert_eq!(s.components, vec![("c1".to_string(), VendorServiceId(4))]);
}

#[test]
fn a_json_source_carries_its_secret_and_metrics() {
    let json = r#"{"url":"https://x.example/usage","auth_header":"Authorization","metrics":{"seats":"/seats/active"}}"#;
    let Ok(SourceSpec::Json(j)) = SourceSpec::parse("json", json, &[], Some(Secret::new("Bearer s3cret"))) else {
        panic!()
    };
    assert_eq!(j.metrics.get("seats").map(String::as_str), Some("/seats/active"));
    assert_eq!(j.auth.as_ref().map(|(h, s)| (h.as_str(), s.expose())), Some(("Authorization", "Bearer s3cret")));
    assert!(!format!("{j:?}").contains("s3cret"), "the secret never shows in Debug");
}

#[test]
fn a_json_source_with_contracted_numbers_is_polled_for_its_figures_alone() {
    let json = r#"{"url":"https://x.example/usage","metrics":{"seats":"/seats/active"},"contracted":{"seats":1500}}"#;
    let Ok(SourceSpec::Json(j)) = parse("json", json) else { panic!() };
    assert_eq!(j.metrics.keys().collect::<Vec<_>>(), ["seats"]);
}

#[test]
fn production_sources_poll_at_most_every_ten_seconds() {
    let spec = || parse("http", r#"{"url":"https://x.example/"}"#).unwrap();
    let new = |interval_ms, timeout_ms| {
        let (i, t) = (Duration::from_millis(interval_ms), Duration::from_millis(timeout_ms));
        Source::new(SourceId(1), VendorServiceId(1), "x", spec(), i, t).map(|_| ())
    };
    assert_eq!(new(9_999, 1_000).unwrap_err().field, "interval_secs");
    assert!(new(10_000, 5_000).is_ok());
    assert_eq!(new(60_000, 0).unwrap_err().field, "timeout_ms");
    assert_eq!(new(60_000, 61_000).unwrap_err().field, "timeout_ms");
    let short = Source::new_for_tests(
        SourceId(1),
        VendorServiceId(1),
        "x",
        spec(),
        Duration::from_millis(200),
        Duration::from_millis(100),
    );
    assert!(short.is_ok());
}
