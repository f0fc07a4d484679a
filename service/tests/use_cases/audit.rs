//! The audit log: every change writes one entry with actor, action, object, result, origin and time,
//! committed together with the change; the hash chain shows a modified, deleted or swapped entry.

use crate::support::{
    audit_count, audit_log, audit_since, contact_form, contract_form, count_rows, decision, execute, execute_plain,
    overwrite_audit_entry, password, service_form, services, snapshot, t0, user, vendor_form, ORIGIN,
};
use domain::Role;
use service::audit::{entry_hash, ChainReport, GENESIS};
use service::{Actor, Services};
use store::{AuditEntry, Db};

/// Follows the audit log through a test: each [`Trail::expect`] checks the one entry written since
/// the previous check.
struct Trail {
    seen: i64,
}

impl Trail {
    async fn start(db: &Db) -> Trail {
        Trail { seen: audit_count(db).await }
    }

    async fn expect(&mut self, db: &Db, actor: &Actor, action: &str, object: String) {
        let new = audit_since(db, self.seen).await;
        assert_eq!(new.len(), 1, "{action}: expected exactly one new audit entry, got {new:#?}");
        let e = &new[0].record;
        assert_eq!(e.actor, actor.username, "{action}: actor");
        assert_eq!(e.action, action);
        assert_eq!(e.object, object, "{action}: object");
        assert_eq!(e.result, "ok", "{action}: result");
        assert_eq!(e.origin, actor.origin, "{action}: origin");
        assert_eq!(e.at, t0(), "{action}: timestamp");
        self.seen += 1;
    }
}

async fn every_change_writes_one_audit_entry(db: &Db) {
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let mut trail = Trail::start(db).await;

    let v = s.register_vendor(&admin, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    trail.expect(db, &admin, "vendor.create", format!("vendor:{v}")).await;
    s.update_vendor(&admin, v, &vendor_form("Zaakwijs Nederland B.V.")).await.unwrap();
    trail.expect(db, &admin, "vendor.update", format!("vendor:{v}")).await;
    let svc = s.add_service(&admin, v, &service_form("Zaaksysteem")).await.unwrap();
    trail.expect(db, &admin, "service.create", format!("service:{svc}")).await;
    let contact = s.add_contact(&admin, v, &contact_form("Sanne de Vries")).await.unwrap();
    trail.expect(db, &admin, "contact.create", format!("contact:{contact}")).await;
    let k = s.register_contract(&admin, &contract_form(v, "VO-2026-001", &[svc])).await.unwrap();
    trail.expect(db, &admin, "contract.create", format!("contract:{k}")).await;
    s.revise_contract(&admin, k, &contract_form(v, "VO-2026-001a", &[svc])).await.unwrap();
    trail.expect(db, &admin, "contract.update", format!("contract:{k}")).await;
    s.record_decision(&admin, k, &decision("verlengen")).await.unwrap();
    trail.expect(db, &admin, "contract.decide", format!("contract:{k}")).await;
    s.remove_contact(&admin, v, contact).await.unwrap();
    trail.expect(db, &admin, "contact.delete", format!("contact:{contact}")).await;
    s.remove_contract(&admin, k).await.unwrap();
    trail.expect(db, &admin, "contract.delete", format!("contract:{k}")).await;
    s.remove_service(&admin, v, svc).await.unwrap();
    trail.expect(db, &admin, "service.delete", format!("service:{svc}")).await;
    s.remove_vendor(&admin, v).await.unwrap();
    trail.expect(db, &admin, "vendor.delete", format!("vendor:{v}")).await;

    let pw = password(Role::Inkoper);
    let id = s.add_user(&admin, "an", "An de Inkoper", Role::Inkoper, &pw).await.unwrap();
    trail.expect(db, &admin, "user.create", format!("user:{id}")).await;
    let session = s.sign_in("an", &pw, "198.51.100.7").await.unwrap();
    let an = s.resolve_session(&session.token, "198.51.100.7").await.unwrap().unwrap().actor;
    trail.expect(db, &an, "auth.sign_in", format!("user:{id}")).await;
    s.sign_out(&an, &session.token).await.unwrap();
    trail.expect(db, &an, "auth.sign_out", format!("user:{id}")).await;
    let new_pw = "een-nieuw-lang-wachtwoord";
    s.change_password(&an, &pw, new_pw, new_pw).await.unwrap();
    trail.expect(db, &an, "user.change_password", format!("user:{id}")).await;

    let decided = audit_log(db).await.into_iter().find(|e| e.record.action == "contract.decide").unwrap();
    assert_eq!(decided.record.detail.as_deref(), Some("verlengen per 2026-12-31"));
}
both_dbs!(every_change_writes_one_audit_entry);

/// A change and its audit entry commit together: when the entry cannot be written, the change is
/// rolled back as well.
async fn a_change_whose_audit_entry_fails_is_rolled_back(db: &Db) {
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let v = s.register_vendor(&admin, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    let before = snapshot(db).await;
    let audited = audit_count(db).await;

    execute_plain(db, "ALTER TABLE audit_log RENAME TO audit_log_away").await;
    let result = s.register_vendor(&admin, &vendor_form("Geowijs B.V.")).await;
    let removal = s.remove_vendor(&admin, v).await;
    execute_plain(db, "ALTER TABLE audit_log_away RENAME TO audit_log").await;

    assert!(result.is_err(), "registering without an audit log must fail, got {result:?}");
    assert!(removal.is_err(), "removing without an audit log must fail, got {removal:?}");
    assert_eq!(snapshot(db).await, before, "neither change was kept");
    assert_eq!(audit_count(db).await, audited);
    // And afterwards everything works again, on an intact chain.
    s.register_vendor(&admin, &vendor_form("Geowijs B.V.")).await.unwrap();
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, None);
}
both_dbs!(a_change_whose_audit_entry_fails_is_rolled_back);

/// A change that is refused for bad input or fails in the store writes no audit entry.
async fn an_invalid_change_writes_no_audit_entry(db: &Db) {
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let v = s.register_vendor(&admin, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    let audited = audit_count(db).await;
    assert!(s.register_vendor(&admin, &vendor_form("ZAAKWIJS B.V.")).await.is_err());
    assert!(s.register_vendor(&admin, &vendor_form("")).await.is_err());
    assert!(s.remove_contact(&admin, v, 999).await.is_err());
    assert_eq!(audit_count(db).await, audited);
}
both_dbs!(an_invalid_change_writes_no_audit_entry);

/// Writes a chain of seven entries through the use cases and returns it, oldest first.
async fn chain(s: &Services, db: &Db) -> Vec<AuditEntry> {
    let admin = user(s, "beheer", Role::Beheerder).await;
    for name in ["Zaakwijs B.V.", "Geowijs B.V.", "Netwerk Noord B.V."] {
        let v = s.register_vendor(&admin, &vendor_form(name)).await.unwrap();
        s.add_service(&admin, v, &service_form("Hosting")).await.unwrap();
    }
    let log = audit_log(db).await;
    assert_eq!(log.len(), 7);
    log
}

async fn an_intact_chain_verifies(db: &Db) {
    let s = services(db);
    let empty = s.verify_audit_chain().await.unwrap();
    assert_eq!(empty, ChainReport { checked: 0, first_broken: None, head: GENESIS.to_string() });

    let log = chain(&s, db).await;
    let report = s.verify_audit_chain().await.unwrap();
    assert_eq!(report, ChainReport { checked: 7, first_broken: None, head: log[6].hash.clone() });
    assert_eq!(log[0].prev_hash, GENESIS);
    for pair in log.windows(2) {
        assert_eq!(pair[1].prev_hash, pair[0].hash, "entry {} links to its predecessor", pair[1].id);
    }
    for e in &log {
        assert_eq!(e.hash, entry_hash(&e.prev_hash, &e.record), "entry {}", e.id);
    }
}
both_dbs!(an_intact_chain_verifies);

/// With the real clock (nanoseconds, truncated to the microseconds both backends keep) the chain
/// still verifies after a round trip through the database.
async fn the_chain_verifies_with_the_system_clock(db: &Db) {
    let s = service::Services::new(db.clone(), service::Settings::default());
    let admin = user(&s, "beheer", Role::Beheerder).await;
    for name in ["Zaakwijs B.V.", "Geowijs B.V."] {
        s.register_vendor(&admin, &vendor_form(name)).await.unwrap();
    }
    assert!(s.sign_in("beheer", "fout-wachtwoord-123", ORIGIN).await.is_err());
    let report = s.verify_audit_chain().await.unwrap();
    assert_eq!((report.checked, report.first_broken), (4, None));
}
both_dbs!(the_chain_verifies_with_the_system_clock);

async fn a_modified_actor_breaks_the_chain_at_that_entry(db: &Db) {
    let s = services(db);
    let log = chain(&s, db).await;
    let victim = &log[3];
    assert_eq!(execute(db, "UPDATE audit_log SET actor = 'mallory' WHERE id = $1", victim.id).await, 1);
    let report = s.verify_audit_chain().await.unwrap();
    assert_eq!(report, ChainReport { checked: 3, first_broken: Some(victim.id), head: log[2].hash.clone() });
}
both_dbs!(a_modified_actor_breaks_the_chain_at_that_entry);

/// Rewriting an entry and recomputing its own hash still breaks the chain, at the next entry.
async fn a_modified_and_rehashed_entry_breaks_the_chain_after_it(db: &Db) {
    let s = services(db);
    let log = chain(&s, db).await;
    let mut forged = log[3].clone();
    forged.record.result = "denied".into();
    forged.hash = entry_hash(&forged.prev_hash, &forged.record);
    overwrite_audit_entry(db, forged.id, &forged).await;
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, Some(log[4].id));
}
both_dbs!(a_modified_and_rehashed_entry_breaks_the_chain_after_it);

async fn a_deleted_middle_entry_breaks_the_chain(db: &Db) {
    let s = services(db);
    let log = chain(&s, db).await;
    assert_eq!(execute(db, "DELETE FROM audit_log WHERE id = $1", log[3].id).await, 1);
    assert_eq!(count_rows(db, "audit_log").await, 6);
    let report = s.verify_audit_chain().await.unwrap();
    assert_eq!(report, ChainReport { checked: 3, first_broken: Some(log[4].id), head: log[2].hash.clone() });
}
both_dbs!(a_deleted_middle_entry_breaks_the_chain);

async fn swapped_entries_break_the_chain(db: &Db) {
    let s = services(db);
    let log = chain(&s, db).await;
    // Swap the complete contents (times, fields and hashes) of two entries, as reordering would.
    overwrite_audit_entry(db, log[2].id, &log[4]).await;
    overwrite_audit_entry(db, log[4].id, &log[2]).await;
    let report = s.verify_audit_chain().await.unwrap();
    assert_eq!(report, ChainReport { checked: 2, first_broken: Some(log[2].id), head: log[1].hash.clone() });

    // Put them back, then swap two adjacent entries.
    overwrite_audit_entry(db, log[2].id, &log[2]).await;
    overwrite_audit_entry(db, log[4].id, &log[4]).await;
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, None, "restored");
    overwrite_audit_entry(db, log[5].id, &log[6]).await;
    overwrite_audit_entry(db, log[6].id, &log[5]).await;
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, Some(log[5].id));
}
both_dbs!(swapped_entries_break_the_chain);

/// The auditor pages through the log newest first, filtered, with the total.
async fn the_auditor_browses_the_log(db: &Db) {
    let s = services(db);
    chain(&s, db).await;
    let auditor = user(&s, "audit", Role::Auditor).await;
    let filter = store::AuditFilter { action: Some("vendor.".into()), limit: 2, ..Default::default() };
    let (page, total) = s.browse_audit_log(&auditor, &filter).await.unwrap();
    assert_eq!(total, 3);
    assert_eq!(page.len(), 2);
    assert!(page[0].id > page[1].id, "newest first");
    assert!(page.iter().all(|e| e.record.action == "vendor.create" && e.record.origin == ORIGIN));
}
both_dbs!(the_auditor_browses_the_log);

/// The export hands out the whole filtered selection with the names in it, and is itself an entry
/// in the chain, which still verifies.
async fn an_export_of_a_selection_is_audited_and_keeps_the_chain_valid(db: &Db) {
    let s = services(db);
    chain(&s, db).await;
    let auditor = user(&s, "audit", Role::Auditor).await;
    let filter = store::AuditFilter { action: Some("vendor.".into()), limit: 1, offset: 2, ..Default::default() };
    let listing = s.export_audit_log(&auditor, &filter).await.unwrap();
    assert_eq!((listing.entries.len(), listing.total), (3, 3), "limit and offset do not apply to an export");
    let newest = &listing.entries[0].record;
    assert_eq!(listing.names.objects[&newest.object].name, "Netwerk Noord B.V.");
    assert_eq!(listing.names.actors["beheer"].role, Role::Beheerder);

    let log = audit_log(db).await;
    let export = &log.last().unwrap().record;
    assert_eq!(
        (export.action.as_str(), export.object.as_str(), export.result.as_str()),
        ("audit.export", "audit_log", "ok")
    );
    assert_eq!(export.actor, auditor.username);
    assert_eq!(export.detail.as_deref(), Some("3 van 3 regels; filter: actie=vendor."));
    let report = s.verify_audit_chain().await.unwrap();
    assert_eq!((report.checked, report.first_broken), (log.len() as u64, None));
}
both_dbs!(an_export_of_a_selection_is_audited_and_keeps_the_chain_valid);

/// A page of the log comes with the names of its actors and objects.
async fn a_page_of_the_log_names_its_actors_and_objects(db: &Db) {
    let s = services(db);
    chain(&s, db).await;
    let auditor = user(&s, "audit", Role::Auditor).await;
    let filter = store::AuditFilter { action: Some("service.".into()), limit: 1, ..Default::default() };
    let page = s.audit_log_page(&auditor, &filter).await.unwrap();
    assert_eq!((page.entries.len(), page.total), (1, 3));
    let object = &page.entries[0].record.object;
    assert_eq!(page.names.objects[object].name, "Hosting");
    assert!(page.names.objects[object].vendor_id.is_some());
    assert_eq!(page.names.objects.len(), 1, "only the names on the page");
}
both_dbs!(a_page_of_the_log_names_its_actors_and_objects);
