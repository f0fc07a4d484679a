//! TEMP
use leptos::prelude::*;
#[component]
pub fn RequestPage() -> impl IntoView {
    view! { <p>"…"</p> }
}
