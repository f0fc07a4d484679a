//! The users page: a beheerder blocks and unblocks accounts and ends sessions; others may not.

use crate::app::{password, TestApp};
use domain::Role;

async fn user_id(app: &TestApp, username: &str) -> String {
    store::get_user_by_username(app.services.db(), username).await.unwrap().unwrap().id.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_beheerder_blocks_a_user_who_is_signed_out_at_once_and_cannot_sign_in() {
    let app = TestApp::spawn().await;
    let admin = app.sign_in(Role::Beheerder).await;
    let inkoper = app.sign_in(Role::Inkoper).await;
    let id = user_id(&app, "inkoper").await;

    let page = admin.client.get(app.url("/gebruikers")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let body = page.text().await.unwrap();
    assert!(body.contains("Blokkeren") && body.contains("Sessies beëindigen"), "{body}");

    let res = app.call(&admin.client, "users/block", &[("csrf", &admin.csrf), ("id", &id)]).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    assert_eq!(inkoper.client.get(app.url("/")).send().await.unwrap().status(), 303, "signed out");
    let again =
        app.call(&TestApp::client(), "login", &[("username", "inkoper"), ("password", &password(Role::Inkoper))]).await;
    assert_eq!(again.status(), 401);
    let body = admin.client.get(app.url("/gebruikers")).send().await.unwrap().text().await.unwrap();
    assert!(body.contains("Geblokkeerd") && body.contains("Deblokkeren"), "{body}");

    let res = app.call(&admin.client, "users/unblock", &[("csrf", &admin.csrf), ("id", &id)]).await;
    assert_eq!(res.status(), 200);
    app.sign_in(Role::Inkoper).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_beheerder_may_see_the_users_page_or_end_sessions() {
    let app = TestApp::spawn().await;
    let regisseur = app.sign_in(Role::Regisseur).await;
    let auditor = app.sign_in(Role::Auditor).await;
    assert_eq!(regisseur.client.get(app.url("/gebruikers")).send().await.unwrap().status(), 403);
    let id = user_id(&app, "auditor").await;
    let res = app.call(&regisseur.client, "users/end-sessions", &[("csrf", &regisseur.csrf), ("id", &id)]).await;
    assert_eq!(res.status(), 403);
    assert_eq!(auditor.client.get(app.url("/")).send().await.unwrap().status(), 200, "nothing ended");

    let admin = app.sign_in(Role::Beheerder).await;
    let res = app.call(&admin.client, "users/end-sessions", &[("csrf", &admin.csrf), ("id", &id)]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(auditor.client.get(app.url("/")).send().await.unwrap().status(), 303);
    app.stop().await;
}
