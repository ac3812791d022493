//! A party as a person names it in a filter — `--donor Britain`, `?recipient=ukraine` —
//! resolved to the id the ledger stores (`GB`, `UA`, `EU`…), through the same lexicon the
//! text stages read: an id, or any name or adjective of a country or institution, in any
//! case. A national body stands for its country and an EU body for the EU, as in the
//! records ([`super::Actor::party`]). A name nobody bears gets the closest names instead
//! of an empty ledger, so that a typo is seen as one.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::lexicon::{Entry, Institution, LEXICON, Via};

/// What a name or id given for a party stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartyLookup {
    /// One party: its id.
    Found(&'static str),
    /// A name several parties go by ("Congolese"): their ids.
    Ambiguous(Vec<&'static str>),
    /// No party by that name or id: the closest names, best first, with their party's id.
    Unknown(Vec<(&'static str, &'static str)>),
}

/// Suggestions at least this close (Jaro-Winkler, 0 to 1) are offered; below it, a name
/// shares little more than its first letters with the one typed.
const SUGGEST_FROM: f64 = 0.82;
/// Suggestions offered at most…
const SUGGESTIONS: usize = 3;
/// …and only those this close to the best ("Britian": Britain, not Mauritian).
const SUGGEST_WITHIN: f64 = 0.06;

/// A name as looked up: how it is written, and the parties it names.
struct Named {
    name: &'static str,
    parties: Vec<&'static str>,
}

/// Lower-cased name or id → what it names.
static NAMES: LazyLock<HashMap<String, Named>> = LazyLock::new(|| {
    let lex = &*LEXICON;
    let mut map: HashMap<String, Named> = HashMap::new();
    let mut add = |name: &'static str, party: &'static str| {
        let named = map.entry(key(name)).or_insert_with(|| Named { name, parties: Vec::new() });
        if !named.parties.contains(&party) {
            named.parties.push(party);
        }
    };
    for (name, entries) in lex.names.iter().zip(&lex.entries) {
        for e in entries {
            match *e {
                // A seat is a place too ("Washington", "London"): not a party's name.
                Entry::Country(k, Via::Name | Via::Adjective) => add(name, lex.countries[k].code),
                Entry::Institution(k) => add(name, institution_party(&lex.institutions[k])),
                _ => {}
            }
        }
    }
    for c in &lex.countries {
        add(c.code, c.code);
    }
    for i in &lex.institutions {
        add(i.id, institution_party(i));
    }
    map
});

/// The party an institution gives and receives as.
fn institution_party(i: &Institution) -> &'static str {
    i.country.unwrap_or_else(|| super::party_of_institution(i.id))
}

/// Lower case, white space collapsed.
fn key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Resolves a party id or name (any case): `GB`, `Britain`, `british`, `World Bank`.
pub fn lookup_party(query: &str) -> PartyLookup {
    let query = query.trim();
    let upper = query.to_ascii_uppercase();
    if let Some(c) = LEXICON.country(&upper) {
        return PartyLookup::Found(c.code);
    }
    if let Some(i) = LEXICON.institution(&upper) {
        return PartyLookup::Found(institution_party(i));
    }
    let k = key(query);
    let found = NAMES.get(&k).or_else(|| k.strip_prefix("the ").and_then(|rest| NAMES.get(rest)));
    match found.map(|n| n.parties.as_slice()) {
        Some([one]) => PartyLookup::Found(one),
        Some(many) if !many.is_empty() => {
            let mut ids = many.to_vec();
            ids.sort_unstable();
            PartyLookup::Ambiguous(ids)
        }
        _ => PartyLookup::Unknown(closest(&k)),
    }
}

/// Every party a record may name, as (id, name), by name: the countries and the
/// institutions that give and receive as themselves (a national body stands for its
/// country). The list a reviewer picks a donor or recipient from.
pub fn parties() -> Vec<(&'static str, &'static str)> {
    let lex = &*LEXICON;
    let mut out: Vec<(&'static str, &'static str)> = lex.countries.iter().map(|c| (c.code, c.name)).collect();
    for i in &lex.institutions {
        if institution_party(i) == i.id {
            out.push((i.id, i.name));
        }
    }
    out.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.0));
    out
}

/// The names closest to `key`, one per party, best first.
fn closest(key: &str) -> Vec<(&'static str, &'static str)> {
    let mut scored: Vec<(f64, &'static str, &'static str)> = NAMES
        .iter()
        .filter(|(_, n)| n.parties.len() == 1)
        .map(|(k, n)| (strsim::jaro_winkler(key, k), n.name, n.parties[0]))
        .filter(|(score, _, _)| *score >= SUGGEST_FROM)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let best = scored.first().map_or(0.0, |s| s.0);
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for (score, name, party) in scored {
        if score >= best - SUGGEST_WITHIN && out.len() < SUGGESTIONS && !out.iter().any(|(_, p)| *p == party) {
            out.push((name, party));
        }
    }
    out
}

impl PartyLookup {
    /// Why `query`, given as the `role` ("donor", "recipient"), names no one party:
    /// the closest names, or the parties it may be. `None` when it names one.
    pub fn why_not(&self, role: &str, query: &str) -> Option<String> {
        let named = |id: &str| match LEXICON.name_of(id) {
            "" => id.to_string(),
            name => format!("{id} ({name})"),
        };
        match self {
            PartyLookup::Found(_) => None,
            PartyLookup::Ambiguous(ids) => {
                let ids: Vec<String> = ids.iter().map(|id| named(id)).collect();
                Some(format!("{role} {query:?} may be {}: give the id", ids.join(" or ")))
            }
            PartyLookup::Unknown(near) if near.is_empty() => Some(format!(
                "unknown {role} {query:?}: give an id such as GB, UA or EU, or a name such as Britain or World Bank"
            )),
            PartyLookup::Unknown(near) => {
                let near: Vec<String> = near
                    .iter()
                    .map(|(name, id)| if name == id { named(id) } else { format!("{name} ({id})") })
                    .collect();
                Some(format!("unknown {role} {query:?}: did you mean {}?", near.join(", ")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_in_any_case_resolve_to_the_party_id() {
        for (query, want) in [
            ("GB", "GB"),
            ("gb", "GB"),
            ("Britain", "GB"),
            ("britain", "GB"),
            ("United  Kingdom", "GB"),
            ("UK", "GB"),
            ("British", "GB"),
            ("the Netherlands", "NL"),
            ("Holland", "NL"),
            ("ukraine", "UA"),
            ("World Bank", "WB"),
            ("eib", "EIB"),
            ("European Commission", "EU"),
            (" Japan ", "JP"),
        ] {
            assert_eq!(lookup_party(query), PartyLookup::Found(want), "{query}");
        }
    }

    #[test]
    fn a_seat_of_government_is_no_party_name() {
        assert!(matches!(lookup_party("Downing Street"), PartyLookup::Unknown(_)));
    }

    #[test]
    fn a_name_of_several_parties_is_ambiguous() {
        let found = lookup_party("Congolese");
        assert_eq!(found, PartyLookup::Ambiguous(vec!["CD", "CG"]));
        let why = found.why_not("donor", "Congolese").unwrap();
        assert!(why.contains("CD (Democratic Republic of the Congo) or CG"), "{why}");
    }

    #[test]
    fn an_unknown_name_gets_the_closest_names() {
        for (query, first) in [("Britian", "GB"), ("Ukrane", "UA"), ("Grmany", "DE"), ("Wrld Bank", "WB")] {
            let PartyLookup::Unknown(near) = lookup_party(query) else { panic!("{query} is unknown") };
            assert_eq!(near.first().map(|n| n.1), Some(first), "{query}: {near:?}");
            assert!(near.len() <= SUGGESTIONS);
            let why = lookup_party(query).why_not("donor", query).unwrap();
            assert!(why.starts_with(&format!("unknown donor {query:?}: did you mean ")), "{why}");
        }
        let why = lookup_party("zzxq").why_not("recipient", "zzxq").unwrap();
        assert!(why.starts_with("unknown recipient \"zzxq\": give an id such as GB"), "{why}");
        assert!(matches!(lookup_party(""), PartyLookup::Unknown(_)));
    }
}
