//! Regrouping entries and triage through the API: merge an entry with
//! another, split some sources off, detach one source, undo a regrouping,
//! list an entry's regroupings; and approve or reject many entries at once.
//! Every write needs a token, or a session with its CSRF token.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::routing::{get, post};
use pledgewatch_store::{Action, Entry, Regroup, RegroupRecord};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Routes;
use super::commitments::MAX_NOTE;
use crate::AppState;
use crate::auth::ApiWriter;
use crate::error::Error;

/// Most entries one bulk review may name.
pub const MAX_BULK: usize = 200;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::POST, "/api/v1/commitments/{id}/merge", post(merge))
        .add(Method::POST, "/api/v1/commitments/{id}/split", post(split))
        .add(Method::POST, "/api/v1/commitments/{id}/detach", post(detach))
        .add(Method::GET, "/api/v1/commitments/{id}/regroups", get(list))
        .add(Method::POST, "/api/v1/regroups/{id}/undo", post(undo))
        .add(Method::POST, "/api/v1/review", post(bulk))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeBody {
    with: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SplitBody {
    members: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DetachBody {
    commitment: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UndoBody {
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BulkBody {
    ids: Vec<String>,
    action: String,
    #[serde(default)]
    note: Option<String>,
}

/// A JSON body, or the error its rejection means.
pub(super) fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, Error> {
    b.map(|Json(t)| t).map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            Error::PayloadTooLarge(format!("a body is at most {} bytes", crate::FORM_LIMIT))
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::UnsupportedMediaType(e.body_text()),
        _ => Error::BadRequest(e.body_text()),
    })
}

/// A note as stored: at most [`MAX_NOTE`] characters, blank is none.
pub(crate) fn note(n: Option<&str>) -> Result<Option<&str>, Error> {
    if n.is_some_and(|n| n.chars().count() > MAX_NOTE) {
        return Err(Error::BadRequest(format!("note: at most {MAX_NOTE} characters")));
    }
    Ok(n.map(str::trim).filter(|n| !n.is_empty()))
}

/// Applies a regrouping by `user` (shared with the web forms).
pub(crate) async fn apply(
    state: &AppState,
    id: &str,
    user: &str,
    op: Regroup,
    n: Option<&str>,
) -> Result<RegroupRecord, Error> {
    let done = state.store.regroup(id, user, op, note(n)?).await?;
    state.cache.clear();
    Ok(done)
}

/// Undoes regrouping `n` by `user` (shared with the web forms).
pub(crate) async fn apply_undo(
    state: &AppState,
    n: i64,
    user: &str,
    note_: Option<&str>,
) -> Result<RegroupRecord, Error> {
    let done = state.store.undo_regroup(n, user, note(note_)?).await?;
    state.cache.clear();
    Ok(done)
}

/// Approves or rejects each of `ids` by `user`; every id is checked first,
/// so an unknown one changes nothing. Returns (id, new state) pairs.
pub(crate) async fn apply_bulk(
    state: &AppState,
    ids: &[String],
    user: &str,
    action: &str,
    n: Option<&str>,
) -> Result<Vec<(String, String)>, Error> {
    let action = match action {
        "approve" => Action::Approve,
        "reject" => Action::Reject,
        other => return Err(Error::BadRequest(format!("action {other:?}: expected approve or reject"))),
    };
    if ids.is_empty() {
        return Err(Error::BadRequest("ids: choose at least one entry".into()));
    }
    if ids.len() > MAX_BULK {
        return Err(Error::BadRequest(format!("ids: at most {MAX_BULK} entries at once")));
    }
    let n = note(n)?;
    for id in ids {
        if state.store.entry(id).await?.is_none() {
            return Err(Error::NotFound(format!("no commitment {id}")));
        }
    }
    let out = state.store.review_many(ids, user, action, n).await?;
    state.cache.clear();
    Ok(out)
}

/// The answer to a regrouping: its record and the entries it left.
async fn answer(state: &AppState, done: RegroupRecord) -> Result<Json<Value>, Error> {
    let mut entries: Vec<Entry> = Vec::new();
    for id in done.members.keys() {
        if let Some(d) = state.store.entry(id).await? {
            entries.push(d.entry);
        }
    }
    Ok(Json(json!({ "regroup": done, "entries": entries })))
}

async fn merge(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    Path(id): Path<String>,
    b: Result<Json<MergeBody>, JsonRejection>,
) -> Result<Json<Value>, Error> {
    let b = body(b)?;
    let done = apply(&state, &id, &caller.user, Regroup::Merge { with: b.with }, b.note.as_deref()).await?;
    answer(&state, done).await
}

async fn split(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    Path(id): Path<String>,
    b: Result<Json<SplitBody>, JsonRejection>,
) -> Result<Json<Value>, Error> {
    let b = body(b)?;
    let done = apply(&state, &id, &caller.user, Regroup::Split { members: b.members }, b.note.as_deref()).await?;
    answer(&state, done).await
}

async fn detach(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    Path(id): Path<String>,
    b: Result<Json<DetachBody>, JsonRejection>,
) -> Result<Json<Value>, Error> {
    let b = body(b)?;
    let done =
        apply(&state, &id, &caller.user, Regroup::Detach { commitment: b.commitment }, b.note.as_deref()).await?;
    answer(&state, done).await
}

async fn undo(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    Path(id): Path<String>,
    b: Result<Json<UndoBody>, JsonRejection>,
) -> Result<Json<Value>, Error> {
    let b = body(b)?;
    let n: i64 = id.parse().map_err(|_| Error::NotFound(format!("no regrouping #{id}")))?;
    let done = apply_undo(&state, n, &caller.user, b.note.as_deref()).await?;
    answer(&state, done).await
}

async fn list(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Value>, Error> {
    if state.store.entry(&id).await?.is_none() && state.store.merged_into(&id).await?.is_none() {
        return Err(Error::NotFound(format!("no commitment {id}")));
    }
    let regroups = state.store.regroups(&id).await?;
    Ok(Json(json!({ "id": id, "merged_into": state.store.merged_into(&id).await?, "regroups": regroups })))
}

async fn bulk(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    b: Result<Json<BulkBody>, JsonRejection>,
) -> Result<Json<Value>, Error> {
    let b = body(b)?;
    let done = apply_bulk(&state, &b.ids, &caller.user, &b.action, b.note.as_deref()).await?;
    let reviewed: Vec<Value> = done.into_iter().map(|(id, review)| json!({ "id": id, "review": review })).collect();
    Ok(Json(json!({ "reviewed": reviewed })))
}
