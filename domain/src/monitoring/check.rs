//! One observation of a monitored service: our own probe's check result, or a state the vendor reports.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The state of a service at one instant. Serialised as its key, so JSON and the database agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckState {
    Up,
    Down,
    Degraded,
    Maintenance,
}

impl CheckState {
    /// Every state, in a fixed order (used for per-state tables and tests).
    pub const ALL: [CheckState; 4] = [CheckState::Up, CheckState::Down, CheckState::Degraded, CheckState::Maintenance];

    /// The stable key stored in the database and used in URLs and JSON.
    pub fn key(self) -> &'static str {
        match self {
            CheckState::Up => "up",
            CheckState::Down => "down",
            CheckState::Degraded => "degraded",
            CheckState::Maintenance => "maintenance",
        }
    }

    /// How bad the state is for the service's users: up, maintenance, degraded, down.
    pub fn severity(self) -> u8 {
        match self {
            CheckState::Up => 0,
            CheckState::Maintenance => 1,
            CheckState::Degraded => 2,
            CheckState::Down => 3,
        }
    }

    /// The worse of two states (by [`CheckState::severity`]); `self` on a tie.
    pub fn worst(self, other: CheckState) -> CheckState {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// The state for a key; surrounding whitespace is ignored, anything else unknown is `None`.
    pub fn parse(key: &str) -> Option<CheckState> {
        let key = key.trim();
        CheckState::ALL.into_iter().find(|s| s.key() == key)
    }
}

impl std::fmt::Display for CheckState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// The outcome of one check of one source at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub at: DateTime<Utc>,
    pub state: CheckState,
    /// Time to the complete response; `None` when there was no response (timeout, refused connection).
    pub latency_ms: Option<u32>,
    /// The HTTP status, when the source is an HTTP endpoint and answered.
    pub status_code: Option<u16>,
    /// What went wrong, for the evidence trail; `None` when the check succeeded.
    pub error: Option<String>,
}

impl CheckResult {
    /// A check with only a time and a state (vendor-reported states, tests).
    pub fn new(at: DateTime<Utc>, state: CheckState) -> Self {
        CheckResult { at, state, latency_ms: None, status_code: None, error: None }
    }
}

/// The part of a check (or of a vendor-reported component state) that state intervals are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub at: DateTime<Utc>,
    pub state: CheckState,
}

impl From<&CheckResult> for Observation {
    fn from(c: &CheckResult) -> Self {
        Observation { at: c.at, state: c.state }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_round_trips_through_its_key() {
        for s in CheckState::ALL {
            assert_eq!(CheckState::parse(s.key()), Some(s));
            assert_eq!(s.to_string(), s.key());
        }
        assert_eq!(CheckState::parse(" degraded "), Some(CheckState::Degraded));
        assert_eq!(CheckState::parse("Up"), None);
        assert_eq!(CheckState::parse(""), None);
    }

    #[test]
    fn serde_reads_the_key() {
        use serde::de::value::{Error, StrDeserializer};
        use serde::de::IntoDeserializer;
        for s in CheckState::ALL {
            let de: StrDeserializer<'_, Error> = s.key().into_deserializer();
            assert_eq!(CheckState::deserialize(de), Ok(s));
        }
    }
}
