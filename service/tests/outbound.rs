//! Integration tests of the guarded HTTP client (`service::outbound`) against small servers on
//! 127.0.0.1. The guard refuses loopback, so every test that reaches a server allow-lists exactly
//! 127.0.0.1/32 and checks that everything else stays refused. No test sends a packet anywhere but
//! the loopback interface: refused addresses are refused before any connection is made.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "outbound/support.rs"]
mod support;

#[path = "outbound/limits.rs"]
mod limits;
#[path = "outbound/redirects.rs"]
mod redirects;
#[path = "outbound/secrets.rs"]
mod secrets;
#[path = "outbound/ssrf.rs"]
mod ssrf;
#[path = "outbound/timeouts.rs"]
mod timeouts;
#[path = "outbound/tls.rs"]
mod tls;
