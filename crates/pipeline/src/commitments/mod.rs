//! Commitment assembly: from the mentions and actors of each sentence to
//! records of who gives what to whom, then merged across the sentences of a
//! document that state the same commitment.
//!
//! A sentence yields a candidate when it has a figure (money, or a count of
//! military or relief items), a trigger ("pledge", "supply", "loan", "deal",
//! "package"…), and is not a call, a hope, a running total, a budget, a
//! sanction or a past event told as background. Roles come from the words
//! around each actor ("to Ukraine", "from Germany", "Britain will send",
//! "Ukraine will receive"), then from the document (the announcer's country,
//! the source's country).
//!
//! The phases, in data order (each file is one):
//!
//! 1. [`extract`] (here) runs mentions and actors, then walks the sentences: for each it builds
//!    a `View` (the sentence in its document) and collects what the document says around the
//!    commitments (instrument and category words, recipients named with a role word, an
//!    announcer or date told without a figure, a place of manufacture).
//! 2. `view` proposes candidates (`candidate`): it finds the sentence's new figures
//!    (`view/figures`) and items, the trigger that makes it a statement of a commitment, and
//!    for each figure the giver and recipient of its own clause (`roles`); the announcer, dates,
//!    supplier and place of manufacture (`view/details`). A sentence that goes on about the
//!    commitment before joins it.
//! 3. `rules` are the vetoes and filters it consults (calls, totals in `rules/totals`, other
//!    money, negations, background, joint and company deals…), and `rules/table` names every
//!    rule with a stable id: each record lists the rules that proposed it, and
//!    `PLEDGEWATCH_TRACE=1` prints `[rule-id] reason` for each sentence passed over.
//! 4. `document_roles` lends a giver from the commitment just before (`borrow_donors`); after
//!    merging, a recipient from earlier sentences or the title (`implicit_recipient`).
//! 5. `merge` drops the umbrella of figures that add up to it, then merges the candidates that
//!    state one commitment.
//! 6. `finalise` turns each merged candidate into a [`Commitment`]: the document's giver when the
//!    sentence names none (announcer, source, headline, dateline, currency), the role checks,
//!    evidence spans, category and instrument defaults; `normalise` converts the amount to EUR
//!    and USD at the rate of the day.

mod annotate;
mod candidate;
mod constraints;
mod cue_data;
pub mod cues;
pub mod decision;
mod document_roles;
mod finalise;
pub mod lifecycle;
mod merge;
mod normalise;
mod phrase;
mod recipient;
pub mod record;
mod role_phrases;
mod roles;
pub mod rules;
mod syntax_roles;
pub mod terms;
mod view;

use std::cell::LazyCell;

use crate::actors::{Actor, ActorRef, find_actors, find_actors_defining};
use crate::document::Document;
use crate::mentions::{Mention, MentionKind, Scanner, finish};
use crate::text::{CharMap, Sentence, sentences};
use candidate::{Candidate, Meta};
use cues::{Words, category_cue};
use document_roles::{borrow_donors, country_anaphor, implicit_recipient};

/// How far after a commitment's sentence (in bytes: a few sentences) a sentence without a
/// figure may still tell its day.
const META_REACH: usize = 600;
use finalise::finalise;
use merge::{absorb, drop_umbrellas, merge};
use pledgewatch_rates::RateTable;
pub use record::*;
use rules::is_legislative_title;
use std::ops::Range;
use std::time::Instant;
use view::{View, made_in_of, made_in_phrase, signer};

/// Everything the text stages found in one document (nothing, when a run without a deadline
/// cannot time out but the type says it might).
#[derive(Default)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub actors: Vec<Actor>,
    pub commitments: Vec<Commitment>,
}

/// Figures (sums of money and counts) of one sentence that assembly reads: a sentence with
/// more is a table or junk, and each figure's checks read the whole sentence.
pub const MAX_FIGURES_PER_SENTENCE: usize = 64;
/// Bytes of one sentence that assembly reads; the rest of a longer "sentence" (a table, a
/// list without stops) is passed over, though its mentions are still found.
pub const MAX_SENTENCE_BYTES: usize = 20_000;

/// The deadline passed before assembly finished ([`extract_until`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimedOut;

/// Runs mentions, actors and assembly over a document.
pub fn extract(doc: &Document, rates: &RateTable) -> Extraction {
    // Without a deadline there is nothing to pass.
    extract_until(doc, rates, None).unwrap_or_default()
}

/// As [`extract`], but gives up with [`TimedOut`] once `deadline` has passed; the clock is
/// read at each sentence (cooperative: nothing is interrupted mid-sentence).
pub fn extract_until(doc: &Document, rates: &RateTable, deadline: Option<Instant>) -> Result<Extraction, TimedOut> {
    let decision = decision::Decision::current();
    let mut extraction = match decision {
        decision::Decision::Rules => assemble(doc, rates, deadline, false)?,
        decision::Decision::Model => candidates_until(doc, rates, deadline)?,
    };
    decision::decide(doc, decision, &mut extraction.commitments);
    Ok(extraction)
}

/// Candidate mode, for training and evaluating the decision model: the rules' records, and
/// besides them every record a veto after the trigger would have dropped (the veto's id among
/// its `rules`; a figure without a trigger is proposed as `veto-no-trigger`) that is not one
/// of the rules' records (same donor, recipient and amount). The rules' own records come from
/// their own run: a vetoed candidate never changes how the others merge or borrow roles. The
/// role checks of `finalise` and the hard constraints still drop records.
pub fn candidates(doc: &Document, rates: &RateTable) -> Extraction {
    candidates_until(doc, rates, None).unwrap_or_default()
}

fn candidates_until(doc: &Document, rates: &RateTable, deadline: Option<Instant>) -> Result<Extraction, TimedOut> {
    let mut base = assemble(doc, rates, deadline, false)?;
    let all = assemble(doc, rates, deadline, true)?;
    let same =
        |a: &Commitment, b: &Commitment| a.donor == b.donor && a.recipient == b.recipient && a.amount == b.amount;
    for c in all.commitments {
        if c.rules.iter().any(|r| r.starts_with("veto-")) && !base.commitments.iter().any(|b| same(b, &c)) {
            base.commitments.push(c);
        }
    }
    Ok(base)
}

/// The rules alone, as they decide without the model's file: no calibration of the score.
/// For measuring the rules against the model.
pub fn by_rules(doc: &Document, rates: &RateTable) -> Extraction {
    assemble(doc, rates, None, false).unwrap_or_default()
}

/// [info-currency-prefix] "US $ 88.3 million", "US$ 9.4 million": a country's name inside a sum of
/// money is its currency, no party to the sentence (eval/labels cabinet-final-j, the Global Fund
/// decision, where "US" became the recipient). Both lists are in text order.
fn drop_currency_prefixes(actors: &mut Vec<Actor>, mentions: &[Mention]) {
    let mut money = mentions.iter().filter(|m| m.kind == MentionKind::Money).map(|m| m.bytes).peekable();
    actors.retain(|a| {
        while money.next_if(|m| m.1 <= a.bytes.0).is_some() {}
        money.peek().is_none_or(|m| !(m.0 <= a.bytes.0 && a.bytes.1 <= m.1))
    });
}

fn assemble(
    doc: &Document,
    rates: &RateTable,
    deadline: Option<Instant>,
    propose_all: bool,
) -> Result<Extraction, TimedOut> {
    let over = || deadline.is_some_and(|d| Instant::now() >= d);
    let text = doc.text.as_str();
    let mut actors = find_actors_defining(text, doc.published, doc.title.as_deref());
    if over() {
        return Err(TimedOut);
    }
    let mut sents: Vec<Sentence> = Vec::new();
    for seg in doc.searchable() {
        sentences(text, seg.bytes.0, seg.bytes.1, &mut sents);
    }
    let mut scanner = Scanner::default();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut sent_mentions = Vec::with_capacity(sents.len());
    for s in &sents {
        if over() {
            return Err(TimedOut);
        }
        let before = mentions.len();
        scanner.scan(text, *s, doc.published, &mut mentions);
        sent_mentions.push(before..mentions.len());
    }
    drop_currency_prefixes(&mut actors, &mentions);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut last_person: Option<&Actor> = None;
    let signer = signer(text, &actors);
    // Who announced and when, from a sentence without a figure ("Sir Keir announced the deal today").
    let mut pending: Option<(Meta, usize)> = None;
    let mut doc_instruments: Vec<Instrument> = Vec::new();
    // Instruments named in sentences that state a commitment, with the donor of each: a loan
    // recalled or refused elsewhere, or another donor's loan, says nothing of how this money is given.
    let mut stated_instruments: Vec<(Option<&'static str>, Instrument)> = Vec::new();
    // Every category cue of the document, for statements that give none ("Denmark will contribute DKK 1bn").
    let mut doc_categories: Vec<Category> = Vec::new();
    // Recipients named with a role word in sentences about aid ("support for Ukraine"),
    // for later sentences that leave the recipient implicit.
    let mut cues_of_recipient: Vec<(&'static str, (usize, usize))> = Vec::new();
    // [carry-fund-aside] A fund the title does not name is no later sentence's recipient: a
    // contribution to it ends there ("… $325 million to the Clean Technology Fund. The United States
    // has also separately extended $2 billion in guarantees …": eval/labels wh2426-final-i, the G20
    // fact sheet), where a replenishment's report ("Gavi falls short of target …") is about the fund.
    // The title's parties are found only when a fund is first named: most documents name none.
    let title_parties: LazyCell<Vec<&str>, _> = LazyCell::new(|| {
        doc.title
            .as_deref()
            .map_or(Vec::new(), |t| find_actors(t, doc.published).iter().filter_map(Actor::party).collect())
    });
    let fund_aside = |p: &str| {
        crate::actors::LEXICON.institution(p).is_some_and(|i| i.kind == "fund") && !title_parties.contains(&p)
    };
    // A proclamation marks a day or a cause; it gives nothing.
    let proclamation = doc.title.as_deref().is_some_and(|t| {
        let t = t.trim_start();
        ["a proclamation", "proclamation"].iter().any(|p| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p)))
    });
    let legislative = doc.title.as_deref().is_some_and(is_legislative_title);
    let mut money_before = false;
    let mut told_just_before = false;
    let mut a = 0;
    let mut spans_with_place: Vec<(usize, usize)> = Vec::new();
    for (k, s) in sents.iter().enumerate() {
        if over() {
            return Err(TimedOut);
        }
        let (s, in_sentence) = capped(text, s, &mentions, sent_mentions[k].clone());
        let s = &s;
        while a < actors.len() && actors[a].bytes.0 < s.start {
            a += 1;
        }
        let mut b = a;
        while b < actors.len() && actors[b].bytes.1 <= s.end {
            b += 1;
        }
        let sent_actors = &actors[a..b];
        let ms = &mentions[in_sentence.clone()];
        let base = in_sentence.start;
        let headline = doc.segment_at(s.start).is_some_and(|g| {
            let g = &doc.segments[g];
            g.kind == crate::document::SegmentKind::Headline && s.end <= g.bytes.1
        });
        let view = View {
            doc,
            text,
            sentence: *s,
            mentions: ms,
            base,
            actors: sent_actors,
            last_person,
            signer,
            headline,
            legislative,
            propose_all,
            after_commitment: !candidates.is_empty() || money_before,
            told_just_before,
        };
        // Kept as the loop goes: scanning all earlier mentions for each sentence is quadratic.
        money_before |= ms.iter().any(|m| m.kind == MentionKind::Money);
        let words = Words::new(text, s.start, s.end);
        let before = candidates.len();
        if !proclamation {
            view.candidates(&words, &mut candidates);
        }
        told_just_before = candidates.len() > before
            || ms.iter().any(|m| m.kind == MentionKind::Money || m.kind == MentionKind::Quantity);
        if candidates.len() > before && candidates[before].continuation {
            if before == 0 && candidates[before].amount.is_some() {
                // Nothing told before it: "The package is worth SEK 13.3 billion" states the commitment.
                candidates[before].continuation = false;
            } else {
                let c = candidates.remove(before);
                if before > 0 {
                    absorb(&mut candidates[before - 1], c);
                }
            }
        }
        // A commitment's own recipient is the next sentence's implicit one too.
        for c in &candidates[before..] {
            if let Some(r) = c.recipient.filter(|r| r.2 >= 2 && !cues::is_donor_group(r.0) && !fund_aside(r.0)) {
                cues_of_recipient.push((r.0, r.1));
            }
        }
        if words.words.iter().any(|(w, _, _)| cues::is_aid_word(w)) {
            let ws: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
            for a in sent_actors {
                if let Some(p) = a.party()
                    && !cues::is_donor_group(p)
                    && !fund_aside(p)
                    && !a.is_channel()
                    && roles::recipient_strength(text, &words, &ws, a).is_some()
                    && !roles::in_country_list(text, sent_actors, a)
                {
                    cues_of_recipient.push((p, a.bytes));
                }
            }
        }
        for (k, (w, _, _)) in words.words.iter().enumerate() {
            let next = words.words.get(k + 1).map_or("", |x| x.0.as_str());
            if let Some(i) = cues::instrument_cue(w, next) {
                if !doc_instruments.contains(&i) {
                    doc_instruments.push(i);
                }
                // A headline speaks for every donor of the document.
                let donors: Vec<Option<&'static str>> = if headline {
                    vec![None]
                } else {
                    candidates[before..].iter().map(|c| c.donor.map(|d| d.0)).collect()
                };
                for d in donors {
                    let by = (d, i);
                    if !stated_instruments.contains(&by) {
                        stated_instruments.push(by);
                    }
                }
            }
            // Words of development weigh only in their own sentence: a document's majority is of
            // military, relief or finance.
            if let Some(c) = category_cue(w).filter(|c| *c != Category::Other) {
                doc_categories.push(c);
            }
        }
        if candidates.len() > before {
            if let Some((m, told)) = pending.take() {
                let c = &mut candidates[before];
                let near = c.statement.0.saturating_sub(told) <= META_REACH;
                if near { m } else { Meta { announced_on: None, ..m } }.fill(c);
            }
        } else if let Some(m) = view.meta(&words) {
            // [meta-near] A day told before or after the figure belongs to it only close by (a
            // few sentences): pages away, "St. Patrick's Day last week" speaks of something else.
            match candidates.last_mut() {
                Some(last) if s.start.saturating_sub(last.statement.1) <= META_REACH => m.fill(last),
                Some(last) => Meta { announced_on: None, ..m }.fill(last),
                None => pending = Some((m, s.end)),
            }
        }
        if made_in_phrase(&words).is_some() {
            spans_with_place.push((s.start, s.end));
        }
        if let Some(p) = sent_actors.iter().rev().find(|x| matches!(x.what, ActorRef::Person { .. })) {
            last_person = Some(p);
        }
    }
    borrow_donors(&mut candidates, doc);
    drop_umbrellas(&mut candidates, doc);
    let mut merged = merge(candidates, doc);
    // A place of manufacture stated in its own sentence ("will be made in Belfast").
    if merged.len() == 1 && merged[0].made_in.is_none() {
        for &(s, e) in &spans_with_place {
            let sent_actors: Vec<&Actor> = actors.iter().filter(|x| x.bytes.0 >= s && x.bytes.1 <= e).collect();
            let words = Words::new(text, s, e);
            if let Some(m) = made_in_of(&words, &sent_actors) {
                merged[0].made_in = Some(m);
                break;
            }
        }
    }
    // The document's only instrument word goes to its only commitment; among several, only to
    // those whose donor has it in a sentence that states a commitment.
    if let [only] = doc_instruments[..] {
        let single = merged.len() == 1;
        for c in &mut merged {
            if single
                || stated_instruments.contains(&(None, only))
                || stated_instruments.contains(&(c.donor.map(|d| d.0), only))
            {
                c.instrument = c.instrument.or(Some(only));
            }
        }
    }
    let doc_category = [Category::Military, Category::Humanitarian, Category::Financial]
        .into_iter()
        .map(|k| (doc_categories.iter().filter(|c| **c == k).count(), k))
        .max_by_key(|(n, _)| *n)
        // A clear majority of at least two cues.
        .filter(|(n, _)| *n >= 2 && 3 * *n >= 2 * doc_categories.len())
        .map(|(_, k)| k);
    for c in &mut merged {
        c.category = c.category.or(doc_category);
    }
    for c in &mut merged {
        // A channel named alone (strength 1, "$53 million to the WFP") yields to the country the aid is for.
        // Sought only where the sentence names no strong recipient of its own.
        if c.recipient.is_none_or(|r| r.2 < 2)
            && let Some(r) = country_anaphor(c, &actors, doc).or_else(|| implicit_recipient(c, &cues_of_recipient, doc))
            && c.donor.is_none_or(|d| d.0 != r.0 || d.2 < 2)
        {
            // A donor only named somewhere in the sentence yields to the document's recipient.
            if c.donor.is_some_and(|d| d.0 == r.0) {
                c.donor = None;
            }
            c.recipient = Some(r);
            c.score = (c.score - 0.1).max(0.1);
        }
    }
    let map = CharMap::new(text);
    finish(&map, &mut mentions);
    let receiving_side = !merged.is_empty() && finalise::receiving_side(doc);
    let mut commitments: Vec<Commitment> =
        merged.into_iter().filter_map(|c| finalise(doc, c, &actors, &map, rates, receiving_side)).collect();
    constraints::drop_reversed(doc, &mut commitments);
    annotate::annotate(doc, &mentions, &mut commitments);
    Ok(Extraction { mentions, actors, commitments })
}

/// The sentence and its mentions as assembly reads them: at most [`MAX_SENTENCE_BYTES`] and
/// [`MAX_FIGURES_PER_SENTENCE`] figures, the first ones kept (`PLEDGEWATCH_TRACE=1` notes a cut).
fn capped(text: &str, s: &Sentence, mentions: &[Mention], range: Range<usize>) -> (Sentence, Range<usize>) {
    let mut end = s.end;
    if end - s.start > MAX_SENTENCE_BYTES {
        end = s.start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    let mut figures = 0;
    let mut last = range.start;
    for m in &mentions[range.clone()] {
        if m.bytes.1 > end {
            break;
        }
        if matches!(m.kind, MentionKind::Money | MentionKind::Quantity) {
            figures += 1;
            if figures > MAX_FIGURES_PER_SENTENCE {
                // The words of the sentence stop where its first dropped figure begins.
                end = m.bytes.0;
                break;
            }
        }
        last += 1;
    }
    if (end, last) != (s.end, range.end) && rules::tracing() {
        let head: String = text[s.start..end].chars().take(80).collect();
        eprintln!(
            "trace: sentence cut for assembly at {} bytes, {} mentions: {head}…",
            end - s.start,
            last - range.start
        );
    }
    (Sentence { start: s.start, end }, range.start..last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::RawDocument;
    use serde_json::json;

    fn doc(text: String) -> Document {
        Document::build(RawDocument { text, source: "t.txt".into(), ..RawDocument::default() })
    }

    #[test]
    fn a_sentence_of_a_thousand_figures_is_read_to_the_cap() {
        let figures: Vec<String> = (1..=1000).map(|k| format!("${k} million to Ukraine")).collect();
        let text = format!("Norway will provide {}.", figures.join(", "));
        let d = doc(text);
        let ex = extract(&d, RateTable::embedded());
        assert!(ex.commitments.len() <= MAX_FIGURES_PER_SENTENCE, "{} commitments", ex.commitments.len());
        let money = ex.mentions.iter().filter(|m| m.kind == MentionKind::Money).count();
        assert_eq!(money, 1000, "every mention is still found");
        let s = Sentence { start: 0, end: d.text.len() };
        let (cut, range) = capped(&d.text, &s, &ex.mentions, 0..ex.mentions.len());
        let kept = ex.mentions[range].iter().filter(|m| m.kind == MentionKind::Money).count();
        assert_eq!(kept, MAX_FIGURES_PER_SENTENCE);
        assert!(cut.end - cut.start <= MAX_SENTENCE_BYTES && cut.end < d.text.len());
    }

    /// [instrument-military-goods], [category-development] and the status words as the coding
    /// standard reads them: one sentence each, its record's category, instrument and status.
    #[test]
    fn fields_follow_the_coding_standard() {
        let cases = [
            ("Norway will send a $50 million weapons package to Ukraine.", "military", "in_kind", "announced"),
            ("Norway will provide $50 million in military support to Ukraine.", "military", "unspecified", "announced"),
            ("The US approved the sale of $50 million of missiles to Poland.", "military", "contract", "announced"),
            ("Norway pledged $50 million in military aid to Ukraine.", "military", "unspecified", "committed"),
            ("Norway promised $50 million in humanitarian aid to Sudan.", "humanitarian", "grant", "committed"),
            ("The World Bank's board approved a $50 million loan to Kenya.", "financial", "loan", "announced"),
            (
                "Norway will announce a $50 million military aid package for Ukraine on Friday.",
                "military",
                "in_kind",
                "intent",
            ),
            ("Norway offered $50 million in humanitarian aid to Sudan.", "humanitarian", "grant", "intent"),
            ("Norway will give $50 million to Kenya for health research and schools.", "other", "grant", "announced"),
            (
                "Norway will give $50 million to Kenya for emergency health care in its schools.",
                "humanitarian",
                "grant",
                "announced",
            ),
            ("The Asian Development Bank will lend $50 million to Nepal.", "financial", "loan", "announced"),
        ];
        for (text, category, instrument, status) in cases {
            let ex = extract(&doc(text.to_string()), RateTable::embedded());
            let [c] = &ex.commitments[..] else { panic!("{text}: {} records", ex.commitments.len()) };
            let got = (json!(c.category), json!(c.instrument), json!(c.status));
            assert_eq!(got, (category.into(), instrument.into(), status.into()), "{text}");
        }
    }

    #[test]
    fn a_sentence_longer_than_the_cap_is_cut_on_a_character() {
        let text = format!("Norway will provide {} $5 million.", "é".repeat(MAX_SENTENCE_BYTES));
        let s = Sentence { start: 0, end: text.len() };
        let (cut, _) = capped(&text, &s, &[], 0..0);
        assert!(cut.end <= MAX_SENTENCE_BYTES && text.is_char_boundary(cut.end));
        extract(&doc(text), RateTable::embedded());
    }
}
