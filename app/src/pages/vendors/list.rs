//! The vendor list, sorted by any column and searched through the URL (`?sorteer=…&richting=af&zoek=…`).

use super::VM;
use crate::api::vendors::list_vendors;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::sortable::{by_text, found_text, ListQuery, SearchBox, SortHeader};
use crate::components::title::PageTitle;
use crate::i18n::{use_lang, Label, Lang};
use domain::policy::{allowed, Action};
use domain::vendor::{Criticality, VendorSummary};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::cmp::Ordering;

crate::messages!(M {
    Search => "Zoek op naam of categorie", "Search by name or category";
    NoMatch => "Geen leverancier gevonden. Pas de zoekopdracht aan of wis die.", "No vendor found. Change the search or clear it.";
});

const COLUMNS: [&str; 5] = ["naam", "categorie", "kritikaliteit", "diensten", "contracten"];
const DEFAULT: &str = "naam";
const BASE: &str = "/leveranciers";

fn rank(c: Criticality) -> usize {
    Criticality::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

fn compare(lang: Lang) -> impl Fn(&str, &VendorSummary, &VendorSummary) -> Ordering {
    move |column, a, b| {
        match column {
            "categorie" => by_text(a.category.label(lang), b.category.label(lang)),
            // Most critical first, as people look for those.
            "kritikaliteit" => rank(b.criticality).cmp(&rank(a.criticality)),
            "diensten" => a.service_count.cmp(&b.service_count),
            "contracten" => a.contract_count.cmp(&b.contract_count),
            _ => Ordering::Equal,
        }
        .then_with(|| by_text(&a.name, &b.name))
    }
}

#[component]
pub fn VendorListPage() -> impl IntoView {
    let lang = use_lang();
    let vendors = Resource::new(|| (), |_| list_vendors());
    let query = use_query_map();
    view! {
        <PageTitle text=VM::Vendors.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let me = current_me().await;
                let all = match vendors.await {
                    Ok(v) => v,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let q = ListQuery::from_params(&query.read_untracked(), &COLUMNS);
                let total = all.len();
                let mut vendors: Vec<_> =
                    all.into_iter().filter(|v| q.matches(&[&v.name, v.category.label(lang)])).collect();
                q.sort(&mut vendors, DEFAULT, compare(lang));
                let found = found_text(lang, &q, vendors.len(), total);
                let can_manage = me.is_some_and(|m| allowed(m.role, Action::ManageVendors));
                let th = {
                    let q = q.clone();
                    move |label: &'static str, column: &'static str, numeric: bool| {
                        view! { <SortHeader label=label column=column default=DEFAULT base=BASE query=q.clone() numeric=numeric/> }
                    }
                };
                view! {
                    <h1 class="utrecht-heading-1">{VM::Vendors.t(lang)}</h1>
                    {can_manage.then(|| view! {
                        <p class="rk-actions"><a class="utrecht-button utrecht-button--primary-action" href="/leveranciers/nieuw">{VM::New.t(lang)}</a></p>
                    })}
                    {(total > 0).then(|| view! { <SearchBox base=BASE query=q.clone() label=M::Search.t(lang)/> })}
                    <p class="utrecht-paragraph" role="status">{found}</p>
                    {if total == 0 {
                        view! { <p class="utrecht-paragraph">{VM::Empty.t(lang)}</p> }.into_any()
                    } else if vendors.is_empty() {
                        view! { <p class="utrecht-paragraph">{M::NoMatch.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="rk-table-scroll">
                            <table class="utrecht-table">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    {th(VM::Name.t(lang), "naam", false)}
                                    {th(VM::Category.t(lang), "categorie", false)}
                                    {th(VM::Criticality.t(lang), "kritikaliteit", false)}
                                    {th(VM::Services.t(lang), "diensten", true)}
                                    {th(VM::ContractsCount.t(lang), "contracten", true)}
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {vendors.into_iter().map(|v| view! {
                                        <tr class="utrecht-table__row">
                                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", v.id)>{v.name}</a></td>
                                            <td class="utrecht-table__cell">{v.category.label(lang)}</td>
                                            <td class="utrecht-table__cell">{v.criticality.label(lang)}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{v.service_count}</td>
                                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{v.contract_count}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
