//! The body cap, counted after decompression.

use crate::support::{fetch_url, gzip_zeros, loopback_config, spawn_app, CAP, GZIP_BLOCK};
use service::outbound::{FetchError, GuardConfig};
use std::time::{Duration, Instant};

#[tokio::test]
async fn body_at_the_cap_is_accepted_and_one_byte_more_is_too_large() {
    let app = spawn_app().await;
    let at_cap = fetch_url(loopback_config(), &app.url(&format!("/sized/{CAP}"))).await.unwrap();
    assert_eq!(at_cap.body.len() as u64, CAP);
    let over = fetch_url(loopback_config(), &app.url(&format!("/sized/{}", CAP + 1))).await.unwrap_err();
    assert_eq!(over, FetchError::TooLarge { limit: CAP });
    assert_eq!(over.message_nl(), "Het antwoord van de server is groter dan de toegestane 64 KiB.");
}

#[tokio::test]
async fn endless_chunked_body_stops_at_the_cap() {
    let app = spawn_app().await;
    let started = Instant::now();
    let error = fetch_url(loopback_config(), &app.url("/endless")).await.unwrap_err();
    assert_eq!(error, FetchError::TooLarge { limit: CAP });
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn gzip_body_is_decompressed() {
    let app = spawn_app().await;
    let cfg = GuardConfig { max_body_bytes: 1024 * 1024, ..loopback_config() };
    let fetched = fetch_url(cfg, &app.url("/gzip/2")).await.unwrap();
    assert_eq!(fetched.body.len(), 2 * GZIP_BLOCK);
    assert!(fetched.body.iter().all(|b| *b == 0));
}

#[tokio::test]
async fn gzip_bomb_stops_at_the_cap() {
    // 32 MiB of zeros in well under the cap of compressed bytes: only counting after decompression
    // catches it, and reading stops at the cap instead of inflating everything.
    let blocks = 128;
    assert!((gzip_zeros(blocks).len() as u64) < CAP, "the compressed stream itself must fit under the cap");
    let app = spawn_app().await;
    let error = fetch_url(loopback_config(), &app.url(&format!("/gzip/{blocks}"))).await.unwrap_err();
    assert_eq!(error, FetchError::TooLarge { limit: CAP });
}

#[tokio::test]
async fn corrupt_gzip_is_an_http_error() {
    let app = spawn_app().await;
    let error = fetch_url(loopback_config(), &app.url("/bad-gzip")).await.unwrap_err();
    assert!(matches!(error, FetchError::Http { .. }), "{error:?}");
    assert_eq!(error.message_nl(), "Het antwoord van de server kon niet worden gelezen.");
}
