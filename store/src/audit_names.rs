//! What the actors and objects of audit entries are called now, so that the audit log can read as
//! sentences ("Anna de Vries (Regisseur) heeft leverancier Zaakwijs aangemaakt") instead of codes
//! (`anna`, `vendor.create`, `vendor:7`). The entries themselves keep only codes: they are part of the
//! hash chain and never change, while names do. An object that no longer exists has no name here.

use crate::db::Db;
use crate::error::Result;
use crate::users::parse_role;
use domain::Role;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A user as the audit log names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditActorName {
    pub display_name: String,
    pub role: Role,
}

/// An object's current name, and the vendor it belongs to (a service or contact person), so that it
/// can be linked to the vendor's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditObjectName {
    pub name: String,
    pub vendor_id: Option<i64>,
}

/// Names of the actors (by user name) and objects (by object text, `vendor:7`) of some entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditNames {
    pub actors: BTreeMap<String, AuditActorName>,
    pub objects: BTreeMap<String, AuditObjectName>,
}

/// The object kinds that have a name, with the query that reads id, name and vendor of each.
const KINDS: [(&str, &str); 6] = [
    ("vendor", "SELECT id, name, CAST(NULL AS BIGINT) AS vendor_id FROM vendors"),
    ("contract", "SELECT id, reference AS name, vendor_id FROM contracts"),
    ("service", "SELECT id, name, vendor_id FROM vendor_services"),
    ("contact", "SELECT id, name, vendor_id FROM contact_persons"),
    ("source", "SELECT id, name, CAST(NULL AS BIGINT) AS vendor_id FROM sources"),
    ("user", "SELECT id, display_name AS name, CAST(NULL AS BIGINT) AS vendor_id FROM users"),
];

#[derive(sqlx::FromRow)]
struct NameRow {
    id: i64,
    name: String,
    vendor_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ActorRow {
    username: String,
    display_name: String,
    role: String,
}

/// The names of the given actors and objects. Reads each table the objects point into once, whole
/// (vendors, contracts, users and sources number in the hundreds, not millions), and only those
/// tables that some object points into.
#[tracing::instrument(skip_all)]
pub async fn audit_names<'a>(
    db: &Db,
    actors: impl IntoIterator<Item = &'a str>,
    objects: impl IntoIterator<Item = &'a str>,
) -> Result<AuditNames> {
    let actors: BTreeSet<&str> = actors.into_iter().collect();
    let objects: BTreeSet<&str> = objects.into_iter().collect();
    let mut names = AuditNames::default();
    if !actors.is_empty() {
        let rows: Vec<ActorRow> =
            on_db!(db, |ex| sqlx::query_as("SELECT username, display_name, role FROM users").fetch_all(ex).await)?;
        for r in rows.into_iter().filter(|r| actors.contains(r.username.as_str())) {
            let name = AuditActorName { display_name: r.display_name, role: parse_role(&r.role)? };
            names.actors.insert(r.username, name);
        }
    }
    for (kind, sql) in KINDS {
        let prefix = format!("{kind}:");
        if !objects.iter().any(|o| o.starts_with(&prefix)) {
            continue;
        }
        let rows: Vec<NameRow> = on_db!(db, |ex| sqlx::query_as(sql).fetch_all(ex).await)?;
        for r in rows {
            let key = format!("{prefix}{}", r.id);
            if objects.contains(key.as_str()) {
                names.objects.insert(key, AuditObjectName { name: r.name, vendor_id: r.vendor_id });
            }
        }
    }
    Ok(names)
}
