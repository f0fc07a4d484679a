//! Parsing helpers for form input: trimmed, bounded text, numbers, dates and amounts.

use crate::error::{Invalid, Problem};
use chrono::NaiveDate;

/// Trims `value`; refuses it when empty (if required) or longer than `max` characters.
pub fn text(field: &str, value: &str, max: u32, required: bool) -> Result<String, Invalid> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    if v.chars().count() > max as usize {
        return Err(Invalid::one(field, Problem::TooLong { max }));
    }
    Ok(v.to_string())
}

/// Like [`text`] for an optional field: empty becomes `None`.
pub fn optional_text(field: &str, value: &str, max: u32) -> Result<Option<String>, Invalid> {
    let v = text(field, value, max, false)?;
    Ok(if v.is_empty() { None } else { Some(v) })
}

/// A whole number in `[min, max]`.
pub fn number(field: &str, value: &str, min: i64, max: i64) -> Result<i64, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    let n: i64 = v.parse().map_err(|_| Invalid::one(field, Problem::NotANumber))?;
    if n < 0 && min >= 0 {
        return Err(Invalid::one(field, Problem::Negative));
    }
    if n < min || n > max {
        return Err(Invalid::one(field, Problem::OutOfRange { min, max }));
    }
    Ok(n)
}

/// A date as `YYYY-MM-DD` (what `<input type=date>` sends) or `DD-MM-YYYY` (what people type).
pub fn date(field: &str, value: &str) -> Result<NaiveDate, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d-%m-%Y"))
        .map_err(|_| Invalid::one(field, Problem::NotADate))
}

/// An amount in euros as typed by a Dutch or English user ("12.500,00", "12500.5", "€ 1.000")
/// turned into integer cents. Refuses negative amounts and more than two decimals.
pub fn euro_cents(field: &str, value: &str) -> Result<i64, Invalid> {
    let mut v: String = value.trim().trim_start_matches('€').trim().replace(' ', "");
    if v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    if v.starts_with('-') {
        return Err(Invalid::one(field, Problem::Negative));
    }
    // The last separator followed by one or two digits is the decimal separator; others group thousands.
    let dec_pos = v.rfind([',', '.']).filter(|&p| {
        let tail = v.len() - p - 1;
        tail == 1 || tail == 2
    });
    let (int_part, frac_part) = match dec_pos {
        Some(p) => {
            let frac = v.split_off(p + 1);
            v.pop();
            (v, frac)
        }
        None => (v, String::new()),
    };
    let int_digits: String = int_part.chars().filter(|c| *c != '.' && *c != ',').collect();
    let bad = |s: &str| s.is_empty() || !s.chars().all(|c| c.is_ascii_digit());
    if bad(&int_digits) || (!frac_part.is_empty() && bad(&frac_part)) || int_digits.len() > 13 {
        return Err(Invalid::one(field, Problem::NotANumber));
    }
    let euros: i64 = int_digits.parse().map_err(|_| Invalid::one(field, Problem::NotANumber))?;
    let cents: i64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<i64>().unwrap_or(0) * 10,
        _ => frac_part.parse::<i64>().unwrap_or(0),
    };
    Ok(euros * 100 + cents)
}

/// Formats cents as Dutch euros: `€ 12.500,00`.
pub fn format_euro(cents: i64) -> String {
    let neg = cents < 0;
    let c = cents.unsigned_abs();
    let euros = (c / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("{}€ {},{:02}", if neg { "-" } else { "" }, grouped, c % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_amounts_in_dutch_and_english_notation_parse_to_cents() {
        assert_eq!(euro_cents("a", "12.500,00"), Ok(1_250_000));
        assert_eq!(euro_cents("a", "12500.5"), Ok(1_250_050));
        assert_eq!(euro_cents("a", "€ 1.000"), Ok(100_000));
        assert_eq!(euro_cents("a", "1,000,000"), Ok(100_000_000));
        assert_eq!(euro_cents("a", "0"), Ok(0));
    }

    #[test]
    fn negative_or_garbled_amounts_are_refused_at_their_field() {
        assert_eq!(euro_cents("waarde", "-5").unwrap_err().for_field("waarde"), Some(Problem::Negative));
        assert_eq!(euro_cents("waarde", "12a").unwrap_err().for_field("waarde"), Some(Problem::NotANumber));
        assert_eq!(euro_cents("waarde", "").unwrap_err().for_field("waarde"), Some(Problem::Required));
    }

    #[test]
    fn cents_format_as_dutch_euros() {
        assert_eq!(format_euro(1_250_000), "€ 12.500,00");
        assert_eq!(format_euro(5), "€ 0,05");
        assert_eq!(format_euro(123_456_789), "€ 1.234.567,89");
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text("n", "  a  ", 5, true), Ok("a".into()));
        assert_eq!(text("n", "abcdef", 5, true).unwrap_err().for_field("n"), Some(Problem::TooLong { max: 5 }));
        assert_eq!(text("n", "   ", 5, true).unwrap_err().for_field("n"), Some(Problem::Required));
    }

    #[test]
    fn dates_parse_in_iso_and_dutch_order() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1);
        assert_eq!(date("d", "2026-03-01").ok(), d);
        assert_eq!(date("d", "01-03-2026").ok(), d);
        assert_eq!(date("d", "2026-02-30").unwrap_err().for_field("d"), Some(Problem::NotADate));
    }
}
