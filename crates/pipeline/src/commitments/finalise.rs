//! Turning a merged candidate into a [`Commitment`]: the giver (the sentence's, else the
//! document's: announcer, source, headline, dateline, currency), the role checks (no forum of
//! donors, no support to the source's own country or within one country), the announcer, a
//! government's own "$", evidence spans, category and instrument defaults, and the amount in
//! EUR and USD (`normalise`).

use std::sync::LazyLock;

use pledgewatch_rates::RateTable;

use crate::actors::{Actor, ActorRef, LEXICON};
use crate::document::{Document, SegmentKind};
use crate::text::{CharMap, LowercasePhrases};

use super::candidate::Candidate;
use super::constraints;
use super::cue_data;
use super::cues::{self, Words};
use super::document_roles::{
    currency_party, dateline_party, headline_giver, home_party, is_bare_dollar, outlet_country, own_dollar, speaks_for,
};
use super::normalise::to_eur_usd;
use super::record::{Category, Commitment, Evidence, Instrument, Party, Status};
use super::rules::{self, trace};
use super::view::to_announcer;

/// Turns a merged candidate into a record: roles must be known and differ;
/// offsets become code points; the amount is converted at the day's rate.
pub(super) fn finalise(
    doc: &Document,
    mut c: Candidate,
    actors: &[Actor],
    map: &CharMap,
    rates: &RateTable,
    receiving_side: bool,
) -> Option<Commitment> {
    let statement = &doc.text[c.statement.0..c.statement.1];
    // [final-no-figure] A package told with neither an amount nor a count ("an emergency package
    // for Ukraine") is no commitment by the coding standard (measures without an amount or a
    // count). It is a candidate until here, so that a figure told after it can join it (eval/labels
    // wh2426-final-e, the Warsaw remarks).
    if c.amount.is_none() && c.items.iter().all(|(i, _)| i.quantity.is_none()) {
        trace(statement, &rules::FINAL_NO_FIGURE);
        return None;
    }
    // An announcer found in another sentence ("When the President went to…" after the figure) tells
    // who spoke, not who gives: only one in the statement itself may name the donor.
    let in_statement = |b: (usize, usize)| c.statement.0 <= b.0 && b.1 <= c.statement.1;
    let announcer_party =
        c.announced_by.as_ref().filter(|(_, b)| in_statement(*b)).and_then(|(a, _)| a.country.clone());
    let home = home_party(doc);
    // The sentence's own giver, named as the subject of the giving verb (strength 2 or more).
    // [final-recipient-voice-weak-giver] In a government's own decision, a foreign party named
    // before the figure is its giver however deep in the subject it stands ("the Export Control
    // and Related Border Security Programme operated under the Embassy of the United States of
    // America has extended its willingness to grant …", "the Japan Fund for Prosperous and
    // Resilient Asia and Pacific has extended its willingness to grant a US$ 3 million": eval/labels
    // cabinet-final-i and cabinet-a) — when an offer (`data/cues/offer_phrases.txt`) stands between
    // it and the figure, not a party a procurement or an account names.
    let offers_before_figure = |d: &(&str, (usize, usize), u8)| {
        c.amount.as_ref().is_some_and(|(_, b)| {
            doc.text
                .get(d.1.1..b.0)
                .is_some_and(|between| super::cue_data::OFFER_PHRASES.iter().any(|p| between.contains(p)))
        })
    };
    let stated_donor =
        c.donor.filter(|d| d.2 >= 2 || (receiving_side && Some(d.0) != home && offers_before_figure(d))).map(|d| d.0);
    // [final-recipient-voice] A government's own decision names the money it receives ("the ADB
    // has agreed to provide a loan of US$ 200 million", in a cabinet decision): a foreign giver
    // stated in the sentence gives to the source's own country. Labelled cases: the cabinet
    // decisions of eval/labels/cabinet-a (ADB, World Bank and Japanese loans and grants).
    let voice_of_recipient = |d: &str| {
        home.is_some_and(|h| h != d && !constraints::at_war(d, h) && LEXICON.country(h).is_some())
            && !cues::is_donor_group(d)
            && receiving_side
    };
    // [title-aid-source-gives] With no giver stated, the aid's source the title names ("Obtaining
    // support of the World Bank for …") is the one the decision receives from.
    // Read once: the donor's fallbacks below ask for it again.
    let title_giver = std::cell::LazyCell::new(|| headline_giver(doc));
    let voiced_donor = stated_donor.or_else(|| title_giver.filter(|_| receiving_side));
    let recipient = match c.recipient {
        Some(r) => r,
        None => match (voiced_donor, home) {
            (Some(d), Some(h)) if voice_of_recipient(d) => (h, c.statement, 1),
            _ => {
                trace(statement, &rules::FINAL_NO_RECIPIENT);
                return None;
            }
        },
    };
    // [constraint-aggressor] A party at war with the recipient is never its donor: each source
    // of the giver below skips one ("Russia's war against Ukraine" beside a US drawdown).
    let fits = |p: &&'static str| *p != recipient.0 && !constraints::at_war(p, recipient.0);
    // A donor the sentence's structure gives, else the announcer's country, the
    // source's country, and only then a party merely named in the sentence.
    let announcer_country = announcer_party.as_deref().and_then(|p| LEXICON.country(p).map(|c| c.code)).filter(fits);
    let donor = stated_donor
        .filter(fits)
        .or(announcer_country)
        // A government that speaks as the receiving side is not the giver of last resort.
        .or(home.filter(fits).filter(|_| !receiving_side))
        // Each fallback below is tried only when those before it found no giver.
        .or_else(|| title_giver.filter(fits))
        .or_else(|| dateline_party(doc, actors).filter(fits))
        // A shared sign ("Rs") names no one country: only a currency of one country names its giver.
        .or_else(|| {
            c.amount
                .as_ref()
                .filter(|(_, b)| constraints::shared_sign(&doc.text[b.0..b.1]).is_none())
                .and_then(|(a, _)| currency_party(&a.currency))
                .filter(fits)
        })
        .or_else(|| c.donor.map(|d| d.0).filter(fits));
    // A forum of donors (G7, G20) gives through its members and receives nothing.
    if donor.is_some_and(cues::is_donor_group) {
        trace(statement, &rules::FINAL_DONOR_FORUM);
        return None;
    }
    if cues::is_donor_group(recipient.0) {
        trace(statement, &rules::FINAL_RECIPIENT_FORUM);
        return None;
    }
    // An official source does not announce support to its own country, unless a foreign giver
    // is the sentence's subject (a recipient government's decision).
    if home == Some(recipient.0) && !voiced_donor.is_some_and(voice_of_recipient) {
        trace(statement, &rules::FINAL_RECIPIENT_IS_SOURCE);
        return None;
    }
    // Support within one country (US federal money for Puerto Rico) is not international support;
    // nor does a US territory give abroad (a grant table's "GUAM … $250,000" row beside "AMERICAN
    // SAMOA", read as one sentence).
    let territory = |p: &str| matches!(p, "PR" | "GU" | "VI" | "AS" | "MP" | "UM");
    if donor.is_some_and(|d| territory(d) || (d == "US" && territory(recipient.0))) {
        trace(statement, &rules::FINAL_DOMESTIC_TERRITORY);
        return None;
    }
    let Some(donor_id) = donor else {
        let rule = if c.donor.is_some_and(|d| constraints::at_war(d.0, recipient.0)) {
            &rules::CONSTRAINT_AGGRESSOR
        } else {
            &rules::FINAL_NO_DONOR
        };
        trace(statement, rule);
        return None;
    };
    // A shared sign ("Rs") is the currency of the party at home: the recipient's rupee, else the donor's.
    if let Some((a, b)) = &mut c.amount
        && let Some(local) =
            constraints::shared_sign_currency(&doc.text[b.0..b.1], &a.currency, recipient.0, donor_id, || {
                outlet_country(doc, home)
            })
    {
        a.currency = local.to_string();
    }
    // An announcer from another sentence who speaks for another country is not this donor's.
    if c.announced_by.as_ref().is_some_and(|(a, b)| {
        !in_statement(*b)
            && a.country.as_deref().is_some_and(|k| LEXICON.country(donor_id).is_some_and(|d| d.code != k))
    }) {
        c.announced_by = None;
    }
    // No announcer in the statement: the donor's official named in the body (a signatory).
    if c.announced_by.is_none() {
        // In a searchable segment: the one holding its start, found by binary search (a scan of
        // every segment for every actor made a long document cost the cube of its length).
        let body = |a: &Actor| {
            doc.segment_at(a.bytes.0).is_some_and(|k| {
                let g = &doc.segments[k];
                matches!(g.kind, SegmentKind::Body | SegmentKind::Headline) && a.bytes.1 <= g.bytes.1
            })
        };
        c.announced_by = actors
            .iter()
            .find(|a| matches!(a.what, ActorRef::Person { .. }) && a.party() == Some(donor_id) && body(a))
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
    let (value_eur, value_usd, unconverted) = to_eur_usd(amount.as_ref(), announced_on, rates);
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
    // [instrument-military-goods] Military support whose statement names weapons, a package or
    // tranche of them, or aid sent or shipped is goods in kind, as the coding standard codes "a
    // drawdown or a security assistance package"; "military support" alone stays unspecified
    // (eval/labels, development: 40 of 52 matched military records coded in kind).
    let goods = || {
        category == Category::Military
            && Words::new(&doc.text, c.statement.0, c.statement.1)
                .words
                .iter()
                .any(|(w, _, _)| cue_data::MILITARY_GOODS_WORDS.has(w))
    };
    let instrument = c.instrument.unwrap_or(match category {
        _ if !c.items.is_empty() && amount.is_none() => Instrument::InKind,
        Category::Humanitarian => Instrument::Grant,
        _ if !c.items.is_empty() => Instrument::InKind,
        Category::Other => Instrument::Grant,
        _ if goods() => Instrument::InKind,
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
        rules: proposed_by(c.rules),
        evidence,
        annotations: Default::default(),
    })
}

/// Whether a government's own page speaks as the receiving side: its title obtains, secures or
/// is funded, or its text says it is the government's own decision. Decided once per document.
pub(super) fn receiving_side(doc: &Document) -> bool {
    home_party(doc).is_some() && (title_receives(doc) || own_decision(doc))
}

/// Whether the title speaks as the receiving side, a statement about the whole document:
/// "Obtaining a loan from the ADB", "Securing funds from …", "… funded by the World Bank",
/// "Japanese grant aid for …".
fn title_receives(doc: &Document) -> bool {
    doc.title.as_deref().is_some_and(|t| {
        let t = t.to_lowercase();
        constraints::RECEIVING_CUES.iter().any(|c| t.contains(c))
    })
}

/// Whether the text states that it is a government's own decision ("… was approved by the
/// Cabinet").
fn own_decision(doc: &Document) -> bool {
    static CUES: LazyLock<LowercasePhrases> = LazyLock::new(|| LowercasePhrases::new(&constraints::OWN_DECISION_CUES));
    CUES.in_lowercase_of(&doc.text)
}

/// The ids of the rules that proposed a merged candidate, in the order of their sentences in the
/// document, each once.
fn proposed_by(mut rules: Vec<(usize, &'static str)>) -> Vec<&'static str> {
    rules.sort_by_key(|r| r.0);
    let mut ids: Vec<&'static str> = Vec::with_capacity(rules.len());
    for (_, id) in rules {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}
