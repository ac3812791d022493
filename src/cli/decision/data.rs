//! The training data: the development label batches of `eval/labels` (`batches.json` says
//! which; a held-out batch's file is never opened, and its ids are taken from no file), the older
//! White House labels (`eval/corpus_labels.jsonl`) and the written statements
//! (`eval/statements`), with their documents from the corpus folder. Each document is run
//! twice: in candidate mode (the model's examples) and by the rules alone (the baseline).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use pledgewatch_pipeline::commitments::{by_rules, candidates, decision::features};
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{Input, ReadOptions, documents};
use pledgewatch_pipeline::{Commitment, Document};
use serde_json::Value;

use super::matching::{Ids, View};

/// One record, described.
pub struct Record {
    pub view: View,
    pub x: Vec<f64>,
    /// The rules' own score (today's confidence).
    pub score: f64,
}

/// One labelled document with what each mode proposes.
pub struct Doc {
    pub style: String,
    pub announces: bool,
    pub golds: Vec<View>,
    pub candidates: Vec<Record>,
    pub rules: Vec<Record>,
}

/// Where the labels are.
pub struct Sources {
    /// The label batches with their corpus, when given (training on the statements alone
    /// needs only the repository).
    pub corpus: Option<Corpus>,
    pub statements: PathBuf,
}

/// The development label batches and the older White House labels, whose documents are in
/// the corpus folder.
pub struct Corpus {
    pub labels: PathBuf,
    pub corpus: PathBuf,
    pub old_labels: PathBuf,
}

/// The labelled documents, and the ids no other labels may train on again: the held-out
/// batches' and those labelled here.
pub struct Loaded {
    pub docs: Vec<Doc>,
    pub taken: HashSet<String>,
}

pub fn bad(what: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

pub fn read_jsonl(path: &Path) -> io::Result<Vec<Value>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| bad(format!("{}:{}: {e}", path.display(), n + 1)))?);
    }
    Ok(out)
}

/// The development labels by corpus file: file → [(style, label line)], in a fixed order.
fn development_labels(src: &Corpus, held: &mut HashSet<String>) -> io::Result<BTreeMap<String, Vec<(String, Value)>>> {
    let manifest_path = src.labels.join("batches.json");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(&manifest_path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", manifest_path.display())))?,
    )
    .map_err(|e| bad(format!("{}: {e}", manifest_path.display())))?;
    let batches = manifest.as_object().ok_or_else(|| bad("batches.json: not an object"))?;
    // id → (style, file) of the development batches only.
    let mut wanted: HashMap<String, (String, String)> = HashMap::new();
    for (name, b) in batches {
        let held_out = b.get("held_out").and_then(Value::as_bool).unwrap_or(true);
        if held_out {
            // Its ids are kept out of every other file too (the older labels, the statements).
            for id in b.get("ids").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
                held.insert(id.to_string());
            }
            continue;
        }
        let (Some(style), Some(file)) = (b.get("style").and_then(Value::as_str), b.get("file").and_then(Value::as_str))
        else {
            continue;
        };
        for id in b.get("ids").and_then(Value::as_array).into_iter().flatten() {
            let id = id.as_str().ok_or_else(|| bad(format!("batches.json: {name}: an id that is no string")))?;
            wanted.insert(id.to_string(), (style.to_string(), file.to_string()));
        }
    }
    let mut names: Vec<PathBuf> = std::fs::read_dir(&src.labels)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Held-out label files are never opened; second labellings are not the labels.
            n.ends_with(".jsonl") && !n.contains("holdout") && !n.starts_with("agreement")
        })
        .collect();
    names.sort();
    let mut by_file: BTreeMap<String, Vec<(String, Value)>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for path in names {
        for line in read_jsonl(&path)? {
            let Some(id) = line.get("id").and_then(Value::as_str) else { continue };
            if let Some((style, file)) = wanted.get(id)
                && !held.contains(id)
                && seen.insert(id.to_string())
            {
                by_file.entry(file.clone()).or_default().push((style.clone(), line.clone()));
            }
        }
    }
    let old = read_jsonl(&src.old_labels)?;
    let wh = by_file.entry("whitehouse-2021-2023.jsonl.gz".into()).or_default();
    for line in old {
        if let Some(id) = line.get("id").and_then(Value::as_str)
            && !held.contains(id)
            && seen.insert(id.to_string())
        {
            wh.push(("wh2123".into(), line));
        }
    }
    Ok(by_file)
}

/// Reads every labelled document and runs both modes on it.
pub fn load(src: &Sources, rates: &RateTable, ids: &Ids) -> io::Result<Loaded> {
    let mut held = HashSet::new();
    let mut jobs: Vec<(PathBuf, Vec<(String, Value)>)> = match &src.corpus {
        Some(c) => development_labels(c, &mut held)?.into_iter().map(|(file, l)| (c.corpus.join(file), l)).collect(),
        None => Vec::new(),
    };
    let statements = read_jsonl(&src.statements.join("labels.jsonl"))?
        .into_iter()
        .filter(|l| l.get("id").and_then(Value::as_str).is_none_or(|id| !held.contains(id)))
        .map(|l| ("statements".to_string(), l))
        .collect();
    jobs.push((src.statements.join("docs.jsonl"), statements));
    let mut docs = Vec::new();
    let mut taken = held;
    for (path, labels) in jobs {
        let index: HashMap<&str, usize> = labels
            .iter()
            .enumerate()
            .filter_map(|(k, (_, l))| l.get("id").and_then(Value::as_str).map(|i| (i, k)))
            .collect();
        let mut found: Vec<Option<Document>> = (0..labels.len()).map(|_| None).collect();
        let input = Input::parse(&path.to_string_lossy());
        for raw in documents(vec![input], ReadOptions::default()) {
            let raw = raw.map_err(|e| bad(format!("{}: {e}", path.display())))?;
            if let Some(&k) = raw.source_id.as_deref().and_then(|i| index.get(i))
                && found[k].is_none()
            {
                found[k] = Some(Document::build(raw));
            }
        }
        for ((style, label), doc) in labels.iter().zip(found) {
            let Some(doc) = doc else {
                let id = label.get("id").and_then(Value::as_str).unwrap_or("?");
                return Err(bad(format!("{}: labelled document {id} is not in it", path.display())));
            };
            taken.extend(label.get("id").and_then(Value::as_str).map(str::to_string));
            docs.push(labelled(&doc, style, label, rates, ids));
        }
    }
    Ok(Loaded { docs, taken })
}

/// A document with its label line (`announces`, `commitments`), run in both modes.
pub fn labelled(doc: &Document, style: &str, label: &Value, rates: &RateTable, ids: &Ids) -> Doc {
    let golds = label
        .get("commitments")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|g| View::of_gold(g, ids)).collect())
        .unwrap_or_default();
    let describe = |cs: Vec<Commitment>| -> Vec<Record> {
        cs.iter().map(|c| Record { view: View::of_record(c, ids), x: features(doc, c), score: c.confidence }).collect()
    };
    Doc {
        style: style.to_string(),
        announces: label.get("announces").and_then(Value::as_bool).unwrap_or(false),
        golds,
        candidates: describe(candidates(doc, rates).commitments),
        rules: describe(by_rules(doc, rates).commitments),
    }
}
