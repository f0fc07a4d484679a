//! Rollups of a probe's planned history, as if it had checked every 15 seconds since the history
//! began: a check at `start + 15 s x k` counts in the state of the span it falls in, so the counts
//! match the intervals exactly and hours add up to their day. Up checks get latencies from a profile
//! per UTC day; down checks have none. On a normal day 43 % of the checks take up to 100 ms and 45 %
//! 100-250 ms (a median of about 120 ms within its bucket), and the 95th percentile lies in 250-500
//! ms (about 430 ms); some days are slow, a rare one bad, and a day with an outage is at least slow.
//! Daily rollups cover the whole history, hourly ones the last 30 days, and those days are the sum of
//! their hours.

use super::history::{Span, SEED};
use super::rng::Rng;
use chrono::{DateTime, TimeDelta, Utc};
use domain::monitoring::rollup::{LATENCY_BOUNDS_MS, LATENCY_BUCKETS};
use domain::monitoring::{day_start, CheckState, Rollup};

/// The probe's check interval.
pub const CHECK_EVERY: TimeDelta = TimeDelta::seconds(15);
/// How many days back hourly rollups go.
pub const HOURLY_DAYS: i64 = 30;

/// Share per mille of each latency bucket (`LATENCY_BOUNDS_MS`) on a normal, a slow and a bad day.
const PROFILES: [[u64; LATENCY_BUCKETS]; 3] = [
    [0, 5, 30, 400, 455, 85, 20, 4, 1, 0, 0],
    [0, 2, 15, 200, 450, 230, 80, 18, 4, 1, 0],
    [0, 1, 5, 80, 300, 320, 180, 80, 25, 7, 2],
];
/// A typical latency in each bucket, for the sum (and so the mean).
const TYPICAL_MS: [u64; LATENCY_BUCKETS] = [7, 18, 38, 80, 150, 340, 680, 1_600, 3_400, 7_000, 12_500];

/// The probe's hourly rollups (last [`HOURLY_DAYS`] days) and daily rollups (all of it), oldest first.
/// `key` keeps the latencies of different probes apart.
pub fn probe_rollups(spans: &[Span], start: DateTime<Utc>, now: DateTime<Utc>, key: u64) -> (Vec<Rollup>, Vec<Rollup>) {
    let hourly_from = day_start(now) - TimeDelta::days(HOURLY_DAYS);
    let (mut hours, mut days) = (Vec::new(), Vec::new());
    let mut day = day_start(start);
    while day < now {
        let next = day + TimeDelta::days(1);
        let profile = profile(spans, day, next, key);
        if day >= hourly_from {
            let mut total = Rollup::new(day);
            let mut hour = day;
            while hour < next.min(now) {
                let r = rollup(
                    spans,
                    start,
                    now,
                    (hour, hour + TimeDelta::hours(1)),
                    profile,
                    &[key, hour.timestamp() as u64],
                );
                if r.count > 0 {
                    total.merge(&r);
                    hours.push(r);
                }
                hour += TimeDelta::hours(1);
            }
            days.push(total);
        } else {
            days.push(rollup(spans, start, now, (day, next), profile, &[key, day.timestamp() as u64]));
        }
        day = next;
    }
    days.retain(|d| d.count > 0);
    (hours, days)
}

/// The latency profile of a UTC day: 0 normal, 1 slow, 2 bad. A day with an outage is at least slow.
fn profile(spans: &[Span], day: DateTime<Utc>, next: DateTime<Utc>, key: u64) -> usize {
    let mut rng = Rng::new(&[SEED, key, day.timestamp() as u64, 17]);
    let outage = spans.iter().any(|s| s.state != CheckState::Up && s.start < next && day < s.end);
    match rng.below(1000) {
        0..=14 => 2,
        15..=74 => 1,
        _ if outage => 1,
        _ => 0,
    }
}

/// Checks at `start + 15 s x k` before `t` (`t >= start`).
fn checks_before(start: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    let every = CHECK_EVERY.num_microseconds().unwrap_or(15_000_000);
    let elapsed = (t - start).num_microseconds().unwrap_or(0).max(0);
    (elapsed + every - 1) / every
}

/// The rollup of the checks in `bucket` (clipped to `[start, now)`).
fn rollup(
    spans: &[Span],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    bucket: (DateTime<Utc>, DateTime<Utc>),
    profile: usize,
    keys: &[u64],
) -> Rollup {
    let mut r = Rollup::new(bucket.0);
    let (from, to) = (bucket.0.max(start), bucket.1.min(now));
    for s in spans.iter().filter(|s| s.start < to && from < s.end) {
        let n = checks_before(start, s.end.min(to)) - checks_before(start, s.start.max(from));
        let n = u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        r.count += n;
        match s.state {
            CheckState::Up => r.up_count += n,
            CheckState::Degraded => r.degraded_count += n,
            CheckState::Down => r.down_count += n,
            CheckState::Maintenance => r.maintenance_count += n,
        }
    }
    let mut rng = Rng::new(&[&[SEED, 19], keys].concat());
    let mut shares = PROFILES[profile.min(PROFILES.len() - 1)];
    // Hour-to-hour jitter between the "up to 100 ms" and "up to 250 ms" buckets.
    let pair = shares[3] + shares[4];
    let fast = (shares[3] as i64 + rng.range(-40, 40)).clamp(0, pair as i64) as u64;
    (shares[3], shares[4]) = (fast, pair - fast);
    r.histogram = spread(u64::from(r.up_count + r.degraded_count), &shares);
    r.latency_sum_ms = r.histogram.iter().zip(TYPICAL_MS).map(|(c, ms)| u64::from(*c) * ms).sum();
    let used: Vec<usize> = (0..LATENCY_BUCKETS).filter(|i| r.histogram[*i] > 0).collect();
    if let (Some(&lo), Some(&hi)) = (used.first(), used.last()) {
        let lower = if lo == 0 { 1 } else { u64::from(LATENCY_BOUNDS_MS[lo - 1]) + 1 };
        let upper = LATENCY_BOUNDS_MS.get(hi).map_or(14_000, |b| u64::from(*b));
        let ms = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        r.latency_min_ms = Some(ms(lower + rng.below(TYPICAL_MS[lo].saturating_sub(lower).max(1))));
        r.latency_max_ms = Some(ms(upper - rng.below((upper / 20).max(1))));
    }
    r
}

/// `n` checks spread over the buckets by their shares per mille, exactly (largest remainder first).
fn spread(n: u64, shares: &[u64; LATENCY_BUCKETS]) -> [u32; LATENCY_BUCKETS] {
    let mut counts = [0u64; LATENCY_BUCKETS];
    let mut rest: Vec<(u64, usize)> = Vec::with_capacity(LATENCY_BUCKETS);
    for (i, share) in shares.iter().enumerate() {
        counts[i] = n * share / 1000;
        rest.push((n * share % 1000, i));
    }
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = n.saturating_sub(counts.iter().sum());
    for (_, i) in rest.iter().take(missing as usize) {
        counts[*i] += 1;
    }
    counts.map(|c| u32::try_from(c).unwrap_or(u32::MAX))
}
