//! The SSRF list: every way of spelling an internal target is refused before a connection is made.

use crate::support::{client, fetch_url, loopback_config, serve, spawn_app, strict_config};
use axum::routing::get as route_get;
use axum::Router;
use service::outbound::{AddressKind, FetchError, FetchRequest, Refusal};

/// What a refusal must look like.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// A literal address in the URL, refused as this kind.
    Address(AddressKind),
    /// A host name whose addresses are all refused, the first as this kind.
    Name(AddressKind),
    Scheme,
    UserInfo,
}

fn matches(error: &FetchError, expect: Expect) -> bool {
    match (error, expect) {
        (FetchError::Refused { reason, redirect: None }, expect) => match (reason, expect) {
            (Refusal::Address(r), Expect::Address(kind)) => r.kind == kind,
            (Refusal::Host { refused, .. }, Expect::Name(kind)) => refused.kind == kind,
            (Refusal::Scheme { .. }, Expect::Scheme) => true,
            (Refusal::UserInfo, Expect::UserInfo) => true,
            _ => false,
        },
        _ => false,
    }
}

#[tokio::test]
async fn every_spelling_of_an_internal_target_is_refused() {
    use AddressKind::*;
    use Expect::*;
    let cases: &[(&str, Expect)] = &[
        // Loopback, in every IPv4 spelling the WHATWG parser accepts.
        ("http://127.0.0.1/", Address(Loopback)),
        ("https://127.0.0.1:8443/admin", Address(Loopback)),
        ("http://127.0.0.2/", Address(Loopback)),
        ("http://2130706433/", Address(Loopback)),
        ("http://0x7f000001/", Address(Loopback)),
        ("http://0177.0.0.1/", Address(Loopback)),
        ("http://127.1/", Address(Loopback)),
        ("http://0x7f.1/", Address(Loopback)),
        ("http://0177.0x0.0.1/", Address(Loopback)),
        ("http://127.0.0.1./", Address(Loopback)),
        ("http://%31%32%37.0.0.1/", Address(Loopback)),
        ("http://\u{ff11}\u{ff12}\u{ff17}.\u{ff10}.\u{ff10}.\u{ff11}/", Address(Loopback)),
        ("http://[::1]/", Address(Loopback)),
        ("http://[::ffff:127.0.0.1]/", Address(Loopback)),
        ("http://[::ffff:7f00:1]/", Address(Loopback)),
        ("http://[0:0:0:0:0:ffff:127.0.0.1]/", Address(Loopback)),
        ("http://[::127.0.0.1]/", Address(Loopback)),
        ("http://[64:ff9b::127.0.0.1]/", Address(Loopback)),
        ("http://[2002:7f00:1::]/", Address(Loopback)),
        // Unspecified.
        ("http://0.0.0.0/", Address(Unspecified)),
        ("http://0/", Address(Unspecified)),
        ("http://[::]/", Address(Unspecified)),
        // Private, shared, link-local, metadata.
        ("http://10.0.0.1/", Address(Private)),
        ("http://172.16.0.1/", Address(Private)),
        ("http://192.168.1.1/", Address(Private)),
        ("http://0xc0a80101/", Address(Private)),
        ("http://[::ffff:10.0.0.1]/", Address(Private)),
        ("http://[2002:c0a8:101::1]/", Address(Private)),
        ("http://100.64.0.1/", Address(SharedAddressSpace)),
        ("http://169.254.1.1/", Address(LinkLocal)),
        ("http://[fe80::1]/", Address(LinkLocal)),
        ("http://169.254.169.254/latest/meta-data/", Address(CloudMetadata)),
        ("http://[::ffff:169.254.169.254]/latest/meta-data/", Address(CloudMetadata)),
        ("http://2852039166/latest/meta-data/", Address(CloudMetadata)),
        ("http://[fd00:ec2::254]/latest/meta-data/", Address(CloudMetadata)),
        ("http://[fc00::1]/", Address(UniqueLocal)),
        ("http://[fd12:3456:789a::1]/", Address(UniqueLocal)),
        // Multicast, broadcast, reserved, documentation.
        ("http://224.0.0.1/", Address(Multicast)),
        ("http://[ff02::1]/", Address(Multicast)),
        ("http://255.255.255.255/", Address(Broadcast)),
        ("http://240.0.0.1/", Address(Reserved)),
        ("http://192.0.2.1/", Address(Documentation)),
        ("http://[2001:db8::1]/", Address(Documentation)),
        // Names that resolve to refused addresses.
        ("http://localhost/", Name(Loopback)),
        ("http://LocalHost/", Name(Loopback)),
        ("http://loopback.test/", Name(Loopback)),
        ("http://metadata.test/latest/meta-data/", Name(CloudMetadata)),
        ("http://intern.test/", Name(Private)),
        ("http://mapped.test/", Name(Private)),
        // Other schemes.
        ("file:///etc/passwd", Scheme),
        ("ftp://example.com/", Scheme),
        ("gopher://127.0.0.1:70/", Scheme),
        ("dict://127.0.0.1:11211/stat", Scheme),
        ("data:text/plain,hallo", Scheme),
        ("javascript:alert(1)", Scheme),
        // Userinfo, including the "looks like example.com but is 127.0.0.1" trick.
        ("http://user:pw@example.com/", UserInfo),
        ("http://example.com@127.0.0.1/", UserInfo),
        ("http://user@example.com/", UserInfo),
    ];
    let guard = client(strict_config());
    let mut failures = Vec::new();
    for &(url, expect) in cases {
        match guard.fetch(FetchRequest::get(url)).await {
            Err(error) if matches(&error, expect) => {}
            other => failures.push(format!("{url}: expected {expect:?}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{} of {} cases wrong:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[tokio::test]
async fn the_allow_list_opens_exactly_its_range() {
    let app = spawn_app().await;
    let port = app.addr.port();
    let ok = fetch_url(loopback_config(), &app.url("/ok")).await.unwrap();
    assert_eq!((ok.status, &ok.body[..]), (200, &b"hallo"[..]));
    let by_name = fetch_url(loopback_config(), &format!("http://loopback.test:{port}/ok")).await.unwrap();
    assert_eq!(by_name.status, 200);

    for url in [
        format!("http://127.0.0.2:{port}/ok"),
        format!("http://[::1]:{port}/ok"),
        "http://10.0.0.1/".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://192.168.0.1/".to_string(),
        format!("http://intern.test:{port}/ok"),
    ] {
        let error = fetch_url(loopback_config(), &url).await.unwrap_err();
        assert!(matches!(error, FetchError::Refused { .. }), "{url}: {error:?}");
    }
}

#[tokio::test]
async fn refused_addresses_of_a_name_are_skipped_not_tried() {
    // One name, two loopback addresses on the same port: 127.0.0.2 (not allow-listed) is listed
    // first and would answer "fout"; the guard must connect to 127.0.0.1 only.
    let right = serve(Router::new().route("/", route_get(|| async { "goed" })), "127.0.0.1:0").await;
    let port = right.addr.port();
    serve(Router::new().route("/", route_get(|| async { "fout" })), &format!("127.0.0.2:{port}")).await;
    let mut cfg = loopback_config();
    cfg.hosts.push(("both.test".into(), "127.0.0.2".parse().unwrap()));
    cfg.hosts.push(("both.test".into(), "127.0.0.1".parse().unwrap()));
    let fetched = fetch_url(cfg, &format!("http://both.test:{port}/")).await.unwrap();
    assert_eq!(&fetched.body[..], b"goed");
}

#[tokio::test]
async fn refusals_read_in_plain_dutch_and_english() {
    let error = fetch_url(strict_config(), "http://10.0.0.1/").await.unwrap_err();
    assert_eq!(error.message_nl(), "Het adres 10.0.0.1 is een intern netwerkadres en mag niet worden benaderd.");
    assert_eq!(
        error.to_string(),
        "refused: the address 10.0.0.1 is a private network address and may not be contacted"
    );

    let error = fetch_url(strict_config(), "http://[::ffff:127.0.0.1]/").await.unwrap_err();
    assert_eq!(
        error.message_nl(),
        "Het adres ::ffff:127.0.0.1 verwijst naar 127.0.0.1, een adres van deze computer zelf (loopback), \
         en mag niet worden benaderd."
    );
    let error = fetch_url(strict_config(), "http://metadata.test/").await.unwrap_err();
    assert_eq!(
        error.message_nl(),
        "De naam metadata.test verwijst naar 169.254.169.254, het adres van de metadatadienst van een \
         cloudplatform, en mag niet worden benaderd."
    );
    let error = fetch_url(strict_config(), "ftp://example.com/").await.unwrap_err();
    assert_eq!(error.message_nl(), "Alleen http- en https-adressen zijn toegestaan, niet 'ftp:'.");
    let error = fetch_url(strict_config(), "niet een url").await.unwrap_err();
    assert!(matches!(error, FetchError::BadUrl(_)), "{error:?}");
}
