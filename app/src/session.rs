//! Server-side access to the request's signed-in user, the CSRF check and response status.
//! The session itself is resolved once per request by the server's middleware.

use crate::error::AppError;
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;
use service::auth::SignedIn;
use service::Services;

/// What the server hands to every server function and page through context.
#[derive(Clone)]
pub struct AppState {
    pub services: Services,
    /// Whether cookies get `Secure` and the `__Host-` prefix (served over https).
    pub secure_cookies: bool,
}

/// The client address the middleware determined.
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

/// The session token the request carried (to end it on sign-out).
#[derive(Debug, Clone)]
pub struct SessionToken(pub String);

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or(AppError::Unexpected)
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The signed-in user, if any.
pub fn current() -> Option<SignedIn> {
    parts().and_then(|p| p.extensions.get::<SignedIn>().cloned())
}

/// The signed-in user, or `Unauthenticated` (and status 401).
pub fn signed_in() -> Result<SignedIn, AppError> {
    current().ok_or_else(|| {
        let e = AppError::Unauthenticated;
        set_error_status(&e);
        e
    })
}

/// The signed-in user after checking the form's CSRF token against the session's.
pub fn signed_in_with_csrf(csrf: &str) -> Result<SignedIn, AppError> {
    let s = signed_in()?;
    if service::auth::constant_time_eq(&s.csrf, csrf) {
        Ok(s)
    } else {
        tracing::warn!(user = %s.actor.username, "csrf token mismatch");
        let e = AppError::Unauthenticated;
        set_error_status(&e);
        Err(e)
    }
}

pub fn client_addr() -> String {
    parts().and_then(|p| p.extensions.get::<ClientAddr>().map(|c| c.0.clone())).unwrap_or_else(|| "unknown".into())
}

pub fn session_token() -> Option<String> {
    parts().and_then(|p| p.extensions.get::<SessionToken>().map(|c| c.0.clone()))
}

/// True for a plain HTML form post (no JavaScript): the response must stay a redirect.
fn is_plain_form_post() -> bool {
    parts()
        .and_then(|p| {
            p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|a| a.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Sets the HTTP status that belongs to an error, so that API clients and page loads see
/// 400/401/403/404/409/429/500 rather than a generic failure.
pub fn set_error_status(e: &AppError) {
    if is_plain_form_post() && parts().is_some_and(|p| p.method == http::Method::POST) {
        return;
    }
    let status = match e {
        AppError::Invalid(_) | AppError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Conflict => StatusCode::CONFLICT,
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
        AppError::Unexpected => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(status);
    }
}

/// Name of the session cookie: `__Host-` prefixed (requires Secure) when served over https.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-rk_session"
    } else {
        "rk_session"
    }
}

/// The `Set-Cookie` value for a session token (empty token and max-age 0 clears it).
pub fn session_cookie(secure: bool, token: &str, max_age_secs: i64) -> String {
    let name = session_cookie_name(secure);
    let secure_attr = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure_attr}")
}
