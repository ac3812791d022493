//! Subcommands that work on the ledger (`pledgewatch-store`), and the rates.

pub mod demo;
pub mod export;
pub mod ingest;
pub mod rates;
pub mod serve;
pub mod user;

/// The ledger location when neither `--db` nor `PLEDGEWATCH_DB` gives one.
pub const DEFAULT_DB: &str = "pledgewatch.db";

/// A runtime for the store's async API: one thread, as the CLI awaits one
/// thing at a time (SQLite connections run on their own threads anyway).
fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build()
}

fn store_error(e: pledgewatch_store::Error) -> std::io::Error {
    std::io::Error::other(e)
}
