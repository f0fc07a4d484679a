//! What the user typed, kept across a refused form post without JavaScript.
//!
//! A plain HTML form posts to its server function; when that refuses, Leptos redirects back to the
//! form's page with only the error in the URL, and the page would render its fields empty. The server
//! (`server/src/http/form_input.rs`) therefore keeps the posted fields of such a refusal for a short
//! while under a random id in an `HttpOnly` cookie (never passwords, secrets or the CSRF token), and
//! hands them to the next page load as a [`FormDraft`]. [`App`](crate::App) shares it with the
//! browser for hydration, and every field component ([`kept`]) prefers its kept value inside a
//! [`KeepInput`] for the server function the draft came from. One mechanism for every form.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The response header with which a server function asks the server to keep the posted fields and
/// show them on the page it redirects to, as after a refusal, although nothing was refused: a form
/// that goes back to itself without JavaScript ("Diensten laden" on the contract form). The server
/// removes it from the response.
pub const KEEP_INPUT_HEADER: &str = "x-rk-keep-input";

/// Sends a plain form post back to its form at `to` (a local path) with everything typed, without
/// saving: the redirect plus [`KEEP_INPUT_HEADER`].
#[cfg(feature = "ssr")]
pub fn return_to_form(to: &str) {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::HeaderName::from_static(KEEP_INPUT_HEADER), http::HeaderValue::from_static("1"));
    }
    leptos_axum::redirect(to);
}

/// The fields of one refused post: the server function's path (`/api/vendors/create`) and the
/// `(name, value)` pairs as the browser sent them, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub path: String,
    pub fields: Vec<(String, String)>,
}

impl FormDraft {
    /// Whether a field of this name may be kept: never a password, a secret, a token or the CSRF
    /// token (`form[secret]`, `new_password`, `repeat`, `csrf`).
    pub fn may_keep(name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        !["password", "secret", "token", "csrf", "repeat"].iter().any(|s| lower.contains(s))
    }
}

/// The draft of this page load, if any (provided by `App`).
#[derive(Clone, Default)]
pub struct PageDraft(pub Option<Arc<FormDraft>>);

/// The draft that applies to the fields below a [`KeepInput`].
#[derive(Clone, Default)]
struct ActiveDraft(Option<Arc<FormDraft>>);

/// The draft the server attached to this request (server), for `App` to share with the browser.
pub fn request_draft() -> Option<FormDraft> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<FormDraft>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Makes the fields inside show what was typed into the form of server function `path` (its
/// `ServerFn::PATH`) when that form came back refused.
#[component]
pub fn KeepInput(path: &'static str, children: Children) -> impl IntoView {
    let page = use_context::<PageDraft>().unwrap_or_default();
    provide_context(ActiveDraft(page.0.filter(|d| d.path == path)));
    children()
}

/// The kept value of field `name`, if the form below a matching [`KeepInput`] came back refused.
pub fn kept(name: &str) -> Option<String> {
    let draft = use_context::<ActiveDraft>()?.0?;
    draft.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

/// Whether checkbox `name` with `value` was ticked in a refused form (`None`: no draft applies).
pub fn kept_checked(name: &str, value: &str) -> Option<bool> {
    let draft = use_context::<ActiveDraft>()?.0?;
    Some(draft.fields.iter().any(|(n, v)| n == name && v == value))
}

#[cfg(test)]
mod tests {
    use super::FormDraft;

    #[test]
    fn passwords_secrets_and_tokens_are_never_kept() {
        for name in ["password", "current_password", "new_password", "repeat", "csrf", "form[secret]", "Token"] {
            assert!(!FormDraft::may_keep(name), "{name}");
        }
        for name in ["username", "form[name]", "form[kvk]", "form[url]", "form[notes]", "next"] {
            assert!(FormDraft::may_keep(name), "{name}");
        }
    }
}
