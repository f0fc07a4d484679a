//! Self-service (migration 0010): request forms and versions, requests with their history and
//! licence seats, work profiles, and each user's manager and profile. One file per table group.

pub mod forms;
pub mod lists;
pub mod profiles;
#[allow(clippy::module_inception)]
pub mod requests;

pub use forms::*;
pub use lists::*;
pub use profiles::*;
pub use requests::*;

use crate::error::{Result, StoreError};

/// The key a name is unique by: trimmed and in lower case.
pub(crate) fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what}: {value:?}"))
}

/// A stored JSON column.
pub(crate) fn json<T: serde::de::DeserializeOwned>(what: &str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// A stored non-negative integer that must fit in `u32`.
pub(crate) fn u32_of(what: &str, v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{what}: {v}")))
}
