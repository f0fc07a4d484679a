//! An offer's total price over the contract term from its price model (docs/PROCUREMENT.md, "Price
//! model"): a one-off amount, a price per year, a price per seat per month, and a yearly indexation. The
//! total is what the tender compares ([`super::Offer::price_cents`]), in integer cents, computed exactly.
//!
//! The rules:
//! - The one-off amount counts once.
//! - The term is cut into contract years of 12 months; the last year may be partial (30 months = 2 full
//!   years + a year of 6 months). A year of `m` months charges `per_year x m / 12` plus
//!   `seats x per_seat_month x m`.
//! - Indexation applies from year 2, compounded: year `k` charges are multiplied by
//!   `(1 + indexation_bp / 10000)^(k - 1)`.
//! - Each year's charges are computed exactly (as a fraction) and rounded once to the cent, half away
//!   from zero; the total is the one-off amount plus the rounded years. Nothing is rounded in between
//!   (neither the pro rata part nor the indexed price of a year before).

use crate::bignum::Big;
use crate::costs::amount::MAX_INTEGER_DIGITS;
use crate::costs::forecast::MAX_INDEXATION_PCT;
use crate::error::{Invalid, Problem};
use serde::{Deserialize, Serialize};

/// The form's field names, also used in [`PriceError::field`].
pub const FIELD_ONE_OFF: &str = "eenmalig";
pub const FIELD_PER_YEAR: &str = "per_jaar";
pub const FIELD_PER_SEAT_MONTH: &str = "per_plek_maand";
pub const FIELD_SEATS: &str = "plekken";
pub const FIELD_INDEXATION: &str = "indexatie";
pub const FIELD_TERM: &str = "looptijd";

/// The longest contract term in months (50 years).
pub const MAX_TERM_MONTHS: u32 = 600;

/// The largest amount in cents, for each amount and for the total: 13 digits of euros, like every amount
/// field ([`MAX_INTEGER_DIGITS`]), so 9,999,999,999,999.99 euros.
pub const MAX_AMOUNT_CENTS: i64 = 10i64.pow(MAX_INTEGER_DIGITS as u32 + 2) - 1;

/// How an offer is priced. Amounts in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PriceModel {
    /// Charged once (implementation, migration).
    pub one_off_cents: i64,
    /// Charged per contract year (pro rata by months for a partial last year).
    pub per_year_cents: i64,
    /// Charged per seat (user, licence) per month.
    pub per_seat_month_cents: i64,
    pub seats: u32,
    /// Yearly indexation in basis points (250 = 2.50 %), applied from year 2 and compounded; may be
    /// negative, at most [`MAX_INDEXATION_PCT`] % either way.
    pub indexation_bp: i32,
}

/// Why a price model has no total. Each names the form field that is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    /// An amount below 0.
    #[error("{field}: must not be negative")]
    Negative { field: &'static str },
    /// The indexation (in percent) or the term (in months) outside its range.
    #[error("{field}: must be from {min} to {max}")]
    OutOfRange { field: &'static str, min: i64, max: i64 },
    /// An amount, or the total, above [`MAX_AMOUNT_CENTS`]. For the total, the field is the part that
    /// contributes most (one-off, per year, or per seat per month).
    #[error("{field}: the amount is too large")]
    TooLarge { field: &'static str },
}

impl PriceError {
    /// The form field that is wrong.
    pub fn field(&self) -> &'static str {
        match self {
            PriceError::Negative { field } | PriceError::OutOfRange { field, .. } | PriceError::TooLarge { field } => {
                field
            }
        }
    }

    /// The form problem for this error.
    pub fn problem(&self) -> Problem {
        match self {
            PriceError::Negative { .. } => Problem::Negative,
            PriceError::OutOfRange { min, max, .. } => Problem::OutOfRange { min: *min, max: *max },
            PriceError::TooLarge { .. } => Problem::AmountTooLarge,
        }
    }
}

impl From<PriceError> for Invalid {
    fn from(e: PriceError) -> Self {
        Invalid::one(e.field(), e.problem())
    }
}

/// The total price over `term_months` in cents (the rules are in the module documentation). Refuses,
/// in this order: a negative amount, an amount above [`MAX_AMOUNT_CENTS`], an indexation outside
/// +-[`MAX_INDEXATION_PCT`] %, a term outside 1..=[`MAX_TERM_MONTHS`], and a total above
/// [`MAX_AMOUNT_CENTS`].
pub fn total_price(model: &PriceModel, term_months: u32) -> Result<i64, PriceError> {
    let amounts = [
        (FIELD_ONE_OFF, model.one_off_cents),
        (FIELD_PER_YEAR, model.per_year_cents),
        (FIELD_PER_SEAT_MONTH, model.per_seat_month_cents),
    ];
    if let Some((field, _)) = amounts.iter().find(|(_, a)| *a < 0) {
        return Err(PriceError::Negative { field });
    }
    if let Some((field, _)) = amounts.iter().find(|(_, a)| *a > MAX_AMOUNT_CENTS) {
        return Err(PriceError::TooLarge { field });
    }
    let max_bp = MAX_INDEXATION_PCT * 100;
    if !(-max_bp..=max_bp).contains(&i64::from(model.indexation_bp)) {
        let (min, max) = (-MAX_INDEXATION_PCT, MAX_INDEXATION_PCT);
        return Err(PriceError::OutOfRange { field: FIELD_INDEXATION, min, max });
    }
    if !(1..=MAX_TERM_MONTHS).contains(&term_months) {
        let (min, max) = (1, i64::from(MAX_TERM_MONTHS));
        return Err(PriceError::OutOfRange { field: FIELD_TERM, min, max });
    }
    let recurring =
        yearly_charges(model.per_year_cents, model.per_seat_month_cents, model.seats, model.indexation_bp, term_months);
    let total =
        recurring.and_then(|r| r.checked_add(model.one_off_cents as u128)).filter(|t| *t <= MAX_AMOUNT_CENTS as u128);
    match total.and_then(|t| i64::try_from(t).ok()) {
        Some(t) => Ok(t),
        None => Err(PriceError::TooLarge { field: largest_part(model, term_months) }),
    }
}

/// The part of a too large total that contributes most; on equal parts the first in form order.
fn largest_part(model: &PriceModel, term_months: u32) -> &'static str {
    let bp = model.indexation_bp;
    let per_year = yearly_charges(model.per_year_cents, 0, 0, bp, term_months).unwrap_or(u128::MAX);
    let seats = yearly_charges(0, model.per_seat_month_cents, model.seats, bp, term_months).unwrap_or(u128::MAX);
    let parts =
        [(FIELD_ONE_OFF, model.one_off_cents as u128), (FIELD_PER_YEAR, per_year), (FIELD_PER_SEAT_MONTH, seats)];
    parts.iter().fold(parts[0], |best, p| if p.1 > best.1 { *p } else { best }).0
}

/// The sum over the contract years of each year's indexed charges, rounded per year; `None` when it
/// does not fit in `u128` (far above any total that is accepted). Amounts are not negative here.
fn yearly_charges(per_year: i64, per_seat_month: i64, seats: u32, bp: i32, term_months: u32) -> Option<u128> {
    // The factor 1 + bp/10000 as (10000 + bp) / 10000; bp >= -5000, so it is positive.
    let factor = u64::try_from(10_000 + i64::from(bp)).ok()?;
    let per_year = u128::try_from(per_year).ok()?;
    let per_seat_month = u128::try_from(per_seat_month).ok()?;
    let mut total: u128 = 0;
    for year in 0..term_months.div_ceil(12) {
        let months = u128::from((term_months - 12 * year).min(12));
        // The year's charges in twelfths of a cent: per_year x m / 12 + seats x per_seat_month x m.
        let twelfths = per_year * months + 12 * per_seat_month * u128::from(seats) * months;
        total = total.checked_add(indexed_rounded(twelfths, factor, year)?)?;
    }
    Some(total)
}

/// `twelfths / 12 x (factor / 10000)^steps`, rounded half up (half away from zero: nothing is negative)
/// to whole cents, in exact arithmetic: `q = floor(2 x value)` by successive floor divisions (floor of a
/// floor is the floor of the whole quotient for positive divisors), then `(q + 1) / 2`.
fn indexed_rounded(twelfths: u128, factor: u64, steps: u32) -> Option<u128> {
    let mut n = Big::from_u128(twelfths);
    for _ in 0..steps {
        n.mul_small(factor);
    }
    n.mul_small(2);
    n.div_small(12);
    for _ in 0..steps {
        n.div_small(10_000);
    }
    n.to_u128()?.checked_add(1).map(|q| q / 2)
}

#[cfg(test)]
#[path = "price_tests.rs"]
mod tests;
