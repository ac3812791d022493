//! Actors: countries, institutions, officials with their roles, places and
//! companies, found by one scan of the text and resolved in context — a title
//! by the document's date ("the Prime Minister" in 2025 is Keir Starmer), an
//! ambiguous name by its neighbours ("Georgia", "Jordan").

pub mod lexicon;
mod party;

use jiff::civil::Date;
use serde::Serialize;

pub use lexicon::{Entry, LEXICON, Lexicon, Via};
pub use party::{PartyLookup, lookup_party, parties};

/// What an actor mention stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActorRef {
    Country { code: &'static str, via: Via },
    Institution { id: &'static str, country: Option<&'static str> },
    Person { name: String, org: Option<&'static str>, role: Option<&'static str>, title: Option<&'static str> },
    Place { name: &'static str, country: &'static str },
    Company { name: &'static str, country: &'static str },
}

/// An actor mention with its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub bytes: (usize, usize),
    pub what: ActorRef,
    /// A place reading of the same name ("Washington" the city), for `made_in`.
    pub place: Option<(&'static str, &'static str)>,
}

impl Actor {
    /// The country this actor stands for or belongs to.
    pub fn country(&self) -> Option<&'static str> {
        match &self.what {
            ActorRef::Country { code, .. } => Some(code),
            ActorRef::Institution { country, .. } => *country,
            ActorRef::Person { org, .. } => org.and_then(|o| LEXICON.country_of(o)),
            ActorRef::Place { country, .. } | ActorRef::Company { country, .. } => Some(country),
        }
    }

    /// The country code of a mention that names a country itself ("Haiti", "Canadian"), not
    /// one of its institutions, people or places.
    pub fn named_country(&self) -> Option<&'static str> {
        match self.what {
            ActorRef::Country { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The party id this actor can be as donor or recipient: a country code or an
    /// international institution's id (national institutions stand for their country).
    pub fn party(&self) -> Option<&'static str> {
        match &self.what {
            ActorRef::Country { code, .. } => Some(code),
            ActorRef::Institution { id, country, .. } => Some(country.unwrap_or_else(|| party_of_institution(id))),
            ActorRef::Person { org, .. } => {
                org.map(|o| LEXICON.country_of(o).unwrap_or_else(|| party_of_institution(o)))
            }
            _ => None,
        }
    }

    /// A multilateral bank or the IMF: it lends to countries, which never lend to it in a deal.
    pub fn is_multilateral_lender(&self) -> bool {
        matches!(self.what, ActorRef::Institution { id, country: None }
            if LEXICON.institution(id).is_some_and(|i| i.kind == "multilateral_bank"))
    }

    /// A UN agency or aid charity: it carries aid to the people of a country, so the
    /// country is the recipient and the agency neither gives nor receives for itself.
    pub fn is_channel(&self) -> bool {
        matches!(self.what, ActorRef::Institution { id, country: None }
            if LEXICON.institution(id).is_some_and(|i| matches!(i.kind, "un_agency" | "ngo")))
    }
}

/// The EU's own bodies (Commission, Council) give as the EU; every other
/// institution gives as itself, even under a parent (the EIB, UNICEF, WFP).
fn party_of_institution(id: &'static str) -> &'static str {
    let eu_body = id.starts_with("EU-")
        || LEXICON.institution(id).is_some_and(|i| i.kind == "eu_body" || (i.parent == Some("EU") && i.kind == "fund"));
    if eu_body { "EU" } else { id }
}

/// An actor as printed by `pledgewatch mentions --actors` and in records.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ActorOut {
    pub kind: &'static str,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `text[s..e]` stands alone as a word (not inside another word).
fn bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Dame", "Lord", "Lady"];

/// Whether `text[s..e]` is part of a run of three or more capitalised words
/// ("George Washington University"): a name of something else, not the place.
fn inside_a_long_name(text: &str, s: usize, e: usize) -> bool {
    let (mut left, start) = capital_words_before(text, s, false).fold((0, s), |(n, _), w| (n + 1, w));
    // A capitalised word that opens the sentence does not count.
    let opens = text[..start].trim_end().is_empty() || text[..start].trim_end().ends_with(['.', '!', '?', '\n']);
    if opens && left > 0 {
        left -= 1;
    }
    let right = text[e..].strip_prefix(' ').map_or(0, |a| a.split(' ').take_while(|w| capital_word(w)).count());
    let own = text[s..e].split(' ').count();
    left + right > 0 && left + own + right >= 3
}

/// The starts of the capitalised words right before byte `s`, nearest first, each a space apart
/// and none closing on a comma, full stop, semicolon or colon: the run a name at `s` ends. A word
/// begins after a space, or also after a line break when `lines` is set.
fn capital_words_before(text: &str, s: usize, lines: bool) -> impl Iterator<Item = usize> + '_ {
    let starts_after: &[char] = if lines { &[' ', '\n'] } else { &[' '] };
    std::iter::successors(Some(s), move |&start| {
        let b = text[..start].strip_suffix(' ')?;
        let w_start = b.rfind(starts_after).map_or(0, |k| k + 1);
        capital_word(&b[w_start..]).then_some(w_start)
    })
    .skip(1)
}

/// A word of a capitalised name: a capital first, and no comma, full stop, semicolon or colon after.
fn capital_word(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && !w.ends_with([',', '.', ';', ':'])
}

/// Words that close a company's name (data/actors/company_suffixes.txt).
static COMPANY_SUFFIXES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../../data/actors/company_suffixes.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Whether the capitalised words right after a name (ending at `e`) close with a company word:
/// "Taiwan| Semiconductor Manufacturing Company", "Korean| Air will buy".
fn in_a_company_name(text: &str, e: usize) -> bool {
    let Some(rest) = text[e..].strip_prefix(' ') else { return false };
    // The run of capitalised words must end within five words (a title-case headline runs on).
    let mut last = None;
    for (k, w) in rest.split(' ').enumerate() {
        let bare = w.trim_end_matches([',', '.', ';', ':', '’', '\'', ')', '\n']);
        if !bare.starts_with(char::is_uppercase) && bare != "&" {
            break;
        }
        if k == 5 {
            return false;
        }
        last = Some(bare.trim_end_matches("’s").trim_end_matches("'s"));
        if bare.len() != w.len() {
            break;
        }
    }
    last.is_some_and(|w| COMPANY_SUFFIXES.contains(&w))
}

/// How many other, unambiguous country names stand in the sentence around `span`:
/// "candidate status to Ukraine and Moldova and a path to Georgia" is about states.
fn other_countries_in_sentence(text: &str, raw: &[(usize, usize, &[Entry])], span: (usize, usize)) -> usize {
    let from = text[..span.0].rfind(['.', '\n', '!', '?']).map_or(0, |k| k + 1);
    let to = text[span.1..].find(['.', '\n', '!', '?']).map_or(text.len(), |k| k + span.1);
    raw.iter()
        .filter(|r| r.0 >= from && r.1 <= to && r.0 != span.0)
        .filter(|r| r.2.iter().any(|en| matches!(en, Entry::Country(c, Via::Name) if !LEXICON.countries[*c].ambiguous)))
        .count()
}

/// [actor-other-congress] "The Canadian Tamil Congress (CTC)", "the Indian National Congress": a
/// bare "Congress" that closes a name holding another country's name is that country's body, not
/// the US Congress; dropped before short forms are defined, so "CTC" names no one either
/// (eval/labels longform-final-p, the diaspora group's thanks to Canada: read after its first look).
fn drop_other_congresses(text: &str, raw: &mut Vec<(usize, usize, &[Entry])>) {
    let lx = &*LEXICON;
    let other_country = |en: &Entry| matches!(en, Entry::Country(c, _) if lx.countries[*c].code != "US");
    let capital_run_start = |s: usize| capital_words_before(text, s, true).take(3).last().unwrap_or(s);
    let foreign: Vec<usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, r)| &text[r.0..r.1] == "Congress")
        .filter(|(_, r)| {
            let from = capital_run_start(r.0);
            raw.iter().any(|o| o.0 >= from && o.1 < r.0 && o.2.iter().any(other_country))
        })
        .map(|(k, _)| k)
        .collect();
    for k in foreign.into_iter().rev() {
        raw.remove(k);
    }
}

/// Whether `text[s..e]` opens a paragraph as a dateline: followed by a dash, a
/// comma or an agency in brackets.
fn is_dateline(text: &str, s: usize, e: usize) -> bool {
    let opens = text[..s].trim_end_matches([' ', '\t']).is_empty() || text[..s].ends_with('\n');
    opens && [" —", " –", " -", ",", " ("].iter().any(|t| text[e..].starts_with(t))
}

/// Runs of upper-case words ("KYIV, Ukraine —", "JOSEPH R. BIDEN JR."), as byte
/// ranges: at least one word of three letters, only capitals and name punctuation.
fn upper_case_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_uppercase() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        // `end`: after the last capital or dot; `whole`: after the last complete word.
        let (mut end, mut whole, mut long_word, mut word) = (i, i, false, 0);
        while i < b.len() && (b[i].is_ascii_uppercase() || matches!(b[i], b' ' | b'.' | b',' | b'-' | b'\'')) {
            if b[i].is_ascii_uppercase() {
                word += 1;
                end = i + 1;
            } else {
                if word > 0 {
                    whole = end;
                    long_word |= word >= 3;
                }
                word = 0;
                if b[i] == b'.' {
                    end = i + 1;
                    whole = end;
                }
            }
            i += 1;
        }
        // A word that goes on in lower case ("LVIV, Ukraine") is not part of the run.
        if b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            end = whole;
        } else {
            long_word |= word >= 3;
        }
        if long_word && end > start {
            runs.push((start, end));
        }
        i = i.max(start + 1);
    }
    runs
}

/// Lexicon matches inside upper-case runs, read in title case ("KYIV" as "Kyiv"):
/// datelines and signatures are set in capitals, the lexicon is not.
fn add_upper_case_matches<'a>(text: &str, raw: &mut Vec<(usize, usize, &'a [Entry])>)
where
    'static: 'a,
{
    let lx = &*LEXICON;
    let mut shadow = String::new();
    let mut added = false;
    for (rs, re) in upper_case_runs(text) {
        shadow.clear();
        let mut first = true;
        for c in text[rs..re].chars() {
            shadow.push(if first { c } else { c.to_ascii_lowercase() });
            first = !c.is_ascii_alphabetic();
        }
        for (ms, me, pattern) in lx.names_in(&shadow) {
            let (s, e) = (rs + ms, rs + me);
            let entries = &lx.entries[pattern];
            if bounded(text, s, e) && !entries.contains(&Entry::Stop) && !raw.iter().any(|r| r.0 < e && s < r.1) {
                raw.push((s, e, entries));
                added = true;
            }
        }
    }
    if added {
        raw.sort_by_key(|r| (r.0, r.1));
    }
}

/// The lexicon's names in `text`, standing alone as words, without the phrases that name no actor.
fn lexicon_names(text: &str) -> Vec<(usize, usize, &'static [Entry])> {
    let lx = &*LEXICON;
    lx.names_in(text)
        .filter(|&(s, e, _)| bounded(text, s, e))
        .map(|(s, e, pattern)| (s, e, lx.entries[pattern].as_slice()))
        .filter(|r| !r.2.contains(&Entry::Stop))
        .collect()
}

/// The institutions a text names in full before a short form in brackets ("the Pacific Islands
/// Forum (PIF)"), each short form with the entries of the full name: an acronym ambiguous across
/// documents (PIF is also Saudi Arabia's wealth fund) is not in the lexicon, but within a document
/// that defines it, it means one thing.
fn defined_acronyms<'a>(text: &'a str, raw: &[(usize, usize, &'a [Entry])]) -> Vec<(&'a str, &'a [Entry])> {
    let mut defs: Vec<(&str, &[Entry])> = Vec::new();
    for &(_, e, entries) in raw {
        if !entries.iter().any(|en| matches!(en, Entry::Institution(_))) {
            continue;
        }
        let Some(rest) = text[e..].strip_prefix(" (") else { continue };
        let Some(close) = rest.find(')') else { continue };
        let acr = &rest[..close];
        let capitals = acr.bytes().filter(u8::is_ascii_uppercase).count();
        let acronym = (2..=8).contains(&acr.len())
            && capitals >= 2
            && acr.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if acronym && !defs.iter().any(|d| d.0 == acr) {
            defs.push((acr, entries));
        }
    }
    defs
}

/// Adds the uses of the short forms `defs` defines (`defined_acronyms`) to `raw` (sorted by
/// start): the document's meaning replaces a lexicon reading of exactly the short form ("ISA" read
/// in title case as the town Isa), and yields to a longer name that covers it. Each use is placed
/// by binary search, so a text that repeats a short form many times stays linear.
fn add_acronym_uses<'a>(text: &str, defs: &[(&str, &'a [Entry])], raw: &mut Vec<(usize, usize, &'a [Entry])>) {
    let mut adds: Vec<(usize, usize, &[Entry])> = Vec::new();
    for &(acr, entries) in defs {
        for s in memchr::memmem::find_iter(text.as_bytes(), acr.as_bytes()) {
            let e = s + acr.len();
            // The definition itself belongs to the full name before it.
            let defining = text[..s].ends_with('(') && text[e..].starts_with(')');
            if defining || !bounded(text, s, e) {
                continue;
            }
            let k = raw.partition_point(|r| r.0 < s);
            match raw.get_mut(k) {
                Some(same) if same.0 == s && same.1 == e => same.2 = entries,
                next => {
                    let covered = next.is_some_and(|r| r.0 < e) || k > 0 && raw[k - 1].1 > s;
                    if !covered {
                        adds.push((s, e, entries));
                    }
                }
            }
        }
    }
    if !adds.is_empty() {
        // Two short forms may overlap ("PIF", "PIFS"): the first found keeps its place.
        adds.sort_by_key(|r| (r.0, r.1));
        adds.dedup_by(|b, a| b.0 < a.1);
        raw.extend(adds);
        raw.sort_by_key(|r| (r.0, r.1));
    }
}

/// Finds and resolves the actors of a whole text.
pub fn find_actors(text: &str, date: Option<Date>) -> Vec<Actor> {
    find_actors_defining(text, date, None)
}

/// Finds and resolves the actors of a document's text, reading the short forms of institutions
/// that the text or its title (`title`) defines ("… Pacific Islands Forum (PIF) Leaders Meeting").
pub fn find_actors_defining(text: &str, date: Option<Date>, title: Option<&str>) -> Vec<Actor> {
    let lx = &*LEXICON;
    let mut raw: Vec<(usize, usize, &[Entry])> = lexicon_names(text);
    add_upper_case_matches(text, &mut raw);
    drop_other_congresses(text, &mut raw);
    let mut defs = defined_acronyms(text, &raw);
    // Only a title with a bracket can define a short form: most are not scanned again here.
    if let Some(t) = title.filter(|t| t.contains(" (")) {
        let mut in_title = lexicon_names(t);
        drop_other_congresses(t, &mut in_title);
        defs.extend(defined_acronyms(t, &in_title));
    }
    add_acronym_uses(text, &defs, &mut raw);
    let mut out: Vec<Actor> = Vec::with_capacity(raw.len());
    // Roles already bound to a person in this document ("the Prime Minister" after "Prime Minister X").
    // Each with where it was bound and whether a title stood before the name.
    let mut bound: Vec<(&'static str, Option<&'static str>, ActorRef, usize, bool)> = Vec::new();
    // The role of a title just before a name ("Vice President Harris"), and the
    // countries the document names, to pick among namesakes.
    let mut title_before: Option<&'static str> = None;
    let named_countries: Vec<&str> = raw
        .iter()
        .filter_map(|r| {
            // A place as it would be read: its first (most populous) entry.
            r.2.iter().find_map(|en| match *en {
                Entry::Country(c, _) => Some(lx.countries[c].code),
                Entry::Place(p) => Some(lx.places[p].country),
                _ => None,
            })
        })
        .collect();
    let mut k = 0;
    while k < raw.len() {
        let (s, e, entries) = raw[k];
        k += 1;
        let place = entries.iter().find_map(|en| match en {
            Entry::Place(p) => Some((lx.places[*p].name, lx.places[*p].country)),
            _ => None,
        });
        // Persons first, then titles, institutions, countries, companies, places.
        let with_title = title_before.is_some();
        let person = pick_person(text, (s, e), entries, date, title_before.take(), &named_countries);
        if let Some(p) = person {
            let o = lx.official_on(p, date);
            let what = ActorRef::Person {
                name: o.name.to_string(),
                org: Some(o.org),
                role: Some(o.role),
                title: Some(o.title),
            };
            bound.push((o.role, Some(o.org), what.clone(), s, with_title));
            out.push(Actor { bytes: (s, e), what, place: None });
            continue;
        }
        if let Some(Entry::Title(t)) = entries.iter().find(|en| matches!(en, Entry::Title(_))) {
            let title = &lx.titles[*t];
            // The country just before: "UK Prime Minister", "Britain's Prime Minister".
            let before_org = out.last().filter(|a| adjacent(text, a.bytes.1, s)).and_then(|a| match &a.what {
                ActorRef::Country { code, .. } => Some(*code),
                ActorRef::Institution { id, .. } => Some(*id),
                _ => None,
            });
            // "President of the United States", "Prime Minister of Canada": the country after "of".
            let of_country = raw.get(k).and_then(|&(s2, e2, en2)| {
                let code = en2.iter().find_map(|en| match *en {
                    Entry::Country(c, Via::Name) => Some(lx.countries[c].code),
                    _ => None,
                })?;
                matches!(&text[e..s2], " of " | " of the ").then_some((code, e2))
            });
            if let Some((code, e2)) = of_country
                && let Some(o) = date.and_then(|d| lx.holder(code, title.role, d))
            {
                let what = ActorRef::Person {
                    name: o.name.to_string(),
                    org: Some(o.org),
                    role: Some(o.role),
                    title: Some(o.title),
                };
                bound.push((title.role, Some(code), what.clone(), s, true));
                out.push(Actor { bytes: (s, e2), what, place: None });
                k += 1;
                continue;
            }
            let org = before_org.or(title.org);
            if let Some(&(s2, _, en2)) = raw.get(k)
                && name_follows(text, e, s2)
            {
                let known =
                    |held: &dyn Fn(usize) -> bool| en2.iter().any(|x| matches!(x, Entry::Person(p) if held(*p)));
                // "Prime Minister Sir Keir Starmer": the title belongs to the name after it, if that
                // person ever held such an office ("Vice President Harris" is not the Taoiseach).
                if known(&|p| lx.ever_held(p, title.role)) {
                    title_before = Some(title.role);
                    continue;
                }
                // A known official whose own office's title begins with this one ("Chancellor
                // Rachel Reeves", of the Exchequer, not Germany's) is read by their own record,
                // not given the title's country.
                if known(&|p| lx.held_title_starting(p, title.title)) {
                    continue;
                }
            }
            if let Some((name, ne)) = unknown_name_after(text, e) {
                let what = ActorRef::Person { name, org, role: Some(title.role), title: Some(title.title) };
                bound.push((title.role, org, what.clone(), s, true));
                out.push(Actor { bytes: (s, ne), what, place: None });
                // Skip lexicon matches inside the name.
                while raw.get(k).is_some_and(|r| r.0 < ne) {
                    k += 1;
                }
                continue;
            }
            // A bare title: bound in this document, or the holder on the date.
            // A person named earlier whose own title begins with this one ("the Chancellor" after
            // the Chancellor of the Exchequer), else one bound to the same role.
            type Binding = (&'static str, Option<&'static str>, ActorRef, usize, bool);
            let titled = |b: &&Binding| {
                matches!(&b.2, ActorRef::Person { title: Some(t), .. } if t.starts_with(title.title) && *t != title.title)
                    && before_org.is_none_or(|o| b.1 == Some(o))
            };
            // A binding holds for a few paragraphs: in a long transcript "the President" is the
            // speaker's own, not the foreign president named once in an answer long before.
            let near: Vec<&Binding> = bound.iter().rev().filter(|b| s - b.3 <= 2000).collect();
            let same_role = |b: &&&Binding| b.0 == title.role && (org.is_none() || b.1 == org);
            // A surname alone ("Putin's aggression") yields to one named with the title
            // ("President Biden rejects that … the President said").
            let known = near
                .iter()
                .find(|b| titled(b))
                .or_else(|| near.iter().filter(same_role).find(|b| b.4))
                .or_else(|| near.iter().find(same_role))
                .map(|b| b.2.clone());
            let what = known.or_else(|| {
                let o = lx.holder(org?, title.role, date?)?;
                Some(ActorRef::Person {
                    name: o.name.to_string(),
                    org: Some(o.org),
                    role: Some(o.role),
                    title: Some(o.title),
                })
            });
            if let Some(what) = what {
                out.push(Actor { bytes: (s, e), what, place: None });
            }
            continue;
        }
        if let Some(Entry::Institution(i)) = entries.iter().find(|en| matches!(en, Entry::Institution(_))) {
            let inst = &lx.institutions[*i];
            out.push(Actor {
                bytes: (s, e),
                what: ActorRef::Institution { id: inst.id, country: inst.country },
                place,
            });
            continue;
        }
        if let Some(&Entry::Country(c, via)) = entries.iter().find(|en| matches!(en, Entry::Country(..))) {
            // "US$2 million": a currency sign, not the country.
            if text[e..].starts_with('$') {
                continue;
            }
            let country = &lx.countries[c];
            // "Taiwan Semiconductor Manufacturing Company", "Korean Air": the start of a company's name.
            if in_a_company_name(text, e) {
                continue;
            }
            // A capital in a dateline ("KYIV —", "Warsaw, Poland (Reuters) -") says where, not who.
            let dateline = via == Via::Seat && is_dateline(text, s, e);
            // "Sweden, Finland and Georgia": named in a list with other countries.
            // (Only asked of an ambiguous name: it scans the sentence.)
            let listed = || {
                [k.checked_sub(2), Some(k)].into_iter().flatten().filter_map(|j| raw.get(j)).any(|r| {
                    r.2.iter().any(|en| matches!(en, Entry::Country(_, Via::Name))) && {
                        let gap = if r.0 >= e { &text[e..r.0] } else { &text[r.1..s] };
                        matches!(gap, ", " | " and " | ", and " | " or " | ", or ")
                    }
                }) || other_countries_in_sentence(text, &raw, (s, e)) >= 2
            };
            let place_before =
                out.last().is_some_and(|a| matches!(a.what, ActorRef::Place { .. }) && a.bytes.1 + 2 == s);
            if via == Via::Seat && !dateline && seat_in_a_name(text, s, e, place_before) {
                continue;
            }
            // "Brussels has agreed…" where EU bodies are named: the Union, not Belgium.
            if via == Via::Seat
                && &text[s..e] == "Brussels"
                && raw.iter().any(|r| {
                    r.2.iter().any(|en| {
                        matches!(en, Entry::Institution(i) if lx.institutions[*i].id == "EU" || lx.institutions[*i].parent == Some("EU"))
                    })
                })
            {
                out.push(Actor { bytes: (s, e), what: ActorRef::Institution { id: "EU", country: None }, place });
                continue;
            }
            let rejected =
                country.ambiguous && via == Via::Name && !listed() && !ambiguous_country_holds(text, s, e, country);
            // A rejected name ("Michael Jordan") is no small town of the same name either.
            if rejected {
                continue;
            }
            if dateline {
                if let Some((name, cc)) = place {
                    out.push(Actor { bytes: (s, e), what: ActorRef::Place { name, country: cc }, place });
                }
                continue;
            }
            out.push(Actor { bytes: (s, e), what: ActorRef::Country { code: country.code, via }, place });
            continue;
        }
        if let Some(Entry::Company(c)) = entries.iter().find(|en| matches!(en, Entry::Company(_))) {
            let co = &lx.companies[*c];
            out.push(Actor { bytes: (s, e), what: ActorRef::Company { name: co.name, country: co.country }, place });
            continue;
        }
        if let Some((name, country)) = place {
            // A place must look like a name: capitalised, and not a verb's -ing form opening
            // a sentence ("Reading from a prepared statement, …").
            let opens =
                text[..s].trim_end().is_empty() || text[..s].trim_end().ends_with(['.', '!', '?', '\n', '"', '“']);
            let gerund = opens
                && text[s..e].ends_with("ing")
                && text[e..].starts_with(' ')
                && text[e + 1..].starts_with(char::is_lowercase);
            if name.starts_with(char::is_uppercase) && !gerund && !inside_a_long_name(text, s, e) {
                out.push(Actor { bytes: (s, e), what: ActorRef::Place { name, country }, place });
            }
        }
    }
    out
}

/// Only spaces, or a possessive, between two spans.
/// The capitalised word just before `at` when it reads as a given name: not at
/// a sentence start and not an honorific ("Mr", "Sir", "Dr").
fn given_name_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before
        .rfind(|c: char| !c.is_alphabetic() && c != '-')
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    // A line break opens a sentence too: the body's first line after a headline (eval/labels
    // summaries-final-g, "…\n\nThe Biden administration will supply Ukraine").
    let prior = text[..start].trim_end();
    let sentence_start =
        prior.is_empty() || prior.ends_with(['.', '!', '?', ':', '"', '“']) || text[prior.len()..start].contains('\n');
    let honorific = matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Dr"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
            | "Madam"
            | "Mister"
            | "Senator"
            | "Governor"
            | "General"
            | "Gen"
            | "Admiral"
            | "Ambassador"
            | "Secretary"
            | "Minister"
            | "President"
            | "Chancellor"
            | "Premier"
    );
    // At a sentence start a capital says nothing, unless the word is no common opener ("Tony Blair said").
    let opener = matches!(
        word,
        "The"
            | "A"
            | "An"
            | "In"
            | "On"
            | "At"
            | "By"
            | "For"
            | "From"
            | "With"
            | "But"
            | "And"
            | "Yesterday"
            | "Today"
            | "Meanwhile"
            | "However"
            | "Later"
            | "Earlier"
            | "When"
            | "After"
            | "Before"
            | "As"
            | "If"
            | "While"
            | "Then"
            | "Now"
            | "Also"
            | "Former"
            | "Officials"
            | "Asked"
            | "Only"
            | "Even"
            | "So"
            | "Still"
            | "Both"
    );
    (word.len() >= 2
        && word.starts_with(|c: char| c.is_uppercase())
        && word.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
        && !(sentence_start && opener)
        && !honorific)
        .then_some(word)
}

/// The official a name match stands for, if any: of namesakes, one who held the
/// office of a title just before, then one in office on the date whose country
/// the document names, then one in office, then one near it. A surname alone ("Harris") names an official only near their time in office.
fn pick_person(
    text: &str,
    (s, e): (usize, usize),
    entries: &[Entry],
    date: Option<Date>,
    title_role: Option<&str>,
    named_countries: &[&str],
) -> Option<usize> {
    let lx = &*LEXICON;
    let surname_only = !text[s..e].contains(' ');
    // "Tony Blair" is not Bill Blair: another given name before a surname.
    let other_given_name = (surname_only && title_role.is_none()).then(|| given_name_before(text, s)).flatten();
    let people: Vec<usize> = entries
        .iter()
        .filter_map(|en| match en {
            Entry::Person(p)
                if !surname_only
                    || (date.is_none_or(|d| lx.in_office_near(*p, d))
                        && other_given_name.is_none_or(|g| lx.official_on(*p, None).name.contains(g))) =>
            {
                Some(*p)
            }
            _ => None,
        })
        .collect();
    let on_date = |p: &usize| date.is_some_and(|d| lx.official_on(*p, Some(d)).holds_on(d));
    let country_named =
        |p: &usize| lx.country_of(lx.official_on(*p, date).org).is_some_and(|c| named_countries.contains(&c));
    people
        .iter()
        .find(|p| title_role.is_some_and(|r| lx.ever_held(**p, r)))
        .or_else(|| people.iter().find(|p| on_date(p) && country_named(p)))
        .or_else(|| people.iter().find(|p| on_date(p)))
        .or(people.first())
        .copied()
}

fn adjacent(text: &str, a_end: usize, b_start: usize) -> bool {
    if a_end > b_start {
        return false;
    }
    let gap = text[a_end..b_start].trim();
    gap.is_empty() || gap == "'s" || gap == "’s"
}

/// Only spaces and honorifics between a title and a name.
fn name_follows(text: &str, title_end: usize, name_start: usize) -> bool {
    if title_end > name_start {
        return false;
    }
    text[title_end..name_start].split_whitespace().all(|w| HONORIFICS.contains(&w))
}

/// A name not in the lexicon after a title: one to three capitalised words
/// ("Defence Secretary John Healey"). Returns the name and its end.
/// Verbs that follow a title in Title Case headlines, never names.
fn is_headline_verb(w: &str) -> bool {
    matches!(
        w,
        "Announces"
            | "Says"
            | "Pledges"
            | "Unveils"
            | "Visits"
            | "Meets"
            | "Warns"
            | "Confirms"
            | "Signs"
            | "Agrees"
            | "Backs"
            | "Urges"
            | "Calls"
            | "Promises"
            | "Vows"
            | "Approves"
            | "Launches"
            | "Sends"
            | "Offers"
            | "Commits"
            | "Hosts"
            | "Travels"
            | "Welcomes"
            | "Rejects"
            | "Orders"
            | "Tells"
            | "Speaks"
            | "Will"
    )
}

fn unknown_name_after(text: &str, title_end: usize) -> Option<(String, usize)> {
    let rest = &text[title_end..];
    if !rest.starts_with(' ') {
        return None;
    }
    let mut end = title_end;
    let mut words = Vec::new();
    let mut pos = title_end;
    for w in rest.split(' ').skip(1).take(4) {
        let clean = w.trim_end_matches([',', '.', ';', ':', '’', '\'']).trim_end_matches("’s").trim_end_matches("'s");
        let is_name = clean.len() >= 2
            && clean.starts_with(|c: char| c.is_uppercase())
            && clean.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
            && !matches!(clean, "The" | "He" | "She" | "It" | "In" | "On" | "At" | "And" | "Of" | "For" | "To")
            // A Title Case headline goes on with its verb: "Prime Minister Announces New …".
            && !is_headline_verb(clean);
        pos += 1;
        if !is_name {
            break;
        }
        if HONORIFICS.contains(&clean) {
            pos += w.len();
            continue;
        }
        words.push(clean);
        end = pos + clean.len();
        pos += w.len();
        if clean.len() != w.len() {
            break;
        }
    }
    (words.len() >= 2).then(|| (words.join(" "), end))
}

/// An ambiguous country name ("Georgia", "Jordan", "Chad") is the country when
/// the document names it otherwise too (its adjective or capital), or lists it
/// with other countries; not when a capitalised word joins it ("Michael Jordan").
fn ambiguous_country_holds(text: &str, s: usize, e: usize, c: &lexicon::Country) -> bool {
    // A full name is never ambiguous ("the Democratic Republic of the Congo"), nor one
    // that no English word or given name is spelt like ("Türkiye").
    if text[s..e].contains(' ') || !text[s..e].is_ascii() {
        return true;
    }
    let prev_word = text[..s].trim_end().rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("");
    // "King Abdullah of Jordan", "the Republic of Georgia": a ruler or state "of" it.
    let before_of = text[..s].trim_end().strip_suffix(" of").map(|b| b.rsplit(' ').next().unwrap_or(""));
    if before_of.is_some_and(|w| w.starts_with(|ch: char| ch.is_uppercase()) && w != "University") {
        return true;
    }
    // "eastern Chad", "neighbouring Jordan": a region or neighbour is a country's.
    if matches!(
        prev_word,
        "eastern"
            | "western"
            | "northern"
            | "southern"
            | "central"
            | "neighbouring"
            | "neighboring"
            | "north-eastern"
            | "north-western"
            | "south-eastern"
            | "south-western"
    ) {
        return true;
    }
    let next_word = text[e..].trim_start().split(|ch: char| ch.is_whitespace()).next().unwrap_or("");
    let capital = |w: &str| w.starts_with(|ch: char| ch.is_uppercase()) && !w.ends_with(['.', ',', ':', ';']);
    // "aid to Chad", "refugees in Jordan", "flights from Turkey": a place a
    // preposition points at is the country, unless a name goes on ("to Chad
    // Brown"). Not Georgia, whose state is as often meant after "in" or "to".
    // "to the DRC": the article may stand between (eval/labels wh2426-holdout-c, the Kirby gaggle).
    let before_the = text[..s].trim_end().strip_suffix(" the").map(|b| b.rsplit(' ').next().unwrap_or(""));
    let pointed = |w: &str| matches!(w, "to" | "for" | "into" | "from" | "in" | "across" | "inside");
    if (pointed(prev_word) || before_the.is_some_and(pointed))
        && c.code != "GE"
        && !capital(next_word.trim_end_matches([',', '.', ';', ':']))
    {
        return true;
    }
    if (capital(prev_word) && !text[..s].trim_end().ends_with(['.', ',']))
        || capital(next_word.trim_end_matches([',', '.']))
            && !next_word.ends_with([',', '.'])
            && next_word.len() > 1
            && !matches!(next_word, "The" | "and")
    {
        // "Michael Jordan", "Georgia Tech"; but sentence starts are fine.
        if !prev_word.is_empty() && !prev_word.ends_with(['.', '!', '?']) {
            return false;
        }
    }
    // An adjective or seat elsewhere, as a word of its own ("Turk" inside "Turkey" does not count).
    c.adjectives.iter().chain(c.seats.iter()).any(|w| text.match_indices(w).any(|(i, _)| bounded(text, i, i + w.len())))
}

/// Capitals that are also the names of states or provinces of their own country.
const SEATS_NAMED_LIKE_STATES: &[&str] = &["Washington", "Mexico"];

/// A capital inside a longer name ("George Washington University", "Washington Post")
/// or after a town ("Spokane, Washington", the state): not the seat of government.
fn seat_in_a_name(text: &str, s: usize, e: usize, place_before: bool) -> bool {
    let before = text[..s].trim_end_matches(' ');
    let prev_word = before.rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("");
    let next_word = text[e..].trim_start().split(|ch: char| ch.is_whitespace()).next().unwrap_or("");
    let capital = |w: &str| w.starts_with(|ch: char| ch.is_uppercase()) && !matches!(w, "The" | "I");
    let opens = |t: &str| {
        let t = t.trim_end();
        t.is_empty() || t.ends_with(['.', '!', '?', '\n', ':', '"', '“'])
    };
    // A capitalised word that opens the sentence ("In Kiev", "A No 10 spokesperson") says nothing.
    let prev_opens = opens(&before[..before.len() - prev_word.len()]);
    // "the ex-USS Tarawa": the capital part after a hyphen counts.
    let prev_part = prev_word.rsplit(['-', '–']).next().unwrap_or(prev_word);
    (capital(prev_part) && !opens(before) && !prev_opens && !prev_word.ends_with([',', ';']))
        || (capital(next_word) && text[e..].starts_with(' ') && !next_word.ends_with([',', '.', ';', ':']))
        // "Spokane, Washington": a capital that is also the name of a state, after a town.
        || (place_before && text[..s].ends_with(", ") && SEATS_NAMED_LIKE_STATES.contains(&&text[s..e]))
}

/// Actor mentions of a text, with code-point offsets (for output).
pub fn actors_out(text: &str, actors: &[Actor], map: &crate::text::CharMap) -> Vec<ActorOut> {
    actors
        .iter()
        .map(|a| {
            let (kind, id, role) = match &a.what {
                ActorRef::Country { code, .. } => ("country", Some(code.to_string()), None),
                ActorRef::Institution { id, .. } => ("organisation", Some(id.to_string()), None),
                ActorRef::Person { name, role, .. } => ("person", Some(name.clone()), *role),
                ActorRef::Place { name, .. } => ("place", Some(name.to_string()), None),
                ActorRef::Company { name, .. } => ("organisation", Some(name.to_string()), None),
            };
            ActorOut {
                kind,
                text: text[a.bytes.0..a.bytes.1].to_string(),
                start: map.char_offset(a.bytes.0),
                end: map.char_offset(a.bytes.1),
                id,
                country: a.country(),
                role,
            }
        })
        .collect()
}
