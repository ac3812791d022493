//! The cue lists of assembly, authored as files in `data/cues/` (one list per file, each with a
//! header that says what it is for; `data/cues/README.md` lists them) and parsed once into
//! statics, so that a linguist extends a list without touching code. Lookups run per word,
//! millions of times, and never allocate: a word is first sieved by its length, first and last bytes
//! (most words of a sentence are in no list), then looked up in a hash map (FxHash: SipHash cost
//! a tenth of the extraction time); stems (lines ending in `*`) are matched as prefixes.
//!
//! Lines that do not parse are skipped at run time; the tests below check that every line of
//! every file parses, so that none is lost silently.

use crate::data_table::{entries, rows};
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::record::{Category, Instrument, Status};

/// Words as keys, with a sieve that rejects most other words before hashing them: a set of
/// 4,096 bits, one per (byte length, first byte, last byte) of the keys, mixed. A list of a
/// hundred words sets at most a hundred bits, so nearly every other word costs one bit test.
pub struct WordMap<V> {
    sieve: Box<[u64; SIEVE_WORDS]>,
    map: FxHashMap<&'static str, V>,
}

/// The sieve's 64-bit words (4,096 bits).
const SIEVE_WORDS: usize = 64;

impl<V> WordMap<V> {
    /// The word's bit in the sieve: its index among the words and its mask.
    fn bit(w: &str) -> Option<(usize, u64)> {
        let b = w.as_bytes();
        let (first, last) = (*b.first()?, *b.last()?);
        let key = (b.len() as u64) | u64::from(first) << 32 | u64::from(last) << 40;
        let h = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize;
        Some((h >> 6, 1 << (h & 63)))
    }

    pub fn get(&self, w: &str) -> Option<&V> {
        let (k, mask) = Self::bit(w)?;
        if self.sieve[k] & mask == 0 {
            return None;
        }
        self.map.get(w)
    }
}

impl<V> From<FxHashMap<&'static str, V>> for WordMap<V> {
    fn from(map: FxHashMap<&'static str, V>) -> Self {
        let mut sieve = Box::new([0; SIEVE_WORDS]);
        for (k, mask) in map.keys().filter_map(|w| Self::bit(w)) {
            sieve[k] |= mask;
        }
        WordMap { sieve, map }
    }
}

impl<V> FromIterator<(&'static str, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (&'static str, V)>>(iter: I) -> Self {
        WordMap::from(iter.into_iter().collect::<FxHashMap<_, _>>())
    }
}

/// A list of words: exact words, and stems matched as prefixes ("pledg*" matches "pledged").
pub struct CueWords {
    exact: WordMap<()>,
    /// The stems by their first byte (empty when the list has none): a word is tried only
    /// against the few that begin like it.
    stems: Vec<Vec<&'static str>>,
}

impl CueWords {
    fn parse(text: &'static str) -> Self {
        let (stems, exact): (Vec<&'static str>, Vec<&'static str>) = entries(text).partition(|e| e.ends_with('*'));
        let mut by_first = vec![Vec::new(); if stems.is_empty() { 0 } else { 256 }];
        for stem in stems.iter().map(|s| s.trim_end_matches('*')) {
            if let Some(&b) = stem.as_bytes().first() {
                by_first[usize::from(b)].push(stem);
            }
        }
        CueWords { exact: exact.into_iter().map(|w| (w, ())).collect(), stems: by_first }
    }

    /// Whether `w` is one of the words, or begins with one of the stems.
    pub fn has(&self, w: &str) -> bool {
        self.exact.get(w).is_some()
            || w.as_bytes()
                .first()
                .and_then(|&b| self.stems.get(usize::from(b)))
                .is_some_and(|stems| stems.iter().any(|s| w.starts_with(s)))
    }
}

/// Word lists (`CueWords`), each from its file in `data/cues/`.
macro_rules! cue_words {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub static $name: LazyLock<CueWords> =
                LazyLock::new(|| CueWords::parse(include_str!(concat!("../../data/cues/", $file))));
        )*
        /// Every word list, by file name.
        #[cfg(test)]
        const WORD_FILES: &[(&str, &str)] = &[$(($file, include_str!(concat!("../../data/cues/", $file)))),*];
    };
}

/// Phrase lists, kept in the order of their file (some are tried in order), each from its file
/// in `data/cues/`.
macro_rules! cue_phrases {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub static $name: LazyLock<Vec<&'static str>> =
                LazyLock::new(|| entries(include_str!(concat!("../../data/cues/", $file))).collect());
        )*
        /// Every phrase list, by file name.
        #[cfg(test)]
        const PHRASE_FILES: &[(&str, &str)] = &[$(($file, include_str!(concat!("../../data/cues/", $file)))),*];
    };
}

cue_words! {
    /// Verbs and nouns that state a commitment (`cues::is_trigger`).
    TRIGGERS = "triggers.txt";
    /// Words that begin like a trigger stem but are no act of giving.
    FALSE_TRIGGERS = "false_triggers.txt";
    /// Words that say a sentence is about aid (`cues::is_aid_word`).
    AID_WORDS = "aid_words.txt";
    /// Party ids of forums of donors (`cues::is_donor_group`).
    DONOR_FORUMS = "donor_forums.txt";
    /// Verbs that report a conversation about support (`cues::is_conversation`).
    CONVERSATION_VERBS = "conversation_verbs.txt";
    /// Words that make a figure in a reported conversation new (`cues::is_fresh_act`).
    FRESH_ACT_WORDS = "fresh_act_words.txt";
    /// Words of a call, hope, question or condition (`cues::is_call_or_hope`).
    CALL_OR_HOPE_WORDS = "call_or_hope_words.txt";
    /// Words that make a figure another party's or no support (`cues::is_other_money`).
    OTHER_MONEY_WORDS = "other_money_words.txt";
    /// Words of a title that name a legislature.
    LEGISLATURE_WORDS = "legislature_words.txt";
    /// Words that make a deal trade ("energy export deals"; `rules::trade_deal`).
    TRADE_DEAL_WORDS = "trade_deal_words.txt";
    /// Verbs of a legislature weighing money not yet enacted (`rules::legislature_weighs`).
    DELIBERATION_VERBS = "deliberation_verbs.txt";
    /// Words of a title that tell a vote or a bill.
    LEGISLATIVE_VOTE_WORDS = "legislative_vote_words.txt";
    /// Verbs of giving that in the perfect before a count tell what was given.
    RECALLED_PERFECT_VERBS = "recalled_perfect_verbs.txt";
    /// Stems of private money leveraged or mobilised.
    LEVERAGED_MONEY_STEMS = "leveraged_money_stems.txt";
    /// Verbs of reported speech ("would" then reports a decision).
    REPORTED_SPEECH_VERBS = "reported_speech_verbs.txt";
    /// Words that negate, halt or refuse the act.
    NEGATION_WORDS = "negation_words.txt";
    /// Nouns for a group of givers right before the verb.
    GIVER_GROUP_NOUNS = "giver_group_nouns.txt";
    /// Words after a capitalised subject that make it act.
    PRIVATE_SUBJECT_VERBS = "private_subject_verbs.txt";
    /// Nouns of a private body's head after its unknown name ("Shakhtar chief").
    PRIVATE_HEAD_NOUNS = "private_head_nouns.txt";
    /// Acts of now or later that make a figure in a transcript count.
    TRANSCRIPT_ACT_WORDS = "transcript_act_words.txt";
    /// Words that open a subordinate clause, whose own verb may govern the figure.
    SUBORDINATORS = "subordinators.txt";
    /// Package nouns a transcript's figure sentence points back at.
    TRANSCRIPT_PACKAGE_NOUNS = "transcript_package_nouns.txt";
    /// Words of the sentence before that announce the package now.
    TRANSCRIPT_NOW_WORDS = "transcript_now_words.txt";
    /// Verbs after "Congress" that recount an appropriation.
    APPROPRIATION_VERBS = "appropriation_verbs.txt";
    /// Capitalised openers that name no private body.
    OFFICIAL_OPENERS = "official_openers.txt";
    /// Words that name a private company.
    FIRM_WORDS = "firm_words.txt";
    /// Generic givers whose decision in the perfect is a past total.
    GENERIC_GIVER_NOUNS = "generic_giver_nouns.txt";
    /// Verbs of decision that in the perfect are news.
    PERFECT_DECISION_VERBS = "perfect_decision_verbs.txt";
    /// Verbs of a past act right before a figure.
    PAST_ACT_VERBS = "past_act_verbs.txt";
    /// Verbs of a past act before an approximate figure.
    PAST_ACT_VERBS_APPROXIMATE = "past_act_verbs_approximate.txt";
    /// Words before a figure that make a past act an act of now.
    PAST_ACT_NOW_WORDS = "past_act_now_words.txt";
    /// Words before a party that make it the recipient.
    RECIPIENT_BEFORE = "recipient_before.txt";
    /// Nouns that name a government's own forces (`view::own_forces`).
    OWN_FORCES_NOUNS = "own_forces_nouns.txt";
    /// Words and stems of a purchase or a deal (`view::own_forces`).
    PURCHASE_ACTS = "purchase_acts.txt";
    /// Nouns before "from X" that make X a source of harm, not a giver.
    HOSTILE_SOURCE_NOUNS = "hostile_source_nouns.txt";
    /// Nouns after a country adjective that belong to the recipient.
    RECIPIENT_NOUNS = "recipient_nouns.txt";
    /// Nouns of a firm named after a country adjective (the firm's country receives).
    FIRM_NOUNS = "firm_nouns.txt";
    /// Compass words that are part of a place.
    COMPASS_WORDS = "compass_words.txt";
    /// Agreement words before "with" and a recipient.
    DEAL_WORDS = "deal_words.txt";
    /// People and needs helped in a place.
    PEOPLE_NOUNS = "people_nouns.txt";
    /// Nouns of aid work before "in" and a place.
    AID_IN_NOUNS = "aid_in_nouns.txt";
    /// Words before the place of the people helped.
    PEOPLE_PLACE_WORDS = "people_place_words.txt";
    /// Nouns of a fund held by an institution.
    FUND_NOUNS = "fund_nouns.txt";
    /// Nouns of a thing a figure sizes in an appositive after its name.
    SIZED_THING_NOUNS = "sized_thing_nouns.txt";
    /// Verbs of arrival before "in" and a place.
    ARRIVAL_VERBS = "arrival_verbs.txt";
    /// Words before "to <capital>" that make the capital a destination of travel.
    TRAVEL_WORDS = "travel_words.txt";
    /// Verbs of giving whose receiver stands right after them ("awarding Ecuador a grant").
    INDIRECT_OBJECT_VERBS = "indirect_object_verbs.txt";
    /// Words of a visit before the place visited, whose host receives the visitor's pledge.
    VISIT_WORDS = "visit_words.txt";
    /// Nouns after "support for" that name an idea.
    IDEA_NOUNS = "idea_nouns.txt";
    /// Titles of a post held "to" a country or body.
    ENVOY_TITLES = "envoy_titles.txt";
    /// Words after a country in a title that make the news a disaster there.
    DISASTER_WORDS = "disaster_words.txt";
    /// Verbs of meeting a giver, whose subject receives what the giver promises there.
    MEETING_VERBS = "meeting_verbs.txt";
    /// Verbs of attack before counted weapons: weapons used, not given.
    ATTACK_VERBS = "attack_verbs.txt";
    /// Nouns after a capital that make it a meeting's venue.
    VENUE_NOUNS = "venue_nouns.txt";
    /// Nouns of many givers after "by".
    GIVER_CROWD_NOUNS = "giver_crowd_nouns.txt";
    /// Words of a link or a journey before "to" and a place.
    DESTINATION_WORDS = "destination_words.txt";
    /// Nouns for a decision to give, owned by the party before them.
    PLEDGE_NOUNS = "pledge_nouns.txt";
    /// Trigger words of a purchase for the buyer's own use.
    PURCHASE_VERBS = "purchase_verbs.txt";
    /// Verbs before "by" that make a party a group's leader or host.
    LEADER_VERBS = "leader_verbs.txt";
    /// Offices before "of" and a country.
    OFFICE_NOUNS = "office_nouns.txt";
    /// Capitalised words of a government's offices that name no project (`merge::projects_apart`).
    GENERIC_NAME_WORDS = "generic_name_words.txt";
    /// Words after a party that name a budget line.
    BUDGET_LINE_WORDS = "budget_line_words.txt";
    /// Verbs before "from" and a party that make it the seller.
    SELLER_VERBS = "seller_verbs.txt";
    /// Nouns after a party that make it the seller.
    SELLER_NOUNS = "seller_nouns.txt";
    /// Words that may stand between a subject and its trigger.
    SUBJECT_VERB_FILLERS = "subject_verb_fillers.txt";
    /// Auxiliaries between a subordinate clause's subject and its giving verb.
    CLAUSE_AUXILIARIES = "clause_auxiliaries.txt";
    /// Verbs of comparison: a party just after one takes no role ("surpassing the IMF's bailout").
    COMPARISON_WORDS = "comparison_words.txt";
    /// Verbs of an announcement still to come after "will" or an expectation (`view::details`).
    ANNOUNCEMENT_VERBS_TO_COME = "announcement_verbs_to_come.txt";
    /// Words of expectation before "to" and a verb of announcement (`view::details`).
    EXPECTATION_WORDS = "expectation_words.txt";
    /// Words after a "that" clause's subject that show it acts (`roles`, role-announced-subject).
    ANNOUNCED_CLAUSE_VERBS = "announced_clause_verbs.txt";
    /// Verbs of a pair agreeing on a deal ("Bangladesh, IMF Agree on …").
    AGREEING_VERBS = "agreeing_verbs.txt";
    /// First-person subjects: the document's own voice gives ("we're going to contribute").
    FIRST_PERSON_SUBJECTS = "first_person_subjects.txt";
    /// Verbs of telling whose object hears a promise.
    HEARER_VERBS = "hearer_verbs.txt";
    /// Words of a firm act that raise a candidate's confidence.
    CONFIDENCE_WORDS = "confidence_words.txt";
    /// Last words of a named project (Title Case).
    PROJECT_NAMES = "project_names.txt";
    /// Item words that alone say nothing of what is given.
    VAGUE_ITEM_WORDS = "vague_item_words.txt";
    /// Words before "includes" in a sentence that lists parts.
    BREAKDOWN_SUBJECTS = "breakdown_subjects.txt";
    /// Nouns that refer to a commitment told elsewhere.
    COMMITMENT_NOUNS = "commitment_nouns.txt";
    /// Verbs by which a named official speaks or acts.
    SPEECH_VERBS = "speech_verbs.txt";
    /// Verbs of saying after a party whose report names another party acting.
    SPEAKER_VERBS = "speaker_verbs.txt";
    /// Verbs of manufacture ("made in").
    MANUFACTURE_VERBS = "manufacture_verbs.txt";
    /// Words between figures that make the later ones parts.
    PART_CUES = "part_cues.txt";
    /// Words that make a later figure an option of the same deal.
    OPTION_WORDS = "option_words.txt";
    /// Nouns of a partnership after a hyphenated pair of parties ("U.S.-ASEAN relations").
    PARTNERSHIP_NOUNS = "partnership_nouns.txt";
    /// Verbs that move money set aside from one recipient to another ("redirect … from Egypt").
    REDIRECT_VERBS = "redirect_verbs.txt";
    /// Verbs of shooting down weapons right before their count ("intercepted 15 drones").
    INTERCEPT_VERBS = "intercept_verbs.txt";
    /// Nouns of an agency's own work after "its" ("continue its vital work").
    OWN_WORK_NOUNS = "own_work_nouns.txt";
    /// Words that make military support with no instrument cue goods given in kind.
    MILITARY_GOODS_WORDS = "military_goods_words.txt";
    /// Nouns of a rescue after a possessive ("Pakistan's bailout"): the party rescued receives.
    RESCUE_NOUNS = "rescue_nouns.txt";
    /// Nouns of rivalry or dependence before "like" or "on" in a title: the party after is no recipient.
    RIVALRY_NOUNS = "rivalry_nouns.txt";
    /// Verbs of rivalry before a party in a title ("to Counter China"): the party receives nothing.
    RIVAL_VERBS = "rival_verbs.txt";
    /// Trigger words that in a headline name the aid, not the act.
    HEADLINE_AID_NOUNS = "headline_aid_nouns.txt";
}

cue_phrases! {
    /// Hedges right before a figure ("about", "more than"), as whole words.
    HEDGES = "hedges.txt";
    /// Phrases after a figure that tell it is still to come (`rules::yet_to_come`).
    STILL_TO_COME = "still_to_come.txt";
    /// Verbs of a simple past passive after "was"/"were".
    PASSIVE_PAST_VERBS = "passive_past_verbs.txt";
    /// Phrases that ask a legislature for money (substrings of the lowercased text).
    REQUEST_PHRASES = "request_phrases.txt";
    /// Phrases that name a federation's own parts as recipients (`View::veto`, veto-domestic-spending).
    DOMESTIC_RECIPIENT_PHRASES = "domestic_recipient_phrases.txt";
    /// Phrases of an offer before a figure in a government's own decision (`finalise`).
    OFFER_PHRASES = "offer_phrases.txt";
    /// Phrases of an act earlier on a transcript's own day ("this morning"), as whole words.
    TRANSCRIPT_SAME_DAY = "transcript_same_day.txt";
    /// Phrases of a reporter's question that asks for a figure (substrings of the lowercased text).
    FIGURE_QUESTIONS = "figure_questions.txt";
    /// Words before a sentence that make its parts a bill's (whole words, case matters).
    BILL_CONTEXT_WORDS = "bill_context_words.txt";
    /// Words after a party's name that make it an aggressor (prefixes of the text).
    AGGRESSION_WORDS = "aggression_words.txt";
    /// Collective nouns after a party that own a pledge, tried in order (prefixes of the text).
    COLLECTIVE_NOUNS = "collective_nouns.txt";
    /// Suffixes after a party's name that make it a modifier (prefixes of the text).
    NAME_MODIFIER_SUFFIXES = "name_modifier_suffixes.txt";
    /// Words of a title that make it a meeting's (substrings, case matters).
    MEETING_TITLES = "meeting_titles.txt";
    /// Names of a meeting after a party in a title (prefixes, case matters).
    MEETING_NAMES = "meeting_names.txt";
    /// Openings of a title about one other country (prefixes of the lowercased title).
    ONE_SUBJECT_TITLES = "one_subject_titles.txt";
    /// Phrases of a title about a meeting of two parties (substrings of the lowercased title).
    BILATERAL_TITLES = "bilateral_titles.txt";
    /// Words of a title that make the document a transcript (substrings, case matters).
    TRANSCRIPT_TITLES = "transcript_titles.txt";
}

const CATEGORY_WORDS_TSV: &str = include_str!("../../data/cues/category_words.tsv");
const CATEGORY_PAIRS_TSV: &str = include_str!("../../data/cues/category_pairs.tsv");
const INSTRUMENT_WORDS_TSV: &str = include_str!("../../data/cues/instrument_words.tsv");
const STATUS_WORDS_TSV: &str = include_str!("../../data/cues/status_words.tsv");
const TOTALS_TSV: &str = include_str!("../../data/cues/totals.tsv");
const OFFICIAL_HOSTS_TSV: &str = include_str!("../../data/actors/official_hosts.tsv");
const AGGRESSORS_TSV: &str = include_str!("../../data/cues/aggressors.tsv");
const RECEIVING_TXT: &str = include_str!("../../data/cues/receiving.txt");
const SHARED_SIGNS_TSV: &str = include_str!("../../data/cues/shared_signs.tsv");
const ANNUAL_ENVELOPE_TXT: &str = include_str!("../../data/cues/annual_envelope.txt");

fn category(s: &str) -> Option<Category> {
    Some(match s {
        "military" => Category::Military,
        "humanitarian" => Category::Humanitarian,
        "financial" => Category::Financial,
        "other" => Category::Other,
        _ => return None,
    })
}

fn instrument(s: &str) -> Option<Instrument> {
    Some(match s {
        "grant" => Instrument::Grant,
        "loan" => Instrument::Loan,
        "guarantee" => Instrument::Guarantee,
        "export_finance" => Instrument::ExportFinance,
        "in_kind" => Instrument::InKind,
        "contract" => Instrument::Contract,
        "budget_support" => Instrument::BudgetSupport,
        _ => return None,
    })
}

fn status(s: &str) -> Option<Status> {
    Some(match s {
        "intent" => Status::Intent,
        "announced" => Status::Announced,
        "committed" => Status::Committed,
        "contracted" => Status::Contracted,
        "delivered" => Status::Delivered,
        "disbursed" => Status::Disbursed,
        _ => return None,
    })
}

/// Two-word cues by their first word: (next word, `None` for any; value), in file order.
type PairCues<T> = WordMap<Vec<(Option<&'static str>, T)>>;

fn pair_cues<T>(tsv: &'static str, value: fn(&str) -> Option<T>) -> PairCues<T> {
    let mut out: FxHashMap<&'static str, Vec<_>> = FxHashMap::default();
    for r in rows(tsv) {
        if let [word, next, v] = r[..]
            && let Some(v) = value(v)
        {
            out.entry(word).or_default().push(((next != "*").then_some(next), v));
        }
    }
    WordMap::from(out)
}

/// The value of the first pair whose words match (`next` "" when there is no next word).
pub fn pair_cue<T: Copy>(cues: &PairCues<T>, w: &str, next: &str) -> Option<T> {
    cues.get(w)?.iter().find(|(n, _)| n.is_none_or(|n| n == next)).map(|(_, v)| *v)
}

/// Category cues, from `data/cues/category_words.tsv`.
pub static CATEGORY_WORDS: LazyLock<WordMap<Category>> =
    LazyLock::new(|| rows(CATEGORY_WORDS_TSV).filter_map(|r| Some((*r.first()?, category(r.get(1)?)?))).collect());

/// Two-word category cues, from `data/cues/category_pairs.tsv`.
pub static CATEGORY_PAIRS: LazyLock<PairCues<Category>> = LazyLock::new(|| pair_cues(CATEGORY_PAIRS_TSV, category));

/// Instrument cues, one or two words, from `data/cues/instrument_words.tsv`.
pub static INSTRUMENT_WORDS: LazyLock<PairCues<Instrument>> =
    LazyLock::new(|| pair_cues(INSTRUMENT_WORDS_TSV, instrument));

/// Status cues, from `data/cues/status_words.tsv`.
pub static STATUS_WORDS: LazyLock<WordMap<Status>> =
    LazyLock::new(|| rows(STATUS_WORDS_TSV).filter_map(|r| Some((*r.first()?, status(r.get(1)?)?))).collect());

/// The phrases of running totals by the check that uses them, from `data/cues/totals.tsv`
/// (its header says what each check is).
#[derive(Default)]
pub struct Totals {
    pub before: Vec<&'static str>,
    pub after: Vec<&'static str>,
    pub lead: Vec<&'static str>,
    pub earlier: Vec<&'static str>,
    pub told_after: Vec<&'static str>,
    pub opening: Vec<&'static str>,
    pub counts: Vec<&'static str>,
    pub since: Vec<&'static str>,
    pub adds: Vec<&'static str>,
    pub front_adds: Vec<&'static str>,
    pub next: Vec<&'static str>,
}

impl Totals {
    fn position(&mut self, name: &str) -> Option<&mut Vec<&'static str>> {
        Some(match name {
            "before" => &mut self.before,
            "after" => &mut self.after,
            "lead" => &mut self.lead,
            "earlier" => &mut self.earlier,
            "told-after" => &mut self.told_after,
            "opening" => &mut self.opening,
            "counts" => &mut self.counts,
            "since" => &mut self.since,
            "adds" => &mut self.adds,
            "front-adds" => &mut self.front_adds,
            "next" => &mut self.next,
            _ => return None,
        })
    }
}

pub static TOTALS: LazyLock<Totals> = LazyLock::new(|| {
    let mut totals = Totals::default();
    for r in rows(TOTALS_TSV) {
        if let [phrase, positions] = r[..] {
            for p in positions.split('|') {
                if let Some(list) = totals.position(p.trim()) {
                    list.push(phrase);
                }
            }
        }
    }
    totals
});

/// (host, party) of official web hosts, in file order, from `data/actors/official_hosts.tsv`.
pub static OFFICIAL_HOSTS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    rows(OFFICIAL_HOSTS_TSV)
        .filter_map(|r| match r[..] {
            [host, party] => Some((host, party)),
            _ => None,
        })
        .collect()
});

/// Phrases by which a government's own document speaks as the receiving side, in its title
/// (`data/cues/receiving.txt`).
pub static RECEIVING_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| receiving(false));

/// Phrases by which a document states that it is a government's own decision (lines marked `@`).
pub static OWN_DECISION_CUES: LazyLock<Vec<&'static str>> = LazyLock::new(|| receiving(true));

fn receiving(marked: bool) -> Vec<&'static str> {
    entries(RECEIVING_TXT).filter(|l| l.starts_with('@') == marked).map(|l| l.trim_start_matches('@')).collect()
}

/// (sign, country, currency) for currency signs several countries share (`data/cues/shared_signs.tsv`).
pub static SHARED_SIGNS: LazyLock<Vec<(&'static str, &'static str, &'static str)>> = LazyLock::new(|| {
    rows(SHARED_SIGNS_TSV)
        .filter_map(|r| match r[..] {
            [sign, country, currency, ..] => Some((sign, country, currency)),
            _ => None,
        })
        .collect()
});

/// Pairs of parties at war, each pair in both orders (`data/cues/aggressors.tsv`).
pub static AT_WAR: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    rows(AGGRESSORS_TSV)
        .filter_map(|r| match r[..] {
            [a, b, ..] => Some([(a, b), (b, a)]),
            _ => None,
        })
        .flatten()
        .collect()
});

/// (verbs, periods) of a year's envelope, from `data/cues/annual_envelope.txt`.
pub static ANNUAL_ENVELOPE: LazyLock<(Vec<&'static str>, Vec<&'static str>)> = LazyLock::new(|| {
    (
        entries(ANNUAL_ENVELOPE_TXT).filter_map(|l| l.strip_prefix("verb:")).collect(),
        entries(ANNUAL_ENVELOPE_TXT).filter_map(|l| l.strip_prefix("period:")).collect(),
    )
});

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// The sieve lets every key through: a word of the list is always found, whatever its bytes.
    #[test]
    fn the_sieve_keeps_every_key() {
        let keys = ["a", "aid", "pledge", "pledged", "grant-in-aid", "zürich", "’s", "x".repeat(70).leak()];
        let map: WordMap<usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(map.get(k), Some(&i), "{k}");
        }
        for other in ["", "b", "aids", "pledges", "the", "x".repeat(71).as_str()] {
            assert_eq!(map.get(other), None, "{other}");
        }
        assert!(TRIGGERS.has("pledged") && !TRIGGERS.has("the"));
    }

    /// Every line of every list and table parses: a malformed line would be skipped silently.
    #[test]
    fn every_line_of_every_cue_file_parses() {
        for (file, text) in WORD_FILES.iter().chain(PHRASE_FILES) {
            let all: Vec<&str> = entries(text).collect();
            assert!(!all.is_empty(), "{file} is empty");
            let unique: HashSet<&&str> = all.iter().collect();
            assert_eq!(unique.len(), all.len(), "{file} lists an entry twice");
            for e in &all {
                assert!(!e.contains('\t') && !e.contains("  "), "{file}: {e:?}");
            }
        }
        for (file, text) in WORD_FILES {
            for e in entries(text) {
                // A word list is matched word by word: a space could never match.
                assert!(!e.contains(' '), "{file}: {e:?} is a phrase");
                let stem = e.trim_end_matches('*');
                assert!(!stem.is_empty() && !stem.contains('*'), "{file}: {e:?}");
                let cased = ["project_names.txt", "donor_forums.txt"].contains(file);
                assert!(cased || !e.chars().any(char::is_uppercase), "{file}: {e:?} is not lowercase");
            }
        }
        // (file, text, columns, whether a row's values are valid)
        type Table = (&'static str, &'static str, usize, fn(&[&str]) -> bool);
        let tables: [Table; 6] = [
            ("category_words.tsv", CATEGORY_WORDS_TSV, 2, |r| category(r[1]).is_some()),
            ("category_pairs.tsv", CATEGORY_PAIRS_TSV, 3, |r| category(r[2]).is_some()),
            ("instrument_words.tsv", INSTRUMENT_WORDS_TSV, 3, |r| instrument(r[2]).is_some()),
            ("status_words.tsv", STATUS_WORDS_TSV, 2, |r| status(r[1]).is_some()),
            ("totals.tsv", TOTALS_TSV, 2, |r| r[1].split('|').all(|p| Totals::default().position(p).is_some())),
            ("official_hosts.tsv", OFFICIAL_HOSTS_TSV, 2, |r| !r[0].contains(char::is_uppercase)),
        ];
        for (file, text, columns, valid) in tables {
            let mut keys = HashSet::new();
            for r in rows(text) {
                assert_eq!(r.len(), columns, "{file}: {r:?}");
                assert!(valid(&r), "{file}: {r:?}");
                assert!(r.iter().all(|c| !c.is_empty()), "{file}: {r:?}");
                assert!(keys.insert(r[..columns - 1].to_vec()), "{file}: {r:?} twice");
            }
        }
    }

    /// The files of the hard constraints and a year's envelope parse too.
    #[test]
    fn every_line_of_the_older_cue_files_parses() {
        assert!(entries(ANNUAL_ENVELOPE_TXT).all(|l| l.starts_with("verb:") || l.starts_with("period:")));
        assert!(rows(AGGRESSORS_TSV).all(|r| r.len() == 4 && r[..2].iter().all(|c| c.len() == 2)));
        assert!(rows(SHARED_SIGNS_TSV).all(|r| r.len() == 3 && r[1].len() == 2 && r[2].len() == 3));
        assert_eq!(AT_WAR.len(), 2 * rows(AGGRESSORS_TSV).count());
        assert_eq!(RECEIVING_CUES.len() + OWN_DECISION_CUES.len(), entries(RECEIVING_TXT).count());
    }

    /// Each word of a one-word table has one value (a second row would silently win).
    #[test]
    fn a_cue_word_has_one_value() {
        for (file, text) in [("category_words.tsv", CATEGORY_WORDS_TSV), ("status_words.tsv", STATUS_WORDS_TSV)] {
            let words: Vec<&str> = rows(text).map(|r| r[0]).collect();
            assert_eq!(words.iter().collect::<HashSet<_>>().len(), words.len(), "{file}");
        }
    }

    /// No file in `data/cues/` lies unread: each is a list above or is read by its own module.
    #[test]
    fn every_cue_file_is_loaded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/cues");
        let mut known: Vec<&str> = WORD_FILES.iter().chain(PHRASE_FILES).map(|(f, _)| *f).collect();
        known.extend(["category_words.tsv", "category_pairs.tsv", "instrument_words.tsv", "status_words.tsv"]);
        known.extend(["totals.tsv", "aggressors.tsv", "receiving.txt", "shared_signs.tsv", "annual_envelope.txt"]);
        known.push("README.md");
        for entry in std::fs::read_dir(dir).expect("data/cues") {
            let name = entry.expect("entry").file_name().into_string().expect("utf-8 name");
            assert!(known.contains(&name.as_str()), "data/cues/{name} is loaded by no list");
        }
    }

    /// The sieve in front of the hash map rejects only words that are no key.
    #[test]
    fn every_listed_word_passes_the_sieve() {
        for (file, text) in WORD_FILES {
            let list = CueWords::parse(text);
            for e in entries(text) {
                let probe = e.strip_suffix('*').map_or(e.to_string(), |stem| format!("{stem}ed"));
                assert!(list.has(&probe), "{file}: {e:?} is not found");
            }
        }
        let long: &'static str = Box::leak("a".repeat(70).into_boxed_str());
        let map: WordMap<u8> = [("über", 1), ("aid", 2), (long, 3)].into_iter().collect();
        assert_eq!(map.get("über"), Some(&1));
        assert_eq!(map.get(long), Some(&3));
        assert_eq!(map.get(&"a".repeat(64)), None);
        for miss in ["", "add", "ai", "aids", "uber", "üben"] {
            assert_eq!(map.get(miss), None, "{miss:?}");
        }
    }

    #[test]
    fn stems_match_as_prefixes_and_words_exactly() {
        assert!(TRIGGERS.has("pledged") && TRIGGERS.has("send") && !TRIGGERS.has("sender"));
        assert!(FALSE_TRIGGERS.has("significant") && FALSE_TRIGGERS.has("aide") && !FALSE_TRIGGERS.has("aided"));
        assert!(LEVERAGED_MONEY_STEMS.has("mobilised") && !LEVERAGED_MONEY_STEMS.has("mobile"));
        assert!(OTHER_MONEY_WORDS.has("budget") && !OTHER_MONEY_WORDS.has("budgetary"));
    }

    #[test]
    fn two_word_cues_take_the_first_matching_row() {
        assert_eq!(pair_cue(&INSTRUMENT_WORDS, "export", "credit"), Some(Instrument::ExportFinance));
        assert_eq!(pair_cue(&INSTRUMENT_WORDS, "export", "ban"), None);
        assert_eq!(pair_cue(&INSTRUMENT_WORDS, "loan", ""), Some(Instrument::Loan));
        assert_eq!(pair_cue(&INSTRUMENT_WORDS, "credit", "line"), Some(Instrument::Loan));
        assert_eq!(pair_cue(&INSTRUMENT_WORDS, "credit", "card"), None);
        assert_eq!(pair_cue(&CATEGORY_PAIRS, "budgetary", "needs"), Some(Category::Financial));
        assert_eq!(pair_cue(&CATEGORY_PAIRS, "security", "council"), None);
    }

    #[test]
    fn totals_are_read_by_position() {
        assert!(TOTALS.before.contains(&"so far") && TOTALS.opening.contains(&"so far"));
        assert!(TOTALS.counts.contains(&"to date") && !TOTALS.counts.contains(&"since"));
        assert!(TOTALS.lead.contains(&"builds on") && TOTALS.earlier.contains(&"builds on"));
        assert!(!TOTALS.lead.contains(&"total of"), "\"total of\" is a lead only before no \"will\": in code");
    }
}
