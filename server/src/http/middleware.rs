//! Request middleware: security headers with a per-request CSP nonce, the session lookup and the
//! sign-in gate for pages, and a same-origin check on every state-changing request.

use super::router::ServerState;
use app::session::{session_cookie_name, ClientAddr, SessionToken};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use rand::RngCore;
use std::net::SocketAddr;

/// The per-request nonce that lets Leptos' inline hydration scripts pass the CSP.
#[derive(Clone)]
pub struct CspNonce(pub String);

/// Adds CSP (with a nonce), frame-ancestors 'none', nosniff, Referrer-Policy and friends, and HSTS
/// when the public address is https (over plain http browsers ignore it, and the demo must not pin).
pub async fn security_headers(State(st): State<ServerState>, mut req: Request, next: Next) -> Response {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    let nonce = hex::encode(bytes);
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // same-origin keeps the Referer for our own form posts (Leptos returns there) and sends none away.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if st.app.secure_cookies {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Lets the compression layer see `Accept-Encoding` only on requests from our own pages, a typed
/// address or a bookmark (`Sec-Fetch-Site` `same-origin` or `none`; absent for clients that are not
/// browsers). Pages carry the session's CSRF token next to text from the URL; compressing a response
/// to a request another site made the browser send would let that site guess the token from the
/// response sizes (BREACH). Such requests get the same content uncompressed.
pub async fn compress_own_requests_only(mut req: Request, next: Next) -> Response {
    let own = match req.headers().get("sec-fetch-site").map(|v| v.as_bytes()) {
        None => true,
        Some(site) => site == b"same-origin" || site == b"none",
    };
    if !own {
        req.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    next.run(req).await
}

/// Refuses state-changing requests that a browser marks as coming from another site (CSRF defence
/// in depth; the per-session token in every form is the primary one). The `Origin` must be this
/// host with the public scheme: `http://host` is another origin than `https://host`.
pub async fn same_origin(State(st): State<ServerState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let cross_site = req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site");
        let origin = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok());
        let scheme = if st.app.secure_cookies { "https" } else { "http" };
        let origin_mismatch = match (origin, host) {
            (Some("null"), _) => true,
            (Some(o), Some(h)) => !o.eq_ignore_ascii_case(&format!("{scheme}://{h}")),
            _ => false,
        };
        if cross_site || origin_mismatch {
            tracing::warn!(?origin, ?host, "cross-site request refused");
            return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
        }
    }
    next.run(req).await
}

pub(super) fn cookie<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Paths reachable without a session.
fn is_public(path: &str) -> bool {
    path == "/login"
        || path.starts_with("/pkg/")
        || path.starts_with("/api/")
        || matches!(path, "/favicon.svg" | "/favicon.ico" | "/healthz" | "/readyz")
}

/// Resolves the session cookie once per request and sends page requests without one to sign-in.
pub async fn session(State(st): State<ServerState>, mut req: Request, next: Next) -> Response {
    let addr = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| super::client_addr::client_ip(c.0.ip(), req.headers(), &st.trusted_proxies).to_string())
        .unwrap_or_else(|| "unknown".into());
    req.extensions_mut().insert(ClientAddr(addr.clone()));
    let mut signed_in = false;
    if let Some(token) = cookie(&req, session_cookie_name(st.app.secure_cookies)).map(str::to_string) {
        match st.app.services.resolve_session(&token, &addr).await {
            Ok(Some(s)) => {
                req.extensions_mut().insert(s);
                req.extensions_mut().insert(SessionToken(token));
                signed_in = true;
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = ?e, "session lookup failed");
                return (StatusCode::SERVICE_UNAVAILABLE, "session store unavailable").into_response();
            }
        }
    }
    let path = req.uri().path().to_string();
    if !signed_in && !is_public(&path) && req.method() == Method::GET {
        let target = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
        let next_q: String = form_urlencode(target);
        return Redirect::to(&format!("/login?next={next_q}")).into_response();
    }
    if signed_in && path == "/login" && req.method() == Method::GET {
        return Redirect::to("/").into_response();
    }
    next.run(req).await
}

fn form_urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_parameter_is_percent_encoded() {
        assert_eq!(form_urlencode("/contracten?x=1&y=2"), "/contracten%3Fx%3D1%26y%3D2");
    }

    #[test]
    fn only_sign_in_assets_and_probes_are_public() {
        assert!(is_public("/login"));
        assert!(is_public("/pkg/regiekamer.js"));
        assert!(!is_public("/contracten/1"));
        assert!(!is_public("/audit"));
    }
}
