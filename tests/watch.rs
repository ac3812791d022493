//! `pledgewatch watch` end to end against a server the test starts on the loopback
//! address: `--once` stores a feed's new article, `--status` reports it, a second
//! run stores nothing twice, and the watching process refreshes the rates, converting
//! the article that waited for them.

#[path = "../crates/rates/tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{Reply, Server, newer_rates_csv, zip_of};

/// Dated after the embedded rates (2026-10-30), within the served ones (to 2026-11-20).
const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Defence News</title>
<item><title>UK to send drones to Ukraine</title><guid>https://mod.test/drones</guid>
<pubDate>Mon, 16 Nov 2026 09:00:00 GMT</pubDate>
<description>Britain will supply 100,000 drones to Ukraine in a £350 million package, Defence Secretary John Healey said.</description></item>
</channel></rss>"#;

fn command(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pledgewatch"));
    c.args(args).env("PLEDGEWATCH_HOME", home).env_remove("PLEDGEWATCH_DB").env_remove("PLEDGEWATCH_RATES_URL");
    c
}

fn run(home: &Path, args: &[&str]) -> Output {
    command(home, args).output().expect("the binary runs")
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn once_status_and_the_daily_rates() {
    let server = Server::start();
    server.route("/feed.xml", Reply::Body(FEED.as_bytes().to_vec()));
    server.route("/broken.xml", Reply::Status(500));
    server.route("/rates.zip", Reply::Body(zip_of("eurofxref-hist.csv", newer_rates_csv().as_bytes())));
    let dir = tempfile::tempdir().unwrap();
    let (home, db, warc) = (dir.path().join("home"), dir.path().join("ledger.db"), dir.path().join("warc"));
    let sources = dir.path().join("sources.toml");
    std::fs::write(
        &sources,
        format!(
            "[settings]\nhost_delay = \"0s\"\ntimeout = \"5s\"\nretries = 0\n\n\
             [[source]]\nurl = \"{}\"\noutlet = \"Ministry of Defence\"\ncountry = \"GB\"\ninterval = \"10s\"\n\n\
             [[source]]\nurl = \"{}\"\ninterval = \"10s\"\n",
            server.url("/feed.xml"),
            server.url("/broken.xml")
        ),
    )
    .unwrap();
    let (db_s, sources_s, warc_s) = (db.to_str().unwrap(), sources.to_str().unwrap(), warc.to_str().unwrap());
    let args = ["watch", "--sources", sources_s, "--db", db_s, "--warc-dir", warc_s];

    // One poll of each: the article is stored; the broken source fails (exit code 1) and is named once.
    let once = run(&home, &[&args[..], &["--once"]].concat());
    assert_eq!(once.status.code(), Some(1), "{}", String::from_utf8_lossy(&once.stderr));
    let summary: Value = serde_json::from_slice(&once.stdout).unwrap();
    assert_eq!(
        (summary["sources"].as_u64(), summary["failed"].as_u64(), summary["documents_stored"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    let err = String::from_utf8_lossy(&once.stderr);
    assert_eq!(err.matches("broken.xml: HTTP 500").count(), 1, "{err}");

    let status = json(&run(&home, &["watch", "--status", "--db", db_s]));
    let feed = status.as_array().unwrap().iter().find(|s| s["url"] == server.url("/feed.xml").as_str()).unwrap();
    assert_eq!(
        (feed["items"].as_i64(), feed["last_status"].as_str(), feed["country"].as_str()),
        (Some(1), Some("new"), Some("GB"))
    );
    let broken = status.as_array().unwrap().iter().find(|s| s["url"] == server.url("/broken.xml").as_str()).unwrap();
    assert_eq!(broken["last_error"], "HTTP 500 Internal Server Error");

    // Polled again: nothing new, nothing stored twice.
    let again = run(&home, &[&args[..], &["--once"]].concat());
    assert_eq!(serde_json::from_slice::<Value>(&again.stdout).unwrap()["documents_stored"], 0);
    let export = run(&home, &["export", "--db", db_s, "--format", "jsonl"]);
    let entries: Vec<Value> =
        String::from_utf8_lossy(&export.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(entries.len(), 1);
    assert!(entries[0]["value_eur"].is_null(), "dated after the embedded rates: {}", entries[0]);

    // Watching: the rates are refreshed at start, and the waiting article is converted.
    let rates_url = server.url("/rates.zip");
    let mut child = command(&home, &[&args[..], &["--rates-url", &rates_url]].concat())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let started = Instant::now();
    let mut updated = None;
    while started.elapsed() < Duration::from_secs(60) {
        let Some(Ok(line)) = lines.next() else { break };
        if line.contains("rates: ") {
            updated = Some(line);
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let updated = updated.expect("the watcher said nothing of the rates");
    assert!(updated.contains("rates: updated to 2026-11-20 (1 records converted"), "{updated}");
    let export = run(&home, &["export", "--db", db_s, "--format", "jsonl"]);
    let entry: Value = serde_json::from_str(String::from_utf8_lossy(&export.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(entry["value_eur"], "400000000", "£350m at 0.875: {entry}");
}
