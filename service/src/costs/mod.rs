//! Costs, budgets and allocation (issue 11): invoice lines entered or imported from CSV, cost centres
//! with budgets per year, verdeelsleutels over the served organisations, known price changes, and the
//! yearly overview with its forecast. Inkoper and regisseur (and beheerder) change these; ict-manager
//! and auditor read them; medewerker sees none of it (`domain::policy`).

pub mod import;
pub mod licence_source;
pub mod licences;
pub mod lines;
pub mod overview;
pub mod registry;
