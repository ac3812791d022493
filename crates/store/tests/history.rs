//! Every version kept (issue 17): each kind of change writes a version of
//! the entries it touched, the ledger as of a past time is the ledger as it
//! was then, a diff lists exactly what changed between two times, the change
//! feed pages through the versions after a cursor, and migration 8 makes a
//! ledger's current rows the first versions — on SQLite and PostgreSQL.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Party, Status};
use pledgewatch_pipeline::mentions::Qualifier;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::query::{GroupBy, Query};
use pledgewatch_store::{Action, Change, Entry, EntryDetail, Filter, Processed, Regroup, Store};

#[macro_use]
mod common;
use common::TestDb;

on_both!(
    each_kind_of_change_writes_a_version,
    as_of_reproduces_an_earlier_state,
    diff_lists_exactly_the_changes,
    the_feed_pages_after_a_cursor
);
on_both_db!(the_migration_makes_the_current_rows_first_versions);

fn doc(word: &str, day: i8) -> Document {
    Document::build(RawDocument {
        source: format!("test/{word}.txt"),
        text: format!("{word} said the United Kingdom will send GBP to its partner."),
        published: Some(date(2025, 3, day)),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    })
}

/// GB → `to`, `value` GBP, announced on the document's date.
fn commitment(doc: &Document, value: &str, to: &str) -> Commitment {
    let on: Date = doc.published.unwrap();
    let amount =
        Amount { value: value.parse().unwrap(), currency: "GBP".into(), qualifier: Qualifier::Exact, upper: None };
    let conv = RateTable::embedded().convert(amount.value, "GBP", on);
    Commitment {
        id: format!("{}-0", doc.id),
        donor: Some(Party { id: "GB".into(), name: "United Kingdom".into() }),
        recipient: Some(Party { id: to.into(), name: to.into() }),
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
        evidence: vec![Evidence { field: "statement", start: 0, end: 5, bytes: (0, 5) }],
        annotations: Default::default(),
    }
}

async fn ingest(store: &Store, word: &str, day: i8, value: &str, to: &str) -> String {
    let d = doc(word, day);
    let c = commitment(&d, value, to);
    store.write(&[Processed::Document { document: d.clone(), commitments: vec![c] }]).await.unwrap();
    entry_of(store, &format!("{}-0", d.id)).await
}

/// The entry holding commitment `c` now.
async fn entry_of(store: &Store, c: &str) -> String {
    for e in store.entries(&Filter::default()).await.unwrap() {
        let d = store.entry(&e.id).await.unwrap().unwrap();
        if d.sources.iter().any(|s| s.commitment_id == c) {
            return e.id;
        }
    }
    panic!("no entry holds {c}")
}

/// A moment strictly between the transactions before and after it.
async fn mark() -> Timestamp {
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let t = Timestamp::now();
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    t
}

async fn all_changes(store: &Store) -> Vec<Change> {
    store.changes(&Filter::default(), None, 500).await.unwrap().changes
}

/// (entry, kind, cause) of each change after `skip`.
fn summary(changes: &[Change], skip: usize) -> Vec<(String, String, String)> {
    changes[skip..].iter().map(|c| (c.entry_id.clone(), c.kind.clone(), c.cause.clone())).collect()
}

fn s(e: &str, k: &str, c: &str) -> (String, String, String) {
    (e.into(), k.into(), c.into())
}

async fn each_kind_of_change_writes_a_version(store: Store) {
    let ab = ingest(&store, "Alpha", 2, "1600000000", "UA").await;
    let c = ingest(&store, "Charlie", 2, "500000000", "UA").await;
    assert_eq!(summary(&all_changes(&store).await, 0), [s(&ab, "added", "ingest"), s(&c, "added", "ingest")]);
    // A second report joins the first entry: one new version of it.
    let same = ingest(&store, "Bravo", 3, "1600000000", "UA").await;
    assert_eq!(same, ab);
    store.review(&ab, "rita", Action::Approve, None).await.unwrap();
    store
        .review(&ab, "rita", Action::Edit { field: "category".into(), value: "financial".into() }, None)
        .await
        .unwrap();
    let merged = store.regroup(&ab, "rita", Regroup::Merge { with: c.clone() }, None).await.unwrap();
    store.undo_regroup(merged.id, "rita", None).await.unwrap();
    let changes = all_changes(&store).await;
    assert_eq!(
        summary(&changes, 2),
        [
            s(&ab, "changed", "ingest"),
            s(&ab, "changed", "review"),
            s(&ab, "changed", "edit"),
            s(&ab, "changed", "merge"),
            s(&c, "removed", "merge"),
            s(&ab, "changed", "undo"),
            s(&c, "added", "undo"),
        ]
    );
    let fields = |i: usize| {
        changes[i].fields.iter().map(|f| (f.field.as_str(), f.old.clone(), f.new.clone())).collect::<Vec<_>>()
    };
    assert_eq!(fields(2), [("sources", Some("1".into()), Some("2".into()))]);
    assert_eq!(fields(3), [("review", Some("unreviewed".into()), Some("approved".into()))]);
    assert_eq!(
        fields(4),
        [
            ("category", Some("military".into()), Some("financial".into())),
            ("review", Some("approved".into()), Some("edited".into()))
        ]
    );
    assert_eq!(changes[3].actor.as_deref(), Some("rita"));
    // The removed entry's last version keeps its values (a feed filtered on them sees it go).
    assert_eq!(changes[6].entry.recipient.id, "UA");
    // An approval of an approved entry changes nothing: no version.
    let n = changes.len();
    store.review(&c, "rita", Action::Approve, None).await.unwrap();
    store.review(&c, "rita", Action::Approve, None).await.unwrap();
    assert_eq!(all_changes(&store).await.len(), n + 1);
}

/// Everything a reader sees of the ledger: its list, totals and each entry.
async fn snapshot(
    store: &Store,
    as_of: Option<Timestamp>,
) -> (Vec<Entry>, Vec<(String, usize, String)>, Vec<EntryDetail>) {
    let filter = Filter { as_of, ..Filter::default() };
    let entries = store.entries(&filter).await.unwrap();
    let query = Query { filter: filter.clone(), ..Query::default() };
    let page = store.page(&query, None, 50).await.unwrap().entries;
    assert_eq!(page.iter().map(|e| &e.id).collect::<Vec<_>>(), entries.iter().map(|e| &e.id).collect::<Vec<_>>());
    let totals = store
        .group_totals(&query, GroupBy::Review)
        .await
        .unwrap()
        .into_iter()
        .map(|g| (g.key, g.entries, g.value_eur.to_string()))
        .collect();
    let mut details = Vec::new();
    for e in &entries {
        let d = match as_of {
            None => store.entry(&e.id).await.unwrap(),
            Some(t) => store.entry_as_of(&e.id, t).await.unwrap(),
        };
        details.push(d.unwrap());
    }
    (entries, totals, details)
}

async fn as_of_reproduces_an_earlier_state(store: Store) {
    let t0 = mark().await;
    let ab = ingest(&store, "Alpha", 2, "1600000000", "UA").await;
    let c = ingest(&store, "Charlie", 2, "500000000", "UA").await;
    let t1 = mark().await;
    let then = snapshot(&store, None).await;
    ingest(&store, "Bravo", 3, "1700000000", "UA").await;
    store.review(&c, "rita", Action::Reject, Some("not new")).await.unwrap();
    store.review(&ab, "rita", Action::Edit { field: "status".into(), value: "committed".into() }, None).await.unwrap();
    let t2 = mark().await;
    let later = snapshot(&store, None).await;
    store.regroup(&ab, "rita", Regroup::Merge { with: c.clone() }, None).await.unwrap();
    assert_ne!(snapshot(&store, None).await, later);
    assert_eq!(snapshot(&store, Some(t1)).await, then);
    assert_eq!(snapshot(&store, Some(t2)).await, later);
    assert_eq!(snapshot(&store, Some(Timestamp::now())).await, snapshot(&store, None).await);
    assert!(snapshot(&store, Some(t0)).await.0.is_empty());
    // Words are looked up in today's index, which cannot answer for a past time: refused.
    let words = |t| Query {
        q: Some("charl".into()),
        filter: Filter { as_of: Some(t), ..Filter::default() },
        ..Query::default()
    };
    assert!(store.page(&words(t1), None, 10).await.is_err());
    assert!(store.select(&words(t1)).await.is_err());
    // An entry merged away stood until the merge, and no more.
    assert!(store.entry_as_of(&c, t2).await.unwrap().is_some());
    assert!(store.entry_as_of(&c, Timestamp::now()).await.unwrap().is_none());
    // A filter applies to the entries as they were.
    let rejected = Filter { review: Some("rejected".into()), as_of: Some(t2), ..Filter::default() };
    assert_eq!(store.entries(&rejected).await.unwrap().iter().map(|e| e.id.clone()).collect::<Vec<_>>(), [c]);
    let rejected_then = Filter { as_of: Some(t1), ..rejected };
    assert!(store.entries(&rejected_then).await.unwrap().is_empty());
}

async fn diff_lists_exactly_the_changes(store: Store) {
    let ab = ingest(&store, "Alpha", 2, "1600000000", "UA").await;
    let c = ingest(&store, "Charlie", 2, "500000000", "UA").await;
    let d = ingest(&store, "Delta", 20, "90000000", "UA").await;
    let quiet = ingest(&store, "Echo", 25, "7000000", "UA").await;
    let t0 = mark().await;
    ingest(&store, "Bravo", 3, "1600000000", "UA").await;
    let e = ingest(&store, "Foxtrot", 28, "12000000", "PL").await;
    store.review(&d, "rita", Action::Reject, None).await.unwrap();
    store.regroup(&ab, "rita", Regroup::Merge { with: c.clone() }, None).await.unwrap();
    let t1 = mark().await;
    let diff = store.diff(t0, t1).await.unwrap();
    let kinds: Vec<(&str, &str)> = diff.iter().map(|c| (c.entry_id.as_str(), c.kind.as_str())).collect();
    let mut want =
        vec![(ab.as_str(), "changed"), (c.as_str(), "merged"), (d.as_str(), "rejected"), (e.as_str(), "added")];
    want.sort();
    assert_eq!(kinds, want, "{diff:#?}");
    assert!(!diff.iter().any(|c| c.entry_id == quiet));
    let of = |id: &str| diff.iter().find(|c| c.entry_id == id).unwrap();
    assert_eq!(of(&c).merged_into.as_deref(), Some(ab.as_str()));
    let fields =
        |id: &str| of(id).fields.iter().map(|f| (f.field.clone(), f.old.clone(), f.new.clone())).collect::<Vec<_>>();
    assert_eq!(fields(&d), [("review".to_string(), Some("unreviewed".to_string()), Some("rejected".to_string()))]);
    assert!(fields(&ab).contains(&("sources".into(), Some("1".into()), Some("3".into()))), "{:?}", fields(&ab));
    assert_eq!(of(&ab).causes, ["ingest", "merge"]);
    // A detach makes an entry split off the one it left.
    let t2 = mark().await;
    let detached = store
        .regroup(&ab, "rita", Regroup::Detach { commitment: format!("{}-0", doc("Charlie", 2).id) }, None)
        .await
        .unwrap();
    let diff = store.diff(t2, Timestamp::now()).await.unwrap();
    let split = diff.iter().find(|c| c.entry_id == detached.other_id).unwrap();
    assert_eq!((split.kind.as_str(), split.split_from.as_deref()), ("split", Some(ab.as_str())));
    // Nothing between two times after the last change; a window backwards is refused.
    let t3 = mark().await;
    assert!(store.diff(t3, Timestamp::now()).await.unwrap().is_empty());
    assert!(store.diff(t1, t0).await.is_err());
}

async fn the_feed_pages_after_a_cursor(store: Store) {
    ingest(&store, "Alpha", 2, "1600000000", "UA").await;
    let pl = ingest(&store, "Charlie", 2, "500000000", "PL").await;
    ingest(&store, "Delta", 20, "90000000", "UA").await;
    store.review(&pl, "rita", Action::Approve, None).await.unwrap();
    let all = all_changes(&store).await;
    assert_eq!(all.len(), 4);
    let mut paged = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = store.changes(&Filter::default(), cursor.as_deref(), 3).await.unwrap();
        paged.extend(page.changes);
        cursor = Some(page.next);
        if !page.more {
            break;
        }
    }
    assert_eq!(paged, all);
    // Polling again from the last cursor finds nothing new, then the next change.
    let next = store.changes(&Filter::default(), cursor.as_deref(), 3).await.unwrap();
    assert!(next.changes.is_empty() && next.next == *cursor.as_ref().unwrap());
    store.review(&pl, "rita", Action::Reject, None).await.unwrap();
    let next = store.changes(&Filter::default(), cursor.as_deref(), 3).await.unwrap();
    assert_eq!(next.changes.len(), 1);
    let only_pl = Filter { recipient: Some("pl".into()), ..Filter::default() };
    let pl_changes = store.changes(&only_pl, None, 10).await.unwrap().changes;
    assert_eq!(pl_changes.iter().map(|c| c.kind.as_str()).collect::<Vec<_>>(), ["added", "changed", "changed"]);
    let newest = store.latest_changes(&only_pl, 2).await.unwrap();
    assert_eq!(newest.iter().map(|c| &c.cursor).collect::<Vec<_>>(), [&pl_changes[2].cursor, &pl_changes[1].cursor]);
    for bad in ["x", "-1", "1.5", ""] {
        assert!(store.changes(&Filter::default(), Some(bad), 3).await.is_err(), "{bad:?}");
    }
}

/// A ledger of version 7 opened by this program: each entry's current row
/// becomes its first version, the ledger as of now is the ledger, and
/// changes after the migration are versions on top.
async fn the_migration_makes_the_current_rows_first_versions(db: &TestDb) {
    let store = &db.store;
    let ab = ingest(store, "Alpha", 2, "1600000000", "UA").await;
    ingest(store, "Bravo", 3, "1600000000", "UA").await;
    let c = ingest(store, "Charlie", 2, "500000000", "UA").await;
    store.review(&ab, "rita", Action::Approve, None).await.unwrap();
    let before = snapshot(store, None).await;
    common::rewind(db, 7).await;
    let reopened = Store::open(&db.location).await.unwrap();
    assert_eq!(reopened.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    assert_eq!(snapshot(&reopened, None).await, before);
    let changes = all_changes(&reopened).await;
    let mut firsts: Vec<(String, String, String)> = summary(&changes, 0);
    firsts.sort();
    assert_eq!(firsts, [s(&ab, "added", "migration"), s(&c, "added", "migration")]);
    let now = mark().await;
    assert_eq!(snapshot(&reopened, Some(now)).await, before);
    reopened.review(&c, "rita", Action::Reject, None).await.unwrap();
    assert_eq!(snapshot(&reopened, Some(now)).await, before);
    assert_eq!(summary(&all_changes(&reopened).await, 2), [s(&c, "changed", "review")]);
    reopened.close().await;
}
