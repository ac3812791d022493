//! What the review queue reads: entries in order of confidence, lowest
//! first, paged by cursor; and the rule ids behind each entry.

use jiff::civil::date;
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Party, Status};
use pledgewatch_pipeline::mentions::Qualifier;
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::query::{Query, Sort};
use pledgewatch_store::{Processed, Store};

#[macro_use]
mod common;

on_both!(confidence_order_pages_and_rules);

/// A document with one commitment of `confidence`, to a recipient of its own
/// (so that no two merge), proposed by `rules`.
fn report(n: usize, confidence: f64, rules: Vec<&'static str>) -> Processed {
    let document = Document::build(RawDocument {
        source: format!("test/{n}.txt"),
        text: format!("Report {n}."),
        published: Some(date(2025, 3, 2)),
        ..Default::default()
    });
    let commitment = Commitment {
        id: format!("{}-0", document.id),
        donor: Some(Party { id: "GB".into(), name: "United Kingdom".into() }),
        recipient: Some(Party { id: format!("R{n}"), name: format!("Recipient {n}") }),
        category: Category::Humanitarian,
        instrument: Instrument::Grant,
        status: Status::Announced,
        amount: Some(Amount { value: 1000.into(), currency: "EUR".into(), qualifier: Qualifier::Exact, upper: None }),
        value_eur: None,
        value_usd: None,
        unconverted: None,
        items: vec![],
        made_in: None,
        supplier: None,
        announced_on: Some(date(2025, 3, 2)),
        period: None,
        announced_by: None,
        confidence,
        rules,
        evidence: vec![Evidence { field: "statement", start: 0, end: 6, bytes: (0, 6) }],
        annotations: Default::default(),
    };
    Processed::Document { document, commitments: vec![commitment] }
}

async fn confidence_order_pages_and_rules(store: Store) {
    let scores = [0.97, 0.55, 0.8, 0.55, 0.61, 0.9];
    let batch: Vec<Processed> =
        scores.iter().enumerate().map(|(n, c)| report(n, *c, vec!["propose-trigger", "final-roles"])).collect();
    store.write(&batch).await.unwrap();

    // Pages of two, lowest first, each page after the last one's cursor.
    let query = Query { sort: Sort::Confidence, ..Query::default() };
    let (mut seen, mut after) = (Vec::new(), None);
    loop {
        let page = store.page(&query, after.as_ref(), 2).await.unwrap();
        seen.extend(page.entries.iter().map(|e| (e.confidence, e.id.clone())));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    let mut expected = seen.clone();
    expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    assert_eq!(seen, expected, "ascending, ties by id");
    assert_eq!(seen.iter().map(|s| s.0).collect::<Vec<_>>(), [0.55, 0.55, 0.61, 0.8, 0.9, 0.97]);
    let down = Query { sort: Sort::Confidence, descending: true, ..Query::default() };
    assert_eq!(store.page(&down, None, 1).await.unwrap().entries[0].confidence, 0.97);

    let ids: Vec<String> = seen.iter().map(|s| s.1.clone()).collect();
    let rules = store.entry_rules(&ids).await.unwrap();
    assert_eq!(rules.len(), 6);
    assert_eq!(rules[&ids[0]], ["final-roles", "propose-trigger"]);
}
