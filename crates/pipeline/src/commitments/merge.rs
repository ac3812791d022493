//! Merging across the document: a figure that later figures split into parts is dropped for its
//! parts (`drop_umbrellas`), then candidates that state one commitment (the same figure, a figure
//! given twice or told rounded, items that belong to the one money commitment) become one.

use rust_decimal::Decimal;

use crate::document::Document;
use crate::mentions::Qualifier;

use super::candidate::Candidate;
use super::cue_data;
use super::record::Amount;
use super::roles;
use super::rules::{self, trace};

/// A figure that later figures of the same currency split into parts ("USD 10 million … Of the
/// total, USD 7 million … while USD 3 million …"; "a package of €3 billion. It consists of: - €640
/// million …"): the parts are the commitments, the umbrella is not. Parts must follow within a
/// few paragraphs and add up to the umbrella (within a tenth, for rounded figures).
pub(super) fn drop_umbrellas(cands: &mut Vec<Candidate>, doc: &Document) {
    const REACH: usize = 1500;
    let figure = |c: &Candidate| c.amount.as_ref().map(|(a, _)| (a.value, a.currency.clone()));
    let mut dropped = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let Some((whole, currency)) = figure(c) else { continue };
        // A share is no whole of its own.
        if c.share {
            continue;
        }
        // [merge-umbrella-listed-beside] "… intends to provide $500,000 for a new Fiscal Integrity
        // Program …, and $500,000 to broaden …": a figure listed beside another of its sentence is one
        // item of a list, no whole that later figures split (eval/labels wh2426-final-h, the Kenya
        // state visit fact sheet, where the next sentence's $250,000 and $300,000 came to a tenth
        // of it).
        if cands.iter().enumerate().any(|(j, o)| j != i && o.statement == c.statement && figure(o).is_some()) {
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
            // [merge-umbrella-own-item] A figure in one list item is no umbrella of the figures in the
            // items after it: each item is a project of its own ("- Police Reform: … $7 million …",
            // "- Prisons: … $2.2 million …", "- Organized Crime: … $4.9 million …"; eval/labels
            // wh2426-final-h, the Kenya fact sheet).
            if matches!((list_item(doc, c), list_item(doc, p)), (Some(x), Some(y)) if x != y) {
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
        trace(&format!("{:?}", cands[i].amount.as_ref().map(|a| &a.0)), &rules::MERGE_UMBRELLA);
        cands.remove(i);
    }
}

/// How far (bytes) from a money commitment's statement an items-only sentence that names no
/// recipient may stand and still belong to it: a package's list of items follows it closely.
const ITEMS_REACH: usize = 3000;

/// Merges candidates that state the same commitment: the same figure (or a
/// figure given twice), or items-only sentences that belong to the one money
/// commitment of the same recipient.
pub(super) fn merge(cands: Vec<Candidate>, doc: &Document) -> Vec<Candidate> {
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
                // A headline's "$7.3 billion" is the body's "75 billion kroner ($7.3 billion)".
                || is_twin(o, b)
                || is_twin(&c, a)
                || (restated(a, b) && compatible(o.donor, c.donor) && compatible(o.recipient, c.recipient)))
                && !parties_differ(o, &c)
                && !projects_apart(doc, o, &c)
                && !adds_another(doc, o, &c)
                && !told_apart_in_one_sentence(doc, o, &c)
        });
        match same {
            Some(k) => {
                // The figure as first stated wins over its conversion: the one whose twin the other is.
                let original = match (&out[k].amount, &c.amount) {
                    (Some(a), Some(b)) if is_twin(&c, &a.0) => Some(b.clone()),
                    (Some(a), Some(b)) if is_twin(&out[k], &b.0) => Some(a.clone()),
                    _ => None,
                };
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
                if let Some(e) = original.or(exact) {
                    out[k].amount = Some(e);
                }
            }
            None => out.push(c),
        }
    }
    for c in items_only {
        // Items that name no recipient belong to a money commitment told near them, not to one of
        // another section ("a communications satellite" a firm will launch, pages below a loan
        // in a fact sheet: eval/labels wh2426-final-e, the Philippines fact sheet).
        // Items that name one reach their recipient's money anywhere; a money commitment that names
        // no recipient only when near.
        let near = |o: &Candidate| {
            (c.recipient.is_some() && o.recipient.map(|r| r.0) == c.recipient.map(|r| r.0))
                || c.statement.0.abs_diff(o.statement.1) <= ITEMS_REACH
        };
        // Nor to one that another stated giver makes ("Allies will provide … body armor" for Ukraine, beside the
        // US's $150 million for a women's leadership fund under the next heading: eval/labels
        // wh2426-c, the NATO summit fact sheet on women, peace and security).
        let target = out.iter().position(|o| {
            (o.recipient.map(|r| r.0) == c.recipient.map(|r| r.0) || o.recipient.is_none() || c.recipient.is_none())
                && near(o)
                && compatible(o.donor.filter(|d| d.2 >= 2), c.donor.filter(|d| d.2 >= 2))
        });
        match target {
            Some(k) if (out.len() == 1 || c.recipient.is_some()) && !items_of_their_own(&out, &c) => {
                absorb(&mut out[k], c)
            }
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

/// [merge-equal-figures-in-one-sentence] "The Administration intends to provide $500,000 for a new
/// Fiscal Integrity Program …, and $500,000 to broaden the reach of anti-corruption advocacy": two
/// figures of one sentence, each its own mention and neither the other's conversion, are two
/// commitments however equal their values (eval/labels wh2426-final-h, the Kenya fact sheet) —
/// unless the same words follow both, one thing named twice ("The $458 million Zambia Compact –
/// MCC's $458 million Zambia Compact, signed …").
fn told_apart_in_one_sentence(doc: &Document, a: &Candidate, b: &Candidate) -> bool {
    let named = |c: &Candidate| {
        let end = c.amount.as_ref().map_or(c.statement.1, |(_, span)| span.1);
        doc.text[end..c.statement.1]
            .split_whitespace()
            .take(3)
            .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()))
            .collect::<Vec<_>>()
    };
    a.statement == b.statement
        && !a.money.iter().any(|m| b.money.contains(m))
        && !b.amount.as_ref().is_some_and(|(x, _)| is_twin(a, x))
        && !a.amount.as_ref().is_some_and(|(x, _)| is_twin(b, x))
        && named(a) != named(b)
}

/// [rule `merge-items-apart`] Items given to a recipient that several money commitments of the
/// document also reach ("donating one million doses to Vietnam" among a fact sheet's list of
/// Vietnam projects, eval/corpus_labels, the Vietnam partnership fact sheet): nothing says which
/// of them the items belong to, so they stay a commitment of their own, unless a money record
/// states them in its own sentence. One money record for the recipient still takes them in (a
/// package and the list of what it holds).
fn items_of_their_own(out: &[Candidate], c: &Candidate) -> bool {
    let Some(to) = c.recipient.map(|r| r.0) else { return false };
    let same = |o: &&Candidate| o.amount.is_some() && o.recipient.is_some_and(|r| r.0 == to);
    let apart = out.iter().filter(same).count() >= 2 && !out.iter().filter(same).any(|o| o.statement == c.statement);
    if apart {
        trace(&format!("{:?}", c.items.first().map(|i| &i.0.item)), &rules::MERGE_ITEMS_APART);
    }
    apart
}

/// The segment (index) of the list item a candidate's statement stands in, if it stands in one.
fn list_item(doc: &Document, c: &Candidate) -> Option<usize> {
    let k = doc.segment_at(c.statement.0)?;
    super::view::starts_list_item(&doc.text[doc.segments[k].bytes.0..doc.segments[k].bytes.1]).then_some(k)
}

/// [rule `merge-projects-apart`] Two list items of a fact sheet that each state the same figure
/// and share no name are two projects ("- USAID is investing $1.4 million in Assobio …", "- USAID
/// is investing $1.4 million in the Rio Negro … project"). A bullet's heading and the paragraph
/// under it that restates its figure are one, and so are a summary's bullet and the detail's that
/// name the same facility (eval/labels wh2426-c, the Amazon fact sheet; wh2426-final-f, the COP29
/// fact sheet).
fn projects_apart(doc: &Document, a: &Candidate, b: &Candidate) -> bool {
    // The capitalised words of a statement past its first, outside the giver's and the recipient's
    // names and other than a government's offices in general: what it names. "The Administration
    // intends to provide $500,000 for Partnership 2024 … Kenyan students" and "… $500,000 for a new
    // Fiscal Integrity Program" share only the giver (eval/labels wh2426-final-h, the Kenya fact
    // sheet).
    let names = |c: &Candidate| -> Vec<&str> {
        let outside = |start: usize, party: Option<(usize, usize)>| party.is_none_or(|(s, e)| start < s || start >= e);
        doc.text[c.statement.0..c.statement.1]
            .split(|ch: char| !ch.is_alphanumeric() && ch != '-')
            .scan(c.statement.0, |at, w| {
                let start = doc.text[*at..].find(w).map_or(*at, |k| *at + k);
                *at = start + w.len();
                Some((start, w))
            })
            .filter(|(start, w)| {
                w.len() >= 4
                    && w.starts_with(char::is_uppercase)
                    && outside(*start, c.donor.map(|d| d.1))
                    && outside(*start, c.recipient.map(|r| r.1))
                    && !cue_data::GENERIC_NAME_WORDS.has(&w.to_lowercase())
            })
            .skip(1)
            .map(|(_, w)| w)
            .collect()
    };
    let apart = matches!((list_item(doc, a), list_item(doc, b)), (Some(x), Some(y)) if x != y) && {
        let (na, nb) = (names(a), names(b));
        !na.is_empty() && !nb.is_empty() && !na.iter().any(|w| nb.contains(w))
    };
    if apart {
        trace(&doc.text[b.statement.0..b.statement.1], &rules::MERGE_PROJECTS_APART);
    }
    apart
}

/// [merge-additionally] "DFC announced a $10 million direct loan to BasiGo … Additionally, DFC
/// announced a $10 million loan to Kenyan company Roam Electric": a sentence that opens on
/// "Additionally" or "In addition" states another commitment of the same figure, not the one before
/// (eval/labels wh2426-final-h, the Kenya fact sheet).
fn adds_another(doc: &Document, a: &Candidate, b: &Candidate) -> bool {
    let opens = |c: &Candidate| {
        let t = doc.text[c.statement.0..c.statement.1].trim_start_matches(['-', '*', ' ']);
        t.starts_with("Additionally") || t.starts_with("In addition,")
    };
    a.statement != b.statement && (opens(a) || opens(b))
}

/// Whether `y` is `x`'s figure in another currency (its bracketed twin).
fn is_twin(x: &Candidate, y: &Amount) -> bool {
    x.twin.as_ref().is_some_and(|t| t.value == y.value && same_currency(&t.currency, &y.currency))
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
        // "nearly $400 million" and "$394 million": just short of the bound, as close as "about".
        Qualifier::LessThan => exact <= bound && bound - exact <= tenth / Decimal::from(2),
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
pub(super) fn absorb(o: &mut Candidate, c: Candidate) {
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
    for r in weak.rules {
        if !strong.rules.contains(&r) {
            strong.rules.push(r);
        }
    }
    strong.score = (strong.score + 0.05).min(0.97);
    *o = strong;
}
