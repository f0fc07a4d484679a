//! `POST /api/v1/push/{token}`: a push source reports one check as JSON
//! (`{"state": "up", "latency_ms": 120, "status_code": 200, "at": "2026-03-02T09:00:00Z", "error": null}`).
//! The token in the path authenticates the source. 202 when accepted, 401 for an unknown token, 422
//! for a payload that is not such a check, 429 when one client address sends too much, 503 with
//! `Retry-After` when the monitoring writer cannot take the check in time.

use super::ServerState;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use service::ServiceError;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Pushes accepted per client address per window: loose, only against floods.
const PER_WINDOW: u32 = 600;
const WINDOW: Duration = Duration::from_secs(60);

/// A fixed-window counter per client address.
#[derive(Default)]
pub struct PushLimiter {
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl PushLimiter {
    fn admit(&self, ip: IpAddr) -> bool {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(ip).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= PER_WINDOW
    }
}

/// The push route, with its own limiter.
pub fn routes() -> Router<ServerState> {
    let limiter = Arc::new(PushLimiter::default());
    Router::new().route(
        "/api/v1/push/{token}",
        post(move |state, addr, path, body| ingest(state, limiter.clone(), addr, path, body))
            .layer(DefaultBodyLimit::max(16 * 1024)),
    )
}

async fn ingest(
    State(st): State<ServerState>,
    limiter: Arc<PushLimiter>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    if !limiter.admit(addr.ip()) {
        return (StatusCode::TOO_MANY_REQUESTS, Json(json!({ "error": "too many requests" }))).into_response();
    }
    match st.app.services.ingest_push(&token, &body).await {
        Ok(source) => (StatusCode::ACCEPTED, Json(json!({ "accepted": true, "source": source }))).into_response(),
        Err(ServiceError::Unauthenticated) => {
            (StatusCode::UNAUTHORIZED, Json(json!({ "error": "unknown push token" }))).into_response()
        }
        Err(ServiceError::Invalid(inv)) => {
            let fields: Vec<_> = inv.0.iter().map(|e| json!({ "field": e.field, "problem": e.problem })).collect();
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "error": "invalid payload", "fields": fields })))
                .into_response()
        }
        Err(ServiceError::RateLimited { retry_after_secs }) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [("retry-after", retry_after_secs.to_string())],
            Json(json!({ "error": "busy, try again later" })),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "push ingest failed");
            (StatusCode::INTERNAL_SERVER_ERROR, Json(json!({ "error": "internal error" }))).into_response()
        }
    }
}
