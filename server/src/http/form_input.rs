//! Keeps what was typed into a form that was posted without JavaScript and refused.
//!
//! Leptos answers such a post (`Accept: text/html`) with a redirect back to the form's page, the error
//! in the URL (`__err`), and nothing else: the page would show every field empty. This middleware
//! reads the posted form body, and when the answer is such a refusal it keeps the fields for [`TTL`]
//! under a random id, sent to the browser in an `HttpOnly` cookie. The next page load with that cookie gets the fields as an
//! [`app::components::draft::FormDraft`] request extension (used once; the cookie is cleared), and
//! the field components show them. Passwords, secrets, tokens and the CSRF token are never kept
//! ([`FormDraft::may_keep`]); the fields stay in this process's memory only, never in a URL or a log.
//! With several instances a draft is found only by the instance that kept it (the form still shows
//! its errors elsewhere, only empty).
//!
//! A server function can also ask for this without a refusal, by answering with
//! [`KEEP_INPUT_HEADER`] (removed here before the browser sees it): a form that goes back to itself
//! without saving, such as "Diensten laden" on the contract form.

use super::router::ServerState;
use app::components::draft::{FormDraft, KEEP_INPUT_HEADER};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The cookie that names the kept fields.
pub const COOKIE: &str = "rk_form";
/// How long kept fields wait for the page load that shows them.
pub const TTL: Duration = Duration::from_secs(600);
/// At most this many kept forms at once (the oldest go first); each at most [`MAX_BODY`] bytes.
const MAX_ENTRIES: usize = 1000;
/// The largest form body that is read (a source form with 50 figures and long notes fits easily).
pub const MAX_BODY: usize = 256 * 1024;

/// The kept fields, by id. Cheap to clone.
#[derive(Clone, Default)]
pub struct FormInputs(Arc<Mutex<HashMap<String, (Instant, FormDraft)>>>);

impl FormInputs {
    fn put(&self, draft: FormDraft) -> String {
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        let id = hex::encode(bytes);
        let now = Instant::now();
        let mut map = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        map.retain(|_, (at, _)| now.duration_since(*at) < TTL);
        while map.len() >= MAX_ENTRIES {
            let Some(oldest) = map.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| k.clone()) else { break };
            map.remove(&oldest);
        }
        map.insert(id.clone(), (now, draft));
        id
    }

    fn take(&self, id: &str) -> Option<FormDraft> {
        let mut map = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (at, draft) = map.remove(id)?;
        (at.elapsed() < TTL).then_some(draft)
    }
}

/// A form posted by the browser itself (no wasm): it wants HTML back.
fn is_plain_form_post(req: &Request) -> bool {
    let header_has = |name: header::HeaderName, part: &str| {
        req.headers().get(name).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains(part))
    };
    req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && header_has(header::ACCEPT, "text/html")
        && header_has(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

/// A page load in the browser (not an asset or a server function).
fn is_page_load(req: &Request) -> bool {
    let path = req.uri().path();
    req.method() == Method::GET
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// The fields of a form body that may be kept, in order.
pub fn kept_fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body)
        .filter(|(name, _)| FormDraft::may_keep(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// Whether the answer sends the browser back to the form with an error (Leptos' `__err`).
fn is_refusal(res: &Response) -> bool {
    res.status().is_redirection()
        && res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).is_some_and(|l| l.contains("__err="))
}

fn cookie_header(secure: bool, value: &str, max_age: u64) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")).ok()
}

/// The middleware; see the module documentation.
pub async fn keep_form_input(State(st): State<ServerState>, mut req: Request, next: Next) -> Response {
    let secure = st.app.secure_cookies;
    if is_plain_form_post(&req) {
        let (parts, body) = req.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
            return (StatusCode::PAYLOAD_TOO_LARGE, "form too large").into_response();
        };
        let fields = kept_fields(&bytes);
        let path = parts.uri.path().to_string();
        let mut res = next.run(Request::from_parts(parts, Body::from(bytes))).await;
        let asked = res.headers_mut().remove(KEEP_INPUT_HEADER).is_some() && res.status().is_redirection();
        if (asked || is_refusal(&res)) && !fields.is_empty() {
            let id = st.form_inputs.put(FormDraft { path, fields });
            if let Some(v) = cookie_header(secure, &id, TTL.as_secs()) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        return res;
    }
    if !is_page_load(&req) {
        let mut res = next.run(req).await;
        res.headers_mut().remove(KEEP_INPUT_HEADER);
        return res;
    }
    let Some(id) = super::middleware::cookie(&req, COOKIE).map(str::to_string) else {
        return next.run(req).await;
    };
    if let Some(draft) = st.form_inputs.take(&id) {
        req.extensions_mut().insert(draft);
    }
    let mut res = next.run(req).await;
    if let Some(v) = cookie_header(secure, "", 0) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn passwords_secrets_and_the_csrf_token_are_left_out() {
        let body = b"csrf=abc&username=piet&password=geheim&form%5Bname%5D=Zaak+wijs&form%5Bsecret%5D=s&next=%2F";
        assert_eq!(
            kept_fields(body),
            [
                ("username".into(), "piet".into()),
                ("form[name]".into(), "Zaak wijs".into()),
                ("next".into(), "/".into())
            ]
        );
    }

    #[test]
    fn kept_fields_are_taken_once() {
        let inputs = FormInputs::default();
        let draft = FormDraft { path: "/api/login".into(), fields: vec![("username".into(), "piet".into())] };
        let id = inputs.put(draft.clone());
        assert_eq!(id.len(), 32);
        assert_eq!(inputs.take(&id), Some(draft));
        assert_eq!(inputs.take(&id), None);
        assert_eq!(inputs.take("onbekend"), None);
    }
}
