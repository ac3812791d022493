//! Editing every field of an entry (issue 16, item 1), on SQLite and — when
//! `PLEDGEWATCH_TEST_POSTGRES` names a server — PostgreSQL: each kind of edit,
//! the EUR/USD recomputed at the ECB rate of the (new) date, the search index
//! and totals that follow, and values refused as the extractor's would be.

use jiff::civil::{Date, date};
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Party, Status};
use pledgewatch_pipeline::mentions::Qualifier;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::query::Query;
use pledgewatch_store::{Action, Error, Filter, Processed, Store};
use rust_decimal::Decimal;

#[macro_use]
mod common;

on_both!(
    reversed_parties_are_fixed_and_searched_by_their_new_names,
    a_new_amount_or_date_is_converted_at_that_dates_rate,
    items_supplier_and_place_of_manufacture,
    bad_values_are_refused_and_change_nothing
);

/// One GB → UA pledge of £100m announced on 2024-03-01, alone in its entry.
async fn pledge(store: &Store) -> String {
    let on = date(2024, 3, 1);
    let d = Document::build(RawDocument {
        source: "test/pledge.txt".into(),
        text: "Britain pledged £100m to Ukraine for drones.".into(),
        published: Some(on),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    });
    let amount =
        Amount { value: Decimal::from(100_000_000), currency: "GBP".into(), qualifier: Qualifier::Exact, upper: None };
    let conv = RateTable::embedded().convert(amount.value, "GBP", on);
    let c = Commitment {
        id: format!("{}-0", d.id),
        donor: Some(Party { id: "GB".into(), name: "United Kingdom".into() }),
        recipient: Some(Party { id: "UA".into(), name: "Ukraine".into() }),
        category: Category::Military,
        instrument: Instrument::Grant,
        status: Status::Announced,
        amount: Some(amount),
        value_eur: conv.eur.ok(),
        value_usd: conv.usd.ok(),
        unconverted: None,
        items: vec![],
        made_in: None,
        supplier: None,
        announced_on: Some(on),
        period: None,
        announced_by: None,
        confidence: 0.9,
        rules: vec![],
        evidence: vec![Evidence { field: "statement", start: 0, end: 44, bytes: (0, 44) }],
        annotations: Default::default(),
    };
    store.write(&[Processed::Document { document: d, commitments: vec![c] }]).await.unwrap();
    store.entries(&Filter::default()).await.unwrap().remove(0).id
}

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(f, v)| (f.to_string(), v.to_string())).collect()
}

/// The log as "action field old -> new".
async fn log(store: &Store, id: &str) -> Vec<String> {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    store
        .audit_log(id)
        .await
        .unwrap()
        .iter()
        .map(|a| format!("{} {} {} -> {}", a.action, show(&a.field), show(&a.old_value), show(&a.new_value)))
        .collect()
}

async fn search(store: &Store, q: &str) -> usize {
    store.select(&Query { q: Some(q.into()), ..Query::default() }).await.unwrap().len()
}

fn eur(on: Date, value: i64, currency: &str) -> Decimal {
    RateTable::embedded().convert(Decimal::from(value), currency, on).eur.unwrap().value
}

async fn reversed_parties_are_fixed_and_searched_by_their_new_names(store: Store) {
    let id = pledge(&store).await;
    assert_eq!(search(&store, "poland").await, 0);
    // Names as a person types them; a type-ahead choice "Poland (PL)" is read by its id.
    let swap = fields(&[("donor", "ukraine"), ("recipient", "Poland (PL)")]);
    assert_eq!(store.review_edits(&id, "ana", &swap, Some("roles reversed")).await.unwrap(), "edited");
    let e = store.entry(&id).await.unwrap().unwrap().entry;
    assert_eq!((e.donor.id.as_str(), e.donor.name.as_str()), ("UA", "Ukraine"));
    assert_eq!((e.recipient.id.as_str(), e.recipient.name.as_str()), ("PL", "Poland"));
    assert_eq!(
        log(&store, &id).await,
        [
            "edit donor United Kingdom (GB) -> Ukraine (UA)",
            "edit recipient Ukraine (UA) -> Poland (PL)",
            "review review unreviewed -> edited",
        ]
    );
    // Filters, search and totals read the edited entry.
    assert_eq!(store.entries(&Filter { donor: Some("UA".into()), ..Filter::default() }).await.unwrap().len(), 1);
    assert_eq!(store.totals(&Filter { donor: Some("GB".into()), ..Filter::default() }).await.unwrap().entries, 0);
    assert_eq!(search(&store, "poland").await, 1);
    assert_eq!(search(&store, "kingdom").await, 0);
    // A reset returns to what the sources say, in the index too.
    store.review(&id, "ana", Action::Reset, None).await.unwrap();
    assert_eq!(store.entry(&id).await.unwrap().unwrap().entry.donor.id, "GB");
    assert_eq!((search(&store, "poland").await, search(&store, "kingdom").await), (0, 1));
}

async fn a_new_amount_or_date_is_converted_at_that_dates_rate(store: Store) {
    let id = pledge(&store).await;
    let (march, june) = (date(2024, 3, 1), date(2024, 6, 3));
    let before = store.totals(&Filter::default()).await.unwrap();
    assert_eq!(before.value_eur, eur(march, 100_000_000, "GBP"));

    store.review_edits(&id, "ana", &fields(&[("amount", "250,000,000"), ("currency", "usd")]), None).await.unwrap();
    let e = store.entry(&id).await.unwrap().unwrap().entry;
    let f = e.amount.as_ref().unwrap();
    assert_eq!((f.value, f.currency.as_str()), (Decimal::from(250_000_000), "USD"));
    assert_eq!(e.value_eur(), Some(eur(march, 250_000_000, "USD")));
    assert_eq!(e.value_usd(), Some(Decimal::from(250_000_000)));
    assert_eq!(store.totals(&Filter::default()).await.unwrap().value_eur, eur(march, 250_000_000, "USD"));

    // A new date alone converts the figure again at that date's rate.
    store
        .review_edits(&id, "ben", &fields(&[("announced_on", "2024-06-03")]), Some("dated by the ministry"))
        .await
        .unwrap();
    let e = store.entry(&id).await.unwrap().unwrap().entry;
    assert_eq!(e.announced_on, Some(june));
    assert_ne!(eur(march, 250_000_000, "USD"), eur(june, 250_000_000, "USD"));
    assert_eq!(e.value_eur(), Some(eur(june, 250_000_000, "USD")));
    assert_eq!(e.amount.as_ref().unwrap().eur.as_ref().unwrap().rate_date, june);
    assert_eq!(store.totals(&Filter { from: Some(june), ..Filter::default() }).await.unwrap().entries, 1);

    // A range with its upper bound.
    store.review_edits(&id, "ben", &fields(&[("qualifier", "range"), ("upper", "300000000")]), None).await.unwrap();
    let f = store.entry(&id).await.unwrap().unwrap().entry.amount.unwrap();
    assert_eq!((f.qualifier.as_str(), f.upper), ("range", Some(Decimal::from(300_000_000))));

    let log = log(&store, &id).await;
    let eur_march = eur(march, 250_000_000, "USD");
    assert_eq!(log[0], "edit amount 100000000 -> 250000000");
    assert_eq!(log[1], "edit currency GBP -> USD");
    assert_eq!(log[2], format!("recompute value_eur {} -> {eur_march}", eur(march, 100_000_000, "GBP")));
    assert!(log[3].starts_with("recompute value_usd "), "{log:?}");
    assert_eq!(log[4], "review review unreviewed -> edited");
    assert_eq!(log[5], "edit announced_on 2024-03-01 -> 2024-06-03");
    assert_eq!(log[6], format!("recompute value_eur {eur_march} -> {}", eur(june, 250_000_000, "USD")));
    assert_eq!(log[7..], ["edit qualifier exact -> range", "edit upper  -> 300000000"]);
}

async fn items_supplier_and_place_of_manufacture(store: Store) {
    let id = pledge(&store).await;
    assert_eq!(store.entry_fields(&id).await.unwrap().unwrap(), Default::default());
    let edit = fields(&[("items", "range 100..150 drone; 20 vehicle"), ("supplier", "Baykar"), ("made_in", "Turkey")]);
    store.review_edits(&id, "ana", &edit, None).await.unwrap();
    let f = store.entry_fields(&id).await.unwrap().unwrap();
    assert_eq!(pledgewatch_store::edit::format_items(&f.items), "range 100..150 drone; 20 vehicle");
    assert_eq!(f.supplier.as_deref(), Some("Baykar"));
    assert_eq!(f.made_in.as_ref().map(|m| m.id.as_str()), Some("TR"));
    // Cleared: none.
    store.review_edits(&id, "ana", &fields(&[("supplier", ""), ("made_in", "")]), None).await.unwrap();
    let f = store.entry_fields(&id).await.unwrap().unwrap();
    assert_eq!((f.supplier, f.made_in), (None, None));
    assert_eq!(f.items.len(), 2);
    assert!(store.entry_fields("no-such-entry").await.unwrap().is_none());
}

async fn bad_values_are_refused_and_change_nothing(store: Store) {
    let id = pledge(&store).await;
    let before = store.entry(&id).await.unwrap().unwrap().entry;
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("donor", "Britian")], "Britain"),
        (&[("donor", "Narnia")], "unknown donor \"Narnia\""),
        (&[("recipient", "United Kingdom")], "both GB"),
        (&[("currency", "XYZ")], "ISO 4217"),
        (&[("amount", "-5")], "positive"),
        (&[("amount", "lots")], "positive"),
        (&[("qualifier", "roughly")], "not one of"),
        (&[("upper", "200000000")], "only for a range"),
        (&[("qualifier", "range")], "needs an upper bound"),
        (&[("qualifier", "range"), ("upper", "50")], "must be above"),
        (&[("announced_on", "2024-02-30")], "not a date"),
        (&[("items", "12 tanks")], "item \"12 tanks\""),
        (&[("made_in", "World Bank")], "not a country"),
        (&[("status", "committed"), ("currency", "GBX")], "ISO 4217"),
        (&[("colour", "red")], "cannot edit"),
    ];
    for (pairs, says) in cases {
        let err = store.review_edits(&id, "ana", &fields(pairs), None).await.unwrap_err();
        assert!(matches!(&err, Error::Review(m) if m.contains(says)), "{pairs:?}: {err}");
    }
    let after = store.entry(&id).await.unwrap().unwrap();
    assert_eq!(after.entry, before, "nothing changed");
    assert!(after.audit.is_empty(), "nothing logged: {:?}", after.audit);
}
