//! Monitoring sources: what to poll for which service, how often, and with which (sealed) secret.
//! Secrets arrive already encrypted and are written separately from the other settings, so that an
//! edit form never has to send a secret back.

use super::{found, SourceId};
use crate::db::{Db, Tx};
use crate::error::{to_i32, to_u32, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::{VendorId, VendorServiceId};

/// The source kinds the schema accepts.
pub const SOURCE_KINDS: [&str; 4] = ["http", "statuspage", "json", "push"];

/// The conflict hint for a push token hash that another source already uses.
pub const PUSH_TOKEN: &str = "push_token";

/// The settings of a source that are written together (everything but the secret and push token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSourceRow {
    pub service_id: VendorServiceId,
    /// One of [`SOURCE_KINDS`].
    pub kind: String,
    pub name: String,
    /// Non-secret settings as JSON: url, method, expected status, keyword, JSON pointer, mappings, ...
    pub config_json: String,
    /// At least 10 (a check constraint).
    pub interval_secs: u32,
    pub timeout_ms: u32,
    pub enabled: bool,
}

/// A stored source with everything the poller needs, including the sealed secret. `Debug` shows the
/// secret and the token hash only as present or absent.
#[derive(Clone, PartialEq, Eq)]
pub struct SourceRow {
    pub id: SourceId,
    pub settings: NewSourceRow,
    /// The encrypted secret, if any; only the service can open it.
    pub secret_sealed: Option<String>,
    pub push_token_hash: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl std::fmt::Debug for SourceRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceRow")
            .field("id", &self.id)
            .field("settings", &self.settings)
            .field("secret_sealed", &self.secret_sealed.as_ref().map(|_| "<sealed>"))
            .field("push_token_hash", &self.push_token_hash.as_ref().map(|_| "<hash>"))
            .field("created_at", &self.created_at)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}

/// A source for lists and pages: its service and vendor by name, and only whether secrets are set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    pub id: SourceId,
    pub settings: NewSourceRow,
    pub service_name: String,
    pub vendor_id: VendorId,
    pub vendor_name: String,
    pub has_secret: bool,
    pub has_push_token: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The source columns; `s` is `sources`.
macro_rules! source_columns {
    () => {
        "s.id, s.service_id, s.kind, s.name, s.config_json, s.secret_sealed, s.interval_secs, s.timeout_ms,
         s.enabled, s.push_token_hash, s.created_at, s.updated_at"
    };
}

#[derive(sqlx::FromRow)]
struct SourceDbRow {
    id: i64,
    service_id: i64,
    kind: String,
    name: String,
    config_json: String,
    secret_sealed: Option<String>,
    interval_secs: i32,
    timeout_ms: i32,
    enabled: bool,
    push_token_hash: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<SourceDbRow> for SourceRow {
    type Error = StoreError;
    fn try_from(r: SourceDbRow) -> Result<Self> {
        Ok(SourceRow {
            id: SourceId(r.id),
            settings: NewSourceRow {
                service_id: VendorServiceId(r.service_id),
                kind: r.kind,
                name: r.name,
                config_json: r.config_json,
                interval_secs: to_u32("interval_secs", r.interval_secs)?,
                timeout_ms: to_u32("timeout_ms", r.timeout_ms)?,
                enabled: r.enabled,
            },
            secret_sealed: r.secret_sealed,
            push_token_hash: r.push_token_hash,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct SourceViewDbRow {
    #[sqlx(flatten)]
    source: SourceDbRow,
    service_name: String,
    vendor_id: i64,
    vendor_name: String,
}

/// Stores a new source without secret or push token (see [`set_source_secret`] and
/// [`set_source_push_token_hash`]). `Conflict("foreign_key")` for an unknown service; a kind outside
/// [`SOURCE_KINDS`] or an interval below 10 s violates a check constraint (`Unexpected`).
#[tracing::instrument(skip_all)]
pub async fn insert_source(tx: &mut Tx, s: &NewSourceRow, now: DateTime<Utc>) -> Result<SourceId> {
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO sources (service_id, kind, name, config_json, secret_sealed, interval_secs, timeout_ms,
             enabled, push_token_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, NULL, $8, $8) RETURNING id"
    )
    .bind(s.service_id.0)
    .bind(&s.kind)
    .bind(&s.name)
    .bind(&s.config_json)
    .bind(to_i32(s.interval_secs))
    .bind(to_i32(s.timeout_ms))
    .bind(s.enabled)
    .bind(now)
    .fetch_one(ex)
    .await)?;
    Ok(SourceId(id))
}

/// Replaces a source's settings; the secret and push token stay. `NotFound` when it does not exist.
#[tracing::instrument(skip_all)]
pub async fn update_source(tx: &mut Tx, id: SourceId, s: &NewSourceRow, now: DateTime<Utc>) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query(
        "UPDATE sources SET service_id = $1, kind = $2, name = $3, config_json = $4, interval_secs = $5,
             timeout_ms = $6, enabled = $7, updated_at = $8
         WHERE id = $9"
    )
    .bind(s.service_id.0)
    .bind(&s.kind)
    .bind(&s.name)
    .bind(&s.config_json)
    .bind(to_i32(s.interval_secs))
    .bind(to_i32(s.timeout_ms))
    .bind(s.enabled)
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    found(affected)
}

/// Sets (or with `None` removes) the sealed secret. `NotFound` when the source does not exist.
#[tracing::instrument(skip_all)]
pub async fn set_source_secret(tx: &mut Tx, id: SourceId, sealed: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    let affected =
        on_tx!(tx, |ex| sqlx::query("UPDATE sources SET secret_sealed = $1, updated_at = $2 WHERE id = $3")
            .bind(sealed)
            .bind(now)
            .bind(id.0)
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))?;
    found(affected)
}

/// Sets (or with `None` removes) the hash of a push source's token. `NotFound` when the source does
/// not exist, `Conflict("push_token")` when another source has the same hash.
#[tracing::instrument(skip_all)]
pub async fn set_source_push_token_hash(
    tx: &mut Tx,
    id: SourceId,
    hash: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let affected =
        on_tx!(tx, |ex| sqlx::query("UPDATE sources SET push_token_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(hash)
            .bind(now)
            .bind(id.0)
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))
        .map_err(|e| StoreError::from(e).unique_as(PUSH_TOKEN))?;
    found(affected)
}

/// Deletes a source with its checks, intervals, rollups and vendor events. `NotFound` when it does
/// not exist.
#[tracing::instrument(skip_all)]
pub async fn delete_source(tx: &mut Tx, id: SourceId) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query("DELETE FROM sources WHERE id = $1")
        .bind(id.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(affected)
}

/// One source; `NotFound` when it does not exist.
#[tracing::instrument(skip_all)]
pub async fn get_source(db: &Db, id: SourceId) -> Result<SourceRow> {
    let row: SourceDbRow =
        on_db!(db, |ex| sqlx::query_as(concat!("SELECT ", source_columns!(), " FROM sources s WHERE s.id = $1"))
            .bind(id.0)
            .fetch_one(ex)
            .await)?;
    row.try_into()
}

/// Every source with its service and vendor names, ordered by vendor name, service name, then id.
#[tracing::instrument(skip_all)]
pub async fn list_sources(db: &Db) -> Result<Vec<SourceView>> {
    let rows: Vec<SourceViewDbRow> = on_db!(db, |ex| sqlx::query_as(concat!(
        "SELECT ",
        source_columns!(),
        ", vs.name AS service_name, v.id AS vendor_id, v.name AS vendor_name
         FROM sources s JOIN vendor_services vs ON vs.id = s.service_id JOIN vendors v ON v.id = vs.vendor_id
         ORDER BY v.name_key, vs.name_key, s.id"
    ))
    .fetch_all(ex)
    .await)?;
    rows.into_iter()
        .map(|r| {
            let s = SourceRow::try_from(r.source)?;
            Ok(SourceView {
                id: s.id,
                settings: s.settings,
                service_name: r.service_name,
                vendor_id: VendorId(r.vendor_id),
                vendor_name: r.vendor_name,
                has_secret: s.secret_sealed.is_some(),
                has_push_token: s.push_token_hash.is_some(),
                created_at: s.created_at,
                updated_at: s.updated_at,
            })
        })
        .collect()
}

/// The enabled sources, by id: what the scheduler polls (or, for push sources, accepts).
#[tracing::instrument(skip_all)]
pub async fn list_enabled_sources(db: &Db) -> Result<Vec<SourceRow>> {
    let rows: Vec<SourceDbRow> = on_db!(db, |ex| sqlx::query_as(concat!(
        "SELECT ",
        source_columns!(),
        " FROM sources s WHERE s.enabled = $1 ORDER BY s.id"
    ))
    .bind(true)
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(SourceRow::try_from).collect()
}

/// The source whose push token has this hash, enabled or not.
#[tracing::instrument(skip_all)]
pub async fn source_by_push_token_hash(db: &Db, hash: &str) -> Result<Option<SourceRow>> {
    let row: Option<SourceDbRow> = on_db!(db, |ex| sqlx::query_as(concat!(
        "SELECT ",
        source_columns!(),
        " FROM sources s WHERE s.push_token_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(ex)
    .await)?;
    row.map(SourceRow::try_from).transpose()
}
