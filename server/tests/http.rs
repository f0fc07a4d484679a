//! HTTP integration tests: the real server on a random port over a fresh SQLite database, spoken to
//! with a real HTTP client, as a browser or an API client would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "http/app.rs"]
mod app;
#[path = "http/assets.rs"]
mod assets;
#[path = "http/audit_log.rs"]
mod audit_log;
#[path = "http/auth.rs"]
mod auth;
#[path = "http/authz.rs"]
mod authz;
#[path = "http/contract_form.rs"]
mod contract_form;
#[path = "http/costs.rs"]
mod costs;
#[path = "http/forms.rs"]
mod forms;
#[path = "http/head.rs"]
mod head;
#[path = "http/headers.rs"]
mod headers;
#[path = "http/input.rs"]
mod input;
#[path = "http/monitoring_use.rs"]
mod monitoring_use;
#[path = "http/push.rs"]
mod push;
#[path = "http/render_race.rs"]
mod render_race;
#[path = "http/requests.rs"]
mod requests;
#[path = "http/sla.rs"]
mod sla;
#[path = "http/sla_results.rs"]
mod sla_results;
#[path = "http/sources.rs"]
mod sources;
#[path = "http/summary_links.rs"]
mod summary_links;
#[path = "http/users.rs"]
mod users;
