//! The simulator's notion of "now". Scenarios are placed relative to the clock's timeline start (its
//! origin), so a test can pin the clock to an instant, move it forward and observe a vendor's state before,
//! during and after an outage without waiting. The demo uses the real clock.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

/// A clock shared between the caller and the running simulator (cloning shares the same instant).
#[derive(Clone, Debug)]
pub struct SimClock {
    origin: DateTime<Utc>,
    mode: Mode,
}

#[derive(Clone, Debug)]
enum Mode {
    Real,
    /// Milliseconds since the Unix epoch, settable by whoever holds a clone.
    Fixed(Arc<AtomicI64>),
}

impl SimClock {
    /// Wall-clock time; the timeline starts at the current minute.
    pub fn real() -> Self {
        let now = Utc::now();
        let origin = now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now);
        Self { origin, mode: Mode::Real }
    }

    /// A manual clock standing still at `origin`, which is also the timeline start.
    pub fn fixed(origin: DateTime<Utc>) -> Self {
        Self { origin, mode: Mode::Fixed(Arc::new(AtomicI64::new(origin.timestamp_millis()))) }
    }

    /// The timeline start that scenario offsets are measured from.
    pub fn origin(&self) -> DateTime<Utc> {
        self.origin
    }

    /// The current instant (millisecond precision).
    pub fn now(&self) -> DateTime<Utc> {
        match &self.mode {
            Mode::Real => Utc::now(),
            Mode::Fixed(ms) => DateTime::from_timestamp_millis(ms.load(Ordering::SeqCst)).unwrap_or(self.origin),
        }
    }

    /// Whether this clock can be moved by `set`/`advance`.
    pub fn is_manual(&self) -> bool {
        matches!(self.mode, Mode::Fixed(_))
    }

    /// Moves a manual clock to `at`; a real clock ignores this and returns false.
    pub fn set(&self, at: DateTime<Utc>) -> bool {
        match &self.mode {
            Mode::Real => false,
            Mode::Fixed(ms) => {
                ms.store(at.timestamp_millis(), Ordering::SeqCst);
                true
            }
        }
    }

    /// Moves a manual clock to `minutes` after (or before, when negative) the timeline start.
    pub fn set_minute(&self, minutes: i64) -> bool {
        self.set(self.at_minute(minutes))
    }

    /// Moves a manual clock forward by `by`; a real clock ignores this and returns false.
    pub fn advance(&self, by: TimeDelta) -> bool {
        self.set(self.now() + by)
    }

    /// The instant `minutes` after the timeline start.
    pub fn at_minute(&self, minutes: i64) -> DateTime<Utc> {
        self.origin + TimeDelta::minutes(minutes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn clones_of_a_fixed_clock_share_the_instant() {
        let origin = Utc.with_ymd_and_hms(2025, 3, 1, 9, 0, 0).unwrap();
        let clock = SimClock::fixed(origin);
        let other = clock.clone();
        assert!(clock.advance(TimeDelta::minutes(5)));
        assert_eq!(other.now(), origin + TimeDelta::minutes(5));
        assert_eq!(other.origin(), origin);
        assert!(other.set_minute(-10));
        assert_eq!(clock.now(), origin - TimeDelta::minutes(10));
    }

    #[test]
    fn real_clock_cannot_be_moved() {
        let clock = SimClock::real();
        assert!(!clock.is_manual());
        assert!(!clock.set(clock.origin()));
        assert!(clock.now() >= clock.origin());
    }
}
