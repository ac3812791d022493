//! Downloading newer rates from the ECB (feature `fetch`).
//!
//! One blocking GET with a deadline for the whole exchange, so a server that stops
//! answering cannot hang `rates update` (or a daily refresh) forever. Whatever goes wrong —
//! no connection, an HTTP error, the deadline, a body that is no rates file — is one
//! [`Error::Fetch`] naming the URL; the caller's table is untouched.

use std::time::Duration;

use crate::{Error, RateTable};

/// The ECB's full reference-rate history, 1999 to the last working day (a ZIP of one CSV).
pub const ECB_HISTORY_URL: &str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip";

/// Time allowed for the whole request, body included. The history is about 0.6 MB.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Sent with every request, so the ECB can tell who is asking.
pub const USER_AGENT: &str = concat!("pledgewatch/", env!("CARGO_PKG_VERSION"), " (ECB reference rates update)");

/// Largest body accepted: the same cap as for the unpacked CSV.
const MAX_BODY: u64 = crate::parse::MAX_CSV;

/// Downloads `url` (an ECB history or daily file: ZIP, gzip or CSV) and parses it.
pub fn fetch(url: &str, timeout: Duration) -> Result<RateTable, Error> {
    let fail = |reason: String| Error::Fetch { url: url.to_string(), reason };
    let bytes = download(url, timeout).map_err(fail)?;
    RateTable::parse(&bytes).map_err(|e| fail(format!("not an ECB rates file: {e}")))
}

fn download(url: &str, timeout: Duration) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .user_agent(USER_AGENT)
        // Statuses are reported below, with their reason.
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| describe(e, timeout))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {status}"));
    }
    response.body_mut().with_config().limit(MAX_BODY).read_to_vec().map_err(|e| describe(e, timeout))
}

fn describe(e: ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no complete answer within {} s", timeout.as_secs_f64()),
        ureq::Error::BodyExceedsLimit(n) => format!("the file exceeds {n} bytes"),
        e => e.to_string(),
    }
}
