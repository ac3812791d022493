//! The actor lexicons (countries, institutions, officials, titles, places,
//! companies), authored as TSV files in `data/actors/` and compiled once into
//! one Aho-Corasick automaton over every name.

use crate::data_table::rows;
use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use jiff::ToSpan;
use jiff::civil::Date;

const COUNTRIES: &str = include_str!("../../data/actors/countries.tsv");
const INSTITUTIONS: &str = include_str!("../../data/actors/institutions.tsv");
const OFFICIALS: &str = include_str!("../../data/actors/officials.tsv");
const TITLES: &str = include_str!("../../data/actors/titles.tsv");
const PLACES: &str = include_str!("../../data/actors/places.tsv");
const COMPANIES: &str = include_str!("../../data/actors/companies.tsv");
const STOP: &str = include_str!("../../data/actors/stop.tsv");

#[derive(Debug)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
    /// Also a common word, a person's name or a US state ("Georgia", "Jordan").
    pub ambiguous: bool,
    pub adjectives: Vec<&'static str>,
    pub seats: Vec<&'static str>,
}

#[derive(Debug)]
pub struct Institution {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub country: Option<&'static str>,
    pub parent: Option<&'static str>,
}

#[derive(Debug)]
pub struct Official {
    pub name: &'static str,
    /// A country code or an institution id.
    pub org: &'static str,
    pub role: &'static str,
    pub title: &'static str,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl Official {
    /// Whether this term covers `on`.
    pub fn holds_on(&self, on: Date) -> bool {
        self.start.is_none_or(|s| s <= on) && self.end.is_none_or(|e| on <= e)
    }
}

#[derive(Debug)]
pub struct Title {
    pub title: &'static str,
    pub role: &'static str,
    pub org: Option<&'static str>,
}

#[derive(Debug)]
pub struct Place {
    pub name: &'static str,
    pub country: &'static str,
    pub population: u32,
}

#[derive(Debug)]
pub struct Company {
    pub name: &'static str,
    pub country: &'static str,
    pub sector: &'static str,
}

/// The bytes of words: letters and digits, and any byte of a multi-byte character.
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = (c as u8).is_ascii_alphanumeric() || c >= 0x80;
        c += 1;
    }
    t
};

/// Which byte strings may begin a name: names of one or two bytes whole, and the
/// first three bytes of longer ones (a bit for each of the 2^24 values). Most
/// words begin no name ("said", "and") and are passed over without running the
/// automaton. (Also hashing the first six bytes, to pass over "the" where only
/// "the Hague" begins so, cost more than the automaton runs it saved.)
struct NameStarts {
    one: [bool; 256],
    two: Vec<u64>,
    three: Vec<u64>,
}

impl NameStarts {
    fn new<'a>(names: impl Iterator<Item = &'a [u8]>) -> NameStarts {
        let mut s = NameStarts { one: [false; 256], two: vec![0; 1 << (16 - 6)], three: vec![0; 1 << (24 - 6)] };
        for n in names {
            match *n {
                [] => {}
                [a] => s.one[a as usize] = true,
                [a, b] => set(&mut s.two, Self::key2(a, b)),
                [a, b, c, ..] => set(&mut s.three, Self::key3(a, b, c)),
            }
        }
        s
    }

    fn key2(a: u8, b: u8) -> usize {
        (a as usize) << 8 | b as usize
    }

    fn key3(a: u8, b: u8, c: u8) -> usize {
        (a as usize) << 16 | (b as usize) << 8 | c as usize
    }

    /// Whether some name may begin at the start of `rest`.
    fn may_begin_at(&self, rest: &[u8]) -> bool {
        match *rest {
            [] => false,
            [a] => self.one[a as usize],
            [a, b] => self.one[a as usize] || get(&self.two, Self::key2(a, b)),
            [a, b, c, ..] => {
                get(&self.three, Self::key3(a, b, c)) || get(&self.two, Self::key2(a, b)) || self.one[a as usize]
            }
        }
    }
}

fn set(bits: &mut [u64], k: usize) {
    bits[k / 64] |= 1 << (k % 64);
}

fn get(bits: &[u64], k: usize) -> bool {
    bits[k / 64] & (1 << (k % 64)) != 0
}

/// How a country is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Name,
    Adjective,
    /// A capital or seat of government ("Kyiv", "Downing Street").
    Seat,
}

/// What one surface name may stand for (a name can stand for several things:
/// "Washington" is a seat of government and a city).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Country(usize, Via),
    Institution(usize),
    /// All officials' rows for one person name (indices into `officials`), by the name key.
    Person(usize),
    Title(usize),
    Place(usize),
    Company(usize),
    /// A phrase that names no actor, though a name is inside it ("Indian Country").
    Stop,
}

pub struct Lexicon {
    pub countries: Vec<Country>,
    pub institutions: Vec<Institution>,
    pub officials: Vec<Official>,
    /// Person key → the rows of that person (one per role and term).
    pub persons: Vec<Vec<usize>>,
    pub titles: Vec<Title>,
    pub places: Vec<Place>,
    pub companies: Vec<Company>,
    /// Anchored: tried only where a word starts as some name starts.
    matcher: AhoCorasick,
    starts: NameStarts,
    /// Pattern id → what it may stand for.
    pub entries: Vec<Vec<Entry>>,
    /// Pattern id → the name itself (to look a name up by hand, `actors::party`).
    pub names: Vec<&'static str>,
    country_by_code: HashMap<&'static str, usize>,
    institution_by_id: HashMap<&'static str, usize>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

fn list(cell: Option<&&'static str>) -> Vec<&'static str> {
    cell.map(|c| c.split('|').map(str::trim).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
}

fn opt(cell: Option<&&'static str>) -> Option<&'static str> {
    cell.copied().filter(|s| !s.is_empty())
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut names: HashMap<&'static str, Vec<Entry>> = HashMap::new();
        let mut add = |name: &'static str, e: Entry| {
            if name.chars().count() >= 2 {
                let v = names.entry(name).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            }
        };
        let mut countries = Vec::new();
        for r in rows(COUNTRIES) {
            let Some(&code) = r.first() else { continue };
            let k = countries.len();
            let name = opt(r.get(1)).unwrap_or(code);
            add(name, Entry::Country(k, Via::Name));
            for n in list(r.get(2)) {
                add(n, Entry::Country(k, Via::Name));
            }
            let adjectives = list(r.get(3));
            for &n in &adjectives {
                add(n, Entry::Country(k, Via::Adjective));
            }
            let seats = list(r.get(4));
            for &n in &seats {
                add(n, Entry::Country(k, Via::Seat));
            }
            countries.push(Country { code, name, ambiguous: r.get(5) == Some(&"1"), adjectives, seats });
        }
        let mut institutions = Vec::new();
        for r in rows(INSTITUTIONS) {
            let Some(&id) = r.first() else { continue };
            let k = institutions.len();
            let name = opt(r.get(1)).unwrap_or(id);
            add(name, Entry::Institution(k));
            for n in list(r.get(2)) {
                add(n, Entry::Institution(k));
            }
            institutions.push(Institution {
                id,
                name,
                kind: opt(r.get(3)).unwrap_or(""),
                country: opt(r.get(4)),
                parent: opt(r.get(5)),
            });
        }
        let mut officials = Vec::new();
        let mut persons: Vec<Vec<usize>> = Vec::new();
        let mut person_by_name: HashMap<&'static str, usize> = HashMap::new();
        for r in rows(OFFICIALS) {
            let Some(&name) = r.first() else { continue };
            let k = officials.len();
            officials.push(Official {
                name,
                org: opt(r.get(2)).unwrap_or(""),
                role: opt(r.get(3)).unwrap_or(""),
                title: opt(r.get(4)).unwrap_or(""),
                start: opt(r.get(5)).and_then(|d| d.parse().ok()),
                end: opt(r.get(6)).and_then(|d| d.parse().ok()),
            });
            let p = *person_by_name.entry(name).or_insert_with(|| {
                persons.push(Vec::new());
                persons.len() - 1
            });
            persons[p].push(k);
            add(name, Entry::Person(p));
            for n in list(r.get(1)) {
                add(n, Entry::Person(p));
            }
        }
        let mut titles = Vec::new();
        for r in rows(TITLES) {
            let Some(&title) = r.first() else { continue };
            add(title, Entry::Title(titles.len()));
            // News writes titles in lower case too ("development minister Reem Alabali-Radovan").
            if title.contains(' ') {
                let lower: &'static str = title.to_lowercase().leak();
                add(lower, Entry::Title(titles.len()));
            }
            titles.push(Title { title, role: opt(r.get(1)).unwrap_or(""), org: opt(r.get(2)) });
        }
        let mut places = Vec::new();
        for r in rows(PLACES) {
            let (Some(&name), Some(&country)) = (r.first(), r.get(1)) else { continue };
            add(name, Entry::Place(places.len()));
            places.push(Place { name, country, population: r.get(2).and_then(|p| p.parse().ok()).unwrap_or(0) });
        }
        let mut companies = Vec::new();
        for r in rows(COMPANIES) {
            let Some(&name) = r.first() else { continue };
            let k = companies.len();
            add(name, Entry::Company(k));
            for n in list(r.get(1)) {
                add(n, Entry::Company(k));
            }
            companies.push(Company { name, country: opt(r.get(2)).unwrap_or(""), sector: opt(r.get(3)).unwrap_or("") });
        }
        for r in rows(STOP) {
            if let Some(&phrase) = r.first() {
                add(phrase, Entry::Stop);
            }
        }
        let mut patterns: Vec<(&'static str, Vec<Entry>)> = names.into_iter().collect();
        patterns.sort_by(|a, b| a.0.cmp(b.0));
        let starts = NameStarts::new(patterns.iter().map(|(n, _)| n.as_bytes()));
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(patterns.iter().map(|(n, _)| n))
            .expect("the actor lexicon compiles");
        let (names, entries) = patterns.into_iter().unzip();
        let country_by_code = countries.iter().enumerate().map(|(k, c)| (c.code, k)).collect();
        let institution_by_id = institutions.iter().enumerate().map(|(k, i)| (i.id, k)).collect();
        Lexicon {
            countries,
            institutions,
            officials,
            persons,
            titles,
            places,
            companies,
            matcher,
            starts,
            entries,
            names,
            country_by_code,
            institution_by_id,
        }
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_by_code.get(code).map(|&k| &self.countries[k])
    }

    pub fn institution(&self, id: &str) -> Option<&Institution> {
        self.institution_by_id.get(id).map(|&k| &self.institutions[k])
    }

    /// A display name for a country code or institution id.
    pub fn name_of(&self, id: &str) -> &'static str {
        self.country(id).map(|c| c.name).or_else(|| self.institution(id).map(|i| i.name)).unwrap_or("")
    }

    /// The row of a person in office on `on` (or, failing that, the latest term).
    pub fn official_on(&self, person: usize, on: Option<Date>) -> &Official {
        let rows = &self.persons[person];
        if let Some(d) = on
            && let Some(&k) = rows.iter().find(|&&k| self.officials[k].holds_on(d))
        {
            return &self.officials[k];
        }
        let k = rows.iter().copied().max_by_key(|&k| self.officials[k].start).unwrap_or(rows[0]);
        &self.officials[k]
    }

    /// The longest lexicon names that begin at word starts of `text`, left to
    /// right and not overlapping, as (start, end, pattern). Only word starts whose
    /// first byte begins some name are tried, so most of the text is never read by
    /// the automaton.
    pub fn names_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let in_word = |c: u8| WORD_BYTES[c as usize];
        let b = text.as_bytes();
        let mut next = 0;
        std::iter::from_fn(move || {
            // A local cursor keeps the scan in a register.
            let mut i = next;
            // After a match that ended inside a word, the rest of that word starts nothing.
            if i > 0 {
                while i < b.len() && in_word(b[i]) && in_word(b[i - 1]) {
                    i += 1;
                }
            }
            loop {
                while i < b.len() && !in_word(b[i]) {
                    i += 1;
                }
                if i >= b.len() {
                    next = i;
                    return None;
                }
                let at = i;
                if self.starts.may_begin_at(&b[at..]) {
                    let input = aho_corasick::Input::new(text).span(at..b.len()).anchored(aho_corasick::Anchored::Yes);
                    if let Some(m) = self.matcher.find(input) {
                        next = m.end();
                        return Some((m.start(), m.end(), m.pattern().as_usize()));
                    }
                }
                while i < b.len() && in_word(b[i]) {
                    i += 1;
                }
            }
        })
    }

    /// Whether a person held any listed office within a year of `on`: a
    /// surname alone ("Harris") names them only then.
    pub fn in_office_near(&self, person: usize, on: Date) -> bool {
        let (lo, hi) = (on.saturating_sub(1.year()), on.saturating_add(1.year()));
        self.persons[person].iter().any(|&k| {
            let o = &self.officials[k];
            o.start.is_none_or(|s| s <= hi) && o.end.is_none_or(|e| lo <= e)
        })
    }

    /// Whether a person ever held an office with this role.
    pub fn ever_held(&self, person: usize, role: &str) -> bool {
        self.persons[person].iter().any(|&k| self.officials[k].role == role)
    }

    /// Whether `person` ever held an office whose title is `title` and more
    /// ("Chancellor of the Exchequer" for "Chancellor").
    pub fn held_title_starting(&self, person: usize, title: &str) -> bool {
        self.persons[person].iter().any(|&k| {
            let t = self.officials[k].title;
            t.len() > title.len() && t.starts_with(title) && t.as_bytes()[title.len()] == b' '
        })
    }

    /// Who held `role` for `org` on `date`.
    pub fn holder(&self, org: &str, role: &str, on: Date) -> Option<&Official> {
        self.officials.iter().find(|o| o.org == org && o.role == role && o.holds_on(on))
    }

    /// The country a country code, institution id or official's org belongs to.
    pub fn country_of(&self, org: &str) -> Option<&'static str> {
        if let Some(c) = self.country(org) {
            return Some(c.code);
        }
        self.institution(org).and_then(|i| i.country)
    }
}

#[cfg(test)]
mod tests {
    use super::NameStarts;

    #[test]
    fn name_starts_pass_every_name_and_few_other_words() {
        let names: [&[u8]; 4] = [b"UK", b"Xi", b"the Hague", b"Kyiv"];
        let s = NameStarts::new(names.into_iter());
        for text in ["UK", "UK,", "Xi", "Xi said", "the Hague", "Kyiv", "Kyiv's"] {
            assert!(s.may_begin_at(text.as_bytes()), "{text}");
        }
        for text in ["U", "Ky", "Kyrgyz", "said", ""] {
            assert!(!s.may_begin_at(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn names_are_found_at_word_starts_only() {
        let lex = &*super::LEXICON;
        let text = "Talks in Kyiv; a woman from Oman, then Kyiv";
        let found: Vec<&str> = lex.names_in(text).map(|(s, e, _)| &text[s..e]).collect();
        assert_eq!(found, ["Kyiv", "Oman", "Kyiv"]);
    }
}
