//! Uploaded cost files waiting for confirmation.

use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use domain::{CostImportId, UserId};

/// An uploaded file as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredImport {
    pub user_id: i64,
    pub file_name: String,
    pub content: String,
    pub created_at: DateTime<Utc>,
    pub imported_at: Option<DateTime<Utc>>,
}

/// Keeps an upload; removes the uploads older than `keep_after` first.
#[tracing::instrument(skip_all)]
pub async fn insert_cost_import(
    tx: &mut Tx,
    user: UserId,
    file_name: &str,
    content: &str,
    now: DateTime<Utc>,
    keep_after: DateTime<Utc>,
) -> Result<CostImportId> {
    on_tx!(&mut *tx, |ex| sqlx::query("DELETE FROM cost_imports WHERE created_at < $1")
        .bind(keep_after)
        .execute(ex)
        .await
        .map(drop))?;
    let id: i64 = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "INSERT INTO cost_imports (user_id, file_name, content, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(user.0)
    .bind(file_name)
    .bind(content)
    .bind(now)
    .fetch_one(ex)
    .await)?;
    Ok(CostImportId(id))
}

/// An upload by id.
#[tracing::instrument(skip_all, fields(import = %id))]
pub async fn get_cost_import(db: &Db, id: CostImportId) -> Result<Option<StoredImport>> {
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT user_id, file_name, content, created_at, imported_at FROM cost_imports WHERE id = $1"
    )
    .bind(id.0)
    .fetch_optional(ex)
    .await)?)
}

/// Marks an upload as imported, only if it was not yet: `Conflict("imported")` otherwise, so that two
/// confirmations cannot both import.
#[tracing::instrument(skip_all, fields(import = %id))]
pub async fn mark_cost_import_done(tx: &mut Tx, id: CostImportId, now: DateTime<Utc>) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query(
        "UPDATE cost_imports SET imported_at = $1, content = '' WHERE id = $2 AND imported_at IS NULL"
    )
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict("imported".into()));
    }
    Ok(())
}
