//! Cost routes outside Leptos: the overview's CSV downloads (`GET /kosten.csv?jaar=&deel=`) and the
//! cost-file upload (`POST /kosten/import`, multipart with `csrf` and `bestand`). The upload is
//! refused by size before it is read (Content-Length, then a body limit), kept by the service, and
//! the browser is sent to its preview (`/kosten/import/:id`); a refused upload goes back to the
//! invoice page with the problem in the URL (`?fout=…#bestand`), which the page shows at the field.

use super::exports::{csv, error, file_name, lang};
use super::ServerState;
use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use domain::costs::import::MAX_IMPORT_BYTES;
use domain::Problem;
use serde::Deserialize;
use service::auth::SignedIn;
use service::ServiceError;

/// Room for the multipart framing and the CSRF field around a file of the maximum size.
const FRAMING: usize = 64 * 1024;

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/kosten.csv", get(overview_csv))
        .route("/kosten/import", post(upload).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES + FRAMING)))
        .route("/licenties/{id}/gebruik", post(usage_upload).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES + FRAMING)))
}

#[derive(Debug, Default, Deserialize)]
pub struct CsvQuery {
    jaar: Option<i32>,
    deel: Option<String>,
}

async fn overview_csv(
    State(st): State<ServerState>,
    me: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    Query(q): Query<CsvQuery>,
) -> Response {
    let lang = lang(&headers);
    let Some(Extension(me)) = me else { return error(ServiceError::Unauthenticated, lang) };
    let part = q.deel.unwrap_or_else(|| "kostenplaatsen".into());
    match st.app.services.cost_overview(&me.actor, q.jaar).await {
        Ok(o) => match app::pages::costs::csv::overview_csv(&o, &part, lang) {
            Some(body) => csv(body, &file_name(&["kosten", &o.year.to_string(), &part])),
            None => error(ServiceError::NotFound, lang),
        },
        Err(e) => error(e, lang),
    }
}

/// Where a refused upload goes back to, with the problem's code.
fn back(code: &str) -> Response {
    Redirect::to(&format!("/kosten/facturen?fout={code}#bestand")).into_response()
}

/// The multipart form's CSRF token and the file in field `file_field`, or the code of what is wrong.
async fn read_form(
    headers: &HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    file_field: &str,
) -> Result<(Option<String>, Option<(String, axum::body::Bytes)>), &'static str> {
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_IMPORT_BYTES + FRAMING) {
        return Err("te-groot");
    }
    let Ok(mut multipart) = multipart else { return Err("geen-bestand") };
    let (mut csrf, mut file) = (None, None);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("csrf") => csrf = field.text().await.ok(),
                Some(name) if name == file_field => {
                    let file_name = field.file_name().unwrap_or("bestand.csv").to_string();
                    match field.bytes().await {
                        Ok(b) => file = Some((file_name, b)),
                        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("te-groot"),
                        Err(_) => return Err("geen-bestand"),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err("te-groot"),
            Err(_) => return Err("geen-bestand"),
        }
    }
    Ok((csrf, file))
}

async fn usage_upload(
    State(st): State<ServerState>,
    me: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang(&headers);
    let Some(Extension(me)) = me else { return error(ServiceError::Unauthenticated, lang) };
    let page = format!("/licenties/{id}");
    let back = |query: &str| Redirect::to(&format!("{page}?{query}#inlezen")).into_response();
    let (csrf, file) = match read_form(&headers, multipart, "rapport").await {
        Ok(f) => f,
        Err(code) => return back(&format!("fout={code}")),
    };
    if !csrf.is_some_and(|c| service::auth::constant_time_eq(&me.csrf, &c)) {
        return error(ServiceError::Unauthenticated, lang);
    }
    let Some((_, bytes)) = file.filter(|(_, b)| !b.is_empty()) else { return back("fout=geen-bestand") };
    match st.app.services.import_m365_usage(&me.actor, domain::LicenceId(id), &bytes).await {
        Ok(Ok(_)) => Redirect::to(&format!("{page}?opgeslagen=gebruik")).into_response(),
        Ok(Err(e)) => back(&app::pages::costs::licence::usage_error_query(&e)),
        Err(ServiceError::Invalid(_)) => back("fout=te-groot"),
        Err(e) => error(e, lang),
    }
}

async fn upload(
    State(st): State<ServerState>,
    me: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = lang(&headers);
    let Some(Extension(me)) = me else { return error(ServiceError::Unauthenticated, lang) };
    let (csrf, file) = match read_form(&headers, multipart, "bestand").await {
        Ok(f) => f,
        Err(code) => return back(code),
    };
    if !csrf.is_some_and(|c| service::auth::constant_time_eq(&me.csrf, &c)) {
        return error(ServiceError::Unauthenticated, lang);
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else { return back("geen-bestand") };
    match st.app.services.upload_cost_import(&me.actor, &name, &bytes).await {
        Ok(id) => Redirect::to(&format!("/kosten/import/{id}")).into_response(),
        Err(ServiceError::Invalid(inv)) => match inv.0.first().map(|e| e.problem) {
            Some(Problem::FileTooLarge { .. }) => back("te-groot"),
            Some(Problem::NotUtf8) => back("geen-utf8"),
            _ => back("geen-bestand"),
        },
        Err(e) => error(e, lang),
    }
}
