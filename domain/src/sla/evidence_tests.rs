use super::*;
use crate::sla::{evaluate, Period, ServiceWindow, SlaTerms, Treatment};
use chrono::TimeZone;
use proptest::prelude::*;

fn t(d: u32, h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).single().unwrap_or_default()
}

fn span(state: IntervalState, a: DateTime<Utc>, b: DateTime<Utc>) -> Span {
    Span { state, start: a, end: b }
}

use IntervalState::{Degraded, Down, Maintenance, Up};

#[test]
fn the_worst_state_wins_at_every_instant_and_gaps_stay_gaps() {
    let merged = worst_of([
        span(Up, t(1, 0, 0), t(1, 10, 0)),
        span(Down, t(1, 9, 0), t(1, 9, 30)),
        span(Degraded, t(1, 9, 15), t(1, 11, 0)),
        span(Up, t(1, 12, 0), t(1, 13, 0)),
    ]);
    assert_eq!(
        merged,
        vec![
            span(Up, t(1, 0, 0), t(1, 9, 0)),
            span(Down, t(1, 9, 0), t(1, 9, 30)),
            span(Degraded, t(1, 9, 30), t(1, 11, 0)),
            span(Up, t(1, 12, 0), t(1, 13, 0)),
        ]
    );
}

#[test]
fn adjacent_spans_of_one_state_are_joined_and_empty_ones_ignored() {
    let merged = worst_of([
        span(Up, t(1, 0, 0), t(1, 1, 0)),
        span(Up, t(1, 1, 0), t(1, 2, 0)),
        span(Down, t(1, 1, 30), t(1, 1, 30)),
    ]);
    assert_eq!(merged, vec![span(Up, t(1, 0, 0), t(1, 2, 0))]);
}

#[test]
fn down_inside_an_announced_window_becomes_maintenance_with_the_notice_of_the_window() {
    let a = Announcement { start: t(10, 2, 0), end: t(10, 4, 0), announced_at: t(3, 2, 0) };
    let out = with_announcements(&[span(Down, t(10, 1, 0), t(10, 3, 0)), span(Up, t(10, 3, 0), t(10, 5, 0))], &[a]);
    assert_eq!(out.len(), 3);
    assert_eq!((out[0].state, out[0].announced_at), (Down, None), "before the window it stays down");
    assert_eq!(out[1].state, Maintenance);
    assert_eq!(out[1].start, t(10, 2, 0));
    assert_eq!(out[1].start - out[1].announced_at.unwrap_or_default(), TimeDelta::days(7));
    assert_eq!(out[2].state, Up, "up inside the window stays up");
}

#[test]
fn a_part_starting_late_in_a_late_announced_window_is_still_late() {
    // Announced one day ahead; the probe only goes down 3 days into a week-long window.
    let a = Announcement { start: t(10, 0, 0), end: t(17, 0, 0), announced_at: t(9, 0, 0) };
    let out = with_announcements(&[span(Down, t(13, 0, 0), t(13, 1, 0))], &[a]);
    let terms = SlaTerms {
        target_pct: 99.8,
        window: ServiceWindow::Always,
        maintenance_notice_days: 2,
        degraded_counts_as_down: false,
        staffel: vec![],
        credit_cap_pct: 100.0,
        monthly_fee_cents: 0,
    };
    let e = evaluate(&terms, &Period::month(2026, 11).unwrap_or(Period::month_of(t(1, 0, 0).date_naive())), &out);
    assert_eq!(e.findings[0].treatment, Treatment::Downtime);
    assert_eq!(e.downtime_minutes, 60.0);
}

#[test]
fn vendor_maintenance_without_an_announcement_is_unannounced() {
    let out = with_announcements(&[span(Maintenance, t(5, 1, 0), t(5, 2, 0))], &[]);
    assert_eq!(out, vec![SlaInterval { state: Maintenance, start: t(5, 1, 0), end: t(5, 2, 0), announced_at: None }]);
}

#[test]
fn pieces_of_one_announcement_are_joined_and_the_longest_notice_wins() {
    let early = Announcement { start: t(10, 2, 0), end: t(10, 4, 0), announced_at: t(1, 2, 0) };
    let late = Announcement { start: t(10, 3, 0), end: t(10, 5, 0), announced_at: t(10, 0, 0) };
    let out = with_announcements(
        &[span(Down, t(10, 2, 0), t(10, 3, 0)), span(Degraded, t(10, 3, 0), t(10, 5, 0))],
        &[early, late],
    );
    // 02-04 under the early announcement (9 days), 04-05 only the late one (3 hours).
    assert_eq!(out.len(), 2);
    assert_eq!((out[0].start, out[0].end), (t(10, 2, 0), t(10, 4, 0)));
    assert_eq!(out[0].start - out[0].announced_at.unwrap_or_default(), TimeDelta::days(9));
    assert_eq!((out[1].start, out[1].end), (t(10, 4, 0), t(10, 5, 0)));
    assert_eq!(out[1].start - out[1].announced_at.unwrap_or_default(), TimeDelta::hours(3));
}

#[test]
fn each_basis_reads_its_own_measurements() {
    let m = Measurements {
        probe: vec![span(Up, t(1, 0, 0), t(1, 1, 0)), span(Down, t(1, 1, 0), t(1, 2, 0))],
        vendor: vec![span(Up, t(1, 0, 0), t(1, 2, 0)), span(Degraded, t(1, 2, 0), t(1, 3, 0))],
        announcements: vec![],
    };
    let states = |b| m.intervals(b).iter().map(|i| i.state).collect::<Vec<_>>();
    assert_eq!(states(MeasurementBasis::Probe), vec![Up, Down]);
    assert_eq!(states(MeasurementBasis::Vendor), vec![Up, Degraded]);
    assert_eq!(states(MeasurementBasis::Worst), vec![Up, Down, Degraded]);
    assert!(!Measurements::default().has(MeasurementBasis::Worst));
    assert_eq!(uncovered_secs(&m.probe, t(1, 0, 0), t(1, 3, 0)), 3600);
}

fn arb_spans() -> impl Strategy<Value = Vec<Span>> {
    prop::collection::vec((0u8..4, 0i64..2000, 1i64..300), 0..30).prop_map(|v| {
        v.into_iter()
            .map(|(s, a, len)| {
                let state = BY_SEVERITY[s as usize];
                let start = t(1, 0, 0) + TimeDelta::minutes(a);
                span(state, start, start + TimeDelta::minutes(len))
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn worst_of_is_sorted_disjoint_and_covers_exactly_the_union(spans in arb_spans()) {
        let merged = worst_of(spans.iter().copied());
        for w in merged.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
            prop_assert!(!(w[0].end == w[1].start && w[0].state == w[1].state));
        }
        // Every minute: covered by the merge iff covered by an input, and with the worst input state.
        for m in 0..2300 {
            let at = t(1, 0, 0) + TimeDelta::minutes(m);
            let want = spans.iter().filter(|s| s.start <= at && at < s.end).map(|s| severity(s.state)).max();
            let got = merged.iter().find(|s| s.start <= at && at < s.end).map(|s| severity(s.state));
            prop_assert_eq!(want, got);
        }
    }

    #[test]
    fn announcements_never_change_the_covered_time(spans in arb_spans(), a in 0i64..2000, len in 1i64..600) {
        let merged = worst_of(spans.iter().copied());
        let start = t(1, 0, 0) + TimeDelta::minutes(a);
        let ann = Announcement { start, end: start + TimeDelta::minutes(len), announced_at: start - TimeDelta::days(3) };
        let out = with_announcements(&merged, &[ann]);
        let total = |v: &[SlaInterval]| v.iter().map(|i| (i.end - i.start).num_seconds()).sum::<i64>();
        let before: i64 = merged.iter().map(|s| (s.end - s.start).num_seconds()).sum();
        prop_assert_eq!(total(&out), before);
        for i in &out {
            prop_assert!(i.end > i.start);
        }
    }
}
