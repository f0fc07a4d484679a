//! From stored measurements to the intervals an evaluation reads.
//!
//! A service may be measured by several sources at once: our own probes and the vendor's report
//! (status page). [`worst_of`] merges any number of spans into one timeline holding, at every instant,
//! the worst state any of them saw (down > degraded > maintenance > up); instants no span covers are left
//! out (no measurement, which counts as neither up nor down time). [`with_announcements`] then lays the
//! vendor's maintenance announcements over that timeline: inside an announced window, down, degraded and
//! maintenance become maintenance carrying the announcement, so the evaluation excludes it when it was
//! announced in time; maintenance outside any announcement is unannounced (downtime).

use super::evaluate::{IntervalState, SlaInterval};
use super::MeasurementBasis;
use chrono::{DateTime, TimeDelta, Utc};

/// A span in one state as one source measured it. Open intervals are closed by the caller (at now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub state: IntervalState,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A maintenance the vendor announced: the window it scheduled and when we first saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Announcement {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub announced_at: DateTime<Utc>,
}

impl Announcement {
    /// How long before the scheduled start it was announced (negative when announced after it).
    pub fn notice(&self) -> TimeDelta {
        self.start - self.announced_at
    }
}

/// The measurements of one service over a stretch of time, split by who measured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measurements {
    /// Our own probes (HTTP checks and pushes).
    pub probe: Vec<Span>,
    /// The vendor's report (status page, SLA endpoint).
    pub vendor: Vec<Span>,
    /// The vendor's maintenance announcements.
    pub announcements: Vec<Announcement>,
}

impl Measurements {
    /// The intervals the evaluation reads for `basis`: the probe's, the vendor's, or at every instant the
    /// worse of both, each with the announcements laid over it.
    pub fn intervals(&self, basis: MeasurementBasis) -> Vec<SlaInterval> {
        let spans = match basis {
            MeasurementBasis::Probe => worst_of(self.probe.iter().copied()),
            MeasurementBasis::Vendor => worst_of(self.vendor.iter().copied()),
            MeasurementBasis::Worst => worst_of(self.probe.iter().chain(&self.vendor).copied()),
        };
        with_announcements(&spans, &self.announcements)
    }

    /// Only what overlaps `[start, end)` (spans and announcements are kept whole; the evaluation clips).
    pub fn within(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Measurements {
        let keep = |s: &&Span| s.start < end && s.end > start;
        Measurements {
            probe: self.probe.iter().filter(keep).copied().collect(),
            vendor: self.vendor.iter().filter(keep).copied().collect(),
            announcements: self.announcements.iter().filter(|a| a.start < end && a.end > start).copied().collect(),
        }
    }

    /// Whether there is any measurement for `basis` (a basis without any source shows "no data").
    pub fn has(&self, basis: MeasurementBasis) -> bool {
        match basis {
            MeasurementBasis::Probe => !self.probe.is_empty(),
            MeasurementBasis::Vendor => !self.vendor.is_empty(),
            MeasurementBasis::Worst => !self.probe.is_empty() || !self.vendor.is_empty(),
        }
    }
}

fn severity(s: IntervalState) -> usize {
    match s {
        IntervalState::Up => 0,
        IntervalState::Maintenance => 1,
        IntervalState::Degraded => 2,
        IntervalState::Down => 3,
    }
}

const BY_SEVERITY: [IntervalState; 4] =
    [IntervalState::Up, IntervalState::Maintenance, IntervalState::Degraded, IntervalState::Down];

/// At every instant the worst state of the spans covering it, as sorted, disjoint spans with adjacent
/// spans of one state joined. Empty spans (end not after start) are ignored.
pub fn worst_of(spans: impl IntoIterator<Item = Span>) -> Vec<Span> {
    let mut events: Vec<(DateTime<Utc>, usize, i32)> = Vec::new();
    for s in spans.into_iter().filter(|s| s.end > s.start) {
        events.push((s.start, severity(s.state), 1));
        events.push((s.end, severity(s.state), -1));
    }
    events.sort_unstable_by_key(|e| e.0);
    let mut counts = [0i32; 4];
    let mut out: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        while i < events.len() && events[i].0 == at {
            counts[events[i].1] += events[i].2;
            i += 1;
        }
        let Some(&(next, _, _)) = events.get(i) else { break };
        let Some(worst) = (0..4).rev().find(|&k| counts[k] > 0) else { continue };
        let state = BY_SEVERITY[worst];
        match out.last_mut() {
            Some(last) if last.end == at && last.state == state => last.end = next,
            _ => out.push(Span { state, start: at, end: next }),
        }
    }
    out
}

/// Lays `announcements` over a timeline from [`worst_of`]. Inside an announced window every part that is
/// not up becomes maintenance carrying the announcement with the longest notice; the evaluation measures
/// the notice from the part's start, so `announced_at` is shifted by the part's offset into the window
/// (the notice it shows is the notice before the window's start). Maintenance outside any announcement
/// is unannounced.
pub fn with_announcements(spans: &[Span], announcements: &[Announcement]) -> Vec<SlaInterval> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        if s.state == IntervalState::Up {
            out.push(SlaInterval { state: s.state, start: s.start, end: s.end, announced_at: None });
            continue;
        }
        let relevant: Vec<&Announcement> =
            announcements.iter().filter(|a| a.end > a.start && a.start < s.end && a.end > s.start).collect();
        let mut cuts: Vec<DateTime<Utc>> = vec![s.start, s.end];
        for a in &relevant {
            cuts.extend([a.start, a.end].into_iter().filter(|t| *t > s.start && *t < s.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (start, end) = (w[0], w[1]);
            let best = relevant.iter().filter(|a| a.start <= start && a.end >= end).max_by_key(|a| a.notice());
            let piece = match best {
                Some(a) => SlaInterval {
                    state: IntervalState::Maintenance,
                    start,
                    end,
                    announced_at: Some(a.announced_at + (start - a.start)),
                },
                None => SlaInterval { state: s.state, start, end, announced_at: None },
            };
            match out.last_mut() {
                Some(last) if last.end == start && joinable(last, &piece) => last.end = end,
                _ => out.push(piece),
            }
        }
    }
    out
}

/// Two adjacent pieces that the evaluation would treat the same way as one piece.
fn joinable(a: &SlaInterval, b: &SlaInterval) -> bool {
    a.state == b.state
        && match (a.announced_at, b.announced_at) {
            (None, None) => true,
            (Some(x), Some(y)) => x + (b.start - a.start) == y,
            _ => false,
        }
}

/// Seconds of `[start, end)` that no span covers.
pub fn uncovered_secs(spans: &[Span], start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    let merged = worst_of(spans.iter().copied());
    let covered: i64 = merged.iter().map(|s| (s.end.min(end) - s.start.max(start)).num_seconds().max(0)).sum();
    ((end - start).num_seconds() - covered).max(0)
}

#[cfg(test)]
#[path = "evidence_tests.rs"]
mod tests;
