//! Politeness: robots.txt (read by `texting_robots`, cached a day per site)
//! and a least gap between two requests to one host (the sources file's
//! `host_delay`, or the site's `Crawl-delay` when longer, up to a minute).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use texting_robots::Robot;

/// How long a site's robots.txt is trusted before it is read again.
pub const ROBOTS_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// The longest `Crawl-delay` honoured: a larger one would stall a source for good.
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// What a site's robots.txt lets the watcher do.
pub enum Rules {
    /// No robots.txt (a 4xx answer): everything is allowed.
    AllowAll,
    Parsed(Box<Robot>),
}

impl Rules {
    pub fn allowed(&self, url: &str) -> bool {
        match self {
            Rules::AllowAll => true,
            Rules::Parsed(robot) => robot.allowed(url),
        }
    }

    fn crawl_delay(&self) -> Option<Duration> {
        match self {
            Rules::AllowAll => None,
            Rules::Parsed(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d).min(MAX_CRAWL_DELAY)),
        }
    }
}

/// Rules and request times per site.
#[derive(Default)]
pub struct Manners {
    robots: Mutex<HashMap<String, (Instant, std::sync::Arc<Rules>)>>,
    next: Mutex<HashMap<String, Instant>>,
    delays: Mutex<HashMap<String, Duration>>,
}

impl Manners {
    /// The cached rules of a site (its scheme, host and port), if still fresh.
    pub fn rules(&self, site: &str) -> Option<std::sync::Arc<Rules>> {
        let map = self.robots.lock().unwrap_or_else(|p| p.into_inner());
        map.get(site).filter(|(at, _)| at.elapsed() < ROBOTS_TTL).map(|(_, r)| r.clone())
    }

    /// Keeps a site's rules for [`ROBOTS_TTL`].
    pub fn keep(&self, site: &str, host: &str, rules: Rules) -> std::sync::Arc<Rules> {
        if let Some(d) = rules.crawl_delay() {
            self.delays.lock().unwrap_or_else(|p| p.into_inner()).insert(host.to_string(), d);
        }
        let rules = std::sync::Arc::new(rules);
        self.robots.lock().unwrap_or_else(|p| p.into_inner()).insert(site.to_string(), (Instant::now(), rules.clone()));
        rules
    }

    /// Waits until `host` may be asked again, and books the next turn `gap` (or
    /// the site's crawl delay) later. Blocking: call off the async workers.
    pub fn wait_turn(&self, host: &str, gap: Duration) {
        let gap = self.delays.lock().unwrap_or_else(|p| p.into_inner()).get(host).map_or(gap, |d| gap.max(*d));
        let wait = {
            let mut next = self.next.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            let at = next.get(host).copied().filter(|t| *t > now).unwrap_or(now);
            next.insert(host.to_string(), at + gap);
            at - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }
}
