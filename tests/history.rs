//! `pledgewatch diff` and `export --as-of` end to end (issue 17): a ledger
//! ingested by the binary, reviewed through the store, read back as it was.

use std::path::Path;
use std::process::{Command, Output};

use jiff::Timestamp;
use pledgewatch_store::{Action, Filter, Store};

fn pledgewatch(args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pledgewatch"));
    c.env_remove("PLEDGEWATCH_DB");
    c.args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

/// A moment strictly between the writes before and after it.
fn mark() -> String {
    std::thread::sleep(std::time::Duration::from_millis(3));
    let t = Timestamp::now().to_string();
    std::thread::sleep(std::time::Duration::from_millis(3));
    t
}

/// Each exported entry's (id, review), from JSON Lines.
fn reviews(out: &Output) -> Vec<(String, String)> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    stdout(out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["entry_id"].as_str().unwrap().to_string(), v["review"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn diff_and_export_as_of_read_the_ledger_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let db = db.to_str().unwrap();
    let cluster = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cluster");
    let out = pledgewatch(&["ingest", cluster.to_str().unwrap(), "--db", db]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let then = mark();
    let rejected = block_on(async {
        let store = Store::open(db).await.unwrap();
        let id = store.entries(&Filter::default()).await.unwrap()[0].id.clone();
        store.review(&id, "rita", Action::Reject, None).await.unwrap();
        store.close().await;
        id
    });
    let after = mark();

    // The export as of then has every entry unreviewed; now, one is rejected.
    let export = |more: &[&str]| pledgewatch(&[&["export", "--format", "jsonl", "--db", db], more].concat());
    let past = reviews(&export(&["--as-of", &then]));
    let now = reviews(&export(&[]));
    assert_eq!(past.len(), now.len());
    assert!(past.iter().all(|(_, r)| r == "unreviewed"), "{past:?}");
    assert_eq!(now.iter().filter(|(_, r)| r == "rejected").map(|(id, _)| id).collect::<Vec<_>>(), [&rejected]);
    // A day is its start (UTC): before this ledger, nothing.
    assert!(reviews(&export(&["--as-of", "2000-01-01"])).is_empty());

    // The diff between the two times is that rejection, and nothing else.
    let out = pledgewatch(&["diff", "--from", &then, "--to", &after, "--db", db]);
    let text = stdout(&out);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("1 entries changed after"), "{text}");
    assert!(text.contains(&format!("rejected {rejected}")), "{text}");
    assert!(text.contains("review: unreviewed → rejected"), "{text}");
    let out = pledgewatch(&["diff", "--from", &then, "--db", db, "--json"]);
    let lines: Vec<serde_json::Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!((lines[0]["entry_id"].as_str(), lines[0]["kind"].as_str()), (Some(rejected.as_str()), Some("rejected")));
    // Since the start: every entry added.
    let out = pledgewatch(&["diff", "--from", "2000-01-01", "--db", db, "--json"]);
    assert_eq!(stdout(&out).lines().count(), now.len());

    // Bad times are bad usage, named.
    for args in [
        vec!["diff", "--from", "yesterday", "--db", db],
        vec!["diff", "--from", &after, "--to", &then, "--db", db],
        vec!["export", "--format", "csv", "--db", db, "--as-of", "2025-02-30"],
    ] {
        let out = pledgewatch(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}
