//! CSV downloads of SLA results, for people who take the figures into a spreadsheet:
//! `GET /contracten/{id}/sla-rapport.csv?maand=JJJJ-MM` (one contract's report) and
//! `GET /sla/overzicht.csv?maand=JJJJ-MM` (all contracts, one month). Signed in only (the session
//! middleware sends others to the sign-in page); the same use cases and authorisation as the pages.
//! A bad month answers 400 with the reason in the user's language.

use super::ServerState;
use app::i18n::{problem_text, Lang};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use domain::ContractId;
use serde::Deserialize;
use service::auth::SignedIn;
use service::ServiceError;

#[derive(Debug, Deserialize)]
pub struct MonthQuery {
    maand: Option<String>,
}

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/contracten/{id}/sla-rapport.csv", get(contract_report))
        .route("/sla/overzicht.csv", get(overview))
}

/// Letters, digits, `-` and `_` only, so the name is safe in a header and on every file system.
pub(super) fn file_name(parts: &[&str]) -> String {
    let raw = parts.join("-");
    let safe: String =
        raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{}.csv", safe.chars().take(100).collect::<String>())
}

pub(super) fn csv(body: String, name: &str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

pub(super) fn lang(headers: &HeaderMap) -> Lang {
    headers.get(header::COOKIE).and_then(|v| v.to_str().ok()).map(Lang::from_cookie_header).unwrap_or_default()
}

pub(super) fn error(e: ServiceError, lang: Lang) -> Response {
    let text = |s: &str| ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], s.to_string());
    match e {
        ServiceError::Invalid(inv) => {
            let msg = inv.for_field("maand").map(|p| problem_text(lang, p)).unwrap_or_else(|| "invalid".into());
            (StatusCode::BAD_REQUEST, text(&msg)).into_response()
        }
        ServiceError::NotFound => (StatusCode::NOT_FOUND, text("niet gevonden / not found")).into_response(),
        ServiceError::Forbidden => (StatusCode::FORBIDDEN, text("geen toegang / forbidden")).into_response(),
        ServiceError::Unauthenticated => {
            (StatusCode::UNAUTHORIZED, text("niet aangemeld / not signed in")).into_response()
        }
        other => {
            tracing::error!(error = ?other, "csv export failed");
            (StatusCode::INTERNAL_SERVER_ERROR, text("fout / error")).into_response()
        }
    }
}

async fn contract_report(
    State(st): State<ServerState>,
    me: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<MonthQuery>,
) -> Response {
    let lang = lang(&headers);
    let Some(Extension(me)) = me else { return error(ServiceError::Unauthenticated, lang) };
    let Ok(id) = id.parse::<i64>().map(ContractId) else { return error(ServiceError::NotFound, lang) };
    match st.app.services.contract_sla_report(&me.actor, id, q.maand.as_deref()).await {
        Ok(Some(r)) => {
            let name = file_name(&["sla", &r.reference, &r.period.replace('/', "_")]);
            csv(domain::sla::csv::report_csv(&r), &name)
        }
        Ok(None) => error(ServiceError::NotFound, lang),
        Err(e) => error(e, lang),
    }
}

async fn overview(
    State(st): State<ServerState>,
    me: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    Query(q): Query<MonthQuery>,
) -> Response {
    let lang = lang(&headers);
    let Some(Extension(me)) = me else { return error(ServiceError::Unauthenticated, lang) };
    match st.app.services.sla_overview(&me.actor, q.maand.as_deref()).await {
        Ok(o) => csv(domain::sla::csv::overview_csv(&o), &file_name(&["sla-overzicht", &o.month])),
        Err(e) => error(e, lang),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(super::file_name(&["sla", "VO-2022/014\"; x", "2026-11"]), "sla-VO-2022_014___x-2026-11.csv");
    }
}
