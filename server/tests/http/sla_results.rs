//! SLA results over HTTP: the ICT head's overview and a contract's report for last month with the
//! credit, its charts (server-rendered SVG with text alternatives), the CSV downloads, a bad month in
//! the URL answered with a message instead of an error page, and a medewerker refused.

use crate::app::{Session, TestApp};
use chrono::{Datelike, Months, TimeDelta, Utc};
use domain::contract::ContractForm;
use domain::monitoring::{CheckState, IntervalChange};
use domain::sla::contract_terms::{SlaTermsForm, TierForm};
use domain::sla::Period;
use domain::vendor::{ServiceForm, VendorForm};
use domain::{ContractId, Role};
use service::auth::system_actor;

/// Last calendar month (Europe/Amsterdam) as a period.
fn last_month() -> Period {
    let today = Utc::now().date_naive();
    Period::month_of(today.with_day(1).unwrap().checked_sub_months(Months::new(1)).unwrap())
}

/// A contract for one service with 24x7 terms of 99,8 % and a fee of € 1.000 a month, and a probe that
/// saw the service down for two hours on the 10th of last month: 5 % credit, € 50,00.
async fn measured_contract(app: &TestApp) -> (ContractId, domain::VendorId) {
    let cli = system_actor();
    let vendor = VendorForm {
        name: "Kaartwerk <Geo> B.V.".into(),
        kvk: "12345678".into(),
        category: "overig".into(),
        sourcing: "saas".into(),
        criticality: "vitaal".into(),
        notes: String::new(),
    };
    let vendor = app.services.register_vendor(&cli, &vendor).await.unwrap();
    let service = ServiceForm { name: "=GIS-viewer".into(), criticality: "hoog".into(), ..Default::default() };
    let service = app.services.add_service(&cli, vendor, &service).await.unwrap();
    let form = ContractForm {
        vendor_id: vendor.to_string(),
        reference: "SLA-9".into(),
        title: "Geo-informatie".into(),
        owner: "Team Regie".into(),
        start: "2020-01-01".into(),
        initial_end: "2035-12-31".into(),
        renewal: "tacit".into(),
        renewal_period_months: "12".into(),
        notice_amount: "3".into(),
        notice_unit: "months".into(),
        lead_time_months: "6".into(),
        annual_value: "12.000,00".into(),
        price_model: "vast".into(),
        services: vec![service.to_string()],
        ..Default::default()
    };
    let id = app.services.register_contract(&cli, &form).await.unwrap();
    let terms = SlaTermsForm {
        target: "99,8".into(),
        window: "always".into(),
        period: "month".into(),
        basis: "probe".into(),
        notice_days: "5".into(),
        resolution_critical: "240".into(),
        staffel: vec![
            TierForm { below: "99,8".into(), credit: "5".into() },
            TierForm { below: "99".into(), credit: "10".into() },
        ],
        cap: "25".into(),
        ..Default::default()
    };
    app.services.set_contract_sla_terms(&cli, id, &terms).await.unwrap();

    let db = app.services.db();
    let row = store::NewSourceRow {
        service_id: service,
        kind: "http".into(),
        name: "Beschikbaarheid".into(),
        config_json: r#"{"url":"https://geo.example/health","expected_status":200}"#.into(),
        interval_secs: 60,
        timeout_ms: 5000,
        enabled: false,
    };
    let (start, end) = last_month().utc_bounds();
    let first_of_tenth = start + TimeDelta::days(9) + TimeDelta::hours(10);
    let mut tx = db.begin().await.unwrap();
    let source = store::insert_source(&mut tx, &row, start).await.unwrap();
    let changes = [
        IntervalChange::Open { state: CheckState::Up, start },
        IntervalChange::Close { end: first_of_tenth },
        IntervalChange::Open { state: CheckState::Down, start: first_of_tenth },
        IntervalChange::Close { end: first_of_tenth + TimeDelta::hours(2) },
        IntervalChange::Open { state: CheckState::Up, start: first_of_tenth + TimeDelta::hours(2) },
        IntervalChange::Close { end },
    ];
    store::apply_interval_changes(&mut tx, source, service, &changes, end).await.unwrap();
    tx.commit().await.unwrap();
    (id, vendor)
}

async fn get(s: &Session, url: String) -> (u16, String, reqwest::header::HeaderMap) {
    let r = s.client.get(url).send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    (status, r.text().await.unwrap(), headers)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ict_head_sees_last_months_breach_with_its_credit_charts_and_csv() {
    let app = TestApp::spawn().await;
    let (id, vendor) = measured_contract(&app).await;
    let month = last_month().label();
    let s = app.sign_in(Role::IctManager).await;

    let (status, html, _) = get(&s, app.url(&format!("/sla?maand={month}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains("SLA-9") && html.contains("Niet gehaald"), "the overview shows the breach");
    assert!(html.contains("Kaartwerk &lt;Geo&gt; B.V."), "names are escaped");
    let (status, home, _) = get(&s, app.url("/")).await;
    assert_eq!(status, 200);
    assert!(home.contains("SLA per contract"), "the ICT head's start page holds the overview");

    let (status, html, _) = get(&s, app.url(&format!("/contracten/{id}/sla-rapport?maand={month}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains("€ 50,00"), "5 % of € 1.000,00");
    assert!(html.contains("telt als") || html.contains("storing"), "the evidence lists the downtime");
    let svgs = html.matches("<svg").count();
    assert!(svgs >= 3, "13 months, 30 days and incidents: {svgs} charts");
    assert_eq!(html.matches(r#"role="img""#).count(), svgs, "every chart is labelled as an image");
    assert!(html.contains("Toon de gegevens als tabel"), "every chart has a table alternative");

    let (status, csv, headers) = get(&s, app.url(&format!("/contracten/{id}/sla-rapport.csv?maand={month}"))).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers["content-disposition"].to_str().unwrap().contains(&format!("sla-SLA-9-{month}.csv")));
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "Contract;SLA-9;Geo-informatie");
    assert!(lines.contains(&"Servicekorting (EUR);50,00"), "{lines:#?}");
    assert!(lines.contains(&"Norm gehaald;nee"));
    assert!(
        lines.iter().any(|l| l.starts_with("'=GIS-viewer;storing;") && l.contains(";120,0;storing;")),
        "{lines:#?}"
    );

    let (status, html, _) = get(&s, app.url(&format!("/leveranciers/{vendor}"))).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Afgelopen 30 dagen") && html.contains(r#"role="img""#),
        "the vendor page has the 30-day chart"
    );

    let (status, csv, _) = get(&s, app.url(&format!("/sla/overzicht.csv?maand={month}"))).await;
    assert_eq!(status, 200);
    assert!(
        csv.lines().any(|l| l.starts_with(&format!("{month};SLA-9;Geo-informatie;")) && l.contains(";50,00;")),
        "{csv}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_month_gets_a_message_and_a_medewerker_gets_nothing() {
    let app = TestApp::spawn().await;
    let (id, _) = measured_contract(&app).await;
    let s = app.sign_in(Role::IctManager).await;
    let future = (Utc::now().date_naive() + TimeDelta::days(62)).format("%Y-%m").to_string();
    let (status, html, _) = get(&s, app.url(&format!("/contracten/{id}/sla-rapport?maand={future}"))).await;
    assert!(status < 500, "{status}");
    assert!(html.contains("nog niet begonnen"), "the reason is shown at the month field");
    let (status, html, _) = get(&s, app.url(&format!("/contracten/{id}/sla-rapport?maand=2019-12"))).await;
    assert!(status < 500 && html.contains("liep in deze periode nog niet"), "{status}");
    let (status, html, _) = get(&s, app.url("/sla?maand=13-2026")).await;
    assert!(status < 500 && html.contains("jjjj-mm"), "{status}");
    let (status, text, _) = get(&s, app.url(&format!("/contracten/{id}/sla-rapport.csv?maand={future}"))).await;
    assert_eq!(status, 400);
    assert!(text.contains("nog niet begonnen"));

    let staff = app.sign_in(Role::Medewerker).await;
    let (status, _, _) = get(&staff, app.url(&format!("/contracten/{id}/sla-rapport.csv"))).await;
    assert_eq!(status, 403);
    let (status, _, _) = get(&staff, app.url("/sla/overzicht.csv")).await;
    assert_eq!(status, 403);
    let (_, html, _) = get(&staff, app.url(&format!("/contracten/{id}/sla-rapport"))).await;
    assert!(!html.contains("SLA-9"), "a medewerker sees no report");
    app.stop().await;
}
