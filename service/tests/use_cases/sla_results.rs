//! SLA results from stored measurements: the overview and a contract's report, on the contract's basis
//! with probe and vendor figures side by side, announced maintenance excluded, resolution times
//! checked, the running month projected, bad months refused at `maand`, and who may read them.

use crate::support::{problem_at, register, services, sla_form, user};
use chrono::{DateTime, TimeZone, Utc};
use domain::monitoring::{CheckState, IntervalChange};
use domain::sla::contract_terms::{SlaTermsForm, TierForm};
use domain::sla::evaluate::{Reason, Treatment};
use domain::{Problem, Role, VendorServiceId};
use service::ServiceError;
use store::{Db, IncidentRow, MaintenanceRow, NewSourceRow, SourceId};

fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap()
}

async fn source(db: &Db, service: VendorServiceId, kind: &str) -> SourceId {
    let row = NewSourceRow {
        service_id: service,
        kind: kind.into(),
        name: format!("{kind} bron"),
        config_json: r#"{"url":"https://status.example"}"#.into(),
        interval_secs: 60,
        timeout_ms: 5000,
        enabled: true,
    };
    let mut tx = db.begin().await.unwrap();
    let id = store::insert_source(&mut tx, &row, at(1, 1, 0, 0)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// Writes `spans` as consecutive intervals of (source, service); the last stays open when `open`.
async fn intervals(
    db: &Db,
    src: SourceId,
    service: VendorServiceId,
    spans: &[(CheckState, DateTime<Utc>)],
    end: Option<DateTime<Utc>>,
) {
    let mut changes = Vec::new();
    for (i, (state, start)) in spans.iter().enumerate() {
        if i > 0 {
            changes.push(IntervalChange::Close { end: *start });
        }
        changes.push(IntervalChange::Open { state: *state, start: *start });
    }
    if let Some(end) = end {
        changes.push(IntervalChange::Close { end });
    }
    let mut tx = db.begin().await.unwrap();
    let last = end.unwrap_or(spans.last().unwrap().1);
    store::apply_interval_changes(&mut tx, src, service, &changes, last).await.unwrap();
    tx.commit().await.unwrap();
}

fn terms_24x7() -> SlaTermsForm {
    SlaTermsForm {
        window: "always".into(),
        weekdays: Vec::new(),
        monthly_fee: "1000".into(),
        staffel: vec![
            TierForm { below: "99,8".into(), credit: "5".into() },
            TierForm { below: "99".into(), credit: "10".into() },
        ],
        ..sla_form()
    }
}

/// February 2026 (28 days, 40,320 minutes): the vendor reports announced maintenance on the 10th,
/// our probe sees it down then and again for two hours on the 15th; March runs until now (t0, 2 March).
async fn measured(db: &Db, service: VendorServiceId) {
    let (feb, mar) = (at(1, 31, 23, 0), at(2, 28, 23, 0));
    let page = source(db, service, "statuspage").await;
    let probe = source(db, service, "http").await;
    use CheckState::{Down, Maintenance, Up};
    intervals(db, page, service, &[(Up, feb), (Maintenance, at(2, 10, 1, 0)), (Up, at(2, 10, 3, 0))], None).await;
    intervals(
        db,
        probe,
        service,
        &[(Up, feb), (Down, at(2, 10, 1, 0)), (Up, at(2, 10, 3, 0)), (Down, at(2, 15, 10, 0)), (Up, at(2, 15, 12, 0))],
        Some(mar),
    )
    .await;
    intervals(db, probe, service, &[(Up, mar), (Down, at(3, 1, 8, 0)), (Up, at(3, 1, 8, 30))], None).await;
    let mut tx = db.begin().await.unwrap();
    let m = MaintenanceRow {
        vendor_maintenance_id: "m1".into(),
        name: "Database-upgrade".into(),
        status: "completed".into(),
        impact: "maintenance".into(),
        scheduled_for: Some(at(2, 10, 1, 0)),
        scheduled_until: Some(at(2, 10, 3, 0)),
        created_at: at(2, 1, 9, 0),
        updated_at: at(2, 10, 3, 0),
    };
    store::upsert_maintenance(&mut tx, page, &m, at(2, 1, 9, 0)).await.unwrap();
    let incident = IncidentRow {
        vendor_incident_id: "i1".into(),
        name: "Storing inloggen".into(),
        status: "resolved".into(),
        impact: "critical".into(),
        created_at: at(2, 15, 10, 5),
        updated_at: at(2, 15, 15, 5),
        resolved_at: Some(at(2, 15, 15, 5)),
        shortlink: None,
    };
    store::upsert_incident(&mut tx, page, &incident, &[]).await.unwrap();
    tx.commit().await.unwrap();
}

/// 24x7 terms (set by the command line) and February's measurements for `r`'s contract: a breach
/// that owes 5 % of EUR 1,000.
pub async fn breach_in_february(s: &service::Services, r: &crate::support::Register) {
    let cli = service::auth::system_actor();
    s.set_contract_sla_terms(&cli, r.contract, &terms_24x7()).await.unwrap();
    measured(s.db(), r.service).await;
}

async fn february_breaches_on_the_probe_while_the_vendor_reports_full_availability(db: &Db) {
    let s = services(db);
    let ict = user(&s, "ina", Role::IctManager).await;
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    s.set_contract_sla_terms(&regisseur, r.contract, &terms_24x7()).await.unwrap();
    measured(db, r.service).await;

    let report = s.contract_sla_report(&ict, r.contract, Some("2026-02")).await.unwrap().expect("terms set");
    assert!(!report.running);
    let svc = &report.services[0];
    // 120 announced minutes excluded; 120 probe minutes down on the 15th: 40,080 / 40,200.
    assert_eq!(svc.counted.excluded_minutes, 120.0);
    assert_eq!(svc.counted.downtime_minutes, 120.0);
    assert_eq!(report.availability_pct, Some(99.7015));
    assert_eq!((svc.probe_pct, svc.vendor_pct), (Some(99.7015), Some(100.0)));
    assert!(report.breach);
    assert_eq!((report.credit_pct, report.credit_cents), (5.0, 5_000));
    let excluded: Vec<_> = svc.counted.findings.iter().filter(|f| f.treatment == Treatment::Excluded).collect();
    assert_eq!(excluded.len(), 1);
    assert_eq!(excluded[0].reason, Reason::MaintenanceAnnouncedInTime);
    assert_eq!(report.incidents.len(), 1);
    assert_eq!((report.incidents[0].minutes, report.incidents[0].met), (300, Some(false)));

    let overview = s.sla_overview(&ict, Some("2026-02")).await.unwrap();
    let row = overview.rows.iter().find(|row| row.contract_id == r.contract).unwrap();
    assert!(row.breach && !row.running);
    assert_eq!((row.availability_pct, row.credit_cents), (Some(99.7015), 5_000));
    assert_eq!(row.resolution.missed, 1);
    assert_eq!(overview.credits_year_cents, 5_000);
    assert_eq!(overview.breaches, 1);

    // The running month: half an hour down so far; at month end (no more downtime) higher; nothing owed yet.
    let now = s.sla_overview(&ict, None).await.unwrap();
    assert!(now.current && now.month == "2026-03");
    let row = now.rows.iter().find(|row| row.contract_id == r.contract).unwrap();
    assert!(row.running);
    assert_eq!(row.credit_cents, 0);
    assert_eq!(row.credits_year_cents, 5_000, "January had nothing, February owes EUR 50");
    assert!(row.projected_pct.unwrap() > row.availability_pct.unwrap());
    assert!(!row.projected_breach);
    assert!(row.at_risk && !row.breach, "below target so far, but it can still be met");
    assert_eq!(row.services[0].state_now, Some(CheckState::Up));

    // Changed terms apply at once (the cached result is not reused).
    let lenient = SlaTermsForm { target: "99,5".into(), ..terms_24x7() };
    s.set_contract_sla_terms(&regisseur, r.contract, &lenient).await.unwrap();
    let report = s.contract_sla_report(&ict, r.contract, Some("2026-02")).await.unwrap().unwrap();
    assert!(!report.breach);
}
both_dbs!(february_breaches_on_the_probe_while_the_vendor_reports_full_availability);

async fn bad_months_are_refused_at_maand_and_only_readers_of_contracts_see_results(db: &Db) {
    let s = services(db);
    let ict = user(&s, "ina", Role::IctManager).await;
    let staff = user(&s, "mo", Role::Medewerker).await;
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    assert_eq!(s.contract_sla_report(&ict, r.contract, None).await.unwrap(), None, "no terms yet");
    s.set_contract_sla_terms(&regisseur, r.contract, &terms_24x7()).await.unwrap();
    for (month, problem) in [
        ("2026-04", Problem::PeriodInFuture),
        ("2023-12", Problem::BeforeContractStart),
        ("maart", Problem::MonthFormat),
        ("2026-13", Problem::MonthFormat),
    ] {
        assert_eq!(problem_at(s.contract_sla_report(&ict, r.contract, Some(month)).await, "maand"), problem, "{month}");
    }
    assert_eq!(problem_at(s.sla_overview(&ict, Some("2027-01")).await, "maand"), Problem::PeriodInFuture);
    assert!(matches!(s.sla_overview(&staff, None).await, Err(ServiceError::Forbidden)));
    assert!(matches!(s.contract_sla_report(&staff, r.contract, None).await, Err(ServiceError::Forbidden)));
    assert!(matches!(
        s.contract_sla_report(&ict, domain::ContractId(r.contract.0 + 999), None).await,
        Err(ServiceError::NotFound)
    ));
    // Without measurements the month is reported as unmeasured, not as a breach.
    let report = s.contract_sla_report(&ict, r.contract, Some("2026-02")).await.unwrap().unwrap();
    assert!(!report.services[0].measured && !report.breach);
}
both_dbs!(bad_months_are_refused_at_maand_and_only_readers_of_contracts_see_results);

async fn a_claimed_credit_is_recorded_with_its_amount_and_audited_and_only_for_a_closed_breach(db: &Db) {
    use crate::support::{audit_count, audit_since, snapshot};
    use domain::sla::claims::CreditClaimForm;
    let s = services(db);
    let ict = user(&s, "ina", Role::IctManager).await;
    let auditor = user(&s, "anna", Role::Auditor).await;
    let r = register(&s, "1").await;
    breach_in_february(&s, &r).await;
    let form = |maand: &str, status: &str| CreditClaimForm {
        maand: maand.into(),
        status: status.into(),
        note: "brief 12".into(),
    };

    let audited = audit_count(db).await;
    s.record_credit_claim(&ict, r.contract, &form("2026-02", "claimed")).await.unwrap();
    s.record_credit_claim(&ict, r.contract, &form("2026-02", "received")).await.unwrap();
    let report = s.contract_sla_report(&auditor, r.contract, Some("2026-02")).await.unwrap().unwrap();
    let claim = report.claim.expect("recorded");
    assert_eq!((claim.status.as_str(), claim.amount_cents, claim.recorded_by.as_str()), ("received", 5_000, "ina"));
    let entries = audit_since(db, audited).await;
    let details: Vec<_> = entries
        .iter()
        .filter(|e| e.record.action == "sla.credit.record")
        .map(|e| e.record.detail.clone().unwrap_or_default())
        .collect();
    assert_eq!(details, vec!["2026-02: none -> claimed (€ 50,00)", "2026-02: claimed -> received (€ 50,00)"]);

    // Nothing is recorded for a running month, a month without credit, or with a bad status.
    let before = snapshot(db).await;
    assert_eq!(
        problem_at(s.record_credit_claim(&ict, r.contract, &form("2026-03", "claimed")).await, "maand"),
        Problem::PeriodNotClosed
    );
    assert_eq!(
        problem_at(s.record_credit_claim(&ict, r.contract, &form("2026-01", "claimed")).await, "maand"),
        Problem::NoCreditOwed
    );
    assert_eq!(
        problem_at(s.record_credit_claim(&ict, r.contract, &form("2026-02", "paid")).await, "status"),
        Problem::UnknownChoice
    );
    assert!(matches!(
        s.record_credit_claim(&auditor, r.contract, &form("2026-02", "claimed")).await,
        Err(ServiceError::Forbidden)
    ));
    assert_eq!(snapshot(db).await, before);
}
both_dbs!(a_claimed_credit_is_recorded_with_its_amount_and_audited_and_only_for_a_closed_breach);

/// The server refreshes the running month ahead of the requests: a refresh evaluates it again although
/// the cached result is still fresh, so the overview shows new downtime without waiting out the cache.
async fn a_refresh_evaluates_the_running_month_again_while_requests_read_the_cache(db: &Db) {
    let s = services(db);
    let ict = user(&s, "ina", Role::IctManager).await;
    let r = register(&s, "1").await;
    breach_in_february(&s, &r).await;
    assert_eq!(s.refresh_sla_results().await.unwrap(), 1, "one contract has SLA terms");
    let before = s.sla_overview(&ict, None).await.unwrap().rows[0].availability_pct.unwrap();

    // Another hour down on 1 March, stored after the refresh.
    let probe = store::list_sources(db).await.unwrap().into_iter().find(|x| x.settings.kind == "http").unwrap().id;
    let changes = [
        IntervalChange::Close { end: at(3, 1, 10, 0) },
        IntervalChange::Open { state: CheckState::Down, start: at(3, 1, 10, 0) },
        IntervalChange::Close { end: at(3, 1, 11, 0) },
        IntervalChange::Open { state: CheckState::Up, start: at(3, 1, 11, 0) },
    ];
    let mut tx = db.begin().await.unwrap();
    store::apply_interval_changes(&mut tx, probe, r.service, &changes, at(3, 1, 11, 0)).await.unwrap();
    tx.commit().await.unwrap();
    let cached = s.sla_overview(&ict, None).await.unwrap().rows[0].availability_pct.unwrap();
    assert_eq!(cached, before, "within its lifetime the running month comes from the cache");

    s.refresh_sla_results().await.unwrap();
    let after = s.sla_overview(&ict, None).await.unwrap().rows[0].availability_pct.unwrap();
    assert!(after < before, "the refresh counted the new hour: {after} < {before}");
    let feb = s.sla_overview(&ict, Some("2026-02")).await.unwrap().rows[0].credit_cents;
    assert_eq!(feb, 5_000, "closed months are kept");
}
both_dbs!(a_refresh_evaluates_the_running_month_again_while_requests_read_the_cache);

/// A request that arrives while the refresh evaluates waits for it (one evaluation at a time) and gets
/// the same figures; nothing deadlocks when both need the same periods.
async fn a_request_during_the_refresh_gets_the_same_figures(db: &Db) {
    let s = services(db);
    let ict = user(&s, "ina", Role::IctManager).await;
    let r = register(&s, "1").await;
    breach_in_february(&s, &r).await;
    let (refreshed, during) = tokio::join!(s.refresh_sla_results(), s.sla_overview(&ict, Some("2026-02")));
    assert_eq!(refreshed.unwrap(), 1);
    let during = during.unwrap();
    let after = s.sla_overview(&ict, Some("2026-02")).await.unwrap();
    assert_eq!(during.rows[0].availability_pct, Some(99.7015));
    assert_eq!(during.rows, after.rows);
}
both_dbs!(a_request_during_the_refresh_gets_the_same_figures);
