//! Property tests: the text stages are total. Any input gives a result, never a
//! panic, and every span lies inside the text on character boundaries.

use pledgewatch_pipeline::mentions::{Mention, Scanner, find_all, finish};
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{ReadOptions, documents_from_bytes};
use pledgewatch_pipeline::text::{CharMap, sentences};
use pledgewatch_pipeline::{Document, RawDocument, extract};
use proptest::prelude::*;

/// Pieces that make the recognizers work hard: figures, signs, dates, names,
/// brackets, hyphens, non-ASCII letters and odd whitespace.
const PIECES: &[&str] = &[
    "£1.6bn",
    "$",
    "€",
    "¥",
    "US$",
    "C$",
    "kr",
    "zł",
    "₴",
    "5,000",
    "5 000",
    "1.5",
    "-",
    "–",
    "(",
    ")",
    "(2nd)",
    "%",
    "per cent",
    "million",
    "bn",
    "half a",
    "a quarter of a",
    "between",
    "and",
    "to",
    "up to",
    "more than",
    "over",
    "today",
    "Sunday",
    "on the",
    "2nd",
    "March",
    "2025",
    "2025-03-02",
    "T14:30",
    "Q3",
    "FY2025",
    "H2",
    "1990s",
    "last week",
    "next",
    "ago",
    "Ukraine",
    "the UK",
    "Britain",
    "British",
    "Kyiv",
    "Georgia",
    "Jordan",
    "Prime Minister",
    "Sir Keir Starmer",
    "said",
    "will",
    "provide",
    "pledged",
    "loan",
    "grant",
    "package",
    "export finance",
    "to buy",
    "air defence missiles",
    "Patriot",
    "F-16",
    "Section 506(a)(1)",
    "made in",
    "Belfast",
    "since 2022",
    "total",
    "Photo: A/B",
    "\n",
    "\n\n",
    " ",
    "  ",
    ".",
    ",",
    ";",
    ":",
    "\"",
    "’s",
    "'s",
    "Zelenskyy",
    "é",
    "ß",
    "日本",
    "🙂",
    "\u{00a0}",
    "\u{200b}",
    "Q ",
    "- ",
    "•",
    "Japan (",
    "$1.08 billion",
    "not to exceed",
    "a further",
    "another",
    // Date forms with many readings: spans, recurring times, parts of periods, clocks.
    "every",
    "each other",
    "Tuesdays",
    "quarters",
    "fortnight",
    "the first 2 weeks of",
    "through",
    "till",
    "to date",
    "21st century",
    "the nineties",
    "’90s",
    "weekend of",
    "Halloween",
    "at 2:30 -",
    "4pm",
    "12-2015",
    "2/29",
    "week 53 of",
    "seventeen hundred",
    "two thousand and five",
    "dollars forty",
    // The grammar of issue 18: glued codes, minor units, vulgar fractions, typeset
    // separators, Indian scales, units of measure, points, seasons and named periods.
    "USD5m",
    "EUR",
    "cents",
    "euro cents",
    "¢",
    "bucks",
    "½",
    "2¼",
    "⅞",
    "\u{202f}",
    "\u{2009}",
    "1’234",
    "1.234.567",
    "12,5",
    "lakhs",
    "crore",
    "a couple of",
    "three-quarters of a",
    "km",
    "40km",
    "sq",
    "square kilometres of",
    "MW",
    "-megawatt",
    "kilowatt-hours",
    "m²",
    "km/h",
    "pounds",
    "weighs",
    "basis points",
    "p.c.",
    "ppt",
    "per-cent",
    "summer",
    "last winter",
    "the week after next",
    "the second Tuesday of",
    "Tuesday week",
    "the Friday after next",
    "2Q",
    "3Q24",
    "Q1-Q3",
    "fiscal",
    "St Patrick's Day",
    "Whit Monday",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (k, p) in parts.iter().enumerate() {
            if k > 0 && k % 3 == 0 {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

/// Prose with little to find, and line breaks: words that hold a number or a month inside
/// ("someone", "often", "mayor"), glued words, sentence stops and abbreviations.
const PROSE: &[&str] = &[
    "someone",
    "often",
    "mayor",
    "update",
    "market",
    "The",
    "said",
    "Mr.",
    "U.S.",
    ".",
    "!",
    "?",
    "\n",
    "\n\n",
    " ",
    "good friday",
    "xgood friday",
    "Friday",
    "one",
    "tone",
    "May",
    "first",
    "a",
    "of",
    "week",
    "é",
];

fn lines_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![3 => prop::sample::select(PROSE), 1 => prop::sample::select(PIECES)];
    prop::collection::vec(piece, 0..80).prop_map(|parts| parts.join(" "))
}

/// The mentions of every sentence of every non-blank line, none skipped.
fn every_sentence(text: &str, reference: Option<jiff::civil::Date>) -> Vec<Mention> {
    let (mut found, mut pos) = (Vec::new(), 0);
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            sentences(text, pos, pos + line.len(), &mut found);
        }
        pos += line.len() + 1;
    }
    let (mut scanner, mut out) = (Scanner::default(), Vec::new());
    for s in found {
        scanner.scan(text, s, reference, &mut out);
    }
    finish(&CharMap::new(text), &mut out);
    out
}

fn check_span(what: &str, text: &str, start: usize, end: usize) {
    let chars = text.chars().count();
    assert!(start <= end && end <= chars, "{what}: span {start}..{end} outside 0..{chars}");
}

/// 400 cases a property, or `PROPTEST_CASES` for a longer fuzz run (a fixed `cases` would
/// override the variable, which proptest reads only into its default).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn extraction_is_total(text in text_strategy(), day in 1u8..28) {
        let published = jiff::civil::Date::new(2025, 3, day as i8).ok();
        let doc = Document::build(RawDocument { source: "p".into(), text, published, ..Default::default() });
        let ex = extract(&doc, RateTable::embedded());
        for m in &ex.mentions {
            check_span(&format!("mention {:?}", m), &doc.text, m.start, m.end);
            let got: String = doc.text.chars().skip(m.start).take(m.end - m.start).collect();
            prop_assert_eq!(&got, &m.text);
        }
        for c in &ex.commitments {
            for e in &c.evidence {
                check_span(&format!("evidence {:?}", e), &doc.text, e.start, e.end);
            }
            prop_assert!(c.donor != c.recipient);
        }
        for s in &doc.segments {
            check_span("segment", &doc.text, s.start, s.end);
        }
    }

    #[test]
    fn mentions_are_total_on_any_string(text in "\\PC{0,200}") {
        for m in find_all(&text, jiff::civil::Date::new(2024, 2, 29).ok()) {
            check_span("mention", &text, m.start, m.end);
        }
    }

    /// `find_all` leaves out the lines with nothing worth a look, unsplit: it finds what a
    /// scan of every sentence finds.
    #[test]
    fn skipped_lines_hold_no_mention(text in lines_strategy()) {
        let day = jiff::civil::Date::new(2025, 3, 2).ok();
        prop_assert_eq!(find_all(&text, day), every_sentence(&text, day));
    }

    /// The date recognizer's index by first token (`mentions/date/first.rs`) finds what
    /// trying every form at every start finds.
    #[test]
    fn date_index_finds_what_every_form_finds(text in text_strategy(), day in 1u8..28) {
        let day = jiff::civil::Date::new(2025, 3, day as i8).ok();
        let indexed = find_all(&text, day);
        pledgewatch_pipeline::mentions::date::set_every_form(true);
        let every = find_all(&text, day);
        pledgewatch_pipeline::mentions::date::set_every_form(false);
        prop_assert_eq!(indexed, every);
    }

    #[test]
    fn reading_any_bytes_gives_documents_or_errors(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for d in documents_from_bytes("fuzz", &bytes, &ReadOptions::default()).into_iter().flatten() {
            let _ = extract(&Document::build(d), RateTable::embedded());
        }
    }
}
