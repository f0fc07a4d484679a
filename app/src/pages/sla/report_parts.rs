//! Parts of the SLA report: the vendor incidents with their resolution times, and the words for
//! states, impacts and how an interval counted.

use super::{duration, SL};
use crate::components::time::LocalTime;
use crate::i18n::{use_lang, Lang};
use domain::sla::evaluate::{Finding, Reason, Treatment};
use domain::sla::views::Report;
use domain::sla::IntervalState;
use leptos::prelude::*;

crate::messages!(M {
    IncidentsHeading => "Incidenten van de leverancier", "Vendor incidents";
    NoIncidents => "De leverancier meldde geen incidenten in deze periode.", "The vendor reported no incidents in this period.";
    Incident => "Incident", "Incident";
    Impact => "Impact", "Impact";
    Reported => "Gemeld", "Reported";
    Resolved => "Opgelost", "Resolved";
    Open => "nog open", "still open";
    ResolutionTime => "Oplostijd", "Resolution time";
    CaptionIncidents => "Incidenten met oplostijd", "Incidents with resolution time";
});

/// How an interval counted, in words.
pub fn reason_text(f: &Finding, lang: Lang) -> &'static str {
    let nl = matches!(lang, Lang::Nl);
    match (f.treatment, f.reason) {
        (Treatment::OutsideWindow, _) | (_, Reason::OutsideWindow) => {
            if nl {
                "buiten het servicevenster"
            } else {
                "outside the service window"
            }
        }
        (_, Reason::Down) => {
            if nl {
                "storing"
            } else {
                "downtime"
            }
        }
        (_, Reason::DegradedCountsAsDown) => {
            if nl {
                "storing (verminderd telt als storing)"
            } else {
                "downtime (degraded counts as down)"
            }
        }
        (_, Reason::DegradedDoesNotCount) => {
            if nl {
                "telt niet (verminderd telt niet als storing)"
            } else {
                "not counted (degraded does not count)"
            }
        }
        (_, Reason::Up) => {
            if nl {
                "beschikbaar"
            } else {
                "available"
            }
        }
        (_, Reason::MaintenanceAnnouncedInTime) => {
            if nl {
                "uitgesloten: onderhoud op tijd aangekondigd"
            } else {
                "excluded: maintenance announced in time"
            }
        }
        (_, Reason::MaintenanceAnnouncedLate) => {
            if nl {
                "storing: onderhoud te laat aangekondigd"
            } else {
                "downtime: maintenance announced too late"
            }
        }
        (_, Reason::MaintenanceUnannounced) => {
            if nl {
                "storing: onderhoud niet aangekondigd"
            } else {
                "downtime: maintenance not announced"
            }
        }
    }
}

/// A vendor incident's impact in words.
pub fn impact_text(impact: &str, lang: Lang) -> String {
    let nl = matches!(lang, Lang::Nl);
    match impact {
        "critical" => if nl { "kritiek" } else { "critical" }.into(),
        "major" => if nl { "groot" } else { "major" }.into(),
        "minor" => if nl { "klein" } else { "minor" }.into(),
        "none" => if nl { "geen" } else { "none" }.into(),
        other => other.to_string(),
    }
}

pub fn state_text(s: IntervalState, lang: Lang) -> &'static str {
    let nl = matches!(lang, Lang::Nl);
    match s {
        IntervalState::Up => {
            if nl {
                "beschikbaar"
            } else {
                "available"
            }
        }
        IntervalState::Down => {
            if nl {
                "niet beschikbaar"
            } else {
                "unavailable"
            }
        }
        IntervalState::Degraded => {
            if nl {
                "verstoord"
            } else {
                "degraded"
            }
        }
        IntervalState::Maintenance => {
            if nl {
                "onderhoud"
            } else {
                "maintenance"
            }
        }
    }
}

#[component]
pub fn IncidentsSection(r: Report) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="rk-card" aria-labelledby="incidenten">
            <h2 class="utrecht-heading-2" id="incidenten">{M::IncidentsHeading.t(lang)}</h2>
            {if r.incidents.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoIncidents.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <div class="rk-table-scroll"><table class="utrecht-table">
                        <caption class="utrecht-table__caption">{M::CaptionIncidents.t(lang)}</caption>
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            {[M::Incident, M::Impact, M::Reported, M::Resolved, M::ResolutionTime].map(|h| view! { <th class="utrecht-table__header-cell" scope="col">{h.t(lang)}</th> })}
                            <th class="utrecht-table__header-cell" scope="col">{SL::Target.t(lang)}</th>
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {r.incidents.into_iter().map(|i| {
                                let verdict = match i.met {
                                    Some(true) => view! { <span class="rk-status rk-status--op-schema">{SL::Met.t(lang)}</span> }.into_any(),
                                    Some(false) => view! { <span class="rk-status rk-status--verlopen">{SL::Breached.t(lang)}</span> }.into_any(),
                                    None => ().into_any(),
                                };
                                view! {
                                    <tr class="utrecht-table__row">
                                        <td class="utrecht-table__cell">{i.name}</td>
                                        <td class="utrecht-table__cell">{impact_text(&i.impact, lang)}</td>
                                        <td class="utrecht-table__cell"><LocalTime at=i.created_at/></td>
                                        <td class="utrecht-table__cell">{match i.resolved_at { Some(t) => view! { <LocalTime at=t/> }.into_any(), None => M::Open.t(lang).into_any() }}</td>
                                        <td class="utrecht-table__cell">{duration(i.minutes as f64, lang)}</td>
                                        <td class="utrecht-table__cell">{i.target_minutes.map(|t| duration(f64::from(t), lang))} " " {verdict}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}
