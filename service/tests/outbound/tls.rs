//! TLS: certificates are verified, an organisation's own root can be added, and the expiry date of
//! the server's certificate is reported.

use crate::support::{fetch_url, loopback_config};
use chrono::{TimeZone, Utc};
use service::outbound::{FetchError, GuardConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{crypto::ring, ServerConfig};

/// A self-signed certificate for `vendor.test`, valid until 15 July 2031, and its PEM.
fn certificate() -> (rcgen::Certificate, rcgen::KeyPair) {
    let mut params = rcgen::CertificateParams::new(vec!["vendor.test".to_string()]).unwrap();
    params.not_after = rcgen::date_time_ymd(2031, 7, 15);
    let key = rcgen::KeyPair::generate().unwrap();
    (params.self_signed(&key).unwrap(), key)
}

/// An HTTPS server on 127.0.0.1 that answers every request with "veilig".
async fn spawn_tls_server(cert: &rcgen::Certificate, key: &rcgen::KeyPair) -> SocketAddr {
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = ServerConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                let mut request = [0u8; 4096];
                let _ = tls.read(&mut request).await;
                let response = "HTTP/1.1 200 OK\r\ncontent-length: 6\r\nconnection: close\r\n\r\nveilig";
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    addr
}

fn with_vendor_host(mut cfg: GuardConfig) -> GuardConfig {
    cfg.hosts.push(("vendor.test".into(), "127.0.0.1".parse().unwrap()));
    cfg.hosts.push(("other.test".into(), "127.0.0.1".parse().unwrap()));
    cfg
}

#[tokio::test]
async fn self_signed_certificate_is_a_tls_error() {
    let (cert, key) = certificate();
    let addr = spawn_tls_server(&cert, &key).await;
    let error = fetch_url(with_vendor_host(loopback_config()), &format!("https://vendor.test:{}/", addr.port()))
        .await
        .unwrap_err();
    assert!(matches!(&error, FetchError::Tls { host, .. } if host == "vendor.test"), "{error:?}");
    assert!(error.message_nl().starts_with("De beveiligde verbinding met vendor.test is mislukt"), "{error:?}");
}

#[tokio::test]
async fn trusted_extra_root_succeeds_and_reports_the_expiry() {
    let (cert, key) = certificate();
    let addr = spawn_tls_server(&cert, &key).await;
    let cfg = GuardConfig { extra_roots_pem: vec![cert.pem()], ..with_vendor_host(loopback_config()) };
    let fetched = fetch_url(cfg, &format!("https://vendor.test:{}/", addr.port())).await.unwrap();
    assert_eq!(&fetched.body[..], b"veilig");
    assert_eq!(fetched.tls_expiry, Some(Utc.with_ymd_and_hms(2031, 7, 15, 0, 0, 0).unwrap()));
}

#[tokio::test]
async fn certificate_for_another_name_is_a_tls_error_even_when_trusted() {
    let (cert, key) = certificate();
    let addr = spawn_tls_server(&cert, &key).await;
    let cfg = GuardConfig { extra_roots_pem: vec![cert.pem()], ..with_vendor_host(loopback_config()) };
    let error = fetch_url(cfg, &format!("https://other.test:{}/", addr.port())).await.unwrap_err();
    assert!(matches!(error, FetchError::Tls { .. }), "{error:?}");
}

#[tokio::test]
async fn a_probe_of_an_https_endpoint_reports_the_certificate_expiry_with_its_check() {
    use service::monitoring::{connectors, HttpProbe, Source, SourceSpec};
    let (cert, key) = certificate();
    let addr = spawn_tls_server(&cert, &key).await;
    let cfg = GuardConfig { extra_roots_pem: vec![cert.pem()], ..with_vendor_host(loopback_config()) };
    let spec = SourceSpec::parse(
        "http",
        &format!(r#"{{"url":"https://vendor.test:{}/","expected_status":200}}"#, addr.port()),
        &[],
        None,
    )
    .unwrap();
    assert!(matches!(spec, SourceSpec::Http(HttpProbe { .. })));
    let source = Source::new(
        store::SourceId(1),
        domain::VendorServiceId(1),
        "TLS",
        spec,
        std::time::Duration::from_secs(60),
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let result = connectors::poll(&crate::support::client(cfg), &source, Utc::now()).await;
    assert_eq!(result.check.state, domain::monitoring::CheckState::Up, "{:?}", result.check.error);
    assert_eq!(result.tls_expiry, Some(Utc.with_ymd_and_hms(2031, 7, 15, 0, 0, 0).unwrap()));
}
