//! Integration tests of the polling engine (`service::monitoring`) against the vendor simulator and
//! small test servers on 127.0.0.1, over real HTTP. The guarded client allow-lists exactly
//! 127.0.0.1/32. Sources poll every 100-200 ms through the test-only constructor; every test is
//! bounded by a few seconds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "monitoring/support.rs"]
mod support;

#[path = "monitoring/breaker.rs"]
mod breaker;
#[path = "monitoring/evidence.rs"]
mod evidence;
#[path = "monitoring/faults.rs"]
mod faults;
#[path = "monitoring/lifecycle.rs"]
mod lifecycle;
#[path = "monitoring/refused.rs"]
mod refused;
#[path = "monitoring/retries.rs"]
mod retries;
#[path = "monitoring/secrets.rs"]
mod secrets;
#[path = "monitoring/statuspage.rs"]
mod statuspage;
#[path = "monitoring/store.rs"]
mod store_writer;
