//! After assembly: what a commitment's sentence says beyond who gives what — the stage a
//! later report tells (`lifecycle.rs`), a loan's terms (`terms.rs`) — and the grant
//! equivalent they give (`crate::grant_equivalent`). Kept apart from the assembly phases so
//! that neither changes which commitments are found.

use super::lifecycle::{PartAmount, follow_up};
use super::record::{Annotations, Commitment};
use super::terms::read_terms;
use crate::document::Document;
use crate::grant_equivalent::grant_equivalent;
use crate::mentions::{Mention, MentionKind, MentionValue};

/// How far past its statement (bytes: two or three sentences) a commitment's terms are read.
const TERMS_REACH: usize = 1500;

/// Annotates each commitment from its statement (the stage) and its paragraph from the
/// statement on (the terms: "The loan has a 30-year maturity" often follows the figure).
/// Both are bounded, as assembly's reading is, so that a document of one huge "sentence" or
/// paragraph costs time linear in its commitments.
pub(super) fn annotate(doc: &Document, mentions: &[Mention], commitments: &mut [Commitment]) {
    let text = doc.text.as_str();
    for c in commitments.iter_mut() {
        let Some(statement) = c.evidence.iter().find(|e| e.field == "statement").map(|e| e.bytes) else {
            continue;
        };
        let end = floor_char(text, statement.1.min(statement.0.saturating_add(super::MAX_SENTENCE_BYTES)));
        let sentence = text.get(statement.0..end).unwrap_or("");
        let paragraph_end = doc.segment_at(statement.0).map_or(end, |i| doc.segments[i].end.max(end));
        let paragraph_end = floor_char(text, paragraph_end.min(end.saturating_add(TERMS_REACH)));
        let paragraph = text.get(statement.0..paragraph_end).unwrap_or(sentence);
        let terms = read_terms(paragraph);
        let recipient = c.recipient.as_ref().map_or("", |p| p.id.as_str());
        let ge = grant_equivalent(c.instrument, terms.as_ref(), recipient, c.amount.as_ref().map(|a| a.value));
        let mut stage = follow_up(sentence);
        if let Some(f) = stage.as_mut().filter(|f| f.partial) {
            f.part_amount = part_amount(c, mentions, statement);
        }
        c.annotations = Annotations { follow_up: stage, terms, grant_equivalent: Some(ge) };
    }
}

/// The smaller sum in the commitment's currency its statement also names: the part a partial
/// delivery or disbursement moved ("the second tranche of €100 million of its €250 million").
fn part_amount(c: &Commitment, mentions: &[Mention], statement: (usize, usize)) -> Option<PartAmount> {
    let whole = c.amount.as_ref()?;
    mentions.iter().find_map(|m| {
        let MentionValue::Number(v) = m.value else { return None };
        let inside = m.bytes.0 >= statement.0 && m.bytes.1 <= statement.1;
        (m.kind == MentionKind::Money && inside && m.currency == Some(whole.currency.as_str()) && v < whole.value)
            .then(|| PartAmount { value: v, currency: whole.currency.clone() })
    })
}

/// The largest character boundary at or before `b`.
fn floor_char(text: &str, b: usize) -> usize {
    let mut b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}
