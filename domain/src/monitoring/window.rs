//! State intervals seen through a window `[start, end)`: clipping and time per state, the basis of SLA
//! availability. A service window (weekdays 07:00-19:00 Amsterdam, minus maintenance) is a set of such
//! windows; converting local times to UTC happens before these functions are called.

use super::check::CheckState;
use super::intervals::StateInterval;
use chrono::{DateTime, TimeDelta, Utc};

/// The intervals cut to the window `[window_start, window_end)`; all returned intervals are closed. An open
/// interval counts as lasting to `window_end`, so pass `min(window_end, now)` for a window that is not over.
pub fn clip(intervals: &[StateInterval], window_start: DateTime<Utc>, window_end: DateTime<Utc>) -> Vec<StateInterval> {
    intervals
        .iter()
        .filter_map(|i| {
            let start = i.start.max(window_start);
            let end = i.end.unwrap_or(window_end).min(window_end);
            (start < end).then_some(StateInterval { state: i.state, start, end: Some(end) })
        })
        .collect()
}

/// Time spent in each state within a window, and the time no interval covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StateDurations {
    pub up: TimeDelta,
    pub down: TimeDelta,
    pub degraded: TimeDelta,
    pub maintenance: TimeDelta,
    /// Time without observations (before the first, and in gaps longer than `stale_after`).
    pub unknown: TimeDelta,
}

impl StateDurations {
    /// The time spent in one state.
    pub fn get(&self, state: CheckState) -> TimeDelta {
        match state {
            CheckState::Up => self.up,
            CheckState::Down => self.down,
            CheckState::Degraded => self.degraded,
            CheckState::Maintenance => self.maintenance,
        }
    }

    /// The time covered by some state, i.e. everything but `unknown`.
    pub fn covered(&self) -> TimeDelta {
        CheckState::ALL.into_iter().map(|s| self.get(s)).sum()
    }
}

/// Adds up the time per state inside `[window_start, window_end)`. The intervals must not overlap, as the
/// tracker guarantees for one (service, source); an empty or reversed window gives all zeroes.
pub fn durations_by_state(
    intervals: &[StateInterval],
    window_start: DateTime<Utc>,
    window_end: DateTime<Utc>,
) -> StateDurations {
    let clipped = clip(intervals, window_start, window_end);
    let time_in = |state: CheckState| -> TimeDelta {
        clipped.iter().filter(|i| i.state == state).map(|i| i.end.unwrap_or(i.start) - i.start).sum()
    };
    let mut d = StateDurations {
        up: time_in(CheckState::Up),
        down: time_in(CheckState::Down),
        degraded: time_in(CheckState::Degraded),
        maintenance: time_in(CheckState::Maintenance),
        unknown: TimeDelta::zero(),
    };
    d.unknown = ((window_end - window_start) - d.covered()).max(TimeDelta::zero());
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::monitoring::check::Observation;
    use crate::monitoring::intervals::intervals_from;
    use proptest::prelude::*;
    use CheckState::{Down, Up};

    /// Seconds after 2026-01-01 00:00 UTC.
    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_767_225_600 + s, 0).unwrap()
    }
    fn iv(state: CheckState, start: i64, end: Option<i64>) -> StateInterval {
        StateInterval { state, start: t(start), end: end.map(t) }
    }
    fn secs(s: i64) -> TimeDelta {
        TimeDelta::seconds(s)
    }

    #[test]
    fn clip_cuts_to_the_window_and_ends_the_open_interval_there() {
        let ivs = [iv(Up, 0, Some(100)), iv(Down, 100, None)];
        assert_eq!(clip(&ivs, t(50), t(150)), vec![iv(Up, 50, Some(100)), iv(Down, 100, Some(150))]);
        assert_eq!(clip(&ivs, t(-100), t(0)), vec![]);
    }

    #[test]
    fn time_outside_every_interval_is_unknown() {
        let ivs = [iv(Up, 0, Some(360)), iv(Down, 1000, Some(1100)), iv(Up, 1100, None)];
        let d = durations_by_state(&ivs, t(-40), t(1200));
        assert_eq!((d.up, d.down, d.degraded, d.unknown), (secs(460), secs(100), secs(0), secs(680)));
        assert_eq!(d.covered(), secs(560));
        assert_eq!(durations_by_state(&ivs, t(10), t(5)), StateDurations::default());
    }

    /// Intervals as the tracker makes them, from observations at increasing times.
    fn arb_intervals() -> impl Strategy<Value = Vec<StateInterval>> {
        let state = prop::sample::select(CheckState::ALL.to_vec());
        prop::collection::vec((1i64..600, state), 0..40).prop_map(|steps| {
            let mut at = 0;
            let mut observations = Vec::new();
            for (d, state) in steps {
                at += d;
                observations.push(Observation { at: t(at), state });
            }
            intervals_from(observations, secs(300))
        })
    }

    proptest! {
        #[test]
        fn durations_add_up_to_the_window(ivs in arb_intervals(), from in -100i64..5000, len in 0i64..20000) {
            let d = durations_by_state(&ivs, t(from), t(from + len));
            prop_assert_eq!(d.covered() + d.unknown, secs(len));
            let clipped = clip(&ivs, t(from), t(from + len));
            prop_assert!(clipped.iter().all(|i| t(from) <= i.start && i.end.is_some_and(|e| e <= t(from + len))));
        }

        #[test]
        fn durations_of_adjacent_windows_add_up(ivs in arb_intervals(), a in -100i64..5000, b in 0i64..9000, c in 0i64..9000) {
            let (left, right) = (durations_by_state(&ivs, t(a), t(a + b)), durations_by_state(&ivs, t(a + b), t(a + b + c)));
            let whole = durations_by_state(&ivs, t(a), t(a + b + c));
            for s in CheckState::ALL {
                prop_assert_eq!(left.get(s) + right.get(s), whole.get(s));
            }
            prop_assert_eq!(left.unknown + right.unknown, whole.unknown);
        }
    }
}
