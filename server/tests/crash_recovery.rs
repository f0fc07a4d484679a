//! Killing `regiekamer serve` (SIGKILL) in the middle of batch ingestion loses no committed data, leaves
//! a SQLite file that passes `PRAGMA integrity_check`, and a restarted server resumes ingesting into the
//! same intervals (at most one open interval per source and service, none overlapping).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rand::Rng;
use server::bench_poll::{seed, Endpoints, SEED};
use std::collections::{BTreeMap, HashMap};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use store::Db;

/// Sources polled every 10 s (the production minimum): 40 results a second once the first interval
/// has spread them out, committed by the writer about once a second.
const ENDPOINTS: usize = 400;
const KILLS: usize = 4;

/// The server process; killed when dropped, so a failing assertion leaves no process behind.
struct Server(Child);

impl Server {
    /// SIGKILL: no shutdown code runs.
    fn kill(&mut self) {
        self.0.kill().unwrap();
        self.0.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(url: &str) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_regiekamer"))
        .arg("serve")
        .env_remove("REGIEKAMER_CONFIG")
        .env("REGIEKAMER__DATABASE__URL", url)
        .env("REGIEKAMER__SERVER__ADDR", "127.0.0.1:0")
        .env("REGIEKAMER__MONITORING__ALLOW", "127.0.0.0/8")
        .env("REGIEKAMER__LOG__LEVEL", "error")
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    Server(child)
}

type CheckRow = (i64, i64, String, String);
/// `[start, end)` of a state interval as stored text; `None`: still open.
type Span = (String, Option<String>);

/// Every committed check, by id: the test's record of what the server has committed so far.
async fn committed_checks(db: &Db) -> BTreeMap<i64, CheckRow> {
    let Db::Sqlite { read, .. } = db else { unreachable!("SQLite only") };
    let rows: Vec<CheckRow> =
        sqlx::query_as("SELECT id, source_id, at, state FROM checks").fetch_all(read).await.unwrap();
    rows.into_iter().map(|r| (r.0, r)).collect()
}

/// Waits until at least `more` checks beyond `than` are committed.
async fn wait_for_growth(server: &mut Server, db: &Db, than: usize, more: usize) {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            panic!("the server exited early: {status}");
        }
        let n = committed_checks(db).await.len();
        if n >= than + more {
            return;
        }
        assert!(Instant::now() < deadline, "ingestion did not resume: {n} checks, waiting for {}", than + more);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_during_ingestion_loses_nothing_committed_and_a_restart_resumes() {
    let endpoints_sim = vendor_sim::start(
        vendor_sim::SimConfig::new(SEED, ENDPOINTS / 2),
        vendor_sim::SimClock::real(),
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .unwrap();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!("regiekamer-crash-{}-{nanos}", std::process::id()));
    let url = format!("sqlite://{}/crash.db", dir.display());
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let endpoints = Endpoints { port: endpoints_sim.addr.port(), hosts: 1, count: ENDPOINTS };
    seed(&db, &endpoints, 10).await.unwrap();

    let mut seen = 0;
    for round in 0..KILLS {
        let mut child = serve(&url);
        wait_for_growth(&mut child, &db, seen, 60).await;
        // Kill at a random moment between two commits (the writer commits about once a second).
        tokio::time::sleep(Duration::from_millis(rand::thread_rng().gen_range(0..1_000))).await;
        let before = committed_checks(&db).await;
        child.kill();

        let after = committed_checks(&db).await;
        let lost: Vec<_> = before.iter().filter(|(id, row)| after.get(id) != Some(row)).take(5).collect();
        assert!(lost.is_empty(), "round {round}: committed checks lost or changed after the kill: {lost:?}");
        assert_eq!(store::integrity_check(&db).await.unwrap(), ["ok"], "round {round}");
        seen = after.len();
    }

    // A last restart keeps ingesting into the same database.
    let mut child = serve(&url);
    wait_for_growth(&mut child, &db, seen, 60).await;
    child.kill();
    assert_eq!(store::integrity_check(&db).await.unwrap(), ["ok"]);

    let Db::Sqlite { read, .. } = &db else { unreachable!() };
    let intervals: Vec<(i64, i64, String, Option<String>)> =
        sqlx::query_as("SELECT source_id, service_id, start_at, end_at FROM state_intervals ORDER BY start_at")
            .fetch_all(read)
            .await
            .unwrap();
    let mut by_key: HashMap<(i64, i64), Vec<Span>> = HashMap::new();
    for (source, service, start, end) in intervals {
        by_key.entry((source, service)).or_default().push((start, end));
    }
    assert!(by_key.len() >= ENDPOINTS / 2, "most sources have intervals: {}", by_key.len());
    for (key, list) in &by_key {
        assert!(list.iter().filter(|(_, end)| end.is_none()).count() <= 1, "{key:?}: more than one open interval");
        for pair in list.windows(2) {
            let end = pair[0].1.as_deref().expect("only the last interval may be open");
            assert!(end <= pair[1].0.as_str(), "{key:?}: intervals overlap: {pair:?}");
        }
    }
    db.close().await;
    endpoints_sim.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
