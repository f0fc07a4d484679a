//! Writes example charts to a folder (default `/tmp`) as `chart-*.svg`, and all of them inline in one
//! page `chart-page.html` (figure, caption and table, as a page would embed them), to look at:
//!
//! ```sh
//! cargo run -p charts --example render -- /tmp
//! rsvg-convert -w 1200 -b white /tmp/chart-timeline-nl.svg -o /tmp/chart-timeline-nl.png
//! chromium --headless --screenshot=/tmp/page.png --window-size=900,4000 /tmp/chart-page.html
//! ```

use charts::{
    availability_timeline, incident_durations, latency, monthly_availability, Chart, DayStates, Impact, IncidentBar,
    Lang, LatencyPoint, MonthBar,
};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp".to_string());
    let mut charts = Vec::new();
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        charts.push((format!("timeline-{tag}"), availability_timeline(lang, "Zaaksysteem & <Archief>", &days(30))));
        charts.push((format!("monthly-{tag}"), monthly_availability(lang, &months(), 99.8)));
        charts.push((format!("latency-{tag}"), latency(lang, &points(7 * 24))));
        charts.push((format!("incidents-{tag}"), incident_durations(lang, &incidents())));
        charts.push((format!("empty-{tag}"), incident_durations(lang, &[])));
    }
    // Other sizes and edges, in Dutch.
    charts.push(("timeline-7".into(), availability_timeline(Lang::Nl, "Portaal", &days(7))));
    charts.push(("timeline-90".into(), availability_timeline(Lang::Nl, "Portaal", &days(90))));
    let low = [
        month("jan 2026", Some(62.5), true),
        month("feb 2026", Some(97.0), true),
        month("mrt 2026", Some(99.9), false),
    ];
    charts.push(("monthly-low".into(), monthly_availability(Lang::Nl, &low, 99.5)));
    charts.push(("latency-day".into(), latency(Lang::Nl, &points(26))));
    charts.push(("latency-one".into(), latency(Lang::Nl, &points(1))));
    let hostile = "</svg><script>alert(1)</script> & \"quotes\" 'x' — héél lang label dat niet past";
    charts.push((
        "incidents-hostile".into(),
        incident_durations(Lang::Nl, &[incident(hostile, hostile, 61, Impact::Major, Some(30))]),
    ));

    let mut page = String::from(
        "<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\"><title>charts</title>\
         <body style=\"font-family:sans-serif;max-width:820px;margin:auto\">\n",
    );
    for (name, chart) in &charts {
        std::fs::write(format!("{dir}/chart-{name}.svg"), &chart.svg)?;
        page.push_str(&format!("<figure><figcaption>{}</figcaption>\n{}\n", html(&chart.title), chart.svg));
        page.push_str(&table_html(chart));
        page.push_str("</figure>\n");
        println!("{name}: {}\n  {}", chart.title, chart.summary);
    }
    std::fs::write(format!("{dir}/chart-page.html"), page)
}

fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn table_html(chart: &Chart) -> String {
    let mut out = String::from("<details><summary>Tabel</summary><table><tr>");
    for h in &chart.table.headers {
        out.push_str(&format!("<th>{}</th>", html(h)));
    }
    out.push_str("</tr>");
    for row in chart.table.rows.iter().take(5) {
        out.push_str("<tr>");
        for cell in row {
            out.push_str(&format!("<td>{}</td>", html(cell)));
        }
        out.push_str("</tr>");
    }
    out + "</table></details>\n"
}

/// `n` days from 20 October 2026, with downtime, degradation, maintenance and a day without data.
fn days(n: u64) -> Vec<DayStates> {
    let start = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
    (0..n)
        .map(|i| {
            let date = start + Days::new(i);
            let (degraded, down, maintenance, no_data) = match i % 30 {
                3 => (120, 45, 0, 0),
                7 => (0, 0, 240, 0),
                12 => (30, 400, 0, 0),
                18 => (0, 0, 0, 1440),
                22 => (600, 10, 0, 90),
                _ => (0, 0, 0, 0),
            };
            // The clocks go back on 25 October 2026: that day has 1,500 minutes.
            let total = if i == 5 { 1500 } else { 1440 };
            let up = total - degraded - down - maintenance - no_data;
            DayStates {
                date,
                up_mins: up,
                degraded_mins: degraded,
                down_mins: down,
                maintenance_mins: maintenance,
                no_data_mins: no_data,
            }
        })
        .collect()
}

fn month(label: &str, pct: Option<f64>, breach: bool) -> MonthBar {
    MonthBar { label: label.to_string(), availability_pct: pct, breach }
}

/// Thirteen months, two breached, one without data, one above 100 (clamped).
fn months() -> Vec<MonthBar> {
    let values = [99.95, 99.91, 99.78, 100.0, 99.88, 99.97, f64::NAN, 99.85, 99.99, 98.74, 99.9, 99.93, 100.2];
    let names = ["nov", "dec", "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov"];
    values
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (&v, name))| {
            month(&format!("{name} {}", if i < 2 { 2025 } else { 2026 }), (!v.is_nan()).then_some(v), v < 99.8)
        })
        .collect()
}

/// Hourly points from 22 October 2026 (a week crosses the change to winter time), with a gap and
/// a spike.
fn points(n: i64) -> Vec<LatencyPoint> {
    let start = DateTime::parse_from_rfc3339("2026-10-22T00:00:00Z").map(|t| t.to_utc()).unwrap_or_default();
    let offset = if n < 48 { 30 } else { 0 };
    (offset..offset + n)
        .map(|h| {
            let at: DateTime<Utc> = start + Duration::hours(h);
            let wave = ((h % 24) as f64 / 24.0 * std::f64::consts::TAU).sin();
            let p50 = (180.0 + 60.0 * wave) as u32;
            let p95 = if h == 100 { 2450 } else { (620.0 + 240.0 * wave + (h % 7) as f64 * 25.0) as u32 };
            let gap = (60..66).contains(&h);
            LatencyPoint { at, p50_ms: (!gap).then_some(p50), p95_ms: (!gap).then_some(p95) }
        })
        .collect()
}

fn incident(label: &str, started: &str, minutes: u32, impact: Impact, target_minutes: Option<u32>) -> IncidentBar {
    IncidentBar { label: label.to_string(), started: started.to_string(), minutes, impact, target_minutes }
}

fn incidents() -> Vec<IncidentBar> {
    vec![
        incident("Storing inlogdienst DigiD-koppeling", "di 3 nov 2026 09:12", 135, Impact::Critical, Some(240)),
        incident("Vertraagde verwerking berichtenbox", "vr 6 nov 2026 14:40", 410, Impact::Major, Some(480)),
        incident(
            "Zaaksysteem onbereikbaar voor alle gebruikers in regio Noord",
            "ma 9 nov 2026 07:55",
            620,
            Impact::Major,
            Some(480),
        ),
        incident("Trage zoekfunctie", "wo 11 nov 2026 11:00", 45, Impact::Minor, None),
        incident("Gepland certificaat vernieuwd", "za 14 nov 2026 02:00", 20, Impact::None, None),
    ]
}
