//! Scenarios turned into stories: each incident or maintenance is a list of dated steps (the updates a
//! vendor would post), and each step sets the affected component's status. The state at any instant is
//! read off the steps dated at or before it, so documents are a pure function of (config, instant).

use chrono::{DateTime, TimeDelta, Utc};

use crate::catalog::VendorProfile;
use crate::config::Scenario;
use crate::seed::{self, Stream};
use crate::texts::{self, Topic};

/// Statuspage component statuses, ordered from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ComponentStatus {
    Operational,
    UnderMaintenance,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
}

impl ComponentStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Operational => "operational",
            Self::UnderMaintenance => "under_maintenance",
            Self::DegradedPerformance => "degraded_performance",
            Self::PartialOutage => "partial_outage",
            Self::MajorOutage => "major_outage",
        }
    }
}

/// An incident or a scheduled maintenance.
#[derive(Clone, Debug)]
pub(crate) struct Story {
    /// Position of the scenario in the config; breaks ties between stories created at the same instant.
    pub order: usize,
    pub id: String,
    pub name: String,
    pub component: usize,
    pub kind: StoryKind,
    /// Chronological; the first step creates the story and makes it visible.
    pub steps: Vec<Step>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum StoryKind {
    Incident { impact: &'static str },
    Maintenance { scheduled_for: DateTime<Utc>, scheduled_until: DateTime<Utc> },
}

/// One posted update.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub id: String,
    pub at: DateTime<Utc>,
    /// The story's status after this update (`investigating`, `scheduled`, ...).
    pub status: &'static str,
    pub component_status: ComponentStatus,
    pub body: String,
}

impl Story {
    /// The steps posted at or before `now` (empty when the story is not visible yet).
    pub(crate) fn visible(&self, now: DateTime<Utc>) -> &[Step] {
        &self.steps[..self.steps.partition_point(|s| s.at <= now)]
    }

    /// The component status this story imposes at `now`, with the instant it last changed.
    pub(crate) fn component_state(&self, now: DateTime<Utc>) -> Option<(ComponentStatus, DateTime<Utc>)> {
        let mut state = None;
        let mut previous = ComponentStatus::Operational;
        for step in self.visible(now) {
            if step.component_status != previous {
                state = Some((step.component_status, step.at));
            }
            previous = step.component_status;
        }
        state.map(|(_, at)| (previous, at))
    }

    /// The status a step's affected component had before it.
    pub(crate) fn status_before(&self, index: usize) -> ComponentStatus {
        index.checked_sub(1).map_or(ComponentStatus::Operational, |i| self.steps[i].component_status)
    }
}

/// The stories of every vendor (outer index = vendor), for a timeline starting at `origin`.
pub(crate) fn build(
    seed: u64,
    scenarios: &[Scenario],
    vendors: &[VendorProfile],
    origin: DateTime<Utc>,
) -> Vec<Vec<Story>> {
    let mut stories: Vec<Vec<Story>> = vendors.iter().map(|_| Vec::new()).collect();
    for (order, scenario) in scenarios.iter().enumerate() {
        if let (Some(vendor), Some(list)) = (vendors.get(scenario.vendor()), stories.get_mut(scenario.vendor())) {
            list.push(story(seed, order, scenario, vendor, origin));
        }
    }
    stories
}

/// The dated steps of a story: when, the story's status, the component's status.
type Plan = Vec<(DateTime<Utc>, &'static str, ComponentStatus)>;

fn story(seed: u64, order: usize, scenario: &Scenario, vendor: &VendorProfile, origin: DateTime<Utc>) -> Story {
    use ComponentStatus::*;
    let mut rng = seed::rng(seed, Stream::Story, order as u64, vendor.index as u64);
    let component = scenario.component();
    let label = vendor.components.get(component).map_or("", |c| c.name.as_str());
    let minute = |m: i64| origin + TimeDelta::minutes(m);
    let (topic, kind, plan): (Topic, StoryKind, Plan) = match *scenario {
        Scenario::Outage { at, minutes, .. } => (
            Topic::Outage,
            StoryKind::Incident { impact: "major" },
            vec![
                (minute(at), "investigating", MajorOutage),
                (minute(at + i64::from(minutes)), "resolved", Operational),
            ],
        ),
        Scenario::Degraded { at, minutes, .. } => (
            Topic::Degraded,
            StoryKind::Incident { impact: "minor" },
            vec![
                (minute(at), "investigating", DegradedPerformance),
                (minute(at + i64::from(minutes)), "resolved", Operational),
            ],
        ),
        Scenario::IncidentProgression { at, steps_minutes: [a, b, c], .. } => {
            let (a, b, c) = (i64::from(a), i64::from(b), i64::from(c));
            (
                Topic::Errors,
                StoryKind::Incident { impact: "minor" },
                vec![
                    (minute(at), "investigating", PartialOutage),
                    (minute(at + a), "identified", PartialOutage),
                    (minute(at + a + b), "monitoring", DegradedPerformance),
                    (minute(at + a + b + c), "resolved", Operational),
                ],
            )
        }
        Scenario::Maintenance { starts, minutes, announced_days_ahead, .. } => {
            let (from, until) = (minute(starts), minute(starts + i64::from(minutes)));
            let mut plan = Vec::with_capacity(3);
            if let Some(days) = announced_days_ahead {
                plan.push((from - TimeDelta::days(i64::from(days)), "scheduled", Operational));
            }
            plan.push((from, "in_progress", UnderMaintenance));
            plan.push((until, "completed", Operational));
            (Topic::Maintenance, StoryKind::Maintenance { scheduled_for: from, scheduled_until: until }, plan)
        }
    };
    let id = seed::id(&mut rng);
    let steps = plan
        .into_iter()
        .map(|(at, status, component_status)| {
            let body = match kind {
                StoryKind::Maintenance { scheduled_for, scheduled_until } if status == "scheduled" => {
                    texts::announcement(label, scheduled_for, scheduled_until, vendor.time_zone, vendor.dutch)
                }
                _ => texts::body(topic, status, label, vendor.dutch),
            };
            Step { id: seed::id(&mut rng), at, status, component_status, body }
        })
        .collect();
    Story { order, id, name: texts::title(topic, label, vendor.dutch), component, kind, steps }
}
