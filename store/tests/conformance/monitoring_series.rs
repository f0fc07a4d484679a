//! State intervals and rollups: what the trackers write and the dashboards and SLAs read.

use crate::fixtures::{at, begin, service, vendor};
use crate::monitoring::{check, monitored, source};
use chrono::TimeDelta;
use domain::monitoring::{hour_start, CheckState, IntervalChange, IntervalTracker, Observation, Rollup, StateInterval};
use store::{Db, Granularity, IntervalScope, SourceInterval, StoreError};
use CheckState::{Degraded, Down, Up};

const STALE: TimeDelta = TimeDelta::seconds(300);

async fn interval_changes_are_stored_and_trackers_resume_from_them(db: &Db) {
    let (s, a) = monitored(db).await;
    let mut tracker = IntervalTracker::new(STALE);
    let mut tx = begin(db).await;
    for (secs, state) in [(0, Up), (60, Up), (120, Down), (180, Down)] {
        let changes = tracker.apply(Observation { at: at(secs), state });
        store::apply_interval_changes(&mut tx, a, s, &changes, tracker.last_seen().unwrap()).await.unwrap();
    }
    tx.commit().await.unwrap();

    // After a restart: the open interval with its last observation.
    let open = store::open_intervals(db).await.unwrap();
    let down = StateInterval { state: Down, start: at(120), end: None };
    assert_eq!(open, [SourceInterval { source_id: a, service_id: s, interval: down, last_seen: at(180) }]);
    let o = open[0];
    let mut tracker = IntervalTracker::resume(STALE, Some((o.interval.state, o.interval.start)), Some(o.last_seen));
    let mut tx = begin(db).await;
    // A silence longer than STALE closes the interval at last_seen + STALE; then a new one opens.
    for (secs, state) in [(900, Degraded), (960, Up)] {
        let changes = tracker.apply(Observation { at: at(secs), state });
        store::apply_interval_changes(&mut tx, a, s, &changes, tracker.last_seen().unwrap()).await.unwrap();
    }
    tx.commit().await.unwrap();

    let all = store::intervals_between(db, IntervalScope::Source(a), at(0), at(10_000)).await.unwrap();
    let got: Vec<_> = all.iter().map(|i| (i.interval, i.last_seen)).collect();
    let iv = |state, start, end: Option<i64>| StateInterval { state, start: at(start), end: end.map(at) };
    assert_eq!(
        got,
        [
            (iv(Up, 0, Some(120)), at(60)),
            (iv(Down, 120, Some(480)), at(180)),
            (iv(Degraded, 900, Some(960)), at(900)),
            (iv(Up, 960, None), at(960)),
        ]
    );
    // Overlap with [from, to): an interval ending at `from` is out, the open one is in.
    let window = store::intervals_between(db, IntervalScope::Service(s), at(120), at(901)).await.unwrap();
    assert_eq!(window.iter().map(|i| i.interval.start).collect::<Vec<_>>(), [at(120), at(900)]);
    let late = store::intervals_between(db, IntervalScope::Service(s), at(5_000), at(6_000)).await.unwrap();
    assert_eq!(late.iter().map(|i| i.interval).collect::<Vec<_>>(), [iv(Up, 960, None)]);

    // No changes: only last_seen moves, and never backwards.
    let mut tx = begin(db).await;
    store::apply_interval_changes(&mut tx, a, s, &[], at(1_020)).await.unwrap();
    store::apply_interval_changes(&mut tx, a, s, &[], at(1_000)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::open_intervals(db).await.unwrap()[0].last_seen, at(1_020));
}
conformance!(interval_changes_are_stored_and_trackers_resume_from_them);

async fn the_database_allows_one_open_interval_per_source_and_service(db: &Db) {
    let (s, a) = monitored(db).await;
    let v = vendor(db, "Geowijs").await;
    let t = service(db, v, "Kaarten").await;
    let b = source(db, s, "Second").await;
    let open = |state, secs| [IntervalChange::Open { state, start: at(secs) }];
    let mut tx = begin(db).await;
    store::apply_interval_changes(&mut tx, a, s, &open(Up, 0), at(0)).await.unwrap();
    // The same source may feed another service (a status page's components), and another source the
    // same service.
    store::apply_interval_changes(&mut tx, a, t, &open(Up, 0), at(0)).await.unwrap();
    store::apply_interval_changes(&mut tx, b, s, &open(Down, 0), at(0)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = begin(db).await;
    let r = store::apply_interval_changes(&mut tx, a, s, &open(Down, 10), at(10)).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "open_interval"), "{r:?}");
    drop(tx);
    assert_eq!(store::open_intervals(db).await.unwrap().len(), 3);

    // Closing twice: the second close finds nothing open and changes nothing.
    let close = |secs| IntervalChange::Close { end: at(secs) };
    let mut tx = begin(db).await;
    store::apply_interval_changes(&mut tx, a, s, &[close(30)], at(30)).await.unwrap();
    store::apply_interval_changes(&mut tx, a, s, &[close(40)], at(40)).await.unwrap();
    tx.commit().await.unwrap();
    let rows = store::intervals_between(db, IntervalScope::Service(s), at(0), at(100)).await.unwrap();
    let rows: Vec<_> = rows.iter().map(|i| (i.source_id, i.interval.end)).collect();
    assert_eq!(rows, [(a, Some(at(30))), (b, None)]);
}
conformance!(the_database_allows_one_open_interval_per_source_and_service);

async fn rollup_upserts_merge_with_the_stored_rollup(db: &Db) {
    let (_, a) = monitored(db).await;
    let hour = hour_start(at(0));
    let first = Rollup::from_checks(hour, &[check(at(1), Up, Some(40)), check(at(2), Down, None)]);
    let second = Rollup::from_checks(
        hour,
        &[check(at(3), Up, Some(7)), check(at(4), Degraded, Some(20_000)), check(at(5), CheckState::Maintenance, None)],
    );
    let mut tx = begin(db).await;
    assert_eq!(store::upsert_rollup(&mut tx, a, Granularity::Hour, &first).await.unwrap(), first);
    let merged = store::upsert_rollup(&mut tx, a, Granularity::Hour, &second).await.unwrap();
    store::upsert_rollup(&mut tx, a, Granularity::Day, &first).await.unwrap();
    let next_hour = Rollup::from_checks(hour + TimeDelta::hours(1), &[check(at(3_600), Up, Some(1))]);
    store::upsert_rollup(&mut tx, a, Granularity::Hour, &next_hour).await.unwrap();
    tx.commit().await.unwrap();

    let mut expected = first.clone();
    expected.merge(&second);
    assert_eq!(merged, expected);
    assert_eq!((merged.count, merged.up_count, merged.down_count, merged.degraded_count), (5, 2, 1, 1));
    assert_eq!((merged.maintenance_count, merged.latency_sum_ms), (1, 20_047));
    assert_eq!((merged.latency_min_ms, merged.latency_max_ms), (Some(7), Some(20_000)));
    assert_eq!(merged.histogram, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);

    let hours = store::rollups_between(db, a, Granularity::Hour, hour, hour + TimeDelta::hours(2)).await.unwrap();
    assert_eq!(hours, [expected, next_hour]);
    let first_only = store::rollups_between(db, a, Granularity::Hour, hour, hour + TimeDelta::hours(1)).await.unwrap();
    assert_eq!(first_only.len(), 1, "the upper bound is exclusive");
    let days = store::rollups_between(db, a, Granularity::Day, hour, hour + TimeDelta::days(1)).await.unwrap();
    assert_eq!(days, [first]);
}
conformance!(rollup_upserts_merge_with_the_stored_rollup);
