//! Hourly and daily rollups of a source's checks, kept for the whole contract term. Writing a rollup
//! merges it into the stored one with the domain's `Rollup::merge` (counts add, min/max and histogram
//! merge), read-merge-write inside the caller's transaction.

use super::{u32_from, SourceId};
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use domain::monitoring::rollup::LATENCY_BUCKETS;
use domain::monitoring::Rollup;

/// The size of a rollup's bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// A UTC hour (`domain::monitoring::hour_start`).
    Hour,
    /// A UTC day (`domain::monitoring::day_start`).
    Day,
}

impl Granularity {
    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            Granularity::Hour => "hour",
            Granularity::Day => "day",
        }
    }
}

#[derive(sqlx::FromRow)]
struct RollupRow {
    bucket_start: DateTime<Utc>,
    count: i64,
    up_count: i64,
    degraded_count: i64,
    down_count: i64,
    maintenance_count: i64,
    latency_sum_ms: i64,
    latency_min_ms: Option<i64>,
    latency_max_ms: Option<i64>,
    histogram: String,
}

impl TryFrom<RollupRow> for Rollup {
    type Error = StoreError;
    fn try_from(r: RollupRow) -> Result<Self> {
        Ok(Rollup {
            bucket_start: r.bucket_start,
            count: u32_from("count", r.count)?,
            up_count: u32_from("up_count", r.up_count)?,
            degraded_count: u32_from("degraded_count", r.degraded_count)?,
            down_count: u32_from("down_count", r.down_count)?,
            maintenance_count: u32_from("maintenance_count", r.maintenance_count)?,
            latency_sum_ms: u64::try_from(r.latency_sum_ms)
                .map_err(|_| StoreError::Corrupt(format!("latency_sum_ms: {}", r.latency_sum_ms)))?,
            latency_min_ms: r.latency_min_ms.map(|v| u32_from("latency_min_ms", v)).transpose()?,
            latency_max_ms: r.latency_max_ms.map(|v| u32_from("latency_max_ms", v)).transpose()?,
            histogram: parse_histogram(&r.histogram)?,
        })
    }
}

/// The histogram as a JSON array of counts, e.g. `[0,3,1,0,0,0,0,0,0,0,0]`.
pub(crate) fn histogram_json(h: &[u32; LATENCY_BUCKETS]) -> String {
    let counts: Vec<String> = h.iter().map(u32::to_string).collect();
    format!("[{}]", counts.join(","))
}

/// Reads [`histogram_json`]'s output (whitespace tolerated); anything else is corrupt.
pub(crate) fn parse_histogram(s: &str) -> Result<[u32; LATENCY_BUCKETS]> {
    let corrupt = || StoreError::Corrupt(format!("histogram: {s:?}"));
    let inner = s.trim().strip_prefix('[').and_then(|s| s.strip_suffix(']')).ok_or_else(corrupt)?;
    let counts = inner.split(',').map(|c| c.trim().parse::<u32>()).collect::<std::result::Result<Vec<_>, _>>();
    counts.ok().and_then(|c| <[u32; LATENCY_BUCKETS]>::try_from(c).ok()).ok_or_else(corrupt)
}

/// The rollup columns, from `rollups`.
macro_rules! select_rollups {
    () => {
        "SELECT bucket_start, count, up_count, degraded_count, down_count, maintenance_count, latency_sum_ms,
                latency_min_ms, latency_max_ms, histogram
         FROM rollups WHERE source_id = $1 AND granularity = $2"
    };
}

/// Merges `rollup` into the stored rollup of its bucket (creating it if missing) and returns the
/// result. On PostgreSQL the row is created empty first (`ON CONFLICT DO NOTHING`) and then locked,
/// so that concurrent writers of one bucket cannot lose each other's counts; SQLite's single writer
/// serialises anyway. `Conflict("foreign_key")` for an unknown source.
#[tracing::instrument(skip_all, fields(source = %source, granularity = granularity.key()))]
pub async fn upsert_rollup(tx: &mut Tx, source: SourceId, granularity: Granularity, rollup: &Rollup) -> Result<Rollup> {
    let empty = Rollup::new(rollup.bucket_start);
    on_tx!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO rollups (source_id, granularity, bucket_start, count, up_count, degraded_count, down_count,
             maintenance_count, latency_sum_ms, latency_min_ms, latency_max_ms, histogram)
         VALUES ($1, $2, $3, 0, 0, 0, 0, 0, 0, NULL, NULL, $4)
         ON CONFLICT (source_id, granularity, bucket_start) DO NOTHING"
    )
    .bind(source.0)
    .bind(granularity.key())
    .bind(rollup.bucket_start)
    .bind(histogram_json(&empty.histogram))
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    let stored: RollupRow = match &mut *tx {
        Tx::Sqlite(t) => {
            sqlx::query_as(concat!(select_rollups!(), " AND bucket_start = $3"))
                .bind(source.0)
                .bind(granularity.key())
                .bind(rollup.bucket_start)
                .fetch_one(&mut **t)
                .await?
        }
        Tx::Postgres(t) => {
            sqlx::query_as(concat!(select_rollups!(), " AND bucket_start = $3 FOR UPDATE"))
                .bind(source.0)
                .bind(granularity.key())
                .bind(rollup.bucket_start)
                .fetch_one(&mut **t)
                .await?
        }
    };
    let mut merged = Rollup::try_from(stored)?;
    merged.merge(rollup);
    let wide = |v: u32| i64::from(v);
    on_tx!(tx, |ex| sqlx::query(
        "UPDATE rollups SET count = $1, up_count = $2, degraded_count = $3, down_count = $4,
             maintenance_count = $5, latency_sum_ms = $6, latency_min_ms = $7, latency_max_ms = $8, histogram = $9
         WHERE source_id = $10 AND granularity = $11 AND bucket_start = $12"
    )
    .bind(wide(merged.count))
    .bind(wide(merged.up_count))
    .bind(wide(merged.degraded_count))
    .bind(wide(merged.down_count))
    .bind(wide(merged.maintenance_count))
    .bind(i64::try_from(merged.latency_sum_ms).unwrap_or(i64::MAX))
    .bind(merged.latency_min_ms.map(wide))
    .bind(merged.latency_max_ms.map(wide))
    .bind(histogram_json(&merged.histogram))
    .bind(source.0)
    .bind(granularity.key())
    .bind(rollup.bucket_start)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(merged)
}

/// A source's rollups of one granularity whose bucket starts in `[from, to)`, oldest first.
#[tracing::instrument(skip_all)]
pub async fn rollups_between(
    db: &Db,
    source: SourceId,
    granularity: Granularity,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Rollup>> {
    let rows: Vec<RollupRow> = on_db!(db, |ex| sqlx::query_as(concat!(
        select_rollups!(),
        " AND bucket_start >= $3 AND bucket_start < $4 ORDER BY bucket_start"
    ))
    .bind(source.0)
    .bind(granularity.key())
    .bind(from)
    .bind(to)
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(Rollup::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_round_trip_and_bad_ones_are_corrupt() {
        let h = [0, 3, 1, 0, 0, 0, 0, 0, 0, 7, u32::MAX];
        assert_eq!(parse_histogram(&histogram_json(&h)).ok(), Some(h));
        assert_eq!(parse_histogram(" [0, 0,0,0,0,0,0,0,0,0, 1] ").ok(), Some([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
        for bad in ["", "[]", "[1,2]", "[0,0,0,0,0,0,0,0,0,0,0,0]", "[0,0,0,0,0,0,0,0,0,0,-1]", "0,0"] {
            assert!(matches!(parse_histogram(bad), Err(StoreError::Corrupt(_))), "{bad}");
        }
    }
}
