//! Issue 16, item 7: the ledger sorts by any column of its table, paged by
//! keyset in the database's own order (with and without words); totals are
//! split by what they sum, the parts adding up and a ceiling never in the
//! grants; and a ledger of version 3 gains the sort indexes when opened.

use jiff::civil::{Date, date};
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Party, Status};
use pledgewatch_pipeline::mentions::Qualifier;
use pledgewatch_pipeline::rates::Converted;
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::query::{Basis, GroupBy, Query, Sort};
use pledgewatch_store::{Processed, Store};
use rust_decimal::Decimal;

#[macro_use]
mod common;
use common::TestDb;

on_both!(every_sort_pages_through_every_entry_in_order, totals_are_split_and_the_parts_add_up);
on_both_db!(a_ledger_of_version_5_gains_the_sort_indexes);

struct Report {
    on: Date,
    donor: (&'static str, &'static str),
    category: Category,
    instrument: Instrument,
    qualifier: Qualifier,
    amount: i64,
    text: &'static str,
}

fn processed(r: &Report) -> Processed {
    let document = Document::build(RawDocument {
        source: format!("test/{}-{}.txt", r.on, r.donor.0),
        text: r.text.into(),
        published: Some(r.on),
        title: Some(format!("{} aid", r.donor.1)),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    });
    let amount = Amount { value: r.amount.into(), currency: "EUR".into(), qualifier: r.qualifier, upper: None };
    // In euros already; USD at a round rate, which is all these tests need.
    let eur = Converted { value: amount.value, rate: Decimal::ONE, rate_date: r.on };
    let usd = Converted { value: amount.value * Decimal::TWO, rate: Decimal::TWO, rate_date: r.on };
    let commitment = Commitment {
        id: format!("{}-0", document.id),
        donor: Some(Party { id: r.donor.0.into(), name: r.donor.1.into() }),
        recipient: Some(Party { id: "UA".into(), name: "Ukraine".into() }),
        category: r.category,
        instrument: r.instrument,
        status: Status::Announced,
        amount: Some(amount),
        value_eur: Some(eur),
        value_usd: Some(usd),
        unconverted: None,
        items: vec![],
        made_in: None,
        supplier: None,
        announced_on: Some(r.on),
        period: None,
        announced_by: None,
        confidence: 0.9,
        rules: vec![],
        evidence: vec![Evidence { field: "statement", start: 0, end: 5, bytes: (0, 5) }],
        annotations: Default::default(),
    };
    Processed::Document { document, commitments: vec![commitment] }
}

/// Eight entries: donors with accents and a `~`, every kind of money, a grant
/// ceiling, two entries with equal keys in most columns.
fn fixture() -> Vec<Processed> {
    use Category::*;
    use Instrument::*;
    use Qualifier::*;
    let r = |on, donor, category, instrument, qualifier, amount, text| Report {
        on,
        donor,
        category,
        instrument,
        qualifier,
        amount,
        text,
    };
    [
        r(date(2025, 1, 10), ("CA", "Canada"), Military, InKind, Exact, 200_000_000, "Canada sends vehicles."),
        r(date(2025, 2, 10), ("NO", "Norway"), Humanitarian, Grant, Exact, 9_000_000, "Norway funds hospitals."),
        r(date(2025, 3, 10), ("SE", "Sweden"), Financial, Grant, UpTo, 180_000_000, "Sweden: up to a sum."),
        r(date(2025, 3, 11), ("SE", "Sweden"), Financial, Loan, Exact, 45_000_000, "Sweden lends railways."),
        r(date(2025, 4, 10), ("CI", "Côte d'Ivoire"), Humanitarian, Grant, Approx, 1_000_000, "Côte d'Ivoire aid."),
        r(date(2025, 5, 10), ("XX", "A ~ tilde"), Other, Unspecified, Exact, 3_000_000, "Tilde aid ukraine."),
        r(date(2025, 6, 10), ("DE", "Germany"), Financial, Guarantee, Range, 500_000_000, "Germany guarantees."),
        r(date(2025, 7, 10), ("DE", "Germany"), Military, Contract, LessThan, 70_000_000, "Germany buys below."),
    ]
    .iter()
    .map(processed)
    .collect()
}

async fn all_pages(store: &Store, query: &Query, limit: usize) -> Vec<String> {
    let mut ids = Vec::new();
    let mut after = None;
    for _ in 0..1_000 {
        let page = store.page(query, after.as_ref(), limit).await.unwrap();
        ids.extend(page.entries.into_iter().map(|e| e.id));
        match page.next {
            Some(next) => after = Some(next),
            None => return ids,
        }
    }
    panic!("{query:?}: paging does not end");
}

async fn every_sort_pages_through_every_entry_in_order(store: Store) {
    store.write(&fixture()).await.unwrap();
    let every = store.select(&Query::default()).await.unwrap().len();
    assert_eq!(every, 8);
    for sort in Sort::all() {
        for descending in [false, true] {
            for q in [None, Some("aid")] {
                let query = Query { sort, descending, q: q.map(str::to_string), ..Query::default() };
                // The database's own order of the whole list, in one statement.
                let entries = store.select(&query).await.unwrap();
                let whole: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
                if q.is_none() {
                    assert_eq!(whole.len(), every, "{sort:?}");
                }
                for limit in [1, 3] {
                    assert_eq!(all_pages(&store, &query, limit).await, whole, "{sort:?} desc={descending} q={q:?}");
                }
                if sort == Sort::Sources || sort == Sort::ValueEur || sort == Sort::Date {
                    continue;
                }
                // Text sorts: names in order (accents and `~` in the database's own collation, so only
                // equal names are checked to be together).
                let keys: Vec<String> = entries.iter().map(|e| sort.key_of(e)).collect();
                let mut seen: Vec<&String> = Vec::new();
                for k in &keys {
                    if seen.last() != Some(&k) {
                        assert!(!seen.contains(&k), "{sort:?}: {k} apart in {keys:?}");
                        seen.push(k);
                    }
                }
            }
        }
    }
    let by_donor = Query { sort: Sort::from_name("donor").unwrap(), ..Query::default() };
    let names: Vec<String> = store.select(&by_donor).await.unwrap().into_iter().map(|e| e.donor.name).collect();
    assert_eq!(names.first().map(String::as_str), Some("A ~ tilde"));
    assert_eq!(names.last().map(String::as_str), Some("Sweden"));
}

async fn totals_are_split_and_the_parts_add_up(store: Store) {
    store.write(&fixture()).await.unwrap();
    for by in [GroupBy::Category, GroupBy::Instrument, GroupBy::Donor, GroupBy::Month] {
        for g in store.group_totals(&Query::default(), by).await.unwrap() {
            let parts: Vec<_> = Basis::ALL.iter().map(|b| g.split.get(*b)).collect();
            assert_eq!(parts.iter().map(|p| p.entries).sum::<usize>(), g.entries, "{g:?}");
            assert_eq!(parts.iter().map(|p| p.value_eur).sum::<Decimal>(), g.value_eur, "{g:?}");
            assert_eq!(parts.iter().map(|p| p.value_usd).sum::<Decimal>(), g.value_usd, "{g:?}");
            assert_eq!(parts.iter().map(|p| p.without_eur).sum::<usize>(), g.without_eur, "{g:?}");
        }
    }
    let by_instrument = store.group_totals(&Query::default(), GroupBy::Instrument).await.unwrap();
    let grant = by_instrument.iter().find(|g| g.key == "grant").unwrap();
    let eur = |n: i64| Decimal::from(n);
    assert_eq!(grant.value_eur, eur(190_000_000), "every grant, the ceiling too");
    assert_eq!(grant.split.grants.value_eur, eur(10_000_000), "Norway and Côte d'Ivoire, not Sweden's ceiling");
    assert_eq!(grant.split.ceilings.value_eur, eur(180_000_000));
    let all = store.group_totals(&Query::default(), GroupBy::Review).await.unwrap();
    let g = &all[0];
    assert_eq!(g.split.grants.value_eur, eur(210_000_000), "grants and aid in kind (Canada's vehicles)");
    assert_eq!(g.split.loans.value_eur, eur(545_000_000), "the loan and the lower end of the guarantee's range");
    assert_eq!(g.split.other.value_eur, eur(3_000_000));
    assert_eq!(g.split.ceilings.value_eur, eur(250_000_000), "up to and less than, whatever the instrument");
    assert_eq!((g.split.ceilings.entries, g.entries), (2, 8));
}

async fn a_ledger_of_version_5_gains_the_sort_indexes(db: &TestDb) {
    db.store.write(&fixture()).await.unwrap();
    let by_donor = Query { sort: Sort::from_name("donor").unwrap(), ..Query::default() };
    let before = all_pages(&db.store, &by_donor, 2).await;
    // Back to version 5: no sort index, no row for migration 6.
    common::rewind(db, 5).await;

    let reopened = Store::open(&db.location).await.unwrap();
    assert_eq!(reopened.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    assert_eq!(reopened.counts().await.unwrap().entries, 8, "the ledger is kept");
    assert_eq!(all_pages(&reopened, &by_donor, 2).await, before);
    reopened.close().await;
}
