//! Minutes per local day in each state, for the availability timeline: the days are Europe/Amsterdam
//! calendar days (23 or 25 hours at the DST changes), and minutes no interval covers are "no data".

use super::evaluate::{IntervalState, SlaInterval};
use super::period::local_midnight;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One local day's minutes per state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayMinutes {
    pub date: NaiveDate,
    pub up: u32,
    pub degraded: u32,
    pub down: u32,
    pub maintenance: u32,
    pub no_data: u32,
}

/// Splits sorted, disjoint `intervals` over `days` local days from `first`, counting only time before
/// `until` (the rest of a day still to come is left out, not counted as no data).
pub fn day_minutes(intervals: &[SlaInterval], first: NaiveDate, days: u32, until: DateTime<Utc>) -> Vec<DayMinutes> {
    let mut out = Vec::with_capacity(days as usize);
    let mut date = first;
    for _ in 0..days {
        let Some(next) = date.succ_opt() else { break };
        let (start, end) = (local_midnight(date), local_midnight(next).min(until));
        let mut d = DayMinutes { date, up: 0, degraded: 0, down: 0, maintenance: 0, no_data: 0 };
        let mut covered = 0i64;
        if end > start {
            let from = intervals.partition_point(|i| i.end <= start);
            for i in intervals[from..].iter().take_while(|i| i.start < end) {
                let secs = (i.end.min(end) - i.start.max(start)).num_seconds().max(0);
                covered += secs;
                let mins = (secs / 60) as u32;
                match i.state {
                    IntervalState::Up => d.up += mins,
                    IntervalState::Degraded => d.degraded += mins,
                    IntervalState::Down => d.down += mins,
                    IntervalState::Maintenance => d.maintenance += mins,
                }
            }
            d.no_data = (((end - start).num_seconds() - covered).max(0) / 60) as u32;
        }
        out.push(d);
        date = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, d, h, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn days_are_local_days_and_uncovered_time_is_no_data() {
        // 25 October 2026 has 25 hours in Amsterdam (22:00Z on the 24th to 23:00Z on the 25th).
        let iv = [
            SlaInterval { state: IntervalState::Up, start: at(24, 22), end: at(25, 10), announced_at: None },
            SlaInterval { state: IntervalState::Down, start: at(25, 10), end: at(25, 11), announced_at: None },
        ];
        let first = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap_or_default();
        let days = day_minutes(&iv, first, 2, at(26, 12));
        assert_eq!((days[0].up, days[0].down, days[0].no_data), (720, 60, 720));
        assert_eq!(days[0].up + days[0].down + days[0].no_data, 25 * 60);
        assert_eq!(days[1].no_data, 13 * 60, "only up to `until`");
    }
}
