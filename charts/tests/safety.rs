//! Hostile names, empty and out-of-range input, determinism: every chart stays well-formed SVG,
//! escapes what it is given and never panics.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use charts::{availability_timeline, incident_durations, latency, monthly_availability, Chart, Impact, Lang};
use chrono::{DateTime, Utc};
use support::*;

const HOSTILE: [&str; 8] = [
    "</svg><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Tom & Jerry \"quoted\" 'single'",
    "]]><![CDATA[<script>x</script>",
    "<!-- comment --><?pi x?>",
    "ctrl\u{0}\u{1}\u{1b}[31m\u{7f}\u{FFFF} chars",
    "&lt;already escaped&gt; &amp;",
    "\u{202E}reversed 🚀 naïve",
];

/// Every chart, with `name` wherever a caller's text goes (the latency chart takes none).
fn all_charts(lang: Lang, name: &str) -> Vec<Chart> {
    let days = november();
    let months = [month(name, Some(99.9), false), month(name, Some(98.0), true), month(name, None, false)];
    let points = [point("2026-11-03T13:00:00Z", Some(87), Some(900)), point("2026-11-03T14:00:00Z", Some(95), None)];
    let incidents =
        [incident(name, name, 135, Impact::Critical, Some(240)), incident(name, name, 20, Impact::None, None)];
    vec![
        availability_timeline(lang, name, &days),
        monthly_availability(lang, &months, 99.8),
        latency(lang, &points),
        incident_durations(lang, &incidents),
    ]
}

/// What XML 1.0 keeps of a text (the charts drop the rest, and make breaks spaces).
fn cleaned(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() && *c != '\u{FFFF}').collect()
}

#[test]
fn hostile_names_are_escaped_and_the_svg_stays_well_formed() {
    for name in HOSTILE {
        for lang in [Lang::Nl, Lang::En] {
            for (i, chart) in all_charts(lang, name).into_iter().enumerate() {
                assert!(!chart.svg.to_lowercase().contains("<script"), "{name}: {}", chart.svg);
                assert!(!chart.svg.contains("<img"));
                assert!(!chart.svg.contains("<!--") && !chart.svg.contains("<?pi") && !chart.svg.contains("<![CDATA["));
                // Parses, and contains nothing but the chart's own elements and attributes.
                let doc = check_svg(&chart);
                if i == 2 {
                    continue; // latency: no names
                }
                // The name arrives as text, neither lost nor escaped twice.
                let shown = texts(&doc).join("\n") + chart.title.as_str() + chart.summary.as_str();
                let expected: String = cleaned(name).chars().take(12).collect();
                assert!(shown.contains(expected.trim()), "{name:?} not shown as text in {shown}");
            }
        }
    }
}

#[test]
fn the_name_in_the_svg_source_is_escaped_exactly_once() {
    let chart = availability_timeline(Lang::Nl, "A & B <C>", &november());
    assert!(chart.svg.contains("A &amp; B &lt;C&gt;"));
    assert!(!chart.svg.contains("&amp;amp;"));
    // The title and table are plain text, for the page to escape.
    assert_eq!(chart.title, "Beschikbaarheid per dag: A & B <C>");
}

#[test]
fn empty_input_gives_a_small_chart_that_says_so_and_an_empty_table() {
    let charts = [
        availability_timeline(Lang::Nl, "Zaaksysteem", &[]),
        monthly_availability(Lang::Nl, &[], 99.8),
        latency(Lang::Nl, &[]),
        incident_durations(Lang::Nl, &[]),
    ];
    for chart in &charts {
        let doc = check_svg(chart);
        assert_eq!(texts(&doc), ["Geen gegevens in deze periode."]);
        assert!(chart.summary.contains("Geen gegevens in deze periode"));
        assert!(chart.table.rows.is_empty());
        assert!(chart.svg.len() < 1000, "small: {} bytes", chart.svg.len());
    }
    let english = latency(Lang::En, &[]);
    assert_eq!(texts(&check_svg(&english)), ["No data in this period."]);
}

#[test]
fn latency_without_any_value_says_there_is_no_data_but_lists_the_points() {
    let chart = latency(Lang::Nl, &[point("2026-11-03T13:00:00Z", None, None)]);
    assert_eq!(texts(&check_svg(&chart)), ["Geen gegevens in deze periode."]);
    assert_eq!(chart.table.rows, [["di 3 nov 2026 14:00", "–", "–"]]);
}

#[test]
fn out_of_range_values_are_clamped_without_panic() {
    let months = [
        month("te hoog", Some(150.0), false),
        month("negatief", Some(-5.0), true),
        month("NaN", Some(f64::NAN), false),
        month("oneindig", Some(f64::NEG_INFINITY), true),
    ];
    for target in [99.8, f64::NAN, 120.0, -1.0, f64::INFINITY] {
        let chart = monthly_availability(Lang::Nl, &months, target);
        check_svg(&chart);
        assert_eq!(chart.table.rows[0][1], "100,00 %");
        assert_eq!(chart.table.rows[1][1], "0,00 %");
        assert_eq!(chart.table.rows[2][1], "–");
        assert_eq!(chart.table.rows[2][3], "geen gegevens");
        assert_eq!(chart.table.rows[3][1], "0,00 %");
    }
    assert_eq!(monthly_availability(Lang::Nl, &months, f64::NAN).table.rows[0][2], "–");

    let max = u32::MAX;
    check_svg(&availability_timeline(Lang::Nl, "x", &[day(date(2026, 11, 3), max, max, max, max, max)]));
    check_svg(&availability_timeline(Lang::Nl, "x", &[day(date(2026, 11, 3), 0, 0, 0, 0, 0)]));
    check_svg(&incident_durations(Lang::Nl, &[incident("x", "y", max, Impact::Major, Some(max))]));
    check_svg(&incident_durations(Lang::Nl, &[incident("x", "y", 0, Impact::Major, Some(0))]));
    check_svg(&latency(Lang::Nl, &[point("2026-11-03T13:00:00Z", Some(max), Some(0))]));
}

#[test]
fn odd_time_ranges_do_not_panic() {
    let same = [point("2026-11-03T13:00:00Z", Some(1), Some(2)), point("2026-11-03T13:00:00Z", Some(3), Some(4))];
    check_svg(&latency(Lang::Nl, &same));
    let far = [point("1970-01-01T00:00:00Z", Some(1), Some(2)), point("2262-01-01T00:00:00Z", Some(3), Some(4))];
    check_svg(&latency(Lang::Nl, &far));
    for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
        let edge = [charts::LatencyPoint { at, p50_ms: Some(1), p95_ms: Some(2) }];
        check_svg(&latency(Lang::Nl, &edge));
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for lang in [Lang::Nl, Lang::En] {
        assert_eq!(all_charts(lang, "Zaaksysteem"), all_charts(lang, "Zaaksysteem"));
    }
}

#[test]
fn two_charts_on_one_page_have_different_ids() {
    let first = availability_timeline(Lang::Nl, "Zaaksysteem", &november());
    let second = availability_timeline(Lang::Nl, "Portaal", &november());
    let ids = |chart: &Chart| -> Vec<String> {
        let doc = check_svg(chart);
        doc.descendants().filter_map(|n| n.attribute("id").map(String::from)).collect()
    };
    let (a, b) = (ids(&first), ids(&second));
    assert!(!a.is_empty());
    assert!(a.iter().all(|id| !b.contains(id)), "{a:?} and {b:?} share ids");
}
