//! The planned history on its own: complete and contiguous, the same for the same clock, and telling
//! the story of `story.rs` under the demo's own SLA terms, whatever day the demo starts.

use super::*;
use crate::demo::events;
use crate::demo::rollups::{probe_rollups, CHECK_EVERY};
use crate::demo::sla::terms;
use crate::demo::story::*;
use crate::demo::VENDORS;
use chrono::TimeZone;
use domain::monitoring::{day_start, Rollup};
use domain::sla::evidence::{self, Announcement, Measurements};
use domain::sla::{evaluate, Evaluation, IntervalState, MeasurementBasis, Period};
use domain::vendor::Criticality;

fn shapes() -> Vec<VendorShape> {
    VENDORS
        .iter()
        .enumerate()
        .map(|(i, v)| VendorShape { services: v.services.len(), probe: i < 4, always: v.crit == Criticality::Vitaal })
        .collect()
}

/// Start times to try: every month of two years, on another day and hour each, and awkward moments.
fn clocks() -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for m in 0..24 {
        let (y, mo) = (2026 + m / 12, (m % 12) as u32 + 1);
        out.extend(Utc.with_ymd_and_hms(y, mo, 1 + (m * 5 % 28) as u32, (m * 7 % 24) as u32, 17, 3).single());
    }
    out.extend(Utc.with_ymd_and_hms(2027, 5, 31, 21, 59, 59).single());
    out.extend(Utc.with_ymd_and_hms(2026, 10, 1, 0, 5, 0).single());
    out.extend(Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).single());
    out.extend(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).single());
    out
}

fn state(s: CheckState) -> IntervalState {
    match s {
        CheckState::Up => IntervalState::Up,
        CheckState::Down => IntervalState::Down,
        CheckState::Degraded => IntervalState::Degraded,
        CheckState::Maintenance => IntervalState::Maintenance,
    }
}

/// What the SLA pages read for service `s` of vendor `v`: the vendor's report, the probe (service 0
/// only) and the announced maintenances with when they were first seen.
fn measurements(v: usize, h: &VendorHistory, s: usize) -> Measurements {
    let spans = |spans: &[Span]| {
        spans.iter().map(|x| evidence::Span { state: state(x.state), start: x.start, end: x.end }).collect()
    };
    let announcements = h
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| events::maintenance(v, i, e))
        .map(|(m, first_seen)| Announcement {
            start: m.scheduled_for.unwrap(),
            end: m.scheduled_until.unwrap(),
            announced_at: first_seen,
        })
        .collect();
    let probe = if s == 0 { spans(&h.probe) } else { Vec::new() };
    Measurements { probe, vendor: spans(&h.reported[s]), announcements }
}

/// Per month, the worst evaluation over the vendor's reported services, and the probe's (if any).
fn evaluations(now: DateTime<Utc>, v: usize, h: &VendorHistory) -> Vec<(Evaluation, Option<Evaluation>)> {
    let shape = shapes()[v];
    let t = terms(shape.always, shape.probe).unwrap().terms;
    let measured: Vec<Measurements> = (0..h.reported.len()).map(|s| measurements(v, h, s)).collect();
    months(now)
        .iter()
        .map(|m| {
            let p = Period::month_of(m.first);
            let worst = measured
                .iter()
                .map(|x| evaluate(&t, &p, &x.intervals(MeasurementBasis::Vendor)))
                .min_by(|a, b| a.availability_pct.total_cmp(&b.availability_pct))
                .unwrap();
            let probe =
                (!h.probe.is_empty()).then(|| evaluate(&t, &p, &measured[0].intervals(MeasurementBasis::Probe)));
            (worst, probe)
        })
        .collect()
}

#[test]
fn every_series_covers_the_thirteen_months_up_to_now_without_gap_or_overlap() {
    for now in clocks() {
        let plan = plan(now, &shapes());
        let first = months(now)[0];
        assert_eq!(plan.start, first.start);
        assert_eq!(first.start.with_timezone(&Amsterdam).format("%d %H:%M").to_string(), "01 00:00", "{now}");
        let today = now.with_timezone(&Amsterdam).date_naive();
        assert_eq!(
            (today.year() * 12 + today.month() as i32) - (first.first.year() * 12 + first.first.month() as i32),
            12
        );
        for (v, h) in plan.vendors.iter().enumerate() {
            assert_eq!(h.reported.len(), VENDORS[v].services.len());
            assert_eq!(h.probe.is_empty(), v >= 4);
            for spans in h.reported.iter().chain([&h.probe].into_iter().filter(|p| !p.is_empty())) {
                assert_eq!(spans.first().map(|s| s.start), Some(plan.start), "{now} vendor {v}");
                assert_eq!(spans.last().map(|s| s.end), Some(now), "{now} vendor {v}");
                for w in spans.windows(2) {
                    assert_eq!(w[0].end, w[1].start, "{now} vendor {v}");
                    assert_ne!(w[0].state, w[1].state, "{now} vendor {v}");
                }
                assert!(spans.iter().all(|s| s.start < s.end));
            }
        }
    }
}

#[test]
fn the_same_clock_gives_the_same_plan_and_another_clock_another() {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    assert_eq!(plan(now, &shapes()), plan(now, &shapes()));
    assert_ne!(plan(now, &shapes()), plan(now + TimeDelta::days(40), &shapes()));
}

#[test]
fn the_story_holds_whatever_day_the_demo_starts() {
    for now in clocks() {
        let plan = plan(now, &shapes());
        for (v, h) in plan.vendors.iter().enumerate() {
            for (m, (reported, probe)) in evaluations(now, v, h).iter().enumerate() {
                let what = format!(
                    "{now}: vendor {v} month {m}: {} / {:?}",
                    reported.availability_pct,
                    probe.as_ref().map(|p| p.availability_pct)
                );
                let expected = match v {
                    BURGERLOKET => BURGERLOKET_BREACHES.contains(&m),
                    NETWERK_NOORD => NETWERK_NOORD_BREACHES.contains(&m),
                    _ => false,
                };
                assert_eq!(reported.breach, expected, "{what}");
                if expected {
                    assert!([5.0, 10.0].contains(&reported.credit_pct), "{what}");
                } else {
                    assert_eq!(reported.credit_pct, 0.0, "{what}");
                }
                if let Some(probe) = probe {
                    let probe_expected = expected || (v == CLOUDKANTOOR && m == CLOUDKANTOOR_PROBE_BREACH);
                    assert_eq!(probe.breach, probe_expected, "{what}");
                }
            }
        }
    }
}

#[test]
fn this_month_only_the_two_vendors_of_the_story_have_downtime() {
    for now in clocks() {
        let plan = plan(now, &shapes());
        for (v, h) in plan.vendors.iter().enumerate() {
            let (reported, probe) = &evaluations(now, v, h)[MONTHS - 1];
            let downtime = reported.downtime_minutes.max(probe.as_ref().map_or(0.0, |p| p.downtime_minutes));
            let elapsed = (now - months(now)[MONTHS - 1].start).num_minutes() as f64;
            match v {
                SOCIAAL_NET | VEILIG_VERBONDEN if elapsed >= 60.0 => {
                    assert!(downtime > 0.0 && downtime <= 20.0 && downtime <= elapsed / 5.0, "{now} {v}: {downtime}");
                }
                SOCIAAL_NET | VEILIG_VERBONDEN => assert!(downtime <= elapsed / 5.0, "{now} {v}: {downtime}"),
                _ => assert_eq!(downtime, 0.0, "{now} vendor {v}"),
            }
        }
    }
}

#[test]
fn incidents_and_maintenances_are_mostly_on_time_with_a_few_exceptions() {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let plan = plan(now, &shapes());
    let (mut incidents, mut late_incidents, mut late, mut unannounced, mut maintenances) = (0, 0, 0, 0, 0);
    for (v, h) in plan.vendors.iter().enumerate() {
        for (i, e) in h.events.iter().enumerate() {
            if let Some((row, updates)) = events::incident(v, i, e) {
                incidents += 1;
                let resolved = row.resolved_at.unwrap();
                assert!(row.created_at >= e.start && row.created_at < resolved && resolved == e.end);
                assert!(updates.windows(2).all(|w| w[0].created_at <= w[1].created_at));
                let target = match row.impact.as_str() {
                    "critical" => 240,
                    "major" => 480,
                    _ => 2880,
                };
                late_incidents += usize::from((resolved - row.created_at).num_minutes() > target);
            }
            if let Kind::Maintenance(notice) = e.kind {
                maintenances += 1;
                match (notice, events::maintenance(v, i, e)) {
                    (Notice::Unannounced, None) => unannounced += 1,
                    (Notice::Ahead(d), Some((row, first_seen))) => {
                        assert_eq!((row.scheduled_for, row.scheduled_until), (Some(e.start), Some(e.end)));
                        assert_eq!(first_seen, e.start - d);
                        late += usize::from(d < TimeDelta::days(5));
                    }
                    other => panic!("{other:?}"),
                }
            }
        }
    }
    assert!((150..=450).contains(&incidents), "{incidents} incidents");
    assert!(late_incidents >= 3 && late_incidents * 10 < incidents, "{late_incidents} of {incidents} late");
    assert_eq!((late, unannounced), (2, 2));
    assert!(maintenances >= 40, "{maintenances}");
}

#[test]
fn probe_rollups_count_a_check_every_15_seconds_and_have_believable_latencies() {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 7).unwrap();
    let plan = plan(now, &shapes());
    let spans = &plan.vendors[CLOUDKANTOOR].probe;
    let (hours, days) = probe_rollups(spans, plan.start, now, 2);
    let expected = ((now - plan.start).num_seconds() + 14) / CHECK_EVERY.num_seconds();
    assert_eq!(days.iter().map(|d| i64::from(d.count)).sum::<i64>(), expected);
    let down: i64 = spans.iter().filter(|s| s.state == CheckState::Down).map(|s| (s.end - s.start).num_seconds()).sum();
    let counted: i64 = days.iter().map(|d| i64::from(d.down_count)).sum();
    assert!((counted - down / 15).abs() <= spans.len() as i64, "{counted} down checks for {down} s down");
    assert!(days.iter().all(|d| d.count == d.up_count + d.down_count && d.latency_count() == d.up_count));
    assert!((28 * 24..=31 * 24).contains(&hours.len()), "{} hours", hours.len());
    assert_eq!(days.len() as i64, (day_start(now) - day_start(plan.start)).num_days() + 1);
    // The hourly days add up to their daily rollup.
    for d in days.iter().filter(|d| d.bucket_start >= hours[0].bucket_start) {
        let mut sum = Rollup::new(d.bucket_start);
        for h in hours.iter().filter(|h| day_start(h.bucket_start) == d.bucket_start) {
            sum.merge(h);
        }
        assert_eq!(&sum, d);
    }
    let p50: Vec<u32> = days.iter().filter_map(|d| d.percentile(50.0)).collect();
    let p95: Vec<u32> = days.iter().filter_map(|d| d.percentile(95.0)).collect();
    let share = |v: &[u32], ms: u32| v.iter().filter(|x| **x == ms).count() * 100 / v.len();
    assert!(share(&p50, 250) > 90, "p50 mostly in 100-250 ms: {p50:?}");
    assert!(share(&p95, 500) > 75, "p95 mostly in 250-500 ms: {p95:?}");
    assert!(p95.iter().any(|p| *p >= 1_000), "a few bad days");
    let mean = days[10].mean_latency_ms().unwrap();
    assert!((100..250).contains(&mean), "{mean}");
}

#[test]
fn the_story_names_the_vendors_it_means() {
    let name = |v: usize| VENDORS[v].name;
    assert_eq!(name(ZAAKWIJS), "Zaakwijs B.V.");
    assert_eq!(name(BURGERLOKET), "Burgerloket Online B.V.");
    assert_eq!(name(CLOUDKANTOOR), "CloudKantoor Nederland B.V.");
    assert_eq!(name(FINSTROOM), "FinStroom B.V.");
    assert_eq!(name(PERSONEELSPLEIN), "Personeelsplein B.V.");
    assert_eq!(name(SOCIAAL_NET), "Sociaal Net B.V.");
    assert_eq!(name(VEILIG_VERBONDEN), "Veilig Verbonden B.V.");
    assert_eq!(name(NETWERK_NOORD), "Netwerk Noord Hosting B.V.");
    assert_eq!(name(HEFFINGWIJZER), "Heffingwijzer B.V.");
    // Burgerloket's breaches need its 24x7 terms, Netwerk Noord's and CloudKantoor's office hours.
    let shapes = shapes();
    assert!(shapes[BURGERLOKET].always && shapes[BURGERLOKET].probe);
    assert!(!shapes[NETWERK_NOORD].always && !shapes[NETWERK_NOORD].probe);
    assert!(!shapes[CLOUDKANTOOR].always && shapes[CLOUDKANTOOR].probe);
}
