//! Inputs and checks shared by the chart tests.

#![allow(dead_code)]

use charts::{Chart, DayStates, Impact, IncidentBar, LatencyPoint, MonthBar};
use chrono::{DateTime, NaiveDate, Utc};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn instant(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).expect("valid instant").to_utc()
}

pub fn day(date: NaiveDate, up: u32, degraded: u32, down: u32, maintenance: u32, no_data: u32) -> DayStates {
    DayStates {
        date,
        up_mins: up,
        degraded_mins: degraded,
        down_mins: down,
        maintenance_mins: maintenance,
        no_data_mins: no_data,
    }
}

pub fn month(label: &str, pct: Option<f64>, breach: bool) -> MonthBar {
    MonthBar { label: label.to_string(), availability_pct: pct, breach }
}

pub fn point(at: &str, p50: Option<u32>, p95: Option<u32>) -> LatencyPoint {
    LatencyPoint { at: instant(at), p50_ms: p50, p95_ms: p95 }
}

pub fn incident(label: &str, started: &str, minutes: u32, impact: Impact, target: Option<u32>) -> IncidentBar {
    IncidentBar { label: label.to_string(), started: started.to_string(), minutes, impact, target_minutes: target }
}

/// Thirty days of November 2026, with downtime on the 3rd.
pub fn november() -> Vec<DayStates> {
    (1..=30)
        .map(
            |d| {
                if d == 3 {
                    day(date(2026, 11, d), 1380, 30, 30, 0, 0)
                } else {
                    day(date(2026, 11, d), 1440, 0, 0, 0, 0)
                }
            },
        )
        .collect()
}

/// Elements an SVG chart may contain: anything else (a script, a foreign object) is a failure.
const ALLOWED: [&str; 12] =
    ["svg", "title", "desc", "defs", "pattern", "rect", "circle", "line", "polyline", "polygon", "text", "path"];

/// Parses the chart as XML and checks what every chart must have: a root `<svg>` with `role="img"`,
/// `aria-labelledby` naming its `<title>` and `<desc>`, a `viewBox`, `width="100%"`, no fixed height,
/// only known elements, no `style`, no event handlers, no external references, unique ids, text of
/// at least 12 pixels. Returns the document's text for further checks.
pub fn check_svg(chart: &Chart) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(&chart.svg).unwrap_or_else(|e| panic!("not XML: {e}\n{}", chart.svg));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("width"), Some("100%"));
    assert_eq!(root.attribute("height"), None);
    assert!(root.attribute("viewBox").is_some_and(|v| v.starts_with("0 0 ")));
    let labelled_by: Vec<&str> = root.attribute("aria-labelledby").expect("aria-labelledby").split(' ').collect();
    assert_eq!(labelled_by.len(), 2);
    let by_id = |id: &str| doc.descendants().find(|n| n.attribute("id") == Some(id));
    let title = by_id(labelled_by[0]).expect("title id exists");
    let desc = by_id(labelled_by[1]).expect("desc id exists");
    assert_eq!(title.tag_name().name(), "title");
    assert_eq!(desc.tag_name().name(), "desc");
    assert_eq!(title.text(), Some(chart.title.as_str()));
    assert_eq!(desc.text(), Some(chart.summary.as_str()));

    let mut ids = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(ALLOWED.contains(&name), "unexpected element <{name}>");
        for attr in node.attributes() {
            let key = attr.name();
            assert!(key != "style" && !key.starts_with("on") && key != "href", "attribute {key} on <{name}>");
            let value = attr.value();
            if let Some(reference) = value.strip_prefix("url(") {
                assert!(reference.starts_with('#'), "external reference {value}");
            }
        }
        if let Some(id) = node.attribute("id") {
            ids.push(id.to_string());
        }
        if let Some(size) = node.attribute("font-size") {
            let px: f64 = size.parse().expect("numeric font size");
            assert!(px >= 12.0, "text of {px} px");
        }
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
    assert!(!doc.descendants().any(|n| n.is_pi() || n.is_comment()));
    doc
}

/// All visible text of the chart (the `<text>` elements), trimmed.
pub fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect()
}
