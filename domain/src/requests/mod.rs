//! Self-service: request forms the regie team builds, requests staff file and the workflow they go
//! through, work profiles and what they bundle, and the anonymisation of closed requests.

pub mod anonymise;
pub mod answers;
pub mod fields;
pub mod profiles;
pub mod views;
pub mod workflow;

pub use answers::{check_answers, Answer, ServiceChoice};
pub use fields::{Approval, FieldDef, FieldForm, FieldKind, FormPurpose, FormSettings, FormSettingsForm};
pub use profiles::{
    compare, DeviceClass, LicenceChange, Measure, ProfileChange, ProfileForm, ProfileInput, WorkProfile,
};
pub use workflow::{take_step, Approvals, Capacity, Refusal, RequestStatus, Side, Step};
