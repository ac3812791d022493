//! `/watch`: the sources `pledgewatch watch` follows, each with its last poll,
//! last new item and last error.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use pledgewatch_store::WatchSource;

use super::{Layout, Want, render};
use crate::AppState;
use crate::auth::MaybeCaller;
use crate::error::Error;

#[derive(Template)]
#[template(path = "watch.html")]
struct Page {
    layout: Layout,
    sources: Vec<WatchSource>,
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Response, Error> {
    let view = crate::api::watch_view(&state).await?;
    if want == Want::Json {
        return Ok(Json(view).into_response());
    }
    let layout = Layout::new("Sources followed", caller.as_ref(), "watch", "/api/v1/watch".into());
    render(&Page { layout, sources: view.sources })
}
