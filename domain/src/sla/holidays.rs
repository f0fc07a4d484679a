//! Dutch public holidays as the Algemene termijnenwet lists them: Nieuwjaarsdag, Tweede Paasdag,
//! Koningsdag, 5 mei, Hemelvaartsdag, Tweede Pinksterdag and both Christmas days. Goede Vrijdag is not
//! one, and Easter Sunday and Whit Sunday are not listed (they are Sundays anyway).

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

/// Easter Sunday of `year` (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The day the King's (before 2014 the Queen's) birthday is celebrated: 27 April (30 April up to 2013),
/// one day earlier when that is a Sunday.
pub fn koningsdag(year: i32) -> Option<NaiveDate> {
    let day = if year >= 2014 { 27 } else { 30 };
    let d = NaiveDate::from_ymd_opt(year, 4, day)?;
    Some(if d.weekday() == Weekday::Sun { d - TimeDelta::days(1) } else { d })
}

/// The public holidays of `year`, in date order.
pub fn dutch_public_holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let easter = easter_sunday(year);
    let after_easter = |days: i64| easter.map(|e| e + TimeDelta::days(days));
    let mut days: Vec<NaiveDate> = [
        fixed(1, 1),
        after_easter(1),
        koningsdag(year),
        fixed(5, 5),
        after_easter(39),
        after_easter(50),
        fixed(12, 25),
        fixed(12, 26),
    ]
    .into_iter()
    .flatten()
    .collect();
    days.sort();
    days.dedup();
    days
}

/// Whether `date` is a Dutch public holiday.
pub fn is_dutch_public_holiday(date: NaiveDate) -> bool {
    dutch_public_holidays(date.year()).contains(&date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(d(2038, 4, 25)));
    }

    #[test]
    fn the_holidays_of_2026_are_the_eight_of_the_algemene_termijnenwet() {
        let expected = [
            d(2026, 1, 1),
            d(2026, 4, 6),
            d(2026, 4, 27),
            d(2026, 5, 5),
            d(2026, 5, 14),
            d(2026, 5, 25),
            d(2026, 12, 25),
            d(2026, 12, 26),
        ];
        assert_eq!(dutch_public_holidays(2026), expected);
        assert!(!is_dutch_public_holiday(d(2026, 4, 3)), "Goede Vrijdag is not a public holiday");
    }

    #[test]
    fn koningsdag_moves_to_saturday_when_the_27th_is_a_sunday() {
        assert_eq!(koningsdag(2025), Some(d(2025, 4, 26)));
        assert_eq!(koningsdag(2026), Some(d(2026, 4, 27)));
        assert_eq!(koningsdag(2010), Some(d(2010, 4, 30)));
    }
}
