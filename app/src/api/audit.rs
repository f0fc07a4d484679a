//! Audit log server function.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One audit entry as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub result: String,
    pub origin: String,
    pub detail: Option<String>,
}

/// Filters of the audit page (all optional; dates as YYYY-MM-DD, inclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub object: Option<String>,
    pub result: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

// `default`: a filter without any value encodes to an empty form body, which must still deserialize.
#[server(endpoint = "audit")]
pub async fn audit_log(#[server(default)] query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::session::{signed_in, state};
    let me = signed_in()?;
    let per_page = 50;
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let clean = |s: &Option<String>| {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| s.chars().take(200).collect::<String>())
    };
    let day = |s: &Option<String>| clean(s).and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let filter = service::audit::AuditFilter {
        actor: clean(&query.actor),
        action: clean(&query.action),
        object: clean(&query.object),
        result: clean(&query.result),
        from: day(&query.from).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc()),
        to: day(&query.to).and_then(|d| d.succ_opt()).and_then(|d| d.and_hms_opt(0, 0, 0)).map(|d| d.and_utc()),
        limit: per_page,
        offset: (page - 1) * per_page,
    };
    let (rows, total) = state()?.services.browse_audit_log(&me.actor, &filter).await?;
    let lines = rows
        .into_iter()
        .map(|e| AuditLine {
            id: e.id,
            at: e.record.at,
            actor: e.record.actor,
            action: e.record.action,
            object: e.record.object,
            result: e.record.result,
            origin: e.record.origin,
            detail: e.record.detail,
        })
        .collect();
    Ok(AuditPage { lines, total, page, per_page })
}
