//! Push sources: issuing a source's token and accepting the checks a vendor or agent pushes to
//! `POST /api/v1/push/{token}`.

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::{DateTime, TimeDelta, Utc};
use domain::monitoring::{CheckResult, CheckState};
use domain::{Invalid, Problem};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::Duration;
use store::SourceId;
use tokio::sync::mpsc::error::SendTimeoutError;

/// The largest push payload accepted, in bytes.
pub const MAX_PUSH_BYTES: usize = 4096;

/// How long a pushed check waits for room in the polling writer's queue before it is refused.
pub const PUSH_QUEUE_WAIT: Duration = Duration::from_secs(5);

/// The SHA-256 (hex) under which a push token is stored.
pub fn push_token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

/// A pushed check: `{"state": "up", "latency_ms": 120, "status_code": 200, "at": "...", "error": "..."}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PushPayload {
    state: String,
    latency_ms: Option<u32>,
    status_code: Option<u16>,
    at: Option<DateTime<Utc>>,
    error: Option<String>,
}

impl Services {
    /// Issues a new push token for a push source, replacing any earlier one. The token is returned
    /// once; only its SHA-256 is stored.
    #[tracing::instrument(skip_all, fields(source = id))]
    pub async fn new_push_token(&self, actor: &Actor, id: i64) -> Result<String, ServiceError> {
        self.guard(actor, Action::ManageSources, "source.push_token", format!("source:{id}")).await?;
        let current = store::get_source(self.db(), SourceId(id)).await?;
        if current.settings.kind != "push" {
            return Err(ServiceError::Invalid(Invalid::one("kind", Problem::UnknownChoice)));
        }
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::set_source_push_token_hash(&mut tx, SourceId(id), Some(&push_token_hash(&token)), now).await?;
        append(&mut tx, record(now, actor, "source.push_token", format!("source:{id}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Accepts one check pushed to an enabled push source, authenticated by its token:
    /// `Unauthenticated` for an unknown token, `Invalid` for a payload that is not
    /// `{state, latency_ms?, status_code?, at?, error?}`. Every pushed check takes the one write path
    /// of polled checks (raw check, status, state interval of the service, rollups): while the polling
    /// engine runs it joins the writer's queue, waiting up to [`PUSH_QUEUE_WAIT`] for room
    /// (`RateLimited` after that, so the pusher retries), because the writer's interval trackers must
    /// see every check; without a running writer it is stored here in one transaction through the same
    /// code, continuing the intervals in the store. Returns the source id.
    #[tracing::instrument(skip_all)]
    pub async fn ingest_push(&self, token: &str, payload: &[u8]) -> Result<i64, ServiceError> {
        if token.trim().is_empty() || token.len() > 256 {
            return Err(ServiceError::Unauthenticated);
        }
        let source = store::source_by_push_token_hash(self.db(), &push_token_hash(token))
            .await?
            .filter(|s| s.settings.enabled && s.settings.kind == "push")
            .ok_or(ServiceError::Unauthenticated)?;
        let now = self.clock().now();
        let check = parse_push(payload, now)?;
        let mut result = crate::monitoring::PollResult::new(source.id, check.clone());
        result.states = vec![(source.settings.service_id, check.state)];
        let interval = Duration::from_secs(u64::from(source.settings.interval_secs));
        result.stale_after = (interval * 3).max(Duration::from_secs(60));
        if let Some(sink) = self.push_sink() {
            match sink.send_timeout(result, PUSH_QUEUE_WAIT).await {
                Ok(()) => return Ok(source.id.0),
                Err(SendTimeoutError::Timeout(_)) => {
                    tracing::warn!(source = %source.id, "monitoring writer busy; push refused, to be retried");
                    return Err(ServiceError::RateLimited { retry_after_secs: PUSH_QUEUE_WAIT.as_secs() });
                }
                // The writer has stopped: nobody else extends the intervals now.
                Err(SendTimeoutError::Closed(r)) => result = r,
            }
        }
        crate::monitoring::store_one(self.db(), &result, now).await.map_err(|e| match e {
            // Deleted since its token was looked up.
            store::StoreError::NotFound => ServiceError::Unauthenticated,
            other => other.into(),
        })?;
        Ok(source.id.0)
    }
}

/// Reads a pushed check; the time defaults to now and may be at most a day old and five minutes ahead.
fn parse_push(payload: &[u8], now: DateTime<Utc>) -> Result<CheckResult, ServiceError> {
    if payload.len() > MAX_PUSH_BYTES {
        return Err(ServiceError::Invalid(Invalid::one("payload", Problem::TooLong { max: MAX_PUSH_BYTES as u32 })));
    }
    let p: PushPayload = serde_json::from_slice(payload)
        .map_err(|_| ServiceError::Invalid(Invalid::one("payload", Problem::UnknownChoice)))?;
    let mut inv = Invalid::default();
    let state = CheckState::parse(&p.state);
    if state.is_none() {
        inv.push("state", Problem::UnknownChoice);
    }
    let at = p.at.unwrap_or(now);
    if at > now + TimeDelta::minutes(5) || at < now - TimeDelta::hours(24) {
        inv.push("at", Problem::NotADate);
    }
    if p.status_code.is_some_and(|c| !(100..=599).contains(&c)) {
        inv.push("status_code", Problem::OutOfRange { min: 100, max: 599 });
    }
    let error = p.error.map(|e| e.trim().to_string()).filter(|e| !e.is_empty());
    if error.as_ref().is_some_and(|e| e.chars().count() > 1000) {
        inv.push("error", Problem::TooLong { max: 1000 });
    }
    inv.into_result()?;
    let state = state.ok_or_else(|| ServiceError::Unexpected("state".into()))?;
    Ok(CheckResult { at, state, latency_ms: p.latency_ms, status_code: p.status_code, error })
}
