//! The audit log for beheerder and auditor: filters and page number in the URL query, so that a
//! filtered page can be shared and the GET form works before the wasm loads. Other roles get the 403
//! page from the server's refusal, which is itself logged. Each entry reads as a sentence
//! ([`sentences`]) with a link to its object, next to the codes as recorded; the object code filters
//! the log on that object, and the filtered selection downloads as CSV (`/audit.csv`, audited itself).

#[cfg(feature = "ssr")]
pub mod csv;
pub mod sentences;

use super::deadlines::{FilterButtons, FilterInput, FilterSelect};
use crate::api::audit::{audit_log, AuditLine, AuditQuery};
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::pagination::Pagination;
use crate::components::time::LocalTime;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use sentences::sentence_parts;

crate::messages!(M {
    Title => "Auditlog", "Audit log";
    Intro => "Elke handeling wordt vastgelegd met tijdstip, actor, actie, object, resultaat en herkomst (BIO 8.15.01). De regels vormen een hashketen, zodat wijzigen, verwijderen of weglaten van regels op te sporen is. Nieuwste regels staan bovenaan.", "Every action is recorded with time, actor, action, object, result and origin (BIO 8.15.01). The entries form a hash chain, so that changing, deleting or dropping entries can be detected. The newest entries come first.";
    FilterLabel => "Auditlog filteren", "Filter the audit log";
    Actor => "Actor", "Actor";
    ActorField => "Actor (gebruikersnaam)", "Actor (username)";
    Action => "Actie", "Action";
    ActionHint => "Begin van de actie, zoals contract.", "Start of the action, such as contract.";
    Object => "Object", "Object";
    ObjectHint => "Een object, zoals contract:12, of een deel ervan, zoals contract:", "An object, such as contract:12, or part of one, such as contract:";
    Result => "Resultaat", "Result";
    From => "Vanaf datum", "From date";
    To => "Tot en met datum", "Up to and including date";
    Time => "Tijdstip", "Time";
    Origin => "Herkomst", "Origin";
    Detail => "Toelichting", "Detail";
    Event => "Gebeurtenis", "Event";
    ObjectLog => "Alle regels over {object}", "All entries about {object}";
    Export => "Deze selectie downloaden (CSV)", "Download this selection (CSV)";
    ExportNote => "Tijden in Europe/Amsterdam en in UTC. De download wordt zelf in het auditlog vastgelegd.", "Times in Europe/Amsterdam and in UTC. The download is itself recorded in the audit log.";
    Ok => "Gelukt", "Succeeded";
    Denied => "Geweigerd", "Denied";
    Failed => "Mislukt", "Failed";
    Caption => "Auditlog, nieuwste eerst", "Audit log, newest first";
    Entries => "regels", "entries";
    Entry => "regel", "entry";
    Found => "gevonden", "found";
    NoMatch => "Geen regels gevonden die aan dit filter voldoen.", "No entries match this filter.";
    PastEnd => "Deze pagina bestaat niet; er zijn minder regels.", "This page does not exist; there are fewer entries.";
    Pagination => "Paginering auditlog", "Audit log pages";
    Of => "van", "of";
});

/// The results an entry can have, as stored.
const RESULTS: [(&str, M); 3] = [("ok", M::Ok), ("denied", M::Denied), ("failed", M::Failed)];

/// The filters in the URL query. A value that makes no sense (an unknown result, a malformed date or
/// page number) is dropped, so that an edited URL never gives an error page.
fn query_from_url(q: &ParamsMap) -> AuditQuery {
    let text = |key: &str| {
        q.get_str(key).map(str::trim).filter(|s| !s.is_empty()).map(|s| s.chars().take(200).collect::<String>())
    };
    let day = |key: &str| text(key).filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok());
    AuditQuery {
        actor: text("actor"),
        action: text("actie"),
        object: text("object"),
        result: text("resultaat").filter(|r| RESULTS.iter().any(|(k, _)| k == r)),
        from: day("van"),
        to: day("tot"),
        page: text("pagina").and_then(|p| p.parse::<i64>().ok()).filter(|p| *p > 1 && *p <= 100_000),
    }
}

/// `s` percent-encoded for a query string; the same on the server and in the browser, so that links
/// built during hydration match the server's HTML.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `path` with the filters of `q` and, above 1, the page number in its query.
fn href_with(path: &str, q: &AuditQuery, page: i64) -> String {
    let pairs = [
        ("actor", q.actor.as_deref()),
        ("actie", q.action.as_deref()),
        ("object", q.object.as_deref()),
        ("resultaat", q.result.as_deref()),
        ("van", q.from.as_deref()),
        ("tot", q.to.as_deref()),
    ];
    let page = (page > 1).then(|| page.to_string());
    let parts: Vec<String> = pairs
        .into_iter()
        .chain([("pagina", page.as_deref())])
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        path.into()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

/// The address of page `page` with the same filters.
fn page_href(q: &AuditQuery, page: i64) -> String {
    href_with("/audit", q, page)
}

/// The CSV download of every entry matching the filters (all pages).
fn csv_href(q: &AuditQuery) -> String {
    href_with("/audit.csv", q, 1)
}

fn result_label(result: &str, lang: Lang) -> String {
    RESULTS.iter().find(|(k, _)| *k == result).map_or_else(|| result.to_string(), |(_, m)| m.t(lang).to_string())
}

fn count_text(n: i64, lang: Lang) -> String {
    format!("{n} {}", if n == 1 { M::Entry.t(lang) } else { M::Entries.t(lang) })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| query_from_url(&query.read()));
    let data = Resource::new(move || filter.get(), audit_log);
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                if current_me().await.is_none() {
                    return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any();
                }
                let p = match data.await {
                    Ok(p) => p,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let q = filter.get_untracked();
                let pages = ((p.total + p.per_page - 1) / p.per_page.max(1)).max(1);
                let first = (p.page - 1) * p.per_page + 1;
                let last = first + p.lines.len() as i64 - 1;
                let export = csv_href(&q);
                let result_options = RESULTS.iter().map(|(k, m)| (k.to_string(), m.t(lang).to_string())).collect();
                let body = if p.lines.is_empty() {
                    let text = if p.total == 0 { M::NoMatch } else { M::PastEnd };
                    view! { <p class="utrecht-paragraph">{text.t(lang)}</p> }.into_any()
                } else {
                    view! {
                        <div class="rk-table-scroll">
                        <table class="utrecht-table">
                            <caption class="utrecht-table__caption">
                                {M::Caption.t(lang)} ": " {first} "–" {last} " " {M::Of.t(lang)} " " {count_text(p.total, lang)}
                            </caption>
                            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="col">{M::Time.t(lang)}</th>
                                <th class="utrecht-table__header-cell" scope="col">{M::Event.t(lang)}</th>
                                <th class="utrecht-table__header-cell" scope="col">{M::Actor.t(lang)}</th>
                                <th class="utrecht-table__header-cell" scope="col">{M::Action.t(lang)}</th>
                                <th class="utrecht-table__header-cell" scope="col">{M::Object.t(lang)}</th>
                                <th class="utrecht-table__header-cell" scope="col">{M::Result.t(lang)}</th>
                                <th class="utrecht-table__header-cell" scope="col">{M::Origin.t(lang)}</th>
                                <th class="utrecht-table__header-cell" scope="col">{M::Detail.t(lang)}</th>
                            </tr></thead>
                            <tbody class="utrecht-table__body">
                                {p.lines.into_iter().map(|l| view! { <AuditRow line=l/> }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }.into_any()
                };
                view! {
                    <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
                    <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
                    <form class="rk-filters" method="get" action="/audit" role="search" aria-label=M::FilterLabel.t(lang)>
                        <FilterInput name="actor" label=M::ActorField.t(lang) value=q.actor.clone().unwrap_or_default()/>
                        <FilterInput name="actie" label=M::Action.t(lang) hint=M::ActionHint.t(lang) value=q.action.clone().unwrap_or_default()/>
                        <FilterInput name="object" label=M::Object.t(lang) hint=M::ObjectHint.t(lang) value=q.object.clone().unwrap_or_default()/>
                        <FilterSelect name="resultaat" label=M::Result.t(lang) options=result_options selected=q.result.clone().unwrap_or_default()/>
                        <FilterInput name="van" label=M::From.t(lang) input_type="date" value=q.from.clone().unwrap_or_default()/>
                        <FilterInput name="tot" label=M::To.t(lang) input_type="date" value=q.to.clone().unwrap_or_default()/>
                        <FilterButtons clear_href="/audit"/>
                    </form>
                    <p class="utrecht-paragraph" role="status"><strong>{count_text(p.total, lang)} " " {M::Found.t(lang)}</strong></p>
                    {(p.total > 0).then(|| view! {
                        <p class="utrecht-paragraph">
                            <a class="utrecht-link" href=export download="" aria-describedby="rk-audit-export-note">{M::Export.t(lang)}</a>
                            <br/><span id="rk-audit-export-note" class="rk-muted">{M::ExportNote.t(lang)}</span>
                        </p>
                    })}
                    {body}
                    {(pages > 1).then(|| view! { <Pagination page=u32::try_from(p.page).unwrap_or(1) pages=u32::try_from(pages).unwrap_or(1) label=M::Pagination.t(lang) href=move |n| page_href(&q, i64::from(n))/> })}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn AuditRow(line: AuditLine) -> impl IntoView {
    let lang = use_lang();
    let (before, object, after) = sentence_parts(&line, lang);
    let object = match (object, line.object_href.clone()) {
        (Some(text), Some(href)) => Some(view! { <a class="utrecht-link" href=href>{text}</a> }.into_any()),
        (Some(text), None) => Some(text.into_any()),
        (None, _) => None,
    };
    let object_log = page_href(&AuditQuery { object: Some(line.object.clone()), ..Default::default() }, 1);
    let object_label = M::ObjectLog.t(lang).replace("{object}", &line.object);
    view! {
        <tr class="utrecht-table__row">
            <td class="utrecht-table__cell"><LocalTime at=line.at seconds=true/></td>
            <td class="utrecht-table__cell">{before}{object}{after}</td>
            <td class="utrecht-table__cell">{line.actor}</td>
            <td class="utrecht-table__cell">{line.action}</td>
            <td class="utrecht-table__cell"><a class="utrecht-link" href=object_log aria-label=object_label>{line.object}</a></td>
            <td class="utrecht-table__cell">{result_label(&line.result, lang)}</td>
            <td class="utrecht-table__cell">{line.origin}</td>
            <td class="utrecht-table__cell">{line.detail.unwrap_or_default()}</td>
        </tr>
    }
}
