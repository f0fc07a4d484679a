//! Storage figures for `bench-poll`: rows and bytes per monitoring table, before and after polling.

use store::{Db, TableStorage};

/// Rows and bytes per monitoring table at one moment.
#[derive(Debug, Clone)]
pub struct StorageReport {
    /// How the bytes were counted, for the printed report.
    pub method: &'static str,
    pub tables: Vec<TableStorage>,
}

pub async fn storage_report(db: &Db) -> anyhow::Result<StorageReport> {
    let method = match db {
        Db::Sqlite { .. } => "SQLite dbstat: table + index pages",
        Db::Postgres(_) => "PostgreSQL pg_total_relation_size",
    };
    Ok(StorageReport { method, tables: store::monitoring_storage(db).await? })
}

impl StorageReport {
    fn table(&self, name: &str) -> Option<&TableStorage> {
        self.tables.iter().find(|t| t.table == name)
    }

    pub fn rows(&self, name: &str) -> u64 {
        self.table(name).map_or(0, |t| t.rows)
    }

    pub fn total_bytes(&self) -> u64 {
        self.tables.iter().map(|t| t.bytes).sum()
    }

    /// Bytes per row of a table (0 for an empty one).
    pub fn bytes_per_row(&self, name: &str) -> f64 {
        match self.table(name) {
            Some(t) if t.rows > 0 => t.bytes as f64 / t.rows as f64,
            _ => 0.0,
        }
    }

    /// What grew since `before`, table by table (never negative).
    pub fn diff(&self, before: &StorageReport) -> StorageReport {
        let tables = self
            .tables
            .iter()
            .map(|t| {
                let old = before.table(&t.table);
                TableStorage {
                    table: t.table.clone(),
                    rows: t.rows.saturating_sub(old.map_or(0, |o| o.rows)),
                    bytes: t.bytes.saturating_sub(old.map_or(0, |o| o.bytes)),
                }
            })
            .collect();
        StorageReport { method: self.method, tables }
    }
}

/// Prints what polling added and the extrapolation to one endpoint-day: raw checks at the polling
/// interval, 24 hourly and one daily rollup, and the state changes seen (beyond each endpoint's first
/// interval) scaled to a day.
pub fn print_storage(before: &StorageReport, after: &StorageReport, endpoints: usize, wall: f64, interval_secs: u32) {
    let grown = after.diff(before);
    let per_day = 86_400.0 / f64::from(interval_secs);
    let check = grown.bytes_per_row("checks");
    let interval = grown.bytes_per_row("state_intervals");
    let rollup = after.bytes_per_row("rollups");
    // Every endpoint opens one interval when first polled; only the rows after that recur daily.
    let changes = grown.rows("state_intervals").saturating_sub(endpoints as u64);
    let interval_rows_per_endpoint_day = changes as f64 / endpoints as f64 / (wall / 86_400.0);
    let raw = check * per_day;
    let rollups = rollup * 25.0; // 24 hourly rows and 1 daily row per source and day
    let intervals = interval * interval_rows_per_endpoint_day;
    println!(
        "storage growth        {} bytes for {} checks, {} interval rows, {} rollup rows ({})",
        grown.total_bytes(),
        grown.rows("checks"),
        grown.rows("state_intervals"),
        grown.rows("rollups"),
        after.method
    );
    println!(
        "storage/endpoint-day  {:.0} bytes = raw checks {:.0} ({:.0} checks x {:.1} B) + rollups {:.0} (25 x {:.1} B) + intervals {:.0} ({:.1} state changes x {:.1} B)",
        raw + rollups + intervals,
        raw,
        per_day,
        check,
        rollups,
        rollup,
        intervals,
        interval_rows_per_endpoint_day,
        interval
    );
    println!(
        "                      kept: raw checks 30 days (default retention) = {:.1} MiB per endpoint; rollups {:.1} KiB per endpoint-year",
        raw * 30.0 / 1_048_576.0,
        rollups * 365.0 / 1024.0
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(rows: u64, bytes: u64) -> StorageReport {
        StorageReport { method: "test", tables: vec![TableStorage { table: "checks".into(), rows, bytes }] }
    }

    #[test]
    fn growth_and_bytes_per_row() {
        let grown = report(1_100, 60_000).diff(&report(100, 10_000));
        assert_eq!(grown.rows("checks"), 1_000);
        assert_eq!(grown.total_bytes(), 50_000);
        assert!((grown.bytes_per_row("checks") - 50.0).abs() < f64::EPSILON);
        assert!(grown.bytes_per_row("rollups").abs() < f64::EPSILON, "unknown or empty tables count 0");
        assert_eq!(report(5, 100).diff(&report(10, 200)).total_bytes(), 0, "shrinking counts as no growth");
    }
}
