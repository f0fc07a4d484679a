//! The store's conformance suite: every test runs once on SQLite and once on PostgreSQL, each on a
//! fresh database, so that the two backends cannot drift apart.
//!
//! PostgreSQL must be reachable at `postgres://postgres@127.0.0.1:5432/postgres`, or at the URL in
//! `REGIEKAMER_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// `conformance!(name)`: the test body `name` on SQLite and on PostgreSQL.
macro_rules! conformance {
    ($name:ident) => {
        store::on_both_databases!($name);
    };
}

#[path = "conformance/audit.rs"]
mod audit;
#[path = "conformance/audit_checkpoints.rs"]
mod audit_checkpoints;
#[path = "conformance/audit_names.rs"]
mod audit_names;
#[path = "conformance/connect.rs"]
mod connect;
#[path = "conformance/contracts.rs"]
mod contracts;
#[path = "conformance/fixtures.rs"]
mod fixtures;
#[path = "conformance/monitoring.rs"]
mod monitoring;
#[path = "conformance/monitoring_events.rs"]
mod monitoring_events;
#[path = "conformance/monitoring_history.rs"]
mod monitoring_history;
#[path = "conformance/monitoring_pages.rs"]
mod monitoring_pages;
#[path = "conformance/monitoring_series.rs"]
mod monitoring_series;
#[path = "conformance/sla_terms.rs"]
mod sla_terms;
#[path = "conformance/users.rs"]
mod users;
#[path = "conformance/vendors.rs"]
mod vendors;
