//! The HTTP side: router, middleware and health endpoints.

pub mod assets;
mod audit_export;
pub mod client_addr;
mod costs;
mod exports;
pub mod form_input;
mod health;
mod middleware;
mod push;
mod requests;
mod router;

pub use router::{build_router, ServerState};
