//! A vendor's incident link becomes an `href` on our pages, so only http(s) links are kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use domain::statuspage::parse_incidents;

fn incidents_with_link(link: &str) -> String {
    serde_json::json!({
        "page": {"id": "p1", "name": "Voorbeeld Status", "url": "https://status.example", "updated_at": "2026-03-01T10:00:00Z"},
        "incidents": [{
            "id": "inc-1", "name": "Storing", "status": "investigating", "impact": "major",
            "created_at": "2026-03-01T09:00:00Z", "updated_at": "2026-03-01T09:05:00Z",
            "shortlink": link, "components": [], "incident_updates": []
        }]
    })
    .to_string()
}

fn shortlink_of(link: &str) -> Option<String> {
    parse_incidents(&incidents_with_link(link)).unwrap().value.incidents.remove(0).shortlink
}

#[test]
fn incident_links_that_are_not_http_or_https_are_dropped() {
    for bad in [
        "javascript:alert(document.domain)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>x</b>",
        "//evil.example/x",
        "https://ex ample/x",
        "vbscript:x",
        "https://\u{0}evil",
    ] {
        assert_eq!(shortlink_of(bad), None, "{bad:?} must not become a link");
    }
}

#[test]
fn incident_links_over_http_and_https_are_kept() {
    assert_eq!(shortlink_of("https://stspg.example/abc").as_deref(), Some("https://stspg.example/abc"));
    assert_eq!(shortlink_of("http://stspg.example/abc").as_deref(), Some("http://stspg.example/abc"));
}
