//! The service window as UTC instants. A window is the set of instants whose Europe/Amsterdam wall
//! clock falls inside it; the period is cut into stretches of one UTC offset, the wall-clock window is
//! laid over each stretch and mapped back. So a day at a DST change has 23 or 25 hours, a window hour
//! the clocks skip is empty and an hour they repeat counts twice; no fixed offset is ever assumed.

use super::holidays::is_dutch_public_holiday;
use super::terms::ServiceWindow;
use chrono::{DateTime, Datelike, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

/// A half-open UTC range `[start, end)`.
pub type Range = (DateTime<Utc>, DateTime<Utc>);

/// The window's UTC ranges inside `[start, end)`, sorted and disjoint.
pub fn window_ranges(window: &ServiceWindow, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<Range> {
    let mut out: Vec<Range> = Vec::new();
    for (a, b, offset) in offset_stretches(start, end) {
        match window {
            ServiceWindow::Always => push(&mut out, (a, b)),
            ServiceWindow::Weekly { weekdays, from_minute, to_minute, exclude_holidays } => {
                let (la, lb) = (a.naive_utc() + offset, b.naive_utc() + offset);
                let mut day = la.date();
                while day.and_hms_opt(0, 0, 0).is_some_and(|m| m < lb) {
                    let wd = day.weekday().num_days_from_monday() as usize;
                    if weekdays[wd] && !(*exclude_holidays && is_dutch_public_holiday(day)) {
                        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or(NaiveDateTime::MIN);
                        let ws = midnight + TimeDelta::minutes(i64::from(*from_minute));
                        let we = midnight + TimeDelta::minutes(i64::from(*to_minute));
                        let (s, e) = (ws.max(la), we.min(lb));
                        if s < e {
                            push(
                                &mut out,
                                (Utc.from_utc_datetime(&(s - offset)), Utc.from_utc_datetime(&(e - offset))),
                            );
                        }
                    }
                    match day.succ_opt() {
                        Some(d) => day = d,
                        None => break,
                    }
                }
            }
        }
    }
    out
}

/// Appends a range, merging it with the previous one when they touch.
fn push(out: &mut Vec<Range>, r: Range) {
    match out.last_mut() {
        Some(last) if last.1 >= r.0 => last.1 = last.1.max(r.1),
        _ => out.push(r),
    }
}

fn offset_at(t: DateTime<Utc>) -> TimeDelta {
    TimeDelta::seconds(i64::from(Amsterdam.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()))
}

/// `[start, end)` cut where the UTC offset changes, each stretch with its offset. Probes every hour and
/// finds a change to the second.
fn offset_stretches(start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>, TimeDelta)> {
    let mut out = Vec::new();
    let (step, second) = (TimeDelta::hours(1), TimeDelta::seconds(1));
    let last = end - second;
    let mut a = start;
    while a < end {
        let off = offset_at(a);
        let mut lo = a; // the offset at `lo` is `off`
        let changed_at = loop {
            let next = (lo + step).min(last);
            if offset_at(next) != off {
                break Some(next);
            }
            if next >= last {
                break None;
            }
            lo = next;
        };
        let b = match changed_at {
            None => end,
            Some(mut hi) => {
                while hi - lo > second {
                    let mid = lo + (hi - lo) / 2;
                    if offset_at(mid) == off {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                hi
            }
        };
        out.push((a, b, off));
        a = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::period::Period;
    use super::*;

    fn total_minutes(r: &[Range]) -> i64 {
        r.iter().map(|(a, b)| (*b - *a).num_minutes()).sum()
    }

    fn office_hours(from: u32, to: u32, holidays: bool) -> ServiceWindow {
        ServiceWindow::Weekly {
            weekdays: [true, true, true, true, true, false, false],
            from_minute: from * 60,
            to_minute: to * 60,
            exclude_holidays: holidays,
        }
    }

    fn month(y: i32, m: u32) -> (DateTime<Utc>, DateTime<Utc>) {
        Period::month(y, m).map(|p| p.utc_bounds()).unwrap_or_default()
    }

    #[test]
    fn a_24x7_month_is_its_length_in_local_time() {
        let (s, e) = month(2026, 10);
        assert_eq!(total_minutes(&window_ranges(&ServiceWindow::Always, s, e)), 745 * 60);
        let (s, e) = month(2026, 3);
        assert_eq!(total_minutes(&window_ranges(&ServiceWindow::Always, s, e)), 743 * 60);
    }

    #[test]
    fn office_hours_in_october_2026_are_22_days_of_10_hours_across_the_dst_change() {
        let (s, e) = month(2026, 10);
        let r = window_ranges(&office_hours(8, 18, true), s, e);
        assert_eq!(r.len(), 22);
        assert_eq!(total_minutes(&r), 22 * 600);
        // Monday 26 October (CET): 08:00 local is 07:00 UTC; Friday 23 October (CEST): 06:00 UTC.
        assert!(r.iter().any(|(a, _)| a.to_rfc3339() == "2026-10-26T07:00:00+00:00"));
        assert!(r.iter().any(|(a, _)| a.to_rfc3339() == "2026-10-23T06:00:00+00:00"));
    }

    #[test]
    fn holidays_leave_the_window_only_when_the_contract_says_so() {
        // May 2026: 21 weekdays, of which Bevrijdingsdag (Tue 5), Hemelvaartsdag (Thu 14) and Tweede
        // Pinksterdag (Mon 25) are public holidays.
        let (s, e) = month(2026, 5);
        assert_eq!(total_minutes(&window_ranges(&office_hours(8, 18, true), s, e)), 18 * 600);
        assert_eq!(total_minutes(&window_ranges(&office_hours(8, 18, false), s, e)), 21 * 600);
    }

    #[test]
    fn a_window_hour_the_clocks_skip_is_empty_and_one_they_repeat_counts_twice() {
        let night = |wd: usize| {
            let mut weekdays = [false; 7];
            weekdays[wd] = true;
            ServiceWindow::Weekly { weekdays, from_minute: 120, to_minute: 180, exclude_holidays: false }
        };
        // 29 March 2026 and 25 October 2026 are Sundays.
        let (s, e) = month(2026, 3);
        let march: Vec<_> = window_ranges(&night(6), s, e);
        assert_eq!(total_minutes(&march), 4 * 60, "five Sundays, one without 02:00-03:00");
        let (s, e) = month(2026, 10);
        assert_eq!(total_minutes(&window_ranges(&night(6), s, e)), 3 * 60 + 2 * 60, "four Sundays, one with it twice");
        let day = |wd: usize| {
            let mut weekdays = [false; 7];
            weekdays[wd] = true;
            ServiceWindow::Weekly { weekdays, from_minute: 0, to_minute: 1440, exclude_holidays: false }
        };
        let (s, e) = month(2026, 10);
        assert_eq!(total_minutes(&window_ranges(&day(6), s, e)), (3 * 24 + 25) * 60);
    }
}
