//! The stylesheet and icon, compiled into the binary.

use axum::http::header;
use axum::response::IntoResponse;

const CSS: &str = include_str!("../../static/app.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");
const REVIEW_JS: &str = include_str!("../../static/review.js");

pub async fn css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], CSS)
}

/// The review queue's keyboard shortcuts (served here: CSP `script-src 'self'`).
pub async fn review_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        REVIEW_JS,
    )
}

pub async fn favicon() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], FAVICON)
}
