//! The audit log (BIO 8.15.01): an append-only hash chain. The service computes each entry's hash from
//! the previous one; this module stores entries, hands out the chain's tail under a lock so that two
//! writers cannot fork the chain, and reads entries back for the log page and chain verification.

use crate::db::{Db, Tx};
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;

/// One audited event: who did what to which object, with what result, from where and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub object: String,
    pub result: String,
    pub origin: String,
    pub detail: Option<String>,
}

/// A stored record with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub record: AuditRecord,
    pub prev_hash: String,
    pub hash: String,
}

/// Which entries to list. Empty fields do not filter; `limit <= 0` means no limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Exact actor.
    pub actor: Option<String>,
    /// Action prefix, e.g. `vendor.` for every vendor action.
    pub action: Option<String>,
    /// A whole object (`contract:12`, which does not match `contract:120`), or else part of the
    /// object text (`contract:`).
    pub object: Option<String>,
    /// Exact result.
    pub result: Option<String>,
    /// From this moment on (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Before this moment (exclusive).
    pub to: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: DateTime<Utc>,
    actor: String,
    action: String,
    object: String,
    result: String,
    origin: String,
    detail: Option<String>,
    prev_hash: String,
    hash: String,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry {
            id: r.id,
            record: AuditRecord {
                at: r.at,
                actor: r.actor,
                action: r.action,
                object: r.object,
                result: r.result,
                origin: r.origin,
                detail: r.detail,
            },
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// The columns of [`AuditRow`], as a literal so that `concat!` can build static query texts.
macro_rules! columns {
    () => {
        "id, at, actor, action, object, result, origin, detail, prev_hash, hash"
    };
}

/// Returns the hash of the last entry (none when the log is empty) and keeps other writers from
/// appending until `tx` ends. On PostgreSQL this takes a table lock; on SQLite the single writer
/// connection already serialises writers.
#[tracing::instrument(skip_all)]
pub async fn lock_audit_tail(tx: &mut Tx) -> Result<Option<String>> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("LOCK TABLE audit_log IN EXCLUSIVE MODE").execute(&mut **t).await?;
    }
    Ok(on_tx!(tx, |ex| sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_optional(ex)
        .await)?)
}

/// Appends an entry; returns its id. Call [`lock_audit_tail`] first in the same transaction.
#[tracing::instrument(skip_all)]
pub async fn insert_audit(tx: &mut Tx, record: &AuditRecord, prev_hash: &str, hash: &str) -> Result<i64> {
    Ok(on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO audit_log (at, actor, action, object, result, origin, detail, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(record.at)
    .bind(&record.actor)
    .bind(&record.action)
    .bind(&record.object)
    .bind(&record.result)
    .bind(&record.origin)
    .bind(&record.detail)
    .bind(prev_hash)
    .bind(hash)
    .fetch_one(ex)
    .await)?)
}

/// A value to bind to a `$n` placeholder of a filter.
enum Bind<'a> {
    Text(&'a str),
    Time(DateTime<Utc>),
}

/// Builds ` WHERE …` with numbered placeholders for the filter's values, in bind order. Only fixed SQL
/// fragments go into the text; every value is bound.
fn where_clause<'a>(db: &Db, f: &'a AuditFilter) -> (String, Vec<Bind<'a>>) {
    let mut conds: Vec<String> = Vec::new();
    let mut binds = Vec::new();
    let mut next = |b: Bind<'a>| {
        binds.push(b);
        binds.len()
    };
    if let Some(a) = &f.actor {
        conds.push(format!("actor = ${}", next(Bind::Text(a))));
    }
    if let Some(a) = &f.action {
        let n = next(Bind::Text(a));
        conds.push(format!("substr(action, 1, length(${n})) = ${n}"));
    }
    if let Some(o) = &f.object {
        let n = next(Bind::Text(o));
        conds.push(match db {
            _ if is_whole_object(o) => format!("object = ${n}"),
            Db::Sqlite { .. } => format!("instr(object, ${n}) > 0"),
            Db::Postgres(_) => format!("strpos(object, ${n}) > 0"),
        });
    }
    if let Some(r) = &f.result {
        conds.push(format!("result = ${}", next(Bind::Text(r))));
    }
    if let Some(t) = f.from {
        conds.push(format!("at >= ${}", next(Bind::Time(t))));
    }
    if let Some(t) = f.to {
        conds.push(format!("at < ${}", next(Bind::Time(t))));
    }
    let sql = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    (sql, binds)
}

/// Whether `o` names one object, `kind:id` with a numeric id (`vendor:7`), rather than part of one.
fn is_whole_object(o: &str) -> bool {
    o.split_once(':').is_some_and(|(kind, id)| {
        !kind.is_empty()
            && kind.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && !id.is_empty()
            && id.chars().all(|c| c.is_ascii_digit())
    })
}

/// Binds the filter values onto a query, whatever its backend and kind.
macro_rules! bind_all {
    ($q:expr, $binds:expr) => {{
        let mut q = $q;
        for b in $binds {
            q = match b {
                Bind::Text(s) => q.bind(*s),
                Bind::Time(t) => q.bind(*t),
            };
        }
        q
    }};
}

/// Entries matching the filter, newest first.
#[tracing::instrument(skip_all)]
pub async fn list_audit(db: &Db, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let (cond, binds) = where_clause(db, f);
    let n = binds.len();
    let sql = format!(
        concat!("SELECT ", columns!(), " FROM audit_log{} ORDER BY id DESC LIMIT ${} OFFSET ${}"),
        cond,
        n + 1,
        n + 2
    );
    let limit = if f.limit > 0 { f.limit } else { i64::MAX };
    let rows: Vec<AuditRow> = on_db!(db, |ex| bind_all!(sqlx::query_as(AssertSqlSafe(sql.as_str())), &binds)
        .bind(limit)
        .bind(f.offset.max(0))
        .fetch_all(ex)
        .await)?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}

/// How many entries match the filter (ignoring limit and offset).
#[tracing::instrument(skip_all)]
pub async fn count_audit(db: &Db, f: &AuditFilter) -> Result<i64> {
    let (cond, binds) = where_clause(db, f);
    let sql = format!("SELECT COUNT(*) FROM audit_log{cond}");
    Ok(on_db!(db, |ex| bind_all!(sqlx::query_scalar(AssertSqlSafe(sql.as_str())), &binds).fetch_one(ex).await)?)
}

/// One row of the chain as read for verification: the entry, or the id of a row whose columns do not
/// decode (a timestamp that is not a time, say). A row that cannot be read cannot be verified either,
/// so verification reports it as the broken entry instead of failing with a decode error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainLink {
    Entry(AuditEntry),
    Unreadable { id: i64, reason: String },
}

impl ChainLink {
    /// The row's id.
    pub fn id(&self) -> i64 {
        match self {
            ChainLink::Entry(e) => e.id,
            ChainLink::Unreadable { id, .. } => *id,
        }
    }
}

/// Decodes one chain row; a column that does not decode makes it [`ChainLink::Unreadable`].
fn chain_link<'r, R>(row: &'r R) -> Result<ChainLink>
where
    R: sqlx::Row,
    AuditRow: sqlx::FromRow<'r, R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    &'static str: sqlx::ColumnIndex<R>,
{
    let id: i64 = row.try_get("id")?;
    match <AuditRow as sqlx::FromRow<'r, R>>::from_row(row) {
        Ok(r) => Ok(ChainLink::Entry(r.into())),
        Err(e @ (sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_))) => {
            Ok(ChainLink::Unreadable { id, reason: e.to_string() })
        }
        Err(e) => Err(e.into()),
    }
}

/// Up to `limit` rows with an id above `after_id`, oldest first, each decoded on its own: the chain in
/// pages for verification, which must name a row with an undecodable column instead of stopping.
#[tracing::instrument(skip_all)]
pub async fn audit_chain_page(db: &Db, after_id: i64, limit: i64) -> Result<Vec<ChainLink>> {
    on_db!(db, |ex| {
        let rows = sqlx::query(concat!("SELECT ", columns!(), " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2"))
            .bind(after_id)
            .bind(limit.max(0))
            .fetch_all(ex)
            .await?;
        rows.iter().map(chain_link).collect()
    })
}

/// How many entries the log holds, read inside `tx` (after [`lock_audit_tail`], so that it matches the tail).
#[tracing::instrument(skip_all)]
pub async fn count_audit_in(tx: &mut Tx) -> Result<i64> {
    Ok(on_tx!(tx, |ex| sqlx::query_scalar("SELECT COUNT(*) FROM audit_log").fetch_one(ex).await)?)
}

/// Up to `limit` entries with an id above `after_id`, oldest first: the chain in pages, for verification.
#[tracing::instrument(skip_all)]
pub async fn audit_in_order(db: &Db, after_id: i64, limit: i64) -> Result<Vec<AuditEntry>> {
    let rows: Vec<AuditRow> = on_db!(db, |ex| sqlx::query_as(concat!(
        "SELECT ",
        columns!(),
        " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2"
    ))
    .bind(after_id)
    .bind(limit.max(0))
    .fetch_all(ex)
    .await)?;
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}
