//! Problem reports for a known outage, and the anonymisation of closed requests.

use super::*;

/// A monitoring source of `kind` feeding `service`.
async fn source(db: &Db, service: VendorServiceId, kind: &str) -> store::SourceId {
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
    let id = store::insert_source(&mut tx, &row, t0() - Duration::days(30)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn intervals(db: &Db, src: store::SourceId, service: VendorServiceId, changes: &[IntervalChange]) {
    let mut tx = db.begin().await.unwrap();
    store::apply_interval_changes(&mut tx, src, service, changes, t0()).await.unwrap();
    tx.commit().await.unwrap();
}

async fn a_problem_report_for_a_service_with_a_known_outage_is_refused_with_a_link(db: &Db) {
    let w = world(db).await;
    let cli = system_actor();
    let documents = w.s.add_service(&cli, w.r.vendor, &service_form("Documentbeheer")).await.unwrap();
    let archive = w.s.add_service(&cli, w.r.vendor, &service_form("Archief")).await.unwrap();
    // Our probe sees the Zaaksysteem down since half an hour.
    let probe = source(db, w.r.service, "http").await;
    let down_since = t0() - Duration::minutes(30);
    intervals(
        db,
        probe,
        w.r.service,
        &[
            IntervalChange::Open { state: CheckState::Up, start: t0() - Duration::days(1) },
            IntervalChange::Close { end: down_since },
            IntervalChange::Open { state: CheckState::Down, start: down_since },
        ],
    )
    .await;
    // The vendor reports an open incident on Documentbeheer that our measurement does not see.
    let page = source(db, documents, "statuspage").await;
    let incident = IncidentRow {
        vendor_incident_id: "inc-1".into(),
        name: "Trage documenten".into(),
        status: "investigating".into(),
        impact: "minor".into(),
        created_at: t0() - Duration::hours(2),
        updated_at: t0() - Duration::hours(2),
        resolved_at: None,
        shortlink: Some("https://stspg.io/inc-1".into()),
    };
    let mut tx = db.begin().await.unwrap();
    store::upsert_incident(&mut tx, page, &incident, &[]).await.unwrap();
    tx.commit().await.unwrap();

    let catalogue = w.s.portal(&w.mw).await.unwrap().services;
    let health: Vec<_> = catalogue.iter().map(|s| (s.name.as_str(), s.health, s.since)).collect();
    assert_eq!(
        health,
        [
            ("Archief", Health::Unknown, None),
            ("Documentbeheer", Health::Degraded, Some(t0() - Duration::hours(2))),
            ("Zaaksysteem", Health::Down, Some(down_since))
        ]
    );
    let known = catalogue[1].incident.clone().unwrap();
    assert_eq!((known.name.as_str(), known.link.as_deref()), ("Trage documenten", Some("https://stspg.io/inc-1")));

    let problem = form_for(&w, FormPurpose::Problem).await;
    let report = |service: VendorServiceId| input(&[("veld_1", &service.to_string()), ("veld_2", "Het laadt niet.")]);
    let fill = w.s.form_to_fill(&w.mw, problem.id).await.unwrap();
    let seen = audit_count(db).await;
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(w.r.service), None).await;
    let link = format!("/zelfservice#dienst-{}", w.r.service);
    assert_eq!(problem_with_detail(refused, "veld_1"), (Problem::KnownDisruption, Some(link)));
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(documents), None).await;
    let vendor_link = Some("https://stspg.io/inc-1".to_string());
    assert_eq!(problem_with_detail(refused, "veld_1"), (Problem::KnownDisruption, vendor_link));
    assert_eq!(count_rows(db, "requests").await, 0);
    assert_eq!(audit_count(db).await, seen);

    // A service without a known disruption is reported, and needs no approval.
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(archive), None).await.unwrap();
    let v = w.s.request_view(&w.regisseur, filed.id).await.unwrap();
    assert_eq!((v.status, v.approvals), (RequestStatus::Approved, Approvals::default()));
    assert_eq!(values(&v), ["Archief", "Het laadt niet.", "", "nee"]);
    assert_eq!(v.steps, [Step::Start, Step::Cancel]);
    assert_eq!(kinds(&v), [(EventKind::Filed, None)]);
    assert_eq!(v.due_on, w.s.clock().today() + Duration::days(1));

    // Once the probe sees the Zaaksysteem up again, it can be reported.
    intervals(
        db,
        probe,
        w.r.service,
        &[IntervalChange::Close { end: t0() }, IntervalChange::Open { state: CheckState::Up, start: t0() }],
    )
    .await;
    let fill = w.s.form_to_fill(&w.mw, problem.id).await.unwrap();
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(w.r.service), None).await.unwrap();
    assert_eq!(w.s.request_view(&w.mw, filed.id).await.unwrap().status, RequestStatus::Approved);
    assert_eq!(w.s.portal(&w.mw).await.unwrap().mine.len(), 2);
}
both_dbs!(a_problem_report_for_a_service_with_a_known_outage_is_refused_with_a_link);

async fn closed_requests_are_anonymised_after_the_retention_period(db: &Db) {
    let clock = Clock::manual(t0());
    let w = world_with(db, clock.clone()).await;
    let closed = file_access(&w, &w.mw, "Bel mij op 06-12345678.").await;
    w.s.comment_on_request(&w.manager, closed, "Waarvoor precies?").await.unwrap();
    w.s.take_request_step(&w.mw, closed, Step::Cancel, "Toch niet nodig.").await.unwrap();
    let open = file_access(&w, &w.mw, "Deze blijft open.").await;
    let before_open = w.s.request_view(&w.regisseur, open).await.unwrap();

    let days = 30;
    clock.advance(Duration::days(days) - Duration::seconds(1));
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 0, "not yet");
    clock.advance(Duration::seconds(1));
    let seen = audit_count(db).await;
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 1);
    let entries = audit_since(db, seen).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].record.action.as_str(), entries[0].record.object.as_str()),
        ("requests.anonymise", "requests")
    );
    assert_eq!(entries[0].record.detail.as_deref(), Some("1 aanvragen, gesloten voor 2026-03-02 09:00 UTC"));

    let v = w.s.request_view(&w.regisseur, closed).await.unwrap();
    assert!(v.anonymised);
    assert_eq!((v.requester, v.requester_name.as_deref(), v.manager_name.as_deref()), (None, None, None));
    assert_eq!(v.status, RequestStatus::Cancelled);
    assert_eq!(values(&v), ["Zaaksysteem", "Een licentie", "2026-03-02", "[geanonimiseerd]"]);
    assert_eq!(v.answers[0].service, Some(w.r.service), "the service stays for the statistics");
    let history: Vec<_> = v.events.iter().map(|e| (e.kind, e.actor_name.as_deref(), e.text.as_deref())).collect();
    assert_eq!(
        history,
        [
            (EventKind::Filed, None, None),
            (EventKind::Comment, None, Some("[geanonimiseerd]")),
            (EventKind::Cancelled, None, Some("[geanonimiseerd]")),
            (EventKind::Anonymised, None, None)
        ]
    );
    assert_eq!(v.events[3].at, t0() + Duration::days(days));
    // Unlinked, the request is no longer the medewerker's (nor their manager's) to see.
    assert!(matches!(w.s.request_view(&w.mw, closed).await, Err(ServiceError::Forbidden)));
    assert!(matches!(w.s.request_view(&w.manager, closed).await, Err(ServiceError::Forbidden)));
    assert_eq!(w.s.portal(&w.mw).await.unwrap().mine.iter().map(|r| r.id).collect::<Vec<_>>(), [open]);
    let refused = w.s.comment_on_request(&w.regisseur, closed, "Nog iets.").await;
    assert_eq!(problem_with_detail(refused, "opmerking"), (Problem::StepNotAllowed, None));

    let list = w.s.request_list(&w.regisseur, None).await.unwrap();
    assert_eq!((list.total, list.open, list.overdue), (2, 1, 1), "the open one is past its five days");
    let overdue: Vec<_> = list.requests.iter().filter(|r| r.overdue).map(|r| r.id).collect();
    assert_eq!(overdue, [open]);
    assert_eq!(list.requests.iter().find(|r| r.id == closed).unwrap().requester_name, None);

    let seen = audit_count(db).await;
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 0, "a second run finds nothing");
    clock.advance(Duration::days(400));
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 0, "an open request is never anonymised");
    assert_eq!(audit_count(db).await, seen, "a run that anonymises nothing records nothing");
    let still_open = w.s.request_view(&w.regisseur, open).await.unwrap();
    assert!(!still_open.anonymised);
    assert_eq!((still_open.requester, still_open.answers.clone()), (Some(w.mw.user_id), before_open.answers));
    assert_eq!(still_open.events, before_open.events);
}
both_dbs!(closed_requests_are_anonymised_after_the_retention_period);
