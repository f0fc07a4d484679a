//! The error summary above a refused form links every problem to its field: for each form whose
//! fields are not all named after their problem keys (the vendor page's service and contact forms,
//! the source form's figure rows, the SLA form's staffel rows and day boxes, the contract form's
//! services), a post without JavaScript is refused and every `href="#…"` of the summary must name
//! exactly one element of the page that comes back.

use crate::app::{Session, TestApp};
use crate::forms::{follow, plain_post};
use domain::contract::ContractForm;
use domain::vendor::{ServiceForm, VendorForm};
use domain::Role;
use service::auth::system_actor;

/// The in-page targets of the error summary's links, in order.
pub(crate) fn summary_targets(html: &str) -> Vec<String> {
    let summary = html.split("rk-error-summary").nth(1).expect("an error summary on the page");
    let summary = &summary[..summary.find("</div>").expect("the summary ends")];
    summary.split(r##"href="#"##).skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_string()).collect()
}

/// Every summary link lands on exactly one element, and the links include `expected`.
#[track_caller]
fn assert_links_land(html: &str, expected: &[&str]) {
    let targets = summary_targets(html);
    for e in expected {
        assert!(targets.iter().any(|t| t == e), "expected a link to #{e}, got {targets:?}");
    }
    for t in &targets {
        let found = html.matches(&format!(r#" id="{t}""#)).count();
        assert_eq!(found, 1, "#{t} names {found} elements; summary links: {targets:?}");
    }
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn owned(form: &[(&str, &str)]) -> Vec<(String, String)> {
    form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A vendor with one service, and a contract for it; returns (vendor, service, contract).
async fn register(app: &TestApp) -> (i64, i64, i64) {
    let cli = system_actor();
    let vendor = VendorForm {
        name: "Ankerwijs B.V.".into(),
        kvk: "24681357".into(),
        category: "overig".into(),
        sourcing: "saas".into(),
        criticality: "hoog".into(),
        notes: String::new(),
    };
    let vendor = app.services.register_vendor(&cli, &vendor).await.unwrap();
    let service = ServiceForm { name: "Portaal".into(), criticality: "hoog".into(), ..Default::default() };
    let service = app.services.add_service(&cli, vendor, &service).await.unwrap();
    let contract = ContractForm {
        vendor_id: vendor.to_string(),
        reference: "ANKER-1".into(),
        title: "Portaal".into(),
        owner: "Team Regie".into(),
        start: "2026-01-01".into(),
        initial_end: "2027-12-31".into(),
        renewal: "fixed".into(),
        notice_amount: "3".into(),
        notice_unit: "months".into(),
        lead_time_months: "6".into(),
        annual_value: "12.000,00".into(),
        price_model: "vast".into(),
        ..Default::default()
    };
    let contract = app.services.register_contract(&cli, &contract).await.unwrap();
    (vendor.0, service.0, contract.0)
}

async fn refused_page(app: &TestApp, s: &Session, endpoint: &str, from: &str, form: &[(String, String)]) -> String {
    let res = plain_post(app, s, endpoint, from, &pairs(form)).await;
    let (location, html) = follow(app, s, res).await;
    assert!(location.contains("__err="), "refused: {location}");
    html
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_summary_links_of_the_vendor_pages_service_and_contact_forms_land_on_their_fields() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let (vendor, _, _) = register(&app).await;
    let (v, page) = (vendor.to_string(), format!("/leveranciers/{vendor}"));
    let service = owned(&[
        ("csrf", &s.csrf),
        ("vendor", &v),
        ("form[name]", ""),
        ("form[description]", ""),
        ("form[criticality]", "onbekend"),
    ]);
    let html = refused_page(&app, &s, "vendors/services/add", &page, &service).await;
    assert_links_land(&html, &["f-service_name", "f-criticality"]);

    let contact = owned(&[
        ("csrf", &s.csrf),
        ("vendor", &v),
        ("form[name]", ""),
        ("form[role]", ""),
        ("form[email]", "geen-adres"),
        ("form[phone]", ""),
    ]);
    let html = refused_page(&app, &s, "vendors/contacts/add", &page, &contact).await;
    assert_links_land(&html, &["f-contact_name", "f-email"]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_summary_links_of_the_source_form_land_on_its_figure_rows() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let (_, service, _) = register(&app).await;
    let service = service.to_string();
    let form = owned(&[
        ("csrf", &s.csrf),
        ("service", &service),
        ("form[kind]", "json"),
        ("form[name]", ""),
        ("form[url]", "https://api.leverancier.example/usage"),
        ("form[metric_names][0]", "gebruik"),
        ("form[metric_pointers][0]", "geen-pointer"),
        ("form[interval_secs]", "300"),
        ("form[enabled]", "on"),
    ]);
    let html =
        refused_page(&app, &s, "monitoring/sources/add", &format!("/monitoring/bronnen/nieuw?dienst={service}"), &form)
            .await;
    assert_links_land(&html, &["f-name", "f-metric_name_1"]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_summary_links_of_the_sla_form_land_on_its_staffel_rows_and_days() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let (_, _, contract) = register(&app).await;
    let id = contract.to_string();
    let form = owned(&[
        ("csrf", &s.csrf),
        ("id", &id),
        ("form[target]", "99,8"),
        ("form[window]", "weekly"),
        ("form[from]", "08:00"),
        ("form[to]", "18:00"),
        ("form[period]", "month"),
        ("form[basis]", "probe"),
        ("form[notice_days]", "5"),
        ("form[staffel][0][below]", "veel"),
        ("form[staffel][0][credit]", "5"),
        ("form[staffel][1][below]", "99"),
        ("form[staffel][1][credit]", ""),
        ("form[cap]", "25"),
        ("form[monthly_fee]", ""),
    ]);
    let html = refused_page(&app, &s, "contracts/sla/set", &format!("/contracten/{id}/sla"), &form).await;
    assert_links_land(&html, &["f-staffel-0-below", "f-staffel-1-credit"]);

    // Valid rows, but no day for the weekly window: the problem is the days' group.
    let mut days = form.clone();
    days.retain(|(k, _)| !k.starts_with("form[staffel]"));
    let html = refused_page(&app, &s, "contracts/sla/set", &format!("/contracten/{id}/sla"), &days).await;
    assert_links_land(&html, &["f-weekdays"]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_summary_links_of_the_contract_form_land_on_its_fields_and_services() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    let (vendor, _, _) = register(&app).await;
    let cli = system_actor();
    let other = VendorForm {
        name: "Elders B.V.".into(),
        kvk: "13572468".into(),
        category: "overig".into(),
        sourcing: "saas".into(),
        criticality: "laag".into(),
        notes: String::new(),
    };
    let other = app.services.register_vendor(&cli, &other).await.unwrap();
    let foreign = ServiceForm { name: "Elders".into(), criticality: "laag".into(), ..Default::default() };
    let foreign = app.services.add_service(&cli, other, &foreign).await.unwrap().to_string();
    let v = vendor.to_string();
    let form = |reference: &str, services: &[(&str, &str)]| {
        let mut f = owned(&[
            ("csrf", &s.csrf),
            ("form[vendor_id]", &v),
            ("form[reference]", reference),
            ("form[title]", "Portaal"),
            ("form[owner]", "Team Regie"),
            ("form[start]", "2026-01-01"),
            ("form[initial_end]", "2027-12-31"),
            ("form[renewal]", "fixed"),
            ("form[renewal_period_months]", ""),
            ("form[option_count]", ""),
            ("form[option_length_months]", ""),
            ("form[notice_amount]", "3"),
            ("form[notice_unit]", "months"),
            ("form[lead_time_months]", "6"),
            ("form[annual_value]", "12.000,00"),
            ("form[price_model]", "vast"),
        ]);
        f.extend(owned(services));
        f
    };
    let page = format!("/contracten/nieuw?leverancier={vendor}");
    let html = refused_page(&app, &s, "contracts/create", &page, &form("", &[])).await;
    assert_links_land(&html, &["f-reference"]);
    let html =
        refused_page(&app, &s, "contracts/create", &page, &form("ANKER-2", &[("form[services][0]", &foreign)])).await;
    assert_links_land(&html, &["f-services"]);
    app.stop().await;
}
