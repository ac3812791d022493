//! A reviewer's decision on a proposed lifecycle link (issue 17, item 4): a later report
//! (a delivery, a disbursement) that may follow up an earlier entry is accepted — its entry
//! merges into the earlier one as a stage, an undoable regrouping — or rejected. Both are
//! logged in the earlier entry's review log. Every write needs a token, or a session with its
//! CSRF token.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::Method;
use axum::routing::post;
use serde::Deserialize;
use serde_json::{Value, json};

use super::Routes;
use super::regroup::{body, note};
use crate::AppState;
use crate::auth::ApiWriter;
use crate::error::Error;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::POST, "/api/v1/links/{commitment}", post(decide))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkBody {
    /// `accept` or `reject`.
    action: String,
    #[serde(default)]
    note: Option<String>,
}

/// Accepts or rejects the proposal for commitment `id` by `user` (shared with the web
/// form); returns the earlier entry's id.
pub(crate) async fn apply_link(
    state: &AppState,
    id: &str,
    user: &str,
    action: &str,
    n: Option<&str>,
) -> Result<String, Error> {
    let accept = match action {
        "accept" => true,
        "reject" => false,
        other => return Err(Error::BadRequest(format!("action {other:?}: expected accept or reject"))),
    };
    let entry = state.store.decide_link(id, accept, user, note(n)?).await?;
    state.cache.clear();
    Ok(entry)
}

async fn decide(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    Path(id): Path<String>,
    b: Result<Json<LinkBody>, JsonRejection>,
) -> Result<Json<Value>, Error> {
    let b = body(b)?;
    let entry = apply_link(&state, &id, &caller.user, &b.action, b.note.as_deref()).await?;
    let state_now = if b.action == "accept" { "linked" } else { "rejected" };
    Ok(Json(json!({ "commitment": id, "entry": entry, "state": state_now })))
}
