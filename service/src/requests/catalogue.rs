//! The service catalogue staff see: every service in the register with its vendor, whether it holds
//! personal data, and how it is doing now in plain words (from monitoring's open state intervals and
//! the vendors' open incidents).

use crate::{ServiceError, Services};
use domain::monitoring::CheckState;
use domain::requests::views::{CatalogueService, Health, KnownIncident};
use domain::VendorServiceId;
use std::collections::HashMap;
use store::EventScope;

fn health(state: CheckState) -> Health {
    match state {
        CheckState::Up => Health::Works,
        CheckState::Degraded => Health::Degraded,
        CheckState::Down => Health::Down,
        CheckState::Maintenance => Health::Maintenance,
    }
}

impl Services {
    /// Every service with its current health. A service fed by several sources shows the worst state
    /// and, for that state, the moment it began; a vendor-reported open incident counts as a
    /// disruption even when our own measurement still sees the service up.
    pub(crate) async fn catalogue(&self) -> Result<Vec<CatalogueService>, ServiceError> {
        let db = self.db();
        let (services, vendors, open, incidents) = tokio::try_join!(
            store::list_all_services(db),
            store::list_vendors(db),
            store::open_intervals(db),
            store::open_incidents(db, EventScope::All),
        )?;
        let vendor_names: HashMap<_, _> = vendors.into_iter().map(|v| (v.id, v.name)).collect();
        let mut state: HashMap<VendorServiceId, (CheckState, chrono::DateTime<chrono::Utc>)> = HashMap::new();
        for i in open {
            let e = state.entry(i.service_id).or_insert((i.interval.state, i.interval.start));
            if i.interval.state.severity() > e.0.severity() {
                *e = (i.interval.state, i.interval.start);
            }
        }
        let mut incident: HashMap<VendorServiceId, (KnownIncident, chrono::DateTime<chrono::Utc>)> = HashMap::new();
        for i in incidents {
            incident.entry(i.origin.service_id).or_insert((
                KnownIncident {
                    name: i.incident.name.clone(),
                    // Only web links from a vendor's page are offered as links.
                    link: i
                        .incident
                        .shortlink
                        .clone()
                        .filter(|l| l.starts_with("https://") || l.starts_with("http://")),
                },
                i.incident.created_at,
            ));
        }
        let mut out: Vec<CatalogueService> = services
            .into_iter()
            .map(|s| {
                let measured = state.get(&s.id).copied();
                let known = incident.remove(&s.id);
                let (mut h, mut since) = match measured {
                    Some((st, start)) => (health(st), Some(start)),
                    None => (Health::Unknown, None),
                };
                if let Some((_, created)) = &known {
                    if !h.is_disrupted() {
                        h = Health::Degraded;
                        since = Some(*created);
                    }
                }
                CatalogueService {
                    id: s.id,
                    vendor_name: vendor_names.get(&s.vendor_id).cloned().unwrap_or_default(),
                    name: s.name,
                    description: s.description,
                    personal_data: s.personal_data,
                    health: h,
                    since,
                    incident: known.map(|(k, _)| k),
                }
            })
            .collect();
        out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.id.cmp(&b.id)));
        Ok(out)
    }
}
