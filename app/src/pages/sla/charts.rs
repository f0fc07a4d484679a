//! The report's charts: drawn on the server by the `charts` crate from the SLA history, and shown with
//! their caption, their text summary and a table alternative that opens on request.

use crate::i18n::Lang;
use domain::sla::views::ChartView;
use leptos::prelude::*;

crate::messages!(M {
    ShowTable => "Toon de gegevens als tabel", "Show the data as a table";
});

/// Draws every chart of `h` (server only).
#[cfg(feature = "ssr")]
pub fn render(h: &domain::sla::views::History, lang: Lang) -> Vec<ChartView> {
    use crate::components::time::local_time;
    let cl = chart_lang(lang);
    let mut out = Vec::new();
    let months: Vec<charts::MonthBar> = h
        .months
        .iter()
        .map(|m| charts::MonthBar {
            label: short_period(&m.period, cl),
            availability_pct: m.availability_pct,
            breach: m.breach,
        })
        .collect();
    out.push(view(charts::monthly_availability(cl, &months, h.target_pct)));
    out.extend(render_services(&h.services, lang));
    let incidents: Vec<charts::IncidentBar> = h
        .incidents
        .iter()
        .map(|i| charts::IncidentBar {
            label: i.name.clone(),
            started: local_time(i.created_at),
            minutes: u32::try_from(i.minutes.max(0)).unwrap_or(u32::MAX),
            impact: match i.impact.as_str() {
                "critical" => charts::Impact::Critical,
                "major" => charts::Impact::Major,
                "minor" => charts::Impact::Minor,
                _ => charts::Impact::None,
            },
            target_minutes: i.target_minutes,
        })
        .collect();
    out.push(view(charts::incident_durations(cl, &incidents)));
    out
}

/// `2026-11` as "nov 2026"; a quarter as its first month ("okt 2026").
#[cfg(feature = "ssr")]
fn short_period(label: &str, lang: charts::Lang) -> String {
    let month = label.get(5..7).and_then(|m| m.parse::<u32>().ok());
    match (label.get(..4), month) {
        (Some(y), Some(m)) => format!("{} {y}", charts::format::month_short(lang, m)),
        _ => label.to_string(),
    }
}

/// Per service the 30-day timeline and, when our probe measures it, the latency chart (server only).
#[cfg(feature = "ssr")]
pub fn render_services(services: &[domain::sla::views::ServiceHistory], lang: Lang) -> Vec<ChartView> {
    let cl = chart_lang(lang);
    let mut out = Vec::new();
    for s in services {
        let days: Vec<charts::DayStates> = s
            .days
            .iter()
            .map(|d| charts::DayStates {
                date: d.date,
                up_mins: d.up,
                degraded_mins: d.degraded,
                down_mins: d.down,
                maintenance_mins: d.maintenance,
                no_data_mins: d.no_data,
            })
            .collect();
        out.push(view(charts::availability_timeline(cl, &s.name, &days)));
        if !s.latency.is_empty() {
            let points: Vec<charts::LatencyPoint> = s
                .latency
                .iter()
                .map(|l| charts::LatencyPoint { at: l.day_start, p50_ms: l.p50_ms, p95_ms: l.p95_ms })
                .collect();
            let mut c = charts::latency(cl, &points);
            c.title = format!("{}: {}", c.title, s.name);
            out.push(view(c));
        }
    }
    out
}

#[cfg(feature = "ssr")]
fn chart_lang(lang: Lang) -> charts::Lang {
    match lang {
        Lang::Nl => charts::Lang::Nl,
        Lang::En => charts::Lang::En,
    }
}

#[cfg(feature = "ssr")]
fn view(c: charts::Chart) -> ChartView {
    ChartView { svg: c.svg, title: c.title, summary: c.summary, headers: c.table.headers, rows: c.table.rows }
}

/// One chart as a figure: caption, picture, summary and the table behind a disclosure.
#[component]
pub fn ChartFigure(chart: ChartView, lang: Lang) -> impl IntoView {
    view! {
        <figure class="rk-chart">
            <figcaption class="utrecht-heading-3">{chart.title.clone()}</figcaption>
            <div class="rk-chart__svg" inner_html=chart.svg.clone()></div>
            <p class="utrecht-paragraph rk-chart__summary">{chart.summary.clone()}</p>
            <details class="rk-chart__table">
                <summary>{M::ShowTable.t(lang)}</summary>
                <div class="rk-table-scroll"><table class="utrecht-table">
                    <caption class="utrecht-table__caption">{chart.title.clone()}</caption>
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        {chart.headers.iter().map(|h| view! { <th class="utrecht-table__header-cell" scope="col">{h.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {chart.rows.iter().map(|r| view! {
                            <tr class="utrecht-table__row">{r.iter().map(|c| view! { <td class="utrecht-table__cell">{c.clone()}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            </details>
        </figure>
    }
}
