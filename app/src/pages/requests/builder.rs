//! TEMP
use leptos::prelude::*;
#[component]
pub fn FormBuilderPage() -> impl IntoView {
    view! { <p>"…"</p> }
}
