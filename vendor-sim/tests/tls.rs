//! The TLS listener presents a freshly generated self-signed certificate: a verifying client refuses it,
//! a client told to accept anything gets the same documents as over plain HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{get_bytes, spawn};
use vendor_sim::SimConfig;

#[tokio::test]
async fn a_default_client_rejects_the_self_signed_certificate() {
    let (sim, _) = spawn(SimConfig::new(8, 2)).await;
    let verifying = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let err = verifying.get(format!("{}/v/0/api/v2/summary.json", sim.tls_url())).send().await.unwrap_err();
    assert!(!err.is_timeout(), "{err:?}");
    let chain = format!("{err:?}");
    assert!(chain.contains("UnknownIssuer") || chain.to_lowercase().contains("certificate"), "{chain}");
    sim.shutdown().await;
}

#[tokio::test]
async fn an_insecure_client_gets_the_same_summary_over_tls() {
    let (sim, _) = spawn(SimConfig::new(8, 2)).await;
    let insecure =
        reqwest::Client::builder().timeout(Duration::from_secs(10)).danger_accept_invalid_certs(true).build().unwrap();
    let over_tls = insecure.get(format!("{}/v/1/api/v2/summary.json", sim.tls_url())).send().await.unwrap();
    assert_eq!(over_tls.status(), 200);
    let over_tls = over_tls.bytes().await.unwrap();
    assert_eq!(over_tls.to_vec(), get_bytes(&format!("{}/api/v2/summary.json", sim.vendor_url(1))).await);

    let pointer = common::client().get(format!("{}/fault/self-signed", sim.base_url())).send().await.unwrap();
    assert_eq!(pointer.status(), 302);
    assert_eq!(pointer.headers()["location"], format!("{}/v/0/api/v2/summary.json", sim.tls_url()).as_str());
    sim.shutdown().await;
}
