//! Contract and deadline server functions.

use crate::error::AppError;
use domain::contract::{ContractForm, DecisionForm};
use domain::sla::contract_terms::{ContractSlaTerms, SlaTermsForm};
use domain::views::{ContractDetail, ContractWithDeadlines, DeadlineFilter, DeadlineSummary};
use domain::ContractId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::components::saved::saved_url;
#[cfg(feature = "ssr")]
use crate::session::{signed_in, signed_in_with_csrf, state};

#[server(endpoint = "contracts/list")]
pub async fn list_contracts() -> Result<Vec<ContractWithDeadlines>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.list_contracts(&me.actor).await?)
}

/// The start page's counts and next decisions (at most 20).
#[server(endpoint = "contracts/summary")]
pub async fn start_page_deadlines(#[server(default)] next: u32) -> Result<DeadlineSummary, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.deadline_summary(&me.actor, next.min(20) as usize).await?)
}

#[server(endpoint = "contracts/get")]
pub async fn get_contract(id: ContractId) -> Result<ContractDetail, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.contract_detail(&me.actor, id).await?)
}

// `default`: a filter without any value encodes to an empty form body, which must still deserialize.
#[server(endpoint = "contracts/deadlines")]
pub async fn upcoming_deadlines(
    #[server(default)] filter: DeadlineFilter,
) -> Result<Vec<ContractWithDeadlines>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.upcoming_deadlines(&me.actor, &filter).await?)
}

#[server(endpoint = "contracts/create")]
pub async fn create_contract(csrf: String, form: ContractForm) -> Result<ContractId, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let id = state()?.services.register_contract(&me.actor, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/contracten/{id}"), "contract"));
    Ok(id)
}

#[server(endpoint = "contracts/update")]
pub async fn update_contract(csrf: String, id: ContractId, form: ContractForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.revise_contract(&me.actor, id, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/contracten/{id}"), "contract"));
    Ok(())
}

#[server(endpoint = "contracts/delete")]
pub async fn delete_contract(csrf: String, id: ContractId) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.remove_contract(&me.actor, id).await?;
    leptos_axum::redirect("/contracten");
    Ok(())
}

#[server(endpoint = "contracts/decide")]
pub async fn decide_contract(csrf: String, id: ContractId, form: DecisionForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.record_decision(&me.actor, id, &form).await?)
}

#[server(endpoint = "contracts/sla/get")]
pub async fn get_sla_terms(id: ContractId) -> Result<Option<ContractSlaTerms>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.contract_sla_terms(&me.actor, id).await?)
}

#[server(endpoint = "contracts/sla/set")]
pub async fn set_sla_terms(csrf: String, id: ContractId, form: SlaTermsForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.set_contract_sla_terms(&me.actor, id, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/contracten/{id}"), "sla"));
    Ok(())
}
