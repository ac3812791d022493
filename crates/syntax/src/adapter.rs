//! From the pipeline's tokens to the treebank's words.
//!
//! The pipeline's tokenizer cuts at every apostrophe and period ("Russia" "'" "s",
//! "don" "'" "t", "U" "." "S" "."); the treebank writes "Russia" "'s", "do" "n't",
//! "U.S.". Words here are slices of the tokens or fixed forms, never new strings.

/// A sentence's words and the tokens each covers.
pub struct Words<'a> {
    pub forms: Vec<&'a str>,
    /// First token of each word and one past its last.
    pub spans: Vec<(usize, usize)>,
    /// The word of each token.
    pub token_word: Vec<usize>,
}

/// Clitics written after an apostrophe.
const CLITICS: [(&str, &str); 6] = [("s", "'s"), ("re", "'re"), ("ve", "'ve"), ("ll", "'ll"), ("d", "'d"), ("m", "'m")];

/// Abbreviations the treebank keeps as one word, as the tokenizer cuts them.
const ABBREVIATIONS: [&str; 34] = [
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.", "Sr.", "Inc.", "Co.", "Corp.",
    "Ltd.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "No.", "vs.", "etc.", "Jan.", "Feb.", "Aug.", "Sept.",
    "Oct.", "Nov.", "Dec.", "a.m.", "p.m.",
];

fn is_apostrophe(t: &str) -> bool {
    t == "'" || t == "\u{2019}"
}

/// How many tokens from `i` spell `abbr` exactly (no other characters between them).
fn spells(tokens: &[&str], i: usize, abbr: &str) -> Option<usize> {
    let mut rest = abbr;
    let mut j = i;
    while !rest.is_empty() {
        let t = tokens.get(j)?;
        rest = rest.strip_prefix(t)?;
        j += 1;
    }
    Some(j - i)
}

impl<'a> Words<'a> {
    pub fn from_tokens(tokens: &[&'a str]) -> Words<'a> {
        let mut w = Words {
            forms: Vec::with_capacity(tokens.len()),
            spans: Vec::with_capacity(tokens.len()),
            token_word: Vec::with_capacity(tokens.len()),
        };
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let next = tokens.get(i + 1).copied().unwrap_or("");
            let after = tokens.get(i + 2).copied().unwrap_or("");
            // "don" "'" "t" → "do" "n't".
            if t.len() > 1 && t.ends_with(['n', 'N']) && is_apostrophe(next) && after.eq_ignore_ascii_case("t") {
                w.push(&t[..t.len() - 1], i, i + 1);
                w.push("n't", i + 1, i + 3);
                i += 3;
                continue;
            }
            // "Russia" "'" "s" → "Russia" "'s"; "we" "'" "ll" → "we" "'ll".
            if is_apostrophe(t)
                && i > 0
                && tokens[i - 1].chars().last().is_some_and(char::is_alphabetic)
                && let Some((_, form)) = CLITICS.iter().find(|(c, _)| next.eq_ignore_ascii_case(c))
            {
                w.push(form, i, i + 2);
                i += 2;
                continue;
            }
            // "cannot" → "can" "not".
            if t.eq_ignore_ascii_case("cannot") {
                w.push(&t[..3], i, i + 1);
                w.push(&t[3..], i, i + 1);
                i += 1;
                continue;
            }
            if t.chars().next().is_some_and(char::is_alphabetic)
                && next == "."
                && let Some((abbr, n)) = ABBREVIATIONS.iter().find_map(|a| spells(tokens, i, a).map(|n| (*a, n)))
            {
                w.push(abbr, i, i + n);
                i += n;
                continue;
            }
            w.push(t, i, i + 1);
            i += 1;
        }
        w
    }

    fn push(&mut self, form: &'a str, start: usize, end: usize) {
        let word = self.forms.len();
        self.forms.push(form);
        self.spans.push((start, end));
        while self.token_word.len() < end {
            self.token_word.push(word);
        }
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_become_treebank_words() {
        let cases: [(&[&str], &[&str], &[usize]); 6] = [
            (&["Russia", "'", "s", "war"], &["Russia", "'s", "war"], &[0, 1, 1, 2]),
            (&["We", "don", "'", "t", "know"], &["We", "do", "n't", "know"], &[0, 1, 2, 2, 3]),
            (&["they", "\u{2019}", "ll", "pay"], &["they", "'ll", "pay"], &[0, 1, 1, 2]),
            (&["the", "U", ".", "S", ".", "sent"], &["the", "U.S.", "sent"], &[0, 1, 1, 1, 1, 2]),
            (&["Mr", ".", "Lee", "cannot"], &["Mr.", "Lee", "can", "not"], &[0, 0, 1, 2]),
            (&["'", "s", "U", ".", "'"], &["'", "s", "U", ".", "'"], &[0, 1, 2, 3, 4]),
        ];
        for (tokens, words, map) in cases {
            let w = Words::from_tokens(tokens);
            assert_eq!(w.forms, words, "{tokens:?}");
            assert_eq!(w.token_word, map, "{tokens:?}");
        }
    }
}
