//! The contract register: every contract with its current term and deadlines.

use super::CM;
use crate::api::contracts::list_contracts;
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::status::StatusBadge;
use crate::components::title::PageTitle;
use crate::i18n::{date, use_lang, Label};
use domain::policy::{allowed, Action};
use domain::text::format_euro;
use leptos::prelude::*;

#[component]
pub fn ContractListPage() -> impl IntoView {
    let lang = use_lang();
    let contracts = Resource::new(|| (), |_| list_contracts());
    view! {
        <PageTitle text=CM::Contracts.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let me = current_me().await;
                let rows = match contracts.await {
                    Ok(r) => r,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let can_manage = me.is_some_and(|m| allowed(m.role, Action::ManageContracts));
                let th = |m: CM| view! { <th class="utrecht-table__header-cell" scope="col">{m.t(lang)}</th> };
                view! {
                    <h1 class="utrecht-heading-1">{CM::Contracts.t(lang)}</h1>
                    {can_manage.then(|| view! {
                        <p class="rk-actions"><a class="utrecht-button utrecht-button--primary-action" href="/contracten/nieuw">{CM::New.t(lang)}</a></p>
                    })}
                    {if rows.is_empty() {
                        view! { <p class="utrecht-paragraph">{CM::Empty.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="rk-table-scroll">
                            <table class="utrecht-table">
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    {th(CM::Reference)}
                                    {th(CM::Title)}
                                    {th(CM::Vendor)}
                                    {th(CM::Owner)}
                                    {th(CM::TermEnd)}
                                    {th(CM::NoticeDeadline)}
                                    {th(CM::DecisionDate)}
                                    {th(CM::AnnualValue)}
                                    {th(CM::DeadlineStatus)}
                                    {th(CM::ContractStatus)}
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {rows.into_iter().map(|r| {
                                        let (c, d) = (r.contract, r.deadlines);
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/contracten/{}", c.id)>{c.reference}</a></td>
                                                <td class="utrecht-table__cell">{c.title}</td>
                                                <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", c.vendor_id)>{c.vendor_name}</a></td>
                                                <td class="utrecht-table__cell">{c.owner}</td>
                                                <td class="utrecht-table__cell">{date(d.term_end)}</td>
                                                <td class="utrecht-table__cell">{d.notice_deadline.map(date).unwrap_or_else(|| CM::NotApplicable.t(lang).into())}</td>
                                                <td class="utrecht-table__cell">{date(d.decision_date)}</td>
                                                <td class="utrecht-table__cell">{format_euro(c.annual_value_cents).replace(' ', "\u{a0}")}</td>
                                                <td class="utrecht-table__cell"><StatusBadge status=d.status/></td>
                                                <td class="utrecht-table__cell">{c.status.label(lang)}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
