//! A circuit breaker per host: after `threshold` consecutive failed polls the host is left alone for a
//! cooldown; then one probe may try (half-open). A successful probe closes the circuit, a failed one
//! opens it again for twice as long (up to 16 times the base cooldown).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// Whether a poll of a host may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Normal operation.
    Closed,
    /// The circuit was open and its cooldown is over: this poll is the one probe.
    Probe,
    /// Do not contact the host; `retry_in` until a probe may try.
    Open { failures: u32, retry_in: Duration },
}

#[derive(Debug, Clone, Copy)]
enum State {
    Closed,
    Open { until: Instant },
    HalfOpen,
}

#[derive(Debug, Clone, Copy)]
struct Circuit {
    state: State,
    failures: u32,
    cooldown: Duration,
}

/// The circuits of all hosts.
#[derive(Debug)]
pub struct Breakers {
    threshold: u32,
    base_cooldown: Duration,
    circuits: Mutex<HashMap<String, Circuit>>,
}

impl Breakers {
    pub fn new(threshold: u32, cooldown: Duration) -> Self {
        Breakers { threshold: threshold.max(1), base_cooldown: cooldown, circuits: Mutex::new(HashMap::new()) }
    }

    fn with<T>(&self, host: &str, f: impl FnOnce(&mut Circuit) -> T) -> T {
        let mut circuits = self.circuits.lock().unwrap_or_else(|p| p.into_inner());
        let circuit = circuits.entry(host.to_string()).or_insert(Circuit {
            state: State::Closed,
            failures: 0,
            cooldown: self.base_cooldown,
        });
        f(circuit)
    }

    /// Asks to poll `host` now.
    pub fn admit(&self, host: &str, now: Instant) -> Admission {
        self.with(host, |c| match c.state {
            State::Closed => Admission::Closed,
            State::Open { until } if now < until => Admission::Open { failures: c.failures, retry_in: until - now },
            State::Open { .. } => {
                c.state = State::HalfOpen;
                Admission::Probe
            }
            // A probe is under way; the others wait for its outcome.
            State::HalfOpen => Admission::Open { failures: c.failures, retry_in: c.cooldown },
        })
    }

    /// Records the outcome of an admitted poll.
    pub fn record(&self, host: &str, success: bool, probe: bool, now: Instant) {
        let (threshold, max_cooldown) = (self.threshold, self.base_cooldown.saturating_mul(16));
        self.with(host, |c| {
            if success {
                if !matches!(c.state, State::Closed) {
                    tracing::info!(host, "circuit closed again");
                }
                *c = Circuit { state: State::Closed, failures: 0, cooldown: self.base_cooldown };
                return;
            }
            c.failures = c.failures.saturating_add(1);
            match c.state {
                State::HalfOpen if probe => {
                    c.cooldown = c.cooldown.saturating_mul(2).min(max_cooldown);
                    c.state = State::Open { until: now + c.cooldown };
                    tracing::warn!(host, cooldown = ?c.cooldown, "probe failed, circuit open again");
                }
                State::Closed if c.failures >= threshold => {
                    c.state = State::Open { until: now + c.cooldown };
                    tracing::warn!(host, failures = c.failures, "circuit opened");
                }
                _ => {}
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_the_threshold_half_opens_after_the_cooldown_and_closes_on_success() {
        let b = Breakers::new(2, Duration::from_secs(10));
        let t0 = Instant::now();
        assert_eq!(b.admit("h:80", t0), Admission::Closed);
        b.record("h:80", false, false, t0);
        assert_eq!(b.admit("h:80", t0), Admission::Closed);
        b.record("h:80", false, false, t0);
        assert!(matches!(b.admit("h:80", t0), Admission::Open { failures: 2, .. }));
        assert_eq!(b.admit("other:80", t0), Admission::Closed);
        let later = t0 + Duration::from_secs(11);
        assert_eq!(b.admit("h:80", later), Admission::Probe);
        assert!(matches!(b.admit("h:80", later), Admission::Open { .. }), "one probe at a time");
        b.record("h:80", false, true, later);
        assert!(matches!(b.admit("h:80", later + Duration::from_secs(11)), Admission::Open { .. }), "cooldown doubled");
        assert_eq!(b.admit("h:80", later + Duration::from_secs(21)), Admission::Probe);
        b.record("h:80", true, true, later + Duration::from_secs(21));
        assert_eq!(b.admit("h:80", later + Duration::from_secs(21)), Admission::Closed);
    }
}
