//! The one error type of the use cases. The web layer maps each variant to a status and a message.

use domain::Invalid;
use store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Bad input, per field.
    #[error("invalid input")]
    Invalid(Invalid),
    #[error("not found")]
    NotFound,
    /// The change conflicts with the current state (e.g. a vendor that still has contracts).
    #[error("conflict: {0}")]
    Conflict(String),
    /// Signed in, but this role may not do this to this object.
    #[error("forbidden")]
    Forbidden,
    /// Not signed in, or the session expired, or the CSRF token did not match.
    #[error("unauthenticated")]
    Unauthenticated,
    /// Try again after this many seconds: too many failed sign-ins, or the measurement writer is busy
    /// (a pushed check waited its turn in vain).
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    /// Something broke that the user cannot fix; the cause is logged, never shown.
    #[error("unexpected: {0}")]
    Unexpected(String),
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ServiceError::NotFound,
            StoreError::Conflict(c) => ServiceError::Conflict(c),
            other => {
                tracing::error!(error = ?other, "store error");
                ServiceError::Unexpected(other.to_string())
            }
        }
    }
}

impl From<Invalid> for ServiceError {
    fn from(e: Invalid) -> Self {
        ServiceError::Invalid(e)
    }
}

/// Turns a unique-constraint conflict into a "duplicate" problem at the field the user typed.
pub(crate) fn duplicate_at(field: &'static str) -> impl Fn(StoreError) -> ServiceError {
    move |e| match e {
        StoreError::Conflict(c) if c != "foreign_key" => {
            ServiceError::Invalid(Invalid::one(field, domain::Problem::Duplicate))
        }
        other => other.into(),
    }
}
