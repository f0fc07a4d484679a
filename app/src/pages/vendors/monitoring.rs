//! The monitoring section of the vendor page: the current state per service and per source, problems
//! first and each with its reason (the vendor's open incident, or a probe's last error), each
//! source's last 24 hours hour by hour, open incidents with their latest update and upcoming
//! maintenance. Rendered only for roles that may view monitoring; it loads its own data.

use crate::api::monitoring::get_vendor_monitoring;
use crate::components::state::{state_text, StateBadge};
use crate::components::time::{local_clock, LocalTime};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::pages::monitoring::cause::StateReason;
use crate::pages::monitoring::events::{IncidentTable, MaintenanceTable};
use crate::pages::monitoring::{kind_label, MM};
use domain::monitoring::CheckState;
use domain::views_vendor_monitoring::{HourSummary, SourceDay};
use domain::{VendorId, VendorServiceId};
use leptos::prelude::*;

crate::messages!(
    /// Texts of the vendor page's monitoring section.
    VMon {
        Title => "Monitoring", "Monitoring";
        Services => "Toestand per dienst", "State per service";
        Sources => "Bronnen", "Sources";
        State => "Toestand", "State";
        Since => "Sinds", "Since";
        ReportedBy => "Gemeld door", "Reported by";
        NoReport => "Geen bron meldt nu iets over deze dienst.", "No source reports on this service now.";
        NoSources => "Voor deze leverancier zijn nog geen bronnen ingesteld.", "No sources have been set up for this vendor yet.";
        LastCheck => "Laatste controle", "Last check";
        UpShare => "Beschikbaar (24 uur)", "Available (24 hours)";
        Latency => "Responstijd mediaan / max (24 uur)", "Response time median / max (24 hours)";
        Day => "Afgelopen 24 uur, per uur", "Last 24 hours, by hour";
        DayLabel => "Afgelopen 24 uur per uur", "Last 24 hours by hour";
        HoursWith => "uur", "hours";
        NoChecks => "zonder controles", "without checks";
        Checks => "controles", "checks";
        AddSource => "Bron toevoegen voor", "Add source for";
        Overview => "Alle bronnen staan in het monitoringoverzicht.", "All sources are listed in the monitoring overview.";
    }
);

/// The CSS modifier of an hour cell.
fn hour_class(state: Option<CheckState>) -> &'static str {
    match state {
        Some(CheckState::Up) => "rk-hour rk-hour--up",
        Some(CheckState::Degraded) | Some(CheckState::Maintenance) => "rk-hour rk-hour--warn",
        Some(CheckState::Down) => "rk-hour rk-hour--down",
        None => "rk-hour",
    }
}

/// "22 uur beschikbaar, 1 uur verstoord, 1 uur zonder controles": the strip's text alternative.
fn day_text(hours: &[HourSummary], lang: Lang) -> String {
    let mut parts = Vec::new();
    for state in
        [Some(CheckState::Up), Some(CheckState::Degraded), Some(CheckState::Maintenance), Some(CheckState::Down)]
    {
        let n = hours.iter().filter(|h| h.worst() == state).count();
        if n > 0 {
            parts.push(format!("{n} {} {}", VMon::HoursWith.t(lang), state_text(state).t(lang).to_lowercase()));
        }
    }
    let empty = hours.iter().filter(|h| h.worst().is_none()).count();
    if empty > 0 {
        parts.push(format!("{empty} {} {}", VMon::HoursWith.t(lang), VMon::NoChecks.t(lang)));
    }
    format!("{}: {}", VMon::DayLabel.t(lang), parts.join(", "))
}

#[component]
fn DayStrip(day: SourceDay) -> impl IntoView {
    let lang = use_lang();
    let label = day_text(&day.hours, lang);
    view! {
        <span class="rk-hours" role="img" aria-label=label.clone() title=label>
            {day.hours.into_iter().map(|h| {
                let title = format!("{}: {} {}", local_clock(h.start), h.count, VMon::Checks.t(lang));
                view! { <span class=hour_class(h.worst()) title=title></span> }
            }).collect_view()}
        </span>
    }
}

fn percent(ratio: Option<f64>) -> String {
    ratio.map(|r| format!("{:.1} %", r * 100.0).replace('.', ",")).unwrap_or_default()
}

#[component]
pub fn VendorMonitoringSection(
    vendor: VendorId,
    /// The vendor's services, for the "add source" links (managers only).
    add_for: Vec<(VendorServiceId, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(move || vendor, get_vendor_monitoring);
    view! {
        <h2 class="utrecht-heading-2">{VMon::Title.t(lang)}</h2>
        <Suspense fallback=|| ()>
            {move || {
                let add_for = add_for.clone();
                Suspend::new(async move {
                let m = match data.await {
                    Ok(m) => m,
                    // The vendor page itself already reports a missing vendor or a refusal.
                    Err(AppError::NotFound | AppError::Forbidden) => return ().into_any(),
                    Err(e) => return view! { <p class="utrecht-paragraph">{e.message(lang)}</p> }.into_any(),
                };
                view! {
                    <h3 class="utrecht-heading-3">{VMon::Services.t(lang)}</h3>
                    // Focusable, so that a keyboard can scroll it on a narrow screen (it holds no link).
                    <div class="rk-table-scroll" role="region" aria-label=VMon::Services.t(lang) tabindex="0">
                    <table class="utrecht-table">
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="col">{MM::Service.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{VMon::State.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{VMon::Since.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{VMon::ReportedBy.t(lang)}</th>
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {m.services.into_iter().map(|s| view! {
                                <tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row">{s.name}</th>
                                    <td class="utrecht-table__cell">
                                        <StateBadge state=s.state/> " "
                                        <StateReason state=s.state cause=s.cause vendor=vendor error=s.error/>
                                    </td>
                                    <td class="utrecht-table__cell">{s.since.map(|t| view! { <LocalTime at=t/> })}</td>
                                    <td class="utrecht-table__cell">{if s.reported_by.is_empty() { VMon::NoReport.t(lang).to_string() } else { s.reported_by.join(", ") }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <h3 class="utrecht-heading-3">{VMon::Sources.t(lang)}</h3>
                    {if m.sources.is_empty() {
                        view! { <p class="utrecht-paragraph">{VMon::NoSources.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="rk-table-scroll">
                            <table class="utrecht-table">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Source.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Service.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Kind.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{VMon::State.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{VMon::LastCheck.t(lang)}</th>
                                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{VMon::UpShare.t(lang)}</th>
                                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{VMon::Latency.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{VMon::Day.t(lang)}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {m.sources.into_iter().zip(m.days).map(|(s, day)| {
                                        let state = s.current_state();
                                        let checked = s.status.as_ref().map(|st| view! { <LocalTime at=st.checked_at/> });
                                        let latency = match (day.p50_ms, day.max_ms) {
                                            (Some(p), Some(max)) => format!("{p} / {max} ms"),
                                            _ => String::new(),
                                        };
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/monitoring/bronnen/{}", s.id)>{s.name}</a></td>
                                                <td class="utrecht-table__cell">{s.service_name}</td>
                                                <td class="utrecht-table__cell">{kind_label(&s.kind, lang)}</td>
                                                <td class="utrecht-table__cell">
                                                    <StateBadge state=state/> " "
                                                    <StateReason state=state cause=s.cause vendor=vendor/>
                                                </td>
                                                <td class="utrecht-table__cell">{checked}</td>
                                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{percent(day.up_ratio)}</td>
                                                <td class="utrecht-table__cell utrecht-table__cell--numeric">{latency}</td>
                                                <td class="utrecht-table__cell"><DayStrip day/></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any()
                    }}
                    {(!add_for.is_empty()).then(|| view! {
                        <ul class="utrecht-unordered-list">
                            {add_for.into_iter().map(|(id, name)| view! {
                                <li class="utrecht-unordered-list__item">
                                    <a class="utrecht-link" href=format!("/monitoring/bronnen/nieuw?dienst={id}")>{VMon::AddSource.t(lang)} " " {name}</a>
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/monitoring">{VMon::Overview.t(lang)}</a></p>
                    <IncidentTable incidents=m.open_incidents with_service=true/>
                    <MaintenanceTable maintenances=m.upcoming_maintenances with_service=true/>
                }.into_any()
            })}}
        </Suspense>
    }
}
