//! Pages keep answering while other servers start in the same process. Building a router generates the
//! route list, which in leptos_server suppresses every resource through a process-global flag while it
//! runs; a page rendered on another server at that moment used to wait forever (seen as rare 30 s
//! stalls of page requests in this suite). The route list is now generated once per process.

use crate::app::TestApp;
use domain::Role;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_while_other_servers_start_in_the_same_process() {
    let app = TestApp::spawn().await;
    let s = app.sign_in(Role::Regisseur).await;
    // Other servers' routers being built, back to back, while this server renders pages.
    let state = server::http::ServerState {
        leptos: leptos::prelude::LeptosOptions::builder().output_name("regiekamer").build(),
        app: app::session::AppState { services: app.services.clone(), secure_cookies: false },
        trusted_proxies: Default::default(),
        form_inputs: Default::default(),
    };
    let starting = tokio::task::spawn_blocking(move || {
        for _ in 0..300 {
            drop(server::http::build_router(state.clone()));
        }
    });
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..120 {
        let (client, url) = (s.client.clone(), app.url(if i % 2 == 0 { "/audit" } else { "/leveranciers" }));
        requests.spawn(async move {
            tokio::time::sleep(Duration::from_millis(i * 15)).await;
            let started = std::time::Instant::now();
            let status = client.get(&url).timeout(Duration::from_secs(15)).send().await.map(|r| r.status().as_u16());
            (url, status.map_err(|e| format!("{e} after {:?}", started.elapsed())))
        });
    }
    while let Some(done) = requests.join_next().await {
        let (url, status) = done.unwrap();
        let expected = if url.ends_with("/audit") { 403 } else { 200 };
        assert_eq!(status, Ok(expected), "{url}");
    }
    starting.await.unwrap();
    app.stop().await;
}
