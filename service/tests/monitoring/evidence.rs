//! Evidence that must not be lost (issue 7, items 10 and 11), on SQLite and PostgreSQL: a source or
//! service deleted while it is polled costs only its own results, never the rest of the writer's
//! batch; and a pushed check becomes a state interval whichever way it is stored.

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use domain::monitoring::{CheckResult, CheckState, StateInterval};
use domain::vendor::{Criticality, KvkNumber, NewVendor, NewVendorService, SourcingModel, VendorCategory};
use domain::{VendorId, VendorServiceId};
use service::monitoring::{PollResult, Writer, WriterConfig};
use service::{Services, Settings};
use std::time::Duration;
use store::{Db, IncidentRow, IntervalScope, NewSourceRow, SourceId};
use tokio::sync::mpsc;

async fn vendor_with_services(db: &Db, name: &str, kvk: &str, services: &[&str]) -> (VendorId, Vec<VendorServiceId>) {
    let mut tx = db.begin().await.unwrap();
    let vendor = NewVendor {
        name: name.into(),
        kvk: KvkNumber::parse("kvk", kvk).unwrap(),
        category: VendorCategory::ZaakgerichtWerken,
        sourcing: SourcingModel::Saas,
        criticality: Criticality::Hoog,
        notes: None,
    };
    let v = store::insert_vendor(&mut tx, &vendor, Utc::now()).await.unwrap();
    let mut ids = Vec::new();
    for name in services {
        let s = NewVendorService {
            name: (*name).into(),
            description: None,
            criticality: Criticality::Hoog,
            personal_data: false,
        };
        ids.push(store::insert_service(&mut tx, v, &s).await.unwrap());
    }
    tx.commit().await.unwrap();
    (v, ids)
}

async fn source(db: &Db, service: VendorServiceId, kind: &str, config_json: &str) -> SourceId {
    let row = NewSourceRow {
        service_id: service,
        kind: kind.into(),
        name: format!("{kind} {}", service.0),
        config_json: config_json.into(),
        interval_secs: 60,
        timeout_ms: 1_000,
        enabled: true,
    };
    let mut tx = db.begin().await.unwrap();
    let id = store::insert_source(&mut tx, &row, Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    id
}

fn result(source: SourceId, states: &[(VendorServiceId, CheckState)], at: DateTime<Utc>) -> PollResult {
    let state = states.first().map_or(CheckState::Up, |s| s.1);
    let mut r = PollResult::new(source, CheckResult::new(at, state));
    r.states = states.to_vec();
    r.stale_after = Duration::from_secs(300);
    r
}

async fn intervals(db: &Db, source: SourceId, service: VendorServiceId, from: DateTime<Utc>) -> Vec<StateInterval> {
    store::intervals_between(
        db,
        IntervalScope::Source(source),
        from - TimeDelta::days(1),
        Utc::now() + TimeDelta::days(1),
    )
    .await
    .unwrap()
    .into_iter()
    .filter(|i| i.service_id == service)
    .map(|i| i.interval)
    .collect()
}

fn iv(state: CheckState, start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> StateInterval {
    StateInterval { state, start, end }
}

async fn a_deleted_source_or_service_costs_only_its_own_results_not_the_batch(db: &Db) {
    let (vendor, services) = vendor_with_services(db, "Bewijswerk", "24681357", &["Portaal", "API", "Archief"]).await;
    let (portaal, api, archief) = (services[0], services[1], services[2]);
    let probe = source(db, portaal, "http", r#"{"url":"https://portaal.example/"}"#).await;
    let doomed = source(db, api, "http", r#"{"url":"https://api.example/"}"#).await;
    let page = source(db, portaal, "statuspage", r#"{"base_url":"https://status.example"}"#).await;
    let t0 = Utc::now().trunc_subsecs(0) - TimeDelta::minutes(30);
    let t = |s: i64| t0 + TimeDelta::seconds(s);

    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    let first = [
        result(probe, &[(portaal, CheckState::Up)], t(0)),
        result(doomed, &[(api, CheckState::Up)], t(0)),
        result(page, &[(portaal, CheckState::Up), (archief, CheckState::Up)], t(0)),
    ];
    writer.commit(&first, t(0)).await.unwrap();

    // While they are polled, one source and one service the status page maps are deleted.
    let mut tx = db.begin().await.unwrap();
    store::delete_source(&mut tx, doomed).await.unwrap();
    store::delete_service(&mut tx, vendor, archief).await.unwrap();
    tx.commit().await.unwrap();

    let mut from_page = result(page, &[(portaal, CheckState::Down), (archief, CheckState::Down)], t(60));
    let incident = IncidentRow {
        vendor_incident_id: "inc-1".into(),
        name: "Storing portaal".into(),
        status: "investigating".into(),
        impact: "major".into(),
        created_at: t(50),
        updated_at: t(50),
        resolved_at: None,
        shortlink: None,
    };
    from_page.incidents = vec![(incident, Vec::new())];
    let second = [
        result(probe, &[(portaal, CheckState::Down)], t(60)),
        result(doomed, &[(api, CheckState::Down)], t(60)),
        from_page,
    ];
    writer.commit(&second, t(60)).await.expect("the batch is committed without the deleted source's results");

    assert_eq!(store::count_checks(db, probe).await.unwrap(), 2, "the other source's checks are kept");
    assert_eq!(store::count_checks(db, page).await.unwrap(), 2);
    assert_eq!(store::count_checks(db, doomed).await.unwrap(), 0);
    let down = [iv(CheckState::Up, t(0), Some(t(60))), iv(CheckState::Down, t(60), None)];
    assert_eq!(intervals(db, probe, portaal, t0).await, down);
    assert_eq!(intervals(db, page, portaal, t0).await, down, "the status page still feeds the service that exists");
    assert!(intervals(db, page, archief, t0).await.is_empty());
    let open = store::open_incidents(db, store::EventScope::All).await.unwrap();
    assert_eq!(open.len(), 1, "the status page's incident is stored: {open:?}");

    // Later batches carry on as usual, and the writer forgot the deleted source.
    writer.commit(&[result(probe, &[(portaal, CheckState::Up)], t(120))], t(120)).await.unwrap();
    assert_eq!(store::count_checks(db, probe).await.unwrap(), 3);
    let open = store::open_intervals(db).await.unwrap();
    assert!(open.iter().all(|o| o.source_id != doomed && o.service_id != archief), "{open:?}");
}

store::on_both_databases!(a_deleted_source_or_service_costs_only_its_own_results_not_the_batch);

/// A push source on a fresh service of a fresh vendor, with its token.
async fn push_source(db: &Db, vendor: &str, kvk: &str) -> (SourceId, VendorServiceId, String) {
    let (_, services) = vendor_with_services(db, vendor, kvk, &["Nachtbatch"]).await;
    let id = source(db, services[0], "push", "{}").await;
    let token = format!("{:0>64}", id.0);
    let mut tx = db.begin().await.unwrap();
    let hash = service::sources::push_token_hash(&token);
    store::set_source_push_token_hash(&mut tx, id, Some(&hash), Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    (id, services[0], token)
}

fn pushed(state: &str, at: DateTime<Utc>) -> Vec<u8> {
    format!(r#"{{"state": "{state}", "at": "{}"}}"#, at.to_rfc3339()).into_bytes()
}

async fn a_pushed_check_stored_without_the_writer_becomes_a_state_interval(db: &Db) {
    let (source, service, token) = push_source(db, "Nachtwerk", "13572468").await;
    let s = Services::new(db.clone(), Settings::default());
    let t0 = Utc::now().trunc_subsecs(0) - TimeDelta::seconds(60);
    let t = |s: i64| t0 + TimeDelta::seconds(s);
    // No polling engine at all (monitoring switched off).
    s.ingest_push(&token, &pushed("up", t(0))).await.unwrap();
    // A writer that has stopped.
    let (sink, stopped) = mpsc::channel::<PollResult>(8);
    drop(stopped);
    s.set_push_sink(Some(sink.downgrade()));
    s.ingest_push(&token, &pushed("down", t(30))).await.unwrap();
    s.ingest_push(&token, &pushed("down", t(45))).await.unwrap();
    assert_eq!(store::count_checks(db, source).await.unwrap(), 3);
    assert_eq!(
        intervals(db, source, service, t0).await,
        [iv(CheckState::Up, t(0), Some(t(30))), iv(CheckState::Down, t(30), None)]
    );
    let open = store::open_intervals(db).await.unwrap();
    let open = open.iter().find(|o| o.source_id == source).unwrap();
    assert_eq!(open.last_seen, t(45), "the latest push keeps the interval fresh");

    // A writer started afterwards continues the same interval.
    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    let mut next = result(source, &[(service, CheckState::Down)], t(60));
    next.stale_after = Duration::from_secs(180);
    writer.commit(&[next], t(60)).await.unwrap();
    assert_eq!(intervals(db, source, service, t0).await.len(), 2);
    drop(sink);
}

store::on_both_databases!(a_pushed_check_stored_without_the_writer_becomes_a_state_interval);

/// Without the writer the same rules hold as with it: silence closes the interval, and a late check
/// does not reopen the closed stretch (no overlapping intervals).
async fn pushes_without_the_writer_follow_the_writers_interval_rules(db: &Db) {
    let (source, service, token) = push_source(db, "Laatwerk", "97531864").await;
    let now = Utc::now().trunc_subsecs(0);
    let s = Services::with_clock(db.clone(), Settings::default(), service::clock::Clock::Fixed(now));
    let t = |s: i64| now + TimeDelta::seconds(s);
    // Pushed 10 minutes late: stale (3 x 60 s) long ago, so closed 180 s after it.
    s.ingest_push(&token, &pushed("up", t(-600))).await.unwrap();
    s.ingest_push(&token, &pushed("down", t(-540))).await.unwrap();
    s.ingest_push(&token, &pushed("up", t(-10))).await.unwrap();
    assert_eq!(store::count_checks(db, source).await.unwrap(), 3, "every check is kept");
    assert_eq!(
        intervals(db, source, service, t(-600)).await,
        [iv(CheckState::Up, t(-600), Some(t(-420))), iv(CheckState::Up, t(-10), None)]
    );
}

store::on_both_databases!(pushes_without_the_writer_follow_the_writers_interval_rules);

async fn a_push_waits_for_a_busy_writer_instead_of_going_around_it(db: &Db) {
    let (source, service, token) = push_source(db, "Drukwerk", "86420975").await;
    let s = Services::new(db.clone(), Settings::default());
    let t0 = Utc::now().trunc_subsecs(0) - TimeDelta::minutes(10);
    // The writer's queue is full.
    let (sink, mut queue) = mpsc::channel::<PollResult>(1);
    sink.send(result(source, &[(service, CheckState::Up)], t0)).await.unwrap();
    s.set_push_sink(Some(sink.downgrade()));
    let push = {
        let (s, token, body) = (s.clone(), token.clone(), pushed("down", t0 + TimeDelta::seconds(60)));
        tokio::spawn(async move { s.ingest_push(&token, &body).await })
    };
    // Correct code never finishes while the queue stays full, so this wait cannot make it fail; it only
    // gives a push that goes around the writer the time to do so.
    for _ in 0..50 {
        assert!(!push.is_finished(), "the push was stored around the busy writer");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(store::count_checks(db, source).await.unwrap(), 0);
    let waiting = queue.recv().await.unwrap();
    assert_eq!(push.await.unwrap().unwrap(), source.0);
    let queued = queue.try_recv().expect("the pushed check joined the writer's queue");
    assert_eq!(queued.states, [(service, CheckState::Down)]);
    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    writer.commit(&[waiting, queued], Utc::now()).await.unwrap();
    assert_eq!(store::count_checks(db, source).await.unwrap(), 2);
    let got = intervals(db, source, service, t0).await;
    assert_eq!(got.iter().map(|i| i.state).collect::<Vec<_>>(), [CheckState::Up, CheckState::Down]);
}

store::on_both_databases!(a_push_waits_for_a_busy_writer_instead_of_going_around_it);

/// Pushes of one source arriving at once without the writer extend its intervals one after the other:
/// none fails, and the intervals never overlap.
async fn simultaneous_pushes_without_the_writer_are_stored_one_after_the_other(db: &Db) {
    let (source, service, token) = push_source(db, "Tegelijkwerk", "11335577").await;
    let s = Services::new(db.clone(), Settings::default());
    let t0 = Utc::now().trunc_subsecs(0) - TimeDelta::seconds(30);
    let pushes: Vec<_> = (0..8)
        .map(|i| {
            let (s, token) = (s.clone(), token.clone());
            let body = pushed(if i % 2 == 0 { "up" } else { "down" }, t0 + TimeDelta::seconds(i));
            tokio::spawn(async move { s.ingest_push(&token, &body).await })
        })
        .collect();
    for push in pushes {
        assert_eq!(push.await.unwrap().unwrap(), source.0);
    }
    assert_eq!(store::count_checks(db, source).await.unwrap(), 8);
    let got = intervals(db, source, service, t0).await;
    for w in got.windows(2) {
        assert!(w[0].end.is_some_and(|end| w[0].start < end && end <= w[1].start), "overlap in {got:?}");
    }
    assert!(got.last().is_some_and(|i| i.end.is_none()), "{got:?}");
}

store::on_both_databases!(simultaneous_pushes_without_the_writer_are_stored_one_after_the_other);
