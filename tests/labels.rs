//! `pledgewatch labels export` end to end: a real SQLite ledger built by
//! `ingest`, reviewed (approve, edit, reject) through the store as the server
//! does, then exported as labels and read back line by line.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use pledgewatch_store::{Action, Entry, Filter, Store};
use serde_json::{Value, json};

fn pledgewatch() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pledgewatch"));
    c.env_remove("PLEDGEWATCH_DB");
    c
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

fn export(db: &Path, extra: &[&str]) -> Output {
    pledgewatch().args(["labels", "export", "--db"]).arg(db).args(extra).output().unwrap()
}

/// The label lines of a file, by document id.
fn lines(path: &Path) -> BTreeMap<String, Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["document_id"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

#[test]
fn reviews_become_labels_line_by_line_and_since_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let cluster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cluster");
    let out = pledgewatch().arg("ingest").arg(&cluster).arg("--db").arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // Review: approve the deal, edit the loan, reject France's; later, approve the contract.
    let (entries, docs, since) = block_on(async {
        let store = Store::open(db.to_str().unwrap()).await.unwrap();
        let entries = store.entries(&Filter::default()).await.unwrap();
        let find = |f: &dyn Fn(&Entry) -> bool| entries.iter().find(|e| f(e)).unwrap().id.clone();
        let deal = find(&|e| e.n_sources == 5);
        let loan = find(&|e| e.category == "financial");
        let french = find(&|e| e.donor.id == "FR");
        let contract = find(&|e| e.donor.id == "GB" && e.n_sources == 1 && e.category == "military");
        store.review(&deal, "alice", Action::Approve, None).await.unwrap();
        let fields = [("status".to_string(), "committed".to_string())];
        store.review_edits(&loan, "alice", &fields, Some("signed, per the ministry")).await.unwrap();
        store.review(&french, "alice", Action::Reject, None).await.unwrap();
        let since = jiff::Timestamp::now().to_string();
        store.review(&contract, "bob", Action::Approve, None).await.unwrap();
        let mut docs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for id in [&deal, &loan, &french, &contract] {
            let d = store.entry(id).await.unwrap().unwrap();
            docs.insert(id.clone(), d.sources.iter().map(|s| s.document_id.clone()).collect());
        }
        store.close().await;
        ([deal, loan, french, contract], docs, since)
    });
    let [deal, loan, french, contract] = &entries;

    let path = dir.path().join("labels.jsonl");
    let out = export(&db, &["-o", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let labels = lines(&path);
    let all: std::collections::BTreeSet<&String> = docs.values().flatten().collect();
    assert_eq!(labels.len(), all.len(), "one line per document of a reviewed entry");

    for doc in &docs[deal] {
        let l = &labels[doc];
        assert_eq!(l["id"], doc.as_str(), "a text file has no corpus id: the document id");
        assert_eq!(l["announces"], true);
        assert_eq!(l["rejected"], json!([]));
        let r = l["commitments"].as_array().unwrap().iter().find(|r| r["entry_id"] == deal.as_str()).unwrap();
        assert_eq!((&r["donor"], &r["recipient"], &r["category"]), (&json!("GB"), &json!("UA"), &json!("military")));
        assert_eq!(
            (&r["review"], &r["reviewer"], &r["source"]),
            (&json!("approved"), &json!("alice"), &json!("extracted"))
        );
        assert_eq!(r["added_by"], Value::Null);
        assert_eq!(r["edits"], json!([]));
        assert!(r["amount"].is_number() && r["currency"].is_string(), "{r}");
    }
    // Each document keeps its own statement of the figure: one says "up to".
    let qualifiers: Vec<&Value> = docs[deal].iter().map(|d| &labels[d]["commitments"][0]["qualifier"]).collect();
    assert!(qualifiers.contains(&&json!("up_to")) && qualifiers.contains(&&json!("exact")), "{qualifiers:?}");

    let l = &labels[&docs[loan][0]];
    let r = &l["commitments"][0];
    assert_eq!(
        (&r["status"], &r["review"], &r["category"]),
        (&json!("committed"), &json!("edited"), &json!("financial"))
    );
    assert_eq!(r["edits"][0]["field"], "status");
    assert_eq!((&r["edits"][0]["old"], &r["edits"][0]["new"]), (&json!("announced"), &json!("committed")));
    assert_eq!(r["note"], "signed, per the ministry");
    assert_eq!((&r["amount"], &r["currency"]), (&json!(2260000000u64), &json!("GBP")));

    let l = &labels[&docs[french][0]];
    assert_eq!((&l["announces"], &l["commitments"]), (&json!(false), &json!([])), "a rejection is a negative");
    let r = &l["rejected"][0];
    assert_eq!((&r["donor"], &r["review"], &r["amount"]), (&json!("FR"), &json!("rejected"), &json!(195000000)));

    let contract_doc = &docs[contract][0];
    assert_eq!(labels[contract_doc]["commitments"][0]["reviewer"], "bob");
    for l in labels.values() {
        assert_eq!(l["partial"], false, "every commitment of these documents was reviewed: {l}");
    }

    // --since: only what was decided from then on.
    let out = export(&db, &["--since", &since]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let later: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(later.len(), docs[contract].len(), "{text}");
    assert_eq!(later[0]["document_id"], contract_doc.as_str());
    assert_eq!(later[0]["commitments"][0]["entry_id"], contract.as_str());
    // A day before the reviews takes everything; a day after, nothing.
    let out = export(&db, &["--since", "2000-01-01"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), all.len());
    let out = export(&db, &["--since", "2999-01-01"]);
    assert!(out.status.success() && out.stdout.is_empty());

    let out = export(&db, &["--since", "last tuesday"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("last tuesday") && err.contains("RFC 3339"), "{err}");
    let out = export(&dir.path().join("missing.db"), &[]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no ledger at"));
}

/// A commitment a reviewer added from the text is labelled as added, with who added it.
#[test]
fn an_added_commitment_is_labelled_as_added_by_its_reviewer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let cluster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cluster");
    let out = pledgewatch().arg("ingest").arg(&cluster).arg("--db").arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (document, entry) = block_on(async {
        let store = Store::open(db.to_str().unwrap()).await.unwrap();
        let entries = store.entries(&Filter::default()).await.unwrap();
        let french = entries.iter().find(|e| e.donor.id == "FR").unwrap().id.clone();
        let document = store.entry(&french).await.unwrap().unwrap().sources[0].document_id.clone();
        let fields: Vec<(String, String)> = [
            ("donor", "Norway"),
            ("recipient", "Moldova"),
            ("amount", "5000000"),
            ("currency", "EUR"),
            ("category", "humanitarian"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let addition =
            pledgewatch_store::Addition { document_id: document.clone(), sentence: (0, 20), figure: None, fields };
        let added = store
            .add_commitment(&addition, "carol", Some("missed"), pledgewatch_rates::RateTable::embedded())
            .await
            .unwrap();
        store.review(&added.entry_id, "carol", Action::Approve, None).await.unwrap();
        store.close().await;
        (document, added.entry_id)
    });
    let out = export(&db, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let line: Value = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|l| l["document_id"] == document.as_str())
        .unwrap();
    let r = line["commitments"].as_array().unwrap().iter().find(|r| r["entry_id"] == entry.as_str()).unwrap();
    assert_eq!((&r["source"], &r["added_by"]), (&json!("added"), &json!("carol")), "{r}");
    assert_eq!((&r["donor"], &r["recipient"]), (&json!("NO"), &json!("MD")));
    assert_eq!(line["partial"], true, "France's record in the same document is not reviewed");
}
