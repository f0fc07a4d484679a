//! Stores the planned history ([`super::history::Plan`]) in the seed's transaction, in bulk: the
//! vendors' reported intervals on their Statuspage source (per mapped service), the probes' intervals,
//! incidents with their updates and announced maintenances on the Statuspage source, and the probes'
//! hourly and daily rollups. Every interval is closed and ends at the latest at the plan's `now`, so
//! the polling engine, which resumes only open intervals, opens its own from its first observation.

use super::events;
use super::history::{Plan, Span};
use super::rollups::{probe_rollups, CHECK_EVERY};
use super::sources::VendorSources;
use crate::ServiceError;
use chrono::TimeDelta;
use domain::monitoring::StateInterval;
use domain::VendorServiceId;
use store::{Granularity, HistoryIncident, HistoryMaintenance, SourceId, SourceInterval, Tx};

/// The Statuspage sources' poll interval (as seeded).
const PAGE_EVERY: TimeDelta = TimeDelta::seconds(30);

/// How many rows the history wrote, per kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HistoryCounts {
    pub intervals: u64,
    pub incidents: u64,
    pub incident_updates: u64,
    pub maintenances: u64,
    pub hour_rollups: u64,
    pub day_rollups: u64,
}

/// The stored form of a span: the last observation in it one poll before its end.
fn stored(source: SourceId, service: VendorServiceId, s: &Span, every: TimeDelta) -> SourceInterval {
    SourceInterval {
        source_id: source,
        service_id: service,
        interval: StateInterval { state: s.state, start: s.start, end: Some(s.end) },
        last_seen: (s.end - every).max(s.start),
    }
}

/// Writes `plan` for the vendors whose sources were seeded (`sources[v]`, in the plan's order).
pub(super) async fn write_history(
    tx: &mut Tx,
    plan: &Plan,
    sources: &[Option<VendorSources>],
) -> Result<HistoryCounts, ServiceError> {
    let (mut intervals, mut incidents, mut maintenances) = (Vec::new(), Vec::new(), Vec::new());
    let (mut hours, mut days) = (Vec::new(), Vec::new());
    for (v, (history, sources)) in plan.vendors.iter().zip(sources).enumerate() {
        let Some(sources) = sources else { continue };
        for (service, spans) in sources.mapped.iter().zip(&history.reported) {
            intervals.extend(spans.iter().map(|s| stored(sources.page, *service, s, PAGE_EVERY)));
        }
        if let (Some(probe), Some(first)) = (sources.probe, sources.mapped.first()) {
            intervals.extend(history.probe.iter().map(|s| stored(probe, *first, s, CHECK_EVERY)));
            let (h, d) = probe_rollups(&history.probe, plan.start, plan.now, v as u64);
            hours.extend(h.into_iter().map(|r| (probe, r)));
            days.extend(d.into_iter().map(|r| (probe, r)));
        }
        for (i, e) in history.events.iter().enumerate() {
            if let Some((incident, updates)) = events::incident(v, i, e) {
                incidents.push(HistoryIncident { source: sources.page, incident, updates });
            }
            if let Some((maintenance, first_seen_at)) = events::maintenance(v, i, e) {
                maintenances.push(HistoryMaintenance { source: sources.page, maintenance, first_seen_at });
            }
        }
    }
    let intervals = store::insert_intervals(tx, &intervals).await?;
    let (incidents, incident_updates) = store::insert_incidents(tx, &incidents).await?;
    let maintenances = store::insert_maintenances(tx, &maintenances).await?;
    let hour_rollups = store::insert_rollups(tx, Granularity::Hour, &hours).await?;
    let day_rollups = store::insert_rollups(tx, Granularity::Day, &days).await?;
    Ok(HistoryCounts { intervals, incidents, incident_updates, maintenances, hour_rollups, day_rollups })
}
