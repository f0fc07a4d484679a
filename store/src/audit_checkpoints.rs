//! Signed checkpoints of the audit chain's head. The service signs (HMAC) the number of entries and
//! the id and hash of the last one with a key that is not in the database; this module only stores
//! and reads them. They anchor the chain: a tail that was cut off, or a chain rewritten and rehashed
//! after the checkpointed entry, no longer matches the newest checkpoint.

use crate::db::{Db, Tx};
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A stored checkpoint. Also the format of an exported checkpoint (one JSON object per line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AuditCheckpoint {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    /// Entries in the log when the checkpoint was written, the last one included.
    pub entry_count: i64,
    /// Id of the last entry.
    pub last_id: i64,
    /// Hash of the last entry: the head of the chain.
    pub head_hash: String,
    /// Names the key that signed it (first 8 hex characters of a hash of the key), not the key.
    pub key_id: String,
    /// HMAC-SHA256 over the fields above (see `service::audit_checkpoint`), hex.
    pub mac: String,
}

/// A checkpoint to store; the database assigns the id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditCheckpoint {
    pub created_at: DateTime<Utc>,
    pub entry_count: i64,
    pub last_id: i64,
    pub head_hash: String,
    pub key_id: String,
    pub mac: String,
}

/// Stores a checkpoint inside the caller's transaction; returns its id.
#[tracing::instrument(skip_all)]
pub async fn insert_audit_checkpoint(tx: &mut Tx, c: &NewAuditCheckpoint) -> Result<i64> {
    Ok(on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO audit_checkpoints (created_at, entry_count, last_id, head_hash, key_id, mac)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(c.created_at)
    .bind(c.entry_count)
    .bind(c.last_id)
    .bind(&c.head_hash)
    .bind(&c.key_id)
    .bind(&c.mac)
    .fetch_one(ex)
    .await)?)
}

/// Every checkpoint, oldest first (for export).
#[tracing::instrument(skip_all)]
pub async fn list_audit_checkpoints(db: &Db) -> Result<Vec<AuditCheckpoint>> {
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT id, created_at, entry_count, last_id, head_hash, key_id, mac FROM audit_checkpoints ORDER BY id"
    )
    .fetch_all(ex)
    .await)?)
}

/// The checkpoint written last, if any: the one the chain is verified against.
#[tracing::instrument(skip_all)]
pub async fn newest_audit_checkpoint(db: &Db) -> Result<Option<AuditCheckpoint>> {
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT id, created_at, entry_count, last_id, head_hash, key_id, mac
         FROM audit_checkpoints ORDER BY id DESC LIMIT 1"
    )
    .fetch_optional(ex)
    .await)?)
}
