//! What vendors report on their status pages, as shown on the source and vendor pages: open incidents
//! with their latest update, and upcoming maintenance. The vendor's status words are translated.

use super::cause::{INCIDENTS_ANCHOR, MAINTENANCE_ANCHOR};
use super::MM;
use crate::components::time::LocalTime;
use crate::i18n::{use_lang, Lang};
use domain::views_monitoring::{IncidentView, MaintenanceView};
use leptos::prelude::*;

crate::messages!(
    /// Texts of the incident and maintenance tables.
    E {
        Incidents => "Open storingen", "Open incidents";
        NoIncidents => "Geen open storingen gemeld.", "No open incidents reported.";
        Maintenance => "Gepland onderhoud", "Scheduled maintenance";
        NoMaintenance => "Geen gepland onderhoud.", "No scheduled maintenance.";
        VendorStatus => "Status bij de leverancier", "Vendor status";
        Impact => "Impact", "Impact";
        Service => "Dienst", "Service";
        LatestUpdate => "Laatste update", "Latest update";
        From => "Van", "From";
        Until => "Tot", "Until";
        Investigating => "wordt onderzocht", "investigating";
        Identified => "oorzaak gevonden", "identified";
        Monitoring => "wordt gevolgd", "monitoring";
        Resolved => "opgelost", "resolved";
        Postmortem => "nabeschouwing", "postmortem";
        Scheduled => "gepland", "scheduled";
        InProgress => "bezig", "in progress";
        Verifying => "wordt gecontroleerd", "verifying";
        Completed => "afgerond", "completed";
        ImpactNone => "geen", "none";
        ImpactMinor => "klein", "minor";
        ImpactMajor => "groot", "major";
        ImpactCritical => "kritiek", "critical";
        ImpactMaintenance => "onderhoud", "maintenance";
    }
);

/// A Statuspage status or impact word in the user's language; an unknown word is shown as the vendor
/// wrote it.
pub fn vendor_word(word: &str, lang: Lang) -> String {
    let known = match word {
        "investigating" => E::Investigating,
        "identified" => E::Identified,
        "monitoring" => E::Monitoring,
        "resolved" => E::Resolved,
        "postmortem" => E::Postmortem,
        "scheduled" => E::Scheduled,
        "in_progress" => E::InProgress,
        "verifying" => E::Verifying,
        "completed" => E::Completed,
        "none" => E::ImpactNone,
        "minor" => E::ImpactMinor,
        "major" => E::ImpactMajor,
        "critical" => E::ImpactCritical,
        "maintenance" => E::ImpactMaintenance,
        other => return other.to_string(),
    };
    known.t(lang).to_string()
}

/// A column header cell.
pub(super) fn th(text: &'static str) -> impl IntoView {
    view! { <th class="utrecht-table__header-cell" scope="col">{text}</th> }
}

/// A section heading: h2 on its own page, h3 inside another section; `id` is the anchor a state's
/// reason links to.
fn heading(text: &'static str, nested: bool, id: &'static str) -> AnyView {
    if nested {
        view! { <h3 class="utrecht-heading-3" id=id>{text}</h3> }.into_any()
    } else {
        view! { <h2 class="utrecht-heading-2" id=id>{text}</h2> }.into_any()
    }
}

/// The open incidents, with a heading; `with_service` adds the service column and makes the heading
/// a level lower (vendor page).
#[component]
pub fn IncidentTable(incidents: Vec<IncidentView>, #[prop(optional)] with_service: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        {heading(E::Incidents.t(lang), with_service, INCIDENTS_ANCHOR)}
        {if incidents.is_empty() {
            view! { <p class="utrecht-paragraph">{E::NoIncidents.t(lang)}</p> }.into_any()
        } else {
            view! {
                <div class="rk-table-scroll">
                <table class="utrecht-table">
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        {th(MM::Name.t(lang))}
                        {with_service.then(|| th(E::Service.t(lang)))}
                        {th(E::VendorStatus.t(lang))}{th(E::Impact.t(lang))}{th(E::LatestUpdate.t(lang))}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {incidents.into_iter().map(|i| view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell">{match i.shortlink.filter(|l| domain::views_monitoring::is_http_url(l)) {
                                    Some(l) => view! { <a class="utrecht-link" href=l rel="noopener noreferrer">{i.name}</a> }.into_any(),
                                    None => i.name.into_any(),
                                }}</td>
                                {with_service.then(|| view! { <td class="utrecht-table__cell">{i.service_name.clone()}</td> })}
                                <td class="utrecht-table__cell">{vendor_word(&i.status, lang)}</td>
                                <td class="utrecht-table__cell">{vendor_word(&i.impact, lang)}</td>
                                <td class="utrecht-table__cell">{match i.latest_update {
                                    Some(u) => view! { <LocalTime at=u.at/> {format!(" ({}): {}", vendor_word(&u.status, lang), u.body)} }.into_any(),
                                    None => view! { <LocalTime at=i.updated_at/> }.into_any(),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
    }
}

/// The upcoming (and running) maintenance, with a heading; `with_service` as for [`IncidentTable`].
#[component]
pub fn MaintenanceTable(maintenances: Vec<MaintenanceView>, #[prop(optional)] with_service: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        {heading(E::Maintenance.t(lang), with_service, MAINTENANCE_ANCHOR)}
        {if maintenances.is_empty() {
            view! { <p class="utrecht-paragraph">{E::NoMaintenance.t(lang)}</p> }.into_any()
        } else {
            view! {
                <div class="rk-table-scroll">
                <table class="utrecht-table">
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        {th(MM::Name.t(lang))}
                        {with_service.then(|| th(E::Service.t(lang)))}
                        {th(E::VendorStatus.t(lang))}{th(E::From.t(lang))}{th(E::Until.t(lang))}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {maintenances.into_iter().map(|m| view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell">{m.name}</td>
                                {with_service.then(|| view! { <td class="utrecht-table__cell">{m.service_name.clone()}</td> })}
                                <td class="utrecht-table__cell">{vendor_word(&m.status, lang)}</td>
                                <td class="utrecht-table__cell">{m.scheduled_for.map(|t| view! { <LocalTime at=t/> })}</td>
                                <td class="utrecht-table__cell">{m.scheduled_until.map(|t| view! { <LocalTime at=t/> })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
    }
}
