//! [`GuardedClient`]: one reqwest client wired to the guard, and `fetch`, which checks the URL, sends
//! the request, reads the body under the cap and turns reqwest's errors into [`FetchError`]s.

use super::error::{FetchError, GuardConfigError, RedirectStop, Refusal};
use super::policy::AddressPolicy;
use super::resolver::{GuardedResolver, LookupError};
use super::target::{check_url, display_url};
use super::{tls, FetchRequest, Fetched, GuardConfig};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use reqwest::header::{HeaderName, HeaderValue};
use std::error::Error as StdError;
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::{Host, Url};

/// The only way Regiekamer makes outbound HTTP requests. Cheap to clone; build one at start-up.
#[derive(Clone)]
pub struct GuardedClient {
    http: reqwest::Client,
    /// For https requests that carry a secret: redirects within the first URL's origin only.
    secret_tls: reqwest::Client,
    /// For plain-http requests that carry a secret: same-origin redirects, allow-listed addresses only.
    secret_plain: reqwest::Client,
    policy: Arc<AddressPolicy>,
    resolver: GuardedResolver,
    plain_resolver: GuardedResolver,
    connect_timeout: Duration,
    total_timeout: Duration,
    max_body_bytes: u64,
    proxied: bool,
}

impl std::fmt::Debug for GuardedClient {
    // Leaves out the reqwest client, whose proxy settings may hold credentials.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuardedClient")
            .field("policy", &self.policy)
            .field("total_timeout", &self.total_timeout)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("proxied", &self.proxied)
            .finish_non_exhaustive()
    }
}

/// The address policy and the resolver that applies it, as `cfg` sets them (no HTTP client: cheap).
fn policy_and_resolver(cfg: &GuardConfig) -> Result<(Arc<AddressPolicy>, GuardedResolver), GuardConfigError> {
    let policy = Arc::new(AddressPolicy::new(cfg.allow.clone()).with_endpoints(cfg.allow_endpoints.clone()));
    let proxy_host = match &cfg.proxy {
        Some(p) => Some(
            Url::parse(p).ok().and_then(|u| u.host_str().map(str::to_string)).ok_or(GuardConfigError::InvalidProxy)?,
        ),
        None => None,
    };
    let resolver = GuardedResolver::new(policy.clone(), &cfg.hosts, proxy_host);
    Ok((policy, resolver))
}

/// [`GuardedClient::check_target`] without building a client (which loads the TLS roots, three times):
/// what saving a source asks, once per save.
pub struct TargetCheck {
    policy: Arc<AddressPolicy>,
    resolver: GuardedResolver,
    connect_timeout: Duration,
}

impl TargetCheck {
    /// Fails only on a bad proxy URL.
    pub fn new(cfg: &GuardConfig) -> Result<Self, GuardConfigError> {
        let (policy, resolver) = policy_and_resolver(cfg)?;
        Ok(TargetCheck { policy, resolver, connect_timeout: cfg.connect_timeout })
    }

    /// As [`GuardedClient::check_target`].
    pub async fn check(&self, url: &str) -> Result<(), FetchError> {
        check_target_with(&self.policy, &self.resolver, self.connect_timeout, url).await
    }
}

async fn check_target_with(
    policy: &AddressPolicy,
    resolver: &GuardedResolver,
    connect_timeout: Duration,
    url: &str,
) -> Result<(), FetchError> {
    let url = Url::parse(url).map_err(FetchError::BadUrl)?;
    check_url(&url, policy).map_err(|reason| FetchError::Refused { reason, redirect: None })?;
    if let Some(Host::Domain(name)) = url.host() {
        let lookup = tokio::time::timeout(connect_timeout, resolver.lookup_allowed(name)).await;
        if let Ok(Err(LookupError::Refused(reason))) = lookup {
            return Err(FetchError::Refused { reason, redirect: None });
        }
    }
    Ok(())
}

impl GuardedClient {
    /// Builds the client. Fails only on a bad proxy URL or root certificate.
    pub fn new(cfg: GuardConfig) -> Result<Self, GuardConfigError> {
        let (policy, resolver) = policy_and_resolver(&cfg)?;
        let plain_resolver = resolver.clone().allow_listed_only();
        let http = build(&cfg, &resolver, redirect_policy(policy.clone(), cfg.max_redirects, false))?;
        let secret_tls = build(&cfg, &resolver, redirect_policy(policy.clone(), cfg.max_redirects, true))?;
        let secret_plain = build(&cfg, &plain_resolver, redirect_policy(policy.clone(), cfg.max_redirects, true))?;
        Ok(GuardedClient {
            http,
            secret_tls,
            secret_plain,
            policy,
            resolver,
            plain_resolver,
            connect_timeout: cfg.connect_timeout,
            total_timeout: cfg.total_timeout,
            max_body_bytes: cfg.max_body_bytes,
            proxied: cfg.proxy.is_some(),
        })
    }

    /// Sends `req` through the guard and reads the whole (capped) response.
    #[tracing::instrument(skip_all, fields(method = %req.method, host = tracing::field::Empty))]
    pub async fn fetch(&self, req: FetchRequest) -> Result<Fetched, FetchError> {
        let started = Instant::now();
        let result = match Url::parse(&req.url) {
            Ok(url) => {
                tracing::Span::current().record("host", url.host_str().unwrap_or_default());
                let exchange = self.exchange(url, req, started);
                tokio::time::timeout(self.total_timeout, exchange)
                    .await
                    .unwrap_or(Err(FetchError::Timeout { after: self.total_timeout }))
            }
            Err(e) => Err(FetchError::BadUrl(e)),
        };
        match &result {
            Ok(fetched) => {
                tracing::debug!(status = fetched.status, elapsed = ?fetched.elapsed, "outbound request done")
            }
            Err(error) => tracing::info!(%error, "outbound request failed"),
        }
        result
    }

    /// Whether the guard would let a request to `url` through, without sending one: the URL checks,
    /// then the host name resolved and its addresses judged by the address policy, exactly as a
    /// poll would be (a refusal is [`FetchError::Refused`]). A name that does not resolve now is not
    /// refused here: that is the vendor's DNS, which a poll reports as a connection failure.
    pub async fn check_target(&self, url: &str) -> Result<(), FetchError> {
        check_target_with(&self.policy, &self.resolver, self.connect_timeout, url).await
    }

    async fn exchange(&self, url: Url, req: FetchRequest, started: Instant) -> Result<Fetched, FetchError> {
        check_url(&url, &self.policy).map_err(|reason| FetchError::Refused { reason, redirect: None })?;
        if self.proxied {
            self.check_name_before_proxy(&url).await?;
        }
        let http = match (req.carries_secret, url.scheme()) {
            (false, _) => &self.http,
            (true, "http") => {
                self.check_plain_secret_target(&url).await?;
                &self.secret_plain
            }
            (true, _) => &self.secret_tls,
        };
        let mut builder = http.request(req.method, url.clone());
        for (name, value) in req.headers {
            let bad = || FetchError::BadHeader { name: name.clone() };
            let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| bad())?;
            let mut header_value = HeaderValue::from_str(&value).map_err(|_| bad())?;
            header_value.set_sensitive(true);
            builder = builder.header(header_name, header_value);
        }
        if let Some(body) = req.body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(|e| self.convert(e, &url))?;

        refuse_unfollowed_redirect(&response, &self.policy)?;
        let status = response.status().as_u16();
        let final_url = response.url().to_string();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let tls_expiry = response
            .extensions()
            .get::<reqwest::tls::TlsInfo>()
            .and_then(|info| info.peer_certificate())
            .and_then(tls::not_after);
        let body = self.read_capped(response, &url).await?;
        Ok(Fetched { status, headers, body, final_url, elapsed: started.elapsed(), tls_expiry })
    }

    /// Behind a proxy the proxy resolves the target's name, so the resolver never sees it. Resolve it
    /// here as well (best effort: a name only the proxy can resolve passes).
    async fn check_name_before_proxy(&self, url: &Url) -> Result<(), FetchError> {
        if let Some(Host::Domain(name)) = url.host() {
            if let Err(LookupError::Refused(reason)) = self.resolver.lookup_allowed(name).await {
                return Err(FetchError::Refused { reason, redirect: None });
            }
        }
        Ok(())
    }

    /// A secret goes over plain http only to an allow-listed address. A literal address is checked
    /// here; a name is resolved here (behind a proxy this is the only check) and again, by the
    /// allow-listed-only resolver, when the connection is made.
    async fn check_plain_secret_target(&self, url: &Url) -> Result<(), FetchError> {
        let host = url.host_str().unwrap_or_default().to_string();
        let refused = || FetchError::Refused { reason: Refusal::SecretOverHttp { host: host.clone() }, redirect: None };
        let port = url.port_or_known_default().unwrap_or(80);
        match url.host() {
            Some(Host::Ipv4(ip)) if !self.policy.is_allow_listed_endpoint(ip.into(), port) => Err(refused()),
            Some(Host::Ipv6(ip)) if !self.policy.is_allow_listed_endpoint(ip.into(), port) => Err(refused()),
            Some(Host::Domain(name)) => match self.plain_resolver.lookup_allowed(name).await {
                Ok(_) => Ok(()),
                Err(LookupError::Refused(reason)) => Err(FetchError::Refused { reason, redirect: None }),
                // Behind a proxy a name we cannot resolve cannot be shown to be allow-listed.
                Err(LookupError::Failed(_)) if self.proxied => Err(refused()),
                // Without one the connection fails on the same lookup and reports it.
                Err(LookupError::Failed(_)) => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// Reads the body chunk by chunk, after decompression, and stops as soon as it passes the cap.
    async fn read_capped(&self, response: reqwest::Response, url: &Url) -> Result<Bytes, FetchError> {
        let limit = self.max_body_bytes;
        if response.content_length().is_some_and(|announced| announced > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let mut stream = response.bytes_stream();
        let mut body = BytesMut::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| self.convert(e, url))?;
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }

    /// Turns a reqwest error into a [`FetchError`] by what is in its source chain, never by its text.
    fn convert(&self, err: reqwest::Error, url: &Url) -> FetchError {
        let host = url.host_str().unwrap_or_default().to_string();
        let mut tls_detail = None;
        let mut deepest: Option<&(dyn StdError + 'static)> = None;
        let mut cause: Option<&(dyn StdError + 'static)> = err.source();
        while let Some(e) = cause {
            if let Some(stop) = e.downcast_ref::<RedirectStop>() {
                return match stop {
                    RedirectStop::Refused { reason, hop } => {
                        FetchError::Refused { reason: reason.clone(), redirect: Some(hop.clone()) }
                    }
                    RedirectStop::TooMany { limit } => FetchError::TooManyRedirects { limit: *limit },
                };
            }
            if let Some(reason) = e.downcast_ref::<Refusal>() {
                // A refused name other than the first URL's came from a redirect hop.
                let redirect = match reason {
                    Refusal::Host { host: name, .. } if !name.eq_ignore_ascii_case(host.trim_end_matches('.')) => {
                        Some(name.clone())
                    }
                    _ => None,
                };
                return FetchError::Refused { reason: reason.clone(), redirect };
            }
            if tls_detail.is_none() {
                tls_detail = rustls_error(e).map(|tls| tls.to_string());
            }
            deepest = Some(e);
            cause = e.source();
        }
        if err.is_timeout() {
            let after = if err.is_connect() { self.connect_timeout } else { self.total_timeout };
            return FetchError::Timeout { after };
        }
        let is_connect = err.is_connect();
        let detail = match deepest {
            Some(e) => e.to_string(),
            None => err.without_url().to_string(),
        };
        match tls_detail {
            Some(detail) => FetchError::Tls { host, detail },
            None if is_connect => FetchError::Connect { host, detail },
            None => FetchError::Http { detail },
        }
    }
}

/// A redirect reqwest did not follow because it cannot represent the Location (`file:///etc/passwd`)
/// comes back as a 3xx answer. If the guard would refuse that hop, say so rather than return it.
fn refuse_unfollowed_redirect(response: &reqwest::Response, policy: &AddressPolicy) -> Result<(), FetchError> {
    if !response.status().is_redirection() {
        return Ok(());
    }
    let location = response.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok());
    match location.and_then(|loc| response.url().join(loc).ok()) {
        Some(next) => check_url(&next, policy)
            .map_err(|reason| FetchError::Refused { reason, redirect: Some(display_url(&next)) }),
        None => Ok(()),
    }
}

/// rustls reports through (nested) `io::Error`s, whose `source()` skips the wrapped error: look inside.
fn rustls_error<'a>(e: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    if let Some(tls) = e.downcast_ref::<rustls::Error>() {
        return Some(tls);
    }
    let inner = e.downcast_ref::<std::io::Error>()?.get_ref()?;
    rustls_error(inner)
}

/// One reqwest client wired to the guard: `resolver` for every connection, `redirects` for every hop.
fn build(
    cfg: &GuardConfig,
    resolver: &GuardedResolver,
    redirects: reqwest::redirect::Policy,
) -> Result<reqwest::Client, GuardConfigError> {
    let mut builder = reqwest::Client::builder()
        .use_rustls_tls()
        .min_tls_version(reqwest::tls::Version::TLS_1_2)
        .tls_info(true)
        .dns_resolver(Arc::new(resolver.clone()))
        .redirect(redirects)
        .referer(false)
        .gzip(true)
        .connect_timeout(cfg.connect_timeout)
        .timeout(cfg.total_timeout)
        .user_agent(concat!("Regiekamer/", env!("CARGO_PKG_VERSION")));
    builder = match &cfg.proxy {
        Some(p) => builder.proxy(reqwest::Proxy::all(p).map_err(|_| GuardConfigError::InvalidProxy)?),
        None => builder.no_proxy(),
    };
    for (index, pem) in cfg.extra_roots_pem.iter().enumerate() {
        let cert = reqwest::Certificate::from_pem(pem.as_bytes())
            .map_err(|_| GuardConfigError::InvalidRootCertificate { index })?;
        builder = builder.add_root_certificate(cert);
    }
    builder.build().map_err(|e| GuardConfigError::Client(e.without_url().to_string()))
}

/// Every redirect hop: the limit first, then (with `same_origin`, for requests that carry a secret)
/// the first URL's origin, then the same URL checks as the first request. The new host's addresses
/// are checked by the resolver when reqwest connects to it.
fn redirect_policy(policy: Arc<AddressPolicy>, limit: usize, same_origin: bool) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        // `previous()` holds the first URL and every hop already followed.
        if attempt.previous().len() > limit {
            return attempt.error(RedirectStop::TooMany { limit });
        }
        if same_origin && attempt.previous().first().is_some_and(|first| first.origin() != attempt.url().origin()) {
            let hop = display_url(attempt.url());
            return attempt.error(RedirectStop::Refused { reason: Refusal::SecretToOtherOrigin, hop });
        }
        match check_url(attempt.url(), &policy) {
            Ok(()) => attempt.follow(),
            Err(reason) => {
                let hop = display_url(attempt.url());
                attempt.error(RedirectStop::Refused { reason, hop })
            }
        }
    })
}
