//! The currency lexicon: ISO 4217 codes, signs ("£", "C$", "zł") and names
//! ("pounds sterling", "Canadian dollars"), compiled once from
//! `data/money/currencies.tsv`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::LazyLock;

const CURRENCIES_TSV: &str = include_str!("../../data/money/currencies.tsv");

/// Codes that are also English words: read as currencies only in a clear
/// money context (never as a bare uppercase word before a number).
const WORDLIKE_CODES: &[&str] =
    &["ALL", "CUP", "TOP", "PEN", "MAD", "GEL", "BOB", "MOP", "SOS", "BAM", "CAN", "AMD", "WAR", "COP"];

/// Lookup tables for currencies.
pub struct Currencies {
    /// Lowercased, space-normalised names → code (the first row wins).
    names: HashMap<String, &'static str>,
    /// Signs and abbreviations as written ("$", "US$", "Rs", "kr") → codes, the default first.
    signs: HashMap<&'static str, Vec<&'static str>>,
    /// Minor units ("cents", "pence") → code.
    minor: HashMap<String, &'static str>,
    codes: HashMap<&'static str, ()>,
    /// The first words of all names: most words after a number start none, and
    /// are dismissed without building a candidate name.
    first_words: FxHashSet<String>,
    /// The names by their first word as the tokenizer reads it (its letters: "u.s. dollars"
    /// under "u"), longest first, each with its code: a word tries only the names it starts.
    by_first: HashMap<String, Vec<(String, &'static str)>>,
    /// The longest name, in words.
    pub max_name_words: usize,
}

pub static CURRENCIES: LazyLock<Currencies> = LazyLock::new(|| Currencies::parse(CURRENCIES_TSV));

impl Currencies {
    fn parse(tsv: &'static str) -> Currencies {
        let mut c = Currencies {
            names: HashMap::default(),
            signs: HashMap::default(),
            minor: HashMap::default(),
            codes: HashMap::default(),
            first_words: FxHashSet::default(),
            by_first: HashMap::default(),
            max_name_words: 1,
        };
        for line in tsv.lines().skip(1) {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            let code = cols[0].trim();
            if code.len() != 3 {
                continue;
            }
            c.codes.insert(code, ());
            let cell =
                |k: usize| cols.get(k).copied().unwrap_or("").split('|').map(str::trim).filter(|s| !s.is_empty());
            for name in cell(1).chain(cell(2)) {
                let key = normalise_name(name);
                c.max_name_words = c.max_name_words.max(key.split(' ').count());
                // As the tokenizer sees it: "u.s. dollars" starts with the word "u".
                c.first_words.insert(key.split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("").to_string());
                c.names.entry(key).or_insert(code);
            }
            for sign in cell(3) {
                let list = c.signs.entry(sign).or_default();
                if !list.contains(&code) {
                    list.push(code);
                }
            }
            for m in cell(4) {
                c.minor.entry(normalise_name(m)).or_insert(code);
            }
        }
        // "50 million dirhams" are the UAE's, not a riyal's hundredths: a word that names a major
        // unit is read as that unit.
        let names = &c.names;
        c.minor.retain(|m, _| !names.contains_key(m));
        for (name, &code) in &c.names {
            let first = name.split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
            c.by_first.entry(first.to_string()).or_default().push((name.clone(), code));
        }
        for names in c.by_first.values_mut() {
            names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        c
    }

    /// The code of a currency name ("pounds", "canadian dollars").
    pub fn by_name(&self, lower_name: &str) -> Option<&'static str> {
        self.names.get(lower_name).copied()
    }

    /// The codes a sign stands for, the default first.
    pub fn by_sign(&self, sign: &str) -> Option<&[&'static str]> {
        self.signs.get(sign).map(Vec::as_slice)
    }

    /// The names (normalised) that start with this lowercase word, longest first, with their codes.
    pub fn names_starting(&self, lower_word: &str) -> &[(String, &'static str)] {
        self.by_first.get(lower_word).map_or(&[], Vec::as_slice)
    }

    /// Whether some currency name starts with this lowercase word.
    pub fn starts_a_name(&self, lower_word: &str) -> bool {
        self.first_words.contains(lower_word)
    }

    /// The code of a minor unit name ("cents" → USD, "pence" → GBP).
    pub fn by_minor(&self, lower_name: &str) -> Option<&'static str> {
        self.minor.get(lower_name).copied()
    }

    /// An ISO code written as a word before or after a number ("USD", "EUR").
    pub fn by_code(&self, word: &str) -> Option<&'static str> {
        if word.len() != 3 || !word.bytes().all(|b| b.is_ascii_uppercase()) || WORDLIKE_CODES.contains(&word) {
            return None;
        }
        self.codes.get_key_value(word).map(|(k, _)| *k)
    }

    pub fn is_code(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }
}

/// Lowercases and joins words with single spaces ("U.S.  Dollars" → "u.s. dollars").
pub fn normalise_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_name_into(s, &mut out);
    out
}

/// [`normalise_name`] into a reused buffer.
pub fn normalise_name_into(s: &str, out: &mut String) {
    out.clear();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

/// Where `name` (normalised) ends when `text[start..limit]` begins with it as
/// [`normalise_name`] reads text (lowercase, a run of whitespace as one space): the byte
/// offset just past its last character. `start` must not be whitespace.
pub fn name_end(text: &str, start: usize, limit: usize, name: &str) -> Option<usize> {
    let mut rest = name;
    let mut space = false;
    for (k, c) in text.get(start..limit)?.char_indices() {
        if c.is_whitespace() {
            space = rest.len() < name.len();
            continue;
        }
        if space {
            rest = rest.strip_prefix(' ')?;
            space = false;
        }
        for l in c.to_lowercase() {
            rest = rest.strip_prefix(l)?;
        }
        if rest.is_empty() {
            return Some(start + k + c.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_has_the_main_currencies() {
        let c = &*CURRENCIES;
        assert_eq!(c.by_name("pounds"), Some("GBP"));
        assert_eq!(c.by_name("euros"), Some("EUR"));
        assert_eq!(c.by_name("canadian dollars"), Some("CAD"));
        assert_eq!(c.by_name("hryvnias"), Some("UAH"));
        assert_eq!(c.by_sign("$").map(|s| s[0]), Some("USD"));
        assert_eq!(c.by_sign("£").map(|s| s[0]), Some("GBP"));
        assert_eq!(c.by_sign("C$").map(|s| s[0]), Some("CAD"));
        assert_eq!(c.by_code("USD"), Some("USD"));
        assert_eq!(c.by_code("ALL"), None);
        assert_eq!(c.by_minor("pence"), Some("GBP"));
    }
}
