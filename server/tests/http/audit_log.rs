//! The audit page reads as sentences with links, and its filtered selection downloads as CSV, which
//! is audited itself; other roles get neither.

use crate::app::{Session, TestApp};
use domain::Role;

async fn get(s: &Session, app: &TestApp, path: &str) -> (u16, String, reqwest::header::HeaderMap) {
    let r = s.client.get(app.url(path)).send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    (status, r.text().await.unwrap(), headers)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_page_reads_as_sentences_with_links_and_local_times() {
    let app = TestApp::spawn().await;
    let reg = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&reg, "Zaakwijs").await;
    let auditor = app.sign_in(Role::Auditor).await;
    let (status, html, _) = get(&auditor, &app, "/audit?actie=vendor.create").await;
    assert_eq!(status, 200);
    assert!(html.contains("(Regisseur) heeft leverancier "), "{html}");
    assert!(
        html.contains(&format!(r#"heeft leverancier <a href="/leveranciers/{vendor}" class="utrecht-link">Zaakwijs"#)),
        "a link to the object"
    );
    assert!(html.contains(&format!(r#"href="/audit?object=vendor%3A{vendor}""#)), "the object filters the log");
    let offset = html.contains(r#"+01:00" title="#) || html.contains(r#"+02:00" title="#);
    assert!(html.contains("<time datetime=") && offset, "local time with its offset");
    assert!(html.contains("/audit.csv?actie=vendor.create"), "the download keeps the filter");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_filtered_selection_downloads_as_csv_and_the_download_is_audited() {
    let app = TestApp::spawn().await;
    let reg = app.sign_in(Role::Regisseur).await;
    let vendor = app.vendor(&reg, "=Zaakwijs").await;
    app.vendor(&reg, "Geowijs").await;
    let auditor = app.sign_in(Role::Auditor).await;

    let (status, csv, headers) = get(&auditor, &app, &format!("/audit.csv?object=vendor%3A{vendor}")).await;
    assert_eq!(status, 200, "{csv}");
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"auditlog-"));
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 2, "the heading and the one entry about this vendor: {lines:#?}");
    assert!(lines[0].starts_with("Nr.;Tijdstip (Europe/Amsterdam);Tijdstip (UTC);Gebeurtenis;Actor;"));
    let fields: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(fields.len(), 13, "{fields:?}");
    assert!(fields[3].ends_with("(Regisseur) heeft leverancier =Zaakwijs aangemaakt"), "{fields:?}");
    assert_eq!(fields[9], "'=Zaakwijs", "a name alone in its field is defused");
    assert_eq!((fields[7], fields[8], fields[10]), ("vendor.create", format!("vendor:{vendor}").as_str(), "Gelukt"));

    let filter = service::audit::AuditFilter { action: Some("audit.export".into()), ..Default::default() };
    let (exports, _) = app.services.browse_audit_log(&service::auth::system_actor(), &filter).await.unwrap();
    assert_eq!(exports.len(), 1, "the download is in the log");
    assert_eq!(exports[0].record.actor, "auditor");
    assert_eq!(
        exports[0].record.detail.as_deref(),
        Some(format!("1 van 1 regels; filter: object=vendor:{vendor}").as_str())
    );
    assert_eq!(app.services.verify_audit_chain().await.unwrap().first_broken, None);

    let (status, _, _) = get(&reg, &app, "/audit.csv").await;
    assert_eq!(status, 403, "a regisseur may not read the log");
    let denied = service::audit::AuditFilter { result: Some("denied".into()), ..filter };
    let (refused, _) = app.services.browse_audit_log(&service::auth::system_actor(), &denied).await.unwrap();
    assert_eq!(refused.len(), 1, "the refusal is in the log too");
    app.stop().await;
}
