//! A request that carries a secret in a header of the user's choosing (`X-Api-Key`): reqwest strips
//! only the standard credential headers on a cross-host redirect, so the guard keeps such a request
//! on its own origin, and sends it over plain http only to an allow-listed address.

use crate::support::{client, loopback_config, serve, spawn_app, strict_config};
use axum::http::{HeaderMap, Uri};
use axum::Router;
use service::outbound::{FetchError, FetchRequest, GuardConfig, Refusal};
use std::sync::{Arc, Mutex};

/// A server that answers everything with 200 and notes the path of every request that carried the
/// key; it stands for another host (or a proxy on the way to one).
async fn collector() -> (crate::support::TestServer, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let noted = seen.clone();
    let router = Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
        let noted = noted.clone();
        async move {
            if headers.contains_key("x-api-key") {
                noted.lock().unwrap().push(uri.to_string());
            }
            "verzameld"
        }
    });
    (serve(router, "127.0.0.1:0").await, seen)
}

fn keyed(url: String) -> FetchRequest {
    FetchRequest::get(url).secret_header("X-Api-Key", "geheime-sleutel")
}

#[tokio::test]
async fn a_secret_header_is_never_redirected_to_another_origin() {
    let app = spawn_app().await;
    let (other, seen) = collector().await;
    let guard = client(loopback_config());
    // Same address, other port: another origin; and another name for the same address and port.
    for target in [other.url("/buit"), format!("http://loopback.test:{}/echo-key", app.addr.port())] {
        let result = guard.fetch(keyed(app.redirect_to(&target))).await;
        match result {
            Err(FetchError::Refused { reason: Refusal::SecretToOtherOrigin, redirect: Some(_) }) => {}
            other => panic!("redirect to {target}: expected a refusal, got {other:?}"),
        }
    }
    assert!(seen.lock().unwrap().is_empty(), "the key reached another origin: {:?}", seen.lock().unwrap());
    // Without a secret the same redirect is followed (the test server can be reached).
    let plain = guard.fetch(FetchRequest::get(app.redirect_to(&other.url("/open")))).await.unwrap();
    assert_eq!(&plain.body[..], b"verzameld");
}

#[tokio::test]
async fn a_secret_header_follows_a_redirect_within_its_own_origin() {
    let app = spawn_app().await;
    let fetched = client(loopback_config()).fetch(keyed(app.redirect_to("/echo-key"))).await.unwrap();
    assert_eq!(&fetched.body[..], b"x-api-key: true");
    assert_eq!(fetched.final_url, app.url("/echo-key"));
}

#[tokio::test]
async fn a_secret_goes_over_plain_http_only_to_an_allow_listed_address() {
    // A public address passes the address policy but is not allow-listed. Refused before connecting.
    let public = GuardConfig { hosts: vec![("vendor.test".into(), "8.8.8.8".parse().unwrap())], ..loopback_config() };
    let guard = client(public.clone());
    for url in ["http://vendor.test/usage", "http://8.8.8.8/usage"] {
        let error = guard.fetch(keyed(url.into())).await.unwrap_err();
        let FetchError::Refused { reason: Refusal::SecretOverHttp { host }, redirect: None } = &error else {
            panic!("{url}: expected a refusal before any connection, got {error:?}");
        };
        assert!(url.contains(host.as_str()), "{url}: {host}");
        assert!(error.message_nl().contains("alleen via https"), "{}", error.message_nl());
    }
    // An allow-listed address may get it over http.
    let app = spawn_app().await;
    let fetched = guard.fetch(keyed(app.url("/echo-key"))).await.unwrap();
    assert_eq!(&fetched.body[..], b"x-api-key: true");
}

#[tokio::test]
async fn behind_a_proxy_a_secret_over_plain_http_never_reaches_the_proxy_for_a_public_host() {
    let (proxy, seen) = collector().await;
    let cfg = GuardConfig {
        proxy: Some(proxy.url("")),
        hosts: vec![("vendor.test".into(), "8.8.8.8".parse().unwrap())],
        ..strict_config()
    };
    let guard = client(cfg);
    // Without a secret the request goes through the proxy (so the proxy would have seen a key).
    let plain = guard.fetch(FetchRequest::get("http://vendor.test/usage")).await.unwrap();
    assert_eq!(&plain.body[..], b"verzameld");
    let error = guard.fetch(keyed("http://vendor.test/usage".into())).await.unwrap_err();
    assert!(matches!(&error, FetchError::Refused { reason: Refusal::SecretOverHttp { .. }, .. }), "{error:?}");
    assert!(seen.lock().unwrap().is_empty(), "the key crossed the network in plain text: {:?}", seen.lock().unwrap());
}
