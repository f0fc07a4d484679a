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
    // Refused attempts are audited once per window with a count, not one row each.
    assert!(!entries.iter().any(|e| e.record.result == "denied"));
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_next_address_with_control_characters_sends_the_user_home_instead_of_crashing() {
    let app = TestApp::spawn().await;
    for next in ["/\n/x", "/\t/evil"] {
        let c = TestApp::client();
        let form = [("username", "regisseur"), ("password", &password(Role::Regisseur)), ("next", next)];
        let res = c.post(app.url("/api/login")).header("accept", "text/html").form(&form).send().await.unwrap();
        assert!(res.status().is_redirection(), "{next:?}: {}", res.status());
        assert_eq!(res.headers()["location"], "/", "{next:?}");
        assert_eq!(c.get(app.url("/")).send().await.unwrap().status(), 200, "{next:?}: signed in");
    }
    app.stop().await;
}

/// The origin of the newest audit entry.
async fn last_origin(app: &TestApp) -> String {
    let filter = service::audit::AuditFilter { limit: 1, ..Default::default() };
    let (entries, _) = app.services.browse_audit_log(&service::auth::system_actor(), &filter).await.unwrap();
    entries[0].record.origin.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarding_headers_name_the_client_only_behind_a_trusted_proxy() {
    let form = [("username", "auditor"), ("password", &password(Role::Auditor))];
    let plain = TestApp::spawn().await;
    let res = plain.call_from(&TestApp::client(), "login", &form, "203.0.113.50").await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    assert_eq!(last_origin(&plain).await, "127.0.0.1", "a header from an untrusted peer is ignored");
    plain.stop().await;

    let proxied = TestApp::spawn_with(|c| {
        c.security.trusted_proxies = server::config::AllowList::List(vec!["127.0.0.1/32".into()])
    })
    .await;
    let res = proxied.call_from(&TestApp::client(), "login", &form, "203.0.113.50").await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    assert_eq!(last_origin(&proxied).await, "203.0.113.50");
    // Failures of one client behind the proxy do not slow down another one.
    for _ in 0..3 {
        let wrong = [("username", "auditor"), ("password", "fout-wachtwoord-123")];
        assert_eq!(proxied.call_from(&TestApp::client(), "login", &wrong, "203.0.113.66").await.status(), 401);
    }
    assert_eq!(proxied.call_from(&TestApp::client(), "login", &form, "203.0.113.66").await.status(), 429);
    let other = proxied.call_from(&TestApp::client(), "login", &form, "203.0.113.50").await.status();
    assert!(other.is_success() || other.is_redirection(), "{other}");
    proxied.stop().await;
}
