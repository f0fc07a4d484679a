//! Monitoring sources and raw checks, and the fixtures the other monitoring tests share.

use crate::fixtures::{at, begin, service, vendor};
use chrono::{DateTime, Utc};
use domain::monitoring::{CheckResult, CheckState, IntervalChange, Rollup};
use domain::VendorServiceId;
use store::{Db, EventScope, Granularity, IntervalScope, NewSourceRow, SourceId, StoreError};

pub fn new_source(service: VendorServiceId, name: &str) -> NewSourceRow {
    NewSourceRow {
        service_id: service,
        kind: "http".into(),
        name: name.into(),
        config_json: r#"{"url":"https://status.zaakwijs.nl/health","expected_status":200}"#.into(),
        interval_secs: 60,
        timeout_ms: 5_000,
        enabled: true,
    }
}

/// Commits a source and returns its id.
pub async fn source(db: &Db, service: VendorServiceId, name: &str) -> SourceId {
    let mut tx = begin(db).await;
    let id = store::insert_source(&mut tx, &new_source(service, name), at(0)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// A vendor with one service and one source on it.
pub async fn monitored(db: &Db) -> (VendorServiceId, SourceId) {
    let v = vendor(db, "Zaakwijs").await;
    let s = service(db, v, "Zaaksysteem").await;
    (s, source(db, s, "Health endpoint").await)
}

pub fn check(at: DateTime<Utc>, state: CheckState, latency_ms: Option<u32>) -> CheckResult {
    CheckResult { latency_ms, ..CheckResult::new(at, state) }
}

fn is_check_violation<T: std::fmt::Debug>(r: &Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::Unexpected(sqlx::Error::Database(d))) if d.is_check_violation())
}

async fn sources_round_trip_and_are_listed_with_their_service_and_vendor(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let s = service(db, v, "Zaaksysteem").await;
    let w = vendor(db, "Atlas").await;
    let t = service(db, w, "Kaarten").await;
    let mut push = new_source(t, "Heartbeat");
    push.kind = "push".into();
    push.enabled = false;
    let mut tx = begin(db).await;
    let a = store::insert_source(&mut tx, &new_source(s, "Health"), at(0)).await.unwrap();
    let b = store::insert_source(&mut tx, &push, at(1)).await.unwrap();
    store::set_source_secret(&mut tx, a, Some("v1.sealed.c2VjcmV0"), at(2)).await.unwrap();
    store::set_source_push_token_hash(&mut tx, b, Some("sha256:abc"), at(3)).await.unwrap();
    tx.commit().await.unwrap();

    let got = store::get_source(db, a).await.unwrap();
    assert_eq!((got.id, &got.settings), (a, &new_source(s, "Health")));
    assert_eq!((got.secret_sealed.as_deref(), got.push_token_hash.as_deref()), (Some("v1.sealed.c2VjcmV0"), None));
    assert_eq!((got.created_at, got.updated_at), (at(0), at(2)));
    assert!(!format!("{got:?}").contains("c2VjcmV0"), "the sealed secret stays out of Debug");

    let list = store::list_sources(db).await.unwrap();
    let rows: Vec<_> = list
        .iter()
        .map(|x| (x.id, x.vendor_name.as_str(), x.service_name.as_str(), x.has_secret, x.has_push_token))
        .collect();
    assert_eq!(rows, [(b, "Atlas", "Kaarten", false, true), (a, "Zaakwijs", "Zaaksysteem", true, false)]);
    assert_eq!((list[0].vendor_id, &list[0].settings), (w, &push));

    let enabled = store::list_enabled_sources(db).await.unwrap();
    assert_eq!(enabled.iter().map(|x| x.id).collect::<Vec<_>>(), [a]);
    assert_eq!(store::source_by_push_token_hash(db, "sha256:abc").await.unwrap().map(|x| x.id), Some(b));
    assert_eq!(store::source_by_push_token_hash(db, "sha256:other").await.unwrap(), None);

    // An edit keeps the secret; removing it is explicit.
    let mut changed = new_source(t, "Health v2");
    changed.interval_secs = 10;
    let mut tx = begin(db).await;
    store::update_source(&mut tx, a, &changed, at(4)).await.unwrap();
    tx.commit().await.unwrap();
    let got = store::get_source(db, a).await.unwrap();
    assert_eq!((&got.settings, got.secret_sealed.is_some(), got.updated_at), (&changed, true, at(4)));
    let mut tx = begin(db).await;
    store::set_source_secret(&mut tx, a, None, at(5)).await.unwrap();
    store::delete_source(&mut tx, b).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::get_source(db, a).await.unwrap().secret_sealed, None);
    assert!(matches!(store::get_source(db, b).await, Err(StoreError::NotFound)));
    assert_eq!(store::source_by_push_token_hash(db, "sha256:abc").await.unwrap(), None);
}
conformance!(sources_round_trip_and_are_listed_with_their_service_and_vendor);

async fn unknown_sources_are_not_found_and_push_tokens_are_unique(db: &Db) {
    let (s, a) = monitored(db).await;
    let b = source(db, s, "Second").await;
    let nobody = SourceId(999);
    assert!(matches!(store::get_source(db, nobody).await, Err(StoreError::NotFound)));
    let mut tx = begin(db).await;
    let r = store::update_source(&mut tx, nobody, &new_source(s, "X"), at(0)).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    assert!(matches!(store::set_source_secret(&mut tx, nobody, Some("x"), at(0)).await, Err(StoreError::NotFound)));
    assert!(matches!(store::delete_source(&mut tx, nobody).await, Err(StoreError::NotFound)));
    store::set_source_push_token_hash(&mut tx, a, Some("h"), at(0)).await.unwrap();
    let r = store::set_source_push_token_hash(&mut tx, b, Some("h"), at(0)).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "push_token"), "{r:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let r = store::insert_source(&mut tx, &new_source(VendorServiceId(999), "Orphan"), at(0)).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "foreign_key"), "{r:?}");
}
conformance!(unknown_sources_are_not_found_and_push_tokens_are_unique);

async fn the_database_refuses_intervals_below_ten_seconds_and_unknown_kinds(db: &Db) {
    let (s, a) = monitored(db).await;
    let mut fast = new_source(s, "Too fast");
    fast.interval_secs = 9;
    let mut tx = begin(db).await;
    let r = store::insert_source(&mut tx, &fast, at(0)).await;
    assert!(is_check_violation(&r), "{r:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let r = store::update_source(&mut tx, a, &fast, at(0)).await;
    assert!(is_check_violation(&r), "{r:?}");
    drop(tx);
    let mut odd = new_source(s, "Odd");
    odd.kind = "ftp".into();
    let mut tx = begin(db).await;
    let r = store::insert_source(&mut tx, &odd, at(0)).await;
    assert!(is_check_violation(&r), "{r:?}");
    drop(tx);
    for kind in store::SOURCE_KINDS {
        let mut ok = new_source(s, kind);
        (ok.kind, ok.interval_secs) = (kind.into(), 10);
        let mut tx = begin(db).await;
        store::insert_source(&mut tx, &ok, at(0)).await.unwrap();
        tx.commit().await.unwrap();
    }
    assert_eq!(store::get_source(db, a).await.unwrap().settings.interval_secs, 60);
    assert_eq!(store::list_sources(db).await.unwrap().len(), 5);
}
conformance!(the_database_refuses_intervals_below_ten_seconds_and_unknown_kinds);

async fn deleting_a_service_deletes_its_sources_and_everything_they_recorded(db: &Db) {
    let (s, a) = monitored(db).await;
    let keep = source(db, service(db, vendor(db, "Geowijs").await, "Kaarten").await, "Other").await;
    let mut tx = begin(db).await;
    store::insert_checks(
        &mut tx,
        &[(a, check(at(1), CheckState::Up, Some(5))), (keep, check(at(1), CheckState::Up, None))],
    )
    .await
    .unwrap();
    let open = [IntervalChange::Open { state: CheckState::Up, start: at(1) }];
    store::apply_interval_changes(&mut tx, a, s, &open, at(1)).await.unwrap();
    store::upsert_rollup(&mut tx, a, Granularity::Hour, &Rollup::new(at(0))).await.unwrap();
    let incident = crate::monitoring_events::incident("inc-1", "investigating", None);
    store::upsert_incident(&mut tx, a, &incident, &[]).await.unwrap();
    let m = crate::monitoring_events::maintenance("mnt-1", Some(at(86_400)));
    store::upsert_maintenance(&mut tx, a, &m, at(1)).await.unwrap();
    tx.commit().await.unwrap();

    let vendor_id = store::get_service(db, s).await.unwrap().vendor_id;
    let mut tx = begin(db).await;
    store::delete_service(&mut tx, vendor_id, s).await.unwrap();
    tx.commit().await.unwrap();
    assert!(matches!(store::get_source(db, a).await, Err(StoreError::NotFound)));
    assert_eq!(store::list_sources(db).await.unwrap().iter().map(|x| x.id).collect::<Vec<_>>(), [keep]);
    assert_eq!((store::count_checks(db, a).await.unwrap(), store::count_checks(db, keep).await.unwrap()), (0, 1));
    assert!(store::open_intervals(db).await.unwrap().is_empty());
    assert!(store::rollups_between(db, a, Granularity::Hour, at(-3600), at(3600)).await.unwrap().is_empty());
    assert!(store::open_incidents(db, EventScope::All).await.unwrap().is_empty());
    assert!(store::upcoming_maintenances(db, EventScope::All, at(0)).await.unwrap().is_empty());
}
conformance!(deleting_a_service_deletes_its_sources_and_everything_they_recorded);

async fn ten_thousand_checks_go_in_with_one_call(db: &Db) {
    let (s, a) = monitored(db).await;
    let b = source(db, s, "Second").await;
    let states = CheckState::ALL;
    let checks: Vec<(SourceId, CheckResult)> = (0..10_000i64)
        .map(|i| {
            let mut c = check(at(i), states[(i % 4) as usize], (i % 3 != 0).then_some(i as u32));
            c.status_code = (i % 5 != 0).then_some(200 + (i % 5) as u16);
            c.error = (i % 7 == 0).then(|| format!("timeout après {i} ms"));
            (if i % 2 == 0 { a } else { b }, c)
        })
        .collect();
    let before = store::storage_bytes_estimate(db).await.unwrap();
    let mut tx = begin(db).await;
    assert_eq!(store::insert_checks(&mut tx, &checks).await.unwrap(), 10_000);
    assert_eq!(store::insert_checks(&mut tx, &[]).await.unwrap(), 0);
    tx.commit().await.unwrap();
    assert_eq!(store::count_checks(db, a).await.unwrap(), 5_000);
    assert_eq!(store::count_checks(db, b).await.unwrap(), 5_000);
    assert!(store::storage_bytes_estimate(db).await.unwrap() > before, "the estimate grows with the checks");

    let latest = store::latest_checks(db, a, at(9_900)).await.unwrap();
    let expected: Vec<CheckResult> =
        checks.iter().filter(|(s, c)| *s == a && c.at >= at(9_900)).map(|(_, c)| c.clone()).collect();
    assert_eq!(latest.len(), 50);
    assert_eq!(latest, expected, "every field round-trips, oldest first");
}
conformance!(ten_thousand_checks_go_in_with_one_call);

async fn pruning_deletes_only_older_checks_in_batches(db: &Db) {
    let (s, a) = monitored(db).await;
    let b = source(db, s, "Second").await;
    // 12,000 old checks on one source (more than two prune batches), a few on the other.
    let mut checks: Vec<(SourceId, CheckResult)> =
        (0..12_000).map(|i| (a, check(at(i), CheckState::Up, Some(20)))).collect();
    checks.extend((11_990..12_010).map(|i| (b, check(at(i), CheckState::Down, None))));
    let mut tx = begin(db).await;
    store::insert_checks(&mut tx, &checks).await.unwrap();
    tx.commit().await.unwrap();

    assert_eq!(store::prune_checks(db, at(11_995)).await.unwrap(), 11_995 + 5);
    assert_eq!(store::count_checks(db, a).await.unwrap(), 5);
    assert_eq!(store::count_checks(db, b).await.unwrap(), 15);
    let kept = store::latest_checks(db, b, at(0)).await.unwrap();
    assert_eq!(kept.first().map(|c| c.at), Some(at(11_995)), "a check exactly at the cut-off stays");
    assert_eq!(store::prune_checks(db, at(11_995)).await.unwrap(), 0);
}
conformance!(pruning_deletes_only_older_checks_in_batches);

async fn a_rolled_back_transaction_leaves_nothing(db: &Db) {
    let (s, existing) = monitored(db).await;
    let mut tx = begin(db).await;
    let a = store::insert_source(&mut tx, &new_source(s, "Never"), at(0)).await.unwrap();
    store::insert_checks(&mut tx, &[(a, check(at(1), CheckState::Up, Some(5)))]).await.unwrap();
    store::insert_checks(&mut tx, &[(existing, check(at(1), CheckState::Up, Some(5)))]).await.unwrap();
    let open = [IntervalChange::Open { state: CheckState::Up, start: at(1) }];
    store::apply_interval_changes(&mut tx, existing, s, &open, at(1)).await.unwrap();
    store::upsert_rollup(&mut tx, existing, Granularity::Hour, &Rollup::new(at(0))).await.unwrap();
    let incident = crate::monitoring_events::incident("inc-1", "investigating", None);
    store::upsert_incident(&mut tx, existing, &incident, &[]).await.unwrap();
    let m = crate::monitoring_events::maintenance("mnt-1", Some(at(86_400)));
    store::upsert_maintenance(&mut tx, existing, &m, at(1)).await.unwrap();
    drop(tx);

    assert_eq!(store::list_sources(db).await.unwrap().iter().map(|x| x.id).collect::<Vec<_>>(), [existing]);
    assert_eq!(store::count_checks(db, existing).await.unwrap(), 0);
    assert!(store::open_intervals(db).await.unwrap().is_empty());
    let interval_rows = store::intervals_between(db, IntervalScope::Service(s), at(-1), at(10)).await.unwrap();
    assert!(interval_rows.is_empty());
    assert!(store::rollups_between(db, existing, Granularity::Hour, at(-3600), at(3600)).await.unwrap().is_empty());
    assert!(store::open_incidents(db, EventScope::All).await.unwrap().is_empty());
    assert!(store::upcoming_maintenances(db, EventScope::All, at(0)).await.unwrap().is_empty());
}
conformance!(a_rolled_back_transaction_leaves_nothing);

async fn storage_per_table_counts_rows_and_grows_with_them(db: &Db) {
    let (s, a) = monitored(db).await;
    let empty = store::monitoring_storage(db).await.unwrap();
    assert_eq!(empty.iter().map(|t| t.table.as_str()).collect::<Vec<_>>(), store::MONITORING_TABLES);
    assert!(empty.iter().all(|t| t.rows == 0), "{empty:?}");
    let checks: Vec<(SourceId, CheckResult)> =
        (0..2_000i64).map(|i| (a, check(at(i), CheckState::Up, Some(i as u32)))).collect();
    let mut tx = begin(db).await;
    store::insert_checks(&mut tx, &checks).await.unwrap();
    store::apply_interval_changes(
        &mut tx,
        a,
        s,
        &[IntervalChange::Open { state: CheckState::Up, start: at(0) }],
        at(1),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let full = store::monitoring_storage(db).await.unwrap();
    let table = |list: &[store::TableStorage], name: &str| list.iter().find(|t| t.table == name).unwrap().clone();
    assert_eq!(table(&full, "checks").rows, 2_000);
    assert_eq!(table(&full, "state_intervals").rows, 1);
    let grown = table(&full, "checks").bytes - table(&empty, "checks").bytes;
    // A check row with its index entries takes tens of bytes, not a few and not kilobytes.
    assert!((2_000 * 10..2_000 * 1_000).contains(&grown), "checks grew by {grown} bytes");
    assert_eq!(store::integrity_check(db).await.unwrap(), ["ok"]);
}
conformance!(storage_per_table_counts_rows_and_grows_with_them);

async fn the_status_row_keeps_the_newest_check_and_the_last_error(db: &Db) {
    let (_, a) = monitored(db).await;
    assert!(store::source_statuses(db).await.unwrap().is_empty());
    let failed = CheckResult { error: Some("Time-out na 5 seconden.".into()), ..check(at(10), CheckState::Down, None) };
    let later = check(at(20), CheckState::Up, Some(42));
    let older = check(at(5), CheckState::Degraded, Some(900));
    let mut tx = begin(db).await;
    store::record_source_status(&mut tx, a, &failed, Some(at(100_000))).await.unwrap();
    store::record_source_status(&mut tx, a, &later, None).await.unwrap();
    // Arriving late, an older check changes nothing.
    store::record_source_status(&mut tx, a, &older, Some(at(1))).await.unwrap();
    tx.commit().await.unwrap();
    let status = store::source_statuses(db).await.unwrap();
    assert_eq!(status.len(), 1);
    let s = &status[0];
    assert_eq!(
        (s.source_id, s.checked_at, s.state, s.latency_ms, s.error.clone()),
        (a, at(20), CheckState::Up, Some(42), None)
    );
    assert_eq!(
        s.last_error,
        Some((at(10), CheckState::Down, "Time-out na 5 seconden.".to_string())),
        "an up check keeps the last error"
    );
    assert_eq!(s.tls_expires_at, Some(at(100_000)), "a check without a certificate keeps the known expiry");
    assert_eq!(store::source_status(db, a).await.unwrap().as_ref(), Some(s));

    let mut tx = begin(db).await;
    store::delete_source(&mut tx, a).await.unwrap();
    tx.commit().await.unwrap();
    assert!(store::source_statuses(db).await.unwrap().is_empty(), "the status goes with its source");
}
conformance!(the_status_row_keeps_the_newest_check_and_the_last_error);

async fn metric_values_are_kept_per_name_and_time(db: &Db) {
    let (_, a) = monitored(db).await;
    let value =
        |name: &str, t: i64, value: f64| store::MetricValue { source_id: a, name: name.into(), at: at(t), value };
    let mut tx = begin(db).await;
    let first = [value("seats_active", 0, 180.0), value("seats_purchased", 0, 250.0), value("storage_gb", 0, f64::NAN)];
    assert_eq!(store::insert_metric_values(&mut tx, &first).await.unwrap(), 2, "a non-finite value is skipped");
    let later = [value("seats_active", 60, 185.5), value("seats_active", 0, 999.0)];
    assert_eq!(store::insert_metric_values(&mut tx, &later).await.unwrap(), 1, "a repeated delivery is ignored");
    tx.commit().await.unwrap();
    let latest = store::latest_metric_values(db, a).await.unwrap();
    let pairs: Vec<(&str, f64)> = latest.iter().map(|m| (m.name.as_str(), m.value)).collect();
    assert_eq!(pairs, [("seats_active", 185.5), ("seats_purchased", 250.0)]);
    assert_eq!(latest[0].at, at(60));
    let series = store::metric_series(db, a, "seats_active", at(0), at(120)).await.unwrap();
    assert_eq!(series, [(at(0), 180.0), (at(60), 185.5)]);
    assert!(store::metric_series(db, a, "seats_active", at(61), at(120)).await.unwrap().is_empty());
}
conformance!(metric_values_are_kept_per_name_and_time);
