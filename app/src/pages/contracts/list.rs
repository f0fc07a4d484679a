//! The contract register: every contract with its current term and deadlines, sorted by any column and
//! searched through the URL (`?sorteer=…&richting=af&zoek=…`), with the total of the annual values.

use super::CM;
use crate::api::contracts::list_contracts;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::sortable::{by_text, found_text, ListQuery, SearchBox, SortHeader};
use crate::components::status::StatusBadge;
use crate::components::title::PageTitle;
use crate::i18n::{date, use_lang, Label, Lang};
use domain::deadlines::{DeadlineStatus, Deadlines};
use domain::policy::{allowed, Action};
use domain::text::format_euro;
use domain::views::ContractWithDeadlines;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::cmp::Ordering;

crate::messages!(M {
    Search => "Zoek op kenmerk, omschrijving, leverancier of eigenaar", "Search by reference, description, vendor or owner";
    Total => "Totaal", "Total";
    Count => "{n} contracten", "{n} contracts";
    NoMatch => "Geen contract gevonden. Pas de zoekopdracht aan of wis die.", "No contract found. Change the search or clear it.";
    Contract => "Contract", "Contract";
    Ends => "eindigt {date}: heraanbesteden", "ends {date}: re-tender";
});

/// The sortable columns (their keys in the URL).
const COLUMNS: [&str; 8] =
    ["contract", "leverancier", "eigenaar", "einde", "opzegdatum", "besluitdatum", "jaarwaarde", "status"];
const DEFAULT: &str = "besluitdatum";
const BASE: &str = "/contracten";

fn compare(column: &str, a: &ContractWithDeadlines, b: &ContractWithDeadlines) -> Ordering {
    let (x, y) = (&a.contract, &b.contract);
    match column {
        "contract" => by_text(&x.reference, &y.reference),
        "leverancier" => by_text(&x.vendor_name, &y.vendor_name),
        "eigenaar" => by_text(&x.owner, &y.owner),
        "einde" => a.deadlines.term_end.cmp(&b.deadlines.term_end),
        // Contracts without a notice deadline (they end by themselves) sort by their end date.
        "opzegdatum" => moment(&a.deadlines).cmp(&moment(&b.deadlines)),
        "jaarwaarde" => x.annual_value_cents.cmp(&y.annual_value_cents),
        "status" => urgency(a.deadlines.status)
            .cmp(&urgency(b.deadlines.status))
            .then(a.deadlines.decision_date.cmp(&b.deadlines.decision_date)),
        _ => a.deadlines.decision_date.cmp(&b.deadlines.decision_date),
    }
    .then_with(|| by_text(&x.reference, &y.reference))
}

/// Most urgent first when sorted by status.
fn urgency(s: DeadlineStatus) -> u8 {
    match s {
        DeadlineStatus::Overdue => 0,
        DeadlineStatus::ActionNeeded => 1,
        DeadlineStatus::OnSchedule => 2,
    }
}

/// The last moment to act: the notice deadline, or the end date of a contract that ends by itself.
fn moment(d: &Deadlines) -> chrono::NaiveDate {
    d.notice_deadline.unwrap_or(d.term_end)
}

/// The notice deadline, or for a contract that ends by itself its end date as the moment to re-tender.
pub fn notice_text(lang: Lang, d: &Deadlines) -> String {
    match d.notice_deadline {
        Some(n) => date(n),
        None => M::Ends.t(lang).replace("{date}", &date(d.term_end)),
    }
}

#[component]
pub fn ContractListPage() -> impl IntoView {
    let lang = use_lang();
    let contracts = Resource::new(|| (), |_| list_contracts());
    let query = use_query_map();
    view! {
        <PageTitle text=CM::Contracts.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let me = current_me().await;
                let all = match contracts.await {
                    Ok(r) => r,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let q = ListQuery::from_params(&query.read_untracked(), &COLUMNS);
                let can_manage = me.is_some_and(|m| allowed(m.role, Action::ManageContracts));
                let total = all.len();
                let mut rows: Vec<_> = all
                    .into_iter()
                    .filter(|r| {
                        let c = &r.contract;
                        q.matches(&[&c.reference, &c.title, &c.vendor_name, &c.owner])
                    })
                    .collect();
                q.sort(&mut rows, DEFAULT, compare);
                let sum: i64 = rows.iter().map(|r| r.contract.annual_value_cents).sum();
                let found = found_text(lang, &q, rows.len(), total);
                let th = {
                    let q = q.clone();
                    move |label: &'static str, column: &'static str, numeric: bool| {
                        view! { <SortHeader label=label column=column default=DEFAULT base=BASE query=q.clone() numeric=numeric/> }
                    }
                };
                view! {
                    <h1 class="utrecht-heading-1">{CM::Contracts.t(lang)}</h1>
                    {can_manage.then(|| view! {
                        <p class="rk-actions"><a class="utrecht-button utrecht-button--primary-action" href="/contracten/nieuw">{CM::New.t(lang)}</a></p>
                    })}
                    {(total > 0).then(|| view! { <SearchBox base=BASE query=q.clone() label=M::Search.t(lang)/> })}
                    <p class="utrecht-paragraph" role="status">{found}</p>
                    {if total == 0 {
                        view! { <p class="utrecht-paragraph">{CM::Empty.t(lang)}</p> }.into_any()
                    } else if rows.is_empty() {
                        view! { <p class="utrecht-paragraph">{M::NoMatch.t(lang)}</p> }.into_any()
                    } else {
                        let count = M::Count.t(lang).replace("{n}", &rows.len().to_string());
                        view! {
                            <div class="rk-table-scroll">
                            <table class="utrecht-table">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    {th(M::Contract.t(lang), "contract", false)}
                                    {th(CM::Vendor.t(lang), "leverancier", false)}
                                    {th(CM::Owner.t(lang), "eigenaar", false)}
                                    {th(CM::TermEnd.t(lang), "einde", false)}
                                    {th(CM::NoticeDeadline.t(lang), "opzegdatum", false)}
                                    {th(CM::DecisionDate.t(lang), "besluitdatum", false)}
                                    {th(CM::AnnualValue.t(lang), "jaarwaarde", true)}
                                    {th(CM::DeadlineStatus.t(lang), "status", false)}
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {rows.into_iter().map(|r| {
                                        let (c, d) = (r.contract, r.deadlines);
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/contracten/{}", c.id)>{c.reference}</a><br/>{c.title}<br/><span class="rk-muted">{c.status.label(lang)}</span></td>
                                                <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", c.vendor_id)>{c.vendor_name}</a></td>
                                                <td class="utrecht-table__cell">{c.owner}</td>
                                                <td class="utrecht-table__cell">{date(d.term_end)}</td>
                                                <td class="utrecht-table__cell">{notice_text(lang, &d)}</td>
                                                <td class="utrecht-table__cell">{date(d.decision_date)}</td>
                                                <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(c.annual_value_cents).replace(' ', "\u{a0}")}</td>
                                                <td class="utrecht-table__cell"><StatusBadge status=d.status/></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                                <tfoot class="utrecht-table__footer"><tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="row" colspan="6">{M::Total.t(lang)} " (" {count} ")"</th>
                                    <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{format_euro(sum).replace(' ', "\u{a0}")}</td>
                                    <td class="utrecht-table__cell"></td>
                                </tr></tfoot>
                            </table>
                            </div>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
