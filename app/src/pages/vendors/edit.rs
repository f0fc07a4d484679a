//! Create and edit a vendor.

use super::VM;
use crate::api::vendors::{get_vendor, CreateVendor, UpdateVendor};
use crate::components::draft::KeepInput;
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, FormError, SaveCancel, SelectField, TextArea, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Label};
use domain::vendor::{Criticality, SourcingModel, Vendor, VendorCategory};
use domain::VendorId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    EditTitle => "Leverancier wijzigen", "Edit vendor";
});

/// `(key, label)` pairs for a select.
pub fn choices<T: Copy + Label>(all: &[T], key: fn(T) -> &'static str) -> Vec<(String, String)> {
    let lang = use_lang();
    all.iter().map(|c| (key(*c).to_string(), c.label(lang).to_string())).collect()
}

/// The vendor fields, prefilled with `v` when editing.
#[component]
fn VendorFields(v: Option<Vendor>, error: FormError) -> impl IntoView {
    let lang = use_lang();
    let (name, kvk, cat, src, crit, notes) = match &v {
        Some(v) => (
            v.name.clone(),
            v.kvk.clone(),
            v.category.key(),
            v.sourcing.key(),
            v.criticality.key(),
            v.notes.clone().unwrap_or_default(),
        ),
        None => Default::default(),
    };
    view! {
        <TextField field="name" name="form[name]" label=VM::Name.t(lang) value=name required=true maxlength=120 error/>
        <TextField field="kvk" name="form[kvk]" label=VM::Kvk.t(lang) hint=VM::KvkHint.t(lang) value=kvk required=true maxlength=12 error/>
        <SelectField field="category" name="form[category]" label=VM::Category.t(lang) options=choices(VendorCategory::ALL, VendorCategory::key) selected=cat required=true error/>
        <SelectField field="sourcing" name="form[sourcing]" label=VM::Sourcing.t(lang) options=choices(SourcingModel::ALL, SourcingModel::key) selected=src required=true error/>
        <SelectField field="criticality" name="form[criticality]" label=VM::Criticality.t(lang) options=choices(Criticality::ALL, Criticality::key) selected=crit required=true error/>
        <TextArea field="notes" name="form[notes]" label=VM::Notes.t(lang) value=notes maxlength=4000 error/>
    }
}

#[component]
pub fn VendorNewPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<CreateVendor>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=VM::New.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                if !domain::policy::allowed(me.role, domain::policy::Action::ManageVendors) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                view! {
                    <h1 class="utrecht-heading-1">{VM::New.t(lang)}</h1>
                    <FormAlert error/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=CreateVendor::PATH>
                        <CsrfField csrf=me.csrf.clone()/>
                        <VendorFields v=None error/>
                        <SaveCancel cancel="/leveranciers"/>
                        </KeepInput>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn VendorEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<VendorId>().ok());
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_vendor(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let action = ServerAction::<UpdateVendor>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=M::EditTitle.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let overview = match data.await {
                    Ok(o) => o,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                if !domain::policy::allowed(me.role, domain::policy::Action::ManageVendors) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let v = overview.vendor;
                let back = format!("/leveranciers/{}", v.id);
                view! {
                    <h1 class="utrecht-heading-1">{M::EditTitle.t(lang)} ": " {v.name.clone()}</h1>
                    <FormAlert error/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=UpdateVendor::PATH>
                        <CsrfField csrf=me.csrf.clone()/>
                        <input type="hidden" name="id" value=v.id.to_string()/>
                        <VendorFields v=Some(v) error/>
                        <SaveCancel cancel=back/>
                        </KeepInput>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}
