//! Where the ticks go: round value steps, and instants on round Amsterdam local times.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Europe::Amsterdam;

use crate::{format, Lang};

/// The smallest of 1, 2 or 5 times a power of ten that divides `0..=max` into at most `intervals`
/// parts; at least 1 (values are whole units).
pub(crate) fn nice_step(max: f64, intervals: u32) -> f64 {
    let raw = (max / f64::from(intervals.max(1))).max(1.0);
    if !raw.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude)
}

/// At most this many time ticks fit under an 800-pixel chart.
const MAX_TICKS: i64 = 7;
/// No more local days than this are walked (about 55 years).
const MAX_DAYS: u64 = 20_000;

/// How far apart time ticks are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Hours(u32),
    Days(u64),
    Months(u32),
}

fn step_for(span_seconds: i64) -> Step {
    const CANDIDATES: [(i64, Step); 12] = [
        (3600, Step::Hours(1)),
        (2 * 3600, Step::Hours(2)),
        (3 * 3600, Step::Hours(3)),
        (6 * 3600, Step::Hours(6)),
        (12 * 3600, Step::Hours(12)),
        (86_400, Step::Days(1)),
        (2 * 86_400, Step::Days(2)),
        (7 * 86_400, Step::Days(7)),
        (14 * 86_400, Step::Days(14)),
        (31 * 86_400, Step::Months(1)),
        (92 * 86_400, Step::Months(3)),
        (366 * 86_400, Step::Months(12)),
    ];
    CANDIDATES.into_iter().find(|(seconds, _)| span_seconds / seconds < MAX_TICKS).map_or(Step::Months(12), |(_, s)| s)
}

/// Ticks between `start` and `end` (Unix seconds) on round Amsterdam local times, labelled: whole
/// hours (`14:00`, midnight as the date `3 nov`, the first tick with its date), local midnights
/// (`3 nov`; weekly ticks on Mondays) or the first of the month (`1 mrt`; January with its year).
pub(crate) fn time_ticks(lang: Lang, start: i64, end: i64) -> Vec<(i64, String)> {
    let (Some(first), Some(last)) = (DateTime::from_timestamp(start, 0), DateTime::from_timestamp(end, 0)) else {
        return Vec::new();
    };
    let step = step_for(end - start);
    let (mut date, last_date) = (local_date(first), local_date(last));
    let mut ticks = Vec::new();
    for _ in 0..MAX_DAYS {
        if date > last_date {
            break;
        }
        for (at, label) in candidates(lang, date, step) {
            let Some(t) = Amsterdam.from_local_datetime(&at).earliest().map(|t| t.timestamp()) else {
                continue; // the hour the clocks skip
            };
            if (start..=end).contains(&t) {
                let label = if ticks.is_empty() && at.hour() != 0 {
                    format!("{} {label}", format::day_short(lang, date))
                } else {
                    label
                };
                ticks.push((t, label));
            }
        }
        let Some(next) = date.checked_add_days(Days::new(1)) else { break };
        date = next;
    }
    ticks
}

fn local_date(at: DateTime<Utc>) -> NaiveDate {
    local(at).date()
}

/// The Europe/Amsterdam wall-clock time of an instant; at the very ends of chrono's range, where
/// the offset would leave it, the UTC time (chrono's `naive_local` would panic there).
pub(crate) fn local(at: DateTime<Utc>) -> NaiveDateTime {
    let utc = at.naive_utc();
    utc.checked_add_offset(Amsterdam.offset_from_utc_datetime(&utc).fix()).unwrap_or(utc)
}

/// The ticks that `step` puts on local `date`, in local time.
fn candidates(lang: Lang, date: NaiveDate, step: Step) -> Vec<(NaiveDateTime, String)> {
    let midnight = date.and_time(NaiveTime::MIN);
    let day_label = || format::day_short(lang, date);
    let on = |tick: bool| if tick { vec![(midnight, day_label())] } else { Vec::new() };
    match step {
        Step::Hours(h) => (0..24)
            .step_by(h as usize)
            .filter_map(|hour| date.and_hms_opt(hour, 0, 0))
            .map(|at| {
                let label = if at.hour() == 0 { day_label() } else { format::clock(at) };
                (at, label)
            })
            .collect(),
        Step::Days(7) => on(date.weekday() == Weekday::Mon),
        Step::Days(14) => on(date.weekday() == Weekday::Mon && date.iso_week().week() % 2 == 1),
        Step::Days(d) => on(u64::from(date.num_days_from_ce().unsigned_abs()) % d == 0),
        Step::Months(m) if date.day() == 1 && (date.month() - 1).is_multiple_of(m) => {
            let label = if date.month() == 1 {
                format!("{} {}", format::month_short(lang, 1), date.year())
            } else {
                day_label()
            };
            vec![(midnight, label)]
        }
        Step::Months(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> i64 {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp()
    }

    #[test]
    fn steps_are_round_numbers() {
        assert_eq!(nice_step(1100.0, 5), 500.0);
        assert_eq!(nice_step(330.0, 5), 100.0);
        assert_eq!(nice_step(88.0, 5), 20.0);
        assert_eq!(nice_step(3.0, 5), 1.0);
        assert_eq!(nice_step(f64::NAN, 5), 1.0);
    }

    #[test]
    fn a_day_is_ticked_every_few_local_hours() {
        let ticks = time_ticks(Lang::Nl, at("2026-11-03T05:00:00Z"), at("2026-11-04T05:00:00Z"));
        let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["3 nov 06:00", "12:00", "18:00", "4 nov", "06:00"]);
        assert_eq!(ticks[0].0, at("2026-11-03T05:00:00Z"));
    }

    #[test]
    fn a_month_is_ticked_on_mondays_at_local_midnight() {
        let ticks = time_ticks(Lang::En, at("2026-10-01T00:00:00Z"), at("2026-10-31T00:00:00Z"));
        let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["5 Oct", "12 Oct", "19 Oct", "26 Oct"]);
        // 26 October is after the change to winter time: local midnight is 23:00 UTC.
        assert_eq!(ticks[3].0, at("2026-10-25T23:00:00Z"));
        assert_eq!(ticks[0].0, at("2026-10-04T22:00:00Z"));
    }

    #[test]
    fn a_year_is_ticked_on_first_days_of_quarters() {
        let ticks = time_ticks(Lang::Nl, at("2026-01-15T00:00:00Z"), at("2027-01-15T00:00:00Z"));
        let labels: Vec<&str> = ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["1 apr", "1 jul", "1 okt", "jan 2027"]);
    }
}
