//! What a reviewer adding a commitment the extractor missed starts from: the
//! document's sentences, and for one sentence the fields the text stages find
//! in it — its first figure (by the money recogniser, with its span), its first
//! day, its counted items, and the parties the actor lexicon names, in order.
//! A proposal only: the reviewer decides the roles and corrects the rest.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::actors::find_actors;
use crate::mentions::{ItemClass, MentionKind, MentionValue, Qualifier, find_all};
use crate::text::{CharMap, sentences};

/// A figure as the money recogniser reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposedAmount {
    pub value: Decimal,
    pub currency: &'static str,
    pub qualifier: Qualifier,
    pub upper: Option<Decimal>,
    /// Code points in the document.
    pub start: usize,
    pub end: usize,
}

/// A counted item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposedItem {
    pub quantity: Option<Decimal>,
    pub qualifier: Option<Qualifier>,
    pub upper: Option<Decimal>,
    pub class: ItemClass,
}

/// The fields found in one sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    pub amount: Option<ProposedAmount>,
    /// The first date that is one day.
    pub date: Option<Date>,
    /// Party ids (countries, institutions), each once, in the order named.
    pub parties: Vec<&'static str>,
    pub items: Vec<ProposedItem>,
}

/// The sentences of `text`, line by line as the text stages split them, in code points.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            sentences(text, pos, pos + line.len(), &mut out);
        }
        pos += line.len() + 1;
    }
    let map = CharMap::new(text);
    out.iter().map(|s| (map.char_offset(s.start), map.char_offset(s.end))).collect()
}

/// The fields the recognisers find in the code points `start..end` of `text`
/// (dates relative to `reference`, the document's date). Empty for a span that
/// is not in the text.
pub fn propose(text: &str, start: usize, end: usize, reference: Option<Date>) -> Proposal {
    let Some((from, to)) = byte_span(text, start, end) else { return Proposal::default() };
    let sentence = &text[from..to];
    let mut p = Proposal::default();
    let number = |v: &MentionValue| match v {
        MentionValue::Number(n) => Some(*n),
        MentionValue::Date(_) => None,
    };
    for m in find_all(sentence, reference) {
        match m.kind {
            MentionKind::Money if p.amount.is_none() => {
                if let (Some(value), Some(currency)) = (number(&m.value), m.currency) {
                    p.amount = Some(ProposedAmount {
                        value,
                        currency,
                        qualifier: m.qualifier.unwrap_or(Qualifier::Exact),
                        upper: m.upper.as_ref().and_then(number),
                        start: start + m.start,
                        end: start + m.end,
                    });
                }
            }
            MentionKind::Date if p.date.is_none() => {
                if let MentionValue::Date(d) = &m.value {
                    p.date = d.parse().ok();
                }
            }
            MentionKind::Quantity => {
                if let Some(class) = m.class {
                    p.items.push(ProposedItem {
                        quantity: number(&m.value),
                        qualifier: m.qualifier,
                        upper: m.upper.as_ref().and_then(number),
                        class,
                    });
                }
            }
            _ => {}
        }
    }
    for a in find_actors(sentence, reference) {
        if let Some(id) = a.party()
            && !p.parties.contains(&id)
        {
            p.parties.push(id);
        }
    }
    p
}

/// The byte span of the code points `start..end`, if both are in `text`.
pub fn byte_span(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    let mut offsets = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let from = offsets.nth(start)?;
    let to = offsets.nth(end - start - 1)?;
    Some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_sentence_proposes_its_figure_date_items_and_parties() {
        let text = "Headline.\nOn 3 March 2025 Norway pledged NOK 500 million to Ukraine for 20 ambulances. Thanks.";
        let spans = sentence_spans(text);
        assert_eq!(spans.len(), 3, "{spans:?}");
        let (s, e) = spans[1];
        let p = propose(text, s, e, Some(date(2025, 3, 4)));
        let a = p.amount.as_ref().expect("a figure");
        assert_eq!((a.value, a.currency), (Decimal::from(500_000_000), "NOK"));
        let figure: String = text.chars().skip(a.start).take(a.end - a.start).collect();
        assert!(figure.contains("500 million"), "{figure}");
        assert_eq!(p.date, Some(date(2025, 3, 3)));
        assert_eq!(p.parties, ["NO", "UA"]);
        assert_eq!(p.items.first().map(|i| (i.class, i.quantity)), Some((ItemClass::Vehicle, Some(Decimal::from(20)))));
    }

    #[test]
    fn a_span_outside_the_text_proposes_nothing() {
        assert_eq!(propose("Short £5m.", 3, 99, None), Proposal::default());
        assert_eq!(propose("Short £5m.", 4, 4, None), Proposal::default());
        assert_eq!(byte_span("Ünited", 1, 3), Some((2, 4)));
    }
}
