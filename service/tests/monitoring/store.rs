//! The whole engine with the store-backed writer, on SQLite and PostgreSQL: what the scheduler
//! observed ends up as raw checks, non-overlapping state intervals and rollups whose totals equal the
//! raw checks, plus the vendor's incidents and maintenances.

use crate::support::*;
use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use domain::monitoring::{CheckState, StateInterval};
use domain::vendor::{Criticality, KvkNumber, NewVendor, NewVendorService, SourcingModel, VendorCategory};
use domain::VendorServiceId;
use service::monitoring::{PollResult, Source, Writer, WriterConfig};
use std::collections::HashMap;
use std::time::Duration;
use store::{Db, EventScope, Granularity, IntervalScope, NewSourceRow, SourceComponentRow, SourceId};
use tokio::sync::mpsc;
use vendor_sim::{Scenario, SimClock};

async fn vendor(db: &Db, name: &str, kvk: &str, criticality: Criticality) -> domain::VendorId {
    let mut tx = db.begin().await.unwrap();
    let vendor = NewVendor {
        name: name.into(),
        kvk: KvkNumber::parse("kvk", kvk).unwrap(),
        category: VendorCategory::ZaakgerichtWerken,
        sourcing: SourcingModel::Saas,
        criticality,
        notes: None,
    };
    let v = store::insert_vendor(&mut tx, &vendor, Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    v
}

async fn service(db: &Db, vendor: domain::VendorId, name: &str) -> VendorServiceId {
    let mut tx = db.begin().await.unwrap();
    let s =
        NewVendorService { name: name.into(), description: None, criticality: Criticality::Hoog, personal_data: false };
    let id = store::insert_service(&mut tx, vendor, &s).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// Stores a source and reads it back as the scheduler would, with a test interval instead of 10 s.
async fn stored_source(db: &Db, row: NewSourceRow, components: Vec<SourceComponentRow>) -> Source {
    let mut tx = db.begin().await.unwrap();
    let id = store::insert_source(&mut tx, &row, Utc::now()).await.unwrap();
    store::set_source_components(&mut tx, id, &components).await.unwrap();
    tx.commit().await.unwrap();
    let stored = store::get_source(db, id).await.unwrap();
    let parsed = Source::from_row(&stored, &store::source_components(db, id).await.unwrap(), None).unwrap();
    assert_eq!(parsed.interval, Duration::from_secs(10));
    Source::new_for_tests(
        parsed.id,
        parsed.service_id,
        parsed.name,
        parsed.spec,
        Duration::from_millis(150),
        Duration::from_secs(1),
    )
    .unwrap()
}

async fn stored_id(db: &Db, row: NewSourceRow) -> SourceId {
    let mut tx = db.begin().await.unwrap();
    let id = store::insert_source(&mut tx, &row, Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    id
}

fn new_source(service: VendorServiceId, kind: &str, config_json: String) -> NewSourceRow {
    NewSourceRow {
        service_id: service,
        kind: kind.into(),
        name: kind.into(),
        config_json,
        interval_secs: 10,
        timeout_ms: 1_000,
        enabled: true,
    }
}

fn assert_disjoint(intervals: &[StateInterval], what: &str) {
    for w in intervals.windows(2) {
        let end = w[0].end.unwrap_or_else(|| panic!("{what}: an open interval before another: {intervals:?}"));
        assert!(w[0].start < end && end <= w[1].start, "{what}: overlap in {intervals:?}");
    }
}

/// The states of consecutive intervals, repeats merged.
fn states(intervals: &[StateInterval]) -> Vec<CheckState> {
    let mut s: Vec<CheckState> = intervals.iter().map(|i| i.state).collect();
    s.dedup();
    s
}

async fn observations_become_checks_intervals_and_rollups(db: &Db) {
    let clock = SimClock::fixed(Utc::now());
    let scenarios = vec![
        Scenario::Outage { vendor: 0, component: 1, at: 10, minutes: 30 },
        Scenario::Maintenance { vendor: 0, component: 2, starts: 24 * 60, minutes: 60, announced_days_ahead: Some(5) },
    ];
    let sim = sim(scenarios, clock.clone()).await;
    let v = vendor(db, "Poldercloud", "12345678", Criticality::Hoog).await;
    let (portaal, api) = (service(db, v, "Portaal").await, service(db, v, "API").await);
    let components = &sim.vendors()[0].components;
    let health = format!(r#"{{"url":"{}/health","expected_status":200}}"#, sim.vendor_url(0));
    let probe = stored_source(db, new_source(api, "http", health), Vec::new()).await;
    let page = format!(r#"{{"base_url":"{}"}}"#, sim.vendor_url(0));
    let map = vec![
        SourceComponentRow { vendor_component_id: components[0].id.clone(), service_id: Some(portaal) },
        SourceComponentRow { vendor_component_id: components[1].id.clone(), service_id: Some(api) },
        SourceComponentRow { vendor_component_id: components[2].id.clone(), service_id: None },
    ];
    let statuspage = stored_source(db, new_source(portaal, "statuspage", page), map).await;
    let ids = [probe.id, statuspage.id];
    // What the scheduler would load: both, not the push source, and the JSON source without its secret
    // reported as unusable.
    let push = stored_id(db, new_source(api, "push", "{}".into())).await;
    let keyless = r#"{"url":"https://x.example/usage","auth_header":"X-Key","metrics":{"a":"/a"}}"#;
    let keyless = stored_id(db, new_source(api, "json", keyless.into())).await;
    let loaded = service::monitoring::load_sources(db, &[]).await.unwrap();
    let loaded_ids: Vec<SourceId> = loaded.sources.iter().map(|s| s.id).collect();
    assert_eq!(loaded_ids, ids, "push source {push} is not polled");
    assert_eq!(loaded.unusable.len(), 1);
    assert_eq!((loaded.unusable[0].0, loaded.unusable[0].1.field.as_str()), (keyless, "secret"));

    let started = Utc::now();
    let writer = Writer::resume(
        db.clone(),
        WriterConfig { max_batch: 8, flush_every: Duration::from_millis(200), ..WriterConfig::default() },
    );
    let writer = writer.await.unwrap();
    let (to_writer, from_tee) = mpsc::channel(1024);
    let stats = writer.spawn(from_tee);
    let (handle, mut rx) = start(vec![probe, statuspage], fast_config());
    // Counts what the scheduler sent, on its way to the writer.
    let tee = tokio::spawn(async move {
        let mut sent: HashMap<SourceId, u64> = HashMap::new();
        while let Some(r) = rx.recv().await {
            *sent.entry(r.source).or_default() += 1;
            to_writer.send(r).await.unwrap();
        }
        sent
    });

    tokio::time::sleep(Duration::from_millis(1_000)).await;
    clock.set_minute(15);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let open = store::open_incidents(db, EventScope::All).await.unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0].origin.source_id, ids[1]);
    clock.set_minute(50);
    tokio::time::sleep(Duration::from_millis(2_000)).await;
    handle.shutdown().await;
    let sent = tee.await.unwrap();
    let stats = stats.await.unwrap();
    assert_eq!(stats.failed_batches, 0, "{stats:?}");

    let (from, to) = (started - TimeDelta::days(2), Utc::now() + TimeDelta::hours(1));
    for id in ids {
        let stored = store::count_checks(db, id).await.unwrap();
        assert_eq!(stored, sent[&id], "every result of source {id} is one stored check");
        let checks = store::latest_checks(db, id, from).await.unwrap();
        for granularity in [Granularity::Hour, Granularity::Day] {
            let rollups = store::rollups_between(db, id, granularity, from, to).await.unwrap();
            let total = |f: fn(&domain::monitoring::Rollup) -> u32| rollups.iter().map(f).sum::<u32>() as usize;
            let raw = |s: CheckState| checks.iter().filter(|c| c.state == s).count();
            assert_eq!(total(|r| r.count), checks.len(), "{granularity:?} of {id}");
            assert_eq!(total(|r| r.up_count), raw(CheckState::Up));
            assert_eq!(total(|r| r.down_count), raw(CheckState::Down));
            assert_eq!(total(|r| r.latency_count()), checks.iter().filter(|c| c.latency_ms.is_some()).count());
        }
    }
    // Each source's status row is its newest check, and its last error the newest check with an error.
    let statuses = store::source_statuses(db).await.unwrap();
    for id in ids {
        let checks = store::latest_checks(db, id, from).await.unwrap();
        let newest = checks.last().unwrap();
        let status = statuses.iter().find(|s| s.source_id == id).unwrap();
        assert_eq!((status.checked_at, status.state, status.latency_ms), (newest.at, newest.state, newest.latency_ms));
        let failed = checks.iter().rev().find(|c| c.error.is_some());
        assert_eq!(
            status.last_error.as_ref().map(|(at, state, m)| (*at, *state, m.clone())),
            failed.map(|c| (c.at, c.state, c.error.clone().unwrap())),
            "source {id}"
        );
    }
    assert!(statuses.iter().find(|s| s.source_id == ids[0]).unwrap().last_error.is_some(), "the outage left an error");
    let intervals = store::intervals_between(db, IntervalScope::Source(ids[0]), from, to).await.unwrap();
    let probe_api: Vec<StateInterval> = intervals.iter().filter(|i| i.service_id == api).map(|i| i.interval).collect();
    assert_disjoint(&probe_api, "probe");
    assert_eq!(states(&probe_api), [CheckState::Up, CheckState::Down, CheckState::Up]);
    let intervals = store::intervals_between(db, IntervalScope::Source(ids[1]), from, to).await.unwrap();
    for (service, expected) in
        [(portaal, vec![CheckState::Up]), (api, vec![CheckState::Up, CheckState::Down, CheckState::Up])]
    {
        let of: Vec<StateInterval> = intervals.iter().filter(|i| i.service_id == service).map(|i| i.interval).collect();
        assert_disjoint(&of, "status page");
        assert_eq!(states(&of), expected, "{of:?}");
    }
    assert!(store::open_incidents(db, EventScope::All).await.unwrap().is_empty(), "the outage's incident was resolved");
    let upcoming = store::upcoming_maintenances(db, EventScope::All, Utc::now()).await.unwrap();
    assert_eq!(upcoming.len(), 1, "{upcoming:?}");

    // A restarted writer continues the open intervals instead of opening second ones.
    let mut again = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    let at: DateTime<Utc> = Utc::now();
    let mut r = PollResult::new(ids[0], domain::monitoring::CheckResult::new(at, CheckState::Up));
    r.states.push((api, CheckState::Up));
    again.commit(&[r], at).await.unwrap();
    let open_now = store::open_intervals(db).await.unwrap();
    assert_eq!(open_now.iter().filter(|o| o.source_id == ids[0]).count(), 1);
    sim.shutdown().await;
}

store::on_both_databases!(observations_become_checks_intervals_and_rollups);

fn result(source: SourceId, service: VendorServiceId, at: DateTime<Utc>, state: CheckState) -> PollResult {
    let mut r = PollResult::new(source, domain::monitoring::CheckResult::new(at, state));
    r.states.push((service, state));
    r.stale_after = Duration::from_secs(10);
    r
}

async fn a_silent_source_goes_stale_and_a_restarted_writer_carries_on(db: &Db) {
    let v = vendor(db, "Duinmail", "87654321", Criticality::Midden).await;
    let api = service(db, v, "API").await;
    let source = stored_id(db, new_source(api, "http", r#"{"url":"https://x.example/"}"#.into())).await;
    let t0 = Utc::now().trunc_subsecs(6) - TimeDelta::hours(2);
    let t = |s: i64| t0 + TimeDelta::seconds(s);

    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    writer.commit(&[result(source, api, t(0), CheckState::Up)], t(0)).await.unwrap();
    writer.commit(&[result(source, api, t(5), CheckState::Down)], t(5)).await.unwrap();
    // Nothing heard for longer than stale_after (10 s): the interval closes 10 s after the last check.
    writer.commit(&[], t(16)).await.unwrap();
    assert!(store::open_intervals(db).await.unwrap().is_empty());
    // A late result inside the closed stretch changes nothing.
    writer.commit(&[result(source, api, t(12), CheckState::Up)], t(17)).await.unwrap();

    let mut restarted = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    restarted.commit(&[result(source, api, t(20), CheckState::Up)], t(20)).await.unwrap();
    restarted.commit(&[result(source, api, t(25), CheckState::Up)], t(25)).await.unwrap();
    let got: Vec<StateInterval> = store::intervals_between(db, IntervalScope::Source(source), t(-1), t(100))
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.interval)
        .collect();
    let iv = |state, start, end: Option<i64>| StateInterval { state, start: t(start), end: end.map(t) };
    assert_eq!(got, [iv(CheckState::Up, 0, Some(5)), iv(CheckState::Down, 5, Some(15)), iv(CheckState::Up, 20, None)]);
    assert_eq!(store::count_checks(db, source).await.unwrap(), 5, "every result is a raw check, also the late one");
}

store::on_both_databases!(a_silent_source_goes_stale_and_a_restarted_writer_carries_on);

async fn an_error_followed_by_a_recovery_in_one_batch_stays_the_last_error(db: &Db) {
    let v = vendor(db, "Kustpost", "11223344", Criticality::Midden).await;
    let api = service(db, v, "API").await;
    let source = stored_id(db, new_source(api, "http", r#"{"url":"https://x.example/"}"#.into())).await;
    let t0 = Utc::now().trunc_subsecs(6) - TimeDelta::minutes(5);
    let mut failed = result(source, api, t0, CheckState::Down);
    failed.check.error = Some("Time-out na 1 seconde.".into());
    let mut older = result(source, api, t0 - TimeDelta::seconds(30), CheckState::Down);
    older.check.error = Some("Verbinding geweigerd.".into());
    let mut recovered = result(source, api, t0 + TimeDelta::seconds(10), CheckState::Up);
    recovered.tls_expiry = Some(t0 + TimeDelta::days(10));
    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    writer.commit(&[older, failed, recovered], t0 + TimeDelta::seconds(11)).await.unwrap();
    let status = store::source_statuses(db).await.unwrap().into_iter().find(|s| s.source_id == source).unwrap();
    assert_eq!((status.checked_at, status.state, status.error), (t0 + TimeDelta::seconds(10), CheckState::Up, None));
    assert_eq!(status.last_error, Some((t0, CheckState::Down, "Time-out na 1 seconde.".to_string())));
    assert_eq!(status.tls_expires_at, Some(t0 + TimeDelta::days(10)), "the certificate expiry is kept");
}

store::on_both_databases!(an_error_followed_by_a_recovery_in_one_batch_stays_the_last_error);

async fn figures_of_a_json_source_are_stored_with_the_batch(db: &Db) {
    let v = vendor(db, "Licentiewijs", "55667788", Criticality::Midden).await;
    let api = service(db, v, "Kantoorpakket").await;
    let json = r#"{"url":"https://x.example/usage","metrics":{"seats_active":"/seats/active"}}"#;
    let source = stored_id(db, new_source(api, "json", json.into())).await;
    let t0 = Utc::now().trunc_subsecs(6) - TimeDelta::minutes(5);
    let reading = |at, active: f64| {
        let mut r = PollResult::new(source, domain::monitoring::CheckResult::new(at, CheckState::Up));
        r.metrics = vec![("seats_active".into(), active), ("seats_purchased".into(), 250.0)];
        r
    };
    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    writer
        .commit(&[reading(t0, 180.0), reading(t0 + TimeDelta::minutes(1), 182.0)], t0 + TimeDelta::minutes(2))
        .await
        .unwrap();
    let latest = store::latest_metric_values(db, source).await.unwrap();
    let pairs: Vec<(&str, f64)> = latest.iter().map(|m| (m.name.as_str(), m.value)).collect();
    assert_eq!(pairs, [("seats_active", 182.0), ("seats_purchased", 250.0)]);
    let series = store::metric_series(db, source, "seats_active", t0, t0 + TimeDelta::hours(1)).await.unwrap();
    assert_eq!(series.len(), 2);
}

store::on_both_databases!(figures_of_a_json_source_are_stored_with_the_batch);
