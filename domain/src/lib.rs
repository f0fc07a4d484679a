//! Regiekamer's domain: identifiers, value objects that parse their input, and the pure calculations
//! (contract terms and notice deadlines). No I/O here, so the crate also compiles to wasm for the browser.
#![forbid(unsafe_code)]

mod bignum;
pub mod contract;
pub mod costs;
pub mod csv;
pub mod deadlines;
pub mod error;
pub mod ids;
pub mod monitoring;
pub mod policy;
pub mod requests;
pub mod role;
pub mod sla;
pub mod statuspage;
pub mod tender;
pub mod text;
pub mod user;
pub mod vendor;
pub mod views;
pub mod views_attention;
pub mod views_components;
pub mod views_costs;
pub mod views_licences;
pub mod views_monitoring;
pub mod views_sources;
pub mod views_vendor_monitoring;

pub use error::{FieldError, Invalid, Problem};
pub use ids::{
    ContractId, CostCentreId, CostImportId, CostLineId, FormVersionId, LicenceId, OrganisationId, RequestFormId,
    RequestId, UserId, VendorId, VendorServiceId, WorkProfileId,
};
pub use role::Role;
