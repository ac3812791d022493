//! Adding a commitment the extractor missed from a sentence of a stored
//! document (issue 16, item 3), on SQLite and — when `PLEDGEWATCH_TEST_POSTGRES`
//! names a server — PostgreSQL; and the migration that marks who added one.

use jiff::civil::{Date, date};
use pledgewatch_pipeline::propose::{propose, sentence_spans};
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Document, RawDocument};
use pledgewatch_store::{Addition, Error, Filter, Processed, Store};
use rust_decimal::Decimal;

#[macro_use]
mod common;
use common::TestDb;

on_both!(
    a_missed_commitment_is_added_from_a_sentence,
    an_addition_joins_the_entry_that_reports_it,
    bad_additions_store_nothing
);
on_both_db!(the_migration_keeps_the_ledger);

/// A stored document the extractor found nothing in; its id and text.
async fn document(store: &Store, text: &str, on: Date) -> (String, String) {
    let d = Document::build(RawDocument {
        source: format!("test/{}.txt", text.len()),
        text: text.into(),
        published: Some(on),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    });
    let out = (d.id.clone(), d.text.clone());
    store.write(&[Processed::Document { document: d, commitments: vec![] }]).await.unwrap();
    out
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(f, v)| (f.to_string(), v.to_string())).collect()
}

const TEXT: &str = "Aid news.\nNorway will give NOK 50 million to Moldova for 10 generators, the minister said.";

/// The second sentence with the fields the recognisers propose, as the page offers it.
fn addition(doc: &str, text: &str) -> Addition {
    let (start, end) = sentence_spans(text)[1];
    let p = propose(text, start, end, Some(date(2024, 5, 6)));
    let a = p.amount.unwrap();
    assert_eq!(p.parties, ["NO", "MD"]);
    Addition {
        document_id: doc.into(),
        sentence: (start, end),
        figure: Some((a.start, a.end)),
        fields: fields(&[
            ("donor", p.parties[0]),
            ("recipient", "Moldova"),
            ("amount", &a.value.to_string()),
            ("currency", a.currency),
            ("category", "humanitarian"),
            ("items", "10 energy_equipment"),
        ]),
    }
}

async fn a_missed_commitment_is_added_from_a_sentence(store: Store) {
    let on = date(2024, 5, 6);
    let (doc, text) = document(&store, TEXT, on).await;
    let a = addition(&doc, &text);
    let added = store.add_commitment(&a, "ana", Some("missed"), RateTable::embedded()).await.unwrap();
    assert_eq!(added.commitment_id, format!("{doc}-r1"));

    let detail = store.entry(&added.entry_id).await.unwrap().unwrap();
    let e = &detail.entry;
    assert_eq!((e.donor.id.as_str(), e.recipient.id.as_str(), e.category.as_str()), ("NO", "MD", "humanitarian"));
    assert_eq!(e.announced_on, Some(on), "the document's date");
    let eur = RateTable::embedded().convert(Decimal::from(50_000_000), "NOK", on).eur.unwrap().value;
    assert_eq!(e.value_eur(), Some(eur));
    assert_eq!(e.review, "unreviewed");
    // Evidence like an extracted record: the sentence, and the figure within it.
    let spans: Vec<(String, i64, i64)> =
        detail.sources[0].evidence.iter().map(|s| (s.field.clone(), s.start, s.end)).collect();
    let (s, end) = a.sentence;
    let (fs, fe) = a.figure.unwrap();
    assert_eq!(spans, [("statement".into(), s as i64, end as i64), ("amount".into(), fs as i64, fe as i64)]);
    assert_eq!(text.chars().skip(fs).take(fe - fs).collect::<String>(), "NOK 50 million");
    // Marked as added by a person, and logged.
    assert_eq!(store.added_by(&doc).await.unwrap(), [(added.commitment_id.clone(), "ana".to_string())]);
    let log = &detail.audit;
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].actor.as_str(), log[0].action.as_str(), log[0].note.as_deref()), ("ana", "add", Some("missed")));
    assert_eq!(log[0].new_value.as_deref(), Some(format!("{doc}-r1 from document {doc}").as_str()));
    assert_eq!(store.document(&doc).await.unwrap().unwrap().n_commitments, 1);
    assert_eq!(store.entry_fields(&added.entry_id).await.unwrap().unwrap().items.len(), 1);
    assert_eq!(store.totals(&Filter::default()).await.unwrap().value_eur, eur);
    // A version of the entry, made by the addition, by its reviewer (issue 17).
    let feed = store.changes(&Filter::default(), None, 10).await.unwrap().changes;
    let made: Vec<(&str, &str, &str, Option<&str>)> =
        feed.iter().map(|c| (c.entry_id.as_str(), c.kind.as_str(), c.cause.as_str(), c.actor.as_deref())).collect();
    assert_eq!(made, [(added.entry_id.as_str(), "added", "add", Some("ana"))]);
}

async fn an_addition_joins_the_entry_that_reports_it(store: Store) {
    let (first, text) = document(&store, TEXT, date(2024, 5, 6)).await;
    let one = store.add_commitment(&addition(&first, &text), "ana", None, RateTable::embedded()).await.unwrap();
    // Another outlet's report of the same pledge, a day later.
    let other = "Oslo, 7 May.\nNorway pledged NOK 50m to Moldova on Monday.";
    let (second, text) = document(&store, other, date(2024, 5, 7)).await;
    let (start, end) = sentence_spans(&text)[1];
    let a = Addition {
        document_id: second.clone(),
        sentence: (start, end),
        figure: None,
        fields: fields(&[("donor", "NO"), ("recipient", "MD"), ("amount", "50000000"), ("currency", "NOK")]),
    };
    let two = store.add_commitment(&a, "ben", None, RateTable::embedded()).await.unwrap();
    assert_eq!(two.entry_id, one.entry_id, "merged as an extracted report would be");
    let detail = store.entry(&one.entry_id).await.unwrap().unwrap();
    assert_eq!(detail.entry.n_sources, 2);
    let actors: Vec<&str> = detail.audit.iter().map(|a| a.actor.as_str()).collect();
    assert_eq!(actors, ["ana", "ben"]);
}

async fn bad_additions_store_nothing(store: Store) {
    let (doc, text) = document(&store, TEXT, date(2024, 5, 6)).await;
    let good = addition(&doc, &text);
    let n = text.chars().count();
    let without = |field: &str| Addition {
        fields: good.fields.iter().filter(|(f, _)| f != field).cloned().collect(),
        ..good.clone()
    };
    let with = |field: &str, value: &str| {
        let mut a = without(field);
        a.fields.push((field.into(), value.into()));
        a
    };
    let cases = [
        (without("donor"), "needs a donor"),
        (with("recipient", "Norway"), "both NO"),
        (with("recipient", "Moldava"), "Moldova"),
        (without("currency"), "both amount and currency"),
        (with("currency", "NKR"), "ISO 4217"),
        (with("announced_on", "6 May"), "not a date"),
        (with("category", "aid"), "not one of"),
        (with("items", "ten generators"), "item"),
        (with("colour", "red"), "cannot add"),
        (Addition { sentence: (n - 3, n + 10), ..good.clone() }, "not a span"),
        (Addition { figure: Some((0, 3)), ..good.clone() }, "not within the sentence"),
    ];
    for (a, says) in cases {
        let err = store.add_commitment(&a, "ana", None, RateTable::embedded()).await.unwrap_err();
        assert!(matches!(&err, Error::Review(m) if m.contains(says)), "{says}: {err}");
    }
    let missing = Addition { document_id: "0000000000000000".into(), ..good.clone() };
    let err = store.add_commitment(&missing, "ana", None, RateTable::embedded()).await.unwrap_err();
    assert!(matches!(err, Error::NoDocument(_)), "{err}");
    let counts = store.counts().await.unwrap();
    assert_eq!((counts.commitments, counts.entries), (0, 0));
}

/// A ledger written before `added_by` (schema 6) opens with its entries as they were.
async fn the_migration_keeps_the_ledger(db: &TestDb) {
    let (doc, text) = document(&db.store, TEXT, date(2024, 5, 6)).await;
    let added = db.store.add_commitment(&addition(&doc, &text), "ana", None, RateTable::embedded()).await.unwrap();
    let before = db.store.entry(&added.entry_id).await.unwrap().unwrap();
    common::rewind(db, 6).await;
    let reopened = Store::open(&db.location).await.unwrap();
    assert_eq!(reopened.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    assert_eq!(reopened.entry(&added.entry_id).await.unwrap().unwrap(), before);
    assert_eq!(reopened.added_by(&doc).await.unwrap(), [], "who added it was not known then");
    reopened.close().await;
}
