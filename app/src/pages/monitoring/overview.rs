//! All monitoring sources at a glance.

use super::{kind_label, MM};
use crate::api::monitoring::list_sources;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::error::AppError;
use crate::i18n::use_lang;
use domain::policy::{allowed, Action};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MonitoringPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| list_sources());
    view! {
        <Title text=MM::Title.t(lang)/>
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
                view! {
                    <h1 class="utrecht-heading-1">{MM::Title.t(lang)}</h1>
                    <h2 class="utrecht-heading-2">{MM::Sources.t(lang)}</h2>
                    {if sources.is_empty() {
                        view! { <p class="utrecht-paragraph">{MM::NoSources.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="utrecht-table">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Source.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Vendor.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Service.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Kind.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Interval.t(lang)}</th>
                                    <th class="utrecht-table__header-cell" scope="col">{MM::Enabled.t(lang)}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {sources.into_iter().map(|s| view! {
                                        <tr class="utrecht-table__row">
                                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/monitoring/bronnen/{}", s.id)>{s.name}</a></td>
                                            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", s.vendor_id)>{s.vendor_name}</a></td>
                                            <td class="utrecht-table__cell">{s.service_name}</td>
                                            <td class="utrecht-table__cell">{kind_label(&s.kind, lang)}</td>
                                            <td class="utrecht-table__cell">{s.interval_secs}</td>
                                            <td class="utrecht-table__cell">{if s.enabled { MM::Enabled.t(lang) } else { MM::Disabled.t(lang) }}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
