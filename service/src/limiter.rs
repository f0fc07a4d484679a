//! Sign-in rate limiting: a sliding window of failures per user name and per client address.
//! Kept in memory per instance; with several instances each limits on its own (documented).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub(crate) struct LoginLimiter {
    max_per_user: u32,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    pub(crate) fn new(max_per_user: u32, window_secs: u64) -> Self {
        LoginLimiter {
            max_per_user: max_per_user.max(1),
            window: Duration::from_secs(window_secs.max(1)),
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn keys(username: &str, origin: &str) -> [(String, u32); 2] {
        [(format!("u:{}", username.trim().to_lowercase()), 1), (format!("a:{origin}"), 4)]
    }

    /// Seconds to wait before another attempt is allowed, or `None` when one may be tried now.
    pub(crate) fn blocked_for(&self, username: &str, origin: &str) -> Option<u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = None;
        for (key, factor) in Self::keys(username, origin) {
            if let Some(q) = map.get_mut(&key) {
                while q.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
                    q.pop_front();
                }
                if q.len() as u32 >= self.max_per_user * factor {
                    let oldest = q.front().copied().unwrap_or(now);
                    let secs = self.window.saturating_sub(now.duration_since(oldest)).as_secs().max(1);
                    wait = Some(wait.map_or(secs, |w: u64| w.max(secs)));
                }
            }
        }
        wait
    }

    pub(crate) fn record_failure(&self, username: &str, origin: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            map.clear(); // bound memory under a spray of random names
        }
        for (key, _) in Self::keys(username, origin) {
            map.entry(key).or_default().push_back(now);
        }
    }

    pub(crate) fn record_success(&self, username: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&format!("u:{}", username.trim().to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_allowed_number_of_failures() {
        let l = LoginLimiter::new(3, 60);
        for _ in 0..3 {
            assert_eq!(l.blocked_for("an", "1.2.3.4"), None);
            l.record_failure("an", "1.2.3.4");
        }
        assert!(l.blocked_for("AN", "5.6.7.8").is_some());
        assert_eq!(l.blocked_for("bo", "5.6.7.8"), None);
        l.record_success("an");
        assert_eq!(l.blocked_for("an", "9.9.9.9"), None);
    }
}
