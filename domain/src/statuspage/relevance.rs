//! How much of a vendor's history one poll keeps. A status page may list hundreds of incidents and
//! maintenances (the full `incidents.json` alone lists 50, other hosts more); storing all of them on
//! every poll costs time and space without telling the regie team more. One poll keeps at most
//! [`MAX_INCIDENTS`] incidents and [`MAX_MAINTENANCES`] maintenances, the most relevant ones.

use super::model::{Incident, IncidentStatus, Maintenance, MaintenanceStatus};
use chrono::{DateTime, Utc};
use std::cmp::Reverse;

/// Incidents kept per poll.
pub const MAX_INCIDENTS: usize = 50;
/// Maintenances kept per poll.
pub const MAX_MAINTENANCES: usize = 50;

/// Whether an incident is still open; an unknown status counts as open, to be safe.
pub fn incident_is_open(status: IncidentStatus) -> bool {
    !matches!(status, IncidentStatus::Resolved | IncidentStatus::Postmortem)
}

/// The last time anything happened to an incident.
fn last_activity(i: &Incident) -> DateTime<Utc> {
    let updates = i.updates.iter().map(|u| u.created_at);
    [Some(i.created_at), i.updated_at, i.resolved_at].into_iter().flatten().chain(updates).max().unwrap_or(i.created_at)
}

/// At most `max` incidents: every open one before any closed one, and within each the most recently
/// active first, so that what is going on now and what just ended are never crowded out by history.
pub fn most_relevant_incidents(mut incidents: Vec<Incident>, max: usize) -> Vec<Incident> {
    incidents.sort_by_key(|i| (!incident_is_open(i.status), Reverse(last_activity(i))));
    incidents.truncate(max);
    incidents
}

/// At most `max` maintenances: those not completed first, the soonest start first (an unknown start
/// last), then completed ones, the most recently ended first.
pub fn most_relevant_maintenances(mut maintenances: Vec<Maintenance>, max: usize) -> Vec<Maintenance> {
    maintenances.sort_by_key(|m| {
        if m.status == MaintenanceStatus::Completed {
            let ended = m.scheduled_until.or(m.scheduled_for).unwrap_or(m.created_at);
            (true, None, Some(Reverse(ended)))
        } else {
            (false, Some(m.scheduled_for.unwrap_or(DateTime::<Utc>::MAX_UTC)), None)
        }
    });
    maintenances.truncate(max);
    maintenances
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::statuspage::Impact;
    use chrono::TimeDelta;

    fn t(hours: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_767_225_600, 0).unwrap() + TimeDelta::hours(hours)
    }

    fn incident(id: &str, status: IncidentStatus, created: i64, resolved: Option<i64>) -> Incident {
        Incident {
            id: id.into(),
            name: id.into(),
            status,
            impact: Impact::Minor,
            created_at: t(created),
            updated_at: None,
            resolved_at: resolved.map(t),
            shortlink: None,
            updates: Vec::new(),
            component_ids: Vec::new(),
        }
    }

    fn maintenance(id: &str, status: MaintenanceStatus, starts: Option<i64>) -> Maintenance {
        Maintenance {
            id: id.into(),
            name: id.into(),
            status,
            impact: Impact::Maintenance,
            scheduled_for: starts.map(t),
            scheduled_until: starts.map(|s| t(s + 2)),
            created_at: t(-1000),
            updates: Vec::new(),
            component_ids: Vec::new(),
        }
    }

    fn ids<T>(list: &[T], id: fn(&T) -> &str) -> Vec<String> {
        list.iter().map(|x| id(x).to_string()).collect()
    }

    #[test]
    fn open_incidents_come_first_then_the_most_recently_active() {
        use IncidentStatus::{Investigating, Resolved, Unknown};
        let list = vec![
            incident("old-resolved", Resolved, 0, Some(1)),
            incident("old-open", Investigating, -100, None),
            incident("late-resolved", Resolved, -50, Some(30)),
            incident("odd", Unknown, -200, None),
            incident("new-resolved", Resolved, 20, Some(21)),
        ];
        let kept = most_relevant_incidents(list, 4);
        assert_eq!(ids(&kept, |i| &i.id), ["old-open", "odd", "late-resolved", "new-resolved"]);
    }

    #[test]
    fn upcoming_maintenances_come_first_soonest_first_then_the_latest_completed() {
        use MaintenanceStatus::{Completed, InProgress, Scheduled};
        let list = vec![
            maintenance("done-long-ago", Completed, Some(-500)),
            maintenance("later", Scheduled, Some(48)),
            maintenance("undated", Scheduled, None),
            maintenance("now", InProgress, Some(-1)),
            maintenance("done-yesterday", Completed, Some(-24)),
        ];
        let kept = most_relevant_maintenances(list, 4);
        assert_eq!(ids(&kept, |m| &m.id), ["now", "later", "undated", "done-yesterday"]);
    }

    #[test]
    fn short_lists_are_kept_whole() {
        let list = vec![incident("a", IncidentStatus::Resolved, 0, None)];
        assert_eq!(most_relevant_incidents(list.clone(), MAX_INCIDENTS), list);
        assert!(most_relevant_maintenances(Vec::new(), MAX_MAINTENANCES).is_empty());
    }
}
