//! Monitoring on the vendor page: the current state per service and per source (problems first, with
//! the vendor incident or probe error that explains them), open incidents with their latest update,
//! upcoming maintenance and each source's last 24 hours, in one read.

use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::{DurationRound, TimeDelta};
use domain::monitoring::CheckState;
use domain::views_attention::sort_problems_first;
use domain::views_monitoring::{IncidentUpdateView, IncidentView, MaintenanceView, SourceView};
use domain::views_vendor_monitoring::{ServiceState, SourceDay, VendorMonitoring};
use domain::VendorId;
use std::collections::HashMap;
use store::{EventScope, Granularity, StoredIncident, StoredMaintenance};

impl Services {
    /// The vendor's monitoring; `NotFound` for an unknown vendor.
    #[tracing::instrument(skip_all, fields(vendor = %vendor))]
    pub async fn vendor_monitoring(&self, actor: &Actor, vendor: VendorId) -> Result<VendorMonitoring, ServiceError> {
        self.guard(actor, Action::ViewMonitoring, "vendor.monitoring", format!("vendor:{vendor}")).await?;
        store::get_vendor(self.db(), vendor).await?;
        let now = self.clock().now();
        let services = store::list_services(self.db(), vendor).await?;
        let mut sources: Vec<_> = self.source_views().await?.into_iter().filter(|s| s.vendor_id == vendor).collect();
        sort_problems_first(&mut sources, SourceView::current_state, |s| s.name.as_str());
        let by_id: HashMap<i64, &SourceView> = sources.iter().map(|s| (s.id, s)).collect();

        let open = store::open_intervals(self.db()).await?;
        let mut states: Vec<ServiceState> = services
            .iter()
            .map(|service| {
                let mut state: Option<(CheckState, chrono::DateTime<chrono::Utc>)> = None;
                let mut reported_by = Vec::new();
                // The sources that report something other than up, worst first: where the reason is.
                let mut troubled: Vec<(CheckState, &SourceView)> = Vec::new();
                for o in open.iter().filter(|o| o.service_id == service.id) {
                    let (s, since) = (o.interval.state, o.interval.start);
                    let source = by_id.get(&o.source_id.0).copied();
                    reported_by.extend(source.map(|v| v.name.clone()));
                    if let Some(v) = source.filter(|_| s != CheckState::Up) {
                        troubled.push((s, v));
                    }
                    state = match state {
                        Some((worst, at)) if worst.severity() > s.severity() => Some((worst, at)),
                        Some((worst, at)) if worst == s => Some((worst, at.max(since))),
                        _ => Some((s, since)),
                    };
                }
                reported_by.sort();
                troubled.sort_by_key(|(s, _)| std::cmp::Reverse(s.severity()));
                let cause = troubled.iter().find_map(|(_, v)| v.cause.clone());
                let error = cause.is_none().then(|| probe_error(&troubled)).flatten();
                ServiceState {
                    service_id: service.id,
                    name: service.name.clone(),
                    state: state.map(|(s, _)| s),
                    since: state.map(|(_, at)| at),
                    reported_by,
                    cause,
                    error,
                }
            })
            .collect();
        sort_problems_first(&mut states, |s| s.state, |s| s.name.as_str());

        let first_hour = now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now) - TimeDelta::hours(23);
        let mut days = Vec::with_capacity(sources.len());
        for s in &sources {
            let rollups = store::rollups_between(
                self.db(),
                store::SourceId(s.id),
                Granularity::Hour,
                first_hour,
                first_hour + TimeDelta::hours(24),
            )
            .await?;
            days.push(SourceDay::from_rollups(s.id, first_hour, &rollups));
        }
        let scope = EventScope::Vendor(vendor);
        let mut open_incidents = Vec::new();
        for i in store::open_incidents(self.db(), scope).await? {
            open_incidents.push(self.incident_view(i).await?);
        }
        let upcoming_maintenances =
            store::upcoming_maintenances(self.db(), scope, now).await?.into_iter().map(maintenance_view).collect();
        Ok(VendorMonitoring { services: states, sources, days, open_incidents, upcoming_maintenances })
    }

    /// An incident as shown, with the vendor's newest update.
    pub(super) async fn incident_view(&self, i: StoredIncident) -> Result<IncidentView, ServiceError> {
        let latest_update = store::incident_updates(self.db(), i.origin.id).await?.pop().map(|u| IncidentUpdateView {
            status: u.status,
            body: u.body,
            at: u.created_at,
        });
        Ok(IncidentView {
            id: i.origin.id,
            name: i.incident.name,
            status: i.incident.status,
            impact: i.incident.impact,
            service_name: i.origin.service_name,
            created_at: i.incident.created_at,
            updated_at: i.incident.updated_at,
            shortlink: i.incident.shortlink,
            latest_update,
        })
    }
}

/// A maintenance as shown.
pub(super) fn maintenance_view(m: StoredMaintenance) -> MaintenanceView {
    MaintenanceView {
        id: m.origin.id,
        name: m.maintenance.name,
        status: m.maintenance.status,
        impact: m.maintenance.impact,
        service_name: m.origin.service_name,
        scheduled_for: m.maintenance.scheduled_for,
        scheduled_until: m.maintenance.scheduled_until,
    }
}

/// The last error of a probe (our own check: http or push) among the sources reporting a problem,
/// in plain words; a status page reports the vendor's word, not an error of ours.
fn probe_error(troubled: &[(CheckState, &SourceView)]) -> Option<String> {
    troubled
        .iter()
        .filter(|(_, v)| v.kind == "http" || v.kind == "push")
        .find_map(|(_, v)| v.status.as_ref()?.last_error.as_ref().map(|e| e.message.clone()))
}
