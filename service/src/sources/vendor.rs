//! Monitoring on the vendor page: the current state per service and per source, open incidents with
//! their latest update, upcoming maintenance and each source's last 24 hours, in one read.

use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::{DurationRound, TimeDelta};
use domain::views_monitoring::{IncidentUpdateView, IncidentView, MaintenanceView};
use domain::views_vendor_monitoring::{ServiceState, SourceDay, VendorMonitoring};
use domain::VendorId;
use store::{EventScope, Granularity, StoredIncident, StoredMaintenance};

impl Services {
    /// The vendor's monitoring; `NotFound` for an unknown vendor.
    #[tracing::instrument(skip_all, fields(vendor = %vendor))]
    pub async fn vendor_monitoring(&self, actor: &Actor, vendor: VendorId) -> Result<VendorMonitoring, ServiceError> {
        self.guard(actor, Action::ViewMonitoring, "vendor.monitoring", format!("vendor:{vendor}")).await?;
        store::get_vendor(self.db(), vendor).await?;
        let now = self.clock().now();
        let services = store::list_services(self.db(), vendor).await?;
        let sources: Vec<_> = self.source_views().await?.into_iter().filter(|s| s.vendor_id == vendor).collect();
        let names: std::collections::HashMap<i64, String> = sources.iter().map(|s| (s.id, s.name.clone())).collect();

        let open = store::open_intervals(self.db()).await?;
        let states = services
            .iter()
            .map(|service| {
                let mut state: Option<(domain::monitoring::CheckState, chrono::DateTime<chrono::Utc>)> = None;
                let mut reported_by = Vec::new();
                for o in open.iter().filter(|o| o.service_id == service.id) {
                    let (s, since) = (o.interval.state, o.interval.start);
                    reported_by.extend(names.get(&o.source_id.0).cloned());
                    state = match state {
                        Some((worst, at)) if worst.severity() > s.severity() => Some((worst, at)),
                        Some((worst, at)) if worst == s => Some((worst, at.max(since))),
                        _ => Some((s, since)),
                    };
                }
                reported_by.sort();
                ServiceState {
                    service_id: service.id,
                    name: service.name.clone(),
                    state: state.map(|(s, _)| s),
                    since: state.map(|(_, at)| at),
                    reported_by,
                }
            })
            .collect();

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
