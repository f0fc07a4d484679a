//! Measurement periods: calendar months (or quarters) in Europe/Amsterdam time, from local midnight on
//! the first day to local midnight on the first day of the next period. October therefore has 745 hours
//! and March 743.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use serde::{Deserialize, Serialize};

/// A measurement period as local dates: `[first, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub first: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The calendar month `year-month`; `None` for a month that does not exist.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = first.checked_add_months(chrono::Months::new(1))?;
        Some(Period { first, end })
    }

    /// The quarter (1-4) of `year`.
    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let first = NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1)?;
        let end = first.checked_add_months(chrono::Months::new(3))?;
        Some(Period { first, end })
    }

    /// Parses `YYYY-MM` (a month with a four-digit year).
    pub fn parse_month(text: &str) -> Option<Period> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        Period::month(y.parse().ok()?, m.parse().ok()?)
    }

    /// The month that holds `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::month(date.year(), date.month()).unwrap_or(Period { first: date, end: date })
    }

    /// `YYYY-MM` for a month, `YYYY-MM-DD/YYYY-MM-DD` otherwise.
    pub fn label(&self) -> String {
        if Period::month(self.first.year(), self.first.month()) == Some(*self) {
            format!("{:04}-{:02}", self.first.year(), self.first.month())
        } else {
            format!("{}/{}", self.first, self.end)
        }
    }

    /// The period as UTC instants `[start, end)`.
    pub fn utc_bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (local_midnight(self.first), local_midnight(self.end))
    }
}

/// The Europe/Amsterdam wall-clock time of an instant.
pub fn to_local(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Amsterdam).naive_local()
}

/// The UTC instant of local midnight at the start of `date` in Europe/Amsterdam.
pub fn local_midnight(date: NaiveDate) -> DateTime<Utc> {
    local_to_utc(date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// A local wall-clock time as UTC: the earlier instant when the clock shows it twice, and the first
/// instant after the gap when it does not exist (the clocks jumped over it).
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match Amsterdam.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            // Spring forward: the wall clock skips an hour; the first existing minute after it.
            let mut probe = local;
            for _ in 0..240 {
                probe += chrono::TimeDelta::minutes(1);
                if let Some(t) = Amsterdam.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&local)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(p: Period) -> i64 {
        let (s, e) = p.utc_bounds();
        (e - s).num_hours()
    }

    #[test]
    fn months_run_from_local_midnight_so_march_and_october_differ_by_an_hour() {
        assert_eq!(hours(Period::month(2026, 3).unwrap_or(Period::month_of(NaiveDate::MIN))), 743);
        assert_eq!(hours(Period::parse_month("2026-10").unwrap_or(Period::month_of(NaiveDate::MIN))), 745);
        assert_eq!(hours(Period::parse_month("2026-06").unwrap_or(Period::month_of(NaiveDate::MIN))), 720);
        let (s, _) = Period::parse_month("2026-10").map(|p| p.utc_bounds()).unwrap_or_default();
        assert_eq!(s.to_rfc3339(), "2026-09-30T22:00:00+00:00");
    }

    #[test]
    fn only_four_digit_years_and_real_months_parse() {
        for bad in ["2026-13", "2026-00", "26-10", "2026-1", "2026/10", "2026-10-01", "", "+2026-10"] {
            assert_eq!(Period::parse_month(bad), None, "{bad:?}");
        }
        assert_eq!(Period::parse_month("2026-10").map(|p| p.label()).as_deref(), Some("2026-10"));
        assert_eq!(Period::quarter(2026, 4).map(hours), Some(24 * 92 + 1));
    }
}
