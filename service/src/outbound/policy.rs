//! Which IP addresses an outbound request may reach. Pure: no I/O, so every rule is unit-tested.
//!
//! Only globally routable unicast addresses pass. Loopback, private, shared (CGNAT), link-local,
//! cloud-metadata, unique-local, multicast, broadcast, reserved and documentation ranges are refused,
//! and IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64
//! `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address inside them. An administrator
//! allow-list of ranges overrides all of this, for vendor endpoints on the organisation's own network.

use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The kind of non-public address that made the policy refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressKind {
    Loopback,
    Unspecified,
    Private,
    SharedAddressSpace,
    LinkLocal,
    CloudMetadata,
    UniqueLocal,
    Multicast,
    Broadcast,
    Reserved,
    Documentation,
}

impl AddressKind {
    /// "is {this}" in an English sentence.
    pub fn describe_en(self) -> &'static str {
        match self {
            AddressKind::Loopback => "a loopback address (this machine itself)",
            AddressKind::Unspecified => "an unspecified address",
            AddressKind::Private => "a private network address",
            AddressKind::SharedAddressSpace => "a carrier-grade NAT address",
            AddressKind::LinkLocal => "a link-local address",
            AddressKind::CloudMetadata => "a cloud metadata service address",
            AddressKind::UniqueLocal => "a private (unique local) IPv6 address",
            AddressKind::Multicast => "a multicast address",
            AddressKind::Broadcast => "the broadcast address",
            AddressKind::Reserved => "a reserved address",
            AddressKind::Documentation => "an address reserved for documentation",
        }
    }

    /// "is {this}" in a Dutch sentence.
    pub fn describe_nl(self) -> &'static str {
        match self {
            AddressKind::Loopback => "een adres van deze computer zelf (loopback)",
            AddressKind::Unspecified => "een onbepaald adres",
            AddressKind::Private => "een intern netwerkadres",
            AddressKind::SharedAddressSpace => "een intern netwerkadres van een provider (CGNAT)",
            AddressKind::LinkLocal => "een link-local-adres (alleen geldig op het lokale netwerk)",
            AddressKind::CloudMetadata => "het adres van de metadatadienst van een cloudplatform",
            AddressKind::UniqueLocal => "een intern IPv6-netwerkadres",
            AddressKind::Multicast => "een multicastadres",
            AddressKind::Broadcast => "het broadcastadres",
            AddressKind::Reserved => "een gereserveerd adres",
            AddressKind::Documentation => "een adres dat alleen voor documentatie bedoeld is",
        }
    }
}

/// A refused address: the address as given, the IPv4 address it carries (if that decided), and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRefusal {
    pub address: IpAddr,
    pub embedded: Option<Ipv4Addr>,
    pub kind: AddressKind,
}

/// The address policy: refuse non-public addresses unless an allow-listed range contains them.
#[derive(Debug, Clone, Default)]
pub struct AddressPolicy {
    allow: Vec<IpNet>,
    allow_endpoints: Vec<std::net::SocketAddr>,
}

impl AddressPolicy {
    pub fn new(allow: Vec<IpNet>) -> Self {
        AddressPolicy { allow, allow_endpoints: Vec::new() }
    }

    /// The same policy, also allowing these single endpoints (address and port).
    pub fn with_endpoints(self, allow_endpoints: Vec<std::net::SocketAddr>) -> Self {
        AddressPolicy { allow_endpoints, ..self }
    }

    /// `Ok` if a connection to `ip` on `port` is permitted: an allow-listed endpoint, or an
    /// address [`check`](Self::check) permits.
    pub fn check_endpoint(&self, ip: IpAddr, port: u16) -> Result<(), AddressRefusal> {
        let canonical = ip.to_canonical();
        if self.allow_endpoints.iter().any(|e| e.port() == port && (e.ip() == ip || e.ip() == canonical)) {
            return Ok(());
        }
        self.check(ip)
    }

    /// Whether `ip` on `port` is an allow-listed endpoint or lies in an allow-listed range.
    pub fn is_allow_listed_endpoint(&self, ip: IpAddr, port: u16) -> bool {
        let canonical = ip.to_canonical();
        self.allow_endpoints.iter().any(|e| e.port() == port && (e.ip() == ip || e.ip() == canonical))
            || self.is_allow_listed(ip)
    }

    /// Whether an allow-listed range contains `ip` (or the IPv4 address it maps): such an address is
    /// the administrator's own choice, which is what lets a secret travel there over plain http.
    pub fn is_allow_listed(&self, ip: IpAddr) -> bool {
        let canonical = ip.to_canonical();
        self.allow.iter().any(|net| net.contains(&ip) || net.contains(&canonical))
    }

    /// `Ok` if a connection to `ip` is permitted.
    pub fn check(&self, ip: IpAddr) -> Result<(), AddressRefusal> {
        // `::ffff:10.0.0.1` reaches 10.0.0.1 on a dual-stack socket, so an allow-listed IPv4 range
        // also admits its mapped form.
        if self.is_allow_listed(ip) {
            return Ok(());
        }
        match classify(ip) {
            None => Ok(()),
            Some((kind, embedded)) => Err(AddressRefusal { address: ip, embedded, kind }),
        }
    }
}

/// Why `ip` is not a public address, or `None` if it is. The second element is the embedded IPv4
/// address that decided, for IPv6 forms that carry one.
pub fn classify(ip: IpAddr) -> Option<(AddressKind, Option<Ipv4Addr>)> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4).map(|kind| (kind, None)),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

const METADATA_V4: [Ipv4Addr; 4] = [
    Ipv4Addr::new(169, 254, 169, 254), // AWS, Azure, GCP, OpenStack
    Ipv4Addr::new(169, 254, 170, 2),   // AWS ECS task metadata
    Ipv4Addr::new(100, 100, 100, 200), // Alibaba Cloud
    Ipv4Addr::new(192, 0, 0, 192),     // Oracle Cloud
];
const METADATA_V6: [Ipv6Addr; 1] = [Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254)]; // AWS (IPv6)

fn in_v4(ip: Ipv4Addr, net: [u8; 4], prefix: u8) -> bool {
    let mask = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
    u32::from(ip) & mask == u32::from(Ipv4Addr::from(net)) & mask
}

fn in_v6(ip: Ipv6Addr, net: [u16; 8], prefix: u8) -> bool {
    let mask = if prefix == 0 { 0 } else { u128::MAX << (128 - prefix) };
    u128::from(ip) & mask == u128::from(Ipv6Addr::from(net)) & mask
}

fn classify_v4(ip: Ipv4Addr) -> Option<AddressKind> {
    use AddressKind::*;
    if METADATA_V4.contains(&ip) {
        return Some(CloudMetadata);
    }
    const RANGES: [([u8; 4], u8, AddressKind); 17] = [
        ([0, 0, 0, 0], 8, Unspecified),
        ([10, 0, 0, 0], 8, Private),
        ([100, 64, 0, 0], 10, SharedAddressSpace),
        ([127, 0, 0, 0], 8, Loopback),
        ([169, 254, 0, 0], 16, LinkLocal),
        ([172, 16, 0, 0], 12, Private),
        ([192, 0, 0, 0], 24, Reserved), // IETF protocol assignments
        ([192, 0, 2, 0], 24, Documentation),
        ([192, 31, 196, 0], 24, Reserved), // AS112
        ([192, 52, 193, 0], 24, Reserved), // AMT
        ([192, 88, 99, 0], 24, Reserved),  // former 6to4 relay anycast
        ([192, 168, 0, 0], 16, Private),
        ([198, 18, 0, 0], 15, Reserved), // benchmarking
        ([198, 51, 100, 0], 24, Documentation),
        ([203, 0, 113, 0], 24, Documentation),
        ([224, 0, 0, 0], 4, Multicast),
        ([255, 255, 255, 255], 32, Broadcast),
    ];
    if let Some((_, _, kind)) = RANGES.iter().find(|(net, prefix, _)| in_v4(ip, *net, *prefix)) {
        return Some(*kind);
    }
    in_v4(ip, [240, 0, 0, 0], 4).then_some(Reserved)
}

fn classify_v6(ip: Ipv6Addr) -> Option<(AddressKind, Option<Ipv4Addr>)> {
    use AddressKind::*;
    let bits = u128::from(ip);
    let low32 = Ipv4Addr::from(bits as u32);
    if ip.is_unspecified() {
        return Some((Unspecified, None));
    }
    if ip.is_loopback() {
        return Some((Loopback, None));
    }
    if METADATA_V6.contains(&ip) {
        return Some((CloudMetadata, None));
    }
    // Forms that carry an IPv4 address: judged by that address.
    let embedded = if in_v6(ip, [0, 0, 0, 0, 0, 0xffff, 0, 0], 96) || in_v6(ip, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96) {
        Some((low32, false))
    } else if in_v6(ip, [0, 0, 0, 0, 0, 0, 0, 0], 96) {
        // IPv4-compatible (deprecated): refused even when the IPv4 address inside is public.
        Some((low32, true))
    } else if in_v6(ip, [0x2002, 0, 0, 0, 0, 0, 0, 0], 16) {
        Some((Ipv4Addr::from((bits >> 80) as u32), false))
    } else {
        None
    };
    if let Some((v4, deprecated)) = embedded {
        return match classify_v4(v4) {
            Some(kind) => Some((kind, Some(v4))),
            None if deprecated => Some((Reserved, Some(v4))),
            None => None,
        };
    }
    const RANGES: [([u16; 8], u8, AddressKind); 9] = [
        ([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, Private), // local-use NAT64
        ([0x100, 0, 0, 0, 0, 0, 0, 0], 64, Reserved),    // discard-only
        ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23, Reserved),   // IETF protocol assignments, Teredo
        ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, Documentation),
        ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20, Documentation),
        ([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7, UniqueLocal),
        ([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10, LinkLocal),
        ([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10, Private), // deprecated site-local
        ([0xff00, 0, 0, 0, 0, 0, 0, 0], 8, Multicast),
    ];
    if let Some((_, _, kind)) = RANGES.iter().find(|(net, prefix, _)| in_v6(ip, *net, *prefix)) {
        return Some((*kind, None));
    }
    // Everything outside global unicast 2000::/3 is unassigned or special-purpose.
    (!in_v6(ip, [0x2000, 0, 0, 0, 0, 0, 0, 0], 3)).then_some((Reserved, None))
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
