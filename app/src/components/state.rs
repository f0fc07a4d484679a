//! The availability state pill: text and colour, never colour alone.

use crate::i18n::use_lang;
use domain::monitoring::CheckState;
use leptos::prelude::*;

crate::messages!(
    /// Availability states.
    StateText {
        Up => "Beschikbaar", "Available";
        Degraded => "Verstoord", "Degraded";
        Down => "Niet beschikbaar", "Unavailable";
        Maintenance => "Onderhoud", "Maintenance";
        Unknown => "Onbekend", "Unknown";
    }
);

/// The label of a state (`None`: unknown).
pub fn state_text(state: Option<CheckState>) -> StateText {
    match state {
        Some(CheckState::Up) => StateText::Up,
        Some(CheckState::Degraded) => StateText::Degraded,
        Some(CheckState::Down) => StateText::Down,
        Some(CheckState::Maintenance) => StateText::Maintenance,
        None => StateText::Unknown,
    }
}

/// A state badge; `None` is shown as unknown.
#[component]
pub fn StateBadge(state: Option<CheckState>) -> impl IntoView {
    let lang = use_lang();
    let class = match state {
        Some(CheckState::Up) => "rk-status rk-status--op-schema",
        Some(CheckState::Degraded) | Some(CheckState::Maintenance) => "rk-status rk-status--actie-nodig",
        Some(CheckState::Down) => "rk-status rk-status--verlopen",
        None => "rk-status",
    };
    view! { <span class=class>{state_text(state).t(lang)}</span> }
}
