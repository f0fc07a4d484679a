//! SLA terms over HTTP: a regisseur saves them and sees them on the contract page; bad input answers
//! 422 at its fields and saves nothing; a medewerker or auditor cannot save them (403).

use crate::app::{Session, TestApp};
use domain::contract::ContractForm;
use domain::vendor::VendorForm;
use domain::{ContractId, Role};
use service::auth::system_actor;

/// A contract worth € 120.000,00 a year; returns its id.
async fn contract(app: &TestApp) -> ContractId {
    let cli = system_actor();
    let vendor = VendorForm {
        name: "Zaakwijs B.V.".into(),
        kvk: "12345678".into(),
        category: "overig".into(),
        sourcing: "saas".into(),
        criticality: "hoog".into(),
        notes: String::new(),
    };
    let vendor = app.services.register_vendor(&cli, &vendor).await.unwrap();
    let form = ContractForm {
        vendor_id: vendor.to_string(),
        reference: "SLA-1".into(),
        title: "Zaaksysteem".into(),
        owner: "Team Regie".into(),
        start: "2026-01-01".into(),
        initial_end: "2027-12-31".into(),
        renewal: "tacit".into(),
        renewal_period_months: "12".into(),
        notice_amount: "3".into(),
        notice_unit: "months".into(),
        lead_time_months: "6".into(),
        annual_value: "120.000,00".into(),
        price_model: "vast".into(),
        ..Default::default()
    };
    app.services.register_contract(&cli, &form).await.unwrap()
}

/// The SLA form as the browser posts it; `changes` replace fields by name.
fn sla_form(s: &Session, id: ContractId, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = [
        ("csrf", s.csrf.as_str()),
        ("id", &id.to_string()),
        ("form[target]", "99,8"),
        ("form[window]", "weekly"),
        ("form[weekdays][0]", "mon"),
        ("form[weekdays][1]", "tue"),
        ("form[weekdays][2]", "wed"),
        ("form[weekdays][3]", "thu"),
        ("form[weekdays][4]", "fri"),
        ("form[from]", "08:00"),
        ("form[to]", "18:00"),
        ("form[exclude_holidays]", "on"),
        ("form[period]", "month"),
        ("form[basis]", "worst"),
        ("form[notice_days]", "5"),
        ("form[resolution_critical]", "240"),
        ("form[resolution_major]", ""),
        ("form[resolution_minor]", ""),
        ("form[staffel][0][below]", "99,8"),
        ("form[staffel][0][credit]", "5"),
        ("form[staffel][1][below]", "99"),
        ("form[staffel][1][credit]", "10"),
        ("form[staffel][2][below]", ""),
        ("form[staffel][2][credit]", ""),
        ("form[cap]", "25"),
        ("form[monthly_fee]", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (name, value) in changes {
        form.retain(|(k, _)| k != name);
        form.push((name.to_string(), value.to_string()));
    }
    form
}

async fn post(app: &TestApp, s: &Session, form: &[(String, String)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(&s.client, "contracts/sla/set", &pairs).await
}

async fn saved(app: &TestApp, id: ContractId) -> bool {
    store::get_sla_terms(app.services.db(), id).await.unwrap().is_some()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_regisseur_saves_sla_terms_and_sees_them_on_the_contract_page() {
    let app = TestApp::spawn().await;
    let id = contract(&app).await;
    let s = app.sign_in(Role::Regisseur).await;
    let form_page = s.client.get(app.url(&format!("/contracten/{id}/sla"))).send().await.unwrap();
    assert_eq!(form_page.status(), 200);
    assert!(form_page.text().await.unwrap().contains(r#"name="form[target]""#));

    let res = post(&app, &s, &sla_form(&s, id, &[])).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let page = s.client.get(app.url(&format!("/contracten/{id}"))).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for text in [
        "SLA-afspraken",
        "99,8 % per maand",
        "ma-vr 08:00-18:00 zonder feestdagen",
        "uitgesloten bij aankondiging ≥ 5 dagen vooraf",
        "kritiek 4 uur",
        "&lt; 99,8 % → 5 %, &lt; 99 % → 10 %; maximaal 25 %",
        "€ 10.000,00 (jaarwaarde / 12)",
    ] {
        assert!(html.contains(text), "{text:?} not on the page");
    }
    // The form now starts from what was saved.
    let form_page = s.client.get(app.url(&format!("/contracten/{id}/sla"))).send().await.unwrap().text().await.unwrap();
    assert!(form_page.contains(r#"value="99,8""#), "the saved target is prefilled");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_sla_terms_answer_422_at_their_fields_and_nothing_is_saved() {
    let app = TestApp::spawn().await;
    let id = contract(&app).await;
    let s = app.sign_in(Role::Regisseur).await;
    let bad = sla_form(
        &s,
        id,
        &[
            ("form[target]", "100,5"),
            ("form[from]", "18:00"),
            ("form[to]", "08:00"),
            ("form[staffel][1][below]", "99,8"),
            ("form[cap]", "120"),
            ("form[monthly_fee]", "-5"),
        ],
    );
    // No weekday ticked: the browser sends none of those fields.
    let bad: Vec<(String, String)> = bad.into_iter().filter(|(k, _)| !k.starts_with("form[weekdays]")).collect();
    let res = post(&app, &s, &bad).await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    let mut fields: Vec<&str> =
        body["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    fields.sort();
    assert_eq!(fields, ["cap", "monthly_fee", "staffel[1].below", "target", "to", "weekdays"]);
    assert!(!saved(&app, id).await, "nothing saved");

    let zero = post(&app, &s, &sla_form(&s, id, &[("form[target]", "0")])).await;
    assert_eq!(zero.status(), 422);
    assert!(!saved(&app, id).await);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_medewerker_or_auditor_cannot_save_sla_terms() {
    let app = TestApp::spawn().await;
    let id = contract(&app).await;
    for role in [Role::Medewerker, Role::Auditor] {
        let s = app.sign_in(role).await;
        let res = post(&app, &s, &sla_form(&s, id, &[])).await;
        assert_eq!(res.status(), 403, "{role}");
        let page = s.client.get(app.url(&format!("/contracten/{id}/sla"))).send().await.unwrap();
        assert_eq!(page.status(), 403, "{role}: the form page");
    }
    assert!(!saved(&app, id).await);
    // The auditor reads the contract page, with the (empty) SLA section and no edit link.
    let auditor = app.sign_in(Role::Auditor).await;
    let html = auditor.client.get(app.url(&format!("/contracten/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("nog geen SLA-afspraken"));
    assert!(!html.contains(&format!("/contracten/{id}/sla")));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_bad_sla_terms_return_to_the_form_with_the_messages_at_their_fields() {
    let app = TestApp::spawn().await;
    let id = contract(&app).await;
    let s = app.sign_in(Role::Regisseur).await;
    let here = app.url(&format!("/contracten/{id}/sla"));
    let bad = sla_form(&s, id, &[("form[target]", "0"), ("form[to]", "07:00")]);
    let res = s
        .client
        .post(app.url("/api/contracts/sla/set"))
        .header("accept", "text/html")
        .header("referer", &here)
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    let back = res.headers()["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&format!("{here}?")) && back.contains("__err="), "{back}");
    let html = s.client.get(&back).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains(r#"id="target-error""#) && html.contains("Vul een percentage boven 0 en ten hoogste 100 in.")
    );
    assert!(html.contains(r#"id="to-error""#) && html.contains("De eindtijd moet na de begintijd liggen."));
    assert!(!saved(&app, id).await);
    app.stop().await;
}
