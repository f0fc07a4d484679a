//! Connectors: one poll of one source through the [`GuardedClient`], turned into a [`PollResult`].
//! Every request is bounded by the source's own timeout (on top of the client's), so a hanging vendor
//! costs at most that long. Nothing here retries: the scheduler decides about retries and breakers.

use super::source::{Condition, HttpProbe, JsonSpec, Source, SourceSpec, StatuspageSpec};
use super::PollResult;
use crate::outbound::{FetchError, FetchRequest, Fetched, GuardedClient};
use chrono::{DateTime, Utc};
use domain::monitoring::{CheckResult, CheckState};
use domain::statuspage::{self, component_state, Incident, Maintenance, VendorState, WireStatus};
use domain::VendorServiceId;
use std::collections::BTreeMap;
use store::{IncidentRow, IncidentUpdateRow, MaintenanceRow};
use tokio::time::Instant;

/// Polls `source` once; `at` is the instant the check is recorded at. Never fails: what went wrong is
/// in the check's `error`, in plain Dutch.
pub async fn poll(client: &GuardedClient, source: &Source, at: DateTime<Utc>) -> PollResult {
    let deadline = Instant::now() + source.timeout;
    let mut result = PollResult::new(source.id, CheckResult::new(at, CheckState::Up));
    match &source.spec {
        SourceSpec::Http(probe) => http(client, source, probe, deadline, &mut result).await,
        SourceSpec::Statuspage(spec) => statuspage(client, spec, deadline, &mut result).await,
        SourceSpec::Json(spec) => json(client, spec, deadline, &mut result).await,
    }
    result
}

/// A request that gives up at `deadline`, whatever the client's own timeout is.
async fn fetch(client: &GuardedClient, req: FetchRequest, deadline: Instant) -> Result<Fetched, FetchError> {
    let started = Instant::now();
    match tokio::time::timeout_at(deadline, client.fetch(req)).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::Timeout { after: deadline.saturating_duration_since(started) }),
    }
}

fn fail(result: &mut PollResult, message: String) {
    result.check.state = CheckState::Down;
    result.check.error = Some(message);
}

/// A failed fetch in plain Dutch; a refusal by the guard says it is our configuration.
fn fetch_error(e: &FetchError) -> String {
    match e {
        FetchError::Refused { .. } => not_measured(e),
        _ => e.message_nl(),
    }
}

/// The error of a poll the guard refused: a configuration error on our side, not the vendor's.
fn not_measured(e: &FetchError) -> String {
    format!("Niet gemeten: de instellingen van Regiekamer staan dit adres niet toe. {}", e.message_nl())
}

fn answered(result: &mut PollResult, f: &Fetched) {
    result.check.latency_ms = Some(u32::try_from(f.elapsed.as_millis()).unwrap_or(u32::MAX));
    result.check.status_code = Some(f.status);
    result.tls_expiry = f.tls_expiry;
}

async fn http(client: &GuardedClient, source: &Source, probe: &HttpProbe, deadline: Instant, r: &mut PollResult) {
    let req = FetchRequest { method: probe.method.clone(), ..FetchRequest::get(probe.url.clone()) };
    // An http probe measures the source's own service; its state feeds that service's intervals.
    let outcome = fetch(client, req, deadline).await;
    match outcome {
        // Our own guard refused the address: nothing was measured, so the service's state is left
        // alone (it turns unknown once `stale_after` passes) rather than counted as vendor downtime.
        Err(e @ FetchError::Refused { .. }) => return fail(r, not_measured(&e)),
        Err(e) => fail(r, e.message_nl()),
        Ok(f) => {
            answered(r, &f);
            if f.status != probe.expected_status {
                let message =
                    format!("De server antwoordde met status {}; verwacht was {}.", f.status, probe.expected_status);
                fail(r, message);
            } else if let Some(why) = probe.condition.as_ref().and_then(|c| unmet(c, &f.body)) {
                fail(r, why);
            }
        }
    }
    r.states.push((source.service_id, r.check.state));
}

/// Why the body does not satisfy the condition, or `None` when it does.
fn unmet(condition: &Condition, body: &[u8]) -> Option<String> {
    match condition {
        Condition::Keyword(k) => (!String::from_utf8_lossy(body).contains(k.as_str()))
            .then(|| format!("Het trefwoord '{k}' staat niet in het antwoord.")),
        Condition::JsonPointer { pointer, equals } => {
            let doc: serde_json::Value = match serde_json::from_slice(body) {
                Ok(doc) => doc,
                Err(e) => return Some(unreadable_json(&e)),
            };
            match (doc.pointer(pointer), equals) {
                (None, _) => Some(format!("Het antwoord heeft geen waarde op {pointer}.")),
                (Some(v), Some(want)) if v != want => {
                    Some(format!("De waarde op {pointer} is {v}, verwacht was {want}."))
                }
                _ => None,
            }
        }
    }
}

fn unreadable_json(e: &serde_json::Error) -> String {
    format!("Het antwoord is geen leesbare JSON ({e}).")
}

async fn statuspage(client: &GuardedClient, spec: &StatuspageSpec, deadline: Instant, r: &mut PollResult) {
    let url = format!("{}/api/v2/summary.json", spec.base_url);
    let f = match fetch(client, FetchRequest::get(url), deadline).await {
        Ok(f) => f,
        Err(e) => return fail(r, fetch_error(&e)),
    };
    answered(r, &f);
    if f.status != 200 {
        return fail(r, format!("De statuspagina antwoordde met status {}.", f.status));
    }
    let summary = match statuspage::parse_summary(&String::from_utf8_lossy(&f.body)) {
        Ok(parsed) => {
            log_warnings(&parsed.warnings);
            parsed.value
        }
        Err(e) => return fail(r, format!("De statuspagina kon niet worden gelezen ({}).", e.message())),
    };
    // The worst state of the components mapped to each service.
    let mut states: BTreeMap<VendorServiceId, CheckState> = BTreeMap::new();
    for (component_id, service) in &spec.components {
        let Some(component) = summary.components.iter().find(|c| &c.id == component_id) else { continue };
        let Some(state) = check_state(component_state(component)) else { continue };
        let worst = states.entry(*service).or_insert(state);
        *worst = (*worst).worst(state);
    }
    r.states.extend(states);
    // The summary lists unresolved incidents and upcoming maintenances only; the full lists also show
    // how they ended. Those are a bonus: if they fail, the summary still counts. Only the most relevant
    // 50 of each are kept.
    let mut incidents = summary.incidents;
    let mut maintenances = summary.maintenances;
    let history = format!("{}/api/v2/incidents.json", spec.base_url);
    if let Some(list) = follow_up(client, history, deadline, statuspage::parse_incidents).await {
        merge(&mut incidents, list.incidents, |i| i.id.clone());
    }
    let planned = format!("{}/api/v2/scheduled-maintenances.json", spec.base_url);
    if let Some(list) = follow_up(client, planned, deadline, statuspage::parse_scheduled_maintenances).await {
        merge(&mut maintenances, list.maintenances, |m| m.id.clone());
    }
    let listed = (incidents.len(), maintenances.len());
    let incidents = statuspage::most_relevant_incidents(incidents, statuspage::MAX_INCIDENTS);
    let maintenances = statuspage::most_relevant_maintenances(maintenances, statuspage::MAX_MAINTENANCES);
    if listed != (incidents.len(), maintenances.len()) {
        tracing::debug!(?listed, kept = ?(incidents.len(), maintenances.len()), "status page history trimmed");
    }
    r.incidents = incidents.iter().map(incident_row).collect();
    r.maintenances = maintenances.iter().map(maintenance_row).collect();
}

/// A further document, or `None` (logged) when it cannot be had before the deadline.
async fn follow_up<T>(
    client: &GuardedClient,
    url: String,
    deadline: Instant,
    parse: fn(&str) -> Result<statuspage::Parsed<T>, statuspage::ParseError>,
) -> Option<T> {
    let f = fetch(client, FetchRequest::get(url), deadline)
        .await
        .map_err(|e| tracing::info!(%e, "follow-up failed"))
        .ok()?;
    if f.status != 200 {
        tracing::info!(status = f.status, "follow-up document not available");
        return None;
    }
    let parsed =
        parse(&String::from_utf8_lossy(&f.body)).map_err(|e| tracing::info!(%e, "follow-up unreadable")).ok()?;
    log_warnings(&parsed.warnings);
    Some(parsed.value)
}

/// Puts the newer list's items in place of the same ids and adds the rest.
fn merge<T>(into: &mut Vec<T>, newer: Vec<T>, id: impl Fn(&T) -> String) {
    for item in newer {
        match into.iter_mut().find(|known| id(known) == id(&item)) {
            Some(known) => *known = item,
            None => into.push(item),
        }
    }
}

fn log_warnings(warnings: &[String]) {
    for w in warnings {
        tracing::debug!(warning = %w, "status page oddity");
    }
}

fn check_state(s: VendorState) -> Option<CheckState> {
    match s {
        VendorState::Up => Some(CheckState::Up),
        VendorState::Degraded => Some(CheckState::Degraded),
        VendorState::Down => Some(CheckState::Down),
        VendorState::Maintenance => Some(CheckState::Maintenance),
        VendorState::Unknown => None,
    }
}

fn incident_row(i: &Incident) -> (IncidentRow, Vec<IncidentUpdateRow>) {
    let row = IncidentRow {
        vendor_incident_id: i.id.clone(),
        name: i.name.clone(),
        status: i.status.key().to_string(),
        impact: i.impact.key().to_string(),
        created_at: i.created_at,
        updated_at: i.updated_at.unwrap_or(i.created_at),
        resolved_at: i.resolved_at,
        shortlink: i.shortlink.clone(),
    };
    let updates = i
        .updates
        .iter()
        .map(|u| IncidentUpdateRow {
            vendor_update_id: u.id.clone(),
            status: u.status.key().to_string(),
            body: u.body.clone(),
            created_at: u.created_at,
        })
        .collect();
    (row, updates)
}

fn maintenance_row(m: &Maintenance) -> MaintenanceRow {
    let latest = m.updates.iter().map(|u| u.created_at).max();
    MaintenanceRow {
        vendor_maintenance_id: m.id.clone(),
        name: m.name.clone(),
        status: m.status.key().to_string(),
        impact: m.impact.key().to_string(),
        scheduled_for: m.scheduled_for,
        scheduled_until: m.scheduled_until,
        created_at: m.created_at,
        updated_at: latest.unwrap_or(m.created_at).max(m.created_at),
    }
}

async fn json(client: &GuardedClient, spec: &JsonSpec, deadline: Instant, r: &mut PollResult) {
    let mut req = FetchRequest::get(spec.url.clone());
    if let Some((header, secret)) = &spec.auth {
        req = req.secret_header(header.clone(), secret.expose());
    }
    let f = match fetch(client, req, deadline).await {
        Ok(f) => f,
        Err(e) => return fail(r, fetch_error(&e)),
    };
    answered(r, &f);
    if !(200..300).contains(&f.status) {
        return fail(r, format!("De server antwoordde met status {}.", f.status));
    }
    let doc: serde_json::Value = match serde_json::from_slice(&f.body) {
        Ok(doc) => doc,
        Err(e) => return fail(r, unreadable_json(&e)),
    };
    let mut missing = Vec::new();
    for (name, pointer) in &spec.metrics {
        match doc.pointer(pointer).and_then(number) {
            Some(value) => r.metrics.push((name.clone(), value)),
            None => missing.push(format!("'{name}' ({pointer})")),
        }
    }
    if !missing.is_empty() {
        r.check.state = CheckState::Degraded;
        r.check.error = Some(format!("Geen getal gevonden voor {}.", missing.join(", ")));
    }
}

/// A number, also when the vendor sends it as a string.
fn number(v: &serde_json::Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}
