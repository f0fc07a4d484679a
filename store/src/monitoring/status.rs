//! The newest check of every source (`source_status`), kept up to date by the monitoring writer inside
//! its batch transaction, and read by the Monitoring overview and the vendor page in one query.

use super::{parse_state, SourceId};
use crate::db::{Db, Tx};
use crate::error::{to_i32, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::monitoring::{CheckResult, CheckState};

/// A source's newest check and its most recent error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStatusRow {
    pub source_id: SourceId,
    pub checked_at: DateTime<Utc>,
    pub state: CheckState,
    pub latency_ms: Option<u32>,
    pub status_code: Option<u16>,
    /// The newest check's error, if it had one.
    pub error: Option<String>,
    /// The most recent check with an error message (time, state, message), possibly older than
    /// `checked_at`.
    pub last_error: Option<(DateTime<Utc>, CheckState, String)>,
    /// When the TLS certificate the source last presented expires.
    pub tls_expires_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct StatusDbRow {
    source_id: i64,
    checked_at: DateTime<Utc>,
    state: String,
    latency_ms: Option<i32>,
    status_code: Option<i32>,
    error: Option<String>,
    last_error_at: Option<DateTime<Utc>>,
    last_error_state: Option<String>,
    last_error: Option<String>,
    tls_expires_at: Option<DateTime<Utc>>,
}

impl TryFrom<StatusDbRow> for SourceStatusRow {
    type Error = StoreError;
    fn try_from(r: StatusDbRow) -> Result<Self> {
        let corrupt = |what: &str, v: i32| StoreError::Corrupt(format!("{what}: {v}"));
        Ok(SourceStatusRow {
            source_id: SourceId(r.source_id),
            checked_at: r.checked_at,
            state: parse_state(&r.state)?,
            latency_ms: r.latency_ms.map(|v| u32::try_from(v).map_err(|_| corrupt("latency_ms", v))).transpose()?,
            status_code: r.status_code.map(|v| u16::try_from(v).map_err(|_| corrupt("status_code", v))).transpose()?,
            error: r.error,
            last_error: match (r.last_error_at, r.last_error_state, r.last_error) {
                (Some(at), Some(state), Some(message)) => Some((at, parse_state(&state)?, message)),
                _ => None,
            },
            tls_expires_at: r.tls_expires_at,
        })
    }
}

/// Records `check` as the source's newest, unless a newer one is already stored (results of one batch
/// may arrive out of order). An error message also becomes the source's last error; a certificate
/// expiry replaces the stored one (a check without one keeps it).
#[tracing::instrument(skip_all)]
pub async fn record_source_status(
    tx: &mut Tx,
    source: SourceId,
    check: &CheckResult,
    tls_expires_at: Option<DateTime<Utc>>,
) -> Result<()> {
    let error_at = check.error.as_ref().map(|_| check.at);
    on_tx!(tx, |ex| sqlx::query(
        "INSERT INTO source_status
             (source_id, checked_at, state, latency_ms, status_code, error, last_error_at, last_error_state, last_error,
              tls_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (source_id) DO UPDATE SET
             checked_at = excluded.checked_at,
             state = excluded.state,
             latency_ms = excluded.latency_ms,
             status_code = excluded.status_code,
             error = excluded.error,
             last_error_at = COALESCE(excluded.last_error_at, source_status.last_error_at),
             last_error_state = COALESCE(excluded.last_error_state, source_status.last_error_state),
             last_error = COALESCE(excluded.last_error, source_status.last_error),
             tls_expires_at = COALESCE(excluded.tls_expires_at, source_status.tls_expires_at)
         WHERE excluded.checked_at >= source_status.checked_at"
    )
    .bind(source.0)
    .bind(check.at)
    .bind(check.state.key())
    .bind(check.latency_ms.map(to_i32))
    .bind(check.status_code.map(i32::from))
    .bind(check.error.as_deref())
    .bind(error_at)
    .bind(check.error.as_ref().map(|_| check.state.key()))
    .bind(check.error.as_deref())
    .bind(tls_expires_at)
    .execute(ex)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The status of every source that has been checked at least once.
#[tracing::instrument(skip_all)]
pub async fn source_statuses(db: &Db) -> Result<Vec<SourceStatusRow>> {
    let rows: Vec<StatusDbRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT source_id, checked_at, state, latency_ms, status_code, error, last_error_at, last_error_state,
                last_error, tls_expires_at
         FROM source_status ORDER BY source_id"
    )
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(SourceStatusRow::try_from).collect()
}

/// One source's status; `None` before its first check.
#[tracing::instrument(skip_all)]
pub async fn source_status(db: &Db, source: SourceId) -> Result<Option<SourceStatusRow>> {
    let row: Option<StatusDbRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT source_id, checked_at, state, latency_ms, status_code, error, last_error_at, last_error_state,
                last_error, tls_expires_at
         FROM source_status WHERE source_id = $1"
    )
    .bind(source.0)
    .fetch_optional(ex)
    .await)?;
    row.map(SourceStatusRow::try_from).transpose()
}
