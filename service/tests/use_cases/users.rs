//! User administration by a beheerder (block, unblock, end sessions) and the idle timeout.

use crate::support::{audit_count, audit_since, count_rows, password, t0, user};
use chrono::Duration;
use domain::Role;
use service::clock::Clock;
use service::{ServiceError, Services, Settings};
use store::Db;

async fn sign_in(s: &Services, username: &str, role: Role) -> String {
    s.sign_in(username, &password(role), "192.0.2.7").await.unwrap().token
}

async fn a_blocked_user_cannot_sign_in_and_loses_every_session(db: &Db) {
    let s = crate::support::services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let piet = user(&s, "piet", Role::Regisseur).await;
    let (laptop, phone) = (sign_in(&s, "piet", Role::Regisseur).await, sign_in(&s, "piet", Role::Regisseur).await);
    let admins = sign_in(&s, "beheer", Role::Beheerder).await;
    let audited = audit_count(db).await;

    assert_eq!(s.block_user(&admin, piet.user_id).await.unwrap(), 2);
    for t in [&laptop, &phone] {
        assert!(s.resolve_session(t, "o").await.unwrap().is_none(), "piet's sessions ended");
    }
    assert!(s.resolve_session(&admins, "o").await.unwrap().is_some(), "others keep theirs");
    let refused = s.sign_in("piet", &password(Role::Regisseur), "192.0.2.7").await;
    assert!(matches!(refused, Err(ServiceError::Unauthenticated)), "{refused:?}");
    assert_eq!(count_rows(db, "sessions").await, 1);
    let listed = s.list_users(&admin).await.unwrap();
    assert!(listed.iter().any(|u| u.username == "piet" && u.blocked), "{listed:?}");

    let entries = audit_since(db, audited).await;
    let got: Vec<_> = entries
        .iter()
        .map(|e| (e.record.action.as_str(), e.record.result.as_str(), e.record.detail.as_deref()))
        .collect();
    assert_eq!(
        got,
        [("user.block", "ok", Some("2 sessions ended")), ("auth.sign_in", "denied", Some("account blocked"))]
    );

    s.unblock_user(&admin, piet.user_id).await.unwrap();
    sign_in(&s, "piet", Role::Regisseur).await;
    assert_eq!(audit_since(db, audited).await[2].record.action, "user.unblock");
}
both_dbs!(a_blocked_user_cannot_sign_in_and_loses_every_session);

async fn a_beheerder_ends_another_users_sessions_but_cannot_block_themselves(db: &Db) {
    let s = crate::support::services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let piet = user(&s, "piet", Role::Regisseur).await;
    let laptop = sign_in(&s, "piet", Role::Regisseur).await;
    let audited = audit_count(db).await;
    assert_eq!(s.end_user_sessions(&admin, piet.user_id).await.unwrap(), 1);
    assert!(s.resolve_session(&laptop, "o").await.unwrap().is_none());
    let e = &audit_since(db, audited).await[0].record;
    assert_eq!(
        (e.action.as_str(), e.object.as_str()),
        ("user.end_sessions", format!("user:{}", piet.user_id).as_str())
    );
    // The account itself stays usable.
    sign_in(&s, "piet", Role::Regisseur).await;

    assert!(matches!(s.block_user(&admin, admin.user_id).await, Err(ServiceError::Conflict(_))));
    assert!(matches!(s.end_user_sessions(&admin, domain::UserId(9999)).await, Err(ServiceError::NotFound)));
}
both_dbs!(a_beheerder_ends_another_users_sessions_but_cannot_block_themselves);

async fn an_idle_session_ends_but_use_keeps_it_alive(db: &Db) {
    let clock = Clock::manual(t0());
    let s = Services::with_clock(db.clone(), Settings::default(), clock.clone());
    user(&s, "piet", Role::Regisseur).await;
    let used = sign_in(&s, "piet", Role::Regisseur).await;
    let idle = sign_in(&s, "piet", Role::Regisseur).await;
    let limit = Duration::minutes(s.settings().session_idle_minutes);

    clock.advance(limit - Duration::minutes(1));
    assert!(s.resolve_session(&used, "o").await.unwrap().is_some());
    clock.advance(Duration::minutes(1));
    assert!(s.resolve_session(&idle, "o").await.unwrap().is_none(), "idle for the whole limit");
    clock.advance(limit - Duration::minutes(2));
    assert!(s.resolve_session(&used, "o").await.unwrap().is_some(), "its use an hour ago kept it alive");

    assert_eq!(s.prune_sessions().await.unwrap(), 1, "the idle session is pruned");
    assert_eq!(count_rows(db, "sessions").await, 1);
}
both_dbs!(an_idle_session_ends_but_use_keeps_it_alive);
