//! Tests of the source form's field checks and limits.
#![allow(clippy::unwrap_used)]

use super::*;

fn form() -> SourceForm {
    SourceForm {
        kind: "http".into(),
        name: "Portaal".into(),
        url: "https://portaal.leverancier.example/health".into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}

#[test]
fn a_short_interval_is_refused_at_the_field() {
    let f = SourceForm { interval_secs: "9".into(), ..form() };
    assert_eq!(f.parse().unwrap_err().for_field("interval_secs"), Some(Problem::IntervalTooShort { min: 10 }));
    assert!(SourceForm { interval_secs: "10".into(), ..form() }.parse().is_ok());
}

#[test]
fn only_http_and_https_urls() {
    for bad in ["ftp://x.example", "file:///etc/passwd", "portaal.example", "https://", "https://a b"] {
        let f = SourceForm { url: bad.into(), ..form() };
        assert_eq!(f.parse().unwrap_err().for_field("url"), Some(Problem::UrlFormat), "{bad}");
    }
}

fn json_form() -> SourceForm {
    SourceForm {
        kind: "json".into(),
        url: "https://api.leverancier.example/usage".into(),
        auth_header: "X-Api-Key".into(),
        mappings: vec![MetricMapping { name: "gebruik".into(), pointer: "/used".into(), ..Default::default() }],
        ..form()
    }
}

#[test]
fn text_fields_are_limited_at_their_field() {
    let at = |f: SourceForm, field: &str| f.parse().err().and_then(|e| e.for_field(field));
    let url = |n: usize| format!("https://leverancier.example/{}", "x".repeat(n - 28));
    assert_eq!(url(2_048).chars().count(), 2_048);
    assert_eq!(at(SourceForm { url: url(2_048), ..form() }, "url"), None);
    assert_eq!(at(SourceForm { url: url(2_049), ..form() }, "url"), Some(Problem::TooLong { max: 2_048 }));
    assert_eq!(at(SourceForm { keyword: "k".repeat(200), ..form() }, "keyword"), None);
    assert_eq!(at(SourceForm { keyword: "k".repeat(201), ..form() }, "keyword"), Some(Problem::TooLong { max: 200 }));
    let pointer = |n: usize| format!("/{}", "p".repeat(n - 1));
    assert_eq!(at(SourceForm { json_pointer: pointer(500), ..form() }, "json_pointer"), None);
    assert_eq!(
        at(SourceForm { json_pointer: pointer(501), ..form() }, "json_pointer"),
        Some(Problem::TooLong { max: 500 })
    );
    let figure = |name: String, pointer: String| SourceForm {
        mappings: vec![MetricMapping { name, pointer, ..Default::default() }],
        ..json_form()
    };
    assert_eq!(at(figure("n".repeat(100), pointer(500)), "mappings"), None);
    assert_eq!(at(figure("n".repeat(101), "/x".into()), "mappings"), Some(Problem::TooLong { max: 100 }));
    assert_eq!(at(figure("n".into(), pointer(501)), "mappings"), Some(Problem::TooLong { max: 500 }));
}

#[test]
fn the_secret_header_must_be_a_plain_header_name_of_at_most_100_characters() {
    let at = |h: &str| {
        SourceForm { auth_header: h.into(), ..json_form() }.parse().err().and_then(|e| e.for_field("auth_header"))
    };
    for ok in ["X-Api-Key", "Authorization", "x_token.v2", "Ocp-Apim-Subscription-Key", &"a".repeat(100)] {
        assert_eq!(at(ok), None, "{ok}");
    }
    for bad in [
        "X-Api-Key\r\nX-Evil: 1",
        "X Api Key",
        "X-Api-Key:",
        "Sleutel-é",
        "Host",
        "content-length",
        "Transfer-Encoding",
    ] {
        assert_eq!(at(bad), Some(Problem::HeaderName), "{bad:?}");
    }
    assert_eq!(at(&"a".repeat(101)), Some(Problem::TooLong { max: 100 }));
}

#[test]
fn a_json_source_reads_at_most_50_figures_and_a_map_holds_at_most_500_components() {
    let rows = |n: usize| SourceForm {
        mappings: (0..n)
            .map(|i| MetricMapping { name: format!("f{i}"), pointer: format!("/f/{i}"), ..Default::default() })
            .collect(),
        ..json_form()
    };
    assert_eq!(rows(50).parse().map(|p| p.kind), Ok("json".to_string()));
    assert_eq!(rows(2_000).parse().unwrap_err().for_field("mappings"), Some(Problem::TooMany { max: 50 }));
    let components = |n: usize| SourceForm {
        kind: "statuspage".into(),
        components: (0..n)
            .map(|i| ComponentMapping { vendor_component_id: format!("c{i}"), service_id: None })
            .collect(),
        ..form()
    };
    assert!(components(500).parse().is_ok());
    assert_eq!(components(501).parse().unwrap_err().for_field("components"), Some(Problem::TooMany { max: 500 }));
}

#[test]
fn the_form_survives_a_round_trip_through_storage() {
    let f = SourceForm { keyword: "OK".into(), expected_status: "204".into(), timeout_ms: "5000".into(), ..form() };
    let p = f.parse().unwrap();
    let back = SourceView::form_from(&p.kind, &p.name, &p.config_json, vec![], 60, 5000, true);
    assert_eq!(back, f);
}

#[test]
fn a_source_name_with_a_control_or_direction_character_is_refused_at_the_field() {
    for bad in ["Portaal\0", "Portaal\u{202E}lgp", "\u{200B}"] {
        let f = SourceForm { name: bad.into(), ..form() };
        assert!(f.parse().unwrap_err().for_field("name").is_some(), "{bad:?}");
    }
}

#[test]
fn a_contracted_number_is_a_whole_number_from_zero_kept_with_its_figure_and_refused_at_its_own_row() {
    let figures = |contracted: [&str; 2]| SourceForm {
        mappings: vec![
            MetricMapping {
                name: "licenties_actief".into(),
                pointer: "/seats/active".into(),
                contracted: contracted[0].into(),
            },
            MetricMapping::default(),
            MetricMapping { name: "opslag".into(), pointer: "/storage".into(), contracted: contracted[1].into() },
        ],
        ..json_form()
    };
    let p = figures(["1.500", ""]).parse().unwrap();
    let config: Value = serde_json::from_str(&p.config_json).unwrap();
    assert_eq!(config["contracted"], json!({ "licenties_actief": 1500 }), "only figures with a number");
    let back = SourceView::form_from(&p.kind, &p.name, &p.config_json, vec![], 60, 10_000, true);
    assert_eq!(back.mappings[0].contracted, "1500");
    assert_eq!(back.mappings[1].contracted, "");
    assert!(figures(["0", "1500"]).parse().is_ok());
    let at = |c: &str, field: &str| figures(["", c]).parse().err().and_then(|e| e.for_field(field));
    // The third row of the form, where the user typed it; the first row is untouched.
    for (bad, problem) in [
        ("-3", Problem::Negative),
        ("1,5", Problem::NotANumber),
        ("12.50", Problem::NotANumber),
        ("veel", Problem::NotANumber),
        ("1000000001", Problem::OutOfRange { min: 0, max: MAX_CONTRACTED }),
    ] {
        assert_eq!(at(bad, "metric_contracted_3"), Some(problem), "{bad}");
        assert_eq!(at(bad, "metric_contracted_1"), None, "{bad}");
    }
}
