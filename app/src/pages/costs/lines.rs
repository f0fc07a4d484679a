//! The invoice list (`/kosten/facturen`): every invoice and credit-note line, searched, filtered by
//! year, sorted and paged through the URL; for inkoper and regisseur the CSV upload (which leads to
//! the preview) and a button to remove a wrongly entered line.

use super::{kind_text, CostsNav, KM};
use crate::api::costs::{cost_lines, DeleteCostLine};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert};
use crate::components::layout::current_me;
use crate::components::pagination::Pagination;
use crate::components::sortable::{ListQuery, SearchBox, SortHeader};
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Lang};
use domain::policy::{allowed, Action};
use domain::text::format_euro;
use domain::views_costs::CostLinePage;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

crate::messages!(M {
    Title => "Facturen", "Invoices";
    Search => "Zoek op factuurnummer, contract of leverancier", "Search by invoice number, contract or vendor";
    AllYears => "Alle jaren", "All years";
    Caption => "Factuurregels", "Invoice lines";
    Count => "{n} regels", "{n} lines";
    None => "Er zijn nog geen facturen ingelezen of ingevoerd.", "No invoices have been imported or entered yet.";
    NoMatch => "Geen factuurregels gevonden die aan dit filter voldoen.", "No invoice lines match this filter.";
    Pages => "Paginering facturen", "Invoice pages";
    ImportTitle => "Facturen inlezen uit CSV", "Import invoices from CSV";
    ImportIntro => "Kies een CSV-bestand uit het financiële systeem. U ziet eerst wat er zou worden ingelezen; pas na uw bevestiging wordt alles in één keer ingelezen, of niets als er een fout in staat.", "Choose a CSV file from the finance system. You first see what would be imported; only after you confirm is everything imported at once, or nothing if the file has an error.";
    File => "Bestand (CSV, hoogstens 50 MB)", "File (CSV, at most 50 MB)";
    Upload => "Bekijken voor inlezen", "Preview before importing";
    FormatTitle => "Welke kolommen?", "Which columns?";
    Format => "Kolommen in willekeurige volgorde, Nederlands of Engels: factuurnummer, factuurdatum, periode van, periode tot, bedrag (excl. btw), btw, kostenplaats, contract (het kenmerk), en eventueel soort (factuur of creditnota). Scheidingsteken ; of , — bedragen als 1234,56, 1.234,56 of 1234.56 — datums als dd-mm-jjjj of jjjj-mm-dd.", "Columns in any order, Dutch or English: invoice_number, invoice_date, period_start, period_end, amount (excl. VAT), vat, cost_centre, contract (its reference), and optionally kind (invoice or credit note). Separator ; or , — amounts as 1234,56, 1.234,56 or 1234.56 — dates as dd-mm-yyyy or yyyy-mm-dd.";
    TooLarge => "Dit bestand is groter dan 50 MB. Splits het, bijvoorbeeld per jaar.", "This file is larger than 50 MB. Split it, for example per year.";
    NotUtf8 => "Dit bestand is geen UTF-8-tekst. Sla het in het financiële systeem of in Excel op als ‘CSV UTF-8’.", "This file is not UTF-8 text. Save it from the finance system or Excel as ‘CSV UTF-8’.";
    NoFile => "Kies een CSV-bestand om in te lezen.", "Choose a CSV file to import.";
    Remove => "Verwijder", "Remove";
    RemoveLabel => "Verwijder factuurregel {n}", "Remove invoice line {n}";
});

const COLUMNS: [&str; 4] = ["datum", "leverancier", "bedrag", "factuur"];
const BASE: &str = "/kosten/facturen";

fn upload_error(code: Option<&str>, lang: Lang) -> Option<&'static str> {
    match code? {
        "te-groot" => Some(M::TooLarge.t(lang)),
        "geen-utf8" => Some(M::NotUtf8.t(lang)),
        "geen-bestand" => Some(M::NoFile.t(lang)),
        _ => None,
    }
}

/// The page at `/kosten/facturen`.
#[component]
pub fn CostLinesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // Newest first unless the URL asks otherwise.
    let q = Memo::new(move |_| {
        let mut q = ListQuery::from_params(&query.read(), &COLUMNS);
        if q.sort.is_none() {
            q.descending = true;
        }
        q
    });
    let delete = ServerAction::<DeleteCostLine>::new();
    let data = Resource::new(
        move || (q.get(), delete.version().get()),
        |(q, _)| {
            let year = q.param("jaar").and_then(|y| y.parse::<i32>().ok());
            let page = q.param("pagina").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1);
            let search = (!q.search.is_empty()).then(|| q.search.clone());
            cost_lines(None, year, search, q.sort.map(str::to_string), q.descending, page)
        },
    );
    let delete_error = Signal::derive(move || delete.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
        <CostsNav current=BASE/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let q = q.get_untracked();
                let page = match data.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let manage = allowed(me.role, Action::ManageCosts);
                let error = upload_error(q.param("fout"), lang);
                view! {
                    {manage.then(|| view! { <UploadForm csrf=me.csrf.clone() error/> })}
                    <FormAlert error=delete_error/>
                    <SearchBox base=BASE query=q.clone() label=M::Search.t(lang)/>
                    <YearFilter q=q.clone() years=page.years.clone()/>
                    <LinesTable page q manage csrf=me.csrf.clone() delete/>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn UploadForm(csrf: String, error: Option<&'static str>) -> impl IntoView {
    let lang = use_lang();
    let invalid = error.is_some();
    view! {
        <section class="rk-card" aria-labelledby="inlezen">
            <h2 class="utrecht-heading-2" id="inlezen">{M::ImportTitle.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::ImportIntro.t(lang)}</p>
            <details><summary>{M::FormatTitle.t(lang)}</summary><p class="utrecht-paragraph">{M::Format.t(lang)}</p></details>
            <form class="rk-form" method="post" action="/kosten/import" enctype="multipart/form-data">
                <CsrfField csrf/>
                <div class="utrecht-form-field" class:utrecht-form-field--invalid=invalid>
                    <label class="utrecht-form-label" for="bestand">{M::File.t(lang)}</label>
                    {error.map(|e| view! { <p class="utrecht-form-field-error-message" id="bestand-error">{e}</p> })}
                    <input class="utrecht-textbox" type="file" id="bestand" name="bestand" accept=".csv,text/csv" required=true aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some("bestand-error")/>
                </div>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Upload.t(lang)}</button></div>
            </form>
        </section>
    }
}

#[component]
fn YearFilter(q: ListQuery, years: Vec<i32>) -> impl IntoView {
    let lang = use_lang();
    let selected = q.param("jaar").map(str::to_string).unwrap_or_default();
    let kept = q.kept(&["jaar", "pagina"]);
    view! {
        <form class="rk-filters" method="get" action=BASE>
            {kept.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="jaar">{KM::Year.t(lang)}</label>
                <select class="utrecht-select" id="jaar" name="jaar">
                    <option value="">{M::AllYears.t(lang)}</option>
                    {years.into_iter().map(|y| {
                        let v = y.to_string();
                        let sel = v == selected;
                        let label = v.clone();
                        view! { <option value=v selected=sel>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{Common::Filter.t(lang)}</button>
        </form>
    }
}

#[component]
fn LinesTable(
    page: CostLinePage,
    q: ListQuery,
    manage: bool,
    csrf: String,
    delete: ServerAction<DeleteCostLine>,
) -> impl IntoView {
    let lang = use_lang();
    if page.lines.is_empty() {
        let text = if q.search.is_empty() && q.param("jaar").is_none() { M::None } else { M::NoMatch };
        return view! { <p class="utrecht-paragraph">{text.t(lang)}</p> }.into_any();
    }
    let count = M::Count.t(lang).replace("{n}", &page.total.to_string());
    let (current, pages) = (page.page, page.pages);
    let pager_q = q.clone();
    let back = q.page_href(BASE, current);
    view! {
        <p class="utrecht-paragraph" role="status">{count}</p>
        <div class="rk-table-scroll">
        <table class="utrecht-table" data-testid="cost-lines">
            <caption class="utrecht-table__caption">{M::Caption.t(lang)}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <SortHeader label=KM::InvoiceDate.t(lang) column="datum" default="datum" base=BASE query=q.clone()/>
                <SortHeader label=KM::InvoiceNumber.t(lang) column="factuur" default="datum" base=BASE query=q.clone()/>
                <SortHeader label=KM::Vendor.t(lang) column="leverancier" default="datum" base=BASE query=q.clone()/>
                <th class="utrecht-table__header-cell" scope="col">{KM::Contract.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::Period.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::CostCentre.t(lang)}</th>
                <SortHeader label=KM::Amount.t(lang) column="bedrag" default="datum" base=BASE query=q.clone() numeric=true/>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{KM::Vat.t(lang)}</th>
                {manage.then(|| view! { <th class="utrecht-table__header-cell" scope="col">{Common::Actions.t(lang)}</th> })}
            </tr></thead>
            <tbody class="utrecht-table__body">
                {page.lines.into_iter().map(|l| {
                    let label = M::RemoveLabel.t(lang).replace("{n}", &l.invoice_number);
                    let (csrf, back) = (csrf.clone(), back.clone());
                    view! {
                        <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell">{date(l.invoice_date)}</td>
                            <td class="utrecht-table__cell">{l.invoice_number.clone()} " " <span class="rk-muted">{(l.kind == "creditnota").then(|| kind_text(&l.kind, lang))}</span></td>
                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", l.vendor)>{l.vendor_name.clone()}</a></td>
                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/contracten/{}/kosten", l.contract)>{l.contract_reference.clone()}</a></td>
                            <td class="utrecht-table__cell">{date(l.period_start)} " – " {date(l.period_end)}</td>
                            <td class="utrecht-table__cell">{l.cost_centre_code.clone()}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(l.amount_cents)}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(l.vat_cents)}</td>
                            {manage.then(|| view! {
                                <td class="utrecht-table__cell">
                                    <ActionForm action=delete>
                                        <CsrfField csrf/>
                                        <input type="hidden" name="id" value=l.id.to_string()/>
                                        <input type="hidden" name="back" value=back/>
                                        <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label=label>{M::Remove.t(lang)}</button>
                                    </ActionForm>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {(pages > 1 || current > 1).then(|| view! { <Pagination page=current pages label=M::Pages.t(lang) href=move |n| pager_q.page_href(BASE, n)/> })}
    }
    .into_any()
}
