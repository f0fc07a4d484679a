//! The sign-in throttle: a growing delay per (user name, address) instead of a lock, refused
//! attempts audited once per window, one password length rule, and the current password of a
//! password change guessed no faster than a sign-in.

use crate::support::{audit_count, audit_since, password, problem_at, t0, user, ORIGIN};
use chrono::Duration;
use domain::{Problem, Role};
use service::clock::Clock;
use service::{ServiceError, Services, Settings};
use store::Db;

/// The use cases on `db` with a clock the test moves forward.
fn services_with_clock(db: &Db) -> (Services, Clock) {
    let clock = Clock::manual(t0());
    (Services::with_clock(db.clone(), Settings::default(), clock.clone()), clock)
}

fn wait_of<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> u64 {
    match result {
        Err(ServiceError::RateLimited { retry_after_secs }) => retry_after_secs,
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

const WRONG: &str = "niet-het-goede-wachtwoord";
const HERE: &str = "203.0.113.9";
const ELSEWHERE: &str = "198.51.100.1";

async fn failures_slow_down_only_that_user_name_at_that_address(db: &Db) {
    let (s, clock) = services_with_clock(db);
    user(&s, "piet", Role::Regisseur).await;
    user(&s, "an", Role::Inkoper).await;
    for i in 0..s.settings().login_max_failures {
        let result = s.sign_in("piet", WRONG, HERE).await;
        assert!(matches!(result, Err(ServiceError::Unauthenticated)), "attempt {i}: {result:?}");
    }
    // Here, piet waits 5 seconds, and the password is not even checked meanwhile.
    assert_eq!(wait_of(s.sign_in("piet", &password(Role::Regisseur), HERE).await), 5);
    // The right password from another address works: nobody can lock piet out from afar.
    s.sign_in("piet", &password(Role::Regisseur), ELSEWHERE).await.unwrap();
    // Another user at the same address (behind the same proxy) is not slowed either.
    s.sign_in("an", &password(Role::Inkoper), HERE).await.unwrap();
    // Each further failure doubles the wait.
    clock.advance(Duration::seconds(5));
    assert!(matches!(s.sign_in("piet", WRONG, HERE).await, Err(ServiceError::Unauthenticated)));
    assert_eq!(wait_of(s.sign_in("piet", &password(Role::Regisseur), HERE).await), 10);
    clock.advance(Duration::seconds(10));
    s.sign_in("piet", &password(Role::Regisseur), HERE).await.unwrap();
}
both_dbs!(failures_slow_down_only_that_user_name_at_that_address);

async fn a_flood_of_refused_attempts_is_audited_once_per_window_with_the_count(db: &Db) {
    let (s, clock) = services_with_clock(db);
    user(&s, "piet", Role::Regisseur).await;
    for _ in 0..s.settings().login_max_failures {
        let _ = s.sign_in("piet", WRONG, HERE).await;
    }
    let audited = audit_count(db).await;
    for _ in 0..100 {
        wait_of(s.sign_in("piet", WRONG, HERE).await);
    }
    assert_eq!(audit_count(db).await, audited, "refusals are counted, not written one by one");
    assert_eq!(s.audit_refused_sign_ins(false).await, 0, "the window is still open");

    clock.advance(Duration::seconds(i64::try_from(s.settings().login_window_secs).unwrap()));
    assert_eq!(s.audit_refused_sign_ins(false).await, 1);
    let entries = audit_since(db, audited).await;
    assert_eq!(entries.len(), 1);
    let e = &entries[0].record;
    assert_eq!((e.action.as_str(), e.result.as_str()), ("auth.sign_in", "denied"));
    assert_eq!((e.actor.as_str(), e.origin.as_str(), e.object.as_str()), ("piet", HERE, "user:piet"));
    let detail = e.detail.as_deref().unwrap();
    assert!(detail.starts_with("rate limited: 100 attempts refused from 2026-03-02T09:00:00Z"), "{detail}");
    assert_eq!(s.audit_refused_sign_ins(true).await, 0, "each window is reported once");
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, None);
}
both_dbs!(a_flood_of_refused_attempts_is_audited_once_per_window_with_the_count);

async fn a_password_of_200_accented_characters_can_be_set_and_used_to_sign_in(db: &Db) {
    let (s, _) = services_with_clock(db);
    let piet = user(&s, "piet", Role::Regisseur).await;
    let long = "é".repeat(200);
    s.change_password(&piet, &password(Role::Regisseur), &long, &long).await.unwrap();
    s.sign_in("piet", &long, HERE).await.unwrap();

    let admin = user(&s, "beheer", Role::Beheerder).await;
    s.add_user(&admin, "an", "An", Role::Inkoper, &long).await.unwrap();
    s.sign_in("an", &long, HERE).await.unwrap();

    // One limit, in characters, for both: 256 may be set and used, 257 neither.
    let longest = "é".repeat(256);
    s.add_user(&admin, "bo", "Bo", Role::Inkoper, &longest).await.unwrap();
    s.sign_in("bo", &longest, HERE).await.unwrap();
    let too_long = "é".repeat(257);
    assert_eq!(
        problem_at(s.add_user(&admin, "cas", "Cas", Role::Inkoper, &too_long).await, "new_password"),
        Problem::TooLong { max: 256 }
    );
    assert!(matches!(s.sign_in("bo", &too_long, HERE).await, Err(ServiceError::Unauthenticated)));
}
both_dbs!(a_password_of_200_accented_characters_can_be_set_and_used_to_sign_in);

async fn guessing_the_current_password_is_throttled_like_signing_in(db: &Db) {
    let (s, clock) = services_with_clock(db);
    let piet = user(&s, "piet", Role::Regisseur).await;
    let new = "een-heel-nieuw-wachtwoord";
    for _ in 0..s.settings().login_max_failures {
        let wrong = s.change_password(&piet, "geraden-wachtwoord-1", new, new).await;
        assert_eq!(problem_at(wrong, "current_password"), Problem::PasswordMismatch);
    }
    // Even the right current password waits now, and so does signing in from the same address.
    assert_eq!(wait_of(s.change_password(&piet, &password(Role::Regisseur), new, new).await), 5);
    assert_eq!(wait_of(s.sign_in("piet", &password(Role::Regisseur), ORIGIN).await), 5);
    clock.advance(Duration::seconds(5));
    s.change_password(&piet, &password(Role::Regisseur), new, new).await.unwrap();
}
both_dbs!(guessing_the_current_password_is_throttled_like_signing_in);
