//! The outlet of a plain-text document, from the lines news text opens with: a text file
//! has no meta tags, but a report names its outlet in its byline or its dateline, and a
//! copied page often in a source line. The grammar, over the first few lines:
//!
//! ```text
//! byline   = ("By" | "BY") names [("for" | "of" | "at") part] { sep part }
//!            By Jane Doe, Political Correspondent, The Daily Courier, Brussels
//!            By Jane Doe and John Roe for The Guardian · By Reuters Staff · By The Associated Press
//! names    = capitalised words, with "and", "&" and name particles (de, van, bin…)
//! sep      = "," | ";" | "|" | "·" | " / " | " - " | " – " | " — "
//! dateline = [place-and-date] "(" agency ")" dash      KYIV, March 2 (Reuters) - · (CNN) —
//!          | place-and-date "/" agency "/" dash        NEW YORK, March 2, 2025 /PRNewswire/ --
//! source   = ("Source" | "SOURCE") ":" outlet          Source: BBC
//! ```
//!
//! The outlet of a byline is the first part that reads as an outlet — a news agency
//! (`data/read/news_agencies.txt`), a name with an outlet's word in it ("Wire", "Monitor",
//! `data/read/outlet_words.txt`), a name that starts with "The", an acronym, a web
//! domain — and is no role ("Political Correspondent") and no place ("Brussels", "The
//! Hague", by the actor lexicon). A byline of persons alone names no outlet; neither do
//! sentences that open with "By" ("By Monday, …", "By contrast, …"), which are no names.

use crate::actors::{Entry, LEXICON};

/// Lines (paragraphs) read from the top: headline or caption, byline, dateline.
const LINES: usize = 6;
/// A byline longer than this is a sentence or a list of authors.
const BYLINE_WORDS: usize = 16;
/// An outlet's name is short.
const OUTLET_WORDS: usize = 6;

const NEWS_AGENCIES: &str = include_str!("../../data/read/news_agencies.txt");
const OUTLET_WORDS_TXT: &str = include_str!("../../data/read/outlet_words.txt");

/// Words of a role, not an outlet ("Staff Reporter", "News Editor").
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "editor",
    "reporter",
    "reporters",
    "writer",
    "journalist",
    "columnist",
    "contributor",
    "producer",
    "presenter",
    "analyst",
    "chief",
    "staff",
    "desk",
    "bureau",
    "team",
    "analysis",
    "opinion",
    "comment",
    "explainer",
];

/// Lower-case words that may stand between the capitalised words of names.
const NAME_PARTICLES: &[&str] = &[
    "and", "&", "de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
    "ter", "ten", "zu", "bin", "bint", "ibn", "al", "el", "y", "e",
];

fn lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The outlet the opening lines of `text` name, as written (an agency as it spells itself).
pub fn outlet(text: &str) -> Option<String> {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()).take(LINES) {
        let found = byline(line).or_else(|| dateline(line)).or_else(|| source_line(line));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// `By NAMES, ROLE, OUTLET, PLACE` → OUTLET.
fn byline(line: &str) -> Option<String> {
    let rest = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY "))?;
    if words(line) > BYLINE_WORDS || line.ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let parts = split_parts(rest);
    let (first, others) = parts.split_first()?;
    // "Jane Doe for The Guardian", "Jane Doe in Kyiv": the names end at the preposition.
    let preposition =
        [" for ", " of ", " at ", " in "].iter().filter_map(|p| first.find(p).map(|i| (i, p.len()))).min();
    let (names, after) = match preposition {
        Some((i, n)) => (first[..i].trim(), Some(first[i + n..].trim())),
        None => (first.trim(), None),
    };
    if let Some(outlet) = names_as_outlet(names) {
        return Some(outlet);
    }
    if !are_names(names) {
        return None;
    }
    after.into_iter().chain(others.iter().map(String::as_str)).find_map(as_outlet)
}

/// A byline signed by an outlet: "Reuters", "The Associated Press", "CNN Staff".
fn names_as_outlet(names: &str) -> Option<String> {
    let words: Vec<&str> = names.split_whitespace().collect();
    let kept = words.iter().rposition(|w| !is_role_word(w)).map_or(0, |i| i + 1);
    let bare = words[..kept].join(" ");
    if bare.is_empty() {
        return None;
    }
    if let Some(agency) = agency(&bare) {
        return Some(agency.to_string());
    }
    let staff = kept < words.len();
    ((staff || bare.starts_with("The ")) && !is_place(&bare) && outlet_like(&bare)).then_some(bare)
}

/// Capitalised words (and particles), no figure: a person or persons.
fn are_names(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    !ws.is_empty()
        && ws.iter().all(|w| {
            let w = w.trim_end_matches([',', '.']);
            let first = w.chars().next();
            first.is_some_and(char::is_uppercase) && !w.chars().any(|c| c.is_ascii_digit())
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
        && ws.first().is_some_and(|w| w.starts_with(char::is_uppercase))
}

/// A byline's parts, at its separators.
fn split_parts(s: &str) -> Vec<String> {
    let mut s = s.to_string();
    for sep in [" / ", " - ", " – ", " — ", "|", "·", ";"] {
        s = s.replace(sep, ",");
    }
    s.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// A byline part as an outlet's name, when it reads as one.
fn as_outlet(part: &str) -> Option<String> {
    let part = part.trim().trim_end_matches('.').trim();
    if let Some(agency) = agency(part) {
        return Some(agency.to_string());
    }
    (outlet_like(part) && !is_place(part)).then(|| part.to_string())
}

/// A name with an outlet's word in it, or "The …", an acronym or a web domain, and no role.
fn outlet_like(part: &str) -> bool {
    let n = words(part);
    if n == 0 || n > OUTLET_WORDS || part.split_whitespace().any(is_role_word) {
        return false;
    }
    let outlet_word =
        part.split(|c: char| !c.is_alphanumeric()).any(|w| lines(OUTLET_WORDS_TXT).any(|o| o.eq_ignore_ascii_case(w)));
    let the = part.strip_prefix("The ").is_some_and(|r| r.starts_with(char::is_uppercase));
    let acronym = (2..=6).contains(&part.len()) && part.chars().all(|c| c.is_ascii_uppercase() || c == '&');
    let domain = !part.contains(' ')
        && part.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        });
    outlet_word || the || acronym || domain
}

/// A news agency, as the list spells it.
fn agency(name: &str) -> Option<&'static str> {
    let bare = |n: &'static str| n.strip_prefix("The ").unwrap_or(n);
    let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("the ")).unwrap_or(name);
    lines(NEWS_AGENCIES).find(|a| bare(a).eq_ignore_ascii_case(name))
}

fn is_role_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    ROLE_WORDS.contains(&w.as_str())
}

/// A place or a country, as the actor lexicon knows them ("Brussels", "KYIV", "The Hague").
fn is_place(part: &str) -> bool {
    let title_case: String = part
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.to_string() + &cs.as_str().to_lowercase()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    [part, title_case.as_str()].iter().any(|p| {
        LEXICON.names_in(p).any(|(s, e, pattern)| {
            s == 0
                && e == p.len()
                && LEXICON.entries[pattern].iter().any(|x| matches!(x, Entry::Place(_) | Entry::Country(..)))
        })
    })
}

/// `KYIV, March 2 (Reuters) -`, `(CNN) —`, `NEW YORK, March 2, 2025 /PRNewswire/ --` → the agency.
fn dateline(line: &str) -> Option<String> {
    let cut = (0..=line.len().min(120)).rev().find(|&i| line.is_char_boundary(i)).unwrap_or(0);
    let head = &line[..cut];
    let (open, close) = match head.find('(') {
        Some(i) => (i, '('),
        None => (head.find(" /")? + 1, '/'),
    };
    let before = line[..open].trim();
    if !before.is_empty() && !is_dateline_place(before) {
        return None;
    }
    // A Title Case headline is capitalised words too: a dateline has a comma, a place
    // in capitals, or a place the lexicon knows ("San Juan (AP) —").
    let placed = before.is_empty()
        || before.contains(',')
        || before.split_whitespace().next().is_some_and(|w| w.len() > 1 && !w.chars().any(char::is_lowercase))
        || is_place(before);
    if !placed {
        return None;
    }
    let inside_start = open + 1;
    let end = inside_start + line[inside_start..].find(if close == '(' { ')' } else { '/' })?;
    let inside = line[inside_start..end].trim();
    let after = line[end + 1..].trim_start();
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    // An agency, or what reads as an outlet: not a transcript's "(Inaudible) —".
    if let Some(agency) = agency(inside) {
        return Some(agency.to_string());
    }
    (words(inside) <= 4 && outlet_like(inside)).then(|| inside.to_string())
}

/// What stands before a dateline's agency: a place and a date, capitalised words and
/// figures ("WASHINGTON, Oct. 24", "Harrisburg, Pa.", "Seoul, South Korea").
fn is_dateline_place(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    (1..=8).contains(&ws.len())
        && s.len() <= 60
        && ws.iter().all(|w| {
            let w = w.trim_end_matches([',', '.']);
            w.starts_with(char::is_uppercase) || (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        })
}

/// `Source: BBC` → BBC (not a figure's source note, "Source: IMF (2023)").
fn source_line(line: &str) -> Option<String> {
    let rest = ["Source:", "SOURCE:", "Source :"].iter().find_map(|p| line.strip_prefix(p))?.trim();
    let ok = (1..=OUTLET_WORDS).contains(&words(rest))
        && rest.len() <= 60
        && !rest.ends_with(['.', ':'])
        && !rest.chars().any(|c| c.is_ascii_digit() || c == '(')
        && rest.starts_with(char::is_uppercase)
        && !is_place(rest);
    ok.then(|| agency(rest).map_or_else(|| rest.to_string(), str::to_string))
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::outlet;

    #[test]
    fn outlets_from_bylines_datelines_and_source_lines() {
        let cases: &[(&str, Option<&str>)] = &[
            // Bylines: a person, then the outlet, with a role or a place around it.
            ("Headline\n\nBy Jane Doe, Reuters\n\nBody.", Some("Reuters")),
            ("By Ciara Doherty, Political Correspondent, The Lagan Courier\n\nBody.", Some("The Lagan Courier")),
            ("By Marta Kowalczyk, Euro Defence Daily, Brussels", Some("Euro Defence Daily")),
            ("By Dana Whitfield, Potomac Wire, Washington", Some("Potomac Wire")),
            ("By Hannah Lavoie, The Prairie Post, Kananaskis, Alberta", Some("The Prairie Post")),
            ("By Anna Lindqvist, The Policy Ledger, Analysis", Some("The Policy Ledger")),
            ("By Oksana Melnyk, Kyiv Business Monitor", Some("Kyiv Business Monitor")),
            ("By Jane Doe and John Roe, BBC News, Kyiv", Some("BBC News")),
            ("By Jane Doe | The Daily Star", Some("The Daily Star")),
            ("By Jane Doe - CNN", Some("CNN")),
            ("By Jane Doe · Defence Weekly", Some("Defence Weekly")),
            ("By Jane Doe for The Guardian", Some("The Guardian")),
            ("By Jane Doe of the Associated Press", Some("Associated Press")),
            ("By JANE DOE, REUTERS", Some("Reuters")),
            ("By Luis de la Fuente, EFE", Some("EFE")),
            ("By Jane Doe, kyivindependent.com", Some("kyivindependent.com")),
            ("By Jane Doe, News Editor, The Northern Ledger", Some("The Northern Ledger")),
            // Signed by the outlet itself.
            ("By Reuters", Some("Reuters")),
            ("By The Associated Press", Some("Associated Press")),
            ("By Reuters Staff", Some("Reuters")),
            ("By CNN Staff", Some("CNN")),
            // Datelines with an agency; a press-release wire.
            ("Headline\n\nKYIV, March 2 (Reuters) - Ukraine said on Sunday…", Some("Reuters")),
            ("WASHINGTON (AP) — The United States will send…", Some("AP")),
            ("Seoul, South Korea (AP) -- The South's military said…", Some("AP")),
            ("HARRISBURG, Pa. (WHTM) - A senator said…", Some("WHTM")),
            ("(CNN) — The vice president is…", Some("CNN")),
            ("BERLIN, Nov 19 (dpa) – Germany has delivered…", Some("dpa")),
            ("NEW YORK, March 2, 2025 /PRNewswire/ -- A company said…", Some("PRNewswire")),
            ("KYIV, Ukraine (Kyiv Independent) — The government said…", Some("Kyiv Independent")),
            // A source line.
            ("Source: BBC\n\nBody.", Some("BBC")),
            ("Headline\nSource: Ministry of Defence of Ukraine\nBody.", Some("Ministry of Defence of Ukraine")),
            // No outlet: persons alone, roles, places, and sentences that open with "By".
            ("By Michelle Therese Alles\n\nBody.", None),
            ("By a Special Correspondent", None),
            ("By Jane Doe, Senior Reporter", None),
            ("By Jane Doe, Brussels", None),
            ("By Jane Doe in Kyiv", None),
            ("By Jane Doe, The Hague", None),
            ("By Thavarasa Sujanthini, Sivanesan Mathusha, Loganathan Sihanika", None),
            ("By Staff Reporter", None),
            ("By contrast, the campaign spent just $10 million.", None),
            ("By Monday afternoon, the family was near the checkpoint", None),
            ("By 3 p.m. on Saturday the crowd had gone", None),
            ("By advancing into rare earths, Sri Lanka can build an export pillar", None),
            ("By next December, most households will have refixed", None),
            // Parentheses that are no dateline's.
            ("The official poverty line (OPL) - the line below which…", None),
            ("The league (NWSL) – the top division…", None),
            ("Britain To Send Missiles (Update) - Live", None),
            // Stage directions of a transcript.
            ("MR. SULLIVAN: (In progress) — which will go into some detail", None),
            ("(Inaudible) — (in progress) — every member", None),
            ("Q (Inaudible) have not deterred these attacks", None),
            ("San Juan (AP) — Puerto Rico's governor signed…", Some("AP")),
            ("LONDON, March 2 — Britain will provide…", None),
            ("Source: LIRNEasia (2023)", None),
            ("Source: a senior official familiar with the talks.", None),
            ("Source: an official close to talks", None),
            // Only the opening lines are read.
            ("One\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix\n\nBy Jane Doe, Reuters", None),
            ("", None),
            (&format!("x{}(AP) — x", "é".repeat(70)), None),
        ];
        for (text, want) in cases {
            assert_eq!(outlet(text).as_deref(), *want, "{text:?}");
        }
    }
}
