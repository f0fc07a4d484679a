//! Parsing helpers for form input: trimmed, bounded text, numbers, dates and amounts.

use crate::error::{Invalid, Problem};
use chrono::{Datelike, NaiveDate};

/// The earliest and latest year a date field accepts: wide enough for any contract, narrow enough that
/// a typo such as year 20260 or a negative year is caught at the field instead of stored.
pub const YEAR_MIN: i32 = 1900;
pub const YEAR_MAX: i32 = 2199;

/// Trims `value`; refuses it when empty (if required), longer than `max` characters, holding a
/// control character (NUL, escape, a line break in a one-line field) or a bidirectional override
/// (which makes text read differently from what is stored), or made only of invisible characters.
/// Line breaks and tabs are allowed in long texts, see [`multiline_text`].
pub fn text(field: &str, value: &str, max: u32, required: bool) -> Result<String, Invalid> {
    checked(field, value, max, required, false)
}

/// Like [`text`] for a long text (notes, descriptions): line breaks and tabs are allowed.
pub fn multiline_text(field: &str, value: &str, max: u32, required: bool) -> Result<String, Invalid> {
    checked(field, value, max, required, true)
}

fn checked(field: &str, value: &str, max: u32, required: bool, multiline: bool) -> Result<String, Invalid> {
    let v = value.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
    if v.chars().any(|c| is_forbidden(c, multiline)) {
        return Err(Invalid::one(field, Problem::ForbiddenCharacter));
    }
    if required && v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    if v.chars().count() > max as usize {
        return Err(Invalid::one(field, Problem::TooLong { max }));
    }
    Ok(v.to_string())
}

/// Characters no form field may hold: C0 and C1 controls (line breaks and tabs only in long texts)
/// and the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
fn is_forbidden(c: char, multiline: bool) -> bool {
    match c {
        '\n' | '\r' | '\t' => !multiline,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        _ => c.is_control(),
    }
}

/// Characters that show nothing: a value made only of these (after trimming) counts as empty, and they
/// are trimmed from both ends. Zero-width spaces and joiners, the word joiner, the byte order mark,
/// the soft hyphen, the Mongolian vowel separator, Hangul fillers and the braille blank.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// Like [`text`] for an optional field: empty becomes `None`.
pub fn optional_text(field: &str, value: &str, max: u32) -> Result<Option<String>, Invalid> {
    let v = text(field, value, max, false)?;
    Ok(if v.is_empty() { None } else { Some(v) })
}

/// Like [`multiline_text`] for an optional field: empty becomes `None`.
pub fn optional_multiline_text(field: &str, value: &str, max: u32) -> Result<Option<String>, Invalid> {
    let v = multiline_text(field, value, max, false)?;
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

/// A date as `YYYY-MM-DD` (what `<input type=date>` sends) or `DD-MM-YYYY` (what people type), with a
/// year from [`YEAR_MIN`] to [`YEAR_MAX`].
pub fn date(field: &str, value: &str) -> Result<NaiveDate, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d-%m-%Y"))
        .map_err(|_| Invalid::one(field, Problem::NotADate))?;
    if !(YEAR_MIN..=YEAR_MAX).contains(&d.year()) {
        return Err(Invalid::one(field, Problem::YearOutOfRange { min: YEAR_MIN, max: YEAR_MAX }));
    }
    Ok(d)
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

    #[test]
    fn dates_outside_the_plausible_years_are_refused_at_the_field() {
        let out = Some(Problem::YearOutOfRange { min: YEAR_MIN, max: YEAR_MAX });
        assert_eq!(date("d", "-0001-01-01").unwrap_err().for_field("d"), out);
        assert_eq!(date("d", "+10000-01-01").unwrap_err().for_field("d"), out);
        assert!(date("d", "10000-01-01").is_err());
        assert!(date("d", "01-01-10000").is_err());
        assert_eq!(date("d", "1899-12-31").unwrap_err().for_field("d"), out);
        assert!(date("d", "1900-01-01").is_ok());
        assert!(date("d", "2199-12-31").is_ok());
    }

    #[test]
    fn names_of_only_invisible_characters_count_as_empty() {
        for v in ["\u{200B}", "\u{200B}\u{FEFF}\u{2060}", " \u{00AD} ", "\u{3164}"] {
            assert_eq!(text("n", v, 50, true).unwrap_err().for_field("n"), Some(Problem::Required), "{v:?}");
        }
        assert_eq!(text("n", "\u{200B}Acme\u{200B}", 50, true), Ok("Acme".into()));
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_refused_at_the_field() {
        for v in ["Ac\0me", "Acme\u{202E}gpj.exe", "A\u{2066}b", "A\u{1B}[31m", "A\nB", "A\u{85}B"] {
            assert_eq!(text("n", v, 50, true).unwrap_err().for_field("n"), Some(Problem::ForbiddenCharacter), "{v:?}");
        }
        assert_eq!(multiline_text("n", "regel 1\nregel 2\tx", 50, true), Ok("regel 1\nregel 2\tx".into()));
        assert!(multiline_text("n", "a\0b", 50, true).is_err());
        assert!(multiline_text("n", "a\u{202E}b", 50, true).is_err());
    }
}
