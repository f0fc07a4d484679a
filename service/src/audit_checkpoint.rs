//! Signed checkpoints that anchor the audit chain (issue 7). The hash chain alone shows a modified,
//! deleted or reordered entry, but not a tail that was cut off (the shorter chain is still a valid
//! chain), nor a chain that was edited and rehashed from that point on. A checkpoint records the number
//! of entries and the id and hash of the last one, signed with HMAC-SHA256 under `audit.checkpoint_key`,
//! a key from the configuration that is not in the database: whoever can change the database cannot
//! make a checkpoint that verifies. `audit verify` compares the chain with the newest checkpoint (and
//! with an exported one, kept outside the database, if given).
//!
//! Writing a checkpoint appends an `audit.checkpoint` entry first and signs the head that includes it,
//! so the chain itself records when checkpoints were written and a deleted checkpoint shows too. A
//! checkpoint is only written over a chain that verifies against the previous one: the server never
//! signs a chain that was cut off or rewritten.

use crate::audit::{append_entry, AuditRecord, ChainReport, ChainWalk, Outcome, CHECKPOINT_ACTION};
use crate::{ServiceError, Services};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use sha2::{Digest, Sha256};
use std::fmt;
pub use store::{AuditCheckpoint, NewAuditCheckpoint};
use zeroize::Zeroizing;

const KEY_LEN: usize = 32;
/// SHA-256's block size, which HMAC pads the key to.
const BLOCK: usize = 64;
/// Separates checkpoint MACs from any other use of the key (and names the format's version).
const CONTEXT: &str = "regiekamer audit checkpoint v1";

/// The key that signs checkpoints, from `audit.checkpoint_key`. Never printed.
#[derive(Clone)]
pub struct CheckpointKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    id: String,
}

/// `audit.checkpoint_key` is not 32 bytes written as base64 or hex. Never echoes the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit.checkpoint_key must be 32 bytes as base64 or hex; generate one with `regiekamer secrets new-key`")]
pub struct CheckpointKeyError;

impl CheckpointKey {
    /// Reads a key written as standard base64 (44 characters) or hex (64 characters), like `secrets.key`.
    pub fn parse(text: &str) -> Result<Self, CheckpointKeyError> {
        let text = text.trim();
        let decoded = Zeroizing::new(if text.len() == 2 * KEY_LEN {
            hex::decode(text).map_err(|_| CheckpointKeyError)?
        } else {
            BASE64.decode(text).map_err(|_| CheckpointKeyError)?
        });
        if decoded.len() != KEY_LEN {
            return Err(CheckpointKeyError);
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        bytes.copy_from_slice(&decoded);
        let id = hex::encode(hmac_sha256(bytes.as_slice(), b"key id"))[..8].to_string();
        Ok(CheckpointKey { bytes, id })
    }

    /// Names the key in checkpoints and messages without revealing it: 8 hex characters of an HMAC
    /// of a fixed text, so that it does not match the id of the same bytes used as `secrets.key`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The MAC of a checkpoint's fields, hex.
    pub fn sign(&self, entry_count: i64, last_id: i64, head_hash: &str, created_at: DateTime<Utc>) -> String {
        let mut msg = Vec::new();
        for part in [
            CONTEXT,
            &entry_count.to_string(),
            &last_id.to_string(),
            head_hash,
            &created_at.to_rfc3339_opts(SecondsFormat::Micros, true),
        ] {
            msg.extend_from_slice(&(part.len() as u64).to_be_bytes());
            msg.extend_from_slice(part.as_bytes());
        }
        hex::encode(hmac_sha256(self.bytes.as_slice(), &msg))
    }

    /// Whether `c` was signed with this key and not changed since.
    pub fn verifies(&self, c: &AuditCheckpoint) -> bool {
        let expected = self.sign(c.entry_count, c.last_id, &c.head_hash, c.created_at);
        crate::auth::constant_time_eq(&expected, &c.mac)
    }
}

impl fmt::Debug for CheckpointKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CheckpointKey(<redacted>)")
    }
}

/// HMAC-SHA256 (RFC 2104). Written out over the `sha2` we already use rather than pulling in a second
/// major version of the digest crates for the `hmac` crate; the tests check it against RFC 4231.
fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut block = Zeroizing::new([0u8; BLOCK]);
    if key.len() > BLOCK {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| -> Zeroizing<[u8; BLOCK]> {
        let mut p = Zeroizing::new([byte; BLOCK]);
        p.iter_mut().zip(block.iter()).for_each(|(p, k)| *p ^= k);
        p
    };
    let inner = Sha256::new().chain_update(pad(0x36).as_slice()).chain_update(msg).finalize();
    Sha256::new().chain_update(pad(0x5c).as_slice()).chain_update(inner).finalize().into()
}

/// How the chain relates to a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// No `audit.checkpoint_key` is configured: checkpoints cannot be checked (nor written).
    NoKey,
    /// There is no checkpoint yet, and the chain records none either.
    NoCheckpoint,
    /// The checkpoint is authentic and the chain still holds its entry, at its place, with its hash.
    Matches(AuditCheckpoint),
    /// The checkpoint's MAC does not verify with the configured key: forged or altered (or signed
    /// with another key, when its `key_id` differs).
    Forged(AuditCheckpoint),
    /// The checkpoint's last entry is gone: the tail (or all) of the log was cut off.
    Truncated { checkpoint: AuditCheckpoint, rows: u64 },
    /// The checkpoint's last entry is there but with another hash or at another place: the chain was
    /// edited and rehashed.
    Rewritten(AuditCheckpoint),
    /// The chain records a checkpoint (this entry) that is no longer stored: checkpoints were deleted.
    Removed { entry_id: i64 },
}

impl Anchor {
    /// Whether this relation is no sign of tampering.
    pub fn is_sound(&self) -> bool {
        matches!(self, Anchor::NoKey | Anchor::NoCheckpoint | Anchor::Matches(_))
    }
}

/// What `audit verify` found: the chain's own links, and how it relates to the newest stored
/// checkpoint and to the newest exported one (when given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditVerification {
    pub chain: ChainReport,
    /// Rows in the log, counted to the end even past a break.
    pub rows: u64,
    pub stored: Anchor,
    pub exported: Option<Anchor>,
}

impl AuditVerification {
    /// The chain is unbroken and agrees with every checkpoint it was compared with.
    pub fn is_intact(&self) -> bool {
        self.chain.first_broken.is_none()
            && self.stored.is_sound()
            && self.exported.as_ref().is_none_or(|a| matches!(a, Anchor::Matches(_)))
    }
}

/// Whether to write a checkpoint when nothing was logged since the newest one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointWhen {
    /// Always (`audit verify --checkpoint`).
    Always,
    /// Only when entries were added since the newest checkpoint (the periodic job).
    IfChanged,
}

/// What [`Services::write_audit_checkpoint`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointOutcome {
    Written(AuditCheckpoint),
    /// Nothing was logged since the newest checkpoint.
    Unchanged,
    /// The chain does not verify (against the previous checkpoint): signing it would hide that.
    Refused(Box<AuditVerification>),
}

/// Compares the walked chain with one checkpoint.
fn compare(key: &CheckpointKey, c: &AuditCheckpoint, walk: &ChainWalk) -> Anchor {
    if !key.verifies(c) {
        return Anchor::Forged(c.clone());
    }
    match walk.found.get(&c.last_id) {
        None => Anchor::Truncated { checkpoint: c.clone(), rows: walk.rows },
        Some((place, hash)) => {
            let same_place = i64::try_from(*place).is_ok_and(|p| p == c.entry_count);
            if same_place && hash.as_deref() == Some(c.head_hash.as_str()) {
                Anchor::Matches(c.clone())
            } else {
                Anchor::Rewritten(c.clone())
            }
        }
    }
}

impl Services {
    /// Walks the chain and compares it with the newest stored checkpoint and with the newest of
    /// `exported` (checkpoints kept outside the database; empty: none). Needs no actor: it is run by
    /// the operator from the command line, and by the checkpoint job.
    pub async fn verify_audit_log(
        &self,
        key: Option<&CheckpointKey>,
        exported: &[AuditCheckpoint],
    ) -> Result<AuditVerification, ServiceError> {
        let newest = store::newest_audit_checkpoint(self.db()).await?;
        let outside = exported.iter().max_by_key(|c| (c.last_id, c.created_at));
        let targets: Vec<i64> = newest.iter().chain(outside).map(|c| c.last_id).collect();
        let walk = self.walk_audit_chain(&targets).await?;
        let stored = match (key, &newest) {
            (None, _) => Anchor::NoKey,
            (Some(_), None) => match walk.last_checkpoint_entry {
                Some(entry_id) => Anchor::Removed { entry_id },
                None => Anchor::NoCheckpoint,
            },
            (Some(k), Some(c)) => match (compare(k, c, &walk), walk.last_checkpoint_entry) {
                (Anchor::Matches(c), Some(entry_id)) if entry_id > c.last_id => Anchor::Removed { entry_id },
                (anchor, _) => anchor,
            },
        };
        let exported = outside.map(|c| match key {
            None => Anchor::NoKey,
            Some(k) => compare(k, c, &walk),
        });
        Ok(AuditVerification { chain: walk.report, rows: walk.rows, stored, exported })
    }

    /// Verifies the chain against the newest checkpoint and, when it holds, appends an
    /// `audit.checkpoint` entry and stores a checkpoint of the head that includes it, in one
    /// transaction. Each written checkpoint is also logged (info), so that it lands outside the
    /// database. `origin` says who asked (`cli`, `serve`).
    pub async fn write_audit_checkpoint(
        &self,
        key: &CheckpointKey,
        origin: &str,
        when: CheckpointWhen,
    ) -> Result<CheckpointOutcome, ServiceError> {
        let verification = self.verify_audit_log(Some(key), &[]).await?;
        if !verification.is_intact() {
            return Ok(CheckpointOutcome::Refused(Box::new(verification)));
        }
        if let Anchor::Matches(c) = &verification.stored {
            if when == CheckpointWhen::IfChanged && c.head_hash == verification.chain.head {
                return Ok(CheckpointOutcome::Unchanged);
            }
        }
        let created_at = self.clock().now().trunc_subsecs(6);
        let mut tx = self.db().begin().await?;
        let record = AuditRecord {
            at: created_at,
            actor: "system".into(),
            action: CHECKPOINT_ACTION.into(),
            object: "audit_log".into(),
            result: Outcome::Ok.as_str().into(),
            origin: origin.into(),
            detail: None,
        };
        let (last_id, head_hash) = append_entry(&mut tx, &record).await?;
        let entry_count = store::count_audit_in(&mut tx).await?;
        let mac = key.sign(entry_count, last_id, &head_hash, created_at);
        let new = NewAuditCheckpoint { created_at, entry_count, last_id, head_hash, key_id: key.id().to_string(), mac };
        let id = store::insert_audit_checkpoint(&mut tx, &new).await?;
        tx.commit().await?;
        let c = AuditCheckpoint {
            id,
            created_at: new.created_at,
            entry_count: new.entry_count,
            last_id: new.last_id,
            head_hash: new.head_hash,
            key_id: new.key_id,
            mac: new.mac,
        };
        tracing::info!(
            checkpoint = c.id,
            created_at = %c.created_at.to_rfc3339_opts(SecondsFormat::Micros, true),
            entries = c.entry_count,
            last_id = c.last_id,
            head = %c.head_hash,
            key_id = %c.key_id,
            mac = %c.mac,
            "audit checkpoint written"
        );
        Ok(CheckpointOutcome::Written(c))
    }

    /// Every stored checkpoint, oldest first, for export. Run by the operator from the command line.
    pub async fn audit_checkpoints(&self) -> Result<Vec<AuditCheckpoint>, ServiceError> {
        Ok(store::list_audit_checkpoints(self.db()).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    /// RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first).
    #[test]
    fn hmac_sha256_matches_the_rfc_4231_test_vectors() {
        let long_key = [0xaau8; 131];
        let cases: [(&[u8], &[u8], &str); 3] = [
            (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
        ];
        for (key, msg, mac) in cases {
            assert_eq!(hmac_sha256(key, msg).to_vec(), unhex(mac));
        }
    }

    fn checkpoint(key: &CheckpointKey) -> AuditCheckpoint {
        let created_at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 3, 2, 9, 0, 0).unwrap();
        let head = "ab".repeat(32);
        AuditCheckpoint {
            id: 1,
            created_at,
            entry_count: 7,
            last_id: 9,
            mac: key.sign(7, 9, &head, created_at),
            head_hash: head,
            key_id: key.id().into(),
        }
    }

    #[test]
    fn a_checkpoint_verifies_only_unchanged_and_with_its_own_key() {
        let key = CheckpointKey::parse(&crate::secrets::SecretKey::generate()).unwrap();
        let other = CheckpointKey::parse(&crate::secrets::SecretKey::generate()).unwrap();
        let c = checkpoint(&key);
        assert!(key.verifies(&c));
        assert!(!other.verifies(&c), "another key");
        assert_ne!(key.id(), other.id());
        for changed in [
            AuditCheckpoint { entry_count: 6, ..c.clone() },
            AuditCheckpoint { last_id: 8, ..c.clone() },
            AuditCheckpoint { head_hash: "cd".repeat(32), ..c.clone() },
            AuditCheckpoint { created_at: c.created_at + chrono::TimeDelta::microseconds(1), ..c.clone() },
        ] {
            assert!(!key.verifies(&changed), "{changed:?}");
        }
    }

    #[test]
    fn keys_are_read_as_base64_or_hex_and_never_printed() {
        let text = crate::secrets::SecretKey::generate();
        let key = CheckpointKey::parse(&text).unwrap();
        let as_hex = hex::encode(BASE64.decode(&text).unwrap());
        assert_eq!(CheckpointKey::parse(&as_hex).unwrap().id(), key.id());
        assert!(!format!("{key:?}").contains(&text));
        assert_eq!(CheckpointKey::parse("kort").unwrap_err(), CheckpointKeyError);
        assert!(CheckpointKey::parse(&BASE64.encode([1u8; 31])).is_err());
    }
}
