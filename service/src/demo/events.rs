//! What the vendors' status pages said about the planned events: an incident (with a few updates)
//! for every reported outage or slowdown, and a maintenance, with when we first saw it announced, for
//! every announced maintenance. Unannounced maintenance and what only our probe saw leave no record.

use super::history::{Event, Impact, Kind, Notice, SEED};
use super::rng::Rng;
use chrono::{DateTime, TimeDelta, Utc};
use domain::monitoring::CheckState;
use store::{IncidentRow, IncidentUpdateRow, MaintenanceRow};

const OUTAGES: [&str; 4] = [
    "Storing bij het inloggen",
    "Foutmeldingen bij het openen van dossiers",
    "Gedeeltelijke storing",
    "Verbindingsproblemen",
];
const PLATFORM_OUTAGES: [&str; 3] = ["Volledige storing", "Platform niet bereikbaar", "Storing in het datacenter"];
const SLOWDOWNS: [&str; 4] =
    ["Vertraagde verwerking", "Trage reactietijden", "Vertraging in het berichtenverkeer", "Verminderde prestaties"];
const MAINTENANCES: [&str; 4] =
    ["Gepland onderhoud", "Onderhoud aan de database", "Upgrade van het platform", "Onderhoud aan het netwerk"];

/// The incident the vendor posted for event `index` of vendor `v`, or `None` when the event is not an
/// incident. It is created a few minutes after the event starts and resolved when it ends.
pub fn incident(v: usize, index: usize, e: &Event) -> Option<(IncidentRow, Vec<IncidentUpdateRow>)> {
    let Kind::Incident(impact) = e.kind else { return None };
    let mut rng = Rng::new(&[SEED, v as u64, index as u64, 11]);
    let titles: &[&str] = match (e.state, impact) {
        (CheckState::Down, Impact::Critical) => &PLATFORM_OUTAGES,
        (CheckState::Down, _) => &OUTAGES,
        _ => &SLOWDOWNS,
    };
    let name = rng.pick(titles).copied().unwrap_or("Verstoring").to_string();
    let length = (e.end - e.start).num_minutes();
    let created_at = e.start + TimeDelta::minutes(rng.range(0, 6).min(length / 2));
    let id = format!("demo-{v}-{index:04}");
    let update = |n: usize, status: &str, body: &str, at: DateTime<Utc>| IncidentUpdateRow {
        vendor_update_id: format!("{id}-{n}"),
        status: status.into(),
        body: body.into(),
        created_at: at,
    };
    let mut updates = vec![update(1, "investigating", "We onderzoeken meldingen over deze verstoring.", created_at)];
    if length > 60 {
        let found = created_at + (e.end - created_at) / 2;
        updates.push(update(2, "identified", "De oorzaak is gevonden; we werken aan een oplossing.", found));
    }
    updates.push(update(3, "resolved", "De verstoring is verholpen. Excuses voor het ongemak.", e.end));
    let row = IncidentRow {
        vendor_incident_id: id,
        name,
        status: "resolved".into(),
        impact: impact.key().into(),
        created_at,
        updated_at: e.end,
        resolved_at: Some(e.end),
        shortlink: None,
    };
    Some((row, updates))
}

/// The maintenance the vendor announced for event `index` of vendor `v`, with when we first saw it;
/// `None` for anything else, unannounced maintenance included.
pub fn maintenance(v: usize, index: usize, e: &Event) -> Option<(MaintenanceRow, DateTime<Utc>)> {
    let Kind::Maintenance(Notice::Ahead(ahead)) = e.kind else { return None };
    let mut rng = Rng::new(&[SEED, v as u64, index as u64, 13]);
    let first_seen_at = e.start - ahead;
    let row = MaintenanceRow {
        vendor_maintenance_id: format!("demo-{v}-{index:04}"),
        name: rng.pick(&MAINTENANCES).copied().unwrap_or("Onderhoud").to_string(),
        status: "completed".into(),
        impact: "maintenance".into(),
        scheduled_for: Some(e.start),
        scheduled_until: Some(e.end),
        // The vendor drafted it a little before publishing it.
        created_at: first_seen_at - TimeDelta::minutes(rng.range(0, 30)),
        updated_at: e.end,
    };
    Some((row, first_seen_at))
}
