//! Amounts in euros as Dutch finance systems export them (`1.234,56`, `1234.56`, `€ -12,50`), read into
//! integer cents. A form of writing that could mean two things (`1.234`) is refused, never guessed.

use crate::error::Problem;
use serde::{Deserialize, Serialize};

/// The most digits an amount may have before its decimal separator (just under ten trillion euros).
pub const MAX_INTEGER_DIGITS: usize = 13;

/// Why a text is not an amount. Each carries the value as written (trimmed), so that the sentence can
/// quote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountError {
    /// Nothing was filled in.
    Empty,
    /// Not a number at all: letters, spaces between digits, two minus signs.
    NotANumber { value: String },
    /// One separator followed by exactly three digits (`1.234`, `12,345`): thousands or decimals?
    Ambiguous { value: String },
    /// More than two digits after the decimal separator (`12,3456`).
    TooManyDecimals { value: String },
    /// Two decimal separators, or thousands groups that are not groups of three (`1.234.56`, `12.34,56`).
    BadSeparators { value: String },
    /// More than [`MAX_INTEGER_DIGITS`] digits before the decimal separator.
    TooLarge { value: String },
}

impl AmountError {
    /// The sentence in Dutch, quoting the value and saying how to write it.
    pub fn message_nl(&self) -> String {
        match self {
            AmountError::Empty => "Het bedrag is leeg; vul een bedrag in, zoals 1234,56.".into(),
            AmountError::NotANumber { value } => {
                format!("Bedrag '{value}' is geen getal; schrijf bijvoorbeeld 1234,56 of -12,50 (zonder spaties).")
            }
            AmountError::Ambiguous { value } => format!(
                "Bedrag '{value}' is dubbelzinnig: drie cijfers na één scheidingsteken kunnen een duizendtal of \
                 decimalen zijn; schrijf 1234,00 of 1.234,00 (met de decimalen erbij), of 1234.00."
            ),
            AmountError::TooManyDecimals { value } => {
                format!("Bedrag '{value}' heeft meer dan twee cijfers na de komma; rond af op centen, zoals 12,35.")
            }
            AmountError::BadSeparators { value } => format!(
                "Bedrag '{value}' heeft twee decimaaltekens of een verkeerde groepering (groepen van drie cijfers); \
                 schrijf 1.234.567,89, 1,234,567.89 of 1234567,89."
            ),
            AmountError::TooLarge { value } => {
                format!("Bedrag '{value}' is te groot: ten hoogste {MAX_INTEGER_DIGITS} cijfers vóór de komma.")
            }
        }
    }

    /// The sentence in English, quoting the value and saying how to write it.
    pub fn message_en(&self) -> String {
        match self {
            AmountError::Empty => "The amount is empty; enter an amount such as 1234.56.".into(),
            AmountError::NotANumber { value } => {
                format!("Amount '{value}' is not a number; write for example 1234.56 or -12.50 (without spaces).")
            }
            AmountError::Ambiguous { value } => format!(
                "Amount '{value}' is ambiguous: three digits after a single separator could be thousands or \
                 decimals; write 1234.00 or 1,234.00 (with the decimals), or 1.234,00."
            ),
            AmountError::TooManyDecimals { value } => {
                format!("Amount '{value}' has more than two decimals; round to cents, such as 12.35.")
            }
            AmountError::BadSeparators { value } => format!(
                "Amount '{value}' has two decimal separators or wrong grouping (groups of three digits); \
                 write 1.234.567,89, 1,234,567.89 or 1234567.89."
            ),
            AmountError::TooLarge { value } => {
                format!(
                    "Amount '{value}' is too large: at most {MAX_INTEGER_DIGITS} digits before the decimal separator."
                )
            }
        }
    }

    /// The form problem for this error, for a field that takes an amount.
    pub fn problem(&self) -> Problem {
        match self {
            AmountError::Empty => Problem::Required,
            AmountError::NotANumber { .. } => Problem::NotANumber,
            AmountError::Ambiguous { .. } => Problem::AmbiguousAmount,
            AmountError::TooManyDecimals { .. } => Problem::TooManyDecimals,
            AmountError::BadSeparators { .. } => Problem::TwoDecimalSeparators,
            AmountError::TooLarge { .. } => Problem::AmountTooLarge,
        }
    }
}

/// Reads euros into integer cents. Accepts surrounding spaces, an optional `€` (with spaces after it) and
/// one optional `-` before or after the `€`; then digits with at most one decimal separator (`,` or `.`,
/// one or two decimals) and optional thousands separators (the other character, first group 1-3 digits,
/// then groups of exactly 3): `1234`, `1234,5`, `1.234,56`, `1,234.56`, `1.234.567`. The sign is returned
/// as written: the caller decides whether a negative amount is allowed.
pub fn parse_amount(s: &str) -> Result<i64, AmountError> {
    let value = s.trim();
    if value.is_empty() {
        return Err(AmountError::Empty);
    }
    let not_a_number = || AmountError::NotANumber { value: value.to_string() };
    let mut rest = value;
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r;
    }
    if let Some(r) = rest.strip_prefix('€') {
        rest = r.trim_start();
        if !negative {
            if let Some(r) = rest.strip_prefix('-') {
                negative = true;
                rest = r;
            }
        }
    }
    if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(not_a_number());
    }
    // Digit groups and the separators between them; a separator at either end or two in a row is no number.
    let groups: Vec<&str> = rest.split(['.', ',']).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return Err(not_a_number());
    }
    let seps: Vec<char> = rest.chars().filter(|c| *c == '.' || *c == ',').collect();
    let (int_groups, frac): (&[&str], &str) = match seps.as_slice() {
        [] => (&groups[..], ""),
        [_] => {
            let [int, frac] = groups[..] else { return Err(not_a_number()) };
            match frac.len() {
                1 | 2 => (&groups[..1], frac),
                3 if int.len() <= 3 && !int.starts_with('0') => {
                    return Err(AmountError::Ambiguous { value: value.to_string() })
                }
                _ => return Err(AmountError::TooManyDecimals { value: value.to_string() }),
            }
        }
        _ => {
            let last = seps[seps.len() - 1];
            if seps.iter().all(|c| *c == last) {
                (&groups[..], "")
            } else {
                // The last separator is the decimal one; every earlier one must be the other character.
                if seps[..seps.len() - 1].contains(&last) {
                    return Err(AmountError::BadSeparators { value: value.to_string() });
                }
                let frac = groups[groups.len() - 1];
                if frac.len() > 2 {
                    return Err(AmountError::TooManyDecimals { value: value.to_string() });
                }
                (&groups[..groups.len() - 1], frac)
            }
        }
    };
    if int_groups.len() > 1 {
        let first = int_groups[0];
        let grouped =
            (1..=3).contains(&first.len()) && !(first.starts_with('0')) && int_groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return Err(AmountError::BadSeparators { value: value.to_string() });
        }
    }
    let digits: String = int_groups.concat();
    if digits.len() > MAX_INTEGER_DIGITS {
        return Err(AmountError::TooLarge { value: value.to_string() });
    }
    let euros: i64 = digits.parse().map_err(|_| not_a_number())?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| not_a_number())? * 10,
        _ => frac.parse::<i64>().map_err(|_| not_a_number())?,
    };
    let total = euros * 100 + cents;
    Ok(if negative { -total } else { total })
}

#[cfg(test)]
#[path = "amount_tests.rs"]
mod tests;
