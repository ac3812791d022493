//! `pledgewatch watch`: follow RSS/Atom feeds and single pages live.
//!
//! ```text
//! sources.toml ─sources─▶ Source* ─run: one task per source, every `interval`─▶ poll
//! poll: fetch (robots.txt, per-host gap, conditional GET, retries) ─archive─▶ WARC
//!       ─items─▶ RawDocument* not seen before ─extract─▶ Store::write ─▶ watch_items
//! ```
//!
//! Every response fetched is kept raw in a WARC file (`archive`), the
//! provenance of every figure. Items are known by feed guid or link (a page by
//! its address and content) in the ledger's `watch_items`, so a restart never
//! stores one twice; the source's ETag and Last-Modified are kept beside them.
//! A failed poll (an HTTP error, a timeout, a malformed feed, a redirect loop,
//! robots.txt) is logged once per source and distinct error, recorded in the
//! source's status, and the source is polled again later, less often while it
//! keeps failing.

mod archive;
mod error;
mod fetch;
mod items;
mod polite;
mod poll;
pub mod sources;

pub use archive::Archive;
pub use error::{Error, Result};
pub use fetch::{Client, ClientOptions};
pub use poll::{Logger, Outcome, SharedRates, Watcher};
pub use sources::{Kind, Settings, Source, Sources};

/// Sent with every request, so that a site can tell who is asking; the sources file's
/// `contact` is appended to it.
pub const USER_AGENT: &str =
    concat!("pledgewatch/", env!("CARGO_PKG_VERSION"), " (aid commitments ledger; feed watcher)");
