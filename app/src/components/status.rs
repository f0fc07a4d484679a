//! The deadline status pill: text and colour, never colour alone.

use crate::i18n::{use_lang, Label};
use domain::deadlines::DeadlineStatus;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: DeadlineStatus) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class=format!("rk-status rk-status--{}", status.key())>{status.label(lang)}</span>
    }
}
