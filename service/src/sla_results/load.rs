//! Reads what one period's evaluation needs for a set of services in a few bulk queries, and groups it
//! per service: our probe's spans (`http`, `push` sources), the vendor's report (`statuspage`, `json`),
//! the maintenance announcements of the sources that feed the service, and the vendor incidents.

use chrono::{DateTime, Utc};
use domain::sla::evidence::{Announcement, Measurements, Span};
use domain::sla::IntervalState;
use domain::VendorServiceId;
use std::collections::{BTreeSet, HashMap};
use store::{Db, SlaIncidentRow};

/// Which sources feed which service (a status page feeds every service its components map to).
#[derive(Debug, Default)]
pub(crate) struct Feeds {
    by_service: HashMap<i64, BTreeSet<i64>>,
}

impl Feeds {
    /// The feeds of `services`.
    pub(crate) async fn load(db: &Db, services: &[VendorServiceId]) -> Result<Feeds, store::StoreError> {
        let mut by_service: HashMap<i64, BTreeSet<i64>> = HashMap::new();
        for r in store::source_feeds(db, services).await? {
            by_service.entry(r.service_id).or_default().insert(r.source_id);
        }
        Ok(Feeds { by_service })
    }

    /// The sources that feed any of `services`.
    pub(crate) fn sources_of<'a>(&self, services: impl IntoIterator<Item = &'a VendorServiceId>) -> BTreeSet<i64> {
        services.into_iter().filter_map(|s| self.by_service.get(&s.0)).flatten().copied().collect()
    }
}

/// Our own measurement, as opposed to the vendor's report.
pub(crate) fn is_probe(kind: &str) -> bool {
    matches!(kind, "http" | "push")
}

/// One period's data for a set of services.
#[derive(Debug, Default)]
pub(crate) struct PeriodData {
    pub measurements: HashMap<VendorServiceId, Measurements>,
    pub incidents: Vec<SlaIncidentRow>,
}

impl PeriodData {
    /// Reads `[from, until)` for `services`; open intervals end at `until`.
    pub(crate) async fn load(
        db: &Db,
        feeds: &Feeds,
        services: &[VendorServiceId],
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<PeriodData, store::StoreError> {
        let mut measurements: HashMap<VendorServiceId, Measurements> =
            services.iter().map(|s| (*s, Measurements::default())).collect();
        for r in store::sla_intervals(db, services, from, until).await? {
            let Some(state) = IntervalState::parse(&r.state) else { continue };
            let Some(m) = measurements.get_mut(&VendorServiceId(r.service_id)) else { continue };
            let span = Span { state, start: r.start_at, end: r.end_at.unwrap_or(until).min(until) };
            if is_probe(&r.kind) {
                m.probe.push(span);
            } else {
                m.vendor.push(span);
            }
        }
        let maintenances = store::sla_maintenances(db, from, until).await?;
        for (service, m) in measurements.iter_mut() {
            let sources = feeds.sources_of([service]);
            m.announcements = maintenances
                .iter()
                .filter(|x| sources.contains(&x.source_id))
                .map(|x| Announcement { start: x.scheduled_for, end: x.scheduled_until, announced_at: x.first_seen_at })
                .collect();
        }
        let incidents = store::sla_incidents(db, from, until).await?;
        Ok(PeriodData { measurements, incidents })
    }

    /// The incidents reported by the sources that feed any of `services`.
    pub(crate) fn incidents_for(&self, feeds: &Feeds, services: &[VendorServiceId]) -> Vec<&SlaIncidentRow> {
        let sources = feeds.sources_of(services);
        self.incidents.iter().filter(|i| sources.contains(&i.source_id)).collect()
    }
}
