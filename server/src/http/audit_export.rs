//! The audit log as CSV: `GET /audit.csv` with the audit page's filters in the query (`actor`, `actie`,
//! `object`, `resultaat`, `van`, `tot`) gives every matching entry, newest first, in the user's
//! language (text of the CSV: `app/src/pages/audit/csv.rs`). Beheerder and auditor only, through the
//! same use case as the page; the download is audited as `audit.export` with its filter and count.

use super::exports::{csv, error, file_name, lang};
use super::ServerState;
use app::api::audit::{audit_filter, audit_lines, AuditQuery};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;
use service::auth::SignedIn;
use service::ServiceError;

/// The filters, under the names the audit page uses in its URL.
#[derive(Debug, Default, Deserialize)]
pub struct AuditCsvQuery {
    actor: Option<String>,
    actie: Option<String>,
    object: Option<String>,
    resultaat: Option<String>,
    van: Option<String>,
    tot: Option<String>,
}

pub fn routes() -> Router<ServerState> {
    Router::new().route("/audit.csv", get(audit_csv))
}

async fn audit_csv(
    State(st): State<ServerState>,
    me: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    Query(q): Query<AuditCsvQuery>,
) -> Response {
    let lang = lang(&headers);
    let Some(Extension(me)) = me else { return error(ServiceError::Unauthenticated, lang) };
    let query = AuditQuery {
        actor: q.actor,
        action: q.actie,
        object: q.object,
        result: q.resultaat,
        from: q.van,
        to: q.tot,
        page: None,
    };
    let services = &st.app.services;
    match services.export_audit_log(&me.actor, &audit_filter(&query)).await {
        Ok(listing) => {
            let name = file_name(&["auditlog", &services.clock().today().to_string()]);
            csv(app::pages::audit::csv::audit_csv(&audit_lines(listing), lang), &name)
        }
        Err(e) => error(e, lang),
    }
}
