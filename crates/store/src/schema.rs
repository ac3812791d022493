//! Versioned migrations, embedded in the binary and applied in order on open.
//! One SQL text serves both databases (see `migrations/`) except where a
//! database's own feature is the point (version 3: FTS5 or `tsvector`); all
//! pending migrations run in one transaction together with their rows in
//! `schema_migrations`, so a crash leaves the schema as it was or up to date.

use sqlx::{AnyPool, Executor, Row};

use crate::connect::Backend;
use crate::error::{Error, Result};

/// One migration's SQL: the same for both databases, or one text each.
enum Sql {
    Both(&'static str),
    Each { sqlite: &'static str, postgres: &'static str },
}

impl Sql {
    fn text(&self, backend: Backend) -> &'static str {
        match (self, backend) {
            (Sql::Both(sql), _) => sql,
            (Sql::Each { sqlite, .. }, Backend::Sqlite) => sqlite,
            (Sql::Each { postgres, .. }, Backend::Postgres) => postgres,
        }
    }
}

/// (version, description, SQL), in order. Append; never edit a released one.
const MIGRATIONS: &[(i64, &str, Sql)] = &[
    (1, "ledger", Sql::Both(include_str!("../migrations/0001_ledger.sql"))),
    (2, "users and paging", Sql::Both(include_str!("../migrations/0002_users_and_paging.sql"))),
    (
        SEARCH_INDEX,
        "full-text search",
        Sql::Each {
            sqlite: include_str!("../migrations/0003_search.sqlite.sql"),
            postgres: include_str!("../migrations/0003_search.postgres.sql"),
        },
    ),
    (4, "watch", Sql::Both(include_str!("../migrations/0004_watch.sql"))),
    (5, "regrouping entries, confidence order", Sql::Both(include_str!("../migrations/0005_regroups.sql"))),
    (6, "sort indexes", Sql::Both(include_str!("../migrations/0006_sort_indexes.sql"))),
    (7, "commitments added by hand", Sql::Both(include_str!("../migrations/0007_added_by.sql"))),
    (
        8,
        "every version of every entry",
        Sql::Each {
            sqlite: include_str!("../migrations/0008_history.sqlite.sql"),
            postgres: include_str!("../migrations/0008_history.postgres.sql"),
        },
    ),
    (9, "lifecycle links, grant equivalents", Sql::Both(include_str!("../migrations/0009_lifecycle.sql"))),
];

/// The version that creates the full-text index; the program fills it for
/// the entries already stored.
const SEARCH_INDEX: i64 = 3;

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
    for (version, description, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        sqlx::raw_sql(sql.text(backend)).execute(&mut *tx).await?;
        if *version == SEARCH_INDEX {
            crate::search::backfill(&mut tx).await?;
        }
        sqlx::query("INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)")
            .bind(*version)
            .bind(*description)
            .bind(crate::now())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(SCHEMA_VERSION)
}
