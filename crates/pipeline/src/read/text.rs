//! Plain text, and the seed format: a first line ` date YYYY-MM-DD ` before the
//! text (the rest of that line, often a photo caption, is the first paragraph).
//! The outlet comes from the byline or dateline (`byline.rs`). A text has no
//! title field: its first line is the headline or a photo caption, which
//! `Document::build` tells apart, so the title is left unset (never the file's
//! name); pages show the headline segment instead.

use jiff::civil::Date;

use crate::document::RawDocument;
use crate::error::{Error, Result};

/// Reads a text file's bytes: UTF-8 required (an error names the first bad byte).
pub fn parse_text_bytes(source: &str, bytes: &[u8]) -> Result<RawDocument> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(parse_text(source, s)),
        Err(e) => Err(Error::read(source, format!("not valid UTF-8 at byte {}", e.valid_up_to()))),
    }
}

/// Reads plain text, taking the date from a seed-format first line if present.
pub fn parse_text(source: &str, s: &str) -> RawDocument {
    let (published, text) = match split_date_line(s) {
        Some((d, rest)) => (Some(d), rest),
        None => (None, s),
    };
    let outlet = super::byline::outlet(text);
    RawDocument { source: source.to_string(), text: text.to_string(), published, outlet, ..Default::default() }
}

/// ` date 2025-03-02 rest…` → (2025-03-02, `rest…`).
fn split_date_line(s: &str) -> Option<(Date, &str)> {
    let t = s.trim_start_matches(['\u{feff}', ' ', '\t']);
    let t = t.strip_prefix("date")?;
    let t = t.trim_start_matches([' ', '\t', ':']);
    let date: Date = t.get(..10)?.parse().ok()?;
    let rest = &t[10..];
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((date, rest.trim_start_matches([' ', '\t'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_date_line() {
        let d = parse_text("s", " date 2025-03-02 A caption. Photo: X/Y\n\nBody.");
        assert_eq!(d.published.unwrap().to_string(), "2025-03-02");
        assert_eq!(d.text, "A caption. Photo: X/Y\n\nBody.");
        let d = parse_text("s", "date 2024-11-05\nBody.");
        assert_eq!(d.text, "\nBody.");
        let d = parse_text("s", "dated 2024-11-05 text");
        assert!(d.published.is_none());
        let d = parse_text("s", "date 2024-13-45 text");
        assert!(d.published.is_none());
    }
}
