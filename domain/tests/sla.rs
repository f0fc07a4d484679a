//! SLA evaluation: the worked example and the rules of docs/SLA.md, bad scenario files, and
//! properties over random intervals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use domain::sla::scenario::{result_json, Scenario};
use domain::sla::*;
use proptest::prelude::*;

const OCTOBER: &str = include_str!("fixtures/sla/october-2026-office-hours.json");

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn always(target: f64) -> SlaTerms {
    SlaTerms {
        target_pct: target,
        window: ServiceWindow::Always,
        maintenance_notice_days: 5,
        degraded_counts_as_down: false,
        staffel: vec![
            CreditTier { below_pct: 99.8, credit_pct: 5.0 },
            CreditTier { below_pct: 99.5, credit_pct: 10.0 },
            CreditTier { below_pct: 99.0, credit_pct: 20.0 },
        ],
        credit_cap_pct: 40.0,
        monthly_fee_cents: 1_000_000,
    }
}

fn down(start: &str, end: &str) -> SlaInterval {
    SlaInterval { state: IntervalState::Down, start: utc(start), end: utc(end), announced_at: None }
}

#[test]
fn the_worked_example_of_october_2026_comes_out_exactly() {
    let s = Scenario::parse(OCTOBER).unwrap();
    let out: serde_json::Value = serde_json::from_str(&result_json(&s.evaluate())).unwrap();
    let expected = serde_json::json!({"window_minutes": 13200.0, "excluded_minutes": 120.0, "service_minutes": 13080.0,
        "downtime_minutes": 100.0, "availability_pct": 99.2355, "breach": true, "credit_pct": 5, "credit_cents": 42500});
    for (k, v) in expected.as_object().unwrap() {
        assert_eq!(&out[k], v, "{k}");
    }
    let minutes: Vec<f64> =
        out["intervals"].as_array().unwrap().iter().map(|f| f["minutes_in_window"].as_f64().unwrap()).collect();
    assert_eq!(minutes, [30.0, 240.0, 120.0, 30.0, 0.0, 40.0]);
    let reasons: Vec<&str> =
        out["intervals"].as_array().unwrap().iter().map(|f| f["reason"].as_str().unwrap()).collect();
    assert_eq!(
        reasons,
        [
            "down",
            "degraded_does_not_count",
            "maintenance_announced_in_time",
            "maintenance_announced_late",
            "outside_window",
            "down"
        ]
    );
}

#[test]
fn a_30_day_24x7_month_at_99_8_percent_allows_1_h_26_min_of_downtime() {
    let june = Period::month(2026, 6).unwrap();
    let e = evaluate(&always(99.8), &june, &[]);
    assert_eq!(e.service_minutes, 43_200.0);
    assert_eq!(e.allowed_downtime_minutes, 86.4);
    assert_eq!((e.availability_pct, e.breach, e.credit_cents), (100.0, false, 0));
    // 86 minutes down keeps the target; 87 minutes breaks it.
    let ok = evaluate(&always(99.8), &june, &[down("2026-06-10T10:00:00Z", "2026-06-10T11:26:00Z")]);
    assert!(!ok.breach, "{}", ok.availability_pct);
    let late = evaluate(&always(99.8), &june, &[down("2026-06-10T10:00:00Z", "2026-06-10T11:27:00Z")]);
    assert!(late.breach, "{}", late.availability_pct);
    assert_eq!((late.credit_pct, late.credit_cents), (5.0, 50_000));
}

#[test]
fn announced_maintenance_is_excluded_and_unannounced_maintenance_is_downtime() {
    let june = Period::month(2026, 6).unwrap();
    let maintenance = |start: &str, end: &str, announced: Option<&str>| SlaInterval {
        state: IntervalState::Maintenance,
        start: utc(start),
        end: utc(end),
        announced_at: announced.map(utc),
    };
    let e = evaluate(
        &always(99.5),
        &june,
        &[
            maintenance("2026-06-06T22:00:00Z", "2026-06-07T02:00:00Z", Some("2026-06-01T22:00:00Z")),
            maintenance("2026-06-13T22:00:00Z", "2026-06-13T23:00:00Z", Some("2026-06-09T22:00:01Z")),
            maintenance("2026-06-20T22:00:00Z", "2026-06-20T22:30:00Z", None),
        ],
    );
    assert_eq!(e.excluded_minutes, 240.0, "exactly 5 x 24 h ahead is in time");
    assert_eq!(e.downtime_minutes, 90.0, "one second late, and unannounced");
    assert_eq!(e.service_minutes, 43_200.0 - 240.0);
}

#[test]
fn a_period_without_service_time_is_100_percent_and_says_so() {
    // A window on Sundays only, excluding holidays, evaluated over a month with a Sunday outage.
    let terms = SlaTerms {
        window: ServiceWindow::Weekly {
            weekdays: [false, false, false, false, false, false, true],
            from_minute: 0,
            to_minute: 60,
            exclude_holidays: false,
        },
        ..always(99.9)
    };
    let e = evaluate(&terms, &Period::month(2026, 6).unwrap(), &[down("2026-06-07T10:00:00Z", "2026-06-07T11:00:00Z")]);
    assert_eq!(e.downtime_minutes, 0.0);
    assert_eq!(e.availability_pct, 100.0);
    let mut none = terms.clone();
    none.window =
        ServiceWindow::Weekly { weekdays: [false; 7], from_minute: 0, to_minute: 60, exclude_holidays: false };
    let e = evaluate(&none, &Period::month(2026, 6).unwrap(), &[]);
    assert!(e.has_no_service_time());
    assert_eq!((e.availability_pct, e.breach), (100.0, false));
}

fn refusal(text: &str) -> String {
    Scenario::parse(text).unwrap_err().field
}

fn with(path: &[&str], value: serde_json::Value) -> String {
    let mut v: serde_json::Value = serde_json::from_str(OCTOBER).unwrap();
    let mut at = &mut v;
    for p in &path[..path.len() - 1] {
        at = match p.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*p],
        };
    }
    let last = path[path.len() - 1];
    match last.parse::<usize>() {
        Ok(i) => at[i] = value,
        Err(_) => at[last] = value,
    }
    v.to_string()
}

#[test]
fn bad_scenarios_are_refused_at_the_field_that_is_wrong() {
    use serde_json::json;
    let cases = [
        (with(&["period"], json!("2026-13")), "period"),
        (with(&["period"], json!("oktober")), "period"),
        (with(&["terms", "target_pct"], json!(0)), "terms.target_pct"),
        (with(&["terms", "target_pct"], json!(100.01)), "terms.target_pct"),
        (with(&["terms", "window", "weekdays"], json!([])), "terms.window.weekdays"),
        (with(&["terms", "window", "weekdays"], json!([7])), "terms.window.weekdays[0]"),
        (with(&["terms", "window", "to"], json!("08:00")), "terms.window.to"),
        (with(&["terms", "window", "from"], json!("8:00")), "terms.window.from"),
        (with(&["terms", "window", "kind"], json!("sometimes")), "terms.window.kind"),
        (with(&["terms", "staffel", "1", "below"], json!(99.5)), "terms.staffel[1].below"),
        (with(&["terms", "staffel", "2", "credit_pct"], json!(10)), "terms.staffel[2].credit_pct"),
        (with(&["terms", "credit_cap_pct"], json!(101)), "terms.credit_cap_pct"),
        (with(&["terms", "monthly_fee_cents"], json!(-1)), "terms.monthly_fee_cents"),
        (with(&["intervals", "0", "end"], json!("2026-10-05T15:30:00Z")), "intervals[0].end"),
        (with(&["intervals", "0", "state"], json!("kapot")), "intervals[0].state"),
        (with(&["intervals", "1", "start"], json!("2026-10-05T16:00:00Z")), "intervals[1]"),
        (with(&["intervals", "2", "announced_at"], json!("gisteren")), "intervals[2].announced_at"),
        ("{not json".to_string(), "(file)"),
        ("[]".to_string(), "(file)"),
    ];
    for (text, field) in cases {
        assert_eq!(refusal(&text), field, "{text}");
    }
}

fn arb_intervals() -> impl Strategy<Value = Vec<SlaInterval>> {
    // Non-overlapping intervals around October 2026 (a DST month), starting up to a day before it.
    let start = Utc.with_ymd_and_hms(2026, 9, 29, 0, 0, 0).unwrap();
    prop::collection::vec((0i64..600, 1i64..900, 0u8..4, prop::option::of(0i64..20)), 0..40).prop_map(move |parts| {
        let mut t = start;
        parts
            .into_iter()
            .map(|(gap, len, s, ahead)| {
                let a = t + TimeDelta::minutes(gap * 7);
                let b = a + TimeDelta::minutes(len);
                t = b;
                let state =
                    [IntervalState::Up, IntervalState::Down, IntervalState::Degraded, IntervalState::Maintenance]
                        [s as usize];
                SlaInterval { state, start: a, end: b, announced_at: ahead.map(|d| a - TimeDelta::days(d)) }
            })
            .collect()
    })
}

fn office() -> SlaTerms {
    SlaTerms {
        window: ServiceWindow::Weekly {
            weekdays: [true, true, true, true, true, false, false],
            from_minute: 7 * 60,
            to_minute: 19 * 60,
            exclude_holidays: true,
        },
        degraded_counts_as_down: true,
        ..always(99.5)
    }
}

proptest! {
    #[test]
    fn availability_stays_between_0_and_100(iv in arb_intervals(), office_hours in any::<bool>()) {
        let terms = if office_hours { office() } else { always(99.5) };
        let e = evaluate(&terms, &Period::month(2026, 10).unwrap(), &iv);
        prop_assert!((0.0..=100.0).contains(&e.availability_pct));
        prop_assert!(e.downtime_minutes <= e.service_minutes);
        prop_assert!(e.service_minutes + e.excluded_minutes == e.window_minutes);
        prop_assert!(e.credit_pct <= terms.credit_cap_pct);
    }

    #[test]
    fn splitting_the_intervals_at_any_instant_keeps_the_downtime(iv in arb_intervals(), cut in 0usize..40, at in 1i64..899) {
        let terms = office();
        let october = Period::month(2026, 10).unwrap();
        let whole = evaluate(&terms, &october, &iv);
        let mut split = Vec::new();
        for (i, x) in iv.iter().enumerate() {
            let mid = x.start + TimeDelta::minutes(at);
            if i == cut && mid < x.end {
                split.push(SlaInterval { end: mid, ..x.clone() });
                split.push(SlaInterval { start: mid, announced_at: x.announced_at, ..x.clone() });
            } else {
                split.push(x.clone());
            }
        }
        let parts = evaluate(&terms, &october, &split);
        // Splitting a maintenance interval moves its second half's start, which can change whether it
        // was announced in time; compare down and degraded time only when no maintenance was split.
        let split_maintenance = iv.get(cut).is_some_and(|x| x.state == IntervalState::Maintenance);
        if !split_maintenance {
            prop_assert_eq!(whole.downtime_minutes, parts.downtime_minutes);
            prop_assert_eq!(whole.excluded_minutes, parts.excluded_minutes);
        }
    }

    #[test]
    fn two_half_periods_hold_the_downtime_of_the_whole(iv in arb_intervals()) {
        // The window of October split at the DST change gives the same total as the whole month.
        let terms = always(99.5);
        let whole = evaluate(&terms, &Period::month(2026, 10).unwrap(), &iv);
        let first = Period { first: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(), end: chrono::NaiveDate::from_ymd_opt(2026, 10, 25).unwrap() };
        let second = Period { first: chrono::NaiveDate::from_ymd_opt(2026, 10, 25).unwrap(), end: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() };
        let (a, b) = (evaluate(&terms, &first, &iv), evaluate(&terms, &second, &iv));
        prop_assert_eq!(a.window_minutes + b.window_minutes, whole.window_minutes);
        prop_assert_eq!(a.downtime_minutes + b.downtime_minutes, whole.downtime_minutes);
        prop_assert_eq!(a.excluded_minutes + b.excluded_minutes, whole.excluded_minutes);
        prop_assert_eq!(b.window_minutes, 7.0 * 24.0 * 60.0 + 60.0, "the 25-hour day");
    }
}
