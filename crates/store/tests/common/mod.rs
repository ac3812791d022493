//! The harness of the store's tests: each test runs on SQLite and — when
//! `PLEDGEWATCH_TEST_POSTGRES` names a server — PostgreSQL, in its own
//! database file or schema so that tests run in parallel.
#![allow(dead_code)]

use pledgewatch_store::{Backend, Store};

/// A store in a fresh SQLite file (removed on drop) or PostgreSQL schema
/// (dropped by `cleanup` when the test passes).
pub struct TestDb {
    pub store: Store,
    /// What `Store::open` was given (to open the same database again).
    pub location: String,
    _dir: Option<tempfile::TempDir>,
    /// The PostgreSQL server and schema to drop when the test passes.
    schema: Option<(String, String)>,
}

impl TestDb {
    pub async fn cleanup(self) {
        self.store.close().await;
        if let Some((url, schema)) = self.schema {
            let admin = sqlx::AnyPool::connect(&url).await.unwrap();
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE")).execute(&admin).await.unwrap();
            admin.close().await;
        }
    }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("ledger.db").to_str().unwrap().to_string();
    TestDb { store: Store::open(&location).await.unwrap(), location, _dir: Some(dir), schema: None }
}

pub async fn postgres() -> Option<TestDb> {
    let Ok(url) = std::env::var("PLEDGEWATCH_TEST_POSTGRES") else {
        eprintln!("PostgreSQL tests not run: set PLEDGEWATCH_TEST_POSTGRES");
        return None;
    };
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let schema = format!("pw_test_{}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed), nanos);
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(&url).await.expect("connect to PLEDGEWATCH_TEST_POSTGRES");
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    admin.close().await;
    let sep = if url.contains('?') { '&' } else { '?' };
    let location = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    let store = Store::open(&location).await.unwrap();
    assert_eq!(store.backend(), Backend::Postgres);
    Some(TestDb { store, location, _dir: None, schema: Some((url, schema)) })
}

/// Runs each named `async fn(Store)` as a test on SQLite and on PostgreSQL.
#[allow(unused_macros)]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                let db = $crate::common::sqlite().await;
                super::$name(db.store.clone()).await;
                db.cleanup().await;
            }
            #[tokio::test]
            async fn postgres() {
                let Some(db) = $crate::common::postgres().await else { return };
                super::$name(db.store.clone()).await;
                db.cleanup().await;
            }
        }
    )*};
}

/// Runs each named `async fn(&TestDb)` as a test on SQLite and on PostgreSQL.
#[allow(unused_macros)]
macro_rules! on_both_db {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                let db = $crate::common::sqlite().await;
                super::$name(&db).await;
                db.cleanup().await;
            }
            #[tokio::test]
            async fn postgres() {
                let Some(db) = $crate::common::postgres().await else { return };
                super::$name(&db).await;
                db.cleanup().await;
            }
        }
    )*};
}

/// Undoes every migration after `version` (each one's inverse, newest first), as if the
/// ledger had been written by the program of that version, so a migration test can
/// reopen it and check nothing is lost. One home for the inverses: a new migration adds
/// its own here.
pub async fn rewind(db: &TestDb, version: i64) {
    sqlx::any::install_default_drivers();
    let url =
        if db.location.starts_with("postgres") { db.location.clone() } else { format!("sqlite://{}", db.location) };
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let sqlite = db.store.backend() == Backend::Sqlite;
    let inverses: [(i64, String); 7] = [
        (
            9,
            "DROP TABLE IF EXISTS lifecycle_links; ALTER TABLE commitments DROP COLUMN grant_element; \
             ALTER TABLE commitments DROP COLUMN grant_equivalent_reason; \
             ALTER TABLE ledger_entries DROP COLUMN grant_equivalent_eur; \
             ALTER TABLE ledger_entries DROP COLUMN grant_equivalent_reason; \
             ALTER TABLE entry_versions DROP COLUMN grant_equivalent_eur; \
             ALTER TABLE entry_versions DROP COLUMN grant_equivalent_reason;"
                .into(),
        ),
        (8, "DROP TABLE IF EXISTS entry_versions".into()),
        (7, "ALTER TABLE commitments DROP COLUMN added_by".into()),
        (
            6,
            ["donor", "recipient", "category", "instrument", "status", "review", "sources"]
                .map(|c| format!("DROP INDEX IF EXISTS ledger_entries_by_{c};"))
                .concat(),
        ),
        (
            5,
            "DROP TABLE IF EXISTS regroups; DROP TABLE IF EXISTS entry_pins; \
             DROP INDEX IF EXISTS ledger_entries_by_confidence; DROP INDEX IF EXISTS ledger_entries_review_by_confidence;"
                .into(),
        ),
        (4, "DROP TABLE IF EXISTS watch_items; DROP TABLE IF EXISTS watch_sources;".into()),
        (
            3,
            if sqlite {
                "DROP TABLE IF EXISTS entry_search_fts; DROP TABLE IF EXISTS entry_search;".into()
            } else {
                "DROP TABLE IF EXISTS entry_search;".into()
            },
        ),
    ];
    assert_eq!(inverses[0].0, pledgewatch_store::SCHEMA_VERSION, "a new migration needs its inverse here");
    for (v, sql) in &inverses {
        if *v > version {
            sqlx::raw_sql(sql).execute(&pool).await.unwrap();
        }
    }
    sqlx::query("DELETE FROM schema_migrations WHERE version > $1").bind(version).execute(&pool).await.unwrap();
    pool.close().await;
}
