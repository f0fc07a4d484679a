//! The staff portal (`/zelfservice`, and the start page of a medewerker): my requests and where they
//! stand, requests waiting for my approval as a line manager, the forms to ask for something or report
//! a problem, the work profiles, and the catalogue of the organisation's services with how they are
//! doing right now.

use super::{health_text, health_tone, RequestStatusPill, RM};
use crate::api::requests::get_portal;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::time::LocalTime;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common};
use domain::policy::{allowed, Action};
use domain::requests::views::{CatalogueService, Portal, RequestSummary};
use leptos::prelude::*;

crate::messages!(M {
    Welcome => "Welkom", "Welcome";
    Intro => "Hier vraagt u iets aan, meldt u een storing en ziet u waar uw aanvragen staan.", "Here you ask for something, report a problem and see where your requests stand.";
    Mine => "Mijn aanvragen", "My requests";
    NoneYet => "U hebt nog geen aanvragen gedaan.", "You have not filed any requests yet.";
    ToApprove => "Wacht op uw goedkeuring", "Waiting for your approval";
    Team => "Aanvragen van uw team", "Your team's requests";
    Ask => "Iets aanvragen of melden", "Ask for something or report a problem";
    NoForms => "Er zijn nog geen formulieren gepubliceerd.", "No forms have been published yet.";
    Days => "Afhandeling binnen {days} dagen", "Handled within {days} days";
    OneDay => "Afhandeling binnen 1 dag", "Handled within 1 day";
    Profiles => "Werkprofielen", "Work profiles";
    ProfilesIntro => "Een werkprofiel bundelt de diensten, licenties, het apparaat en de beveiliging die bij uw manier van werken horen.", "A work profile bundles the services, licences, device and security that fit your way of working.";
    Current => "Uw huidige profiel", "Your current profile";
    View => "Bekijken en kiezen", "View and choose";
    Services => "Diensten", "Services";
    ServicesCaption => "De diensten van de organisatie en hoe ze nu werken", "The organisation's services and how they work now";
    Purpose => "Waarvoor", "What for";
    PersonalData => "Persoonsgegevens", "Personal data";
    Now => "Nu", "Now";
    Yes => "ja", "yes";
    No => "nee", "no";
    Since => "sinds", "since";
    Incident => "melding van de leverancier", "vendor's notice";
    Manage => "Formulieren en werkprofielen beheren", "Manage forms and work profiles";
    AllRequests => "Alle aanvragen", "All requests";
});

/// The page at `/zelfservice`.
#[component]
pub fn PortalPage() -> impl IntoView {
    view! { <PortalView/> }
}

/// The portal; also the body of a medewerker's start page.
#[component]
pub fn PortalView() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_portal());
    view! {
        <PageTitle text=RM::Portal.t(lang)/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                match data.await {
                    Ok(p) => view! { <PortalBody p regie=allowed(me.role, Action::ManageRequestForms) name=me.display_name.clone()/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PortalBody(p: Portal, regie: bool, name: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1 class="utrecht-heading-1">{RM::Portal.t(lang)}</h1>
        <p class="utrecht-paragraph">{M::Welcome.t(lang)} ", " {name} ". " {M::Intro.t(lang)}</p>
        {regie.then(|| view! {
            <p class="utrecht-paragraph">
                <a class="utrecht-link" href="/aanvragen">{M::AllRequests.t(lang)}</a> " · "
                <a class="utrecht-link" href="/zelfservice/beheer">{M::Manage.t(lang)}</a>
            </p>
        })}
        <section aria-labelledby="mijn-aanvragen">
            <h2 class="utrecht-heading-2" id="mijn-aanvragen">{M::Mine.t(lang)}</h2>
            {if p.mine.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoneYet.t(lang)}</p> }.into_any()
            } else {
                view! { <RequestTable rows=p.mine.clone() caption=M::Mine.t(lang) with_requester=false/> }.into_any()
            }}
        </section>
        {(!p.to_approve.is_empty()).then(|| view! {
            <section aria-labelledby="goedkeuren">
                <h2 class="utrecht-heading-2" id="goedkeuren">{M::ToApprove.t(lang)}</h2>
                <RequestTable rows=p.to_approve.clone() caption=M::ToApprove.t(lang) with_requester=true/>
            </section>
        })}
        {(!p.team.is_empty()).then(|| view! {
            <section aria-labelledby="team">
                <h2 class="utrecht-heading-2" id="team">{M::Team.t(lang)}</h2>
                <RequestTable rows=p.team.clone() caption=M::Team.t(lang) with_requester=true/>
            </section>
        })}
        <section aria-labelledby="aanvragen">
            <h2 class="utrecht-heading-2" id="aanvragen">{M::Ask.t(lang)}</h2>
            {if p.forms.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoForms.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="rk-cards">
                        {p.forms.iter().map(|f| view! {
                            <li class="rk-card">
                                <h3 class="utrecht-heading-3"><a class="utrecht-link" href=format!("/zelfservice/formulieren/{}", f.id)>{f.title.clone()}</a></h3>
                                {f.description.clone().map(|d| view! { <p class="utrecht-paragraph">{d}</p> })}
                                <p class="utrecht-paragraph rk-muted">{if f.handling_days == 1 { M::OneDay.t(lang).to_string() } else { M::Days.t(lang).replace("{days}", &f.handling_days.to_string()) }}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="werkprofielen">
            <h2 class="utrecht-heading-2" id="werkprofielen">{M::Profiles.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::ProfilesIntro.t(lang)}</p>
            <ul class="rk-cards">
                {p.profiles.iter().map(|pr| {
                    let current = p.my_profile == Some(pr.id);
                    view! {
                        <li class="rk-card" class:rk-card--current=current>
                            <h3 class="utrecht-heading-3">{pr.name.clone()}</h3>
                            {current.then(|| view! { <p class="utrecht-paragraph"><strong>{M::Current.t(lang)}</strong></p> })}
                            {pr.description.clone().map(|d| view! { <p class="utrecht-paragraph">{d}</p> })}
                            <p class="utrecht-paragraph"><a class="utrecht-link" href=format!("/zelfservice/profielen/{}", pr.id)>{M::View.t(lang)} <span class="rk-visually-hidden">": " {pr.name.clone()}</span></a></p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <Catalogue services=p.services/>
    }
}

/// A list of requests.
#[component]
pub fn RequestTable(rows: Vec<RequestSummary>, caption: &'static str, with_requester: bool) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="rk-table-scroll">
        <table class="utrecht-table" data-testid="requests">
            <caption class="utrecht-table__caption">{caption}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{RM::Request.t(lang)}</th>
                {with_requester.then(|| view! { <th class="utrecht-table__header-cell" scope="col">{RM::Requester.t(lang)}</th> })}
                <th class="utrecht-table__header-cell" scope="col">{RM::Service.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{RM::Status.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{RM::Filed.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{RM::Due.t(lang)}</th>
            </tr></thead>
            <tbody class="utrecht-table__body">
                {rows.into_iter().map(|r| view! {
                    <tr class="utrecht-table__row">
                        <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/aanvragen/{}", r.id)>"#" {r.id.to_string()} " " {r.form_title.clone()}</a></td>
                        {with_requester.then(|| view! { <td class="utrecht-table__cell">{r.requester_name.clone().unwrap_or_else(|| RM::Anonymised.t(lang).into())}</td> })}
                        <td class="utrecht-table__cell">{r.service_name.clone().unwrap_or_default()}</td>
                        <td class="utrecht-table__cell">
                            <RequestStatusPill status=r.status/>
                            {r.waiting_for.map(|s| view! { " " <span class="rk-muted">{super::waiting_text(s, lang)}</span> })}
                        </td>
                        <td class="utrecht-table__cell"><LocalTime at=r.filed_at/></td>
                        <td class="utrecht-table__cell">{date(r.due_on)} {r.overdue.then(|| view! { " " <strong class="rk-overdue">{RM::Overdue.t(lang)}</strong> })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn Catalogue(services: Vec<CatalogueService>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="diensten">
            <h2 class="utrecht-heading-2" id="diensten">{M::Services.t(lang)}</h2>
            <div class="rk-table-scroll">
            <table class="utrecht-table" data-testid="catalogue">
                <caption class="utrecht-table__caption">{M::ServicesCaption.t(lang)}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">{RM::Service.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Purpose.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{RM::Vendor.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::PersonalData.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Now.t(lang)}</th>
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {services.into_iter().map(|s| view! {
                        <tr class="utrecht-table__row" id=format!("dienst-{}", s.id)>
                            <th class="utrecht-table__header-cell" scope="row">{s.name.clone()}</th>
                            <td class="utrecht-table__cell">{s.description.clone().unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">{s.vendor_name.clone()}</td>
                            <td class="utrecht-table__cell">{if s.personal_data { M::Yes.t(lang) } else { M::No.t(lang) }}</td>
                            <td class="utrecht-table__cell">
                                <span class=format!("rk-status rk-health--{}", health_tone(s.health))>{health_text(s.health, lang)}</span>
                                {s.since.filter(|_| s.health != domain::requests::views::Health::Unknown).map(|t| view! { " " {M::Since.t(lang)} " " <LocalTime at=t/> })}
                                {s.incident.clone().map(|i| view! {
                                    <br/>
                                    {match i.link {
                                        Some(href) => view! { <a class="utrecht-link" href=href>{i.name.clone()}</a> }.into_any(),
                                        None => view! { <span>{i.name.clone()}</span> }.into_any(),
                                    }}
                                    " (" {M::Incident.t(lang)} ")"
                                })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
