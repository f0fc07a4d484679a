//! Building blocks shared by the pages.

pub mod draft;
pub mod errors;
pub mod fields;
pub mod layout;
pub mod pagination;
pub mod saved;
pub mod sortable;
pub mod state;
pub mod status;
pub mod time;
pub mod title;
