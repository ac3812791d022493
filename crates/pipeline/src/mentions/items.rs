//! Item words and their coarse class ("missiles" → missile, "Patriot
//! batteries" → air-defence system), from `data/items/classes.tsv`.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use super::ItemClass;
use crate::data_table::rows;

const CLASSES_TSV: &str = include_str!("../../data/items/classes.tsv");

/// Item word → (class, generic).
static ITEM_WORDS: LazyLock<HashMap<&'static str, (ItemClass, bool)>> = LazyLock::new(|| {
    rows(CLASSES_TSV)
        .filter_map(|r| Some((*r.first()?, (parse_class(r.get(1)?)?, r.get(2).is_some_and(|g| *g == "1")))))
        .collect()
});

const RANK_WORDS_TSV: &str = include_str!("../../data/items/rank_words.tsv");

/// Rank word → whether it is a rank (`rank`) or a word in -est that is no superlative.
static RANK_WORDS: LazyLock<HashMap<&'static str, bool>> =
    LazyLock::new(|| rows(RANK_WORDS_TSV).filter_map(|r| Some((*r.first()?, *r.get(1)? == "rank"))).collect());

/// Whether a lowercase word after "one of the" makes a rank: a rank word ("most", "first") or
/// a superlative in -est ("longest"), from `data/items/rank_words.tsv`.
pub fn is_rank_word(w: &str) -> bool {
    match RANK_WORDS.get(w) {
        Some(&rank) => rank,
        None => w.len() > 4 && w.ends_with("est"),
    }
}

pub fn parse_class(s: &str) -> Option<ItemClass> {
    Some(match s {
        "missile" => ItemClass::Missile,
        "air_defence_system" => ItemClass::AirDefenceSystem,
        "artillery_round" => ItemClass::ArtilleryRound,
        "vehicle" => ItemClass::Vehicle,
        "aircraft" => ItemClass::Aircraft,
        "vessel" => ItemClass::Vessel,
        "drone" => ItemClass::Drone,
        "small_arms" => ItemClass::SmallArms,
        "equipment" => ItemClass::Equipment,
        "medical" => ItemClass::Medical,
        "food" => ItemClass::Food,
        "energy_equipment" => ItemClass::EnergyEquipment,
        "other" => ItemClass::Other,
        _ => return None,
    })
}

/// The class of a lowercase item word, and whether it is generic.
pub fn word_class(lower: &str) -> Option<(ItemClass, bool)> {
    ITEM_WORDS.get(lower).copied()
}

/// Classifies an item phrase given as lowercase words, head last: the head's
/// class unless generic, else the first specific class among the other words,
/// preferring the words right before the head ("air defence missiles" → missile;
/// "Stinger anti-aircraft systems" → air-defence system).
pub fn classify<'a>(words: impl DoubleEndedIterator<Item = &'a str> + Clone) -> ItemClass {
    let mut generic = None;
    // A measure head ("rounds of ammunition", "tonnes of wheat") counts the phrase after "of".
    for w in words.clone().rev() {
        if let Some((c, g)) = word_class(w).or_else(|| word_class(w.trim_end_matches('s'))) {
            if !g {
                // "rocket systems", "missile launchers systems": the system that fires them.
                if generic.is_some() && c == ItemClass::Missile {
                    return refine(words, ItemClass::Equipment);
                }
                return refine(words, c);
            }
            generic.get_or_insert(c);
        }
    }
    // "Taliban fighters" are people; fighters are aircraft only with a word that says so.
    let people = words.clone().next_back().is_some_and(|w| matches!(w, "fighter" | "fighters"));
    match generic {
        Some(_) if people => ItemClass::Other,
        Some(c) => refine(words, c),
        None => ItemClass::Other,
    }
}

/// "air defence missiles" are missiles, but "anti-aircraft guns", "Patriot
/// launchers" and "IRIS-T systems" are air-defence systems; "small arms
/// ammunition" is small arms; "first aid kits" are medical.
fn refine<'a>(words: impl Iterator<Item = &'a str>, head: ItemClass) -> ItemClass {
    let ws: Vec<&str> = words.collect();
    let has = |a: &str, b: &str| ws.windows(2).any(|p| p[0] == a && (p[1] == b || p[1].starts_with(b)));
    let air_defence =
        has("air", "defen") || ws.iter().any(|w| word_class(w).is_some_and(|(c, _)| c == ItemClass::AirDefenceSystem));
    if air_defence && matches!(head, ItemClass::Equipment | ItemClass::SmallArms | ItemClass::AirDefenceSystem) {
        return ItemClass::AirDefenceSystem;
    }
    if has("small", "arms") {
        return ItemClass::SmallArms;
    }
    if has("first", "aid") || ws.contains(&"medical") {
        return ItemClass::Medical;
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let c = |s: &str| classify(s.split(' '));
        assert_eq!(c("air defence missiles"), ItemClass::Missile);
        assert_eq!(c("stinger anti-aircraft systems"), ItemClass::AirDefenceSystem);
        assert_eq!(c("ah-64 apache helicopters"), ItemClass::Aircraft);
        assert_eq!(c("patriot batteries"), ItemClass::AirDefenceSystem);
        assert_eq!(c("rounds of 155mm artillery ammunition"), ItemClass::ArtilleryRound);
        assert_eq!(c("doses"), ItemClass::Medical);
        assert_eq!(c("tonnes of wheat"), ItemClass::Food);
        assert_eq!(c("generators"), ItemClass::EnergyEquipment);
        assert_eq!(c("beds"), ItemClass::Other);
        assert_eq!(c("air defence systems"), ItemClass::AirDefenceSystem);
    }
}
