//! Monitoring server functions: sources of availability data and their management.

use crate::error::AppError;
use domain::views_components::ComponentChoices;
use domain::views_monitoring::{ComponentMapping, MetricMapping, SourceDetail, SourceForm, SourceView};
use domain::views_vendor_monitoring::VendorMonitoring;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::components::saved::saved_url;
#[cfg(feature = "ssr")]
use crate::session::{signed_in, signed_in_with_csrf, state};

/// The source form as the browser posts it: flat text fields (an unchecked box is absent), plus
/// the write-only secret (only the edit form has it; a new source gets its secret afterwards). Turned into a [`SourceForm`] for the use case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceInput {
    pub kind: String,
    pub name: String,
    pub url: String,
    pub method: String,
    pub expected_status: String,
    pub keyword: String,
    pub json_pointer: String,
    pub auth_header: String,
    /// Figure names, their JSON pointers and contracted numbers, row by row (`form[metric_names][i]`).
    pub metric_names: Vec<String>,
    pub metric_pointers: Vec<String>,
    pub metric_contracted: Vec<String>,
    pub interval_secs: String,
    pub timeout_ms: String,
    pub enabled: Option<String>,
    /// Empty: leave the secret as it is.
    pub secret: String,
    /// Set: remove the secret.
    pub remove_secret: Option<String>,
}

impl SourceInput {
    /// The settings part of the input.
    pub fn form(&self) -> SourceForm {
        let rows = self.metric_names.len().max(self.metric_pointers.len()).max(self.metric_contracted.len());
        let cell = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
        let mut mappings: Vec<MetricMapping> = (0..rows)
            .map(|i| MetricMapping {
                name: cell(&self.metric_names, i),
                pointer: cell(&self.metric_pointers, i),
                contracted: cell(&self.metric_contracted, i),
            })
            .collect();
        // Empty rows at the end are left out; those in between keep the rows after them in their
        // place, so that a problem is reported at the row it is in (the form check skips them).
        while mappings.last().is_some_and(MetricMapping::is_blank) {
            mappings.pop();
        }
        SourceForm {
            kind: self.kind.clone(),
            name: self.name.clone(),
            url: self.url.clone(),
            method: self.method.clone(),
            expected_status: self.expected_status.clone(),
            keyword: self.keyword.clone(),
            json_pointer: self.json_pointer.clone(),
            auth_header: self.auth_header.clone(),
            mappings,
            components: Vec::new(),
            interval_secs: self.interval_secs.clone(),
            timeout_ms: self.timeout_ms.clone(),
            enabled: self.enabled.is_some(),
        }
    }

    /// What to do with the secret: `None` leave it, `Some(None)` remove it, `Some(Some(s))` set it.
    pub fn secret_change(&self) -> Option<Option<String>> {
        if self.remove_secret.is_some() {
            Some(None)
        } else if self.secret.trim().is_empty() {
            None
        } else {
            Some(Some(self.secret.clone()))
        }
    }
}

#[server(endpoint = "monitoring/sources")]
pub async fn list_sources() -> Result<Vec<SourceView>, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.list_sources(&me.actor).await?)
}

/// The component map as the mapping form posts it: `map[ids][i]` is a vendor component id and
/// `map[services][i]` the chosen service id, or empty for "not mapped".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapInput {
    pub ids: Vec<String>,
    pub services: Vec<String>,
}

impl MapInput {
    /// The mappings; `None` when the lists do not match or a service id is not a number.
    pub fn mappings(&self) -> Option<Vec<ComponentMapping>> {
        if self.ids.len() != self.services.len() {
            return None;
        }
        self.ids
            .iter()
            .zip(&self.services)
            .map(|(id, service)| {
                let service_id = match service.trim() {
                    "" => None,
                    s => Some(domain::VendorServiceId(s.parse().ok()?)),
                };
                Some(ComponentMapping { vendor_component_id: id.clone(), service_id })
            })
            .collect()
    }
}

#[server(endpoint = "monitoring/sources/components")]
pub async fn get_component_choices(id: i64) -> Result<ComponentChoices, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.component_choices(&me.actor, id).await?)
}

#[server(endpoint = "monitoring/sources/components/save")]
pub async fn map_components(csrf: String, id: i64, map: MapInput) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let Some(mappings) = map.mappings() else {
        // Through `ServiceError`, whose conversion sets the status (422); a bare `AppError` would answer 500.
        let invalid = domain::Invalid::one("components", domain::Problem::UnknownChoice);
        return Err(service::ServiceError::Invalid(invalid).into());
    };
    state()?.services.map_source_components(&me.actor, id, &mappings).await?;
    leptos_axum::redirect(&saved_url(&format!("/monitoring/bronnen/{id}"), "componenten"));
    Ok(())
}

#[server(endpoint = "monitoring/vendor")]
pub async fn get_vendor_monitoring(vendor: domain::VendorId) -> Result<VendorMonitoring, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.vendor_monitoring(&me.actor, vendor).await?)
}

#[server(endpoint = "monitoring/source")]
pub async fn get_source(id: i64) -> Result<SourceDetail, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.source_detail(&me.actor, id).await?)
}

/// The source page with page `page` (from 1) of its checks of the last 24 hours.
#[server(endpoint = "monitoring/source/page")]
pub async fn get_source_page(id: i64, page: u32) -> Result<SourceDetail, AppError> {
    let me = signed_in()?;
    Ok(state()?.services.source_detail_page(&me.actor, id, page).await?)
}

#[server(endpoint = "monitoring/sources/add")]
pub async fn add_source(csrf: String, service: i64, form: SourceInput) -> Result<i64, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    let id = state()?.services.add_source(&me.actor, service, &form.form()).await?;
    leptos_axum::redirect(&saved_url(&format!("/monitoring/bronnen/{id}"), "bron"));
    Ok(id)
}

#[server(endpoint = "monitoring/sources/update")]
pub async fn update_source(csrf: String, id: i64, form: SourceInput) -> Result<(), AppError> {
    use service::sources::SecretChange;
    let me = signed_in_with_csrf(&csrf)?;
    // Settings and secret in one use case: a refused form leaves the secret as it was.
    let secret = match form.secret_change() {
        None => SecretChange::Keep,
        Some(None) => SecretChange::Remove,
        Some(Some(text)) => SecretChange::Set(service::secrets::Secret::new(text)),
    };
    state()?.services.update_source(&me.actor, id, &form.form(), secret).await?;
    leptos_axum::redirect(&saved_url(&format!("/monitoring/bronnen/{id}"), "bron"));
    Ok(())
}

#[server(endpoint = "monitoring/sources/delete")]
pub async fn delete_source(csrf: String, id: i64) -> Result<(), AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    state()?.services.remove_source(&me.actor, id).await?;
    leptos_axum::redirect("/monitoring");
    Ok(())
}

#[server(endpoint = "monitoring/sources/push-token")]
pub async fn new_push_token(csrf: String, id: i64) -> Result<String, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.new_push_token(&me.actor, id).await?)
}

/// The report of one test fetch, as `serde_json` text (`"ok"`, and `"error_nl"` when it failed).
#[server(endpoint = "monitoring/sources/test")]
pub async fn test_source(csrf: String, id: i64) -> Result<String, AppError> {
    let me = signed_in_with_csrf(&csrf)?;
    Ok(state()?.services.test_source(&me.actor, id).await?.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn figure_rows_keep_their_place_and_leave_out_empty_rows_at_the_end() {
        let input = SourceInput {
            metric_names: vec!["actief".into(), "".into(), "gekocht".into(), "".into()],
            metric_pointers: vec!["/seats/active".into(), " ".into(), "/seats/purchased".into()],
            metric_contracted: vec!["1500".into()],
            kind: "json".into(),
            name: "Verbruik".into(),
            url: "https://api.leverancier.example/usage".into(),
            interval_secs: "300".into(),
            ..Default::default()
        };
        let rows: Vec<(String, String, String)> =
            input.form().mappings.into_iter().map(|m| (m.name, m.pointer, m.contracted)).collect();
        let row = |n: &str, p: &str, c: &str| (n.to_string(), p.to_string(), c.to_string());
        assert_eq!(
            rows,
            [row("actief", "/seats/active", "1500"), row("", " ", ""), row("gekocht", "/seats/purchased", "")]
        );
        let parsed = input.form().parse().unwrap();
        assert!(parsed.config_json.contains(r#""contracted":{"actief":1500}"#), "{}", parsed.config_json);
        // A pointer without a name is kept, so that the form reports it at its field.
        let half = SourceInput { metric_pointers: vec!["/x".into()], ..Default::default() };
        assert_eq!(half.form().mappings.len(), 1);
    }

    #[test]
    fn the_component_map_needs_matching_lists_and_numeric_services() {
        let map = |ids: &[&str], services: &[&str]| MapInput {
            ids: ids.iter().map(|s| s.to_string()).collect(),
            services: services.iter().map(|s| s.to_string()).collect(),
        };
        let ok = map(&["c1", "c2"], &["7", ""]).mappings().unwrap();
        assert_eq!(ok[0].service_id, Some(domain::VendorServiceId(7)));
        assert_eq!(ok[1].service_id, None);
        assert_eq!(map(&["c1"], &[]).mappings(), None);
        assert_eq!(map(&["c1"], &["zeven"]).mappings(), None);
        assert_eq!(map(&[], &[]).mappings(), Some(Vec::new()));
    }
}
