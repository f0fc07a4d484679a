//! One licence (`/licenties/:id`): its terms, latest use, rightsizing and flags, the use per month,
//! the form to read a Microsoft 365 "Office 365 active user detail" report (a plain multipart POST to
//! `/licenties/:id/gebruik`, handled in `server/src/http/costs.rs`), and the form to change the terms.
//! A refused report comes back here with its problem in the URL as codes and numbers only
//! ([`usage_error_query`]), so that no text from the file reaches the page through the URL.

use super::licences::{flag_texts, permille_text};
use super::{CostsNav, KM};
use crate::api::costs::{licence_detail, UpdateLicence};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Lang};
use domain::costs::usage_m365::UsageError;
use domain::policy::{allowed, Action};
use domain::text::format_euro;
use domain::views_licences::{LicenceDetail, LicenceView};
use domain::LicenceId;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::params::ParamsMap;

crate::messages!(M {
    Title => "Licentie", "Licence";
    Terms => "Afspraken", "Terms";
    Purchased => "Ingekocht", "Bought";
    Price => "Prijs per licentie per maand", "Price per seat per month";
    TrueUp => "Volgende true-up", "Next true-up";
    TrueDown => "Volgende true-down", "Next true-down";
    Product => "Product in het gebruiksrapport", "Product in the usage report";
    AnyProduct => "elk product", "any product";
    Latest => "Laatst gemeten gebruik", "Latest measured use";
    NoUse => "Nog geen gebruik gemeten. Lees een gebruiksrapport in.", "No use measured yet. Import a usage report.";
    Measured => "Gemeten op {date} ({origin}): {assigned} toegewezen, {active} actief in de laatste 30 dagen, benutting {pct}.", "Measured on {date} ({origin}): {assigned} assigned, {active} active in the last 30 days, utilisation {pct}.";
    Inactive => "Zonder activiteit: {d30} sinds 30 dagen, {d60} sinds 60 dagen, {d90} sinds 90 dagen.", "Without activity: {d30} for 30 days, {d60} for 60 days, {d90} for 90 days.";
    Rightsizing => "Bij de volgende true-down ({date}) kunnen {n} licenties terug ({free} niet toegewezen, {idle} zonder activiteit sinds {days} dagen): {amount} per jaar.", "At the next true-down ({date}) {n} seats can go back ({free} unassigned, {idle} without activity for {days} days): {amount} per year.";
    NoTrueDown => "geen datum bekend", "no date known";
    History => "Gebruik per maand", "Use per month";
    HistoryCaption => "Laatste meting per maand", "Last measurement per month";
    Month => "Maand", "Month";
    Assigned => "Toegewezen", "Assigned";
    Active => "Actief", "Active";
    Utilisation => "Benutting", "Utilisation";
    Upload => "Gebruiksrapport inlezen", "Import usage report";
    UploadIntro => "Het rapport ‘Office 365 active user detail’ (CSV) uit het Microsoft 365-beheercentrum. Regiekamer telt alleen: namen van gebruikers worden niet bewaard.", "The ‘Office 365 active user detail’ report (CSV) from the Microsoft 365 admin centre. Regiekamer only counts: user names are not kept.";
    File => "Rapport (CSV)", "Report (CSV)";
    UploadButton => "Rapport inlezen", "Import report";
    Edit => "Afspraken wijzigen", "Change terms";
    Refused => "Het rapport is niet ingelezen: {why}", "The report was not imported: {why}";
    TooLarge => "het bestand is groter dan 50 MB.", "the file is larger than 50 MB.";
    NoFile => "kies een rapport om in te lezen.", "choose a report to import.";
    Unreadable => "het bestand kon niet worden gelezen.", "the file could not be read.";
});

/// The columns a refused report may name in the URL: those the count needs (never text from the file).
const KNOWN_COLUMNS: [&str; 10] = [
    "Report Refresh Date",
    "Is Deleted",
    "Assigned Products",
    "Exchange Last Activity Date",
    "OneDrive Last Activity Date",
    "SharePoint Last Activity Date",
    "Skype For Business Last Activity Date",
    "Yammer Last Activity Date",
    "Teams Last Activity Date",
    "Last Activity Date",
];

fn known(column: &str) -> String {
    KNOWN_COLUMNS.iter().find(|k| k.eq_ignore_ascii_case(column)).map(|k| k.to_string()).unwrap_or_default()
}

/// The refused report as query parameters: a code and numbers (and a known column name).
pub fn usage_error_query(e: &UsageError) -> String {
    match e {
        UsageError::NotUtf8 { line } => format!("fout=utf8&regel={line}"),
        UsageError::NoUsers => "fout=leeg".into(),
        UsageError::UnknownLayout { missing } => format!("fout=indeling&kolom={}", known(missing).replace(" ", "%20")),
        UsageError::UnclosedQuote { line } => format!("fout=aanhalingsteken&regel={line}"),
        UsageError::FieldCount { line, found, expected } => {
            format!("fout=velden&regel={line}&gevonden={found}&verwacht={expected}")
        }
        UsageError::NotABoolean { line, column, .. } => {
            format!("fout=janee&regel={line}&kolom={}", known(column).replace(" ", "%20"))
        }
        UsageError::NotADate { line, column, .. } => {
            format!("fout=datum&regel={line}&kolom={}", known(column).replace(" ", "%20"))
        }
        UsageError::RefreshDateDiffers { line, found, first } => {
            format!("fout=verversdatum&regel={line}&gevonden={found}&verwacht={first}")
        }
    }
}

/// The sentence for a refused report from the URL, or `None` without (or with an unknown) code.
fn refused_text(q: &ParamsMap, lang: Lang) -> Option<String> {
    let num = |k: &str| q.get_str(k).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    let day =
        |k: &str| q.get_str(k).and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).unwrap_or_default();
    let column = known(q.get_str("kolom").unwrap_or_default());
    let line = num("regel");
    let e = match q.get_str("fout")? {
        "te-groot" => return Some(M::Refused.t(lang).replace("{why}", M::TooLarge.t(lang))),
        "geen-bestand" => return Some(M::Refused.t(lang).replace("{why}", M::NoFile.t(lang))),
        "onleesbaar" => return Some(M::Refused.t(lang).replace("{why}", M::Unreadable.t(lang))),
        "utf8" => UsageError::NotUtf8 { line },
        "leeg" => UsageError::NoUsers,
        "indeling" => UsageError::UnknownLayout { missing: column },
        "aanhalingsteken" => UsageError::UnclosedQuote { line },
        "velden" => UsageError::FieldCount { line, found: num("gevonden"), expected: num("verwacht") },
        "janee" => UsageError::NotABoolean { line, column, value: String::new() },
        "datum" => UsageError::NotADate { line, column, value: String::new() },
        "verversdatum" => UsageError::RefreshDateDiffers { line, found: day("gevonden"), first: day("verwacht") },
        _ => return None,
    };
    let why = if lang == Lang::En { e.message_en() } else { e.message_nl() };
    Some(M::Refused.t(lang).replace("{why}", &why))
}

/// The page at `/licenties/:id`.
#[component]
pub fn LicencePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<LicenceId>().ok());
    let days = move || query.read().get("dagen").and_then(|s| s.parse::<u32>().ok());
    let data = Resource::new(
        move || (id(), days()),
        |(id, days)| async move {
            match id {
                Some(id) => licence_detail(id, days).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let refused = refused_text(&query.read_untracked(), lang);
                let manage = allowed(me.role, Action::ManageCosts);
                view! { <LicenceBody d refused manage csrf=me.csrf.clone()/> }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn LicenceBody(d: LicenceDetail, refused: Option<String>, manage: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let l = d.row.licence.clone();
    let heading = format!("{}: {} ({})", M::Title.t(lang), l.licence_type, l.contract_reference);
    let fill = |t: &str, args: &[(&str, String)]| crate::pages::sla::fill(t, args);
    let latest = l.latest.clone().map(|u| {
        let measured = fill(
            M::Measured.t(lang),
            &[
                ("date", date(u.measured_on)),
                ("origin", if u.origin == "m365" { "Microsoft 365".into() } else { u.origin.clone() }),
                ("assigned", u.assigned.to_string()),
                ("active", u.active.to_string()),
                ("pct", d.row.utilisation_permille.map(|p| permille_text(p, lang)).unwrap_or_default()),
            ],
        );
        let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_else(|| "–".into());
        let inactive = fill(
            M::Inactive.t(lang),
            &[("d30", n(u.inactive_30)), ("d60", n(u.inactive_60)), ("d90", n(u.inactive_90))],
        );
        (measured, inactive)
    });
    let rightsizing = d.row.saving_per_year_cents.map(|s| {
        fill(
            M::Rightsizing.t(lang),
            &[
                ("date", l.true_down.map(date).unwrap_or_else(|| M::NoTrueDown.t(lang).to_string())),
                ("n", d.row.removable.unwrap_or(0).to_string()),
                ("free", d.row.unassigned.unwrap_or(0).to_string()),
                ("idle", d.row.inactive.unwrap_or(0).to_string()),
                ("days", d.days.to_string()),
                ("amount", format_euro(s)),
            ],
        )
    });
    let flags = flag_texts(&d.row, lang);
    view! {
        <PageTitle text=heading.clone()/>
        <h1 class="utrecht-heading-1">{heading}</h1>
        <CostsNav current="/licenties"/>
        {refused.map(|r| view! { <div class="utrecht-alert utrecht-alert--error" role="alert" id="f-rapport-error"><p class="utrecht-paragraph">{r}</p></div> })}
        <dl class="rk-dl">
            <dt>{KM::Vendor.t(lang)}</dt><dd><a class="utrecht-link" href=format!("/leveranciers/{}", l.vendor)>{l.vendor_name.clone()}</a></dd>
            <dt>{KM::Contract.t(lang)}</dt><dd><a class="utrecht-link" href=format!("/contracten/{}/kosten", l.contract)>{l.contract_reference.clone()}</a></dd>
            <dt>{M::Purchased.t(lang)}</dt><dd>{l.purchased}</dd>
            <dt>{M::Price.t(lang)}</dt><dd>{format_euro(l.unit_price_cents)}</dd>
            <dt>{M::TrueUp.t(lang)}</dt><dd>{l.true_up.map(date).unwrap_or_default()}</dd>
            <dt>{M::TrueDown.t(lang)}</dt><dd>{l.true_down.map(date).unwrap_or_default()}</dd>
            <dt>{M::Product.t(lang)}</dt><dd>{l.product.clone().unwrap_or_else(|| M::AnyProduct.t(lang).to_string())}</dd>
        </dl>
        <section aria-labelledby="gebruik">
            <h2 class="utrecht-heading-2" id="gebruik">{M::Latest.t(lang)}</h2>
            {match latest {
                Some((m, i)) => view! { <p class="utrecht-paragraph" data-testid="latest-use">{m}</p><p class="utrecht-paragraph">{i}</p> }.into_any(),
                None => view! { <p class="utrecht-paragraph">{M::NoUse.t(lang)}</p> }.into_any(),
            }}
            {rightsizing.map(|r| view! { <p class="utrecht-paragraph rk-figure" data-testid="rightsizing">{r}</p> })}
            {(!flags.is_empty()).then(|| view! { <p class="utrecht-paragraph"><strong>{flags}</strong></p> })}
        </section>
        <HistoryTable d=d.clone()/>
        <super::licence_source::SourceSection l=l.clone() manage csrf=csrf.clone()/>
        {manage.then(|| view! {
            <section class="rk-card" aria-labelledby="inlezen">
                <h2 class="utrecht-heading-2" id="inlezen">{M::Upload.t(lang)}</h2>
                <p class="utrecht-paragraph">{M::UploadIntro.t(lang)}</p>
                <form class="rk-form" method="post" action=format!("/licenties/{}/gebruik", l.id) enctype="multipart/form-data">
                    <CsrfField csrf=csrf.clone()/>
                    <div class="utrecht-form-field">
                        <label class="utrecht-form-label" for="f-rapport">{M::File.t(lang)}</label>
                        <input class="utrecht-textbox" type="file" id="f-rapport" name="rapport" accept=".csv,text/csv" required=true/>
                    </div>
                    <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::UploadButton.t(lang)}</button></div>
                </form>
            </section>
            <EditForm l=l.clone() csrf=csrf.clone()/>
        })}
    }
}

#[component]
fn HistoryTable(d: LicenceDetail) -> impl IntoView {
    let lang = use_lang();
    if d.months.is_empty() {
        return ().into_any();
    }
    let purchased = d.row.licence.purchased;
    view! {
        <section aria-labelledby="geschiedenis">
            <h2 class="utrecht-heading-2" id="geschiedenis">{M::History.t(lang)}</h2>
            <div class="rk-table-scroll">
            <table class="utrecht-table" data-testid="usage-history">
                <caption class="utrecht-table__caption">{M::HistoryCaption.t(lang)}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">{M::Month.t(lang)}</th>
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Assigned.t(lang)}</th>
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Active.t(lang)}</th>
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Utilisation.t(lang)}</th>
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {d.months.into_iter().map(|u| {
                        let pct = domain::costs::rightsizing::utilisation_permille(u.active, purchased);
                        view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">{u.measured_on.format("%Y-%m").to_string()}</th>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{u.assigned}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{u.active}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{permille_text(pct, lang)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

/// The licence terms as form fields (add on a contract's cost page, change here).
#[component]
pub fn LicenceFields(l: Option<LicenceView>, error: crate::components::fields::FormError) -> impl IntoView {
    let lang = use_lang();
    let v = |f: fn(&LicenceView) -> String| l.as_ref().map(f).unwrap_or_default();
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let euros = |c: i64| format!("{},{:02}", c / 100, c % 100);
    view! {
        <TextField field="licentiesoort" error_key="soort" name="form[soort]" label=M::Title.t(lang) value=v(|l| l.licence_type.clone()) required=true maxlength=120 error/>
        <TextField field="product" name="form[product]" label=M::Product.t(lang) value=v(|l| l.product.clone().unwrap_or_default()) maxlength=200 error/>
        <TextField field="ingekocht" name="form[ingekocht]" label=M::Purchased.t(lang) value=v(|l| l.purchased.to_string()) input_type="number" required=true error/>
        <TextField field="prijs_per_maand" name="form[prijs_per_maand]" label=M::Price.t(lang) value=l.as_ref().map(|l| euros(l.unit_price_cents)).unwrap_or_default() required=true error/>
        <TextField field="true_up" name="form[true_up]" label=M::TrueUp.t(lang) value=day(l.as_ref().and_then(|l| l.true_up)) input_type="date" error/>
        <TextField field="true_down" name="form[true_down]" label=M::TrueDown.t(lang) value=day(l.as_ref().and_then(|l| l.true_down)) input_type="date" error/>
        <TextField field="vrij_onder" name="form[vrij_onder]" label=if lang == Lang::Nl { "Signaal bij minder vrije licenties dan" } else { "Flag when fewer free seats than" } value=v(|l| l.free_below.map(|n| n.to_string()).unwrap_or_default()) input_type="number" error/>
        <TextField field="benutting_onder" name="form[benutting_onder]" label=if lang == Lang::Nl { "Signaal bij benutting onder (%)" } else { "Flag when utilisation below (%)" } value=v(|l| l.utilisation_below_pct.map(|n| n.to_string()).unwrap_or_default()) input_type="number" error/>
    }
}

#[component]
fn EditForm(l: LicenceView, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<UpdateLicence>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let id = l.id;
    view! {
        <ActionForm action attr:class="rk-form rk-card">
            <h2 class="utrecht-heading-2">{M::Edit.t(lang)}</h2>
            <FormAlert error/>
            <CsrfField csrf/>
            <input type="hidden" name="id" value=id.to_string()/>
            <LicenceFields l=Some(l) error/>
            <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{Common::Save.t(lang)}</button></div>
        </ActionForm>
    }
}
