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

pub mod cues;
pub mod record;
mod roles;

use jiff::ToSpan;
use jiff::civil::Date;
use pledgewatch_rates::RateTable;
use rust_decimal::Decimal;

use crate::actors::{Actor, ActorRef, LEXICON, find_actors};
use crate::document::Document;
use crate::mentions::{ItemClass, Mention, MentionKind, MentionValue, Qualifier, Scanner, finish};
use crate::text::{CharMap, Sentence, sentences};
use cues::{TOTAL_CUES, Words, category_cue, instrument_cue, is_call_or_hope, is_other_money, is_trigger, status_cue};
pub use record::*;

/// Everything the text stages found in one document.
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub actors: Vec<Actor>,
    pub commitments: Vec<Commitment>,
}

/// A commitment as stated by one sentence, before merging.
#[derive(Clone, Debug)]
struct Candidate {
    donor: Option<(&'static str, (usize, usize), u8)>,
    recipient: Option<(&'static str, (usize, usize), u8)>,
    amount: Option<(Amount, (usize, usize))>,
    /// Money mention indices (the figure and its twice-given twin).
    money: Vec<usize>,
    items: Vec<(Item, (usize, usize))>,
    made_in: Option<(NamedIn, (usize, usize))>,
    supplier: Option<(NamedIn, (usize, usize))>,
    announced_by: Option<(Announcer, (usize, usize))>,
    announced_on: Option<(Date, (usize, usize))>,
    period: Option<(String, (usize, usize))>,
    category: Option<Category>,
    instrument: Option<Instrument>,
    status: Option<Status>,
    statement: (usize, usize),
    score: f64,
    /// The sentence speaks of aid ("assistance", "package", "loan"…), not just spending.
    aid_word: bool,
    /// The sentence gives a share of a figure told before ("Of the total, …").
    share: bool,
    /// The sentence spreads the money over a list of countries: it has no one recipient.
    spread: bool,
    /// A sentence that goes on about the previous commitment ("The system will
    /// come with 100 interceptor missiles"): it joins that one.
    continuation: bool,
}

/// Runs mentions, actors and assembly over a document.
pub fn extract(doc: &Document, rates: &RateTable) -> Extraction {
    let text = doc.text.as_str();
    let actors = find_actors(text, doc.published);
    let mut sents: Vec<Sentence> = Vec::new();
    for seg in doc.searchable() {
        sentences(text, seg.bytes.0, seg.bytes.1, &mut sents);
    }
    let mut scanner = Scanner::default();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut sent_mentions = Vec::with_capacity(sents.len());
    for s in &sents {
        let before = mentions.len();
        scanner.scan(text, *s, doc.published, &mut mentions);
        sent_mentions.push(before..mentions.len());
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut last_person: Option<&Actor> = None;
    let signer = signer(text, &actors);
    // Who announced and when, from a sentence without a figure ("Sir Keir announced the deal today").
    let mut pending: Option<Meta> = None;
    let mut doc_instruments: Vec<Instrument> = Vec::new();
    // Instruments named in sentences that state a commitment, with the donor of each: a loan
    // recalled or refused elsewhere, or another donor's loan, says nothing of how this money is given.
    let mut stated_instruments: Vec<(Option<&'static str>, Instrument)> = Vec::new();
    // Every category cue of the document, for statements that give none ("Denmark will contribute DKK 1bn").
    let mut doc_categories: Vec<Category> = Vec::new();
    // Recipients named with a role word in sentences about aid ("support for Ukraine"),
    // for later sentences that leave the recipient implicit.
    let mut cues_of_recipient: Vec<(&'static str, (usize, usize))> = Vec::new();
    // A proclamation marks a day or a cause; it gives nothing.
    let proclamation = doc.title.as_deref().is_some_and(|t| {
        let t = t.trim_start();
        ["a proclamation", "proclamation"].iter().any(|p| t.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p)))
    });
    let legislative = doc.title.as_deref().is_some_and(is_legislative_title);
    let mut money_before = false;
    let mut a = 0;
    let mut spans_with_place: Vec<(usize, usize)> = Vec::new();
    for (k, s) in sents.iter().enumerate() {
        while a < actors.len() && actors[a].bytes.0 < s.start {
            a += 1;
        }
        let mut b = a;
        while b < actors.len() && actors[b].bytes.1 <= s.end {
            b += 1;
        }
        let sent_actors = &actors[a..b];
        let ms = &mentions[sent_mentions[k].clone()];
        let base = sent_mentions[k].start;
        let headline = doc
            .segments
            .iter()
            .any(|g| g.kind == crate::document::SegmentKind::Headline && g.bytes.0 <= s.start && s.end <= g.bytes.1);
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
            after_commitment: !candidates.is_empty() || money_before,
        };
        // Kept as the loop goes: scanning all earlier mentions for each sentence is quadratic.
        money_before |= ms.iter().any(|m| m.kind == MentionKind::Money);
        let words = Words::new(text, s.start, s.end);
        let before = candidates.len();
        if !proclamation {
            view.candidates(&words, &mut candidates);
        }
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
            if let Some(r) = c.recipient.filter(|r| r.2 >= 2 && !cues::is_donor_group(r.0)) {
                cues_of_recipient.push((r.0, r.1));
            }
        }
        if words.words.iter().any(|(w, _, _)| cues::is_aid_word(w)) {
            let ws: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
            for a in sent_actors {
                if let Some(p) = a.party()
                    && !cues::is_donor_group(p)
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
            if let Some(c) = category_cue(w) {
                doc_categories.push(c);
            }
        }
        if candidates.len() > before {
            if let Some(m) = pending.take() {
                m.fill(&mut candidates[before]);
            }
        } else if let Some(m) = view.meta(&words) {
            match candidates.last_mut() {
                Some(last) => m.fill(last),
                None => pending = Some(m),
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
    drop_umbrellas(&mut candidates);
    let mut merged = merge(candidates);
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
    let implicit: Vec<_> = merged.iter().map(|c| implicit_recipient(c, &cues_of_recipient, doc)).collect();
    for (c, fallback) in merged.iter_mut().zip(implicit) {
        // A channel named alone (strength 1, "$53 million to the WFP") yields to the country the aid is for.
        if c.recipient.is_none_or(|r| r.2 < 2)
            && let Some(r) = fallback
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
    let commitments = merged.into_iter().filter_map(|c| finalise(doc, c, &actors, &map, rates)).collect();
    Extraction { mentions, actors, commitments }
}

/// A figure that later figures of the same currency split into parts ("USD 10 million … Of the
/// total, USD 7 million … while USD 3 million …"; "a package of €3 billion. It consists of: - €640
/// million …"): the parts are the commitments, the umbrella is not. Parts must follow within a
/// few paragraphs and add up to the umbrella (within a tenth, for rounded figures).
fn drop_umbrellas(cands: &mut Vec<Candidate>) {
    const REACH: usize = 1500;
    let figure = |c: &Candidate| c.amount.as_ref().map(|(a, _)| (a.value, a.currency.clone()));
    let mut dropped = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let Some((whole, currency)) = figure(c) else { continue };
        // A share is no whole of its own.
        if c.share {
            continue;
        }
        let mut sum = Decimal::ZERO;
        let mut parts = Vec::new();
        for (j, p) in cands.iter().enumerate().skip(i + 1) {
            if p.statement.0 <= c.statement.1 || p.statement.0 > c.statement.1 + REACH {
                continue;
            }
            let Some((v, cur)) = figure(p) else { continue };
            if !same_currency(&cur, &currency) || v >= whole {
                continue;
            }
            sum += v;
            parts.push(j);
            if parts.len() >= 2 && sum * Decimal::from(10) >= whole * Decimal::from(9) {
                break;
            }
        }
        let whole_split = parts.len() >= 2
            && sum * Decimal::from(10) >= whole * Decimal::from(9)
            && sum * Decimal::from(10) <= whole * Decimal::from(11);
        if whole_split {
            dropped.push(i);
        } else {
            // "Of the total amount, around SEK 4.5 billion will …": a share that leaves the rest untold
            // is part of the whole, not a commitment beside it.
            dropped.extend(parts.into_iter().filter(|&j| cands[j].share));
        }
    }
    dropped.sort_unstable();
    dropped.dedup();
    for i in dropped.into_iter().rev() {
        trace(&format!("{:?}", cands[i].amount.as_ref().map(|a| &a.0)), "an umbrella of its parts, or a share of it");
        cands.remove(i);
    }
}

/// A figure whose sentence names no giver of its own ("Of the total, USD 7 million will be
/// provided to Sudan") is given by the giver of the commitment just before it, within the
/// same or the next three paragraphs.
fn borrow_donors(cands: &mut [Candidate], doc: &Document) {
    const REACH: usize = 3;
    let segment_of =
        |b: usize| doc.segments.iter().position(|g| g.bytes.0 <= b && b < g.bytes.1.max(g.bytes.0 + 1)).unwrap_or(0);
    let mut last: Option<(&'static str, (usize, usize), usize)> = None;
    for c in cands.iter_mut() {
        let here = segment_of(c.statement.0);
        match c.donor {
            Some(d) if d.2 >= 2 => last = Some((d.0, d.1, here)),
            // Merely named again ("…, in which the Netherlands participates"): the giver just before.
            Some(d) => {
                if last.is_some_and(|(p, _, at)| p == d.0 && here - at.min(here) <= REACH) {
                    c.donor = Some((d.0, d.1, 2));
                }
            }
            None => {
                if c.announced_by.as_ref().is_some_and(|(a, _)| a.country.is_some()) {
                    continue;
                }
                if let Some((p, b, at)) = last
                    && here - at.min(here) <= REACH
                    && c.recipient.is_none_or(|r| r.0 != p)
                {
                    c.donor = Some((p, b, 2));
                }
            }
        }
    }
}

/// The recipient for a candidate whose sentence names none — only when the
/// sentence speaks of aid: the last recipient named with a role word in an
/// earlier sentence about aid, at most three paragraphs back ("US military
/// support for Ukraine … The first, worth up to $250 million, …"), else the
/// country an aid title names ("New Security Assistance Package for Ukraine").
/// Frequency alone is not enough: speeches name many countries.
fn implicit_recipient(
    c: &Candidate,
    cues: &[(&'static str, (usize, usize))],
    doc: &Document,
) -> Option<(&'static str, (usize, usize), u8)> {
    // A giver the sentence names acting ("the government is allocating €150 million to the coalition")
    // speaks of support as clearly as an aid word; without either, only the same paragraph lends
    // ("… Switzerland's support to Ukraine. A total of CHF 1.5 billion will be made available").
    if c.spread {
        return None;
    }
    let same_paragraph_only = !c.aid_word && c.donor.is_none_or(|d| d.2 < 2);
    // "to Caribbean countries", "in Pacific Island nations": a group named as the recipient
    // lends no single one.
    let statement = &doc.text[c.statement.0..c.statement.1];
    let group = Words::new(statement, 0, statement.len()).words.windows(2).any(|p| {
        matches!(p[1].0.as_str(), "countries" | "nations")
            && !matches!(p[0].0.as_str(), "other" | "both" | "our" | "two")
    });
    if group {
        return None;
    }
    // In a transcript (briefings, remarks, calls) the subject changes from answer to answer:
    // only the statement's own paragraph or the one before can lend it a recipient.
    let transcript = is_transcript(doc) || doc.title.as_deref().is_some_and(|t| t.contains("Conference"));
    let reach = if transcript || same_paragraph_only { 0 } else { 2 };
    // An answer in a transcript runs long and changes subject: a cue counts only a few sentences back.
    let near = |b: usize| !transcript || c.statement.0 - b <= 1200;
    let donor = c.donor.filter(|d| d.2 >= 2).map(|d| d.0);
    let segment_of =
        |b: usize| doc.segments.iter().position(|g| g.bytes.0 <= b && b < g.bytes.1.max(g.bytes.0 + 1)).unwrap_or(0);
    let here = segment_of(c.statement.0);
    // A bullet of a fact sheet is its own project: it borrows a recipient from its lead-in, not from another bullet.
    let is_bullet = |g: usize| doc.segments.get(g).is_some_and(|s| starts_list_item(&doc.text[s.bytes.0..s.bytes.1]));
    let bullet = is_bullet(here);
    if let Some(&(p, b)) = cues.iter().rev().find(|(p, b)| {
        let there = segment_of(b.0);
        b.0 < c.statement.0
            && near(b.0)
            && here - there.min(here) <= reach
            && Some(*p) != donor
            && !(bullet && there != here && is_bullet(there))
    }) {
        return Some((p, b, 1));
    }
    if same_paragraph_only {
        return None;
    }
    // A title names the recipient when it speaks of aid ("Security Assistance for Ukraine"),
    // or when a fact sheet, readout or statement is about one other country ("U.S.–Guatemala Cooperation").
    let title = doc.title.as_deref()?;
    let home = home_party(doc);
    // "at Start of U.N. Climate Conference": a party that names a meeting is not its subject.
    // A bilateral meeting ("U.S.-ASEAN Summit") still names its counterpart.
    let names_meeting = |a: &Actor| {
        // "Summit in Hiroshima, Japan", "Conference in Egypt": the venue of a meeting is no subject
        // ("the Crisis in Afghanistan" still is).
        let before = title[..a.bytes.0].trim_end();
        let meeting = ["Summit", "Conference", "Meeting", "Forum", "Dialogue"].iter().any(|k| title.contains(k));
        if meeting && (before.ends_with(" in") || before.ends_with(',')) {
            return true;
        }
        let bilateral = title[..a.bytes.0].ends_with(['-', '–']);
        let rest = title[a.bytes.1..].trim_start();
        let next = rest.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        ["Conference", "Summit", "General Assembly", "Climate Conference", "Forum", "Meeting"]
            .iter()
            .any(|k| next.starts_with(k))
            && !bilateral
    };
    let title_words = Words::new(title, 0, title.len());
    // Parties before the title's verb are its givers ("Japan, South Korea and Britain pledge aid as …").
    let title_verb = title_words.words.iter().find(|(w, _, _)| is_trigger(w)).map_or(0, |w| w.1);
    let title_ws: Vec<&str> = title_words.words.iter().map(|(w, _, _)| w.as_str()).collect();
    let title_actors = find_actors(title, doc.published);
    let cued = |a: &Actor| roles::recipient_strength(title, &title_words, &title_ws, a).is_some();
    // "… announce energy support for Moldova as …": a party the title gives a role word comes first.
    let mut ranked: Vec<&Actor> = title_actors.iter().filter(|a| a.bytes.0 >= title_verb || cued(a)).collect();
    ranked.sort_by_key(|a| !cued(a));
    let parties: Vec<&'static str> = ranked
        .into_iter()
        .filter(|a| {
            !matches!(a.what, ActorRef::Country { via: crate::actors::Via::Adjective, .. } | ActorRef::Person { .. })
                && !names_meeting(a)
        })
        .filter_map(Actor::party)
        .filter(|p| Some(*p) != donor && Some(*p) != home)
        .fold(Vec::new(), |mut v, p| {
            if !v.contains(&p) {
                v.push(p);
            }
            v
        });
    // "Australia supports Papua New Guinea landslide response": a giving verb, its giver before it.
    let aid_title = title_words.words.iter().any(|(w, _, _)| cues::is_aid_word(w) || is_trigger(w));
    let lower = title.to_lowercase();
    let about_one = parties.len() == 1
        && ["fact sheet", "readout", "statement", "joint statement", "memorandum"].iter().any(|k| lower.starts_with(k));
    if !(aid_title || about_one) {
        return None;
    }
    // A forum of donors in the title counts as a party but never receives.
    Some((*parties.iter().find(|p| !cues::is_donor_group(p))?, c.statement, 1))
}

/// "House fails to pass standalone $17.6 billion Israel aid bill", "Senate passes $95 billion aid
/// package": a legislature voting on a bill. An executive's own announcement in such a document
/// is still one ("… on Senate Passage of Ukraine Supplemental": the new package, without a figure).
fn is_legislative_title(title: &str) -> bool {
    let words = Words::new(title, 0, title.len());
    let chamber = words.words.iter().any(|(w, _, _)| {
        matches!(w.as_str(), "house" | "senate" | "congress" | "parliament" | "bundestag" | "lawmakers" | "legislators")
    });
    let vote = words.words.iter().any(|(w, _, _)| {
        matches!(
            w.as_str(),
            "bill"
                | "vote"
                | "votes"
                | "voted"
                | "passes"
                | "passed"
                | "passage"
                | "fails"
                | "rejects"
                | "approves"
                | "blocks"
                | "stalls"
                | "supplemental"
                | "recess"
        )
    });
    chamber && vote
}

/// "Today, I am announcing another package of security assistance …", "a significant new
/// security assistance package": a package announced now, whether or not a figure is given.
/// Not one that continues ("will continue to provide"), is recalled ("last week's package") or
/// is asked of others.
/// One pass, no allocation: it runs on every sentence without a figure.
fn announces_package(words: &Words) -> bool {
    let (mut announcing, mut package, mut fresh) = (false, false, false);
    for (w, _, _) in &words.words {
        match w.as_str() {
            "announcing" | "announce" | "announces" | "authorizing" | "authorized" => announcing = true,
            "package" | "tranche" | "drawdown" => package = true,
            "new" | "another" | "additional" | "today" | "latest" | "further" => fresh = true,
            "last" | "previous" | "earlier" | "ago" | "yesterday" => return false,
            w if w.starts_with("continu") => return false,
            _ => {}
        }
    }
    announcing && package && fresh
}

/// Items named without a count in a package told without a figure ("artillery munitions, radars
/// and other equipment"): one per class, in order.
fn uncounted_items(words: &Words) -> Vec<(Item, (usize, usize))> {
    let mut out: Vec<(Item, (usize, usize))> = Vec::new();
    for (w, s, e) in &words.words {
        let Some((class, generic)) = crate::mentions::items::word_class(w) else { continue };
        // "weapons", "equipment" alone say nothing of what is given.
        if generic || matches!(w.as_str(), "weapons" | "equipment" | "capabilities" | "supplies" | "aid") {
            continue;
        }
        if out.iter().any(|(i, _)| i.class == class) {
            continue;
        }
        let item = Item { quantity: None, qualifier: None, upper: None, item: words.text[*s..*e].to_string(), class };
        out.push((item, (*s, *e)));
    }
    out
}

/// "Of the total, …", "Of this amount, …": the last word of an opening that names a figure told
/// before, of which the sentence gives a share.
fn share_opening(words: &Words) -> Option<usize> {
    let opening = clause_start(words);
    (words.words.get(opening).is_some_and(|w| w.0 == "of")
        && words.words.get(opening + 1).is_some_and(|w| matches!(w.0.as_str(), "the" | "this" | "that" | "these")))
    .then(|| {
        (opening + 2..(opening + 5).min(words.words.len())).find(|&k| words.text[words.words[k].2..].starts_with(','))
    })
    .flatten()
}

/// "would make 1.5 million Swiss francs available": the "make" of "make … available" is the
/// giving verb.
fn made_available(words: &Words, from: usize) -> Option<usize> {
    let ws = &words.words[from..];
    let k = ws.iter().position(|(w, _, _)| w == "available")?;
    ws[k.saturating_sub(8)..k]
        .iter()
        .rposition(|(w, _, _)| matches!(w.as_str(), "make" | "makes" | "made" | "making"))
        .map(|j| from + k.saturating_sub(8) + j)
}

/// The first word of a sentence's own clause: after a short label and colon
/// ("Bolstering Care Infrastructure: Since …"), else the first word.
fn clause_start(words: &Words) -> usize {
    let ws = &words.words;
    (1..ws.len().min(10)).find(|&k| words.text[ws[k - 1].2..ws[k].1].contains(':')).unwrap_or(0)
}

/// "This includes …", "These include …", "The package includes …", "Today's assistance also
/// includes …", "Including …": a sentence whose own clause lists the parts of something named before.
fn opens_breakdown(words: &Words) -> bool {
    let ws = &words.words;
    let k = clause_start(words);
    let includes = |w: &str| matches!(w, "includes" | "include" | "included" | "including" | "comprises" | "comprise");
    let subject = |w: &str| {
        matches!(
            w,
            "this"
                | "these"
                | "that"
                | "it"
                | "the"
                | "today's"
                | "today’s"
                | "also"
                | "new"
                | "package"
                | "packages"
                | "assistance"
                | "aid"
                | "support"
                | "funding"
                | "funds"
                | "total"
                | "amount"
                | "sum"
                | "announcement"
                | "commitment"
        )
    };
    let Some(at) = ws[k..].iter().take(5).position(|(w, _, _)| includes(w)) else { return false };
    // A bare "The includes" is no subject: a determiner needs its noun, a pronoun stands alone.
    let head = &ws[k..k + at];
    head.iter().all(|(w, _, _)| subject(w))
        && (at == 0 && ws[k].0 != "included"
            || head.iter().any(|(w, _, _)| !matches!(w.as_str(), "the" | "today's" | "today’s" | "also" | "new")))
}

/// Capitalised words that open a sentence without naming a private body: offices,
/// pronouns and sentence openers ("The President", "Vice President Harris", "Today").
fn is_official_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "i"
            | "we"
            | "our"
            | "it"
            | "he"
            | "she"
            | "they"
            | "this"
            | "these"
            | "today"
            | "in"
            | "under"
            | "through"
            | "with"
            | "as"
            | "since"
            | "by"
            | "to"
            | "for"
            | "on"
            | "at"
            | "also"
            | "additionally"
            | "together"
            | "president"
            | "vice"
            | "prime"
            | "minister"
            | "chancellor"
            | "secretary"
            | "ambassador"
            | "administrator"
            | "administration"
            | "government"
            | "department"
            | "ministry"
            | "congress"
            | "parliament"
            | "cabinet"
            | "treasury"
            | "state"
            | "federal"
            | "national"
            | "republic"
            | "kingdom"
            | "team"
            | "leaders"
    )
}

/// Words that name a private company ("U.S. firm", "LLC").
fn is_firm_word(w: &str) -> bool {
    matches!(w, "firm" | "firms" | "company" | "companies" | "llc" | "inc" | "corp" | "corporation" | "ltd" | "plc")
}

/// A line that opens a list item ("- ", "• ", "* ").
fn starts_list_item(line: &str) -> bool {
    line.trim_start().starts_with(['-', '•', '*', '–', '·'])
}

/// A transcript by its title: briefings, gaggles, remarks, press calls, interviews.
fn is_transcript(doc: &Document) -> bool {
    doc.title.as_deref().is_some_and(|t| {
        ["Briefing", "Gaggle", "Remarks", "Press Call", "Interview", "Town Hall"].iter().any(|k| t.contains(k))
    })
}

/// The country an official source speaks for, from its URL (whitehouse.gov → US).
fn home_party(doc: &Document) -> Option<&'static str> {
    let url = doc.url.as_deref()?;
    let host = url.split("://").nth(1)?.split('/').next()?.to_ascii_lowercase();
    const HOSTS: &[(&str, &str)] = &[
        ("whitehouse.gov", "US"),
        ("archives.gov", "US"),
        ("state.gov", "US"),
        ("defense.gov", "US"),
        ("treasury.gov", "US"),
        ("usaid.gov", "US"),
        ("gov.uk", "GB"),
        ("europa.eu", "EU"),
        ("bundesregierung.de", "DE"),
        ("bundeskanzler.de", "DE"),
        ("gc.ca", "CA"),
        ("canada.ca", "CA"),
        ("elysee.fr", "FR"),
        ("gouvernement.fr", "FR"),
        ("mofa.go.jp", "JP"),
        ("kantei.go.jp", "JP"),
        ("regjeringen.no", "NO"),
        ("government.se", "SE"),
        ("government.nl", "NL"),
        ("gov.pl", "PL"),
        ("um.dk", "DK"),
        ("valtioneuvosto.fi", "FI"),
        ("pm.gc.ca", "CA"),
        ("pm.gov.au", "AU"),
        ("dfat.gov.au", "AU"),
        ("foreignminister.gov.au", "AU"),
        ("defence.gov.au", "AU"),
        ("minister.defence.gov.au", "AU"),
        ("beehive.govt.nz", "NZ"),
        ("mfat.govt.nz", "NZ"),
        ("international.gc.ca", "CA"),
        ("mofa.go.kr", "KR"),
        ("auswaertiges-amt.de", "DE"),
        ("bmvg.de", "DE"),
        ("bmz.de", "DE"),
        ("rijksoverheid.nl", "NL"),
        ("diplomatie.gouv.fr", "FR"),
        ("defense.gouv.fr", "FR"),
        ("esteri.it", "IT"),
        ("governo.it", "IT"),
        ("lamoncloa.gob.es", "ES"),
        ("exteriores.gob.es", "ES"),
        ("gov.ie", "IE"),
        ("dfa.ie", "IE"),
        ("bmeia.gv.at", "AT"),
        ("admin.ch", "CH"),
        ("um.fi", "FI"),
        ("defmin.fi", "FI"),
        ("fm.dk", "DK"),
        ("mzv.gov.cz", "CZ"),
        ("vlada.gov.cz", "CZ"),
        ("urm.lt", "LT"),
        ("kam.lt", "LT"),
        ("mod.gov.lv", "LV"),
        ("mfa.ee", "EE"),
        ("vm.ee", "EE"),
        ("mea.gov.in", "IN"),
        ("pib.gov.in", "IN"),
        ("mofa.gov.sa", "SA"),
        ("ksrelief.org", "SA"),
        ("mofa.gov.ae", "AE"),
        ("eib.org", "EIB"),
        ("ebrd.com", "EBRD"),
        ("worldbank.org", "WB"),
        ("imf.org", "IMF"),
        ("adb.org", "ADB"),
        ("afdb.org", "AfDB"),
        ("aiib.org", "AIIB"),
        ("iadb.org", "IDB"),
    ];
    HOSTS.iter().find(|(h, _)| host == *h || host.ends_with(&format!(".{h}"))).map(|(_, c)| *c)
}

/// Whether the document speaks for `party`: its source, the announcer's country, a dateline
/// in that country ("October 4, 2024 - Ottawa, Ontario -"), or a story that never names the US,
/// so that a "$" can only be the donor's own.
fn speaks_for(doc: &Document, actors: &[Actor], c: &Candidate, party: &str) -> bool {
    home_party(doc) == Some(party)
        || c.announced_by.as_ref().is_some_and(|(p, _)| p.country.as_deref() == Some(party))
        || dateline_party(doc, actors) == Some(party)
        || !actors.iter().any(|a| a.party() == Some("US"))
}

/// The giver a headline names before its verb ("Canada announces …", "World Bank Approves …",
/// "Biden-Harris Administration Announces …"): the document's voice.
fn headline_giver(doc: &Document) -> Option<&'static str> {
    let title = doc.title.as_deref().or_else(|| {
        let head = doc.segments.iter().find(|g| g.kind == crate::document::SegmentKind::Headline)?;
        doc.text.get(head.bytes.0..head.bytes.1)
    })?;
    let words = Words::new(title, 0, title.len());
    // A verb, not a noun that names the aid ("Israel aid bill", "Ukraine support package").
    let trigger = words
        .words
        .iter()
        .find(|(w, _, _)| {
            is_trigger(w)
                && !matches!(
                    w.as_str(),
                    "aid"
                        | "assistance"
                        | "support"
                        | "package"
                        | "funding"
                        | "loan"
                        | "loans"
                        | "grant"
                        | "grants"
                        | "deal"
                        | "tranche"
                        | "drawdown"
                        | "contract"
                        | "agreement"
                )
        })?
        .1;
    find_actors(title, doc.published)
        .iter()
        .filter(|a| a.bytes.1 <= trigger)
        .filter(|a| !matches!(a.what, ActorRef::Place { .. } | ActorRef::Company { .. }) && !a.is_channel())
        .rfind(|a| title[a.bytes.1..trigger].split_whitespace().count() <= 2)
        .and_then(Actor::party)
}

/// The country of the place a body opens with ("Warsaw, 21 November 2024", "October 4, 2024 -
/// Ottawa, Ontario -", "PARIS, April 15 (AFP) -"): where the statement was made.
fn dateline_party(doc: &Document, actors: &[Actor]) -> Option<&'static str> {
    use crate::document::SegmentKind;
    // The first paragraph after the title; a short first line under a separate title is a dateline, not a headline.
    let body = doc.segments.iter().find(|g| match g.kind {
        SegmentKind::Body => true,
        SegmentKind::Headline => doc.title.as_deref().is_some_and(|t| t != &doc.text[g.bytes.0..g.bytes.1]),
        _ => false,
    })?;
    actors
        .iter()
        .find(|a| a.bytes.0 >= body.bytes.0 && a.bytes.0 < body.bytes.0 + 40 && a.bytes.1 <= body.bytes.1)
        .filter(|a| matches!(a.what, ActorRef::Country { via: crate::actors::Via::Seat, .. } | ActorRef::Place { .. }))
        .filter(|a| {
            let rest = doc.text[a.bytes.1..].trim_start();
            // A wire's dateline ("PARIS, April 15 (AFP) -", "WASHINGTON (AP) —") says where the reporter
            // was, not who speaks.
            let name = &doc.text[a.bytes.0..a.bytes.1];
            let wire = name.chars().all(|c| !c.is_lowercase())
                || rest.get(..40.min(rest.len())).is_some_and(|r| r.contains('('));
            !wire && (rest.starts_with([',', '-', '–', '—']) || rest.starts_with(char::is_numeric))
        })
        .and_then(Actor::country)
}

/// The country whose own currency a figure is in: "PLN 20 million" is Polish money. The
/// euro and the dollar are shared, so they name no one.
fn currency_party(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "GBP" => "GB",
        "JPY" => "JP",
        "CAD" => "CA",
        "AUD" => "AU",
        "NZD" => "NZ",
        "SGD" => "SG",
        "HKD" => "HK",
        "TWD" => "TW",
        "CHF" => "CH",
        "NOK" => "NO",
        "SEK" => "SE",
        "DKK" => "DK",
        "PLN" => "PL",
        "CZK" => "CZ",
        "KRW" => "KR",
        "CNY" => "CN",
        "INR" => "IN",
        "TRY" => "TR",
        "SAR" => "SA",
        "AED" => "AE",
        "QAR" => "QA",
        "KWD" => "KW",
        _ => return None,
    })
}

/// The dollar of a country that names its own currency "$" at home.
fn own_dollar(country: &str) -> Option<&'static str> {
    ["CAD", "AUD", "NZD", "SGD", "HKD", "TWD"].into_iter().find(|c| currency_party(c) == Some(country))
}

/// A dollar figure that names no country's dollar: "$15 million", "up to $5m",
/// "five million dollars" (not "US$", "C$", "U.S. dollars").
fn is_bare_dollar(figure: &str) -> bool {
    match figure.find('$') {
        Some(i) => !figure[..i].ends_with(|ch: char| ch.is_alphabetic()),
        None => figure.contains("dollar") && !["US", "U.S", "American"].iter().any(|k| figure.contains(k)),
    }
}

/// With `PLEDGEWATCH_TRACE` set, says on stderr why a sentence with a figure was passed over.
fn trace(sentence: &str, why: &str) {
    if tracing() {
        eprintln!("trace: {why}: {sentence}");
    }
}

fn tracing() -> bool {
    static ON: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("PLEDGEWATCH_TRACE").is_some());
    *ON
}

/// Announcer and date from a sentence that refers to a commitment without a figure.
struct Meta {
    announced_by: Option<(Announcer, (usize, usize))>,
    announced_on: Option<(Date, (usize, usize))>,
    made_in: Option<(NamedIn, (usize, usize))>,
    supplier: Option<(NamedIn, (usize, usize))>,
}

impl Meta {
    /// Fills what the candidate lacks.
    fn fill(self, c: &mut Candidate) {
        if c.announced_by.is_none() {
            c.announced_by = self.announced_by;
        }
        if c.announced_on.is_none() {
            c.announced_on = self.announced_on;
        }
        if c.made_in.is_none() {
            c.made_in = self.made_in;
        }
        if c.supplier.is_none() {
            c.supplier = self.supplier;
        }
    }
}

/// "33 million tons of food exports": goods traded, not given.
fn is_trade(m: &Mention) -> bool {
    m.item.as_deref().is_some_and(|i| {
        let i = i.to_ascii_lowercase();
        ["export", "import", "trade"].iter().any(|w| i.contains(w))
    })
}

/// "an empty ship", "intercepted hundreds of rockets": one item counted by an article, or a
/// vague count, is given only when a giving verb governs it closely ("will send a Sea King
/// helicopter", "will send hundreds of drones").
fn loose_single(words: &Words, m: &Mention) -> bool {
    let lower = m.text.to_ascii_lowercase();
    let vague = ["hundreds of ", "thousands of ", "dozens of ", "tens of "].iter().any(|p| lower.starts_with(p));
    if !(lower.starts_with("a ") || lower.starts_with("an ") || lower.starts_with("another ") || vague) {
        return false;
    }
    let wi = words.index_at(m.bytes.0);
    !words.words[wi.saturating_sub(4)..wi].iter().any(|(w, _, _)| cues::is_trigger(w))
}

/// "what our Congress has done … $13.6 billion", "Congress passed $40 billion": an
/// appropriation recounted, which funds later packages but gives nothing itself.
fn legislated(words: &Words, figure_word: usize) -> bool {
    let head = &words.words[..figure_word.min(words.words.len())];
    head.iter().position(|(w, _, _)| w == "congress").is_some_and(|k| {
        head[k + 1..].iter().any(|(w, _, _)| {
            matches!(w.as_str(), "passed" | "done" | "appropriated" | "voted" | "enacted" | "approved")
        })
    })
}

/// "billions of dollars", "hundreds of millions of euros": a size without a figure is
/// rhetoric or a total, never the amount of a commitment a tracker could record.
fn vague(money: &str) -> bool {
    !money.contains(|c: char| c.is_ascii_digit())
        && money.split_whitespace().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "billions" | "millions" | "trillions" | "hundreds" | "tens" | "thousands"
            )
        })
}

/// "has delivered more than 190 million doses", "to date we have pledged 1.2
/// billion doses": a perfect tense just before a count, or a running total, tells
/// what was given, not what is given now.
fn recalled(words: &Words, wi: usize) -> bool {
    // The perfect may stand further back when the count is a part of a recalled one
    // ("to have delivered over 670 million doses, including 265 million…"), but not
    // across a "will" that starts a new act.
    let head = &words.words[..wi.min(words.words.len())];
    let from = head.iter().rposition(|(w, _, _)| w == "will").map_or(0, |k| k + 1);
    let before = &head[from..];
    let running_total = ["to date", "so far", "thus far", "in total"].iter().any(|p| words.phrase(p).is_some());
    // "200 trucks loaded with aid have entered Gaza": goods counted as they arrive, not pledged.
    let tail = &words.words[wi.min(words.words.len())..(wi + 12).min(words.words.len())];
    let arrived = tail.windows(2).any(|w| {
        matches!(w[0].0.as_str(), "has" | "have" | "had")
            && matches!(w[1].0.as_str(), "entered" | "crossed" | "arrived" | "reached")
    });
    (running_total
        || arrived
        || before.windows(2).any(|w| {
            matches!(w[0].0.as_str(), "has" | "have" | "had")
                && matches!(
                    w[1].0.as_str(),
                    "delivered"
                        | "provided"
                        | "donated"
                        | "given"
                        | "sent"
                        | "shipped"
                        | "supplied"
                        | "transferred"
                        | "distributed"
                        | "shared"
                )
        }))
        && !words.has("today")
}

/// "The leaders discussed the recent commitment to provide $28 million", "She
/// noted U.S. support … with $25 million": a readout that reports a conversation
/// about support names figures already given. It announces one only with an act
/// of now or later between the conversation verb and the figure ("welcomed the
/// signing of", "noted that the United States will provide").
fn is_discussed(words: &Words, figure_word: usize) -> bool {
    let head = &words.words[..figure_word.min(words.words.len())];
    let Some(verb) = head.iter().rposition(|(w, _, _)| cues::is_conversation(w)) else { return false };
    !head[verb + 1..].iter().any(|(w, _, _)| cues::is_fresh_act(w)) && !words.has("today")
}

/// The person named alone on the last line of a document: a signature.
fn signer<'a>(text: &str, actors: &'a [Actor]) -> Option<&'a Actor> {
    let body = text.trim_end();
    let start = body.rfind('\n').map_or(0, |k| k + 1);
    let last = &body[start..];
    if last.split_whitespace().count() > 6 {
        return None;
    }
    actors.iter().rev().find(|a| a.bytes.0 >= start && matches!(a.what, ActorRef::Person { .. }))
}

/// One sentence in context.
struct View<'a> {
    doc: &'a Document,
    text: &'a str,
    sentence: Sentence,
    mentions: &'a [Mention],
    /// Index of `mentions[0]` in the document's list.
    base: usize,
    actors: &'a [Actor],
    last_person: Option<&'a Actor>,
    /// The person whose name closes the document (a memorandum's or letter's signature).
    signer: Option<&'a Actor>,
    /// A headline states a commitment more loosely than the body.
    headline: bool,
    /// An earlier sentence of the document stated a commitment or gave a sum of money.
    after_commitment: bool,
    /// The document reports a legislature's vote on a bill: its figures are the bill's.
    legislative: bool,
}

impl View<'_> {
    fn candidates(&self, words: &Words, out: &mut Vec<Candidate>) {
        let sentence_text = &self.text[self.sentence.start..self.sentence.end];
        if sentence_text.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with('?') {
            return;
        }
        // A reporter's question in a briefing transcript ("Q Mr. President, …").
        let seg_start = self
            .doc
            .segments
            .iter()
            .find(|g| g.bytes.0 <= self.sentence.start && self.sentence.start < g.bytes.1)
            .map_or(self.sentence.start, |g| g.bytes.0);
        if self.text[seg_start..].starts_with("Q ") || self.text[seg_start..].starts_with("Q:") {
            return trace(sentence_text, "a reporter's question");
        }
        let moneys = self.new_money(words);
        let mut items: Vec<(Item, (usize, usize))> = self
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Quantity && m.class.is_some_and(|c| c != ItemClass::Other))
            .filter(|m| !recalled(words, words.index_at(m.bytes.0)) && !loose_single(words, m) && !is_trade(m))
            // "This builds on…", "as of February": counts told as totals, like figures.
            .filter(|m| !self.is_total(words, words.index_at(m.bytes.0), m) && !self.not_goods(m))
            .map(|m| (to_item(m), m.bytes))
            .collect();
        // "I am announcing another package of security assistance that will provide additional
        // artillery munitions, radars, and other equipment to Ukraine": a package told without a figure.
        let package_only = moneys.is_empty() && items.is_empty() && announces_package(words);
        if package_only {
            items = uncounted_items(words);
        }
        if moneys.is_empty() && items.is_empty() && !package_only {
            return;
        }
        // "This includes $5 million for…", "The package includes 20 vehicles": parts of a figure
        // already stated; its items join that commitment, its money is no commitment of its own.
        if self.after_commitment && opens_breakdown(words) {
            trace(sentence_text, "a breakdown of an earlier figure");
            self.continuation(words, items, &[], out);
            return;
        }
        // "sanctioned … seven shipping companies, which own 69 vessels": counts of a sanctions list.
        if moneys.is_empty() && words.words.iter().any(|(w, _, _)| w.starts_with("sanction")) {
            return trace(sentence_text, "sanctions");
        }
        // "The deal is worth about 39 billion zloty": the value of the deal just told, restated.
        if matches!(
            words.words.iter().take(4).map(|w| w.0.as_str()).collect::<Vec<_>>().as_slice(),
            [
                "the" | "this",
                "deal" | "contract" | "agreement" | "package" | "order" | "loan" | "sale",
                "is" | "was",
                "worth" | "valued"
            ]
        ) {
            trace(sentence_text, "the value of the deal just told");
            self.continuation(words, items, &moneys, out);
            return;
        }
        // A bullet's label ("Strengthening Supply Chains: …") is a heading, not the act.
        let opening = clause_start(words);
        let Some(trigger) = words.words[opening..]
            .iter()
            .position(|(w, _, _)| is_trigger(w))
            .map(|k| k + opening)
            .or_else(|| made_available(words, opening))
            .or_else(|| self.named_project(words, &moneys))
            // "• NZ$5 million for Gaza, …" under "The funding comprises:": a listed figure is the act.
            .or_else(|| {
                (starts_list_item(sentence_text) && self.after_lead_in())
                    .then(|| moneys.first())
                    .flatten()
                    .map(|&k| words.index_at(self.mentions[k].bytes.0))
            })
        else {
            trace(sentence_text, "no trigger word");
            self.continuation(words, items, &moneys, out);
            return;
        };
        let first_figure =
            moneys.first().map(|&k| self.mentions[k].bytes.0).or(items.first().map(|i| i.1.0)).unwrap_or(0);
        let figure_word = words.index_at(first_figure);
        if self.is_call_or_condition(words, figure_word) {
            return trace(sentence_text, "a call, hope or condition");
        }
        if legislated(words, figure_word) {
            return trace(sentence_text, "a law passed by Congress (an appropriation)");
        }
        if self.legislative && !moneys.is_empty() {
            return trace(sentence_text, "a figure of a bill, in a report on a legislature's vote");
        }
        if self.bill_part(words) {
            return trace(sentence_text, "a part of the bill the sentence before speaks of");
        }
        if self.is_negated(words) {
            return trace(sentence_text, "negated");
        }
        // "Domestically, the United States allocated…": spending at home.
        if words.has("domestically") {
            return trace(sentence_text, "domestic spending");
        }
        if self.is_background(words) {
            return trace(sentence_text, "background (an earlier date)");
        }
        if is_discussed(words, figure_word) {
            return trace(sentence_text, "a meeting that discussed or welcomed support, announcing none");
        }
        if self.welcomed_unknown_giver(words, figure_word) {
            return trace(sentence_text, "another party's pledge, welcomed or discussed, by a giver no lexicon knows");
        }
        if self.is_company_deal(words, trigger) {
            return trace(sentence_text, "a deal between companies");
        }
        if self.is_joint(words, trigger) {
            return trace(sentence_text, "a joint figure of several givers");
        }
        if self.private_subject(words) {
            return trace(sentence_text, "a private giver");
        }
        if self.is_transcript_recap(words) {
            return trace(sentence_text, "a transcript that recalls rather than announces");
        }
        // Items alone make a commitment only with a military or relief class and a clear verb.
        if moneys.is_empty()
            && !package_only
            && !items.iter().any(|(i, _)| {
                i.class.is_military()
                    || matches!(
                        i.class,
                        ItemClass::Medical | ItemClass::Food | ItemClass::EnergyEquipment | ItemClass::Equipment
                    )
            })
        {
            return;
        }
        let roles = roles::Roles::find(self, words, trigger);
        if tracing() {
            let at = |r: Option<roles::Role>| r.map(|r| (r.0, &self.text[r.1.0..r.1.1], r.2));
            let why = format!(
                "roles: giver {:?}, recipient {:?}, spread {}",
                at(roles.donor),
                at(roles.recipient),
                roles.spread
            );
            trace(sentence_text, &why);
        }
        let (category, instrument, status) = classify(words, &items);
        // A purchase is a commitment when it buys arms; goods bought otherwise are trade.
        if roles.purchase && category != Some(Category::Military) {
            return trace(sentence_text, "a purchase of goods (trade)");
        }
        let announced_by = self.announcer(words);
        let announced_on = self.announced_on();
        let period = self.period(words);
        let made_in = made_in_of(words, &self.actors.iter().collect::<Vec<_>>());
        let supplier = self.supplier();
        let statement = (self.sentence.start, self.sentence.end);
        let aid_word = words.words.iter().any(|(w, _, _)| cues::is_aid_word(w));
        let make = |amount: Option<(Amount, (usize, usize))>,
                    money: Vec<usize>,
                    instrument: Option<Instrument>,
                    items: Vec<(Item, (usize, usize))>| {
            let mut score = 0.35;
            if roles.donor.as_ref().is_some_and(|d| d.2 >= 2) {
                score += 0.2;
            }
            if roles.recipient.as_ref().is_some_and(|r| r.2 >= 2) {
                score += 0.2;
            }
            if amount.is_some() {
                score += 0.1;
            }
            if !items.is_empty() {
                score += 0.05;
            }
            if words.words.iter().any(|(w, _, _)| {
                matches!(
                    w.as_str(),
                    "announced" | "pledged" | "will" | "signed" | "approved" | "authorized" | "authorised"
                )
            }) {
                score += 0.05;
            }
            if self.headline {
                score -= 0.1;
            }
            Candidate {
                donor: roles.donor,
                recipient: roles.recipient,
                amount,
                money,
                items,
                made_in: made_in.clone(),
                supplier: supplier.clone(),
                announced_by: announced_by.clone(),
                announced_on,
                period: period.clone(),
                category,
                instrument,
                status,
                statement,
                score: f64::min(score, 0.95),
                continuation: false,
                aid_word,
                share: share_opening(words).is_some()
                    || matches!(words.words.get(..2), Some([a, b]) if a.0 == "the" && b.0 == "remaining"),
                spread: roles.spread,
            }
        };
        if moneys.is_empty() {
            out.push(make(None, Vec::new(), instrument, items));
            return;
        }
        // A figure passed over before the first new one still ends its clause: "Following the U.S.
        // contribution of $100 million, Kuwait and Qatar pledged $25 million each".
        let first_new = self.mentions[moneys[0]].bytes.0;
        let dropped_before = self
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Money && m.bytes.1 <= first_new)
            .map(|m| m.bytes.1)
            .max();
        let mut prev_end = dropped_before.unwrap_or(self.sentence.start);
        let ws: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
        for (n, &k) in moneys.iter().enumerate() {
            let m = &self.mentions[k];
            let amount = to_amount(m);
            let next_figure = moneys.get(n + 1).map_or(self.sentence.end, |&k2| self.mentions[k2].bytes.0);
            // A role the sentence gives from another figure's clause ("France committed €110m, while
            // Baerbock announced €244m from Berlin") is not this figure's.
            let clause_from = prev_end;
            let elsewhere = |r: Option<roles::Role>| {
                moneys.len() > 1 && r.is_some_and(|r| r.1.0 >= next_figure || r.1.1 <= clause_from)
            };
            // "Denmark will contribute DKK 1bn, Norway NOK 1.5bn and Sweden SEK 1.2bn": each figure's own
            // donor, the subject of its own clause (not "needs in Gaza, and $10m").
            let own_donor = if let Some(p) = self.party_before_bracket(m) {
                Some(p)
            } else if n > 0 || dropped_before.is_some() || elsewhere(roles.donor) {
                self.actors.iter().rev().find(|a| {
                    let wi = words.index_at(a.bytes.0);
                    a.bytes.0 >= prev_end
                        && a.bytes.1 <= m.bytes.0
                        && matches!(a.what, ActorRef::Country { .. } | ActorRef::Institution { .. })
                        && !a.is_channel()
                        && !(wi > 0
                            && (roles::is_preposition(ws[wi - 1])
                                || matches!(ws[wi - 1], "to" | "for" | "toward" | "towards" | "against")))
                        && roles.recipient.is_none_or(|r| Some(r.0) != a.party())
                })
            } else {
                None
            };
            prev_end = m.bytes.1;
            let local = local_instrument(words, m.bytes).or(instrument);
            let mut ids = vec![self.base + k];
            if let Some(l) = m.linked {
                ids.push(l);
            }
            // Items go with the first figure of the sentence.
            let its = if n == 0 { items.clone() } else { Vec::new() };
            let mut c = make(amount.map(|a| (a, m.bytes)), ids, local, its);
            if let Some(a) = own_donor
                && let Some(p) = a.party()
            {
                c.donor = Some((p, a.bytes, 2));
            } else if moneys.len() > 1 && (elsewhere(c.donor) || c.donor.is_some_and(|d| d.2 < 2)) {
                // Another clause's giver, or one merely named, is not this figure's: the document decides.
                c.donor = None;
            }
            // "100 million euros to COVAX, 50 million euros to WHO", "$40m for needs in Gaza, and $10m for
            // people in Lebanon": each figure's own recipient, named in its own clause.
            if moneys.len() > 1 {
                let own = self.recipient_right_after(words, m.bytes.1, next_figure).or_else(|| {
                    self.actors.iter().find(|a| {
                        a.bytes.0 >= m.bytes.1
                            && a.bytes.1 <= next_figure
                            && !a.is_channel()
                            && roles::recipient_strength(self.text, words, &ws, a).is_some()
                            && !roles::in_country_list(self.text, self.actors, a)
                    })
                });
                if let Some(a) = own
                    && let Some(p) = a.party()
                    && c.donor.is_none_or(|d| d.0 != p)
                {
                    c.recipient = Some((p, a.bytes, 3));
                } else if elsewhere(c.recipient) && c.recipient.is_some_and(|r| r.1.0 >= next_figure) {
                    c.recipient = None;
                }
            }
            // "an $800 million initiative; … two countries to the EBRD", "$3.5 million in technical
            // assistance …, and a transfer of $1.5 million … to the World Bank": a recipient beyond a
            // semicolon or another figure belongs to another clause, and nothing else is borrowed.
            if let Some(r) = c.recipient
                && self.recipient_elsewhere(words, m, &c.money, r.1)
            {
                c.recipient = None;
                c.spread = true;
            }
            // "Kuwait, Qatar and the UAE pledged $25 million each", "… each pledged":
            // one commitment per giver.
            let distributive = words.has("each") || words.has("apiece");
            let givers = c.donor.filter(|_| distributive).map(|d| self.listed_with(d.1)).unwrap_or_default();
            let each = |at: usize| {
                let word = |k: usize| words.words.get(k).map_or("", |w| w.0.as_str());
                let k = words.index_at(at);
                // "will each provide", "have each pledged"
                let k = if matches!(word(k), "will" | "would" | "shall" | "have" | "has" | "are" | "also") {
                    k + 1
                } else {
                    k
                };
                matches!(word(k), "each" | "apiece")
            };
            if givers.len() > 1 && givers.last().is_some_and(|(a, _)| each(a.bytes.1) || each(m.bytes.1)) {
                for (a, p) in givers {
                    let mut g = c.clone();
                    g.donor = Some((p, a.bytes, 3));
                    out.push(g);
                }
            } else {
                out.push(c);
            }
        }
    }

    /// Whether a recipient at `r` stands in another clause than the figure `m`: a semicolon
    /// between them, or another figure (not a twin of this one, not a bracketed conversion)
    /// between the figure and a recipient after it.
    fn recipient_elsewhere(&self, words: &Words, m: &Mention, ids: &[usize], r: (usize, usize)) -> bool {
        let (lo, hi) = if r.0 >= m.bytes.1 { (m.bytes.1, r.0) } else { (r.1, m.bytes.0) };
        if self.text.get(lo..hi).is_none_or(|gap| gap.contains(';')) {
            return true;
        }
        r.0 >= m.bytes.1
            && self.mentions.iter().enumerate().any(|(k, x)| {
                x.kind == MentionKind::Money
                    // A total told in passing ("for a matching total of $100 million") opens no clause.
                    && !{
                        let wx = words.index_at(x.bytes.0);
                        words.words[wx.saturating_sub(3)..wx].iter().any(|(w, _, _)| TOTAL_CUES.contains(&w.as_str()))
                    }
                    && !ids.contains(&(self.base + k))
                    && x.linked.is_none_or(|l| !ids.contains(&l))
                    && x.bytes.0 >= m.bytes.1
                    && x.bytes.1 <= r.0
                    && !self.text[..x.bytes.0].trim_end().ends_with('(')
            })
    }

    /// The countries and institutions listed together with the actor at `at`
    /// ("Kuwait, Qatar, Saudi Arabia, and the UAE"), in order, with their parties.
    fn listed_with(&self, at: (usize, usize)) -> Vec<(&Actor, &'static str)> {
        let parties: Vec<(&Actor, &'static str)> = self
            .actors
            .iter()
            .filter(|a| a.bytes.0 >= self.sentence.start && a.bytes.1 <= self.sentence.end)
            .filter(|a| !matches!(a.what, ActorRef::Person { .. }))
            .filter_map(|a| Some((a, a.party()?)))
            .collect();
        let Some(k) = parties.iter().position(|(a, _)| a.bytes == at) else { return Vec::new() };
        let joined = |j: usize| {
            self.text.get(parties[j].0.bytes.1..parties[j + 1].0.bytes.0).is_some_and(|gap| {
                gap.split(|c: char| c == ',' || c.is_whitespace()).all(|w| matches!(w, "" | "and" | "the"))
            })
        };
        let (mut lo, mut hi) = (k, k);
        while lo > 0 && joined(lo - 1) {
            lo -= 1;
        }
        while hi + 1 < parties.len() && joined(hi) {
            hi += 1;
        }
        parties[lo..=hi].to_vec()
    }

    /// A party named just after a figure with "to" or "for" ("€50m to the WHO"),
    /// before the next figure.
    fn recipient_right_after(&self, words: &Words, from: usize, until: usize) -> Option<&Actor> {
        let first = words.index_at(from);
        self.actors
            .iter()
            .find(|a| {
                let wi = words.index_at(a.bytes.0);
                a.bytes.0 >= from
                    && a.bytes.1 <= until
                    && wi > first
                    && wi - first <= 4
                    && matches!(words.words[wi - 1].0.as_str(), "to" | "for" | "towards" | "toward" | "the")
                    && words.words[first..wi]
                        .iter()
                        .any(|(w, _, _)| matches!(w.as_str(), "to" | "for" | "towards" | "toward"))
                    && !matches!(a.what, ActorRef::Person { .. } | ActorRef::Place { .. } | ActorRef::Company { .. })
            })
            .or_else(|| self.firm_in_country_after(words, first, until))
    }

    /// "$7.4 million in financing to Sapele Power in Nigeria": a firm's country, when the
    /// figure goes "to" a named body "in" a country before the next figure.
    fn firm_in_country_after(&self, words: &Words, first: usize, until: usize) -> Option<&Actor> {
        let to =
            (first..words.words.len().min(first + 5)).find(|&k| matches!(words.words[k].0.as_str(), "to" | "for"))?;
        let named = self.text[words.words.get(to + 1)?.1..].starts_with(|c: char| c.is_uppercase());
        self.actors.iter().find(|a| {
            let wi = words.index_at(a.bytes.0);
            named
                && a.bytes.1 <= until
                && wi > to + 1
                && wi - to <= 10
                && words.words[wi - 1].0 == "in"
                && matches!(a.what, ActorRef::Country { via: crate::actors::Via::Name, .. })
        })
    }

    /// "Sir Keir Starmer announced the agreement today (10th)": an announcer or
    /// a date for a commitment stated in another sentence.
    fn meta(&self, words: &Words) -> Option<Meta> {
        let refers = words.words.iter().any(|(w, _, _)| {
            matches!(
                w.as_str(),
                "deal"
                    | "agreement"
                    | "package"
                    | "loan"
                    | "announcement"
                    | "contract"
                    | "funding"
                    | "grant"
                    | "tranche"
                    | "pledge"
                    | "contribution"
                    | "aid"
                    | "assistance"
            )
        });
        if !refers || self.is_negated(words) {
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
    fn supplier(&self) -> Option<(NamedIn, (usize, usize))> {
        self.actors.iter().find_map(|a| match a.what {
            ActorRef::Company { name, country } => {
                Some((NamedIn { name: name.to_string(), country: country.to_string() }, a.bytes))
            }
            _ => None,
        })
    }

    /// Items in a sentence that refers back ("The system…", "It…", "The package…").
    fn continuation(
        &self,
        words: &Words,
        items: Vec<(Item, (usize, usize))>,
        moneys: &[usize],
        out: &mut Vec<Candidate>,
    ) {
        let list_item = starts_list_item(&self.text[self.sentence.start..]);
        let anaphor = list_item
            || words.words.first().is_some_and(|(w, _, _)| {
                matches!(w.as_str(), "the" | "this" | "it" | "these" | "they" | "that" | "each")
            });
        // Hedges after the figures ("… and is expected to arrive") do not touch them.
        let first_figure = items
            .first()
            .map(|i| i.1.0)
            .into_iter()
            .chain(moneys.first().map(|&k| self.mentions[k].bytes.0))
            .min()
            .map_or(words.words.len(), |b| words.index_at(b));
        // "The tanks, worth A$245m, …": the value of the goods just given.
        let worth = match moneys {
            [k] => {
                let m = &self.mentions[*k];
                let wi = words.index_at(m.bytes.0);
                let before: Vec<&str> = words.words[wi.saturating_sub(3)..wi].iter().map(|w| w.0.as_str()).collect();
                matches!(
                    before.as_slice(),
                    [.., "worth"] | [.., "valued", "at"] | [.., "value", "of"] | [.., "costing"]
                )
                .then(|| to_amount(m).map(|a| (a, m.bytes, self.base + k)))
                .flatten()
            }
            _ => None,
        };
        if (items.is_empty() && worth.is_none())
            || !anaphor
            || self.is_negated(words)
            || self.is_call_or_condition(words, first_figure)
        {
            return;
        }
        out.push(Candidate {
            donor: None,
            recipient: None,
            amount: worth.as_ref().map(|w| (w.0.clone(), w.1)),
            money: worth.map(|w| vec![w.2]).unwrap_or_default(),
            items,
            made_in: None,
            supplier: None,
            announced_by: None,
            announced_on: None,
            period: None,
            category: None,
            instrument: None,
            status: None,
            statement: (self.sentence.start, self.sentence.end),
            score: 0.1,
            continuation: true,
            aid_word: words.words.iter().any(|(w, _, _)| cues::is_aid_word(w)),
            share: false,
            spread: false,
        });
    }

    /// "The Senate approved the package … It includes about $60 billion for Ukraine": the parts of a
    /// bill or motion that the paragraph has just named are the legislature's, not a giver's act.
    fn bill_part(&self, words: &Words) -> bool {
        // "It also contains …": an adverb does not change the subject.
        let ws: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).filter(|w| *w != "also").take(12).collect();
        let includes = |w: &&str| matches!(*w, "includes" | "include" | "contains" | "would" | "provides");
        // "The bill, approved 70-29 after a rare overnight session, includes …": an aside may stand between.
        let opens = match ws.as_slice() {
            ["it" | "this", verb, ..] => includes(verb),
            ["the", "package" | "bill" | "measure" | "legislation" | "law" | "proposal" | "motion", rest @ ..] => {
                rest.iter().any(includes)
            }
            _ => false,
        };
        // This paragraph up to the sentence, and the one before it.
        let here =
            self.doc.segments.iter().position(|g| g.bytes.0 <= self.sentence.start && self.sentence.start < g.bytes.1);
        let paragraph_start = here.map_or(self.sentence.start, |k| self.doc.segments[k.saturating_sub(1)].bytes.0);
        let before = &self.text[paragraph_start..self.sentence.start];
        opens
            && ["Senate", "House", "Congress", "Parliament", "parliament", "lawmakers", "legislators", "bill", "vote"]
                .iter()
                .any(|k| before.contains(k))
    }

    /// Whether the list this item belongs to follows a lead-in that ends with a colon ("The funding
    /// comprises:").
    fn after_lead_in(&self) -> bool {
        let Some(k) =
            self.doc.segments.iter().position(|g| g.bytes.0 <= self.sentence.start && self.sentence.start < g.bytes.1)
        else {
            return false;
        };
        self.doc.segments[..k]
            .iter()
            .rev()
            .find(|g| {
                g.kind == crate::document::SegmentKind::Body && !starts_list_item(&self.text[g.bytes.0..g.bytes.1])
            })
            .is_some_and(|g| self.text[g.bytes.0..g.bytes.1].trim_end().ends_with(':'))
    }

    /// "The $570 million Nigeria Improved Primary Health Care Project will …": a figure that sizes
    /// a named project or programme states its financing; the figure's word stands for the verb.
    fn named_project(&self, words: &Words, moneys: &[usize]) -> Option<usize> {
        let m = &self.mentions[*moneys.first()?];
        let rest = self.text.get(m.bytes.1..self.sentence.end)?;
        let name: Vec<&str> =
            rest.split_whitespace().take(9).take_while(|w| w.starts_with(char::is_uppercase)).collect();
        let last = name.last()?.trim_end_matches([',', '.', ';', ':']);
        (name.len() >= 2
            && matches!(last, "Project" | "Program" | "Programme" | "Facility" | "Operation" | "Initiative" | "Fund"))
        .then(|| words.index_at(m.bytes.0))
    }

    /// The money mentions that state new commitments: not parts of a total
    /// ("including $5m for…"), not running totals, not budgets or sanctions,
    /// and only one of a figure given twice.
    fn new_money(&self, words: &Words) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen_part_cue = false;
        let mut first_money_word = None;
        let mut last_total: Option<usize> = None;
        for (k, m) in self.mentions.iter().enumerate() {
            if m.kind != MentionKind::Money {
                continue;
            }
            if m.linked.is_some_and(|l| l < self.base + k) || self.corrected(k) {
                continue;
            }
            let wi = words.index_at(m.bytes.0);
            if let Some(f) = first_money_word {
                let between = &words.words[f..wi];
                if between.iter().any(|(w, _, _)| {
                    matches!(
                        w.as_str(),
                        "including" | "includes" | "include" | "comprising" | "which" | "this" | "these"
                    )
                }) {
                    seen_part_cue = true;
                }
                // "an initial £1.16bn with the potential for a further £500m": an option of the same deal.
                let near = &words.words[wi.saturating_sub(5)..wi];
                if near.iter().any(|(w, _, _)| {
                    matches!(w.as_str(), "potential" | "possible" | "option" | "optional" | "possibly")
                }) {
                    continue;
                }
            }
            if seen_part_cue {
                continue;
            }
            // Inside brackets: an aside or a conversion — unless a party names it: "Japan ($1.08 billion)".
            let before = &self.text[self.sentence.start..m.bytes.0];
            // "(to $100 million)" after a raised pledge gives its new level.
            let raised_to = before.trim_end().ends_with("(to");
            if before.matches('(').count() > before.matches(')').count()
                && self.party_before_bracket(m).is_none()
                && !raised_to
            {
                continue;
            }
            // A few dollars ("$700 for critical needs", "16 cents a dose") is a price, not support.
            let small = matches!(&m.value, crate::mentions::MentionValue::Number(v) if *v < rust_decimal::Decimal::from(10_000));
            // "has provided $26m to El Salvador, $81m to Guatemala…": the list shares the first figure's verb,
            // until a verb of its own ("…, Kuwait and Qatar pledged $25 million each").
            let same_list = last_total.is_some_and(|t| {
                !words.words[t..wi]
                    .iter()
                    .any(|(w, _, _)| w == "will" || (is_trigger(w) && (!cues::is_aid_word(w) || w.ends_with("ed"))))
            });
            if same_list || (self.is_total(words, wi, m) && !self.split_among_channels(words, m)) {
                last_total = Some(words.index_at(m.bytes.1));
                continue;
            }
            if small || vague(&self.text[m.bytes.0..m.bytes.1]) || self.is_other_money(words, wi, m) {
                continue;
            }
            if self.part_of_next(words, k) {
                continue;
            }
            first_money_word.get_or_insert(wi);
            out.push(k);
        }
        out
    }

    /// "NZ$5 million for Gaza, of which NZ$2 million will go to UNRWA and NZ$3 million to the World
    /// Food Programme": a figure split among agencies that carry it is one gift; the parts are not.
    fn split_among_channels(&self, words: &Words, m: &Mention) -> bool {
        let end = words.index_at(m.bytes.1);
        let of_which = words
            .words
            .get(end..(end + 6).min(words.words.len()))
            .is_some_and(|ws| ws.windows(2).any(|w| w[0].0 == "of" && w[1].0 == "which"));
        let parts: Vec<&Mention> =
            self.mentions.iter().filter(|n| n.kind == MentionKind::Money && n.bytes.0 > m.bytes.1).collect();
        of_which
            && !parts.is_empty()
            && parts.iter().all(|n| {
                let after = words.index_at(n.bytes.1);
                self.actors.iter().any(|a| {
                    let wa = words.index_at(a.bytes.0);
                    a.is_channel() && wa >= after && wa <= after + 5
                })
            })
    }

    /// "At least $50 million of the $150 million pledge": a share of the figure that follows.
    fn part_of_next(&self, words: &Words, k: usize) -> bool {
        let m = &self.mentions[k];
        let end = words.index_at(m.bytes.1);
        if words.words.get(end).is_none_or(|w| w.0 != "of") {
            return false;
        }
        let Some(next) = self.mentions[k + 1..].iter().find(|n| n.kind == MentionKind::Money) else { return false };
        words.index_at(next.bytes.0) <= end + 6 && next.currency == m.currency
    }

    /// A speaker who corrects himself ("another $800 billion — $800 million"): the figure
    /// right after a dash, in the same currency, replaces this one.
    fn corrected(&self, k: usize) -> bool {
        let m = &self.mentions[k];
        self.mentions.get(k + 1).is_some_and(|n| {
            n.kind == MentionKind::Money
                && n.currency == m.currency
                && self.text.get(m.bytes.1..n.bytes.0).is_some_and(|gap| {
                    let gap = gap.trim();
                    !gap.is_empty() && gap.chars().all(|c| matches!(c, '—' | '–' | '.' | '…' | ' '))
                })
        })
    }

    /// A count that names no goods: "zero emissions vehicles", "another round of assistance",
    /// "a world without nuclear weapons".
    fn not_goods(&self, m: &Mention) -> bool {
        let zero = matches!(&m.value, MentionValue::Number(v) if v.is_zero());
        let without = m.text.contains(" without ");
        let round_of = m.item.as_deref().is_some_and(|i| i.eq_ignore_ascii_case("round"))
            && self.text[m.bytes.1..].starts_with(" of ");
        zero || without || round_of
    }

    /// "Root Capital has committed to lend…", "Heifer International committed…": a subject
    /// that no lexicon knows and that is no office of government is a private giver.
    fn private_subject(&self, words: &Words) -> bool {
        let ws = &words.words;
        let start = clause_start(words);
        let mut k = start;
        while k < ws.len() && k - start < 5 && self.text[ws[k].1..].starts_with(char::is_uppercase) {
            k += 1;
        }
        if k == start || k >= ws.len() {
            return false;
        }
        let official = ws[start..k].iter().any(|(w, _, _)| is_official_word(w));
        let known = self.actors.iter().any(|a| a.bytes.0 < ws[k - 1].2 && a.bytes.1 > ws[start].1);
        let acts = matches!(
            ws[k].0.as_str(),
            "has"
                | "have"
                | "will"
                | "committed"
                | "commits"
                | "contributed"
                | "contributes"
                | "donated"
                | "donates"
                | "pledged"
                | "pledges"
                | "plans"
                | "intends"
        );
        !official && !known && acts
    }

    /// The party that a bracketed figure belongs to: "Japan ($1.08 billion)".
    fn party_before_bracket(&self, m: &Mention) -> Option<&Actor> {
        let open = self.text[..m.bytes.0].rfind('(')?;
        let between = self.text[open + 1..m.bytes.0].trim();
        if !(between.is_empty() || matches!(between, "to" | "nearly" | "about" | "some" | "over" | "almost")) {
            return None;
        }
        self.actors.iter().find(|a| {
            a.party().is_some()
                && !matches!(a.what, ActorRef::Person { .. })
                && self.text.get(a.bytes.1..open).is_some_and(|gap| gap.trim().is_empty())
        })
    }

    /// "more than $60 billion since 2022", "bringing the total to $44bn".
    fn is_total(&self, words: &Words, wi: usize, m: &Mention) -> bool {
        // "since February 2022", "since the start of the war": the sentence tells a total,
        // unless the "since" belongs to a later clause that adds this figure to one
        // ("$30 million more, bringing the total since the start of the pandemic to $65 million").
        let end_wi = words.index_at(m.bytes.1);
        let adds_to_later = |since: usize| {
            since > end_wi
                && words.words[end_wi..since]
                    .iter()
                    .any(|(w, _, _)| matches!(w.as_str(), "bringing" | "brings" | "bring" | "resulting" | "total"))
        };
        let since_date = self.mentions.iter().any(|d| {
            d.kind == MentionKind::Date && {
                let k = words.index_at(d.bytes.0);
                // "since February": the word may open the date mention itself (an open interval).
                let since_at =
                    if words.words.get(k).is_some_and(|w| w.0 == "since") { Some(k) } else { k.checked_sub(1) };
                since_at.is_some_and(|j| words.words[j].0 == "since" && !adds_to_later(j))
            }
        });
        if since_date
            || ["since the start", "since the beginning", "since the full-scale", "since russia"]
                .iter()
                .any(|p| words.phrase(p).is_some_and(|k| !adds_to_later(k)))
        {
            return true;
        }
        // "funded from the £4.5bn of…", "funded from the UK's £3 billion of annual military aid": a source
        // budget, not a new figure.
        let w = |k: usize| words.words.get(k).map_or("", |x| x.0.as_str());
        let possessive_before = wi > 0 && (w(wi - 1).ends_with("'s") || w(wi - 1).ends_with("’s"));
        let k = if possessive_before { wi - 1 } else { wi };
        if k > 0 && (w(k - 1) == "from" || (k > 1 && w(k - 1) == "the" && w(k - 2) == "from")) {
            return true;
        }
        // "Of the total, $7 million will go to Sudan": a share of the last sentence's figure, told
        // as new; the opening's "total" is that figure's.
        let opening = clause_start(words);
        let share_opening = share_opening(words).filter(|&k| k < wi);
        // The figure the opening names ("Of the $200 million in guarantees, …") is told, not given.
        let in_share_opening = words.words.get(opening).is_some_and(|w| w.0 == "of")
            && words
                .words
                .get(opening + 1)
                .is_some_and(|w| matches!(w.0.as_str(), "the" | "this" | "that" | "its" | "our"))
            && wi <= opening + 3
            && share_opening.is_none();
        if in_share_opening {
            return true;
        }
        let lo = wi.saturating_sub(8).max(share_opening.map_or(0, |k| k + 1));
        let before: Vec<&str> = words.words[lo..wi].iter().map(|(w, _, _)| w.as_str()).collect();
        let hi = (end_wi + 5).min(words.words.len());
        let after: Vec<&str> = words.words[end_wi..hi].iter().map(|(w, _, _)| w.as_str()).collect();
        let has = |ws: &[&str], cue: &str| {
            let parts: Vec<&str> = cue.split(' ').collect();
            ws.windows(parts.len()).any(|win| win == parts.as_slice())
        };
        // "two agreements … worth a combined $15m": the value of the deals just named, not a sum of givers.
        let worth_combined = has(&before, "worth a combined");
        // "A total of CHF 1.5 billion will be made available": a sum decided now, not a tally.
        let future_total = |c: &str| matches!(c, "total" | "total of") && has(&after, "will");
        let before_hit = TOTAL_CUES
            .iter()
            .any(|c| *c != "since" && !(worth_combined && *c == "combined") && !future_total(c) && has(&before, c));
        let after_hit = [
            "since",
            "so far",
            "to date",
            "in total",
            "thus far",
            "in all",
            "altogether",
            "of that",
            "of this",
            "of the total",
            "of which",
            "over the last",
            "over the past",
            "in the last",
            "in the past",
            "as of",
            "signed into law",
            "that we committed",
            "that was announced",
            "already committed",
            "jointly",
            "collectively",
            "is needed",
            "are needed",
            "needed",
            "annually",
            "annual",
            "a year",
            "per year",
        ]
        .iter()
        .any(|c| has(&after, c));
        // Strong total words anywhere before the figure: "This brings total aid … to $474 million".
        let whole_before: Vec<&str> = words.words[..wi].iter().map(|(w, _, _)| w.as_str()).collect();
        let total_anywhere = has(&whole_before, "brings total")
            || has(&whole_before, "bringing total")
            || has(&whole_before, "brings the total")
            || has(&whole_before, "bringing the total")
            || has(&whole_before, "bring the total")
            || has(&whole_before, "bring total")
            // "A total of CHF 1.5 billion will be made available": a sum decided now, not a tally.
            || (has(&whole_before, "total of") && !has(&after, "will"))
            || has(&whole_before, "cumulative")
            || has(&whole_before, "altogether")
            || has(&whole_before, "amounts to")
            // "the total value of Finland's assistance to Ukraine rises to EUR 2.5 billion"
            || has(&whole_before, "total value")
            || has(&whole_before, "total amount")
            || has(&whole_before, "rises to")
            || has(&whole_before, "risen to")
            || has(&whole_before, "amount to")
            || has(&whole_before, "budget includes")
            || has(&whole_before, "budget request");
        // A reference to an earlier announcement: "builds on", "previous contribution of", "yesterday's announcement of".
        let earlier = [
            // Several givers' joint sum is no one donor's: "have collectively committed".
            "collectively",
            "together committed",
            "together pledged",
            "jointly",
            "builds on",
            "building on",
            "adds to",
            "adding to",
            "previous",
            "previously",
            "prior",
            "my initial",
            "already",
            // "The decision allows an immediate disbursement of SDR 618 million": the first draw on
            // the arrangement just approved, not a second commitment.
            "immediate disbursement",
            "immediately available",
            "our initial",
            "recap",
            "recently",
            "recent",
            "highlighted the",
            "last week",
            // "two weeks ago, the President committed to providing one million doses"
            "ago",
            "yesterday's",
            "yesterday’s",
            "announcement of",
            "exceeded",
            "exceeds",
            "totaled",
            "totalled",
            "amounted",
            "reached",
        ]
        .iter()
        .any(|c| has(&before, c))
            || [
                "builds on",
                "building on",
                "adds to",
                "adding to",
                "in addition to",
                "already underway",
                "as previously",
                "previously announced",
                "previously agreed",
                "previously set",
                "over the past",
                "over the last",
                "in the past",
                "for every",
                // "funding from previous appropriations will be used …: $4.5 billion to …"
                "previous appropriations",
                "prior appropriations",
                "previously appropriated",
            ]
            .iter()
            .any(|c| has(&whole_before, c));
        // What the rest of the sentence says of the figure: "… that President Biden recently signed into law";
        // up to the next figure, which the words after it describe ("$15 million — this adds to the
        // $10 million already committed").
        let next_figure = self
            .mentions
            .iter()
            .filter(|n| n.kind == MentionKind::Money && n.bytes.0 >= m.bytes.1)
            .map(|n| words.index_at(n.bytes.0))
            .min()
            .unwrap_or(words.words.len());
        let whole_after: Vec<&str> =
            words.words[end_wi..next_figure.max(end_wi)].iter().map(|(w, _, _)| w.as_str()).collect();
        // "… and is the largest Sweden has provided so far": a comparison, not a recap of this figure.
        let superlative = whole_after.iter().position(|w| matches!(*w, "largest" | "biggest" | "most" | "first"));
        let told_after = &whole_after[..superlative.unwrap_or(whole_after.len())];
        let later = [
            "signed into law",
            "that we committed",
            "already committed",
            "already provided",
            "for every",
            "already announced",
            "have given",
            "has given",
            "have provided",
            "has provided",
            "have sent",
            "has sent",
            "have delivered",
            "has delivered",
            "has been provided",
            "have been provided",
            "has been delivered",
            "have been delivered",
            "has been committed",
            "have been committed",
            "already",
            "over the last",
            "over the past",
        ]
        .iter()
        .any(|c| has(told_after, c));
        // "since I became President", "since taking office".
        let since_clause = whole_before.iter().chain(whole_after.iter()).any(|w| *w == "since")
            && words.words.iter().any(|(w, _, _)| matches!(w.as_str(), "has" | "have" | "had"));
        // "more than $706 million this fiscal year alone": a running figure for the year.
        let whole: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
        let this_year =
            (has(&after, "this fiscal year") || has(&whole, "this year alone") || has(&whole, "fiscal year alone"))
                && !words.has("will");
        // "To date, …", "In the past few weeks, …": a sentence that opens on a span of time tells totals.
        // A bullet's label comes first ("- Childcare: Since the fund was launched, …").
        let opening = clause_start(words);
        let opens_on_span = [
            "to date",
            "so far",
            "thus far",
            "in the past",
            "over the past",
            "over the last",
            "since",
            "in total",
            "in all",
            "overall",
            "altogether",
            "all told",
            "collectively",
        ]
        .iter()
        .any(|c| c.split(' ').zip(&words.words[opening..]).filter(|(a, b)| *a == b.0).count() == c.split(' ').count());
        // "… projects already underway"; "$2 billion across 46 transactions" sums many deals.
        let underway = has(&whole_after, "underway")
            || has(&whole_after, "under way")
            || after.first().is_some_and(|w| *w == "across")
                && words.words.get(end_wi + 1).is_some_and(|w| w.0.bytes().all(|b| b.is_ascii_digit()));
        // "The agreement follows the £2.26 billion loan agreed in October": the figure right after is an earlier deal's.
        let follows_earlier = matches!(
            before.as_slice(),
            [.., "follows" | "following" | "after" | "succeeds", "the" | "a" | "an"]
                | [.., "follows" | "following" | "after"]
                | [.., "on", "top", "of", "the" | "a" | "an"]
                | [.., "on", "top", "of", "the" | "a" | "an", "initial" | "earlier" | "previous" | "first"]
        );
        // "$50 million was provided to support…": a simple past passive tells what was given.
        let passive_past = ["was", "were"].iter().any(|be| {
            ["provided", "given", "delivered", "disbursed", "donated", "allocated", "spent"]
                .iter()
                .any(|v| has(&whole_after, &format!("{be} {v}")))
        }) && !words.has("today");
        // "through our $2 billion commitment to the Global Fund": a pledge the speaker already
        // owns, named as a means, unless the sentence makes it now.
        let owned_pledge = before.last().is_some_and(|w| matches!(*w, "our" | "its" | "their" | "his" | "her"))
            && after.first().is_some_and(|w| roles::is_pledge_noun(w))
            && !words
                .words
                .iter()
                .enumerate()
                .any(|(k, (w, _, _))| k != end_wi && (cues::is_fresh_act(w) || w == "today"));
        if total_anywhere
            || earlier
            || later
            || passive_past
            || since_clause
            || this_year
            || opens_on_span
            || underway
            || follows_earlier
            || owned_pledge
        {
            return true;
        }
        // "have provided more than $X": a perfect tense before the figure tells a past total.
        // A decision in the perfect is news ("the Ministry has allocated PLN 20 million", "the UAE has
        // pledged $200m"), unless generic givers made it ("donors have pledged $115bn").
        let generic_givers = words.words[..wi].iter().any(|(w, _, _)| {
            matches!(
                w.as_str(),
                "donors" | "partners" | "allies" | "countries" | "nations" | "participants" | "members"
            )
        });
        let decision = |w: &str| {
            (!generic_givers && w == "pledged")
                || matches!(
                    w,
                    "allocated"
                        | "approved"
                        | "announced"
                        | "agreed"
                        | "signed"
                        | "decided"
                        | "earmarked"
                        | "authorized"
                        | "authorised"
                        | "awarded"
                        | "unveiled"
                        | "launched"
                )
        };
        let perfect = before.windows(2).any(|w| {
            matches!(w[0], "have" | "has" | "had")
                && !decision(w[1])
                && (w[1].ends_with("ed") || matches!(w[1], "given" | "sent" | "lent" | "provided" | "spent"))
        });
        // "In FY2021 the United States provided over $9 billion": a past act told as a fact.
        let past_act = before.last().is_some_and(|w| {
            matches!(
                *w,
                "provided"
                    | "delivered"
                    | "gave"
                    | "sent"
                    | "spent"
                    | "contributed"
                    | "disbursed"
                    | "donated"
                    | "invested"
                    | "mobilized"
                    | "mobilised"
                    | "raised"
            )
        }) || (before.len() >= 2
            && matches!(
                before[before.len() - 2],
                "provided" | "delivered" | "gave" | "sent" | "spent" | "contributed" | "disbursed" | "donated"
            )
            && matches!(
                before[before.len() - 1],
                "over" | "nearly" | "more" | "almost" | "about" | "some" | "approximately" | "than"
            ));
        // An act of now before the figure: "additional" after it belongs to a later figure
        // ("contributed $25 million … and plan an additional $10 million").
        let announced = words.words[..wi].iter().any(|(w, _, _)| {
            matches!(
                w.as_str(),
                "announced" | "announce" | "announces" | "announcing" | "today" | "new" | "additional" | "will"
            )
        });
        if past_act && !announced {
            return true;
        }
        // "donors, who have promised $115bn": a perfect tense right before the figure.
        let fresh = words.has("today") || words.has("new") || words.has("additional");
        let perfect_just_before = perfect
            && before.len() >= 2
            && before[before.len() - 2..].iter().any(|w| matches!(*w, "have" | "has" | "had"))
            || perfect
                && before.last().is_some_and(|w| {
                    w.ends_with("ed") || matches!(*w, "given" | "sent" | "lent" | "provided" | "spent")
                });
        before_hit || after_hit || (perfect_just_before && !fresh)
    }

    /// Own budgets, sanctions, frozen assets, damage: words next to the figure
    /// ("budget support" is support, not a budget).
    fn is_other_money(&self, words: &Words, wi: usize, m: &Mention) -> bool {
        let lo = wi.saturating_sub(3);
        let end_wi = words.index_at(m.bytes.1);
        let hi = (end_wi + 4).min(words.words.len());
        let ws = &words.words;
        // "The remaining $2 million will support people in Lebanon": the rest of a split, not spare authority.
        let rest_of_split = |k: usize| ws[k].0 == "remaining" && k + 1 == wi && k == 1 && ws[0].0 == "the";
        (lo..wi).chain(end_wi..hi).any(|k| is_other_money(&ws[k].0) && !rest_of_split(k) && !(ws[k].0 == "budget" && ws.get(k + 1).is_some_and(|n| n.0 == "support")))
            // Private money leveraged or mobilised is not the donor's.
            || (lo..(end_wi + 4).min(ws.len())).any(|k| ["leverag", "mobilis", "mobiliz", "catalys", "catalyz", "spur", "unlock"].iter().any(|p| ws[k].0.starts_with(p)) || ws[k].0.contains("private"))
            // "to spend $1 billion on replacing pipelines": own spending.
            || ws[lo..wi].iter().any(|(w, _, _)| matches!(w.as_str(), "spend" | "spends" | "spending"))
            // "an innovative $2 billion multi-donor trust fund": the size of a pooled fund.
            || (end_wi..hi).any(|k| ws[k].0 == "multi-donor")
            // "toward a $650 billion allocation": an aim.
            || ws[lo..wi].iter().rev().find(|(w, _, _)| !matches!(w.as_str(), "a" | "an" | "the")).is_some_and(|(w, _, _)| w.starts_with("toward"))
            // "This $33 billion request": asked of a legislature, not given.
            || (end_wi..(end_wi + 2).min(ws.len())).any(|k| matches!(ws[k].0.as_str(), "request" | "requests" | "ask"))
    }

    /// Calls, hopes, questions, conditions and requests to a legislature before the figure.
    fn is_call_or_condition(&self, words: &Words, figure_word: usize) -> bool {
        let head = &words.words[..figure_word.min(words.words.len())];
        // "France would give 110 million euros, Macron told the conference": reported speech, before or after.
        let reported = words.words.iter().any(|(w, _, _)| {
            matches!(w.as_str(), "said" | "announced" | "confirmed" | "told" | "says" | "announces" | "stated")
        });
        let will_seek = |k: usize| k > 0 && head[k - 1].0 == "will" && head[k].0 == "seek";
        // "working toward a $650 billion allocation": an aim, not an act.
        let working_toward = |k: usize| {
            k > 0 && matches!(head[k - 1].0.as_str(), "work" | "working" | "works") && head[k].0.starts_with("toward")
        };
        head.iter()
            .enumerate()
            .any(|(k, (w, _, _))| (is_call_or_hope(w) && !will_seek(k)) || (w == "would" && !reported) || working_toward(k))
            // A condition anywhere: "doses that could be released if the FDA agrees".
            || words.words.iter().any(|(w, _, _)| matches!(w.as_str(), "if" | "unless" | "requested" | "requesting"))
            // "subject to the approval of the Government of Japan", "subject to adoption by Parliament".
            || words.phrase("subject to").is_some()
            || self.is_request()
    }

    /// A document or paragraph that asks a legislature for money ("White House Calls
    /// on Congress to Provide…", "the supplemental request includes…"): what it lists
    /// is not committed yet.
    fn is_request(&self) -> bool {
        let asks = |s: &str| {
            let l = s.to_lowercase();
            l.contains("calls on congress")
                || l.contains("request to congress")
                || l.contains("supplemental request")
                || l.contains("budget request")
                || l.contains("funding request")
                || l.contains("asking congress")
                || l.contains("ask congress")
                || l.contains("urges congress")
                // A government's budget proposal lists what it asks for: "The FY 2023 Budget provides…".
                || l.contains("budget provides")
                || l.contains("budget proposes")
                || l.contains("budget invests")
        };
        // A page about a budget ("… in the FY 2023 President's Budget") lists what is asked for.
        let budget_page = |t: &str| {
            let l = t.to_lowercase();
            l.split(|c: char| !c.is_alphanumeric()).any(|w| w == "budget") && !l.contains("budget support")
        };
        self.doc.title.as_deref().is_some_and(|t| asks(t) || budget_page(t))
            || asks(&self.text[self.sentence.start..self.sentence.end])
    }

    /// In a transcript (briefing, remarks, press call) most figures recall earlier
    /// packages: a figure counts only with an act of now or later ("today",
    /// "will", "announcing", "is providing").
    fn is_transcript_recap(&self, words: &Words) -> bool {
        is_transcript(self.doc)
            && !words.words.iter().any(|(w, _, _)| {
                matches!(
                    w.as_str(),
                    "today"
                        | "today's"
                        | "today’s"
                        | "will"
                        | "going"
                        | "intends"
                        | "intend"
                        | "announcing"
                        | "announce"
                        | "providing"
                        | "sending"
                        | "pledging"
                        | "committing"
                        | "authorizing"
                        | "approving"
                        | "tonight"
                        | "new"
                )
            })
    }

    /// "Together, the United States and Australia are delivering $115 million": one figure of
    /// several givers, whose shares the sentence does not tell.
    /// Not "spoke together with their counterparts": the givers stand side by side ("X and Y").
    fn is_joint(&self, words: &Words, trigger: usize) -> bool {
        let head = &words.words[..trigger];
        let together = head.iter().enumerate().any(|(k, (w, _, _))| {
            matches!(w.as_str(), "together" | "jointly") && head.get(k + 1).is_none_or(|n| n.0 != "with")
        });
        let givers: Vec<&Actor> = self
            .actors
            .iter()
            .filter(|a| words.index_at(a.bytes.0) < trigger && matches!(a.what, ActorRef::Country { .. }))
            .collect();
        let side_by_side = givers.windows(2).any(|p| {
            let gap = self.text.get(p[0].bytes.1..p[1].bytes.0).unwrap_or("x").trim();
            // The pair is the trigger's subject: "the United States and Australia are delivering".
            p[0].party() != p[1].party()
                && matches!(gap, "and" | "and the" | ", and" | ", and the")
                && trigger - words.index_at(p[1].bytes.1).min(trigger) <= 3
        });
        // "European countries allocated around €72 billion": a group of givers right before the verb.
        let group = trigger > 0 && head[trigger.saturating_sub(2)..].iter().any(|(w, _, e)| {
            matches!(w.as_str(), "countries" | "nations" | "allies" | "partners" | "donors" | "members" | "governments")
                    // "the GCC countries' pledge" names its owner.
                    && !self.text[*e..].starts_with(['\'', '’'])
        });
        (together && side_by_side) || group
    }

    /// "welcomed the decision by the Arab Coordination Group to provide $10 billion",
    /// "praised Acme Foundation's pledge of $5 million": the act welcomed is another
    /// party's, and that party is no government or institution the lexicon knows, so the
    /// one who welcomes it must not become its giver.
    fn welcomed_unknown_giver(&self, words: &Words, figure_word: usize) -> bool {
        let ws = &words.words;
        let head = &ws[..figure_word.min(ws.len())];
        let Some(verb) = head.iter().rposition(|(w, _, _)| cues::is_conversation(w)) else { return false };
        let known = |from: usize, to: usize| {
            self.actors
                .iter()
                .any(|a| !matches!(a.what, ActorRef::Company { .. }) && a.bytes.1 > from && a.bytes.0 < to)
        };
        (verb + 1..head.len()).any(|k| {
            if !roles::is_pledge_noun(&head[k].0) {
                return false;
            }
            // "the decision by the Arab Coordination Group", "the pledge of Acme Foundation"
            let by = ws.get(k + 1).is_some_and(|w| matches!(w.0.as_str(), "by" | "of"));
            let name_at = if ws.get(k + 2).is_some_and(|w| w.0 == "the") { k + 3 } else { k + 2 };
            let named_by = by
                && ws.get(name_at).is_some_and(|w| self.text[w.1..].starts_with(char::is_uppercase))
                && !known(ws[k + 1].2, ws[(name_at + 4).min(ws.len() - 1)].2);
            // "Acme Foundation's pledge"
            let owner = (k > verb + 1 && k >= 2).then(|| &ws[k - 1]).filter(|w| {
                (self.text[..w.2].ends_with("'s") || self.text[..w.2].ends_with("’s"))
                    && self.text[w.1..].starts_with(char::is_uppercase)
            });
            let named_owner = owner.is_some_and(|w| !known(ws[(k - 4).max(verb + 1)].1, w.2));
            named_by || named_owner
        })
    }

    /// "Boeing and Qatar Airways announced a $20 billion deal": a company before the
    /// verb or a deal "between" companies, with no government party acting.
    fn is_company_deal(&self, words: &Words, trigger: usize) -> bool {
        let company_before = self
            .actors
            .iter()
            .any(|a| matches!(a.what, ActorRef::Company { .. }) && words.index_at(a.bytes.0) < trigger);
        // "U.S. firm NuScale", "telecommunications company SubCom": a country that only
        // says where a firm is from acts for no government.
        let firm_after = |a: &Actor| {
            let k = words.index_at(a.bytes.1);
            words.words[k..(k + 3).min(words.words.len())].iter().any(|(w, _, _)| is_firm_word(w))
        };
        let government_subject = self.actors.iter().any(|a| {
            matches!(
                a.what,
                ActorRef::Country { via: crate::actors::Via::Name, .. }
                    | ActorRef::Person { .. }
                    | ActorRef::Institution { .. }
            ) && words.index_at(a.bytes.0) < trigger
                && !firm_after(a)
        });
        let firm_before = words.words[..trigger].iter().any(|(w, _, _)| is_firm_word(w));
        let between_companies = words.phrase("deal between").is_some()
            && self.actors.iter().any(|a| matches!(a.what, ActorRef::Company { .. }));
        ((company_before || firm_before) && !government_subject) || between_companies
    }

    /// "will not provide", "refused to send", "halted the delivery" ("not to exceed" is a ceiling),
    /// "is pausing $15 million", "will redirect $40 million of assistance away from the government".
    fn is_negated(&self, words: &Words) -> bool {
        let ws = &words.words;
        let moved_away = words.phrase("away from").is_some()
            && ws.iter().any(|(w, _, _)| ["redirect", "divert", "reprogram", "shift"].iter().any(|p| w.starts_with(p)));
        if moved_away {
            return true;
        }
        ws.iter().enumerate().any(|(k, (w, _, _))| {
            if w == "not"
                && ws.get(k + 1).is_some_and(|n| n.0 == "to")
                && ws.get(k + 2).is_some_and(|n| n.0 == "exceed")
            {
                return false;
            }
            matches!(
                w.as_str(),
                "not"
                    | "never"
                    | "won't"
                    | "won’t"
                    | "refused"
                    | "refuses"
                    | "declined"
                    | "rejected"
                    | "blocked"
                    | "halted"
                    | "suspended"
                    | "paused"
                    | "pausing"
                    | "pauses"
                    | "cancelled"
                    | "canceled"
                    | "withdrew"
                    | "withheld"
                    | "vetoed"
                    | "denied"
                    | "blocking"
                    | "block"
                    | "freezing"
                    | "isn't"
                    | "isn’t"
                    | "wasn't"
                    | "wasn’t"
                    | "haven't"
                    | "haven’t"
                    | "hasn't"
                    | "hasn’t"
                    | "didn't"
                    | "didn’t"
                    | "no"
            )
        })
    }

    /// A commitment told as background: a date in the sentence well before the document's.
    /// Whether the sentence is background: a date more than 60 days before publication.
    fn is_background(&self, words: &Words) -> bool {
        let Some(published) = self.doc.published else { return false };
        if words.has("today") || words.has("new") || words.has("will") || words.has("to") && words.has("be") {
            return false;
        }
        let limit = published.checked_sub(60.days()).unwrap_or(published);
        let names_a_law = |m: &Mention| {
            let before = self.text[self.sentence.start..m.bytes.0].trim_end();
            before.ends_with(" of")
                && before[..before.len() - 3].rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_uppercase))
        };
        // "in addition to its previous contribution in 2022": the date is the earlier act's;
        // "the hostilities of last year": a date that dates a noun, not the act.
        let earlier_act = |m: &Mention| {
            let k = words.index_at(m.bytes.0);
            if k > 0 && words.words[k - 1].0 == "of" {
                return true;
            }
            words.words[k.saturating_sub(4)..k]
                .iter()
                .any(|(w, _, _)| matches!(w.as_str(), "previous" | "prior" | "earlier"))
        };
        self.mentions.iter().filter(|m| m.kind == MentionKind::Date && !names_a_law(m) && !earlier_act(m)).any(|m| {
            match &m.value {
                MentionValue::Date(v) => {
                    let end = v.split('/').nth(1).unwrap_or(v.split('T').next().unwrap_or(v));
                    // "In 2024, Canada committed …" told in 2025: a period wholly past that began long ago.
                    let start = v.split('/').next().unwrap_or(v).split('T').next().unwrap_or(v);
                    let end = end.parse::<Date>().ok();
                    end.is_some_and(|d| d <= limit)
                        || (end.is_some_and(|d| d < published) && start.parse::<Date>().is_ok_and(|d| d <= limit))
                }
                _ => false,
            }
        })
    }

    /// Who announced it: a named official in the sentence who speaks or acts,
    /// or the last person named before when the sentence says "he said".
    fn announcer(&self, words: &Words) -> Option<(Announcer, (usize, usize))> {
        // "I hereby direct…", "I assign…" in a signed memorandum or letter: the signer speaks.
        if let Some(s) = self.signer
            && words.has("i")
        {
            return Some((to_announcer(s), s.bytes));
        }
        let speaks = |w: &str| {
            matches!(
                w,
                "said"
                    | "says"
                    | "announced"
                    | "announces"
                    | "told"
                    | "confirmed"
                    | "pledged"
                    | "pledges"
                    | "unveiled"
                    | "stated"
                    | "added"
                    | "wrote"
                    | "declared"
                    | "promised"
                    | "approved"
                    | "authorized"
                    | "authorised"
                    | "signed"
            )
        };
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
    fn announced_on(&self) -> Option<(Date, (usize, usize))> {
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
    fn period(&self, _words: &Words) -> Option<(String, (usize, usize))> {
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

fn to_announcer(a: &Actor) -> Announcer {
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

fn num_value(v: &MentionValue) -> Option<Decimal> {
    match v {
        MentionValue::Number(d) => Some(*d),
        MentionValue::Date(_) => None,
    }
}

fn to_amount(m: &Mention) -> Option<Amount> {
    Some(Amount {
        value: num_value(&m.value)?,
        currency: m.currency?.to_string(),
        qualifier: m.qualifier.unwrap_or(Qualifier::Exact),
        upper: m.upper.as_ref().and_then(num_value),
    })
}

fn to_item(m: &Mention) -> Item {
    Item {
        quantity: num_value(&m.value),
        qualifier: m.qualifier,
        upper: m.upper.as_ref().and_then(num_value),
        item: m.item.clone().unwrap_or_default(),
        class: m.class.unwrap_or(ItemClass::Other),
    }
}

/// Category, instrument and status from the sentence's cue words and items.
fn classify(words: &Words, items: &[(Item, (usize, usize))]) -> (Option<Category>, Option<Instrument>, Option<Status>) {
    let mut military = items.iter().filter(|(i, _)| i.class.is_military()).count() * 2;
    let mut humanitarian =
        items.iter().filter(|(i, _)| matches!(i.class, ItemClass::Medical | ItemClass::Food)).count() * 2;
    let mut financial = 0;
    let mut instrument = None;
    let mut status: Option<Status> = None;
    let ws = &words.words;
    for (k, (w, _, _)) in ws.iter().enumerate() {
        let next = ws.get(k + 1).map_or("", |x| x.0.as_str());
        // Two-word cues: "security assistance" is military, "economic assistance" financial
        // ("security" alone is often elections or police).
        match (w.as_str(), next) {
            ("security", "assistance" | "package" | "capabilities" | "forces" | "aid") => military += 1,
            ("economic" | "budgetary", "assistance" | "support") | ("budgetary", _) => financial += 1,
            _ => {}
        }
        match category_cue(w) {
            Some(Category::Military) => military += 1,
            Some(Category::Humanitarian) => humanitarian += 1,
            Some(Category::Financial) => financial += 1,
            _ => {}
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
        if let Some(s) = status_cue(w) {
            // "will" is weaker than a past-tense act; the strongest cue wins.
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
fn local_instrument(words: &Words, bytes: (usize, usize)) -> Option<Instrument> {
    let end = words.index_at(bytes.1);
    let ws = &words.words;
    (end..(end + 4).min(ws.len())).find_map(|k| instrument_cue(&ws[k].0, ws.get(k + 1).map_or("", |x| x.0.as_str())))
}

/// "made in", "built in", "manufactured in", "produced in", "in the city".
fn made_in_phrase(words: &Words) -> Option<usize> {
    let ws = &words.words;
    (0..ws.len()).find(|&k| {
        matches!(
            ws[k].0.as_str(),
            "made" | "built" | "manufactured" | "produced" | "assembled" | "build" | "make" | "manufacture" | "produce"
        ) && ws[k + 1..(k + 8).min(ws.len())].iter().any(|(w, _, _)| w == "in")
    })
}

fn made_in_of(words: &Words, actors: &[&Actor]) -> Option<(NamedIn, (usize, usize))> {
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

/// Merges candidates that state the same commitment: the same figure (or a
/// figure given twice), or items-only sentences that belong to the one money
/// commitment of the same recipient.
fn merge(cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut items_only = Vec::new();
    for c in cands {
        if c.amount.is_none() {
            items_only.push(c);
            continue;
        }
        let same = out.iter().position(|o| {
            let (Some((a, _)), Some((b, _))) = (&o.amount, &c.amount) else { return false };
            ((a.value == b.value && same_currency(&a.currency, &b.currency))
                || o.money.iter().any(|m| c.money.contains(m))
                || (restated(a, b) && compatible(o.donor, c.donor) && compatible(o.recipient, c.recipient)))
                && !parties_differ(o, &c)
        });
        match same {
            Some(k) => {
                // The exact statement of a figure wins over its rounded one ("more than $400 million");
                // "up to $100 million" keeps its bound over a plain "$100 million".
                let values_differ = matches!((&out[k].amount, &c.amount), (Some(a), Some(b)) if a.0.value != b.0.value);
                let exact = [&out[k].amount, &c.amount]
                    .into_iter()
                    .flatten()
                    .find(|(a, _)| a.qualifier == Qualifier::Exact)
                    .filter(|_| values_differ)
                    .cloned();
                absorb(&mut out[k], c);
                if let Some(e) = exact {
                    out[k].amount = Some(e);
                }
            }
            None => out.push(c),
        }
    }
    for c in items_only {
        let target = out.iter().position(|o| {
            o.recipient.map(|r| r.0) == c.recipient.map(|r| r.0) || o.recipient.is_none() || c.recipient.is_none()
        });
        match target {
            Some(k) if out.len() == 1 || c.recipient.is_some() => absorb(&mut out[k], c),
            _ => {
                // Items-only candidates of their own merge by their items.
                let same = out.iter().position(|o| {
                    o.amount.is_none()
                        && o.recipient.map(|r| r.0) == c.recipient.map(|r| r.0)
                        && o.donor.map(|d| d.0) == c.donor.map(|d| d.0)
                });
                match same {
                    Some(k) => absorb(&mut out[k], c),
                    None => out.push(c),
                }
            }
        }
    }
    out
}

/// Two roles that may be the same party: equal, or one not yet known.
fn compatible(a: Option<roles::Role>, b: Option<roles::Role>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.0 == y.0,
        _ => true,
    }
}

/// One figure told twice, once rounded: "more than $400 million" and "the $404 million",
/// "about €50 million" and "€51.2 million" (within a tenth, on the side the qualifier says).
/// A ceiling ("up to $1.25 billion") is a figure of its own: a package under it is another.
fn restated(a: &Amount, b: &Amount) -> bool {
    if !same_currency(&a.currency, &b.currency)
        || (a.qualifier == Qualifier::Exact) == (b.qualifier == Qualifier::Exact)
    {
        return false;
    }
    let (rounded, exact) = if a.qualifier == Qualifier::Exact { (b, a.value) } else { (a, b.value) };
    let bound = rounded.value;
    let tenth = bound / Decimal::from(10);
    match rounded.qualifier {
        Qualifier::MoreThan | Qualifier::AtLeast => exact >= bound && exact <= bound + tenth,
        Qualifier::Approx => (exact - bound).abs() <= tenth / Decimal::from(2),
        _ => false,
    }
}

/// Two statements of one figure that name different donors or recipients, one of them
/// by a role word, are two commitments ("$14 million from the IFC", "the U.S. will provide $14 million").
fn parties_differ(a: &Candidate, b: &Candidate) -> bool {
    let differ = |x: Option<roles::Role>, y: Option<roles::Role>| matches!((x, y), (Some(x), Some(y)) if x.2.max(y.2) >= 3 && x.0 != y.0);
    differ(a.donor, b.donor) || differ(a.recipient, b.recipient)
}

/// Equal currencies, or a bare "$" (read as USD) and a named dollar ("A$100 million"
/// in the body, "$100 million" in the headline).
fn same_currency(a: &str, b: &str) -> bool {
    const DOLLARS: &[&str] = &["USD", "AUD", "CAD", "NZD", "HKD", "SGD", "TWD"];
    a == b || (DOLLARS.contains(&a) && DOLLARS.contains(&b) && (a == "USD" || b == "USD"))
}

/// Folds `c` into `o`: the stronger statement's fields win, the other fills gaps.
fn absorb(o: &mut Candidate, c: Candidate) {
    let (mut strong, weak) = if c.score > o.score { (c, o.clone()) } else { (o.clone(), c) };
    let better =
        |a: Option<(&'static str, (usize, usize), u8)>, b: Option<(&'static str, (usize, usize), u8)>| match (a, b) {
            (Some(x), Some(y)) => Some(if y.2 > x.2 { y } else { x }),
            (x, y) => x.or(y),
        };
    strong.donor = better(strong.donor, weak.donor);
    strong.recipient = better(strong.recipient, weak.recipient);
    strong.amount = strong.amount.or(weak.amount);
    for m in weak.money {
        if !strong.money.contains(&m) {
            strong.money.push(m);
        }
    }
    for (item, span) in weak.items {
        let dup = strong.items.iter().any(|(i, _)| i.class == item.class && i.quantity == item.quantity);
        if !dup {
            strong.items.push((item, span));
        }
    }
    strong.made_in = strong.made_in.or(weak.made_in);
    strong.supplier = strong.supplier.or(weak.supplier);
    strong.announced_by = strong.announced_by.or(weak.announced_by);
    strong.announced_on = strong.announced_on.or(weak.announced_on);
    strong.period = strong.period.or(weak.period);
    strong.category = strong.category.or(weak.category);
    strong.instrument = strong.instrument.or(weak.instrument);
    strong.status = strong.status.or(weak.status);
    strong.spread = strong.spread || weak.spread;
    strong.score = (strong.score + 0.05).min(0.97);
    *o = strong;
}

/// Turns a merged candidate into a record: roles must be known and differ;
/// offsets become code points; the amount is converted at the day's rate.
fn finalise(
    doc: &Document,
    mut c: Candidate,
    actors: &[Actor],
    map: &CharMap,
    rates: &RateTable,
) -> Option<Commitment> {
    let statement = &doc.text[c.statement.0..c.statement.1];
    // An announcer found in another sentence ("When the President went to…" after the figure) tells
    // who spoke, not who gives: only one in the statement itself may name the donor.
    let in_statement = |b: (usize, usize)| c.statement.0 <= b.0 && b.1 <= c.statement.1;
    let announcer_party =
        c.announced_by.as_ref().filter(|(_, b)| in_statement(*b)).and_then(|(a, _)| a.country.clone());
    let Some(recipient) = c.recipient else {
        trace(statement, "no recipient");
        return None;
    };
    // A donor the sentence's structure gives, else the announcer's country, the
    // source's country, and only then a party merely named in the sentence.
    let announcer_country =
        announcer_party.as_deref().and_then(|p| LEXICON.country(p).map(|c| c.code)).filter(|p| *p != recipient.0);
    let donor = c
        .donor
        .filter(|d| d.2 >= 2)
        .map(|d| d.0)
        .or(announcer_country)
        .or(home_party(doc).filter(|p| *p != recipient.0))
        .or(headline_giver(doc).filter(|p| *p != recipient.0))
        .or(dateline_party(doc, actors).filter(|p| *p != recipient.0))
        .or(c.amount.as_ref().and_then(|(a, _)| currency_party(&a.currency)).filter(|p| *p != recipient.0))
        .or(c.donor.map(|d| d.0));
    // A forum of donors (G7, G20) gives through its members and receives nothing.
    if donor.is_some_and(cues::is_donor_group) {
        trace(statement, "the giver is a forum of donors, which gives through its members");
        return None;
    }
    if cues::is_donor_group(recipient.0) {
        trace(statement, "the recipient is a forum of donors");
        return None;
    }
    // An official source does not announce support to its own country.
    if home_party(doc) == Some(recipient.0) {
        trace(statement, "the recipient is the source's own country");
        return None;
    }
    // Support within one country (US federal money for Puerto Rico) is not international support.
    if donor == Some("US") && matches!(recipient.0, "PR" | "GU" | "VI" | "AS" | "MP" | "UM") {
        trace(statement, "domestic (a territory of the donor)");
        return None;
    }
    let Some(donor_id) = donor.filter(|d| *d != recipient.0) else {
        trace(statement, "no donor other than the recipient");
        return None;
    };
    // An announcer from another sentence who speaks for another country is not this donor's.
    if c.announced_by.as_ref().is_some_and(|(a, b)| {
        !in_statement(*b)
            && a.country.as_deref().is_some_and(|k| LEXICON.country(donor_id).is_some_and(|d| d.code != k))
    }) {
        c.announced_by = None;
    }
    // No announcer in the statement: the donor's official named in the body (a signatory).
    if c.announced_by.is_none() {
        let body = |a: &&Actor| doc.searchable().any(|g| g.bytes.0 <= a.bytes.0 && a.bytes.1 <= g.bytes.1);
        c.announced_by = actors
            .iter()
            .filter(body)
            .find(|a| matches!(a.what, ActorRef::Person { .. }) && a.party() == Some(donor_id))
            .map(|a| (to_announcer(a), a.bytes));
    }
    // A person named with a title but no country speaks for the donor.
    if let Some((a, _)) = &mut c.announced_by
        && a.country.is_none()
        && LEXICON.country(donor_id).is_some()
    {
        a.country = Some(donor_id.to_string());
    }
    // A government's own "$" is its own dollar.
    let own_voice = speaks_for(doc, actors, &c, donor_id);
    if let Some((a, b)) = &mut c.amount
        && a.currency == "USD"
        && let Some(local) = own_dollar(donor_id)
        && is_bare_dollar(&doc.text[b.0..b.1])
        && own_voice
    {
        a.currency = local.to_string();
    }
    let mut evidence = Vec::new();
    let mut ev = |field: &'static str, bytes: (usize, usize)| {
        evidence.push(Evidence { field, start: map.char_offset(bytes.0), end: map.char_offset(bytes.1), bytes });
    };
    ev("statement", c.statement);
    if let Some((d, b, _)) = c.donor
        && d == donor_id
    {
        ev("donor", b);
    }
    ev("recipient", recipient.1);
    if let Some((_, b)) = &c.amount {
        ev("amount", *b);
    }
    for (_, b) in &c.items {
        ev("items", *b);
    }
    if let Some((_, b)) = &c.made_in {
        ev("made_in", *b);
    }
    if let Some((_, b)) = &c.supplier {
        ev("supplier", *b);
    }
    if let Some((_, b)) = &c.announced_by {
        ev("announced_by", *b);
    }
    if let Some((_, b)) = &c.announced_on {
        ev("announced_on", *b);
    }
    if let Some((_, b)) = &c.period {
        ev("period", *b);
    }
    let announced_on = c.announced_on.map(|d| d.0).or(doc.published);
    let amount = c.amount.map(|a| a.0);
    let (value_eur, value_usd, unconverted) = match (&amount, announced_on) {
        (Some(a), Some(on)) => {
            let conv = rates.convert(a.value, &a.currency, on);
            let flag = conv.eur.as_ref().err().copied();
            (conv.eur.ok(), conv.usd.ok(), flag)
        }
        _ => (None, None, None),
    };
    let party = |id: &str| Party { id: id.to_string(), name: LEXICON.name_of(id).to_string() };
    // Military items make it military whatever pays for them (export finance for missiles).
    let category = if c.items.iter().any(|(i, _)| i.class.is_military()) {
        Category::Military
    } else if matches!(c.instrument, Some(Instrument::Loan | Instrument::Guarantee | Instrument::BudgetSupport)) {
        // A loan or a guarantee is finance, whatever it pays for ("a loan to repair lines hit by missiles").
        Category::Financial
    } else {
        c.category.unwrap_or(match c.instrument {
            Some(Instrument::Loan | Instrument::Guarantee | Instrument::BudgetSupport | Instrument::ExportFinance) => {
                Category::Financial
            }
            _ => Category::Other,
        })
    };
    // Without a cue: goods given are in kind (a military package of items, donated doses);
    // money given for relief or development is a grant.
    let instrument = c.instrument.unwrap_or(match category {
        _ if !c.items.is_empty() && amount.is_none() => Instrument::InKind,
        Category::Humanitarian => Instrument::Grant,
        _ if !c.items.is_empty() => Instrument::InKind,
        Category::Other => Instrument::Grant,
        _ => Instrument::Unspecified,
    });
    let id_src = format!(
        "{}|{}|{}|{:?}|{:?}",
        doc.id,
        donor_id,
        recipient.0,
        amount.as_ref().map(|a| (a.value.normalize().to_string(), a.currency.clone())),
        c.statement
    );
    Some(Commitment {
        id: format!("{:016x}", xxhash_rust::xxh3::xxh3_64(id_src.as_bytes())),
        donor: Some(party(donor_id)),
        recipient: Some(party(recipient.0)),
        category,
        instrument,
        status: c.status.unwrap_or(Status::Announced),
        amount,
        value_eur,
        value_usd,
        unconverted,
        items: c.items.into_iter().map(|i| i.0).collect(),
        made_in: c.made_in.map(|m| m.0),
        supplier: c.supplier.map(|s| s.0),
        announced_on,
        period: c.period.map(|p| p.0),
        announced_by: c.announced_by.map(|a| a.0),
        confidence: (c.score * 100.0).round() / 100.0,
        evidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::RawDocument;

    /// Donor, recipient and amount of what a titled official page yields.
    fn run(title: &str, text: &str) -> Vec<(String, String, Option<Decimal>)> {
        let url = "https://www.whitehouse.gov/briefing-room/statements-releases/2024/05/22/x/";
        records(Some(url), title, text).into_iter().map(|(d, r, a)| (d, r, a.map(|a| a.value))).collect()
    }

    /// Donor, recipient and amount of each record, for a document from `url`.
    fn records(url: Option<&str>, title: &str, text: &str) -> Vec<(String, String, Option<Amount>)> {
        let raw = RawDocument {
            source: "test".into(),
            text: text.into(),
            published: "2024-05-22".parse().ok(),
            title: Some(title.into()),
            url: url.map(Into::into),
            ..Default::default()
        };
        let doc = Document::build(raw);
        extract(&doc, RateTable::embedded())
            .commitments
            .into_iter()
            .map(|c| {
                let id = |p: Option<Party>| p.map_or(String::new(), |p| p.id);
                (id(c.donor), id(c.recipient), c.amount)
            })
            .collect()
    }

    /// Records as "DONOR RECIPIENT VALUE CURRENCY" lines, for short assertions.
    fn lines(url: Option<&str>, title: &str, text: &str) -> Vec<String> {
        records(url, title, text)
            .into_iter()
            .map(|(d, r, a)| match a {
                Some(a) => format!("{d} {r} {} {}", a.value, a.currency),
                None => format!("{d} {r} -"),
            })
            .collect()
    }

    #[test]
    fn a_government_s_own_dollar_is_its_currency() {
        let text = "Canada is providing $40 million in humanitarian assistance for people in Gaza.";
        let canada = Some("https://www.canada.ca/en/global-affairs/news/2024/05/x.html");
        assert_eq!(lines(canada, "Canada announces humanitarian assistance", text), ["CA PS 40000000 CAD"]);
        // A wire story that speaks of the United States keeps "$" as US dollars.
        let text = "Canada is providing $40 million in humanitarian assistance for people in Gaza, \
                    a week after the United States announced its own package.";
        assert_eq!(lines(None, "Donors step up aid for Gaza", text), ["CA PS 40000000 USD"]);
    }

    #[test]
    fn parts_that_add_up_replace_their_whole_and_a_lone_share_joins_it() {
        let title = "Government to Provide Humanitarian Assistance to Sudan";
        let text = "The Government of the Republic of Korea has decided to provide USD 10 million in humanitarian \
                    assistance to Sudan.\n\nOf the total, USD 7 million will be provided to Sudan through the World \
                    Food Programme, while USD 3 million will support refugees in Chad.";
        let got = lines(None, title, text);
        assert!(
            got.contains(&"KR SD 7000000 USD".to_string()) && !got.iter().any(|l| l.contains("10000000")),
            "{got:?}"
        );
        let text = "Sweden will provide a military support package worth SEK 10 billion to Ukraine.\n\nOf the total, \
                    SEK 3 billion will be used to buy equipment from the Ukrainian defence industry.";
        assert_eq!(lines(None, "Sweden's new package for Ukraine", text), ["SE UA 10000000000 SEK"]);
    }

    #[test]
    fn each_figure_has_the_giver_and_recipient_of_its_own_clause() {
        let text = "France itself committed 110 million euros, while Germany announced 240 million euros in \
                    humanitarian support from Berlin.";
        assert_eq!(
            lines(None, "Donors pledge aid for Sudan at Paris conference", text),
            ["FR SD 110000000 EUR", "DE SD 240000000 EUR"]
        );
        let text = "Canada is providing $40 million to respond to urgent needs in Gaza, and $10 million to help \
                    people affected by the conflict in Lebanon.";
        let canada = Some("https://www.canada.ca/en/news/x.html");
        assert_eq!(lines(canada, "Canada announces assistance", text), ["CA PS 40000000 CAD", "CA LB 10000000 CAD"]);
    }

    #[test]
    fn a_document_names_its_giver_in_its_headline_dateline_or_currency() {
        let text = "Ukraine will receive £100 million in new support under an agreement announced today.";
        assert_eq!(lines(None, "Prime Minister announces support for Ukraine", text), ["GB UA 100000000 GBP"]);
        let text = "The Ministry of Foreign Affairs has allocated EUR 20 million to help Moldova strengthen its grid.";
        assert_eq!(lines(None, "World Bank Approves Support for Moldova", text), ["WB MD 20000000 EUR"]);
        let text = "Warsaw, 21 November 2024\n\nThe Ministry has allocated EUR 20 million to help Moldova.";
        assert_eq!(lines(None, "Support for Moldova", text), ["PL MD 20000000 EUR"]);
        // A wire's dateline is where the reporter stood.
        let text = "PARIS, April 15 (AFP) - International donors on Monday pledged more than two billion euros \
                    in aid for Sudan.";
        assert!(lines(None, "Donors pledge aid for Sudan", text).is_empty());
    }

    #[test]
    fn a_named_project_sized_by_its_figure_is_financed() {
        let text = "The $570 million Nigeria Primary Health Care Project will expand services in all states.";
        assert_eq!(lines(None, "World Bank Approves Financing for Nigeria", text), ["WB NG 570000000 USD"]);
    }

    #[test]
    fn bills_needs_and_forecasts_give_nothing() {
        let text =
            "The Senate passed the bill on Tuesday by 70 votes to 29.\n\nIt also contains $60 billion for Ukraine.";
        assert!(lines(None, "Senate passes aid bill", text).is_empty());
        let text = "The regional plan requires a further $1.8 billion to support refugees in Chad.";
        assert!(lines(None, "UN seeks funds for Sudan", text).is_empty());
        let text = "JICA is expected to cofinance the programme with a loan of about ¥30 billion to the Philippines.";
        assert!(lines(None, "ADB approves loan", text).is_empty());
    }

    #[test]
    fn in_a_deal_to_buy_the_seller_gives_and_the_buyer_receives() {
        let text = "Poland signed a deal worth $1 billion with the US government to buy 50 Apache attack \
                    helicopters for its army.";
        assert_eq!(lines(None, "Poland signs helicopter deal", text), ["US PL 1000000000 USD"]);
        let text = "The European Investment Bank and Ukraine signed a €100 million loan today to repair the grid.";
        assert_eq!(lines(None, "EIB loan", text), ["EIB UA 100000000 EUR"]);
        let text = "The Government of Japan decided to provide loans of 300 billion yen to Ukraine.";
        assert_eq!(lines(None, "Loans to Ukraine", text), ["JP UA 300000000000 JPY"]);
    }

    #[test]
    fn a_figure_told_twice_is_one_commitment() {
        let text = "The Secretary announced more than $400 million in new humanitarian assistance for \
                    Palestinians in Gaza.\n\nHe said the $404 million would go to humanitarian organizations to provide food and shelter.";
        assert_eq!(lines(None, "US announces aid for Palestinians", text), ["US PS 404000000 USD"]);
        let text = "Poland signed a deal worth $1 billion with the US government to buy 50 Apache attack \
                    helicopters for its army. The deal is worth about 3.9 billion zloty.";
        assert_eq!(lines(None, "Poland signs helicopter deal", text), ["US PL 1000000000 USD"]);
    }

    #[test]
    fn a_package_announced_without_a_figure_is_a_commitment() {
        let title = "Statement on Additional Security Assistance to Ukraine";
        let text = "Today, I am announcing another package of security assistance that will provide additional \
                    artillery munitions, radars, and other equipment to Ukraine.";
        let wh = Some("https://www.whitehouse.gov/briefing-room/statements-releases/2022/05/06/x/");
        let got = records(wh, title, text);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0.as_str(), got[0].1.as_str(), got[0].2.is_none()), ("US", "UA", true));
        // Recalled or continuing packages are not new.
        for text in [
            "You saw us announce yet another security assistance package for Ukraine here yesterday.",
            "We will continue announcing new security assistance packages for Ukraine.",
        ] {
            assert!(records(wh, title, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn reported_pledges_count_and_budgets_limits_and_recaps_do_not() {
        let text = "France would give 110 million euros for humanitarian aid in Sudan, Macron told the conference.";
        assert_eq!(lines(None, "Donors meet in Paris", text), ["FR SD 110000000 EUR"]);
        for text in [
            "UKEF has capacity to support up to £8 billion of business in Côte d'Ivoire.",
            "The package, funded from the UK's £3 billion of annual military aid to Ukraine, includes drones.",
            "It comes on top of the initial $1 million we announced for Vanuatu on Wednesday.",
        ] {
            assert!(lines(None, "Support package", text).is_empty(), "{text}");
        }
        let text = "In addition, €40 million has been allocated to Lebanon to help people affected by the \
                    hostilities of last year.";
        assert_eq!(lines(None, "European Commission announces humanitarian funding", text), ["EU LB 40000000 EUR"]);
        let text = "Poland on Tuesday signed a foreign military sales agreement with the U.S. government for 96 \
                    Apache attack helicopters worth close to $10 billion.";
        assert_eq!(lines(None, "Poland signs helicopter deal", text), ["US PL 10000000000 USD"]);
    }

    #[test]
    fn a_report_on_a_legislature_s_vote_gives_no_figure() {
        let text = "The House on Tuesday rejected a bill that would have provided $17.6 billion in military aid to \
                    Israel.\n\nThe Senate would press ahead with a narrower $95 billion package for Ukraine.";
        assert!(lines(None, "House fails to pass standalone Israel aid bill", text).is_empty());
        // "US$" is a currency sign, and "a fund now totals" a tally.
        let text = "SEOUL, March 31 (Yonhap) -- South Korea will provide US$2 million in humanitarian assistance \
                    to Myanmar.\n\nThe fund now totals around $60 million.";
        assert_eq!(lines(None, "S. Korea to provide aid to Myanmar", text), ["KR MM 2000000 USD"]);
    }

    #[test]
    fn a_figure_split_among_agencies_is_one_gift() {
        let text = "The funding comprises:\n\n• NZ$5 million for Gaza, of which NZ$2 million will go to UNRWA and \
                    NZ$3 million to the World Food Programme;";
        let nz = Some("https://www.beehive.govt.nz/release/x");
        assert_eq!(lines(nz, "Humanitarian support for Gaza", text), ["NZ PS 5000000 NZD"]);
    }

    #[test]
    fn a_proclamation_gives_nothing() {
        let text = "The United States will provide $500 million to help Ukraine reopen its ports.";
        assert!(run("A Proclamation on National Maritime Day, 2024", text).is_empty());
        assert_eq!(run("Statement on Ukraine", text).len(), 1);
    }

    #[test]
    fn a_forum_of_donors_in_the_title_receives_nothing() {
        let text = "- Ports: The United States will provide $40 million in financing for port upgrades.";
        assert!(run("FACT SHEET: G7 Leaders Advance the Infrastructure Partnership", text).is_empty());
        assert_eq!(run("FACT SHEET: U.S.-Kenya Infrastructure Partnership", text)[0].1, "KE");
    }

    #[test]
    fn a_budget_page_lists_requests() {
        let text = "This includes $290 million for a contribution to Gavi, the Vaccine Alliance.";
        assert!(run("FACT SHEET: Global Health in the FY 2025 President's Budget", text).is_empty());
        assert_eq!(run("FACT SHEET: New Support for Gavi", text).len(), 1);
    }

    #[test]
    fn counts_in_a_sanctions_list_are_no_goods() {
        let title = "FACT SHEET: United States and G7 Partners Impose Costs for Russia's War Against Ukraine";
        let text = "The United States also sanctioned two shipping companies, which operate 31 vessels.";
        assert!(run(title, text).is_empty());
    }

    #[test]
    fn a_host_named_with_its_conference_is_not_the_subject() {
        let text = "The United States will provide $40 million in new assistance for climate adaptation.";
        assert!(run("FACT SHEET: Momentum at Start of U.N. Climate Conference", text).is_empty());
        assert_eq!(run("Readout of the President's Participation in the U.S.-ASEAN Summit", text)[0].1, "ASEAN");
    }

    #[test]
    fn a_private_subject_is_no_government() {
        let text = "Harvest Finance has committed to lend $3 million to coffee farmers in Honduras.";
        assert!(run("FACT SHEET: Private Partners in Central America", text).is_empty());
    }

    #[test]
    fn a_firm_in_a_country_names_its_figure_s_recipient() {
        let text = "EXIM approved $30 million in financing to the Republic of Ghana for radar systems and \
                    $6.5 million in financing to Lakeside Solar Ltd in Kenya for battery storage.";
        let got = run("FACT SHEET: Export Finance in Africa", text);
        assert_eq!(got.iter().map(|c| c.1.as_str()).collect::<Vec<_>>(), ["GH", "KE"]);
    }

    #[test]
    fn a_joint_figure_has_no_one_giver() {
        let text = "Together, the United States and Japan are delivering $80 million to help Fiji rebuild its ports.";
        assert!(run("FACT SHEET: Pacific Partnership", text).is_empty());
        let text = "The United States is delivering $80 million to help Fiji rebuild its ports.";
        assert_eq!(run("FACT SHEET: Pacific Partnership", text).len(), 1);
    }

    #[test]
    fn an_aggressor_receives_nothing() {
        let text = "The United States will provide $300 million to help vulnerable populations cope with the \
                    impacts of Russia's unprovoked war on food prices.";
        assert!(run("FACT SHEET: Food Security", text).iter().all(|c| c.1 != "RU"));
        let text = "The United States will provide $300 million in equipment for Ukrainian troops.";
        assert_eq!(
            run("FACT SHEET: Security Assistance", text).iter().map(|c| c.1.as_str()).collect::<Vec<_>>(),
            ["UA"]
        );
    }

    #[test]
    fn a_size_without_a_figure_is_no_amount() {
        let text = "Moldova will receive billions of dollars in new support from its partners.";
        assert!(run("Statement on Moldova", text).iter().all(|c| c.2.is_none()));
    }

    #[test]
    fn an_appropriation_recounted_gives_nothing() {
        let text = "Our Congress has passed a law, and there is now a commitment of $9.2 billion in aid for Sudan.";
        assert!(run("Remarks by the President in Joint Press Conference", text).is_empty());
        let text = "The United States will provide $9.2 million in aid for Sudan, funds Congress appropriated.";
        assert_eq!(run("Statement on Sudan", text).len(), 1);
    }
    #[test]
    fn a_pause_or_a_diversion_is_no_commitment() {
        let text = "The Department of State is pausing roughly $20 million for police training programs in Chad.";
        assert!(run("FACT SHEET: Response to the Crackdown in Chad", text).is_empty());
        let text = "USAID will redirect $30 million in assistance away from the ministries of the junta in Chad.";
        assert!(run("FACT SHEET: Response to the Crackdown in Chad", text).is_empty());
    }

    #[test]
    fn returned_proceeds_of_crime_are_no_support() {
        let text = "The Department of Justice returned $4 million in forfeited bribery proceeds to the \
                    Republic of Malawi to rebuild rural clinics.";
        assert!(run("FACT SHEET: Fighting Corruption", text).is_empty());
    }

    #[test]
    fn a_welcomed_pledge_belongs_to_its_owner() {
        let title = "Joint Statement of the United States and the Gulf Cooperation Council";
        let text = "The President expressed gratitude for the GCC countries' pledge to provide $80 million to Yemen.";
        assert_eq!(run(title, text).iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["GCC"]);
        let text = "The United States welcomed the decision by the Coastal Development Alliance, a group of \
                    lenders, to provide $2 billion for fisheries in Senegal.";
        assert!(run(title, text).is_empty());
    }

    #[test]
    fn money_over_a_list_of_countries_borrows_no_recipient() {
        let title = "Readout of the Vice President's Meeting with the President of Ghana";
        let text = "The Vice President praised Ghana's leadership on regional security.\n\nShe announced that \
                    the United States would provide $90 million to support resilience in Ghana, Togo, Benin, and Niger.";
        assert!(run(title, text).is_empty());
    }

    #[test]
    fn a_breakdown_joins_the_figure_before_it() {
        let title = "FACT SHEET: New Support for Kenya";
        let text = "The United States will provide $60 million in new assistance for Kenya.\n\nThis includes \
                    $20 million for drought relief and $40 million for clean water.";
        assert_eq!(run(title, text).len(), 1);
    }

    #[test]
    fn a_pledge_recalled_or_owned_is_no_new_one() {
        let title = "Press Briefing by the Press Secretary";
        let text = "Three weeks ago, the President committed to providing four million doses to Peru.";
        assert!(run(title, text).is_empty());
        let text = "We are fighting malaria, including through our $3 billion pledge to the Global Fund.";
        assert!(run("Statement from the President on World Malaria Day", text).is_empty());
    }
    #[test]
    fn a_bare_title_is_the_one_named_with_it_nearby() {
        let text = "President Biden spoke with our allies this morning.\n\nNo one should excuse Putin's \
                    aggression.\n\nWhat the President announced today is an additional $500 million in security \
                    assistance to Ukraine.";
        assert_eq!(run("Press Briefing by the Press Secretary", text)[0].0, "US");
    }

    #[test]
    fn a_speaker_in_another_sentence_names_no_donor() {
        let text = "There is $40 million in new humanitarian assistance for Sudan this week.\n\nPresident Putin \
                    said the aid was a provocation.";
        assert_eq!(run("Statement on Sudan", text)[0].0, "US");
    }
    #[test]
    fn a_part_told_after_any_figure_is_a_breakdown() {
        let title = "Press Briefing by the Press Secretary";
        let text = "The package we are expected to finish, with $300 million in financing, is for Ukraine.\n\n\
                    Today's assistance also includes $400 million for partners in the Baltic region to backfill \
                    donations to Ukraine.";
        assert!(run(title, text).iter().all(|c| c.2 != Some(Decimal::from(400_000_000))));
    }

    #[test]
    fn a_past_passive_or_a_sum_spurred_or_spent_is_no_new_commitment() {
        let title = "FACT SHEET: Vaccines for the Americas";
        let text = "Of the $200 million in guarantees offered to Gavi, $40 million was provided to support \
                    vaccine deliveries to Honduras.";
        assert!(run(title, text).is_empty());
        let text = "The U.S.-Kenya clean energy compact will help spur $5 billion in financing to Kenya.";
        assert!(run(title, text).is_empty());
        let text = "New funding is enabling the Department of Energy to spend $2 billion on grid upgrades for Kenya.";
        assert!(run(title, text).is_empty());
    }
    #[test]
    fn a_recipient_in_another_clause_is_not_the_figure_s() {
        let title = "Background Press Call on the Summit";
        let text = "We made many trips; we launched a new $50 million initiative to support innovation; \
                    and we welcomed two African countries to the EBRD.";
        assert!(run(title, text).is_empty());
        let title = "FACT SHEET: Methane Partnership";
        let text = "The United States will provide $3 million in technical assistance through the Methane \
                    Initiative, and intends to support a transfer of $1 million remaining in the facility to the \
                    World Bank.";
        assert!(run(title, text).iter().all(|c| c.1 != "WB"));
    }

    #[test]
    fn a_transcript_lends_a_recipient_only_from_a_few_sentences_back() {
        let title = "Press Briefing by the Press Secretary";
        let filler = "We continue to work on this every single day with our partners across the government. ";
        let text = format!(
            "We expanded the program of support for Haiti last month. {}The agency is going to distribute \
             $300 million in funding to cities and communities in need.",
            filler.repeat(16)
        );
        assert!(run(title, &text).is_empty());
    }
    #[test]
    fn a_venue_or_a_group_of_countries_lends_no_recipient() {
        let text = "The United States will provide $40 million in new health assistance this year.";
        assert!(run("FACT SHEET: The Leaders' Summit in Nairobi, Kenya", text).is_empty());
        assert_eq!(run("FACT SHEET: New Health Assistance for Kenya", text)[0].1, "KE");
        let text = "The United States will provide $40 million in new health assistance to Pacific Island countries.";
        assert!(run("FACT SHEET: New Health Assistance for Kenya", text).is_empty());
    }

    #[test]
    fn goods_that_have_entered_are_counted_not_pledged() {
        let text = "More than 300 trucks loaded with food aid have entered Gaza each day this week.";
        assert!(run("Statement on Humanitarian Assistance for Gaza", text).is_empty());
    }

    #[test]
    fn a_government_named_after_from_gives() {
        let text = "The border project draws on the $900 million commitment from the Government of Mexico to \
                    modernize crossings.";
        assert!(run("Joint Statement on the U.S.-Mexico Economic Dialogue", text).is_empty());
    }
    #[test]
    fn money_for_a_pair_of_countries_has_no_one_recipient() {
        let text = "Canada also intends to provide $4 million to help Tonga and Vanuatu adapt to rising seas.";
        assert!(run("Chair's Summary of the Climate Forum", text).is_empty());
        let text = "Canada also intends to provide $4 million to help Tonga adapt to rising seas.";
        assert_eq!(run("Chair's Summary of the Climate Forum", text)[0].1, "TO");
    }
    #[test]
    fn a_vague_count_is_given_only_under_a_giving_verb() {
        let title = "Statement on Support for Israel";
        let text = "We are proud of our support for Israel's air defenses, which stopped hundreds of rockets.";
        assert!(run(title, text).is_empty());
        let text = "The United States will send hundreds of interceptor missiles to Israel.";
        assert_eq!(run(title, text).len(), 1);
    }
    #[test]
    fn money_from_earlier_appropriations_is_spent_not_pledged() {
        let text = "Funding from previous appropriations will be used this year: $2 billion to continue direct \
                    budget support to the Government of Moldova.";
        assert!(run("Press Gaggle by the Press Secretary", text).is_empty());
    }
}
