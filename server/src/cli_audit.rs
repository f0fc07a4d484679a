//! `regiekamer audit verify [--checkpoint] [--against FILE]` and `regiekamer audit checkpoints
//! [--out FILE]`: check the audit chain and its signed checkpoints, write one, and export them so that
//! they can be kept outside the database. The logic is in [`service::audit_checkpoint`].

use crate::config::Config;
use crate::run::open_services;
use anyhow::{bail, Context};
use clap::Subcommand;
use service::audit_checkpoint::{Anchor, AuditCheckpoint, AuditVerification, CheckpointOutcome, CheckpointWhen};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain and compare it with the newest signed checkpoint; exits 1 and says what is
    /// wrong (the first broken entry, a cut-off tail, a rewritten chain, a forged or removed checkpoint).
    Verify {
        /// When the check passes, write a signed checkpoint of the head (needs `audit.checkpoint_key`).
        #[arg(long)]
        checkpoint: bool,
        /// Also compare with the newest checkpoint in this file (JSON lines from `audit checkpoints`).
        #[arg(long)]
        against: Option<PathBuf>,
    },
    /// Print every stored checkpoint as one JSON object per line (or write them to --out), to keep
    /// them outside the database.
    Checkpoints {
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Without a key nothing can be signed or checked; said on every `audit verify`.
pub const NO_KEY: &str = "audit.checkpoint_key is not set: the chain was not compared with a signed checkpoint, \
                          so a cut-off tail or a rewritten chain would not show (`regiekamer secrets new-key` makes a key)";

pub async fn run(cfg: &Config, command: AuditCommand) -> anyhow::Result<()> {
    let key = cfg.checkpoint_key()?;
    match command {
        AuditCommand::Verify { checkpoint, against } => {
            if key.is_none() && (checkpoint || against.is_some()) {
                bail!("{NO_KEY}; --checkpoint and --against need it");
            }
            let exported = match &against {
                Some(path) => read_exported(path)?,
                None => Vec::new(),
            };
            let services = open_services(cfg).await?;
            let verification = services.verify_audit_log(key.as_ref(), &exported).await?;
            let key_id = key.as_ref().map(|k| k.id().to_string()).unwrap_or_default();
            print_verification(&verification, &key_id);
            if !verification.is_intact() {
                std::process::exit(1);
            }
            if let (true, Some(key)) = (checkpoint, &key) {
                match services.write_audit_checkpoint(key, "cli", CheckpointWhen::Always).await? {
                    CheckpointOutcome::Written(c) => println!(
                        "checkpoint {} written: {} entries up to entry {}, head {}",
                        c.id, c.entry_count, c.last_id, c.head_hash
                    ),
                    CheckpointOutcome::Unchanged => {}
                    CheckpointOutcome::Refused(v) => {
                        print_verification(&v, &key_id);
                        std::process::exit(1);
                    }
                }
            }
            Ok(())
        }
        AuditCommand::Checkpoints { out } => {
            let services = open_services(cfg).await?;
            let mut text = String::new();
            for c in services.audit_checkpoints().await? {
                text.push_str(&serde_json::to_string(&c)?);
                text.push('\n');
            }
            match out {
                None => std::io::stdout().write_all(text.as_bytes())?,
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?
                }
            }
            Ok(())
        }
    }
}

/// Reads exported checkpoints: one JSON object per line, blank lines ignored.
fn read_exported(path: &Path) -> anyhow::Result<Vec<AuditCheckpoint>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut list = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let c = serde_json::from_str(line)
            .with_context(|| format!("{} line {}: not an exported checkpoint", path.display(), n + 1))?;
        list.push(c);
    }
    if list.is_empty() {
        bail!("{} holds no checkpoints", path.display());
    }
    Ok(list)
}

/// Prints what verification found: problems and the result on stdout, missing anchors as warnings.
fn print_verification(v: &AuditVerification, key_id: &str) {
    if let Some(id) = v.chain.first_broken {
        println!("audit chain BROKEN at entry {id} (after {} valid entries)", v.chain.checked);
    }
    for (label, anchor) in
        std::iter::once(("checkpoint", &v.stored)).chain(v.exported.iter().map(|a| ("exported checkpoint", a)))
    {
        match describe(anchor, label, key_id) {
            Line::Ok(text) | Line::Problem(text) => println!("{text}"),
            Line::Warning(text) => eprintln!("warning: {text}"),
        }
    }
    if v.is_intact() {
        println!("audit chain intact: {} entries, head {}", v.chain.checked, v.chain.head);
    }
}

enum Line {
    Ok(String),
    Warning(String),
    Problem(String),
}

fn describe(anchor: &Anchor, label: &str, key_id: &str) -> Line {
    let at = |c: &AuditCheckpoint| c.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    match anchor {
        Anchor::NoKey => Line::Warning(NO_KEY.into()),
        Anchor::NoCheckpoint => {
            Line::Warning("no audit checkpoint yet; write one with `regiekamer audit verify --checkpoint`".into())
        }
        Anchor::Matches(c) => Line::Ok(format!(
            "matches {label} {} of {}: {} entries up to entry {}",
            c.id,
            at(c),
            c.entry_count,
            c.last_id
        )),
        Anchor::Forged(c) => {
            let other =
                if c.key_id == key_id { String::new() } else { format!(" (it names key {})", c.key_id) };
            Line::Problem(format!(
                "audit {label} {} is FORGED or altered: its signature does not verify with audit.checkpoint_key {key_id}{other}",
                c.id
            ))
        }
        Anchor::Truncated { checkpoint: c, rows } => Line::Problem(format!(
            "audit chain TRUNCATED: {label} {} of {} covers {} entries up to entry {}, which is gone; the log has {rows} entries",
            c.id,
            at(c),
            c.entry_count,
            c.last_id
        )),
        Anchor::Rewritten(c) => Line::Problem(format!(
            "audit chain REWRITTEN: entry {} no longer has the hash and place recorded in {label} {} of {}",
            c.last_id,
            c.id,
            at(c)
        )),
        Anchor::Removed { entry_id } => Line::Problem(format!(
            "audit checkpoints REMOVED: entry {entry_id} records a checkpoint that is no longer stored"
        )),
    }
}
