//! Named figures read from JSON sources, one value per poll and name.

use super::SourceId;
use crate::db::{Db, Tx};
use crate::error::Result;
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

/// Values per `INSERT` statement (4 parameters each).
const VALUES_PER_STATEMENT: usize = 1_000;

/// One figure of one poll.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricValue {
    pub source_id: SourceId,
    pub name: String,
    pub at: DateTime<Utc>,
    pub value: f64,
}

/// Stores figures; a figure already stored for the same source, name and time is kept as it was
/// (a repeated delivery). Non-finite values are skipped. Returns how many were stored.
#[tracing::instrument(skip_all, fields(values = values.len()))]
pub async fn insert_metric_values(tx: &mut Tx, values: &[MetricValue]) -> Result<u64> {
    let finite: Vec<&MetricValue> = values.iter().filter(|v| v.value.is_finite()).collect();
    let mut stored = 0;
    on_tx!(tx, |ex| {
        for chunk in finite.chunks(VALUES_PER_STATEMENT) {
            let mut insert = sqlx::QueryBuilder::new("INSERT INTO metric_values (source_id, name, at, value) ");
            insert.push_values(chunk, |mut row, v| {
                row.push_bind(v.source_id.0).push_bind(v.name.as_str()).push_bind(v.at).push_bind(v.value);
            });
            insert.push(" ON CONFLICT (source_id, name, at) DO NOTHING");
            stored += insert.build().persistent(false).execute(&mut *ex).await?.rows_affected();
        }
    });
    Ok(stored)
}

/// The newest value of each of a source's figures, by name.
#[tracing::instrument(skip_all)]
pub async fn latest_metric_values(db: &Db, source: SourceId) -> Result<Vec<MetricValue>> {
    let rows: Vec<(String, DateTime<Utc>, f64)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT m.name, m.at, m.value FROM metric_values m
         WHERE m.source_id = $1
           AND m.at = (SELECT MAX(m2.at) FROM metric_values m2 WHERE m2.source_id = m.source_id AND m2.name = m.name)
         ORDER BY m.name"
    )
    .bind(source.0)
    .fetch_all(ex)
    .await)?;
    Ok(rows.into_iter().map(|(name, at, value)| MetricValue { source_id: source, name, at, value }).collect())
}

/// A source's values of one figure in `[from, to)`, oldest first.
#[tracing::instrument(skip_all)]
pub async fn metric_series(
    db: &Db,
    source: SourceId,
    name: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, f64)>> {
    Ok(on_db!(db, |ex| sqlx::query_as(
        "SELECT at, value FROM metric_values WHERE source_id = $1 AND name = $2 AND at >= $3 AND at < $4 ORDER BY at"
    )
    .bind(source.0)
    .bind(name)
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await)?)
}

/// The last value of each UTC day at or after `since`, per figure of the source, ordered by name and
/// time: a figure's daily trend, a few dozen rows however often the source is polled.
#[tracing::instrument(skip_all)]
pub async fn daily_metric_values(db: &Db, source: SourceId, since: DateTime<Utc>) -> Result<Vec<MetricValue>> {
    // Instants are RFC 3339 text in UTC on SQLite, so the day is its first ten characters.
    let day = match db {
        Db::Sqlite { .. } => "substr(at, 1, 10)",
        Db::Postgres(_) => "CAST(at AT TIME ZONE 'UTC' AS DATE)",
    };
    let sql = format!(
        "SELECT m.name, m.at, m.value FROM metric_values m
         JOIN (SELECT name, MAX(at) AS last_at FROM metric_values
               WHERE source_id = $1 AND at >= $2 GROUP BY name, {day}) d
           ON d.name = m.name AND d.last_at = m.at
         WHERE m.source_id = $1
         ORDER BY m.name, m.at"
    );
    let rows: Vec<(String, DateTime<Utc>, f64)> =
        on_db!(db, |ex| sqlx::query_as(AssertSqlSafe(sql)).bind(source.0).bind(since).fetch_all(ex).await)?;
    Ok(rows.into_iter().map(|(name, at, value)| MetricValue { source_id: source, name, at, value }).collect())
}
