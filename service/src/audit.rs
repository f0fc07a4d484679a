//! The audit log (BIO 8.15.01): every change, sign-in and failed sign-in, with actor, action, object,
//! result, origin and UTC time, chained by SHA-256 so that a modified, deleted or reordered entry
//! breaks the chain at that point.

use crate::policy::{authorize, Action};
use crate::{Actor, ServiceError, Services};
use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
pub use store::{AuditActorName, AuditEntry, AuditFilter, AuditNames, AuditObjectName, AuditRecord};
use store::{ChainLink, Tx};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Outcome of an audited action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Denied,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

/// The hash of an entry: SHA-256 over the previous hash and every field, separated so that moving
/// text from one field to the next changes the hash.
pub fn entry_hash(prev_hash: &str, r: &AuditRecord) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        &r.at.to_rfc3339_opts(SecondsFormat::Micros, true),
        &r.actor,
        &r.action,
        &r.object,
        &r.result,
        &r.origin,
        r.detail.as_deref().unwrap_or(""),
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends an entry inside the caller's transaction, so the change and its audit entry commit together.
pub async fn append(tx: &mut Tx, record: AuditRecord) -> Result<(), ServiceError> {
    append_entry(tx, &record).await.map(drop)
}

/// [`append`], returning the new entry's id and hash (the new head of the chain).
pub(crate) async fn append_entry(tx: &mut Tx, record: &AuditRecord) -> Result<(i64, String), ServiceError> {
    let prev = store::lock_audit_tail(tx).await?.unwrap_or_else(|| GENESIS.to_string());
    let hash = entry_hash(&prev, record);
    let id = store::insert_audit(tx, record, &prev, &hash).await?;
    Ok((id, hash))
}

/// Builds the record for an action by `actor` on `object`.
pub fn record(
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    object: String,
    outcome: Outcome,
    detail: Option<String>,
) -> AuditRecord {
    AuditRecord {
        at,
        actor: actor.username.clone(),
        action: action.to_string(),
        object,
        result: outcome.as_str().to_string(),
        origin: actor.origin.clone(),
        detail,
    }
}

impl Services {
    /// Records a refused attempt in its own transaction (the refused change itself wrote nothing).
    pub(crate) async fn audit_denied(&self, actor: &Actor, action: &str, object: String) {
        let rec = record(self.clock().now(), actor, action, object, Outcome::Denied, None);
        self.audit_standalone(rec).await;
    }

    /// Writes one entry in its own transaction, for events that change nothing else (a failed
    /// sign-in, a refused attempt). A failure to write is logged, not returned.
    pub(crate) async fn audit_standalone(&self, rec: AuditRecord) {
        let res: Result<(), ServiceError> = async {
            let mut tx = self.db().begin().await?;
            append(&mut tx, rec).await?;
            tx.commit().await?;
            Ok(())
        }
        .await;
        if let Err(e) = res {
            tracing::error!(error = ?e, "could not write audit entry");
        }
    }

    /// Checks `action` for `actor`; a refusal is itself audited.
    pub(crate) async fn guard(
        &self,
        actor: &Actor,
        action: Action,
        audit_action: &str,
        object: String,
    ) -> Result<(), ServiceError> {
        match authorize(actor, action) {
            Ok(()) => Ok(()),
            Err(e) => {
                self.audit_denied(actor, audit_action, object).await;
                Err(e)
            }
        }
    }

    /// One page of the audit log, newest first, for auditor and beheerder.
    pub async fn browse_audit_log(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
    ) -> Result<(Vec<AuditEntry>, i64), ServiceError> {
        self.guard(actor, Action::ViewAuditLog, "audit.view", "audit_log".into()).await?;
        let mut f = filter.clone();
        f.limit = f.limit.clamp(1, 200);
        f.offset = f.offset.max(0);
        let rows = store::list_audit(self.db(), &f).await?;
        let total = store::count_audit(self.db(), &f).await?;
        Ok((rows, total))
    }

    /// Walks the whole chain. Needs no actor: it is run by the operator from the command line.
    pub async fn verify_audit_chain(&self) -> Result<ChainReport, ServiceError> {
        Ok(self.walk_audit_chain(&[]).await?.report)
    }

    /// Reads every row in order, checks each link, and notes the position and hash of the rows whose
    /// ids are in `targets` (the last entries of checkpoints). Keeps counting after a break, so that a
    /// checkpoint can still be compared with what is left.
    pub(crate) async fn walk_audit_chain(&self, targets: &[i64]) -> Result<ChainWalk, ServiceError> {
        let mut walk = ChainWalk {
            report: ChainReport { checked: 0, first_broken: None, head: GENESIS.to_string() },
            rows: 0,
            found: HashMap::new(),
            last_checkpoint_entry: None,
        };
        let mut prev = GENESIS.to_string();
        let mut after = 0i64;
        loop {
            let batch = store::audit_chain_page(self.db(), after, 1000).await?;
            if batch.is_empty() {
                return Ok(walk);
            }
            for link in batch {
                walk.rows += 1;
                after = link.id();
                let (hash, valid) = match &link {
                    ChainLink::Entry(e) => {
                        if e.record.action == CHECKPOINT_ACTION {
                            walk.last_checkpoint_entry = Some(e.id);
                        }
                        let valid = e.prev_hash == prev && entry_hash(&e.prev_hash, &e.record) == e.hash;
                        prev = e.hash.clone();
                        (Some(e.hash.clone()), valid)
                    }
                    ChainLink::Unreadable { .. } => (None, false),
                };
                if targets.contains(&link.id()) {
                    walk.found.insert(link.id(), (walk.rows, hash.clone()));
                }
                if walk.report.first_broken.is_some() {
                    continue;
                }
                match (valid, hash) {
                    (true, Some(h)) => {
                        walk.report.checked += 1;
                        walk.report.head = h;
                    }
                    _ => walk.report.first_broken = Some(link.id()),
                }
            }
        }
    }
}

/// The action of the entry written with each checkpoint (see `audit_checkpoint`).
pub const CHECKPOINT_ACTION: &str = "audit.checkpoint";

/// What one pass over the whole log found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChainWalk {
    pub report: ChainReport,
    /// Rows in the log, counted to the end even past a break.
    pub rows: u64,
    /// Position (1-based) and hash (none when unreadable) of the rows asked for, by id.
    pub found: HashMap<i64, (u64, Option<String>)>,
    /// The last entry recording that a checkpoint was written.
    pub last_checkpoint_entry: Option<i64>,
}

/// Result of [`Services::verify_audit_chain`]. `head` is the last valid hash: record it elsewhere to
/// detect later truncation of the tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub checked: u64,
    pub first_broken: Option<i64>,
    pub head: String,
}
