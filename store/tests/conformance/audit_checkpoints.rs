//! Audit checkpoints: stored and read back exactly (their MAC covers every field), listed oldest
//! first, the newest found; not tied to the log, so that deleting entries leaves them alone. And the
//! chain read for verification, where a row that does not decode is named instead of failing the read.

use crate::fixtures::{at, begin};
use store::{AuditRecord, ChainLink, Db, NewAuditCheckpoint};

fn checkpoint(secs: i64, entry_count: i64, last_id: i64) -> NewAuditCheckpoint {
    NewAuditCheckpoint {
        created_at: at(secs),
        entry_count,
        last_id,
        head_hash: format!("head-{last_id}"),
        key_id: "0a1b2c3d".into(),
        mac: format!("mac-{secs}"),
    }
}

async fn append(db: &Db, n: i64) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in 0..n {
        let r = AuditRecord {
            at: at(i),
            actor: "an".into(),
            action: format!("action.{i}"),
            object: "o".into(),
            result: "ok".into(),
            origin: "127.0.0.1".into(),
            detail: None,
        };
        let mut tx = begin(db).await;
        let prev = store::lock_audit_tail(&mut tx).await.unwrap().unwrap_or_default();
        ids.push(store::insert_audit(&mut tx, &r, &prev, &format!("h{i}")).await.unwrap());
        assert_eq!(store::count_audit_in(&mut tx).await.unwrap(), i + 1, "counted inside the transaction");
        tx.commit().await.unwrap();
    }
    ids
}

async fn checkpoints_round_trip_and_survive_deleted_entries(db: &Db) {
    assert_eq!(store::newest_audit_checkpoint(db).await.unwrap(), None);
    let ids = append(db, 3).await;
    let mut tx = begin(db).await;
    let first = store::insert_audit_checkpoint(&mut tx, &checkpoint(10, 2, ids[1])).await.unwrap();
    let second = store::insert_audit_checkpoint(&mut tx, &checkpoint(5, 3, ids[2])).await.unwrap();
    tx.commit().await.unwrap();

    let all = store::list_audit_checkpoints(db).await.unwrap();
    assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [first, second], "oldest first, by id");
    let stored = &all[1];
    let expected = checkpoint(5, 3, ids[2]);
    assert_eq!(
        (stored.created_at, stored.entry_count, stored.last_id),
        (expected.created_at, expected.entry_count, expected.last_id),
        "the exact time, to the microsecond"
    );
    assert_eq!(
        (&stored.head_hash, &stored.key_id, &stored.mac),
        (&expected.head_hash, &expected.key_id, &expected.mac)
    );
    assert_eq!(store::newest_audit_checkpoint(db).await.unwrap().as_ref(), Some(stored), "newest by id, not by time");

    let deleted = match db {
        Db::Sqlite { write, .. } => sqlx::query("DELETE FROM audit_log").execute(write).await.unwrap().rows_affected(),
        Db::Postgres(pool) => sqlx::query("DELETE FROM audit_log").execute(pool).await.unwrap().rows_affected(),
    };
    assert_eq!(deleted, 3);
    assert_eq!(store::list_audit_checkpoints(db).await.unwrap(), all, "checkpoints do not follow the log");
}
conformance!(checkpoints_round_trip_and_survive_deleted_entries);

async fn the_chain_reads_back_for_verification_page_by_page(db: &Db) {
    let ids = append(db, 5).await;
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let page = store::audit_chain_page(db, after, 2).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        after = page.last().unwrap().id();
        seen.extend(page);
    }
    assert_eq!(seen.iter().map(ChainLink::id).collect::<Vec<_>>(), ids);
    let in_order = store::audit_in_order(db, 0, 100).await.unwrap();
    let entries: Vec<_> = seen
        .into_iter()
        .map(|l| match l {
            ChainLink::Entry(e) => e,
            other => panic!("unreadable: {other:?}"),
        })
        .collect();
    assert_eq!(entries, in_order, "the same entries as the log page reads");
}
conformance!(the_chain_reads_back_for_verification_page_by_page);

/// SQLite only: its `at` column is text, so it can hold something that is not a time.
#[tokio::test]
async fn a_row_with_a_malformed_timestamp_is_named_not_an_error() {
    store::testing::run_on(store::testing::TestDb::sqlite().await, |db| async move {
        let ids = append(&db, 3).await;
        let Db::Sqlite { write, .. } = &db else { unreachable!() };
        sqlx::query("UPDATE audit_log SET at = 'gisteren' WHERE id = $1").bind(ids[1]).execute(write).await.unwrap();
        let page = store::audit_chain_page(&db, 0, 10).await.unwrap();
        assert_eq!(page.len(), 3);
        assert!(matches!(&page[0], ChainLink::Entry(e) if e.id == ids[0]));
        assert!(
            matches!(&page[1], ChainLink::Unreadable { id, reason } if *id == ids[1] && reason.contains("at")),
            "{:?}",
            page[1]
        );
        assert!(matches!(&page[2], ChainLink::Entry(e) if e.id == ids[2]));
    })
    .await;
}
