//! What each chart says in its table, summary and picture for known inputs, in both languages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use charts::{availability_timeline, incident_durations, latency, monthly_availability, Impact, Lang};
use support::*;

#[test]
fn the_timeline_table_has_minutes_per_state_and_the_day_availability() {
    let days = [day(date(2026, 11, 3), 1380, 30, 30, 0, 0), day(date(2026, 11, 4), 0, 0, 0, 60, 1380)];
    let chart = availability_timeline(Lang::Nl, "Zaaksysteem", &days);
    assert_eq!(chart.title, "Beschikbaarheid per dag: Zaaksysteem");
    assert_eq!(
        chart.table.headers,
        [
            "Datum",
            "Beschikbaar (min)",
            "Verminderd (min)",
            "Storing (min)",
            "Onderhoud (min)",
            "Geen gegevens (min)",
            "Beschikbaarheid"
        ]
    );
    assert_eq!(chart.table.rows[0], ["di 3 nov 2026", "1.380", "30", "30", "0", "0", "97,92 %"]);
    assert_eq!(chart.table.rows[1], ["wo 4 nov 2026", "0", "0", "0", "60", "1.380", "–"]);
    assert!(chart.summary.contains("2 dagen van di 3 nov 2026 tot en met wo 4 nov 2026"), "{}", chart.summary);
    assert!(chart.summary.contains("op 1 dag storing, samen 30 min"), "{}", chart.summary);
    assert!(chart.summary.contains("Laagste beschikbaarheid: 97,92 % op di 3 nov 2026"), "{}", chart.summary);
    let doc = check_svg(&chart);
    let texts = texts(&doc);
    for label in
        ["beschikbaar", "verminderd", "storing", "onderhoud", "geen gegevens", "dag met storing", "3 nov", "24 u"]
    {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
}

#[test]
fn the_timeline_in_english() {
    let chart = availability_timeline(Lang::En, "Portal", &november());
    assert_eq!(chart.title, "Availability per day: Portal");
    assert_eq!(chart.table.rows.len(), 30);
    assert_eq!(chart.table.rows[2], ["Tue 3 Nov 2026", "1,380", "30", "30", "0", "0", "97.92 %"]);
    assert_eq!(chart.table.rows[0][6], "100.00 %");
    let texts = texts(&check_svg(&chart));
    // Thirty days: the Mondays are labelled.
    for label in ["2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov", "day with downtime", "24 h"] {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
    assert!(!texts.iter().any(|t| t == "3 Nov"));
}

#[test]
fn the_monthly_table_compares_each_month_with_the_target() {
    let months =
        [month("nov 2026", Some(99.8), false), month("dec 2026", Some(99.5), true), month("jan 2027", None, false)];
    let chart = monthly_availability(Lang::Nl, &months, 99.8);
    assert_eq!(chart.title, "Beschikbaarheid per maand");
    assert_eq!(chart.table.headers, ["Maand", "Beschikbaarheid", "Doel", "Resultaat"]);
    assert_eq!(
        chart.table.rows,
        [
            ["nov 2026", "99,80 %", "99,80 %", "gehaald"],
            ["dec 2026", "99,50 %", "99,80 %", "niet gehaald"],
            ["jan 2027", "–", "99,80 %", "geen gegevens"],
        ]
    );
    assert_eq!(
        chart.summary,
        "3 maanden, doel 99,80 %: niet gehaald in dec 2026. Laagste beschikbaarheid: 99,50 % in dec 2026. \
         Zonder gegevens: 1 maand."
    );
    let texts = texts(&check_svg(&chart));
    // The axis starts near the data, not at 0; every bar has its value; the breach is in the legend.
    for label in ["99,2 %", "100,0 %", "99,80", "99,50", "n.b.", "niet gehaald (gestreept)", "doel 99,80 %"] {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
    assert!(!texts.iter().any(|t| t == "0 %" || t == "0,0 %"));
}

#[test]
fn a_breached_month_is_striped_and_outlined_not_only_red() {
    let chart = monthly_availability(Lang::En, &[month("Mar 2026", Some(99.1), true)], 99.5);
    assert_eq!(chart.table.rows[0], ["Mar 2026", "99.10 %", "99.50 %", "breached"]);
    let doc = check_svg(&chart);
    let pattern = doc.descendants().find(|n| n.has_tag_name("pattern")).expect("a stripe pattern");
    let fill = format!("url(#{})", pattern.attribute("id").unwrap_or_default());
    let striped = doc.descendants().filter(|n| n.attribute("fill") == Some(fill.as_str())).count();
    assert!(striped >= 2, "the bar and its legend swatch are striped");
    // Outlined: the two legend swatches and the bar.
    let outlined = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("rect") && n.attribute("fill") == Some("none") && n.attribute("stroke") == Some("#1F2937")
        })
        .count();
    assert_eq!(outlined, 3);
}

#[test]
fn the_latency_table_is_in_amsterdam_time_with_grouped_milliseconds() {
    let points = [
        point("2026-11-03T14:00:00Z", None, Some(1800)),
        point("2026-11-03T13:00:00Z", Some(87), Some(1234)),
        point("2026-07-01T10:00:00Z", Some(120), None),
    ];
    let chart = latency(Lang::Nl, &points);
    assert_eq!(chart.table.headers, ["Tijdstip", "p50", "p95"]);
    assert_eq!(
        chart.table.rows,
        [
            ["wo 1 jul 2026 12:00", "120 ms", "–"],
            ["di 3 nov 2026 14:00", "87 ms", "1.234 ms"],
            ["di 3 nov 2026 15:00", "–", "1.800 ms"],
        ]
    );
    assert!(chart.summary.contains("Hoogste p95: 1.800 ms op di 3 nov 2026 15:00"), "{}", chart.summary);
    let texts = texts(&check_svg(&chart));
    for label in ["p50 (mediaan)", "p95 (95e percentiel)", "0 ms", "1.000 ms", "2.000 ms"] {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
    let english = latency(Lang::En, &points);
    assert_eq!(english.table.rows[1], ["Tue 3 Nov 2026 14:00", "87 ms", "1,234 ms"]);
}

#[test]
fn the_incident_table_has_durations_in_hours_and_the_target_outcome() {
    let incidents = [
        incident("Storing DigiD", "di 3 nov 2026 09:12", 135, Impact::Critical, Some(240)),
        incident("Trage berichtenbox", "vr 6 nov 2026 14:40", 500, Impact::Major, Some(480)),
        incident("Zoeken traag", "wo 11 nov 2026 11:00", 45, Impact::Minor, None),
    ];
    let chart = incident_durations(Lang::Nl, &incidents);
    assert_eq!(chart.table.headers, ["Incident", "Start", "Duur", "Impact", "Doel gehaald"]);
    assert_eq!(
        chart.table.rows,
        [
            ["Storing DigiD", "di 3 nov 2026 09:12", "2 u 15 min", "kritiek", "ja (doel 4 u)"],
            ["Trage berichtenbox", "vr 6 nov 2026 14:40", "8 u 20 min", "groot", "nee (doel 8 u)"],
            ["Zoeken traag", "wo 11 nov 2026 11:00", "45 min", "klein", "geen doel"],
        ]
    );
    assert_eq!(
        chart.summary,
        "3 incidenten, samen 11 u 20 min. Langste: Trage berichtenbox (8 u 20 min). 1 van 2 met een doel binnen het doel opgelost."
    );
    let texts = texts(&check_svg(&chart));
    for label in ["Storing DigiD", "2 u 15 min · kritiek", "45 min · klein", "doel (oplostijd)", "0 min", "3 u"] {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
    let english = incident_durations(Lang::En, &incidents);
    assert_eq!(
        english.table.rows[1],
        ["Trage berichtenbox", "vr 6 nov 2026 14:40", "8 h 20 min", "major", "no (target 8 h)"]
    );
}
