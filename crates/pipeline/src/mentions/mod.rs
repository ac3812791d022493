//! Mentions: the atoms a commitment is made of — money, numbers, ordinals,
//! quantities with their item, percentages and dates.
//!
//! Recognizers run over the tokens of one sentence in a fixed order (dates,
//! money, percentages, then quantities and plain numbers); each claims its
//! tokens so a later one cannot read "2 March 2025" as a number.

pub mod currency;
pub mod date;
pub mod items;
pub mod measure;
pub mod money;
pub mod number;
pub mod percent;
pub mod plain;
pub mod quantity;
pub mod word_facts;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::text::{CharMap, Sentence, TokKind, Token, tokenize_into};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
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
    /// A quantity's unit of measure, as a normalised code ("km", "t", "MWh").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
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
    pub unit: Option<&'static str>,
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
            unit: None,
        }
    }
}

/// The lowercase forms of one sentence's short words, computed once so that
/// the many patterns that test a word compare without lowercasing again, and
/// what each may start ([`word_facts`]).
#[derive(Default)]
pub struct Lowered {
    buf: String,
    /// Per token: its span in `buf`, or `None` for a non-word or a word over 24 bytes.
    spans: Vec<Option<(u32, u32)>>,
    /// Per token: the facts of its lowercase form (none for a token without one).
    facts: Vec<word_facts::WordFacts>,
}

impl Lowered {
    pub fn fill(&mut self, text: &str, toks: &[Token]) {
        self.buf.clear();
        self.spans.clear();
        self.facts.clear();
        for t in toks {
            let w = t.text(text);
            if t.kind != TokKind::Word || w.len() > 24 {
                self.spans.push(None);
                continue;
            }
            let s = self.buf.len();
            self.buf.push_str(w);
            self.buf[s..].make_ascii_lowercase();
            self.spans.push(Some((s as u32, self.buf.len() as u32)));
        }
        let buf = &self.buf;
        let words = self.spans.iter().map(|s| s.map(|(s, e)| &buf[s as usize..e as usize]));
        word_facts::facts_of_each(words, &mut self.facts);
    }

    /// The facts of token `i`'s lowercase form (all unset for a token without one).
    pub fn facts(&self, i: usize) -> word_facts::WordFacts {
        self.facts.get(i).copied().unwrap_or_default()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let (s, e) = (*self.spans.get(i)?)?;
        Some(&self.buf[s as usize..e as usize])
    }
}

/// What a recognizer sees: the text, one sentence's tokens, which tokens are
/// taken, and the reference date.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    lows: &'a Lowered,
    pub taken: Vec<bool>,
    pub reference: Option<Date>,
    /// The reference moment, when the input gave a time of day ("now", "in 5 minutes").
    pub now: Option<jiff::civil::DateTime>,
    /// Per token: what it may start (see [`number::flags`]); digits and signs start anything.
    pub hints: Vec<u8>,
    /// The date recognizer's results by start token, for this sentence.
    pub date_memo: date::Memo,
    /// The numbers read at each start token, for this sentence.
    pub numbers: number::Memo,
}

impl<'a> Ctx<'a> {
    /// A context over tokens whose lowercase forms `lows` holds.
    pub fn new(text: &'a str, toks: &'a [Token], lows: &'a Lowered, reference: Option<Date>) -> Self {
        let hints = toks
            .iter()
            .enumerate()
            .map(|(i, t)| match t.kind {
                TokKind::Num | TokKind::Sym => u8::MAX,
                TokKind::Punct => 0,
                TokKind::Word => {
                    let w = t.text(text);
                    let f = lows.facts(i).number_flags;
                    // Capitalised words may be currency codes or signs ("USD", "US$", "Rs"), and so may "kr", "zł".
                    let sign = w.len() <= 4 && currency::CURRENCIES.by_sign(w).is_some()
                        // "c $ 300", "hk $ 10": a country prefix written apart from its sign.
                        || (w.len() <= 2 && toks.get(i + 1).is_some_and(|n| n.text(text) == "$"));
                    if sign || w.starts_with(|c: char| c.is_uppercase()) { f | number::flags::CAPITAL } else { f }
                }
            })
            .collect();
        Ctx {
            text,
            toks,
            lows,
            taken: vec![false; toks.len()],
            reference,
            now: None,
            hints,
            date_memo: date::Memo::default(),
            numbers: number::Memo::default(),
        }
    }

    /// The lowercase form of token `i` if it is a word of at most 24 bytes.
    pub fn low(&self, i: usize) -> Option<&'a str> {
        self.lows.get(i)
    }

    /// The facts of token `i`'s lowercase form (all unset for a token without one).
    pub fn facts(&self, i: usize) -> word_facts::WordFacts {
        self.lows.facts(i)
    }

    /// Whether token `i` may start a mention with one of `flags`.
    pub fn may_start(&self, i: usize, flags: u8) -> bool {
        self.hints.get(i).is_some_and(|h| h & flags != 0)
    }
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
    lows: Lowered,
}

/// Words (any case, matched as substrings) without which a sentence with no
/// digit and no currency sign has nothing to find: number, date and item words.
const WORTH_A_LOOK: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "teen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "half",
    "quarter",
    "score",
    "first",
    "second",
    "third",
    "fifth",
    "eighth",
    "ninth",
    "twelfth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "week",
    "fortnight",
    "month",
    "year",
    "century",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "date",
    "noon",
    "midnight",
    "midday",
    "morning",
    "afternoon",
    "evening",
    "night",
    "fiscal",
    "christmas",
    "xmas",
    "easter",
    "thanksgiving",
    "halloween",
    "independence",
    "valentine",
    "labor day",
    "labour day",
    "memorial day",
    "juneteenth",
    "boxing day",
    "veterans day",
    "earth day",
    "mother",
    "father",
    "columbus day",
    "good friday",
    "black friday",
    // Seasons ("fall" is a common verb: "fall 2024" passes by its digits).
    "spring",
    "summer",
    "autumn",
    "winter",
    "the fall",
    // Counts of two ("a couple of trucks", "a pair of boots").
    "couple of",
    "pair of",
    // Holidays by the phrase, not a word common in prose ("White House", "presidents").
    "patrick's day",
    "patrick’s day",
    "king day",
    "king jr. day",
    "king jr day",
    "presidents day",
    "presidents' day",
    "presidents’ day",
    "president's day",
    "washington's birthday",
    "remembrance",
    "armistice",
    "may day",
    "mardi gras",
    "whit monday",
    "whit sunday",
    "whitsun",
    "pentecost",
    "ascension",
    "canada day",
    "australia day",
    "anzac",
    "bastille",
    "hogmanay",
    "bonfire night",
    "guy fawkes",
    "inauguration day",
    "percent",
    "per cent",
    "another",
    "missile",
    "system",
    "battery",
    "batteries",
    "tank",
    "helicopter",
    "aircraft",
    "jet",
    "vessel",
    "ship",
    "drone",
    "vehicle",
    "howitzer",
    "launcher",
    "radar",
    "generator",
    "transformer",
    "patriot",
    "nasams",
    "iris-t",
    "himars",
];

static WORTH: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    // A DFA: a hundred short words compile small and scan fastest.
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(WORTH_A_LOOK)
        .expect("the pre-filter word list compiles")
});

/// Whether a sentence may hold a mention: a digit, a currency sign, or one of
/// [`WORTH_A_LOOK`]. Most sentences of prose fail this and are never tokenised.
fn worth_a_look(s: &str) -> bool {
    has_figure_or_sign(s)
        // A word must start there: "one" in "someone" or "ten" in "often" is no number.
        || WORTH.find_iter(s).any(|m| word_start(s, m.start()))
}

/// Whether some sentence of `line` may be [`worth_a_look`]: a line that fails this is not split
/// into sentences at all. Overlapping matches, because the sentence's own scan may start
/// inside a match of the line's ("good friday" after a glued word).
fn line_worth_a_look(line: &str) -> bool {
    has_figure_or_sign(line) || WORTH.find_overlapping_iter(line).any(|m| word_start(line, m.start()))
}

/// A digit, a currency sign, a percent sign or a vulgar fraction.
fn has_figure_or_sign(s: &str) -> bool {
    // Every line and sentence of a document passes here: whole blocks of 32 bytes are tested
    // without a branch per byte, which the compiler turns into vector instructions.
    let figure = |c: u8| u8::from(c.wrapping_sub(b'0') < 10 || c == b'$' || c == b'%');
    let (blocks, rest) = s.as_bytes().as_chunks::<32>();
    blocks.iter().any(|b| b.iter().fold(0, |hit, &c| hit | figure(c)) != 0)
        || rest.iter().any(|&c| figure(c) != 0)
        || has_wide_sign(s)
}

/// A currency sign or a vulgar fraction beyond ASCII ([`crate::text::is_currency_sign`],
/// [`crate::text::vulgar_fraction`]), found by its UTF-8 bytes rather than by decoding every
/// character: each starts with 0xC2 (¢ £ ¥ ¼ ½ ¾), 0xE0 (฿) or 0xE2 (₠…⃏, ⅐…⅞), and those bytes
/// only ever start a character.
fn has_wide_sign(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(0xC2, 0xE0, 0xE2, b).any(|k| {
        matches!(
            (b[k], b.get(k + 1), b.get(k + 2)),
            (0xC2, Some(0xA2 | 0xA3 | 0xA5 | 0xBC..=0xBE), _)
                | (0xE0, Some(0xB8), Some(0xBF))
                | (0xE2, Some(0x82), Some(0xA0..=0xBF))
                | (0xE2, Some(0x83), Some(0x80..=0x8F))
                | (0xE2, Some(0x85), Some(0x90..=0x9E))
        )
    })
}

/// Whether byte `k` of `s` starts a word (no ASCII letter before it).
fn word_start(s: &str, k: usize) -> bool {
    k == 0 || !s.as_bytes()[k - 1].is_ascii_alphabetic()
}

impl Scanner {
    /// Finds the mentions of one sentence, appending them (with byte spans and
    /// token-free offsets; code-point offsets are filled by [`finish`]).
    pub fn scan(&mut self, text: &str, sentence: Sentence, reference: Option<Date>, out: &mut Vec<Mention>) {
        self.scan_at(text, sentence, reference, None, out);
    }

    /// Like [`Scanner::scan`], with the time of day of the reference when known.
    pub fn scan_at(
        &mut self,
        text: &str,
        sentence: Sentence,
        reference: Option<Date>,
        time: Option<jiff::civil::Time>,
        out: &mut Vec<Mention>,
    ) {
        // With a time of day, word-only moments ("now", "next hour") are worth a look too.
        if time.is_none() && !worth_a_look(&text[sentence.start..sentence.end]) {
            return;
        }
        self.toks.clear();
        tokenize_into(text, sentence.start, sentence.end, &mut self.toks);
        if self.toks.is_empty() {
            return;
        }
        self.lows.fill(text, &self.toks);
        let mut ctx = Ctx::new(text, &self.toks, &self.lows, reference);
        ctx.now = reference.zip(time).map(|(d, t)| d.to_datetime(t));
        take_web_addresses(&mut ctx, sentence);
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

/// Claims the tokens of web addresses ("http://…?id=305&q=%2D9114"), whose
/// digits and percent-encodings are no figures.
fn take_web_addresses(ctx: &mut Ctx, sentence: Sentence) {
    // The splitter may cut an address at its "?" or ".": look at whole words around the sentence.
    let text = ctx.text;
    let base = after_last_space(&text[..sentence.start]);
    let stop = text[sentence.end..].find(char::is_whitespace).map_or(text.len(), |w| w + sentence.end);
    let s = &text[base..stop];
    let mut from = 0;
    while let Some(k) = s[from..].find("://").or_else(|| s[from..].find("www.")).map(|k| k + from) {
        let start = after_last_space(&s[..k]) + base;
        let end = s[k..].find(char::is_whitespace).map_or(s.len(), |w| w + k) + base;
        let first = ctx.toks.partition_point(|t| t.end <= start);
        let last = ctx.toks.partition_point(|t| t.start < end);
        ctx.take(first, last);
        from = end - base;
    }
}

/// The byte offset just after the last whitespace character of `s` (0 if none);
/// whitespace may be wider than a byte ("\u{3000}").
fn after_last_space(s: &str) -> usize {
    s.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8())
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
        unit: f.unit,
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
    find_all_at(text, reference, None)
}

/// Like [`find_all`], with the time of day of the reference when known.
pub fn find_all_at(text: &str, reference: Option<Date>, time: Option<jiff::civil::Time>) -> Vec<Mention> {
    let mut sentences = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        // Splitting costs more than the check; with a time of day, every line is worth a look.
        // A line is split whole, not only around its figures: sentencex's boundaries depend on
        // quotes, brackets and list markers anywhere in it.
        if !line.trim().is_empty() && (time.is_some() || line_worth_a_look(line)) {
            crate::text::sentences(text, pos, pos + line.len(), &mut sentences);
        }
        pos += line.len() + 1;
    }
    let mut scanner = Scanner::default();
    let mut out = Vec::new();
    for s in sentences {
        scanner.scan_at(text, s, reference, time, &mut out);
    }
    finish(&CharMap::new(text), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pre-filter as it read before it tested blocks and bytes: character by character.
    fn by_characters(s: &str) -> bool {
        s.bytes().any(|c| c.is_ascii_digit() || c == b'$' || c == b'%')
            || s.contains(|c: char| {
                !c.is_ascii() && (crate::text::is_currency_sign(c) || crate::text::vulgar_fraction(c).is_some())
            })
    }

    #[test]
    fn figures_and_signs_are_found_as_characters_find_them() {
        // Every character up to U+3000 (all the signs and fractions are below), a sample of
        // the rest, each at the start, the end of a block of 32 bytes and past it.
        for c in (0..0x3000).chain((0x3000..=0x10FFFF).step_by(97)).filter_map(char::from_u32) {
            for pad in [0, 31, 40] {
                let s = format!("{}{c}{}", "a".repeat(pad), "b".repeat(pad % 3));
                assert_eq!(has_figure_or_sign(&s), by_characters(&s), "{:?} (U+{:04X})", s, c as u32);
            }
        }
        for s in ["", "no figure here, none at all, not one in forty bytes", "5", "a $ sign", "’quoted’ — a dash"]
        {
            assert_eq!(has_figure_or_sign(s), by_characters(s), "{s:?}");
        }
    }
}
