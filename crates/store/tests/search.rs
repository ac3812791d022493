//! Word search (`q`) through the full-text index: what it finds against what
//! the search before the index (`LIKE` over names, titles and evidence text)
//! found, input that must never fail, the bounded scan of common words, and
//! the index filled for a ledger migrated from version 2.

use jiff::civil::{Date, date};
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Party, Status};
use pledgewatch_pipeline::mentions::Qualifier;
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::query::{GroupBy, Query, Sort};
use pledgewatch_store::{Backend, Processed, SearchLimits, Store};

#[macro_use]
mod common;
use common::TestDb;

on_both!(hostile_words_never_fail, common_words_page_in_bounded_steps);
on_both_db!(words_find_what_they_found_before, migrating_fills_the_index, common_words_over_the_cap);

/// A document with one commitment of `donor` to `recipient` whose evidence
/// is each of `spans` (found in the text).
fn report(
    title: Option<&str>,
    text: &str,
    on: Date,
    (donor, donor_name): (&str, &str),
    (recipient, recipient_name): (&str, &str),
    spans: &[&str],
) -> Processed {
    let document = Document::build(RawDocument {
        source: format!("test/{on}-{donor}.txt"),
        text: text.into(),
        published: Some(on),
        title: title.map(str::to_string),
        outlet: Some("Test Wire".into()),
        ..Default::default()
    });
    let evidence = spans
        .iter()
        .map(|s| {
            let at = document.text.find(s).expect("span in the text");
            let start = document.text[..at].chars().count();
            Evidence { field: "statement", start, end: start + s.chars().count(), bytes: (at, at + s.len()) }
        })
        .collect();
    let commitment = Commitment {
        id: format!("{}-0", document.id),
        donor: Some(Party { id: donor.into(), name: donor_name.into() }),
        recipient: Some(Party { id: recipient.into(), name: recipient_name.into() }),
        category: Category::Military,
        instrument: Instrument::Grant,
        status: Status::Announced,
        amount: Some(Amount {
            value: 5_000_000.into(),
            currency: "GBP".into(),
            qualifier: Qualifier::Exact,
            upper: None,
        }),
        value_eur: None,
        value_usd: None,
        unconverted: None,
        items: vec![],
        made_in: None,
        supplier: None,
        announced_on: Some(on),
        period: None,
        announced_by: None,
        confidence: 0.9,
        rules: vec![],
        evidence,
        annotations: Default::default(),
    };
    Processed::Document { document, commitments: vec![commitment] }
}

const UA: (&str, &str) = ("UA", "Ukraine");

/// Six entries, five of them to Ukraine; the last two reports join one entry.
fn fixture() -> Vec<Processed> {
    vec![
        report(
            Some("Canada sends armoured vehicles to Ukraine"),
            "Canada will send 50 armoured vehicles to Ukraine, the minister said. Hospitals are another matter.",
            date(2025, 1, 10),
            ("CA", "Canada"),
            UA,
            &["Canada will send 50 armoured vehicles to Ukraine, the minister said."],
        ),
        report(
            Some("Norway funds hospitals"),
            "Norway pledged NOK 100 million for hospitals in Ukraine's east. Air-defence talks continue.",
            date(2025, 2, 10),
            ("NO", "Norway"),
            UA,
            &["Norway pledged NOK 100 million for hospitals in Ukraine's east."],
        ),
        report(
            None,
            "Türkiye will deliver F-16 parts worth €300m to the État-major of Ukraine; 100% financed.",
            date(2025, 3, 10),
            ("TR", "Türkiye"),
            UA,
            &["Türkiye will deliver F-16 parts worth €300m to the État-major of Ukraine; 100% financed."],
        ),
        report(
            Some("Germany: air-defence package"),
            "Germany announced an air-defence package of IRIS-T systems for Ukraine.",
            date(2025, 4, 10),
            ("DE", "Germany"),
            UA,
            &["an air-defence package of IRIS-T systems"],
        ),
        report(
            Some("Japan aid"),
            "Japan provides emergency grant aid to Gaza.",
            date(2025, 5, 10),
            ("JP", "Japan"),
            ("PS", "Palestine"),
            &["Japan provides emergency grant aid to Gaza."],
        ),
        report(
            Some("UK pledge"),
            "The United Kingdom gives £5m for demining in Kharkiv.",
            date(2025, 6, 10),
            ("GB", "United Kingdom"),
            UA,
            &["gives £5m for demining in Kharkiv"],
        ),
        report(
            Some("Demining aid"),
            "British demining support of £5 million.",
            date(2025, 6, 11),
            ("GB", "United Kingdom"),
            UA,
            &["British demining support"],
        ),
    ]
}

/// The search before the index, word for word: each word (at most 8) a
/// case-insensitive `LIKE '%word%'` over the entry's names, its sources'
/// titles and its evidence text.
async fn search_before_the_index(pool: &sqlx::AnyPool, q: &str, sort: Sort) -> Vec<String> {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    for word in q.split_whitespace().take(8) {
        let mut p = String::from("%");
        for c in word.to_lowercase().chars() {
            if matches!(c, '%' | '_' | '\\') {
                p.push('\\');
            }
            p.push(c);
        }
        p.push('%');
        args.push(p);
        let n = args.len();
        conds.push(format!(
            "id IN (SELECT c.entry_id FROM commitments c JOIN documents d ON d.id = c.document_id \
             WHERE (LOWER(COALESCE(d.title, '')) LIKE ${n} ESCAPE '\\' OR EXISTS (SELECT 1 FROM evidence e \
             WHERE e.commitment_id = c.id AND LOWER(SUBSTR(d.text, CAST(e.start_offset + 1 AS INTEGER), \
             CAST(e.end_offset - e.start_offset AS INTEGER))) LIKE ${n} ESCAPE '\\')) \
             UNION SELECT id FROM ledger_entries WHERE LOWER(donor_name) LIKE ${n} ESCAPE '\\' \
             OR LOWER(recipient_name) LIKE ${n} ESCAPE '\\')"
        ));
    }
    let clause = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
    let key = match sort {
        Sort::Date => "COALESCE(announced_on, '')",
        Sort::ValueEur => "COALESCE(CAST(value_eur AS NUMERIC), -1)",
        Sort::Confidence => "confidence",
        other => panic!("the search before the index had no sort {other:?}"),
    };
    let sql = format!("SELECT id FROM ledger_entries{clause} ORDER BY {key} DESC, id DESC");
    let mut query = sqlx::query_scalar(&sql);
    for a in &args {
        query = query.bind(a);
    }
    query.fetch_all(pool).await.unwrap()
}

/// The bounds a search may run under: as shipped; always the index; always
/// the scan, testing the rare words against the list of their matches (on
/// SQLite) or on each entry's words; a scan of one entry a page; a test of
/// one entry, then the index.
fn limits() -> [SearchLimits; 6] {
    let default = SearchLimits::default();
    [
        default,
        SearchLimits { max_scan: 0, ..default },
        SearchLimits { max_matches: 0, max_scan: 1_000, ..default },
        SearchLimits { max_matches: 0, max_scan: 1_000, max_listed: 0, ..default },
        SearchLimits { max_matches: 0, max_scan: 1, ..default },
        SearchLimits { max_matches: 1_000, max_scan: 4, ..default },
    ]
}

/// Every entry `q` finds, following `next` from page to page.
async fn all_pages(store: &Store, q: &str, sort: Sort, limit: usize) -> Vec<String> {
    let query = Query { q: Some(q.into()), sort, descending: true, ..Query::default() };
    let mut ids = Vec::new();
    let mut after = None;
    for _ in 0..1_000 {
        let page = store.page(&query, after.as_ref(), limit).await.unwrap();
        assert!(page.entries.len() <= limit);
        ids.extend(page.entries.into_iter().map(|e| e.id));
        match page.next {
            Some(next) => after = Some(next),
            None => return ids,
        }
    }
    panic!("{q:?}: paging does not end");
}

/// The ledger's own database, opened apart from the store.
async fn raw_pool(store: &Store, location: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    let url = match store.backend() {
        Backend::Postgres => location.to_string(),
        Backend::Sqlite => format!("sqlite://{location}"),
    };
    sqlx::AnyPool::connect(&url).await.unwrap()
}

/// Issue 19, item 8: the index finds what the `LIKE` search found for whole
/// words and their beginnings, in the same order, under every bound; it
/// differs only where the doc comment of `Query::q` says.
async fn words_find_what_they_found_before(db: &TestDb) {
    let store = &db.store;
    store.write(&fixture()).await.unwrap();
    let pool = raw_pool(store, &db.location).await;
    let same = [
        "canada",
        "Canada vehicles",
        "canada hospitals",
        "armoured",
        "ARMOURED VEHICLES",
        "ukr",
        "UKRAINE",
        "air-defence",
        "air defence",
        "iris-t",
        "demining kharkiv",
        "demining british",
        "5m",
        "gaza",
        "japan palestine",
        "emergency grant",
        "nok 100",
        "türkiye",
        "TÜRKIYE",
        "f-16",
        "vehic",
        "said.",
        "hospitals",
        "united kingdom",
        "nothing-like-this",
        "",
        "   ",
    ];
    for q in same {
        let before = search_before_the_index(&pool, q, Sort::Date).await;
        for l in limits() {
            let store = store.clone().with_search_limits(l);
            assert_eq!(all_pages(&store, q, Sort::Date, 2).await, before, "{q:?} under {l:?}");
        }
        let query = Query { q: Some(q.into()), descending: true, ..Query::default() };
        let exported: Vec<String> = store.select(&query).await.unwrap().into_iter().map(|e| e.id).collect();
        assert_eq!(exported, before, "{q:?} exported");
        let counted: usize = store.group_totals(&query, GroupBy::Donor).await.unwrap().iter().map(|g| g.entries).sum();
        assert_eq!(counted, before.len(), "{q:?} totals");
    }
    let by_value = search_before_the_index(&pool, "ukraine", Sort::ValueEur).await;
    assert_eq!(all_pages(store, "ukraine", Sort::ValueEur, 2).await, by_value);
    // The triage order pages a search through the index and through the scan alike.
    let by_confidence = search_before_the_index(&pool, "ukraine", Sort::Confidence).await;
    for l in limits() {
        let bounded = store.clone().with_search_limits(l);
        assert_eq!(all_pages(&bounded, "ukraine", Sort::Confidence, 2).await, by_confidence, "under {l:?}");
    }

    // What changed: words match from a word's start, punctuation is not
    // searched, and accented capitals are lowered (SQLite's LOWER did not).
    let found = |ids: Vec<String>| ids.len();
    assert_eq!(found(search_before_the_index(&pool, "kraine", Sort::Date).await), 5);
    assert_eq!(found(all_pages(store, "kraine", Sort::Date, 10).await), 0);
    assert_eq!(found(search_before_the_index(&pool, "100%", Sort::Date).await), 1);
    assert_eq!(found(all_pages(store, "100%", Sort::Date, 10).await), 2, "NOK 100 million, 100% financed");
    assert_eq!(found(all_pages(store, "état", Sort::Date, 10).await), 1);
    assert_eq!(found(all_pages(store, "etat", Sort::Date, 10).await), 0, "accents are kept");
    pool.close().await;
}

/// Issue 19, item 8: whatever `q` holds, a search answers (FTS5 and
/// `to_tsquery` syntax, SQL quotes, NUL, 10 kB).
async fn hostile_words_never_fail(store: Store) {
    store.write(&fixture()).await.unwrap();
    let long_word = "x".repeat(10_000);
    let long_words = "ukraine ".repeat(1_300);
    let brackets = "(".repeat(10_000);
    let mixed = "\"NEAR(a b)* -x OR ' \\ :* <-> & | ! ".repeat(300);
    let hostile = [
        "\"",
        "'",
        "''",
        "\"unclosed",
        "(",
        ")",
        "NEAR(a b)",
        "a NEAR b",
        "NEAR",
        "*",
        "-",
        "-ukraine",
        "OR",
        "AND",
        "NOT",
        "ukraine OR canada",
        "ukraine NOT canada",
        "^ukraine",
        ":",
        "words:ukraine",
        "entry_search_fts:x",
        "'; DROP TABLE ledger_entries; --",
        "\\",
        "%_",
        "&|!<->",
        ":*",
        "a:*",
        "ukr*",
        "\u{0}ukraine",
        "🇺🇦 ukraine",
        "é\u{301}",
        "\u{200f}أوكرانيا",
        "İstanbul",
        &long_word,
        &long_words,
        &brackets,
        &mixed,
    ];
    for q in hostile {
        for l in limits() {
            let store = store.clone().with_search_limits(l);
            let query = Query { q: Some(q.to_string()), ..Query::default() };
            let page = store.page(&query, None, 3).await;
            assert!(page.is_ok(), "{q:.40?} under {l:?}: {page:?}");
        }
        let query = Query { q: Some(q.to_string()), ..Query::default() };
        assert!(store.select(&query).await.is_ok(), "{q:.40?}");
        assert!(store.group_totals(&query, GroupBy::Donor).await.is_ok(), "{q:.40?}");
    }
    let q = Query { q: Some(long_words), ..Query::default() };
    assert_eq!(store.select(&q).await.unwrap().len(), 5, "repeated words are one word");
    assert_eq!(store.select(&Query { q: Some("ukr*".into()), ..q.clone() }).await.unwrap().len(), 5);
    assert_eq!(store.select(&Query { q: Some("-".into()), ..q }).await.unwrap().len(), 6, "no word: no filter");
}

/// Issue 19, item 8: a word in many entries but none near the top of the list
/// is tested a bounded stretch at a time; short pages carry on with `next`,
/// and together they hold every match in order.
async fn common_words_page_in_bounded_steps(store: Store) {
    let mut batch = Vec::new();
    for i in 0..30 {
        let on = date(2020, 1, 1).checked_add(jiff::Span::new().days(40 * i)).unwrap();
        // The oldest three arrive late; one of them is no support package.
        let text = match i {
            1 => "Package 1 arrives late.".to_string(),
            0 | 2 => format!("Support package {i} arrives late."),
            _ => format!("Support package {i}."),
        };
        let title = if i == 1 { "Aid" } else { "Support" };
        batch.push(report(Some(title), &text, on, ("CA", "Canada"), UA, &[text.as_str()]));
    }
    store.write(&batch).await.unwrap();
    let late = |store: &Store| {
        let store = store.clone();
        async move { all_pages(&store, "late", Sort::Date, 2).await }
    };
    let everything = late(&store).await;
    assert_eq!(everything.len(), 3);

    let bounded = store.clone().with_search_limits(SearchLimits { max_matches: 0, max_scan: 5, ..Default::default() });
    let query = Query { q: Some("late".into()), descending: true, ..Query::default() };
    let first = bounded.page(&query, None, 2).await.unwrap();
    assert!(first.entries.is_empty(), "the 5 newest entries do not say it");
    assert!(first.next.is_some(), "and the search goes on");
    assert_eq!(late(&bounded).await, everything);
    // Beside a word in every entry, a rare word is asked of the index, and
    // the common one tested on its matches: a full page at once.
    let index_after_a_look =
        store.clone().with_search_limits(SearchLimits { max_matches: 100, max_scan: 8, ..Default::default() });
    let both = Query { q: Some("support late".into()), descending: true, ..Query::default() };
    let page = index_after_a_look.page(&both, None, 2).await.unwrap();
    let ids: Vec<&String> = page.entries.iter().map(|e| &e.id).collect();
    let say_both: Vec<&String> = everything.iter().filter(|id| **id != everything[1]).collect();
    assert_eq!(ids, say_both, "both entries that say both words");
    assert!(page.next.is_none());
    // A word in every entry fills the page from the first stretch.
    let common = Query { q: Some("support package".into()), descending: true, ..Query::default() };
    let page = bounded.page(&common, None, 2).await.unwrap();
    assert_eq!(page.entries.len(), 2);
    assert_eq!(all_pages(&bounded, "support package", Sort::Date, 4).await.len(), 29);
}

/// Issue 19, item 8: a word in more entries than a search reads through the
/// index is tested along the list — by the list of its matches while they
/// are at most `max_listed`, else on each entry's words — and every page,
/// the first one first, holds what the index alone finds (for whole words,
/// what the search before the index found), in order; its count stops just
/// past the cap.
async fn common_words_over_the_cap(db: &TestDb) {
    let store = &db.store;
    let mut batch = Vec::new();
    for i in 0..40 {
        let on = date(2021, 1, 1).checked_add(jiff::Span::new().days(45 * i)).unwrap();
        let text = match i % 8 {
            0 => format!("Demining support {i} for Ukraine."),
            1 | 4 => format!("Air-defence package {i} for Ukraine."),
            _ => format!("Air defence support {i} for Ukraine."),
        };
        batch.push(report(Some("Support"), &text, on, ("CA", "Canada"), UA, &[text.as_str()]));
    }
    store.write(&batch).await.unwrap();
    let pool = raw_pool(store, &db.location).await;
    let cap = 3;
    let bounds = [
        SearchLimits { max_matches: cap, max_listed: 100, max_scan: 1_000, ..SearchLimits::default() },
        SearchLimits { max_matches: cap, max_listed: 0, max_scan: 1_000, ..SearchLimits::default() },
        SearchLimits { max_matches: cap, max_listed: 25, max_scan: 7, ..SearchLimits::default() },
    ];
    let index_only = store.clone().with_search_limits(SearchLimits { max_scan: 0, ..SearchLimits::default() });
    for q in ["air-defence", "defence", "demining", "air-def ukraine", "support ukr", "air demining", "ukraine"] {
        let before = all_pages(&index_only, q, Sort::Date, 50).await;
        if !q.contains('-') {
            assert_eq!(before, search_before_the_index(&pool, q, Sort::Date).await, "{q:?}");
        }
        let query = Query { q: Some(q.into()), descending: true, ..Query::default() };
        let counted = store.word_matches(&query, cap).await.unwrap();
        assert_eq!(counted, Some(before.len().min(cap + 1)), "{q:?}: counted to one past the cap");
        for l in bounds {
            let bounded = store.clone().with_search_limits(l);
            let first = bounded.page(&query, None, 2).await.unwrap();
            let ids: Vec<String> = first.entries.into_iter().map(|e| e.id).collect();
            if l.max_scan >= 1_000 {
                assert_eq!(ids, before[..before.len().min(2)], "{q:?} under {l:?}: the first page");
            }
            assert_eq!(all_pages(&bounded, q, Sort::Date, 2).await, before, "{q:?} under {l:?}");
            assert_eq!(all_pages(&bounded, q, Sort::ValueEur, 3).await.len(), before.len(), "{q:?} under {l:?}");
        }
    }
    let common = search_before_the_index(&pool, "defence", Sort::Date).await.len();
    assert!(common > 2 * cap, "a word over the cap: {common}");
    let rare = search_before_the_index(&pool, "demining", Sort::Date).await.len();
    assert!(rare > cap && rare < 8, "a rarer word, still over the cap: {rare}");
    assert_eq!(store.word_matches(&Query::default(), cap).await.unwrap(), None, "no words, no count");
    pool.close().await;
}

/// Issue 19, item 8: a ledger at version 2 (written before the index) gets
/// the index filled when it is opened, and finds what it found before.
async fn migrating_fills_the_index(db: &TestDb) {
    db.store.write(&fixture()).await.unwrap();
    let queries = ["ukraine", "demining kharkiv", "air-defence", "gaza", "f-16"];
    let mut before = Vec::new();
    for q in queries {
        before.push(all_pages(&db.store, q, Sort::Date, 2).await);
    }
    // Back to version 2: no index, nor anything later versions made.
    let pool = raw_pool(&db.store, &db.location).await;
    let rows = "SELECT entry_id, words FROM entry_search ORDER BY entry_id";
    let written: Vec<(String, String)> = sqlx::query_as(rows).fetch_all(&pool).await.unwrap();
    common::rewind(db, 2).await;

    let reopened = Store::open(&db.location).await.unwrap();
    assert_eq!(reopened.schema_version().await.unwrap(), pledgewatch_store::SCHEMA_VERSION);
    let indexed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM entry_search").fetch_one(&pool).await.unwrap();
    assert_eq!(indexed, reopened.counts().await.unwrap().entries, "one index row per entry");
    let filled: Vec<(String, String)> = sqlx::query_as(rows).fetch_all(&pool).await.unwrap();
    assert_eq!(filled, written, "the migration reads back the words each write made");
    for (q, found) in queries.iter().zip(&before) {
        assert!(!found.is_empty(), "{q}");
        for l in limits() {
            let store = reopened.clone().with_search_limits(l);
            assert_eq!(&all_pages(&store, q, Sort::Date, 2).await, found, "{q} under {l:?}");
        }
    }
    reopened.close().await;
    pool.close().await;
}
