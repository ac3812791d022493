//! Versioned migrations, embedded in the binary and applied in order on open.
//! One SQL text serves both databases (see `migrations/`); each migration runs
//! in its own transaction together with its row in `schema_migrations`, so a
//! crash leaves the schema at one version or the next, never between.

use sqlx::{AnyPool, Executor, Row};

use crate::connect::Backend;
use crate::error::{Error, Result};

/// (version, description, SQL), in order. Append; never edit a released one.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "ledger", include_str!("../migrations/0001_ledger.sql")),
    (2, "users and paging", include_str!("../migrations/0002_users_and_paging.sql")),
];

/// The newest schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Applies the migrations the database has not seen; returns its version.
pub(crate) async fn migrate(pool: &AnyPool, backend: Backend) -> Result<i64> {
    // Serialise concurrent openers: SQLite by taking the write lock at once
    // (`BEGIN IMMEDIATE`), PostgreSQL with a transaction-scoped advisory lock.
    let mut tx = match backend {
        Backend::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await?,
        Backend::Postgres => pool.begin().await?,
    };
    if backend == Backend::Postgres {
        tx.execute("SELECT pg_advisory_xact_lock(7240385316)").await?;
    }
    tx.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .await?;
    let row = sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").fetch_one(&mut *tx).await?;
    let current: i64 = row.try_get("v")?;
    if current > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew { found: current, known: SCHEMA_VERSION });
    }
    for &(version, description, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)")
            .bind(version)
            .bind(description)
            .bind(crate::now())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(SCHEMA_VERSION)
}
