//! Which of the sources and services a batch of observations names still exist, locked so that they
//! stay until the batch is committed. A source or service can be deleted while it is polled; the
//! writer then skips what belongs to it instead of losing the whole batch to a foreign-key conflict.

use super::SourceId;
use crate::db::Tx;
use crate::error::Result;
use domain::VendorServiceId;
use sqlx::AssertSqlSafe;
use std::collections::BTreeSet;

/// How the rows found are locked (PostgreSQL; on SQLite the single writer connection already keeps
/// every other writer out until the transaction ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLock {
    /// `FOR KEY SHARE`: a delete waits, other writers sharing the rows do not (the polling writer).
    KeyShare,
    /// `FOR NO KEY UPDATE`: also one writer per row at a time, so that two direct writes of one source
    /// read and extend its open interval one after the other (a pushed check without the writer).
    NoKeyUpdate,
}

impl RowLock {
    fn clause(self) -> &'static str {
        match self {
            RowLock::KeyShare => " FOR KEY SHARE",
            RowLock::NoKeyUpdate => " FOR NO KEY UPDATE",
        }
    }
}

/// The ids among `ids` that exist in `table` (a constant of ours), locked as `lock` says.
async fn existing(tx: &mut Tx, table: &str, ids: &BTreeSet<i64>, lock: RowLock) -> Result<BTreeSet<i64>> {
    if ids.is_empty() {
        return Ok(BTreeSet::new());
    }
    let postgres = matches!(tx, Tx::Postgres(_));
    let mut found = BTreeSet::new();
    // At most 1,000 binds per statement, far below both backends' limits.
    let ids: Vec<i64> = ids.iter().copied().collect();
    for chunk in ids.chunks(1_000) {
        let binds: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let lock = if postgres { lock.clause() } else { "" };
        let sql = format!("SELECT id FROM {table} WHERE id IN ({}) ORDER BY id{lock}", binds.join(", "));
        let rows: Vec<i64> = on_tx!(&mut *tx, |ex| {
            // Only our own table name and numbered placeholders are formatted in; the ids are bound.
            let mut query = sqlx::query_scalar(AssertSqlSafe(sql.clone()));
            for id in chunk {
                query = query.bind(*id);
            }
            query.persistent(false).fetch_all(&mut *ex).await
        })?;
        found.extend(rows);
    }
    Ok(found)
}

/// The sources among `ids` that still exist, locked until the transaction ends.
#[tracing::instrument(skip_all, fields(sources = ids.len()))]
pub async fn existing_sources(tx: &mut Tx, ids: &BTreeSet<SourceId>, lock: RowLock) -> Result<BTreeSet<SourceId>> {
    let raw = ids.iter().map(|s| s.0).collect();
    Ok(existing(tx, "sources", &raw, lock).await?.into_iter().map(SourceId).collect())
}

/// The vendor services among `ids` that still exist, share-locked until the transaction ends.
#[tracing::instrument(skip_all, fields(services = ids.len()))]
pub async fn existing_services(tx: &mut Tx, ids: &BTreeSet<VendorServiceId>) -> Result<BTreeSet<VendorServiceId>> {
    let raw = ids.iter().map(|s| s.0).collect();
    Ok(existing(tx, "vendor_services", &raw, RowLock::KeyShare).await?.into_iter().map(VendorServiceId).collect())
}
