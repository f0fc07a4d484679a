//! Every request for the regie team (`/aanvragen`): how many there are, how many are open and how
//! many are over time, a status filter and a table sorted by filing date, due date or status, all
//! through the URL (`?status=ingediend&sorteer=klaar`), so it works without JavaScript.

use super::{status_text, waiting_text, RequestStatusPill, RM};
use crate::api::requests::get_request_list;
use crate::components::errors::ErrorPage;
use crate::components::sortable::{ListQuery, SortHeader};
use crate::components::time::LocalTime;
use crate::components::title::PageTitle;
use crate::i18n::{date, use_lang, Common};
use domain::requests::views::{RequestList, RequestSummary};
use domain::requests::RequestStatus;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::cmp::Ordering;

crate::messages!(M {
    Total => "Aanvragen in totaal", "Requests in total";
    Open => "Nog niet afgehandeld", "Not yet handled";
    OverdueCount => "Over tijd", "Overdue";
    Figures => "Aanvragen in cijfers", "Requests in figures";
    AllStatuses => "Alle statussen", "All statuses";
    Caption => "Aanvragen", "Requests";
    CaptionFiltered => "Aanvragen met status ‘{status}’", "Requests with status ‘{status}’";
    Number => "Nummer", "Number";
    Waiting => "Wacht op", "Waiting for";
    Count => "{n} aanvragen", "{n} requests";
    None => "Er zijn nog geen aanvragen ingediend.", "No requests have been filed yet.";
    NoMatch => "Er zijn geen aanvragen met deze status.", "There are no requests with this status.";
    OpenRequest => "Aanvraag {n} openen", "Open request {n}";
    Download => "Deze aanvragen downloaden (CSV)", "Download these requests (CSV)";
});

const BASE: &str = "/aanvragen";
const COLUMNS: [&str; 3] = ["ingediend", "klaar", "status"];

/// The position of a status in the workflow, for sorting.
fn status_rank(s: RequestStatus) -> usize {
    RequestStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

fn compare(column: &str, a: &RequestSummary, b: &RequestSummary) -> Ordering {
    let by = match column {
        "klaar" => a.due_on.cmp(&b.due_on),
        "status" => status_rank(a.status).cmp(&status_rank(b.status)),
        _ => a.filed_at.cmp(&b.filed_at),
    };
    by.then(a.id.cmp(&b.id))
}

/// The page at `/aanvragen`.
#[component]
pub fn RequestListPage() -> impl IntoView {
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
    let data = Resource::new(move || q.get().param("status").map(str::to_string), get_request_list);
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! { <ListBody list q=q.get_untracked()/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ListBody(list: RequestList, q: ListQuery) -> impl IntoView {
    let lang = use_lang();
    let status = q.param("status").and_then(RequestStatus::parse);
    let any = list.total > 0;
    view! {
        <PageTitle text=RM::Requests.t(lang)/>
        <h1 class="utrecht-heading-1">{RM::Requests.t(lang)}</h1>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/zelfservice/beheer">{RM::Manage.t(lang)}</a></p>
        <ul class="rk-cards" aria-label=M::Figures.t(lang)>
            <li class="rk-card"><span class="rk-card__number">{list.total}</span><span class="rk-card__label">{M::Total.t(lang)}</span></li>
            <li class="rk-card"><span class="rk-card__number">{list.open}</span><span class="rk-card__label">{M::Open.t(lang)}</span></li>
            <li class="rk-card"><span class="rk-card__number">{list.overdue}</span><span class="rk-card__label">{M::OverdueCount.t(lang)}</span></li>
        </ul>
        <StatusFilter q=q.clone() status/>
        {any.then(|| {
            let href = match status {
                Some(s) => format!("/aanvragen.csv?status={}", s.key()),
                None => "/aanvragen.csv".to_string(),
            };
            view! { <p class="utrecht-paragraph"><a class="utrecht-link" href=href download>{M::Download.t(lang)}</a></p> }
        })}
        <RequestsTable requests=list.requests any q status/>
    }
}

/// A plain GET form that chooses one status (the sort order is kept).
#[component]
fn StatusFilter(q: ListQuery, status: Option<RequestStatus>) -> impl IntoView {
    let lang = use_lang();
    let kept = q.kept(&["status", "opgeslagen"]);
    let clear = status.is_some().then(|| {
        let p: Vec<(String, String)> = q.kept(&["status", "opgeslagen"]);
        let map: leptos_router::params::ParamsMap = p.into_iter().collect();
        format!("{BASE}{}", map.to_query_string())
    });
    view! {
        <form class="rk-filters" method="get" action=BASE>
            {kept.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="status">{RM::Status.t(lang)}</label>
                <select class="utrecht-select utrecht-select--html-select" id="status" name="status">
                    <option value="">{M::AllStatuses.t(lang)}</option>
                    {RequestStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.key() selected=status == Some(s)>{status_text(s, lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="rk-actions">
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">{Common::Filter.t(lang)}</button>
                {clear.map(|href| view! { <a class="utrecht-button utrecht-button--subtle" href=href>{Common::ClearFilter.t(lang)}</a> })}
            </div>
        </form>
    }
}

#[component]
fn RequestsTable(
    mut requests: Vec<RequestSummary>,
    /// Whether any request exists at all (the filter may hide them).
    any: bool,
    q: ListQuery,
    status: Option<RequestStatus>,
) -> impl IntoView {
    let lang = use_lang();
    if requests.is_empty() {
        let text = if any { M::NoMatch } else { M::None };
        return view! { <p class="utrecht-paragraph" role="status">{text.t(lang)}</p> }.into_any();
    }
    q.sort(&mut requests, "ingediend", compare);
    let caption = match status {
        Some(s) => M::CaptionFiltered.t(lang).replace("{status}", status_text(s, lang)),
        None => M::Caption.t(lang).to_string(),
    };
    let count = M::Count.t(lang).replace("{n}", &requests.len().to_string());
    let header = |label: &'static str, column: &'static str| {
        view! { <SortHeader label column default="ingediend" base=BASE query=q.clone()/> }
    };
    view! {
        <p class="utrecht-paragraph" role="status">{count}</p>
        <div class="rk-table-scroll">
        <table class="utrecht-table" data-testid="requests">
            <caption class="utrecht-table__caption">{caption}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{M::Number.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{RM::Form.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{RM::Requester.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{RM::Service.t(lang)}</th>
                {header(RM::Status.t(lang), "status")}
                <th class="utrecht-table__header-cell" scope="col">{M::Waiting.t(lang)}</th>
                {header(RM::Filed.t(lang), "ingediend")}
                {header(RM::Due.t(lang), "klaar")}
            </tr></thead>
            <tbody class="utrecht-table__body">
                {requests.into_iter().map(|r| {
                    let n = r.id.to_string();
                    let open = M::OpenRequest.t(lang).replace("{n}", &n);
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">
                                <a class="utrecht-link" href=format!("/aanvragen/{}", r.id) aria-label=open>{n}</a>
                            </th>
                            <td class="utrecht-table__cell">{r.form_title.clone()}</td>
                            <td class="utrecht-table__cell">
                                {match r.requester_name.clone() {
                                    Some(name) => view! { {name} }.into_any(),
                                    None => view! { <span class="rk-muted">{RM::Anonymised.t(lang)}</span> }.into_any(),
                                }}
                            </td>
                            <td class="utrecht-table__cell">{r.service_name.clone().unwrap_or_default()}</td>
                            <td class="utrecht-table__cell"><RequestStatusPill status=r.status/></td>
                            <td class="utrecht-table__cell">{r.waiting_for.map(|s| waiting_text(s, lang))}</td>
                            <td class="utrecht-table__cell"><LocalTime at=r.filed_at/></td>
                            <td class="utrecht-table__cell">
                                {date(r.due_on)}
                                {r.overdue.then(|| view! { " " <span class="rk-status rk-status--verlopen">{RM::Overdue.t(lang)}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
