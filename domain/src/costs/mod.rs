//! Costs, budgets and licences: reading cost lines from a finance system's CSV export, dividing costs
//! over organisations with a cost key (verdeelsleutel), spreading invoices over the months they cover,
//! forecasting a contract's costs to the year's end, and comparing licences bought with licences used
//! (from Microsoft 365's usage report). Pure calculations and parsing; the service checks references.

pub mod amount;
pub(crate) mod csv_read;
pub mod dates;
pub mod import;
mod import_layout;
mod import_problem;

pub use amount::{parse_amount, AmountError};
pub use dates::{parse_import_date, DateError};
pub use import::{parse_cost_csv, CostFile, CostKind, CostLine, ImportError, ImportProblem};
