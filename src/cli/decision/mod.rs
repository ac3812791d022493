//! `pledgewatch train decision`: fits the decision model on the development labels, measures it
//! leave-one-style-out against the rules alone, and writes the model file
//! (`crates/pipeline/model/decision.json`). The model decides by default only when its worst
//! style beats the rules' worst style without inventing more records on negatives; either way
//! the file carries a Platt calibration of the rules' score, so that `confidence` is a
//! probability of being right.
//!
//! `--reviewed FILE --db LEDGER` adds what reviewers decided (`pledgewatch labels export`),
//! the documents read from the ledger (`reviewed.rs` says how partial lines and the style of
//! reviewed documents are taken). Without `--labels` and `--corpus` it trains on the written
//! statements (and reviewed labels) alone, which the repository holds.

mod data;
mod fit;
mod matching;
mod reviewed;

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use pledgewatch_pipeline::commitments::decision::{FEATURE_NAMES, Model, Platt};
use pledgewatch_pipeline::rates::RateTable;
use serde_json::json;

use data::{Corpus, Doc, Loaded, Sources};
use fit::{Fitted, fit};
use matching::{Ids, Score, pairs};

/// The command the committed model file is made with (its provenance says so).
const COMMAND: &str = "pledgewatch train decision --labels eval/labels --corpus ../shared/corpus --out crates/pipeline/model/decision.json";

/// `pledgewatch train decision --labels eval/labels --corpus ../shared/corpus --out FILE
/// [--reviewed FILE… --db LEDGER]`, or `--statements eval/statements` in place of the labels
/// and corpus.
#[derive(clap::Args)]
pub struct Args {
    /// The label folder: `batches.json` and the batches' files (held-out ones are never read).
    #[arg(long, requires = "corpus")]
    labels: Option<PathBuf>,
    /// The folder of the corpus files that `batches.json` names.
    #[arg(long, requires = "labels")]
    corpus: Option<PathBuf>,
    /// The older White House labels [default: LABELS/../corpus_labels.jsonl].
    #[arg(long, requires = "labels")]
    old_labels: Option<PathBuf>,
    /// The written statements, `docs.jsonl` and `labels.jsonl` [default: LABELS/../statements;
    /// needed without --labels].
    #[arg(long, required_unless_present = "labels")]
    statements: Option<PathBuf>,
    /// Labels reviewers exported (`pledgewatch labels export`), as more training documents
    /// (style `reviewed`); repeatable, a later file's decision on a record standing.
    #[arg(long, value_name = "FILE")]
    reviewed: Vec<PathBuf>,
    /// The ledger that holds the reviewed documents: a file path (SQLite) or a postgres:// URL.
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = crate::cli::DEFAULT_DB)]
    db: String,
    /// Where to write the model file.
    #[arg(long)]
    out: PathBuf,
    /// L2 penalty of the logistic regression.
    #[arg(long, default_value_t = 1.0)]
    alpha: f64,
    /// A record is kept when its probability reaches this.
    #[arg(long, default_value_t = 0.5)]
    threshold: f64,
    /// Also write the leave-one-style-out tables (Markdown) here.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Print the leave-one-style-out headline for a grid of penalties and thresholds first.
    #[arg(long)]
    sweep: bool,
}

/// Rounded so that the file does not depend on the last bits of floating point.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The records of a document with whether each is right (matches a gold, optional included).
fn right(doc: &Doc, candidates: bool) -> Vec<bool> {
    let recs = if candidates { &doc.candidates } else { &doc.rules };
    let views: Vec<_> = recs.iter().map(|r| r.view.clone()).collect();
    let mut out = vec![false; views.len()];
    for (_, p) in pairs(&doc.golds, &views) {
        out[p] = true;
    }
    out
}

fn fit_model(what: &str, docs: &[&Doc], alpha: f64) -> io::Result<Fitted> {
    let mut xs: Vec<&[f64]> = Vec::new();
    let mut ys = Vec::new();
    for d in docs {
        for (r, y) in d.candidates.iter().zip(right(d, true)) {
            xs.push(&r.x);
            ys.push(y);
        }
    }
    fit(&format!("the model ({what})"), &xs, &ys, alpha)
}

fn fit_platt(what: &str, docs: &[&Doc], alpha: f64) -> io::Result<Platt> {
    let mut rows: Vec<[f64; 1]> = Vec::new();
    let mut ys = Vec::new();
    for d in docs {
        for (r, y) in d.rules.iter().zip(right(d, false)) {
            rows.push([r.score]);
            ys.push(y);
        }
    }
    let xs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
    let f = fit(&format!("the calibration of the rules' score ({what})"), &xs, &ys, alpha)?;
    // A score that says less when it is higher would be no calibration: a flat one then.
    Ok(Platt { a: round6(f.weights[0].max(0.0)), b: round6(f.intercept) })
}

/// One style's leave-one-style-out figures.
struct Fold {
    style: String,
    docs: usize,
    negatives: usize,
    rules: Score,
    model: Score,
    /// (probability, right) of the records the model keeps.
    model_probs: Vec<(f64, bool)>,
    /// (calibrated, raw score, right) of the rules' records.
    rules_probs: Vec<(f64, f64, bool)>,
}

/// Whether the documents hold right and wrong records both, in each mode (else nothing can be
/// fitted on them).
fn fittable(docs: &[&Doc]) -> bool {
    [true, false].into_iter().all(|candidates| {
        let ys: Vec<bool> = docs.iter().flat_map(|d| right(d, candidates)).collect();
        ys.contains(&true) && ys.contains(&false)
    })
}

/// The folds, and the styles that could not be held out: the others alone lack right or
/// wrong records (a single style; the statements with a few reviewed documents).
fn loso(docs: &[Doc], alpha: f64, threshold: f64) -> io::Result<(Vec<Fold>, Vec<String>)> {
    let styles: BTreeSet<&str> = docs.iter().map(|d| d.style.as_str()).collect();
    let mut folds = Vec::new();
    let mut unmeasured = Vec::new();
    for style in styles {
        let train: Vec<&Doc> = docs.iter().filter(|d| d.style != style).collect();
        if !fittable(&train) {
            unmeasured.push(style.to_string());
            continue;
        }
        let without = format!("without {style}");
        let model = fit_model(&without, &train, alpha)?;
        let platt = fit_platt(&without, &train, alpha)?;
        let mut fold = Fold {
            style: style.to_string(),
            docs: 0,
            negatives: 0,
            rules: Score::default(),
            model: Score::default(),
            model_probs: Vec::new(),
            rules_probs: Vec::new(),
        };
        for d in docs.iter().filter(|d| d.style == style) {
            fold.docs += 1;
            fold.negatives += usize::from(!d.announces);
            let rules: Vec<_> = d.rules.iter().map(|r| r.view.clone()).collect();
            let ok = fold.rules.add(&d.golds, &rules, d.announces);
            for (r, ok) in d.rules.iter().zip(ok) {
                fold.rules_probs.push((platt.probability(r.score), r.score, ok));
            }
            let probs: Vec<f64> = d.candidates.iter().map(|r| model.probability(&r.x)).collect();
            let kept: Vec<usize> = (0..probs.len()).filter(|&k| probs[k] >= threshold).collect();
            let views: Vec<_> = kept.iter().map(|&k| d.candidates[k].view.clone()).collect();
            let ok = fold.model.add(&d.golds, &views, d.announces);
            for (&k, ok) in kept.iter().zip(ok) {
                fold.model_probs.push((probs[k], ok));
            }
        }
        folds.push(fold);
    }
    Ok((folds, unmeasured))
}

fn brier(ps: impl Iterator<Item = (f64, bool)>) -> (f64, usize) {
    let (mut sum, mut n) = (0.0, 0);
    for (p, y) in ps {
        sum += (p - f64::from(u8::from(y))).powi(2);
        n += 1;
    }
    (if n == 0 { 0.0 } else { sum / n as f64 }, n)
}

/// Rows of "confidence bin, records, mean confidence, share right".
fn reliability(ps: &[(f64, bool)]) -> String {
    let mut out = String::from("| confidence | records | mean confidence | share right |\n|---|---|---|---|\n");
    for b in 0..10 {
        let (lo, hi) = (b as f64 / 10.0, (b + 1) as f64 / 10.0);
        let inside: Vec<_> = ps.iter().filter(|(p, _)| *p >= lo && (*p < hi || (b == 9 && *p <= 1.0))).collect();
        if inside.is_empty() {
            continue;
        }
        let mean = inside.iter().map(|(p, _)| p).sum::<f64>() / inside.len() as f64;
        let share = inside.iter().filter(|(_, y)| *y).count() as f64 / inside.len() as f64;
        out += &format!("| {lo:.1}–{hi:.1} | {} | {mean:.2} | {share:.2} |\n", inside.len());
    }
    out
}

fn f1_cell(s: &Score) -> String {
    s.f1().map_or("n/a".into(), |f| format!("{f:.3}"))
}

/// The worst F1 of the styles that have one, and the records invented on negatives in all.
fn headline(folds: &[Fold], pick: impl Fn(&Fold) -> &Score) -> (f64, usize) {
    let worst = folds.iter().filter_map(|f| pick(f).f1()).fold(f64::INFINITY, f64::min);
    (if worst.is_finite() { worst } else { 0.0 }, folds.iter().map(|f| pick(f).invented).sum())
}

fn report(folds: &[Fold], unmeasured: &[String], by_default: bool) -> String {
    let mut s = String::from(
        "| style | docs | negatives | rules P | rules R | rules F1 | rules invented | model P | model R | model F1 | \
         model invented | syntax + model F1 |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for f in folds {
        s += &format!(
            "| {} | {} | {} | {:.3} | {:.3} | {} | {} | {:.3} | {:.3} | {} | {} | not built |\n",
            f.style,
            f.docs,
            f.negatives,
            f.rules.precision(),
            f.rules.recall(),
            f1_cell(&f.rules),
            f.rules.invented,
            f.model.precision(),
            f.model.recall(),
            f1_cell(&f.model),
            f.model.invented,
        );
    }
    if !unmeasured.is_empty() {
        s += &format!(
            "\nNot held out (the other styles alone lack right or wrong records): {}.\n",
            unmeasured.join(", ")
        );
    }
    let (rw, ri) = headline(folds, |f| &f.rules);
    let (mw, mi) = headline(folds, |f| &f.model);
    s += &format!(
        "\nWorst style F1: rules {rw:.3} ({ri} invented on negatives), rules + model {mw:.3} ({mi} invented). \
         Decides by default: {}.\n",
        if by_default { "the model" } else { "the rules (the model is behind PLEDGEWATCH_DECISION=model)" }
    );
    let model: Vec<(f64, bool)> = folds.iter().flat_map(|f| f.model_probs.iter().copied()).collect();
    let cal: Vec<(f64, bool)> = folds.iter().flat_map(|f| f.rules_probs.iter().map(|r| (r.0, r.2))).collect();
    let raw: Vec<(f64, bool)> = folds.iter().flat_map(|f| f.rules_probs.iter().map(|r| (r.1, r.2))).collect();
    let (b_model, n_model) = brier(model.iter().copied());
    let (b_cal, n_cal) = brier(cal.iter().copied());
    let (b_raw, _) = brier(raw.iter().copied());
    s += &format!(
        "\nBrier score, leave-one-style-out: the rules' records with the calibrated confidence {b_cal:.3} \
         ({n_cal} records; today's uncalibrated score {b_raw:.3}); the records the model keeps, with its \
         probability {b_model:.3} ({n_model} records).\n\nReliability, the rules' records, calibrated:\n\n{}\n\
         Reliability, the records the model keeps:\n\n{}",
        reliability(&cal),
        reliability(&model)
    );
    s
}

/// The command, for the provenance: the committed model's own, else its form (without the
/// paths, so that the file does not depend on where they were).
fn command(args: &Args) -> String {
    if args.labels.is_some() && args.reviewed.is_empty() {
        return COMMAND.to_string();
    }
    let mut c = String::from("pledgewatch train decision");
    c += if args.labels.is_some() { " --labels LABELS --corpus CORPUS" } else { " --statements STATEMENTS" };
    if !args.reviewed.is_empty() {
        c += &" --reviewed FILE".repeat(args.reviewed.len());
        c += " --db LEDGER";
    }
    c + " --out FILE"
}

pub fn run(args: Args) -> io::Result<ExitCode> {
    let parent = args.labels.as_deref().and_then(|l| l.parent()).map(PathBuf::from).unwrap_or_default();
    let corpus = args.labels.clone().zip(args.corpus.clone()).map(|(labels, corpus)| Corpus {
        old_labels: args.old_labels.clone().unwrap_or_else(|| parent.join("corpus_labels.jsonl")),
        labels,
        corpus,
    });
    let src = Sources { statements: args.statements.clone().unwrap_or_else(|| parent.join("statements")), corpus };
    let ids = Ids::new();
    let rates = RateTable::embedded();
    let Loaded { mut docs, taken } = data::load(&src, rates, &ids)?;
    let added = if args.reviewed.is_empty() {
        None
    } else {
        let (more, summary) = reviewed::load(&args.reviewed, &args.db, &taken, rates, &ids)?;
        docs.extend(more);
        Some(summary)
    };
    if args.sweep {
        for alpha in [0.03, 0.1, 0.3, 1.0, 3.0] {
            for threshold in [0.3, 0.4, 0.5, 0.6, 0.7] {
                let (folds, _) = loso(&docs, alpha, threshold)?;
                let (w, i) = headline(&folds, |f| &f.model);
                let f1s: Vec<String> = folds.iter().map(|f| format!("{} {}", f.style, f1_cell(&f.model))).collect();
                println!("alpha {alpha} threshold {threshold}: worst F1 {w:.3}, invented {i}; {}", f1s.join(", "));
            }
        }
    }
    let (folds, unmeasured) = loso(&docs, args.alpha, args.threshold)?;
    let (rules_worst, rules_invented) = headline(&folds, |f| &f.rules);
    let (model_worst, model_invented) = headline(&folds, |f| &f.model);
    // A style that could not be held out has no worst F1 to beat: the rules decide then.
    let by_default = unmeasured.is_empty() && model_worst > rules_worst && model_invented <= rules_invented;
    let all: Vec<&Doc> = docs.iter().collect();
    let fitted = fit_model("every style", &all, args.alpha)?;
    let calibration = fit_platt("every style", &all, args.alpha)?;
    let model = Model {
        by_default,
        threshold: args.threshold,
        intercept: round6(fitted.intercept),
        weights: FEATURE_NAMES.iter().cloned().zip(fitted.weights.iter().map(|w| round6(*w))).collect(),
        calibration: Some(calibration),
    };
    let candidates: usize = docs.iter().map(|d| d.candidates.len()).sum();
    let positives: usize = docs.iter().map(|d| right(d, true).iter().filter(|r| **r).count()).sum();
    let mut file = serde_json::to_value(&model).map_err(io::Error::other)?;
    file["provenance"] = json!({
        "command": command(&args),
        "documents": docs.len(),
        "candidates": candidates,
        "right_candidates": positives,
        "alpha": args.alpha,
        "loso_worst_f1": {"rules": round6(rules_worst), "model": round6(model_worst)},
        "loso_invented": {"rules": rules_invented, "model": model_invented},
    });
    if let Some(r) = &added {
        file["provenance"]["reviewed"] = json!({
            "documents": r.documents,
            "partial": r.partial,
            "skipped": r.skipped,
            "left_out": r.left_out,
        });
    }
    let text = serde_json::to_string_pretty(&file).map_err(io::Error::other)? + "\n";
    std::fs::write(&args.out, text).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", args.out.display())))?;
    let table = report(&folds, &unmeasured, by_default);
    if let Some(path) = &args.report {
        std::fs::write(path, &table).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    }
    let mut out = io::stdout().lock();
    if let Some(r) = &added {
        writeln!(
            out,
            "reviewed labels: {} documents ({} partial: {} unreviewed candidates left out), {} skipped as \
             labelled elsewhere or held out",
            r.documents, r.partial, r.left_out, r.skipped
        )?;
    }
    writeln!(out, "{} documents, {candidates} candidates ({positives} right)\n\n{table}", docs.len())?;
    writeln!(out, "wrote {}", args.out.display())?;
    Ok(ExitCode::SUCCESS)
}
