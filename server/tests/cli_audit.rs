//! `regiekamer audit verify` and `regiekamer audit checkpoints` on a SQLite file (issue 7): with
//! `audit.checkpoint_key` configured, a cut-off tail (the last entry, the last 50, every entry), an
//! edited and rehashed chain and a forged checkpoint exit 1 with what is wrong; an exported checkpoint
//! file can be checked against; a row whose timestamp is not a time is "BROKEN at entry N".
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand::Rng;
use service::audit::{entry_hash, AuditRecord};
use std::path::PathBuf;
use std::process::{Command, Output};
use store::Db;

/// A SQLite file under the temp folder, removed (with its WAL files) when dropped.
struct TempDb {
    path: PathBuf,
}

impl TempDb {
    fn new() -> TempDb {
        let path = std::env::temp_dir().join(format!("rk_cli_audit_{:016x}.db", rand::thread_rng().gen::<u64>()));
        TempDb { path }
    }

    fn url(&self) -> String {
        format!("sqlite://{}", self.path.display())
    }

    async fn open(&self) -> Db {
        let db = Db::connect(&self.url()).await.unwrap();
        db.migrate().await.unwrap();
        db
    }

    /// Runs a statement with one integer parameter on the file; returns the rows affected.
    async fn execute(&self, sql: &'static str, param: i64) -> u64 {
        let db = self.open().await;
        let Db::Sqlite { write, .. } = &db else { unreachable!() };
        let n = sqlx::query(sql).bind(param).execute(write).await.unwrap().rows_affected();
        db.close().await;
        n
    }

    /// The ids of the entries, oldest first.
    async fn ids(&self) -> Vec<i64> {
        let db = self.open().await;
        let ids = store::audit_in_order(&db, 0, 10_000).await.unwrap().iter().map(|e| e.id).collect();
        db.close().await;
        ids
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}

fn record(i: usize) -> AuditRecord {
    AuditRecord {
        at: chrono::DateTime::from_timestamp(1_772_442_000 + i as i64, 0).unwrap(),
        actor: "beheerder".into(),
        action: "vendor.create".into(),
        object: format!("vendor:{i}"),
        result: "ok".into(),
        origin: "192.0.2.1".into(),
        detail: None,
    }
}

/// A log of `n` chained entries, written as the application writes them.
async fn seeded(n: usize) -> TempDb {
    let t = TempDb::new();
    let db = t.open().await;
    for i in 0..n {
        let mut tx = db.begin().await.unwrap();
        service::audit::append(&mut tx, record(i)).await.unwrap();
        tx.commit().await.unwrap();
    }
    db.close().await;
    t
}

fn regiekamer(t: &TempDb, key: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_regiekamer"));
    cmd.args(args)
        .env_remove("REGIEKAMER_CONFIG")
        .env_remove("REGIEKAMER__AUDIT__CHECKPOINT_KEY")
        .env_remove("RUST_LOG")
        .env("REGIEKAMER__DATABASE__URL", t.url())
        .env("REGIEKAMER__LOG__LEVEL", "error");
    if let Some(k) = key {
        cmd.env("REGIEKAMER__AUDIT__CHECKPOINT_KEY", k);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Runs the command and expects exit 0; returns stdout.
fn ok(t: &TempDb, key: Option<&str>, args: &[&str]) -> String {
    let o = regiekamer(t, key, args);
    assert!(o.status.success(), "{args:?} failed: {}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    stdout(&o)
}

/// Runs the command and expects exit 1 with `expected` in stdout.
fn fails_with(t: &TempDb, key: Option<&str>, args: &[&str], expected: &str) {
    let o = regiekamer(t, key, args);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{args:?} must fail, printed: {out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains(expected), "{args:?}: expected {expected:?} in {out:?}");
    assert!(!out.contains("intact"), "{out}");
}

fn new_key() -> String {
    service::secrets::SecretKey::generate()
}

#[tokio::test]
async fn a_cut_off_tail_fails_verification_after_a_checkpoint() {
    // Keep all but the last entry, all but the last 50, and none.
    for drop_last in [1usize, 50, 61] {
        let t = seeded(60).await;
        let key = new_key();
        let out = ok(&t, Some(&key), &["audit", "verify", "--checkpoint"]);
        assert!(
            out.contains("audit chain intact: 60 entries") && out.contains("checkpoint 1 written: 61 entries"),
            "{out}"
        );
        assert!(ok(&t, Some(&key), &["audit", "verify"]).contains("matches checkpoint 1"));

        let ids = t.ids().await;
        let keep = ids.len() - drop_last;
        let after = if keep == 0 { 0 } else { ids[keep - 1] };
        assert_eq!(t.execute("DELETE FROM audit_log WHERE id > $1", after).await, drop_last as u64);
        fails_with(&t, Some(&key), &["audit", "verify"], "TRUNCATED: checkpoint 1 of ");
        fails_with(&t, Some(&key), &["audit", "verify"], &format!("the log has {keep} entries"));
        fails_with(&t, Some(&key), &["audit", "verify", "--checkpoint"], "TRUNCATED");
    }
}

#[tokio::test]
async fn an_edited_and_rehashed_chain_fails_verification() {
    let t = seeded(10).await;
    let key = new_key();
    ok(&t, Some(&key), &["audit", "verify", "--checkpoint"]);
    let db = t.open().await;
    let mut log = store::audit_in_order(&db, 0, 100).await.unwrap();
    log[4].record.actor = "mallory".into();
    let Db::Sqlite { write, .. } = &db else { unreachable!() };
    for i in 4..log.len() {
        log[i].prev_hash = log[i - 1].hash.clone();
        log[i].hash = entry_hash(&log[i].prev_hash, &log[i].record);
        sqlx::query("UPDATE audit_log SET actor = $1, prev_hash = $2, hash = $3 WHERE id = $4")
            .bind(&log[i].record.actor)
            .bind(&log[i].prev_hash)
            .bind(&log[i].hash)
            .bind(log[i].id)
            .execute(write)
            .await
            .unwrap();
    }
    db.close().await;
    fails_with(&t, Some(&key), &["audit", "verify"], &format!("REWRITTEN: entry {} no longer", log[10].id));
}

#[tokio::test]
async fn a_forged_checkpoint_fails_verification() {
    let t = seeded(5).await;
    let key = new_key();
    ok(&t, Some(&key), &["audit", "verify", "--checkpoint"]);
    // Cut the tail and move the checkpoint along, without the key to sign it.
    let ids = t.ids().await;
    t.execute("DELETE FROM audit_log WHERE id > $1", ids[2]).await;
    t.execute("UPDATE audit_checkpoints SET entry_count = 3, last_id = $1", ids[2]).await;
    fails_with(&t, Some(&key), &["audit", "verify"], "checkpoint 1 is FORGED or altered");
    // The same log verified with another key: the checkpoint names the key it was made with.
    let o = regiekamer(&t, Some(&new_key()), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("(it names key "), "{}", stdout(&o));
}

#[tokio::test]
async fn exported_checkpoints_can_be_checked_against() {
    let t = seeded(5).await;
    let key = new_key();
    ok(&t, Some(&key), &["audit", "verify", "--checkpoint"]);
    let printed = ok(&t, Some(&key), &["audit", "checkpoints"]);
    let line: serde_json::Value = serde_json::from_str(printed.trim()).unwrap();
    assert_eq!((line["id"].as_i64(), line["entry_count"].as_i64()), (Some(1), Some(6)), "{printed}");
    let file = t.path.with_extension("checkpoints.jsonl");
    ok(&t, Some(&key), &["audit", "checkpoints", "--out", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), printed);
    assert!(ok(&t, Some(&key), &["audit", "verify", "--against", file.to_str().unwrap()])
        .contains("matches exported checkpoint 1"));

    // Delete the stored checkpoint and the entries it covered: only the exported copy still knows.
    let ids = t.ids().await;
    t.execute("DELETE FROM audit_checkpoints WHERE id = $1", 1).await;
    t.execute("DELETE FROM audit_log WHERE id > $1", ids[2]).await;
    fails_with(
        &t,
        Some(&key),
        &["audit", "verify", "--against", file.to_str().unwrap()],
        "TRUNCATED: exported checkpoint 1",
    );
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn a_malformed_timestamp_is_reported_as_the_broken_entry() {
    let t = seeded(5).await;
    let ids = t.ids().await;
    t.execute("UPDATE audit_log SET at = 'gisteren' WHERE id = $1", ids[2]).await;
    fails_with(
        &t,
        None,
        &["audit", "verify"],
        &format!("audit chain BROKEN at entry {} (after 2 valid entries)", ids[2]),
    );
}

/// Decided and documented: without a key `audit verify` checks the links, warns that checkpoints were
/// not compared, and refuses to write or check one.
#[tokio::test]
async fn without_a_key_verify_warns_and_checkpoints_are_refused() {
    let t = seeded(3).await;
    let o = regiekamer(&t, None, &["audit", "verify"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("audit chain intact: 3 entries"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning: audit.checkpoint_key is not set"));
    let refused = regiekamer(&t, None, &["audit", "verify", "--checkpoint"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--checkpoint and --against need it"));
    assert!(ok(&t, None, &["audit", "checkpoints"]).is_empty());
}

/// The server process; killed when dropped, so a failing assertion leaves no process behind.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `serve` with a key writes a checkpoint at start-up (and logs it), which `audit verify` then matches.
#[tokio::test]
async fn serve_writes_a_checkpoint_at_start_up() {
    let t = seeded(4).await;
    let key = new_key();
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_regiekamer"))
            .arg("serve")
            .env_remove("REGIEKAMER_CONFIG")
            .env_remove("RUST_LOG")
            .env("REGIEKAMER__DATABASE__URL", t.url())
            .env("REGIEKAMER__SERVER__ADDR", "127.0.0.1:0")
            .env("REGIEKAMER__MONITORING__ENABLED", "false")
            .env("REGIEKAMER__AUDIT__CHECKPOINT_KEY", &key)
            .env("REGIEKAMER__LOG__FORMAT", "json")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let db = t.open().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let written = loop {
        if let Some(c) = store::newest_audit_checkpoint(&db).await.unwrap() {
            break c;
        }
        assert!(server.0.try_wait().unwrap().is_none(), "serve exited early");
        assert!(std::time::Instant::now() < deadline, "no checkpoint written at start-up");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    db.close().await;
    assert_eq!(
        written.entry_count, 7,
        "the four entries, the shipped self-service forms and profiles (one each) and the checkpoint's own"
    );
    server.0.kill().unwrap();
    let log = std::io::read_to_string(server.0.stdout.take().unwrap()).unwrap();
    assert!(
        log.lines().any(|l| l.contains("audit checkpoint written") && l.contains(&written.head_hash)),
        "the checkpoint is logged: {log}"
    );
    assert!(ok(&t, Some(&key), &["audit", "verify"]).contains("matches checkpoint 1"));
}
