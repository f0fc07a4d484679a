//! History written in bulk (`store/src/monitoring/history.rs`): what goes in comes back out through
//! the ordinary reads, in statements of many rows, and nothing is merged or overwritten.

use crate::fixtures::{at, begin, service, vendor};
use crate::monitoring::{monitored, source};
use crate::monitoring_events::{incident, maintenance};
use chrono::TimeDelta;
use domain::monitoring::{CheckState, Rollup, StateInterval};
use store::{
    Db, Granularity, HistoryIncident, HistoryMaintenance, IncidentUpdateRow, IntervalScope, SourceId, SourceInterval,
    StoreError, HISTORY_ROWS_PER_STATEMENT,
};
use CheckState::{Down, Maintenance, Up};

fn interval(
    source: SourceId,
    service: domain::VendorServiceId,
    state: CheckState,
    start: i64,
    end: Option<i64>,
) -> SourceInterval {
    let interval = StateInterval { state, start: at(start), end: end.map(at) };
    SourceInterval { source_id: source, service_id: service, interval, last_seen: at(end.unwrap_or(start)) }
}

async fn intervals_are_inserted_in_bulk_and_read_back_in_order(db: &Db) {
    let (s, a) = monitored(db).await;
    let t = service(db, vendor(db, "Geowijs").await, "Kaarten").await;
    // More rows than one statement takes: alternating up and down minutes, closed, for two services.
    let n = HISTORY_ROWS_PER_STATEMENT as i64 + 234;
    let mut rows: Vec<SourceInterval> =
        (0..n).map(|i| interval(a, s, if i % 2 == 0 { Up } else { Down }, i * 60, Some(i * 60 + 60))).collect();
    rows.push(interval(a, t, Maintenance, 0, Some(600)));
    let mut tx = begin(db).await;
    assert_eq!(store::insert_intervals(&mut tx, &rows).await.unwrap(), n as u64 + 1);
    tx.commit().await.unwrap();

    let back = store::intervals_between(db, IntervalScope::Service(s), at(0), at(n * 60)).await.unwrap();
    assert_eq!(back, rows[..n as usize]);
    let other = store::intervals_between(db, IntervalScope::Service(t), at(0), at(n * 60)).await.unwrap();
    assert_eq!(other, [rows[n as usize]]);
    assert!(store::open_intervals(db).await.unwrap().is_empty(), "a closed history leaves nothing open");

    // The engine continues after a closed history: one open interval is allowed, a second refused.
    let open = interval(a, s, Up, n * 60 + 30, None);
    let mut tx = begin(db).await;
    store::insert_intervals(&mut tx, std::slice::from_ref(&open)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::open_intervals(db).await.unwrap(), [open]);
    let mut tx = begin(db).await;
    let r = store::insert_intervals(&mut tx, &[interval(a, s, Down, n * 60 + 90, None)]).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "open_interval"), "{r:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let r = store::insert_intervals(&mut tx, &[interval(SourceId(999_999), s, Up, 0, Some(1))]).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "foreign_key"), "{r:?}");
}
conformance!(intervals_are_inserted_in_bulk_and_read_back_in_order);

async fn rollups_are_inserted_in_bulk_and_a_stored_bucket_is_not_overwritten(db: &Db) {
    let (s, a) = monitored(db).await;
    let b = source(db, s, "Second").await;
    let hour = domain::monitoring::hour_start(at(0));
    let rollup = |h: i64| Rollup {
        count: 240,
        up_count: 238,
        down_count: 2,
        latency_sum_ms: 238 * 120,
        latency_min_ms: Some(41),
        latency_max_ms: Some(980),
        histogram: [0, 0, 3, 100, 120, 10, 5, 0, 0, 0, 0],
        ..Rollup::new(hour + TimeDelta::hours(h))
    };
    let hours: Vec<(SourceId, Rollup)> =
        (0..HISTORY_ROWS_PER_STATEMENT as i64 + 10).map(|h| (a, rollup(h))).chain([(b, rollup(0))]).collect();
    let mut tx = begin(db).await;
    assert_eq!(store::insert_rollups(&mut tx, Granularity::Hour, &hours).await.unwrap(), hours.len() as u64);
    assert_eq!(store::insert_rollups(&mut tx, Granularity::Day, &[(a, rollup(0))]).await.unwrap(), 1);
    tx.commit().await.unwrap();

    let end = hour + TimeDelta::hours(hours.len() as i64);
    let back = store::rollups_between(db, a, Granularity::Hour, hour, end).await.unwrap();
    assert_eq!(back, hours.iter().filter(|(s, _)| *s == a).map(|(_, r)| r.clone()).collect::<Vec<_>>());
    assert_eq!(store::rollups_between(db, b, Granularity::Hour, hour, end).await.unwrap(), [rollup(0)]);
    assert_eq!(store::rollups_between(db, a, Granularity::Day, hour, end).await.unwrap(), [rollup(0)]);

    let mut tx = begin(db).await;
    let r = store::insert_rollups(&mut tx, Granularity::Hour, &[(a, rollup(3))]).await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
}
conformance!(rollups_are_inserted_in_bulk_and_a_stored_bucket_is_not_overwritten);

async fn incidents_and_maintenances_are_inserted_in_bulk_with_updates_and_first_seen(db: &Db) {
    let (s, a) = monitored(db).await;
    let b = source(db, s, "Second").await;
    let update = |id: &str, status: &str, secs: i64| IncidentUpdateRow {
        vendor_update_id: id.into(),
        status: status.into(),
        body: format!("{status}."),
        created_at: at(secs),
    };
    let resolved = |id: &str, secs: i64| {
        let mut row = incident(id, "resolved", Some(at(secs + 3_600)));
        (row.created_at, row.updated_at) = (at(secs), at(secs + 3_600));
        row
    };
    // The same vendor id on two sources is two incidents.
    let incidents = vec![
        HistoryIncident {
            source: a,
            incident: resolved("inc-1", 0),
            updates: vec![update("u1", "investigating", 0), update("u2", "resolved", 3_600)],
        },
        HistoryIncident { source: a, incident: resolved("inc-2", 7_200), updates: Vec::new() },
        HistoryIncident { source: b, incident: resolved("inc-1", 60), updates: vec![update("u1", "resolved", 3_660)] },
    ];
    let mut tx = begin(db).await;
    assert_eq!(store::insert_incidents(&mut tx, &incidents).await.unwrap(), (3, 3));
    tx.commit().await.unwrap();

    let back = store::incidents_between(db, a, at(0), at(7_200)).await.unwrap();
    assert_eq!(back.iter().map(|(_, i)| i.clone()).collect::<Vec<_>>(), [incidents[0].incident.clone()]);
    assert_eq!(store::incident_updates(db, back[0].0).await.unwrap(), incidents[0].updates);
    let all = store::incidents_between(db, a, at(0), at(7_201)).await.unwrap();
    assert_eq!(all.len(), 2, "the upper bound is exclusive, the lower inclusive");
    let other = store::incidents_between(db, b, at(0), at(10_000)).await.unwrap();
    assert_eq!(store::incident_updates(db, other[0].0).await.unwrap(), incidents[2].updates);

    let planned = |id: &str, secs: i64, seen: i64| HistoryMaintenance {
        source: a,
        maintenance: maintenance(id, Some(at(secs))),
        first_seen_at: at(seen),
    };
    let maintenances = [planned("m-1", 86_400, 0), planned("m-2", 3 * 86_400, 2 * 86_400)];
    let mut tx = begin(db).await;
    assert_eq!(store::insert_maintenances(&mut tx, &maintenances).await.unwrap(), 2);
    tx.commit().await.unwrap();
    // Overlapping [from, to): the first one runs 24 h to 26 h.
    let back = store::maintenances_between(db, a, at(25 * 3_600), at(3 * 86_400 + 1)).await.unwrap();
    assert_eq!(back, maintenances);
    let back = store::maintenances_between(db, a, at(26 * 3_600), at(3 * 86_400)).await.unwrap();
    assert!(back.is_empty(), "{back:?}");

    let mut tx = begin(db).await;
    let r = store::insert_incidents(&mut tx, &incidents[..1]).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "vendor_incident"), "{r:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let r = store::insert_maintenances(&mut tx, &maintenances[..1]).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "vendor_maintenance"), "{r:?}");
}
conformance!(incidents_and_maintenances_are_inserted_in_bulk_with_updates_and_first_seen);
