//! Connection basics, transactions, users and sessions.

use crate::fixtures::{at, begin, new_vendor, user, vendor};
use domain::{Role, UserId};
use store::{Db, StoreError};

async fn migrating_twice_is_harmless_and_the_database_answers(db: &Db) {
    db.migrate().await.unwrap();
    db.ping().await.unwrap();
    assert!(["sqlite", "postgres"].contains(&db.backend()));
}
conformance!(migrating_twice_is_harmless_and_the_database_answers);

async fn a_dropped_transaction_leaves_nothing_behind(db: &Db) {
    let mut tx = begin(db).await;
    store::insert_user(&mut tx, "an", "An", Role::Beheerder, "h").await.unwrap();
    store::insert_vendor(&mut tx, &new_vendor("Zaakwijs"), at(0)).await.unwrap();
    drop(tx);
    assert_eq!(store::count_users(db).await.unwrap(), 0);
    assert!(store::list_vendors(db).await.unwrap().is_empty());
    // The writer is free again, and the same names can now be used.
    user(db, "an", "An").await;
    vendor(db, "Zaakwijs").await;
    assert_eq!(store::count_users(db).await.unwrap(), 1);
}
conformance!(a_dropped_transaction_leaves_nothing_behind);

async fn a_user_round_trips_and_usernames_are_unique(db: &Db) {
    let id = user(db, "an.jansen", "An Jansen").await;
    let u = store::get_user(db, id).await.unwrap();
    assert_eq!((u.id, u.username.as_str(), u.display_name.as_str()), (id, "an.jansen", "An Jansen"));
    assert_eq!((u.role, u.password_hash.as_str()), (Role::Regisseur, "$argon2id$hash"));
    assert_eq!(store::get_user_by_username(db, "an.jansen").await.unwrap(), Some(u.clone()));
    assert!(!format!("{u:?}").contains("argon2"), "Debug must not show the hash");

    let mut tx = begin(db).await;
    let dup = store::insert_user(&mut tx, "an.jansen", "Ander", Role::Auditor, "x").await;
    assert!(matches!(dup, Err(StoreError::Conflict(ref c)) if c == "username"), "{dup:?}");
}
conformance!(a_user_round_trips_and_usernames_are_unique);

async fn unknown_users_are_not_found(db: &Db) {
    assert!(matches!(store::get_user(db, UserId(999)).await, Err(StoreError::NotFound)));
    assert_eq!(store::get_user_by_username(db, "niemand").await.unwrap(), None);
    let mut tx = begin(db).await;
    let r = store::update_password(&mut tx, UserId(999), "h", at(0)).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
}
conformance!(unknown_users_are_not_found);

async fn users_are_listed_by_username_and_counted(db: &Db) {
    assert_eq!(store::count_users(db).await.unwrap(), 0);
    for (name, display) in [("piet", "Piet"), ("an", "An"), ("marie-claire", "Marie-Claire")] {
        user(db, name, display).await;
    }
    let names: Vec<String> = store::list_users(db).await.unwrap().into_iter().map(|u| u.username).collect();
    assert_eq!(names, ["an", "marie-claire", "piet"]);
    assert_eq!(store::count_users(db).await.unwrap(), 3);
    assert_eq!(store::list_users(db).await.unwrap()[0].role, Role::Regisseur);
}
conformance!(users_are_listed_by_username_and_counted);

async fn a_password_change_replaces_the_hash(db: &Db) {
    let id = user(db, "an", "An").await;
    let mut tx = begin(db).await;
    store::update_password(&mut tx, id, "$argon2id$new", at(60)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::get_user(db, id).await.unwrap().password_hash, "$argon2id$new");
}
conformance!(a_password_change_replaces_the_hash);

async fn a_session_lookup_joins_its_user_and_keeps_the_exact_expiry(db: &Db) {
    let an = user(db, "an", "An").await;
    let piet = user(db, "piet", "Piet").await;
    let mut tx = begin(db).await;
    store::insert_session(&mut tx, "hash-1", an, "csrf-1", at(0), at(3600)).await.unwrap();
    store::insert_session(&mut tx, "hash-2", an, "csrf-2", at(0), at(7200)).await.unwrap();
    store::insert_session(&mut tx, "hash-3", piet, "csrf-3", at(0), at(7200)).await.unwrap();
    tx.commit().await.unwrap();

    let s = store::get_session(db, "hash-1").await.unwrap().unwrap();
    assert_eq!((s.user.id, s.user.username.as_str(), s.user.display_name.as_str()), (an, "an", "An"));
    assert_eq!((s.csrf.as_str(), s.expires_at), ("csrf-1", at(3600)));
    assert_eq!(store::get_session(db, "no-such-hash").await.unwrap(), None);

    let mut tx = begin(db).await;
    assert_eq!(store::delete_user_sessions(&mut tx, an).await.unwrap(), 2);
    tx.commit().await.unwrap();
    assert_eq!(store::get_session(db, "hash-1").await.unwrap(), None);
    assert_eq!(store::get_session(db, "hash-2").await.unwrap(), None);
    assert_eq!(store::get_session(db, "hash-3").await.unwrap().unwrap().user.id, piet);

    let mut tx = begin(db).await;
    store::delete_session(&mut tx, "hash-3").await.unwrap();
    store::delete_session(&mut tx, "hash-3").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::get_session(db, "hash-3").await.unwrap(), None);
}
conformance!(a_session_lookup_joins_its_user_and_keeps_the_exact_expiry);

async fn expired_sessions_are_swept(db: &Db) {
    let an = user(db, "an", "An").await;
    let mut tx = begin(db).await;
    store::insert_session(&mut tx, "old", an, "c", at(0), at(100)).await.unwrap();
    store::insert_session(&mut tx, "edge", an, "c", at(0), at(200)).await.unwrap();
    store::insert_session(&mut tx, "new", an, "c", at(0), at(300)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::delete_expired_sessions(db, at(200)).await.unwrap(), 2);
    assert!(store::get_session(db, "edge").await.unwrap().is_none());
    assert!(store::get_session(db, "new").await.unwrap().is_some());
}
conformance!(expired_sessions_are_swept);

async fn a_session_for_an_unknown_user_is_a_foreign_key_conflict(db: &Db) {
    let mut tx = begin(db).await;
    let r = store::insert_session(&mut tx, "s", UserId(999), "c", at(0), at(10)).await;
    assert!(matches!(r, Err(StoreError::Conflict(ref c)) if c == "foreign_key"), "{r:?}");
}
conformance!(a_session_for_an_unknown_user_is_a_foreign_key_conflict);

async fn blocking_and_the_last_use_of_a_session_round_trip(db: &Db) {
    let an = user(db, "an", "An").await;
    let mut tx = begin(db).await;
    store::insert_session(&mut tx, "s1", an, "c", at(0), at(1000)).await.unwrap();
    store::insert_session(&mut tx, "s2", an, "c", at(0), at(1000)).await.unwrap();
    store::set_user_blocked(&mut tx, an, Some(at(5))).await.unwrap();
    tx.commit().await.unwrap();
    let s = store::get_session(db, "s1").await.unwrap().unwrap();
    assert_eq!((s.last_seen_at, s.user.blocked_at), (at(0), Some(at(5))));
    assert!(store::list_users(db).await.unwrap()[0].blocked);

    store::touch_session(db, "s1", at(50)).await.unwrap();
    assert_eq!(store::get_session(db, "s1").await.unwrap().unwrap().last_seen_at, at(50));
    assert_eq!(store::delete_idle_sessions(db, at(49)).await.unwrap(), 1, "only s2 was idle");
    assert!(store::get_session(db, "s1").await.unwrap().is_some());

    let mut tx = begin(db).await;
    store::set_user_blocked(&mut tx, an, None).await.unwrap();
    let missing = store::set_user_blocked(&mut tx, UserId(999), None).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    tx.commit().await.unwrap();
    assert_eq!(store::get_user(db, an).await.unwrap().blocked_at, None);
}
conformance!(blocking_and_the_last_use_of_a_session_round_trip);
