//! Regrouping entries by hand — merge, split, detach, undo — on SQLite and
//! PostgreSQL: the entries, values, variants, totals, search index and audit
//! log follow, an undo restores the former grouping exactly, and a later
//! ingest does not undo a person's grouping.

use jiff::civil::{Date, date};
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Party, Status};
use pledgewatch_pipeline::mentions::Qualifier;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::query::Query;
use pledgewatch_store::{Action, Filter, Processed, Regroup, Store};

#[macro_use]
mod common;
use common::TestDb;

on_both!(merge_then_undo, split_and_detach_then_undo, undo_refusals);
on_both_db!(regrouping_survives_later_ingests, migration_keeps_a_ledger);

/// A document whose first words are `word` (the evidence covers them, so a
/// search for `word` finds its entry).
fn doc(word: &str, day: i8) -> Document {
    Document::build(RawDocument {
        source: format!("test/{word}.txt"),
        text: format!("{word} said the United Kingdom will send GBP to Ukraine."),
        published: Some(date(2025, 3, day)),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    })
}

/// GB → UA, `value` GBP, announced on the document's date.
fn commitment(doc: &Document, value: &str) -> Commitment {
    let on: Date = doc.published.unwrap();
    let amount =
        Amount { value: value.parse().unwrap(), currency: "GBP".into(), qualifier: Qualifier::Exact, upper: None };
    let conv = RateTable::embedded().convert(amount.value, "GBP", on);
    let word_len = doc.text.find(' ').unwrap();
    Commitment {
        id: format!("{}-0", doc.id),
        donor: Some(Party { id: "GB".into(), name: "United Kingdom".into() }),
        recipient: Some(Party { id: "UA".into(), name: "Ukraine".into() }),
        category: Category::Military,
        instrument: Instrument::Grant,
        status: Status::Announced,
        amount: Some(amount),
        value_eur: conv.eur.ok(),
        value_usd: conv.usd.ok(),
        unconverted: conv.unconverted(),
        items: vec![],
        made_in: None,
        supplier: None,
        announced_on: Some(on),
        period: None,
        announced_by: None,
        confidence: 0.9,
        rules: vec![],
        evidence: vec![Evidence { field: "statement", start: 0, end: word_len, bytes: (0, word_len) }],
        annotations: Default::default(),
    }
}

fn processed(doc: &Document, value: &str) -> Processed {
    Processed::Document { document: doc.clone(), commitments: vec![commitment(doc, value)] }
}

/// Three reports: `alpha` and `bravo` state one £1.6bn gift (one entry), `charlie` £500m.
async fn three(store: &Store) -> (String, String, String) {
    let (a, b, c) = (doc("Alpha", 2), doc("Bravo", 3), doc("Charlie", 2));
    store.write(&[processed(&a, "1600000000"), processed(&b, "1600000000"), processed(&c, "500000000")]).await.unwrap();
    (format!("{}-0", a.id), format!("{}-0", b.id), format!("{}-0", c.id))
}

/// Each entry as its sorted commitment ids, sorted.
async fn grouping(store: &Store) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for e in store.entries(&Filter::default()).await.unwrap() {
        let d = store.entry(&e.id).await.unwrap().unwrap();
        let mut ids: Vec<String> = d.sources.iter().map(|s| s.commitment_id.clone()).collect();
        ids.sort();
        out.push(ids);
    }
    out.sort();
    out
}

/// The entry holding commitment `c`.
async fn entry_of(store: &Store, c: &str) -> String {
    for e in store.entries(&Filter::default()).await.unwrap() {
        let d = store.entry(&e.id).await.unwrap().unwrap();
        if d.sources.iter().any(|s| s.commitment_id == c) {
            return e.id;
        }
    }
    panic!("no entry holds {c}")
}

/// The ids of the entries a word search finds.
async fn found(store: &Store, q: &str) -> Vec<String> {
    let query = Query { q: Some(q.into()), ..Query::default() };
    let mut ids: Vec<String> = store.page(&query, None, 50).await.unwrap().entries.into_iter().map(|e| e.id).collect();
    ids.sort();
    ids
}

async fn merge_then_undo(store: Store) {
    let (a, b, c) = three(&store).await;
    let before = grouping(&store).await;
    assert_eq!(before, vec![vec![a.clone(), b.clone()].tap_sort(), vec![c.clone()]]);
    let (ab, ce) = (entry_of(&store, &a).await, entry_of(&store, &c).await);
    store.review(&ce, "rita", Action::Approve, Some("looks right")).await.unwrap();
    let totals = store.totals(&Filter::default()).await.unwrap();

    let done = store.regroup(&ab, "rita", Regroup::Merge { with: ce.clone() }, Some("one package")).await.unwrap();
    assert_eq!(done.kind, "merge");
    assert_eq!(grouping(&store).await, vec![vec![a.clone(), b.clone(), c.clone()].tap_sort()]);
    // The entry is recomputed: three sources, two variants, the figure most sources state.
    let merged = store.entry(&ab).await.unwrap().unwrap();
    assert_eq!(merged.entry.n_sources, 3);
    assert_eq!(merged.variants.len(), 2);
    assert_eq!(merged.entry.amount.as_ref().unwrap().value.to_string(), "1600000000");
    let after = store.totals(&Filter::default()).await.unwrap();
    assert_eq!(after.entries, 1);
    assert_eq!(after.value_eur, merged.entry.value_eur().unwrap());
    assert!(store.entry(&ce).await.unwrap().is_none(), "the merged entry is gone");
    assert_eq!(store.merged_into(&ce).await.unwrap(), Some(ab.clone()));
    // The search finds the merged source's words in the entry it joined.
    assert_eq!(found(&store, "charlie").await, vec![ab.clone()]);
    let last = merged.audit.last().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.action.as_str(), last.note.as_deref()),
        ("rita", "merge", Some("one package"))
    );
    assert_eq!(last.new_value.as_deref(), Some(vec![a.clone(), b.clone(), c.clone()].tap_sort().join(", ").as_str()));

    let undo = store.undo_regroup(done.id, "sam", Some("they differ")).await.unwrap();
    assert_eq!(undo.undoes, Some(done.id));
    assert_eq!(grouping(&store).await, before);
    assert_eq!(store.totals(&Filter::default()).await.unwrap(), totals);
    assert_eq!(store.merged_into(&ce).await.unwrap(), None);
    // The entry merged away is back with its review state and log, and the undo logged.
    let back = store.entry(&ce).await.unwrap().unwrap();
    assert_eq!(back.entry.review, "approved");
    assert_eq!(back.audit[0].note.as_deref(), Some("looks right"));
    assert_eq!(back.audit.last().unwrap().action, "undo");
    assert_eq!(store.entry(&ab).await.unwrap().unwrap().audit.last().unwrap().actor, "sam");
    assert_eq!(found(&store, "charlie").await, vec![ce.clone()]);
    assert_eq!(found(&store, "alpha").await, vec![ab.clone()]);
    let log = store.regroups(&ab).await.unwrap();
    assert_eq!(
        log.iter().map(|r| (r.kind.as_str(), r.undone_by)).collect::<Vec<_>>(),
        [("undo", None), ("merge", Some(undo.id))]
    );
}

async fn split_and_detach_then_undo(store: Store) {
    let (a, b, c) = three(&store).await;
    let before = grouping(&store).await;
    let ab = entry_of(&store, &a).await;
    let other = if ab == a { b.clone() } else { a.clone() };

    // Split the founder's partner out: it founds the new entry, named by it.
    let split = store.regroup(&ab, "rita", Regroup::Split { members: vec![other.clone()] }, None).await.unwrap();
    assert_eq!(split.other_id, other);
    assert_eq!(grouping(&store).await, vec![vec![a.clone()], vec![b.clone()], vec![c.clone()]]);
    let new = store.entry(&other).await.unwrap().unwrap();
    assert_eq!((new.entry.n_sources, new.entry.review.as_str()), (1, "unreviewed"));
    assert_eq!(new.audit.last().unwrap().action, "split");
    assert_eq!(found(&store, if other == b { "bravo" } else { "alpha" }).await, vec![other.clone()]);
    assert_eq!(store.totals(&Filter::default()).await.unwrap().entries, 3);
    store.undo_regroup(split.id, "rita", None).await.unwrap();
    assert_eq!(grouping(&store).await, before);
    assert!(store.entry(&other).await.unwrap().is_none());

    // Detach the founder itself: the new entry needs a name of its own.
    let detach =
        store.regroup(&ab, "rita", Regroup::Detach { commitment: ab.clone() }, Some("wrong deal")).await.unwrap();
    assert_eq!(detach.kind, "detach");
    assert_ne!(detach.other_id, ab);
    assert_eq!(grouping(&store).await, vec![vec![a.clone()], vec![b.clone()], vec![c.clone()]]);
    let kept = store.entry(&ab).await.unwrap().unwrap();
    assert_eq!(kept.sources.iter().map(|s| s.commitment_id.clone()).collect::<Vec<_>>(), vec![other.clone()]);
    assert_eq!(kept.audit.last().unwrap().note.as_deref(), Some("wrong deal"));
    store.undo_regroup(detach.id, "rita", None).await.unwrap();
    assert_eq!(grouping(&store).await, before);
}

async fn undo_refusals(store: Store) {
    let (a, _b, c) = three(&store).await;
    let (ab, ce) = (entry_of(&store, &a).await, entry_of(&store, &c).await);
    let err = |r: Result<_, pledgewatch_store::Error>| {
        r.map(|_: pledgewatch_store::RegroupRecord| ()).unwrap_err().to_string()
    };
    assert!(err(store.regroup(&ab, "r", Regroup::Merge { with: ab.clone() }, None).await).contains("itself"));
    assert!(err(store.regroup(&ab, "r", Regroup::Merge { with: "nope".into() }, None).await).contains("nope"));
    assert!(
        err(store.regroup(&ce, "r", Regroup::Detach { commitment: c.clone() }, None).await)
            .contains("without a source")
    );
    assert!(
        err(store.regroup(&ab, "r", Regroup::Split { members: vec![c.clone()] }, None).await).contains("not a source")
    );
    assert!(err(store.undo_regroup(99, "r", None).await).contains("#99"));

    let merge = store.regroup(&ab, "r", Regroup::Merge { with: ce.clone() }, None).await.unwrap();
    let split = store.regroup(&ab, "r", Regroup::Split { members: vec![c.clone()] }, None).await.unwrap();
    // The merge's result was regrouped since: its undo waits for the split's.
    assert!(err(store.undo_regroup(merge.id, "r", None).await).contains("undo the later"));
    let undo = store.undo_regroup(split.id, "r", None).await.unwrap();
    assert!(err(store.undo_regroup(split.id, "r", None).await).contains("undone already"));
    assert!(err(store.undo_regroup(undo.id, "r", None).await).contains("is an undo"));
    store.undo_regroup(merge.id, "r", None).await.unwrap();
    assert_eq!(grouping(&store).await.len(), 2);
}

/// Detach a report the merge put with another; then ingest again: the same
/// documents (skipped), the detached report's document stored again (as a
/// re-extraction does) — which the merge alone would put back with its twin
/// — and a new report of the same gift.
async fn regrouping_survives_later_ingests(db: &TestDb) {
    let store = &db.store;
    let (a, b, c) = three(store).await;
    let ab = entry_of(store, &a).await;
    let twin = if ab == a { b.clone() } else { a.clone() };
    let detach = store.regroup(&ab, "rita", Regroup::Detach { commitment: twin.clone() }, None).await.unwrap();
    let split_off = detach.other_id.clone();
    let expected = vec![vec![a.clone()], vec![b.clone()], vec![c.clone()]];
    assert_eq!(grouping(store).await, expected);

    let (da, db_, dc) = (doc("Alpha", 2), doc("Bravo", 3), doc("Charlie", 2));
    let stats = store
        .write(&[processed(&da, "1600000000"), processed(&db_, "1600000000"), processed(&dc, "500000000")])
        .await
        .unwrap();
    assert_eq!(stats.skipped, 3);
    assert_eq!(grouping(store).await, expected);

    // The detached report's document is stored again: it returns to its own entry.
    let pool = sqlx::AnyPool::connect(&pool_url(db)).await.unwrap();
    let twin_doc = if twin == a { &da } else { &db_ };
    sqlx::query("DELETE FROM evidence WHERE commitment_id = $1").bind(&twin).execute(&pool).await.unwrap();
    sqlx::query("DELETE FROM commitments WHERE id = $1").bind(&twin).execute(&pool).await.unwrap();
    sqlx::query("DELETE FROM documents WHERE id = $1").bind(&twin_doc.id).execute(&pool).await.unwrap();
    pool.close().await;
    store.write(&[processed(twin_doc, "1600000000")]).await.unwrap();
    assert_eq!(entry_of(store, &twin).await, split_off);
    assert_eq!(grouping(store).await, expected, "pinned apart");

    // A new report of the gift joins an entry, and moves nobody.
    let delta = doc("Delta", 3);
    store.write(&[processed(&delta, "1600000000")]).await.unwrap();
    let g = grouping(store).await;
    assert!(g.contains(&vec![c.clone()]));
    assert!(g.iter().all(|e| !(e.contains(&a) && e.contains(&b))), "the detached report stays apart: {g:?}");
    assert_eq!(g.iter().map(Vec::len).sum::<usize>(), 4, "every report is in one entry: {g:?}");
}

/// A ledger of version 4 (before regrouping) opened by this program: its
/// entries and review are kept, and they can be regrouped.
async fn migration_keeps_a_ledger(db: &TestDb) {
    let store = &db.store;
    let (a, _b, c) = three(store).await;
    let ab = entry_of(store, &a).await;
    store.review(&ab, "rita", Action::Approve, None).await.unwrap();
    let before = grouping(store).await;
    common::rewind(db, 4).await;
    let reopened = Store::open(&db.location).await.unwrap();
    assert_eq!(reopened.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    assert_eq!(grouping(&reopened).await, before);
    assert_eq!(reopened.entry(&ab).await.unwrap().unwrap().entry.review, "approved");
    let ce = entry_of(&reopened, &c).await;
    reopened.regroup(&ab, "rita", Regroup::Merge { with: ce }, None).await.unwrap();
    assert_eq!(grouping(&reopened).await.len(), 1);
    reopened.close().await;
}

/// A URL the test may open its own pool on (SQLite: the file).
fn pool_url(db: &TestDb) -> String {
    sqlx::any::install_default_drivers();
    if db.location.starts_with("postgres") { db.location.clone() } else { format!("sqlite://{}", db.location) }
}

trait TapSort {
    fn tap_sort(self) -> Self;
}

impl TapSort for Vec<String> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}
