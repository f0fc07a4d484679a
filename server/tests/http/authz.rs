//! Role and object checks as seen from outside: 403 and 404 pages and API answers.

use crate::app::TestApp;
use domain::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_medewerker_calling_a_regisseur_server_function_directly_gets_403_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Medewerker).await;
    let res = app
        .call(
            &s.client,
            "vendors/create",
            &[
                ("csrf", &s.csrf),
                ("form[name]", "Sluiproute B.V."),
                ("form[kvk]", "12345678"),
                ("form[category]", "overig"),
                ("form[sourcing]", "saas"),
                ("form[criticality]", "laag"),
                ("form[notes]", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    let reg = app.sign_in(Role::Regisseur).await;
    let list: serde_json::Value = app.call(&reg.client, "vendors/list", &[]).await.json().await.unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_medewerker_gets_a_403_page_for_a_contract_and_the_vendor_list() {
    let app = TestApp::spawn().await;
    let reg = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&reg, "Zaakwijs B.V.").await;
    let id = app.contract(&reg, vendor, "T-1", "Zaaksysteem").await;
    let staff = app.sign_in(Role::Medewerker).await;
    let page = staff.client.get(app.url(&format!("/contracten/{id}"))).send().await.unwrap();
    assert_eq!(page.status(), 403);
    assert!(page.text().await.unwrap().contains("Geen toegang"));
    assert_eq!(staff.client.get(app.url("/leveranciers")).send().await.unwrap().status(), 403);
    let api = app.call(&staff.client, "contracts/get", &[("id", &id.to_string())]).await;
    assert_eq!(api.status(), 403);
    // The regisseur does see it.
    let ok = reg.client.get(app.url(&format!("/contracten/{id}"))).send().await.unwrap();
    assert_eq!(ok.status(), 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_or_malformed_ids_give_404_pages() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Beheerder).await;
    for path in ["/contracten/999999", "/contracten/abc", "/leveranciers/42", "/leveranciers/%27;drop", "/bestaat-niet"]
    {
        let res = s.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        assert!(res.text().await.unwrap().contains("Niet gevonden"), "{path}");
    }
    let api = app.call(&s.client, "vendors/get", &[("id", "999999")]).await;
    assert_eq!(api.status(), 404);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_page_is_for_auditor_and_beheerder_only() {
    let app = TestApp::spawn().await;
    for role in Role::ALL {
        let s = app.sign_in(role).await;
        let status = s.client.get(app.url("/audit")).send().await.unwrap().status();
        let expected = if matches!(role, Role::Auditor | Role::Beheerder) { 200 } else { 403 };
        assert_eq!(status, expected, "{role}");
    }
    app.stop().await;
}
