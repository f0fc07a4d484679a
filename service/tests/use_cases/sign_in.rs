//! Sign-in, sessions and password change (the throttle is in `throttle.rs`).

use crate::support::{audit_count, audit_since, count_rows, password, problem_at, services, t0, user};
use chrono::Duration;
use domain::{Problem, Role};
use service::{ServiceError, Services};
use store::Db;

/// Signs `username` in with its role's test password from [`crate::support::ORIGIN`].
async fn sign_in(s: &Services, username: &str, role: Role) -> String {
    s.sign_in(username, &password(role), crate::support::ORIGIN).await.unwrap().token
}

async fn a_correct_password_opens_a_session(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let audited = audit_count(db).await;

    let session = s.sign_in("  Piet ", &password(Role::Regisseur), "203.0.113.9").await.unwrap();
    assert_eq!(session.expires_at, t0() + Duration::hours(s.settings().session_hours));
    assert_eq!(session.token.len(), 64);

    let signed_in = s.resolve_session(&session.token, "203.0.113.10").await.unwrap().expect("a live session");
    assert_eq!(signed_in.actor.user_id, regisseur.user_id);
    assert_eq!(signed_in.actor.username, "piet");
    assert_eq!(signed_in.actor.role, Role::Regisseur);
    assert_eq!(signed_in.actor.origin, "203.0.113.10", "the origin is the current request's");
    assert!(!signed_in.csrf.is_empty());
    assert_eq!(signed_in.me().id, regisseur.user_id);

    let entries = audit_since(db, audited).await;
    assert_eq!(entries.len(), 1);
    let e = &entries[0].record;
    assert_eq!((e.action.as_str(), e.result.as_str()), ("auth.sign_in", "ok"));
    assert_eq!((e.actor.as_str(), e.origin.as_str()), ("piet", "203.0.113.9"));

    // Only the hash of the token is stored; another token, or garbage, resolves to nobody.
    assert_eq!(count_rows(db, "sessions").await, 1);
    let other = sign_in(&s, "piet", Role::Regisseur).await;
    assert_ne!(other, session.token);
    assert!(s.resolve_session(&"0".repeat(64), "x").await.unwrap().is_none());
    assert!(s.resolve_session("kort", "x").await.unwrap().is_none());
}
both_dbs!(a_correct_password_opens_a_session);

async fn a_wrong_password_or_unknown_user_is_refused_and_audited(db: &Db) {
    let s = services(db);
    user(&s, "piet", Role::Regisseur).await;
    for (username, pw) in [("piet", "niet-het-goede-wachtwoord"), ("onbekend", "wat-dan-ook-123")] {
        let audited = audit_count(db).await;
        let result = s.sign_in(username, pw, "203.0.113.9").await;
        assert!(matches!(result, Err(ServiceError::Unauthenticated)), "{username}: {result:?}");
        let entries = audit_since(db, audited).await;
        assert_eq!(entries.len(), 1, "{username}");
        let e = &entries[0].record;
        assert_eq!((e.action.as_str(), e.result.as_str()), ("auth.sign_in", "failed"), "{username}");
        assert_eq!(e.object, format!("user:{username}"));
        assert_eq!((e.actor.as_str(), e.origin.as_str(), e.at), (username, "203.0.113.9", t0()));
    }
    assert_eq!(count_rows(db, "sessions").await, 0);
    // Empty fields are reported per field, without an attempt.
    assert_eq!(problem_at(s.sign_in(" ", "x", "o").await, "username"), Problem::Required);
    assert_eq!(problem_at(s.sign_in("piet", "", "o").await, "password"), Problem::Required);
}
both_dbs!(a_wrong_password_or_unknown_user_is_refused_and_audited);

async fn an_expired_session_resolves_to_nobody(db: &Db) {
    let s = services(db);
    user(&s, "piet", Role::Regisseur).await;
    let token = sign_in(&s, "piet", Role::Regisseur).await;
    let lifetime = Duration::hours(s.settings().session_hours);
    // The absolute lifetime alone: an idle limit that never applies first.
    let services_at = |now| {
        let settings = service::Settings { session_idle_minutes: 7 * 24 * 60, ..Default::default() };
        Services::with_clock(db.clone(), settings, service::clock::Clock::Fixed(now))
    };

    let just_before = services_at(t0() + lifetime - Duration::seconds(1));
    assert!(just_before.resolve_session(&token, "o").await.unwrap().is_some());
    let at_expiry = services_at(t0() + lifetime);
    assert!(at_expiry.resolve_session(&token, "o").await.unwrap().is_none());
    let later = services_at(t0() + lifetime + Duration::days(3));
    assert!(later.resolve_session(&token, "o").await.unwrap().is_none());

    // Pruning removes only expired sessions.
    assert_eq!(just_before.prune_sessions().await.unwrap(), 0);
    assert_eq!(later.prune_sessions().await.unwrap(), 1);
    assert_eq!(count_rows(db, "sessions").await, 0);
}
both_dbs!(an_expired_session_resolves_to_nobody);

async fn signing_out_ends_only_that_session(db: &Db) {
    let s = services(db);
    user(&s, "piet", Role::Regisseur).await;
    let (laptop, phone) = (sign_in(&s, "piet", Role::Regisseur).await, sign_in(&s, "piet", Role::Regisseur).await);
    let actor = s.resolve_session(&laptop, "o").await.unwrap().unwrap().actor;
    s.sign_out(&actor, &laptop).await.unwrap();
    assert!(s.resolve_session(&laptop, "o").await.unwrap().is_none());
    assert!(s.resolve_session(&phone, "o").await.unwrap().is_some());
}
both_dbs!(signing_out_ends_only_that_session);

async fn a_password_change_revokes_every_session(db: &Db) {
    let s = services(db);
    let piet = user(&s, "piet", Role::Regisseur).await;
    user(&s, "an", Role::Inkoper).await;
    let laptop = sign_in(&s, "piet", Role::Regisseur).await;
    let phone = sign_in(&s, "piet", Role::Regisseur).await;
    let others = sign_in(&s, "an", Role::Inkoper).await;
    for t in [&laptop, &phone] {
        assert!(s.resolve_session(t, "o").await.unwrap().is_some());
    }

    let new_pw = "een-heel-nieuw-wachtwoord";
    s.change_password(&piet, &password(Role::Regisseur), new_pw, new_pw).await.unwrap();
    for t in [&laptop, &phone] {
        assert!(s.resolve_session(t, "o").await.unwrap().is_none(), "every session of piet is revoked");
    }
    assert!(s.resolve_session(&others, "o").await.unwrap().is_some(), "other users keep theirs");
    assert_eq!(count_rows(db, "sessions").await, 1);
    let change = audit_since(db, audit_count(db).await - 1).await;
    assert_eq!(change[0].record.detail.as_deref(), Some("2 sessions revoked"));

    // Only the new password works now.
    let old = s.sign_in("piet", &password(Role::Regisseur), "o").await;
    assert!(matches!(old, Err(ServiceError::Unauthenticated)), "{old:?}");
    s.sign_in("piet", new_pw, "o").await.unwrap();
}
both_dbs!(a_password_change_revokes_every_session);

async fn a_password_change_checks_the_current_and_the_new_password(db: &Db) {
    let s = services(db);
    let piet = user(&s, "piet", Role::Regisseur).await;
    let session = sign_in(&s, "piet", Role::Regisseur).await;
    let audited = audit_count(db).await;
    let current = password(Role::Regisseur);
    let good = "een-heel-nieuw-wachtwoord";

    let wrong_current = s.change_password(&piet, "niet-het-huidige-ww", good, good).await;
    assert_eq!(problem_at(wrong_current, "current_password"), Problem::PasswordMismatch);
    let too_short = s.change_password(&piet, &current, "kort-11-tkn", "kort-11-tkn").await;
    assert_eq!(problem_at(too_short, "new_password"), Problem::PasswordTooShort { min: 12 });
    let not_repeated = s.change_password(&piet, &current, good, "een-heel-ander-wachtwoord").await;
    assert_eq!(problem_at(not_repeated, "repeat"), Problem::PasswordMismatch);

    // Nothing changed: the session lives, the old password still works; only the wrong current
    // password was audited, as a failed credential check.
    assert!(s.resolve_session(&session, "o").await.unwrap().is_some());
    let entries = audit_since(db, audited).await;
    assert_eq!(entries.len(), 1);
    let e = &entries[0].record;
    assert_eq!((e.action.as_str(), e.result.as_str()), ("user.change_password", "failed"));
    sign_in(&s, "piet", Role::Regisseur).await;
}
both_dbs!(a_password_change_checks_the_current_and_the_new_password);

async fn accounts_are_validated_and_unique(db: &Db) {
    let s = services(db);
    let admin = user(&s, "beheer", Role::Beheerder).await;
    let pw = password(Role::Inkoper);
    s.add_user(&admin, "An.de-Vries_2", "An de Vries", Role::Inkoper, &pw).await.unwrap();
    let users = s.list_users(&admin).await.unwrap();
    assert!(users.iter().any(|u| u.username == "an.de-vries_2" && u.role == Role::Inkoper), "{users:?}");

    let duplicate = s.add_user(&admin, "AN.DE-VRIES_2", "Nog een An", Role::Auditor, &pw).await;
    assert_eq!(problem_at(duplicate, "username"), Problem::Duplicate);
    let bad_name = s.add_user(&admin, "an de vries", "An", Role::Inkoper, &pw).await;
    assert_eq!(problem_at(bad_name, "username"), Problem::UnknownChoice);
    let short = s.add_user(&admin, "bo", "Bo", Role::Inkoper, "te-kort").await;
    assert_eq!(problem_at(short, "new_password"), Problem::PasswordTooShort { min: 12 });
    assert_eq!(s.list_users(&admin).await.unwrap().len(), 2);
}
both_dbs!(accounts_are_validated_and_unique);
