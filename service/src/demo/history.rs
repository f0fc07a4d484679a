//! The demo's past, planned without I/O: 13 months of what the vendors' status pages reported and
//! what our own probes saw, from local midnight on the first day of the month 12 months before the
//! current one up to now. [`plan`] turns the vendor list and the clock into closed state intervals
//! per (vendor, service) and per probe, and the events behind them (incidents, maintenances); the
//! same clock always gives the same plan. `write.rs` stores it, `events.rs` and `rollups.rs` derive
//! the incident, maintenance and rollup rows.
//!
//! The story is scripted in `story.rs`; around it every vendor gets background noise: a few short
//! outages and slowdowns a month, maintenance on a Sunday night every third month (announced 7-14
//! days ahead), and on a probe a few blips the status page never mentions. The noise is bounded so
//! that it never breaks a target on its own: outages last at most 12 minutes, at most two a month
//! per service, none in a month with scripted events or in the current month, and maintenance on a
//! probed 24x7 service lasts 30 minutes (the probe sees it as down).

use super::rng::Rng;
use super::story::{self, Month};
use chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, Utc};
use chrono_tz::Europe::Amsterdam;
use domain::monitoring::CheckState;
use domain::sla::period::local_midnight;

/// The seed of every random draw of the history.
pub const SEED: u64 = 0x5245_4749_454B_414D;
/// Months of history, the current one included.
pub const MONTHS: usize = 13;
/// Events on a service keep at least this far apart, so that intervals never touch or overlap.
const MARGIN: TimeDelta = TimeDelta::minutes(10);

/// What the plan needs to know of a demo vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VendorShape {
    /// How many of its services its Statuspage source maps (the first ones, in order).
    pub services: usize,
    /// Whether the first service also has our own HTTP probe.
    pub probe: bool,
    /// Whether its contracts count every minute (24x7) rather than office hours.
    pub always: bool,
}

/// A closed span `[start, end)` in one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub state: CheckState,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// How far ahead a maintenance was announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Ahead(TimeDelta),
    Unannounced,
}

/// A vendor incident's impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Impact {
    Minor,
    Major,
    Critical,
}

impl Impact {
    /// The Statuspage key, as stored.
    pub fn key(self) -> &'static str {
        match self {
            Impact::Minor => "minor",
            Impact::Major => "major",
            Impact::Critical => "critical",
        }
    }
}

/// What lies behind an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The vendor reports an incident.
    Incident(Impact),
    /// The vendor reports maintenance (or does not, when unannounced).
    Maintenance(Notice),
    /// Only our probe sees it (service 0); the vendor reports nothing.
    ProbeOnly,
}

/// Something that happened to some of a vendor's services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Indices into the vendor's mapped services.
    pub services: Vec<usize>,
    pub state: CheckState,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub kind: Kind,
}

impl Event {
    fn clashes(&self, other: &Event) -> bool {
        self.services.iter().any(|s| other.services.contains(s))
            && self.start < other.end + MARGIN
            && other.start < self.end + MARGIN
    }
}

/// One vendor's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorHistory {
    /// Per mapped service, the intervals the vendor's status page reported.
    pub reported: Vec<Vec<Span>>,
    /// The intervals our probe saw on the first service; empty without a probe.
    pub probe: Vec<Span>,
    /// Everything that happened, oldest first, probe-only events included.
    pub events: Vec<Event>,
}

/// The whole history: every span lies in `[start, now]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub start: DateTime<Utc>,
    pub now: DateTime<Utc>,
    pub vendors: Vec<VendorHistory>,
}

/// The 13 months up to `now`, oldest first; the last one ends at `now`.
pub fn months(now: DateTime<Utc>) -> Vec<Month> {
    let today = now.with_timezone(&Amsterdam).date_naive();
    let current = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    (0..MONTHS)
        .filter_map(|m| {
            let first = current.checked_sub_months(Months::new((MONTHS - 1 - m) as u32))?;
            let next = first.checked_add_months(Months::new(1))?;
            Some(Month { first, start: local_midnight(first), end: local_midnight(next).min(now) })
        })
        .collect()
}

/// Plans the history of `vendors` (in the demo's order) up to `now`.
pub fn plan(now: DateTime<Utc>, vendors: &[VendorShape]) -> Plan {
    let months = months(now);
    let start = months.first().map_or(now, |m| m.start);
    let vendors = vendors.iter().enumerate().map(|(v, shape)| vendor_history(v, *shape, &months, now)).collect();
    Plan { start, now, vendors }
}

fn vendor_history(v: usize, shape: VendorShape, months: &[Month], now: DateTime<Utc>) -> VendorHistory {
    let start = months.first().map_or(now, |m| m.start);
    let mut events: Vec<Event> = Vec::new();
    let add = |e: Event, events: &mut Vec<Event>| {
        let fits = e.start >= start && e.end <= now && e.start < e.end;
        let known = e.services.iter().all(|s| *s < shape.services);
        if fits && known && !events.iter().any(|x| x.clashes(&e)) {
            events.push(e);
        }
    };
    for e in story::scripted(v, shape.services, months) {
        add(e, &mut events);
    }
    for (m, month) in months.iter().enumerate() {
        for e in background(v, shape, m, month, m + 1 == months.len()) {
            add(e, &mut events);
        }
    }
    events.sort_by_key(|e| e.start);
    let reported = (0..shape.services)
        .map(|s| {
            let spans = events.iter().filter(|e| e.kind != Kind::ProbeOnly && e.services.contains(&s)).map(|e| Span {
                state: e.state,
                start: e.start,
                end: e.end,
            });
            fill(spans, start, now)
        })
        .collect();
    let probe = if shape.probe && shape.services > 0 { probe_spans(v, &events, start, now) } else { Vec::new() };
    VendorHistory { reported, probe, events }
}

/// What our probe of service 0 saw: the vendor's outages a little earlier and longer than reported,
/// maintenance as down, and the outages only the probe noticed. Slowdowns it sees as up.
fn probe_spans(v: usize, events: &[Event], start: DateTime<Utc>, now: DateTime<Utc>) -> Vec<Span> {
    let spans = events.iter().enumerate().filter(|(_, e)| e.services.contains(&0)).filter_map(|(i, e)| {
        let mut rng = Rng::new(&[SEED, v as u64, i as u64, 7]);
        let (early, late) = (TimeDelta::minutes(rng.range(0, 2)), TimeDelta::minutes(rng.range(0, 2)));
        match (e.state, e.kind) {
            (CheckState::Degraded, _) => None,
            (_, Kind::Incident(_)) => Some(Span {
                state: CheckState::Down,
                start: (e.start - early).max(start),
                end: (e.end + late).min(now),
            }),
            _ => Some(Span { state: CheckState::Down, start: e.start, end: e.end }),
        }
    });
    fill(spans, start, now)
}

/// Sorted, separated spans with `up` in between, from `start` to `now` without a gap.
fn fill(spans: impl Iterator<Item = Span>, start: DateTime<Utc>, now: DateTime<Utc>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut cursor = start;
    for s in spans {
        if s.start > cursor {
            out.push(Span { state: CheckState::Up, start: cursor, end: s.start });
        }
        let s = Span { start: s.start.max(cursor), ..s };
        if s.start < s.end {
            out.push(s);
            cursor = s.end;
        }
    }
    if cursor < now {
        out.push(Span { state: CheckState::Up, start: cursor, end: now });
    }
    out
}

const NOTICE_DAYS: (i64, i64) = (7, 14);

/// The background events of vendor `v` in month `m`: outages, slowdowns, maintenance and probe blips.
/// The `current` month gets no outages or blips: its downtime so far is the story's alone, so that
/// the running month's figures point at the vendors the story means.
fn background(v: usize, shape: VendorShape, m: usize, month: &Month, current: bool) -> Vec<Event> {
    let mut rng = Rng::new(&[SEED, v as u64, m as u64, 1]);
    let all: Vec<usize> = (0..shape.services).collect();
    let one = |rng: &mut Rng| vec![rng.below(shape.services as u64) as usize];
    let mut out = Vec::new();
    let at = |rng: &mut Rng, minutes: i64| random_start(rng, month, minutes);
    if (m + v) % 3 == 1 {
        // Second Sunday, 01:00: never a night the clocks change.
        let start = story::at_local(story::sunday(month.first, 2), 1, 0);
        let minutes = if shape.probe && shape.always { 30 } else { 30 * rng.range(2, 4) };
        let notice = TimeDelta::days(rng.range(NOTICE_DAYS.0, NOTICE_DAYS.1)) + TimeDelta::hours(rng.range(0, 9));
        out.push(Event {
            services: all.clone(),
            state: CheckState::Maintenance,
            start,
            end: start + TimeDelta::minutes(minutes),
            kind: Kind::Maintenance(Notice::Ahead(notice)),
        });
    }
    if !current && !story::scripted_months(v).contains(&m) {
        let outages = match rng.below(20) {
            0..=6 => 0,
            7..=15 => 1,
            _ => 2,
        };
        for _ in 0..outages {
            let minutes = rng.range(4, 12);
            let (services, impact) =
                if rng.chance(200) { (all.clone(), Impact::Critical) } else { (one(&mut rng), Impact::Major) };
            out.extend(at(&mut rng, minutes).map(|start| slot(services, CheckState::Down, start, minutes, impact)));
        }
    }
    for _ in 0..rng.range(0, 2) {
        let minutes = rng.range(15, 120);
        let services = one(&mut rng);
        out.extend(at(&mut rng, minutes).map(|s| slot(services, CheckState::Degraded, s, minutes, Impact::Minor)));
    }
    // Now and then a slowdown that takes longer than its resolution target (48 h minor, 8 h major).
    let long = if rng.chance(60) {
        Some((rng.range(50 * 60, 60 * 60), Impact::Minor))
    } else if rng.chance(40) {
        Some((rng.range(9 * 60, 10 * 60), Impact::Major))
    } else {
        None
    };
    if let Some((minutes, impact)) = long {
        let services = one(&mut rng);
        out.extend(at(&mut rng, minutes).map(|s| slot(services, CheckState::Degraded, s, minutes, impact)));
    }
    if shape.probe && !current {
        for _ in 0..rng.range(0, 3) {
            let minutes = rng.range(1, 3);
            out.extend(at(&mut rng, minutes).map(|s| Event {
                services: vec![0],
                state: CheckState::Down,
                start: s,
                end: s + TimeDelta::minutes(minutes),
                kind: Kind::ProbeOnly,
            }));
        }
    }
    out
}

fn slot(services: Vec<usize>, state: CheckState, start: DateTime<Utc>, minutes: i64, impact: Impact) -> Event {
    Event { services, state, start, end: start + TimeDelta::minutes(minutes), kind: Kind::Incident(impact) }
}

/// A whole minute in the month (up to now) at which `minutes` still fit; `None` when they do not.
fn random_start(rng: &mut Rng, month: &Month, minutes: i64) -> Option<DateTime<Utc>> {
    let room = (month.end - month.start).num_minutes() - minutes - 1;
    (room > 0).then(|| month.start + TimeDelta::minutes(rng.range(0, room)))
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
