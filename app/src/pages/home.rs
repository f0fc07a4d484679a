//! The overview: what needs attention, per role.

use crate::api::contracts::start_page_deadlines;
use crate::components::errors::ErrorPage;
use crate::components::layout::{current_me, MeResource};
use crate::components::status::StatusBadge;
use crate::components::title::PageTitle;
use crate::i18n::{date, use_lang};
use crate::pages::sla::overview::SlaOverviewSection;
use domain::policy::{allowed, Action};
use domain::Role;
use leptos::prelude::*;

crate::messages!(M {
    Title => "Overzicht", "Overview";
    Welcome => "Welkom", "Welcome";
    Contracts => "contracten in het register", "contracts in the register";
    ActionNeeded => "contracten vragen een besluit", "contracts need a decision";
    Overdue => "termijnen verlopen zonder besluit", "deadlines passed without a decision";
    OpenRequests => "aanvragen van medewerkers nog niet afgehandeld", "staff requests not yet handled";
    OverdueRequests => "aanvragen over tijd", "requests overdue";
    NextUp => "Eerstvolgende besluitmomenten", "Next decision dates";
    SlaHeading => "Dienstverlening deze maand", "Service levels this month";
    AllDeadlines => "Alle termijnen", "All deadlines";
    Contract => "Contract", "Contract";
    Vendor => "Leverancier", "Vendor";
    DecisionDate => "Besluitdatum", "Decision date";
    Status => "Status", "Status";
});

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let me_res = expect_context::<MeResource>().0;
    // Only asked for roles that may see contracts, so that a medewerker's overview is not a 403.
    let contracts = Resource::new(
        || (),
        move |_| async move {
            match me_res.await {
                Ok(Some(me)) if allowed(me.role, Action::ViewContracts) => start_page_deadlines(8).await.map(Some),
                _ => Ok(None),
            }
        },
    );
    // The regie team's open and overdue self-service requests.
    let requests = Resource::new(
        || (),
        move |_| async move {
            match me_res.await {
                Ok(Some(me)) if allowed(me.role, Action::HandleRequests) => {
                    crate::api::requests::get_request_list(None).await.map(Some)
                }
                _ => Ok(None),
            }
        },
    );
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else {
                    return view! { <ErrorPage error=crate::error::AppError::Unauthenticated/> }.into_any();
                };
                let heading = view! { <h1 class="utrecht-heading-1">{M::Welcome.t(lang)} ", " {me.display_name.clone()}</h1> };
                if !allowed(me.role, Action::ViewContracts) {
                    // A medewerker's start page is the self-service portal.
                    return view! { <crate::pages::requests::portal::PortalView/> }.into_any();
                }
                let summary = match contracts.await {
                    Ok(Some(s)) => s,
                    Ok(None) => return view! { <ErrorPage error=crate::error::AppError::Forbidden/> }.into_any(),
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let (total, action, overdue, next) = (summary.total, summary.action_needed, summary.overdue, summary.next);
                let request_cards = requests.await.ok().flatten().map(|r| view! {
                    <a class="rk-card" href="/aanvragen"><span class="rk-card__number">{r.open}</span><span class="rk-card__label">{M::OpenRequests.t(lang)}</span></a>
                    <a class="rk-card" href="/aanvragen?sorteer=klaar"><span class="rk-card__number">{r.overdue}</span><span class="rk-card__label">{M::OverdueRequests.t(lang)}</span></a>
                });
                view! {
                    {heading}
                    <div class="rk-cards">
                        <a class="rk-card" href="/contracten"><span class="rk-card__number">{total}</span><span class="rk-card__label">{M::Contracts.t(lang)}</span></a>
                        <a class="rk-card" href="/termijnen?status=actie-nodig"><span class="rk-card__number">{action}</span><span class="rk-card__label">{M::ActionNeeded.t(lang)}</span></a>
                        <a class="rk-card" href="/termijnen?status=verlopen"><span class="rk-card__number">{overdue}</span><span class="rk-card__label">{M::Overdue.t(lang)}</span></a>
                        {request_cards}
                    </div>
                    <h2 class="utrecht-heading-2">{M::NextUp.t(lang)}</h2>
                    <div class="rk-table-scroll">
                    <table class="utrecht-table">
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="col">{M::Contract.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::Vendor.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::DecisionDate.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::Status.t(lang)}</th>
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {next.into_iter().map(|r| view! {
                                <tr class="utrecht-table__row">
                                    <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/contracten/{}", r.contract.id)>{r.contract.title.clone()}</a></td>
                                    <td class="utrecht-table__cell">{r.contract.vendor_name.clone()}</td>
                                    <td class="utrecht-table__cell">{date(r.deadlines.decision_date)}</td>
                                    <td class="utrecht-table__cell"><StatusBadge status=r.deadlines.status/></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/termijnen">{M::AllDeadlines.t(lang)}</a></p>
                    {matches!(me.role, Role::IctManager | Role::Regisseur).then(|| view! {
                        <h2 class="utrecht-heading-2">{M::SlaHeading.t(lang)}</h2>
                        <SlaOverviewSection base="/" most_urgent=20/>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}
