//! The scripted part of the demo's history: the events that make the SLA pages tell a story, placed
//! in months counted from the oldest (0) to the current one (12). Everything else is background noise
//! from [`super::history`], kept small enough that it never decides a month.
//!
//! - Burgerloket Online (vendor 1, 99,8 % 24x7) breaches in months 3 and 8 (5 % and 10 % credit).
//! - Netwerk Noord Hosting (vendor 8, 99,5 % office hours) breaches in months 2, 6 and 11 (the
//!   previous calendar month); month 6's outage also misses its resolution target.
//! - CloudKantoor Nederland (vendor 2): our probe sees outages its status page never reports; in
//!   month 5 enough of them fall in office hours to breach on the probe, in months 1 and 9 they stay
//!   mostly outside office hours.
//! - Maintenance announced a day ahead (late): vendor 0 in month 4, vendor 4 in month 7; maintenance
//!   without any announcement: vendor 3 in month 6 (a Sunday night), vendor 10 in month 10 (partly in
//!   office hours).
//! - This month so far: short outages for Sociaal Net (vendor 5) and Veilig Verbonden (vendor 7).

use super::history::{Event, Impact, Kind, Notice};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc, Weekday};
use domain::monitoring::CheckState;
use domain::sla::holidays::is_dutch_public_holiday;
use domain::sla::period::local_to_utc;

/// Vendor indices of the story (positions in the demo's vendor table).
pub const ZAAKWIJS: usize = 0;
pub const BURGERLOKET: usize = 1;
pub const CLOUDKANTOOR: usize = 2;
pub const FINSTROOM: usize = 3;
pub const PERSONEELSPLEIN: usize = 4;
pub const SOCIAAL_NET: usize = 5;
pub const VEILIG_VERBONDEN: usize = 7;
pub const NETWERK_NOORD: usize = 8;
pub const HEFFINGWIJZER: usize = 10;

/// The months (0 = oldest) in which each breaching vendor breaches.
pub const BURGERLOKET_BREACHES: [usize; 2] = [3, 8];
pub const NETWERK_NOORD_BREACHES: [usize; 3] = [2, 6, 11];
/// The month in which CloudKantoor breaches on our probe only.
pub const CLOUDKANTOOR_PROBE_BREACH: usize = 5;

/// One month of the history: its local first day, and its UTC bounds clipped to `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub first: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// `hh:mm` Amsterdam time on `day`, in UTC.
pub fn at_local(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    local_to_utc(day.and_hms_opt(hour, minute, 0).unwrap_or_default())
}

/// The first working day (Monday-Friday, not a Dutch public holiday) on or after day `n` of the month.
pub fn workday(first: NaiveDate, n: u32) -> NaiveDate {
    let mut day = first.with_day(n).unwrap_or(first);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || is_dutch_public_holiday(day) {
        day = day.succ_opt().unwrap_or(day);
    }
    day
}

/// The `nth` (1-based) Sunday of the month. The 2nd and 3rd are never a day the clocks change.
pub fn sunday(first: NaiveDate, nth: u32) -> NaiveDate {
    let to_sunday = (7 - first.weekday().num_days_from_sunday()) % 7;
    first + TimeDelta::days(i64::from(to_sunday) + 7 * i64::from(nth.saturating_sub(1)))
}

fn event(services: &[usize], state: CheckState, start: DateTime<Utc>, minutes: i64, kind: Kind) -> Event {
    Event { services: services.to_vec(), state, start, end: start + TimeDelta::minutes(minutes), kind }
}

fn outage(services: &[usize], start: DateTime<Utc>, minutes: i64, impact: Impact) -> Event {
    event(services, CheckState::Down, start, minutes, Kind::Incident(impact))
}

fn probe_only(start: DateTime<Utc>, minutes: i64) -> Event {
    event(&[0], CheckState::Down, start, minutes, Kind::ProbeOnly)
}

fn maintenance(services: &[usize], start: DateTime<Utc>, minutes: i64, notice: Notice) -> Event {
    event(services, CheckState::Maintenance, start, minutes, Kind::Maintenance(notice))
}

/// The months in which vendor `v` has scripted events: background outages stay out of them, so that
/// the script alone decides those months.
pub fn scripted_months(v: usize) -> &'static [usize] {
    match v {
        ZAAKWIJS => &[4],
        BURGERLOKET => &BURGERLOKET_BREACHES,
        CLOUDKANTOOR => &[1, CLOUDKANTOOR_PROBE_BREACH, 9],
        FINSTROOM => &[6],
        PERSONEELSPLEIN => &[7],
        NETWERK_NOORD => &NETWERK_NOORD_BREACHES,
        HEFFINGWIJZER => &[10],
        _ => &[],
    }
}

/// The scripted events of vendor `v`, whose Statuspage maps `services` services. `months` holds all
/// 13 months, the last one being the current month up to now.
pub fn scripted(v: usize, services: usize, months: &[Month]) -> Vec<Event> {
    let all: Vec<usize> = (0..services).collect();
    let first = |m: usize| months.get(m).map(|x| x.first);
    let mut out = Vec::new();
    let mut push = |m: usize, make: &dyn Fn(NaiveDate) -> Vec<Event>| {
        if let Some(f) = first(m) {
            out.extend(make(f));
        }
    };
    let late = Notice::Ahead(TimeDelta::days(1));
    match v {
        BURGERLOKET => {
            push(3, &|f| vec![outage(&all, at_local(workday(f, 12), 9, 10), 170, Impact::Critical)]);
            push(8, &|f| {
                vec![
                    outage(&all, at_local(workday(f, 6), 13, 20), 190, Impact::Critical),
                    outage(&all, at_local(workday(f, 20), 8, 5), 150, Impact::Major),
                ]
            });
        }
        NETWERK_NOORD => {
            push(2, &|f| vec![outage(&all, at_local(workday(f, 9), 10, 0), 110, Impact::Major)]);
            // 16:00-21:00: three hours inside office hours; 300 minutes misses the 240-minute target.
            push(6, &|f| vec![outage(&all, at_local(workday(f, 14), 16, 0), 300, Impact::Critical)]);
            push(11, &|f| {
                vec![
                    outage(&all, at_local(workday(f, 5), 9, 30), 60, Impact::Major),
                    outage(&all, at_local(workday(f, 19), 14, 0), 55, Impact::Major),
                ]
            });
        }
        CLOUDKANTOOR => {
            push(1, &|f| {
                vec![
                    probe_only(at_local(sunday(f, 2) - TimeDelta::days(1), 2, 10), 95),
                    probe_only(at_local(workday(f, 16), 21, 30), 70),
                    probe_only(at_local(workday(f, 23), 11, 0), 20),
                ]
            });
            push(CLOUDKANTOOR_PROBE_BREACH, &|f| {
                vec![probe_only(at_local(workday(f, 7), 10, 15), 75), probe_only(at_local(workday(f, 21), 14, 30), 50)]
            });
            push(9, &|f| {
                vec![probe_only(at_local(workday(f, 10), 5, 0), 110), probe_only(at_local(sunday(f, 3), 14, 0), 60)]
            });
        }
        ZAAKWIJS => push(4, &|f| vec![maintenance(&all, at_local(sunday(f, 3), 1, 30), 30, late)]),
        PERSONEELSPLEIN => push(7, &|f| vec![maintenance(&all, at_local(workday(f, 13), 18, 30), 60, late)]),
        FINSTROOM => push(6, &|f| vec![maintenance(&all, at_local(sunday(f, 3), 3, 0), 60, Notice::Unannounced)]),
        HEFFINGWIJZER => {
            push(10, &|f| vec![maintenance(&all, at_local(workday(f, 15), 6, 0), 105, Notice::Unannounced)]);
        }
        _ => {}
    }
    if matches!(v, SOCIAAL_NET | VEILIG_VERBONDEN) {
        out.extend(months.last().and_then(|m| this_month(m, if v == SOCIAAL_NET { 20 } else { 12 })));
    }
    out
}

/// A short outage of the first service in the current month so far: it starts after 45 % of the time
/// elapsed and lasts `minutes`, or a fifth of the elapsed time when that is shorter.
fn this_month(m: &Month, minutes: i64) -> Option<Event> {
    let elapsed = (m.end - m.start).num_minutes();
    let minutes = minutes.min(elapsed / 5);
    (minutes >= 1).then(|| outage(&[0], m.start + TimeDelta::minutes(elapsed * 45 / 100), minutes, Impact::Major))
}
