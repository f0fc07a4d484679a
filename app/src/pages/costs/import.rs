//! The preview of an uploaded cost file (`/kosten/import/:id`): how many lines, their total, the
//! first lines as they would be stored, or every problem with its line and column. Only a file without
//! problems can be confirmed; then every line is imported at once.

use super::{CostsNav, KM};
use crate::api::costs::{cost_import_preview, ConfirmCostImport};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Lang};
use domain::text::format_euro;
use domain::views_costs::ImportPreview;
use domain::CostImportId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Title => "Kostenbestand bekijken", "Review cost file";
    Summary => "{file}: {rows} regels, samen {total} excl. btw en {vat} btw.", "{file}: {rows} lines, together {total} excl. VAT and {vat} VAT.";
    Ok => "Het bestand is in orde. Controleer de eerste regels hieronder en lees het in.", "The file is in order. Check the first lines below and import it.";
    Confirm => "Alle {rows} regels inlezen", "Import all {rows} lines";
    Problems => "Het bestand kan niet worden ingelezen: {n} fout(en). Er is niets ingelezen. Verbeter het bestand en kies het opnieuw.", "The file cannot be imported: {n} error(s). Nothing was imported. Correct the file and choose it again.";
    ProblemsCaption => "Fouten per regel (de kopregel is regel 1)", "Errors per line (the header is line 1)";
    MoreProblems => "De eerste {shown} van {n} fouten.", "The first {shown} of {n} errors.";
    Line => "Regel", "Line";
    Column => "Kolom", "Column";
    Message => "Wat er mis is", "What is wrong";
    Sample => "De eerste regels", "The first lines";
    Imported => "Dit bestand is al ingelezen.", "This file has already been imported.";
    ToInvoices => "Naar de facturen", "To the invoices";
    Again => "Ander bestand kiezen", "Choose another file";
});

/// The page at `/kosten/import/:id`.
#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<CostImportId>().ok());
    let confirm = ServerAction::<ConfirmCostImport>::new();
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => cost_import_preview(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let error = Signal::derive(move || confirm.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
        <CostsNav current=""/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                match data.await {
                    Ok(p) => view! { <FormAlert error/> <PreviewBody p csrf=me.csrf.clone() confirm/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn fill(lang: Lang, m: M, args: &[(&str, String)]) -> String {
    crate::pages::sla::fill(m.t(lang), args)
}

#[component]
fn PreviewBody(p: ImportPreview, csrf: String, confirm: ServerAction<ConfirmCostImport>) -> impl IntoView {
    let lang = use_lang();
    let back = view! { <p class="utrecht-paragraph"><a class="utrecht-link" href="/kosten/facturen#inlezen">{M::Again.t(lang)}</a></p> };
    if p.imported {
        return view! {
            <p class="utrecht-paragraph" role="status">{M::Imported.t(lang)}</p>
            <p class="utrecht-paragraph"><a class="utrecht-link" href="/kosten/facturen">{M::ToInvoices.t(lang)}</a></p>
        }
        .into_any();
    }
    let rows = p.rows.to_string();
    let summary = fill(
        lang,
        M::Summary,
        &[
            ("file", p.file_name.clone()),
            ("rows", rows.clone()),
            ("total", format_euro(p.total_cents)),
            ("vat", format_euro(p.vat_cents)),
        ],
    );
    if p.error_count > 0 {
        let n = p.error_count.to_string();
        let more = (p.errors.len() < p.error_count as usize)
            .then(|| fill(lang, M::MoreProblems, &[("shown", p.errors.len().to_string()), ("n", n.clone())]));
        return view! {
            <p class="utrecht-paragraph">{summary}</p>
            <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{fill(lang, M::Problems, &[("n", n)])}</p></div>
            {more.map(|m| view! { <p class="utrecht-paragraph">{m}</p> })}
            <div class="rk-table-scroll">
            <table class="utrecht-table" data-testid="import-errors">
                <caption class="utrecht-table__caption">{M::ProblemsCaption.t(lang)}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Line.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Column.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Message.t(lang)}</th>
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {p.errors.into_iter().map(|e| {
                        let message = if lang == Lang::En { e.message_en } else { e.message_nl };
                        view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{e.line}</td>
                                <td class="utrecht-table__cell">{e.column}</td>
                                <td class="utrecht-table__cell">{message}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            {back}
        }
        .into_any();
    }
    view! {
        <p class="utrecht-paragraph" data-testid="import-summary">{summary}</p>
        <p class="utrecht-paragraph">{M::Ok.t(lang)}</p>
        <ActionForm action=confirm attr:class="rk-form">
            <CsrfField csrf/>
            <input type="hidden" name="id" value=p.id.to_string()/>
            <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{fill(lang, M::Confirm, &[("rows", rows)])}</button></div>
        </ActionForm>
        <div class="rk-table-scroll">
        <table class="utrecht-table" data-testid="import-sample">
            <caption class="utrecht-table__caption">{M::Sample.t(lang)}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Line.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::InvoiceNumber.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::InvoiceDate.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::Vendor.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::Contract.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::Period.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{KM::CostCentre.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{KM::Amount.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{KM::Vat.t(lang)}</th>
            </tr></thead>
            <tbody class="utrecht-table__body">
                {p.sample.into_iter().map(|r| view! {
                    <tr class="utrecht-table__row">
                        <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{r.line}</td>
                        <td class="utrecht-table__cell">{r.invoice_number}</td>
                        <td class="utrecht-table__cell">{date(r.invoice_date)}</td>
                        <td class="utrecht-table__cell">{r.vendor_name}</td>
                        <td class="utrecht-table__cell">{r.contract}</td>
                        <td class="utrecht-table__cell">{date(r.period_start)} " – " {date(r.period_end)}</td>
                        <td class="utrecht-table__cell">{r.cost_centre}</td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(r.amount_cents)}</td>
                        <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(r.vat_cents)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {back}
    }
    .into_any()
}
