//! The forms of the costs pages as the browser sends them (every field text, missing fields empty), each
//! with its checked input. `parse` reports every bad field at once, at the form's own field names.

use super::amount::parse_amount;
use super::forecast::parse_indexation_bp;
use super::import::{vat_sign_differs, CostKind, MAX_COST_CENTRE, MAX_REFERENCE};
use crate::error::{Invalid, Problem};
use crate::text::{date, number, optional_text, text, YEAR_MAX, YEAR_MIN};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest name of a cost centre, organisation or licence type.
pub const MAX_NAME: u32 = 120;
/// The most seats (and the highest free-seat threshold) a licence form accepts.
pub const MAX_SEATS: i64 = 1_000_000;
/// The most inhabitants or employees an organisation form accepts.
pub const MAX_COUNT: i64 = 1_000_000_000;

/// An amount in euros at `field`; the sign is kept.
fn amount(field: &str, value: &str) -> Result<i64, Invalid> {
    parse_amount(value).map_err(|e| Invalid::one(field, e.problem()))
}

/// An amount that may not be negative.
fn amount_not_negative(field: &str, value: &str) -> Result<i64, Invalid> {
    match amount(field, value)? {
        c if c < 0 => Err(Invalid::one(field, Problem::Negative)),
        c => Ok(c),
    }
}

/// A date, or `None` when the field is empty.
fn optional_date(field: &str, value: &str) -> Result<Option<NaiveDate>, Invalid> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        date(field, value).map(Some)
    }
}

/// A whole number in `[min, max]`, or `None` when the field is empty.
fn optional_number(field: &str, value: &str, min: i64, max: i64) -> Result<Option<i64>, Invalid> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        number(field, value, min, max).map(Some)
    }
}

/// One cost line typed by hand (for a contract chosen by the page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CostLineForm {
    pub factuurnummer: String,
    pub factuurdatum: String,
    pub periode_van: String,
    pub periode_tot: String,
    /// Excluding VAT; negative for a credit note.
    pub bedrag: String,
    pub btw: String,
    /// The cost centre's code.
    pub kostenplaats: String,
    /// `factuur` (or empty) or `creditnota`.
    pub soort: String,
}

/// A checked cost line, with the same rules as a row of the cost-line CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostLineInput {
    pub invoice_number: String,
    pub invoice_date: NaiveDate,
    pub period_start: NaiveDate,
    /// Inclusive, on or after `period_start`.
    pub period_end: NaiveDate,
    pub amount_cents: i64,
    pub vat_cents: i64,
    /// The cost centre's code as typed (trimmed); the service looks it up.
    pub cost_centre: String,
    pub kind: CostKind,
}

impl CostLineInput {
    /// Checks every field; a negative amount only on a credit note, a credit note not positive, VAT with
    /// the amount's sign (or 0), the period's end on or after its start.
    pub fn parse(f: &CostLineForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let invoice_number = inv.take(text("factuurnummer", &f.factuurnummer, MAX_REFERENCE, true));
        let invoice_date = inv.take(date("factuurdatum", &f.factuurdatum));
        let period_start = inv.take(date("periode_van", &f.periode_van));
        let period_end = inv.take(date("periode_tot", &f.periode_tot));
        let amount_cents = inv.take(amount("bedrag", &f.bedrag));
        let vat_cents = inv.take(amount("btw", &f.btw));
        let cost_centre = inv.take(text("kostenplaats", &f.kostenplaats, MAX_COST_CENTRE, true));
        let kind = CostKind::parse_lenient(&f.soort);
        if kind.is_none() {
            inv.push("soort", Problem::UnknownChoice);
        }
        if let (Some(a), Some(k)) = (amount_cents, kind) {
            if a < 0 && k != CostKind::CreditNote {
                inv.push("bedrag", Problem::NegativeNotCreditNote);
            }
            if a > 0 && k == CostKind::CreditNote {
                inv.push("bedrag", Problem::CreditNoteNotNegative);
            }
        }
        if let (Some(a), Some(v)) = (amount_cents, vat_cents) {
            if vat_sign_differs(a, v) {
                inv.push("btw", Problem::VatSign);
            }
        }
        if let (Some(s), Some(e)) = (period_start, period_end) {
            if e < s {
                inv.push("periode_tot", Problem::EndBeforeStart);
            }
        }
        match (invoice_number, invoice_date, period_start, period_end, amount_cents, vat_cents, cost_centre, kind) {
            (Some(n), Some(d), Some(s), Some(e), Some(a), Some(v), Some(c), Some(k)) if inv.is_empty() => {
                Ok(CostLineInput {
                    invoice_number: n,
                    invoice_date: d,
                    period_start: s,
                    period_end: e,
                    amount_cents: a,
                    vat_cents: v,
                    cost_centre: c,
                    kind: k,
                })
            }
            _ => Err(inv),
        }
    }
}

/// A cost centre (kostenplaats) of the finance administration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CostCentreForm {
    pub code: String,
    pub naam: String,
}

/// A checked cost centre: a code without spaces (1..=32 characters) and a name (1..=120).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostCentreInput {
    pub code: String,
    pub name: String,
}

impl CostCentreInput {
    /// Checks code and name.
    pub fn parse(f: &CostCentreForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let code = inv.take(text("code", &f.code, MAX_COST_CENTRE, true));
        if code.as_deref().is_some_and(|c| c.contains(char::is_whitespace)) {
            inv.push("code", Problem::CodeWithSpaces);
        }
        let name = inv.take(text("naam", &f.naam, MAX_NAME, true));
        match (code, name) {
            (Some(code), Some(name)) if inv.is_empty() => Ok(CostCentreInput { code, name }),
            _ => Err(inv),
        }
    }
}

/// The budget of a cost centre for one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetForm {
    pub kostenplaats: String,
    pub jaar: String,
    pub bedrag: String,
}

/// A checked budget: the cost centre's code, a year from `YEAR_MIN` to `YEAR_MAX`, an amount of at least 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetInput {
    pub cost_centre: String,
    pub year: i32,
    pub amount_cents: i64,
}

impl BudgetInput {
    /// Checks cost centre, year and amount.
    pub fn parse(f: &BudgetForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let cost_centre = inv.take(text("kostenplaats", &f.kostenplaats, MAX_COST_CENTRE, true));
        let year = inv.take(number("jaar", &f.jaar, i64::from(YEAR_MIN), i64::from(YEAR_MAX)));
        let amount_cents = inv.take(amount_not_negative("bedrag", &f.bedrag));
        match (cost_centre, year.and_then(|y| i32::try_from(y).ok()), amount_cents) {
            (Some(cost_centre), Some(year), Some(amount_cents)) if inv.is_empty() => {
                Ok(BudgetInput { cost_centre, year, amount_cents })
            }
            _ => Err(inv),
        }
    }
}

/// An organisation that shares costs (a municipality of a cooperation), with the counts a cost key can
/// divide by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganisationForm {
    pub naam: String,
    pub inwoners: String,
    pub medewerkers: String,
}

/// A checked organisation; an empty count is unknown (`None`), 0 is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationInput {
    pub name: String,
    pub inhabitants: Option<u64>,
    pub employees: Option<u64>,
}

impl OrganisationInput {
    /// Checks name and counts (0 to [`MAX_COUNT`]).
    pub fn parse(f: &OrganisationForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let name = inv.take(text("naam", &f.naam, MAX_NAME, true));
        let inhabitants = inv.take(optional_number("inwoners", &f.inwoners, 0, MAX_COUNT));
        let employees = inv.take(optional_number("medewerkers", &f.medewerkers, 0, MAX_COUNT));
        let count = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok());
        match (name, inhabitants, employees) {
            (Some(name), Some(i), Some(e)) if inv.is_empty() => {
                Ok(OrganisationInput { name, inhabitants: count(i), employees: count(e) })
            }
            _ => Err(inv),
        }
    }
}

/// A price change (indexation) of a contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriceChangeForm {
    pub ingangsdatum: String,
    /// Percent, e.g. "2,5" or "-1,25".
    pub indexatie: String,
}

/// A checked price change: from which day, by how many basis points (250 = +2,50 %).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceChangeInput {
    pub effective_from: NaiveDate,
    pub basis_points: i32,
}

impl PriceChangeInput {
    /// Checks the date and the percentage (at most 50 % either way, two decimals).
    pub fn parse(f: &PriceChangeForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let effective_from = inv.take(date("ingangsdatum", &f.ingangsdatum));
        let basis_points = inv.take(parse_indexation_bp("indexatie", &f.indexatie));
        match (effective_from, basis_points) {
            (Some(effective_from), Some(basis_points)) if inv.is_empty() => {
                Ok(PriceChangeInput { effective_from, basis_points })
            }
            _ => Err(inv),
        }
    }
}

/// A licence bought under a contract, and when to be warned about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LicenceForm {
    /// The licence type, e.g. "Microsoft 365 E3".
    pub soort: String,
    /// The text to find in the usage report's Assigned Products (empty: any product).
    pub product: String,
    pub ingekocht: String,
    pub prijs_per_maand: String,
    pub true_up: String,
    pub true_down: String,
    /// Warn when fewer seats than this are free.
    pub vrij_onder: String,
    /// Warn when utilisation is below this percentage.
    pub benutting_onder: String,
}

/// A checked licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceInput {
    /// 1..=120 characters.
    pub licence_type: String,
    /// Text to match in the usage report's Assigned Products.
    pub product: Option<String>,
    /// 0..=1_000_000 seats.
    pub purchased: u32,
    /// At least 0.
    pub unit_price_cents_month: i64,
    pub true_up: Option<NaiveDate>,
    pub true_down: Option<NaiveDate>,
    pub free_below: Option<u32>,
    /// 1..=100.
    pub utilisation_below_pct: Option<u32>,
}

impl LicenceInput {
    /// Checks every field.
    pub fn parse(f: &LicenceForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let licence_type = inv.take(text("soort", &f.soort, MAX_NAME, true));
        let product = inv.take(optional_text("product", &f.product, MAX_NAME));
        let purchased = inv.take(number("ingekocht", &f.ingekocht, 0, MAX_SEATS));
        let price = inv.take(amount_not_negative("prijs_per_maand", &f.prijs_per_maand));
        let true_up = inv.take(optional_date("true_up", &f.true_up));
        let true_down = inv.take(optional_date("true_down", &f.true_down));
        let free_below = inv.take(optional_number("vrij_onder", &f.vrij_onder, 0, MAX_SEATS));
        let utilisation = inv.take(optional_number("benutting_onder", &f.benutting_onder, 1, 100));
        let small = |n: i64| u32::try_from(n).ok();
        match (licence_type, product, purchased.and_then(small), price, true_up, true_down, free_below, utilisation) {
            (
                Some(licence_type),
                Some(product),
                Some(purchased),
                Some(price),
                Some(up),
                Some(down),
                Some(free),
                Some(u),
            ) if inv.is_empty() => Ok(LicenceInput {
                licence_type,
                product,
                purchased,
                unit_price_cents_month: price,
                true_up: up,
                true_down: down,
                free_below: free.and_then(small),
                utilisation_below_pct: u.and_then(small),
            }),
            _ => Err(inv),
        }
    }
}

#[cfg(test)]
#[path = "forms_tests.rs"]
mod tests;
