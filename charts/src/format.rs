//! Number, duration and date formats in Dutch and English, as the charts and their tables print them.
//!
//! Dutch: decimal comma and `.` between thousands (`1.234,5`); English the other way round. A
//! percentage has a space before the sign (`99,80 %`). A value that is not a number prints as `–`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::Lang;

/// What a missing or meaningless value prints as.
pub const MISSING: &str = "–";

/// A whole number with thousands separators: `1.234.567` (Dutch) or `1,234,567` (English).
pub fn integer(lang: Lang, n: u64) -> String {
    group(lang, &n.to_string())
}

/// A number rounded to `decimals` places, with thousands separators and the language's decimal
/// separator: `1.234,50` (Dutch) or `1,234.50` (English). NaN and infinities print as `–`.
pub fn decimal(lang: Lang, value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    // "-0,00" is not a number anyone wants to read.
    let negative = value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::with_capacity(text.len() + 4);
    if negative {
        out.push('-');
    }
    out.push_str(&group(lang, whole));
    if !fraction.is_empty() {
        out.push(lang_decimal_separator(lang));
        out.push_str(fraction);
    }
    out
}

/// A percentage with two decimals: `99,80 %` (Dutch) or `99.80 %` (English); NaN prints as `–`.
pub fn percent(lang: Lang, value: f64) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    format!("{} %", decimal(lang, value, 2))
}

/// [`percent`] of a value that may be missing: `None` prints as `–`.
pub fn percent_or_missing(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(|| MISSING.to_string(), |v| percent(lang, v))
}

/// Milliseconds: `1.234 ms` (Dutch) or `1,234 ms` (English).
pub fn ms(lang: Lang, n: u32) -> String {
    format!("{} ms", integer(lang, u64::from(n)))
}

/// A duration in whole minutes as hours and minutes: `2 u 15 min`, `45 min`, `3 u` (Dutch) or
/// `2 h 15 min` (English). Hours are not folded into days: `50 u 5 min`.
pub fn duration(lang: Lang, minutes: u32) -> String {
    let (hours, rest) = (minutes / 60, minutes % 60);
    let h = lang.pick("u", "h");
    match (hours, rest) {
        (0, m) => format!("{m} min"),
        (h_count, 0) => format!("{} {h}", integer(lang, u64::from(h_count))),
        (h_count, m) => format!("{} {h} {m} min", integer(lang, u64::from(h_count))),
    }
}

/// A day with weekday and year: `di 3 nov 2026` (Dutch) or `Tue 3 Nov 2026` (English).
pub fn day(lang: Lang, date: NaiveDate) -> String {
    let weekday = date.weekday().num_days_from_monday() as usize;
    let name = match lang {
        Lang::Nl => ["ma", "di", "wo", "do", "vr", "za", "zo"][weekday],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday],
    };
    format!("{name} {} {}", day_short(lang, date), date.year())
}

/// A day without weekday and year, for axis labels: `3 nov` (Dutch) or `3 Nov` (English).
pub fn day_short(lang: Lang, date: NaiveDate) -> String {
    format!("{} {}", date.day(), month_short(lang, date.month()))
}

/// A local date and time: `di 3 nov 2026 14:05` (Dutch) or `Tue 3 Nov 2026 14:05` (English).
pub fn date_time(lang: Lang, at: NaiveDateTime) -> String {
    format!("{} {}", day(lang, at.date()), clock(at))
}

/// A local time of day: `14:05`.
pub fn clock(at: NaiveDateTime) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// The short name of a month (1 = January): `mrt` (Dutch) or `Mar` (English). Out of range: `?`.
pub fn month_short(lang: Lang, month: u32) -> &'static str {
    const NL: [&str; 12] = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let names = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    month.checked_sub(1).and_then(|i| names.get(i as usize)).copied().unwrap_or("?")
}

/// A count with its noun in singular or plural, grouped: `1 dag`, `3 dagen`, `1.200 metingen`.
pub fn count(lang: Lang, n: usize, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    format!("{} {noun}", integer(lang, n as u64))
}

/// An amount in cents as euros with cents: `€ 12.500,00` and `-€ 12,50` (Dutch) or `€12,500.00`
/// and `-€12.50` (English). Exact for every `i64`.
pub fn euro(lang: Lang, cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    let whole = group(lang, &(abs / 100).to_string());
    let fraction = abs % 100;
    match lang {
        Lang::Nl => format!("{sign}€ {whole},{fraction:02}"),
        Lang::En => format!("{sign}€{whole}.{fraction:02}"),
    }
}

/// An amount in cents, short, for axis labels: `€ 350`, `€ 12,5k`, `€ 1,2 mln`, `€ 3 mld` (Dutch) or
/// `€350`, `€12.5k`, `€1.2m`, `€3bn` (English); negative `-€ 350k`. Thousands keep at most one decimal,
/// millions and billions at most two; whole euros below a thousand are rounded.
pub fn euro_short(lang: Lang, cents: i64) -> String {
    let euros = cents.unsigned_abs() as f64 / 100.0;
    let (value, decimals, unit) = if euros >= 999_995_000.0 {
        (euros / 1e9, 2, lang.pick(" mld", "bn"))
    } else if euros >= 999_950.0 {
        (euros / 1e6, 2, lang.pick(" mln", "m"))
    } else if euros >= 999.5 {
        (euros / 1e3, 1, "k")
    } else {
        (euros, 0, "")
    };
    let mut number = decimal(lang, value, decimals);
    if decimals > 0 {
        let trimmed = number.trim_end_matches('0').trim_end_matches(lang_decimal_separator(lang)).len();
        number.truncate(trimmed);
    }
    let sign = if cents < 0 && number.bytes().any(|b| b.is_ascii_digit() && b != b'0') { "-" } else { "" };
    let space = lang.pick(" ", "");
    format!("{sign}€{space}{number}{unit}")
}

/// A percentage forced into 0..=100; NaN (not a measurement) becomes `None`.
pub fn clamp_pct(value: f64) -> Option<f64> {
    if value.is_nan() {
        None
    } else {
        Some(value.clamp(0.0, 100.0))
    }
}

fn lang_decimal_separator(lang: Lang) -> char {
    match lang {
        Lang::Nl => ',',
        Lang::En => '.',
    }
}

/// Puts the thousands separator into a string of ASCII digits.
fn group(lang: Lang, digits: &str) -> String {
    let separator = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_group_thousands_per_language() {
        assert_eq!(integer(Lang::Nl, 0), "0");
        assert_eq!(integer(Lang::Nl, 999), "999");
        assert_eq!(integer(Lang::Nl, 1234), "1.234");
        assert_eq!(integer(Lang::Nl, 1_234_567), "1.234.567");
        assert_eq!(integer(Lang::En, 1234), "1,234");
        assert_eq!(integer(Lang::En, 123_456), "123,456");
    }

    #[test]
    fn decimals_use_the_language_separators() {
        assert_eq!(decimal(Lang::Nl, 1234.5, 2), "1.234,50");
        assert_eq!(decimal(Lang::En, 1234.5, 2), "1,234.50");
        assert_eq!(decimal(Lang::Nl, 0.5, 0), "0");
        assert_eq!(decimal(Lang::Nl, -1234.26, 1), "-1.234,3");
        assert_eq!(decimal(Lang::Nl, -0.001, 2), "0,00");
        assert_eq!(decimal(Lang::Nl, f64::NAN, 2), MISSING);
        assert_eq!(decimal(Lang::En, f64::INFINITY, 2), MISSING);
    }

    #[test]
    fn percentages_have_two_decimals_and_a_space() {
        assert_eq!(percent(Lang::Nl, 99.8), "99,80 %");
        assert_eq!(percent(Lang::En, 99.8), "99.80 %");
        assert_eq!(percent(Lang::Nl, 100.0), "100,00 %");
        assert_eq!(percent(Lang::Nl, 99.996), "100,00 %");
        assert_eq!(percent(Lang::Nl, 0.0), "0,00 %");
        assert_eq!(percent(Lang::Nl, f64::NAN), MISSING);
    }

    #[test]
    fn milliseconds_group_thousands() {
        assert_eq!(ms(Lang::Nl, 1234), "1.234 ms");
        assert_eq!(ms(Lang::En, 1234), "1,234 ms");
        assert_eq!(ms(Lang::Nl, 87), "87 ms");
    }

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(duration(Lang::Nl, 135), "2 u 15 min");
        assert_eq!(duration(Lang::En, 135), "2 h 15 min");
        assert_eq!(duration(Lang::Nl, 45), "45 min");
        assert_eq!(duration(Lang::Nl, 0), "0 min");
        assert_eq!(duration(Lang::Nl, 180), "3 u");
        assert_eq!(duration(Lang::Nl, 3005), "50 u 5 min");
        assert_eq!(duration(Lang::En, 60 * 1500), "1,500 h");
    }

    #[test]
    fn days_have_weekday_and_month_names() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(day(Lang::Nl, date), "di 3 nov 2026");
        assert_eq!(day(Lang::En, date), "Tue 3 Nov 2026");
        assert_eq!(day_short(Lang::Nl, date), "3 nov");
        let march = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(day(Lang::Nl, march), "zo 29 mrt 2026");
        assert_eq!(day(Lang::En, march), "Sun 29 Mar 2026");
        let at = date.and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(date_time(Lang::Nl, at), "di 3 nov 2026 09:05");
    }

    #[test]
    fn month_names_out_of_range_do_not_panic() {
        assert_eq!(month_short(Lang::Nl, 0), "?");
        assert_eq!(month_short(Lang::Nl, 13), "?");
        assert_eq!(month_short(Lang::Nl, 5), "mei");
        assert_eq!(month_short(Lang::En, 10), "Oct");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(Lang::Nl, 1, "dag", "dagen"), "1 dag");
        assert_eq!(count(Lang::Nl, 0, "dag", "dagen"), "0 dagen");
        assert_eq!(count(Lang::Nl, 1200, "meting", "metingen"), "1.200 metingen");
        assert_eq!(count(Lang::En, 1200, "day", "days"), "1,200 days");
    }

    #[test]
    fn percentages_are_clamped_and_nan_is_no_value() {
        assert_eq!(clamp_pct(100.5), Some(100.0));
        assert_eq!(clamp_pct(-3.0), Some(0.0));
        assert_eq!(clamp_pct(f64::INFINITY), Some(100.0));
        assert_eq!(clamp_pct(99.9), Some(99.9));
        assert_eq!(clamp_pct(f64::NAN), None);
    }

    #[test]
    fn euros_have_cents_and_the_sign_before_the_euro() {
        assert_eq!(euro(Lang::Nl, 1_250_000), "€ 12.500,00");
        assert_eq!(euro(Lang::Nl, -1250), "-€ 12,50");
        assert_eq!(euro(Lang::En, 1_250_000), "€12,500.00");
        assert_eq!(euro(Lang::En, -1250), "-€12.50");
        assert_eq!(euro(Lang::Nl, 0), "€ 0,00");
        assert_eq!(euro(Lang::Nl, 5), "€ 0,05");
        assert_eq!(euro(Lang::Nl, -5), "-€ 0,05");
        assert_eq!(euro(Lang::Nl, 10_000_000_000), "€ 100.000.000,00");
        assert_eq!(euro(Lang::En, i64::MAX), "€92,233,720,368,547,758.07");
        assert_eq!(euro(Lang::Nl, i64::MIN), "-€ 92.233.720.368.547.758,08");
    }

    #[test]
    fn short_euros_read_as_thousands_and_millions() {
        assert_eq!(euro_short(Lang::Nl, 0), "€ 0");
        assert_eq!(euro_short(Lang::Nl, 35_000), "€ 350");
        assert_eq!(euro_short(Lang::Nl, 35_000_000), "€ 350k");
        assert_eq!(euro_short(Lang::En, 35_000_000), "€350k");
        assert_eq!(euro_short(Lang::Nl, 1_250_000), "€ 12,5k");
        assert_eq!(euro_short(Lang::En, 1_250_000), "€12.5k");
        assert_eq!(euro_short(Lang::Nl, 120_000_000), "€ 1,2 mln");
        assert_eq!(euro_short(Lang::En, 120_000_000), "€1.2m");
        assert_eq!(euro_short(Lang::Nl, 100_000_000), "€ 1 mln");
        assert_eq!(euro_short(Lang::Nl, 125_000_000), "€ 1,25 mln");
        assert_eq!(euro_short(Lang::Nl, 300_000_000_000), "€ 3 mld");
        assert_eq!(euro_short(Lang::En, 300_000_000_000), "€3bn");
        assert_eq!(euro_short(Lang::Nl, -35_000_000), "-€ 350k");
        assert_eq!(euro_short(Lang::En, -1260), "-€13");
        assert_eq!(euro_short(Lang::Nl, -10), "€ 0");
    }

    #[test]
    fn short_euros_move_up_a_unit_when_rounding_reaches_it() {
        assert_eq!(euro_short(Lang::Nl, 99_999), "€ 1k");
        assert_eq!(euro_short(Lang::Nl, 99_996_000), "€ 1 mln");
        assert_eq!(euro_short(Lang::En, 99_999_900_000), "€1bn");
        assert_eq!(euro_short(Lang::En, i64::MIN), "-€92,233,720.37bn");
    }
}
