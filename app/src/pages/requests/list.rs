//! TEMP
use leptos::prelude::*;
#[component]
pub fn RequestListPage() -> impl IntoView {
    view! { <p>"…"</p> }
}
