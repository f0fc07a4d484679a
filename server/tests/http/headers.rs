//! Probes, the sign-in gate and security headers.

use crate::app::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probes_answer_without_a_session() {
    let app = TestApp::spawn().await;
    let c = TestApp::client();
    assert_eq!(c.get(app.url("/healthz")).send().await.unwrap().status(), 200);
    assert_eq!(c.get(app.url("/readyz")).send().await.unwrap().status(), 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_without_a_session_redirect_to_sign_in_with_the_way_back() {
    let app = TestApp::spawn().await;
    let res = TestApp::client().get(app.url("/contracten?x=1")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=/contracten%3Fx%3D1");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_page_is_dutch_and_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let res = TestApp::client().get(app.url("/login")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("default-src 'self'"), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    let body = res.text().await.unwrap();
    assert!(body.contains("<html lang=\"nl\""));
    assert!(body.contains("Gebruikersnaam"));
    // The inline hydration script carries the same nonce as the CSP.
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(body.contains(&format!("nonce=\"{nonce}\"")));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_is_available_through_the_language_cookie() {
    let app = TestApp::spawn().await;
    let c = TestApp::client();
    let res = c
        .post(app.url("/api/language"))
        .header("accept", "application/json")
        .form(&[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let body = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    assert!(body.contains("<html lang=\"en\""));
    assert!(body.contains("User name"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_is_sent_only_when_the_public_address_is_https() {
    let https = TestApp::spawn_with(|c| c.server.public_url = "https://regie.example.nl".into()).await;
    let res = TestApp::client().get(https.url("/login")).send().await.unwrap();
    assert_eq!(res.headers()["strict-transport-security"], "max-age=31536000");
    https.stop().await;
    let plain = TestApp::spawn().await;
    let res = TestApp::client().get(plain.url("/login")).send().await.unwrap();
    assert!(res.headers().get("strict-transport-security").is_none());
    plain.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_whose_origin_has_another_scheme_is_refused() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(domain::Role::Regisseur).await;
    let post = |origin: String| {
        s.client
            .post(app.url("/api/logout"))
            .header("accept", "application/json")
            .header("origin", origin)
            .form(&[("csrf", s.csrf.as_str())])
            .send()
    };
    assert_eq!(post(format!("https://{}", app.addr)).await.unwrap().status(), 403);
    assert!(post(format!("http://{}", app.addr)).await.unwrap().status().is_success());
    app.stop().await;
}
