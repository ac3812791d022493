//! Polling: one source at a time ([`Watcher::poll`]), or all of them for
//! good, each in its own task on its own interval ([`Watcher::run`]).
//!
//! New items go through the same two steps as `pledgewatch ingest`: the text
//! stages (`extract::run`, under its panic guard and deadline) and one
//! `Store::write` transaction, which stores the documents and merges their
//! commitments into ledger entries. Only then are the items marked seen: a
//! crash in between leaves them unseen, and the next poll's write skips the
//! documents already stored (same content, same id), so nothing is stored twice.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_store::{Poll, Processed, Store};

use crate::error::{Error, Result};
use crate::fetch::{Client, Fetched};
use crate::items::{Item, items};
use crate::sources::Source;

/// Where the watcher says what it does (stderr in the CLI).
pub type Logger = Arc<dyn Fn(&str) + Send + Sync>;
/// The rates the text stages convert with; replaced when they are refreshed.
pub type SharedRates = Arc<RwLock<Arc<RateTable>>>;

/// A source that keeps failing is polled less often: its interval doubles per
/// failure in a row, up to this many times.
const MAX_BACKOFF_DOUBLINGS: u32 = 4;
/// Distinct errors remembered per source for logging once (older ones may be logged again).
const MAX_REMEMBERED_ERRORS: usize = 64;

/// What one poll did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 304: nothing changed since the last full answer.
    NotModified,
    /// An answer without any item not seen before.
    Unchanged,
    /// New items: how many, and how many documents and commitments were stored.
    New { items: usize, stored: usize, commitments: usize },
    /// The poll failed; the reason, as logged.
    Failed(String),
}

/// Polls sources and ingests what is new.
pub struct Watcher {
    store: Store,
    client: Arc<Client>,
    rates: SharedRates,
    log: Logger,
    /// Errors already logged, per source.
    logged: Mutex<HashMap<String, HashSet<String>>>,
    /// One source at a time between "which items are new" and "marked seen".
    taking: tokio::sync::Mutex<()>,
}

impl Watcher {
    pub fn new(store: Store, client: Client, rates: SharedRates, log: Logger) -> Watcher {
        Watcher {
            store,
            client: Arc::new(client),
            rates,
            log,
            logged: Mutex::new(HashMap::new()),
            taking: tokio::sync::Mutex::new(()),
        }
    }

    /// Records the sources' descriptions in the ledger (for the status).
    pub async fn register(&self, sources: &[Source]) -> Result<()> {
        for s in sources {
            self.store.watch_register(&s.url, s.kind.as_str(), s.outlet.as_deref(), s.country.as_deref()).await?;
        }
        Ok(())
    }

    /// Polls one source once. A failure is logged (once per distinct error),
    /// recorded in the source's status, and returned as [`Outcome::Failed`].
    pub async fn poll(&self, source: &Source) -> Outcome {
        match self.try_poll(source).await {
            Ok(outcome) => {
                if let Outcome::New { items, stored, commitments } = &outcome {
                    (self.log)(&format!(
                        "watch: {}: {items} new items, {stored} documents stored, {commitments} commitments",
                        source.url
                    ));
                }
                outcome
            }
            Err(e) => {
                let reason = e.to_string();
                self.once(&source.url, &reason);
                if let Err(e) = self.store.watch_failed(&source.url, &reason).await {
                    self.once(&source.url, &format!("cannot record the failure: {e}"));
                }
                Outcome::Failed(reason)
            }
        }
    }

    /// Polls every source in order, once.
    pub async fn poll_all(&self, sources: &[Source]) -> Vec<Outcome> {
        let mut out = Vec::with_capacity(sources.len());
        for s in sources {
            out.push(self.poll(s).await);
        }
        out
    }

    /// Polls each source on its interval until `stop` turns true.
    pub async fn run(self: Arc<Self>, sources: Vec<Source>, stop: tokio::sync::watch::Receiver<bool>) {
        let mut tasks = tokio::task::JoinSet::new();
        for source in sources {
            let (me, mut stop) = (self.clone(), stop.clone());
            tasks.spawn(async move {
                let mut failures = 0u32;
                while !*stop.borrow() {
                    failures = match me.poll(&source).await {
                        Outcome::Failed(_) => failures.saturating_add(1),
                        _ => 0,
                    };
                    let wait = next_wait(source.interval, failures);
                    tokio::select! {
                        () = tokio::time::sleep(wait) => {}
                        _ = stop.changed() => {}
                    }
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            if let Err(e) = done {
                (self.log)(&format!("watch: a source's task ended: {e}"));
            }
        }
    }

    async fn try_poll(&self, source: &Source) -> Result<Outcome> {
        let url = source.url.clone();
        let validators = self.store.watch_validators(&url).await?;
        let client = self.client.clone();
        let fetched = blocking(move || client.get(&url, &validators)).await??;
        let page = match fetched {
            Fetched::NotModified => {
                let poll = Poll { status: "not_modified", validators: None, items: Vec::new() };
                self.store.watch_polled(&source.url, &poll).await?;
                return Ok(Outcome::NotModified);
            }
            Fetched::Full(page) => page,
        };
        let validators = Some(page.validators.clone());
        let src = source.clone();
        let (found, unreadable) = blocking(move || items(&src, &page)).await??;
        for reason in unreadable {
            self.once(&source.url, &format!("an entry cannot be read: {reason}"));
        }

        let _turn = self.taking.lock().await;
        let keys: Vec<String> = found.iter().map(|i| i.key.clone()).collect();
        let unseen = self.store.watch_unseen(&keys).await?;
        let fresh: Vec<Item> = found.into_iter().filter(|i| unseen.contains(&i.key)).collect();
        if fresh.is_empty() {
            let poll = Poll { status: "unchanged", validators, items: Vec::new() };
            self.store.watch_polled(&source.url, &poll).await?;
            return Ok(Outcome::Unchanged);
        }
        let rates = self.rates.read().unwrap_or_else(|p| p.into_inner()).clone();
        let processed: Vec<(String, Processed)> =
            blocking(move || fresh.into_iter().map(|item| (item.key, extract(item.raw, &rates))).collect()).await?;
        let (keys, batch): (Vec<String>, Vec<Processed>) = processed.into_iter().unzip();
        let documents = batch.iter().map(|p| match p {
            Processed::Document { document, .. } => Some(document.id.clone()),
            _ => None,
        });
        let taken: Vec<(String, Option<String>)> = keys.into_iter().zip(documents).collect();
        let stats = self.store.write(&batch).await?;
        for p in &batch {
            if let Processed::Failed { source: name, reason } = p {
                self.once(&source.url, &format!("cannot extract {name}: {reason}"));
            }
        }
        let poll = Poll { status: "new", validators, items: taken };
        self.store.watch_polled(&source.url, &poll).await?;
        Ok(Outcome::New { items: batch.len(), stored: stats.stored, commitments: stats.commitments })
    }

    /// Logs `message` for `source` unless it was logged for it before.
    fn once(&self, source: &str, message: &str) {
        let first = {
            let mut logged = self.logged.lock().unwrap_or_else(|p| p.into_inner());
            let seen = logged.entry(source.to_string()).or_default();
            if seen.len() >= MAX_REMEMBERED_ERRORS {
                seen.clear();
            }
            seen.insert(message.to_string())
        };
        if first {
            (self.log)(&format!("watch: {source}: {message}"));
        }
    }
}

/// The text stages on one item, as `ingest` runs them.
fn extract(raw: pledgewatch_pipeline::RawDocument, rates: &RateTable) -> Processed {
    match pledgewatch_pipeline::extract::run(raw, rates) {
        Ok((document, ex)) => Processed::Document { document, commitments: ex.commitments },
        Err(e) => Processed::Failed { source: e.source_name().to_string(), reason: e.to_string() },
    }
}

/// Runs blocking work (HTTP, parsing, the text stages) off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| Error::Content(format!("internal error: {e}")))
}

/// How long to wait after `failures` failed polls in a row.
pub fn next_wait(interval: Duration, failures: u32) -> Duration {
    interval.saturating_mul(1 << failures.min(MAX_BACKOFF_DOUBLINGS))
}
