//! How extraction time grows with the input: times the whole extraction (and the
//! mention stage alone) on generated documents at a few sizes, so that growth
//! faster than the input shows as a rising time per KB.
//!
//!     cargo run --release -p pledgewatch-pipeline --example growth -- [SHAPE] [KB…]
//!
//! Shapes: `sentence` (one sentence of "$5 million to Ukraine, " repeated; 32 KB to 1 MB by
//! default), `lines` ("$5 million" lines; 32 KB to 5.5 MB), `prose` (corpus documents from
//! `../shared/corpus/*.jsonl.gz` joined into one document; 10, 20 and 40 MB by default),
//! `line-figures` (the `sentence` shape as one line of 15, 30 and 60 MB: no newline, no stop)
//! and `line-prose` (the `prose` shape as one line of 15, 30 and 60 MB: every line break a
//! space); all five by default. Times are this thread's CPU time (the machine may be shared):
//! `build` is cleaning and segmenting the document, `extract` every text stage after it.
//! Extraction runs without a deadline, so the times are the real cost; an `extract::run`
//! would stop each at `extract::DEADLINE`.

use pledgewatch_pipeline::mentions::find_all;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{Input, ReadOptions, documents};
use pledgewatch_pipeline::{Document, RawDocument, commitments};

fn main() {
    let mut args = std::env::args().skip(1);
    let shape = args.next();
    let sizes: Vec<usize> = args.filter_map(|a| a.parse().ok()).collect();
    let shapes: Vec<&str> = match shape.as_deref() {
        Some(s @ ("sentence" | "lines" | "prose" | "line-figures" | "line-prose")) => vec![s],
        _ => vec!["sentence", "lines", "prose", "line-figures", "line-prose"],
    };
    let rates = RateTable::embedded();
    // Compile the tables and the actor lexicon outside the timed runs.
    find_all("5 March 2025", None);
    pledgewatch_pipeline::actors::find_actors("Ukraine", None);
    let mut prose = String::new();
    for shape in shapes {
        let sizes = match (&sizes[..], shape) {
            ([], "prose") => vec![10_000, 20_000, 40_000],
            ([], "sentence") => vec![32, 64, 128, 1_000],
            ([], "lines") => vec![32, 64, 128, 5_500],
            ([], _) => vec![15_000, 30_000, 60_000],
            (s, _) => s.to_vec(),
        };
        for kb in sizes {
            let text = match shape {
                "sentence" | "line-figures" => repeat("$5 million to Ukraine, ", kb),
                "lines" => repeat("$5 million\n", kb),
                _ => {
                    if prose.len() < kb * 1000 {
                        prose = corpus(kb * 1000);
                    }
                    let text = prose[..floor(&prose, kb * 1000)].to_string();
                    if shape == "line-prose" { text.replace(['\n', '\r'], " ") } else { text }
                }
            };
            let raw = RawDocument { text, source: format!("{shape}-{kb}KB"), ..RawDocument::default() };
            let t = cpu_seconds();
            let doc = Document::build(raw);
            let b = cpu_seconds() - t;
            let t = cpu_seconds();
            let mentions = find_all(&doc.text, None).len();
            let m = cpu_seconds() - t;
            let t = cpu_seconds();
            let ex = commitments::extract_until(&doc, rates, None);
            let e = cpu_seconds() - t;
            let found = ex.map_or_else(|_| "timed out".to_string(), |x| format!("{} commitments", x.commitments.len()));
            println!(
                "{shape:>12} {kb:>6} KB: extract {:>7.2} s ({:>6.1} µs/KB), mentions {:>6.2} s, build {:>5.2} s; {mentions} mentions, {found}",
                e,
                e * 1e6 / kb as f64,
                m,
                b
            );
        }
    }
}

/// `unit` repeated to about `kb` KB.
fn repeat(unit: &str, kb: usize) -> String {
    unit.repeat((kb * 1000).div_ceil(unit.len()))
}

/// At least `bytes` of corpus text, documents joined by blank lines.
fn corpus(bytes: usize) -> String {
    let mut out = String::new();
    let mut files: Vec<_> = std::fs::read_dir("../shared/corpus")
        .or_else(|_| std::fs::read_dir("../../../shared/corpus"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.to_string_lossy().ends_with(".jsonl.gz"));
    files.sort();
    for f in files {
        for raw in documents(vec![Input::parse(&f.to_string_lossy())], ReadOptions::default()).flatten() {
            out.push_str(&raw.text);
            out.push_str("\n\n");
            if out.len() >= bytes {
                return out;
            }
        }
    }
    out
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// This thread's CPU time in seconds (Linux: the first field of `/proc/thread-self/schedstat`).
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
