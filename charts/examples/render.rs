//! Writes example charts to a folder (default `/tmp`) as `chart-*.svg`, to look at:
//! `cargo run -p charts --example render -- /tmp` then e.g. `rsvg-convert -w 1200 -b white`.

use charts::{
    availability_timeline, incident_durations, latency, monthly_availability, Chart, DayStates, Impact, IncidentBar,
    Lang, LatencyPoint, MonthBar,
};
use chrono::NaiveDate;

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp".to_string());
    let start = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
    let days: Vec<DayStates> = (0..30)
        .map(|i| {
            let date = start + chrono::Days::new(i);
            let (degraded, down, maintenance, no_data) = match i {
                3 => (120, 45, 0, 0),
                7 => (0, 0, 240, 0),
                12 => (30, 400, 0, 0),
                18 => (0, 0, 0, 1440),
                22 => (600, 10, 0, 90),
                _ => (0, 0, 0, 0),
            };
            let total = if date == NaiveDate::from_ymd_opt(2026, 10, 25).unwrap_or_default() { 1500 } else { 1440 };
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
        .collect();
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let chart = availability_timeline(lang, "Zaaksysteem & <Archief>", &days);
        std::fs::write(format!("{dir}/chart-timeline-{tag}.svg"), &chart.svg)?;
        println!("{}\n{}\n", chart.title, chart.summary);
    }
    let values = [99.95, 99.91, 99.78, 100.0, 99.88, 99.97, f64::NAN, 99.85, 99.99, 98.74, 99.9, 99.93, 100.2];
    let names = ["nov", "dec", "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov"];
    let months: Vec<MonthBar> = values
        .iter()
        .zip(names)
        .enumerate()
        .map(|(i, (&v, name))| MonthBar {
            label: format!(
                "{name} {}",
                if i < 2 {
                    2025
                } else if i < 14 {
                    2026
                } else {
                    2027
                }
            ),
            availability_pct: (!v.is_nan()).then_some(v),
            breach: v < 99.8,
        })
        .collect();
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        let chart = monthly_availability(lang, &months, 99.8);
        std::fs::write(format!("{dir}/chart-monthly-{tag}.svg"), &chart.svg)?;
        println!("{}\n{}\n", chart.title, chart.summary);
    }
    let start = chrono::DateTime::parse_from_rfc3339("2026-10-22T00:00:00Z").map(|t| t.to_utc()).unwrap_or_default();
    let points: Vec<LatencyPoint> = (0..7 * 24)
        .map(|h: i64| {
            let at = start + chrono::Duration::hours(h);
            let wave = ((h % 24) as f64 / 24.0 * std::f64::consts::TAU).sin();
            let p50 = (180.0 + 60.0 * wave) as u32;
            let p95 = if h == 100 { 2450 } else { (620.0 + 240.0 * wave + (h % 7) as f64 * 25.0) as u32 };
            let gap = (60..66).contains(&h);
            LatencyPoint { at, p50_ms: (!gap).then_some(p50), p95_ms: (!gap).then_some(p95) }
        })
        .collect();
    let incidents = vec![
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
    ];
    for (lang, tag) in [(Lang::Nl, "nl"), (Lang::En, "en")] {
        write(&dir, &format!("latency-{tag}"), &latency(lang, &points))?;
        write(&dir, &format!("latency-day-{tag}"), &latency(lang, &points[30..56]))?;
        write(&dir, &format!("incidents-{tag}"), &incident_durations(lang, &incidents))?;
        write(&dir, &format!("empty-{tag}"), &incident_durations(lang, &[]))?;
    }
    Ok(())
}

fn incident(label: &str, started: &str, minutes: u32, impact: Impact, target_minutes: Option<u32>) -> IncidentBar {
    IncidentBar { label: label.to_string(), started: started.to_string(), minutes, impact, target_minutes }
}

fn write(dir: &str, name: &str, chart: &Chart) -> std::io::Result<()> {
    std::fs::write(format!("{dir}/chart-{name}.svg"), &chart.svg)?;
    println!("{}\n{}\n", chart.title, chart.summary);
    Ok(())
}
