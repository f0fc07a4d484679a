//! Costs over HTTP: the cost CSV uploaded as a browser sends a file (multipart with the CSRF token),
//! its preview page, the confirmation; a forged upload refused; the overview's CSV download; a
//! Microsoft 365 report refused with its line in the URL; a medewerker refused everywhere.

use crate::app::{Session, TestApp};
use domain::costs::forms::{CostCentreForm, LicenceForm};
use domain::Role;
use service::auth::system_actor;

/// A multipart body as a browser builds it for a form with `csrf` and one file field.
fn multipart(csrf: &str, field: &str, file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----regiekamer-test-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_file(
    app: &TestApp,
    s: &Session,
    path: &str,
    csrf: &str,
    field: &str,
    content: &[u8],
) -> reqwest::Response {
    let (content_type, body) = multipart(csrf, field, "kosten.csv", content);
    s.client
        .post(app.url(path))
        .header("content-type", content_type)
        .header("origin", format!("http://{}", app.addr))
        .body(body)
        .send()
        .await
        .unwrap()
}

fn location(res: &reqwest::Response) -> String {
    res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_cost_file_goes_from_upload_through_its_preview_into_the_register() {
    let app = TestApp::spawn().await;
    let inkoper = app.sign_in(Role::Inkoper).await;
    let regisseur = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&regisseur, "Zaakwijs B.V.").await;
    app.contract(&regisseur, vendor, "VO-7", "Zaaksysteem").await;
    let centre = CostCentreForm { code: "ICT-01".into(), naam: "Werkplek".into() };
    app.services.add_cost_centre(&system_actor(), &centre).await.unwrap();

    let csv = "factuurnummer;factuurdatum;periode van;periode tot;bedrag;btw;kostenplaats;contract\n\
               F-1;05-01-2026;01-01-2026;31-01-2026;1.234,56;259,26;ICT-01;VO-7\n";
    let forged = post_file(&app, &inkoper, "/kosten/import", "niet-het-token", "bestand", csv.as_bytes()).await;
    assert!(forged.status().is_client_error(), "{}", forged.status());
    assert_eq!(
        store::list_cost_lines(app.services.db(), &Default::default(), Default::default(), false, 10, 0)
            .await
            .unwrap()
            .1,
        0
    );

    let res = post_file(&app, &inkoper, "/kosten/import", &inkoper.csrf, "bestand", csv.as_bytes()).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let preview = location(&res);
    assert!(preview.starts_with("/kosten/import/"), "{preview}");
    let page = inkoper.client.get(app.url(&preview)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("1 regels, samen € 1.234,56 excl. btw"), "{page}");
    assert!(page.contains("Alle 1 regels inlezen"));
    // Another manager does not see someone else's upload.
    let other = regisseur.client.get(app.url(&preview)).send().await.unwrap();
    assert_eq!(other.status(), 404);

    let id = preview.trim_start_matches("/kosten/import/").to_string();
    let res = app.call(&inkoper.client, "costs/import-confirm", &[("csrf", &inkoper.csrf), ("id", &id)]).await;
    assert!(res.status().is_success(), "{}", res.status());
    let (lines, total) =
        store::list_cost_lines(app.services.db(), &Default::default(), Default::default(), false, 10, 0).await.unwrap();
    assert_eq!((total, lines[0].amount_cents), (1, 123_456));

    let empty = post_file(&app, &inkoper, "/kosten/import", &inkoper.csrf, "bestand", b"").await;
    assert_eq!(location(&empty), "/kosten/facturen?fout=geen-bestand#bestand");
    let latin1 = post_file(&app, &inkoper, "/kosten/import", &inkoper.csrf, "bestand", b"bedrag\n\xe9\n").await;
    assert_eq!(location(&latin1), "/kosten/facturen?fout=geen-utf8#bestand");
    let page =
        inkoper.client.get(app.url("/kosten/facturen?fout=geen-utf8")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("geen UTF-8-tekst"), "the refusal is shown at the file field");

    let csv = inkoper.client.get(app.url("/kosten.csv?jaar=2026&deel=maanden")).send().await.unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let body = csv.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "a BOM for Excel");
    assert!(body.contains("2026-01;1234,56;1234,56;"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn a_damaged_usage_report_comes_back_with_its_line_and_a_medewerker_sees_no_costs() {
    let app = TestApp::spawn().await;
    let inkoper = app.sign_in(Role::Inkoper).await;
    let regisseur = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&regisseur, "CloudKantoor B.V.").await;
    let contract = app.contract(&regisseur, vendor, "VO-8", "Kantoor").await;
    let form = LicenceForm {
        soort: "E3".into(),
        ingekocht: "10".into(),
        prijs_per_maand: "30,00".into(),
        ..Default::default()
    };
    let id = app.services.add_licence(&system_actor(), domain::ContractId(contract), &form).await.unwrap();
    let bad = include_bytes!("../../../service/tests/fixtures/usage/office365-active-user-detail-26-fields.csv");
    let res = post_file(&app, &inkoper, &format!("/licenties/{id}/gebruik"), &inkoper.csrf, "rapport", bad).await;
    let back = location(&res);
    assert_eq!(back, format!("/licenties/{id}?fout=velden&regel=3&gevonden=26&verwacht=24#inlezen"));
    let page =
        inkoper.client.get(app.url(back.trim_end_matches("#inlezen"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("regel 3: 26 velden, de kop heeft 24"), "{page}");
    let good = include_bytes!("../../../service/tests/fixtures/usage/office365-active-user-detail.csv");
    let res = post_file(&app, &inkoper, &format!("/licenties/{id}/gebruik"), &inkoper.csrf, "rapport", good).await;
    assert_eq!(location(&res), format!("/licenties/{id}?opgeslagen=gebruik"));

    let staff = app.sign_in(Role::Medewerker).await;
    for path in ["/kosten.csv", "/kosten"] {
        let res = staff.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 403, "{path}");
    }
    let res = post_file(&app, &staff, &format!("/licenties/{id}/gebruik"), &staff.csrf, "rapport", good).await;
    assert_eq!(res.status(), 403);
    app.stop().await;
}
