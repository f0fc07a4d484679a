use super::*;
use crate::sla::evidence::{Announcement, Span};
use crate::sla::{IntervalState, SlaTermsForm, TierForm};
use chrono::{TimeDelta, TimeZone};

fn form(basis: &str) -> SlaTermsForm {
    SlaTermsForm {
        target: "99,8".into(),
        window: "always".into(),
        period: "month".into(),
        basis: basis.into(),
        notice_days: "5".into(),
        staffel: vec![
            TierForm { below: "99,8".into(), credit: "5".into() },
            TierForm { below: "99,5".into(), credit: "10".into() },
        ],
        cap: "40".into(),
        monthly_fee: "1000".into(),
        ..SlaTermsForm::default()
    }
}

fn terms(basis: &str) -> ContractSlaTerms {
    ContractSlaTerms::parse(&form(basis)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn nov(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).single().unwrap_or_default()
}

fn span(state: IntervalState, a: DateTime<Utc>, b: DateTime<Utc>) -> Span {
    Span { state, start: a, end: b }
}

fn november() -> Period {
    Period::month(2026, 11).unwrap_or(Period::month_of(NaiveDate::MIN))
}

fn service(id: i64, m: Measurements) -> ServiceInput {
    ServiceInput { service_id: VendorServiceId(id), name: format!("dienst {id}"), measurements: m }
}

fn whole_month_up() -> Vec<Span> {
    let (s, e) = november().utc_bounds();
    vec![span(IntervalState::Up, s, e)]
}

#[test]
fn a_thirty_day_month_at_99_8_allows_one_hour_and_26_minutes() {
    let m = Measurements { vendor: whole_month_up(), ..Measurements::default() };
    let o = evaluate_contract(&terms("vendor"), 0, november(), nov(30, 23) + TimeDelta::days(2), &[service(1, m)]);
    let e = o.as_ref().and_then(|o| o.counted().cloned());
    let e = e.unwrap_or_else(|| panic!("no outcome"));
    assert_eq!(e.window_minutes, 43_200.0);
    assert_eq!(e.allowed_downtime_minutes, 86.4, "1 h 26 min");
    assert_eq!(e.availability_pct, 100.0);
}

#[test]
fn the_worst_service_counts_and_the_probe_and_vendor_figures_are_both_kept() {
    let probe_down = {
        let mut v = whole_month_up();
        v.push(span(IntervalState::Down, nov(10, 0), nov(10, 3)));
        v
    };
    let rosy = Measurements { probe: probe_down, vendor: whole_month_up(), announcements: vec![] };
    let fine = Measurements { vendor: whole_month_up(), ..Measurements::default() };
    let after = nov(30, 0) + TimeDelta::days(3);
    let o = evaluate_contract(&terms("worst"), 0, november(), after, &[service(1, fine), service(2, rosy)]);
    let o = o.unwrap_or_else(|| panic!("no outcome"));
    assert_eq!(o.worst, Some(1));
    assert!(!o.running);
    let worst = &o.services[1];
    assert_eq!(worst.counted.downtime_minutes, 180.0);
    assert_eq!(worst.vendor.as_ref().map(|e| e.availability_pct), Some(100.0));
    assert_eq!(worst.probe.as_ref().map(|e| e.downtime_minutes), Some(180.0));
    // 180 of 43,200 minutes down: 99.5833 %: below 99.8, not below 99.5: 5 % of EUR 1,000.
    assert_eq!(o.availability_pct(), Some(99.5833));
    assert!(o.breach());
    assert_eq!(o.credit_cents(), 5_000);
    assert_eq!(o.period_fee_cents, 100_000);
}

#[test]
fn announced_maintenance_is_excluded_and_unannounced_maintenance_is_downtime() {
    let mut vendor = whole_month_up();
    vendor.push(span(IntervalState::Maintenance, nov(12, 1), nov(12, 3)));
    vendor.push(span(IntervalState::Maintenance, nov(20, 1), nov(20, 2)));
    let announced = Announcement { start: nov(12, 1), end: nov(12, 3), announced_at: nov(2, 9) };
    let m = Measurements { vendor, announcements: vec![announced], ..Measurements::default() };
    let o = evaluate_contract(&terms("vendor"), 0, november(), nov(30, 0) + TimeDelta::days(2), &[service(1, m)]);
    let e = o.and_then(|o| o.counted().cloned()).unwrap_or_else(|| panic!("no outcome"));
    assert_eq!(e.excluded_minutes, 120.0);
    assert_eq!(e.downtime_minutes, 60.0);
    assert_eq!(e.service_minutes, 43_080.0);
}

#[test]
fn a_running_month_reports_so_far_with_a_projection_and_owes_nothing_yet() {
    let (s, _) = november().utc_bounds();
    let now = nov(11, 0) - TimeDelta::hours(1); // ten days of 30 in Amsterdam time
    let m = Measurements {
        vendor: vec![span(IntervalState::Up, s, now), span(IntervalState::Down, nov(5, 0), nov(5, 1))],
        ..Measurements::default()
    };
    let o = evaluate_contract(&terms("vendor"), 0, november(), now, &[service(1, m)]);
    let o = o.unwrap_or_else(|| panic!("no outcome"));
    assert!(o.running);
    assert_eq!(o.counted().map(|e| e.window_minutes), Some(14_400.0));
    let p = o.projection.unwrap_or_else(|| panic!("no projection"));
    // 60 minutes down so far and none after: 43,140 of 43,200 minutes, 99.8611 %: no breach yet.
    assert_eq!(p.availability_pct, 99.8611);
    assert!(!p.breach);
    assert_eq!(p.remaining_allowed_minutes, 26.4);
    assert_eq!(o.credit_cents(), 0);
}

#[test]
fn a_period_that_has_not_started_has_no_outcome_and_no_services_no_figure() {
    assert!(evaluate_contract(&terms("vendor"), 0, november(), nov(1, 0) - TimeDelta::days(1), &[]).is_none());
    let o = evaluate_contract(&terms("vendor"), 0, november(), nov(20, 0), &[]);
    assert_eq!(o.map(|o| o.availability_pct()), Some(None));
}

#[test]
fn a_service_without_measurements_is_100_percent_and_reported_unmeasured() {
    let o = evaluate_contract(
        &terms("probe"),
        0,
        november(),
        nov(30, 0) + TimeDelta::days(2),
        &[service(1, Measurements::default())],
    );
    let o = o.unwrap_or_else(|| panic!("no outcome"));
    assert!(!o.services[0].measured);
    assert_eq!(o.services[0].unmeasured_minutes, 43_200.0);
}

#[test]
fn quarters_are_calendar_quarters_and_their_credit_is_of_three_monthly_fees() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or_default();
    assert_eq!(period_containing(MeasurementPeriod::Quarter, d).label(), "2026-10-01/2027-01-01");
    let mut f = form("vendor");
    f.period = "quarter".into();
    let t = ContractSlaTerms::parse(&f).unwrap_or_else(|e| panic!("{e:?}"));
    let q = period_containing(MeasurementPeriod::Quarter, d);
    let o = evaluate_contract(&t, 0, q, nov(30, 0) + TimeDelta::days(40), &[]);
    assert_eq!(o.map(|o| o.period_fee_cents), Some(300_000));
}

#[test]
fn a_picked_month_must_be_a_month_that_has_begun_and_the_contract_ran_in() {
    use crate::error::Problem;
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
    let start = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap_or_default();
    assert_eq!(pick_month(None, today, None).map(|p| p.label()), Ok("2026-12".to_string()));
    assert_eq!(pick_month(Some("2025-03"), today, Some(start)).map(|p| p.label()), Ok("2025-03".to_string()));
    let problem = |t: &str| pick_month(Some(t), today, Some(start)).err().and_then(|e| e.for_field("maand"));
    assert_eq!(problem("2027-01"), Some(Problem::PeriodInFuture));
    assert_eq!(problem("2025-02"), Some(Problem::BeforeContractStart));
    for bad in ["2026-13", "26-11", "2026/11", "november", "2026-1"] {
        assert_eq!(problem(bad), Some(Problem::MonthFormat), "{bad}");
    }
    assert_eq!(recent_months(today, 3), vec!["2026-12", "2026-11", "2026-10"]);
}
