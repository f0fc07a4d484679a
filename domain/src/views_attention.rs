//! What needs attention first on the monitoring pages: the order "problems first" (down, degraded,
//! maintenance, unknown, up; within a state by name) and why a source or service is not up (the open
//! vendor incident or running maintenance that causes it).

use crate::monitoring::CheckState;
use serde::{Deserialize, Serialize};

/// The place of a state in the "problems first" order: down first, then degraded, maintenance,
/// unknown (`None`: not checked, stale or disabled) and up last.
pub fn problem_rank(state: Option<CheckState>) -> u8 {
    match state {
        Some(CheckState::Down) => 0,
        Some(CheckState::Degraded) => 1,
        Some(CheckState::Maintenance) => 2,
        None => 3,
        Some(CheckState::Up) => 4,
    }
}

/// Sorts `items` problems first, then by name (case-insensitive, then exactly, so the order is total).
pub fn sort_problems_first<T>(items: &mut [T], state: impl Fn(&T) -> Option<CheckState>, name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| {
        problem_rank(state(a))
            .cmp(&problem_rank(state(b)))
            .then_with(|| name(a).to_lowercase().cmp(&name(b).to_lowercase()))
            .then_with(|| name(a).cmp(name(b)))
    });
}

/// What the vendor reports as the reason a source or service is not up: an open incident, or
/// maintenance that is under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCause {
    /// The incident's or maintenance's name, as the vendor wrote it.
    pub name: String,
    /// The vendor's own link to it (the incident's `shortlink`); shown as a link only when it is
    /// `http(s)`, otherwise the page links to the vendor page's incidents section.
    pub shortlink: Option<String>,
    /// Maintenance rather than an incident.
    pub maintenance: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_come_first_then_unknown_then_up_and_names_order_each_state() {
        use CheckState::*;
        let mut items = vec![
            ("b-up", Some(Up)),
            ("a-up", Some(Up)),
            ("onbekend", None),
            ("onderhoud", Some(Maintenance)),
            ("Verstoord", Some(Degraded)),
            ("z-down", Some(Down)),
            ("A-down", Some(Down)),
        ];
        sort_problems_first(&mut items, |i| i.1, |i| i.0);
        let names: Vec<&str> = items.iter().map(|i| i.0).collect();
        assert_eq!(names, ["A-down", "z-down", "Verstoord", "onderhoud", "onbekend", "a-up", "b-up"]);
    }
}
