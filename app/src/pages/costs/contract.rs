//! A contract's costs (`/contracten/:id/kosten`): its invoice lines, a form to enter one, its known
//! price changes (indexation, used by the forecast) and its own verdeelsleutel.

use super::allocation::{AllocationForm, KeysTable};
use super::licence::LicenceFields;
use super::licences::permille_text;
use super::{kind_text, KM};
use crate::api::contracts::get_contract;
use crate::api::costs::{
    contract_licences, cost_lines, get_cost_registers, price_changes, AddCostLine, AddLicence, RemovePriceChange,
    SetPriceChange,
};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, SelectField, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Lang};
use domain::policy::{allowed, Action};
use domain::text::format_euro;
use domain::views_costs::{AllocationTarget, CostCentre, CostLinePage, PriceChangeView};
use domain::views_licences::LicenceRow;
use domain::ContractId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Title => "Kosten", "Costs";
    Lines => "Factuurregels", "Invoice lines";
    NoLines => "Voor dit contract zijn nog geen facturen ingevoerd of ingelezen.", "No invoices have been entered or imported for this contract yet.";
    AllLines => "Alle {n} regels in de factuurlijst", "All {n} lines in the invoice list";
    AddLine => "Factuur of creditnota invoeren", "Enter an invoice or credit note";
    AddLineButton => "Factuurregel opslaan", "Save invoice line";
    AmountHint => "Excl. btw. Een creditnota heeft een negatief bedrag, zoals -250,00.", "Excl. VAT. A credit note has a negative amount, such as -250,00.";
    NeedCentre => "Voeg eerst een kostenplaats toe onder Budgetten en verdeling.", "First add a cost centre under Budgets and allocation.";
    Changes => "Bekende prijswijzigingen", "Known price changes";
    ChangesIntro => "Indexaties en andere prijswijzigingen vanaf een datum. De verwachting voor het jaareinde rekent ermee voor de maanden die nog niet gefactureerd zijn.", "Indexations and other price changes from a date. The year-end forecast uses them for the months not yet invoiced.";
    NoChanges => "Geen prijswijzigingen bekend.", "No price changes known.";
    From => "Ingangsdatum", "Effective from";
    Change => "Wijziging", "Change";
    AddChange => "Prijswijziging vastleggen", "Record price change";
    ChangeHint => "Percentage, bijvoorbeeld 3,5 of -1,25.", "Percentage, for example 3.5 or -1.25.";
    RemoveChange => "Verwijder de prijswijziging van {date}", "Remove the price change of {date}";
    Key => "Verdeelsleutel van dit contract", "This contract's allocation key";
    KeyIntro => "Zonder eigen sleutel worden de kosten verdeeld met de sleutel van de kostenplaats waarop ze geboekt zijn.", "Without its own key, the costs are divided by the key of the cost centre they are booked on.";
    Back => "Terug naar het contract", "Back to the contract";
    Licences => "Licenties", "Licences";
    NoLicences => "Bij dit contract zijn geen licenties vastgelegd.", "No licences are recorded with this contract.";
    AddLicence => "Licentie vastleggen", "Record licence";
    Bought => "Ingekocht", "Bought";
    Utilisation => "Benutting", "Utilisation";
});

/// The reference as a query value (letters, digits and `-._~` as they are, the rest percent-encoded).
fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn pct(bp: i32, lang: Lang) -> String {
    let sign = if bp < 0 { "-" } else { "+" };
    let a = bp.unsigned_abs();
    let sep = if lang == Lang::Nl { ',' } else { '.' };
    format!("{sign}{}{sep}{:02} %", a / 100, a % 100)
}

/// The page at `/contracten/:id/kosten`.
#[component]
pub fn ContractCostsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<ContractId>().ok());
    let data = Resource::new(id, |id| async move {
        let Some(id) = id else { return Err(AppError::NotFound) };
        let detail = get_contract(id).await?;
        let lines = cost_lines(Some(id), None, None, None, true, 1).await?;
        let changes = price_changes(id).await?;
        let registers = get_cost_registers().await?;
        let licences = contract_licences(id).await?;
        Ok((detail, lines, changes, registers, licences))
    });
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let (detail, lines, changes, registers, licences) = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let c = detail.contract;
                let cid = c.id;
                let manage = allowed(me.role, Action::ManageCosts);
                let heading = format!("{}: {} — {}", M::Title.t(lang), c.reference, c.title);
                let key: Vec<_> = registers.keys.iter().filter(|k| k.target == AllocationTarget::Contract(cid)).cloned().collect();
                let target = vec![(cid.to_string(), format!("{} — {}", c.reference, c.title))];
                view! {
                    <PageTitle text=heading.clone()/>
                    <p class="utrecht-paragraph"><a class="utrecht-link" href=format!("/contracten/{cid}")>{M::Back.t(lang)}</a></p>
                    <h1 class="utrecht-heading-1">{heading}</h1>
                    <LinesSection reference=c.reference.clone() lines/>
                    {manage.then(|| view! { <LineForm contract=cid centres=registers.cost_centres.clone() csrf=me.csrf.clone()/> })}
                    <ChangesSection contract=cid changes manage csrf=me.csrf.clone()/>
                    <LicencesSection contract=cid licences manage csrf=me.csrf.clone()/>
                    <section aria-labelledby="sleutel">
                        <h2 class="utrecht-heading-2" id="sleutel">{M::Key.t(lang)}</h2>
                        <p class="utrecht-paragraph">{M::KeyIntro.t(lang)}</p>
                        <KeysTable keys=key.clone()/>
                        {(manage && !registers.organisations.is_empty()).then(|| view! {
                            <AllocationForm target_field="contract" targets=target organisations=registers.organisations.clone() keys=key csrf=me.csrf.clone()/>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn LinesSection(reference: String, lines: CostLinePage) -> impl IntoView {
    let lang = use_lang();
    let all = M::AllLines.t(lang).replace("{n}", &lines.total.to_string());
    view! {
        <section aria-labelledby="regels">
            <h2 class="utrecht-heading-2" id="regels">{M::Lines.t(lang)}</h2>
            {if lines.lines.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoLines.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <div class="rk-table-scroll">
                    <table class="utrecht-table" data-testid="contract-cost-lines">
                        <caption class="utrecht-table__caption">{M::Lines.t(lang)}</caption>
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="col">{KM::InvoiceDate.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{KM::InvoiceNumber.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{KM::Period.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{KM::CostCentre.t(lang)}</th>
                            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{KM::Amount.t(lang)}</th>
                            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{KM::Vat.t(lang)}</th>
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {lines.lines.into_iter().map(|l| view! {
                                <tr class="utrecht-table__row">
                                    <td class="utrecht-table__cell">{date(l.invoice_date)}</td>
                                    <td class="utrecht-table__cell">{l.invoice_number.clone()} " " <span class="rk-muted">{(l.kind == "creditnota").then(|| kind_text(&l.kind, lang))}</span></td>
                                    <td class="utrecht-table__cell">{date(l.period_start)} " – " {date(l.period_end)}</td>
                                    <td class="utrecht-table__cell">{l.cost_centre_code.clone()}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(l.amount_cents)}</td>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(l.vat_cents)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {(lines.pages > 1).then(|| view! {
                        <p class="utrecht-paragraph"><a class="utrecht-link" href=format!("/kosten/facturen?zoek={}", urlencoding(&reference))>{all.clone()}</a></p>
                    })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn LineForm(contract: ContractId, centres: Vec<CostCentre>, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AddCostLine>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    if centres.is_empty() {
        return view! { <p class="utrecht-paragraph">{M::NeedCentre.t(lang)}</p> }.into_any();
    }
    let options: Vec<(String, String)> =
        centres.iter().map(|c| (c.code.clone(), format!("{} {}", c.code, c.name))).collect();
    let kinds = vec![
        ("factuur".to_string(), KM::KindInvoice.t(lang).to_string()),
        ("creditnota".to_string(), KM::KindCredit.t(lang).to_string()),
    ];
    view! {
        <ActionForm action attr:class="rk-form rk-card">
            <h2 class="utrecht-heading-2" id="invoeren">{M::AddLine.t(lang)}</h2>
            <FormAlert error/>
            <CsrfField csrf/>
            <input type="hidden" name="contract" value=contract.to_string()/>
            <SelectField field="soort" name="form[soort]" label=KM::Kind.t(lang) options=kinds selected="factuur" required=true error/>
            <TextField field="factuurnummer" name="form[factuurnummer]" label=KM::InvoiceNumber.t(lang) required=true maxlength=64 error/>
            <TextField field="factuurdatum" name="form[factuurdatum]" label=KM::InvoiceDate.t(lang) input_type="date" required=true error/>
            <TextField field="periode_van" name="form[periode_van]" label=format!("{} ({})", KM::Period.t(lang), if lang == Lang::Nl { "van" } else { "from" }) input_type="date" required=true error/>
            <TextField field="periode_tot" name="form[periode_tot]" label=format!("{} ({})", KM::Period.t(lang), if lang == Lang::Nl { "tot en met" } else { "to, inclusive" }) input_type="date" required=true error/>
            <TextField field="bedrag" name="form[bedrag]" label=KM::Amount.t(lang) hint=M::AmountHint.t(lang) required=true error/>
            <TextField field="btw" name="form[btw]" label=KM::Vat.t(lang) required=true error/>
            <SelectField field="kostenplaats" name="form[kostenplaats]" label=KM::CostCentre.t(lang) options required=true error/>
            <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddLineButton.t(lang)}</button></div>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn ChangesSection(contract: ContractId, changes: Vec<PriceChangeView>, manage: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<SetPriceChange>::new();
    let add_error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let remove = ServerAction::<RemovePriceChange>::new();
    view! {
        <section aria-labelledby="prijswijzigingen">
            <h2 class="utrecht-heading-2" id="prijswijzigingen">{M::Changes.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::ChangesIntro.t(lang)}</p>
            {if changes.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoChanges.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="rk-plain-list" data-testid="price-changes">
                        {changes.into_iter().map(|c| {
                            let csrf = csrf.clone();
                            let label = M::RemoveChange.t(lang).replace("{date}", &date(c.effective_from));
                            view! {
                                <li>
                                    {date(c.effective_from)} ": " {pct(c.basis_points, lang)}
                                    {manage.then(move || view! {
                                        <ActionForm action=remove attr:class="rk-inline-form">
                                            <CsrfField csrf=csrf.clone()/>
                                            <input type="hidden" name="contract" value=contract.to_string()/>
                                            <input type="hidden" name="date" value=c.effective_from.to_string()/>
                                            <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label=label>{Common::Delete.t(lang)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {manage.then(|| view! {
                <ActionForm action=add attr:class="rk-form rk-card">
                    <h3 class="utrecht-heading-3">{M::AddChange.t(lang)}</h3>
                    <FormAlert error=add_error/>
                    <CsrfField csrf=csrf.clone()/>
                    <input type="hidden" name="contract" value=contract.to_string()/>
                    <TextField field="ingangsdatum" name="form[ingangsdatum]" label=M::From.t(lang) input_type="date" required=true error=add_error/>
                    <TextField field="indexatie" name="form[indexatie]" label=M::Change.t(lang) hint=M::ChangeHint.t(lang) required=true error=add_error/>
                    <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddChange.t(lang)}</button></div>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn LicencesSection(contract: ContractId, licences: Vec<LicenceRow>, manage: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<AddLicence>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section aria-labelledby="licenties">
            <h2 class="utrecht-heading-2" id="licenties">{M::Licences.t(lang)}</h2>
            {if licences.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoLicences.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="rk-plain-list">
                        {licences.into_iter().map(|r| {
                            let pct = r.utilisation_permille.map(|p| format!(", {} {}", M::Utilisation.t(lang).to_lowercase(), permille_text(p, lang))).unwrap_or_default();
                            view! {
                                <li><a class="utrecht-link" href=format!("/licenties/{}", r.licence.id)>{r.licence.licence_type.clone()}</a>
                                    ": " {r.licence.purchased} " " {M::Bought.t(lang).to_lowercase()} " × " {format_euro(r.licence.unit_price_cents)} {pct}</li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {manage.then(|| view! {
                <ActionForm action attr:class="rk-form rk-card">
                    <h3 class="utrecht-heading-3">{M::AddLicence.t(lang)}</h3>
                    <FormAlert error/>
                    <CsrfField csrf/>
                    <input type="hidden" name="contract" value=contract.to_string()/>
                    <LicenceFields l=None error/>
                    <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddLicence.t(lang)}</button></div>
                </ActionForm>
            })}
        </section>
    }
}
