//! Syntax for the sentences that matter: a part-of-speech tagger and a greedy
//! transition-based dependency parser, both averaged perceptrons trained on the
//! Universal Dependencies English Web Treebank (CC BY-SA 4.0; the shipped weights in
//! `model/` derive from it — see `model/README.md`), and the roles an actor plays
//! towards the verb that gives a figure ([`roles`]).
//!
//! Input is a sentence's tokens as the pipeline's tokenizer cut them; [`adapter`] joins
//! and splits them into the treebank's words ("'s", "n't", "U.S."). Parsing allocates a
//! few vectors per sentence and never a string per word.

pub mod adapter;
pub mod conllu;
mod hash;
pub mod model;
mod parser;
mod perceptron;
pub mod roles;
pub mod tagger;
pub mod train;

use std::sync::OnceLock;

pub use adapter::Words;
pub use model::Model;
pub use parser::State;
use parser::{Input, NO};
pub use roles::{Governor, Relation, Role};
use tagger::WordInfo;

/// The crate's one error type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line of a CoNLL-U file that cannot be read.
    #[error("{source_name}: line {line}: {why}")]
    Conllu { source_name: String, line: usize, why: String },
    /// A model file that cannot be read, or a training run that cannot make one.
    #[error("syntax model: {0}")]
    Model(String),
    #[error("{0}")]
    Io(String),
}

/// The shipped model (trained on UD English EWT v2.15; see `model/README.md`).
static EMBEDDED: &[u8] = include_bytes!("../model/en_ewt.pwsyn.gz");

/// A loaded tagger and parser.
pub struct Syntax {
    pub model: Model,
}

/// Buffers reused from one sentence to the next.
#[derive(Default)]
pub struct Scratch {
    info: Vec<WordInfo>,
    pub(crate) tags: Vec<u8>,
    words: Vec<u64>,
    ptags: Vec<u8>,
    feats: Vec<u64>,
    scores: Vec<i32>,
    commas: Vec<u16>,
}

/// A parsed sentence, word by word (words as [`adapter`] made them from the tokens).
pub struct Parse<'a> {
    pub words: Words<'a>,
    /// Tag class of each word (see [`Parse::tag`] and [`Parse::xpos`]).
    pub tags: Vec<u8>,
    /// Head of each word (a word index), `None` for the root's child.
    pub heads: Vec<Option<usize>>,
    /// Relation id of each word (see [`Parse::deprel`]).
    pub labels: Vec<u8>,
    model: &'a Model,
}

impl Parse<'_> {
    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// The UPOS tag of word `i`.
    pub fn tag(&self, i: usize) -> &'static str {
        tagger::UPOS[self.model.tagger.upos[self.tags[i] as usize] as usize]
    }

    /// The treebank tag (Penn Treebank) of word `i`.
    pub fn xpos(&self, i: usize) -> &str {
        let name = &self.model.tagger.names[self.tags[i] as usize];
        name.split_once('|').map_or("", |(_, x)| x)
    }

    /// The relation of word `i` to its head (`nsubj`, `obl:agent`, `root`…).
    pub fn deprel(&self, i: usize) -> &str {
        &self.model.deprels[self.labels[i] as usize]
    }

    /// The words whose head is `i`.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.heads.iter().enumerate().filter(move |(_, h)| **h == Some(i)).map(|(d, _)| d)
    }
}

impl Syntax {
    /// The shipped model, decoded once.
    pub fn embedded() -> Result<&'static Syntax, Error> {
        static CELL: OnceLock<Result<Syntax, String>> = OnceLock::new();
        CELL.get_or_init(|| Syntax::from_bytes(EMBEDDED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Model(e.clone()))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Syntax, Error> {
        Ok(Syntax { model: Model::from_bytes(bytes)? })
    }

    /// Tags and parses a sentence given as the pipeline's tokens.
    pub fn parse<'a>(&'a self, tokens: &[&'a str]) -> Parse<'a> {
        let words = Words::from_tokens(tokens);
        let mut scratch = Scratch::default();
        let mut state = State::new(0);
        self.parse_words(&words.forms, &mut scratch, &mut state);
        let n = words.forms.len();
        let heads = (1..=n).map(|d| match state.heads[d] {
            0 | NO => None,
            h => Some(h - 1),
        });
        Parse {
            heads: heads.collect(),
            labels: state.labels[1..].to_vec(),
            tags: std::mem::take(&mut scratch.tags),
            words,
            model: &self.model,
        }
    }

    /// Tags and parses words already cut as the treebank cuts them; the result is in
    /// `scratch.tags` and `state` (word `i` is `i + 1` there; 0 is the root).
    pub fn parse_words(&self, words: &[&str], scratch: &mut Scratch, state: &mut State) {
        scratch.info.clear();
        scratch.info.extend(words.iter().map(|w| WordInfo::of(w)));
        self.model.tagger.tag(&scratch.info, &mut scratch.tags, &mut scratch.feats);
        scratch.words.clear();
        scratch.words.push(0);
        scratch.words.extend(scratch.info.iter().map(|w| w.norm));
        scratch.ptags.clear();
        scratch.ptags.push(0);
        scratch.ptags.extend(&scratch.tags);
        *state = State::new(words.len());
        parser::count_commas(words.iter().copied(), &mut scratch.commas);
        let x = Input { words: &scratch.words, tags: &scratch.ptags, commas: &scratch.commas };
        parser::parse(&self.model.parser, &x, self.model.root, state, &mut scratch.feats, &mut scratch.scores);
    }
}
