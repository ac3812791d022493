//! What the recognizers ask of a lowercase word before they read it (may it start a
//! number, open or anchor a date, and which date forms it can open), worked out once
//! per distinct word and kept for the thread, not once per token: each answer is a
//! match over a list, and a sentence asks them of every word.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::{date, number};

/// The answers for one lowercase word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordFacts {
    /// What it may start ([`number::flags`]), before capitals and currency signs.
    pub number_flags: u8,
    /// A word without which no date can be read (a month, "week", "today"…).
    pub date_anchor: bool,
    /// A word a date may start with.
    pub date_start: bool,
    /// Which date forms it can open (the word's part of the date index).
    pub date_class: u32,
}

impl WordFacts {
    /// The answers, computed.
    pub fn of(w: &str) -> WordFacts {
        WordFacts {
            number_flags: number::word_flags(w),
            date_anchor: date::is_date_anchor(w),
            date_start: date::starts_date(w),
            date_class: date::word_class(w),
        }
    }
}

/// How many distinct words the thread keeps (a few hundred thousand bytes); past it, a
/// new word is answered without being kept, so no input grows the table without end.
const KEPT: usize = 1 << 16;

thread_local! {
    static KNOWN: RefCell<FxHashMap<Box<str>, WordFacts>> = RefCell::new(FxHashMap::default());
}

/// The answers for `w` (lowercase), from the thread's table when it has met the word.
pub fn facts(w: &str) -> WordFacts {
    KNOWN.with_borrow_mut(|known| lookup(known, w))
}

/// The answers for each word of a sentence (lowercase; `None` for a token that is no word,
/// answered with nothing set), pushed onto `out`: the thread's table is borrowed once for the
/// sentence, not once per word.
pub fn facts_of_each<'w>(words: impl Iterator<Item = Option<&'w str>>, out: &mut Vec<WordFacts>) {
    KNOWN.with_borrow_mut(|known| out.extend(words.map(|w| w.map_or_else(WordFacts::default, |w| lookup(known, w)))));
}

fn lookup(known: &mut FxHashMap<Box<str>, WordFacts>, w: &str) -> WordFacts {
    if let Some(f) = known.get(w) {
        return *f;
    }
    let f = WordFacts::of(w);
    if known.len() < KEPT {
        known.insert(w.into(), f);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_answers_are_the_computed_ones() {
        for w in ["march", "may", "the", "two", "first", "christmas", "weekend", "said", "twenties", "a", "q3"] {
            assert_eq!(facts(w), WordFacts::of(w), "{w}");
            // Asked again, from the table.
            assert_eq!(facts(w), WordFacts::of(w), "{w}");
        }
        assert!(facts("march").date_anchor && facts("march").date_start);
        assert!(facts("two").number_flags & number::flags::NUMBER != 0);
        assert!(!facts("said").date_anchor);
        let mut each = Vec::new();
        facts_of_each([Some("march"), None, Some("said"), Some("two")].into_iter(), &mut each);
        assert_eq!(each, vec![facts("march"), WordFacts::default(), facts("said"), facts("two")]);
    }
}
