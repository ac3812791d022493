//! `/api/v1/documents/{id}`: a stored document — its cleaned text, its
//! segments, and the commitments it states with their evidence spans (all
//! offsets in code points of `text`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::Method;
use axum::routing::get;
use pledgewatch_store::StoredDocument;
use pledgewatch_store::query::DocumentCommitment;
use serde::Serialize;

use super::Routes;
use crate::AppState;
use crate::error::Error;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/documents/{id}", get(document))
}

#[derive(Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub document: StoredDocument,
    pub commitments: Vec<DocumentCommitment>,
}

pub async fn document_view(state: &AppState, id: &str) -> Result<DocumentView, Error> {
    let document = state.store.document(id).await?.ok_or_else(|| Error::NotFound(format!("no document {id}")))?;
    let commitments = state.store.document_commitments(id).await?;
    Ok(DocumentView { document, commitments })
}

async fn document(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<DocumentView>, Error> {
    Ok(Json(document_view(&state, &id).await?))
}
