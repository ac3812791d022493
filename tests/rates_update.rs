//! `pledgewatch rates update` end to end, against an HTTP server the test starts on the
//! loopback address (never the ECB): records dated after the newest rate wait with the
//! `rates_stale` flag and are converted by the update; a failed download keeps the rates.

#[path = "../crates/rates/tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use sqlx::Row;
use support::{Reply, Server, newer_rates_csv, zip_of};

/// The binary with its own rates home and no inherited ledger or rates URL.
fn pledgewatch(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(args)
        .env("PLEDGEWATCH_HOME", home)
        .env_remove("PLEDGEWATCH_DB")
        .env_remove("PLEDGEWATCH_RATES_URL")
        .output()
        .expect("the binary runs")
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// Dated after the embedded rates (2026-10-30), within the served ones (to 2026-11-20).
const ARTICLE: &str = " date 2026-11-16 UK to send drones to Ukraine\n\nBritain will supply 100,000 drones to Ukraine in a £350 million package, Defence Secretary John Healey said.\n";

/// The stored commitment's flag, EUR value and record JSON, and its entry's EUR value.
fn stored(db: &Path) -> (Option<String>, Option<String>, Value, Option<String>) {
    let url = format!("sqlite://{}", db.display());
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        let row = sqlx::query(
            "SELECT c.unconverted, c.value_eur, c.record, e.value_eur AS entry_eur FROM commitments c \
             JOIN ledger_entries e ON e.id = c.entry_id",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        let record: String = row.get("record");
        let out = (
            row.get("unconverted"),
            row.get("value_eur"),
            serde_json::from_str(&record).unwrap(),
            row.get("entry_eur"),
        );
        pool.close().await;
        out
    })
}

#[test]
fn a_record_after_the_newest_rate_is_flagged_then_converted_by_the_update() {
    let dir = tempfile::tempdir().unwrap();
    let (home, db) = (dir.path().join("home"), dir.path().join("ledger.db"));
    let article = dir.path().join("article.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let ingest = pledgewatch(&home, &["ingest", article.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert!(ingest.status.success(), "{}", String::from_utf8_lossy(&ingest.stderr));

    let (flag, eur, record, entry_eur) = stored(&db);
    assert_eq!(flag.as_deref(), Some("rates_stale"));
    assert_eq!((eur, entry_eur), (None, None));
    assert_eq!(record["unconverted"], "rates_stale");
    assert!(record["value_eur"].is_null());

    let server = Server::start();
    server.route("/eurofxref-hist.zip", Reply::Body(zip_of("eurofxref-hist.csv", newer_rates_csv().as_bytes())));
    let url = server.url("/eurofxref-hist.zip");
    let out = json(&pledgewatch(&home, &["rates", "update", "--url", &url, "--db", db.to_str().unwrap()]));
    assert_eq!(out["source"], url.as_str());
    assert_eq!(out["last_date"], "2026-11-20");
    assert_eq!(out["ledger"]["converted"], 1);
    assert_eq!((&out["ledger"]["still_stale"], &out["ledger"]["entries"]), (&Value::from(0), &Value::from(1)));

    // £350m at 0.875 GBP per euro, and 1.2 USD per euro.
    let (flag, eur, record, entry_eur) = stored(&db);
    assert_eq!(flag, None);
    assert_eq!((eur.as_deref(), entry_eur.as_deref()), (Some("400000000"), Some("400000000")));
    assert!(record.get("unconverted").is_none(), "{record}");
    assert_eq!(record["value_eur"]["value"].to_string(), "400000000");
    assert_eq!(record["value_eur"]["rate_date"], "2026-11-16");
    assert_eq!(record["value_usd"]["value"].to_string(), "480000000");

    // The same rates are used from now on, and the next update has nothing left to do.
    let shown = json(&pledgewatch(&home, &["rates", "show", "GBP", "2026-11-16"]));
    assert_eq!(shown["rate"].to_string(), "0.87500");
    let again = json(&pledgewatch(&home, &["rates", "update", "--url", &url, "--db", db.to_str().unwrap()]));
    assert_eq!(again["ledger"]["converted"], 0);
}

#[test]
fn a_failed_download_is_a_clear_error_and_keeps_the_rates_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let no_ledger = dir.path().join("none.db");
    let file = dir.path().join("eurofxref.csv");
    std::fs::write(&file, newer_rates_csv()).unwrap();
    let first =
        json(&pledgewatch(&home, &["rates", "update", file.to_str().unwrap(), "--db", no_ledger.to_str().unwrap()]));
    assert_eq!(first["ledger"], Value::Null);
    assert!(!no_ledger.exists(), "no ledger is created");
    let kept = std::fs::read(home.join("eurofxref-hist.csv")).unwrap();

    let server = Server::start();
    server.route("/error", Reply::Status(500));
    server.route("/silent", Reply::Silent);
    server.route("/page", Reply::Body(b"<html>Moved</html>".to_vec()));
    for (path, why) in [("/error", "HTTP 500"), ("/silent", "within 1 s"), ("/page", "not an ECB rates file")] {
        let url = server.url(path);
        // The URL from the environment, as a deployment would set it.
        let out = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
            .args(["rates", "update", "--timeout", "1", "--db", no_ledger.to_str().unwrap()])
            .env("PLEDGEWATCH_HOME", &home)
            .env("PLEDGEWATCH_RATES_URL", &url)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{path}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(&format!("pledgewatch: cannot fetch {url}: ")), "{err}");
        assert!(err.contains(why) && err.contains("the rates in use are unchanged"), "{err}");
        assert!(out.stdout.is_empty());
        assert_eq!(std::fs::read(home.join("eurofxref-hist.csv")).unwrap(), kept, "{path}");
    }
    let shown = json(&pledgewatch(&home, &["rates", "show", "GBP", "2026-11-16"]));
    assert_eq!(shown["rate"].to_string(), "0.87500");
}
