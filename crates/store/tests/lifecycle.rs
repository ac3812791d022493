//! Later reports linked to the commitment they follow up, and grant equivalents (issue 17,
//! items 4 and 6), through the whole pipeline and store, on SQLite and PostgreSQL.

#[macro_use]
mod common;

use jiff::civil::{Date, date};
use pledgewatch_pipeline::RawDocument;
use pledgewatch_pipeline::extract;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_store::query::{GroupBy, Query};
use pledgewatch_store::{Filter, Processed, Store};
use rust_decimal::Decimal;

/// Runs the text stages on `text` published `on` and stores it.
async fn ingest(store: &Store, text: &str, on: Date) {
    let raw = RawDocument {
        source: format!("test/{on}-{}.txt", text.len()),
        text: text.into(),
        published: Some(on),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    };
    let (document, extraction) = extract::run(raw, RateTable::embedded()).unwrap();
    assert!(!extraction.commitments.is_empty(), "no commitment in {text:?}");
    store.write(&[Processed::Document { document, commitments: extraction.commitments }]).await.unwrap();
}

const GRID: &str = "EIB approves €250 million loan for Ukraine's power grid\n\n\
    The European Investment Bank approved a €250 million loan to Ukraine to repair its power grid, the bank said on Wednesday.";
const RAIL: &str = "EIB approves €250 million loan for Ukrainian railways\n\n\
    The European Investment Bank approved a €250 million loan to Ukraine for its railways, the bank said on Monday.";
const TRANCHE: &str = "EIB disburses second tranche to Ukraine\n\n\
    The European Investment Bank disbursed the second tranche of €100 million of its €250 million loan to Ukraine on Thursday.";

async fn a_later_disbursement_joins_the_loan_it_follows(store: Store) {
    ingest(&store, GRID, date(2025, 1, 15)).await;
    ingest(&store, TRANCHE, date(2025, 6, 12)).await;
    let entries = store.entries(&Filter::default()).await.unwrap();
    assert_eq!(entries.len(), 1, "the disbursement opened no entry of its own: {entries:?}");
    let e = &entries[0];
    assert_eq!((e.n_sources, e.status.as_str()), (2, "disbursed"));
    assert_eq!(e.amount.as_ref().unwrap().value, Decimal::from(250_000_000), "the entry keeps the loan's figure");
    let life = store.lifecycle(&e.id).await.unwrap();
    let stages: Vec<(&str, &str)> = life.timeline.iter().map(|s| (s.stage.as_str(), s.link.as_str())).collect();
    assert_eq!(stages, [("announced", "own"), ("disbursed", "linked")]);
    assert_eq!(life.timeline[1].date, Some(date(2025, 6, 12)));
    let p = &life.progress[0];
    assert_eq!((p.stage.as_str(), p.currency.as_deref()), ("disbursed", Some("EUR")));
    assert_eq!((p.done, p.of, p.remaining), (100_000_000.into(), 250_000_000.into(), 150_000_000.into()));
    // The loan states no terms: no grant equivalent, and why.
    assert_eq!((e.grant_equivalent_eur, e.grant_equivalent_reason.as_deref()), (None, Some("terms_not_stated")));
}

async fn an_uncertain_link_is_proposed_then_accepted(store: Store) {
    ingest(&store, GRID, date(2025, 1, 15)).await;
    ingest(&store, RAIL, date(2025, 3, 10)).await;
    ingest(&store, TRANCHE, date(2025, 6, 12)).await;
    let entries = store.entries(&Filter::default()).await.unwrap();
    assert_eq!(entries.len(), 3, "two loans fit: the disbursement keeps its own entry until a reviewer decides");
    let rail = entries.iter().find(|e| e.announced_on.or(e.first_reported) == Some(date(2025, 3, 10))).unwrap();
    let life = store.lifecycle(&rail.id).await.unwrap();
    let proposal = life.timeline.iter().find(|s| s.link == "proposed").expect("proposed on the nearer loan");
    assert_eq!((proposal.stage.as_str(), proposal.how.as_deref()), ("disbursed", Some("several_candidates")));
    let own = proposal.from_entry.clone().unwrap();
    assert_eq!(store.lifecycle(&own).await.unwrap().follows.len(), 1, "the report's own entry shows the proposal too");

    let target = store.decide_link(&proposal.commitment_id, true, "ana", Some("same loan")).await.unwrap();
    assert_eq!(target, rail.id);
    let entries = store.entries(&Filter::default()).await.unwrap();
    assert_eq!(entries.len(), 2, "accepting merged the disbursement's entry into the loan");
    let life = store.lifecycle(&rail.id).await.unwrap();
    assert!(life.timeline.iter().any(|s| s.link == "linked" && s.stage == "disbursed"));
    assert_eq!(life.progress[0].done, Decimal::from(100_000_000));
    let log = store.audit_log(&rail.id).await.unwrap();
    assert!(log.iter().any(|r| r.action == "link_accept" && r.actor == "ana"), "{log:?}");
    // Decided once.
    assert!(store.decide_link(&proposal.commitment_id, false, "ben", None).await.is_err());
}

async fn a_rejected_proposal_leaves_both_entries(store: Store) {
    ingest(&store, GRID, date(2025, 1, 15)).await;
    ingest(&store, RAIL, date(2025, 3, 10)).await;
    ingest(&store, TRANCHE, date(2025, 6, 12)).await;
    let entries = store.entries(&Filter::default()).await.unwrap();
    let rail = entries.iter().find(|e| e.announced_on.or(e.first_reported) == Some(date(2025, 3, 10))).unwrap();
    let proposal =
        store.lifecycle(&rail.id).await.unwrap().timeline.into_iter().find(|s| s.link == "proposed").unwrap();
    store.decide_link(&proposal.commitment_id, false, "ben", Some("another loan")).await.unwrap();
    assert_eq!(store.entries(&Filter::default()).await.unwrap().len(), 3);
    assert!(store.lifecycle(&rail.id).await.unwrap().timeline.iter().all(|s| s.link != "proposed"));
    let log = store.audit_log(&rail.id).await.unwrap();
    assert!(log.iter().any(|r| r.action == "link_reject" && r.actor == "ben"));
    assert!(store.decide_link("nope", true, "ben", None).await.is_err());
}

async fn a_loan_with_terms_has_a_grant_equivalent(store: Store) {
    let text = "Japan lends Kenya ¥10bn for geothermal power\n\n\
        Japan will lend Kenya ¥10 billion for geothermal power at 0.5% interest with a 30-year maturity \
        and a 10-year grace period, the embassy said.";
    ingest(&store, text, date(2025, 4, 4)).await;
    let e = &store.entries(&Filter::default()).await.unwrap()[0];
    let eur = e.value_eur().unwrap();
    // 0.5 %, 30 years, 10 of grace, Kenya an LMIC (7 %): a grant element of 67.33 %.
    let want = (eur * Decimal::new(6733, 2) / Decimal::ONE_HUNDRED).round_dp(2);
    let got = e.grant_equivalent_eur.unwrap();
    assert!((got - want).abs() <= Decimal::new(1, 2), "{got} vs {want}");
    let groups = store.group_totals(&Query::default(), GroupBy::Donor).await.unwrap();
    assert_eq!(groups[0].grant_equivalent_eur, got.normalize());
    assert_eq!(groups[0].without_grant_equivalent, 0);
}

on_both!(
    a_later_disbursement_joins_the_loan_it_follows,
    an_uncertain_link_is_proposed_then_accepted,
    a_rejected_proposal_leaves_both_entries,
    a_loan_with_terms_has_a_grant_equivalent,
);

/// A ledger of schema 7 (before lifecycle links and grant equivalents) opened by this
/// version keeps its entries; a grant's grant equivalent is its face value, a loan's
/// terms were never read (`terms_not_stated`), and there are no links yet.
async fn lifecycle_migration_from_schema_7(db: &common::TestDb) {
    let store = &db.store;
    let grant = "Norway gives Sudan aid\n\nNorway will give NOK 250 million in humanitarian aid to Sudan, the foreign ministry said.";
    let loan = "EIB lends Ukraine\n\nThe European Investment Bank approved a €250 million loan to Ukraine for its grid, the bank said.";
    for (text, on) in [(grant, date(2025, 4, 15)), (loan, date(2025, 1, 15))] {
        let raw = RawDocument {
            source: format!("test/{on}.txt"),
            text: text.into(),
            published: Some(on),
            ..Default::default()
        };
        let (document, extraction) = extract::run(raw, RateTable::embedded()).unwrap();
        store.write(&[Processed::Document { document, commitments: extraction.commitments }]).await.unwrap();
    }
    let before = store.entries(&Filter::default()).await.unwrap();
    assert_eq!(before.len(), 2);
    db.store.close().await;
    common::rewind(db, 7).await;
    let store = Store::open(&db.location).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    let after = store.entries(&Filter::default()).await.unwrap();
    assert_eq!(after.len(), 2);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.id, &b.amount, &b.instrument), (&a.id, &a.amount, &a.instrument), "nothing lost");
    }
    let grant = after.iter().find(|e| e.instrument == "grant").unwrap();
    assert_eq!((grant.grant_equivalent_eur, grant.grant_equivalent_reason.as_deref()), (grant.value_eur(), None));
    let loan = after.iter().find(|e| e.instrument == "loan").unwrap();
    assert_eq!((loan.grant_equivalent_eur, loan.grant_equivalent_reason.as_deref()), (None, Some("terms_not_stated")));
    assert!(store.lifecycle(&loan.id).await.unwrap().follows.is_empty());
    store.close().await;
}

on_both_db!(lifecycle_migration_from_schema_7);
