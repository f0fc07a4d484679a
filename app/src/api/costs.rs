//! Cost, budget and allocation server functions (the CSV upload itself is a plain POST handled by the
//! server crate, `server/src/http/cost_upload.rs`, which leads to the preview here).

use crate::error::AppError;
use domain::costs::forms::{BudgetForm, CostCentreForm, CostLineForm, OrganisationForm, PriceChangeForm};
use domain::sla::views::ChartView;
use domain::views_costs::{CostLinePage, CostOverview, CostRegisters, ImportPreview, PriceChangeView};
use domain::{ContractId, CostCentreId, CostImportId, CostLineId, OrganisationId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::components::saved::saved_url;
#[cfg(feature = "ssr")]
use crate::session::{signed_in, signed_in_with_csrf, state};

/// The overview of `year` (this year when `None`) with its charts, drawn on the server (cumulative
/// costs against the budget, cost per vendor): one computation for both.
#[server(endpoint = "costs/overview")]
pub async fn get_cost_overview(
    #[server(default)] year: Option<i32>,
) -> Result<(CostOverview, Vec<ChartView>), AppError> {
    let me = signed_in()?;
    let services = &state()?.services;
    let o = services.cost_overview(&me.actor, year).await?;
    let charts = crate::pages::costs::charts::render(&o, services.clock().today(), crate::i18n::detect_lang());
    Ok((o, charts))
}

/// One page of invoice lines. `sort`: `datum`, `leverancier`, `bedrag` or `factuur`.
#[server(endpoint = "costs/lines")]
pub async fn cost_lines(
    #[server(default)] contract: Option<ContractId>,
    #[server(default)] year: Option<i32>,
    #[server(default)] search: Option<String>,
    #[server(default)] sort: Option<String>,
    #[server(default)] descending: bool,
    #[server(default)] page: u32,
) -> Result<CostLinePage, AppError> {
    use service::costs::lines::{CostLineFilter, CostLineSort};
    let me = signed_in()?;
    let sort = match sort.as_deref() {
        Some("leverancier") => CostLineSort::Vendor,
        Some("bedrag") => CostLineSort::Amount,
        Some("factuur") => CostLineSort::InvoiceNumber,
        _ => CostLineSort::InvoiceDate,
    };
    let filter = CostLineFilter {
        contract,
        year,
        search: search.map(|s| s.trim().chars().take(200).collect::<String>()).filter(|s| !s.is_empty()),
    };
    Ok(state()?.services.cost_lines(&me.actor, &filter, sort, descending, page).await?)
}

/// Adds an invoice or credit-note line to a contract.
#[server(endpoint = "costs/line-add")]
pub async fn add_cost_line(csrf: String, contract: ContractId, form: CostLineForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.add_cost_line(&me.actor, contract, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/contracten/{contract}/kosten"), "factuur"));
    Ok(())
}

/// Removes a wrongly entered line; back to `back` (a local path) afterwards.
#[server(endpoint = "costs/line-delete")]
pub async fn delete_cost_line(csrf: String, id: CostLineId, back: String) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.remove_cost_line(&me.actor, id).await?;
    let back = if back.starts_with('/') && !back.starts_with("//") { back } else { "/kosten/facturen".into() };
    leptos_axum::redirect(&saved_url(&back, "factuur-verwijderd"));
    Ok(())
}

/// What an uploaded cost file would import.
#[server(endpoint = "costs/import-preview")]
pub async fn cost_import_preview(id: CostImportId) -> Result<ImportPreview, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.cost_import_preview(&me.actor, id).await?)
}

/// Imports a previewed upload.
#[server(endpoint = "costs/import-confirm")]
pub async fn confirm_cost_import(csrf: String, id: CostImportId) -> Result<u64, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let n = state()?.services.confirm_cost_import(&me.actor, id).await?;
    leptos_axum::redirect(&saved_url("/kosten/facturen", "import"));
    Ok(n)
}

/// Cost centres, budgets, organisations and verdeelsleutels.
#[server(endpoint = "costs/registers")]
pub async fn get_cost_registers() -> Result<CostRegisters, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.cost_registers(&me.actor).await?)
}

#[server(endpoint = "costs/centre-add")]
pub async fn add_cost_centre(csrf: String, form: CostCentreForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.add_cost_centre(&me.actor, &form).await?;
    leptos_axum::redirect(&saved_url("/kosten/instellingen", "kostenplaats"));
    Ok(())
}

#[server(endpoint = "costs/budget-set")]
pub async fn set_budget(csrf: String, form: BudgetForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.set_budget(&me.actor, &form).await?;
    leptos_axum::redirect(&saved_url("/kosten/instellingen", "budget"));
    Ok(())
}

#[server(endpoint = "costs/organisation-add")]
pub async fn add_organisation(csrf: String, form: OrganisationForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.add_organisation(&me.actor, &form).await?;
    leptos_axum::redirect(&saved_url("/kosten/instellingen", "organisatie"));
    Ok(())
}

#[server(endpoint = "costs/organisation-update")]
pub async fn update_organisation(csrf: String, id: OrganisationId, form: OrganisationForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.update_organisation(&me.actor, id, &form).await?;
    leptos_axum::redirect(&saved_url("/kosten/instellingen", "organisatie"));
    Ok(())
}

/// Sets the verdeelsleutel of a contract (`contract`) or a cost centre (`cost_centre`): `organisations`
/// lists every organisation on the form, `shares` the percentage typed for each (same index; fixed
/// keys), `participants` the ids ticked. An organisation takes part when ticked or given a share.
#[server(endpoint = "costs/allocation-set")]
pub async fn set_allocation_key(
    csrf: String,
    #[server(default)] contract: Option<ContractId>,
    #[server(default)] cost_centre: Option<CostCentreId>,
    basis: String,
    #[server(default)] organisations: Vec<String>,
    #[server(default)] shares: Vec<String>,
    #[server(default)] participants: Vec<String>,
) -> Result<(), AppError> {
    use domain::views_costs::AllocationTarget;
    let me = signed_in_with_csrf(&csrf)?;
    let (target, back) = match (contract, cost_centre) {
        (Some(c), None) => (AllocationTarget::Contract(c), format!("/contracten/{c}/kosten")),
        (None, Some(c)) => (AllocationTarget::CostCentre(c), "/kosten/instellingen".to_string()),
        _ => return Err(AppError::NotFound),
    };
    let pairs = service::costs::registry::taking_part(&organisations, &shares, &participants);
    state()?.services.set_allocation_key(&me.actor, target, &basis, &pairs).await?;
    leptos_axum::redirect(&saved_url(&back, "verdeelsleutel"));
    Ok(())
}

#[server(endpoint = "costs/price-changes")]
pub async fn price_changes(contract: ContractId) -> Result<Vec<PriceChangeView>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.price_changes(&me.actor, contract).await?)
}

#[server(endpoint = "costs/price-change-set")]
pub async fn set_price_change(csrf: String, contract: ContractId, form: PriceChangeForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.set_price_change(&me.actor, contract, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/contracten/{contract}/kosten"), "prijswijziging"));
    Ok(())
}

#[server(endpoint = "costs/price-change-remove")]
pub async fn remove_price_change(csrf: String, contract: ContractId, date: String) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| AppError::NotFound)?;
    state()?.services.remove_price_change(&me.actor, contract, day).await?;
    leptos_axum::redirect(&saved_url(&format!("/contracten/{contract}/kosten"), "prijswijziging"));
    Ok(())
}

/// Every licence with its rightsizing saving for `days` (30, 60 or 90) of inactivity.
#[server(endpoint = "costs/licences")]
pub async fn licences(#[server(default)] days: Option<u32>) -> Result<domain::views_licences::LicenceList, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.licences(&me.actor, days).await?)
}

#[server(endpoint = "costs/licence")]
pub async fn licence_detail(
    id: domain::LicenceId,
    #[server(default)] days: Option<u32>,
) -> Result<domain::views_licences::LicenceDetail, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.licence_detail(&me.actor, id, days).await?)
}

#[server(endpoint = "costs/contract-licences")]
pub async fn contract_licences(contract: ContractId) -> Result<Vec<domain::views_licences::LicenceRow>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.contract_licences(&me.actor, contract).await?)
}

#[server(endpoint = "costs/licence-add")]
pub async fn add_licence(
    csrf: String,
    contract: ContractId,
    form: domain::costs::forms::LicenceForm,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let id = state()?.services.add_licence(&me.actor, contract, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/licenties/{id}"), "licentie"));
    Ok(())
}

#[server(endpoint = "costs/licence-update")]
pub async fn update_licence(
    csrf: String,
    id: domain::LicenceId,
    form: domain::costs::forms::LicenceForm,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.update_licence(&me.actor, id, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/licenties/{id}"), "licentie"));
    Ok(())
}

/// The JSON sources a licence can take its use from.
#[server(endpoint = "costs/licence-sources")]
pub async fn licence_sources() -> Result<Vec<domain::views_licences::JsonSourceOption>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.licence_sources(&me.actor).await?)
}

/// Links a licence to a JSON source (`bron` empty: unlinks it) with the figure names for assigned
/// (`toegewezen`) and active (`actief`) seats.
#[server(endpoint = "costs/licence-source")]
pub async fn link_licence_source(
    csrf: String,
    id: domain::LicenceId,
    #[server(default)] bron: String,
    #[server(default)] toegewezen: String,
    #[server(default)] actief: String,
) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let source = match bron.trim() {
        "" => None,
        s => Some(
            s.parse::<i64>()
                .map_err(|_| AppError::Invalid(domain::Invalid::one("bron", domain::Problem::UnknownChoice)))?,
        ),
    };
    state()?.services.link_licence_source(&me.actor, id, source, &toegewezen, &actief).await?;
    leptos_axum::redirect(&saved_url(&format!("/licenties/{id}"), "licentie"));
    Ok(())
}
