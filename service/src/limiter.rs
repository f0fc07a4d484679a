//! Sign-in throttling: a growing delay instead of a lock, so that nobody can lock another user out
//! by guessing at their user name (OWASP "login throttling").
//!
//! Failures are counted per (user name, client address) pair. After `free` failures within the
//! window, each further failure doubles the wait before that pair may try again: 5 s, 10 s, 20 s, …
//! up to the window. During the wait the password is not checked at all. The right password from
//! another address, and another user at the same address, are not affected. Per client address alone
//! a much looser ceiling (20x `free`) slows a spray of user names from one address the same way.
//!
//! Refused attempts are counted per pair and reported as one audit entry per pair and window (see
//! [`LoginThrottle::take_refused`]), so that a flood of attempts cannot flood the audit log.
//!
//! Kept in memory per instance; with several instances each throttles on its own (documented).

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// The first wait, doubled with every further failure.
const BASE_DELAY_SECS: i64 = 5;
/// The per-address ceiling is this many times the per-pair one.
const ADDRESS_FACTOR: u32 = 20;
/// Keys kept at most; beyond it expired ones are dropped, and if that is not enough, all (memory
/// bound under a spray of random names).
const MAX_KEYS: usize = 100_000;

/// The user name under which refusals of a whole address are counted.
pub(crate) const ANY_USER: &str = "*";

/// Failures of one pair or one address within the window.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: DateTime<Utc>,
}

/// Refused attempts of one (user name, address) pair, not yet written to the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    pub username: String,
    pub origin: String,
    pub count: u64,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

#[derive(Default)]
struct State {
    pairs: HashMap<(String, String), Failures>,
    addresses: HashMap<String, Failures>,
    refused: HashMap<(String, String), Refused>,
}

pub(crate) struct LoginThrottle {
    free: u32,
    window: Duration,
    state: Mutex<State>,
}

fn key(username: &str, origin: &str) -> (String, String) {
    (username.trim().to_lowercase(), origin.to_string())
}

impl LoginThrottle {
    pub(crate) fn new(free_failures: u32, window_secs: u64) -> Self {
        let window = i64::try_from(window_secs.max(1)).unwrap_or(i64::MAX / 1000);
        LoginThrottle {
            free: free_failures.max(1),
            window: Duration::seconds(window),
            state: Mutex::new(State::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Seconds still to wait after `f` with `free` failures allowed without delay, if any.
    fn wait(&self, f: &Failures, free: u32, now: DateTime<Utc>) -> Option<u64> {
        if now - f.last >= self.window || f.count < free {
            return None;
        }
        let doublings = (f.count - free).min(20);
        let delay = Duration::seconds(BASE_DELAY_SECS << doublings).min(self.window);
        let left = (f.last + delay) - now;
        (left > Duration::zero()).then(|| u64::try_from(left.num_seconds().max(1)).unwrap_or(1))
    }

    /// `Err(seconds)` while this pair or this address must wait; the refusal is counted for the
    /// audit log. `Ok` when the password may be checked now.
    pub(crate) fn check(&self, username: &str, origin: &str, now: DateTime<Utc>) -> Result<(), u64> {
        let k = key(username, origin);
        let mut st = self.lock();
        let pair = st.pairs.get(&k).and_then(|f| self.wait(f, self.free, now));
        let address = st.addresses.get(origin).and_then(|f| self.wait(f, self.free * ADDRESS_FACTOR, now));
        let Some(secs) = pair.into_iter().chain(address).max() else { return Ok(()) };
        // Refused by the address ceiling alone (a spray of names), or too many pairs already: one
        // count for the whole address, so that the number of audit entries stays bounded.
        let k = if pair.is_none() || (st.refused.len() >= MAX_KEYS && !st.refused.contains_key(&k)) {
            (ANY_USER.to_string(), k.1)
        } else {
            k
        };
        let r = st.refused.entry(k.clone()).or_insert_with(|| Refused {
            username: k.0.clone(),
            origin: k.1.clone(),
            count: 0,
            first: now,
            last: now,
        });
        r.count += 1;
        r.last = now;
        Err(secs)
    }

    /// Counts a failed password check of this pair (and address).
    pub(crate) fn record_failure(&self, username: &str, origin: &str, now: DateTime<Utc>) {
        let k = key(username, origin);
        let window = self.window;
        let mut st = self.lock();
        if st.pairs.len() + st.addresses.len() > MAX_KEYS {
            st.pairs.retain(|_, f| now - f.last < window);
            st.addresses.retain(|_, f| now - f.last < window);
            if st.pairs.len() + st.addresses.len() > MAX_KEYS {
                st.pairs.clear();
                st.addresses.clear();
            }
        }
        Self::bump(st.pairs.entry(k).or_insert(Failures { count: 0, last: now }), now, window);
        let a = st.addresses.entry(origin.to_string()).or_insert(Failures { count: 0, last: now });
        Self::bump(a, now, window);
    }

    fn bump(f: &mut Failures, now: DateTime<Utc>, window: Duration) {
        if now - f.last >= window {
            f.count = 0;
        }
        f.count = f.count.saturating_add(1);
        f.last = now;
    }

    /// Forgets the failures of this pair after the right password. The address keeps its count, so
    /// that one right password does not reset a spray of names.
    pub(crate) fn record_success(&self, username: &str, origin: &str) {
        self.lock().pairs.remove(&key(username, origin));
    }

    /// The refused attempts to audit: those whose window (from the first refusal) has ended, or all
    /// of them when `all` (at shutdown). Taken out, so each is reported once.
    pub(crate) fn take_refused(&self, now: DateTime<Utc>, all: bool) -> Vec<Refused> {
        let window = self.window;
        let mut st = self.lock();
        let due: Vec<(String, String)> =
            st.refused.iter().filter(|(_, r)| all || now - r.first >= window).map(|(k, _)| k.clone()).collect();
        let mut out: Vec<Refused> = due.iter().filter_map(|k| st.refused.remove(k)).collect();
        out.sort_by(|a, b| (a.first, &a.username, &a.origin).cmp(&(b.first, &b.username, &b.origin)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(secs: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::seconds(secs)
    }

    #[test]
    fn the_delay_doubles_with_each_failure_after_the_free_ones() {
        let l = LoginThrottle::new(3, 900);
        for i in 0..3 {
            assert_eq!(l.check("an", "1.2.3.4", t(0)), Ok(()), "{i}");
            l.record_failure("an", "1.2.3.4", t(0));
        }
        assert_eq!(l.check("AN", "1.2.3.4", t(0)), Err(5));
        assert_eq!(l.check("an", "1.2.3.4", t(5)), Ok(()));
        l.record_failure("an", "1.2.3.4", t(5));
        assert_eq!(l.check("an", "1.2.3.4", t(6)), Err(9));
        assert_eq!(l.check("an", "1.2.3.4", t(15)), Ok(()));
        l.record_failure("an", "1.2.3.4", t(15));
        assert_eq!(l.check("an", "1.2.3.4", t(15)), Err(20));
    }

    #[test]
    fn another_address_or_another_user_is_not_slowed() {
        let l = LoginThrottle::new(3, 900);
        for _ in 0..10 {
            l.record_failure("an", "1.2.3.4", t(0));
        }
        assert!(l.check("an", "1.2.3.4", t(1)).is_err());
        assert_eq!(l.check("an", "5.6.7.8", t(1)), Ok(()));
        assert_eq!(l.check("bo", "1.2.3.4", t(1)), Ok(()));
        l.record_success("an", "1.2.3.4");
        assert_eq!(l.check("an", "1.2.3.4", t(1)), Ok(()));
    }

    #[test]
    fn a_spray_of_names_from_one_address_is_slowed_at_the_looser_ceiling() {
        let l = LoginThrottle::new(3, 900);
        for i in 0..60 {
            assert_eq!(l.check(&format!("naam{i}"), "1.2.3.4", t(0)), Ok(()), "{i}");
            l.record_failure(&format!("naam{i}"), "1.2.3.4", t(0));
        }
        assert_eq!(l.check("nog-een", "1.2.3.4", t(0)), Err(5));
        assert_eq!(l.check("en-nog-een", "1.2.3.4", t(0)), Err(5));
        assert_eq!(l.check("nog-een", "5.6.7.8", t(0)), Ok(()));
        // The spray's refusals are counted for the address as a whole: one audit entry, not one per name.
        let taken = l.take_refused(t(900), false);
        assert_eq!(taken.len(), 1);
        assert_eq!((taken[0].username.as_str(), taken[0].origin.as_str(), taken[0].count), (ANY_USER, "1.2.3.4", 2));
    }

    #[test]
    fn failures_are_forgotten_after_a_quiet_window() {
        let l = LoginThrottle::new(3, 900);
        for _ in 0..12 {
            l.record_failure("an", "1.2.3.4", t(0));
        }
        assert_eq!(l.check("an", "1.2.3.4", t(899)), Err(1));
        assert_eq!(l.check("an", "1.2.3.4", t(900)), Ok(()));
        l.record_failure("an", "1.2.3.4", t(900));
        assert_eq!(l.check("an", "1.2.3.4", t(900)), Ok(()), "the count started again");
    }

    #[test]
    fn refusals_are_reported_once_per_pair_after_their_window() {
        let l = LoginThrottle::new(1, 60);
        l.record_failure("an", "1.2.3.4", t(0));
        for _ in 0..4 {
            assert!(l.check("an", "1.2.3.4", t(1)).is_err());
        }
        assert!(l.take_refused(t(59), false).is_empty());
        let taken = l.take_refused(t(61), false);
        assert_eq!(taken.len(), 1);
        assert_eq!((taken[0].count, taken[0].first, taken[0].last), (4, t(1), t(1)));
        assert!(l.take_refused(t(200), true).is_empty());
    }
}
