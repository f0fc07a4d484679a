//! Schedule lag: how much later than its due time each poll actually started its request (after
//! waiting for the concurrency limits). Kept in a fixed log-scale histogram of atomic counters, so
//! recording costs a few atomic adds and memory stays constant however long the poller runs.
//! Values are microseconds; a bucket is at most 1/16 (6.25 %) wide relative to its lower bound.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Sub-buckets per power of two.
const SUB: u64 = 16;
const SUB_BITS: u32 = 4;
// The largest u64 falls in bucket 975.
const BUCKETS: usize = 976;

/// A concurrent histogram of durations.
#[derive(Debug)]
pub struct LagHistogram {
    counts: Box<[AtomicU64]>,
    total: AtomicU64,
    sum_us: AtomicU64,
    max_us: AtomicU64,
}

impl Default for LagHistogram {
    fn default() -> Self {
        LagHistogram {
            counts: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
            total: AtomicU64::new(0),
            sum_us: AtomicU64::new(0),
            max_us: AtomicU64::new(0),
        }
    }
}

/// The bucket that counts `us`: values below 16 have their own bucket, larger ones share a bucket with
/// the values that have the same leading five bits.
fn index(us: u64) -> usize {
    if us < SUB {
        return us as usize;
    }
    let exp = 63 - us.leading_zeros(); // >= SUB_BITS
    let mantissa = (us >> (exp - SUB_BITS)) & (SUB - 1);
    ((u64::from(exp - SUB_BITS + 1)) * SUB + mantissa) as usize
}

/// The smallest value counted by bucket `i`.
fn lower_bound(i: usize) -> u64 {
    let i = i as u64;
    if i < SUB {
        return i;
    }
    let exp = i / SUB + u64::from(SUB_BITS) - 1;
    (SUB + i % SUB) << (exp - u64::from(SUB_BITS))
}

/// A snapshot of the figures, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LagSummary {
    pub count: u64,
    pub mean: Duration,
    pub p50: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl LagHistogram {
    pub fn record(&self, lag: Duration) {
        let us = u64::try_from(lag.as_micros()).unwrap_or(u64::MAX);
        self.counts[index(us).min(BUCKETS - 1)].fetch_add(1, Ordering::Relaxed);
        self.total.fetch_add(1, Ordering::Relaxed);
        self.sum_us.fetch_add(us, Ordering::Relaxed);
        self.max_us.fetch_max(us, Ordering::Relaxed);
    }

    pub fn count(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// The `p`-th percentile (0..=100), as the upper edge of the bucket it falls in (so never
    /// understated), capped at the largest value seen. `None` before anything was recorded.
    pub fn percentile(&self, p: f64) -> Option<Duration> {
        let counts: Vec<u64> = self.counts.iter().map(|c| c.load(Ordering::Relaxed)).collect();
        let total: u64 = counts.iter().sum();
        if total == 0 {
            return None;
        }
        let rank = ((p.clamp(0.0, 100.0) / 100.0) * total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        let max = self.max_us.load(Ordering::Relaxed);
        for (i, c) in counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                let upper = if i + 1 < BUCKETS { lower_bound(i + 1).saturating_sub(1) } else { u64::MAX };
                return Some(Duration::from_micros(upper.min(max)));
            }
        }
        Some(Duration::from_micros(max))
    }

    pub fn summary(&self) -> LagSummary {
        let count = self.count();
        let sum = self.sum_us.load(Ordering::Relaxed);
        LagSummary {
            count,
            mean: Duration::from_micros(sum.checked_div(count).unwrap_or(0)),
            p50: self.percentile(50.0).unwrap_or_default(),
            p99: self.percentile(99.0).unwrap_or_default(),
            max: Duration::from_micros(self.max_us.load(Ordering::Relaxed)),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn buckets_are_contiguous_and_ordered() {
        for i in 0..BUCKETS - 1 {
            assert_eq!(index(lower_bound(i)), i, "bucket {i}");
            assert_eq!(index(lower_bound(i + 1) - 1), i, "upper edge of bucket {i}");
            assert!(lower_bound(i) < lower_bound(i + 1));
        }
    }

    #[test]
    fn percentiles_of_a_known_distribution() {
        let h = LagHistogram::default();
        assert_eq!(h.percentile(50.0), None);
        for ms in 1..=100u64 {
            h.record(Duration::from_millis(ms));
        }
        let s = h.summary();
        assert_eq!(s.count, 100);
        assert_eq!(s.max, Duration::from_millis(100));
        assert_eq!(s.mean, Duration::from_micros(50_500));
        // Within one bucket's width (6.25 %) above the true value.
        let p50 = s.p50.as_micros() as f64;
        assert!((50_000.0..=50_000.0 * 1.0625).contains(&p50), "{p50}");
        let p99 = s.p99.as_micros() as f64;
        assert!((99_000.0..=100_000.0).contains(&p99), "{p99}");
    }

    proptest! {
        #[test]
        fn a_value_lies_in_its_bucket_and_the_bucket_is_narrow(us in 16u64..u64::MAX / 2) {
            let i = index(us);
            prop_assert!(lower_bound(i) <= us);
            prop_assert!(us < lower_bound(i + 1));
            let width = lower_bound(i + 1) - lower_bound(i);
            prop_assert!(width as f64 <= lower_bound(i) as f64 / 16.0 + 1.0);
        }
    }
}
