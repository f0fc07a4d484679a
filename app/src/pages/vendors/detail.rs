//! One vendor: its details, services, monitoring, contact persons and contracts.

use super::charts::VendorChartsSection;
use super::monitoring::VendorMonitoringSection;
use super::sections::{ContactsSection, ServicesSection};
use super::VM;
use crate::api::vendors::{get_vendor, AddContact, AddService, DeleteContact, DeleteService, DeleteVendor};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Label};
use domain::policy::{allowed, Action};
use domain::VendorId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Contracts => "Contracten", "Contracts";
    NoContracts => "Geen contracten met deze leverancier.", "No contracts with this vendor.";
    NewContract => "Nieuw contract", "New contract";
    DeleteVendor => "Leverancier verwijderen", "Delete vendor";
    DeleteHint => "Verwijderen kan alleen als er geen contracten meer aan de leverancier hangen.", "A vendor can only be deleted when no contracts refer to it.";
    Reference => "Kenmerk", "Reference";
    Title => "Omschrijving", "Description";
    End => "Einde eerste looptijd", "End of initial term";
});

#[component]
pub fn VendorPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<VendorId>().ok());
    let add_service = ServerAction::<AddService>::new();
    let del_service = ServerAction::<DeleteService>::new();
    let add_contact = ServerAction::<AddContact>::new();
    let del_contact = ServerAction::<DeleteContact>::new();
    let del_vendor = ServerAction::<DeleteVendor>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                add_service.version().get(),
                del_service.version().get(),
                add_contact.version().get(),
                del_contact.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_vendor(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let del_error = Signal::derive(move || {
        del_vendor
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| del_service.value().get().and_then(|r| r.err()))
            .or_else(|| del_contact.value().get().and_then(|r| r.err()))
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let o = match data.await {
                    Ok(o) => o,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let manage = allowed(me.role, Action::ManageVendors);
                let v = o.vendor;
                let vid = v.id;
                let services = o.services.clone();
                view! {
                    <PageTitle text=v.name.clone()/>
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/leveranciers">{VM::Vendors.t(lang)}</a></p>
                    <h1 class="utrecht-heading-1">{v.name.clone()}</h1>
                    <FormAlert error=del_error/>
                    <dl class="rk-dl">
                        <dt>{VM::Kvk.t(lang)}</dt><dd>{v.kvk.clone()}</dd>
                        <dt>{VM::Category.t(lang)}</dt><dd>{v.category.label(lang)}</dd>
                        <dt>{VM::Sourcing.t(lang)}</dt><dd>{v.sourcing.label(lang)}</dd>
                        <dt>{VM::Criticality.t(lang)}</dt><dd>{v.criticality.label(lang)}</dd>
                        <dt>{VM::Notes.t(lang)}</dt><dd>{v.notes.clone().unwrap_or_else(|| Common::None.t(lang).into())}</dd>
                    </dl>
                    {manage.then(|| view! {
                        <p class="rk-actions"><a class="utrecht-button utrecht-button--secondary-action" href=format!("/leveranciers/{vid}/wijzigen")>{Common::Edit.t(lang)}</a></p>
                    })}
                    <ServicesSection vendor=vid services=o.services manage csrf=me.csrf.clone() add=add_service delete=del_service/>
                    {allowed(me.role, Action::ViewMonitoring).then(|| {
                        let add_for = if allowed(me.role, Action::ManageSources) {
                            services.iter().map(|s| (s.id, s.name.clone())).collect()
                        } else {
                            Vec::new()
                        };
                        view! { <VendorMonitoringSection vendor=vid add_for/> <VendorChartsSection vendor=vid/> }
                    })}
                    <ContactsSection vendor=vid contacts=o.contacts manage csrf=me.csrf.clone() add=add_contact delete=del_contact/>
                    <h2 class="utrecht-heading-2">{M::Contracts.t(lang)}</h2>
                    {if o.contracts.is_empty() {
                        view! { <p class="utrecht-paragraph">{M::NoContracts.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="rk-table-scroll">
                            <table class="utrecht-table">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="col">{M::Reference.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{M::Title.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{M::End.t(lang)}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {o.contracts.into_iter().map(|c| view! {
                                        <tr class="utrecht-table__row">
                                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/contracten/{}", c.id)>{c.reference}</a></td>
                                            <td class="utrecht-table__cell">{c.title}</td>
                                            <td class="utrecht-table__cell">{date(c.initial_end)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any()
                    }}
                    {(manage && allowed(me.role, Action::ManageContracts)).then(|| view! {
                        <p class="rk-actions"><a class="utrecht-button utrecht-button--secondary-action" href=format!("/contracten/nieuw?leverancier={vid}")>{M::NewContract.t(lang)}</a></p>
                    })}
                    {manage.then(|| view! {
                        <h2 class="utrecht-heading-2">{M::DeleteVendor.t(lang)}</h2>
                        <p class="utrecht-paragraph">{M::DeleteHint.t(lang)}</p>
                        <ActionForm action=del_vendor>
                            <CsrfField csrf=me.csrf.clone()/>
                            <input type="hidden" name="id" value=vid.to_string()/>
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{M::DeleteVendor.t(lang)}</button>
                        </ActionForm>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}
