//! The licence list and rightsizing (`/licenties?dagen=30|60|90`): per licence the seats bought,
//! assigned and active, the utilisation, the seats that could be given back at the next true-down
//! (unassigned plus assigned without activity for the chosen number of days) and the saving per year,
//! largest saving first, with the "few free seats" and "low use" flags.

use super::{CostsNav, KM};
use crate::api::costs::licences;
use crate::components::errors::ErrorPage;
use crate::components::title::PageTitle;
use crate::i18n::{date, use_lang, Common, Lang};
use crate::pages::sla::fill;
use domain::text::format_euro;
use domain::views_licences::{LicenceList, LicenceRow};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

crate::messages!(M {
    Title => "Licenties en rightsizing", "Licences and rightsizing";
    Intro => "Benutting is actief gebruik gedeeld door de ingekochte licenties. Terug te geven zijn licenties die niemand heeft, plus toegewezen licenties zonder activiteit in de gekozen periode; de besparing geldt per jaar vanaf het volgende true-down-moment.", "Utilisation is active use divided by the seats bought. Seats to give back are those nobody has, plus assigned seats without activity in the chosen period; the saving is per year from the next true-down.";
    Window => "Zonder activiteit sinds", "Without activity for";
    Days => "{n} dagen", "{n} days";
    Total => "Samen te besparen: {amount} per jaar", "Together to save: {amount} per year";
    Caption => "Licenties, grootste besparing eerst", "Licences, largest saving first";
    Licence => "Licentie", "Licence";
    Purchased => "Ingekocht", "Bought";
    Assigned => "Toegewezen", "Assigned";
    Active => "Actief", "Active";
    Utilisation => "Benutting", "Utilisation";
    Removable => "Terug te geven", "To give back";
    Saving => "Besparing per jaar", "Saving per year";
    From => "Vanaf", "From";
    Flags => "Signalen", "Flags";
    FreeLow => "weinig vrije licenties", "few free seats";
    UseLow => "lage benutting", "low utilisation";
    NoUse => "nog geen gebruik gemeten", "no use measured yet";
    None => "Er zijn nog geen licenties vastgelegd. Leg ze vast op de kostenpagina van een contract.", "No licences have been recorded yet. Record them on a contract's cost page.";
});

/// Per mille as "81,5 %".
pub fn permille_text(p: u32, lang: Lang) -> String {
    let sep = if lang == Lang::Nl { ',' } else { '.' };
    format!("{}{sep}{} %", p / 10, p % 10)
}

/// The signal badges of a row.
pub fn flag_texts(r: &LicenceRow, lang: Lang) -> String {
    let mut out = Vec::new();
    if r.free_seats_low {
        out.push(M::FreeLow.t(lang));
    }
    if r.utilisation_low {
        out.push(M::UseLow.t(lang));
    }
    out.join(", ")
}

fn days_from(q: &leptos_router::params::ParamsMap) -> Option<u32> {
    q.get_str("dagen").and_then(|s| s.trim().parse().ok())
}

/// The page at `/licenties`.
#[component]
pub fn LicencesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let days = Memo::new(move |_| days_from(&query.read()));
    let data = Resource::new(move || days.get(), licences);
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
        <CostsNav current="/licenties"/>
        <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <LicenceTable list/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LicenceTable(list: LicenceList) -> impl IntoView {
    let lang = use_lang();
    if list.rows.is_empty() {
        return view! { <p class="utrecht-paragraph">{M::None.t(lang)}</p> }.into_any();
    }
    let days = list.days;
    view! {
        <form class="rk-filters" method="get" action="/licenties">
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="dagen">{M::Window.t(lang)}</label>
                <select class="utrecht-select" id="dagen" name="dagen">
                    {[30u32, 60, 90].into_iter().map(|d| view! {
                        <option value=d.to_string() selected=d == days>{fill(M::Days.t(lang), &[("n", d.to_string())])}</option>
                    }).collect_view()}
                </select>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{KM::Show.t(lang)}</button>
        </form>
        <p class="utrecht-paragraph rk-figure" data-testid="total-saving">{fill(M::Total.t(lang), &[("amount", format_euro(list.total_saving_per_year_cents))])}</p>
        <div class="rk-table-scroll">
        <table class="utrecht-table" data-testid="licences">
            <caption class="utrecht-table__caption">{M::Caption.t(lang)}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{M::Licence.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::Vendor.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Purchased.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Assigned.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Active.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Utilisation.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Removable.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Saving.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::From.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::Flags.t(lang)}</th>
            </tr></thead>
            <tbody class="utrecht-table__body">
                {list.rows.into_iter().map(|r| {
                    let l = &r.licence;
                    let u = l.latest.as_ref();
                    let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
                    let flags = flag_texts(&r, lang);
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href=format!("/licenties/{}?dagen={days}", l.id)>{l.licence_type.clone()}</a> " " <span class="rk-muted">{l.contract_reference.clone()}</span></th>
                            <td class="utrecht-table__cell">{l.vendor_name.clone()}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{l.purchased}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{num(u.map(|u| u.assigned))}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{num(u.map(|u| u.active))}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{r.utilisation_permille.map(|p| permille_text(p, lang)).unwrap_or_else(|| M::NoUse.t(lang).to_string())}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{num(r.removable)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{r.saving_per_year_cents.map(format_euro).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">{l.true_down.map(date).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">{flags}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
