//! Reads for the source page that keep the checks in the database: one page of checks, their count,
//! the last failure, the state history as runs, and a figure's last value per day.

use crate::fixtures::{at, begin};
use crate::monitoring::{check, monitored};
use domain::monitoring::{CheckResult, CheckState};
use store::Db;
use CheckState::{Degraded, Down, Up};

async fn checks_are_read_a_page_at_a_time_newest_first_with_their_count(db: &Db) {
    let (_, a) = monitored(db).await;
    // 120 checks 30 s apart; the 100th is down.
    let checks: Vec<_> = (0..120)
        .map(|i| {
            let state = if i == 99 { Down } else { Up };
            (a, CheckResult { error: (i == 99).then(|| "time-out".to_string()), ..check(at(i * 30), state, Some(10)) })
        })
        .collect();
    let mut tx = begin(db).await;
    store::insert_checks(&mut tx, &checks).await.unwrap();
    tx.commit().await.unwrap();
    let since = at(600);
    assert_eq!(store::count_checks_since(db, a, since).await.unwrap(), 100);
    let first = store::checks_page(db, a, since, 50, 0).await.unwrap();
    assert_eq!(first.len(), 50);
    assert_eq!(first[0].at, at(119 * 30), "newest first");
    assert_eq!(first[49].at, at(70 * 30));
    let second = store::checks_page(db, a, since, 50, 50).await.unwrap();
    assert_eq!(second.iter().map(|c| c.at).collect::<Vec<_>>(), (20..70).rev().map(|i| at(i * 30)).collect::<Vec<_>>());
    assert!(store::checks_page(db, a, since, 50, 100).await.unwrap().is_empty(), "past the end");
    let failed = store::latest_failed_check(db, a, since).await.unwrap().unwrap();
    assert_eq!((failed.at, failed.state, failed.error.as_deref()), (at(99 * 30), Down, Some("time-out")));
    assert_eq!(store::latest_failed_check(db, a, at(100 * 30)).await.unwrap(), None);
}
conformance!(checks_are_read_a_page_at_a_time_newest_first_with_their_count);

async fn the_state_history_comes_back_as_runs_newest_first(db: &Db) {
    let (_, a) = monitored(db).await;
    let states = [Up, Up, Down, Down, Down, Up, Degraded, Up, Up];
    let checks: Vec<_> = states.iter().enumerate().map(|(i, s)| (a, check(at(i as i64 * 60), *s, None))).collect();
    let mut tx = begin(db).await;
    store::insert_checks(&mut tx, &checks).await.unwrap();
    tx.commit().await.unwrap();
    let runs: Vec<_> =
        store::check_runs(db, a, at(60), 100).await.unwrap().into_iter().map(|r| (r.state, r.first, r.last)).collect();
    assert_eq!(
        runs,
        [
            (Up, at(7 * 60), at(8 * 60)),
            (Degraded, at(6 * 60), at(6 * 60)),
            (Up, at(5 * 60), at(5 * 60)),
            (Down, at(2 * 60), at(4 * 60)),
            (Up, at(60), at(60)),
        ]
    );
    assert_eq!(store::check_runs(db, a, at(60), 2).await.unwrap().len(), 2, "the newest runs only");
}
conformance!(the_state_history_comes_back_as_runs_newest_first);

async fn a_figure_keeps_its_last_value_of_each_day(db: &Db) {
    let (_, a) = monitored(db).await;
    let day = 86_400;
    let value =
        |name: &str, t: i64, value: f64| store::MetricValue { source_id: a, name: name.into(), at: at(t), value };
    // at(0) is 09:00 UTC: 16 hours later is the next day.
    let values = [
        value("licenties", -day, 1.0),
        value("licenties", 0, 10.0),
        value("licenties", 3_600, 11.0),
        value("licenties", 16 * 3_600, 20.0),
        value("licenties", 2 * day, 30.0),
        value("licenties", 2 * day + 60, 31.0),
        value("opslag", 60, 5.5),
    ];
    let mut tx = begin(db).await;
    store::insert_metric_values(&mut tx, &values).await.unwrap();
    tx.commit().await.unwrap();
    let daily = store::daily_metric_values(db, a, at(0)).await.unwrap();
    let got: Vec<(&str, _, f64)> = daily.iter().map(|m| (m.name.as_str(), m.at, m.value)).collect();
    assert_eq!(
        got,
        [
            ("licenties", at(3_600), 11.0),
            ("licenties", at(16 * 3_600), 20.0),
            ("licenties", at(2 * day + 60), 31.0),
            ("opslag", at(60), 5.5),
        ]
    );
}
conformance!(a_figure_keeps_its_last_value_of_each_day);
