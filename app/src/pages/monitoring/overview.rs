//! All monitoring sources at a glance, problems first (down, degraded, maintenance, unknown, up; by
//! name within a state): what each says now and why (the vendor's open incident), when it was last
//! checked, how fast it answered and its last error. A GET filter (`?toestand=down`) narrows the list,
//! so a filtered view can be bookmarked and works without JavaScript.

use super::cause::StateReason;
use super::{kind_label, MM};
use crate::api::monitoring::list_sources;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::state::{state_text, StateBadge};
use crate::components::time::LocalTime;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::pages::deadlines::{FilterButtons, FilterSelect};
use domain::monitoring::CheckState;
use domain::policy::{allowed, Action};
use domain::views_attention::sort_problems_first;
use domain::views_monitoring::SourceView;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

crate::messages!(
    /// Texts of the overview.
    O {
        State => "Toestand", "State";
        LastCheck => "Laatste controle", "Last check";
        Latency => "Responstijd", "Response time";
        LastError => "Laatste fout", "Last error";
        NotChecked => "Nog niet gecontroleerd", "Not checked yet";
        Stale => "verouderd", "stale";
        FilterLabel => "Bronnen filteren", "Filter sources";
        Caption => "Bronnen", "Sources";
        NoMatch => "Geen bronnen met deze toestand.", "No sources in this state.";
        Summary => "Nu:", "Now:";
    }
);

/// The filter keys: the state keys, and `unknown` for no current state.
const UNKNOWN: &str = "unknown";

fn state_key(state: Option<CheckState>) -> &'static str {
    state.map_or(UNKNOWN, CheckState::key)
}

#[component]
pub fn MonitoringPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(|| (), |_| list_sources());
    view! {
        <PageTitle text=MM::Title.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                if !allowed(me.role, Action::ViewMonitoring) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let sources = match data.await {
                    Ok(s) => s,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                // An unknown filter value is ignored rather than showing an empty list.
                let filter = query.read_untracked().get("toestand").filter(|f| f == UNKNOWN || CheckState::parse(f).is_some());
                let states: Vec<Option<CheckState>> =
                    CheckState::ALL.iter().copied().map(Some).chain(std::iter::once(None)).collect();
                let summary: Vec<String> = states
                    .iter()
                    .map(|s| (s, sources.iter().filter(|x| x.current_state() == *s).count()))
                    .filter(|(_, n)| *n > 0)
                    .map(|(s, n)| format!("{n} {}", state_text(*s).t(lang).to_lowercase()))
                    .collect();
                let options = states.iter().map(|s| (state_key(*s).to_string(), state_text(*s).t(lang).to_string())).collect();
                let total = sources.len();
                let mut shown: Vec<SourceView> = sources
                    .into_iter()
                    .filter(|s| filter.as_deref().is_none_or(|f| state_key(s.current_state()) == f))
                    .collect();
                sort_problems_first(&mut shown, SourceView::current_state, |s| s.name.as_str());
                view! {
                    <h1 class="utrecht-heading-1">{MM::Title.t(lang)}</h1>
                    <h2 class="utrecht-heading-2">{MM::Sources.t(lang)}</h2>
                    {if total == 0 {
                        view! { <p class="utrecht-paragraph">{MM::NoSources.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <p class="utrecht-paragraph">{O::Summary.t(lang)} " " {summary.join(", ")} "."</p>
                            <form class="rk-filters" method="get" action="/monitoring" role="search" aria-label=O::FilterLabel.t(lang)>
                                <FilterSelect name="toestand" label=O::State.t(lang) options=options selected=filter.clone().unwrap_or_default()/>
                                <FilterButtons clear_href="/monitoring"/>
                            </form>
                            {if shown.is_empty() {
                                view! { <p class="utrecht-paragraph">{O::NoMatch.t(lang)}</p> }.into_any()
                            } else {
                                view! { <SourceTable sources=shown/> }.into_any()
                            }}
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn SourceTable(sources: Vec<SourceView>) -> impl IntoView {
    let lang = use_lang();
    let count = sources.len();
    view! {
        <div class="rk-table-scroll">
        <table class="utrecht-table">
            <caption class="utrecht-table__caption">{O::Caption.t(lang)} ": " {count}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{MM::Source.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{MM::Vendor.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{MM::Service.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{MM::Kind.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{O::State.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{O::LastCheck.t(lang)}</th>
                <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{O::Latency.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{O::LastError.t(lang)}</th>
            </tr></thead>
            <tbody class="utrecht-table__body">
                {sources.into_iter().map(|s| {
                    let state = s.current_state();
                    let enabled = s.enabled;
                    let status = s.status.clone();
                    view! {
                        <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/monitoring/bronnen/{}", s.id)>{s.name}</a></td>
                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", s.vendor_id)>{s.vendor_name}</a></td>
                            <td class="utrecht-table__cell">{s.service_name}</td>
                            <td class="utrecht-table__cell">{kind_label(&s.kind, lang)}</td>
                            <td class="utrecht-table__cell">
                                <StateBadge state=state/>
                                {(!enabled).then(|| view! { " " {MM::Disabled.t(lang)} })}
                                " " <StateReason state=state cause=s.cause vendor=s.vendor_id/>
                            </td>
                            <td class="utrecht-table__cell">{match &status {
                                Some(st) if st.stale => view! { <LocalTime at=st.checked_at/> {format!(" ({})", O::Stale.t(lang))} }.into_any(),
                                Some(st) => view! { <LocalTime at=st.checked_at/> }.into_any(),
                                None => O::NotChecked.t(lang).into_any(),
                            }}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{status.as_ref().and_then(|st| st.latency_ms).map(|ms| format!("{ms} ms")).unwrap_or_default()}</td>
                            <td class="utrecht-table__cell">{status.and_then(|st| st.last_error).map(|e| view! { <LocalTime at=e.at/> {format!(": {}", e.message)} })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}
