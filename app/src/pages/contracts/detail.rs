//! One contract: its terms, the deadlines computed today, its SLA terms, the decision form and the
//! decision history.

use super::decision::{DecisionHistory, DecisionSection};
use super::sla::SlaSection;
use super::{period, renewal_text, CM};
use crate::api::contracts::{get_contract, get_sla_terms, DecideContract, DeleteContract};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert};
use crate::components::layout::current_me;
use crate::components::status::StatusBadge;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Label};
use domain::contract::ContractStatus;
use domain::deadlines::Deadlines;
use domain::policy::{allowed, Action};
use domain::text::format_euro;
use domain::ContractId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Costs => "Facturen, prijswijzigingen en verdeelsleutel van dit contract", "Invoices, price changes and allocation key of this contract";
    Deadlines => "Termijnen", "Deadlines";
    EndsAt => "Dit contract eindigt op {date}; er volgt geen verlenging.", "This contract ends on {date}; it will not be renewed.";
    EndsAtTerminated => "Dit contract is opgezegd en eindigt op {date}.", "This contract has been terminated and ends on {date}.";
    EndsAtRetender => "Dit contract eindigt op {date}; de opvolger wordt aanbesteed.", "This contract ends on {date}; its successor is being tendered.";
    DeleteContract => "Contract verwijderen", "Delete contract";
    DeleteHint => "Het contract verdwijnt uit het register; het auditlog legt vast wie het verwijderde.", "The contract is removed from the register; the audit log records who deleted it.";
});

#[component]
pub fn ContractPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<ContractId>().ok());
    let decide = ServerAction::<DecideContract>::new();
    let delete = ServerAction::<DeleteContract>::new();
    let data = Resource::new(
        move || (id(), decide.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => Ok((get_contract(id).await?, get_sla_terms(id).await?)),
                None => Err(AppError::NotFound),
            }
        },
    );
    let delete_error = Signal::derive(move || delete.value().get().and_then(|r| r.err()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let (detail, sla) = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let manage = allowed(me.role, Action::ManageContracts);
                let can_decide = allowed(me.role, Action::DecideContract);
                let c = detail.contract;
                let cid = c.id;
                let heading = format!("{} — {}", c.reference, c.title);
                let services = if detail.services.is_empty() {
                    Common::None.t(lang).to_string()
                } else {
                    detail.services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")
                };
                view! {
                    <PageTitle text=heading.clone()/>
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/contracten">{CM::Contracts.t(lang)}</a></p>
                    <h1 class="utrecht-heading-1">{heading}</h1>
                    <p class="utrecht-paragraph">
                        {CM::Vendor.t(lang)} ": "
                        <a class="utrecht-link" href=format!("/leveranciers/{}", c.vendor_id)>{c.vendor_name.clone()}</a>
                    </p>
                    <FormAlert error=delete_error/>
                    <dl class="rk-dl">
                        <dt>{CM::Start.t(lang)}</dt><dd>{date(c.start)}</dd>
                        <dt>{CM::InitialEnd.t(lang)}</dt><dd>{date(c.initial_end)}</dd>
                        <dt>{CM::Renewal.t(lang)}</dt><dd>{renewal_text(c.renewal, lang)}</dd>
                        <dt>{CM::NoticePeriod.t(lang)}</dt><dd>{period(c.notice, lang)}</dd>
                        <dt>{CM::LeadTime.t(lang)}</dt><dd>{super::months(c.lead_time_months, lang)}</dd>
                        <dt>{CM::AnnualValue.t(lang)}</dt><dd>{format_euro(c.annual_value_cents)}</dd>
                        <dt>{CM::PriceModel.t(lang)}</dt><dd>{c.price_model.label(lang)}</dd>
                        <dt>{CM::Owner.t(lang)}</dt><dd>{c.owner.clone()}</dd>
                        <dt>{CM::Services.t(lang)}</dt><dd>{services}</dd>
                        <dt>{CM::ContractStatus.t(lang)}</dt><dd>{c.status.label(lang)}</dd>
                    </dl>
                    <DeadlinesSection deadlines=detail.deadlines.clone() status=c.status/>
                    <SlaSection contract=cid terms=sla annual_value_cents=c.annual_value_cents manage=allowed(me.role, Action::ManageSlaTerms)/>
                    {allowed(me.role, Action::ViewCosts).then(|| view! {
                        <p class="utrecht-paragraph"><a class="utrecht-link" href=format!("/contracten/{cid}/kosten")>{M::Costs.t(lang)}</a></p>
                    })}
                    {manage.then(|| view! {
                        <p class="rk-actions"><a class="utrecht-button utrecht-button--secondary-action" href=format!("/contracten/{cid}/wijzigen")>{Common::Edit.t(lang)}</a></p>
                    })}
                    <DecisionSection contract=cid allowed=detail.deadlines.allowed.clone() can_decide csrf=me.csrf.clone() action=decide/>
                    <DecisionHistory decisions=detail.decisions/>
                    {manage.then(|| view! {
                        <h2 class="utrecht-heading-2">{M::DeleteContract.t(lang)}</h2>
                        <p class="utrecht-paragraph">{M::DeleteHint.t(lang)}</p>
                        <ActionForm action=delete>
                            <CsrfField csrf=me.csrf.clone()/>
                            <input type="hidden" name="id" value=cid.to_string()/>
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{M::DeleteContract.t(lang)}</button>
                        </ActionForm>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

/// The highlighted block with the current term end, the uiterste opzegdatum and the decision date.
#[component]
fn DeadlinesSection(deadlines: Deadlines, status: ContractStatus) -> impl IntoView {
    let lang = use_lang();
    let d = deadlines;
    let ends = d.ends_at_term_end.then(|| {
        let template = match status {
            ContractStatus::Active => M::EndsAt,
            ContractStatus::Terminated => M::EndsAtTerminated,
            ContractStatus::Retender => M::EndsAtRetender,
        };
        view! { <p class="utrecht-paragraph"><strong>{super::fill(template.t(lang), &[("date", date(d.term_end))])}</strong></p> }
    });
    view! {
        <section class="rk-card" aria-labelledby="termijnen">
            <h2 class="utrecht-heading-2" id="termijnen">{M::Deadlines.t(lang)}</h2>
            <dl class="rk-dl">
                <dt>{CM::TermEnd.t(lang)}</dt><dd>{date(d.term_end)}</dd>
                <dt>{CM::NoticeDeadline.t(lang)}</dt>
                <dd>{d.notice_deadline.map(date).unwrap_or_else(|| CM::NotApplicable.t(lang).into())}</dd>
                <dt>{CM::DecisionDate.t(lang)}</dt><dd>{date(d.decision_date)}</dd>
                <dt>{CM::DeadlineStatus.t(lang)}</dt><dd><StatusBadge status=d.status/></dd>
            </dl>
            {ends}
        </section>
    }
}
