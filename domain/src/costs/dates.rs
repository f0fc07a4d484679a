//! Dates in imported files: `dd-mm-jjjj` (also `d-m-jjjj`) as Dutch finance systems write them, or ISO
//! `jjjj-mm-dd`. Anything else (`2026/01/02`, a two-digit year) is refused with a sentence, never guessed.

use crate::text::{YEAR_MAX, YEAR_MIN};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Why a text is not a date in an imported file. Each carries the value as written (trimmed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateError {
    /// Nothing was filled in.
    Empty,
    /// Not written as `dd-mm-jjjj` or `jjjj-mm-dd`.
    Format { value: String },
    /// Written correctly, but the day does not exist (`31-02-2026`, month 13).
    NoSuchDay { value: String },
    /// A year outside [`YEAR_MIN`]..=[`YEAR_MAX`].
    YearOutOfRange { value: String },
}

impl DateError {
    /// The sentence in Dutch, quoting the value and saying how to write it.
    pub fn message_nl(&self) -> String {
        match self {
            DateError::Empty => "De datum is leeg; vul een datum in als dd-mm-jjjj, zoals 31-01-2026.".into(),
            DateError::Format { value } => {
                format!("Datum '{value}' is niet te lezen; schrijf dd-mm-jjjj (31-01-2026) of jjjj-mm-dd (2026-01-31).")
            }
            DateError::NoSuchDay { value } => format!("Datum '{value}' bestaat niet; controleer dag en maand."),
            DateError::YearOutOfRange { value } => {
                format!("Datum '{value}' heeft een jaar buiten {YEAR_MIN} tot en met {YEAR_MAX}.")
            }
        }
    }

    /// The sentence in English, quoting the value and saying how to write it.
    pub fn message_en(&self) -> String {
        match self {
            DateError::Empty => "The date is empty; enter a date as dd-mm-yyyy, such as 31-01-2026.".into(),
            DateError::Format { value } => {
                format!("Date '{value}' cannot be read; write dd-mm-yyyy (31-01-2026) or yyyy-mm-dd (2026-01-31).")
            }
            DateError::NoSuchDay { value } => format!("Date '{value}' does not exist; check the day and month."),
            DateError::YearOutOfRange { value } => {
                format!("Date '{value}' has a year outside {YEAR_MIN} to {YEAR_MAX}.")
            }
        }
    }
}

/// Reads a date from an imported file: `dd-mm-jjjj`, `d-m-jjjj` or ISO `jjjj-mm-dd` (surrounding spaces
/// allowed), with a year from [`YEAR_MIN`] to [`YEAR_MAX`].
pub fn parse_import_date(s: &str) -> Result<NaiveDate, DateError> {
    let value = s.trim();
    if value.is_empty() {
        return Err(DateError::Empty);
    }
    let format = || DateError::Format { value: value.to_string() };
    let parts: Vec<&str> = value.split('-').collect();
    let [a, b, c] = parts[..] else { return Err(format()) };
    if ![a, b, c].iter().all(|p| !p.is_empty() && p.bytes().all(|x| x.is_ascii_digit())) {
        return Err(format());
    }
    let (year, month, day) = match (a.len(), b.len(), c.len()) {
        (4, 2, 2) => (a, b, c),
        (1 | 2, 1 | 2, 4) => (c, b, a),
        _ => return Err(format()),
    };
    let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i32>(), month.parse::<u32>(), day.parse::<u32>()) else {
        return Err(format());
    };
    let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::NoSuchDay { value: value.into() })?;
    if !(YEAR_MIN..=YEAR_MAX).contains(&date.year()) {
        return Err(DateError::YearOutOfRange { value: value.to_string() });
    }
    Ok(date)
}

/// Reads an ISO date `jjjj-mm-dd` only (as Microsoft's usage reports write them); `None` for an empty value.
pub(crate) fn parse_iso_date(s: &str) -> Result<Option<NaiveDate>, DateError> {
    let v = s.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let iso = v.len() == 10 && v.as_bytes().get(4) == Some(&b'-');
    if !iso {
        return Err(DateError::Format { value: v.to_string() });
    }
    parse_import_date(v).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn dutch_and_iso_forms_read() {
        assert_eq!(parse_import_date("02-01-2026"), Ok(d(2026, 1, 2)));
        assert_eq!(parse_import_date("2-1-2026"), Ok(d(2026, 1, 2)));
        assert_eq!(parse_import_date("2-01-2026"), Ok(d(2026, 1, 2)));
        assert_eq!(parse_import_date("02-1-2026"), Ok(d(2026, 1, 2)));
        assert_eq!(parse_import_date("2026-01-02"), Ok(d(2026, 1, 2)));
        assert_eq!(parse_import_date(" 29-02-2028 "), Ok(d(2028, 2, 29)));
        assert_eq!(parse_import_date("01-01-1900"), Ok(d(1900, 1, 1)));
        assert_eq!(parse_import_date("2199-12-31"), Ok(d(2199, 12, 31)));
    }

    #[test]
    fn other_forms_are_refused_quoting_the_value() {
        for v in [
            "2026/01/02",
            "02-01-26",
            "02.01.2026",
            "2026-1-2",
            "20260102",
            "02-01-2026 10:00",
            "2026-01-02T00:00",
            "-2026-01-02",
            "+2026-01-02",
            "a2-01-2026",
            "002-01-2026",
            "02--2026",
            "١٢-٠١-٢٠٢٦",
        ] {
            let e = parse_import_date(v);
            assert_eq!(e, Err(DateError::Format { value: v.into() }), "{v:?}");
            let e = e.err().unwrap_or(DateError::Empty);
            assert!(e.message_nl().contains(&format!("'{v}'")) && e.message_en().contains(&format!("'{v}'")));
        }
    }

    #[test]
    fn days_that_do_not_exist_are_refused() {
        for v in ["31-02-2026", "29-02-2027", "2026-13-01", "00-01-2026", "2026-04-31"] {
            assert_eq!(parse_import_date(v), Err(DateError::NoSuchDay { value: v.into() }), "{v:?}");
        }
    }

    #[test]
    fn years_outside_the_plausible_range_are_refused() {
        for v in ["31-12-1899", "2200-01-01", "0000-01-01", "01-01-9999"] {
            assert_eq!(parse_import_date(v), Err(DateError::YearOutOfRange { value: v.into() }), "{v:?}");
        }
        assert!(DateError::YearOutOfRange { value: "x".into() }.message_nl().contains("1900"));
    }

    #[test]
    fn empty_is_its_own_refusal() {
        assert_eq!(parse_import_date("  "), Err(DateError::Empty));
        assert!(DateError::Empty.message_nl().contains("leeg"));
        assert!(DateError::Empty.message_en().contains("empty"));
    }

    #[test]
    fn iso_only_dates_for_usage_reports() {
        assert_eq!(parse_iso_date(""), Ok(None));
        assert_eq!(parse_iso_date("2022-10-23"), Ok(Some(d(2022, 10, 23))));
        assert!(parse_iso_date("23-10-2022").is_err());
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics(s in "\\PC{0,20}") {
            let _ = parse_import_date(&s);
            let _ = parse_iso_date(&s);
        }
    }
}
