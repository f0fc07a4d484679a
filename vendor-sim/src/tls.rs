//! The self-signed TLS listener's configuration: a fresh key and certificate for `localhost`, 127.0.0.1
//! and ::1 on every start, so a client that verifies certificates (as the guarded client must) refuses it.

use std::sync::Arc;

use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

use crate::error::{Result, SimError};

/// An acceptor presenting a newly generated self-signed certificate.
pub(crate) fn self_signed_acceptor() -> Result<TlsAcceptor> {
    let names = vec!["localhost".to_string(), "127.0.0.1".to_string(), "::1".to_string()];
    let key = rcgen::generate_simple_self_signed(names).map_err(tls_error)?;
    let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.signing_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_no_client_auth()
        .with_single_cert(vec![key.cert.der().clone()], private)
        .map_err(tls_error)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

fn tls_error(e: impl std::fmt::Display) -> SimError {
    SimError::Tls(e.to_string())
}
