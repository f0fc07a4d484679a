//! The DNS resolver reqwest uses for every connection, including each redirect hop: it resolves with
//! tokio (the system resolver) and keeps only the addresses the [address policy](super::policy)
//! allows. Checking after resolution, on the very addresses that will be connected to, is what stops
//! a public name that points at an internal address, and DNS rebinding between check and connect.

use super::error::Refusal;
use super::policy::AddressPolicy;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Resolves names and drops refused addresses; fails with a [`Refusal`] if none is left.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    policy: Arc<AddressPolicy>,
    /// Fixed answers consulted before DNS (like /etc/hosts); still subject to the policy.
    hosts: Arc<HashMap<String, Vec<IpAddr>>>,
    /// The configured proxy's host name: chosen by the administrator, so exempt from the policy.
    trusted: Option<String>,
    /// Keep only allow-listed addresses: for plain-http requests that carry a secret, checked here on
    /// the very addresses connected to (so a name that later resolves elsewhere gets nothing).
    allow_listed_only: bool,
}

/// Why a name gave no usable address.
#[derive(Debug)]
pub(crate) enum LookupError {
    Refused(Refusal),
    Failed(io::Error),
}

impl GuardedResolver {
    pub(crate) fn new(policy: Arc<AddressPolicy>, hosts: &[(String, IpAddr)], trusted: Option<String>) -> Self {
        let mut table: HashMap<String, Vec<IpAddr>> = HashMap::new();
        for (name, ip) in hosts {
            table.entry(normalise(name)).or_default().push(*ip);
        }
        GuardedResolver {
            policy,
            hosts: Arc::new(table),
            trusted: trusted.map(|t| normalise(&t)),
            allow_listed_only: false,
        }
    }

    /// This resolver, keeping only allow-listed addresses (see [`Refusal::SecretOverHttp`]).
    pub(crate) fn allow_listed_only(self) -> Self {
        GuardedResolver { allow_listed_only: true, ..self }
    }

    /// The addresses of `host` that the policy allows (in resolver order).
    pub(crate) async fn lookup_allowed(&self, host: &str) -> Result<Vec<IpAddr>, LookupError> {
        let key = normalise(host);
        let found = match self.hosts.get(&key) {
            Some(ips) => ips.clone(),
            None => {
                tokio::net::lookup_host((host, 0)).await.map_err(LookupError::Failed)?.map(|addr| addr.ip()).collect()
            }
        };
        if found.is_empty() {
            return Err(LookupError::Failed(io::Error::new(io::ErrorKind::NotFound, "no addresses found")));
        }
        if self.trusted.as_deref() == Some(key.as_str()) {
            return Ok(found);
        }
        let mut first_refusal = None;
        let mut allowed = Vec::with_capacity(found.len());
        for ip in found {
            match self.policy.check(ip) {
                Ok(()) => allowed.push(ip),
                Err(refused) => {
                    tracing::debug!(%host, %ip, kind = ?refused.kind, "resolved address refused");
                    first_refusal.get_or_insert(refused);
                }
            }
        }
        match (allowed.is_empty(), first_refusal) {
            (true, Some(refused)) => Err(LookupError::Refused(Refusal::Host { host: key, refused })),
            _ if self.allow_listed_only => {
                allowed.retain(|ip| self.policy.is_allow_listed(*ip));
                if allowed.is_empty() {
                    return Err(LookupError::Refused(Refusal::SecretOverHttp { host: key }));
                }
                Ok(allowed)
            }
            _ => Ok(allowed),
        }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let this = self.clone();
        Box::pin(async move {
            match this.lookup_allowed(name.as_str()).await {
                Ok(ips) => {
                    let addrs: Addrs = Box::new(ips.into_iter().map(|ip| SocketAddr::new(ip, 0)));
                    Ok(addrs)
                }
                Err(LookupError::Refused(refusal)) => Err(Box::new(refusal) as _),
                Err(LookupError::Failed(e)) => Err(Box::new(e) as _),
            }
        })
    }
}

/// Lower case without a trailing dot: `LocalHost.` and `localhost` are one name.
fn normalise(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}
