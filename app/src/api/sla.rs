//! SLA result server functions: the overview of every contract for a month and one contract's report.

use crate::error::AppError;
use domain::sla::views::{Overview, Report};
use domain::ContractId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::session::{signed_in, state};

/// `month`: `YYYY-MM`, or `None` for the current month. `most_urgent`: only that many contracts, those
/// that need attention first (the start page), with the totals of all.
#[server(endpoint = "sla/overview")]
pub async fn sla_overview(
    #[server(default)] month: Option<String>,
    #[server(default)] most_urgent: Option<u32>,
) -> Result<Overview, AppError> {
    let me = signed_in()?;
    let mut o = state()?.services.sla_overview(&me.actor, month.as_deref()).await?;
    if let Some(n) = most_urgent {
        o.most_urgent(n as usize);
    }
    Ok(o)
}

/// `None` when the contract has no SLA terms.
#[server(endpoint = "sla/report")]
pub async fn sla_report(id: ContractId, #[server(default)] month: Option<String>) -> Result<Option<Report>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.contract_sla_report(&me.actor, id, month.as_deref()).await?)
}

/// The report's charts, drawn on the server: 13 periods against the target, per covered service the
/// last 30 days and (when our probe measures it) latency, and the period's vendor incidents. Empty
/// without SLA terms.
#[server(endpoint = "sla/charts")]
pub async fn sla_report_charts(
    id: ContractId,
    #[server(default)] month: Option<String>,
) -> Result<Vec<domain::sla::views::ChartView>, AppError> {
    let me = signed_in()?;
    let history = state()?.services.contract_sla_history(&me.actor, id, month.as_deref()).await?;
    Ok(history.map(|h| crate::pages::sla::charts::render(&h, crate::i18n::detect_lang())).unwrap_or_default())
}

/// Records that the period's credit was claimed or received.
#[server(endpoint = "sla/claim")]
pub async fn record_credit_claim(
    csrf: String,
    id: ContractId,
    form: domain::sla::claims::CreditClaimForm,
) -> Result<(), AppError> {
    let me = crate::session::signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.record_credit_claim(&me.actor, id, &form).await?)
}

/// The vendor page's charts: per service the last 30 days as measured, and our probe's latency.
#[server(endpoint = "sla/vendor-charts")]
pub async fn vendor_charts(vendor: domain::VendorId) -> Result<Vec<domain::sla::views::ChartView>, AppError> {
    let me = signed_in()?;
    let services = state()?.services.vendor_history(&me.actor, vendor).await?;
    Ok(crate::pages::sla::charts::render_services(&services, crate::i18n::detect_lang()))
}
