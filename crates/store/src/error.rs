//! The store's one error type.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database refused or failed a query, or could not be reached.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored value is not what this version of the schema writes.
    #[error("corrupt row in {table}: {reason}")]
    Corrupt { table: &'static str, reason: String },
    /// The database was migrated by a newer Pledgewatch.
    #[error("database schema version {found} is newer than this program knows ({known})")]
    SchemaTooNew { found: i64, known: i64 },
    /// No ledger entry with this id.
    #[error("no ledger entry {0}")]
    NoEntry(String),
    /// No regrouping with this number.
    #[error("no regrouping #{0}")]
    NoRegroup(i64),
    /// No stored document with this id.
    #[error("no document {0}")]
    NoDocument(String),
    /// No lifecycle link or proposal for this commitment.
    #[error("no lifecycle link for commitment {0}")]
    NoLink(String),
    /// A review action that cannot apply (an unknown field or variant, a bad value).
    #[error("review: {0}")]
    Review(String),
    /// A word search ran past its time (PostgreSQL's statement timeout).
    #[error("the search for {q:?} took longer than {seconds} s; narrow it with a filter or a more specific word")]
    SearchTimeout { q: String, seconds: f64 },
    /// A question to the history that has no answer (a time range backwards, a cursor that is none).
    #[error("history: {0}")]
    History(String),
    /// An export could not be written.
    #[error("export: {0}")]
    Export(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    pub(crate) fn corrupt(table: &'static str, reason: impl Into<String>) -> Self {
        Error::Corrupt { table, reason: reason.into() }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
