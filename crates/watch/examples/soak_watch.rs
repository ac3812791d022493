//! A soak run of the watcher against a feed server on the loopback address, with
//! failures injected: five feeds, a new article every two seconds, and at random a
//! feed answers 500s, answers too slowly, or serves malformed XML until its next
//! article. At the end every feed is served clean and polled once more; then it
//! prints the articles published and stored, the duplicates, and the resident memory
//! (VmRSS) at the start, each minute and the end.
//!
//! ```text
//! cargo run -p pledgewatch-watch --example soak_watch -- [SECONDS]   # 600 by default
//! ```

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_store::Store;
use pledgewatch_watch::{Archive, Client, ClientOptions, Kind, Logger, Source, Watcher};
use support::{FeedServer, Route};

const FEEDS: usize = 5;
const RECIPIENTS: [&str; 5] = ["Sudan", "Somalia", "Yemen", "Ukraine", "Haiti"];
/// Items a feed lists (older ones drop off, as in real feeds).
const FEED_LENGTH: usize = 50;

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// A small deterministic generator (no dependency needed for a soak's dice).
struct Dice(u64);
impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(600);
    let server = FeedServer::start();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("ledger.db").to_str().unwrap()).await.unwrap();
    let options = ClientOptions {
        user_agent: format!("{} soak", pledgewatch_watch::USER_AGENT),
        host_delay: Duration::ZERO,
        timeout: Duration::from_secs(1),
        retries: 1,
        retry_base: Duration::from_millis(50),
    };
    let client = Client::new(options, Arc::new(Archive::new(&dir.path().join("warc")).unwrap()));
    let errors = Arc::new(Mutex::new(0usize));
    let counted = errors.clone();
    let log: Logger = Arc::new(move |line: &str| {
        if !line.contains(" new items, ") {
            *counted.lock().unwrap() += 1;
        }
    });
    let rates = Arc::new(RwLock::new(Arc::new(RateTable::embedded().clone())));
    let watcher = Arc::new(Watcher::new(store.clone(), client, rates, log));
    let sources: Vec<Source> = (0..FEEDS)
        .map(|f| Source {
            url: server.url(&format!("/feed{f}.xml")),
            kind: Kind::Feed,
            outlet: Some(format!("Ministry {f}")),
            country: None,
            interval: Duration::from_secs(1),
        })
        .collect();
    let mut feeds: Vec<Vec<(String, String)>> = vec![Vec::new(); FEEDS];
    for f in 0..FEEDS {
        server.route(&format!("/feed{f}.xml"), Route::Feed(Vec::new()));
    }
    watcher.register(&sources).await.unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(watcher.clone().run(sources.clone(), stopped));

    let rss_start = rss_kb();
    println!("start: VmRSS {rss_start} kB");
    let started = Instant::now();
    let mut dice = Dice(0x2545_f491_4f6c_dd1d);
    let (mut published, mut injected) = (0usize, 0usize);
    let mut next_minute = 60;
    while started.elapsed() < Duration::from_secs(seconds) {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let f = published % FEEDS;
        let n = published;
        let text = format!(
            "The United Kingdom will provide £{} million in humanitarian aid to {}, the Foreign Secretary announced.",
            1000 + n * 7,
            RECIPIENTS[n % RECIPIENTS.len()]
        );
        feeds[f].push((format!("soak-{n}"), text));
        if feeds[f].len() > FEED_LENGTH {
            feeds[f].remove(0);
        }
        published += 1;
        let clean = Route::Feed(feeds[f].clone());
        let route = match dice.roll(10) {
            0 => Route::Fail { status: 500, times: 3, then: Box::new(clean) },
            1 => Route::Slow(Duration::from_millis(1500), Box::new(clean)),
            2 => Route::Raw("<rss version=\"2.0\"><channel><item><title>cut".into()),
            _ => clean,
        };
        injected += usize::from(!matches!(route, Route::Feed(_)));
        server.route(&format!("/feed{f}.xml"), route);
        if started.elapsed().as_secs() >= next_minute {
            println!("{next_minute:>4} s: published {published}, VmRSS {} kB", rss_kb());
            next_minute += 60;
        }
    }
    stop.send(true).unwrap();
    running.await.unwrap();
    // Serve every feed clean and take what is left.
    for (f, items) in feeds.iter().enumerate() {
        server.route(&format!("/feed{f}.xml"), Route::Feed(items.clone()));
    }
    watcher.poll_all(&sources).await;
    let counts = store.counts().await.unwrap();
    let status = store.watch_status().await.unwrap();
    let taken: i64 = status.iter().map(|s| s.items).sum();
    let failures: i64 = status.iter().map(|s| s.failures).sum();
    let polls: i64 = status.iter().map(|s| s.polls).sum();
    println!(
        "end after {} s: published {published}, documents stored {}, items taken {taken}, duplicates {}, lost {}",
        started.elapsed().as_secs(),
        counts.documents,
        (counts.documents as i64 - published as i64).max(0),
        (published as i64 - counts.documents as i64).max(0)
    );
    println!(
        "polls {polls}, failed polls {failures}, failures injected {injected}, lines logged (not new items) {}",
        *errors.lock().unwrap()
    );
    println!("VmRSS start {rss_start} kB, end {} kB", rss_kb());
    store.close().await;
}
