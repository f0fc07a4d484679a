//! One module per page; each page loads its data through server functions and renders on the server.

pub mod account;
pub mod audit;
pub mod contracts;
pub mod costs;
pub mod deadlines;
pub mod home;
pub mod login;
pub mod monitoring;
pub mod requests;
pub mod sla;
pub mod users;
pub mod vendors;
