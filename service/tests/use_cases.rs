//! Integration tests of the use cases in `service`: the authorisation matrix, the audit chain,
//! sign-in and sessions, vendors, contracts, self-service requests and the demo data. Every test body
//! runs twice, once on a fresh SQLite file and once on a fresh PostgreSQL database, so that both
//! backends behave alike.
//!
//! PostgreSQL must be reachable at `postgres://postgres@127.0.0.1:5432/postgres`, or at the URL in
//! `REGIEKAMER_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// `both_dbs!(name)`: the test body `name` on SQLite and on PostgreSQL (see `store::on_both_databases`).
macro_rules! both_dbs {
    ($name:ident) => {
        store::on_both_databases!($name);
    };
}

#[path = "use_cases/support.rs"]
mod support;

#[path = "use_cases/audit.rs"]
mod audit;
#[path = "use_cases/audit_checkpoints.rs"]
mod audit_checkpoints;
#[path = "use_cases/contracts.rs"]
mod contracts;
#[path = "use_cases/costs.rs"]
mod costs;
#[path = "use_cases/demo.rs"]
mod demo;
#[path = "use_cases/demo_history.rs"]
mod demo_history;
#[path = "use_cases/matrix.rs"]
mod matrix;
#[path = "use_cases/requests/mod.rs"]
mod requests;
#[path = "use_cases/sign_in.rs"]
mod sign_in;
#[path = "use_cases/sla_results.rs"]
mod sla_results;
#[path = "use_cases/sla_terms.rs"]
mod sla_terms;
#[path = "use_cases/throttle.rs"]
mod throttle;
#[path = "use_cases/users.rs"]
mod users;
#[path = "use_cases/vendors.rs"]
mod vendors;
