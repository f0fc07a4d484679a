//! TEMP
use leptos::prelude::*;
#[component]
pub fn PortalPage() -> impl IntoView {
    view! { <p>"…"</p> }
}
