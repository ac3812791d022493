//! `fetch`: newer rates over HTTP from a server the test starts on the loopback address,
//! answering with an ECB file, an error status, silence, a stalled body or garbage.

mod support;

use std::time::Duration;

use jiff::civil::date;
use pledgewatch_rates::fetch::{USER_AGENT, fetch};
use pledgewatch_rates::{Error, RateTable, Unconverted};
use support::{NEWER_LAST_DAY, Reply, Server, gzip_of, newer_rates_csv, zip_of};

const TIMEOUT: Duration = Duration::from_secs(2);

fn reason(e: Error) -> (String, String) {
    match e {
        Error::Fetch { url, reason } => (url, reason),
        other => panic!("expected a fetch error, got {other:?}"),
    }
}

#[test]
fn an_ecb_zip_is_fetched_and_parsed_with_the_projects_user_agent() {
    let server = Server::start();
    let csv = newer_rates_csv();
    server.route("/eurofxref-hist.zip", Reply::Body(zip_of("eurofxref-hist.csv", csv.as_bytes())));
    server.route("/eurofxref-hist.csv.gz", Reply::Body(gzip_of(csv.as_bytes())));
    for path in ["/eurofxref-hist.zip", "/eurofxref-hist.csv.gz"] {
        let newer = fetch(&server.url(path), TIMEOUT).unwrap();
        assert_eq!(newer.last_date().to_string(), NEWER_LAST_DAY);
        assert_eq!(newer.first_date(), date(2026, 11, 2));
    }
    let heads = server.heads();
    assert_eq!(heads.len(), 2);
    for head in heads {
        let agent = head.lines().find_map(|l| l.strip_prefix("user-agent: ").or(l.strip_prefix("User-Agent: ")));
        assert_eq!(agent, Some(USER_AGENT), "{head}");
    }
    assert!(USER_AGENT.starts_with("pledgewatch/"));
}

#[test]
fn fetched_rates_convert_what_was_stale() {
    let server = Server::start();
    server.route("/hist.zip", Reply::Body(zip_of("eurofxref-hist.csv", newer_rates_csv().as_bytes())));
    let old = RateTable::embedded();
    let on = date(2026, 11, 16);
    let before = old.convert("875000".parse().unwrap(), "GBP", on);
    assert_eq!(before.unconverted(), Some(Unconverted::RatesStale));
    let merged = old.merged(&fetch(&server.url("/hist.zip"), TIMEOUT).unwrap());
    let after = merged.convert("875000".parse().unwrap(), "GBP", on);
    assert_eq!(after.unconverted(), None);
    assert_eq!(after.eur.unwrap().value.to_string(), "1000000");
    assert_eq!(after.usd.unwrap().value.to_string(), "1200000");
}

#[test]
fn an_error_status_is_a_fetch_error_naming_the_url_and_status() {
    let server = Server::start();
    server.route("/hist.zip", Reply::Status(500));
    let url = server.url("/hist.zip");
    let (named, why) = reason(fetch(&url, TIMEOUT).unwrap_err());
    assert_eq!(named, url);
    assert!(why.contains("500"), "{why}");
    let (_, why) = reason(fetch(&server.url("/moved-away.zip"), TIMEOUT).unwrap_err());
    assert!(why.contains("404"), "{why}");
}

#[test]
fn a_server_that_does_not_answer_in_time_is_a_fetch_error() {
    let server = Server::start();
    server.route("/silent", Reply::Silent);
    server.route("/stall", Reply::Stall(b"Date,USD,\n2026-11-02,1.2,\n".to_vec()));
    let short = Duration::from_millis(300);
    for path in ["/silent", "/stall"] {
        let e = fetch(&server.url(path), short).unwrap_err();
        let text = e.to_string();
        let (_, why) = reason(e);
        assert!(why.contains("within 0.3 s"), "{path}: {why}");
        assert!(text.starts_with(&format!("cannot fetch {}", server.url(path))), "{text}");
    }
}

#[test]
fn a_body_that_is_no_rates_file_is_a_fetch_error_saying_why() {
    let server = Server::start();
    server.route("/page", Reply::Body(b"<html><body>Maintenance</body></html>".to_vec()));
    server.route("/broken.zip", Reply::Body(b"PK\x03\x04 truncated".to_vec()));
    let (_, why) = reason(fetch(&server.url("/page"), TIMEOUT).unwrap_err());
    assert_eq!(why, "not an ECB rates file: bad header: first column must be `Date`");
    let (_, why) = reason(fetch(&server.url("/broken.zip"), TIMEOUT).unwrap_err());
    assert!(why.starts_with("not an ECB rates file: cannot unpack ZIP"), "{why}");
}

#[test]
fn no_server_is_a_fetch_error() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/hist.zip");
    let (named, why) = reason(fetch(&url, TIMEOUT).unwrap_err());
    assert_eq!(named, url);
    assert!(!why.is_empty());
}
