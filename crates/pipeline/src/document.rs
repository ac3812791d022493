//! A document: cleaned text, its date and its segments (headline, body,
//! captions), with a stable id. Captions and credits are kept in the text (so
//! offsets stay true to the source) but are never searched for commitments.

use jiff::civil::Date;
use serde::Serialize;

use crate::text::{CharMap, trim_span};

/// What a stretch of the text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Headline,
    Body,
    /// A photo caption or credit line: not searched for commitments.
    Caption,
    /// "By NAME" lines.
    Byline,
}

/// A segment: one paragraph (line) of the text with its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub kind: SegmentKind,
    /// Code-point offsets into `Document::text`, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The same span in bytes, for the text stages.
    #[serde(skip)]
    pub bytes: (usize, usize),
}

/// A document as read: text and what the source says about it.
#[derive(Clone, Debug, Default)]
pub struct RawDocument {
    /// Where it came from: a path, `-` for stdin, a URL, with a line number for JSON Lines.
    pub source: String,
    pub text: String,
    pub published: Option<Date>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// An id given by the source (kept as `source_id`; the document id is the content hash).
    pub source_id: Option<String>,
}

/// A cleaned document, ready for the text stages.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Stable id: 16 hex digits of the XXH3-64 hash of the cleaned text.
    pub id: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub published: Option<Date>,
    pub text: String,
    pub segments: Vec<Segment>,
}

impl Document {
    /// Cleans the text (line endings, BOM, control characters) and splits it into segments.
    pub fn build(raw: RawDocument) -> Document {
        let text = clean_text(&raw.text);
        let id = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()));
        let segments = segment(&text);
        Document {
            id,
            source: raw.source,
            source_id: raw.source_id,
            url: raw.url,
            outlet: raw.outlet,
            title: raw.title.map(|t| clean_text(&t)).filter(|t| !t.is_empty()),
            published: raw.published,
            text,
            segments,
        }
    }

    /// Segments that may state commitments (body and headline).
    pub fn searchable(&self) -> impl Iterator<Item = &Segment> {
        self.segments.iter().filter(|s| matches!(s.kind, SegmentKind::Body | SegmentKind::Headline))
    }

    /// The index of the segment holding byte `b`. Segments are in text order and do not
    /// overlap, so a binary search finds it: assembly asks once per sentence, and a scan
    /// of every segment there made a document of many lines cost the square of its length.
    pub fn segment_at(&self, b: usize) -> Option<usize> {
        let k = self.segments.partition_point(|g| g.bytes.1 <= b);
        self.segments.get(k).is_some_and(|g| g.bytes.0 <= b && b < g.bytes.1).then_some(k)
    }
}

/// Normalises line endings, drops a BOM and control characters other than
/// newline and tab, and trims trailing whitespace of the whole text.
pub fn clean_text(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{00a0}' | '\u{2009}' | '\u{202f}' => out.push(' '),
            '\u{2060}' | '\u{200b}' | '\u{00ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let end = out.trim_end().len();
    out.truncate(end);
    out
}

/// Splits cleaned text into line segments and classifies each.
fn segment(text: &str) -> Vec<Segment> {
    let map = CharMap::new(text);
    let mut out = Vec::new();
    let mut pos = 0;
    let mut first = true;
    for line in text.split('\n') {
        let (s, e) = trim_span(text, pos, pos + line.len());
        pos += line.len() + 1;
        if s == e {
            continue;
        }
        let para = &text[s..e];
        let kind = if is_caption(para) {
            SegmentKind::Caption
        } else if is_byline(para) {
            SegmentKind::Byline
        } else if first && is_headline(para) {
            SegmentKind::Headline
        } else {
            SegmentKind::Body
        };
        first = false;
        out.push(Segment { kind, start: map.char_offset(s), end: map.char_offset(e), bytes: (s, e) });
    }
    out
}

/// Credit markers that end a caption, as (marker, must-be-followed-by-a-name).
const CREDIT_MARKERS: &[&str] = &[
    "Photo:",
    "Photograph:",
    "Photo credit:",
    "Picture:",
    "Pictured:",
    "Image:",
    "Image source,",
    "Image source:",
    "Image caption,",
    "Credit:",
    "Photo by",
    "Photographer:",
    "Video:",
];

static CREDIT_FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(CREDIT_MARKERS)
        .expect("the credit markers compile")
});

/// A paragraph is a caption when it ends in a photo credit: `Photo: NAME/AGENCY`,
/// `Image source, X`, `(Photo by X/Getty Images)`, `(Reuters)`-style agency tails after a
/// description, or when it is only a credit.
pub fn is_caption(para: &str) -> bool {
    let tail_start = para.len().saturating_sub(120);
    let tail_start = (tail_start..para.len()).find(|&i| para.is_char_boundary(i)).unwrap_or(0);
    let tail = &para[tail_start..];
    for m in CREDIT_FINDER.find_overlapping_iter(tail) {
        let after = tail[m.end()..].trim();
        let after = after.trim_end_matches([')', ']', '.']);
        // A credit is a short name, often with an agency after a slash; no sentence follows.
        if !after.is_empty() && after.len() <= 80 && !after.contains(". ") && words(after) <= 10 {
            return true;
        }
    }
    let t = para.trim_end_matches(['.', ' ']);
    ["Getty Images", "Getty Images)", "AFP via Getty Images)", "/Reuters", "/AP", "/PA Wire", "/AFP", "/EPA"]
        .iter()
        .any(|s| t.ends_with(s) && t.contains('/'))
}

fn is_byline(para: &str) -> bool {
    (para.starts_with("By ") || para.starts_with("BY ")) && words(para) <= 14 && !para.ends_with('.')
}

/// A first paragraph is a headline when it is short and does not end like a sentence.
fn is_headline(para: &str) -> bool {
    let n = words(para);
    (2..=20).contains(&n) && !para.ends_with(['.', ':', ';', ','])
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_by_their_credit() {
        for c in [
            "The minister visits a factory in Glasgow. Photo: Jane Roe/PA Wire",
            "Soldiers unload crates at an airbase. Image source, Getty Images",
            "Troops train near Lviv (Photo by John Doe/AFP via Getty Images)",
            "A tank crosses a bridge. Photograph: Ann Smith/Reuters",
        ] {
            assert!(is_caption(c), "{c}");
        }
        for c in [
            "The deal was signed today in London.",
            "He said the photo: was not released, and nobody could explain why the ministry had waited so long to publish it at all.",
        ] {
            assert!(!is_caption(c), "{c}");
        }
    }

    #[test]
    fn segments_kinds_and_offsets() {
        let d = Document::build(RawDocument {
            text: "Aid for Kyiv\r\n\r\nBritain will send £5m.\n\nA truck. Photo: A B/PA Wire\n".into(),
            ..Default::default()
        });
        let kinds: Vec<SegmentKind> = d.segments.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, vec![SegmentKind::Headline, SegmentKind::Body, SegmentKind::Caption]);
        let body = &d.segments[1];
        let text: String = d.text.chars().skip(body.start).take(body.end - body.start).collect();
        assert_eq!(text, "Britain will send £5m.");
        assert_eq!(d.id.len(), 16);
    }
}
