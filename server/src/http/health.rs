//! Liveness and readiness probes.

use super::router::ServerState;
use axum::extract::State;
use axum::http::StatusCode;

/// Alive: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready: the database answers.
pub async fn readyz(State(st): State<ServerState>) -> (StatusCode, &'static str) {
    match st.app.services.db().ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = ?e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
