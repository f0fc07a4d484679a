//! `Db::connect` picks the backend from the URL. These tests are per backend by nature.

use store::testing::DEFAULT_TEST_PG;
use store::{Db, StoreError};

#[tokio::test]
async fn a_sqlite_url_creates_the_file_and_its_folder_in_wal_mode() {
    let dir = std::env::temp_dir().join(format!("rk_test_dir_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = Db::connect(&format!("sqlite:{}/sub/regiekamer.db", dir.display())).await.unwrap();
    assert_eq!(db.backend(), "sqlite");
    db.migrate().await.unwrap();
    db.ping().await.unwrap();
    let Db::Sqlite { read, .. } = &db else { panic!("not sqlite") };
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(read).await.unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(read).await.unwrap();
    assert_eq!((mode.as_str(), fk), ("wal", 1));
    db.close().await;
    assert!(dir.join("sub/regiekamer.db").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn an_in_memory_sqlite_database_keeps_its_data_between_statements() {
    let db = Db::connect("sqlite::memory:").await.unwrap();
    db.migrate().await.unwrap();
    let mut tx = db.begin().await.unwrap();
    store::insert_user(&mut tx, "an", "An", domain::Role::Beheerder, "h").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::count_users(&db).await.unwrap(), 1);
    db.close().await;
}

#[tokio::test]
async fn a_postgres_url_connects() {
    let url = std::env::var("REGIEKAMER_TEST_PG").unwrap_or_else(|_| DEFAULT_TEST_PG.to_string());
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(db.backend(), "postgres");
    db.ping().await.unwrap();
    db.close().await;
}

#[tokio::test]
async fn other_schemes_are_refused() {
    let r = Db::connect("mysql://localhost/regiekamer").await;
    assert!(matches!(r, Err(StoreError::Unexpected(_))), "{r:?}");
}
