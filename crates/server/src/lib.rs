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
//! - `auth.rs`: users (Argon2id), session cookies with CSRF tokens, API
//!   tokens, login rate limiting. Reading is open; ingest and review need a user.
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
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::response::Response;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_store::Store;

pub use error::Error;

/// Largest request body outside ingest (forms, review JSON).
pub const FORM_LIMIT: usize = 64 * 1024;
/// Largest ingest body.
pub const INGEST_LIMIT: usize = 10 * 1024 * 1024;

/// How the server is run.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Mark cookies `Secure` (HTTPS only): on whenever the server listens
    /// beyond loopback, where it must sit behind TLS.
    pub secure_cookies: bool,
}

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub rates: RateTable,
    pub config: Config,
    pub limiter: auth::LoginLimiter,
    cache: cache::Cache,
    /// Requests that may scan the whole ledger (exports, totals) run one at
    /// a time, so that they cannot take every database connection from the
    /// pages. A page of a word search is bounded and does not wait here.
    heavy: tokio::sync::Semaphore,
}

impl AppState {
    pub fn new(store: Store, rates: RateTable, config: Config) -> AppState {
        AppState(Arc::new(Inner {
            store,
            rates,
            config,
            limiter: auth::LoginLimiter::default(),
            cache: cache::Cache::default(),
            heavy: tokio::sync::Semaphore::new(1),
        }))
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

/// Serves `app(state)` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Compute the dashboard and the facets before the first visitor asks:
    // on a large ledger they take seconds.
    let warm = state.clone();
    tokio::spawn(async move {
        let _ = api::summary(&warm).await;
        let _ = api::facets(&warm).await;
    });
    axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// Document text is untrusted: no script runs on these pages at all, and
/// nothing loads from elsewhere.
const CSP: &str = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; \
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
