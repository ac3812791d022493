//! Training and evaluation on a treebank: the tagger first, then the parser on tags
//! predicted by taggers that did not see the sentence (jackknifing), so that the parser
//! learns from tags as good as it will get in use.

use std::time::Instant;

use crate::conllu::Sentence;
use crate::model::Model;
use crate::parser::{self, Input, State};
use crate::perceptron::Trainer;
use crate::tagger::{self, WordInfo, upos_id};
use crate::{Error, Syntax};

/// Settings of a training run; the defaults made the shipped model.
#[derive(Clone, Debug)]
pub struct Options {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed tags (0: train the parser on gold tags).
    pub folds: usize,
    pub seed: u64,
    /// Averaged weights below these magnitudes are dropped from the file.
    pub prune_tagger: f64,
    pub prune_parser: f64,
    /// Weight steps per update in the file (0: the finest that fit in `i16`).
    pub quantum: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tagger_epochs: 8,
            parser_epochs: 15,
            folds: 4,
            seed: 2026,
            prune_tagger: 0.5,
            prune_parser: 0.5,
            quantum: 32.0,
        }
    }
}

/// Accuracy on a test set, with predicted tags.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
    /// Sentences per second of tagging and parsing (already split into words).
    pub sentences_per_sec: f64,
    pub words_per_sec: f64,
}

type Tagged = (Vec<WordInfo>, Vec<u8>);

/// The `UPOS|XPOS` name of each word.
fn tag_names(s: &Sentence) -> impl Iterator<Item = String> + '_ {
    s.upos.iter().zip(&s.xpos).map(|(u, x)| format!("{u}|{x}"))
}

/// Trained weights before freezing (so that one run can be frozen several ways).
pub struct Raw {
    tagger: Trainer,
    dict: rustc_hash::FxHashMap<u32, u8>,
    names: Vec<String>,
    parser: Trainer,
    deprels: Vec<String>,
    root: u8,
}

impl Raw {
    /// The model with weights pruned and quantised as `opts` says.
    pub fn freeze(&self, opts: &Options) -> Model {
        let tagger = tagger::Tagger {
            weights: self.tagger.freeze(opts.prune_tagger, opts.quantum),
            dict: self.dict.clone(),
            names: self.names.clone(),
            upos: tagger::upos_of(&self.names),
        };
        let parser = self.parser.freeze(opts.prune_parser, opts.quantum);
        Model { tagger, parser, deprels: self.deprels.clone(), root: self.root }
    }
}

/// Trains a model on `train` (sentences of a treebank).
pub fn train(train: &[Sentence], opts: &Options, log: &mut dyn FnMut(&str)) -> Result<Model, Error> {
    let raw = train_raw(train, opts, log)?;
    let model = raw.freeze(opts);
    log(&format!("parser: {} features, {} weights in the file", model.parser.len(), model.parser.weight_count()));
    Ok(model)
}

/// Trains the tagger and the parser without freezing them.
pub fn train_raw(train: &[Sentence], opts: &Options, log: &mut dyn FnMut(&str)) -> Result<Raw, Error> {
    if train.is_empty() {
        return Err(Error::Model("no training sentences".into()));
    }
    let mut names: Vec<String> = train.iter().flat_map(tag_names).collect();
    names.sort();
    names.dedup();
    if names.len() > 256 {
        return Err(Error::Model(format!("{} UPOS|XPOS pairs (at most 256)", names.len())));
    }
    if let Some(bad) = names.iter().find(|n| upos_id(n.split('|').next().unwrap_or("")).is_none()) {
        return Err(Error::Model(format!("{bad:?}: not a UPOS tag")));
    }
    let data: Vec<Tagged> = train
        .iter()
        .map(|s| {
            let info = s.words.iter().map(|w| WordInfo::of(w)).collect();
            let tags = tag_names(s).map(|n| names.binary_search(&n).expect("collected") as u8).collect();
            (info, tags)
        })
        .collect();
    let t0 = Instant::now();
    let (tagger, dict) = tagger::train_raw(&data, &names, opts.tagger_epochs, opts.seed);
    log(&format!("tagger: {:.1} s", t0.elapsed().as_secs_f64()));

    // Tags for parser training: each fold tagged by a tagger trained on the others.
    let mut ptags: Vec<Vec<u8>> = data.iter().map(|d| d.1.clone()).collect();
    if opts.folds >= 2 {
        // One thread per fold; each fold's tags land in its own sentences, so the result
        // does not depend on which thread finishes first.
        let folds: Vec<Vec<(usize, Vec<u8>)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..opts.folds)
                .map(|fold| {
                    let (data, names) = (&data, &names);
                    scope.spawn(move || {
                        let rest: Vec<Tagged> = data
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % opts.folds != fold)
                            .map(|(_, d)| d.clone())
                            .collect();
                        let t = tagger::train(&rest, names, opts.tagger_epochs, opts.seed + fold as u64 + 1);
                        let (mut tags, mut feats) = (Vec::new(), Vec::new());
                        let mut out = Vec::new();
                        for (i, d) in data.iter().enumerate().filter(|(i, _)| i % opts.folds == fold) {
                            t.tag(&d.0, &mut tags, &mut feats);
                            out.push((i, tags.clone()));
                        }
                        out
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("a tagger fold panicked")).collect()
        });
        for (i, tags) in folds.into_iter().flatten() {
            ptags[i] = tags;
        }
        log(&format!("jackknifed tags ({} folds): {:.1} s", opts.folds, t0.elapsed().as_secs_f64()));
    }

    let mut deprels: Vec<String> = train.iter().flat_map(|s| s.deprels.iter().cloned()).collect();
    deprels.sort();
    deprels.dedup();
    if deprels.len() > 64 {
        return Err(Error::Model(format!("{} relations (at most 64)", deprels.len())));
    }
    let root = deprels
        .iter()
        .position(|d| d == "root")
        .ok_or_else(|| Error::Model("no `root` relation in the treebank".into()))? as u8;
    let label_of = |d: &str| deprels.iter().position(|x| x == d).expect("collected") as u8;

    struct Ex {
        words: Vec<u64>,
        tags: Vec<u8>,
        commas: Vec<u16>,
        gold: Vec<usize>,
        labels: Vec<u8>,
    }
    let mut examples = Vec::new();
    let mut skipped = 0;
    for (i, s) in train.iter().enumerate() {
        if !s.is_projective() {
            skipped += 1;
            continue;
        }
        let mut words = vec![0];
        words.extend(data[i].0.iter().map(|w| w.norm));
        let mut tags = vec![0];
        tags.extend(&ptags[i]);
        let mut gold = vec![0];
        gold.extend(&s.heads);
        let mut labels = vec![root];
        labels.extend(s.deprels.iter().map(|d| label_of(d)));
        let mut commas = Vec::new();
        parser::count_commas(s.words.iter().map(String::as_str), &mut commas);
        examples.push(Ex { words, tags, commas, gold, labels });
    }
    log(&format!("parser: {} projective sentences ({} non-projective skipped)", examples.len(), skipped));
    let mut model = Trainer::new(parser::classes(deprels.len()));
    let mut rng = fastrand::Rng::with_seed(opts.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let (mut feats, mut scores) = (Vec::new(), Vec::new());
    for epoch in 0..opts.parser_epochs {
        rng.shuffle(&mut order);
        for &e in &order {
            let ex = &examples[e];
            let x = Input { words: &ex.words, tags: &ex.tags, commas: &ex.commas };
            let gold = parser::Gold { heads: &ex.gold, labels: &ex.labels, relations: deprels.len() };
            parser::train_sentence(&mut model, &x, &gold, epoch >= 1, &mut rng, &mut feats, &mut scores);
        }
        log(&format!("parser epoch {}: {:.1} s", epoch + 1, t0.elapsed().as_secs_f64()));
    }
    Ok(Raw { tagger, dict, names, parser: model, deprels, root })
}

/// Tags and parses each test sentence (its gold words) and scores the result.
pub fn evaluate(syntax: &Syntax, test: &[Sentence]) -> Scores {
    let mut sc = Scores::default();
    let (mut upos, mut uas, mut las) = (0usize, 0usize, 0usize);
    let mut out = Vec::with_capacity(test.len());
    let t0 = Instant::now();
    let mut state = State::new(0);
    let mut scratch = crate::Scratch::default();
    for s in test {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        syntax.parse_words(&words, &mut scratch, &mut state);
        out.push((scratch.tags.clone(), state.heads.clone(), state.labels.clone()));
    }
    let secs = t0.elapsed().as_secs_f64().max(1e-9);
    for (s, (tags, heads, labels)) in test.iter().zip(&out) {
        for i in 0..s.len() {
            sc.words += 1;
            upos += (tagger::UPOS[syntax.model.tagger.upos[tags[i] as usize] as usize] == s.upos[i]) as usize;
            if heads[i + 1] == s.heads[i] {
                uas += 1;
                las += (syntax.model.deprels[labels[i + 1] as usize] == s.deprels[i]) as usize;
            }
        }
    }
    sc.sentences = test.len();
    let w = sc.words.max(1) as f64;
    sc.upos = upos as f64 / w;
    sc.uas = uas as f64 / w;
    sc.las = las as f64 / w;
    sc.sentences_per_sec = test.len() as f64 / secs;
    sc.words_per_sec = sc.words as f64 / secs;
    sc
}

/// What [`run`] did.
#[derive(Clone, Debug)]
pub struct Report {
    pub train_sentences: usize,
    pub test: Scores,
    pub model_bytes: usize,
    pub train_seconds: f64,
}

/// Finds the treebank's `*-ud-<split>.conllu[.gz]` file in `dir`.
pub fn split_file(dir: &std::path::Path, split: &str) -> Result<std::path::PathBuf, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
    let mut found: Vec<std::path::PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(&format!("-ud-{split}.conllu")) || name.ends_with(&format!("-ud-{split}.conllu.gz"))
        })
        .collect();
    found.sort();
    found.pop().ok_or_else(|| Error::Io(format!("{}: no *-ud-{split}.conllu(.gz) file", dir.display())))
}

/// Trains on the treebank's train split, writes the model to `out`, and scores the
/// written model on the test split.
pub fn run(
    treebank: &std::path::Path,
    out: &std::path::Path,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Result<Report, Error> {
    let train_set = crate::conllu::read_path(&split_file(treebank, "train")?)?;
    let test_set = crate::conllu::read_path(&split_file(treebank, "test")?)?;
    let t0 = Instant::now();
    let model = train(&train_set, opts, log)?;
    let train_seconds = t0.elapsed().as_secs_f64();
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).map_err(|e| Error::Io(format!("{}: {e}", out.display())))?;
    let syntax = Syntax::from_bytes(&bytes)?;
    let test = evaluate(&syntax, &test_set);
    Ok(Report { train_sentences: train_set.len(), test, model_bytes: bytes.len(), train_seconds })
}
