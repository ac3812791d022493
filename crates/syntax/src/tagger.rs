//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the
//! classic features. It predicts UPOS and XPOS together (one class per pair seen in
//! training, "VERB|VBN"): the finer tag tells the parser a participle from a past tense, (the word, its affixes and shape, the two tags before it, the words
//! around it), with a dictionary of frequent words that almost always take one tag.

use rustc_hash::FxHashMap;

use crate::hash::{self, key};
use crate::perceptron::{Frozen, Trainer, short_key};

/// The Universal POS tags, in the order their ids are given.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
    "SYM", "VERB", "X",
];

/// The id of a UPOS tag, if it is one.
pub fn upos_id(tag: &str) -> Option<u8> {
    UPOS.iter().position(|t| *t == tag).map(|i| i as u8)
}

/// What the features read of one word, computed once per sentence.
#[derive(Clone, Copy, Default)]
pub struct WordInfo {
    pub norm: u64,
    suf1: u64,
    suf2: u64,
    suf3: u64,
    suf4: u64,
    pre1: u64,
    pre2: u64,
    shape: u64,
    /// The exact form (case kept), for the tag dictionary.
    exact: u64,
}

impl WordInfo {
    pub fn of(w: &str) -> WordInfo {
        WordInfo {
            norm: hash::norm_word(w),
            suf1: hash::suffix(w, 1),
            suf2: hash::suffix(w, 2),
            suf3: hash::suffix(w, 3),
            suf4: hash::suffix(w, 4),
            pre1: hash::prefix(w, 1),
            pre2: hash::prefix(w, 2),
            shape: hash::shape(w),
            exact: exact_hash(w),
        }
    }
}

fn exact_hash(w: &str) -> u64 {
    // Case matters for the dictionary ("US" vs "us"): mix in the shape.
    hash::mix(hash::lower(w), hash::shape(w))
}

const NONE: u64 = 0xFFFF;
const START: u64 = 0xFFFE;

/// Appends the features of word `i` given the tags already chosen before it.
pub fn features(info: &[WordInfo], i: usize, tags: &[u8], out: &mut Vec<u64>) {
    out.clear();
    let w = |j: isize| -> u64 { if j < 0 { START } else { info.get(j as usize).map_or(NONE, |x| x.norm) } };
    let t = |j: isize| -> u64 { if j < 0 { START } else { tags[j as usize] as u64 } };
    let i_ = i as isize;
    let x = &info[i];
    let (t1, t2) = (t(i_ - 1), t(i_ - 2));
    out.push(key(0, 0, 0, 0));
    out.push(key(1, x.norm, 0, 0));
    out.push(key(2, x.suf1, 0, 0));
    out.push(key(3, x.suf2, 0, 0));
    out.push(key(4, x.suf3, 0, 0));
    out.push(key(5, x.suf4, 0, 0));
    out.push(key(6, x.pre1, 0, 0));
    out.push(key(7, x.pre2, 0, 0));
    out.push(key(8, x.shape, 0, 0));
    out.push(key(9, t1, 0, 0));
    out.push(key(10, t1, t2, 0));
    out.push(key(11, t1, x.norm, 0));
    out.push(key(12, w(i_ - 1), 0, 0));
    out.push(key(13, info.get(i.wrapping_sub(1)).map_or(START, |p| p.suf3), 0, 0));
    out.push(key(14, w(i_ - 2), 0, 0));
    out.push(key(15, w(i_ + 1), 0, 0));
    out.push(key(16, info.get(i + 1).map_or(NONE, |p| p.suf3), 0, 0));
    out.push(key(17, w(i_ + 2), 0, 0));
    out.push(key(18, x.shape, (i == 0) as u64, 0));
    out.push(key(19, w(i_ - 1), x.norm, 0));
    out.push(key(20, x.norm, w(i_ + 1), 0));
    out.push(key(21, t1, info.get(i + 1).map_or(NONE, |p| p.shape), 0));
    out.push(key(22, x.exact, 0, 0));
}

/// The frozen tagger.
pub struct Tagger {
    pub weights: Frozen,
    /// The name of each class, `UPOS|XPOS`.
    pub names: Vec<String>,
    /// The UPOS id of each class.
    pub upos: Vec<u8>,
    /// Exact-form hash (short) → tag, for frequent unambiguous words.
    pub dict: FxHashMap<u32, u8>,
}

impl Tagger {
    /// Tags a sentence; `info` is its words' [`WordInfo`]; `tags` is overwritten.
    pub fn tag(&self, info: &[WordInfo], tags: &mut Vec<u8>, feats: &mut Vec<u64>) {
        tags.clear();
        let mut scores = vec![0i32; self.names.len()];
        for i in 0..info.len() {
            if let Some(&t) = self.dict.get(&short_key(info[i].exact)) {
                tags.push(t);
                continue;
            }
            features(info, i, tags, feats);
            self.weights.score(feats, &mut scores);
            tags.push(argmax(&scores) as u8);
        }
    }
}

fn argmax(s: &[i32]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

/// Words seen at least 20 times with one tag at least 97% of the time.
pub fn build_dict(sentences: &[(Vec<WordInfo>, Vec<u8>)], classes: usize) -> FxHashMap<u32, u8> {
    let mut counts: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (info, tags) in sentences {
        for (x, t) in info.iter().zip(tags) {
            counts.entry(x.exact).or_insert_with(|| vec![0; classes])[*t as usize] += 1;
        }
    }
    let mut dict = FxHashMap::default();
    let mut keys: Vec<_> = counts.keys().copied().collect();
    keys.sort_unstable();
    for k in keys {
        let c = &counts[&k];
        let n: u32 = c.iter().sum();
        let (best, &m) = c.iter().enumerate().max_by_key(|(i, v)| (**v, usize::MAX - *i)).expect("a class");
        if n >= 20 && m as f64 / n as f64 >= 0.97 {
            dict.insert(short_key(k), best as u8);
        }
    }
    dict
}

/// Trains a tagger for `epochs` passes over `sentences` (shuffled with `seed`); `names`
/// are the classes (`UPOS|XPOS`).
pub fn train(sentences: &[(Vec<WordInfo>, Vec<u8>)], names: &[String], epochs: usize, seed: u64) -> Tagger {
    let (model, dict) = train_raw(sentences, names, epochs, seed);
    Tagger { weights: model.freeze(0.0, 0.0), dict, names: names.to_vec(), upos: upos_of(names) }
}

/// [`train`] without freezing: the weights being trained and the dictionary.
pub fn train_raw(
    sentences: &[(Vec<WordInfo>, Vec<u8>)],
    names: &[String],
    epochs: usize,
    seed: u64,
) -> (Trainer, FxHashMap<u32, u8>) {
    let dict = build_dict(sentences, names.len());
    let mut model = Trainer::new(names.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0i64; names.len()];
    let mut tags = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (info, gold) = &sentences[s];
            tags.clear();
            for i in 0..info.len() {
                if let Some(&t) = dict.get(&short_key(info[i].exact)) {
                    tags.push(t);
                    continue;
                }
                features(info, i, &tags, &mut feats);
                model.score(&feats, &mut scores);
                let guess = argmax64(&scores);
                model.tick();
                model.update(gold[i] as usize, guess, &feats);
                tags.push(guess as u8);
            }
        }
    }
    (model, dict)
}

/// The UPOS id of each `UPOS|XPOS` class (`X` for a name that starts with none).
pub fn upos_of(names: &[String]) -> Vec<u8> {
    names.iter().map(|n| upos_id(n.split('|').next().unwrap_or("")).unwrap_or(16)).collect()
}

pub(crate) fn argmax64(s: &[i64]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}
