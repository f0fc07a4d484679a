//! Integration tests of the use cases in `service`: the authorisation matrix, the audit chain,
//! sign-in and sessions, vendors, contracts and the demo data. Every test body runs twice, once on a
//! fresh SQLite file and once on a fresh PostgreSQL database, so that both backends behave alike.
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

/// `both_dbs!(name)` turns `async fn name(db: &Db)` into the tests `name::sqlite` and `name::postgres`.
macro_rules! both_dbs {
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

#[path = "use_cases/support.rs"]
mod support;

#[path = "use_cases/audit.rs"]
mod audit;
#[path = "use_cases/contracts.rs"]
mod contracts;
#[path = "use_cases/demo.rs"]
mod demo;
#[path = "use_cases/matrix.rs"]
mod matrix;
#[path = "use_cases/sign_in.rs"]
mod sign_in;
#[path = "use_cases/vendors.rs"]
mod vendors;
