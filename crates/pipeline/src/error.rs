//! The pipeline's one error type. Text stages are meant to be total; reading
//! can fail, and a stage that panics anyway is caught and named (`Internal`).

/// Why a document (or a source of documents) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{source_name}: {reason}")]
    Read { source_name: String, reason: String },
    #[error("{source_name}: {reason}")]
    Internal { source_name: String, reason: String },
    /// The text stages ran past the document's deadline (`extract::run_within`): one crafted or
    /// huge document becomes this record instead of stalling a whole ingest.
    #[error("{source_name}: extraction_timeout: the text stages took longer than {seconds} s")]
    Timeout { source_name: String, seconds: f64 },
    #[error("{source_name}: {err}")]
    Io {
        source_name: String,
        #[source]
        err: std::io::Error,
    },
}

impl Error {
    pub fn read(source: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Read { source_name: source.into(), reason: reason.into() }
    }

    pub fn internal(source: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Internal { source_name: source.into(), reason: reason.into() }
    }

    pub fn io(source: impl Into<String>, err: std::io::Error) -> Self {
        Error::Io { source_name: source.into(), err }
    }

    /// A short stable name of what went wrong, for error records: `read`, `internal`,
    /// `extraction_timeout`, `io`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Read { .. } => "read",
            Error::Internal { .. } => "internal",
            Error::Timeout { .. } => "extraction_timeout",
            Error::Io { .. } => "io",
        }
    }

    /// The source this error is about.
    pub fn source_name(&self) -> &str {
        match self {
            Error::Read { source_name, .. }
            | Error::Internal { source_name, .. }
            | Error::Timeout { source_name, .. }
            | Error::Io { source_name, .. } => source_name,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
