//! Sign-in, sign-out, language and password server functions.

use crate::error::AppError;
use domain::user::Me;
use leptos::prelude::*;

/// The signed-in user, or `None` on the sign-in page.
#[server(endpoint = "me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    Ok(crate::session::current().map(|s| s.me()))
}

/// Signs in and redirects to `next` (a local path) or the overview.
#[server(endpoint = "login")]
pub async fn login(username: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::session::{client_addr, session_cookie, state};
    let st = state()?;
    // Decided before signing in, so that nothing after the session exists can fail on `next`.
    let target = safe_next(next.as_deref());
    let session = st.services.sign_in(&username, &password, &client_addr()).await.map_err(AppError::from)?;
    let max_age = (session.expires_at - chrono::Utc::now()).num_seconds().max(0);
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(v) = http::HeaderValue::from_str(&session_cookie(st.secure_cookies, &session.token, max_age)) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
    leptos_axum::redirect(&target);
    Ok(())
}

/// Only local paths, so that `next` cannot send the user to another site: a relative path that
/// parses as one (so it is also a valid `Location` header), ASCII (our own sign-in redirect
/// percent-encodes it), without control characters (browsers
/// drop a tab or newline, turning `/\t/evil` into `//evil`), backslashes or a leading `//`, and not
/// a server function.
#[cfg(feature = "ssr")]
fn safe_next(next: Option<&str>) -> String {
    let local = |n: &str| {
        n.starts_with('/')
            && !n.starts_with("//")
            && !n.contains('\\')
            && !n.starts_with("/api/")
            && n.is_ascii()
            && !n.chars().any(|c| c.is_ascii_control())
            && http::Uri::try_from(n).is_ok_and(|u| u.scheme().is_none() && u.authority().is_none())
    };
    match next {
        Some(n) if local(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

/// Ends the session and clears the cookie.
#[server(endpoint = "logout")]
pub async fn logout(csrf: String) -> Result<(), AppError> {
    use crate::session::{session_cookie, session_token, signed_in_with_csrf, state};
    let st = state()?;
    let me = signed_in_with_csrf(&csrf)?;
    if let Some(token) = session_token() {
        st.services.sign_out(&me.actor, &token).await.map_err(AppError::from)?;
    }
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(v) = http::HeaderValue::from_str(&session_cookie(st.secure_cookies, "", 0)) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
    leptos_axum::redirect("/login");
    Ok(())
}

/// Switches the UI language (a cookie; no account needed) and returns to the page.
#[server(endpoint = "language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    let lang = crate::i18n::Lang::from_code(&lang).ok_or_else(|| AppError::BadRequest("lang".into()))?;
    let secure = crate::session::state()?.secure_cookies;
    let cookie = format!(
        "{}={}; Path=/; SameSite=Lax; Max-Age=31536000{}",
        crate::i18n::LANG_COOKIE,
        lang.code(),
        if secure { "; Secure" } else { "" }
    );
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(v) = http::HeaderValue::from_str(&cookie) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
    Ok(())
}

/// Changes the own password; all sessions end, so the user signs in again.
#[server(endpoint = "password")]
pub async fn change_password(
    csrf: String,
    current_password: String,
    new_password: String,
    repeat: String,
) -> Result<(), AppError> {
    use crate::session::{session_cookie, signed_in_with_csrf, state};
    let st = state()?;
    let me = signed_in_with_csrf(&csrf)?;
    st.services.change_password(&me.actor, &current_password, &new_password, &repeat).await.map_err(AppError::from)?;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(v) = http::HeaderValue::from_str(&session_cookie(st.secure_cookies, "", 0)) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
    leptos_axum::redirect("/login?changed=1");
    Ok(())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::safe_next;

    #[test]
    fn next_only_accepts_local_paths() {
        assert_eq!(safe_next(Some("/contracten/3")), "/contracten/3");
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "/api/logout"] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(Some("/leveranciers?zoek=a%20b")), "/leveranciers?zoek=a%20b");
    }

    #[test]
    fn next_with_control_characters_or_that_is_no_uri_is_refused() {
        for bad in ["/\n/x", "/\t/evil", "/\r\nSet-Cookie: x=1", "/a\u{7f}", "/\u{0}", "/met spatie", "/é"] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
