//! The client's address, for the sign-in throttle and the audit log's "origin". Behind a reverse
//! proxy every request comes from the proxy, so its `Forwarded` / `X-Forwarded-For` header names the
//! client; but anyone can send that header, so it is believed only from a configured trusted proxy,
//! and only up to the first hop that is not itself a trusted proxy.

use axum::http::{header, HeaderMap};
use service::outbound::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The client address of a request that arrived from `peer`.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip) || net.contains(&ip.to_canonical()));
    if !is_trusted(&peer) {
        return peer;
    }
    // `Forwarded` (RFC 7239) wins over the older `X-Forwarded-For` when a proxy sends it.
    let chain = forwarded_chain(headers).unwrap_or_else(|| x_forwarded_for_chain(headers));
    let mut client = peer;
    // From the nearest hop outwards: each trusted proxy vouches for the hop before it.
    for hop in chain.iter().rev() {
        match hop {
            Some(ip) if is_trusted(&client) => {
                client = *ip;
            }
            _ => break,
        }
    }
    client
}

/// The `for=` addresses of all `Forwarded` headers, in order; `None` for an unreadable or hidden
/// one. `None` as a whole when there is no such header.
fn forwarded_chain(headers: &HeaderMap) -> Option<Vec<Option<IpAddr>>> {
    let values: Vec<&str> = headers.get_all(header::FORWARDED).iter().filter_map(|v| v.to_str().ok()).collect();
    if values.is_empty() {
        return None;
    }
    let chain = values
        .iter()
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.trim().split_once('=')?;
                k.trim().eq_ignore_ascii_case("for").then(|| parse_addr(v.trim().trim_matches('"')))
            })
        })
        .collect();
    Some(chain)
}

/// The addresses of all `X-Forwarded-For` headers, in order.
fn x_forwarded_for_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| parse_addr(s.trim()))
        .collect()
}

/// `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1` or `[2001:db8::1]:4711`.
fn parse_addr(s: &str) -> Option<IpAddr> {
    s.parse::<IpAddr>()
        .ok()
        .or_else(|| s.parse::<SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| s.strip_prefix('[').and_then(|r| r.strip_suffix(']')).and_then(|r| r.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarding_headers_from_an_untrusted_peer_are_ignored() {
        let h = headers(&[("x-forwarded-for", "203.0.113.7"), ("forwarded", "for=203.0.113.8")]);
        assert_eq!(client_ip(ip("198.51.100.1"), &h, &[]), ip("198.51.100.1"));
        let trusted = ["10.0.0.0/8".parse().unwrap()];
        assert_eq!(client_ip(ip("198.51.100.1"), &h, &trusted), ip("198.51.100.1"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_spoofed_hops_before_it_are_ignored() {
        let trusted = ["10.0.0.0/8".parse().unwrap()];
        let h = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.7")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &trusted), ip("203.0.113.7"));
        let chained = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.7, 10.0.0.9")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &chained, &trusted), ip("203.0.113.7"));
        let garbage = headers(&[("x-forwarded-for", "nonsense")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &garbage, &trusted), ip("10.0.0.2"));
        assert_eq!(client_ip(ip("10.0.0.2"), &HeaderMap::new(), &trusted), ip("10.0.0.2"));
    }

    #[test]
    fn the_forwarded_header_is_read_with_ports_quotes_and_ipv6() {
        let trusted = ["10.0.0.0/8".parse().unwrap()];
        let h = headers(&[("forwarded", "for=1.1.1.1, for=\"[2001:db8::7]:4711\";proto=https")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &h, &trusted), ip("2001:db8::7"));
        let hidden = headers(&[("forwarded", "for=_hidden")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &hidden, &trusted), ip("10.0.0.2"));
        let port = headers(&[("forwarded", "For=203.0.113.7:1234")]);
        assert_eq!(client_ip(ip("10.0.0.2"), &port, &trusted), ip("203.0.113.7"));
    }
}
