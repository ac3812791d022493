//! The watcher's one error type.

/// Why reading the sources file or polling a source failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The sources file cannot be read or says something wrong.
    #[error("{path}: {reason}")]
    Sources { path: String, reason: String },
    /// An HTTP exchange failed (after its retries): no connection, a timeout, a redirect loop, a bad status.
    #[error("{0}")]
    Http(String),
    /// robots.txt does not let the watcher fetch this address.
    #[error("robots.txt disallows {0}")]
    Robots(String),
    /// The answer is not what the source's kind promises (a malformed feed, a page that cannot be read).
    #[error("{0}")]
    Content(String),
    /// The ledger failed.
    #[error("ledger: {0}")]
    Store(#[from] pledgewatch_store::Error),
    /// The WARC archive cannot be written.
    #[error("archive {path}: {reason}")]
    Archive { path: String, reason: String },
}

pub type Result<T> = std::result::Result<T, Error>;
