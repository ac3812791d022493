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

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
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

/// A processed document on its way to the writer.
struct Done {
    seq: u64,
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

pub fn run(args: Args, rates: &RateTable) -> std::io::Result<ExitCode> {
    let rt = runtime()?;
    let store = rt.block_on(Store::open(&args.db)).map_err(store_error)?;
    let known: HashSet<String> = rt.block_on(store.document_ids()).map_err(store_error)?;
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())).max(1);
    let inputs: Vec<Input> = args.sources.iter().map(|s| Input::parse(s)).collect();
    let read_options = ReadOptions { json_fields: args.fields.unwrap_or_default() };

    let bar = progress_bar();
    let started = Instant::now();
    let (work_tx, work_rx) = sync_channel::<(u64, pledgewatch_pipeline::Result<RawDocument>)>(jobs * 4);
    let work_rx = Mutex::new(work_rx);
    let (token_tx, token_rx) = sync_channel::<()>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        token_tx.send(()).expect("the token channel holds IN_FLIGHT");
    }
    let (done_tx, done_rx) = tokio::sync::mpsc::channel::<Done>(IN_FLIGHT);

    let result = std::thread::scope(|s| {
        s.spawn(move || read(inputs, read_options, &work_tx, &token_rx));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (work_rx, known) = (&work_rx, &known);
            s.spawn(move || work(work_rx, known, rates, &done_tx));
        }
        drop(done_tx);
        // On return (or error) the writer drops its ends; the others then stop.
        rt.block_on(write(&store, done_rx, token_tx, &bar))
    });
    rt.block_on(store.close());
    bar.finish_and_clear();
    let p = result.map_err(store_error)?;

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

/// Reads documents in order, each after taking a token.
fn read(
    inputs: Vec<Input>,
    options: ReadOptions,
    work: &SyncSender<(u64, pledgewatch_pipeline::Result<RawDocument>)>,
    tokens: &Receiver<()>,
) {
    for (seq, item) in documents(inputs, options).enumerate() {
        if tokens.recv().is_err() || work.send((seq as u64, item)).is_err() {
            return;
        }
    }
}

/// Runs the text stages on documents until the reader is done.
fn work(
    input: &Mutex<Receiver<(u64, pledgewatch_pipeline::Result<RawDocument>)>>,
    known: &HashSet<String>,
    rates: &RateTable,
    done: &tokio::sync::mpsc::Sender<Done>,
) {
    loop {
        let next = input.lock().map(|rx| rx.recv());
        let Ok(Ok((seq, item))) = next else { return };
        let (processed, bytes) = match item {
            Ok(raw) => {
                let bytes = raw.text.len();
                (process(raw, known, rates), bytes)
            }
            Err(e) => {
                let reason = match &e {
                    pledgewatch_pipeline::Error::Read { reason, .. }
                    | pledgewatch_pipeline::Error::Internal { reason, .. } => reason.clone(),
                    pledgewatch_pipeline::Error::Io { err, .. } => err.to_string(),
                };
                (Processed::Failed { source: e.source_name().to_string(), reason }, 0)
            }
        };
        if done.blocking_send(Done { seq, processed, bytes }).is_err() {
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

/// Puts results back in order and writes them in batches.
async fn write(
    store: &Store,
    mut done: tokio::sync::mpsc::Receiver<Done>,
    tokens: SyncSender<()>,
    bar: &ProgressBar,
) -> pledgewatch_store::Result<Progress> {
    let mut progress = Progress::default();
    let mut waiting: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut batch: Vec<Processed> = Vec::with_capacity(BATCH);
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
            batch.push(d.processed);
            if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                flush(store, &mut batch, &mut progress, &tokens, bar).await?;
                batch_bytes = 0;
            }
        }
        if flush_now && !batch.is_empty() {
            flush(store, &mut batch, &mut progress, &tokens, bar).await?;
            batch_bytes = 0;
        }
    }
    Ok(progress)
}

async fn flush(
    store: &Store,
    batch: &mut Vec<Processed>,
    progress: &mut Progress,
    tokens: &SyncSender<()>,
    bar: &ProgressBar,
) -> pledgewatch_store::Result<()> {
    progress.written += store.write(batch).await?;
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
