//! Signed checkpoints anchor the audit chain (issue 7): cutting off the tail (the last entry, the last
//! 50, all of them), editing an entry and rehashing everything after it, forging or removing a
//! checkpoint, all pass the hash chain alone but not the comparison with the newest checkpoint. A row
//! whose timestamp does not decode is reported as the broken entry.

use crate::support::{audit_log, execute, overwrite_audit_entry, services, user, vendor_form};
use domain::Role;
use service::audit::entry_hash;
use service::audit_checkpoint::{
    Anchor, AuditCheckpoint, AuditVerification, CheckpointKey, CheckpointOutcome, CheckpointWhen, NewAuditCheckpoint,
};
use service::Services;
use store::Db;

fn key() -> CheckpointKey {
    CheckpointKey::parse(&service::secrets::SecretKey::generate()).unwrap()
}

/// `n` audit entries (a user and `n - 1` vendors), then a checkpoint over them; returns the checkpoint.
async fn anchored(s: &Services, key: &CheckpointKey, n: usize) -> AuditCheckpoint {
    let admin = user(s, "beheer", Role::Beheerder).await;
    for i in 1..n {
        s.register_vendor(&admin, &vendor_form(&format!("Leverancier {i} B.V."))).await.unwrap();
    }
    match s.write_audit_checkpoint(key, "cli", CheckpointWhen::Always).await.unwrap() {
        CheckpointOutcome::Written(c) => c,
        other => panic!("no checkpoint written: {other:?}"),
    }
}

async fn verify(s: &Services, key: &CheckpointKey) -> AuditVerification {
    s.verify_audit_log(Some(key), &[]).await.unwrap()
}

async fn a_checkpoint_signs_the_head_including_its_own_entry(db: &Db) {
    let (s, key) = (services(db), key());
    let c = anchored(&s, &key, 7).await;
    let log = audit_log(db).await;
    let last = log.last().unwrap();
    assert_eq!(last.record.action, "audit.checkpoint");
    assert_eq!((last.record.actor.as_str(), last.record.origin.as_str()), ("system", "cli"));
    assert_eq!((c.entry_count, c.last_id, c.head_hash.as_str()), (8, last.id, last.hash.as_str()));
    assert_eq!(c.key_id, key.id());
    assert!(key.verifies(&c));
    assert_eq!(s.audit_checkpoints().await.unwrap(), vec![c.clone()], "stored as returned");

    let v = verify(&s, &key).await;
    assert!(v.is_intact(), "{v:?}");
    assert_eq!(v.stored, Anchor::Matches(c));
    assert_eq!((v.chain.checked, v.rows), (8, 8));
}
both_dbs!(a_checkpoint_signs_the_head_including_its_own_entry);

/// Cutting off the last entry, the last 50 or every entry leaves a valid (shorter) chain, so the chain
/// alone still verifies; the checkpoint shows the cut.
async fn a_cut_off_tail_does_not_match_the_checkpoint(db: &Db) {
    let (s, key) = (services(db), key());
    let c = anchored(&s, &key, 60).await;
    let log = audit_log(db).await;
    assert_eq!(log.len(), 61);
    for keep in [60, 11, 0] {
        let after = if keep == 0 { 0 } else { log[keep - 1].id };
        execute(db, "DELETE FROM audit_log WHERE id > $1", after).await;
        assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, None, "the chain alone cannot see it");
        let v = verify(&s, &key).await;
        assert!(!v.is_intact(), "keeping {keep} entries went unnoticed: {v:?}");
        assert_eq!(v.stored, Anchor::Truncated { checkpoint: c.clone(), rows: keep as u64 });
    }
}
both_dbs!(a_cut_off_tail_does_not_match_the_checkpoint);

/// Editing an entry and recomputing every hash after it gives a chain whose links all hold; the
/// checkpointed head no longer matches.
async fn an_edited_and_rehashed_chain_does_not_match_the_checkpoint(db: &Db) {
    let (s, key) = (services(db), key());
    let c = anchored(&s, &key, 7).await;
    let mut log = audit_log(db).await;
    log[3].record.result = "denied".into();
    for i in 3..log.len() {
        let prev = if i == 0 { service::audit::GENESIS.to_string() } else { log[i - 1].hash.clone() };
        log[i].prev_hash = prev;
        log[i].hash = entry_hash(&log[i].prev_hash, &log[i].record);
        overwrite_audit_entry(db, log[i].id, &log[i]).await;
    }
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, None, "every link holds");
    let v = verify(&s, &key).await;
    assert!(!v.is_intact());
    assert_eq!(v.stored, Anchor::Rewritten(c));
}
both_dbs!(an_edited_and_rehashed_chain_does_not_match_the_checkpoint);

async fn store_checkpoint(db: &Db, c: &NewAuditCheckpoint) {
    let mut tx = db.begin().await.unwrap();
    store::insert_audit_checkpoint(&mut tx, c).await.unwrap();
    tx.commit().await.unwrap();
}

/// A checkpoint written without the key (for a cut-off chain, or an altered one) does not verify.
async fn a_forged_checkpoint_is_found(db: &Db) {
    let (s, key) = (services(db), key());
    let c = anchored(&s, &key, 7).await;
    let log = audit_log(db).await;
    execute(db, "DELETE FROM audit_log WHERE id > $1", log[4].id).await;
    let attacker = self::key();
    let forged = NewAuditCheckpoint {
        created_at: c.created_at,
        entry_count: 5,
        last_id: log[4].id,
        head_hash: log[4].hash.clone(),
        key_id: key.id().into(),
        mac: attacker.sign(5, log[4].id, &log[4].hash, c.created_at),
    };
    store_checkpoint(db, &forged).await;
    let v = verify(&s, &key).await;
    assert!(!v.is_intact());
    assert!(matches!(&v.stored, Anchor::Forged(f) if f.last_id == log[4].id), "{v:?}");

    // Copying the real MAC onto other figures does not help either.
    store_checkpoint(db, &NewAuditCheckpoint { mac: c.mac.clone(), ..forged }).await;
    assert!(matches!(verify(&s, &key).await.stored, Anchor::Forged(_)));
}
both_dbs!(a_forged_checkpoint_is_found);

/// Deleting the newest checkpoints does not hide them: the chain records each one written.
async fn a_removed_checkpoint_is_found(db: &Db) {
    let (s, key) = (services(db), key());
    let first = anchored(&s, &key, 3).await;
    let CheckpointOutcome::Written(second) =
        s.write_audit_checkpoint(&key, "cli", CheckpointWhen::Always).await.unwrap()
    else {
        panic!("no second checkpoint")
    };
    execute(db, "DELETE FROM audit_checkpoints WHERE id = $1", second.id).await;
    let v = verify(&s, &key).await;
    assert_eq!(v.stored, Anchor::Removed { entry_id: second.last_id });
    execute(db, "DELETE FROM audit_checkpoints WHERE id = $1", first.id).await;
    assert_eq!(verify(&s, &key).await.stored, Anchor::Removed { entry_id: second.last_id });
}
both_dbs!(a_removed_checkpoint_is_found);

/// Checkpoints kept outside the database catch what the stored ones cannot: the newest stored
/// checkpoints deleted together with the tail they cover, and the chain cut back to an older one.
async fn an_exported_checkpoint_catches_a_cut_back_to_an_older_one(db: &Db) {
    let (s, key) = (services(db), key());
    let older = anchored(&s, &key, 3).await;
    let admin = user(&s, "tweede", Role::Beheerder).await;
    s.register_vendor(&admin, &vendor_form("Later B.V.")).await.unwrap();
    let CheckpointOutcome::Written(newer) =
        s.write_audit_checkpoint(&key, "cli", CheckpointWhen::Always).await.unwrap()
    else {
        panic!("no second checkpoint")
    };
    let exported = s.audit_checkpoints().await.unwrap();
    execute(db, "DELETE FROM audit_checkpoints WHERE id = $1", newer.id).await;
    execute(db, "DELETE FROM audit_log WHERE id > $1", older.last_id).await;

    let stored_only = verify(&s, &key).await;
    assert!(stored_only.is_intact(), "the database alone looks consistent: {stored_only:?}");
    let v = s.verify_audit_log(Some(&key), &exported).await.unwrap();
    assert!(!v.is_intact());
    assert_eq!(v.exported, Some(Anchor::Truncated { checkpoint: newer, rows: older.entry_count as u64 }));
}
both_dbs!(an_exported_checkpoint_catches_a_cut_back_to_an_older_one);

/// The periodic job writes only when something was logged, and never signs a chain that does not
/// verify (that would make the cut invisible from then on).
async fn the_periodic_checkpoint_skips_an_unchanged_log_and_refuses_a_cut_one(db: &Db) {
    let (s, key) = (services(db), key());
    let admin = user(&s, "beheer", Role::Beheerder).await;
    s.register_vendor(&admin, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    let first = s.write_audit_checkpoint(&key, "serve", CheckpointWhen::IfChanged).await.unwrap();
    assert!(matches!(first, CheckpointOutcome::Written(ref c) if c.entry_count == 3), "{first:?}");
    let again = s.write_audit_checkpoint(&key, "serve", CheckpointWhen::IfChanged).await.unwrap();
    assert_eq!(again, CheckpointOutcome::Unchanged);

    let log = audit_log(db).await;
    execute(db, "DELETE FROM audit_log WHERE id > $1", log[1].id).await;
    let refused = s.write_audit_checkpoint(&key, "serve", CheckpointWhen::IfChanged).await.unwrap();
    assert!(matches!(refused, CheckpointOutcome::Refused(_)), "{refused:?}");
    let forced = s.write_audit_checkpoint(&key, "cli", CheckpointWhen::Always).await.unwrap();
    assert!(matches!(forced, CheckpointOutcome::Refused(_)), "{forced:?}");
    assert_eq!(s.audit_checkpoints().await.unwrap().len(), 1, "nothing new was signed");
    assert_eq!(audit_log(db).await.len(), 2, "and nothing was logged");
}
both_dbs!(the_periodic_checkpoint_skips_an_unchanged_log_and_refuses_a_cut_one);

/// Without a key the chain is still verified, and the result says that checkpoints were not compared.
async fn without_a_key_the_chain_is_still_verified(db: &Db) {
    let (s, key) = (services(db), key());
    anchored(&s, &key, 3).await;
    let v = s.verify_audit_log(None, &[]).await.unwrap();
    assert_eq!((v.stored, v.chain.checked, v.chain.first_broken), (Anchor::NoKey, 4, None));
    execute(db, "UPDATE audit_log SET actor = 'mallory' WHERE id = $1", audit_log(db).await[1].id).await;
    assert!(!s.verify_audit_log(None, &[]).await.unwrap().is_intact(), "a broken link still shows");
}
both_dbs!(without_a_key_the_chain_is_still_verified);

/// SQLite keeps timestamps as text, so a row's `at` can be made unreadable; verification names that
/// entry instead of failing with a decode error. (PostgreSQL's column type refuses such a value.)
#[tokio::test]
async fn a_malformed_timestamp_is_reported_as_the_broken_entry() {
    store::testing::run_on(store::testing::TestDb::sqlite().await, |db| async move {
        let (s, key) = (services(&db), key());
        anchored(&s, &key, 5).await;
        let log = audit_log(&db).await;
        let Db::Sqlite { write, .. } = &db else { unreachable!() };
        for bad in ["gisteren", "2026-13-45T99:00:00Z", ""] {
            sqlx::query("UPDATE audit_log SET at = $1 WHERE id = $2")
                .bind(bad)
                .bind(log[2].id)
                .execute(write)
                .await
                .unwrap();
            let report = s.verify_audit_chain().await.unwrap();
            assert_eq!((report.first_broken, report.checked), (Some(log[2].id), 2), "at = {bad:?}");
            let v = verify(&s, &key).await;
            assert_eq!(v.chain.first_broken, Some(log[2].id));
            assert!(!v.is_intact());
        }
    })
    .await;
}
