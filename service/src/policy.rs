//! Enforcement of the authorisation matrix (`domain::policy`): every use case calls [`authorize`].

use crate::{Actor, ServiceError};
pub use domain::policy::{allowed, Action};

/// `Ok` when the actor's role allows `action`, otherwise `Forbidden`.
pub fn authorize(actor: &Actor, action: Action) -> Result<(), ServiceError> {
    if allowed(actor.role, action) {
        Ok(())
    } else {
        tracing::warn!(user = %actor.username, role = %actor.role, ?action, "forbidden");
        Err(ServiceError::Forbidden)
    }
}
