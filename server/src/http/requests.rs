//! Self-service routes outside Leptos: the regie team's request list as CSV
//! (`GET /aanvragen.csv?status=…`), with the same use case and authorisation as the page.

use super::exports::{csv, error, file_name, lang};
use super::ServerState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;
use service::auth::SignedIn;
use service::ServiceError;

pub fn routes() -> Router<ServerState> {
    Router::new().route("/aanvragen.csv", get(list_csv))
}

#[derive(Debug, Default, Deserialize)]
pub struct StatusQuery {
    status: Option<String>,
}

async fn list_csv(
    State(st): State<ServerState>,
    me: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    Query(q): Query<StatusQuery>,
) -> Response {
    let lang = lang(&headers);
    let Some(Extension(me)) = me else { return error(ServiceError::Unauthenticated, lang) };
    let only = q.status.as_deref().and_then(domain::requests::RequestStatus::parse);
    match st.app.services.request_list(&me.actor, only).await {
        Ok(list) => {
            let name = file_name(&["aanvragen", only.map(|s| s.key()).unwrap_or("alle")]);
            csv(app::pages::requests::csv::requests_csv(&list, lang), &name)
        }
        Err(e) => error(e, lang),
    }
}
