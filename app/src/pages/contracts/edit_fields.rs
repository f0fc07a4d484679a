//! The fields of the contract form, with one vendor field whose services are offered below it: with
//! JavaScript they follow the chosen vendor in place; without, "Diensten laden" posts the form back to
//! itself with everything typed kept (`back_to_form` in `crate::api::contracts`).

use super::{renewal_choices, CM};
use crate::api::contracts::contract_form_services;
use crate::components::draft::{kept, kept_checked};
use crate::components::fields::{FormError, SelectField, TextField};
use crate::error::AppError;
use crate::i18n::{use_lang, Common};
use crate::pages::vendors::edit::choices;
use domain::contract::{Contract, ContractForm, PriceModel, Renewal};
use domain::vendor::{VendorService, VendorSummary};
use domain::{ContractId, VendorId};
use leptos::prelude::*;

crate::messages!(M {
    ReferenceHint => "Het eigen kenmerk van het contract, bijvoorbeeld 2026-014.", "Our own reference for the contract, for example 2026-014.";
    OwnerHint => "Team of persoon die het contract beheert.", "Team or person who manages the contract.";
    RenewalType => "Verlengingstype", "Renewal type";
    RenewalHint => "Vul hieronder alleen de gegevens in die bij het gekozen type horen.", "Below, fill in only the details that belong to the chosen type.";
    RenewalPeriod => "Verlengingsperiode (maanden)", "Renewal period (months)";
    RenewalPeriodHint => "Alleen bij stilzwijgende verlenging, bijvoorbeeld 12.", "Only for tacit renewal, for example 12.";
    OptionCount => "Aantal optiejaren", "Number of options";
    OptionCountHint => "Alleen bij optiejaren: hoeveel opties het contract kent.", "Only for option years: how many options the contract has.";
    OptionLength => "Lengte van een optie (maanden)", "Length of an option (months)";
    OptionLengthHint => "Alleen bij optiejaren, bijvoorbeeld 12.", "Only for option years, for example 12.";
    NoticeAmount => "Opzegtermijn", "Notice period";
    NoticeHint => "De uiterste opzegdatum is het einde van de termijn min deze opzegtermijn.", "The notice deadline is the end of the term minus this notice period.";
    NoticeUnit => "Eenheid opzegtermijn", "Unit of the notice period";
    LeadTime => "Interne doorlooptijd (maanden)", "Internal lead time (months)";
    LeadTimeHint => "Hoeveel maanden vóór de uiterste opzegdatum een besluit nodig is, bijvoorbeeld 9 voor een Europese aanbesteding.", "How many months before the notice deadline a decision is needed, for example 9 for a European tender.";
    AnnualValueHint => "In euro's, bijvoorbeeld 12.500,00.", "In euros, for example 12,500.00.";
    ServicesHint => "De diensten van de gekozen leverancier die onder dit contract vallen.", "The chosen vendor's services this contract covers.";
    PickVendorFirst => "Kies eerst de leverancier; dan verschijnen hier zijn diensten.", "Choose the vendor first; its services then appear here.";
    NoServices => "Deze leverancier heeft nog geen diensten.", "This vendor has no services yet.";
    LoadHint => "Toont de diensten van de gekozen leverancier; wat u al hebt ingevuld, blijft staan.", "Shows the services of the chosen vendor; what you have filled in stays.";
    Load => "Diensten laden", "Load services";
});

/// A contract as the form shows it: dates as YYYY-MM-DD and the amount in plain euros ("12500,00").
pub fn to_form(c: &Contract) -> ContractForm {
    let (renewal_period_months, option_count, option_length_months) = match c.renewal {
        Renewal::Tacit { period_months } => (period_months.to_string(), String::new(), String::new()),
        Renewal::Options { count, length_months, .. } => (String::new(), count.to_string(), length_months.to_string()),
        Renewal::Fixed => Default::default(),
    };
    let cents = c.annual_value_cents;
    ContractForm {
        vendor_id: c.vendor_id.to_string(),
        reference: c.reference.clone(),
        title: c.title.clone(),
        owner: c.owner.clone(),
        start: c.start.format("%Y-%m-%d").to_string(),
        initial_end: c.initial_end.format("%Y-%m-%d").to_string(),
        renewal: c.renewal.key().to_string(),
        renewal_period_months,
        option_count,
        option_length_months,
        notice_amount: c.notice.amount().to_string(),
        notice_unit: c.notice.unit_key().to_string(),
        lead_time_months: c.lead_time_months.to_string(),
        annual_value: format!("{}{},{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100),
        price_model: c.price_model.key().to_string(),
        services: c.service_ids.iter().map(|s| s.to_string()).collect(),
    }
}

fn vendor_choices(vendors: &[VendorSummary]) -> Vec<(String, String)> {
    vendors.iter().map(|v| (v.id.to_string(), v.name.clone())).collect()
}

/// Every field of the contract form, prefilled from `form` (what a refused or reloaded post kept
/// comes first), for a new contract (`contract` `None`) or a revised one. The services offered are
/// those of the vendor in the vendor field: with JavaScript they follow every change of it in place;
/// before the wasm runs, and without JavaScript, "Diensten laden" posts the form back to itself.
#[component]
pub fn ContractFields(
    form: ContractForm,
    contract: Option<ContractId>,
    vendors: Vec<VendorSummary>,
    error: FormError,
) -> impl IntoView {
    let lang = use_lang();
    let f = form;
    let unit_choices = vec![
        ("months".to_string(), CM::Months.t(lang).to_string()),
        ("days".to_string(), CM::Days.t(lang).to_string()),
    ];
    let unit = if f.notice_unit.is_empty() { "months".to_string() } else { f.notice_unit.clone() };
    let vendor = RwSignal::new(kept("form[vendor_id]").unwrap_or_else(|| f.vendor_id.clone()));
    let services = Resource::new(
        move || vendor.get(),
        move |v| contract_form_services(contract, v.trim().parse::<VendorId>().ok()),
    );
    // Until the wasm has taken over (and without JavaScript) the form needs the no-JS button.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    view! {
        // The default button (Enter in a field) is the first submit button of a form: saving, not
        // "Diensten laden". Not shown and out of the accessibility tree.
        {move || (!scripted.get()).then(|| view! { <button type="submit" hidden>{Common::Save.t(lang)}</button> })}
        <div on:change=move |ev| vendor.set(event_target_value(&ev))>
            <SelectField field="vendor_id" name="form[vendor_id]" label=CM::Vendor.t(lang) options=vendor_choices(&vendors) selected=f.vendor_id.clone() required=true error/>
        </div>
        {move || (!scripted.get()).then(|| view! {
            <div class="rk-actions">
                <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="load_services" value="1" aria-describedby="load-services-hint">{M::Load.t(lang)}</button>
                <p class="utrecht-form-field-description" id="load-services-hint">{M::LoadHint.t(lang)}</p>
            </div>
        })}
        <TextField field="reference" name="form[reference]" label=CM::Reference.t(lang) hint=M::ReferenceHint.t(lang) value=f.reference.clone() required=true maxlength=60 error/>
        <TextField field="title" name="form[title]" label=CM::Title.t(lang) value=f.title.clone() required=true maxlength=200 error/>
        <TextField field="owner" name="form[owner]" label=CM::Owner.t(lang) hint=M::OwnerHint.t(lang) value=f.owner.clone() required=true maxlength=120 error/>
        <div class="rk-form-row">
            <TextField field="start" name="form[start]" label=CM::Start.t(lang) input_type="date" value=f.start.clone() required=true error/>
            <TextField field="initial_end" name="form[initial_end]" label=CM::InitialEnd.t(lang) input_type="date" value=f.initial_end.clone() required=true error/>
        </div>
        <SelectField field="renewal" name="form[renewal]" label=M::RenewalType.t(lang) hint=M::RenewalHint.t(lang) options=renewal_choices(lang) selected=f.renewal.clone() required=true error/>
        <TextField field="renewal_period_months" name="form[renewal_period_months]" label=M::RenewalPeriod.t(lang) hint=M::RenewalPeriodHint.t(lang) input_type="number" value=f.renewal_period_months.clone() error/>
        <div class="rk-form-row">
            <TextField field="option_count" name="form[option_count]" label=M::OptionCount.t(lang) hint=M::OptionCountHint.t(lang) input_type="number" value=f.option_count.clone() error/>
            <TextField field="option_length_months" name="form[option_length_months]" label=M::OptionLength.t(lang) hint=M::OptionLengthHint.t(lang) input_type="number" value=f.option_length_months.clone() error/>
        </div>
        <div class="rk-form-row">
            <TextField field="notice_amount" name="form[notice_amount]" label=M::NoticeAmount.t(lang) hint=M::NoticeHint.t(lang) input_type="number" value=f.notice_amount.clone() required=true error/>
            <SelectField field="notice_unit" name="form[notice_unit]" label=M::NoticeUnit.t(lang) options=unit_choices selected=unit required=true error/>
        </div>
        <TextField field="lead_time_months" name="form[lead_time_months]" label=M::LeadTime.t(lang) hint=M::LeadTimeHint.t(lang) input_type="number" value=f.lead_time_months.clone() required=true error/>
        <TextField field="annual_value" name="form[annual_value]" label=CM::AnnualValue.t(lang) hint=M::AnnualValueHint.t(lang) value=f.annual_value.clone() required=true maxlength=20 error/>
        <SelectField field="price_model" name="form[price_model]" label=CM::PriceModel.t(lang) options=choices(PriceModel::ALL, PriceModel::key) selected=f.price_model.clone() required=true error/>
        <ServicesField services checked=f.services error/>
    }
}

/// The services of the chosen vendor (`None`: no vendor chosen), one checkbox each, named
/// `form[services][N]` with the service id as value; element id `f-services` for the error summary.
/// The list is a polite live region, so that a screen reader hears it change with the vendor.
#[component]
fn ServicesField(
    services: Resource<Result<Option<Vec<VendorService>>, AppError>>,
    checked: Vec<String>,
    error: FormError,
) -> impl IntoView {
    let lang = use_lang();
    let err = Signal::derive(move || error.get().and_then(|e| e.field_message("services", lang)));
    let described = move || if err.get().is_some() { "services-hint services-error" } else { "services-hint" };
    view! {
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rk-form" id="f-services" aria-describedby=described
            class:utrecht-form-fieldset--invalid=move || err.get().is_some()>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
                {CM::Services.t(lang)} " " <span class="rk-muted">{Common::Optional.t(lang)}</span>
            </legend>
            {move || err.get().map(|e| view! { <p class="utrecht-form-field-error-message" id="services-error">{e}</p> })}
            <div class="rk-choices" aria-live="polite">
                <Transition fallback=|| ()>
                    {move || {
                        let checked = checked.clone();
                        Suspend::new(async move {
                            // A vendor that cannot be read (removed meanwhile) is as good as none chosen.
                            let list = services.await.ok().flatten();
                            view! { <ServiceChoices services=list checked/> }
                        })
                    }}
                </Transition>
            </div>
        </fieldset>
    }
}

/// The hint and the checkboxes for one vendor's services.
#[component]
fn ServiceChoices(services: Option<Vec<VendorService>>, checked: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let hint = match &services {
        None => M::PickVendorFirst,
        Some(list) if list.is_empty() => M::NoServices,
        Some(_) => M::ServicesHint,
    };
    view! {
        <p class="utrecht-form-field-description" id="services-hint">{hint.t(lang)}</p>
        {services.unwrap_or_default().into_iter().enumerate().map(|(i, s)| {
            let id = s.id.to_string();
            let is_checked = kept_checked(&format!("form[services][{i}]"), &id).unwrap_or_else(|| checked.contains(&id));
            let el = format!("f-service-{i}");
            view! {
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                    <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=el.clone()
                        name=format!("form[services][{i}]") value=id checked=is_checked/>
                    " "
                    <label class="utrecht-form-label utrecht-form-label--checkbox" for=el>{s.name}</label>
                </div>
            }
        }).collect_view()}
    }
}
