//! The web UI: server-rendered pages; the one script (`/static/review.js`,
//! the review queue's keyboard shortcuts) only enhances forms that work without it. Each page module renders an
//! askama template (escaped by default) and answers JSON instead when the
//! request asks for it with `Accept: application/json` — the same document as
//! its `/api/v1` twin:
//!
//! | page | JSON twin |
//! |---|---|
//! | `/?…` | `/api/v1/summary?…` |
//! | `/commitments?…` | `/api/v1/commitments?…` |
//! | `/commitments/{id}` | `/api/v1/commitments/{id}` |
//! | `/review?state=…` | `/api/v1/commitments?review=…&sort=date` |
//! | `/documents/{id}` | `/api/v1/documents/{id}` |
//! | `/login` | `/api/v1/session` |
//! | `/watch` | `/api/v1/watch` |

mod add;
mod assets;
mod columns;
mod commitment;
mod dashboard;
mod document;
mod edit;
mod filters;
mod highlight;
mod ledger;
mod lifecycle;
mod login;
mod matched;
mod regroup;
mod review;
mod sorting;
mod watch;

use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::AppState;
use crate::auth::Caller;
use crate::error::Error;

/// An entry's cells as the ledger table shows them (the Atom feed titles its entries so).
pub(crate) fn ledger_row(e: &pledgewatch_store::Entry) -> ledger::Row {
    ledger::Row::of(e)
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::page))
        .route("/commitments", get(ledger::page))
        .route("/commitments/{id}", get(commitment::page))
        .route("/commitments/{id}/review", post(commitment::review))
        .route("/commitments/{id}/regroup", post(regroup::submit))
        .route("/commitments/{id}/links", post(lifecycle::submit))
        .route("/regroups/{n}/undo", post(regroup::undo))
        .route("/review", get(review::page).post(review::bulk))
        .route("/documents/{id}", get(document::page))
        .route("/watch", get(watch::page))
        .route("/documents/{id}/commitments", post(add::submit))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/static/app.css", get(assets::css))
        .route("/static/review.js", get(assets::review_js))
        .route("/favicon.svg", get(assets::favicon))
}

/// What the client asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    Html,
    Json,
}

impl<S: Send + Sync> FromRequestParts<S> for Want {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let json = crate::error::wants_json(parts.uri.path(), parts.headers.get(header::ACCEPT));
        Ok(if json { Want::Json } else { Want::Html })
    }
}

/// What every page's frame shows.
pub struct Layout {
    pub title: String,
    /// The logged-in user.
    pub user: Option<String>,
    /// The session's CSRF token, for the log-out form.
    pub csrf: String,
    /// Which navigation item is current.
    pub nav: &'static str,
    /// The page's `/api/v1` twin.
    pub json_href: String,
}

impl Layout {
    pub fn new(title: impl Into<String>, caller: Option<&Caller>, nav: &'static str, json_href: String) -> Layout {
        Layout {
            title: title.into(),
            user: caller.map(|c| c.user.clone()),
            csrf: caller.map(|c| c.csrf().to_string()).unwrap_or_default(),
            nav,
            json_href,
        }
    }
}

/// Renders a template as an HTML response.
pub fn render(t: &impl Template) -> Result<Response, Error> {
    let html = t.render().map_err(|e| Error::Internal(format!("template: {e}")))?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    status: u16,
    message: &'a str,
    login: bool,
}

/// The HTML body of an error response.
pub fn error_page(e: &Error) -> String {
    let status = e.status();
    let title = status.canonical_reason().unwrap_or("Error");
    let message = e.to_string();
    let page = ErrorPage {
        layout: Layout::new(title, None, "", String::new()),
        status: status.as_u16(),
        message: &message,
        login: matches!(e, Error::Unauthorized(_)),
    };
    page.render().unwrap_or_else(|_| crate::format::escape(&message))
}

/// A local path to go back to after a form (never another site).
pub fn local_path(p: Option<&str>, fallback: String) -> String {
    match p {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.contains(['\r', '\n']) => {
            p.to_string()
        }
        _ => fallback,
    }
}
