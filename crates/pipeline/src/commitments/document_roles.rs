//! The document's giver and recipient, for sentences that leave them implicit: the giver of the
//! commitment just before, the recipient of an earlier sentence about aid or of the title; and
//! what the document's voice says of its giver (its source's country, the headline's giver, the
//! dateline, the country of the figure's currency, a government's own "$"), used by `finalise`.

use crate::actors::{Actor, ActorRef, LEXICON, find_actors};
use crate::document::Document;

use super::candidate::Candidate;
use super::cue_data;
use super::cues::{self, Words, is_trigger};
use super::roles;
use super::view::starts_list_item;

/// The index of the paragraph (segment) that holds byte `b`, for how far back a role is lent.
fn paragraph_of(doc: &Document, b: usize) -> usize {
    doc.segment_at(b).unwrap_or(0)
}

/// A figure whose sentence names no giver of its own ("Of the total, USD 7 million will be
/// provided to Sudan") is given by the giver of the commitment just before it, within the
/// same or the next three paragraphs.
pub(super) fn borrow_donors(cands: &mut [Candidate], doc: &Document) {
    const REACH: usize = 3;
    let mut last: Option<(&'static str, (usize, usize), usize)> = None;
    for c in cands.iter_mut() {
        let here = paragraph_of(doc, c.statement.0);
        match c.donor {
            Some(d) if d.2 >= 2 => last = Some((d.0, d.1, here)),
            // Merely named again ("…, in which the Netherlands participates"): the giver just before.
            Some(d) => {
                if last.is_some_and(|(p, _, at)| p == d.0 && here - at.min(here) <= REACH) {
                    c.donor = Some((d.0, d.1, 2));
                }
            }
            None => {
                if c.announced_by.as_ref().is_some_and(|(a, _)| a.country.is_some()) || first_person_gives(c, doc) {
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

/// [borrow-not-first-person] "that means we're going to work with our partners in Congress to
/// contribute another $6 billion to the Global Fund": a speaker who gives in the first person
/// before the figure is the document's own voice, not the giver of the list just before (eval/labels
/// wh2123-final-n, the Global Fund replenishment remarks: read after its first look).
fn first_person_gives(c: &Candidate, doc: &Document) -> bool {
    let end = c.amount.as_ref().map_or(c.statement.1, |(_, b)| b.0).max(c.statement.0);
    Words::new(&doc.text, c.statement.0, end).words.iter().any(|w| cue_data::FIRST_PERSON_SUBJECTS.has(&w.0))
}

/// The recipient for a candidate whose sentence names none — only when the
/// sentence speaks of aid: the last recipient named with a role word in an
/// earlier sentence about aid, at most three paragraphs back ("US military
/// support for Ukraine … The first, worth up to $250 million, …"), else the
/// country an aid title names ("New Security Assistance Package for Ukraine").
/// Frequency alone is not enough: speeches name many countries.
pub(super) fn implicit_recipient(
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
    // lends no single one. Nor do "six states" or "all 50 states": a federation's own states
    // take the money at home.
    let statement = &doc.text[c.statement.0..c.statement.1];
    // [recipient-group-not-givers] "… and from nations that themselves receive Global Fund grants":
    // countries named as givers, after "from" or "by", are no group that receives (eval/labels
    // wh2123-final-n, the Global Fund replenishment remarks: read after its first look).
    let ws = Words::new(statement, 0, statement.len()).words;
    let group = (1..ws.len()).any(|k| {
        let counted = |w: &str| {
            w.bytes().all(|b| b.is_ascii_digit()) || crate::mentions::number::unit_value(w).is_some() || w == "several"
        };
        let (before, noun) = (ws[k - 1].0.as_str(), ws[k].0.as_str());
        let givers = ws[k.saturating_sub(2)..k].iter().any(|w| matches!(w.0.as_str(), "from" | "by"));
        // [recipient-group-not-a-name] "… implemented by the Food and Agriculture Organization of the
        // United Nations": a name is no group (eval/labels longform-final-p, the Team Europe op-ed:
        // read after its first look).
        let name = before == "united";
        matches!(noun, "countries" | "nations")
            && !matches!(before, "other" | "both" | "our" | "two")
            && !givers
            && !name
            || noun == "states" && (counted(before) || before == "all")
    });
    if group {
        return None;
    }
    // In a transcript (briefings, remarks, calls) the subject changes from answer to answer:
    // only the statement's own paragraph or the one before can lend it a recipient, and the
    // one before only when the title names none (eval/labels wh2426-b, the Haiti gaggle).
    let transcript = is_transcript(doc) || doc.title.as_deref().is_some_and(|t| t.contains("Conference"));
    let reach = if transcript || same_paragraph_only { 0 } else { 2 };
    // An answer in a transcript runs long and changes subject: a cue counts only a few sentences back.
    let near = |b: usize| !transcript || c.statement.0 - b <= 1200;
    let donor = c.donor.filter(|d| d.2 >= 2).map(|d| d.0);
    let here = paragraph_of(doc, c.statement.0);
    // A bullet of a fact sheet is its own project: it borrows a recipient from its lead-in, not from another bullet.
    let is_bullet = |g: usize| doc.segments.get(g).is_some_and(|s| starts_list_item(&doc.text[s.bytes.0..s.bytes.1]));
    let bullet = is_bullet(here);
    let cue_within = |reach: usize| {
        cues.iter().rev().find(|(p, b)| {
            let there = paragraph_of(doc, b.0);
            b.0 < c.statement.0
                && near(b.0)
                && here - there.min(here) <= reach
                && Some(*p) != donor
                && !(bullet && there != here && is_bullet(there))
        })
    };
    if let Some(&(p, b)) = cue_within(reach) {
        return Some((p, b, 1));
    }
    if same_paragraph_only {
        return None;
    }
    // Remarks before a bilateral meeting range over other news first: a recipient named just
    // before wins over the meeting's counterpart.
    if transcript
        && doc.title.as_deref().is_some_and(bilateral_title)
        && let Some(&(p, b)) = cue_within(1)
    {
        return Some((p, b, 1));
    }
    title_recipient(c, doc, donor).or_else(|| {
        let &(p, b) = cue_within(1).filter(|_| transcript)?;
        Some((p, b, 1))
    })
}

/// [recipient-the-country] "Egypt has dug itself a hole of debt. … the IMF will extend a $3
/// billion loan to the country": "the country" or "the nation" after "to" or "for" points back at
/// the country the text last named before the sentence, in its paragraph or the one before. Not
/// when that country gives, nor when the sentence names another country before the phrase: the
/// nearer one may be meant (eval/labels summaries-final-o, the Egypt debt summary: read after its
/// first look).
pub(super) fn country_anaphor(
    c: &Candidate,
    actors: &[Actor],
    doc: &Document,
) -> Option<(&'static str, (usize, usize), u8)> {
    let words = Words::new(&doc.text, c.statement.0, c.statement.1);
    let ws = &words.words;
    let k = (2..ws.len()).find(|&k| {
        matches!(ws[k].0.as_str(), "country" | "nation")
            && ws[k - 1].0 == *"the"
            && matches!(ws[k - 2].0.as_str(), "to" | "for")
    })?;
    let donor = c.donor.map(|d| d.0);
    let phrase = ws[k - 2].1;
    let nearer = actors
        .iter()
        .filter(|a| a.bytes.0 >= c.statement.0 && a.bytes.1 <= phrase)
        .any(|a| a.named_country().is_some_and(|p| Some(p) != donor));
    if nearer {
        return None;
    }
    let (p, b) =
        actors.iter().rev().filter(|a| a.bytes.1 <= c.statement.0).find_map(|a| Some((a.named_country()?, a.bytes)))?;
    let (here, there) = (paragraph_of(doc, c.statement.0), paragraph_of(doc, b.0));
    (here - there.min(here) <= 1 && Some(p) != donor).then_some((p, b, 1))
}

/// The country an aid title names ("New Security Assistance Package for Ukraine"), or the one
/// other country a fact sheet, readout or statement is about ("U.S.–Guatemala Cooperation").
fn title_recipient(
    c: &Candidate,
    doc: &Document,
    donor: Option<&'static str>,
) -> Option<(&'static str, (usize, usize), u8)> {
    let title = doc.title.as_deref()?;
    let home = home_party(doc);
    // "at Start of U.N. Climate Conference": a party that names a meeting is not its subject.
    // A bilateral meeting ("U.S.-ASEAN Summit") still names its counterpart.
    let names_meeting = |a: &Actor| {
        // "Summit in Hiroshima, Japan", "Conference in Egypt": the venue of a meeting is no subject
        // ("the Crisis in Afghanistan" still is).
        let before = title[..a.bytes.0].trim_end();
        let meeting = cue_data::MEETING_TITLES.iter().any(|k| title.contains(k));
        if meeting && (before.ends_with(" in") || before.ends_with(',')) {
            return true;
        }
        let bilateral = title[..a.bytes.0].ends_with(['-', '–']);
        // "the NATO 75th Anniversary Summit", "the 29th U.N. Climate Change Conference": a party
        // at the head of a meeting's name names the meeting, where the news is made (eval/labels
        // wh2426-c, the women, peace and security fact sheet; wh2426-final-f, the COP29 fact sheet).
        // [title-replenishment-receives] "Remarks by President Biden at the Global Fund’s Seventh
        // Replenishment Conference": the fund a pledging meeting replenishes receives what is
        // pledged there (eval/labels wh2123-final-n, read after its first look).
        let replenished =
            title[a.bytes.1..].split_whitespace().take(4).any(|w| w.to_lowercase().starts_with("replenishment"));
        if replenished {
            return false;
        }
        let meeting_name = title[a.bytes.1..]
            .split_whitespace()
            .take(4)
            // A Title Case title capitalises its small words too: "Chile Before Bilateral Meeting"
            // ends the name at "Before". A short form in brackets goes on with the name ("53rd
            // Pacific Islands Forum (PIF) Leaders Meeting": eval/labels wh2426-final-j).
            .take_while(|w| {
                let lower = w.to_lowercase();
                w.trim_start_matches('(').starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    && !roles::is_preposition(&lower)
                    && !cue_data::SUBORDINATORS.has(&lower)
                    && !matches!(lower.as_str(), "and" | "to" | "for" | "ahead")
            })
            .any(|w| cue_data::MEETING_TITLES.iter().any(|k| w.starts_with(k)));
        if meeting_name && !bilateral {
            return true;
        }
        let rest = title[a.bytes.1..].trim_start();
        let next = rest.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
        cue_data::MEETING_NAMES.iter().any(|k| next.starts_with(k)) && !bilateral
    };
    let title_words = Words::new(title, 0, title.len());
    // Parties before the title's verb are its givers ("Japan, South Korea and Britain pledge aid as …").
    let title_actors = find_actors(title, doc.published);
    // A word of giving inside a name ("the Global Fund’s Seventh Replenishment") is no verb.
    let in_a_name = |b: usize| title_actors.iter().any(|a| a.bytes.0 <= b && b < a.bytes.1);
    let title_verb = title_words.words.iter().find(|(w, b, _)| is_trigger(w) && !in_a_name(*b)).map_or(0, |w| w.1);
    let title_ws: Vec<&str> = title_words.words.iter().map(|(w, _, _)| w.as_str()).collect();
    let cued = |a: &Actor| roles::recipient_strength(title, &title_words, &title_ws, a).is_some();
    // "… announce energy support for Moldova as …": a party the title gives a role word comes first.
    // "War in Ukraine: World Bank approves …": a short label before the colon names what the news
    // is about (eval/labels summaries-a).
    // "UK FDI: concierge service vs $1.2tn US aid package": a label about other money (investment,
    // trade, a budget) names no party helped (eval/labels summaries-final-g, read after its first look).
    let label_end = title
        .find(": ")
        .filter(|&k| title[..k].split_whitespace().count() <= 5)
        .filter(|&k| !Words::new(title, 0, k).words.iter().any(|(w, _, _)| cues::is_other_money(w)))
        .unwrap_or(0);
    let in_label = |a: &Actor| a.bytes.1 <= label_end;
    let mut ranked: Vec<&Actor> =
        title_actors.iter().filter(|a| a.bytes.0 >= title_verb || cued(a) || in_label(a)).collect();
    ranked.sort_by_key(|a| !cued(a));
    let parties: Vec<&'static str> = ranked
        .into_iter()
        .filter(|a| {
            // "monies sent by JICA": the agent of a passive gives, it does not receive
            // (eval/labels longform-b, the bar association article).
            let before = title[..a.bytes.0].trim_end().rsplit(' ').next().unwrap_or("");
            let agent = before.eq_ignore_ascii_case("by");
            // "… Protect American Workers from China's Unfair Trade Practices", "… Action against
            // Russia": a party the title guards against receives nothing (eval/labels wh2426-a, the
            // semiconductor trade fact sheet).
            let guarded = before.eq_ignore_ascii_case("from") || before.eq_ignore_ascii_case("against");
            // [title-rival-not-recipient] "… and Reduce Reliance on Competitors Like China": a party
            // named as a rival or as what one depends on receives nothing (eval/labels wh2123-final-l,
            // the energy communities fact sheet).
            // "… Missiles Upgrade to Counter Assertive China": the party a verb of rivalry aims at
            // (sample of summaries, unlabelled).
            let rival = {
                let lead: Vec<String> =
                    title[..a.bytes.0].split_whitespace().rev().take(3).map(str::to_lowercase).collect();
                matches!(lead.first().map(String::as_str), Some("like" | "on" | "as"))
                    && lead.iter().skip(1).any(|w| cue_data::RIVALRY_NOUNS.has(w))
                    || lead.iter().take(2).any(|w| cue_data::RIVAL_VERBS.has(w))
            };
            // "… $2.9bn package after China's help": the party whose help it is gives.
            let helps = ["'s ", "’s "].iter().find_map(|p| title[a.bytes.1..].strip_prefix(p)).is_some_and(|rest| {
                rest.split_whitespace().next().is_some_and(|w| {
                    let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
                    matches!(w.as_str(), "help" | "support" | "backing") || cues::is_aid_word(&w)
                })
            });
            // "Russia-Ukraine war live: …": the first of a pair names the story, no recipient.
            !matches!(a.what, ActorRef::Country { via: crate::actors::Via::Adjective, .. } | ActorRef::Person { .. })
                && !roles::first_of_pair(title, a)
                && !aid_source(&title_words, a)
                && !names_meeting(a)
                && !agent
                && !guarded
                && !rival
                && !helps
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
    // "… Before Bilateral Meeting": the one counterpart receives what is pledged there. "… after
    // Libya floods": the country of a disaster receives the relief (eval/labels summaries-b, the
    // Derna floods briefing; wh2123-a, the Honduras remarks).
    let disaster = title_actors.iter().any(|a| {
        title[a.bytes.1..]
            .split_whitespace()
            .next()
            .is_some_and(|w| cue_data::DISASTER_WORDS.has(&w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase()))
    });
    // [title-war-attacked-receives] "Russia-Ukraine war at a glance: what we know on day 587":
    // a title naming a war between a pair, one of whom attacks the other, is about the attacked
    // party, which receives the aid its items announce with no recipient of their own (eval/labels
    // summaries-final-l, the summary of 3 October 2023: read after its first look).
    let war_of_pair = lower.split(|c: char| !c.is_alphabetic()).any(|w| w == "war")
        && parties.first().is_some_and(|&attacked| {
            title_actors.iter().filter_map(Actor::party).any(|p| super::constraints::at_war(p, attacked))
        });
    let about_one = parties.len() == 1
        && (cue_data::ONE_SUBJECT_TITLES.iter().any(|k| lower.starts_with(k))
            || bilateral_title(title)
            || disaster
            || war_of_pair);
    if !(aid_title || about_one) {
        return None;
    }
    // A forum of donors in the title counts as a party but never receives.
    Some((*parties.iter().find(|p| !cues::is_donor_group(p))?, c.statement, 1))
}

/// A title about a meeting of two parties ("… Before Bilateral Meeting").
fn bilateral_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    cue_data::BILATERAL_TITLES.iter().any(|k| lower.contains(k))
}

/// A transcript by its title: briefings, gaggles, remarks, press calls, interviews.
pub(super) fn is_transcript(doc: &Document) -> bool {
    doc.title.as_deref().is_some_and(|t| cue_data::TRANSCRIPT_TITLES.iter().any(|k| t.contains(k)))
}

/// The country an official source speaks for, from its URL (whitehouse.gov → US; the hosts are in
/// `data/actors/official_hosts.tsv`).
pub(super) fn home_party(doc: &Document) -> Option<&'static str> {
    let host = web_host(doc)?;
    cue_data::OFFICIAL_HOSTS
        .iter()
        .find(|(h, _)| host.strip_suffix(h).is_some_and(|rest| rest.is_empty() || rest.ends_with('.')))
        .map(|(_, c)| *c)
        .or_else(|| government_host(&host))
}

/// The lowercased host of the document's web address, without a port.
fn web_host(doc: &Document) -> Option<String> {
    let url = doc.url.as_deref()?;
    Some(url.split("://").nth(1)?.split(['/', ':']).next()?.to_ascii_lowercase())
}

/// The country an outlet publishes in: an official source's country (`home`, from
/// [`home_party`]), else the country code at the end of its host (`dailymirror.lk` → LK). Only
/// for reading a shared currency sign: a country code says where a paper is read, not who gives.
pub(super) fn outlet_country(doc: &Document, home: Option<&'static str>) -> Option<&'static str> {
    home.or_else(|| {
        let host = web_host(doc)?;
        let cc = host.rsplit('.').next()?;
        LEXICON.country(&cc.to_ascii_uppercase()).map(|c| c.code).filter(|_| cc.len() == 2)
    })
}

/// A government's own domain under its country code: `cabinetoffice.gov.lk`, `mofa.go.ke`,
/// `treasury.govt.nz`, `presidencia.gob.mx`, `economie.gouv.fr` name their country.
fn government_host(host: &str) -> Option<&'static str> {
    let mut labels = host.rsplit('.');
    let cc = labels.next()?;
    let second = labels.next()?;
    if !matches!(second, "gov" | "go" | "govt" | "gob" | "gouv" | "gv") || cc.len() != 2 {
        return None;
    }
    let code = if cc == "uk" { "GB".to_string() } else { cc.to_ascii_uppercase() };
    LEXICON.country(&code).map(|c| c.code)
}

/// Whether the document speaks for `party`: its source, the announcer's country, a dateline
/// in that country ("October 4, 2024 - Ottawa, Ontario -"), or a story that never names the US,
/// so that a "$" can only be the donor's own.
pub(super) fn speaks_for(doc: &Document, actors: &[Actor], c: &Candidate, party: &str) -> bool {
    home_party(doc) == Some(party)
        || c.announced_by.as_ref().is_some_and(|(p, _)| p.country.as_deref() == Some(party))
        || dateline_party(doc, actors) == Some(party)
        || !actors.iter().any(|a| a.party() == Some("US"))
}

/// The giver a headline names before its verb ("Canada announces …", "World Bank Approves …",
/// "Biden-Harris Administration Announces …"): the document's voice. Else the party it names as
/// the source of the aid (`aid_source`).
pub(super) fn headline_giver(doc: &Document) -> Option<&'static str> {
    let title = doc.title.as_deref().or_else(|| {
        let head = doc.segments.iter().find(|g| g.kind == crate::document::SegmentKind::Headline)?;
        doc.text.get(head.bytes.0..head.bytes.1)
    })?;
    let words = Words::new(title, 0, title.len());
    let actors = find_actors(title, doc.published);
    let givers = || {
        actors
            .iter()
            .filter(|a| !matches!(a.what, ActorRef::Place { .. } | ActorRef::Company { .. }) && !a.is_channel())
    };
    // A verb, not a noun that names the aid ("Israel aid bill", "Ukraine support package").
    let by_verb = words.words.iter().find(|(w, _, _)| is_trigger(w) && !cue_data::HEADLINE_AID_NOUNS.has(w)).and_then(
        |&(_, trigger, _)| {
            givers()
                .filter(|a| a.bytes.1 <= trigger)
                .rfind(|a| title[a.bytes.1..trigger].split_whitespace().count() <= 2)
                .and_then(Actor::party)
        },
    );
    by_verb.or_else(|| givers().find(|a| aid_source(&words, a)).and_then(Actor::party))
}

/// [title-aid-source-gives] "Obtaining support of the World Bank for …", "Project Grant
/// Assistance from the Government of Japan for …": a party after a noun of aid and "of", "from"
/// or "by" (past "the" and the words of a government's office) is the aid's source, the giver
/// of a recipient government’s decision (eval/labels cabinet-final-i development, the World
/// Bank's development policy financing).
fn aid_source(words: &Words, a: &Actor) -> bool {
    let ws = &words.words;
    let at = words.index_at(a.bytes.0);
    let office = |w: &str| w == "the" || w == "of" || cue_data::OFFICE_NOUNS.has(w);
    (at.saturating_sub(5)..at).rev().any(|p| {
        matches!(ws[p].0.as_str(), "of" | "from" | "by")
            && p > 0
            && cue_data::HEADLINE_AID_NOUNS.has(&ws[p - 1].0)
            && ws[p + 1..at].iter().all(|(w, _, _)| office(w))
    })
}

/// The country of the place a body opens with ("Warsaw, 21 November 2024", "October 4, 2024 -
/// Ottawa, Ontario -", "PARIS, April 15 (AFP) -"): where the statement was made.
pub(super) fn dateline_party(doc: &Document, actors: &[Actor]) -> Option<&'static str> {
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
pub(super) fn currency_party(currency: &str) -> Option<&'static str> {
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
pub(super) fn own_dollar(country: &str) -> Option<&'static str> {
    ["CAD", "AUD", "NZD", "SGD", "HKD", "TWD"].into_iter().find(|c| currency_party(c) == Some(country))
}

/// A dollar figure that names no country's dollar: "$15 million", "up to $5m",
/// "five million dollars" (not "US$", "C$", "U.S. dollars").
pub(super) fn is_bare_dollar(figure: &str) -> bool {
    match figure.find('$') {
        Some(i) => !figure[..i].ends_with(|ch: char| ch.is_alphabetic()),
        None => figure.contains("dollar") && !["US", "U.S", "American"].iter().any(|k| figure.contains(k)),
    }
}
