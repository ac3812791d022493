//! The JSON API under `/api/v1`, one module per resource. Every route is
//! added through [`Routes`], which keeps the list that the OpenAPI document
//! is checked against (`tests/openapi.rs`): a route cannot be added without
//! the test asking for its documentation.

mod additions;
mod commitments;
mod documents;
pub(crate) mod history;
mod ingest;
pub(crate) mod lifecycle;
pub mod params;
pub(crate) mod regroup;
mod session;
mod summary;
mod watch;

use axum::Router;
use axum::http::Method;
use axum::routing::MethodRouter;

use crate::AppState;

pub(crate) use additions::add_commitment;
pub use commitments::MAX_NOTE;
pub(crate) use commitments::{DetailView, apply_review, detail_view, headline, list_page};
pub(crate) use documents::document_view;
pub(crate) use session::session_json;
pub(crate) use summary::{Total, facets, summary};
pub(crate) use watch::watch_view;

/// A router that remembers its (method, path) pairs.
pub struct Routes {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl Routes {
    fn new() -> Routes {
        Routes { router: Router::new(), list: Vec::new() }
    }

    /// Adds `handler` (a method router for exactly `method`) at `path`.
    fn add(mut self, method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Routes {
        self.list.push((method, path));
        self.router = self.router.route(path, handler);
        self
    }
}

fn all() -> Routes {
    let r = Routes::new();
    let r = commitments::routes(r);
    let r = documents::routes(r);
    let r = additions::routes(r);
    let r = summary::routes(r);
    let r = ingest::routes(r);
    let r = session::routes(r);
    let r = watch::routes(r);
    let r = regroup::routes(r);
    let r = history::routes(r);
    let r = lifecycle::routes(r);
    r.add(Method::GET, "/api/v1/openapi.json", axum::routing::get(crate::openapi::handler))
}

/// The API's routes.
pub fn router() -> Router<AppState> {
    all().router
}

/// Every (method, path) the API answers, paths in OpenAPI form (`{id}`).
pub fn routes() -> Vec<(Method, &'static str)> {
    all().list
}
