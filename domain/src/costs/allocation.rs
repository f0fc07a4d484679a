//! Cost keys (verdeelsleutels): dividing a cost over organisations by fixed shares, by inhabitants or by
//! employees, in whole cents that always add up to exactly the cost.

use super::percent::{format_bp, hundredths};
use crate::error::{FieldError, Invalid, Problem};
use crate::vendor::choice_enum;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The field of a cost key's shares in forms and errors.
pub const SHARES_FIELD: &str = "aandelen";

choice_enum!(
    /// What a cost key divides by: fixed shares (percentages adding up to 100 %), the number of inhabitants
    /// or the number of employees of each organisation.
    AllocationBasis { Fixed => "vast", Inhabitants => "inwoners", Employees => "medewerkers" }
);

/// Why a cost cannot be divided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AllocationError {
    /// The key has no organisations.
    NoWeights,
    /// Every weight is 0.
    AllZero,
}

impl AllocationError {
    /// The sentence in Dutch.
    pub fn message_nl(self) -> &'static str {
        match self {
            AllocationError::NoWeights => "De verdeelsleutel heeft geen organisaties; voeg er ten minste één toe.",
            AllocationError::AllZero => "Alle gewichten van de verdeelsleutel zijn 0; vul ten minste één aantal in.",
        }
    }

    /// The sentence in English.
    pub fn message_en(self) -> &'static str {
        match self {
            AllocationError::NoWeights => "The cost key has no organisations; add at least one.",
            AllocationError::AllZero => "Every weight of the cost key is 0; enter at least one number.",
        }
    }
}

/// Largest-remainder (Hamilton) split of `total_cents` by `weights`: the parts always add up to exactly the
/// total; negative totals (credit notes) split symmetrically; ties go to the earlier index. Err when all
/// weights are 0 / empty.
pub fn allocate(total_cents: i64, weights: &[u64]) -> Result<Vec<i64>, AllocationError> {
    if weights.is_empty() {
        return Err(AllocationError::NoWeights);
    }
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        return Err(AllocationError::AllZero);
    }
    let total = u128::from(total_cents.unsigned_abs());
    // |total| * w <= 2^63 * 2^64 fits in u128.
    let mut parts: Vec<u128> = weights.iter().map(|w| total * u128::from(*w) / sum).collect();
    let remainders: Vec<u128> = weights.iter().map(|w| total * u128::from(*w) % sum).collect();
    let given: u128 = parts.iter().sum();
    let left = usize::try_from(total - given).unwrap_or(usize::MAX);
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| remainders[*b].cmp(&remainders[*a]).then(a.cmp(b)));
    for i in order.into_iter().take(left) {
        parts[i] += 1;
    }
    let negative = total_cents < 0;
    Ok(parts
        .into_iter()
        .map(|p| {
            let p = i128::try_from(p).unwrap_or(i128::MAX);
            let signed = if negative { -p } else { p };
            i64::try_from(signed).unwrap_or(if negative { i64::MIN } else { i64::MAX })
        })
        .collect())
}

/// A share typed in a form for a fixed key: a percentage with up to 2 decimals ("33,33", "25", "12.5")
/// -> basis points (3333, 2500, 1250). Above 0 and at most 100 %.
pub fn parse_percentage_bp(field: &str, s: &str) -> Result<u32, Invalid> {
    let h = hundredths(s).map_err(|p| Invalid::one(field, p))?;
    if h < 0 {
        return Err(Invalid::one(field, Problem::Negative));
    }
    if h == 0 || h > 10_000 {
        return Err(Invalid::one(field, Problem::PercentOutOfRange));
    }
    u32::try_from(h).map_err(|_| Invalid::one(field, Problem::PercentOutOfRange))
}

/// Checks a key's weights: for Fixed, basis points must sum to exactly 10_000 (else
/// [`Problem::SharesNotHundred`] with the actual sum in [`FieldError::detail`] as e.g. "99,99 %"); for
/// counts (inhabitants, employees) each may be 0 but their sum must be above 0
/// ([`Problem::WeightsAllZero`]); at least one organisation ([`Problem::Required`]); no organisation twice
/// ([`Problem::Duplicate`]). Every problem is reported, at the field [`SHARES_FIELD`] ("aandelen").
pub fn check_weights(basis: AllocationBasis, weights: &[(i64 /* organisation id */, u64)]) -> Result<(), Invalid> {
    if weights.is_empty() {
        return Err(Invalid::one(SHARES_FIELD, Problem::Required));
    }
    let mut inv = Invalid::default();
    let mut seen = HashSet::new();
    if !weights.iter().all(|(org, _)| seen.insert(*org)) {
        inv.push(SHARES_FIELD, Problem::Duplicate);
    }
    let sum: u128 = weights.iter().map(|(_, w)| u128::from(*w)).sum();
    match basis {
        AllocationBasis::Fixed if sum != 10_000 => inv.0.push(FieldError {
            field: SHARES_FIELD.into(),
            problem: Problem::SharesNotHundred,
            detail: Some(format_bp(i128::try_from(sum).unwrap_or(i128::MAX))),
        }),
        AllocationBasis::Inhabitants | AllocationBasis::Employees if sum == 0 => {
            inv.push(SHARES_FIELD, Problem::WeightsAllZero)
        }
        _ => {}
    }
    inv.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_hundred_cents_over_three_equal_weights_gives_the_extra_cent_to_the_first() {
        // 100 / 3 = 33 rest 1 each; the one cent left goes to the earliest of the tied remainders.
        assert_eq!(allocate(100, &[1, 1, 1]), Ok(vec![34, 33, 33]));
        assert_eq!(allocate(200, &[1, 1, 1]), Ok(vec![67, 67, 66]));
    }

    #[test]
    fn the_largest_remainder_gets_the_cent_first() {
        // 1000 by 1:2:4 (sum 7): 142,857 / 285,714 / 571,428 -> floors 142 + 285 + 571 = 998, remainders
        // 6/7, 5/7, 3/7: the two cents left go to the first and the second.
        assert_eq!(allocate(1000, &[1, 2, 4]), Ok(vec![143, 286, 571]));
    }

    #[test]
    fn a_negative_total_splits_symmetrically() {
        assert_eq!(allocate(-100, &[1, 1, 1]), Ok(vec![-34, -33, -33]));
        assert_eq!(allocate(-1000, &[1, 2, 4]), Ok(vec![-143, -286, -571]));
        assert_eq!(allocate(i64::MIN, &[1]), Ok(vec![i64::MIN]));
    }

    #[test]
    fn zero_weights_are_allowed_but_not_all_of_them() {
        assert_eq!(allocate(100, &[0, 3, 1]), Ok(vec![0, 75, 25]));
        assert_eq!(allocate(100, &[0, 0]), Err(AllocationError::AllZero));
        assert_eq!(allocate(100, &[]), Err(AllocationError::NoWeights));
        assert!(AllocationError::AllZero.message_nl().contains("0"));
        assert!(!AllocationError::NoWeights.message_en().is_empty());
    }

    #[test]
    fn percentages_read_into_basis_points() {
        assert_eq!(parse_percentage_bp("a", "33,33"), Ok(3333));
        assert_eq!(parse_percentage_bp("a", "25"), Ok(2500));
        assert_eq!(parse_percentage_bp("a", "12.5"), Ok(1250));
        assert_eq!(parse_percentage_bp("a", "100"), Ok(10_000));
        let problem = |s: &str| parse_percentage_bp("a", s).err().and_then(|e| e.for_field("a"));
        assert_eq!(problem("0"), Some(Problem::PercentOutOfRange));
        assert_eq!(problem("100,01"), Some(Problem::PercentOutOfRange));
        assert_eq!(problem("-5"), Some(Problem::Negative));
        assert_eq!(problem("33,333"), Some(Problem::TooManyDecimals));
        assert_eq!(problem("veel"), Some(Problem::NotANumber));
        assert_eq!(problem(""), Some(Problem::Required));
    }

    #[test]
    fn fixed_shares_must_add_up_to_exactly_a_hundred_percent() {
        assert_eq!(check_weights(AllocationBasis::Fixed, &[(1, 3333), (2, 3333), (3, 3334)]), Ok(()));
        let e = check_weights(AllocationBasis::Fixed, &[(1, 3333), (2, 3333), (3, 3333)]).unwrap_err();
        assert_eq!(e.for_field("aandelen"), Some(Problem::SharesNotHundred));
        assert_eq!(e.detail_for("aandelen"), Some("99,99 %"));
        let e = check_weights(AllocationBasis::Fixed, &[(1, 6000), (2, 6000)]).unwrap_err();
        assert_eq!(e.detail_for("aandelen"), Some("120,00 %"));
    }

    #[test]
    fn counts_may_be_zero_but_not_all() {
        assert_eq!(check_weights(AllocationBasis::Inhabitants, &[(1, 0), (2, 12_000)]), Ok(()));
        let e = check_weights(AllocationBasis::Employees, &[(1, 0), (2, 0)]).unwrap_err();
        assert_eq!(e.for_field("aandelen"), Some(Problem::WeightsAllZero));
    }

    #[test]
    fn a_key_needs_organisations_each_once() {
        let e = check_weights(AllocationBasis::Inhabitants, &[]).unwrap_err();
        assert_eq!(e.for_field("aandelen"), Some(Problem::Required));
        let e = check_weights(AllocationBasis::Fixed, &[(1, 5000), (1, 4000)]).unwrap_err();
        let problems: Vec<Problem> = e.0.iter().map(|f| f.problem).collect();
        assert_eq!(problems, vec![Problem::Duplicate, Problem::SharesNotHundred]);
    }

    proptest! {
        #[test]
        fn the_parts_always_add_up_to_the_total(
            total in -1_000_000_000_000i64..=1_000_000_000_000,
            weights in proptest::collection::vec(0u64..=u64::MAX, 1..20),
        ) {
            prop_assume!(weights.iter().any(|w| *w > 0));
            let parts = allocate(total, &weights).unwrap_or_default();
            prop_assert_eq!(parts.len(), weights.len());
            prop_assert_eq!(parts.iter().sum::<i64>(), total);
            let mirrored: Vec<i64> = parts.iter().map(|p| -p).collect();
            prop_assert_eq!(allocate(-total, &weights).unwrap_or_default(), mirrored);
            for (p, w) in parts.iter().zip(&weights) {
                prop_assert!(*w > 0 || *p == 0);
                prop_assert!(p.signum() * total.signum() >= 0);
            }
        }

        #[test]
        fn small_weights_split_close_to_proportionally(
            total in -1_000_000i64..=1_000_000,
            weights in proptest::collection::vec(0u64..1000, 1..20),
        ) {
            prop_assume!(weights.iter().any(|w| *w > 0));
            let sum: u64 = weights.iter().sum();
            let parts = allocate(total, &weights).unwrap_or_default();
            for (p, w) in parts.iter().zip(&weights) {
                let exact = total as f64 * *w as f64 / sum as f64;
                prop_assert!((*p as f64 - exact).abs() < 1.0, "{p} vs {exact}");
            }
        }
    }
}
