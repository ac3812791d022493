//! What a sentence says around its figures: the announcer (a named official who speaks or acts,
//! the document's signer, the last person named), the day it was announced, a multi-year period,
//! the supplier and the place of manufacture; and the category, instrument and status from its
//! cue words. A sentence without a figure lends these to a commitment (`Meta`).

use jiff::ToSpan;
use jiff::civil::Date;

use crate::actors::{Actor, ActorRef, LEXICON};
use crate::mentions::{ItemClass, MentionKind, MentionValue};

use super::View;
use crate::commitments::candidate::Meta;
use crate::commitments::cue_data;
use crate::commitments::cues::{Words, category_cue, category_pair_cue, instrument_cue, status_cue};
use crate::commitments::record::{Announcer, Category, Instrument, Item, NamedIn, Status};

impl View<'_> {
    /// "Sir Keir Starmer announced the agreement today (10th)": an announcer or
    /// a date for a commitment stated in another sentence.
    pub(crate) fn meta(&self, words: &Words) -> Option<Meta> {
        let refers = words.words.iter().any(|(w, _, _)| cue_data::COMMITMENT_NOUNS.has(w));
        if !refers || self.is_negated(words, None) {
            return None;
        }
        let announced_by = self.announcer(words);
        let announced_on = self.announced_on();
        let made_in = made_in_of(words, &self.actors.iter().collect::<Vec<_>>());
        let supplier = self.supplier();
        (announced_by.is_some() || announced_on.is_some() || made_in.is_some() || supplier.is_some()).then_some(Meta {
            announced_by,
            announced_on,
            made_in,
            supplier,
        })
    }

    /// The company named in the sentence, as the supplier.
    pub(crate) fn supplier(&self) -> Option<(NamedIn, (usize, usize))> {
        self.actors.iter().find_map(|a| match a.what {
            ActorRef::Company { name, country } => {
                Some((NamedIn { name: name.to_string(), country: country.to_string() }, a.bytes))
            }
            _ => None,
        })
    }

    /// Who announced it: a named official in the sentence who speaks or acts,
    /// or the last person named before when the sentence says "he said".
    pub(crate) fn announcer(&self, words: &Words) -> Option<(Announcer, (usize, usize))> {
        // "I hereby direct…", "I assign…" in a signed memorandum or letter: the signer speaks.
        if let Some(s) = self.signer
            && words.has("i")
        {
            return Some((to_announcer(s), s.bytes));
        }
        let speaks = |w: &str| cue_data::SPEECH_VERBS.has(w);
        for a in self.actors {
            let ActorRef::Person { .. } = a.what else { continue };
            let wi = words.index_at(a.bytes.0);
            let after = words.index_at(a.bytes.1);
            let near_after = words
                .words
                .get(after..(after + 3).min(words.words.len()))
                .is_some_and(|ws| ws.iter().any(|(w, _, _)| speaks(w)));
            let near_before =
                wi > 0 && words.words[wi.saturating_sub(3)..wi].iter().any(|(w, _, _)| speaks(w) || w == "by");
            if near_after || near_before || wi < 3 {
                return Some((to_announcer(a), a.bytes));
            }
        }
        if words.words.iter().take(4).any(|(w, _, _)| matches!(w.as_str(), "he" | "she"))
            || words.words.windows(2).any(|p| matches!(p[0].0.as_str(), "he" | "she") && speaks(&p[1].0))
        {
            let p = self.last_person?;
            return Some((to_announcer(p), p.bytes));
        }
        None
    }

    /// A day in the sentence close to the document date ("today (2nd)", "on Sunday").
    /// The last such day wins: a dateline ("WASHINGTON, March 15 —") comes before the verb's day.
    pub(crate) fn announced_on(&self) -> Option<(Date, (usize, usize))> {
        let published = self.doc.published?;
        self.mentions.iter().rev().filter(|m| m.kind == MentionKind::Date).find_map(|m| {
            let MentionValue::Date(v) = &m.value else { return None };
            let d: Date = v.get(..10)?.parse().ok()?;
            if v.len() > 10 && v.as_bytes()[10] == b'/' {
                return None;
            }
            let lo = published.checked_sub(14.days()).ok()?;
            (lo <= d && d <= published).then_some((d, m.bytes))
        })
    }

    /// A multi-year span for the money ("over five years", "for 2024-2027").
    pub(crate) fn period(&self, _words: &Words) -> Option<(String, (usize, usize))> {
        self.mentions.iter().filter(|m| m.kind == MentionKind::Date).find_map(|m| {
            let MentionValue::Date(v) = &m.value else { return None };
            let (a, b) = v.split_once('/')?;
            let (a, b): (Date, Date) = (a.parse().ok()?, b.parse().ok()?);
            let long = a.checked_add(360.days()).ok()? <= b;
            let ahead = self.doc.published.is_none_or(|p| b > p);
            (long && ahead).then(|| (v.clone(), m.bytes))
        })
    }
}

/// The person named alone on the last line of a document: a signature.
pub(crate) fn signer<'a>(text: &str, actors: &'a [Actor]) -> Option<&'a Actor> {
    let body = text.trim_end();
    let start = body.rfind('\n').map_or(0, |k| k + 1);
    let last = &body[start..];
    if last.split_whitespace().count() > 6 {
        return None;
    }
    actors.iter().rev().find(|a| a.bytes.0 >= start && matches!(a.what, ActorRef::Person { .. }))
}

pub(crate) fn to_announcer(a: &Actor) -> Announcer {
    match &a.what {
        ActorRef::Person { name, role, title, org } => Announcer {
            name: name.clone(),
            role: role.map(str::to_string),
            title: title.map(str::to_string),
            country: org.and_then(|o| LEXICON.country_of(o)).map(str::to_string),
        },
        _ => Announcer { name: String::new(), role: None, title: None, country: None },
    }
}

/// Category, instrument and status from the sentence's cue words and items.
pub(crate) fn classify(
    words: &Words,
    items: &[(Item, (usize, usize))],
) -> (Option<Category>, Option<Instrument>, Option<Status>) {
    let mut military = items.iter().filter(|(i, _)| i.class.is_military()).count() * 2;
    let mut humanitarian =
        items.iter().filter(|(i, _)| matches!(i.class, ItemClass::Medical | ItemClass::Food)).count() * 2;
    let mut financial = 0;
    let mut other = 0;
    let mut instrument = None;
    let mut status: Option<Status> = None;
    let ws = &words.words;
    for (k, (w, _, _)) in ws.iter().enumerate() {
        let next = ws.get(k + 1).map_or("", |x| x.0.as_str());
        // Two-word cues: "security assistance" is military, "economic assistance" financial
        // ("security" alone is often elections or police).
        match category_pair_cue(w, next) {
            Some(Category::Military) => military += 1,
            Some(Category::Financial) => financial += 1,
            Some(Category::Humanitarian) => humanitarian += 1,
            _ => {}
        }
        match category_cue(w) {
            Some(Category::Military) => military += 1,
            Some(Category::Humanitarian) => humanitarian += 1,
            Some(Category::Financial) => financial += 1,
            // Not in a bank's name: "the Asian Development Bank" lends.
            Some(Category::Other) if next != "bank" => other += 1,
            Some(Category::Other) => {}
            None => {}
        }
        // The first cue wins, except that stocks drawn down beat a verb "order" before them,
        // and a purchase named as a use ("such as the purchase of vaccines") is no contract.
        let prev = if k > 0 { ws[k - 1].0.as_str() } else { "" };
        let cue = instrument_cue(w, next).filter(|c| !(*c == Instrument::Contract && prev == "the" && next == "of"));
        match (instrument, cue) {
            (None, cue) => instrument = cue,
            (Some(Instrument::Contract), Some(Instrument::InKind)) => instrument = Some(Instrument::InKind),
            _ => {}
        }
        // [status-future-announcement] "Biden will announce a $375m package", "is expected to
        // unveil": an announcement still to come is an intent (../shared/eval/LABELLING-RULES.md,
        // "status"), as is an offer still to be made ("will offer").
        // Not "proud to announce": only "will", or "to" after a word of expectation.
        let prev2 = if k > 1 { ws[k - 2].0.as_str() } else { "" };
        let coming = |w: &str| cue_data::ANNOUNCEMENT_VERBS_TO_COME.has(w);
        let to_come = (prev == "will" || prev == "to" && cue_data::EXPECTATION_WORDS.has(prev2)) && coming(w);
        // That "will" is the intent's tense, not an announcement of its own.
        if w == "will" && coming(next) {
            continue;
        }
        let cue = if to_come { Some(Status::Intent) } else { status_cue(w) };
        if let Some(s) = cue {
            // The strongest cue wins; intent only without another.
            status = Some(match status {
                Some(old) if old >= s || s == Status::Intent => old,
                _ => s,
            });
        }
    }
    // "will be delivered" is announced, not delivered.
    if ws.iter().any(|(w, _, _)| w == "will") && status.is_some_and(|s| s >= Status::Delivered) {
        status = Some(Status::Announced);
    }
    let category = if military > 0 && military >= humanitarian && military >= financial {
        Some(Category::Military)
    } else if other > humanitarian && financial == 0 {
        // [category-development] "to help museums digitise their catalogues", "for health research
        // and system capacity": development work outnumbering words of relief or finance is
        // other support, as the coding standard codes development (../shared/eval/LABELLING-RULES.md).
        Some(Category::Other)
    } else if humanitarian > 0 && humanitarian >= financial {
        Some(Category::Humanitarian)
    } else if financial > 0 {
        Some(Category::Financial)
    } else {
        None
    };
    (category, instrument, status)
}

/// The instrument named right next to one figure ("a €50m loan and a €20m grant").
pub(crate) fn local_instrument(words: &Words, bytes: (usize, usize)) -> Option<Instrument> {
    let end = words.index_at(bytes.1);
    let ws = &words.words;
    (end..(end + 4).min(ws.len())).find_map(|k| instrument_cue(&ws[k].0, ws.get(k + 1).map_or("", |x| x.0.as_str())))
}

/// "made in", "built in", "manufactured in", "produced in", "in the city".
pub(crate) fn made_in_phrase(words: &Words) -> Option<usize> {
    let ws = &words.words;
    (0..ws.len()).find(|&k| {
        cue_data::MANUFACTURE_VERBS.has(&ws[k].0) && ws[k + 1..(k + 8).min(ws.len())].iter().any(|(w, _, _)| w == "in")
    })
}

pub(crate) fn made_in_of(words: &Words, actors: &[&Actor]) -> Option<(NamedIn, (usize, usize))> {
    let k = made_in_phrase(words)?;
    let from = words.words[k].1;
    // The place right after "in", or the place the sentence named ("in the city").
    let after = actors.iter().find(|a| {
        a.bytes.0 > from
            && a.place.is_some()
            && matches!(a.what, ActorRef::Place { .. } | ActorRef::Country { via: crate::actors::Via::Seat, .. })
    });
    let any_place = || actors.iter().find(|a| matches!(a.what, ActorRef::Place { .. }));
    let a = after.or_else(|| {
        let ws = &words.words;
        let city = ws[k..].windows(2).any(|p| p[0].0 == "the" && matches!(p[1].0.as_str(), "city" | "town" | "region"));
        if city { any_place() } else { None }
    })?;
    let (name, country) = a.place?;
    Some((NamedIn { name: name.to_string(), country: country.to_string() }, a.bytes))
}
