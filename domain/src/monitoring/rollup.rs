//! Hourly and daily rollups of check results: counts per state and a latency histogram for percentiles.
//!
//! Raw checks are kept only briefly; rollups are kept for the contract term, for dashboards and trends.
//! Buckets are UTC hours and UTC days: local (Europe/Amsterdam) days would need a time-zone database, which
//! this crate does not carry. That is acceptable because SLA periods are evaluated on state intervals, which
//! are exact for any window; rollups never decide an SLA.

use super::check::{CheckResult, CheckState};
use chrono::{DateTime, NaiveTime, TimeDelta, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// Upper bounds (inclusive, in ms) of the latency buckets; one more bucket holds everything slower.
pub const LATENCY_BOUNDS_MS: [u32; 10] = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

/// The number of latency buckets: one per bound plus the open-ended last one.
pub const LATENCY_BUCKETS: usize = LATENCY_BOUNDS_MS.len() + 1;

/// The start of the UTC hour containing `t`.
pub fn hour_start(t: DateTime<Utc>) -> DateTime<Utc> {
    t.date_naive().and_time(NaiveTime::MIN + TimeDelta::hours(i64::from(t.hour()))).and_utc()
}

/// The start of the UTC day containing `t` (not the Amsterdam day; see the module comment).
pub fn day_start(t: DateTime<Utc>) -> DateTime<Utc> {
    t.date_naive().and_time(NaiveTime::MIN).and_utc()
}

/// The index of the histogram bucket that counts `latency_ms`.
pub fn latency_bucket(latency_ms: u32) -> usize {
    LATENCY_BOUNDS_MS.iter().position(|&bound| latency_ms <= bound).unwrap_or(LATENCY_BOUNDS_MS.len())
}

/// The checks of one source in one hour or day, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rollup {
    pub bucket_start: DateTime<Utc>,
    /// All checks, in any state.
    pub count: u32,
    pub up_count: u32,
    pub degraded_count: u32,
    pub down_count: u32,
    pub maintenance_count: u32,
    /// Sum, minimum and maximum over the checks that have a latency.
    pub latency_sum_ms: u64,
    pub latency_min_ms: Option<u32>,
    pub latency_max_ms: Option<u32>,
    /// Checks with a latency per bucket of [`LATENCY_BOUNDS_MS`].
    pub histogram: [u32; LATENCY_BUCKETS],
}

impl Rollup {
    /// An empty rollup; `bucket_start` comes from [`hour_start`] or [`day_start`].
    pub fn new(bucket_start: DateTime<Utc>) -> Self {
        Rollup {
            bucket_start,
            count: 0,
            up_count: 0,
            degraded_count: 0,
            down_count: 0,
            maintenance_count: 0,
            latency_sum_ms: 0,
            latency_min_ms: None,
            latency_max_ms: None,
            histogram: [0; LATENCY_BUCKETS],
        }
    }

    /// The rollup of the given checks. They are not checked against the bucket: the caller groups them.
    pub fn from_checks<'a>(bucket_start: DateTime<Utc>, checks: impl IntoIterator<Item = &'a CheckResult>) -> Self {
        let mut rollup = Rollup::new(bucket_start);
        for check in checks {
            rollup.add(check);
        }
        rollup
    }

    /// Counts one check.
    pub fn add(&mut self, check: &CheckResult) {
        self.count = self.count.saturating_add(1);
        let state_count = match check.state {
            CheckState::Up => &mut self.up_count,
            CheckState::Degraded => &mut self.degraded_count,
            CheckState::Down => &mut self.down_count,
            CheckState::Maintenance => &mut self.maintenance_count,
        };
        *state_count = state_count.saturating_add(1);
        if let Some(ms) = check.latency_ms {
            self.latency_sum_ms = self.latency_sum_ms.saturating_add(u64::from(ms));
            self.latency_min_ms = Some(self.latency_min_ms.map_or(ms, |m| m.min(ms)));
            self.latency_max_ms = Some(self.latency_max_ms.map_or(ms, |m| m.max(ms)));
            let slot = &mut self.histogram[latency_bucket(ms)];
            *slot = slot.saturating_add(1);
        }
    }

    /// Adds another rollup's checks, e.g. hours into a day. Associative and commutative; the result starts at
    /// the earlier of the two bucket starts.
    pub fn merge(&mut self, other: &Rollup) {
        self.bucket_start = self.bucket_start.min(other.bucket_start);
        self.count = self.count.saturating_add(other.count);
        self.up_count = self.up_count.saturating_add(other.up_count);
        self.degraded_count = self.degraded_count.saturating_add(other.degraded_count);
        self.down_count = self.down_count.saturating_add(other.down_count);
        self.maintenance_count = self.maintenance_count.saturating_add(other.maintenance_count);
        self.latency_sum_ms = self.latency_sum_ms.saturating_add(other.latency_sum_ms);
        self.latency_min_ms = self.latency_min_ms.into_iter().chain(other.latency_min_ms).min();
        self.latency_max_ms = self.latency_max_ms.into_iter().chain(other.latency_max_ms).max();
        for (mine, theirs) in self.histogram.iter_mut().zip(other.histogram) {
            *mine = mine.saturating_add(theirs);
        }
    }

    /// The number of checks that have a latency.
    pub fn latency_count(&self) -> u32 {
        self.histogram.iter().fold(0u32, |sum, &c| sum.saturating_add(c))
    }

    /// The mean latency in whole ms, rounded down.
    pub fn mean_latency_ms(&self) -> Option<u32> {
        let n = u64::from(self.latency_count());
        (n > 0).then(|| u32::try_from(self.latency_sum_ms / n).unwrap_or(u32::MAX))
    }

    /// An upper bound for the `p`-th percentile (0-100, nearest rank) of the latencies: the upper bound of
    /// the bucket holding that check, or the maximum latency when that is lower (always so in the last
    /// bucket). `None` without latencies or for `p` outside 0-100.
    pub fn percentile(&self, p: f64) -> Option<u32> {
        let n = self.latency_count();
        let max = self.latency_max_ms?;
        if n == 0 || !(0.0..=100.0).contains(&p) {
            return None;
        }
        let rank = ((p * f64::from(n) / 100.0).ceil() as u64).max(1);
        let mut seen = 0u64;
        for (i, &c) in self.histogram.iter().enumerate() {
            seen += u64::from(c);
            if seen >= rank {
                return Some(LATENCY_BOUNDS_MS.get(i).map_or(max, |&bound| bound.min(max)));
            }
        }
        Some(max)
    }

    /// The share of checks outside maintenance that were up (degraded counts as not up). A dashboard
    /// figure only: the contractual availability comes from intervals and the contract's rules.
    pub fn availability_ratio(&self) -> Option<f64> {
        let relevant = self.count.saturating_sub(self.maintenance_count);
        (relevant > 0).then(|| f64::from(self.up_count) / f64::from(relevant))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// 2026-03-29 00:00 UTC, the day clocks in Amsterdam go forward (irrelevant to UTC buckets).
    const DAY: i64 = 1_774_742_400;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(DAY + s, 0).unwrap()
    }
    fn check(s: i64, state: CheckState, latency_ms: Option<u32>) -> CheckResult {
        CheckResult { latency_ms, ..CheckResult::new(t(s), state) }
    }

    #[test]
    fn buckets_include_their_upper_bound() {
        assert_eq!((latency_bucket(0), latency_bucket(10), latency_bucket(11)), (0, 0, 1));
        assert_eq!((latency_bucket(10_000), latency_bucket(10_001)), (9, 10));
    }

    #[test]
    fn percentiles_report_the_bucket_bound_or_the_maximum() {
        let latencies = [5, 20, 20, 40, 80, 90, 120, 300, 700, 12_345];
        let checks: Vec<_> = latencies.iter().map(|&l| check(0, CheckState::Up, Some(l))).collect();
        let r = Rollup::from_checks(t(0), &checks);
        assert_eq!(r.percentile(0.0), Some(10));
        assert_eq!(r.percentile(50.0), Some(100));
        assert_eq!(r.percentile(90.0), Some(1_000));
        assert_eq!(r.percentile(100.0), Some(12_345));
        assert_eq!(r.percentile(100.5), None);
        assert_eq!(r.mean_latency_ms(), Some(1_372));
        assert_eq!(Rollup::new(t(0)).percentile(50.0), None);
    }

    #[test]
    fn availability_leaves_out_maintenance_and_counts_degraded_as_not_up() {
        use CheckState::*;
        let states = [Up, Up, Up, Degraded, Maintenance, Maintenance];
        let checks: Vec<_> = states.iter().map(|&s| check(0, s, None)).collect();
        assert_eq!(Rollup::from_checks(t(0), &checks).availability_ratio(), Some(0.75));
        assert_eq!(Rollup::new(t(0)).availability_ratio(), None);
    }

    #[test]
    fn bucket_starts_are_utc_hours_and_days() {
        assert_eq!(hour_start(t(3 * 3600 + 59 * 60 + 59)), t(3 * 3600));
        assert_eq!(day_start(t(86_399)), t(0));
        assert_eq!(day_start(t(86_400)), t(86_400));
    }

    fn arb_checks() -> impl Strategy<Value = Vec<CheckResult>> {
        let state = prop::sample::select(CheckState::ALL.to_vec());
        let latency = prop::option::weighted(0.8, prop_oneof![0u32..1_200, 0u32..30_000, Just(u32::MAX)]);
        prop::collection::vec((0i64..86_400, state, latency), 0..120)
            .prop_map(|v| v.into_iter().map(|(s, state, l)| check(s, state, l)).collect())
    }

    fn hourly(checks: &[CheckResult]) -> Vec<Rollup> {
        let mut hours: BTreeMap<DateTime<Utc>, Rollup> = BTreeMap::new();
        for c in checks {
            hours.entry(hour_start(c.at)).or_insert_with_key(|&h| Rollup::new(h)).add(c);
        }
        hours.into_values().collect()
    }

    proptest! {
        #[test]
        fn rollup_totals_equal_the_raw_checks(checks in arb_checks()) {
            let r = Rollup::from_checks(t(0), &checks);
            let of = |s: CheckState| checks.iter().filter(|c| c.state == s).count() as u32;
            let latencies: Vec<u32> = checks.iter().filter_map(|c| c.latency_ms).collect();
            prop_assert_eq!(r.count as usize, checks.len());
            prop_assert_eq!(r.up_count, of(CheckState::Up));
            prop_assert_eq!(r.degraded_count, of(CheckState::Degraded));
            prop_assert_eq!(r.down_count, of(CheckState::Down));
            prop_assert_eq!(r.maintenance_count, of(CheckState::Maintenance));
            prop_assert_eq!(r.latency_sum_ms, latencies.iter().map(|&l| u64::from(l)).sum::<u64>());
            prop_assert_eq!(r.latency_min_ms, latencies.iter().copied().min());
            prop_assert_eq!(r.latency_max_ms, latencies.iter().copied().max());
            prop_assert_eq!(r.latency_count() as usize, latencies.len());
        }

        #[test]
        fn merging_hourly_rollups_equals_the_daily_rollup_in_any_order(
            (checks, order) in arb_checks().prop_flat_map(|c| {
                let n = hourly(&c).len();
                (Just(c), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
            })
        ) {
            let hours = hourly(&checks);
            let mut day = Rollup::new(day_start(t(0)));
            for i in order {
                day.merge(&hours[i]);
            }
            prop_assert_eq!(day, Rollup::from_checks(day_start(t(0)), &checks));
        }

        #[test]
        fn merge_is_commutative_and_associative(a in arb_checks(), b in arb_checks(), c in arb_checks()) {
            let [a, b, c] = [a, b, c].map(|x| hourly(&x).into_iter().next().unwrap_or(Rollup::new(t(0))));
            let merged = |x: &Rollup, y: &Rollup| { let mut m = x.clone(); m.merge(y); m };
            prop_assert_eq!(merged(&a, &b), merged(&b, &a));
            prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        }

        #[test]
        fn a_percentile_bounds_the_true_value_within_its_bucket(checks in arb_checks(), p in 0u32..=100) {
            let r = Rollup::from_checks(t(0), &checks);
            let mut latencies: Vec<u32> = checks.iter().filter_map(|c| c.latency_ms).collect();
            latencies.sort_unstable();
            prop_assume!(!latencies.is_empty());
            let rank = ((p as usize * latencies.len()).div_ceil(100)).max(1);
            let truth = latencies[rank - 1];
            let got = r.percentile(f64::from(p)).unwrap();
            prop_assert!(truth <= got);
            prop_assert_eq!(latency_bucket(got), latency_bucket(truth));
        }

        #[test]
        fn bucket_starts_are_whole_hours_and_days_containing_the_instant(s in -10_000_000_000i64..10_000_000_000) {
            let at = DateTime::from_timestamp(s, 123).unwrap();
            let (h, d) = (hour_start(at), day_start(at));
            prop_assert!(h <= at && at - h < TimeDelta::hours(1) && h.timestamp() % 3600 == 0 && h.nanosecond() == 0);
            prop_assert!(d <= at && at - d < TimeDelta::days(1) && d.timestamp() % 86_400 == 0);
        }
    }
}
