//! The contract form asks for the vendor once. Without JavaScript its "Diensten laden" posts the
//! whole form back to itself: nothing is saved, the form returns with everything typed and offers the
//! chosen vendor's services, and then saves as usual. Only those who may save a contract get that
//! far, and the list of a vendor's services the form asks for with JavaScript likewise.

use crate::app::TestApp;
use crate::forms::{follow, plain_post};
use domain::contract::ContractForm;
use domain::vendor::{ServiceForm, VendorForm};
use domain::{Role, VendorId, VendorServiceId};
use service::auth::system_actor;

async fn vendor_with_service(app: &TestApp, name: &str, kvk: &str, service: &str) -> (VendorId, VendorServiceId) {
    let cli = system_actor();
    let form = VendorForm {
        name: name.into(),
        kvk: kvk.into(),
        category: "overig".into(),
        sourcing: "saas".into(),
        criticality: "hoog".into(),
        notes: String::new(),
    };
    let vendor = app.services.register_vendor(&cli, &form).await.unwrap();
    let form = ServiceForm { name: service.into(), criticality: "hoog".into(), ..Default::default() };
    (vendor, app.services.add_service(&cli, vendor, &form).await.unwrap())
}

/// The contract form as the browser posts it, for `vendor`; `extra` is added at the end.
fn contract_form(csrf: &str, vendor: VendorId, title: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let v = vendor.to_string();
    [
        ("csrf", csrf),
        ("form[vendor_id]", v.as_str()),
        ("form[reference]", "CF-1"),
        ("form[title]", title),
        ("form[owner]", "Team Regie"),
        ("form[start]", "2026-01-01"),
        ("form[initial_end]", "2027-12-31"),
        ("form[renewal]", "tacit"),
        ("form[renewal_period_months]", "12"),
        ("form[option_count]", ""),
        ("form[option_length_months]", ""),
        ("form[notice_amount]", "3"),
        ("form[notice_unit]", "months"),
        ("form[lead_time_months]", "6"),
        ("form[annual_value]", "48.000,00"),
        ("form[price_model]", "vast"),
    ]
    .into_iter()
    .chain(extra.iter().copied())
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Whether checkbox `name` with `value` is on the page, and ticked.
fn ticked(html: &str, name: &str, value: &str) -> Option<bool> {
    let at = html.find(&format!(r#"name="{name}" value="{value}""#))?;
    let tag = &html[at..at + html[at..].find('>')?];
    Some(tag.contains(" checked"))
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_diensten_laden_keeps_what_was_typed_offers_the_services_and_then_saves() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let (_, zaak) = vendor_with_service(&app, "Zaakwijs B.V.", "11112222", "Zaaksysteem").await;
    let (geo, viewer) = vendor_with_service(&app, "Geowijs B.V.", "33334444", "Geo-viewer").await;

    let page = s
        .client
        .get(app.url("/contracten/nieuw"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(page.matches(r#"name="form[vendor_id]""#).count(), 1, "one vendor field");
    assert!(!page.contains(r#"name="leverancier""#), "no second vendor field");
    assert!(page.contains(r#"name="load_services""#) && page.contains("Diensten laden"));
    assert!(page.contains("Kies eerst de leverancier"), "no services before a vendor is chosen");

    let form = contract_form(&s.csrf, geo, "Kaarten & <lagen>", &[("load_services", "1")]);
    let res = plain_post(&app, &s, "contracts/create", "/contracten/nieuw", &pairs(&form)).await;
    let cookies: Vec<String> =
        res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    assert!(cookies.iter().any(|c| c.starts_with("rk_form=")), "{cookies:?}");
    assert!(res.headers().get("x-rk-keep-input").is_none(), "the marker stays inside the server");
    let (back, html) = follow(&app, &s, res).await;
    assert_eq!(back, format!("/contracten/nieuw?leverancier={geo}"));
    assert!(
        html.contains(r#"value="CF-1""#) && html.contains(r#"value="Kaarten &amp; &lt;lagen&gt;""#),
        "typed text kept"
    );
    assert!(html.contains(r#"value="48.000,00""#) && html.contains(r#"<option value="tacit" selected"#));
    assert!(html.contains(&format!(r#"<option value="{geo}" selected"#)), "the chosen vendor");
    assert_eq!(ticked(&html, "form[services][0]", &viewer.to_string()), Some(false), "its service offered");
    assert!(!html.contains("Zaaksysteem"), "not another vendor's");
    assert_eq!(ticked(&html, "form[services][0]", &zaak.to_string()), None);
    assert!(!html.contains("rk-error-summary"), "not a refusal");
    let list: serde_json::Value = app.call(&s.client, "contracts/list", &[]).await.json().await.unwrap();
    assert!(list.as_array().unwrap().is_empty(), "nothing saved");

    let viewer = viewer.to_string();
    let form = contract_form(&s.csrf, geo, "Kaarten", &[("form[services][0]", viewer.as_str())]);
    let res = plain_post(&app, &s, "contracts/create", &back, &pairs(&form)).await;
    let (saved, _) = follow(&app, &s, res).await;
    assert!(saved.ends_with("?opgeslagen=contract"), "{saved}");
    let id = saved.trim_start_matches("/contracten/").split('?').next().unwrap().to_string();
    let detail: serde_json::Value = app.call(&s.client, "contracts/get", &[("id", &id)]).await.json().await.unwrap();
    assert_eq!(detail["contract"]["vendor_id"], geo.0);
    assert_eq!(detail["services"][0]["name"], "Geo-viewer");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diensten_laden_on_the_edit_form_changes_nothing_and_is_only_for_who_may_save() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let (zaak_vendor, zaak) = vendor_with_service(&app, "Zaakwijs B.V.", "11112222", "Zaaksysteem").await;
    let (geo, viewer) = vendor_with_service(&app, "Geowijs B.V.", "33334444", "Geo-viewer").await;
    let cli = system_actor();
    let original = ContractForm {
        vendor_id: zaak_vendor.to_string(),
        reference: "CF-1".into(),
        title: "Zaken".into(),
        owner: "Team Regie".into(),
        start: "2026-01-01".into(),
        initial_end: "2027-12-31".into(),
        renewal: "fixed".into(),
        notice_amount: "3".into(),
        notice_unit: "months".into(),
        lead_time_months: "6".into(),
        annual_value: "1.000,00".into(),
        price_model: "vast".into(),
        services: vec![zaak.to_string()],
        ..Default::default()
    };
    let id = app.services.register_contract(&cli, &original).await.unwrap().to_string();

    let edit = format!("/contracten/{id}/wijzigen");
    let page = s.client.get(app.url(&edit)).header("accept", "text/html").send().await.unwrap().text().await.unwrap();
    assert_eq!(ticked(&page, "form[services][0]", &zaak.to_string()), Some(true), "its own vendor's service, ticked");

    let mut form = contract_form(&s.csrf, geo, "Omgezet", &[("load_services", "1")]);
    form.insert(1, ("id".into(), id.clone()));
    let res = plain_post(&app, &s, "contracts/update", &edit, &pairs(&form)).await;
    let (back, html) = follow(&app, &s, res).await;
    assert_eq!(back, format!("{edit}?leverancier={geo}"));
    assert!(html.contains(r#"value="Omgezet""#), "typed title kept");
    assert_eq!(ticked(&html, "form[services][0]", &viewer.to_string()), Some(false), "the chosen vendor's service");
    assert_eq!(ticked(&html, "form[services][0]", &zaak.to_string()), None, "not the old vendor's");
    let detail: serde_json::Value = app.call(&s.client, "contracts/get", &[("id", &id)]).await.json().await.unwrap();
    assert_eq!(detail["contract"]["title"], "Zaken", "nothing changed");

    // The JSON list the form asks for with JavaScript.
    let g = geo.to_string();
    let res = app.call(&s.client, "contracts/form-services", &[("vendor", &g)]).await;
    let list: serde_json::Value = res.json().await.unwrap();
    assert_eq!(list[0]["name"], "Geo-viewer");
    let res = app.call(&s.client, "contracts/form-services", &[]).await;
    assert_eq!(res.json::<serde_json::Value>().await.unwrap(), serde_json::Value::Null, "no vendor chosen");
    let res = app.call(&s.client, "contracts/form-services", &[("vendor", "9999")]).await;
    assert_eq!(res.status(), 404);

    let staff = app.sign_in(Role::Medewerker).await;
    let form = contract_form(&staff.csrf, geo, "Omgezet", &[("load_services", "1")]);
    let res = app.call(&staff.client, "contracts/create", &pairs(&form)).await;
    assert_eq!(res.status(), 403);
    let res = app.call(&staff.client, "contracts/form-services", &[("vendor", &g)]).await;
    assert_eq!(res.status(), 403);
    app.stop().await;
}
