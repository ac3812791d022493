//! Throughput of the text stages on a corpus (JSON Lines, optionally gzipped).
//!
//!     cargo run --release --example throughput -- ../shared/corpus/whitehouse-2021-2023.jsonl.gz
//!
//! Reads every document into memory first (so reading is not timed), then times
//! each stage on one core: document building, sentence splitting, the mention
//! stage, the actor lexicon scan, the actor stage (scan and resolution in
//! context), and the whole extraction. Prints MB/s, documents/s, counts and peak
//! memory. A second argument names one stage to run alone (`mentions`,
//! `actor-scan`, `actors`, `extract`), for profiling.

use std::time::Instant;

use pledgewatch_pipeline::mentions::find_all;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{Input, ReadOptions, documents};
use pledgewatch_pipeline::{Document, actors, extract};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus/whitehouse-2021-2023.jsonl.gz".into());
    let only = std::env::args().nth(2);
    let run = |stage: &str| only.as_deref().is_none_or(|o| o == stage);
    let raws: Vec<_> = documents(vec![Input::parse(&path)], ReadOptions::default()).filter_map(Result::ok).collect();
    let bytes: usize = raws.iter().map(|r| r.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {} documents, {:.1} MB of text", raws.len(), mb);

    // Compile the lexicons and word tables once, outside the timed stages.
    let warm = Instant::now();
    actors::find_actors("Ukraine", None);
    find_all("5 March 2025", None);
    println!("lexicons compiled in {:.2} s (once per process)", warm.elapsed().as_secs_f64());

    let t = Instant::now();
    let docs: Vec<Document> = raws.into_iter().map(Document::build).collect();
    report("document build", t, mb, docs.len(), None);

    if run("sentences") {
        let t = Instant::now();
        let mut sentences = Vec::new();
        for d in &docs {
            for s in &d.segments {
                pledgewatch_pipeline::text::sentences(&d.text, s.bytes.0, s.bytes.1, &mut sentences);
            }
        }
        report("sentence splitting", t, mb, docs.len(), Some(("sentences", sentences.len())));
    }
    if run("mentions") {
        let t = Instant::now();
        let mentions: usize = docs.iter().map(|d| find_all(&d.text, d.published).len()).sum();
        report("mentions", t, mb, docs.len(), Some(("mentions", mentions)));
    }
    if run("actor-scan") {
        // The lexicon scan alone: every name at a word start, before resolution in context.
        let t = Instant::now();
        let names: usize = docs.iter().map(|d| actors::lexicon::LEXICON.names_in(&d.text).count()).sum();
        report("actor lexicon scan", t, mb, docs.len(), Some(("names", names)));
    }
    if run("actors") {
        let t = Instant::now();
        let actors: usize = docs.iter().map(|d| actors::find_actors(&d.text, d.published).len()).sum();
        report("actors", t, mb, docs.len(), Some(("actors", actors)));
    }
    if run("extract") {
        let rates = RateTable::embedded();
        let t = Instant::now();
        let commitments: usize = docs.iter().map(|d| extract(d, rates).commitments.len()).sum();
        report("extract (all stages)", t, mb, docs.len(), Some(("commitments", commitments)));
    }

    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        println!("peak memory: {}", line.trim_start_matches("VmHWM:").trim());
    }
}

fn report(stage: &str, t: Instant, mb: f64, docs: usize, count: Option<(&str, usize)>) {
    let s = t.elapsed().as_secs_f64();
    let extra = count.map(|(what, n)| format!(", {n} {what}")).unwrap_or_default();
    println!("{stage:>22}: {:7.1} MB/s per core, {:8.0} docs/s ({s:.2} s){extra}", mb / s, docs as f64 / s);
}
