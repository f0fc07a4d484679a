//! Bad input over HTTP: CSRF, cross-site posts, over-long and invalid fields. Never a 500.

use crate::app::TestApp;
use domain::Role;

fn vendor_form<'a>(csrf: &'a str, name: &'a str, kvk: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("form[name]", name),
        ("form[kvk]", kvk),
        ("form[category]", "overig"),
        ("form[sourcing]", "saas"),
        ("form[criticality]", "hoog"),
        ("form[notes]", ""),
    ]
}

async fn vendor_count(app: &TestApp, s: &crate::app::Session) -> usize {
    let list: serde_json::Value = app.call(&s.client, "vendors/list", &[]).await.json().await.unwrap();
    list.as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_or_missing_csrf_token_is_refused_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let forged =
        app.call(&s.client, "vendors/create", &vendor_form("0".repeat(64).as_str(), "Vals B.V.", "12345678")).await;
    assert_eq!(forged.status(), 401);
    let mut missing = vendor_form("x", "Vals B.V.", "12345678");
    missing.remove(0);
    let res = app.call(&s.client, "vendors/create", &missing).await;
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_eq!(vendor_count(&app, &s).await, 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_post_is_refused_before_it_reaches_the_server_function() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let res = s
        .client
        .post(app.url("/api/vendors/create"))
        .header("origin", "https://evil.example")
        .form(&vendor_form(&s.csrf, "Vals B.V.", "12345678"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(vendor_count(&app, &s).await, 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_fields_are_reported_per_field_with_422() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let long = "x".repeat(500);
    let res = app.call(&s.client, "vendors/create", &vendor_form(&s.csrf, &long, "1234")).await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    let fields: Vec<&str> = body["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"name") && fields.contains(&"kvk"), "{body}");
    assert_eq!(vendor_count(&app, &s).await, 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_vendor_name_is_refused_at_the_name_field() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    app.vendor(&s, "Zaakwijs B.V.").await;
    let res = app.call(&s.client, "vendors/create", &vendor_form(&s.csrf, "ZAAKWIJS b.v.", "87654321")).await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["Invalid"][0]["field"], "name");
    assert_eq!(body["Invalid"][0]["problem"], "Duplicate");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_arguments_are_a_client_error_not_a_crash() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    for (endpoint, form) in [
        ("contracts/get", vec![("id", "not-a-number")]),
        ("vendors/get", vec![("id", "99999999999999999999999")]),
        ("contracts/decide", vec![("csrf", s.csrf.as_str()), ("id", "1"), ("form[decision]", "<script>")]),
    ] {
        let res = app.call(&s.client, endpoint, &form).await;
        assert!(res.status().is_client_error(), "{endpoint}: {}", res.status());
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invisible_control_and_direction_characters_in_a_name_are_refused_at_the_field() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    for (name, problem) in [
        ("\u{200B}\u{FEFF}", "Required"),
        ("Acme\u{202E}gpj.exe", "ForbiddenCharacter"),
        ("Ac\u{0}me", "ForbiddenCharacter"),
    ] {
        let res = app.call(&s.client, "vendors/create", &vendor_form(&s.csrf, name, "12345678")).await;
        assert_eq!(res.status(), 422, "{name:?}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["Invalid"][0]["field"], "name", "{name:?}: {body}");
        assert_eq!(body["Invalid"][0]["problem"], problem, "{name:?}: {body}");
    }
    assert_eq!(vendor_count(&app, &s).await, 0);
    app.stop().await;
}
