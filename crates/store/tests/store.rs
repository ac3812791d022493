//! The store's behaviour, run against SQLite and — when
//! `PLEDGEWATCH_TEST_POSTGRES` names a server — PostgreSQL, each test in its
//! own database file or schema so that tests run in parallel.

use jiff::civil::{Date, date};
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Item, Party, Status};
use pledgewatch_pipeline::mentions::{ItemClass, Qualifier};
use pledgewatch_pipeline::rates::{RateTable, Unconverted};
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::{Action, Change, Filter, Processed, Store, export};
use rust_decimal::Decimal;

#[macro_use]
mod common;
use common::sqlite;

on_both!(
    migrations,
    insert_then_skip,
    merge_cluster,
    merge_is_order_independent,
    review_and_audit_log,
    review_edits_are_all_or_nothing,
    bulk_reviews_are_all_or_nothing,
    errors_table,
    filters_totals_and_export,
    exports_carry_the_full_record_and_the_dashboard_totals,
    reviewed_entries_with_their_reports_and_log,
    concurrent_reviews_wait_their_turn,
    stale_records_are_converted_when_rates_arrive,
    watch_state
);

fn doc(text: &str, published: Date) -> Document {
    Document::build(RawDocument {
        source: format!("test/{}.txt", text.len()),
        text: text.into(),
        published: Some(published),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    })
}

/// A commitment from `donor` to UA stated by `doc`, converted at the embedded ECB rates.
fn commitment(doc: &Document, n: usize, figure: Option<(Qualifier, &str, &str)>, missiles: Option<u32>) -> Commitment {
    let on = doc.published.unwrap();
    let amount = figure.map(|(qualifier, v, cur)| Amount {
        value: v.parse().unwrap(),
        currency: cur.into(),
        qualifier,
        upper: None,
    });
    let conv = amount.as_ref().map(|a| RateTable::embedded().convert(a.value, &a.currency, on));
    Commitment {
        id: format!("{}-{n}", doc.id),
        donor: Some(Party { id: "GB".into(), name: "United Kingdom".into() }),
        recipient: Some(Party { id: "UA".into(), name: "Ukraine".into() }),
        category: Category::Military,
        instrument: Instrument::ExportFinance,
        status: Status::Announced,
        amount,
        value_eur: conv.and_then(|c| c.eur.ok()),
        value_usd: conv.and_then(|c| c.usd.ok()),
        unconverted: conv.and_then(|c| c.unconverted()),
        items: missiles
            .map(|q| Item {
                quantity: Some(Decimal::from(q)),
                qualifier: Some(Qualifier::Exact),
                upper: None,
                item: "air defence missiles".into(),
                class: ItemClass::Missile,
            })
            .into_iter()
            .collect(),
        made_in: None,
        supplier: None,
        announced_on: Some(on),
        period: None,
        announced_by: None,
        confidence: 0.9,
        rules: vec![],
        evidence: vec![Evidence { field: "statement", start: 0, end: 10, bytes: (0, 10) }],
        annotations: Default::default(),
    }
}

fn processed(doc: Document, commitments: Vec<Commitment>) -> Processed {
    Processed::Document { document: doc, commitments }
}

/// The deal in several reports, the earlier contract, and a later deal.
fn cluster() -> Vec<Processed> {
    use Qualifier::*;
    let mut out = Vec::new();
    // (tag, day of March, qualifier, value, currency, missiles)
    type Reported = (&'static str, i8, Qualifier, &'static str, &'static str, Option<u32>);
    let reports: &[Reported] = &[
        ("a", 2, UpTo, "1600000000", "GBP", Some(5000)),
        ("b", 2, Exact, "1600000000", "GBP", None),
        ("c", 3, Exact, "1160000000", "GBP", Some(5000)),
        ("d", 3, Exact, "1900000000", "EUR", None),
        ("e", 4, Exact, "1600000000", "GBP", Some(5000)),
    ];
    for (tag, day, q, v, cur, missiles) in reports {
        let d = doc(&format!("Report {tag} of the missile deal."), date(2025, 3, *day));
        let c = commitment(&d, 0, Some((*q, v, cur)), *missiles);
        out.push(processed(d, vec![c]));
    }
    // One document states the earlier contract beside the deal: two commitments, never one entry.
    let d = doc("The deal, and the earlier contract for 650 missiles.", date(2025, 3, 2));
    let deal = commitment(&d, 0, Some((Exact, "1600000000", "GBP")), Some(5000));
    let earlier = commitment(&d, 1, Some((Exact, "162000000", "GBP")), Some(650));
    out.push(processed(d, vec![deal, earlier]));
    let d = doc("A later, different deal.", date(2025, 4, 20));
    let later = commitment(&d, 0, Some((Exact, "1600000000", "GBP")), None);
    out.push(processed(d, vec![later]));
    out
}

/// Each entry as the sorted ids of its documents, sorted.
async fn partition(store: &Store) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for e in store.entries(&Filter::default()).await.unwrap() {
        let detail = store.entry(&e.id).await.unwrap().unwrap();
        let mut docs: Vec<String> = detail.sources.iter().map(|s| s.document_id.clone()).collect();
        docs.sort();
        out.push(docs);
    }
    out.sort();
    out
}

async fn migrations(store: Store) {
    assert_eq!(store.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    let counts = store.counts().await.unwrap();
    assert_eq!(counts.documents + counts.entries + counts.errors, 0);
    store.write(&[processed(doc("Kept.", date(2025, 1, 1)), vec![])]).await.unwrap();
    // Migrating again (as a second process opening the ledger would) changes nothing.
    assert_eq!(store.migrate().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    assert_eq!(store.counts().await.unwrap().documents, 1);
}

/// What `watch` keeps: validators, items seen, and each source's status.
async fn watch_state(store: Store) {
    use pledgewatch_store::{Poll, Validators};
    let url = "https://example.gov/feed.xml";
    store.watch_register(url, "feed", Some("Ministry"), Some("GB")).await.unwrap();
    assert_eq!(store.watch_validators(url).await.unwrap(), Validators::default());
    let keys = vec!["id:a".to_string(), "id:b".to_string()];
    assert_eq!(store.watch_unseen(&keys).await.unwrap().len(), 2);

    let validators =
        Validators { etag: Some("\"v1\"".into()), last_modified: Some("Mon, 02 Nov 2026 10:00:00 GMT".into()) };
    let poll =
        Poll { status: "new", validators: Some(validators.clone()), items: vec![("id:a".into(), Some("d1".into()))] };
    store.watch_polled(url, &poll).await.unwrap();
    // The same item again (a second feed, a restart) is not counted twice.
    store.watch_polled(url, &poll).await.unwrap();
    assert_eq!(store.watch_unseen(&keys).await.unwrap().into_iter().collect::<Vec<_>>(), ["id:b"]);
    // A 304 keeps the validators; a failure is counted with its reason.
    store.watch_polled(url, &Poll { status: "not_modified", validators: None, items: vec![] }).await.unwrap();
    assert_eq!(store.watch_validators(url).await.unwrap(), validators);
    store.watch_failed(url, "HTTP 500 Internal Server Error").await.unwrap();
    // Registering again (the sources file changed) keeps the state.
    store.watch_register(url, "feed", Some("Foreign Ministry"), None).await.unwrap();

    let status = store.watch_status().await.unwrap();
    assert_eq!(status.len(), 1);
    let s = &status[0];
    assert_eq!((s.items, s.polls, s.failures), (1, 4, 1));
    assert_eq!(s.outlet.as_deref(), Some("Foreign Ministry"));
    assert_eq!(s.last_status.as_deref(), Some("failed"));
    assert_eq!(s.last_error.as_deref(), Some("HTTP 500 Internal Server Error"));
    assert!(s.last_new_at.is_some() && s.last_poll_at.is_some());
    assert_eq!(store.watch_validators(url).await.unwrap(), validators);
}

async fn insert_then_skip(store: Store) {
    let d = doc("The UK will send £5m to Ukraine.", date(2025, 3, 2));
    let c = commitment(&d, 0, Some((Qualifier::Exact, "5000000", "GBP")), None);
    let first = store.write(&[processed(d.clone(), vec![c.clone()])]).await.unwrap();
    assert_eq!((first.stored, first.skipped, first.commitments), (1, 0, 1));
    let again = store.write(&[processed(d.clone(), vec![c]), Processed::Known]).await.unwrap();
    assert_eq!((again.stored, again.skipped, again.commitments), (0, 2, 0));
    let counts = store.counts().await.unwrap();
    assert_eq!((counts.documents, counts.commitments, counts.entries), (1, 1, 1));
    assert!(store.document_ids().await.unwrap().contains(&d.id));
    let stored = store.document(&d.id).await.unwrap().unwrap();
    assert_eq!(stored.text, d.text);
    let entry = store.entries(&Filter::default()).await.unwrap().remove(0);
    let eur = entry.amount.as_ref().unwrap().eur.as_ref().unwrap();
    assert_eq!(eur.rate_date, date(2025, 2, 28), "the last ECB rate on or before a Sunday");
    assert_eq!(eur.value, (Decimal::from(5_000_000) / eur.rate).round_dp(2), "exact decimals survive the database");
    let detail = store.entry(&entry.id).await.unwrap().unwrap();
    assert_eq!(detail.sources[0].evidence.len(), 1);

    // A record given twice in one document is stored once.
    let d = doc("France will send €7m to Ukraine.", date(2025, 5, 2));
    let c = commitment(&d, 0, Some((Qualifier::Exact, "7000000", "EUR")), None);
    let stats = store.write(&[processed(d, vec![c.clone(), c])]).await.unwrap();
    assert_eq!((stats.stored, stats.commitments), (1, 1));
}

async fn merge_cluster(store: Store) {
    store.write(&cluster()).await.unwrap();
    let entries = store.entries(&Filter::default()).await.unwrap();
    assert_eq!(entries.len(), 3, "{entries:#?}");
    let deal = entries.iter().max_by_key(|e| e.n_sources).unwrap();
    assert_eq!(deal.n_sources, 6);
    let amount = deal.amount.as_ref().unwrap();
    assert_eq!(
        (amount.value.to_string().as_str(), amount.currency.as_str(), amount.qualifier.as_str()),
        ("1600000000", "GBP", "exact")
    );
    assert_eq!(deal.announced_on, Some(date(2025, 3, 2)));
    let detail = store.entry(&deal.id).await.unwrap().unwrap();
    let mut figures: Vec<&str> = detail.variants.iter().map(|v| v.figure.as_str()).collect();
    figures.sort();
    assert_eq!(
        figures,
        ["exact 1160000000 GBP", "exact 1600000000 GBP", "exact 1900000000 EUR", "up_to 1600000000 GBP"]
    );
    let top = &detail.variants[0];
    assert_eq!((top.figure.as_str(), top.n_sources, top.documents.len()), ("exact 1600000000 GBP", 3, 3));
    let earlier = entries.iter().find(|e| e.amount.as_ref().unwrap().value == Decimal::from(162_000_000)).unwrap();
    assert_eq!(earlier.n_sources, 1);
    let later = entries.iter().find(|e| e.announced_on == Some(date(2025, 4, 20))).unwrap();
    assert_eq!(later.n_sources, 1);
}

async fn merge_is_order_independent(store: Store) {
    let mut reversed = cluster();
    reversed.reverse();
    // One document at a time, newest first: each its own transaction.
    for p in reversed {
        store.write(&[p]).await.unwrap();
    }
    let other = sqlite().await;
    other.store.write(&cluster()).await.unwrap();
    assert_eq!(partition(&store).await, partition(&other.store).await);
    assert_eq!(store.totals(&Filter::default()).await.unwrap(), other.store.totals(&Filter::default()).await.unwrap());
}

/// Issue 19, item 1: eight reviewers at once, while a batch is written, each with
/// several notes on the same entries. With deferred transactions SQLite failed
/// some at once with "database is locked"; every write must now land.
async fn concurrent_reviews_wait_their_turn(store: Store) {
    store.write(&cluster()).await.unwrap();
    let ids: Vec<String> = store.entries(&Filter::default()).await.unwrap().into_iter().map(|e| e.id).collect();
    let mut tasks = tokio::task::JoinSet::new();
    for w in 0..8 {
        let (store, ids) = (store.clone(), ids.clone());
        tasks.spawn(async move {
            for (k, id) in ids.iter().enumerate().take(5) {
                let note = format!("reviewer {w}, pass {k}");
                store.review(id, &format!("r{w}"), Action::Approve, Some(&note)).await?;
            }
            Ok::<_, pledgewatch_store::Error>(())
        });
    }
    let d = doc("A later report written during the reviews.", date(2025, 3, 6));
    let c = commitment(&d, 0, Some((Qualifier::Exact, "1600000000", "GBP")), Some(5000));
    store.write(&[processed(d, vec![c])]).await.unwrap();
    while let Some(done) = tasks.join_next().await {
        done.unwrap().unwrap();
    }
    let reviewed = ids.len().min(5);
    for id in ids.iter().take(reviewed) {
        let audit = store.entry(id).await.unwrap().unwrap().audit;
        assert_eq!(audit.iter().filter(|a| a.action == "review").count(), 8, "entry {id}: {audit:?}");
    }
}

async fn review_and_audit_log(store: Store) {
    store.write(&cluster()).await.unwrap();
    let deal = store.entries(&Filter::default()).await.unwrap().into_iter().max_by_key(|e| e.n_sources).unwrap();
    assert_eq!(deal.review, "unreviewed");
    let state = store.review(&deal.id, "ana", Action::Approve, Some("checked the release")).await.unwrap();
    assert_eq!(state, "approved");
    let edit = Action::Edit { field: "figure".into(), value: "up_to 1600000000 GBP".into() };
    assert_eq!(store.review(&deal.id, "ben", edit, None).await.unwrap(), "edited");
    let bad = Action::Edit { field: "figure".into(), value: "exact 1 GBP".into() };
    assert!(store.review(&deal.id, "ben", bad, None).await.is_err());
    let bad = Action::Edit { field: "donor".into(), value: "Narnia".into() };
    assert!(store.review(&deal.id, "ben", bad, None).await.is_err());
    assert!(store.review("no-such-entry", "ben", Action::Approve, None).await.is_err());

    let detail = store.entry(&deal.id).await.unwrap().unwrap();
    assert_eq!(detail.entry.review, "edited");
    assert_eq!(detail.entry.amount.as_ref().unwrap().qualifier, "up_to");
    let log: Vec<String> = detail
        .audit
        .iter()
        .map(|a| format!("{} {} {} {:?} -> {:?}", a.seq, a.actor, a.action, a.old_value, a.new_value))
        .collect();
    assert_eq!(
        log,
        [
            r#"1 ana review Some("unreviewed") -> Some("approved")"#,
            r#"2 ben edit Some("exact 1600000000 GBP") -> Some("up_to 1600000000 GBP")"#,
            r#"3 ben review Some("approved") -> Some("edited")"#,
        ]
    );
    assert_eq!(detail.audit[0].note.as_deref(), Some("checked the release"));

    // A new source joining later keeps the reviewer's choice.
    let d = doc("Another outlet on the deal.", date(2025, 3, 5));
    let c = commitment(&d, 0, Some((Qualifier::Exact, "1600000000", "GBP")), Some(5000));
    store.write(&[processed(d, vec![c])]).await.unwrap();
    let detail = store.entry(&deal.id).await.unwrap().unwrap();
    assert_eq!(detail.entry.n_sources, 7);
    assert_eq!(detail.entry.amount.as_ref().unwrap().qualifier, "up_to");
    assert_eq!(detail.entry.review, "edited");

    assert_eq!(store.review(&deal.id, "ana", Action::Reset, None).await.unwrap(), "unreviewed");
    let detail = store.entry(&deal.id).await.unwrap().unwrap();
    assert_eq!(detail.entry.amount.as_ref().unwrap().qualifier, "exact");
    assert_eq!(detail.audit.len(), 4);
    let rejected = store.review(&deal.id, "ana", Action::Reject, None).await.unwrap();
    assert_eq!(rejected, "rejected");
    let f = Filter { review: Some("rejected".into()), ..Filter::default() };
    assert_eq!(store.entries(&f).await.unwrap().len(), 1);
}

/// Issue 19, item 5: a review that sets several fields, one of them bad, was
/// half applied (the good field stored and logged, then an error). Now the
/// whole review is one transaction: every field, or none.
async fn review_edits_are_all_or_nothing(store: Store) {
    store.write(&cluster()).await.unwrap();
    let deal = store.entries(&Filter::default()).await.unwrap().into_iter().max_by_key(|e| e.n_sources).unwrap();
    let fields = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(f, v)| (f.to_string(), v.to_string())).collect()
    };
    for bad in [
        fields(&[("category", "financial"), ("status", "sold")]),
        fields(&[("status", "sold"), ("category", "financial")]),
        fields(&[("instrument", "loan"), ("colour", "red")]),
        fields(&[("instrument", "loan"), ("donor", "Narnia")]),
        fields(&[("instrument", "loan"), ("instrument", "grant")]),
        fields(&[]),
    ] {
        let err = store.review_edits(&deal.id, "ben", &bad, None).await.unwrap_err();
        assert!(matches!(err, pledgewatch_store::Error::Review(_)), "{bad:?}: {err}");
        let detail = store.entry(&deal.id).await.unwrap().unwrap();
        assert_eq!(
            (detail.entry.category.as_str(), detail.entry.instrument.as_str(), detail.entry.review.as_str()),
            ("military", "export_finance", "unreviewed"),
            "{bad:?} changed nothing"
        );
        assert!(detail.audit.is_empty(), "{bad:?} logged nothing: {:?}", detail.audit);
    }
    let missing = store.review_edits("no-such-entry", "ben", &fields(&[("status", "committed")]), None).await;
    assert!(matches!(missing, Err(pledgewatch_store::Error::NoEntry(_))));

    let good = fields(&[("category", "financial"), ("instrument", "loan"), ("figure", "up_to 1600000000 GBP")]);
    assert_eq!(store.review_edits(&deal.id, "ben", &good, Some("per the ministry")).await.unwrap(), "edited");
    let detail = store.entry(&deal.id).await.unwrap().unwrap();
    assert_eq!((detail.entry.category.as_str(), detail.entry.instrument.as_str()), ("financial", "loan"));
    assert_eq!(detail.entry.amount.as_ref().unwrap().qualifier, "up_to");
    let log: Vec<String> = detail
        .audit
        .iter()
        .map(|a| format!("{} {} {:?} {:?} -> {:?} {:?}", a.seq, a.action, a.field, a.old_value, a.new_value, a.note))
        .collect();
    let note = r#"Some("per the ministry")"#;
    assert_eq!(
        log,
        [
            format!(r#"1 edit Some("category") Some("military") -> Some("financial") {note}"#),
            format!(r#"2 edit Some("instrument") Some("export_finance") -> Some("loan") {note}"#),
            format!(r#"3 edit Some("figure") Some("exact 1600000000 GBP") -> Some("up_to 1600000000 GBP") {note}"#),
            format!(r#"4 review Some("review") Some("unreviewed") -> Some("edited") {note}"#),
        ]
    );
}

/// A bulk review is one transaction: an entry that is gone (merged away by
/// another reviewer, say) fails the whole batch, and nothing is logged.
async fn bulk_reviews_are_all_or_nothing(store: Store) {
    store.write(&cluster()).await.unwrap();
    let ids: Vec<String> = store.entries(&Filter::default()).await.unwrap().into_iter().map(|e| e.id).collect();
    assert!(ids.len() >= 2);
    let with_gone = vec![ids[0].clone(), "no-such-entry".to_string(), ids[1].clone()];
    let err = store.review_many(&with_gone, "ana", Action::Reject, None).await.unwrap_err();
    assert!(matches!(err, pledgewatch_store::Error::NoEntry(_)), "{err}");
    for id in &ids {
        let detail = store.entry(id).await.unwrap().unwrap();
        assert_eq!(detail.entry.review, "unreviewed", "{id} left as it was");
        assert!(detail.audit.is_empty(), "{id} logged nothing: {:?}", detail.audit);
    }
    let done = store.review_many(&ids, "ana", Action::Approve, Some("checked")).await.unwrap();
    assert_eq!(done.len(), ids.len());
    assert!(done.iter().all(|(_, state)| state == "approved"));
    for id in &ids {
        assert_eq!(store.entry(id).await.unwrap().unwrap().entry.review, "approved");
    }
}

async fn errors_table(store: Store) {
    let failed = |s: &str, r: &str| Processed::Failed { source: s.into(), reason: r.into() };
    let stats = store
        .write(&[failed("a.txt", "not valid UTF-8 at byte 4"), failed("b.jsonl:3", "invalid JSON")])
        .await
        .unwrap();
    assert_eq!(stats.errors, 2);
    // The same input failing again is one row, with its latest reason.
    store.write(&[failed("a.txt", "not valid UTF-8 at byte 5")]).await.unwrap();
    let errors = store.errors().await.unwrap();
    assert_eq!(errors.len(), 2);
    assert_eq!((errors[0].source.as_str(), errors[0].reason.as_str()), ("a.txt", "not valid UTF-8 at byte 5"));
}

async fn filters_totals_and_export(store: Store) {
    store.write(&cluster()).await.unwrap();
    let all = store.totals(&Filter::default()).await.unwrap();
    assert_eq!(all.entries, 3);
    let march = Filter { to: Some(date(2025, 3, 31)), donor: Some("gb".into()), ..Filter::default() };
    let t = store.totals(&march).await.unwrap();
    assert_eq!(t.entries, 2);
    assert!(t.value_eur < all.value_eur);
    assert_eq!(store.entries(&Filter { recipient: Some("FR".into()), ..Filter::default() }).await.unwrap().len(), 0);

    // The CSV export sums to the same totals, exactly.
    let entries = store.full_entries(store.entries(&march).await.unwrap()).await.unwrap();
    let mut buf = Vec::new();
    export::write(&entries, export::Format::Csv, &mut buf).unwrap();
    let mut reader = csv::Reader::from_reader(&buf[..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), export::COLUMNS);
    let col = headers.iter().position(|h| h == "value_eur").unwrap();
    let sum: Decimal = reader.records().map(|r| r.unwrap()[col].parse::<Decimal>().unwrap()).sum();
    assert_eq!(sum, t.value_eur);
}

/// Every export carries the full record (items, supplier, made_in, announcer,
/// period, addresses, outlets, the sentence, confidence, review), and under
/// each filter its EUR and USD columns sum to what the dashboard's totals code
/// (`group_totals`) gives for the same filter.
async fn exports_carry_the_full_record_and_the_dashboard_totals(store: Store) {
    use pledgewatch_pipeline::commitments::{Announcer, NamedIn};
    use pledgewatch_store::query::{GroupBy, Query};
    let mut batch = cluster();
    let text = "Berlin pledged 40 IRIS-T launchers made by Diehl. The rest is background.";
    let d = Document::build(RawDocument {
        source: "test/iris.txt".into(),
        text: text.into(),
        published: Some(date(2025, 5, 6)),
        outlet: Some("Bonn Wire".into()),
        url: Some("https://example.org/iris".into()),
        ..Default::default()
    });
    let mut c = commitment(&d, 0, Some((Qualifier::Exact, "500000000", "EUR")), None);
    c.donor = Some(Party { id: "DE".into(), name: "Germany".into() });
    c.items = vec![Item {
        quantity: Some(Decimal::from(40)),
        qualifier: Some(Qualifier::Exact),
        upper: None,
        item: "IRIS-T launchers".into(),
        class: ItemClass::AirDefenceSystem,
    }];
    c.supplier = Some(NamedIn { name: "Diehl".into(), country: "DE".into() });
    c.made_in = Some(NamedIn { name: "Germany".into(), country: "DE".into() });
    c.announced_by =
        Some(Announcer { name: "Boris Pistorius".into(), role: None, title: Some("Minister".into()), country: None });
    c.period = Some("2025-01-01/2027-01-01".into());
    c.confidence = 0.55;
    let end = "Berlin pledged 40 IRIS-T launchers made by Diehl.".chars().count();
    c.evidence = vec![Evidence { field: "statement", start: 0, end, bytes: (0, end) }];
    batch.push(processed(d, vec![c]));
    store.write(&batch).await.unwrap();
    let german = store.entries(&Filter { donor: Some("DE".into()), ..Filter::default() }).await.unwrap();
    store.review(&german[0].id, "alice", Action::Approve, None).await.unwrap();

    let filters = [
        Filter::default(),
        Filter { donor: Some("de".into()), ..Filter::default() },
        Filter { donor: Some("GB".into()), to: Some(date(2025, 3, 31)), ..Filter::default() },
        Filter { review: Some("approved".into()), ..Filter::default() },
    ];
    for filter in filters {
        let query = Query { filter: filter.clone(), ..Query::default() };
        let groups = store.group_totals(&query, GroupBy::Donor).await.unwrap();
        let (eur, usd): (Decimal, Decimal) = groups
            .iter()
            .map(|g| (g.value_eur, g.value_usd))
            .fold((Decimal::ZERO, Decimal::ZERO), |(a, b), (x, y)| (a + x, b + y));
        let full = store.full_entries(store.select(&query).await.unwrap()).await.unwrap();
        for format in [export::Format::Csv, export::Format::Jsonl] {
            let mut buf = Vec::new();
            export::write(&full, format, &mut buf).unwrap();
            let rows: Vec<std::collections::HashMap<String, String>> = match format {
                export::Format::Csv => csv::Reader::from_reader(&buf[..]).deserialize().map(Result::unwrap).collect(),
                _ => std::str::from_utf8(&buf)
                    .unwrap()
                    .lines()
                    .map(|l| {
                        let v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(l).unwrap();
                        v.into_iter()
                            .map(|(k, v)| (k, v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
                            .collect()
                    })
                    .collect(),
            };
            let sum = |col: &str| -> Decimal { rows.iter().filter_map(|r| r[col].parse::<Decimal>().ok()).sum() };
            assert_eq!((sum("value_eur"), sum("value_usd")), (eur, usd), "{format:?} under {filter:?}");
            assert_eq!(rows.len(), groups.iter().map(|g| g.entries).sum::<usize>());
            for r in &rows {
                for col in export::COLUMNS {
                    assert!(r.contains_key(*col), "{format:?} has {col}");
                }
            }
            if let Some(r) = rows.iter().find(|r| r["donor"] == "DE") {
                assert_eq!(r["items"], "40 IRIS-T launchers [air_defence_system]");
                assert_eq!(r["supplier"], "Diehl (DE)");
                assert_eq!(r["made_in"], "Germany (DE)");
                assert_eq!(r["announcer"], "Boris Pistorius, Minister");
                assert_eq!(r["period"], "2025-01-01/2027-01-01");
                assert_eq!(r["source_urls"], "https://example.org/iris");
                assert_eq!(r["outlets"], "Bonn Wire");
                assert_eq!(r["evidence"], "Berlin pledged 40 IRIS-T launchers made by Diehl.");
                assert_eq!(r["confidence"], "0.55");
                assert_eq!(r["review"], "approved");
            }
        }
    }
    // The entry's detail carries the same record.
    let detail = store.entry(&german[0].id).await.unwrap().unwrap();
    assert_eq!(detail.record.supplier.as_ref().map(|s| s.name.as_str()), Some("Diehl"));
    assert_eq!(detail.record.evidence_sentence.as_deref(), Some("Berlin pledged 40 IRIS-T launchers made by Diehl."));
    // A deal of five reports lists each outlet once and the sentence of one report.
    let deal = store.entries(&Filter::default()).await.unwrap().into_iter().max_by_key(|e| e.n_sources).unwrap();
    let r = store.full_record(&deal).await.unwrap();
    assert_eq!(r.outlets, ["Test Wire"]);
    assert_eq!(r.items[0].quantity, Some(Decimal::from(5000)));
    assert!(r.evidence_sentence.as_deref().is_some_and(|s| s.starts_with("Report ") || s.starts_with("The deal")));
}

/// What `labels export` reads: decided entries only, with their reports and
/// log, and `since` compared with the last decision.
async fn reviewed_entries_with_their_reports_and_log(store: Store) {
    store.write(&cluster()).await.unwrap();
    assert!(store.reviewed_since(None).await.unwrap().is_empty(), "nothing decided yet");
    let entries = store.entries(&Filter::default()).await.unwrap();
    let deal = entries.iter().max_by_key(|e| e.n_sources).unwrap();
    let other = entries.iter().find(|e| e.id != deal.id).unwrap();
    store.review(&deal.id, "alice", Action::Approve, None).await.unwrap();
    store.review(&other.id, "alice", Action::Reject, None).await.unwrap();
    store.review(&other.id, "alice", Action::Reset, None).await.unwrap();
    let between = jiff::Timestamp::now().to_string();
    let fields = [("status".to_string(), "committed".to_string())];
    store.review_edits(&deal.id, "bob", &fields, None).await.unwrap();

    let all = store.reviewed_since(None).await.unwrap();
    assert_eq!(all.len(), 1, "a reset entry is undecided again");
    let r = &all[0];
    assert_eq!((r.entry.id.as_str(), r.entry.review.as_str()), (deal.id.as_str(), "edited"));
    assert_eq!(r.reports.len() as i64, deal.n_sources);
    assert!(r.reports.iter().all(|p| p.record["id"] == p.commitment_id.as_str()));
    assert_eq!(r.last().map(|a| a.actor.as_str()), Some("bob"));
    assert_eq!(r.edits["status"], "committed");
    assert_eq!(store.reviewed_since(Some(&between)).await.unwrap().len(), 1, "decided again after");
    assert!(store.reviewed_since(Some("2999-01-01")).await.unwrap().is_empty());
}

/// Newer rates than the embedded table's (which ends 2026-10-30), invented for the test.
const NOVEMBER_RATES: &str = "Date,USD,GBP,\n2026-11-20,1.2,0.875,\n2026-11-17,1.2,0.875,\n2026-11-16,1.2,0.875,\n";

async fn stale_records_are_converted_when_rates_arrive(store: Store) {
    use Qualifier::Exact;
    let gbp = |tag: &str, day: i8| {
        let d = doc(&format!("Report {tag} of the November pledge."), date(2026, 11, day));
        let c = commitment(&d, 0, Some((Exact, "875000", "GBP")), None);
        (d, c)
    };
    // Two reports of one pledge, dated after the embedded rates: flagged, no EUR.
    let (a, b) = (gbp("a", 16), gbp("b", 17));
    assert_eq!(a.1.unconverted, Some(Unconverted::RatesStale));
    assert_eq!(a.1.value_eur, None);
    // Euros have their EUR value, and wait for the USD rate.
    let euros = doc("A pledge in euros.", date(2026, 11, 18));
    let in_euros = commitment(&euros, 0, Some((Exact, "2000000", "EUR")), None);
    assert_eq!(in_euros.unconverted, Some(Unconverted::RatesStale));
    // After the newer rates too; and one long converted.
    let late = doc("A pledge after the newer rates.", date(2026, 12, 1));
    let after = commitment(&late, 0, Some((Exact, "100", "GBP")), None);
    let old = doc("An old pledge.", date(2025, 3, 2));
    let converted = commitment(&old, 0, Some((Exact, "5000000", "GBP")), None);
    let ids = |cs: &[&Commitment]| {
        let mut ids: Vec<String> = cs.iter().map(|c| c.id.clone()).collect();
        ids.sort();
        ids
    };
    let waiting = ids(&[&a.1, &b.1, &in_euros, &after]);
    let later = ids(&[&after]);
    let batch = vec![
        processed(a.0, vec![a.1]),
        processed(b.0, vec![b.1]),
        processed(euros, vec![in_euros]),
        processed(late, vec![after]),
        processed(old, vec![converted]),
    ];
    store.write(&batch).await.unwrap();
    assert_eq!(store.stale_commitments().await.unwrap(), waiting);
    let before = store.totals(&Filter::default()).await.unwrap();
    assert_eq!((before.entries, before.without_eur, before.without_usd), (4, 2, 3));
    let pledge = store.entries(&Filter::default()).await.unwrap().into_iter().find(|e| e.n_sources == 2).unwrap();
    store.review(&pledge.id, "ana", Action::Approve, None).await.unwrap();

    let newer = RateTable::embedded().merged(&RateTable::parse(NOVEMBER_RATES.as_bytes()).unwrap());
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let waited = jiff::Timestamp::now();
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let done = store.reconvert_stale(&newer).await.unwrap();
    assert_eq!((done.converted, done.unconvertible, done.still_stale, done.entries), (3, 0, 1, 2));
    // Each entry converted again is a new version of it; as of before, it had no EUR value (issue 17).
    let feed = store.changes(&Filter::default(), None, 100).await.unwrap().changes;
    let reconverted: Vec<&Change> = feed.iter().filter(|c| c.cause == "reconvert").collect();
    assert_eq!(reconverted.len(), 2);
    let change = reconverted.iter().find(|c| c.entry_id == pledge.id).unwrap();
    assert!(change.fields.iter().any(|f| f.field == "value_eur" && f.old.is_none()), "{:?}", change.fields);
    let then = store.entry_as_of(&pledge.id, waited).await.unwrap().unwrap();
    assert_eq!((then.entry.value_eur(), then.entry.review.as_str()), (None, "approved"));
    assert_eq!(store.stale_commitments().await.unwrap(), later);

    // The entry, its variant and the totals carry the values; the review stands.
    let detail = store.entry(&pledge.id).await.unwrap().unwrap();
    assert_eq!(detail.entry.value_eur(), Some(Decimal::from(1_000_000)));
    assert_eq!(detail.entry.value_usd(), Some(Decimal::from(1_200_000)));
    assert_eq!(detail.entry.amount.as_ref().unwrap().eur.as_ref().unwrap().rate_date, date(2026, 11, 16));
    assert_eq!(detail.entry.review, "approved");
    assert_eq!(detail.variants[0].value_eur, Some(Decimal::from(1_000_000)));
    let after = store.totals(&Filter::default()).await.unwrap();
    assert_eq!((after.entries, after.without_eur, after.without_usd), (4, 1, 1));
    // The euros had their EUR value already; both gain a USD one.
    assert_eq!(after.value_eur, before.value_eur + Decimal::from(1_000_000));
    assert_eq!(after.value_usd, before.value_usd + Decimal::from(1_200_000 + 2_400_000));

    // Nothing is left to do with the same rates.
    let again = store.reconvert_stale(&newer).await.unwrap();
    assert_eq!((again.converted, again.still_stale, again.entries), (0, 1, 0));
}

/// A ledger of schema 3 (before `watch`) opened by this version keeps every
/// document and gains the watch tables.
async fn watch_migration_from_schema_3(db: &common::TestDb) {
    db.store.write(&[processed(doc("Kept across the migration.", date(2025, 1, 1)), vec![])]).await.unwrap();
    db.store.close().await;
    common::rewind(db, 3).await;
    let store = Store::open(&db.location).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    assert_eq!(store.counts().await.unwrap().documents, 1);
    assert!(store.watch_status().await.unwrap().is_empty());
    store.close().await;
}

on_both_db!(watch_migration_from_schema_3);
