//! `pledgewatch ingest`: documents → text stages → ledger, on all cores with
//! bounded memory.
//!
//! ```text
//! reader thread ──(seq, raw)──▶ N workers: Document::build + extract ──(seq, processed)──▶ writer
//! ```
//!
//! The writer puts results back in input order and stores them in
//! transactions of [`BATCH`] documents, so a run killed at any moment and run
//! again merges the same documents in the same order: the same ledger as one
//! clean run. At most [`IN_FLIGHT`] documents are between the reader and the
//! database at any time (a token goes back to the reader when a document is
//! committed). Documents already in the ledger are recognised by id before
//! extraction and skipped.
//!
//! A failed write (a full disk, a lost connection, a refused row) ends the
//! run: the writer drops its channels, so the workers stop at their next
//! document and the reader at its next send, and the run returns the error
//! naming the documents of the failed transaction without waiting for them
//! (the reader may be blocked on a slow stdin). The database keeps every
//! batch committed before; a rerun resumes after them.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use pledgewatch_pipeline::RawDocument;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{Input, JsonFields, ReadOptions, documents};
use pledgewatch_store::{Processed, Store, WriteStats};

use super::{runtime, store_error};

/// Documents per transaction.
pub const BATCH: usize = 200;
/// A batch is also written once it holds this much text…
const BATCH_BYTES: usize = 32 << 20;
/// …or when no document has arrived for this long (a slow stdin).
const IDLE_FLUSH: Duration = Duration::from_secs(1);
/// Documents read but not yet committed.
const IN_FLIGHT: usize = 2 * BATCH;

/// `pledgewatch ingest SOURCE… [--db DB]`
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (.txt, seed format, .jsonl, gzip of either); `-` for stdin.
    #[arg(required = true)]
    sources: Vec<String>,
    /// The ledger: a file path (SQLite, created on first use) or a postgres:// URL.
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB)]
    db: String,
    /// JSON Lines field names, as `text=body,date=published`.
    #[arg(long, value_parser = crate::parse_fields)]
    fields: Option<JsonFields>,
    /// Worker threads for the text stages (default: one per core).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
}

type Work = (u64, pledgewatch_pipeline::Result<RawDocument>);

/// A processed document on its way to the writer.
struct Done {
    seq: u64,
    /// Where it was read from, to name it if its batch cannot be written.
    source: String,
    processed: Processed,
    /// Bytes of text read.
    bytes: usize,
}

/// Counts for the summary and the progress bar.
#[derive(Default)]
struct Progress {
    read: usize,
    bytes: usize,
    written: WriteStats,
}

/// Why the writer stopped before the input ended.
enum Stop {
    /// A transaction failed; what it held, and what was committed before it.
    Write { batch: Span, error: pledgewatch_store::Error, before: WriteStats },
    /// A document never came back from the text stages (a worker died).
    Lost { seq: u64, before: WriteStats },
}

/// The documents of one transaction, for the error message: input positions
/// (1-based) and sources of the first and the last.
#[derive(Clone, Default)]
struct Span {
    first: Option<(u64, String)>,
    last: Option<(u64, String)>,
}

impl Span {
    fn add(&mut self, seq: u64, source: &str) {
        if self.first.is_none() {
            self.first = Some((seq + 1, source.to_string()));
        }
        self.last = Some((seq + 1, source.to_string()));
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.first, &self.last) {
            (Some((a, sa)), Some((b, sb))) if a != b => write!(f, "documents {a}–{b} ({sa} … {sb})"),
            (Some((a, sa)), _) => write!(f, "document {a} ({sa})"),
            _ => write!(f, "an empty batch"),
        }
    }
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (what, before) = match self {
            Stop::Write { batch, error, before } => {
                write!(f, "ingest stopped: writing {batch} to the ledger failed: {error}")?;
                ("", before)
            }
            Stop::Lost { seq, before } => {
                write!(f, "ingest stopped: document {} never came back from the text stages", seq + 1)?;
                (" (an internal error)", before)
            }
        };
        match before.stored {
            0 => write!(f, "{what}; this run stored no document before it"),
            n => write!(
                f,
                "{what}; this run stored {n} documents with {} commitments before it, which a rerun skips",
                before.commitments
            ),
        }
    }
}

pub fn run(args: Args, rates: RateTable) -> std::io::Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(Store::open(&args.db)).map_err(store_error)?;
    let known: Arc<HashSet<String>> = Arc::new(rt.block_on(store.document_ids()).map_err(store_error)?);
    let rates = Arc::new(rates);
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())).max(1);
    let inputs: Vec<Input> = args.sources.iter().map(|s| Input::parse(s)).collect();
    let read_options = ReadOptions { json_fields: args.fields.unwrap_or_default() };

    let bar = progress_bar();
    let started = Instant::now();
    let (work_tx, work_rx) = sync_channel::<Work>(jobs * 4);
    // Owned by the workers only: when the last one stops, the reader's next send fails.
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (token_tx, token_rx) = sync_channel::<()>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        token_tx.send(()).expect("the token channel holds IN_FLIGHT");
    }
    let (done_tx, done_rx) = tokio::sync::mpsc::channel::<Done>(IN_FLIGHT);

    // Not scoped: after a failed write the run returns without joining a reader
    // blocked on its input; leaving `main` ends these threads.
    let mut threads: Vec<JoinHandle<()>> =
        vec![std::thread::spawn(move || read(inputs, read_options, &work_tx, &token_rx))];
    for _ in 0..jobs {
        let (done_tx, work_rx, known, rates) = (done_tx.clone(), work_rx.clone(), known.clone(), rates.clone());
        threads.push(std::thread::spawn(move || work(&work_rx, &known, &rates, &done_tx)));
    }
    drop((done_tx, work_rx));
    // On return the writer drops its ends (results, tokens); the others then stop.
    let result = rt.block_on(write(&store, done_rx, token_tx, &bar));
    rt.block_on(store.close());
    bar.finish_and_clear();
    let p = match result {
        Ok(p) => p,
        Err(stop) => return Err(std::io::Error::other(stop.to_string())),
    };
    for t in threads {
        // The input is exhausted and every result written: these have returned.
        t.join().map_err(|_| std::io::Error::other("ingest: a reader or worker thread panicked"))?;
    }

    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let mb = p.bytes as f64 / 1e6;
    let w = p.written;
    println!(
        "ingest: {} documents read, {} stored, {} skipped, {} errors; {} commitments; {:.1} MB in {:.1} s ({:.1} MB/s, {:.0} docs/s)",
        p.read,
        w.stored,
        w.skipped,
        w.errors,
        w.commitments,
        mb,
        secs,
        mb / secs,
        p.read as f64 / secs
    );
    Ok(if w.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Reads documents in order, each after taking a token; stops when the
/// tokens or the workers are gone.
fn read(inputs: Vec<Input>, options: ReadOptions, work: &SyncSender<Work>, tokens: &Receiver<()>) {
    for (seq, item) in documents(inputs, options).enumerate() {
        if tokens.recv().is_err() || work.send((seq as u64, item)).is_err() {
            return;
        }
    }
}

/// Runs the text stages on documents until the reader is done or the writer gone.
fn work(
    input: &Mutex<Receiver<Work>>,
    known: &HashSet<String>,
    rates: &RateTable,
    done: &tokio::sync::mpsc::Sender<Done>,
) {
    loop {
        let next = input.lock().map(|rx| rx.recv());
        let Ok(Ok((seq, item))) = next else { return };
        let (source, processed, bytes) = match item {
            Ok(raw) => {
                let (source, bytes) = (raw.source.clone(), raw.text.len());
                (source, process(raw, known, rates), bytes)
            }
            Err(e) => {
                let reason = match &e {
                    pledgewatch_pipeline::Error::Read { reason, .. }
                    | pledgewatch_pipeline::Error::Internal { reason, .. } => reason.clone(),
                    pledgewatch_pipeline::Error::Timeout { .. } => e.to_string(),
                    pledgewatch_pipeline::Error::Io { err, .. } => err.to_string(),
                };
                let source = e.source_name().to_string();
                (source.clone(), Processed::Failed { source, reason }, 0)
            }
        };
        if done.blocking_send(Done { seq, source, processed, bytes }).is_err() {
            return;
        }
    }
}

fn process(raw: RawDocument, known: &HashSet<String>, rates: &RateTable) -> Processed {
    match pledgewatch_pipeline::extract::run_unless(raw, rates, |id| known.contains(id)) {
        None => Processed::Known,
        Some(Ok((document, ex))) => Processed::Document { document, commitments: ex.commitments },
        Some(Err(e)) => Processed::Failed { source: e.source_name().to_string(), reason: e.to_string() },
    }
}

/// Puts results back in order and writes them in batches; stops at the first
/// failed write.
async fn write(
    store: &Store,
    mut done: tokio::sync::mpsc::Receiver<Done>,
    tokens: SyncSender<()>,
    bar: &ProgressBar,
) -> Result<Progress, Stop> {
    let mut progress = Progress::default();
    let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut batch: Vec<Processed> = Vec::with_capacity(BATCH);
    let mut span = Span::default();
    let mut batch_bytes = 0;
    let mut open = true;
    while open {
        let flush_now = match tokio::time::timeout(IDLE_FLUSH, done.recv()).await {
            Ok(Some(d)) => {
                waiting.insert(d.seq, d);
                false
            }
            Ok(None) => {
                open = false;
                true
            }
            Err(_) => true,
        };
        while let Some(d) = waiting.remove(&next) {
            next += 1;
            progress.read += 1;
            progress.bytes += d.bytes;
            batch_bytes += d.bytes;
            if let Processed::Failed { source, reason } = &d.processed {
                bar.suspend(|| eprintln!("pledgewatch: cannot read {source}: {reason}"));
            }
            span.add(d.seq, &d.source);
            batch.push(d.processed);
            if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                flush(store, &mut batch, &mut span, &mut progress, &tokens, bar).await?;
                batch_bytes = 0;
            }
        }
        if flush_now && !batch.is_empty() {
            flush(store, &mut batch, &mut span, &mut progress, &tokens, bar).await?;
            batch_bytes = 0;
        }
    }
    // Results after a gap mean a document was lost on the way: say so rather than skip them.
    if !waiting.is_empty() {
        return Err(Stop::Lost { seq: next, before: progress.written });
    }
    Ok(progress)
}

async fn flush(
    store: &Store,
    batch: &mut Vec<Processed>,
    span: &mut Span,
    progress: &mut Progress,
    tokens: &SyncSender<()>,
    bar: &ProgressBar,
) -> Result<(), Stop> {
    match store.write(batch).await {
        Ok(stats) => progress.written += stats,
        Err(error) => return Err(Stop::Write { batch: std::mem::take(span), error, before: progress.written }),
    }
    *span = Span::default();
    for _ in batch.drain(..) {
        // The reader may be gone (input finished): nothing waits for tokens then.
        let _ = tokens.try_send(());
    }
    let secs = bar.elapsed().as_secs_f64().max(1e-9);
    let w = &progress.written;
    bar.set_message(format!(
        "{} documents ({} stored, {} skipped) · {:.1} MB · {:.0} docs/s · {} commitments · {} errors",
        progress.read,
        w.stored,
        w.skipped,
        progress.bytes as f64 / 1e6,
        progress.read as f64 / secs,
        w.commitments,
        w.errors
    ));
    Ok(())
}

/// A spinner with counts on stderr, or nothing when stderr is not a terminal.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} ingest {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar.set_message("starting…");
    bar
}
