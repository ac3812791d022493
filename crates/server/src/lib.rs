//! The Pledgewatch server: a JSON API under `/api/v1` and a server-rendered
//! web UI over one ledger ([`pledgewatch_store::Store`]).
//!
//! ```text
//! request ─▶ security headers ─▶ error rendering ─▶ api/  (JSON, one router per resource)
//!                                                 └▶ web/  (HTML pages; each has a JSON twin)
//!                                  both read and write through the Store; ingest runs the
//!                                  pipeline's text stages on a blocking thread
//! ```
//!
//! - `api/` answers JSON; its routes are listed in one table ([`api::ROUTES`])
//!   that the OpenAPI document (`openapi.rs`) is checked against.
//! - `web/` renders HTML with askama templates (`templates/`, escaped by
//!   default) and SVG charts drawn here (`charts.rs`). Every page answers
//!   JSON too when asked with `Accept: application/json`: the same document as
//!   its `/api/v1` twin.
//! - `auth/`: users (Argon2id, a few at a time), session cookies with CSRF
//!   tokens, API tokens, login rate limiting per user and per address, the
//!   rules for new passwords. Reading is open; ingest and review need a user.
//! - `error.rs`: one error type; every error, ours or axum's, leaves as
//!   `{"error":{"code","message"}}` or as an HTML page with the same status.

pub mod api;
pub mod auth;
mod cache;
pub mod charts;
pub mod error;
mod format;
pub mod openapi;
mod web;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit};
use axum::http::{HeaderValue, Request, header};
use axum::middleware;
use axum::response::Response;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_store::Store;
use tower::ServiceExt;
use tower_http::timeout::{RequestBodyTimeoutLayer, ResponseBodyTimeoutLayer};

pub use error::Error;

/// Largest request body outside ingest (forms, review JSON).
pub const FORM_LIMIT: usize = 64 * 1024;
/// Largest ingest body.
pub const INGEST_LIMIT: usize = 10 * 1024 * 1024;

/// How the server is run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Mark cookies `Secure` (HTTPS only): on whenever the server listens
    /// beyond loopback, where it must sit behind TLS.
    pub secure_cookies: bool,
    /// How long a connection may take to send a request's head, counted from
    /// when the server starts waiting for it: a head that trickles in (or
    /// never comes, on an idle keep-alive connection) closes the connection.
    pub header_timeout: Duration,
    /// How long a request or response body may make no progress (an upload
    /// that stalls, a client that stops reading) before the connection ends.
    pub idle_timeout: Duration,
    /// Password checks (Argon2, about 19 MiB each) that may run at once.
    pub argon2_workers: usize,
    /// Password checks that may wait for a worker; more are refused with 503.
    pub argon2_queue: usize,
}

impl Default for Config {
    /// Loopback cookies; 30 s for a request head, 60 s of body silence; one
    /// Argon2 worker per core, and a queue of 16 per worker, which a burst of
    /// logins drains in about a second rather than seeing errors.
    fn default() -> Config {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        Config {
            secure_cookies: false,
            header_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            argon2_workers: workers,
            argon2_queue: 16 * workers,
        }
    }
}

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub rates: RateTable,
    pub config: Config,
    pub limiter: auth::LoginLimiter,
    /// Every Argon2 run of the server goes through here.
    pub argon2: auth::Argon2Gate,
    cache: cache::Cache,
    /// Requests that may scan the whole ledger (exports, totals) run one at
    /// a time, so that they cannot take every database connection from the
    /// pages. A page of a word search is bounded and does not wait here.
    heavy: tokio::sync::Semaphore,
}

impl AppState {
    /// The state of a server over `store`; an error only if the Argon2
    /// threads cannot be started.
    pub fn new(store: Store, rates: RateTable, config: Config) -> Result<AppState, Error> {
        let argon2 = auth::Argon2Gate::new(config.argon2_workers, config.argon2_queue)?;
        Ok(AppState(Arc::new(Inner {
            store,
            rates,
            config,
            limiter: auth::LoginLimiter::default(),
            argon2,
            cache: cache::Cache::default(),
            heavy: tokio::sync::Semaphore::new(1),
        })))
    }
}

impl AppState {
    /// Waits for the turn of a request that may scan the whole ledger.
    async fn heavy(&self) -> Result<tokio::sync::SemaphorePermit<'_>, Error> {
        self.heavy.acquire().await.map_err(|e| Error::Internal(e.to_string()))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// The whole application: API, web pages, static files.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(api::router())
        .merge(web::router())
        .fallback(|| async { Error::NotFound("no such page".into()) })
        .layer(middleware::from_fn(error::render))
        .layer(middleware::map_response(security_headers))
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .with_state(state)
}

/// Serves `app(state)` on `listener` until `shutdown` resolves, then waits
/// for the open connections to finish.
///
/// Each connection is hyper's HTTP/1 with its timer: a request head must
/// arrive within `config.header_timeout` of the server waiting for it (so a
/// slow-header client, or an idle keep-alive connection, is closed), and a
/// body that makes no progress for `config.idle_timeout` ends the request
/// (tower-http's body timeouts). `axum::serve` sets no timer, so it had
/// neither.
pub async fn serve(
    mut listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Compute the dashboard and the facets before the first visitor asks:
    // on a large ledger they take seconds.
    let warm = state.clone();
    tokio::spawn(async move {
        let _ = api::summary(&warm, &Default::default()).await;
        let _ = api::facets(&warm).await;
    });
    let config = state.config.clone();
    let service = tower::ServiceBuilder::new()
        .layer(RequestBodyTimeoutLayer::new(config.idle_timeout))
        .layer(ResponseBodyTimeoutLayer::new(config.idle_timeout))
        .service(app(state));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_timeout);
    let connections = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // axum's listener retries failed accepts (out of file descriptors…) itself.
        let (stream, peer) = tokio::select! {
            accepted = axum::serve::Listener::accept(&mut listener) => accepted,
            () = &mut shutdown => break,
        };
        let service = service.clone().map_request(move |mut req: Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        });
        let conn = connections.watch(http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service)));
        tokio::spawn(async move {
            // A client that hangs up or times out is no error of ours.
            let _ = conn.await;
        });
    }
    drop(listener);
    connections.shutdown().await;
    Ok(())
}

/// Document text is untrusted: no script but the server's own files runs
/// (no inline script, nothing from elsewhere), and nothing loads from elsewhere.
const CSP: &str = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
                   form-action 'self'; frame-ancestors 'none'";

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    // Pages carry a session's CSRF token and the ledger changes under review:
    // nothing is cached unless a handler says so (static files do).
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}
