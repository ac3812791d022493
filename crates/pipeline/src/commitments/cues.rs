//! Cue words: what makes a sentence state a commitment (triggers), what makes
//! it something else (calls, totals, budgets, sanctions), and what sets the
//! category, instrument and status. Matched on lowercase words of a sentence.
//! The lists themselves are data files in `data/cues/` (`cue_data`).

use std::sync::LazyLock;

use super::cue_data::{self, TOTALS};
use super::record::{Category, Instrument, Status};

/// Lowercase words of one sentence with their byte spans (for evidence).
pub struct Words<'t> {
    pub words: Vec<(String, usize, usize)>,
    pub text: &'t str,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str, start: usize, end: usize) -> Self {
        let mut words = Vec::new();
        let s = &text[start..end];
        let mut i = 0;
        let b = s.as_bytes();
        while i < b.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                let mut j = i;
                while j < b.len() {
                    let d = s[j..].chars().next().unwrap_or(' ');
                    if d.is_alphanumeric()
                        || ((d == '-' || d == '\'' || d == '’')
                            && j + d.len_utf8() < b.len()
                            && s[j + d.len_utf8()..].starts_with(char::is_alphanumeric))
                    {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                words.push((s[i..j].to_lowercase(), start + i, start + j));
                i = j;
            } else {
                i += c.len_utf8();
            }
        }
        Words { words, text }
    }

    pub fn has(&self, w: &str) -> bool {
        self.words.iter().any(|(x, _, _)| x == w)
    }

    /// Index of the first word for which `f` holds.
    pub fn find(&self, f: impl Fn(&str) -> bool) -> Option<usize> {
        self.words.iter().position(|(x, _, _)| f(x))
    }

    /// Whether the phrase (space-separated lowercase words) occurs; returns its first word index.
    pub fn phrase(&self, p: &str) -> Option<usize> {
        let parts: Vec<&str> = p.split(' ').collect();
        (0..self.words.len().saturating_sub(parts.len() - 1))
            .find(|&i| parts.iter().enumerate().all(|(k, w)| self.words[i + k].0 == *w))
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
