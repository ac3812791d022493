//! Issue 17's end-to-end path, less the lifecycle part: a feed server on the
//! loopback address publishes an article; `pledgewatch watch` ingests it; the
//! entry appears in `/api/v1/changes` and `/changes.atom` of `pledgewatch
//! serve` within a minute; a second article follows, and `as_of` a time
//! before it shows the ledger's first state. No outside network.

#[path = "../crates/rates/tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{Reply, Server, newer_rates_csv, zip_of};

const DRONES: &str = r#"<item><title>UK to send drones to Ukraine</title><guid>https://mod.test/drones</guid>
<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
<description>Britain will supply 100,000 drones to Ukraine in a £350 million package, Defence Secretary John Healey said.</description></item>"#;
const DELIVERED: &str = r#"<item><title>First drones reach Ukraine</title><guid>https://mod.test/drones-delivered</guid>
<pubDate>Mon, 10 Mar 2025 09:00:00 GMT</pubDate>
<description>Britain delivered the first £100 million of its £350 million drone package to Ukraine on Friday, Defence Secretary John Healey said.</description></item>"#;
const MOLDOVA: &str = r#"<item><title>UK aid for Moldova</title><guid>https://mod.test/moldova</guid>
<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>
<description>The United Kingdom will provide £20 million in humanitarian aid to Moldova, the Foreign Secretary announced.</description></item>"#;

fn feed(items: &[&str]) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Defence News</title>{}</channel></rss>",
        items.concat()
    )
    .into_bytes()
}

/// A child process killed when the test ends, passing or not.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn command(home: &std::path::Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pledgewatch"));
    c.args(args).env("PLEDGEWATCH_HOME", home).env_remove("PLEDGEWATCH_DB").env_remove("PLEDGEWATCH_RATES_URL");
    c
}

/// GET `path` from the server at `addr` (host:port); the status and the body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body =
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") { unchunk(body) } else { body.into() };
    (status, body)
}

fn unchunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn json(addr: &str, path: &str) -> Value {
    let (status, body) = get(addr, path);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Polls `path` until `done` holds, for at most a minute; how long it took.
fn within_a_minute(addr: &str, path: &str, done: impl Fn(&Value) -> bool) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if done(&json(addr, path)) {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    None
}

#[test]
fn a_watched_article_is_in_the_change_feed_within_a_minute_and_as_of_shows_the_state_before() {
    let server = Server::start();
    server.route("/feed.xml", Reply::Body(feed(&[DRONES])));
    server.route("/rates.zip", Reply::Body(zip_of("eurofxref-hist.csv", newer_rates_csv().as_bytes())));
    let dir = tempfile::tempdir().unwrap();
    let (home, db, warc) = (dir.path().join("home"), dir.path().join("ledger.db"), dir.path().join("warc"));
    let sources = dir.path().join("sources.toml");
    std::fs::write(
        &sources,
        format!(
            "[settings]\nhost_delay = \"0s\"\ntimeout = \"5s\"\nretries = 0\n\n\
             [[source]]\nurl = \"{}\"\noutlet = \"Ministry of Defence\"\ncountry = \"GB\"\ninterval = \"10s\"\n",
            server.url("/feed.xml")
        ),
    )
    .unwrap();
    let (db_s, sources_s, warc_s) = (db.to_str().unwrap(), sources.to_str().unwrap(), warc.to_str().unwrap());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async { pledgewatch_store::Store::open(db_s).await.unwrap().close().await });

    let mut serve = Killed(
        command(&home, &["serve", "--db", db_s, "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(serve.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).expect(&line).to_string();
    let rates_url = server.url("/rates.zip");
    let _watch = Killed(
        command(
            &home,
            &["watch", "--sources", sources_s, "--db", db_s, "--warc-dir", warc_s, "--rates-url", &rates_url],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap(),
    );

    // The article is an entry in the change feed, filtered by its recipient, and in the Atom feed.
    let ua = "/api/v1/changes?recipient=UA";
    let took = within_a_minute(&addr, ua, |v| !v["changes"].as_array().unwrap().is_empty());
    assert!(took.is_some(), "the watched article was not in /api/v1/changes within a minute");
    let first = json(&addr, ua);
    let change = &first["changes"][0];
    assert_eq!((change["kind"].as_str(), change["cause"].as_str()), (Some("added"), Some("ingest")));
    assert_eq!(change["entry"]["donor"]["id"], "GB");
    let entry = change["entry_id"].as_str().unwrap().to_string();
    let (status, atom) = get(&addr, "/changes.atom?recipient=UA");
    assert_eq!(status, 200);
    assert!(
        atom.contains("New: United Kingdom → Ukraine") && atom.contains(&format!("/commitments/{entry}")),
        "{atom}"
    );

    // A moment later, a second article; the ledger as of that moment is the first state.
    std::thread::sleep(Duration::from_millis(5));
    let before = jiff::Timestamp::now().to_string();
    std::thread::sleep(Duration::from_millis(5));
    server.route("/feed.xml", Reply::Body(feed(&[DRONES, MOLDOVA])));
    let md = "/api/v1/changes?recipient=MD";
    let took = within_a_minute(&addr, md, |v| !v["changes"].as_array().unwrap().is_empty());
    assert!(took.is_some(), "the second article was not in /api/v1/changes within a minute");
    let since = first["next"].as_str().unwrap();
    let ua_since = json(&addr, &format!("{ua}&since={since}"));
    assert!(
        ua_since["changes"].as_array().unwrap().iter().all(|c| c["entry"]["recipient"]["id"] == "UA"),
        "{ua_since}"
    );
    let ids = |v: &Value| -> Vec<String> {
        let mut ids: Vec<String> = v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["recipient"]["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&json(&addr, "/api/v1/commitments")), ["MD", "UA"]);
    assert_eq!(ids(&json(&addr, &format!("/api/v1/commitments?as_of={before}"))), ["UA"]);
    let diff = json(&addr, &format!("/api/v1/diff?from={before}"));
    let kinds: Vec<(&str, &str)> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["entry"]["recipient"]["id"].as_str().unwrap()))
        .collect();
    assert!(kinds.contains(&("added", "MD")), "{diff}");

    // A later report of the drones' delivery follows the first entry: its timeline shows both
    // reports, and the entry as of a moment before the delivery has the first report alone.
    std::thread::sleep(Duration::from_millis(5));
    let before_delivery = jiff::Timestamp::now().to_string();
    std::thread::sleep(Duration::from_millis(5));
    server.route("/feed.xml", Reply::Body(feed(&[DRONES, MOLDOVA, DELIVERED])));
    let path = format!("/api/v1/commitments/{entry}");
    let delivered =
        |v: &Value| v["lifecycle"]["timeline"].as_array().is_some_and(|t| t.iter().any(|s| s["stage"] == "delivered"));
    let took = within_a_minute(&addr, &path, delivered);
    assert!(took.is_some(), "the delivery is not on the entry's timeline: {}", json(&addr, &path));
    let now = json(&addr, &path);
    let stages: Vec<&str> =
        now["lifecycle"]["timeline"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
    assert_eq!(stages.first(), Some(&"announced"), "{now}");
    let then = json(&addr, &format!("{path}?as_of={before_delivery}"));
    assert_eq!(then["entry"]["n_sources"].as_i64().or(then["n_sources"].as_i64()), Some(1), "{then}");
    assert!(now["entry"]["n_sources"].as_i64().or(now["n_sources"].as_i64()) >= Some(2), "{now}");
}
