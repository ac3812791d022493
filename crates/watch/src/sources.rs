//! The sources file (TOML): what to follow and how politely.
//!
//! ```toml
//! [settings]                  # all optional
//! contact = "mailto:desk@example.org"   # added to the User-Agent
//! host_delay = "2s"           # least time between two requests to one host
//! timeout = "30s"             # a whole request, body included
//! retries = 3                 # retries of a transient failure, with exponential backoff
//!
//! [[source]]
//! url = "https://www.example.gov/news.rss"
//! kind = "feed"               # or "page"; "feed" by default
//! outlet = "Example Ministry"
//! country = "GB"
//! interval = "5m"             # how often to poll (at least 10 s; 45 s by default)
//! ```

use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The shortest polling interval a sources file may ask for.
pub const MIN_INTERVAL: Duration = Duration::from_secs(10);
/// The interval when a source gives none: short enough that an article is a ledger
/// entry within a minute of its appearing (fetch and text stages included), and
/// cheap, as an unchanged feed answers a conditional GET with a bodiless 304.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(45);

/// What a source is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// An RSS or Atom feed: each entry is an item.
    #[default]
    Feed,
    /// A single HTML page: each new content of it is an item.
    Page,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Feed => "feed",
            Kind::Page => "page",
        }
    }
}

/// One feed or page to follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub url: String,
    pub kind: Kind,
    /// The outlet its items are stored under (a feed's own title otherwise).
    pub outlet: Option<String>,
    /// The country whose government or press it is (ISO 3166 alpha-2), for the status.
    pub country: Option<String>,
    pub interval: Duration,
}

/// How politely to poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub contact: Option<String>,
    pub host_delay: Duration,
    pub timeout: Duration,
    pub retries: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { contact: None, host_delay: Duration::from_secs(2), timeout: Duration::from_secs(30), retries: 3 }
    }
}

/// A sources file, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub settings: Settings,
    pub sources: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    contact: Option<String>,
    host_delay: Option<String>,
    timeout: Option<String>,
    retries: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSource {
    url: String,
    #[serde(default)]
    kind: Kind,
    outlet: Option<String>,
    country: Option<String>,
    interval: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    settings: Option<FileSettings>,
    #[serde(default)]
    source: Vec<FileSource>,
}

impl Sources {
    /// Reads a sources file.
    pub fn load(path: &std::path::Path) -> Result<Sources> {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::Sources { path: name.clone(), reason: e.to_string() })?;
        Sources::parse(&name, &text)
    }

    /// Reads the text of a sources file named `name` (for errors).
    pub fn parse(name: &str, text: &str) -> Result<Sources> {
        let fail = |reason: String| Error::Sources { path: name.to_string(), reason };
        let file: File = toml::from_str(text).map_err(|e| fail(e.to_string()))?;
        let mut settings = Settings::default();
        if let Some(s) = file.settings {
            settings.contact = s.contact;
            if let Some(d) = s.host_delay {
                settings.host_delay = duration(&d).map_err(|e| fail(format!("settings.host_delay: {e}")))?;
            }
            if let Some(d) = s.timeout {
                settings.timeout = duration(&d).map_err(|e| fail(format!("settings.timeout: {e}")))?;
                if settings.timeout.is_zero() {
                    return Err(fail("settings.timeout: must be more than 0 s".into()));
                }
            }
            if let Some(r) = s.retries {
                settings.retries = r.min(10);
            }
        }
        if file.source.is_empty() {
            return Err(fail("no [[source]]: nothing to follow".into()));
        }
        let mut sources: Vec<Source> = Vec::new();
        for (i, s) in file.source.into_iter().enumerate() {
            let at = |reason: String| fail(format!("source {} ({}): {reason}", i + 1, s.url));
            let parsed =
                ureq::http::Uri::try_from(s.url.as_str()).map_err(|e| at(format!("not a web address: {e}")))?;
            if !matches!(parsed.scheme_str(), Some("http" | "https")) || parsed.host().is_none() {
                return Err(at("not an http or https address".into()));
            }
            let interval = match &s.interval {
                Some(d) => duration(d).map_err(|e| at(format!("interval: {e}")))?,
                None => DEFAULT_INTERVAL,
            };
            if interval < MIN_INTERVAL {
                return Err(at(format!("interval {:?} is below the least, {} s", interval, MIN_INTERVAL.as_secs())));
            }
            if sources.iter().any(|o| o.url == s.url) {
                return Err(at("listed twice".into()));
            }
            let country = s.country.map(|c| c.trim().to_ascii_uppercase());
            if let Some(c) = &country
                && (c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
            {
                return Err(at(format!("country {c:?} is not a two-letter code")));
            }
            sources.push(Source { url: s.url, kind: s.kind, outlet: s.outlet, country, interval });
        }
        Ok(Sources { settings, sources })
    }
}

/// A duration written as `30s`, `5m`, `1h 30m` or ISO 8601 (`PT5M`).
fn duration(text: &str) -> std::result::Result<Duration, String> {
    let d: jiff::SignedDuration = text.trim().parse().map_err(|e| format!("{text:?} is no duration ({e})"))?;
    Duration::try_from(d).map_err(|_| format!("{text:?} is negative"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sources_and_settings() {
        let s = Sources::parse(
            "s.toml",
            r#"
            [settings]
            host_delay = "1s"
            contact = "mailto:a@b.org"
            [[source]]
            url = "https://example.gov/feed.xml"
            outlet = "Ministry"
            country = "gb"
            interval = "5m"
            [[source]]
            url = "http://example.gov/statement"
            kind = "page"
            "#,
        )
        .unwrap();
        assert_eq!(s.settings.host_delay, Duration::from_secs(1));
        assert_eq!(s.sources[0].interval, Duration::from_secs(300));
        assert_eq!(s.sources[0].country.as_deref(), Some("GB"));
        assert_eq!(s.sources[1].kind, Kind::Page);
        assert_eq!(s.sources[1].interval, DEFAULT_INTERVAL);
    }

    #[test]
    fn bad_sources_are_named() {
        let cases = [
            ("[[source]]\nurl = \"ftp://x/y\"", "source 1 (ftp://x/y): not an http or https address"),
            ("[[source]]\nurl = \"https://x/y\"\ninterval = \"2s\"", "below the least"),
            ("[[source]]\nurl = \"https://x/y\"\ninterval = \"soon\"", "\"soon\" is no duration"),
            ("[[source]]\nurl = \"https://x/y\"\ncountry = \"GBR\"", "not a two-letter code"),
            (
                "[[source]]\nurl = \"https://x/y\"\n[[source]]\nurl = \"https://x/y\"",
                "source 2 (https://x/y): listed twice",
            ),
            ("[[source]]\nurl = \"https://x/y\"\nkind = \"blog\"", "unknown variant"),
            ("", "no [[source]]"),
            ("[[source]]\nurl = \"https://x/y\"\nevery = \"5m\"", "unknown field"),
        ];
        for (text, want) in cases {
            let err = Sources::parse("s.toml", text).unwrap_err().to_string();
            assert!(err.starts_with("s.toml: ") && err.contains(want), "{text:?}: {err}");
        }
    }
}

#[cfg(test)]
mod example {
    #[test]
    fn the_example_sources_file_reads() {
        let s = super::Sources::parse("examples/sources.toml", include_str!("../../../examples/sources.toml")).unwrap();
        assert!(s.sources.len() >= 5);
        assert!(s.settings.contact.is_some());
    }
}
