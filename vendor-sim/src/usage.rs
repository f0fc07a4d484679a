//! The vendor's licence and consumption figures (`usage.json`): seats purchased, assigned and active,
//! storage and API calls this month. Base figures come from the seed; they drift a little per day of the
//! timeline and API calls accumulate over the calendar month, so a poller sees plausible movement.

use chrono::{DateTime, Datelike, Utc};
use rand::Rng;
use serde::Serialize;

use crate::seed::{self, Stream};

#[derive(Serialize)]
pub(crate) struct UsageDoc {
    pub seats: Seats,
    pub storage_gb: f64,
    pub api_calls_month: u64,
    pub as_of: String,
}

#[derive(Serialize)]
pub(crate) struct Seats {
    pub purchased: u32,
    pub assigned: u32,
    pub active: u32,
}

/// The seats vendor `vendor` reports as purchased: fixed for the seed, so that a demo can record them
/// as the contracted number of licences.
pub fn purchased_seats(seed: u64, vendor: usize) -> u32 {
    seed::rng(seed, Stream::Usage, vendor as u64, 0).gen_range(5..500) * 10
}

/// The seats vendor `vendor` reports as active at `at`, on a timeline starting at `origin` (what its
/// `usage.json` says then): lets a demo record the history a poller would have read.
pub fn active_seats(seed: u64, vendor: usize, origin: DateTime<Utc>, at: DateTime<Utc>) -> u32 {
    usage(seed, vendor, origin, at).seats.active
}

/// Usage of vendor `vendor` at `now`, on a timeline starting at `origin`.
pub(crate) fn usage(seed: u64, vendor: usize, origin: DateTime<Utc>, now: DateTime<Utc>) -> UsageDoc {
    let mut base = seed::rng(seed, Stream::Usage, vendor as u64, 0);
    let purchased: u32 = base.gen_range(5..500) * 10;
    let assign_ratio: f64 = base.gen_range(0.6..1.08);
    let active_ratio: f64 = base.gen_range(0.45..0.95);
    let storage_base: f64 = base.gen_range(20.0..5_000.0);
    let calls_per_day: u64 = base.gen_range(1_000..2_000_000);

    let day = (now - origin).num_days();
    let mut daily = seed::rng(seed, Stream::UsageDay, vendor as u64, day as u64);
    let assigned = (f64::from(purchased) * assign_ratio).round() as u32 + daily.gen_range(0..=5);
    let active = (f64::from(assigned) * active_ratio).round() as u32 - daily.gen_range(0..=3).min(assigned / 2);
    let storage_gb = (storage_base * (1.0 + 0.002 * day.max(0) as f64) * 10.0).round() / 10.0;
    let api_calls_month = calls_per_day * u64::from(now.day() - 1) + daily.gen_range(0..calls_per_day);
    UsageDoc {
        seats: Seats { purchased, assigned, active },
        storage_gb,
        api_calls_month,
        as_of: now.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn usage_is_stable_within_a_day_and_plausible() {
        let origin = Utc.with_ymd_and_hms(2025, 5, 12, 8, 0, 0).unwrap();
        let later = origin + chrono::TimeDelta::hours(3);
        for vendor in 0..50 {
            let a = usage(3, vendor, origin, later);
            let b = usage(3, vendor, origin, later);
            assert_eq!(a.seats.purchased, purchased_seats(3, vendor));
            assert_eq!(a.seats.active, active_seats(3, vendor, origin, later));
            assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
            assert!(a.seats.active <= a.seats.assigned);
            assert!(a.seats.purchased >= 50);
        }
    }
}
