//! TEMP
use leptos::prelude::*;
#[component]
pub fn RequestsAdminPage() -> impl IntoView {
    view! { <p>"…"</p> }
}
