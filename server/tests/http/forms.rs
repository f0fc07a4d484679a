//! Everyday use of the forms without JavaScript: a refused form keeps what was typed (never a
//! password), a duplicate KvK number links to the vendor that has it, a source with an address the
//! guard refuses is refused at its field, and a save ends on the saved object with a confirmation.

use crate::app::{password, Session, TestApp};
use domain::Role;

/// Posts `form` to server function `endpoint` as a browser without wasm does, from page `from`.
pub(crate) async fn plain_post(
    app: &TestApp,
    s: &Session,
    endpoint: &str,
    from: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    s.client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("accept", "text/html")
        .header("referer", app.url(from))
        .form(form)
        .send()
        .await
        .unwrap()
}

fn vendor_form<'a>(csrf: &'a str, name: &'a str, kvk: &'a str, notes: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("form[name]", name),
        ("form[kvk]", kvk),
        ("form[category]", "overig"),
        ("form[sourcing]", "paas"),
        ("form[criticality]", "laag"),
        ("form[notes]", notes),
    ]
}

/// Follows the redirect of `res` and returns the page it leads to.
pub(crate) async fn follow(app: &TestApp, s: &Session, res: reqwest::Response) -> (String, String) {
    assert_eq!(res.status(), 302);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let url = if location.starts_with('/') { app.url(&location) } else { location.clone() };
    let html = s.client.get(&url).header("accept", "text/html").send().await.unwrap().text().await.unwrap();
    (location, html)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_refused_form_comes_back_with_what_was_typed_once() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let form = vendor_form(&s.csrf, "Typwerk B.V.", "1234", "Eerst & \"nog\" <iets>");
    let res = plain_post(&app, &s, "vendors/create", "/leveranciers/nieuw", &form).await;
    let cookie =
        res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(cookie.iter().any(|c| c.starts_with("rk_form=") && c.contains("HttpOnly")), "{cookie:?}");
    let (back, html) = follow(&app, &s, res).await;
    assert!(back.contains("/leveranciers/nieuw?") && back.contains("__err="), "{back}");
    assert!(!back.contains("Typwerk"), "the fields travel in memory, not in the URL: {back}");
    assert!(html.contains(r#"value="Typwerk B.V.""#), "name kept");
    assert!(html.contains(r#"value="1234""#), "the refused KvK number too");
    let notes = html.split(r#"id="f-notes""#).nth(1).unwrap_or_default();
    assert!(
        notes.contains("Eerst &amp;") && notes.contains("&lt;iets&gt;</textarea>"),
        "notes kept, escaped: {}",
        &notes[..notes.len().min(300)]
    );
    assert!(html.contains(r#"<option value="paas" selected"#), "the choices as well");
    assert!(html.contains(r##"href="#f-kvk""##), "the summary links to the field");
    // Shown once: the same address again shows the error but no longer the input.
    let again = s.client.get(&back).header("accept", "text/html").send().await.unwrap().text().await.unwrap();
    assert!(!again.contains(r#"value="Typwerk B.V.""#));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_keeps_the_user_name_but_never_the_password() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let s = Session { client, csrf: String::new() };
    let form = [("username", "regisseur"), ("password", "een-fout-wachtwoord-99"), ("next", "/contracten")];
    let res = plain_post(&app, &s, "login", "/login?next=/contracten", &form).await;
    let (_, html) = follow(&app, &s, res).await;
    assert!(html.contains(r#"value="regisseur""#), "user name kept");
    assert!(!html.contains("een-fout-wachtwoord-99"), "password never kept");
    // The right password still signs in.
    let right = password(Role::Regisseur);
    let ok = [("username", "regisseur"), ("password", right.as_str())];
    let res = plain_post(&app, &s, "login", "/login", &ok).await;
    assert_eq!(res.headers()["location"], "/");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_vendor_with_a_known_kvk_number_is_refused_with_a_link_to_the_first() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let first = app.call(&s.client, "vendors/create", &vendor_form(&s.csrf, "Eerste B.V.", "55667788", "")).await;
    let first: i64 = first.json().await.unwrap();
    let json = app.call(&s.client, "vendors/create", &vendor_form(&s.csrf, "Tweede B.V.", "5566 7788", "")).await;
    assert_eq!(json.status(), 422);
    let body = json.text().await.unwrap();
    assert!(body.contains("KvkInUse") && body.contains("Eerste B.V."), "{body}");

    let res = plain_post(
        &app,
        &s,
        "vendors/create",
        "/leveranciers/nieuw",
        &vendor_form(&s.csrf, "Tweede B.V.", "55667788", ""),
    )
    .await;
    let (_, html) = follow(&app, &s, res).await;
    assert!(html.contains("Dit KvK-nummer hoort al bij een andere leverancier."));
    assert!(
        html.contains(&format!(r#"href="/leveranciers/{first}""#)) && html.contains("Bekijk leverancier Eerste B.V.")
    );
    assert!(html.contains(r#"value="Tweede B.V.""#));
    let list: serde_json::Value = app.call(&s.client, "vendors/list", &[]).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "nothing saved");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_with_a_private_address_is_refused_at_its_url_field() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&s, "Bronwijs B.V.").await.to_string();
    let service: i64 = app
        .call(
            &s.client,
            "vendors/services/add",
            &[
                ("csrf", &s.csrf),
                ("vendor", &vendor),
                ("form[name]", "Portaal"),
                ("form[description]", ""),
                ("form[criticality]", "hoog"),
            ],
        )
        .await
        .json()
        .await
        .unwrap();
    let service = service.to_string();
    let form = |url: &'static str| {
        vec![
            ("csrf", s.csrf.as_str()),
            ("service", service.as_str()),
            ("form[kind]", "http"),
            ("form[name]", "Portaal health"),
            ("form[url]", url),
            ("form[interval_secs]", "60"),
            ("form[enabled]", "on"),
        ]
    };
    let res = app.call(&s.client, "monitoring/sources/add", &form("http://10.0.0.7/health")).await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("AddressRefused") && body.contains("10.0.0.7 is een intern netwerkadres"), "{body}");

    let from = format!("/monitoring/bronnen/nieuw?dienst={service}");
    let res = plain_post(&app, &s, "monitoring/sources/add", &from, &form("http://169.254.169.254/latest")).await;
    let (_, html) = follow(&app, &s, res).await;
    assert!(
        html.contains(r#"id="url-error""#) && html.contains("metadatadienst van een cloudplatform"),
        "at the field"
    );
    assert!(html.contains(r#"value="http://169.254.169.254/latest""#), "the address stays to be corrected");
    let list: serde_json::Value = app.call(&s.client, "monitoring/sources", &[]).await.json().await.unwrap();
    assert!(list.as_array().unwrap().is_empty(), "nothing saved");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_ends_on_the_saved_vendor_with_a_confirmation() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let res = plain_post(
        &app,
        &s,
        "vendors/create",
        "/leveranciers/nieuw",
        &vendor_form(&s.csrf, "Bewaard B.V.", "11223344", ""),
    )
    .await;
    let (location, html) = follow(&app, &s, res).await;
    assert!(location.ends_with("?opgeslagen=leverancier"), "{location}");
    assert!(html.contains(r#"role="status""#) && html.contains("Leverancier opgeslagen."));
    let plain = s.client.get(app.url("/leveranciers")).send().await.unwrap().text().await.unwrap();
    assert!(!plain.contains("Leverancier opgeslagen."), "only after a save");
    app.stop().await;
}
