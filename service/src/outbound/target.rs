//! Checks on a URL before anything is sent to it: the first request and every redirect hop.
//! Host names are checked later, after DNS resolution, by the [resolver](super::resolver).

use super::error::Refusal;
use super::policy::AddressPolicy;
use url::{Host, Url};

/// Refuse a URL with a scheme other than http/https, with userinfo, or with a literal IP address
/// that the policy refuses. The `url` crate has already turned decimal, hexadecimal, octal and
/// shortened IPv4 spellings (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`) into a plain
/// IPv4 host, so they are checked here as the address they mean.
pub(crate) fn check_url(url: &Url, policy: &AddressPolicy) -> Result<(), Refusal> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal::Scheme { scheme: url.scheme().to_string() });
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refusal::UserInfo);
    }
    let port = url.port_or_known_default().unwrap_or(0);
    match url.host() {
        Some(Host::Ipv4(ip)) => policy.check_endpoint(ip.into(), port).map_err(Refusal::Address),
        Some(Host::Ipv6(ip)) => policy.check_endpoint(ip.into(), port).map_err(Refusal::Address),
        Some(Host::Domain(_)) | None => Ok(()),
    }
}

/// A URL as it may appear in a message: scheme, host, port and path; no userinfo, query or fragment,
/// which may carry secrets.
pub(crate) fn display_url(url: &Url) -> String {
    if url.cannot_be_a_base() {
        return format!("{}:...", url.scheme());
    }
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{}://{host}:{port}{}", url.scheme(), url.path()),
        None => format!("{}://{host}{}", url.scheme(), url.path()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Result<(), Refusal> {
        check_url(&Url::parse(s).unwrap(), &AddressPolicy::default())
    }

    #[test]
    fn unusual_ipv4_spellings_are_checked_as_loopback() {
        for s in [
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://0x7f.1/",
            "http://0177.0x0.1/",
            "http://127.0.0.1./",
            "http://%31%32%37.0.0.1/",
            "http://\u{ff11}\u{ff12}\u{ff17}.0.0.1/",
        ] {
            let url = Url::parse(s).unwrap();
            assert_eq!(url.host_str(), Some("127.0.0.1"), "{s}");
            assert!(matches!(check(s), Err(Refusal::Address(_))), "{s}");
        }
    }

    #[test]
    fn only_http_and_https_pass_the_scheme_check() {
        assert_eq!(check("https://example.org/"), Ok(()));
        assert_eq!(check("http://example.org/"), Ok(()));
        for s in [
            "file:///etc/passwd",
            "ftp://example.org/",
            "gopher://example.org/",
            "data:text/plain,x",
            "javascript:alert(1)",
        ] {
            assert!(matches!(check(s), Err(Refusal::Scheme { .. })), "{s}");
        }
    }

    #[test]
    fn an_allowed_endpoint_opens_only_its_own_port() {
        let policy = AddressPolicy::default().with_endpoints(vec!["127.0.0.1:3100".parse().unwrap()]);
        let at = |s: &str| check_url(&Url::parse(s).unwrap(), &policy);
        assert_eq!(at("http://127.0.0.1:3100/v/1/health"), Ok(()));
        for s in ["http://127.0.0.1:5432/", "http://127.0.0.1/", "http://127.0.0.2:3100/"] {
            assert!(matches!(at(s), Err(Refusal::Address(_))), "{s}");
        }
    }

    #[test]
    fn userinfo_is_refused() {
        assert_eq!(check("http://user:pw@example.com/"), Err(Refusal::UserInfo));
        assert_eq!(check("http://example.com@127.0.0.1/"), Err(Refusal::UserInfo));
        assert_eq!(check("http://:pw@example.com/"), Err(Refusal::UserInfo));
    }

    #[test]
    fn displayed_url_drops_userinfo_query_and_fragment() {
        let url = Url::parse("https://u:geheim@api.example.org:8443/v1/x?key=geheim#f").unwrap();
        assert_eq!(display_url(&url), "https://api.example.org:8443/v1/x");
    }
}
