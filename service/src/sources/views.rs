//! Sources as listed: each with its newest status, what it reports now for its services, and why it
//! is not up when its vendor says so (an open incident or running maintenance it reported).

use super::view;
use crate::{ServiceError, Services};
use chrono::{DateTime, TimeDelta, Utc};
use domain::monitoring::{CheckResult, CheckState};
use domain::views_attention::StateCause;
use domain::views_monitoring::{ComponentMapping, LastError, SourceStatus, SourceView};
use std::collections::HashMap;
use store::{EventScope, SourceId};

impl Services {
    /// Every source with its newest status, what it reports now and its cause (no authorisation:
    /// callers check).
    pub(super) async fn source_views(&self) -> Result<Vec<SourceView>, ServiceError> {
        let mut components: HashMap<SourceId, Vec<ComponentMapping>> = HashMap::new();
        for (source, c) in store::all_source_components(self.db()).await? {
            let mapping = ComponentMapping { vendor_component_id: c.vendor_component_id, service_id: c.service_id };
            components.entry(source).or_default().push(mapping);
        }
        let now = self.clock().now();
        let statuses: HashMap<SourceId, store::SourceStatusRow> =
            store::source_statuses(self.db()).await?.into_iter().map(|s| (s.source_id, s)).collect();
        let reported = reported_states(self.db()).await?;
        let mut causes = open_causes(self, now).await?;
        Ok(store::list_sources(self.db())
            .await?
            .iter()
            .map(|v| {
                let mut out = view(v, components.remove(&v.id).unwrap_or_default());
                out.status = statuses.get(&v.id).map(|s| SourceStatus {
                    reported: reported.get(&v.id).copied(),
                    ..status_view(s, v.settings.interval_secs, now)
                });
                out.cause = causes.remove(&v.id);
                out
            })
            .collect())
    }
}

/// Per source, the newest open incident it reported, or else maintenance it reported that is under
/// way at `now` (started by the vendor's status or by its schedule).
pub(super) async fn open_causes(
    s: &Services,
    now: DateTime<Utc>,
) -> Result<HashMap<SourceId, StateCause>, ServiceError> {
    let mut out: HashMap<SourceId, StateCause> = HashMap::new();
    // Newest first: the first per source wins.
    for i in store::open_incidents(s.db(), EventScope::All).await? {
        out.entry(i.origin.source_id).or_insert(StateCause {
            name: i.incident.name,
            shortlink: i.incident.shortlink,
            maintenance: false,
        });
    }
    for m in store::upcoming_maintenances(s.db(), EventScope::All, now).await? {
        let running = matches!(m.maintenance.status.as_str(), "in_progress" | "verifying")
            || m.maintenance.scheduled_for.is_some_and(|t| t <= now);
        if running {
            out.entry(m.origin.source_id).or_insert(StateCause {
                name: m.maintenance.name,
                shortlink: None,
                maintenance: true,
            });
        }
    }
    Ok(out)
}

/// One source's status as listed, with what it reports now.
pub(super) async fn status_view_for(
    s: &Services,
    id: SourceId,
    interval_secs: u32,
) -> Result<Option<SourceStatus>, ServiceError> {
    let Some(row) = store::source_status(s.db(), id).await? else {
        return Ok(None);
    };
    let mut status = status_view(&row, interval_secs, s.clock().now());
    status.reported = reported_states(s.db()).await?.get(&id).copied();
    Ok(Some(status))
}

/// Per source, the worst state of its open intervals (what it reports now for its services).
async fn reported_states(db: &store::Db) -> Result<HashMap<SourceId, CheckState>, ServiceError> {
    let mut out: HashMap<SourceId, CheckState> = HashMap::new();
    for open in store::open_intervals(db).await? {
        let state = open.interval.state;
        out.entry(open.source_id).and_modify(|s| *s = s.worst(state)).or_insert(state);
    }
    Ok(out)
}

/// The stored newest check as shown: its last error in plain words, and stale when it is older than
/// three intervals plus a minute (the time a poll with retries may take).
fn status_view(s: &store::SourceStatusRow, interval_secs: u32, now: DateTime<Utc>) -> SourceStatus {
    let stale_after = TimeDelta::seconds(3 * i64::from(interval_secs) + 60);
    SourceStatus {
        stale: s.checked_at < now - stale_after,
        reported: None,
        tls_expires_at: s.tls_expires_at,
        tls_expires_soon: s
            .tls_expires_at
            .is_some_and(|t| t < now + TimeDelta::days(domain::views_monitoring::TLS_WARN_DAYS)),
        checked_at: s.checked_at,
        state: s.state,
        latency_ms: s.latency_ms,
        last_error: s.last_error.as_ref().map(|(at, state, message)| {
            let check = CheckResult { error: Some(message.clone()), ..CheckResult::new(*at, *state) };
            LastError { at: *at, state: *state, message: plain_error(&check) }
        }),
    }
}

/// A failed check in plain Dutch.
pub(super) fn plain_error(c: &CheckResult) -> String {
    let state = match c.state {
        CheckState::Down => "onbereikbaar of fout",
        CheckState::Degraded => "verminderd",
        CheckState::Maintenance => "in onderhoud",
        CheckState::Up => "in orde",
    };
    match (&c.error, c.status_code) {
        (Some(e), _) => format!("De bron was {state}: {e}"),
        (None, Some(code)) => format!("De bron was {state} (HTTP-status {code})."),
        (None, None) => format!("De bron was {state}."),
    }
}
