//! Throughput of the text stages on a corpus (JSON Lines, optionally gzipped).
//!
//!     cargo run --release -p pledgewatch-pipeline --example throughput -- ../shared/corpus/whitehouse-2021-2023.jsonl.gz
//!
//! Reads every document into memory first (so reading is not timed), then times
//! each stage on one core: document building, sentence splitting, the mention
//! stage, the actor lexicon scan, the actor stage (scan and resolution in
//! context), and the whole extraction. Prints MB/s per second of this thread's CPU
//! time (the machine may be shared: wall time counts other people's work too) and
//! of wall time, documents/s, counts and peak memory. A second argument names one
//! stage to run alone (`sentences`, `mentions`, `actor-scan`, `actors`, `extract`,
//! or `none` for the reading and document building every run pays), for profiling.
//!
//! `digest` runs the whole extraction and prints a hash of every mention, actor and
//! commitment, so a change meant to be faster only can be shown to change nothing, and
//! checks that the date recognizer's index by first token finds what every form finds.
//!
//! Instructions per byte (steadier than time on a loaded machine) come from
//! `crates/pipeline/examples/instructions.sh`, which runs each stage alone under callgrind on a sample
//! and subtracts the `none` run.

use std::time::Instant;

use pledgewatch_pipeline::mentions::find_all;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{Input, ReadOptions, documents};
use pledgewatch_pipeline::{Document, RawDocument, actors, extract};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/whitehouse-2021-2023.jsonl.gz".into());
    let only = std::env::args().nth(2);
    let run = |stage: &str| only.as_deref().is_none_or(|o| o == stage);
    let raws: Vec<_> = documents(vec![Input::parse(&path)], ReadOptions::default()).filter_map(Result::ok).collect();
    let bytes: usize = raws.iter().map(|r| r.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {} documents, {:.1} MB of text ({bytes} bytes)", raws.len(), mb);

    // Compile the lexicons and word tables once, outside the timed stages.
    let warm = start();
    actors::find_actors("Ukraine", None);
    find_all("5 March 2025", None);
    // And the rates and cue lists, which the first extraction reads.
    let raw = RawDocument { text: "Norway will give $5 million to Ukraine.".into(), ..RawDocument::default() };
    extract(&Document::build(raw), RateTable::embedded());
    // And the parser's model, which assembly decodes at the first sentence it parses: a cost
    // per process (about a billion instructions), not per byte, so not the extract stage's.
    pledgewatch_syntax::Syntax::embedded().ok();
    println!("lexicons compiled in {:.2} s CPU (once per process)", cpu_seconds() - warm.cpu);

    let t = start();
    let docs: Vec<Document> = raws.into_iter().map(Document::build).collect();
    report("document build", t, mb, docs.len(), None);

    if run("sentences") {
        let t = start();
        let mut sentences = Vec::new();
        for d in &docs {
            for s in &d.segments {
                pledgewatch_pipeline::text::sentences(&d.text, s.bytes.0, s.bytes.1, &mut sentences);
            }
        }
        report("sentence splitting", t, mb, docs.len(), Some(("sentences", sentences.len())));
    }
    if run("mentions") {
        let t = start();
        let mentions: usize = docs.iter().map(|d| find_all(&d.text, d.published).len()).sum();
        report("mentions", t, mb, docs.len(), Some(("mentions", mentions)));
    }
    if run("actor-scan") {
        // The lexicon scan alone: every name at a word start, before resolution in context.
        let t = start();
        let names: usize = docs.iter().map(|d| actors::lexicon::LEXICON.names_in(&d.text).count()).sum();
        report("actor lexicon scan", t, mb, docs.len(), Some(("names", names)));
    }
    if run("actors") {
        let t = start();
        let actors: usize = docs.iter().map(|d| actors::find_actors(&d.text, d.published).len()).sum();
        report("actors", t, mb, docs.len(), Some(("actors", actors)));
    }
    if only.as_deref() == Some("digest") {
        use std::hash::{Hash, Hasher};
        let rates = RateTable::embedded();
        let mut h = std::hash::DefaultHasher::new();
        let mut counts = (0, 0, 0);
        for d in &docs {
            let ex = extract(d, rates);
            counts = (counts.0 + ex.mentions.len(), counts.1 + ex.actors.len(), counts.2 + ex.commitments.len());
            serde_json::to_string(&ex.mentions).unwrap_or_default().hash(&mut h);
            format!("{:?}", ex.actors).hash(&mut h);
            serde_json::to_string(&ex.commitments).unwrap_or_default().hash(&mut h);
        }
        println!("digest {:016x}: {} mentions, {} actors, {} commitments", h.finish(), counts.0, counts.1, counts.2);
        // The mention stage alone skips lines with nothing worth a look: it must find what a
        // scan of every sentence finds.
        let differ = docs.iter().filter(|d| find_all(&d.text, d.published) != every_sentence(d)).count();
        println!("find_all: {differ} documents differ from a scan of every sentence");
        // The date recognizer's index by first token must find what every form at every start finds.
        let indexed: Vec<_> = docs.iter().map(|d| find_all(&d.text, d.published)).collect();
        pledgewatch_pipeline::mentions::date::set_every_form(true);
        let differ = docs.iter().zip(&indexed).filter(|(d, m)| find_all(&d.text, d.published) != **m).count();
        pledgewatch_pipeline::mentions::date::set_every_form(false);
        println!("date index: {differ} documents differ from trying every form at every start");
    }
    if run("extract") {
        let rates = RateTable::embedded();
        let t = start();
        let commitments: usize = docs.iter().map(|d| extract(d, rates).commitments.len()).sum();
        report("extract (all stages)", t, mb, docs.len(), Some(("commitments", commitments)));
    }

    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        // This benchmark holds the whole corpus, raw and built, to time the stages apart; the CLI
        // streams, so `/usr/bin/time -v pledgewatch extract FILE` peaks far lower.
        println!("peak memory: {} (with the whole corpus held in memory)", line.trim_start_matches("VmHWM:").trim());
    }
}

/// Prints a stage's speed: MB per second of CPU time and of wall time since `t`.
fn report(stage: &str, t: Timer, mb: f64, docs: usize, count: Option<(&str, usize)>) {
    let s = t.wall.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - t.cpu;
    let extra = count.map(|(what, n)| format!(", {n} {what}")).unwrap_or_default();
    println!(
        "{stage:>22}: {:7.1} MB/s per core ({cpu:.2} s CPU), {:7.1} MB/s wall ({s:.2} s), {:8.0} docs/s{extra}",
        mb / cpu,
        mb / s,
        docs as f64 / cpu
    );
}

/// When a stage started, by the wall clock and by this thread's CPU time.
#[derive(Clone, Copy)]
struct Timer {
    wall: Instant,
    cpu: f64,
}

fn start() -> Timer {
    Timer { wall: Instant::now(), cpu: cpu_seconds() }
}

/// This thread's CPU time in seconds (Linux: the first field of `/proc/thread-self/schedstat`,
/// nanoseconds on a CPU); without it, 0, and the CPU figures read as infinite.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// The mentions of every sentence of every line, none skipped.
fn every_sentence(d: &Document) -> Vec<pledgewatch_pipeline::mentions::Mention> {
    let (text, mut sentences, mut pos) = (d.text.as_str(), Vec::new(), 0);
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            pledgewatch_pipeline::text::sentences(text, pos, pos + line.len(), &mut sentences);
        }
        pos += line.len() + 1;
    }
    let (mut scanner, mut out) = (pledgewatch_pipeline::mentions::Scanner::default(), Vec::new());
    for s in sentences {
        scanner.scan(text, s, d.published, &mut out);
    }
    pledgewatch_pipeline::mentions::finish(&pledgewatch_pipeline::text::CharMap::new(text), &mut out);
    out
}
