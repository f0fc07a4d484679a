//! A JSON source's API key, sent in the header the user named, stays with the source's own origin:
//! a vendor endpoint that redirects elsewhere gets a clear error, and the other server no key.

use crate::support::{client, json, source};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use domain::monitoring::CheckState;
use service::monitoring::connectors::poll;
use service::monitoring::SourceSpec;
use service::secrets::Secret;
use std::sync::{Arc, Mutex};

/// Serves `router` on 127.0.0.1 at a free port; returns its base URL.
async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_json_source_does_not_hand_its_key_to_the_host_a_redirect_points_at() {
    let keys = Arc::new(Mutex::new(Vec::<String>::new()));
    let noted = keys.clone();
    let elsewhere = serve(Router::new().route(
        "/usage",
        get(move |headers: HeaderMap| {
            let noted = noted.clone();
            async move {
                if let Some(key) = headers.get("x-api-key") {
                    noted.lock().unwrap().push(String::from_utf8_lossy(key.as_bytes()).into_owned());
                }
                r#"{"used": 5}"#
            }
        }),
    ))
    .await;
    let target = format!("{elsewhere}/usage");
    let vendor = serve(Router::new().route(
        "/usage",
        get(move || async move { (StatusCode::FOUND, [(header::LOCATION, target)]).into_response() }),
    ))
    .await;

    let SourceSpec::Json(mut spec) = json(format!("{vendor}/usage"), &[("gebruik", "/used")]) else { unreachable!() };
    spec.auth = Some(("X-Api-Key".into(), Secret::new("geheime-sleutel")));
    let result = poll(&client(), &source(1, SourceSpec::Json(spec), 1_000, 2_000), chrono::Utc::now()).await;

    assert!(keys.lock().unwrap().is_empty(), "the key reached {elsewhere}: {:?}", keys.lock().unwrap());
    assert_eq!(result.check.state, CheckState::Down);
    let error = result.check.error.unwrap_or_default();
    assert!(error.contains("doorverwijzing naar") && error.contains("geheime sleutel"), "{error}");
    assert!(result.metrics.is_empty());
}
