//! The watcher against a feed server on the loopback address: new items become
//! ledger entries once, conditional GETs, failures logged once and survived,
//! robots.txt obeyed, every answer archived. No outside network.

mod support;

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_store::Store;
use pledgewatch_watch::{Archive, Client, ClientOptions, Kind, Logger, Outcome, Source, Watcher};
use support::{FeedServer, Route};

const RECIPIENTS: [&str; 6] = ["Sudan", "Somalia", "Yemen", "Ukraine", "Moldova", "Haiti"];

/// A feed item stating one commitment: the n-th recipient, n+1 × £10 million.
fn item(n: usize) -> (String, String) {
    (
        format!("aid-{n}"),
        format!(
            "The United Kingdom will provide £{} million in humanitarian aid to {}, the Foreign Secretary announced.",
            (n + 1) * 10,
            RECIPIENTS[n]
        ),
    )
}

fn items(n: usize) -> Route {
    Route::Feed((0..n).map(item).collect())
}

fn source(server: &FeedServer, path: &str, kind: Kind) -> Source {
    Source {
        url: server.url(path),
        kind,
        outlet: Some("Test Ministry".into()),
        country: Some("GB".into()),
        interval: Duration::from_secs(1),
    }
}

struct Setup {
    watcher: Arc<Watcher>,
    store: Store,
    log: Arc<Mutex<Vec<String>>>,
}

async fn watcher(db: &Path, warc: &Path) -> Setup {
    let store = Store::open(db.to_str().unwrap()).await.unwrap();
    let options = ClientOptions {
        user_agent: format!("{} test", pledgewatch_watch::USER_AGENT),
        host_delay: Duration::ZERO,
        timeout: Duration::from_secs(1),
        retries: 1,
        retry_base: Duration::from_millis(10),
    };
    let client = Client::new(options, Arc::new(Archive::new(warc).unwrap()));
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let logger: Logger = Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_string()));
    let rates = Arc::new(RwLock::new(Arc::new(RateTable::embedded().clone())));
    Setup { watcher: Arc::new(Watcher::new(store.clone(), client, rates, logger)), store, log }
}

/// Lines logged that contain `needle`.
fn logged(log: &Mutex<Vec<String>>, needle: &str) -> usize {
    log.lock().unwrap().iter().filter(|l| l.contains(needle)).count()
}

fn warc_text(dir: &Path) -> String {
    let mut all = String::new();
    for f in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(f.unwrap().path()).unwrap();
        let mut text = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_string(&mut text).unwrap();
        all.push_str(&text);
    }
    all
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_items_once_failures_logged_once_and_survived() {
    let server = FeedServer::start();
    server.route("/robots.txt", Route::Raw("User-agent: *\nDisallow: /private/\n".into()));
    server.route("/feed.xml", items(2));
    server.route("/flaky.xml", Route::Fail { status: 500, times: 4, then: Box::new(items(1)) });
    server.route("/slow.xml", Route::Slow(Duration::from_secs(4), Box::new(items(1))));
    server.route("/loop-a", Route::Redirect("/loop-b".into()));
    server.route("/loop-b", Route::Redirect("/loop-a".into()));
    server.route("/moved.xml", Route::Redirect("/feed.xml".into()));
    server.route("/bad.xml", Route::Raw("<rss version=\"2.0\"><channel><item><title>half an ite".into()));
    server.route("/private/feed.xml", items(3));
    server.route("/statement.html", Route::Raw(format!("<html><head><title>Statement</title></head><body><article><h1>Aid</h1><p>{}</p><p>It follows talks in London.</p></article></body></html>", item(5).1)));
    let dir = tempfile::tempdir().unwrap();
    let (db, warc) = (dir.path().join("ledger.db"), dir.path().join("warc"));
    let sources = vec![
        source(&server, "/feed.xml", Kind::Feed),
        source(&server, "/flaky.xml", Kind::Feed),
        source(&server, "/slow.xml", Kind::Feed),
        source(&server, "/loop-a", Kind::Feed),
        source(&server, "/bad.xml", Kind::Feed),
        source(&server, "/private/feed.xml", Kind::Feed),
        source(&server, "/statement.html", Kind::Page),
    ];
    let s = watcher(&db, &warc).await;
    s.watcher.register(&sources).await.unwrap();

    // First poll: the feed's two items and the page are new; every other source fails its own way.
    let first = s.watcher.poll_all(&sources).await;
    assert_eq!(first[0], Outcome::New { items: 2, stored: 2, commitments: 2 }, "{first:?}");
    let failed = |o: &Outcome, want: &str| matches!(o, Outcome::Failed(why) if why.contains(want));
    assert!(failed(&first[1], "HTTP 500"), "{first:?}");
    assert!(failed(&first[2], "no complete answer within 1 s"), "{first:?}");
    assert!(failed(&first[3], "redirects"), "{first:?}");
    assert!(failed(&first[4], "not an RSS or Atom feed"), "{first:?}");
    assert!(failed(&first[5], "robots.txt disallows"), "{first:?}");
    assert_eq!(first[6], Outcome::New { items: 1, stored: 1, commitments: 1 }, "{first:?}");
    // A 500 is retried (once here): two requests in this poll.
    assert_eq!(server.hits("/flaky.xml").len(), 2);

    // Second poll: the feed is asked conditionally and answers 304; the page is unchanged;
    // the failures repeat but are not logged again.
    let second = s.watcher.poll_all(&sources).await;
    assert_eq!(second[0], Outcome::NotModified, "{second:?}");
    assert_eq!(second[6], Outcome::Unchanged, "{second:?}");
    let asked = server.hits("/feed.xml").last().unwrap().clone();
    assert_eq!(asked.if_none_match.as_deref(), Some("\"aid-1\""));
    assert_eq!(asked.if_modified_since.as_deref(), Some("Mon, 02 Nov 2026 10:02:00 GMT"));
    for needle in ["HTTP 500", "no complete answer", "redirects", "not an RSS or Atom feed", "robots.txt disallows"] {
        assert_eq!(logged(&s.log, needle), 1, "{needle}: {:?}", s.log.lock().unwrap());
    }

    // The feed gains an item and the flaky source recovers: only what is new is stored.
    server.route("/feed.xml", items(4));
    let third = s.watcher.poll_all(&sources).await;
    assert_eq!(third[0], Outcome::New { items: 2, stored: 2, commitments: 2 }, "{third:?}");
    assert_eq!(third[1], Outcome::Unchanged, "the flaky feed's item was stored from /feed.xml: {third:?}");
    s.store.close().await;

    // A restart (a new watcher on the same ledger) under a server that forgot its ETags
    // (and a second feed, reached by a redirect, listing the same items) stores nothing twice.
    let again = watcher(&db, &warc).await;
    server.route("/feed.xml", Route::Raw(support::rss(&(0..4).map(item).collect::<Vec<_>>())));
    let more = vec![source(&server, "/feed.xml", Kind::Feed), source(&server, "/moved.xml", Kind::Feed)];
    again.watcher.register(&more).await.unwrap();
    let fourth = again.watcher.poll_all(&more).await;
    assert_eq!(fourth, [Outcome::Unchanged, Outcome::Unchanged]);

    let counts = again.store.counts().await.unwrap();
    assert_eq!(counts.documents, 5, "four feed items and the page, each once: {counts:?}");
    assert_eq!(counts.commitments, 5);
    assert_eq!(counts.entries, 5, "one merged ledger entry per commitment");
    let entries = again.store.entries(&Default::default()).await.unwrap();
    let mut recipients: Vec<String> = entries.iter().map(|e| e.recipient.name.clone()).collect();
    recipients.sort();
    assert_eq!(recipients, ["Haiti", "Somalia", "Sudan", "Ukraine", "Yemen"]);

    // Robots: the disallowed path was never asked for.
    assert!(server.hits("/private/feed.xml").is_empty());
    assert!(server.seen().iter().all(|r| r.user_agent.as_deref().is_some_and(|ua| ua.starts_with("pledgewatch/"))));

    // Status: each source's last poll, items and errors.
    let status = again.store.watch_status().await.unwrap();
    let of = |path: &str| status.iter().find(|w| w.url == server.url(path)).unwrap().clone();
    assert_eq!(of("/feed.xml").items, 4);
    assert_eq!(of("/feed.xml").last_status.as_deref(), Some("unchanged"));
    assert!(of("/feed.xml").last_new_at.is_some());
    assert_eq!(of("/bad.xml").failures, 3);
    assert!(of("/bad.xml").last_error.unwrap().contains("not an RSS or Atom feed"));
    assert_eq!(of("/flaky.xml").last_status.as_deref(), Some("unchanged"));
    assert_eq!(of("/private/feed.xml").last_status.as_deref(), Some("failed"));

    // Every answer is archived raw: the 500s, the 304s, robots.txt, the feeds.
    let archived = warc_text(&warc);
    assert!(archived.starts_with("WARC/1.0\r\n"), "{}", &archived[..200.min(archived.len())]);
    assert!(archived.to_ascii_lowercase().contains("warc-type: warcinfo"));
    for needle in [
        "HTTP/1.1 500",
        "HTTP/1.1 304",
        "If-None-Match: \"aid-1\"",
        "Disallow: /private/",
        "<guid>https://ministry.test/aid-3</guid>",
    ] {
        assert!(archived.contains(needle), "{needle} not archived");
    }
    again.store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_article_is_a_ledger_entry_within_a_minute() {
    let server = FeedServer::start();
    server.route("/live.xml", items(1));
    let dir = tempfile::tempdir().unwrap();
    let s = watcher(&dir.path().join("ledger.db"), &dir.path().join("warc")).await;
    let sources = vec![source(&server, "/live.xml", Kind::Feed)];
    s.watcher.register(&sources).await.unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(s.watcher.clone().run(sources, stopped));

    let wait_for = |n: i64| {
        let store = s.store.clone();
        async move {
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(60) {
                if store.counts().await.unwrap().entries >= n {
                    return true;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            false
        }
    };
    assert!(wait_for(1).await, "the first item never became an entry");
    server.route("/live.xml", items(2));
    assert!(
        wait_for(2).await,
        "the item published while watching was not an entry within a minute: {:?} {:?}",
        s.log.lock().unwrap(),
        server.seen()
    );
    stop.send(true).unwrap();
    running.await.unwrap();
    assert_eq!(s.store.counts().await.unwrap().documents, 2);
}
