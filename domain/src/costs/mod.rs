//! Costs, budgets and licences: reading cost lines from a finance system's CSV export, dividing costs
//! over organisations with a cost key (verdeelsleutel), spreading invoices over the months they cover,
//! forecasting a contract's costs to the year's end, and comparing licences bought with licences used
//! (from Microsoft 365's usage report). Pure calculations and parsing; the service checks references.

pub mod accrual;
pub mod allocation;
pub mod amount;
pub(crate) mod csv_read;
pub mod dates;
pub mod forecast;
pub mod forms;
pub mod import;
mod import_layout;
mod import_problem;
pub mod percent;
pub mod rightsizing;
pub mod usage_m365;

pub use accrual::spread_over_months;
pub use allocation::{allocate, check_weights, parse_percentage_bp, AllocationBasis, AllocationError};
pub use amount::{parse_amount, AmountError};
pub use dates::{parse_import_date, DateError};
pub use forecast::{
    forecast_year, monthly_value_cents, parse_indexation_bp, ContractCostTerms, ContractForecast, CostPeriod,
    PriceChange,
};
pub use forms::{
    BudgetForm, BudgetInput, CostCentreForm, CostCentreInput, CostLineForm, CostLineInput, LicenceForm, LicenceInput,
    OrganisationForm, OrganisationInput, PriceChangeForm, PriceChangeInput,
};
pub use import::{parse_cost_csv, CostFile, CostKind, CostLine, ImportError, ImportProblem};
pub use rightsizing::{flags, rightsize, utilisation_permille, LicenceFlags, LicenceTerms, Rightsizing};
pub use usage_m365::{count_m365_active_users, UsageCounts, UsageError};
