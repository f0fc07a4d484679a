//! The cost registers (`/kosten/instellingen`): cost centres with their budgets per year, the served
//! organisations with their counts, and the verdeelsleutels of the cost centres. Inkoper and
//! regisseur change them; ict-manager and auditor read them.

use super::allocation::{AllocationForm, KeysTable, OrganisationsSection};
use super::{CostsNav, KM};
use crate::api::costs::{get_cost_registers, AddCostCentre, SetBudget};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, SelectField, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common};
use domain::policy::{allowed, Action};
use domain::text::format_euro;
use domain::views_costs::CostRegisters;
use leptos::prelude::*;

crate::messages!(M {
    Title => "Budgetten en verdeling", "Budgets and allocation";
    Centres => "Kostenplaatsen en budgetten", "Cost centres and budgets";
    CentresCaption => "Kostenplaatsen met hun budget per jaar", "Cost centres with their budget per year";
    Code => "Code", "Code";
    Name => "Naam", "Name";
    NoCentres => "Er zijn nog geen kostenplaatsen. Voeg er een toe; facturen worden op een kostenplaats geboekt.", "There are no cost centres yet. Add one; invoices are booked on a cost centre.";
    AddCentre => "Kostenplaats toevoegen", "Add cost centre";
    CodeHint => "Zoals in het financiële systeem, bijvoorbeeld ICT-01. Zonder spaties.", "As in the finance system, for example ICT-01. No spaces.";
    SetBudget => "Budget vastleggen", "Set budget";
    BudgetHint => "Het budget van het hele jaar, excl. btw. Een bestaand budget voor dat jaar wordt vervangen.", "The budget for the whole year, excl. VAT. An existing budget for that year is replaced.";
    Amount => "Bedrag", "Amount";
    Keys => "Verdeelsleutels per kostenplaats", "Allocation keys per cost centre";
    KeysIntro => "Een verdeelsleutel verdeelt de kosten van een kostenplaats over de organisaties die u bedient: vaste percentages (samen 100 %) of naar inwoners of medewerkers. Een contract kan een eigen sleutel hebben (op de kostenpagina van het contract); die gaat voor.", "An allocation key divides a cost centre's costs over the organisations you serve: fixed percentages (adding up to 100 %) or by inhabitants or employees. A contract can have its own key (on the contract's cost page); that one comes first.";
});

/// The page at `/kosten/instellingen`.
#[component]
pub fn CostSettingsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_cost_registers());
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
        <CostsNav current="/kosten/instellingen"/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                match data.await {
                    Ok(r) => {
                        let manage = allowed(me.role, Action::ManageCosts);
                        view! { <SettingsBody r manage csrf=me.csrf.clone()/> }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SettingsBody(r: CostRegisters, manage: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let mut years: Vec<i32> = r.budgets.iter().map(|b| b.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years.truncate(4);
    let centre_options: Vec<(String, String)> =
        r.cost_centres.iter().map(|c| (c.code.clone(), format!("{} {}", c.code, c.name))).collect();
    let centre_targets: Vec<(String, String)> =
        r.cost_centres.iter().map(|c| (c.id.to_string(), format!("{} {}", c.code, c.name))).collect();
    let centre_keys: Vec<_> = r
        .keys
        .iter()
        .filter(|k| matches!(k.target, domain::views_costs::AllocationTarget::CostCentre(_)))
        .cloned()
        .collect();
    view! {
        <section aria-labelledby="kostenplaatsen">
            <h2 class="utrecht-heading-2" id="kostenplaatsen">{M::Centres.t(lang)}</h2>
            {if r.cost_centres.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoCentres.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <div class="rk-table-scroll">
                    <table class="utrecht-table" data-testid="cost-centres">
                        <caption class="utrecht-table__caption">{M::CentresCaption.t(lang)}</caption>
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="col">{M::Code.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::Name.t(lang)}</th>
                            {years.iter().map(|y| view! { <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{KM::Budget.t(lang)} " " {*y}</th> }).collect_view()}
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {r.cost_centres.iter().map(|c| {
                                let cells = years.iter().map(|y| {
                                    let amount = r.budgets.iter().find(|b| b.cost_centre == c.id && b.year == *y).map(|b| format_euro(b.amount_cents)).unwrap_or_default();
                                    view! { <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{amount}</td> }
                                }).collect_view();
                                view! {
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">{c.code.clone()}</th>
                                        <td class="utrecht-table__cell">{c.name.clone()}</td>
                                        {cells}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            {manage.then(|| view! {
                <div class="rk-form-row">
                    <CentreForm csrf=csrf.clone()/>
                    {(!centre_options.is_empty()).then(|| view! { <BudgetForm csrf=csrf.clone() options=centre_options.clone()/> })}
                </div>
            })}
        </section>
        <OrganisationsSection organisations=r.organisations.clone() manage csrf=csrf.clone()/>
        <section aria-labelledby="sleutels">
            <h2 class="utrecht-heading-2" id="sleutels">{M::Keys.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::KeysIntro.t(lang)}</p>
            <KeysTable keys=centre_keys.clone()/>
            {(manage && !centre_targets.is_empty() && !r.organisations.is_empty()).then(|| view! {
                <AllocationForm target_field="cost_centre" targets=centre_targets.clone() organisations=r.organisations.clone() keys=centre_keys.clone() csrf=csrf.clone()/>
            })}
        </section>
    }
}

#[component]
fn CentreForm(csrf: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AddCostCentre>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action attr:class="rk-form rk-card">
            <h3 class="utrecht-heading-3">{M::AddCentre.t(lang)}</h3>
            <FormAlert error anchors=&[("code", "cc-code"), ("naam", "cc-naam")]/>
            <CsrfField csrf/>
            <TextField field="cc-code" error_key="code" name="form[code]" label=M::Code.t(lang) hint=M::CodeHint.t(lang) required=true maxlength=32 error/>
            <TextField field="cc-naam" error_key="naam" name="form[naam]" label=M::Name.t(lang) required=true maxlength=120 error/>
            <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddCentre.t(lang)}</button></div>
        </ActionForm>
    }
}

#[component]
fn BudgetForm(csrf: String, options: Vec<(String, String)>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SetBudget>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action attr:class="rk-form rk-card">
            <h3 class="utrecht-heading-3">{M::SetBudget.t(lang)}</h3>
            <p class="utrecht-paragraph">{M::BudgetHint.t(lang)}</p>
            <FormAlert error anchors=&[("kostenplaats", "b-kostenplaats"), ("jaar", "b-jaar"), ("bedrag", "b-bedrag")]/>
            <CsrfField csrf/>
            <SelectField field="b-kostenplaats" error_key="kostenplaats" name="form[kostenplaats]" label=KM::CostCentre.t(lang) options required=true error/>
            <TextField field="b-jaar" error_key="jaar" name="form[jaar]" label=KM::Year.t(lang) input_type="number" required=true error/>
            <TextField field="b-bedrag" error_key="bedrag" name="form[bedrag]" label=M::Amount.t(lang) hint="€" required=true error/>
            <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::SetBudget.t(lang)}</button></div>
        </ActionForm>
    }
}
