//! Sign-in, cookies, rate limiting, sign-out and password change over HTTP.

use crate::app::{password, TestApp};
use domain::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_an_http_only_same_site_cookie_without_secure_over_plain_http() {
    let app = TestApp::spawn().await;
    let c = TestApp::client();
    let res = app.call(&c, "login", &[("username", "regisseur"), ("password", &password(Role::Regisseur))]).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("rk_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert_eq!(c.get(app.url("/")).send().await.unwrap().status(), 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_cookie_is_host_prefixed_and_secure() {
    let app = TestApp::spawn_with(|c| c.server.public_url = "https://regie.example.nl".into()).await;
    let res =
        app.call(&TestApp::client(), "login", &[("username", "auditor"), ("password", &password(Role::Auditor))]).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-rk_session=") && cookie.contains("; Secure"), "{cookie}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_refused_and_repeated_failures_are_rate_limited() {
    let app = TestApp::spawn().await;
    let c = TestApp::client();
    for _ in 0..3 {
        let res = app.call(&c, "login", &[("username", "inkoper"), ("password", "fout-wachtwoord-123")]).await;
        assert_eq!(res.status(), 401);
    }
    // Even the right password is refused while the limit holds.
    let res = app.call(&c, "login", &[("username", "inkoper"), ("password", &password(Role::Inkoper))]).await;
    assert_eq!(res.status(), 429);
    let (entries, _) = app
        .services
        .browse_audit_log(
            &service::auth::system_actor(),
            &service::audit::AuditFilter { action: Some("auth.sign_in".into()), limit: 50, ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(entries.iter().filter(|e| e.record.result == "failed").count(), 3);
    assert!(entries.iter().any(|e| e.record.result == "denied"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_form_sign_in_failure_returns_to_the_form_with_the_error() {
    let app = TestApp::spawn().await;
    let res = TestApp::client()
        .post(app.url("/api/login"))
        .header("accept", "text/html")
        .header("referer", app.url("/login"))
        .form(&[("username", "regisseur"), ("password", "onjuist-wachtwoord")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    let loc = res.headers()["location"].to_str().unwrap();
    assert!(loc.starts_with(&app.url("/login?")) && loc.contains("__err="), "{loc}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let res = app.call(&s.client, "logout", &[("csrf", &s.csrf)]).await;
    assert!(res.status().is_success(), "{}", res.status());
    assert_eq!(s.client.get(app.url("/")).send().await.unwrap().status(), 303);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_every_session_of_that_user() {
    let app = TestApp::spawn().await;
    let first = app.sign_in(Role::IctManager).await;
    let second = app.sign_in(Role::IctManager).await;
    let new = "een-heel-nieuw-wachtwoord";
    let res = app
        .call(
            &first.client,
            "password",
            &[
                ("csrf", &first.csrf),
                ("current_password", &password(Role::IctManager)),
                ("new_password", new),
                ("repeat", new),
            ],
        )
        .await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    for s in [&first, &second] {
        assert_eq!(s.client.get(app.url("/")).send().await.unwrap().status(), 303);
    }
    let c = TestApp::client();
    let res = app.call(&c, "login", &[("username", "ict-manager"), ("password", new)]).await;
    assert!(res.status().is_success() || res.status().is_redirection());
    app.stop().await;
}
