//! State intervals: per (service, source), the `[start, end)` spans during which one state held.
//!
//! Observations arrive in order (mostly); a change of state closes the open interval at the instant the new
//! state was observed and opens the next one there. When nothing is heard for longer than `stale_after`, the
//! open interval is closed at `last_seen + stale_after` and the time until the next observation is unknown:
//! no interval covers it, so an SLA calculation can tell "we don't know" from "it was up".

use super::check::{CheckState, Observation};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The smallest staleness accepted; anything shorter would turn every observation into an empty interval.
pub const MIN_STALE_AFTER: TimeDelta = TimeDelta::seconds(1);

/// A span `[start, end)` in one state. `end` is `None` while the interval is open (the current state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateInterval {
    pub state: CheckState,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

impl StateInterval {
    /// Whether the instant `t` lies in `[start, end)`; an open interval contains everything from its start.
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && self.end.is_none_or(|e| t < e)
    }
}

/// What the store has to write after one observation, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntervalChange {
    /// Set the end of the currently open interval.
    Close { end: DateTime<Utc> },
    /// Insert a new open interval.
    Open { state: CheckState, start: DateTime<Utc> },
}

/// Folds the observations of one (service, source) into intervals, one observation at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntervalTracker {
    stale_after: TimeDelta,
    open: Option<(CheckState, DateTime<Utc>)>,
    last_seen: Option<DateTime<Utc>>,
    ignored: u64,
}

impl IntervalTracker {
    /// A tracker that has seen nothing yet. `stale_after` is raised to [`MIN_STALE_AFTER`] if shorter.
    pub fn new(stale_after: TimeDelta) -> Self {
        Self::resume(stale_after, None, None)
    }

    /// A tracker restored from the store: the open interval, if any, and the time of the latest accepted
    /// observation. Without `last_seen` the open interval's start is used, which may close it early.
    pub fn resume(
        stale_after: TimeDelta,
        open: Option<(CheckState, DateTime<Utc>)>,
        last_seen: Option<DateTime<Utc>>,
    ) -> Self {
        // The latest observation cannot be older than the open interval it belongs to.
        let last_seen = open.map(|(_, start)| last_seen.map_or(start, |seen| seen.max(start))).or(last_seen);
        IntervalTracker { stale_after: stale_after.max(MIN_STALE_AFTER), open, last_seen, ignored: 0 }
    }

    /// The current (open) interval, if any.
    pub fn open_interval(&self) -> Option<StateInterval> {
        self.open.map(|(state, start)| StateInterval { state, start, end: None })
    }

    /// The time of the latest accepted observation; persist it to resume correctly after a restart.
    pub fn last_seen(&self) -> Option<DateTime<Utc>> {
        self.last_seen
    }

    /// How many observations were ignored: older than the latest one, contradicting it at the same instant, or
    /// falling in the stretch an [`expire`](Self::expire) already closed.
    pub fn ignored(&self) -> u64 {
        self.ignored
    }

    /// Takes one observation and says which interval rows to close and open.
    pub fn apply(&mut self, obs: Observation) -> Vec<IntervalChange> {
        let Some(last) = self.last_seen else {
            return self.open_at(obs, Vec::new());
        };
        if obs.at == last && self.open.is_some_and(|(s, _)| s == obs.state) {
            return Vec::new(); // a duplicate: harmless, not counted
        }
        let stale_end = plus(last, self.stale_after);
        let older = obs.at <= last || (self.open.is_none() && obs.at < stale_end);
        if older {
            self.ignored = self.ignored.saturating_add(1);
            return Vec::new();
        }
        self.last_seen = Some(obs.at);
        match self.open {
            Some(_) if obs.at > stale_end => self.open_at(obs, vec![IntervalChange::Close { end: stale_end }]),
            Some((state, _)) if state == obs.state => Vec::new(),
            Some(_) => self.open_at(obs, vec![IntervalChange::Close { end: obs.at }]),
            None => self.open_at(obs, Vec::new()),
        }
    }

    /// Closes the open interval when nothing was heard for longer than `stale_after` before `now`, so that a
    /// silent source does not stay "up" on the dashboard.
    pub fn expire(&mut self, now: DateTime<Utc>) -> Option<IntervalChange> {
        let last = self.last_seen?;
        let stale_end = plus(last, self.stale_after);
        if self.open.is_some() && now > stale_end {
            self.open = None;
            return Some(IntervalChange::Close { end: stale_end });
        }
        None
    }

    fn open_at(&mut self, obs: Observation, mut changes: Vec<IntervalChange>) -> Vec<IntervalChange> {
        self.open = Some((obs.state, obs.at));
        self.last_seen = Some(obs.at);
        changes.push(IntervalChange::Open { state: obs.state, start: obs.at });
        changes
    }
}

/// The intervals of a whole series of observations at once (same rules as [`IntervalTracker`]).
pub fn intervals_from(
    observations: impl IntoIterator<Item = Observation>,
    stale_after: TimeDelta,
) -> Vec<StateInterval> {
    let stale_after = stale_after.max(MIN_STALE_AFTER);
    let mut out: Vec<StateInterval> = Vec::new();
    let mut last: Option<DateTime<Utc>> = None;
    for obs in observations {
        let opened = StateInterval { state: obs.state, start: obs.at, end: None };
        let (Some(l), Some(current)) = (last, out.last_mut()) else {
            out.push(opened);
            last = Some(obs.at);
            continue;
        };
        if obs.at <= l {
            continue;
        }
        if obs.at > plus(l, stale_after) {
            current.end = Some(plus(l, stale_after));
            out.push(opened);
        } else if current.state != obs.state {
            current.end = Some(obs.at);
            out.push(opened);
        }
        last = Some(obs.at);
    }
    out
}

fn plus(t: DateTime<Utc>, d: TimeDelta) -> DateTime<Utc> {
    t.checked_add_signed(d).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use CheckState::{Down, Up};
    use IntervalChange::{Close, Open};

    const STALE: TimeDelta = TimeDelta::seconds(300);

    /// Seconds after 2026-01-01 00:00 UTC.
    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_767_225_600 + s, 0).unwrap()
    }
    fn obs(s: i64, state: CheckState) -> Observation {
        Observation { at: t(s), state }
    }
    fn iv(state: CheckState, start: i64, end: Option<i64>) -> StateInterval {
        StateInterval { state, start: t(start), end: end.map(t) }
    }

    /// What the store does with the changes: set the end of the open row, insert a new row.
    fn replay(rows: &mut Vec<StateInterval>, changes: Vec<IntervalChange>) {
        for c in changes {
            match c {
                Close { end } => rows.last_mut().unwrap().end = Some(end),
                Open { state, start } => rows.push(StateInterval { state, start, end: None }),
            }
        }
    }

    /// The observations the rules accept, worked out without the tracker: later than the last accepted one,
    /// or an exact duplicate of it.
    fn accepted(observations: &[Observation]) -> Vec<Observation> {
        let mut out: Vec<Observation> = Vec::new();
        for o in observations {
            if out.last().is_none_or(|l| o.at > l.at || *o == *l) {
                out.push(*o);
            }
        }
        out
    }

    #[test]
    fn a_change_of_state_closes_the_open_interval_where_the_new_state_was_seen() {
        let got = intervals_from([obs(0, Up), obs(60, Up), obs(120, Down), obs(180, Up)], STALE);
        assert_eq!(got, vec![iv(Up, 0, Some(120)), iv(Down, 120, Some(180)), iv(Up, 180, None)]);
    }

    #[test]
    fn a_silence_longer_than_stale_after_leaves_unknown_time() {
        let got = intervals_from([obs(0, Up), obs(60, Up), obs(1000, Up)], STALE);
        assert_eq!(got, vec![iv(Up, 0, Some(360)), iv(Up, 1000, None)]);
    }

    #[test]
    fn the_tracker_ignores_and_counts_late_and_contradicting_observations() {
        let mut tracker = IntervalTracker::new(STALE);
        assert_eq!(tracker.apply(obs(100, Up)), vec![Open { state: Up, start: t(100) }]);
        assert!(tracker.apply(obs(50, Down)).is_empty());
        assert!(tracker.apply(obs(100, Down)).is_empty());
        assert!(tracker.apply(obs(100, Up)).is_empty(), "a duplicate changes nothing");
        assert_eq!(tracker.ignored(), 2);
        assert_eq!(tracker.apply(obs(160, Down)), vec![Close { end: t(160) }, Open { state: Down, start: t(160) }]);
    }

    #[test]
    fn expire_closes_a_silent_source_and_late_observations_do_not_reopen_the_past() {
        let mut tracker = IntervalTracker::resume(STALE, Some((Up, t(0))), Some(t(60)));
        assert_eq!(tracker.expire(t(360)), None);
        assert_eq!(tracker.expire(t(361)), Some(Close { end: t(360) }));
        assert_eq!(tracker.open_interval(), None);
        assert!(tracker.apply(obs(300, Down)).is_empty());
        assert_eq!(tracker.apply(obs(400, Down)), vec![Open { state: Down, start: t(400) }]);
    }

    #[test]
    fn a_stale_after_below_the_minimum_is_raised() {
        let got = intervals_from([obs(0, Up), obs(5, Up)], TimeDelta::zero());
        assert_eq!(got, vec![iv(Up, 0, Some(1)), iv(Up, 5, None)]);
    }

    /// Steps of -20..600 s: mostly forward, sometimes repeated or backwards, sometimes longer than stale.
    fn arb_observations(steps: std::ops::Range<i64>) -> impl Strategy<Value = Vec<Observation>> {
        prop::collection::vec((steps, prop::sample::select(CheckState::ALL.to_vec())), 0..60).prop_map(|steps| {
            let mut at = 0;
            let mut out = Vec::new();
            for (d, state) in steps {
                at += d;
                out.push(obs(at, state));
            }
            out
        })
    }

    proptest! {
        #[test]
        fn intervals_are_ordered_disjoint_and_non_empty(o in arb_observations(-20..600), stale in 1i64..900) {
            let ivs = intervals_from(o.clone(), TimeDelta::seconds(stale));
            for w in ivs.windows(2) {
                let end = w[0].end.unwrap();
                prop_assert!(w[0].start < end && end <= w[1].start);
            }
            prop_assert!(ivs.last().is_none_or(|i| i.end.is_none()));
            prop_assert_eq!(ivs.is_empty(), o.is_empty());
        }

        #[test]
        fn without_long_gaps_the_intervals_cover_everything_from_the_first_observation(o in arb_observations(1..301)) {
            prop_assume!(!o.is_empty());
            let ivs = intervals_from(o.clone(), STALE);
            prop_assert_eq!(ivs[0].start, o[0].at);
            for w in ivs.windows(2) {
                prop_assert_eq!(w[0].end, Some(w[1].start));
            }
            prop_assert!(ivs.iter().all(|i| i.end.is_none_or(|e| e <= o[o.len() - 1].at)));
        }

        #[test]
        fn every_accepted_observation_lies_in_one_interval_of_its_state(o in arb_observations(-20..600), stale in 1i64..900) {
            let ivs = intervals_from(o.clone(), TimeDelta::seconds(stale));
            for a in accepted(&o) {
                let hits: Vec<_> = ivs.iter().filter(|i| i.contains(a.at)).collect();
                prop_assert_eq!(hits.len(), 1);
                prop_assert_eq!(hits[0].state, a.state);
            }
        }

        #[test]
        fn the_tracker_one_by_one_equals_the_batch(o in arb_observations(-20..600), stale in 1i64..900) {
            let mut tracker = IntervalTracker::new(TimeDelta::seconds(stale));
            let mut rows = Vec::new();
            for x in &o {
                replay(&mut rows, tracker.apply(*x));
            }
            prop_assert_eq!(&rows, &intervals_from(o.clone(), TimeDelta::seconds(stale)));
            prop_assert_eq!(tracker.ignored() as usize, o.len() - accepted(&o).len());
            prop_assert_eq!(tracker.open_interval(), rows.last().copied());
        }

    }
}
