//! Throw-away databases for tests, here and in the crates above: a fresh, migrated SQLite file or
//! PostgreSQL database per test, removed again by [`TestDb::cleanup`]. Constructors panic on failure,
//! because a test without its database cannot do anything useful.

use crate::db::Db;
use rand::Rng;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection};
use std::path::PathBuf;
use std::str::FromStr;

/// The server the PostgreSQL tests use unless `REGIEKAMER_TEST_PG` names another.
pub const DEFAULT_TEST_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A fresh, migrated test database. Call [`TestDb::cleanup`] at the end of the test.
#[derive(Debug)]
pub struct TestDb {
    pub db: Db,
    place: Place,
}

#[derive(Debug)]
enum Place {
    SqliteFile(PathBuf),
    PgDatabase { admin: Box<PgConnectOptions>, name: String },
}

fn random_suffix() -> String {
    format!("{:016x}", rand::thread_rng().gen::<u64>())
}

impl TestDb {
    /// A new SQLite file under the system's temp folder, with the schema applied.
    pub async fn sqlite() -> TestDb {
        let path = std::env::temp_dir().join(format!("rk_test_{}.db", random_suffix()));
        let url = format!("sqlite://{}", path.display());
        let db = Db::connect(&url).await.unwrap_or_else(|e| panic!("cannot open test database {url}: {e:?}"));
        let t = TestDb { db, place: Place::SqliteFile(path) };
        t.migrate().await;
        t
    }

    /// A new database `rk_test_<random>` on the test PostgreSQL server, with the schema applied.
    pub async fn postgres() -> TestDb {
        let url = std::env::var("REGIEKAMER_TEST_PG").unwrap_or_else(|_| DEFAULT_TEST_PG.to_string());
        let admin = PgConnectOptions::from_str(&url)
            .unwrap_or_else(|e| panic!("bad REGIEKAMER_TEST_PG {url:?}: {e}"))
            .disable_statement_logging();
        let name = format!("rk_test_{}", random_suffix());
        let mut conn = admin
            .connect()
            .await
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {url} (set REGIEKAMER_TEST_PG): {e}"));
        // The name is ours (hex digits only), so it is safe to put into the statement.
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
        let _ = conn.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(5)
            .connect_with(admin.clone().database(&name))
            .await
            .unwrap_or_else(|e| panic!("cannot connect to database {name}: {e}"));
        let t = TestDb { db: Db::Postgres(pool), place: Place::PgDatabase { admin: Box::new(admin), name } };
        t.migrate().await;
        t
    }

    async fn migrate(&self) {
        if let Err(e) = self.db.migrate().await {
            panic!("migrations failed on {}: {e:?}", self.db.backend());
        }
    }

    /// Closes the pools and removes the database (file or PostgreSQL database).
    pub async fn cleanup(self) {
        self.db.close().await;
        match self.place {
            Place::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Place::PgDatabase { admin, name } => match admin.connect().await {
                Ok(mut conn) => {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    if let Err(e) = sqlx::query(AssertSqlSafe(sql)).execute(&mut conn).await {
                        eprintln!("could not drop test database {name}: {e}");
                    }
                    let _ = conn.close().await;
                }
                Err(e) => eprintln!("could not connect to drop test database {name}: {e}"),
            },
        }
    }
}

/// Runs one test body on a fresh database and removes the database afterwards, also when the body
/// panics (the body runs as a task, so its panic arrives here as a `JoinError` and is re-raised).
pub async fn run_on<F, Fut>(t: TestDb, body: F)
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

/// `on_both_databases!(name)` turns `async fn name(db: &Db)` into the tests `name::sqlite` and
/// `name::postgres`, each on a fresh database that is removed afterwards.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                $crate::testing::run_on(
                    $crate::testing::TestDb::sqlite().await,
                    |db| async move { super::$name(&db).await },
                )
                .await
            }

            #[tokio::test]
            async fn postgres() {
                $crate::testing::run_on($crate::testing::TestDb::postgres().await, |db| async move {
                    super::$name(&db).await
                })
                .await
            }
        }
    };
}
