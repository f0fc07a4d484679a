//! Vendor server functions.

use crate::error::AppError;
use domain::vendor::{ContactForm, ServiceForm, VendorForm, VendorSummary};
use domain::views::VendorOverview;
use domain::{VendorId, VendorServiceId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::components::saved::saved_url;
#[cfg(feature = "ssr")]
use crate::session::{signed_in, signed_in_with_csrf, state};
#[server(endpoint = "vendors/list")]
pub async fn list_vendors() -> Result<Vec<VendorSummary>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.list_vendors(&me.actor).await?)
}

#[server(endpoint = "vendors/get")]
pub async fn get_vendor(id: VendorId) -> Result<VendorOverview, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.vendor_overview(&me.actor, id).await?)
}

#[server(endpoint = "vendors/create")]
pub async fn create_vendor(csrf: String, form: VendorForm) -> Result<VendorId, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let id = state()?.services.register_vendor(&me.actor, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/leveranciers/{id}"), "leverancier"));
    Ok(id)
}

#[server(endpoint = "vendors/update")]
pub async fn update_vendor(csrf: String, id: VendorId, form: VendorForm) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.update_vendor(&me.actor, id, &form).await?;
    leptos_axum::redirect(&saved_url(&format!("/leveranciers/{id}"), "leverancier"));
    Ok(())
}

#[server(endpoint = "vendors/delete")]
pub async fn delete_vendor(csrf: String, id: VendorId) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.remove_vendor(&me.actor, id).await?;
    leptos_axum::redirect("/leveranciers");
    Ok(())
}

#[server(endpoint = "vendors/services/add")]
pub async fn add_service(csrf: String, vendor: VendorId, form: ServiceForm) -> Result<VendorServiceId, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.add_service(&me.actor, vendor, &form).await?)
}

#[server(endpoint = "vendors/services/delete")]
pub async fn delete_service(csrf: String, vendor: VendorId, id: VendorServiceId) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.remove_service(&me.actor, vendor, id).await?)
}

#[server(endpoint = "vendors/contacts/add")]
pub async fn add_contact(csrf: String, vendor: VendorId, form: ContactForm) -> Result<i64, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.add_contact(&me.actor, vendor, &form).await?)
}

#[server(endpoint = "vendors/contacts/delete")]
pub async fn delete_contact(csrf: String, vendor: VendorId, id: i64) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.remove_contact(&me.actor, vendor, id).await?)
}
