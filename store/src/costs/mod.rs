//! Costs, budgets, allocation keys and licences (migration 0009): one file per table group.

pub mod allocation;
pub mod budgets;
pub mod imports;
pub mod licences;
pub mod lines;

pub use allocation::*;
pub use budgets::*;
pub use imports::*;
pub use licences::*;
pub use lines::*;

/// The key a code or name is unique by: trimmed and in lower case.
pub(crate) fn key(s: &str) -> String {
    s.trim().to_lowercase()
}
