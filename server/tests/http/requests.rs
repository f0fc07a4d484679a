//! Self-service over HTTP without JavaScript: a refused request comes back with every problem linked
//! to its field and what was typed; a second submit with the same token lands on the first request;
//! a forged post files nothing; someone else's request is a 403 page; deciding on one's own request
//! is refused at the step field; the regie team's list downloads as CSV.

use crate::app::{Session, TestApp};
use crate::forms::{follow, plain_post};
use crate::summary_links::summary_targets;
use domain::requests::FormPurpose;
use domain::Role;
use service::auth::system_actor;

fn as_pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The id of the shipped form for `purpose`.
async fn form_id(app: &TestApp, purpose: FormPurpose) -> i64 {
    let forms = app.services.request_forms(&system_actor()).await.unwrap();
    forms.iter().find(|f| f.purpose == purpose).expect("a shipped form").id.0
}

/// The fill-in page's hidden version and token.
async fn open_form(app: &TestApp, s: &Session, form: i64) -> (String, String, String) {
    let html =
        s.client.get(app.url(&format!("/zelfservice/formulieren/{form}"))).send().await.unwrap().text().await.unwrap();
    let hidden = |name: &str| {
        let rest =
            html.split(&format!(r#"name="{name}" value=""#)).nth(1).unwrap_or_else(|| panic!("{name} on the page"));
        rest[..rest.find('"').unwrap()].to_string()
    };
    (hidden("version"), hidden("token"), html)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_request_links_every_problem_to_its_field_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Medewerker).await;
    let form = form_id(&app, FormPurpose::Intake).await;
    let (version, token, _) = open_form(&app, &s, form).await;
    let path = format!("/zelfservice/formulieren/{form}");
    let post = [
        ("csrf", s.csrf.as_str()),
        ("version", version.as_str()),
        ("token", token.as_str()),
        ("answers[veld_2]", "Roosters <maken> & delen"),
        ("answers[veld_3]", "Nee, het moet maatwerk worden"),
        ("answers[veld_5]", "0"),
        ("answers[veld_7]", "01-01-2000"),
    ];
    let res = plain_post(&app, &s, "requests/file", &path, &post).await;
    let (back, html) = follow(&app, &s, res).await;
    assert!(back.contains(&format!("{path}?")), "{back}");
    let targets = summary_targets(&html);
    for expected in ["f-veld_1", "f-veld_5", "f-veld_7"] {
        assert!(targets.iter().any(|t| t == expected), "{expected} in {targets:?}");
    }
    for t in &targets {
        assert_eq!(html.matches(&format!(r#" id="{t}""#)).count(), 1, "#{t} names one element");
    }
    assert!(html.contains("Vul dit veld in."), "required");
    assert!(html.contains("Kies vandaag of een latere datum."), "a date in the past");
    assert!(html.contains("Roosters &lt;maken&gt; &amp; delen</textarea>"), "the long text kept, escaped");
    assert!(html.contains(r#"<option value="Nee, het moet maatwerk worden" selected"#), "the choice kept");
    let filed = store::list_requests(app.services.db(), store::RequestScope::All, None, 10).await.unwrap();
    assert!(filed.is_empty(), "nothing filed");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_request_per_token_none_for_a_forged_post_and_403_for_a_stranger() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Medewerker).await;
    let form = form_id(&app, FormPurpose::Intake).await;
    let (version, token, _) = open_form(&app, &s, form).await;
    let path = format!("/zelfservice/formulieren/{form}");
    let valid = |csrf: &'static str| {
        let csrf = if csrf.is_empty() { s.csrf.clone() } else { csrf.to_string() };
        vec![
            ("csrf".to_string(), csrf),
            ("version".into(), version.clone()),
            ("token".into(), token.clone()),
            ("answers[veld_1]".into(), "Roosterplanner".into()),
            ("answers[veld_2]".into(), "Diensten ruilen".into()),
            ("answers[veld_3]".into(), "Ja, als SaaS (clouddienst)".into()),
            ("answers[veld_5]".into(), "40".into()),
        ]
    };
    let forged = plain_post(&app, &s, "requests/file", &path, &as_pairs(&valid("niet-het-token"))).await;
    assert!(forged.status().is_client_error() || forged.status() == 302, "{}", forged.status());
    assert!(store::list_requests(app.services.db(), store::RequestScope::All, None, 10).await.unwrap().is_empty());

    let first = plain_post(&app, &s, "requests/file", &path, &as_pairs(&valid(""))).await;
    let (at, html) = follow(&app, &s, first).await;
    assert!(at.starts_with("/aanvragen/") && at.ends_with("?opgeslagen=aanvraag"), "{at}");
    assert!(html.contains("Roosterplanner"));
    let again = plain_post(&app, &s, "requests/file", &path, &as_pairs(&valid(""))).await;
    let (at_again, _) = follow(&app, &s, again).await;
    assert_eq!(at_again, at, "the second click lands on the first request");
    assert_eq!(store::list_requests(app.services.db(), store::RequestScope::All, None, 10).await.unwrap().len(), 1);

    let request = at.split('?').next().unwrap().to_string();
    let stranger = app.sign_in(Role::Inkoper).await;
    let res = stranger.client.get(app.url(&request)).send().await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("Geen toegang"));
    let regisseur = app.sign_in(Role::Regisseur).await;
    let res = regisseur.client.get(app.url(&request)).send().await.unwrap();
    assert_eq!(res.status(), 200, "the regie team sees every request");

    // The regie team's list as CSV; a medewerker may not download it.
    let res = regisseur.client.get(app.url("/aanvragen.csv?status=ingediend")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let body = res.text().await.unwrap();
    assert!(body.starts_with("\u{feff}nummer;formulier;aanvrager;dienst;status;"), "{body}");
    assert!(body.contains(";Nieuwe software voorstellen;Test medewerker;;ingediend;wacht op regie;"), "{body}");
    assert_eq!(body.lines().count(), 2, "{body}");
    let refused = s.client.get(app.url("/aanvragen.csv")).send().await.unwrap();
    assert_eq!(refused.status(), 403);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deciding_on_ones_own_request_is_refused_at_the_step_field() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let form = form_id(&app, FormPurpose::Intake).await;
    let (version, token, _) = open_form(&app, &s, form).await;
    let path = format!("/zelfservice/formulieren/{form}");
    let post = [
        ("csrf", s.csrf.as_str()),
        ("version", version.as_str()),
        ("token", token.as_str()),
        ("answers[veld_1]", "Eigen idee"),
        ("answers[veld_2]", "Iets"),
        ("answers[veld_3]", "Ja, als SaaS (clouddienst)"),
        ("answers[veld_5]", "3"),
    ];
    let (at, _) = follow(&app, &s, plain_post(&app, &s, "requests/file", &path, &post).await).await;
    let request = at.split('?').next().unwrap().to_string();
    let id = request.rsplit('/').next().unwrap().to_string();
    let step = [("csrf", s.csrf.as_str()), ("id", id.as_str()), ("step", "goedkeuren_regie"), ("toelichting", "")];
    let (back, html) = follow(&app, &s, plain_post(&app, &s, "requests/step", &request, &step).await).await;
    assert!(back.contains(&format!("{request}?")), "{back}");
    assert!(html.contains("U kunt uw eigen aanvraag niet goedkeuren of afwijzen."));
    let targets = summary_targets(&html);
    assert_eq!(targets, ["f-besluit"]);
    assert_eq!(html.matches(r#" id="f-besluit""#).count(), 1);
    app.stop().await;
}
