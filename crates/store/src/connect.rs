//! Opening a ledger: a file path (SQLite, created on first use, in WAL mode)
//! or a `postgres://` URL. Both go through sqlx's `Any` driver so that every
//! query below is written once; the few differences live here, in
//! `schema.rs` and in `search.rs`.

use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

use crate::error::Result;

/// Which database a store is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database location as the user gives it, turned into a connection URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Location {
    pub backend: Backend,
    pub url: String,
}

impl Location {
    /// `postgres://…` / `postgresql://…` as is; `sqlite:…` as is; anything
    /// else is a file path (created if missing).
    pub fn parse(location: &str) -> Location {
        if location.starts_with("postgres://") || location.starts_with("postgresql://") {
            return Location { backend: Backend::Postgres, url: location.to_string() };
        }
        if location.starts_with("sqlite:") {
            return Location { backend: Backend::Sqlite, url: location.to_string() };
        }
        // sqlx percent-decodes the path: escape what would end or change it.
        let mut path = String::with_capacity(location.len());
        for c in location.chars() {
            match c {
                '%' => path.push_str("%25"),
                '?' => path.push_str("%3F"),
                '#' => path.push_str("%23"),
                c => path.push(c),
            }
        }
        Location { backend: Backend::Sqlite, url: format!("sqlite://{path}?mode=rwc") }
    }
}

/// SQLite settings for every connection: WAL so that readers (the server) do
/// not block the writer and a killed process loses nothing committed;
/// `synchronous=NORMAL` is durable across process crashes in WAL mode.
/// Reads go through a memory map of the file (up to 2 GiB, SQLite's own
/// ceiling): a word search tests thousands of entries' index rows in the
/// list's order, each on another page, and a read call per page from the
/// default 2 MB cache took half its time.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 2147418112;";

pub(crate) async fn pool(location: &Location) -> Result<AnyPool> {
    install_default_drivers();
    let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(60));
    let pool = match location.backend {
        Backend::Sqlite => {
            options
                .max_connections(4)
                .after_connect(|conn, _| Box::pin(async move { conn.execute(SQLITE_PRAGMAS).await.map(|_| ()) }))
                .connect(&location.url)
                .await?
        }
        Backend::Postgres => options.max_connections(8).connect(&location.url).await?,
    };
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_urls() {
        assert_eq!(Location::parse("ledger.db").url, "sqlite://ledger.db?mode=rwc");
        assert_eq!(Location::parse("/tmp/a?b#c%.db").url, "sqlite:///tmp/a%3Fb%23c%25.db?mode=rwc");
        let pg = Location::parse("postgres://u@127.0.0.1:5433/db");
        assert_eq!(pg.backend, Backend::Postgres);
        assert_eq!(pg.url, "postgres://u@127.0.0.1:5433/db");
    }
}
