//! Contract and deadline server functions.

use crate::error::AppError;
use domain::contract::{ContractForm, DecisionForm};
use domain::sla::contract_terms::{ContractSlaTerms, SlaTermsForm};
use domain::vendor::VendorService;
use domain::views::{ContractDetail, ContractWithDeadlines, DeadlineFilter, DeadlineSummary};
use domain::{ContractId, VendorId};
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

/// The services the contract form offers for `vendor` (`None`: no vendor chosen yet), on the form
/// that creates a contract (`contract` `None`) or revises one. With JavaScript the form asks again
/// whenever the vendor changes.
#[server(endpoint = "contracts/form-services")]
pub async fn contract_form_services(
    #[server(default)] contract: Option<ContractId>,
    #[server(default)] vendor: Option<VendorId>,
) -> Result<Option<Vec<VendorService>>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.contract_form_services(&me.actor, contract, vendor).await?)
}

/// "Diensten laden" without JavaScript: the contract form was posted whole to its save endpoint
/// with `load_services` set. Nothing is saved; the browser goes back to the form (`page`) with the
/// chosen vendor in the URL, and the server keeps what was typed for that page load (the
/// `rk_form` mechanism of refused posts, `crate::components::draft`), so the form comes back as it
/// was, now offering that vendor's services. A GET with the fields in its URL was the alternative;
/// it was not chosen because a form's GET sends every field, the CSRF token and free text included,
/// into addresses that end up in history and logs.
#[cfg(feature = "ssr")]
async fn back_to_form(
    me: &service::auth::SignedIn,
    contract: Option<ContractId>,
    form: &ContractForm,
) -> Result<(), AppError> {
    let vendor = form.vendor_id.trim().parse::<VendorId>().ok();
    state()?.services.contract_form_services(&me.actor, contract, vendor).await?;
    let page = match contract {
        None => "/contracten/nieuw".to_string(),
        Some(id) => format!("/contracten/{id}/wijzigen"),
    };
    let to = match vendor {
        Some(v) => format!("{page}?leverancier={v}"),
        None => page,
    };
    crate::components::draft::return_to_form(&to);
    Ok(())
}

/// Saves a new contract and returns its id; with `load_services` set (the form's "Diensten laden"
/// without JavaScript) it saves nothing and returns `None`, see [`back_to_form`].
#[server(endpoint = "contracts/create")]
pub async fn create_contract(
    csrf: String,
    form: ContractForm,
    #[server(default)] load_services: Option<String>,
) -> Result<Option<ContractId>, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    if load_services.is_some() {
        back_to_form(&me, None, &form).await?;
        return Ok(None);
    }
    let id = state()?.services.register_contract(&me.actor, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/contracten/{id}"), "contract"));
    Ok(Some(id))
}

/// Saves the changes to a contract; `load_services` as for [`create_contract`].
#[server(endpoint = "contracts/update")]
pub async fn update_contract(
    csrf: String,
    id: ContractId,
    form: ContractForm,
    #[server(default)] load_services: Option<String>,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    if load_services.is_some() {
        return back_to_form(&me, Some(id), &form).await;
    }
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
