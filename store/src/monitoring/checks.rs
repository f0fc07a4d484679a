//! Raw check results. They arrive in batches from the one writer task, are shown for the last day or so,
//! and are pruned after a retention period; dashboards and SLAs read intervals and rollups instead.

use super::{parse_state, SourceId};
use crate::db::{Db, Tx};
use crate::error::{to_i32, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::monitoring::CheckResult;
use domain::views_monitoring::CheckRun;

/// Rows per `INSERT` statement: 6 parameters each, far below SQLite's 32,766 and PostgreSQL's 65,535
/// bind parameters.
pub const CHECKS_PER_STATEMENT: usize = 1_000;

/// Rows deleted per statement (and transaction) while pruning, so that a prune never holds the writer
/// for long.
pub const PRUNE_BATCH: u32 = 5_000;

#[derive(sqlx::FromRow)]
struct CheckRow {
    at: DateTime<Utc>,
    state: String,
    latency_ms: Option<i32>,
    status_code: Option<i32>,
    error: Option<String>,
}

impl TryFrom<CheckRow> for CheckResult {
    type Error = StoreError;
    fn try_from(r: CheckRow) -> Result<Self> {
        let corrupt = |what: &str, v: i32| StoreError::Corrupt(format!("{what}: {v}"));
        Ok(CheckResult {
            at: r.at,
            state: parse_state(&r.state)?,
            latency_ms: r.latency_ms.map(|v| u32::try_from(v).map_err(|_| corrupt("latency_ms", v))).transpose()?,
            status_code: r.status_code.map(|v| u16::try_from(v).map_err(|_| corrupt("status_code", v))).transpose()?,
            error: r.error,
        })
    }
}

/// Stores checks of any sources in multi-row inserts of up to [`CHECKS_PER_STATEMENT`] rows; returns
/// how many were stored. A latency above `i32::MAX` ms is stored as `i32::MAX`.
/// `Conflict("foreign_key")` when a source does not exist.
#[tracing::instrument(skip_all, fields(checks = checks.len()))]
pub async fn insert_checks(tx: &mut Tx, checks: &[(SourceId, CheckResult)]) -> Result<u64> {
    let mut stored = 0;
    on_tx!(tx, |ex| {
        for chunk in checks.chunks(CHECKS_PER_STATEMENT) {
            let mut insert =
                sqlx::QueryBuilder::new("INSERT INTO checks (source_id, at, state, latency_ms, status_code, error) ");
            insert.push_values(chunk, |mut row, (source, c)| {
                row.push_bind(source.0)
                    .push_bind(c.at)
                    .push_bind(c.state.key())
                    .push_bind(c.latency_ms.map(to_i32))
                    .push_bind(c.status_code.map(i32::from))
                    .push_bind(c.error.as_deref());
            });
            stored += insert.build().persistent(false).execute(&mut *ex).await?.rows_affected();
        }
    });
    Ok(stored)
}

/// A source's checks at or after `since`, oldest first (the "last 24 hours" page).
#[tracing::instrument(skip_all)]
pub async fn latest_checks(db: &Db, source: SourceId, since: DateTime<Utc>) -> Result<Vec<CheckResult>> {
    let rows: Vec<CheckRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT at, state, latency_ms, status_code, error FROM checks
         WHERE source_id = $1 AND at >= $2 ORDER BY at, id"
    )
    .bind(source.0)
    .bind(since)
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(CheckResult::try_from).collect()
}

/// One page of a source's checks at or after `since`, newest first: at most `limit`, after skipping
/// `offset` (the source page's table; reads only that page along the `(source_id, at)` index).
#[tracing::instrument(skip_all)]
pub async fn checks_page(
    db: &Db,
    source: SourceId,
    since: DateTime<Utc>,
    limit: u32,
    offset: u64,
) -> Result<Vec<CheckResult>> {
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let rows: Vec<CheckRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT at, state, latency_ms, status_code, error FROM checks
         WHERE source_id = $1 AND at >= $2 ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4"
    )
    .bind(source.0)
    .bind(since)
    .bind(i64::from(limit))
    .bind(offset)
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(CheckResult::try_from).collect()
}

/// How many checks a source has at or after `since`.
#[tracing::instrument(skip_all)]
pub async fn count_checks_since(db: &Db, source: SourceId, since: DateTime<Utc>) -> Result<u64> {
    let n: i64 = on_db!(db, |ex| sqlx::query_scalar("SELECT COUNT(*) FROM checks WHERE source_id = $1 AND at >= $2")
        .bind(source.0)
        .bind(since)
        .fetch_one(ex)
        .await)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A source's newest check at or after `since` that was not up (its last failure).
#[tracing::instrument(skip_all)]
pub async fn latest_failed_check(db: &Db, source: SourceId, since: DateTime<Utc>) -> Result<Option<CheckResult>> {
    let row: Option<CheckRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT at, state, latency_ms, status_code, error FROM checks
         WHERE source_id = $1 AND at >= $2 AND state <> 'up' ORDER BY at DESC, id DESC LIMIT 1"
    )
    .bind(source.0)
    .bind(since)
    .fetch_optional(ex)
    .await)?;
    row.map(CheckResult::try_from).transpose()
}

/// Consecutive checks in one state since `since`, newest run first and at most `limit` runs: the
/// state history, computed by the database so that the checks stay there.
#[tracing::instrument(skip_all)]
pub async fn check_runs(db: &Db, source: SourceId, since: DateTime<Utc>, limit: u32) -> Result<Vec<CheckRun>> {
    let rows: Vec<(String, DateTime<Utc>, DateTime<Utc>)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT state, MIN(at) AS first_at, MAX(at) AS last_at FROM (
             SELECT at, state, SUM(change) OVER (ORDER BY at, id ROWS UNBOUNDED PRECEDING) AS run FROM (
                 SELECT at, id, state,
                        CASE WHEN LAG(state) OVER (ORDER BY at, id) = state THEN 0 ELSE 1 END AS change
                 FROM checks WHERE source_id = $1 AND at >= $2
             ) marked
         ) numbered
         GROUP BY run, state ORDER BY run DESC LIMIT $3"
    )
    .bind(source.0)
    .bind(since)
    .bind(i64::from(limit))
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(|(state, first, last)| Ok(CheckRun { state: parse_state(&state)?, first, last })).collect()
}

/// How many checks are stored for a source.
#[tracing::instrument(skip_all)]
pub async fn count_checks(db: &Db, source: SourceId) -> Result<u64> {
    let n: i64 = on_db!(db, |ex| sqlx::query_scalar("SELECT COUNT(*) FROM checks WHERE source_id = $1")
        .bind(source.0)
        .fetch_one(ex)
        .await)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Deletes every check older than `older_than` (strictly before it); returns how many. Works source by
/// source along the `(source_id, at)` index, [`PRUNE_BATCH`] rows per transaction of its own, so the
/// SQLite writer is released between batches and other writes interleave.
#[tracing::instrument(skip_all)]
pub async fn prune_checks(db: &Db, older_than: DateTime<Utc>) -> Result<u64> {
    let sources: Vec<i64> =
        on_db!(db, |ex| sqlx::query_scalar("SELECT id FROM sources ORDER BY id").fetch_all(ex).await)?;
    let mut deleted = 0;
    for source in sources {
        loop {
            let mut tx = db.begin().await?;
            let n = on_tx!(&mut tx, |ex| sqlx::query(
                "DELETE FROM checks WHERE id IN
                     (SELECT id FROM checks WHERE source_id = $1 AND at < $2 LIMIT $3)"
            )
            .bind(source)
            .bind(older_than)
            .bind(i64::from(PRUNE_BATCH))
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))?;
            tx.commit().await?;
            deleted += n;
            if n < u64::from(PRUNE_BATCH) {
                break;
            }
        }
    }
    Ok(deleted)
}

/// An estimate of the whole database's size in bytes (SQLite: pages in use, without the WAL file;
/// PostgreSQL: `pg_database_size`), for the storage figure on the monitoring settings page.
#[tracing::instrument(skip_all)]
pub async fn storage_bytes_estimate(db: &Db) -> Result<u64> {
    let bytes: i64 = match db {
        Db::Sqlite { read, .. } => {
            sqlx::query_scalar("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
                .fetch_one(read)
                .await?
        }
        Db::Postgres(pool) => sqlx::query_scalar("SELECT pg_database_size(current_database())").fetch_one(pool).await?,
    };
    Ok(u64::try_from(bytes).unwrap_or(0))
}
