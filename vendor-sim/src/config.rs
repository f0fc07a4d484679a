//! What to simulate: how many vendors, the seed their identities and figures derive from, and the scenarios
//! (outages, degradations, maintenance, incidents) placed on the timeline. All offsets are in minutes from
//! the clock's timeline start; negative offsets put an event in the past, which the demo uses for history.

use serde::{Deserialize, Serialize};

use crate::catalog::VendorProfile;
use crate::error::{Result, SimError};

/// The whole simulation input. Same config + same clock instant = byte-identical documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimConfig {
    pub seed: u64,
    pub vendors: usize,
    pub scenarios: Vec<Scenario>,
}

/// One event on the timeline. `vendor` indexes the vendors (0-based); `component` indexes that vendor's
/// leaf components (0-based, see [`VendorProfile::components`]; every vendor has at least three).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scenario {
    /// The component is in `major_outage` for `minutes` from minute `at`; an incident (impact major) is
    /// opened at the start and resolved at the end; the vendor's health endpoint answers 503 meanwhile.
    Outage { vendor: usize, component: usize, at: i64, minutes: u32 },
    /// The component is in `degraded_performance` (incident impact minor); health answers slowly.
    Degraded { vendor: usize, component: usize, at: i64, minutes: u32 },
    /// Planned work: listed as upcoming from `announced_days_ahead` days before `starts` (unannounced work
    /// only appears once it starts), `in_progress` with the component `under_maintenance` for `minutes`,
    /// `completed` afterwards.
    Maintenance { vendor: usize, component: usize, starts: i64, minutes: u32, announced_days_ahead: Option<u32> },
    /// An incident that moves investigating -> identified -> monitoring -> resolved, each step after the
    /// given number of minutes. The component is in `partial_outage` until monitoring, then
    /// `degraded_performance`, then operational when resolved.
    IncidentProgression { vendor: usize, component: usize, at: i64, steps_minutes: [u32; 3] },
}

impl Scenario {
    /// The vendor index this scenario applies to.
    pub fn vendor(&self) -> usize {
        match self {
            Self::Outage { vendor, .. }
            | Self::Degraded { vendor, .. }
            | Self::Maintenance { vendor, .. }
            | Self::IncidentProgression { vendor, .. } => *vendor,
        }
    }

    /// The leaf-component index this scenario applies to.
    pub fn component(&self) -> usize {
        match self {
            Self::Outage { component, .. }
            | Self::Degraded { component, .. }
            | Self::Maintenance { component, .. }
            | Self::IncidentProgression { component, .. } => *component,
        }
    }

    fn has_zero_duration(&self) -> bool {
        match self {
            Self::Outage { minutes, .. } | Self::Degraded { minutes, .. } | Self::Maintenance { minutes, .. } => {
                *minutes == 0
            }
            Self::IncidentProgression { steps_minutes, .. } => steps_minutes.contains(&0),
        }
    }
}

impl SimConfig {
    /// `vendors` vendors with no scenarios: everything operational.
    pub fn new(seed: u64, vendors: usize) -> Self {
        Self { seed, vendors, scenarios: Vec::new() }
    }

    /// A lively timeline for the demo: some history, something going on now and something announced,
    /// cycling over the vendors. Deterministic for a given seed and vendor count.
    pub fn demo(seed: u64, vendors: usize) -> Self {
        let mut scenarios = Vec::new();
        for vendor in 0..vendors {
            let c = (seed as usize).wrapping_add(vendor) % 3;
            scenarios.push(match vendor % 6 {
                0 => Scenario::IncidentProgression { vendor, component: c, at: -180, steps_minutes: [25, 40, 30] },
                1 => Scenario::Maintenance {
                    vendor,
                    component: c,
                    starts: 2 * 24 * 60,
                    minutes: 120,
                    announced_days_ahead: Some(10),
                },
                2 => Scenario::Degraded { vendor, component: c, at: -15, minutes: 90 },
                3 => Scenario::Outage { vendor, component: c, at: 20, minutes: 25 },
                4 => Scenario::Maintenance {
                    vendor,
                    component: c,
                    starts: -60,
                    minutes: 180,
                    announced_days_ahead: None,
                },
                _ => Scenario::IncidentProgression { vendor, component: c, at: 5, steps_minutes: [10, 15, 20] },
            });
            if vendor % 4 == 0 {
                scenarios.push(Scenario::Outage { vendor, component: (c + 1) % 3, at: -3 * 24 * 60, minutes: 47 });
            }
        }
        Self { seed, vendors, scenarios }
    }

    /// Checks every scenario against the generated vendors.
    pub(crate) fn validate(&self, vendors: &[VendorProfile]) -> Result<()> {
        for (index, scenario) in self.scenarios.iter().enumerate() {
            let invalid = |reason: String| SimError::InvalidScenario { index, reason };
            let vendor = vendors
                .get(scenario.vendor())
                .ok_or_else(|| invalid(format!("vendor {} of {}", scenario.vendor(), vendors.len())))?;
            if scenario.component() >= vendor.components.len() {
                let n = vendor.components.len();
                return Err(invalid(format!("component {} of {n} at vendor {}", scenario.component(), vendor.index)));
            }
            if scenario.has_zero_duration() {
                return Err(invalid("durations must be at least one minute".into()));
            }
        }
        Ok(())
    }
}
