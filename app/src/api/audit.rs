//! Audit log server function, and the conversions the CSV export (`server/src/http/audit_export.rs`)
//! shares with it, so that the page and the download select and name entries alike.

use crate::error::AppError;
use domain::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One audit entry as the page shows it: the codes as recorded, and the current names of the actor
/// and object (none when the actor is no user or the object no longer exists).
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
    /// The actor's display name and role now.
    pub actor_name: Option<(String, Role)>,
    pub object_name: Option<String>,
    /// The page of the object, when it has one.
    pub object_href: Option<String>,
}

/// Filters of the audit page (all optional; dates as YYYY-MM-DD in Europe/Amsterdam, inclusive).
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

/// The page of an object (`vendor:7` → `/leveranciers/7`); a service or contact person leads to its
/// vendor. Users, addresses and the log itself have no page of their own.
pub fn object_href(object: &str, vendor_id: Option<i64>) -> Option<String> {
    let (kind, id) = object.split_once(':')?;
    let id: i64 = id.parse().ok()?;
    match kind {
        "vendor" => Some(format!("/leveranciers/{id}")),
        "contract" => Some(format!("/contracten/{id}")),
        "source" => Some(format!("/monitoring/bronnen/{id}")),
        "request" => Some(format!("/aanvragen/{id}")),
        "form" => Some(format!("/zelfservice/beheer/formulieren/{id}")),
        "work_profile" => Some(format!("/zelfservice/profielen/{id}")),
        "service" | "contact" => vendor_id.map(|v| format!("/leveranciers/{v}")),
        _ => None,
    }
}

/// The store's filter for a query: texts trimmed and cut to 200 characters, dates as Amsterdam days
/// (from local midnight up to the next). Limit and offset are left to the caller.
#[cfg(feature = "ssr")]
pub fn audit_filter(query: &AuditQuery) -> service::audit::AuditFilter {
    use domain::sla::period::local_midnight;
    let clean = |s: &Option<String>| {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| s.chars().take(200).collect::<String>())
    };
    let day = |s: &Option<String>| clean(s).and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    service::audit::AuditFilter {
        actor: clean(&query.actor),
        action: clean(&query.action),
        object: clean(&query.object),
        result: clean(&query.result),
        from: day(&query.from).map(local_midnight),
        to: day(&query.to).and_then(|d| d.succ_opt()).map(local_midnight),
        limit: 0,
        offset: 0,
    }
}

/// The entries of a listing as lines, with their names and links.
#[cfg(feature = "ssr")]
pub fn audit_lines(listing: service::audit_view::AuditListing) -> Vec<AuditLine> {
    let names = listing.names;
    listing
        .entries
        .into_iter()
        .map(|e| {
            let r = e.record;
            let actor_name = names.actors.get(&r.actor).map(|a| (a.display_name.clone(), a.role));
            let object = names.objects.get(&r.object);
            AuditLine {
                id: e.id,
                at: r.at,
                actor_name,
                object_name: object.map(|o| o.name.clone()),
                object_href: object.and_then(|o| object_href(&r.object, o.vendor_id)),
                actor: r.actor,
                action: r.action,
                object: r.object,
                result: r.result,
                origin: r.origin,
                detail: r.detail,
            }
        })
        .collect()
}

// `default`: a filter without any value encodes to an empty form body, which must still deserialize.
#[server(endpoint = "audit")]
pub async fn audit_log(#[server(default)] query: AuditQuery) -> Result<AuditPage, AppError> {
    use crate::session::{signed_in, state};
    let me = signed_in()?;
    let per_page = 50;
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let filter = service::audit::AuditFilter { limit: per_page, offset: (page - 1) * per_page, ..audit_filter(&query) };
    let listing = state()?.services.audit_log_page(&me.actor, &filter).await?;
    let total = listing.total;
    Ok(AuditPage { lines: audit_lines(listing), total, page, per_page })
}

#[cfg(test)]
mod tests {
    use super::object_href;

    #[test]
    fn objects_link_to_their_pages_and_parts_to_their_vendor() {
        assert_eq!(object_href("vendor:7", None).as_deref(), Some("/leveranciers/7"));
        assert_eq!(object_href("contract:12", None).as_deref(), Some("/contracten/12"));
        assert_eq!(object_href("source:3", None).as_deref(), Some("/monitoring/bronnen/3"));
        assert_eq!(object_href("service:4", Some(7)).as_deref(), Some("/leveranciers/7"));
        assert_eq!(object_href("user:2", None), None);
        assert_eq!(object_href("address:10.0.0.1", None), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn date_filters_are_whole_days_in_amsterdam() {
        let q = super::AuditQuery {
            from: Some("2026-07-01".into()),
            to: Some(" 2026-07-01 ".into()),
            ..Default::default()
        };
        let f = super::audit_filter(&q);
        assert_eq!(f.from.map(|t| t.to_rfc3339()).as_deref(), Some("2026-06-30T22:00:00+00:00"));
        assert_eq!(f.to.map(|t| t.to_rfc3339()).as_deref(), Some("2026-07-01T22:00:00+00:00"));
        let winter = super::audit_filter(&super::AuditQuery { from: Some("2026-01-15".into()), ..Default::default() });
        assert_eq!(winter.from.map(|t| t.to_rfc3339()).as_deref(), Some("2026-01-14T23:00:00+00:00"));
    }
}
