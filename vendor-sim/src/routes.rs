//! The HTTP surface: per vendor (`/v/{i}/...`) the Statuspage API v2 documents, `usage.json` and a plain
//! `health` endpoint; `/fault/{mode}` for hostile behaviour; `/` lists what is there.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use serde_json::json;

use crate::catalog::VendorProfile;
use crate::clock::SimClock;
use crate::faults;
use crate::render::{Health, MaintenanceFilter, View};
use crate::statuspage::{ComponentsDoc, IncidentsDoc, MaintenancesDoc, StatusOnlyDoc};
use crate::timeline::Story;
use crate::usage;

/// How much longer a degraded vendor's health endpoint takes to answer.
pub const DEGRADED_HEALTH_DELAY: Duration = Duration::from_millis(1200);

/// Everything a request needs; immutable apart from the shared clock.
pub(crate) struct Simulation {
    pub seed: u64,
    pub clock: SimClock,
    pub vendors: Vec<VendorProfile>,
    pub stories: Vec<Vec<Story>>,
    pub tls_addr: SocketAddr,
}

impl Simulation {
    /// Vendor `vendor`'s page as it is now, if that vendor exists.
    pub(crate) fn view(&self, vendor: usize) -> Option<View<'_>> {
        let profile = self.vendors.get(vendor)?;
        let stories = self.stories.get(vendor).map_or(&[][..], Vec::as_slice);
        Some(View { vendor: profile, stories, now: self.clock.now() })
    }
}

type Sim = State<Arc<Simulation>>;

#[derive(Clone, Copy, Debug)]
enum Doc {
    Summary,
    Status,
    Components,
    Incidents,
    Unresolved,
    Maintenances,
    Upcoming,
    Active,
}

pub(crate) fn router(sim: Arc<Simulation>) -> Router {
    let doc = |kind: Doc| get(move |State(sim): Sim, Path(v): Path<usize>| async move { document(&sim, v, kind) });
    Router::new()
        .route("/", get(index))
        .route("/v/{vendor}/api/v2/summary.json", doc(Doc::Summary))
        .route("/v/{vendor}/api/v2/status.json", doc(Doc::Status))
        .route("/v/{vendor}/api/v2/components.json", doc(Doc::Components))
        .route("/v/{vendor}/api/v2/incidents.json", doc(Doc::Incidents))
        .route("/v/{vendor}/api/v2/incidents/unresolved.json", doc(Doc::Unresolved))
        .route("/v/{vendor}/api/v2/scheduled-maintenances.json", doc(Doc::Maintenances))
        .route("/v/{vendor}/api/v2/scheduled-maintenances/upcoming.json", doc(Doc::Upcoming))
        .route("/v/{vendor}/api/v2/scheduled-maintenances/active.json", doc(Doc::Active))
        .route("/v/{vendor}/usage.json", get(usage_doc))
        .route("/v/{vendor}/health", get(health))
        .route("/fault/{mode}", get(faults::fault))
        .fallback(|| async { not_found() })
        .with_state(sim)
}

/// The bytes of vendor `vendor`'s `summary.json` at the clock's current instant.
pub(crate) fn summary_bytes(sim: &Simulation, vendor: usize) -> Option<Vec<u8>> {
    serde_json::to_vec(&sim.view(vendor)?.summary()).ok()
}

fn document(sim: &Simulation, vendor: usize, kind: Doc) -> Response {
    let Some(view) = sim.view(vendor) else { return not_found() };
    let maintenances =
        |filter| MaintenancesDoc { page: view.page(), scheduled_maintenances: view.maintenances(filter) };
    match kind {
        Doc::Summary => json_ok(&view.summary()),
        Doc::Status => json_ok(&StatusOnlyDoc { page: view.page(), status: view.status() }),
        Doc::Components => json_ok(&ComponentsDoc { page: view.page(), components: view.components() }),
        Doc::Incidents => json_ok(&IncidentsDoc { page: view.page(), incidents: view.incidents(false) }),
        Doc::Unresolved => json_ok(&IncidentsDoc { page: view.page(), incidents: view.incidents(true) }),
        Doc::Maintenances => json_ok(&maintenances(MaintenanceFilter::All)),
        Doc::Upcoming => json_ok(&maintenances(MaintenanceFilter::Upcoming)),
        Doc::Active => json_ok(&maintenances(MaintenanceFilter::Active)),
    }
}

async fn usage_doc(State(sim): Sim, Path(vendor): Path<usize>) -> Response {
    if vendor >= sim.vendors.len() {
        return not_found();
    }
    json_ok(&usage::usage(sim.seed, vendor, sim.clock.origin(), sim.clock.now()))
}

/// 200 `ok` when up, 503 when down or under maintenance, 200 `ok` after a delay when degraded.
async fn health(State(sim): Sim, Path(vendor): Path<usize>) -> Response {
    let Some(health) = sim.view(vendor).map(|v| v.health()) else { return not_found() };
    match health {
        Health::Up => "ok".into_response(),
        Health::Degraded => {
            tokio::time::sleep(DEGRADED_HEALTH_DELAY).await;
            "ok".into_response()
        }
        Health::Maintenance => (StatusCode::SERVICE_UNAVAILABLE, "maintenance").into_response(),
        Health::Down => (StatusCode::SERVICE_UNAVAILABLE, "unavailable").into_response(),
    }
}

async fn index(State(sim): Sim) -> Response {
    let vendors: Vec<_> = sim
        .vendors
        .iter()
        .map(|v| {
            let components: Vec<&str> = v.components.iter().map(|c| c.name.as_str()).collect();
            json!({
                "index": v.index,
                "name": v.name,
                "page_id": v.page_id,
                "time_zone": v.time_zone.name(),
                "components": components,
                "summary": format!("/v/{}/api/v2/summary.json", v.index),
            })
        })
        .collect();
    json_ok(&json!({ "vendors": vendors, "faults": faults::MODES }))
}

/// A compact JSON response, as Statuspage sends.
pub(crate) fn json_ok<T: Serialize>(doc: &T) -> Response {
    json_response(StatusCode::OK, doc)
}

pub(crate) fn json_response<T: Serialize>(status: StatusCode, doc: &T) -> Response {
    match serde_json::to_vec(doc) {
        Ok(bytes) => (status, [(CONTENT_TYPE, "application/json; charset=utf-8")], bytes).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not serialise a document");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

pub(crate) fn not_found() -> Response {
    json_response(StatusCode::NOT_FOUND, &json!({ "error": "Not found" }))
}
