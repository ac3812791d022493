//! Mentions: the atoms a commitment is made of — money, numbers, ordinals,
//! quantities with their item, percentages and dates.
//!
//! Recognizers run over the tokens of one sentence in a fixed order (dates,
//! money, percentages, then quantities and plain numbers); each claims its
//! tokens so a later one cannot read "2 March 2025" as a number.

pub mod currency;
pub mod date;
pub mod items;
pub mod money;
pub mod number;
pub mod percent;
pub mod quantity;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::text::{CharMap, Sentence, Token, tokenize_into};

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Money,
    Number,
    Ordinal,
    Quantity,
    Percent,
    Date,
}

/// How a figure is stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    UpTo,
    AtLeast,
    MoreThan,
    LessThan,
    Range,
}

/// A mention's value: a number, or a date / interval / date-time in ISO form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MentionValue {
    Number(Decimal),
    Date(String),
}

/// A coarse class of what a quantity counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ItemClass {
    Missile,
    AirDefenceSystem,
    ArtilleryRound,
    Vehicle,
    Aircraft,
    Vessel,
    Drone,
    SmallArms,
    Equipment,
    Medical,
    Food,
    EnergyEquipment,
    Other,
}

impl ItemClass {
    /// Whether items of this class are military.
    pub fn is_military(self) -> bool {
        matches!(
            self,
            ItemClass::Missile
                | ItemClass::AirDefenceSystem
                | ItemClass::ArtilleryRound
                | ItemClass::Vehicle
                | ItemClass::Aircraft
                | ItemClass::Vessel
                | ItemClass::Drone
                | ItemClass::SmallArms
        )
    }
}

/// One mention, with code-point offsets into the document text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    pub kind: MentionKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Byte span, for the text stages.
    #[serde(skip)]
    pub bytes: (usize, usize),
    pub value: MentionValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<MentionValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<ItemClass>,
    /// Percentage points rather than per cent.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub points: bool,
    /// The index (in the same list) of the same figure given in another currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked: Option<usize>,
}

/// A mention found in token space, before offsets are mapped.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub kind: MentionKind,
    /// Token range, end exclusive.
    pub first: usize,
    pub last: usize,
    pub value: MentionValue,
    pub currency: Option<&'static str>,
    pub qualifier: Option<Qualifier>,
    pub upper: Option<MentionValue>,
    pub item: Option<(usize, usize)>,
    pub class: Option<ItemClass>,
    pub points: bool,
}

impl Found {
    pub fn new(kind: MentionKind, first: usize, last: usize, value: MentionValue) -> Self {
        Found {
            kind,
            first,
            last,
            value,
            currency: None,
            qualifier: None,
            upper: None,
            item: None,
            class: None,
            points: false,
        }
    }
}

/// What a recognizer sees: the text, one sentence's tokens, which tokens are
/// taken, and the reference date.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub taken: Vec<bool>,
    pub reference: Option<Date>,
    /// Byte span of the whole document text that gives context (e.g. for "kr").
    pub doc: &'a str,
}

impl Ctx<'_> {
    pub fn free(&self, from: usize, to: usize) -> bool {
        self.taken.get(from..to).is_some_and(|s| s.iter().all(|t| !t))
    }
    pub fn take(&mut self, from: usize, to: usize) {
        for t in &mut self.taken[from..to.min(self.toks.len())] {
            *t = true;
        }
    }
    pub fn tok_text(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }
}

/// Reusable buffers for finding mentions sentence by sentence.
#[derive(Default)]
pub struct Scanner {
    toks: Vec<Token>,
}

impl Scanner {
    /// Finds the mentions of one sentence, appending them (with byte spans and
    /// token-free offsets; code-point offsets are filled by [`finish`]).
    pub fn scan(&mut self, text: &str, sentence: Sentence, reference: Option<Date>, out: &mut Vec<Mention>) {
        self.toks.clear();
        tokenize_into(text, sentence.start, sentence.end, &mut self.toks);
        if self.toks.is_empty() {
            return;
        }
        let mut ctx = Ctx { text, toks: &self.toks, taken: vec![false; self.toks.len()], reference, doc: text };
        let mut found = Vec::new();
        date::find(&mut ctx, &mut found);
        money::find(&mut ctx, &mut found);
        percent::find(&mut ctx, &mut found);
        quantity::find(&mut ctx, &mut found);
        found.sort_by_key(|f| (f.first, f.last));
        let base = out.len();
        for f in found {
            out.push(to_mention(text, &self.toks, f));
        }
        money::link_twice_given(text, &mut out[base..], base);
    }
}

fn to_mention(text: &str, toks: &[Token], f: Found) -> Mention {
    let s = toks[f.first].start;
    let e = toks[f.last - 1].end;
    let item = f.item.map(|(a, b)| text[toks[a].start..toks[b - 1].end].to_string());
    Mention {
        kind: f.kind,
        text: text[s..e].to_string(),
        start: s,
        end: e,
        bytes: (s, e),
        value: f.value,
        currency: f.currency,
        qualifier: f.qualifier,
        upper: f.upper,
        item,
        class: f.class,
        points: f.points,
        linked: None,
    }
}

/// Maps byte spans to code-point offsets.
pub fn finish(map: &CharMap, mentions: &mut [Mention]) {
    for m in mentions {
        m.start = map.char_offset(m.bytes.0);
        m.end = map.char_offset(m.bytes.1);
    }
}

/// Finds all mentions of a whole text, sentence by sentence (for `pledgewatch mentions`).
pub fn find_all(text: &str, reference: Option<Date>) -> Vec<Mention> {
    let mut sentences = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            crate::text::sentences(text, pos, pos + line.len(), &mut sentences);
        }
        pos += line.len() + 1;
    }
    let mut scanner = Scanner::default();
    let mut out = Vec::new();
    for s in sentences {
        scanner.scan(text, s, reference, &mut out);
    }
    finish(&CharMap::new(text), &mut out);
    out
}
