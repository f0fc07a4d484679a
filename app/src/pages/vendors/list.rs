//! The vendor list.

use super::VM;
use crate::api::vendors::list_vendors;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::i18n::{use_lang, Label};
use domain::policy::{allowed, Action};
use leptos::prelude::*;

#[component]
pub fn VendorListPage() -> impl IntoView {
    let lang = use_lang();
    let vendors = Resource::new(|| (), |_| list_vendors());
    view! {
        <PageTitle text=VM::Vendors.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let me = current_me().await;
                let vendors = match vendors.await {
                    Ok(v) => v,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let can_manage = me.is_some_and(|m| allowed(m.role, Action::ManageVendors));
                view! {
                    <h1 class="utrecht-heading-1">{VM::Vendors.t(lang)}</h1>
                    {can_manage.then(|| view! {
                        <p class="rk-actions"><a class="utrecht-button utrecht-button--primary-action" href="/leveranciers/nieuw">{VM::New.t(lang)}</a></p>
                    })}
                    {if vendors.is_empty() {
                        view! { <p class="utrecht-paragraph">{VM::Empty.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="rk-table-scroll">
                            <table class="utrecht-table">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="col">{VM::Name.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{VM::Category.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{VM::Criticality.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{VM::Services.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{VM::ContractsCount.t(lang)}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {vendors.into_iter().map(|v| view! {
                                        <tr class="utrecht-table__row">
                                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", v.id)>{v.name}</a></td>
                                            <td class="utrecht-table__cell">{v.category.label(lang)}</td>
                                            <td class="utrecht-table__cell">{v.criticality.label(lang)}</td>
                                            <td class="utrecht-table__cell">{v.service_count}</td>
                                            <td class="utrecht-table__cell">{v.contract_count}</td>
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
