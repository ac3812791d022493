//! Subcommands that work on the ledger (`pledgewatch-store`), the rates, and the watcher.

pub mod decision;
pub mod demo;
pub mod diff;
pub mod export;
pub mod ingest;
pub mod labels;
pub mod rates;
pub mod serve;
pub mod train;
pub mod user;
pub mod watch;

use std::path::Path;

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

/// Refuses a ledger file that is not there, for the commands that read a
/// ledger or change what is in it (`export`, `serve`, `user list`…): opening
/// would create an empty one, and a mistyped path would then give an empty
/// export, or a server with nobody to log in, instead of an error. `ingest`,
/// `user add` and `demo` create their ledger. A `postgres://` or `sqlite:`
/// URL is taken as given.
fn existing_ledger(db: &str) -> std::io::Result<()> {
    let url = ["postgres://", "postgresql://", "sqlite:"].iter().any(|p| db.starts_with(p));
    if url || Path::new(db).exists() {
        return Ok(());
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!(
            "no ledger at {db}: build one with `pledgewatch ingest FILES --db {db}` \
             (or give --db / PLEDGEWATCH_DB the ledger's path)"
        ),
    ))
}
