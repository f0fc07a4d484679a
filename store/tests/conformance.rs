//! The store's conformance suite: every test runs once on SQLite and once on PostgreSQL, each on a
//! fresh database, so that the two backends cannot drift apart.
//!
//! PostgreSQL must be reachable at `postgres://postgres@127.0.0.1:5432/postgres`, or at the URL in
//! `REGIEKAMER_TEST_PG`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use store::testing::TestDb;
use store::Db;

/// Runs one test body on a fresh database and removes the database afterwards, also when the body
/// panics (the body runs as a task, so its panic arrives here as a `JoinError`).
async fn run<F, Fut>(t: TestDb, body: F)
where
    F: FnOnce(Db) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let outcome = tokio::spawn(body(t.db.clone())).await;
    t.cleanup().await;
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("test task failed: {e}"),
        }
    }
}

/// `conformance!(name)` turns `async fn name(db: &Db)` into the tests `name::sqlite` and
/// `name::postgres`.
macro_rules! conformance {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                crate::run(store::testing::TestDb::sqlite().await, |db| async move { super::$name(&db).await }).await
            }

            #[tokio::test]
            async fn postgres() {
                crate::run(store::testing::TestDb::postgres().await, |db| async move { super::$name(&db).await }).await
            }
        }
    };
}

#[path = "conformance/audit.rs"]
mod audit;
#[path = "conformance/connect.rs"]
mod connect;
#[path = "conformance/contracts.rs"]
mod contracts;
#[path = "conformance/fixtures.rs"]
mod fixtures;
#[path = "conformance/users.rs"]
mod users;
#[path = "conformance/vendors.rs"]
mod vendors;
