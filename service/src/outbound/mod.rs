//! The guarded HTTP client: every outbound request (vendor polls, webhooks, imports by URL) goes
//! through [`GuardedClient::fetch`], so that a URL typed in by a user or sent back by a vendor cannot
//! make Regiekamer reach into the internal network (SSRF).
//!
//! The guard, in the order it applies:
//! 1. [`target`]: only `http`/`https`, no userinfo, literal IP hosts checked against the policy;
//! 2. [`resolver`]: host names resolved, and only addresses the [`policy`] allows are connected to;
//! 3. a redirect policy that runs step 1 again on every hop (step 2 follows from the resolver) and
//!    enforces the redirect limit; a request that carries a secret ([`FetchRequest::secret_header`])
//!    follows redirects only within its own origin, and goes over plain http only to allow-listed
//!    addresses (reqwest strips only the standard credential headers on a cross-host redirect, not an
//!    `X-Api-Key`);
//! 4. connect and total timeouts, TLS verified (rustls, Mozilla roots), no proxy from the
//!    environment, and a body read as a stream and capped after decompression.

mod client;
mod error;
pub mod policy;
mod resolver;
mod target;
mod tls;

pub use client::{GuardedClient, TargetCheck};
pub use error::{FetchError, GuardConfigError, Refusal};
pub use ipnet::IpNet;
pub use policy::{AddressKind, AddressPolicy, AddressRefusal};
pub use reqwest::Method;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

/// How the guard behaves; see [`GuardConfig::default`] for the defaults.
#[derive(Clone)]
pub struct GuardConfig {
    /// Ranges an administrator allows despite the address policy, for on-premise endpoints.
    pub allow: Vec<IpNet>,
    /// Single endpoints (address and port) allowed despite the address policy, e.g. the demo's
    /// simulated vendors on `127.0.0.1:3100`, without opening every other port of that address.
    /// They apply to URLs that name the address literally (`http://127.0.0.1:3100/…`).
    pub allow_endpoints: Vec<std::net::SocketAddr>,
    /// Time to establish the TCP connection.
    pub connect_timeout: Duration,
    /// Time for the whole exchange: connect, TLS, redirects, headers and body.
    pub total_timeout: Duration,
    /// Largest body accepted, counted after decompression.
    pub max_body_bytes: u64,
    /// Redirects followed at most; one more is [`FetchError::TooManyRedirects`].
    pub max_redirects: usize,
    /// Proxy for all requests (`http://proxy.intern:3128`). Without it no proxy is used, whatever
    /// the environment says. The proxy's own host is trusted; it should enforce egress rules too,
    /// because names are then resolved by the proxy.
    pub proxy: Option<String>,
    /// Fixed name-to-address answers consulted before DNS, like /etc/hosts. The answers still pass
    /// the address policy. For split-horizon set-ups and tests.
    pub hosts: Vec<(String, IpAddr)>,
    /// Extra trusted root certificates (PEM), e.g. an organisation's private CA.
    pub extra_roots_pem: Vec<String>,
}

impl Default for GuardConfig {
    fn default() -> Self {
        GuardConfig {
            allow: Vec::new(),
            allow_endpoints: Vec::new(),
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_body_bytes: 5 * 1024 * 1024,
            max_redirects: 5,
            proxy: None,
            hosts: Vec::new(),
            extra_roots_pem: Vec::new(),
        }
    }
}

impl fmt::Debug for GuardConfig {
    // The proxy URL may carry credentials: show only whether one is set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuardConfig")
            .field("allow", &self.allow)
            .field("allow_endpoints", &self.allow_endpoints)
            .field("connect_timeout", &self.connect_timeout)
            .field("total_timeout", &self.total_timeout)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_redirects", &self.max_redirects)
            .field("proxy", &self.proxy.as_ref().map(|_| "<configured>"))
            .field("hosts", &self.hosts)
            .field("extra_roots_pem", &self.extra_roots_pem.len())
            .finish()
    }
}

/// One outbound request. Header values and the body never appear in `Debug`, errors or logs.
#[derive(Clone)]
pub struct FetchRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    /// A header holds a secret (an API key): the request is then never redirected to another origin,
    /// and goes over plain http only to an allow-listed address. Set by [`FetchRequest::secret_header`].
    pub carries_secret: bool,
}

impl FetchRequest {
    pub fn get(url: impl Into<String>) -> Self {
        FetchRequest { method: Method::GET, url: url.into(), headers: Vec::new(), body: None, carries_secret: false }
    }

    pub fn post(url: impl Into<String>, body: Vec<u8>) -> Self {
        FetchRequest {
            method: Method::POST,
            url: url.into(),
            headers: Vec::new(),
            body: Some(body),
            carries_secret: false,
        }
    }

    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A header that carries a secret under a name of the user's choosing (`X-Api-Key`). Unlike
    /// `Authorization`, reqwest would forward such a header on a cross-host redirect, so the request
    /// is marked: see [`FetchRequest::carries_secret`].
    pub fn secret_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self.carries_secret = true;
        self
    }
}

impl fmt::Debug for FetchRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        let shown_url = url::Url::parse(&self.url).map(|u| target::display_url(&u)).unwrap_or_default();
        f.debug_struct("FetchRequest")
            .field("method", &self.method)
            .field("url", &shown_url)
            .field("headers", &names)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("carries_secret", &self.carries_secret)
            .finish()
    }
}

/// A response that passed the guard. Any status counts as a response: 4xx and 5xx are not errors.
#[derive(Clone)]
pub struct Fetched {
    pub status: u16,
    /// Header names in lower case; values that are not UTF-8 are converted lossily.
    pub headers: Vec<(String, String)>,
    /// The body, decompressed, at most `max_body_bytes`.
    pub body: Bytes,
    /// The URL after redirects.
    pub final_url: String,
    pub elapsed: Duration,
    /// When the server's TLS certificate expires (https only).
    pub tls_expiry: Option<DateTime<Utc>>,
}

impl Fetched {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for Fetched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("Fetched")
            .field("status", &self.status)
            .field("headers", &names)
            .field("body_len", &self.body.len())
            .field("elapsed", &self.elapsed)
            .field("tls_expiry", &self.tls_expiry)
            .finish()
    }
}
