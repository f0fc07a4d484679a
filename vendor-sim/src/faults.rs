//! `/fault/{mode}`: endpoints that misbehave the way real vendor endpoints sometimes do, so the guarded
//! HTTP client and the poller can be tested against them. See [`MODES`] for the list.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_TYPE, LOCATION, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde_json::json;

use crate::bodies;
use crate::routes::{json_ok, json_response, not_found, summary_bytes, Simulation};
use crate::server::{ConnAction, ConnControl};

/// Every fault mode, as listed on `/`.
pub const MODES: [&str; 12] = [
    "slow?ms=N",
    "hang",
    "reset",
    "5xx",
    "truncated",
    "deep",
    "huge",
    "gzip-bomb?mib=N",
    "endless",
    "redirect-loop",
    "redirect-private?to=URL",
    "self-signed",
];
/// Longest delay `slow` accepts (ten minutes); larger values are clamped.
pub const MAX_SLOW_MS: u64 = 600_000;
const DEFAULT_SLOW_MS: u64 = 5_000;
const DEFAULT_PRIVATE_TARGET: &str = "http://10.0.0.1/";

pub(crate) async fn fault(
    State(sim): State<Arc<Simulation>>,
    Path(mode): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    control: Option<Extension<ConnControl>>,
) -> Response {
    let number = |key: &str| query.get(key).and_then(|v| v.parse::<u64>().ok());
    match mode.as_str() {
        "slow" => {
            let ms = number("ms").unwrap_or(DEFAULT_SLOW_MS).min(MAX_SLOW_MS);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            json_ok(&json!({ "status": "ok", "delayed_ms": ms }))
        }
        "hang" => abandon(control, ConnAction::Hang).await,
        "reset" => abandon(control, ConnAction::Reset).await,
        "5xx" => {
            let mut response =
                json_response(StatusCode::SERVICE_UNAVAILABLE, &json!({ "error": "Service Unavailable" }));
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from_static("120"));
            response
        }
        "truncated" => {
            let mut doc = summary_bytes(&sim, 0).unwrap_or_else(|| br#"{"page":{"id":"none","name":"none"}}"#.to_vec());
            doc.truncate(doc.len() / 2);
            ([(CONTENT_TYPE, "application/json; charset=utf-8")], doc).into_response()
        }
        "deep" => bodies::deep(),
        "huge" => bodies::huge(),
        "gzip-bomb" => {
            let mib =
                number("mib").map_or(bodies::BOMB_DEFAULT_MIB, |n| n.clamp(1, u64::from(bodies::BOMB_MAX_MIB)) as u32);
            bodies::gzip_bomb(mib)
        }
        "endless" => bodies::endless(),
        "redirect-loop" => redirect("/fault/redirect-loop"),
        "redirect-private" => redirect(query.get("to").map_or(DEFAULT_PRIVATE_TARGET, String::as_str)),
        "self-signed" => redirect(&format!("https://{}/v/0/api/v2/summary.json", sim.tls_addr)),
        _ => not_found(),
    }
}

/// Hands the connection over to the server loop (to reset it or hold it open) and never answers.
async fn abandon(control: Option<Extension<ConnControl>>, action: ConnAction) -> Response {
    if let Some(Extension(control)) = control {
        control.request(action).await;
    }
    std::future::pending().await
}

fn redirect(to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(location) => (StatusCode::FOUND, [(LOCATION, location)]).into_response(),
        Err(_) => json_response(StatusCode::BAD_REQUEST, &json!({ "error": "invalid redirect target" })),
    }
}
