//! `POST /api/v1/documents/{id}/commitments`: a commitment the extractor
//! missed, added by a reviewer from a sentence of the document (the web
//! page's add form posts the same through `web/add.rs`). The store checks it
//! as an edit, keeps its evidence spans, merges it into the ledger and logs
//! who added it.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::routing::post;
use pledgewatch_store::{Added, Addition};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Routes;
use super::commitments::MAX_NOTE;
use crate::AppState;
use crate::auth::ApiWriter;
use crate::error::Error;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::POST, "/api/v1/documents/{id}/commitments", post(add))
}

/// A span of the document's text, in code points.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Span {
    start: usize,
    end: usize,
}

/// An addition, as JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddBody {
    sentence: Span,
    #[serde(default)]
    figure: Option<Span>,
    fields: BTreeMap<String, String>,
    #[serde(default)]
    note: Option<String>,
}

/// Adds `a` by `user`, with the server's rates; the page cache is dropped.
pub async fn add_commitment(state: &AppState, user: &str, a: &Addition, note: Option<&str>) -> Result<Added, Error> {
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE) {
        return Err(Error::BadRequest(format!("note: at most {MAX_NOTE} characters")));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let added = state.store.add_commitment(a, user, note, &state.rates).await?;
    state.cache.clear();
    Ok(added)
}

async fn add(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    Path(id): Path<String>,
    body: Result<Json<AddBody>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<Value>), Error> {
    let Json(body) = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            Error::PayloadTooLarge(format!("an addition is at most {} bytes", crate::FORM_LIMIT))
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::UnsupportedMediaType(e.body_text()),
        _ => Error::BadRequest(e.body_text()),
    })?;
    let addition = Addition {
        document_id: id,
        sentence: (body.sentence.start, body.sentence.end),
        figure: body.figure.map(|f| (f.start, f.end)),
        fields: body.fields.into_iter().collect(),
    };
    let added = add_commitment(&state, &caller.user, &addition, body.note.as_deref()).await?;
    let audit = state.store.audit_log(&added.entry_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "commitment_id": added.commitment_id, "entry_id": added.entry_id, "audit": audit })),
    ))
}
