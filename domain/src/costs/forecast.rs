//! Year-end forecast of a contract's costs: what its cost lines already put in this year, plus the
//! contract's monthly value (indexed by its price changes) for every month of its term that no cost line
//! covers yet.

use super::accrual::{month_end, spread_over_months};
use super::percent::hundredths;
use crate::bignum::Big;
use crate::error::{Invalid, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The largest price change a form accepts, in percent either way.
pub const MAX_INDEXATION_PCT: i64 = 50;

/// What a contract costs by its terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractCostTerms {
    pub contract: i64,
    /// The first day of the contract.
    pub start: NaiveDate,
    /// The end of the current term, inclusive; `None` = open-ended.
    pub end: Option<NaiveDate>,
    /// The annual value at the contract's original prices, in cents.
    pub annual_value_cents: i64,
    pub price_changes: Vec<PriceChange>,
}

/// An indexation or other price change: from `effective_from` on, prices change by `basis_points`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceChange {
    pub effective_from: NaiveDate,
    /// 250 = +2,50 %; may be negative.
    pub basis_points: i32,
}

/// A cost line as the forecast needs it: which contract, which period it covers, how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostPeriod {
    pub contract: i64,
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
    pub amount_cents: i64,
}

/// One contract's forecast for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractForecast {
    pub contract: i64,
    /// The contract's cost lines accrued into this year.
    pub actual_cents: i64,
    /// The monthly value for every month of the term that no cost line covers.
    pub expected_cents: i64,
    /// Those months (1-12).
    pub uncovered_months: Vec<u32>,
    /// `actual + expected`.
    pub forecast_cents: i64,
}

/// Year-end forecast for `year`: actual = the contract's cost lines accrued into this year
/// ([`spread_over_months`]); expected = for each month of the year that lies (partly) within the
/// contract's term and that no cost line of that contract touches, the monthly value
/// ([`monthly_value_cents`]). Cost lines of contracts not in `terms` still count as actual (a forecast
/// with no expected part), listed after the contracts of `terms` in order of contract id, for every such
/// contract with a line touching the year. Sums saturate at the limits of `i64`.
pub fn forecast_year(year: i32, terms: &[ContractCostTerms], lines: &[CostPeriod]) -> Vec<ContractForecast> {
    let mut by_contract: HashMap<i64, Vec<&CostPeriod>> = HashMap::new();
    for l in lines {
        by_contract.entry(l.contract).or_default().push(l);
    }
    let months: Vec<(u32, NaiveDate, NaiveDate)> = (1..=12)
        .filter_map(|m| NaiveDate::from_ymd_opt(year, m, 1).map(|first| (m, first, month_end(first))))
        .collect();
    let touches =
        |l: &CostPeriod, first: NaiveDate, last: NaiveDate| l.start.min(l.end) <= last && l.start.max(l.end) >= first;
    let actual = |own: &[&CostPeriod]| {
        own.iter()
            .flat_map(|l| spread_over_months(l.amount_cents, l.start, l.end))
            .filter(|(y, _, _)| *y == year)
            .fold(0i64, |sum, (_, _, cents)| sum.saturating_add(cents))
    };
    let mut out = Vec::with_capacity(terms.len());
    for t in terms {
        let own = by_contract.get(&t.contract).map(Vec::as_slice).unwrap_or_default();
        let actual_cents = actual(own);
        let (mut expected_cents, mut uncovered_months) = (0i64, Vec::new());
        for &(m, first, last) in &months {
            let in_term = t.start <= last && t.end.is_none_or(|end| end >= first);
            if in_term && !own.iter().any(|l| touches(l, first, last)) {
                uncovered_months.push(m);
                expected_cents = expected_cents.saturating_add(monthly_value_cents(t, year, m));
            }
        }
        out.push(ContractForecast {
            contract: t.contract,
            actual_cents,
            expected_cents,
            uncovered_months,
            forecast_cents: actual_cents.saturating_add(expected_cents),
        });
    }
    let (Some(jan), Some(dec)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return out;
    };
    let others: BTreeMap<i64, &Vec<&CostPeriod>> = by_contract
        .iter()
        .filter(|(c, own)| !terms.iter().any(|t| t.contract == **c) && own.iter().any(|l| touches(l, jan, dec)))
        .map(|(c, own)| (*c, own))
        .collect();
    for (contract, own) in others {
        let actual_cents = actual(own);
        out.push(ContractForecast {
            contract,
            actual_cents,
            expected_cents: 0,
            uncovered_months: Vec::new(),
            forecast_cents: actual_cents,
        });
    }
    out
}

/// The monthly value of one contract for one month: `annual_value / 12` multiplied by `(1 + bp/10000)`
/// for every price change effective on or before the first day of that month (compounded), computed
/// exactly and rounded half away from zero to cents once, at the end. 0 for a month that does not exist;
/// saturates at the limits of `i64`.
pub fn monthly_value_cents(terms: &ContractCostTerms, year: i32, month: u32) -> i64 {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else { return 0 };
    let factors: Vec<i64> = terms
        .price_changes
        .iter()
        .filter(|c| c.effective_from <= first)
        .map(|c| 10_000 + i64::from(c.basis_points))
        .collect();
    let negative = (terms.annual_value_cents < 0) ^ !factors.iter().filter(|f| **f < 0).count().is_multiple_of(2);
    // |annual| * product |factor| / (12 * 10000^k), as a big number: doubled, floored, then (q + 1) / 2
    // rounds half up on the magnitude, which is half away from zero once the sign is put back.
    let mut n = Big::from_u128(u128::from(terms.annual_value_cents.unsigned_abs()));
    for f in &factors {
        n.mul_small(f.unsigned_abs());
    }
    n.mul_small(2);
    n.div_small(12);
    for _ in &factors {
        n.div_small(10_000);
    }
    n.add_one();
    n.div_small(2);
    let magnitude = n.to_u128().and_then(|m| u64::try_from(m).ok()).map(i128::from).unwrap_or(i128::MAX);
    let signed = if negative { -magnitude } else { magnitude };
    i64::try_from(signed).unwrap_or(if negative { i64::MIN } else { i64::MAX })
}

/// A price change typed in a form: "2,5", "-1.25", "3" (percent, up to two decimals) -> basis points
/// (250, -125, 300); at most [`MAX_INDEXATION_PCT`] % either way.
pub fn parse_indexation_bp(field: &str, s: &str) -> Result<i32, Invalid> {
    let h = hundredths(s).map_err(|p| Invalid::one(field, p))?;
    let max = MAX_INDEXATION_PCT * 100;
    if !(-max..=max).contains(&h) {
        return Err(Invalid::one(field, Problem::OutOfRange { min: -MAX_INDEXATION_PCT, max: MAX_INDEXATION_PCT }));
    }
    i32::try_from(h).map_err(|_| Invalid::one(field, Problem::NotANumber))
}

#[cfg(test)]
#[path = "forecast_tests.rs"]
mod tests;
