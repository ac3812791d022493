//! Tokens and offsets: the shared view of text that every recognizer reads.
//!
//! Tokens are byte spans into the document text; they never own or copy it.
//! Offsets leave the pipeline as Unicode code points ([`CharMap`]).

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (any script), e.g. `billion`, `Ukraine`.
    Word,
    /// Digits with internal `,` or `.` between digits, e.g. `5,000`, `1.6`.
    Num,
    /// A currency sign or `%`.
    Sym,
    /// Any other non-space character.
    Punct,
}

/// A token: a byte span of the text with its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// Whether whitespace separates this token from the previous one.
    pub space_before: bool,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Currency signs that form their own token.
pub fn is_currency_sign(c: char) -> bool {
    // The Unicode currency-symbols block holds ₡ ₭ ₿ and the rest.
    matches!(c, '$' | '£' | '¥' | '฿' | '¢') || ('\u{20A0}'..='\u{20CF}').contains(&c)
}

/// The value of a Unicode vulgar fraction ("½" → (1, 2)), which the tokenizer
/// reads as a figure of its own ("2½" is "2" then "½").
pub fn vulgar_fraction(c: char) -> Option<(u8, u8)> {
    Some(match c {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅐' => (1, 7),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        '⅑' => (1, 9),
        '⅒' => (1, 10),
        _ => return None,
    })
}

/// Splits `text[start..end]` into tokens, appending to `out` (reused across calls
/// so that a document costs no allocation per sentence).
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut space = true;
    while i < end {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let mut j = i + 1;
            while j < end {
                let c = bytes[j];
                if c.is_ascii_digit() {
                    j += 1;
                } else if (c == b',' || c == b'.') && j + 1 < end && bytes[j + 1].is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            out.push(Token { kind: TokKind::Num, start: i, end: j, space_before: space });
            space = false;
            i = j;
            continue;
        }
        if b.is_ascii_alphabetic() {
            let j = word_end(text, i, end);
            out.push(Token { kind: TokKind::Word, start: i, end: j, space_before: space });
            space = false;
            i = j;
            continue;
        }
        if b < 0x80 {
            let kind = if b == b'$' || b == b'%' { TokKind::Sym } else { TokKind::Punct };
            out.push(Token { kind, start: i, end: i + 1, space_before: space });
            space = false;
            i += 1;
            continue;
        }
        // Non-ASCII: decode one char.
        let c = text[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if c.is_whitespace() {
            space = true;
            i += len;
            continue;
        }
        if c.is_alphabetic() {
            let j = word_end(text, i, end);
            out.push(Token { kind: TokKind::Word, start: i, end: j, space_before: space });
            i = j;
        } else {
            let kind = if is_currency_sign(c) {
                TokKind::Sym
            } else if vulgar_fraction(c).is_some() {
                TokKind::Num
            } else {
                TokKind::Punct
            };
            out.push(Token { kind, start: i, end: i + len, space_before: space });
            i += len;
        }
        space = false;
    }
}

fn word_end(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = start;
    while j < end {
        let b = bytes[j];
        if b.is_ascii_alphabetic() {
            j += 1;
        } else if b < 0x80 {
            break;
        } else {
            let c = text[j..].chars().next().unwrap_or(' ');
            if c.is_alphabetic() {
                j += c.len_utf8();
            } else {
                break;
            }
        }
    }
    j
}

/// Maps byte offsets to code-point offsets in one text. Cheap for ASCII text
/// (identity); otherwise keeps a checkpoint every 256 bytes.
pub struct CharMap<'t> {
    text: &'t str,
    checkpoints: Vec<u32>,
}

const CHECKPOINT: usize = 256;

impl<'t> CharMap<'t> {
    pub fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            return CharMap { text, checkpoints: Vec::new() };
        }
        let bytes = text.as_bytes();
        // One checkpoint per chunk start, and one for the end of the text.
        let mut checkpoints = Vec::with_capacity(bytes.len() / CHECKPOINT + 2);
        let mut chars = 0u32;
        for chunk in bytes.chunks(CHECKPOINT) {
            checkpoints.push(chars);
            chars += chunk.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32;
        }
        checkpoints.push(chars);
        CharMap { text, checkpoints }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary
    /// or the end of the text; other values are rounded down to one).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.checkpoints.is_empty() {
            return byte;
        }
        let k = byte / CHECKPOINT;
        let base = self.checkpoints[k.min(self.checkpoints.len() - 1)] as usize;
        let from = k * CHECKPOINT;
        base + self.text.as_bytes()[from..byte].iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    }
}

/// A sentence: a byte span inside one segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// Bytes of one line that `sentencex` reads at once. Its work on a paragraph grows with the
/// square of its length when the paragraph holds many quotes or parentheses (each stop is
/// checked against every quoted span once they overlap), so a line longer than this — no
/// paragraph of prose is; a page flattened to one line is — is read in pieces, each ending at
/// a sentence stop (or else a space) in its second half.
pub const MAX_PARAGRAPH_BYTES: usize = 256 << 10;

/// Splits `text[start..end]` into sentences (byte spans, trimmed of outer
/// whitespace). Uses `sentencex`, which keeps "U.S. Department" and
/// "Mr. Zelensky" whole and never changes the text; a span longer than
/// [`MAX_PARAGRAPH_BYTES`] is split in pieces first, so the time stays linear.
pub fn sentences(text: &str, mut start: usize, end: usize, out: &mut Vec<Sentence>) {
    while end - start > MAX_PARAGRAPH_BYTES {
        let cut = piece_end(text, start, start + MAX_PARAGRAPH_BYTES);
        paragraph_sentences(text, start, cut, out);
        start = cut;
    }
    paragraph_sentences(text, start, end, out);
}

/// Where a piece of a too-long line that starts at `start` ends, at most at `max`: just after
/// the last sentence stop followed by a space in the piece's second half, else after its last
/// space there, else on the character boundary at `max`.
fn piece_end(text: &str, start: usize, max: usize) -> usize {
    let bytes = text.as_bytes();
    let half = start + (max - start) / 2;
    let window = &bytes[half..max];
    let after = |i: usize| half + i + 1;
    if let Some(i) = window.windows(2).rposition(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ') {
        return after(i + 1);
    }
    if let Some(i) = window.iter().rposition(|b| b.is_ascii_whitespace()) {
        return after(i);
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

fn paragraph_sentences(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    for b in sentencex::get_sentence_boundaries("en", slice) {
        let (s, e) = trim_span(slice, b.start_byte, b.end_byte.min(slice.len()));
        if s < e {
            out.push(Sentence { start: start + s, end: start + e });
        }
    }
}

/// Narrows a byte span so it starts and ends on non-whitespace.
pub fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(part) = text.get(start..end) else {
        return (start, start);
    };
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if lead + trail >= part.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

/// Lower-case phrases to look for in a text as its lower case reads (`text.to_lowercase()`
/// contains one), without making that lower-case copy of a whole document when the phrases are
/// ASCII: an ASCII character of the lower case comes from an ASCII character of the text, except
/// from the Kelvin sign (`k`) and the dotted capital I (`i` and a combining dot), so without
/// those two the text is searched as it is, ignoring ASCII case.
pub struct LowercasePhrases {
    phrases: Vec<&'static str>,
    /// The phrases ignoring ASCII case, when every phrase is ASCII without a capital.
    ascii: Option<aho_corasick::AhoCorasick>,
}

impl LowercasePhrases {
    pub fn new(phrases: &[&'static str]) -> Self {
        let plain = phrases.iter().all(|p| p.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()));
        let ascii = plain
            .then(|| aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(phrases).ok())
            .flatten();
        LowercasePhrases { phrases: phrases.to_vec(), ascii }
    }

    /// Whether `text.to_lowercase()` contains one of the phrases.
    pub fn in_lowercase_of(&self, text: &str) -> bool {
        let lowers_to_ascii = |c: &str| memchr::memmem::find(text.as_bytes(), c.as_bytes()).is_some();
        match &self.ascii {
            Some(ac) if !lowers_to_ascii("\u{212A}") && !lowers_to_ascii("\u{130}") => ac.is_match(text),
            _ => {
                let lower = text.to_lowercase();
                self.phrases.iter().any(|p| lower.contains(p))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokKind, &str, bool)> {
        let mut v = Vec::new();
        tokenize_into(s, 0, s.len(), &mut v);
        v.iter().map(|t| (t.kind, t.text(s), t.space_before)).collect()
    }

    #[test]
    fn splits_money_and_models() {
        use TokKind::*;
        assert_eq!(
            toks("£1.6bn for F-16s"),
            vec![
                (Sym, "£", true),
                (Num, "1.6", false),
                (Word, "bn", false),
                (Word, "for", true),
                (Word, "F", true),
                (Punct, "-", false),
                (Num, "16", false),
                (Word, "s", false)
            ]
        );
        assert_eq!(toks("5,000."), vec![(Num, "5,000", true), (Punct, ".", false)]);
        assert_eq!(toks("Kyiv’s"), vec![(Word, "Kyiv", true), (Punct, "’", false), (Word, "s", false)]);
    }

    #[test]
    fn char_offsets_count_code_points() {
        // A length that is a multiple of the checkpoint interval is the edge case.
        let edge = "é".repeat(128);
        assert_eq!(CharMap::new(&edge).char_offset(edge.len()), 128);
        let s = "€1 – £2 ".repeat(100);
        let map = CharMap::new(&s);
        for (byte, _) in s.char_indices() {
            assert_eq!(map.char_offset(byte), s[..byte].chars().count());
        }
        assert_eq!(map.char_offset(s.len()), s.chars().count());
    }

    #[test]
    fn a_line_longer_than_the_cap_is_split_between_sentences() {
        let unit = "Norway gives \"$5 million\" (in aid). ";
        let line = unit.repeat(3 * MAX_PARAGRAPH_BYTES / unit.len());
        let mut out = Vec::new();
        sentences(&line, 0, line.len(), &mut out);
        assert_eq!(out.len(), line.len() / unit.len(), "one sentence per unit, none lost at a cut");
        assert!(out.iter().all(|x| &line[x.start..x.end] == unit.trim_end()));
    }

    #[test]
    fn a_line_without_stops_is_cut_at_a_space_or_a_character() {
        let words = "ümlaut ".repeat(MAX_PARAGRAPH_BYTES / 4);
        let cut = piece_end(&words, 0, MAX_PARAGRAPH_BYTES);
        assert!(cut > MAX_PARAGRAPH_BYTES / 2 && cut <= MAX_PARAGRAPH_BYTES);
        assert_eq!(&words[cut - 1..cut], " ");
        let solid = "é".repeat(MAX_PARAGRAPH_BYTES);
        let cut = piece_end(&solid, 1, MAX_PARAGRAPH_BYTES + 1);
        assert!(solid.is_char_boundary(cut) && cut > MAX_PARAGRAPH_BYTES - 4);
        let mut out = Vec::new();
        sentences(&solid, 0, solid.len(), &mut out);
        assert_eq!(out.last().map(|s| s.end), Some(solid.len()));
    }

    #[test]
    fn sentences_keep_abbreviations() {
        let s = "The U.S. Department of Defense will send aid. Mr. Smith agreed.";
        let mut out = Vec::new();
        sentences(s, 0, s.len(), &mut out);
        let got: Vec<&str> = out.iter().map(|x| &s[x.start..x.end]).collect();
        assert_eq!(got, vec!["The U.S. Department of Defense will send aid.", "Mr. Smith agreed."]);
    }

    #[test]
    fn only_two_characters_beyond_ascii_lower_to_ascii() {
        // What `LowercasePhrases` relies on to search a text without lowercasing it.
        let odd: Vec<char> =
            (0x80..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.to_lowercase().any(|l| l.is_ascii())).collect();
        assert_eq!(odd, vec!['\u{130}', '\u{212A}']);
    }

    #[test]
    fn phrases_are_found_as_the_lower_case_reads() {
        let phrases = LowercasePhrases::new(&["approved by the cabinet", "cabinet decided"]);
        assert!(phrases.ascii.is_some());
        for (text, found) in [
            ("The plan was APPROVED by the Cabinet on Monday.", true),
            ("The Cabinet’s view: the plan, approved by the  cabinet", false),
            ("Le Cabinet a décidé; the cabinet decided.", true),
            // The Kelvin sign lowers to "k", the dotted capital I to "i" and a dot: read as lowercased.
            ("\u{212A}", false),
            ("CABİNET DECIDED", false),
            ("cabinet decided \u{130}", true),
            ("", false),
        ] {
            assert_eq!(phrases.in_lowercase_of(text), found, "{text:?}");
            let lower = text.to_lowercase();
            assert_eq!(
                ["approved by the cabinet", "cabinet decided"].iter().any(|p| lower.contains(p)),
                found,
                "{text:?}"
            );
        }
        // A phrase with a capital or beyond ASCII is searched in the lower case itself.
        let other = LowercasePhrases::new(&["décidé"]);
        assert!(other.ascii.is_none() && other.in_lowercase_of("Le Cabinet a DÉCIDÉ"));
    }
}
