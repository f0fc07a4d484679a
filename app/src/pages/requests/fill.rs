//! TEMP
use leptos::prelude::*;
#[component]
pub fn FillPage() -> impl IntoView {
    view! { <p>"…"</p> }
}
