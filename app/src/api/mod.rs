//! Server functions: a few lines each that read the session, call one use case and map the result.

pub mod audit;
pub mod auth;
pub mod contracts;
pub mod costs;
pub mod monitoring;
pub mod requests;
pub mod sla;
pub mod users;
pub mod vendors;
