//! What the vendor page shows of monitoring: the current state per service and per source, open
//! incidents with their latest update, upcoming maintenance, and the last 24 hours per source.

use crate::monitoring::{CheckState, Rollup};
use crate::views_attention::StateCause;
use crate::views_monitoring::{IncidentView, MaintenanceView, SourceView};
use crate::VendorServiceId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One of the vendor's services and what the sources that measure it say now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceState {
    pub service_id: VendorServiceId,
    pub name: String,
    /// The worst state any source reports now; `None`: no source reports on this service (or all are
    /// silent).
    pub state: Option<CheckState>,
    /// Since when that state holds (the start of the interval that reports it).
    pub since: Option<DateTime<Utc>>,
    /// The names of the sources that report on it now.
    pub reported_by: Vec<String>,
    /// When it is not up: the open incident (or running maintenance) a source that reports the
    /// state has from the vendor.
    #[serde(default)]
    pub cause: Option<StateCause>,
    /// When it is not up and no vendor says why: the last error of a probe that reports the state,
    /// in plain words.
    #[serde(default)]
    pub error: Option<String>,
}

/// One hour of a source's checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourSummary {
    pub start: DateTime<Utc>,
    pub count: u32,
    pub up: u32,
    pub degraded: u32,
    pub down: u32,
    pub maintenance: u32,
}

impl HourSummary {
    pub fn empty(start: DateTime<Utc>) -> Self {
        HourSummary { start, count: 0, up: 0, degraded: 0, down: 0, maintenance: 0 }
    }

    pub fn from_rollup(r: &Rollup) -> Self {
        HourSummary {
            start: r.bucket_start,
            count: r.count,
            up: r.up_count,
            degraded: r.degraded_count,
            down: r.down_count,
            maintenance: r.maintenance_count,
        }
    }

    /// The worst state seen in the hour; `None` without checks.
    pub fn worst(&self) -> Option<CheckState> {
        [
            (self.down, CheckState::Down),
            (self.degraded, CheckState::Degraded),
            (self.maintenance, CheckState::Maintenance),
        ]
        .into_iter()
        .find(|(n, _)| *n > 0)
        .map(|(_, s)| s)
        .or((self.count > 0).then_some(CheckState::Up))
    }
}

/// A source's last 24 hours, hour by hour (oldest first, always 24 entries).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDay {
    pub source_id: i64,
    pub hours: Vec<HourSummary>,
    /// The share of checks outside maintenance that were up, over the 24 hours (a dashboard figure,
    /// not the contractual availability).
    pub up_ratio: Option<f64>,
    /// Median and slowest response time over the 24 hours, in ms (the median from the histogram, so
    /// it is a bucket's upper bound).
    pub p50_ms: Option<u32>,
    pub max_ms: Option<u32>,
}

impl SourceDay {
    /// Summarises hourly rollups starting at `first_hour` (24 buckets; missing hours are empty).
    pub fn from_rollups(source_id: i64, first_hour: DateTime<Utc>, rollups: &[Rollup]) -> Self {
        let hours: Vec<HourSummary> = (0..24)
            .map(|h| {
                let start = first_hour + chrono::TimeDelta::hours(h);
                rollups
                    .iter()
                    .find(|r| r.bucket_start == start)
                    .map_or(HourSummary::empty(start), HourSummary::from_rollup)
            })
            .collect();
        let mut total = Rollup::new(first_hour);
        for r in rollups {
            total.merge(r);
        }
        SourceDay {
            source_id,
            hours,
            up_ratio: total.availability_ratio(),
            p50_ms: total.percentile(50.0),
            max_ms: total.latency_max_ms,
        }
    }
}

/// Monitoring on the vendor page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VendorMonitoring {
    pub services: Vec<ServiceState>,
    pub sources: Vec<SourceView>,
    /// One per source, in the order of `sources`.
    pub days: Vec<SourceDay>,
    pub open_incidents: Vec<IncidentView>,
    pub upcoming_maintenances: Vec<MaintenanceView>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::monitoring::CheckResult;

    #[test]
    fn a_day_has_24_hours_with_gaps_and_totals_over_the_rollups() {
        let first = DateTime::<Utc>::from_timestamp(1_800_000_000 / 3600 * 3600, 0).unwrap();
        let hour = |h: i64| first + chrono::TimeDelta::hours(h);
        let mut a = Rollup::new(hour(0));
        for (state, ms) in [(CheckState::Up, 20), (CheckState::Up, 40), (CheckState::Down, 900)] {
            a.add(&CheckResult { latency_ms: Some(ms), ..CheckResult::new(hour(0), state) });
        }
        let mut b = Rollup::new(hour(5));
        b.add(&CheckResult::new(hour(5), CheckState::Maintenance));
        let day = SourceDay::from_rollups(7, first, &[a, b]);
        assert_eq!(day.hours.len(), 24);
        assert_eq!(day.hours[0].count, 3);
        assert_eq!(day.hours[0].worst(), Some(CheckState::Down));
        assert_eq!(day.hours[1].worst(), None, "an hour without checks is unknown");
        assert_eq!(day.hours[5].worst(), Some(CheckState::Maintenance));
        assert_eq!(day.hours[23].start, hour(23));
        assert_eq!(day.up_ratio, Some(2.0 / 3.0), "maintenance does not count");
        assert_eq!(day.max_ms, Some(900));
        assert!(day.p50_ms.unwrap() >= 40);
    }
}
