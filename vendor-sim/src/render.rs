//! One vendor's page at one instant: component states, the overall indicator, incidents and maintenance,
//! rendered into the Statuspage documents. Timestamps are written in the page's time zone with
//! millisecond precision (`Z` for UTC pages), as Statuspage does.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::catalog::VendorProfile;
use crate::statuspage::{
    AffectedComponentDoc, ComponentDoc, IncidentDoc, IncidentUpdateDoc, PageDoc, StatusDoc, SummaryDoc,
};
use crate::timeline::{ComponentStatus, Story, StoryKind};

/// What the vendor's plain health endpoint reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Health {
    Up,
    Degraded,
    Maintenance,
    Down,
}

/// Which scheduled maintenances a document lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MaintenanceFilter {
    All,
    Upcoming,
    Active,
}

/// A vendor's page as seen at `now`.
pub(crate) struct View<'a> {
    pub vendor: &'a VendorProfile,
    pub stories: &'a [Story],
    pub now: DateTime<Utc>,
}

impl View<'_> {
    pub(crate) fn summary(&self) -> SummaryDoc {
        let mut scheduled_maintenances = self.maintenances(MaintenanceFilter::Active);
        scheduled_maintenances.extend(self.maintenances(MaintenanceFilter::Upcoming));
        SummaryDoc {
            page: self.page(),
            components: self.components(),
            incidents: self.incidents(true),
            scheduled_maintenances,
            status: self.status(),
        }
    }

    pub(crate) fn page(&self) -> PageDoc {
        let leaves = (0..self.vendor.components.len()).map(|c| self.leaf(c).1);
        let stories = self.stories.iter().filter_map(|s| s.visible(self.now).last().map(|step| step.at));
        let updated = leaves.chain(stories).max().unwrap_or(self.now);
        PageDoc {
            id: self.vendor.page_id.clone(),
            name: self.vendor.name.clone(),
            url: self.vendor.url.clone(),
            time_zone: self.vendor.time_zone.name(),
            updated_at: self.stamp(updated),
        }
    }

    /// Top-level components in position order, each group followed by its members.
    pub(crate) fn components(&self) -> Vec<ComponentDoc> {
        let v = self.vendor;
        let mut top: Vec<(u32, Option<usize>, Option<usize>)> = v
            .components
            .iter()
            .enumerate()
            .filter(|(_, c)| c.group.is_none())
            .map(|(i, c)| (c.position, Some(i), None))
            .collect();
        top.extend(v.groups.iter().enumerate().map(|(g, group)| (group.position, None, Some(g))));
        top.sort_by_key(|t| t.0);
        let mut docs = Vec::with_capacity(v.components.len() + v.groups.len());
        for (_, leaf, group) in top {
            if let Some(c) = leaf {
                docs.push(self.leaf_doc(c));
            }
            if let Some(g) = group {
                docs.push(self.group_doc(g));
                docs.extend(v.groups[g].members.iter().map(|&c| self.leaf_doc(c)));
            }
        }
        docs
    }

    pub(crate) fn status(&self) -> StatusDoc {
        use ComponentStatus::*;
        let states: Vec<ComponentStatus> = (0..self.vendor.components.len()).map(|c| self.leaf(c).0).collect();
        let any = |s: ComponentStatus| states.contains(&s);
        let (indicator, description) = if states.iter().all(|&s| s == MajorOutage) {
            ("critical", "Major System Outage")
        } else if any(MajorOutage) {
            ("major", "Partial System Outage")
        } else if any(PartialOutage) {
            ("minor", "Minor Service Outage")
        } else if any(DegradedPerformance) {
            ("minor", "Partially Degraded Service")
        } else if any(UnderMaintenance) {
            ("maintenance", "Service Under Maintenance")
        } else {
            ("none", "All Systems Operational")
        };
        StatusDoc { indicator, description }
    }

    pub(crate) fn health(&self) -> Health {
        let worst = (0..self.vendor.components.len()).map(|c| self.leaf(c).0);
        let states: Vec<ComponentStatus> = worst.collect();
        if states.contains(&ComponentStatus::MajorOutage) {
            Health::Down
        } else if states.contains(&ComponentStatus::UnderMaintenance) {
            Health::Maintenance
        } else if states.iter().any(|&s| s != ComponentStatus::Operational) {
            Health::Degraded
        } else {
            Health::Up
        }
    }

    /// Visible incidents, newest first, at most 50 (as Statuspage); optionally only unresolved ones.
    pub(crate) fn incidents(&self, unresolved_only: bool) -> Vec<IncidentDoc> {
        let mut list: Vec<&Story> = self
            .stories
            .iter()
            .filter(|s| matches!(s.kind, StoryKind::Incident { .. }))
            .filter(|s| match s.visible(self.now).last() {
                None => false,
                Some(last) => !unresolved_only || !matches!(last.status, "resolved" | "postmortem"),
            })
            .collect();
        list.sort_by(|a, b| (b.steps[0].at, b.order).cmp(&(a.steps[0].at, a.order)));
        list.into_iter().take(50).map(|s| self.story_doc(s)).collect()
    }

    /// Visible maintenances: all of them newest first, or the upcoming/active ones soonest first.
    pub(crate) fn maintenances(&self, filter: MaintenanceFilter) -> Vec<IncidentDoc> {
        let mut list: Vec<(DateTime<Utc>, usize, &Story)> = self
            .stories
            .iter()
            .filter_map(|s| match (s.kind, s.visible(self.now).last()) {
                (StoryKind::Maintenance { scheduled_for, .. }, Some(last)) => {
                    let keep = match filter {
                        MaintenanceFilter::All => true,
                        MaintenanceFilter::Upcoming => last.status == "scheduled",
                        MaintenanceFilter::Active => matches!(last.status, "in_progress" | "verifying"),
                    };
                    keep.then_some((scheduled_for, s.order, s))
                }
                _ => None,
            })
            .collect();
        list.sort_by_key(|&(at, order, _)| (at, order));
        if filter == MaintenanceFilter::All {
            list.reverse();
        }
        list.into_iter().map(|(_, _, s)| self.story_doc(s)).collect()
    }

    fn story_doc(&self, story: &Story) -> IncidentDoc {
        let visible = story.visible(self.now);
        let at = |status: &str| visible.iter().find(|s| s.status == status).map(|s| self.stamp(s.at));
        let created = visible.first().map_or(self.now, |s| s.at);
        let (impact, scheduled_for, scheduled_until) = match story.kind {
            StoryKind::Incident { impact } => (impact, None, None),
            StoryKind::Maintenance { scheduled_for, scheduled_until } => {
                ("maintenance", Some(self.stamp(scheduled_for)), Some(self.stamp(scheduled_until)))
            }
        };
        let component = &self.vendor.components[story.component];
        let full_name = match component.group.and_then(|g| self.vendor.groups.get(g)) {
            Some(group) => format!("{} - {}", group.name, component.name),
            None => component.name.clone(),
        };
        let incident_updates = visible
            .iter()
            .enumerate()
            .rev()
            .map(|(i, step)| IncidentUpdateDoc {
                id: step.id.clone(),
                status: step.status,
                body: step.body.clone(),
                incident_id: story.id.clone(),
                created_at: self.stamp(step.at),
                updated_at: self.stamp(step.at),
                display_at: self.stamp(step.at),
                affected_components: vec![AffectedComponentDoc {
                    code: component.id.clone(),
                    name: full_name.clone(),
                    old_status: story.status_before(i).as_str(),
                    new_status: step.component_status.as_str(),
                }],
                deliver_notifications: true,
                custom_tweet: None,
                tweet_id: None,
            })
            .collect();
        IncidentDoc {
            id: story.id.clone(),
            name: story.name.clone(),
            status: visible.last().map_or("investigating", |s| s.status),
            created_at: self.stamp(created),
            updated_at: self.stamp(visible.last().map_or(created, |s| s.at)),
            monitoring_at: at("monitoring"),
            resolved_at: at("resolved").or_else(|| at("completed")),
            impact,
            shortlink: format!("{}/incidents/{}", self.vendor.url, story.id),
            started_at: self.stamp(created),
            page_id: self.vendor.page_id.clone(),
            incident_updates,
            components: vec![self.leaf_doc(story.component)],
            scheduled_for,
            scheduled_until,
        }
    }

    /// A leaf's status at `now` (worst over its stories) and when it last changed.
    fn leaf(&self, c: usize) -> (ComponentStatus, DateTime<Utc>) {
        let mut state = (ComponentStatus::Operational, self.vendor.components[c].updated_at);
        for story in self.stories.iter().filter(|s| s.component == c) {
            if let Some((status, at)) = story.component_state(self.now) {
                state = (state.0.max(status), state.1.max(at));
            }
        }
        state
    }

    fn leaf_doc(&self, c: usize) -> ComponentDoc {
        let (status, updated) = self.leaf(c);
        let p = &self.vendor.components[c];
        ComponentDoc {
            id: p.id.clone(),
            name: p.name.clone(),
            status: status.as_str(),
            created_at: self.stamp(p.created_at),
            updated_at: self.stamp(updated),
            position: p.position,
            description: p.description.clone(),
            showcase: false,
            group_id: p.group.and_then(|g| self.vendor.groups.get(g)).map(|g| g.id.clone()),
            page_id: self.vendor.page_id.clone(),
            group: false,
            only_show_if_degraded: false,
            components: None,
        }
    }

    fn group_doc(&self, g: usize) -> ComponentDoc {
        let group = &self.vendor.groups[g];
        let members: Vec<(ComponentStatus, DateTime<Utc>)> = group.members.iter().map(|&c| self.leaf(c)).collect();
        let status = members.iter().map(|m| m.0).max().unwrap_or(ComponentStatus::Operational);
        let updated = members.iter().map(|m| m.1).max().unwrap_or(group.created_at);
        ComponentDoc {
            id: group.id.clone(),
            name: group.name.clone(),
            status: status.as_str(),
            created_at: self.stamp(group.created_at),
            updated_at: self.stamp(updated),
            position: group.position,
            description: None,
            showcase: false,
            group_id: None,
            page_id: self.vendor.page_id.clone(),
            group: true,
            only_show_if_degraded: false,
            components: Some(group.members.iter().map(|&c| self.vendor.components[c].id.clone()).collect()),
        }
    }

    fn stamp(&self, t: DateTime<Utc>) -> String {
        stamp(t, self.vendor.time_zone)
    }
}

/// `2024-03-31T03:15:00.000+02:00`, or `...Z` on UTC pages.
pub(crate) fn stamp(t: DateTime<Utc>, tz: Tz) -> String {
    if tz == Tz::Etc__UTC || tz == Tz::UTC {
        t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    } else {
        t.with_timezone(&tz).format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
    }
}
