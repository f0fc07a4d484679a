//! The audit log: appending under the tail lock, filtering, counting and reading the chain in pages.

use crate::fixtures::{at, begin};
use store::{AuditEntry, AuditFilter, AuditRecord, Db};

fn record(secs: i64, actor: &str, action: &str, object: &str, result: &str) -> AuditRecord {
    AuditRecord {
        at: at(secs),
        actor: actor.into(),
        action: action.into(),
        object: object.into(),
        result: result.into(),
        origin: "127.0.0.1".into(),
        detail: None,
    }
}

/// Appends records as the service does: lock the tail, link to it, commit.
async fn append(db: &Db, records: &[AuditRecord]) {
    for r in records {
        let mut tx = begin(db).await;
        let prev = store::lock_audit_tail(&mut tx).await.unwrap().unwrap_or_else(|| "genesis".into());
        let hash = format!("{}>{}", prev, r.action);
        store::insert_audit(&mut tx, r, &prev, &hash).await.unwrap();
        tx.commit().await.unwrap();
    }
}

fn sample() -> Vec<AuditRecord> {
    vec![
        record(0, "an", "vendor.create", "vendor:1 Zaakwijs", "ok"),
        record(10, "piet", "vendor.update", "vendor:1 Zaakwijs", "ok"),
        record(20, "an", "contract.create", "contract:7 2026-001", "ok"),
        record(30, "an", "login", "user:an", "denied"),
        record(40, "piet", "vendor_x", "vendor:2 Geowijs", "ok"),
    ]
}

fn actions(entries: &[AuditEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.record.action.as_str()).collect()
}

async fn audit_entries_chain_and_round_trip(db: &Db) {
    let mut tx = begin(db).await;
    assert_eq!(store::lock_audit_tail(&mut tx).await.unwrap(), None);
    drop(tx);
    let mut first = record(0, "an", "login", "user:an", "ok");
    first.detail = Some("x".repeat(4000));
    append(db, &[first.clone(), record(5, "an", "logout", "user:an", "ok")]).await;

    let all = store::list_audit(db, &AuditFilter::default()).await.unwrap();
    assert_eq!(actions(&all), ["logout", "login"], "newest first");
    let oldest = &all[1];
    assert_eq!(oldest.record, first, "every field, the 4000-character detail and the exact time");
    assert_eq!((oldest.prev_hash.as_str(), oldest.hash.as_str()), ("genesis", "genesis>login"));
    assert_eq!(all[0].prev_hash, oldest.hash);
    assert!(all[0].id > oldest.id);

    let mut tx = begin(db).await;
    assert_eq!(store::lock_audit_tail(&mut tx).await.unwrap().as_deref(), Some("genesis>login>logout"));
}
conformance!(audit_entries_chain_and_round_trip);

async fn audit_filters_match_exactly_by_prefix_and_by_substring(db: &Db) {
    append(db, &sample()).await;
    let list = |f: AuditFilter| async move { actions(&store::list_audit(db, &f).await.unwrap()).join(" ") };
    let some = |s: &str| Some(s.to_string());

    assert_eq!(
        list(AuditFilter { actor: some("an"), ..Default::default() }).await,
        "login contract.create vendor.create"
    );
    assert_eq!(list(AuditFilter { actor: some("a"), ..Default::default() }).await, "");
    assert_eq!(
        list(AuditFilter { action: some("vendor."), ..Default::default() }).await,
        "vendor.update vendor.create"
    );
    // `_` and `%` are plain characters, not LIKE wildcards.
    assert_eq!(list(AuditFilter { action: some("vendor_"), ..Default::default() }).await, "vendor_x");
    assert_eq!(list(AuditFilter { action: some("%"), ..Default::default() }).await, "");
    assert_eq!(
        list(AuditFilter { object: some("Zaakwijs"), ..Default::default() }).await,
        "vendor.update vendor.create"
    );
    assert_eq!(list(AuditFilter { object: some("zaakwijs"), ..Default::default() }).await, "", "case-sensitive");
    assert_eq!(list(AuditFilter { result: some("denied"), ..Default::default() }).await, "login");
    let window = AuditFilter { from: Some(at(10)), to: Some(at(30)), ..Default::default() };
    assert_eq!(list(window).await, "contract.create vendor.update", "from inclusive, to exclusive");
    let combined = AuditFilter { actor: some("an"), action: some("vendor"), result: some("ok"), ..Default::default() };
    assert_eq!(list(combined).await, "vendor.create");
}
conformance!(audit_filters_match_exactly_by_prefix_and_by_substring);

async fn audit_counts_ignore_paging_and_pages_follow_the_filter(db: &Db) {
    append(db, &sample()).await;
    let all = AuditFilter::default();
    assert_eq!(store::count_audit(db, &all).await.unwrap(), 5);
    let piet = AuditFilter { actor: Some("piet".into()), limit: 1, offset: 0, ..Default::default() };
    assert_eq!(store::count_audit(db, &piet).await.unwrap(), 2);
    assert_eq!(actions(&store::list_audit(db, &piet).await.unwrap()), ["vendor_x"]);
    let next = AuditFilter { offset: 1, ..piet.clone() };
    assert_eq!(actions(&store::list_audit(db, &next).await.unwrap()), ["vendor.update"]);
    let past = AuditFilter { offset: 2, ..piet };
    assert!(store::list_audit(db, &past).await.unwrap().is_empty());
    let page = AuditFilter { limit: 2, offset: 1, ..Default::default() };
    assert_eq!(actions(&store::list_audit(db, &page).await.unwrap()), ["login", "contract.create"]);
    let none = AuditFilter { from: Some(at(1000)), ..Default::default() };
    assert_eq!(store::count_audit(db, &none).await.unwrap(), 0);
}
conformance!(audit_counts_ignore_paging_and_pages_follow_the_filter);

async fn the_chain_reads_back_in_order_page_by_page(db: &Db) {
    append(db, &sample()).await;
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let page = store::audit_in_order(db, after, 2).await.unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        after = page.last().unwrap().id;
        seen.extend(page);
    }
    assert_eq!(actions(&seen), sample().iter().map(|r| r.action.as_str()).collect::<Vec<_>>());
    for pair in seen.windows(2) {
        assert!(pair[0].id < pair[1].id);
        assert_eq!(pair[1].prev_hash, pair[0].hash);
    }
}
conformance!(the_chain_reads_back_in_order_page_by_page);

async fn concurrent_writers_do_not_fork_the_chain(db: &Db) {
    let writers: Vec<_> = (0..8)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await.unwrap();
                let prev = store::lock_audit_tail(&mut tx).await.unwrap().unwrap_or_default();
                tokio::task::yield_now().await;
                let r = record(i, "an", &format!("action.{i}"), "o", "ok");
                store::insert_audit(&mut tx, &r, &prev, &format!("h{i}")).await.unwrap();
                tx.commit().await.unwrap();
            })
        })
        .collect();
    for w in writers {
        w.await.unwrap();
    }
    let chain = store::audit_in_order(db, 0, 100).await.unwrap();
    assert_eq!(chain.len(), 8);
    assert_eq!(chain[0].prev_hash, "");
    for pair in chain.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash, "each entry links to the one before it");
    }
}
conformance!(concurrent_writers_do_not_fork_the_chain);
