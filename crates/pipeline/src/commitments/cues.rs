//! Cue words: what makes a sentence state a commitment (triggers), what makes
//! it something else (calls, totals, budgets, sanctions), and what sets the
//! category, instrument and status. Matched on lowercase words of a sentence.
//! The lists themselves are data files in `data/cues/` (`cue_data`).

use std::borrow::Cow;
use std::sync::LazyLock;

use super::cue_data::{self, TOTALS};
use super::record::{Category, Instrument, Status};

/// Lowercase words of one sentence with their byte spans (for evidence).
pub struct Words<'t> {
    pub words: Vec<(Low<'t>, usize, usize)>,
    pub text: &'t str,
}

/// A word in lower case: the text itself when it has no capital (most words of prose), so that
/// reading a sentence allocates a string only for its capitalised words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Low<'t>(Cow<'t, str>);

impl Low<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Low<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Low<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Low<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Low<'_>> for &str {
    fn eq(&self, other: &Low<'_>) -> bool {
        **self == *other.0
    }
}

/// The character at byte `i` of `s` (a character boundary) and its length; ASCII without decoding.
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes()[i] {
        b if b < 0x80 => (char::from(b), 1),
        _ => s[i..].chars().next().map_or((' ', 1), |c| (c, c.len_utf8())),
    }
}

/// Index of the first of `n` words (`word(k)` for `k < n`) where the phrase `p` (words separated
/// by one space) begins. Only a word equal to the phrase's first is read on: this runs for every
/// cue of every list at each figure, so it neither collects the phrase's words nor splits it
/// again at each word.
pub fn phrase_in<'w>(n: usize, word: impl Fn(usize) -> &'w str, p: &str) -> Option<usize> {
    let (first, rest) = p.split_once(' ').map_or((p, None), |(f, r)| (f, Some(r)));
    (0..n).find(|&i| {
        word(i) == first
            && rest.is_none_or(|r| {
                let mut k = i;
                r.split(' ').all(|part| {
                    k += 1;
                    k < n && word(k) == part
                })
            })
    })
}

/// The length of the character at byte `i` of `s` (a character boundary) if it is a letter or
/// a digit; ASCII without decoding.
fn alnum_len(s: &str, i: usize) -> Option<usize> {
    match s.as_bytes()[i] {
        b if b < 0x80 => b.is_ascii_alphanumeric().then_some(1),
        _ => {
            let (c, n) = char_at(s, i);
            c.is_alphanumeric().then_some(n)
        }
    }
}

impl<'t> Words<'t> {
    /// The words of `text[start..end]`: runs of letters and digits, joined across an inner
    /// hyphen or apostrophe ("F-16s", "Kyiv's"). Built once per sentence of every document,
    /// so ASCII is read byte by byte and the list is sized once.
    pub fn new(text: &'t str, start: usize, end: usize) -> Self {
        let s = &text[start..end];
        let bytes = s.as_bytes();
        // Prose has about one word in six bytes: one allocation for most sentences.
        let mut words = Vec::with_capacity(s.len() / 6 + 1);
        let mut i = 0;
        while i < s.len() {
            let Some(n) = alnum_len(s, i) else {
                i += char_at(s, i).1;
                continue;
            };
            // Whether the word is ASCII without a capital, so already its own lower case.
            let mut plain = n == 1 && !bytes[i].is_ascii_uppercase();
            let mut j = i + n;
            while j < s.len() {
                let b = bytes[j];
                if b.is_ascii_alphanumeric() {
                    plain &= !b.is_ascii_uppercase();
                    j += 1;
                } else if let Some(dn) = alnum_len(s, j) {
                    plain = false;
                    j += dn;
                } else {
                    let (d, dn) = char_at(s, j);
                    if (d == '-' || d == '\'' || d == '’') && j + dn < s.len() && alnum_len(s, j + dn).is_some() {
                        plain &= dn == 1;
                        j += dn;
                    } else {
                        break;
                    }
                }
            }
            let w = &s[i..j];
            let low = if plain {
                Cow::Borrowed(w)
            } else if w.is_ascii() {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Owned(w.to_lowercase())
            };
            words.push((Low(low), start + i, start + j));
            i = j;
        }
        Words { words, text }
    }

    pub fn has(&self, w: &str) -> bool {
        self.words.iter().any(|(x, _, _)| x == w)
    }

    /// Whether word `k` is written with a capital, as the words of a name are.
    pub fn capitalised(&self, k: usize) -> bool {
        self.words.get(k).is_some_and(|w| self.text[w.1..].starts_with(char::is_uppercase))
    }

    /// Index of the first word for which `f` holds.
    pub fn find(&self, f: impl Fn(&str) -> bool) -> Option<usize> {
        self.words.iter().position(|(x, _, _)| f(x))
    }

    /// Whether the phrase (space-separated lowercase words) occurs; returns its first word index.
    pub fn phrase(&self, p: &str) -> Option<usize> {
        phrase_in(self.words.len(), |k| self.words[k].0.as_str(), p)
    }

    /// Word index at or after byte offset `b`.
    pub fn index_at(&self, b: usize) -> usize {
        self.words.iter().position(|(_, s, _)| *s >= b).unwrap_or(self.words.len())
    }
}

/// Words that begin like a trigger stem but are no act of giving: "significant"
/// (sign), "aides" (aid), "authorities" (authori), "committee" (commit), "handful" (hand).
fn is_false_trigger(w: &str) -> bool {
    cue_data::FALSE_TRIGGERS.has(w)
}

/// Verbs and nouns that state a commitment.
pub fn is_trigger(w: &str) -> bool {
    // Most words are no trigger: asked first, the list of false triggers is rarely read.
    cue_data::TRIGGERS.has(w) && !is_false_trigger(w)
}

/// Words that say a sentence is about aid, not spending in general.
pub fn is_aid_word(w: &str) -> bool {
    cue_data::AID_WORDS.has(w)
}

/// Forums of donors: they meet and pledge through their members, and never receive.
pub fn is_donor_group(id: &str) -> bool {
    cue_data::DONOR_FORUMS.has(id)
}

/// Phrases after which a figure is a running total, not a new commitment (`before` in
/// `data/cues/totals.tsv`).
pub static TOTAL_CUES: LazyLock<&'static [&'static str]> = LazyLock::new(|| TOTALS.before.as_slice());

/// Verbs that report a conversation about support rather than an act giving it.
pub fn is_conversation(w: &str) -> bool {
    cue_data::CONVERSATION_VERBS.has(w)
}

/// Words that make a figure in a reported conversation new: a decision now or later.
pub fn is_fresh_act(w: &str) -> bool {
    cue_data::FRESH_ACT_WORDS.has(w)
}

/// Words that make a sentence a call, hope, question or condition rather than a commitment.
pub fn is_call_or_hope(w: &str) -> bool {
    cue_data::CALL_OR_HOPE_WORDS.has(w)
}

/// Words that make a figure something other than support given to another
/// party: own budgets, sanctions, frozen assets, damage, trade, prices.
pub fn is_other_money(w: &str) -> bool {
    cue_data::OTHER_MONEY_WORDS.has(w)
}

/// Category cues.
pub fn category_cue(w: &str) -> Option<Category> {
    cue_data::CATEGORY_WORDS.get(w).copied()
}

/// Two-word category cues ("security assistance"), counted on top of `category_cue`.
pub fn category_pair_cue(w: &str, next: &str) -> Option<Category> {
    cue_data::pair_cue(&cue_data::CATEGORY_PAIRS, w, next)
}

/// Instrument cues on one word, with the next word for two-word cues.
pub fn instrument_cue(w: &str, next: &str) -> Option<Instrument> {
    cue_data::pair_cue(&cue_data::INSTRUMENT_WORDS, w, next)
}

/// Status cues; the caller keeps the strongest.
pub fn status_cue(w: &str) -> Option<Status> {
    cue_data::STATUS_WORDS.get(w).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_borrowed_when_already_lower() {
        let text = "Norway's F-16s go to Kyiv’s Zürich office - now.";
        let words = Words::new(text, 0, text.len());
        let got: Vec<(&str, &str)> = words.words.iter().map(|(w, s, e)| (w.as_str(), &text[*s..*e])).collect();
        assert_eq!(
            got,
            vec![
                ("norway's", "Norway's"),
                ("f-16s", "F-16s"),
                ("go", "go"),
                ("to", "to"),
                ("kyiv’s", "Kyiv’s"),
                ("zürich", "Zürich"),
                ("office", "office"),
                ("now", "now")
            ]
        );
        // A word without a capital is the text itself: reading prose allocates for capitals only.
        for (w, s, e) in &words.words {
            assert_eq!(matches!(w.0, Cow::Borrowed(_)), text[*s..*e].bytes().all(|b| b.is_ascii_lowercase()), "{w:?}");
        }
    }

    #[test]
    fn a_phrase_is_found_where_a_window_of_its_words_is() {
        // The windows of the phrase's length, as the phrase checks read a sentence before.
        let windows = |ws: &[&str], p: &str| {
            let parts: Vec<&str> = p.split(' ').collect();
            ws.windows(parts.len()).position(|w| w == parts.as_slice())
        };
        let ws = ["so", "far", "the", "total", "of", "so", "far", "total"];
        for p in ["so far", "total", "total of", "far total", "of so far total", "total of x", "far total x", "x", ""] {
            assert_eq!(phrase_in(ws.len(), |k| ws[k], p), windows(&ws, p), "{p:?}");
        }
        let words = Words::new("Bringing the total to $5 billion so far.", 0, 40);
        assert_eq!(words.phrase("so far"), Some(6));
        assert_eq!(words.phrase("bringing the total"), Some(0));
        assert_eq!(words.phrase("far ."), None);
    }
}
