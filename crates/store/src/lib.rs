//! The Pledgewatch ledger: what the text stages found, stored and merged
//! across sources.
//!
//! Data flow: [`Store::write`] takes a batch of processed documents (a
//! [`pledgewatch_pipeline::Document`] and its commitments, or a read error)
//! and, in one transaction, stores each document, its commitments and their
//! evidence, and merges every commitment into a ledger entry (`merge.rs`
//! decides which one; an entry keeps each differing figure as a variant with
//! its sources). Reading ([`Store::entries`], [`Store::entry`],
//! [`Store::totals`]), review with an audit log ([`Store::review`]) and
//! exports (`export`) work on the entries; a person merges, splits and
//! detaches entries with [`Store::regroup`] (`regroup.rs`), and can undo it.
//! [`Store::reconvert_stale`] converts the commitments that waited for newer ECB
//! rates (`rates_stale`). `watch.rs` keeps what `pledgewatch watch` knows of the
//! sources it follows. Every change to an entry also writes its new version
//! (`history.rs`), from which the ledger as of a past time, a diff between two
//! times and the change feed are read.
//!
//! One SQL dialect serves SQLite (a file path, the default) and PostgreSQL (a
//! `postgres://` URL) through sqlx's `Any` driver: `$n` placeholders, exact
//! decimals as text, ISO dates as text. `connect.rs`, `schema.rs` and
//! `search.rs` (the full-text index) hold the only differences.

pub mod add;
mod connect;
pub mod edit;
mod error;
pub mod export;
mod full_record;
pub mod history;
mod ledger;
mod lifecycle;
pub mod merge;
pub mod query;
mod reconvert;
mod regroup;
mod review;
mod reviewed;
mod rows;
mod schema;
mod search;
mod triage;
pub mod users;
mod watch;
mod write;

use sqlx::AnyPool;

pub use add::{Added, Addition};
pub use connect::Backend;
pub use error::{Error, Result};
pub use full_record::{Announcer, FullEntry, FullRecord, ItemRecord, NamedIn};
pub use history::diff::EntryChange;
pub use history::feed::{Change, Changes};
pub use history::{FieldChange, Version};
pub use ledger::{
    Counts, Entry, EntryDetail, EvidenceSpan, Filter, IngestError, Party, Source, StoredDocument, Totals, VariantRow,
};
pub use lifecycle::{Lifecycle, Progress, Step};
pub use query::SearchLimits;
pub use reconvert::Reconverted;
pub use regroup::{Regroup, RegroupRecord};
pub use review::{Action, AuditRecord, REVIEW_STATES};
pub use reviewed::{Reviewed, ReviewedReport};
pub use schema::SCHEMA_VERSION;
pub use watch::{Poll, Validators, WatchSource};
pub use write::{Processed, WriteStats};

/// A ledger database. Cheap to clone (a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    search: SearchLimits,
}

impl Store {
    /// Opens the ledger at `location` — a file path (SQLite, created on first
    /// use) or a `postgres://` URL — and brings its schema up to date.
    pub async fn open(location: &str) -> Result<Store> {
        let location = connect::Location::parse(location);
        let pool = connect::pool(&location).await?;
        schema::migrate(&pool, location.backend).await?;
        Ok(Store { pool, backend: location.backend, search: SearchLimits::default() })
    }

    /// Applies pending migrations (done by [`Store::open`]); returns the schema version.
    pub async fn migrate(&self) -> Result<i64> {
        schema::migrate(&self.pool, self.backend).await
    }

    /// The schema version the database is at.
    pub async fn schema_version(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations").fetch_one(&self.pool).await?)
    }

    /// Begins a write transaction that waits its turn. SQLite's plain `BEGIN` is
    /// deferred: two transactions that read before writing both hold a snapshot,
    /// and the second to write fails at once with "database is locked", whatever
    /// `busy_timeout` says. `BEGIN IMMEDIATE` takes the write lock first, so a
    /// writer waits (up to the busy timeout) instead of failing.
    ///
    /// PostgreSQL gets the same one-writer-at-a-time order from a
    /// transaction-scoped advisory lock: a review reads the log's last `seq`
    /// and an ingest reads an entry's members and edits before writing, and
    /// under READ COMMITTED two such writers would both read the old state.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
                tx
            }
        })
    }

    /// The same ledger, searched within other bounds (see [`SearchLimits`]).
    pub fn with_search_limits(mut self, limits: SearchLimits) -> Store {
        self.search = limits;
        self
    }

    /// The bounds a word search runs within.
    pub fn search_limits(&self) -> SearchLimits {
        self.search
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Waits for open connections to finish and closes them. On SQLite the
    /// write-ahead log is first folded into the database file, so that the
    /// file alone holds the whole ledger (to copy or mail it).
    pub async fn close(&self) {
        if self.backend == Backend::Sqlite {
            // Best effort: another process may hold the log open.
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await;
        }
        self.pool.close().await;
    }
}

/// The advisory lock key every PostgreSQL writer takes ("pledgewt" in ASCII).
const WRITE_LOCK: i64 = 0x706c_6564_6765_7774;

/// The time now, as stored (RFC 3339, UTC).
pub(crate) fn now() -> String {
    jiff::Timestamp::now().to_string()
}
