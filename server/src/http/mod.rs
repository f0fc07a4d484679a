//! The HTTP side: router, middleware and health endpoints.

mod health;
mod middleware;
mod push;
mod router;

pub use router::{build_router, ServerState};
