//! The audit log as an auditor reads it: a page of entries together with the current names of their
//! actors and objects (so that the page can say "Anna de Vries heeft leverancier Zaakwijs aangemaakt"),
//! and the export of a whole filtered selection for a spreadsheet. An export hands the log to someone
//! outside the application, so it is audited itself (`audit.export`, with the filter and the count),
//! through the normal chain.

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use store::{AuditEntry, AuditFilter, AuditNames};

/// The action of the entry that records an export.
pub const EXPORT_ACTION: &str = "audit.export";

/// At most this many entries (the newest) go into one export.
pub const EXPORT_MAX: i64 = 100_000;

/// Entries with the names of their actors and objects; `total` counts every entry matching the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditListing {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub names: AuditNames,
}

impl Services {
    /// One page of the audit log (see [`Services::browse_audit_log`]) with the names in it.
    pub async fn audit_log_page(&self, actor: &Actor, filter: &AuditFilter) -> Result<AuditListing, ServiceError> {
        let (entries, total) = self.browse_audit_log(actor, filter).await?;
        let names = self.names_in(&entries).await?;
        Ok(AuditListing { entries, total, names })
    }

    /// Every entry matching `filter` (newest first, at most [`EXPORT_MAX`]; limit and offset are
    /// ignored), with the names in it, for a download. Writes an `audit.export` entry naming the
    /// filter and how many entries were handed out; a refusal is audited as `denied`.
    pub async fn export_audit_log(&self, actor: &Actor, filter: &AuditFilter) -> Result<AuditListing, ServiceError> {
        self.guard(actor, Action::ViewAuditLog, EXPORT_ACTION, "audit_log".into()).await?;
        let f = AuditFilter { limit: EXPORT_MAX, offset: 0, ..filter.clone() };
        let entries = store::list_audit(self.db(), &f).await?;
        let total = store::count_audit(self.db(), &f).await?;
        let names = self.names_in(&entries).await?;
        let detail = export_detail(&f, entries.len(), total);
        let mut tx = self.db().begin().await?;
        let now = self.clock().now();
        append(&mut tx, record(now, actor, EXPORT_ACTION, "audit_log".into(), Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(AuditListing { entries, total, names })
    }

    async fn names_in(&self, entries: &[AuditEntry]) -> Result<AuditNames, ServiceError> {
        let actors = entries.iter().map(|e| e.record.actor.as_str());
        let objects = entries.iter().map(|e| e.record.object.as_str());
        Ok(store::audit_names(self.db(), actors, objects).await?)
    }
}

/// "3 van 3 regels; filter: actie=vendor., van=2026-07-01T00:00:00+00:00": what went out, in the
/// terms of the page's URL, so that the same selection can be made again.
fn export_detail(f: &AuditFilter, exported: usize, total: i64) -> String {
    let text = [("actor", &f.actor), ("actie", &f.action), ("object", &f.object), ("resultaat", &f.result)]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}")));
    let times =
        [("van", f.from), ("tot", f.to)].into_iter().filter_map(|(k, v)| v.map(|t| format!("{k}={}", t.to_rfc3339())));
    let parts: Vec<String> = text.chain(times).collect();
    let filter = if parts.is_empty() { "geen".to_string() } else { parts.join(", ") };
    format!("{exported} van {total} regels; filter: {filter}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_detail_names_the_filter_and_the_count() {
        let f = AuditFilter { action: Some("vendor.".into()), object: Some("vendor:7".into()), ..Default::default() };
        assert_eq!(export_detail(&f, 3, 3), "3 van 3 regels; filter: actie=vendor., object=vendor:7");
        assert_eq!(export_detail(&AuditFilter::default(), 0, 0), "0 van 0 regels; filter: geen");
    }
}
