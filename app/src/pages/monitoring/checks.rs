//! The source page's last 24 hours: the state history as runs of one state, and the checks themselves
//! 50 to a page, newest first, with previous and next links (`?pagina=N`) that are plain links, so
//! they work before the wasm loads.

use super::events::th;
use crate::components::pagination::Pagination;
use crate::components::state::StateBadge;
use crate::components::time::LocalTime;
use crate::i18n::use_lang;
use domain::monitoring::CheckResult;
use domain::views_monitoring::{CheckRun, CHECKS_PER_PAGE};
use leptos::prelude::*;

crate::messages!(K {
    History => "Verloop van de beschikbaarheid (24 uur)", "Availability history (24 hours)";
    Checks => "Controles van de afgelopen 24 uur", "Checks of the last 24 hours";
    NoChecks => "Geen controles in de afgelopen 24 uur.", "No checks in the last 24 hours.";
    PastEnd => "Deze pagina bestaat niet; er zijn minder controles.", "This page does not exist; there are fewer checks.";
    Caption => "Controles, nieuwste eerst", "Checks, newest first";
    Of => "van", "of";
    From => "Van", "From";
    Until => "Tot en met", "Until";
    State => "Toestand", "State";
    At => "Tijdstip", "Time";
    Latency => "Responstijd (ms)", "Latency (ms)";
    Status => "HTTP-status", "HTTP status";
    Error => "Fout", "Error";
    Pagination => "Paginering controles", "Check pages";
});

/// The page number in the URL query (`pagina`); anything else than a number from 1 is page 1.
pub fn page_from_query(value: Option<String>) -> u32 {
    value.and_then(|p| p.trim().parse::<u32>().ok()).filter(|p| *p >= 1).unwrap_or(1)
}

/// The address of page `page` of source `source`'s checks (page 1 without the query), at the table.
pub fn page_href(source: i64, page: u32) -> String {
    if page > 1 {
        format!("/monitoring/bronnen/{source}?pagina={page}#controles")
    } else {
        format!("/monitoring/bronnen/{source}#controles")
    }
}

/// The state history of the last 24 hours, newest first.
#[component]
pub fn CheckHistory(history: Vec<CheckRun>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 class="utrecht-heading-2">{K::History.t(lang)}</h2>
        {if history.is_empty() {
            view! { <p class="utrecht-paragraph">{K::NoChecks.t(lang)}</p> }.into_any()
        } else {
            view! {
                <table class="utrecht-table">
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        {th(K::State.t(lang))}{th(K::From.t(lang))}{th(K::Until.t(lang))}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {history.into_iter().map(|r| view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell"><StateBadge state=Some(r.state)/></td>
                                <td class="utrecht-table__cell"><LocalTime at=r.first/></td>
                                <td class="utrecht-table__cell"><LocalTime at=r.last/></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

/// One page of checks with the count and the page links.
#[component]
pub fn ChecksTable(source: i64, checks: Vec<CheckResult>, total: u64, page: u32, pages: u32) -> impl IntoView {
    let lang = use_lang();
    let first = u64::from(page - 1) * u64::from(CHECKS_PER_PAGE) + 1;
    let last = first + checks.len() as u64 - 1;
    let body = if checks.is_empty() {
        let text = if total == 0 { K::NoChecks } else { K::PastEnd };
        view! { <p class="utrecht-paragraph">{text.t(lang)}</p> }.into_any()
    } else {
        view! {
            <div class="rk-table-scroll">
            <table class="utrecht-table">
                <caption class="utrecht-table__caption">
                    {K::Caption.t(lang)} ": " {first} "–" {last} " " {K::Of.t(lang)} " " {total}
                </caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    {th(K::At.t(lang))}{th(K::State.t(lang))}{th(K::Latency.t(lang))}{th(K::Status.t(lang))}{th(K::Error.t(lang))}
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {checks.into_iter().map(|c| view! {
                        <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell"><LocalTime at=c.at seconds=true/></td>
                            <td class="utrecht-table__cell"><StateBadge state=Some(c.state)/></td>
                            <td class="utrecht-table__cell">{c.latency_ms.map(|l| l.to_string()).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">{c.status_code.map(|l| l.to_string()).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">{c.error.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        }.into_any()
    };
    view! {
        <h2 class="utrecht-heading-2" id="controles">{K::Checks.t(lang)}</h2>
        {body}
        {(pages > 1 || page > 1).then(|| view! {
            <Pagination page pages label=K::Pagination.t(lang) href=move |n| page_href(source, n)/>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_number_comes_from_the_query_and_page_one_has_no_query() {
        assert_eq!(page_from_query(Some("3".into())), 3);
        for bad in [None, Some("0".into()), Some("-2".into()), Some("twee".into())] {
            assert_eq!(page_from_query(bad), 1);
        }
        assert_eq!(page_href(7, 1), "/monitoring/bronnen/7#controles");
        assert_eq!(page_href(7, 2), "/monitoring/bronnen/7?pagina=2#controles");
    }
}
