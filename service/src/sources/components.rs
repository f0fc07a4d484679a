//! Mapping a status page's components onto the vendor's services: reading the page's components once
//! (through the guarded client) next to the stored map, and replacing the map.

use super::view;
use super::views::status_view_for;
use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::statuspage::parse_components;
use domain::views_components::{ComponentChoice, ComponentChoices};
use domain::views_monitoring::ComponentMapping;
use domain::{Invalid, Problem, VendorServiceId};
use std::collections::{HashMap, HashSet};
use store::{SourceComponentRow, SourceId};

pub use domain::views_monitoring::MAX_COMPONENTS;

impl Services {
    /// The status page's components as it lists them now, each with the service it is mapped to, plus
    /// mapped components it no longer lists. When the page cannot be read, the stored map is shown with
    /// the reason. Only for status-page sources (`Invalid` at `kind` otherwise).
    #[tracing::instrument(skip_all, fields(source = id))]
    pub async fn component_choices(&self, actor: &Actor, id: i64) -> Result<ComponentChoices, ServiceError> {
        self.guard(actor, Action::ManageSources, "source.components.view", format!("source:{id}")).await?;
        let v =
            store::list_sources(self.db()).await?.into_iter().find(|s| s.id.0 == id).ok_or(ServiceError::NotFound)?;
        if v.settings.kind != "statuspage" {
            return Err(Invalid::one("kind", Problem::UnknownChoice).into());
        }
        let stored = store::source_components(self.db(), v.id).await?;
        let mapped: HashMap<String, Option<VendorServiceId>> =
            stored.iter().map(|c| (c.vendor_component_id.clone(), c.service_id)).collect();
        let services =
            store::list_services(self.db(), v.vendor_id).await?.into_iter().map(|s| (s.id, s.name)).collect();
        let base = serde_json::from_str::<serde_json::Value>(&v.settings.config_json)
            .ok()
            .and_then(|c| c.get("base_url").and_then(|b| b.as_str()).map(|b| b.trim_end_matches('/').to_string()))
            .unwrap_or_default();
        let (mut components, fetch_error) = match self.fetch_components(&base, v.settings.timeout_ms).await {
            Ok(list) => (list, None),
            Err(message) => (Vec::new(), Some(message)),
        };
        let listed: HashSet<String> = components.iter().map(|c| c.id.clone()).collect();
        for c in &mut components {
            c.service_id = mapped.get(&c.id).copied().flatten();
        }
        for c in stored.iter().filter(|c| !listed.contains(&c.vendor_component_id)) {
            components.push(ComponentChoice {
                id: c.vendor_component_id.clone(),
                name: c.vendor_component_id.clone(),
                group: None,
                service_id: c.service_id,
                listed: false,
            });
        }
        let components_view = stored
            .into_iter()
            .map(|c| ComponentMapping { vendor_component_id: c.vendor_component_id, service_id: c.service_id })
            .collect();
        let mut source = view(&v, components_view);
        source.status = status_view_for(self, v.id, v.settings.interval_secs).await?;
        Ok(ComponentChoices { source, services, components, fetch_error })
    }

    /// Replaces a status-page source's component map. Every service must be one of the source's vendor's
    /// services; a component may appear once. Audited; the poller picks the map up within a minute.
    #[tracing::instrument(skip_all, fields(source = id))]
    pub async fn map_source_components(
        &self,
        actor: &Actor,
        id: i64,
        map: &[ComponentMapping],
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageSources, "source.components.update", format!("source:{id}")).await?;
        let current = store::get_source(self.db(), SourceId(id)).await?;
        if current.settings.kind != "statuspage" {
            return Err(Invalid::one("kind", Problem::UnknownChoice).into());
        }
        let vendor = store::get_service(self.db(), current.settings.service_id).await?.vendor_id;
        let allowed: HashSet<VendorServiceId> =
            store::list_services(self.db(), vendor).await?.into_iter().map(|s| s.id).collect();
        if map.len() > MAX_COMPONENTS as usize {
            return Err(Invalid::one("components", Problem::TooMany { max: MAX_COMPONENTS }).into());
        }
        let mut seen = HashSet::new();
        for m in map {
            let cid = m.vendor_component_id.trim();
            if cid.is_empty() || cid.len() > 200 || !seen.insert(cid.to_string()) {
                return Err(Invalid::one("components", Problem::UnknownChoice).into());
            }
            if m.service_id.is_some_and(|s| !allowed.contains(&s)) {
                return Err(Invalid::one("components", Problem::UnknownChoice).into());
            }
        }
        let rows: Vec<SourceComponentRow> = map
            .iter()
            .map(|m| SourceComponentRow {
                vendor_component_id: m.vendor_component_id.trim().to_string(),
                service_id: m.service_id,
            })
            .collect();
        let now = self.clock().now();
        let mapped = rows.iter().filter(|r| r.service_id.is_some()).count();
        let mut tx = self.db().begin().await?;
        store::set_source_components(&mut tx, SourceId(id), &rows).await?;
        // A new `updated_at` makes the running poller reload the source.
        store::update_source(&mut tx, SourceId(id), &current.settings, now).await?;
        let detail = format!("{mapped} van {} componenten gekoppeld", rows.len());
        append(
            &mut tx,
            record(now, actor, "source.components.update", format!("source:{id}"), Outcome::Ok, Some(detail)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The components `{base}/api/v2/components.json` lists (groups left out: they roll up others), or
    /// why they cannot be read, in Dutch.
    async fn fetch_components(&self, base: &str, timeout_ms: u32) -> Result<Vec<ComponentChoice>, String> {
        let mut guard = self.monitoring_settings().guard.clone();
        guard.total_timeout = std::time::Duration::from_millis(u64::from(timeout_ms.max(1)));
        let client = crate::outbound::GuardedClient::new(guard).map_err(|e| e.to_string())?;
        let url = format!("{base}/api/v2/components.json");
        let fetched = client.fetch(crate::outbound::FetchRequest::get(url)).await.map_err(|e| e.message_nl())?;
        if fetched.status != 200 {
            return Err(format!("De statuspagina antwoordde met HTTP-status {}.", fetched.status));
        }
        let text = String::from_utf8_lossy(&fetched.body);
        let parsed = parse_components(&text).map_err(|e| format!("De componentenlijst is niet te lezen: {e}"))?;
        let groups: HashMap<String, String> =
            parsed.value.components.iter().filter(|c| c.group).map(|c| (c.id.clone(), c.name.clone())).collect();
        Ok(parsed
            .value
            .components
            .into_iter()
            .filter(|c| !c.group)
            .map(|c| ComponentChoice {
                group: c.group_id.as_ref().and_then(|g| groups.get(g).cloned()),
                id: c.id,
                name: c.name,
                service_id: None,
                listed: true,
            })
            .collect())
    }
}
