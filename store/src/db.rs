//! The connection: [`Db`] over a SQLite or PostgreSQL pool, [`Tx`] over their transactions, and the two
//! macros that let one query text run on either backend.
//!
//! SQLite gets two pools: a single-connection write pool (SQLite has one writer; funnelling every write
//! through one connection avoids `SQLITE_BUSY` between our own writers) and a read pool of several
//! connections, which WAL mode lets read while the writer writes.

use crate::error::Result;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Postgres, Sqlite};
use std::str::FromStr;
use std::time::Duration;

/// Runs `$body` with `$ex` bound to the backend's read executor (`&SqlitePool` read pool or `&PgPool`).
/// The body is expanded once per backend, so each expansion infers its own database type.
macro_rules! on_db {
    ($db:expr, |$ex:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite { read, .. } => {
                let $ex = read;
                $body
            }
            $crate::db::Db::Postgres(pool) => {
                let $ex = pool;
                $body
            }
        }
    };
}

/// Runs `$body` with `$ex` bound to the transaction's connection (`&mut SqliteConnection` or
/// `&mut PgConnection`); reborrow with `&mut *$ex` to run several statements.
macro_rules! on_tx {
    ($tx:expr, |$ex:ident| $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $ex = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $ex = &mut **t;
                $body
            }
        }
    };
}

/// A database handle. Cloning is cheap (the pools are reference-counted).
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite: one writer connection, several readers.
    Sqlite { read: SqlitePool, write: SqlitePool },
    /// PostgreSQL.
    Postgres(PgPool),
}

/// An open transaction. Commit with [`Tx::commit`]; dropping it without commit rolls back.
#[derive(Debug)]
pub enum Tx {
    /// A transaction on the SQLite writer connection; other writers wait until it ends.
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    /// A PostgreSQL transaction (read committed).
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// Readers in the SQLite read pool.
const SQLITE_READERS: u32 = 4;
/// Connections in the PostgreSQL pool.
const PG_CONNECTIONS: u32 = 10;

impl Db {
    /// Connects to `sqlite:<path>` (creating the file and its folder if missing) or
    /// `postgres://…` / `postgresql://…`.
    #[tracing::instrument(skip_all)]
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new().max_connections(PG_CONNECTIONS).connect(url).await?;
            return Ok(Db::Postgres(pool));
        }
        if !url.starts_with("sqlite:") {
            return Err(sqlx::Error::Configuration(format!("unsupported database URL scheme in {url:?}").into()).into());
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        if url.contains(":memory:") || url.contains("mode=memory") {
            // Every connection to an in-memory database is a database of its own: share one connection.
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(options)
                .await?;
            return Ok(Db::Sqlite { read: pool.clone(), write: pool });
        }
        if let Some(dir) = options.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        // The writer connects first, so that the file exists and is in WAL mode before readers open it.
        let write = SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
        let read = SqlitePoolOptions::new().max_connections(SQLITE_READERS).connect_with(options).await?;
        Ok(Db::Sqlite { read, write })
    }

    /// Brings the schema up to date with the embedded migrations of this backend.
    #[tracing::instrument(skip_all, fields(backend = self.backend()))]
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite { write, .. } => sqlx::migrate!("../migrations/sqlite").run(write).await?,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Checks that the database answers (for `/readyz`).
    #[tracing::instrument(skip_all)]
    pub async fn ping(&self) -> Result<()> {
        on_db!(self, |ex| sqlx::query("SELECT 1").execute(ex).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// `"sqlite"` or `"postgres"`.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Starts a transaction (on SQLite: on the single writer connection).
    #[tracing::instrument(skip_all)]
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// Closes every connection; waits for connections in use to be returned.
    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    /// Commits the transaction.
    #[tracing::instrument(skip_all)]
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}
