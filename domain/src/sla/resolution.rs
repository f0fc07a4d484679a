//! Resolution times of vendor incidents against the contract's targets per impact: from the incident's
//! creation on the vendor's page to its resolution. An incident still open counts up to now and is over
//! its target as soon as that time has passed. Incidents without impact (`none`) have no target.

use super::contract_terms::ResolutionTargets;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A vendor incident as the resolution check reads it; `impact` is the Statuspage key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentTimes {
    pub impact: String,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// One incident's resolution time and whether it met its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolutionCheck {
    /// Whole minutes from creation to resolution (or to now while open).
    pub minutes: i64,
    pub open: bool,
    pub target_minutes: Option<u32>,
    /// `None` when the impact has no target.
    pub met: Option<bool>,
}

/// The target for an impact key (`minor`, `major`, `critical`); other impacts have none.
pub fn target_for(targets: &ResolutionTargets, impact: &str) -> Option<u32> {
    match impact {
        "minor" => targets.minor,
        "major" => targets.major,
        "critical" => targets.critical,
        _ => None,
    }
}

/// Checks one incident at `now`.
pub fn check(targets: &ResolutionTargets, incident: &IncidentTimes, now: DateTime<Utc>) -> ResolutionCheck {
    let end = incident.resolved_at.unwrap_or(now).max(incident.created_at);
    let minutes = (end - incident.created_at).num_minutes();
    let target_minutes = target_for(targets, &incident.impact);
    ResolutionCheck {
        minutes,
        open: incident.resolved_at.is_none(),
        target_minutes,
        met: target_minutes.map(|t| minutes <= i64::from(t)),
    }
}

/// Counts over a set of incidents: how many had a target and how many of those missed it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionSummary {
    pub incidents: u32,
    pub with_target: u32,
    pub missed: u32,
    pub open: u32,
}

/// Sums [`check`] over `incidents`.
pub fn summarise(targets: &ResolutionTargets, incidents: &[IncidentTimes], now: DateTime<Utc>) -> ResolutionSummary {
    incidents.iter().map(|i| check(targets, i, now)).fold(ResolutionSummary::default(), |mut s, c| {
        s.incidents += 1;
        s.with_target += u32::from(c.met.is_some());
        s.missed += u32::from(c.met == Some(false));
        s.open += u32::from(c.open);
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

    fn at(h: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 3, 8, 0, 0).single().unwrap_or_default() + TimeDelta::hours(h)
    }

    #[test]
    fn resolution_is_measured_from_creation_and_open_incidents_count_to_now() {
        let targets = ResolutionTargets { minor: Some(2880), major: Some(480), critical: Some(240) };
        let done = IncidentTimes { impact: "critical".into(), created_at: at(0), resolved_at: Some(at(5)) };
        assert_eq!(
            check(&targets, &done, at(10)),
            ResolutionCheck { minutes: 300, open: false, target_minutes: Some(240), met: Some(false) }
        );
        let open = IncidentTimes { impact: "major".into(), created_at: at(0), resolved_at: None };
        assert_eq!(check(&targets, &open, at(8)).met, Some(true));
        assert_eq!(check(&targets, &open, at(9)).met, Some(false));
        let none = IncidentTimes { impact: "none".into(), created_at: at(0), resolved_at: Some(at(99)) };
        assert_eq!(check(&targets, &none, at(100)).met, None);
        let s = summarise(&targets, &[done, open, none], at(9));
        assert_eq!(s, ResolutionSummary { incidents: 3, with_target: 2, missed: 2, open: 1 });
    }
}
