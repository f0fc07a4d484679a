//! Create and edit a contract.

use super::edit_fields::{to_form, ContractFields};
use super::CM;
use crate::api::contracts::{get_contract, CreateContract, UpdateContract};
use crate::api::vendors::list_vendors;
use crate::components::draft::KeepInput;
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, SaveCancel};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::use_lang;
use domain::contract::ContractForm;
use domain::policy::{allowed, Action};
use domain::{ContractId, VendorId};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

crate::messages!(M {
    EditTitle => "Contract wijzigen", "Edit contract";
});

/// The vendor chosen through `?leverancier=ID`: the vendor page's "Nieuw contract", and where
/// "Diensten laden" without JavaScript returns to.
fn vendor_from_query() -> impl Fn() -> Option<VendorId> + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || query.read().get("leverancier").and_then(|s| s.parse::<VendorId>().ok())
}

#[component]
pub fn ContractNewPage() -> impl IntoView {
    let lang = use_lang();
    let chosen = vendor_from_query();
    let vendors = Resource::new(|| (), |_| list_vendors());
    let action = ServerAction::<CreateContract>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=CM::New.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                if !allowed(me.role, Action::ManageContracts) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let vendors = match vendors.await {
                    Ok(v) => v,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let vendor = chosen().filter(|v| vendors.iter().any(|x| x.id == *v));
                let form = ContractForm { vendor_id: vendor.map(|v| v.to_string()).unwrap_or_default(), ..Default::default() };
                view! {
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/contracten">{CM::Contracts.t(lang)}</a></p>
                    <h1 class="utrecht-heading-1">{CM::New.t(lang)}</h1>
                    <FormAlert error/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=CreateContract::PATH>
                        <CsrfField csrf=me.csrf.clone()/>
                        <ContractFields form contract=None vendors error/>
                        <SaveCancel cancel="/contracten"/>
                        </KeepInput>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn ContractEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<ContractId>().ok());
    let chosen = vendor_from_query();
    let vendors = Resource::new(|| (), |_| list_vendors());
    let data = Resource::new(id, |id| async move {
        let Some(id) = id else { return Err(AppError::NotFound) };
        get_contract(id).await
    });
    let action = ServerAction::<UpdateContract>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=M::EditTitle.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let detail = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                if !allowed(me.role, Action::ManageContracts) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let vendors = match vendors.await {
                    Ok(v) => v,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let c = detail.contract;
                let mut form = to_form(&c);
                if let Some(v) = chosen().filter(|v| vendors.iter().any(|x| x.id == *v)) {
                    form.vendor_id = v.to_string();
                }
                let here = Some(c.id);
                let back = format!("/contracten/{}", c.id);
                view! {
                    <p class="utrecht-paragraph"><a class="utrecht-link" href=back.clone()>{c.reference.clone()}</a></p>
                    <h1 class="utrecht-heading-1">{M::EditTitle.t(lang)} ": " {c.reference.clone()} " — " {c.title.clone()}</h1>
                    <FormAlert error/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=UpdateContract::PATH>
                        <CsrfField csrf=me.csrf.clone()/>
                        <input type="hidden" name="id" value=c.id.to_string()/>
                        <ContractFields form contract=here vendors error/>
                        <SaveCancel cancel=back/>
                        </KeepInput>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}
