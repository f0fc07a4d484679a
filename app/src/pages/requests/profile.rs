//! A work profile as the viewer would get it (`/zelfservice/profielen/:id`): what it bundles, what
//! changes compared with their current profile (services, device, security, the licence requests it
//! implies), and the form to ask for it.

use super::fill::FillForm;
use super::{device_text, measure_text, RM};
use crate::api::requests::get_profile_choice;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common};
use domain::requests::views::ProfileChoice;
use domain::WorkProfileId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Bundles => "Wat dit profiel bundelt", "What this profile bundles";
    Device => "Apparaat", "Device";
    Security => "Beveiliging", "Security";
    Services => "Diensten", "Services";
    Licences => "Licenties", "Licences";
    NoneItems => "geen", "none";
    Changes => "Wat verandert er voor u", "What changes for you";
    From => "Nu: {name}", "Now: {name}";
    NoCurrent => "U hebt nog geen werkprofiel.", "You do not have a work profile yet.";
    Gains => "Erbij", "Added";
    Loses => "Vervalt", "Removed";
    NewDevice => "Nieuw apparaat", "New device";
    LicenceRequests => "Licentieaanvragen die dit met zich meebrengt", "Licence requests this implies";
    SeatMore => "een licentie erbij", "one seat more";
    SeatBack => "een licentie terug", "one seat back";
    NoChange => "Er verandert niets aan uw diensten of licenties.", "Nothing changes in your services or licences.";
    IsCurrent => "Dit is uw huidige werkprofiel.", "This is your current work profile.";
    Pending => "U hebt al een aanvraag voor een ander werkprofiel lopen:", "You already have a work profile request in progress:";
    Ask => "Dit werkprofiel aanvragen", "Request this work profile";
    NoForm => "Het formulier om van werkprofiel te wisselen is niet beschikbaar; vraag de regie.", "The form to change work profile is not available; ask the regie team.";
});

/// The page at `/zelfservice/profielen/:id`.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<WorkProfileId>().ok());
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_profile_choice(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                match data.await {
                    Ok(c) => view! { <ProfileBody c csrf=me.csrf.clone()/> }.into_any(),
                    Err(e) => view! { <PageTitle text=RM::Profiles.t(lang)/> <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn list_or_none(items: Vec<String>, none: &'static str) -> AnyView {
    if items.is_empty() {
        view! { <p class="utrecht-paragraph">{none}</p> }.into_any()
    } else {
        view! { <ul class="utrecht-unordered-list">{items.into_iter().map(|i| view! { <li class="utrecht-unordered-list__item">{i}</li> }).collect_view()}</ul> }.into_any()
    }
}

#[component]
fn ProfileBody(c: ProfileChoice, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let p = c.profile.clone();
    let is_current = c.current.as_ref().map(|x| x.id) == Some(p.id);
    let ch = c.change.clone();
    let nothing = ch.services_added.is_empty()
        && ch.services_removed.is_empty()
        && ch.licences.is_empty()
        && ch.measures_added.is_empty()
        && ch.measures_removed.is_empty()
        && ch.device_to.is_none();
    let gains: Vec<String> = ch
        .services_added
        .iter()
        .map(|s| s.name.clone())
        .chain(ch.measures_added.iter().map(|m| measure_text(*m, lang).to_string()))
        .collect();
    let losses: Vec<String> = ch
        .services_removed
        .iter()
        .map(|s| s.name.clone())
        .chain(ch.measures_removed.iter().map(|m| measure_text(*m, lang).to_string()))
        .collect();
    view! {
        <PageTitle text=p.name.clone()/>
        <h1 class="utrecht-heading-1">{RM::Profiles.t(lang)} ": " {p.name.clone()}</h1>
        {p.description.clone().map(|d| view! { <p class="utrecht-paragraph">{d}</p> })}
        <section aria-labelledby="bundel">
            <h2 class="utrecht-heading-2" id="bundel">{M::Bundles.t(lang)}</h2>
            <dl class="rk-dl">
                <dt>{M::Device.t(lang)}</dt><dd>{device_text(p.device, lang)}</dd>
                <dt>{M::Security.t(lang)}</dt><dd>{list_or_none(p.measures.iter().map(|m| measure_text(*m, lang).to_string()).collect(), M::NoneItems.t(lang))}</dd>
                <dt>{M::Services.t(lang)}</dt><dd>{list_or_none(p.services.iter().map(|s| s.name.clone()).collect(), M::NoneItems.t(lang))}</dd>
                <dt>{M::Licences.t(lang)}</dt><dd>{list_or_none(p.licences.iter().map(|l| format!("{} ({})", l.licence_type, l.contract_reference)).collect(), M::NoneItems.t(lang))}</dd>
            </dl>
        </section>
        {if is_current {
            view! { <p class="utrecht-paragraph"><strong>{M::IsCurrent.t(lang)}</strong></p> }.into_any()
        } else {
            view! {
                <section aria-labelledby="verandert" data-testid="profile-change">
                    <h2 class="utrecht-heading-2" id="verandert">{M::Changes.t(lang)}</h2>
                    <p class="utrecht-paragraph">{match &c.current {
                        Some(cur) => M::From.t(lang).replace("{name}", &cur.name),
                        None => M::NoCurrent.t(lang).to_string(),
                    }}</p>
                    {nothing.then(|| view! { <p class="utrecht-paragraph">{M::NoChange.t(lang)}</p> })}
                    {(!gains.is_empty()).then(|| view! { <h3 class="utrecht-heading-3">{M::Gains.t(lang)}</h3> {list_or_none(gains.clone(), "")} })}
                    {(!losses.is_empty()).then(|| view! { <h3 class="utrecht-heading-3">{M::Loses.t(lang)}</h3> {list_or_none(losses.clone(), "")} })}
                    {ch.device_to.map(|d| view! { <p class="utrecht-paragraph">{M::NewDevice.t(lang)} ": " {device_text(d, lang)}</p> })}
                    {(!ch.licences.is_empty()).then(|| view! {
                        <h3 class="utrecht-heading-3">{M::LicenceRequests.t(lang)}</h3>
                        <ul class="utrecht-unordered-list" data-testid="licence-requests">
                            {ch.licences.iter().map(|l| view! {
                                <li class="utrecht-unordered-list__item">
                                    {format!("{} ({}): ", l.licence_type, l.contract_reference)}
                                    {if l.delta > 0 { M::SeatMore.t(lang) } else { M::SeatBack.t(lang) }}
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                </section>
                {match (c.pending, c.form.clone()) {
                    (Some(r), _) => view! {
                        <p class="utrecht-paragraph">{M::Pending.t(lang)} " " <a class="utrecht-link" href=format!("/aanvragen/{r}")>"#" {r.to_string()}</a></p>
                    }.into_any(),
                    (None, Some(form)) => view! {
                        <section aria-labelledby="aanvragen">
                            <h2 class="utrecht-heading-2" id="aanvragen">{M::Ask.t(lang)}</h2>
                            <FillForm form csrf=csrf.clone() profile=Some(p.id)/>
                        </section>
                    }.into_any(),
                    (None, None) => view! { <p class="utrecht-paragraph">{M::NoForm.t(lang)}</p> }.into_any(),
                }}
            }.into_any()
        }}
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/zelfservice">{RM::Portal.t(lang)}</a></p>
    }
}
