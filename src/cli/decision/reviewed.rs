//! The labels reviewers exported (`pledgewatch labels export`), as training documents for
//! `train decision --reviewed FILE --db LEDGER`: each line's document is read back from the
//! ledger that holds it (the store keeps every document's text), so no corpus file is needed,
//! and is run in both modes like a labeller's document.
//!
//! - Style: every reviewed document is of the style `reviewed`, held out as one in
//!   leave-one-style-out. The reviewed documents come from wherever the ledger's do, so no
//!   corpus style describes them; holding them out together says whether the model learnt
//!   from the labelled corpus carries over to what reviewers see (and a small reviewed set
//!   can then be the worst style: that is what it measures).
//! - A line that is not `partial` labels its whole document, as a labeller's line does: its
//!   `commitments` are the gold, every other record proposed there is wrong.
//! - A `partial` line (the document holds commitments nobody reviewed) adds only what it
//!   states: a proposed record that pairs with one of its commitments is right; one that is
//!   the same record as a rejected one, or as an edited one before its edit of donor or
//!   recipient (the reversed parties a reviewer fixed), is wrong; every other record is left
//!   out of training and of the scores, as nobody said whether it is right.
//! - Several files may hold the same document (exports of different days): its records are
//!   merged by commitment, the later file's decision standing; it is partial only if every
//!   line of it is.
//! - A document some other label already holds (its corpus id is in a batch, the older
//!   labels or the statements, or in a held-out batch) is skipped: the labeller's line stands
//!   and a held-out document is never trained on.

use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::PathBuf;

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Document, RawDocument};
use pledgewatch_store::Store;
use pledgewatch_store::edit::strip_label;
use serde_json::{Value, json};

use super::data::{Doc, bad, labelled, read_jsonl};
use super::matching::{Ids, View, pairs, same_record};

/// The style of every reviewed document in leave-one-style-out.
pub const STYLE: &str = "reviewed";

/// What the reviewed labels added.
#[derive(Default)]
pub struct Summary {
    pub documents: usize,
    pub partial: usize,
    /// Documents another label already holds.
    pub skipped: usize,
    /// Proposed records of partial documents that nobody reviewed, left out.
    pub left_out: usize,
}

/// One document's decisions, merged over the files.
struct Merged {
    id: String,
    file: PathBuf,
    partial: bool,
    /// (commitment, positive, record) in first-seen order; a later decision replaces it.
    records: Vec<(String, bool, Value)>,
}

/// The documents of the reviewed label files, read from the ledger at `db`, in the order
/// they first appear; `taken` are the ids other labels hold.
pub fn load(
    files: &[PathBuf],
    db: &str,
    taken: &HashSet<String>,
    rates: &RateTable,
    ids: &Ids,
) -> io::Result<(Vec<Doc>, Summary)> {
    let mut order: Vec<String> = Vec::new();
    let mut merged: BTreeMap<String, Merged> = BTreeMap::new();
    for file in files {
        for line in read_jsonl(file)? {
            let Some(document) = line.get("document_id").and_then(Value::as_str) else {
                let id = line.get("id").and_then(Value::as_str).unwrap_or("?");
                return Err(bad(format!(
                    "{}: the line of {id} has no document_id: not a line of `pledgewatch labels export`",
                    file.display()
                )));
            };
            let m = merged.entry(document.to_string()).or_insert_with(|| {
                order.push(document.to_string());
                Merged {
                    id: line.get("id").and_then(Value::as_str).unwrap_or(document).to_string(),
                    file: file.clone(),
                    partial: true,
                    records: Vec::new(),
                }
            });
            m.partial &= line.get("partial").and_then(Value::as_bool).unwrap_or(false);
            for (key, positive) in [("commitments", true), ("rejected", false)] {
                for r in line.get(key).and_then(Value::as_array).into_iter().flatten() {
                    let id = ["commitment_id", "entry_id"]
                        .iter()
                        .find_map(|k| r.get(*k).and_then(Value::as_str))
                        .unwrap_or_default()
                        .to_string();
                    match m.records.iter_mut().find(|(c, _, _)| !id.is_empty() && *c == id) {
                        Some(slot) => *slot = (id, positive, r.clone()),
                        None => m.records.push((id, positive, r.clone())),
                    }
                }
            }
        }
    }
    let mut summary = Summary::default();
    let wanted: Vec<(String, Merged)> = order
        .into_iter()
        .filter_map(|d| merged.remove(&d).map(|m| (d, m)))
        .filter(|(d, m)| {
            let skip = taken.contains(&m.id) || taken.contains(d);
            summary.skipped += usize::from(skip);
            !skip
        })
        .collect();
    if wanted.is_empty() {
        return Ok((Vec::new(), summary));
    }
    crate::cli::existing_ledger(db)?;
    let stored = crate::cli::runtime()?.block_on(async {
        let store = Store::open(db).await?;
        let mut out = Vec::new();
        for (d, _) in &wanted {
            match store.document(d).await {
                Ok(doc) => out.push(doc),
                Err(e) => {
                    store.close().await;
                    return Err(e);
                }
            }
        }
        store.close().await;
        Ok(out)
    });
    let stored = stored.map_err(crate::cli::store_error)?;
    let mut docs = Vec::new();
    for ((d, m), s) in wanted.into_iter().zip(stored) {
        let Some(s) = s else {
            return Err(bad(format!("{}: document {d} ({}) is not in the ledger {db}", m.file.display(), m.id)));
        };
        let doc = Document::build(RawDocument {
            source: s.source,
            text: s.text,
            published: s.published,
            title: s.title,
            url: s.url,
            outlet: s.outlet,
            source_id: Some(m.id.clone()),
        });
        let positives: Vec<&Value> = m.records.iter().filter(|r| r.1).map(|r| &r.2).collect();
        let label = json!({ "announces": !positives.is_empty(), "commitments": positives });
        let mut doc = labelled(&doc, STYLE, &label, rates, ids);
        summary.documents += 1;
        if m.partial {
            summary.partial += 1;
            let wrong = negatives(&m.records, ids);
            summary.left_out += keep_stated(&mut doc, &wrong);
        }
        docs.push(doc);
    }
    Ok((docs, summary))
}

/// The records a partial line says are wrong: the rejected ones as extracted, and the edited
/// ones with the donor and recipient they had before a reviewer changed them.
fn negatives(records: &[(String, bool, Value)], ids: &Ids) -> Vec<View> {
    let mut out = Vec::new();
    for (_, positive, r) in records {
        let view = View::of_gold(r, ids);
        if !positive {
            out.push(view);
            continue;
        }
        let edits = r.get("edits").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        let first_old = |field: &str| {
            edits
                .iter()
                .find(|e| e.get("field").and_then(Value::as_str) == Some(field))
                .map(|e| ids.norm(e.get("old").and_then(Value::as_str).map(strip_label)))
        };
        // Only the parties: an amount edited too leaves the record as extracted unknown.
        let amount_edited = edits.iter().any(|e| {
            let f = e.get("field").and_then(Value::as_str).unwrap_or("");
            ["figure", "amount", "value", "currency", "qualifier", "upper"].contains(&f)
        });
        let (donor, recipient) = (first_old("donor"), first_old("recipient"));
        if amount_edited || (donor.is_none() && recipient.is_none()) {
            continue;
        }
        let before = View {
            donor: donor.unwrap_or_else(|| view.donor.clone()),
            recipient: recipient.unwrap_or_else(|| view.recipient.clone()),
            ..view.clone()
        };
        if (&before.donor, &before.recipient) != (&view.donor, &view.recipient) {
            out.push(before);
        }
    }
    out
}

/// Keeps, in both modes, the records the line states: paired with a commitment, or the same
/// as a wrong record. Returns how many candidates it left out. Dropping unpaired records does not change
/// the greedy pairs of the others, so the right ones stay right.
fn keep_stated(doc: &mut Doc, wrong: &[View]) -> usize {
    let golds = doc.golds.clone();
    let mut left_out = 0;
    for (mode, recs) in [&mut doc.candidates, &mut doc.rules].into_iter().enumerate() {
        let views: Vec<View> = recs.iter().map(|r| r.view.clone()).collect();
        let paired: HashSet<usize> = pairs(&golds, &views).into_iter().map(|(_, p)| p).collect();
        let mut k = 0;
        recs.retain(|r| {
            let keep = paired.contains(&k) || wrong.iter().any(|w| same_record(w, &r.view));
            k += 1;
            keep
        });
        if mode == 0 {
            left_out += views.len() - recs.len();
        }
    }
    left_out
}

#[cfg(test)]
mod tests {
    use super::super::data::Record;
    use super::*;

    fn record(donor: &str, recipient: &str, amount: f64) -> Record {
        let view = View {
            donor: Some(donor.into()),
            recipient: Some(recipient.into()),
            amount: Some(amount),
            currency: Some("EUR".into()),
            ..View::default()
        };
        Record { view, x: Vec::new(), score: 0.9 }
    }

    #[test]
    fn a_partial_line_keeps_what_it_states_and_the_parties_before_a_fix_are_wrong() {
        let ids = Ids::new();
        let fixed = json!({"commitment_id": "c1", "donor": "PS", "recipient": "SE", "amount": 120, "currency": "EUR",
            "edits": [{"field": "donor", "old": "Sweden (SE)", "new": "Palestine (PS)"},
                      {"field": "recipient", "old": "Palestine (PS)", "new": "Sweden (SE)"}]});
        let rejected =
            json!({"commitment_id": "c2", "donor": "KR", "recipient": "PL", "amount": 62, "currency": "EUR"});
        let approved =
            json!({"commitment_id": "c3", "donor": "EU", "recipient": "MD", "amount": 45, "currency": "EUR"});
        let records = vec![("c1".into(), true, fixed), ("c2".into(), false, rejected), ("c3".into(), true, approved)];
        let wrong = negatives(&records, &ids);
        assert_eq!(wrong.len(), 2, "the rejected record and the fixed one as extracted: {wrong:?}");
        assert_eq!((wrong[0].donor.as_deref(), wrong[0].recipient.as_deref()), (Some("SE"), Some("PS")));

        let golds = [&records[0].2, &records[2].2].map(|g| View::of_gold(g, &ids)).to_vec();
        let recs = || {
            vec![
                record("SE", "PS", 120.0),
                record("KR", "PL", 62.0),
                record("EU", "MD", 45.0),
                record("EU", "MD", 100.0),
            ]
        };
        let mut doc = Doc { style: STYLE.into(), announces: true, golds, candidates: recs(), rules: recs() };
        assert_eq!(keep_stated(&mut doc, &wrong), 1, "only the unreviewed loan is left out");
        for kept in [&doc.candidates, &doc.rules] {
            let amounts: Vec<f64> = kept.iter().filter_map(|r| r.view.amount).collect();
            assert_eq!(amounts, [120.0, 62.0, 45.0]);
        }
    }
}
