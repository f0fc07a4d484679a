use super::*;
use AddressKind::*;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn kind(s: &str) -> Option<AddressKind> {
    classify(ip(s)).map(|(kind, _)| kind)
}

#[test]
fn public_addresses_pass() {
    for a in ["8.8.8.8", "1.1.1.1", "145.21.1.1", "2a00:1450:4001::1", "2001:4860:4860::8888", "::ffff:8.8.8.8"] {
        assert_eq!(classify(ip(a)), None, "{a}");
    }
}

#[test]
fn ipv4_special_ranges_are_refused_with_their_kind() {
    let cases = [
        ("127.0.0.1", Loopback),
        ("127.255.255.254", Loopback),
        ("0.0.0.0", Unspecified),
        ("0.1.2.3", Unspecified),
        ("10.0.0.1", Private),
        ("172.16.0.1", Private),
        ("172.31.255.255", Private),
        ("192.168.1.1", Private),
        ("100.64.0.1", SharedAddressSpace),
        ("100.127.255.255", SharedAddressSpace),
        ("169.254.1.1", LinkLocal),
        ("169.254.169.254", CloudMetadata),
        ("100.100.100.200", CloudMetadata),
        ("224.0.0.1", Multicast),
        ("239.255.255.250", Multicast),
        ("255.255.255.255", Broadcast),
        ("240.0.0.1", Reserved),
        ("192.0.0.8", Reserved),
        ("198.18.0.1", Reserved),
        ("192.0.2.1", Documentation),
        ("198.51.100.7", Documentation),
        ("203.0.113.9", Documentation),
    ];
    for (a, expected) in cases {
        assert_eq!(kind(a), Some(expected), "{a}");
    }
}

#[test]
fn ranges_end_where_they_should() {
    for a in ["172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "11.0.0.0", "223.255.255.255"] {
        assert_eq!(kind(a), None, "{a}");
    }
}

#[test]
fn ipv6_special_ranges_are_refused_with_their_kind() {
    let cases = [
        ("::1", Loopback),
        ("::", Unspecified),
        ("fe80::1", LinkLocal),
        ("fc00::1", UniqueLocal),
        ("fd12:3456::1", UniqueLocal),
        ("fd00:ec2::254", CloudMetadata),
        ("ff02::1", Multicast),
        ("2001:db8::1", Documentation),
        ("3fff::1", Documentation),
        ("2001::1", Reserved),
        ("100::1", Reserved),
        ("64:ff9b:1::1", Private),
        ("fec0::1", Private),
        ("4000::1", Reserved),
    ];
    for (a, expected) in cases {
        assert_eq!(kind(a), Some(expected), "{a}");
    }
}

#[test]
fn ipv6_forms_carrying_ipv4_are_judged_by_the_ipv4_inside() {
    let cases = [
        ("::ffff:127.0.0.1", Loopback, "127.0.0.1"),
        ("::ffff:7f00:1", Loopback, "127.0.0.1"),
        ("::ffff:169.254.169.254", CloudMetadata, "169.254.169.254"),
        ("::127.0.0.1", Loopback, "127.0.0.1"),
        ("64:ff9b::10.0.0.1", Private, "10.0.0.1"),
        ("64:ff9b::a9fe:a9fe", CloudMetadata, "169.254.169.254"),
        ("2002:7f00:1::", Loopback, "127.0.0.1"),
        ("2002:c0a8:0101::1", Private, "192.168.1.1"),
    ];
    for (a, expected, inner) in cases {
        let inner: Ipv4Addr = inner.parse().unwrap();
        assert_eq!(classify(ip(a)), Some((expected, Some(inner))), "{a}");
    }
}

#[test]
fn embedded_public_ipv4_passes_except_in_the_deprecated_compatible_form() {
    assert_eq!(classify(ip("64:ff9b::8.8.8.8")), None);
    assert_eq!(classify(ip("2002:0808:0808::1")), None);
    assert_eq!(classify(ip("::8.8.8.8")), Some((Reserved, Some(Ipv4Addr::new(8, 8, 8, 8)))));
}

#[test]
fn allow_list_overrides_refusal_only_inside_its_ranges() {
    let policy = AddressPolicy::new(vec!["127.0.0.1/32".parse().unwrap(), "10.20.0.0/16".parse().unwrap()]);
    for a in ["127.0.0.1", "::ffff:127.0.0.1", "10.20.3.4", "8.8.8.8"] {
        assert_eq!(policy.check(ip(a)), Ok(()), "{a}");
    }
    for a in ["127.0.0.2", "::1", "10.21.0.1", "169.254.169.254", "192.168.0.1"] {
        assert!(policy.check(ip(a)).is_err(), "{a}");
    }
}

#[test]
fn refusal_names_the_address_and_the_embedded_ipv4() {
    let refusal = AddressPolicy::default().check(ip("::ffff:10.0.0.1")).unwrap_err();
    assert_eq!(refusal.address, ip("::ffff:10.0.0.1"));
    assert_eq!(refusal.embedded, Some(Ipv4Addr::new(10, 0, 0, 1)));
    assert_eq!(refusal.kind, Private);
}
