//! HTTP for the watcher: `ureq` (blocking, rustls), run on tokio's blocking
//! pool. One [`Client`] serves every source, so that the per-host gap and the
//! robots.txt cache hold across sources of one site.
//!
//! A GET is conditional when the source's last answer gave validators (ETag →
//! `If-None-Match`, Last-Modified → `If-Modified-Since`). A transient failure
//! (no connection, a timeout, 408, 429, 5xx) is retried with exponential
//! backoff and jitter (`backon`); every attempt waits its turn at the host
//! and is archived, whatever its answer.

use std::sync::Arc;
use std::time::Duration;

use backon::{BlockingRetryable, ExponentialBuilder};
use pledgewatch_store::Validators;
use texting_robots::Robot;
use ureq::ResponseExt;
use ureq::http::{Response, Uri};

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::polite::{Manners, Rules};
use crate::sources::Settings;

/// The largest body read (the pipeline's cap for one feed).
pub const MAX_BODY: u64 = pledgewatch_pipeline::read::MAX_FEED_BYTES as u64;
/// The token matched against robots.txt `User-agent` lines.
const ROBOTS_TOKEN: &str = "pledgewatch";
/// Redirects followed before a chain counts as a loop.
const MAX_REDIRECTS: u32 = 5;

/// How the client behaves.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub user_agent: String,
    pub host_delay: Duration,
    pub timeout: Duration,
    pub retries: usize,
    /// The first backoff; each next one is twice as long (up to a minute).
    pub retry_base: Duration,
}

impl ClientOptions {
    pub fn from_settings(s: &Settings) -> ClientOptions {
        let user_agent = match &s.contact {
            Some(c) => format!("{} {c}", crate::USER_AGENT),
            None => crate::USER_AGENT.to_string(),
        };
        ClientOptions {
            user_agent,
            host_delay: s.host_delay,
            timeout: s.timeout,
            retries: s.retries,
            retry_base: Duration::from_secs(2),
        }
    }
}

/// A full answer.
#[derive(Clone, Debug)]
pub struct Page {
    /// Where it came from, after redirects.
    pub url: String,
    pub body: Vec<u8>,
    pub validators: Validators,
    /// The charset of its `Content-Type`, if given.
    pub charset: Option<String>,
}

/// What a conditional GET got.
#[derive(Clone, Debug)]
pub enum Fetched {
    NotModified,
    Full(Page),
}

/// One failed attempt, and whether another may succeed.
struct Failure {
    error: Error,
    transient: bool,
}

/// The watcher's HTTP client.
pub struct Client {
    agent: ureq::Agent,
    options: ClientOptions,
    manners: Manners,
    archive: Arc<Archive>,
}

impl Client {
    pub fn new(options: ClientOptions, archive: Arc<Archive>) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(options.timeout))
            .user_agent(options.user_agent.as_str())
            // The archive keeps bodies as sent: ask for them uncompressed.
            .accept_encoding(ureq::config::AutoHeaderValue::None)
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .build()
            .into();
        Client { agent, options, manners: Manners::default(), archive }
    }

    pub fn archive(&self) -> &Archive {
        &self.archive
    }

    /// GETs `url` if robots.txt allows it, conditionally on `validators`,
    /// retrying transient failures. Blocking.
    pub fn get(&self, url: &str, validators: &Validators) -> Result<Fetched> {
        let uri: Uri = url.parse().map_err(|e| Error::Http(format!("not a web address: {e}")))?;
        let host = uri.host().unwrap_or_default().to_string();
        if !self.robots(&uri, &host)?.allowed(url) {
            return Err(Error::Robots(url.to_string()));
        }
        let backoff = ExponentialBuilder::default()
            .with_min_delay(self.options.retry_base)
            .with_max_delay(Duration::from_secs(60))
            .with_max_times(self.options.retries)
            .with_jitter();
        let attempt = || {
            self.manners.wait_turn(&host, self.options.host_delay);
            self.attempt(url, &uri, validators)
        };
        attempt.retry(backoff).sleep(std::thread::sleep).when(|f: &Failure| f.transient).call().map_err(|f| f.error)
    }

    fn attempt(&self, url: &str, uri: &Uri, validators: &Validators) -> std::result::Result<Fetched, Failure> {
        let mut request = self.agent.get(url);
        let mut extra = Vec::new();
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
            extra.push(("If-None-Match", etag.as_str()));
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header("If-Modified-Since", modified);
            extra.push(("If-Modified-Since", modified.as_str()));
        }
        let mut response = request.call().map_err(|e| self.failure(e))?;
        let body = response.body_mut().with_config().limit(MAX_BODY).read_to_vec().map_err(|e| self.failure(e))?;
        let final_url = response.get_uri().to_string();
        self.archive
            .exchange(&final_url, self.request_bytes(uri, &extra), response_bytes(&response, &body))
            .map_err(|error| Failure { error, transient: false })?;
        let status = response.status();
        if status.as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            let transient = status.is_server_error() || matches!(status.as_u16(), 408 | 429);
            return Err(Failure { error: Error::Http(format!("HTTP {status}")), transient });
        }
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let charset = header("content-type").and_then(|ct| {
            ct.split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
                .map(|(_, v)| v.trim().trim_matches('"').to_string())
        });
        let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
        Ok(Fetched::Full(Page { url: final_url, body, validators, charset }))
    }

    /// The site's robots.txt rules, read once a day. A site whose robots.txt
    /// cannot be read (5xx, no answer) is not fetched from until it can (RFC 9309).
    fn robots(&self, uri: &Uri, host: &str) -> Result<Arc<Rules>> {
        let site = format!("{}://{}", uri.scheme_str().unwrap_or("http"), uri.authority().map_or("", |a| a.as_str()));
        if let Some(rules) = self.manners.rules(&site) {
            return Ok(rules);
        }
        let url = format!("{site}/robots.txt");
        let robots_uri: Uri = url.parse().map_err(|e| Error::Http(format!("{url}: {e}")))?;
        self.manners.wait_turn(host, self.options.host_delay);
        let unreadable =
            |why: String| Error::Http(format!("robots.txt unreadable ({why}); not fetching from {site} until it is"));
        let mut response = self.agent.get(&url).call().map_err(|e| unreadable(self.failure(e).error.to_string()))?;
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| unreadable(self.failure(e).error.to_string()))?;
        self.archive.exchange(&url, self.request_bytes(&robots_uri, &[]), response_bytes(&response, &body))?;
        let status = response.status();
        let rules = if status.is_success() {
            // The parser is lenient; a file it still cannot read forbids nothing.
            Robot::new(ROBOTS_TOKEN, &body).map_or(Rules::AllowAll, |r| Rules::Parsed(Box::new(r)))
        } else if status.is_client_error() {
            Rules::AllowAll
        } else {
            return Err(unreadable(format!("HTTP {status}")));
        };
        Ok(self.manners.keep(&site, host, rules))
    }

    fn failure(&self, e: ureq::Error) -> Failure {
        let (text, transient) = match e {
            ureq::Error::Timeout(_) => {
                (format!("no complete answer within {} s", self.options.timeout.as_secs_f64()), true)
            }
            ureq::Error::TooManyRedirects => (format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)"), false),
            ureq::Error::BodyExceedsLimit(n) => (format!("the answer exceeds {n} bytes"), false),
            e @ (ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::HostNotFound) => {
                (e.to_string(), true)
            }
            e => (e.to_string(), false),
        };
        Failure { error: Error::Http(text), transient }
    }

    /// The request as sent, for the archive (ureq adds no header that matters here).
    fn request_bytes(&self, uri: &Uri, extra: &[(&str, &str)]) -> Vec<u8> {
        let target = uri.path_and_query().map_or("/", |p| p.as_str());
        let mut out = format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}\r\n",
            uri.authority().map_or("", |a| a.as_str()),
            self.options.user_agent
        );
        for (k, v) in extra {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        out.into_bytes()
    }
}

/// A response as received: status line, headers, body.
fn response_bytes(response: &Response<ureq::Body>, body: &[u8]) -> Vec<u8> {
    let status = response.status();
    let mut out =
        format!("{:?} {} {}\r\n", response.version(), status.as_u16(), status.canonical_reason().unwrap_or(""))
            .into_bytes();
    for (name, value) in response.headers() {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}
