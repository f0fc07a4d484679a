//! How much space the monitoring tables take, for the `bench-poll` benchmark and capacity planning,
//! and SQLite's own consistency check.

use crate::db::Db;
use crate::error::{Result, StoreError};

/// The tables that grow with monitoring, in the order they are reported.
pub const MONITORING_TABLES: [&str; 7] = [
    "checks",
    "state_intervals",
    "rollups",
    "metric_values",
    "vendor_incidents",
    "vendor_incident_updates",
    "vendor_maintenances",
];

/// Row counts of [`MONITORING_TABLES`], in the same order.
const COUNTS: [&str; 7] = [
    "SELECT COUNT(*) FROM checks",
    "SELECT COUNT(*) FROM state_intervals",
    "SELECT COUNT(*) FROM rollups",
    "SELECT COUNT(*) FROM metric_values",
    "SELECT COUNT(*) FROM vendor_incidents",
    "SELECT COUNT(*) FROM vendor_incident_updates",
    "SELECT COUNT(*) FROM vendor_maintenances",
];

/// One table's size: its rows and the bytes of the table and its indexes together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableStorage {
    pub table: String,
    pub rows: u64,
    pub bytes: u64,
}

/// Rows and bytes of each of [`MONITORING_TABLES`]. SQLite counts the pages of the table and its
/// indexes (the `dbstat` table, WAL content included); PostgreSQL reports `pg_total_relation_size`
/// (table, indexes and TOAST).
#[tracing::instrument(skip_all)]
pub async fn monitoring_storage(db: &Db) -> Result<Vec<TableStorage>> {
    let mut out = Vec::with_capacity(MONITORING_TABLES.len());
    for (table, count) in MONITORING_TABLES.into_iter().zip(COUNTS) {
        let (rows, bytes): (i64, i64) = match db {
            Db::Sqlite { read, .. } => {
                let rows: i64 = sqlx::query_scalar(count).fetch_one(read).await?;
                let bytes: Option<i64> = sqlx::query_scalar(
                    "SELECT SUM(d.pgsize) FROM dbstat d JOIN sqlite_master m ON m.name = d.name WHERE m.tbl_name = ?",
                )
                .bind(table)
                .fetch_one(read)
                .await?;
                (rows, bytes.unwrap_or(0))
            }
            Db::Postgres(pool) => {
                let rows: i64 = sqlx::query_scalar(count).fetch_one(pool).await?;
                let bytes: i64 = sqlx::query_scalar("SELECT pg_total_relation_size($1::regclass)")
                    .bind(table)
                    .fetch_one(pool)
                    .await?;
                (rows, bytes)
            }
        };
        let non_negative =
            |what: &str, v: i64| u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("{what}: {v}")));
        out.push(TableStorage {
            table: table.to_string(),
            rows: non_negative("rows", rows)?,
            bytes: non_negative("bytes", bytes)?,
        });
    }
    Ok(out)
}

/// SQLite's `PRAGMA integrity_check`: `["ok"]` when the file is sound, otherwise the problems it
/// found. PostgreSQL has no equivalent and always answers `["ok"]`.
pub async fn integrity_check(db: &Db) -> Result<Vec<String>> {
    match db {
        Db::Sqlite { write, .. } => Ok(sqlx::query_scalar("PRAGMA integrity_check").fetch_all(write).await?),
        Db::Postgres(_) => Ok(vec!["ok".to_string()]),
    }
}
