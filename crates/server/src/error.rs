//! One error type for every handler. Each variant is an HTTP status and a
//! stable `code`; the body is always `{"error":{"code","message"}}`, or, for
//! a browser asking for a page, an HTML page with the same status and message.
//!
//! [`render`] also catches what axum answers by itself (an unknown route, a
//! wrong method, a body over the limit, a malformed form) so that clients see
//! one error shape whatever failed.

use std::time::Duration;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A parameter or body that cannot be understood.
    #[error("{0}")]
    BadRequest(String),
    /// Needs a user: no session or token was given, or it is not valid.
    #[error("{0}")]
    Unauthorized(String),
    /// The user is known but the request is refused (a missing or wrong CSRF token).
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Well-formed but not applicable (a review value the entry cannot take).
    #[error("{0}")]
    Unprocessable(String),
    /// Too many login attempts; try again after the given time.
    #[error("too many login attempts; try again in {} s", .0.as_secs().max(1))]
    TooManyRequests(Duration),
    /// A new password that is too short or too common.
    #[error("{0}")]
    WeakPassword(String),
    /// Busy right now (every Argon2 worker and its queue are taken), or a request ran past a
    /// bound on its time (a word search); the message says what to do.
    #[error("{0}")]
    Unavailable(String),
    /// A fault on our side; the details go to the server's log, not to the client.
    #[error("internal error")]
    Internal(String),
}

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Error::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Error::WeakPassword(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable, machine-readable name of the error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "bad_request",
            Error::Unauthorized(_) => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound(_) => "not_found",
            Error::MethodNotAllowed(_) => "method_not_allowed",
            Error::PayloadTooLarge(_) => "payload_too_large",
            Error::UnsupportedMediaType(_) => "unsupported_media_type",
            Error::Unprocessable(_) => "unprocessable",
            Error::TooManyRequests(_) => "too_many_requests",
            Error::WeakPassword(_) => "weak_password",
            Error::Unavailable(_) => "unavailable",
            Error::Internal(_) => "internal",
        }
    }

    /// The error for a status axum answered with by itself.
    fn from_status(status: StatusCode, message: String) -> Error {
        let message = if message.trim().is_empty() {
            status.canonical_reason().unwrap_or("error").to_lowercase()
        } else {
            message.trim().to_string()
        };
        match status {
            StatusCode::BAD_REQUEST => Error::BadRequest(message),
            StatusCode::UNAUTHORIZED => Error::Unauthorized(message),
            StatusCode::FORBIDDEN => Error::Forbidden(message),
            StatusCode::NOT_FOUND => Error::NotFound(message),
            StatusCode::METHOD_NOT_ALLOWED => Error::MethodNotAllowed("method not allowed on this path".into()),
            StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge("request body too large".into()),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::UnsupportedMediaType(message),
            StatusCode::UNPROCESSABLE_ENTITY => Error::Unprocessable(message),
            s if s.is_client_error() => Error::BadRequest(message),
            _ => Error::Internal(message),
        }
    }

    /// Seconds to put in `Retry-After`, for the errors that pass.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Error::TooManyRequests(after) => Some(after.as_secs().max(1)),
            Error::Unavailable(_) => Some(1),
            _ => None,
        }
    }

    pub fn body(&self) -> serde_json::Value {
        json!({ "error": { "code": self.code(), "message": self.to_string() } })
    }
}

impl From<pledgewatch_store::Error> for Error {
    fn from(e: pledgewatch_store::Error) -> Error {
        use pledgewatch_store::Error as S;
        match e {
            S::NoEntry(id) => Error::NotFound(format!("no commitment {id}")),
            S::NoRegroup(id) => Error::NotFound(format!("no regrouping #{id}")),
            S::NoLink(id) => Error::NotFound(format!("no lifecycle link for commitment {id}")),
            S::NoDocument(id) => Error::NotFound(format!("no document {id}")),
            S::Review(why) => Error::Unprocessable(why),
            S::History(why) => Error::BadRequest(why),
            e @ S::SearchTimeout { .. } => Error::Unavailable(e.to_string()),
            e => Error::Internal(e.to_string()),
        }
    }
}

/// Carried by error responses until [`render`] writes their body.
#[derive(Clone, Debug)]
struct Pending(std::sync::Arc<Error>);

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        if let Some(after) = self.retry_after() {
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(after));
        }
        res.extensions_mut().insert(Pending(std::sync::Arc::new(self)));
        res
    }
}

/// Marks an error response whose body is already what the client should see
/// (a login form showing "wrong password"): [`render`] leaves it alone.
#[derive(Clone, Copy, Debug)]
pub struct Complete;

/// Whether a request should get JSON rather than HTML: the API's, and a
/// feed's (a feed reader shows no error page; the OpenAPI document lists JSON).
pub fn wants_json(path: &str, accept: Option<&HeaderValue>) -> bool {
    if path.starts_with("/api/") || path.ends_with(".atom") {
        return true;
    }
    let accept = accept.and_then(|a| a.to_str().ok()).unwrap_or("");
    accept.contains("application/json") && !accept.trim_start().starts_with("text/html")
}

/// Middleware: gives every error response its body, JSON or HTML.
pub async fn render(req: Request, next: Next) -> Response {
    let json = wants_json(req.uri().path(), req.headers().get(header::ACCEPT));
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || res.extensions().get::<Complete>().is_some() {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let error = match parts.extensions.remove::<Pending>() {
        Some(Pending(e)) => e,
        None => {
            // axum's own rejections carry a short plain-text reason.
            let bytes = axum::body::to_bytes(body, 16 * 1024).await.unwrap_or_default();
            std::sync::Arc::new(Error::from_status(status, String::from_utf8_lossy(&bytes).into_owned()))
        }
    };
    if let Error::Internal(detail) = &*error {
        eprintln!("pledgewatch-server: internal error: {detail}");
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let (content_type, body) = if json {
        ("application/json", error.body().to_string())
    } else {
        ("text/html; charset=utf-8", crate::web::error_page(&error))
    };
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    Response::from_parts(parts, axum::body::Body::from(body))
}
