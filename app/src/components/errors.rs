//! Whole-page messages for refused or missing objects, with the matching HTTP status on the server.

use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common};
use leptos::prelude::*;

/// Shows the page for an error that stops a page from rendering (403, 404, 401, 500).
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let (title, text) = match &error {
        AppError::Forbidden => (Common::ForbiddenTitle, Common::ForbiddenText),
        AppError::NotFound | AppError::BadRequest(_) => (Common::NotFoundTitle, Common::NotFoundText),
        AppError::Unauthenticated => (Common::ForbiddenTitle, Common::SessionExpired),
        _ => (Common::ErrorTitle, Common::ErrorText),
    };
    #[cfg(feature = "ssr")]
    {
        // A malformed id in the URL is "not found" to the user.
        let e = if matches!(error, AppError::BadRequest(_)) { AppError::NotFound } else { error.clone() };
        crate::session::set_error_status(&e);
    }
    view! {
        <PageTitle text=title.t(lang)/>
        <section class="rk-error-page">
            <h1 class="utrecht-heading-1">{title.t(lang)}</h1>
            <p class="utrecht-paragraph">{text.t(lang)}</p>
            <p class="utrecht-paragraph"><a class="utrecht-link" href="/">{Common::BackToOverview.t(lang)}</a></p>
        </section>
    }
}

/// The page for an unknown address.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound/> }
}
