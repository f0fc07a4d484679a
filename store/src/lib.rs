//! Regiekamer's store: the only crate with SQL. [`Db`] wraps either a SQLite or a PostgreSQL pool, picked
//! from the URL scheme; each aggregate has a module of plain async functions that take `&Db` (reads) or
//! `&mut Tx` (writes), so that the service layer decides where a transaction begins and ends. One query
//! text serves both backends wherever the SQL allows; a dialect arm is written out where it does not.
//!
//! Everything public is also re-exported here, so `store::insert_vendor` and
//! `store::vendors::insert_vendor` are the same function.
#![forbid(unsafe_code)]

#[macro_use]
mod db;

pub mod audit;
pub mod audit_checkpoints;
pub mod audit_names;
pub mod contracts;
pub mod costs;
pub mod error;
pub mod monitoring;
pub mod requests;
pub mod services;
pub mod sessions;
pub mod sla_claims;
pub mod sla_terms;
pub mod testing;
pub mod users;
pub mod vendors;

pub use audit::*;
pub use audit_checkpoints::*;
pub use audit_names::*;
pub use contracts::*;
pub use costs::*;
pub use db::{Db, Tx};
pub use error::{Result, StoreError};
pub use monitoring::*;
pub use requests::*;
pub use services::*;
pub use sessions::*;
pub use sla_claims::*;
pub use sla_terms::*;
pub use users::*;
pub use vendors::*;
