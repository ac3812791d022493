//! `POST /api/v1/ingest`: documents in the request body (plain text or the
//! seed format, an HTML page, or JSON Lines) go through the text stages and
//! into the ledger, as `pledgewatch ingest` does. Needs a user. The body may
//! be up to [`crate::INGEST_LIMIT`]; the text stages run on a blocking thread.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::http::{HeaderMap, Method, header};
use axum::routing::post;
use pledgewatch_pipeline::read::{ReadOptions, documents_from_bytes};
use pledgewatch_store::Processed;
use serde_json::{Value, json};

use super::Routes;
use super::params::Raw;
use crate::auth::ApiWriter;
use crate::error::Error;
use crate::{AppState, INGEST_LIMIT};

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::POST, "/api/v1/ingest", post(ingest).layer(DefaultBodyLimit::max(INGEST_LIMIT)))
}

/// What the body's media type says it holds: the reader picks the format from the name.
fn upload_name(headers: &HeaderMap) -> Result<&'static str, Error> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match mime.as_str() {
        "text/plain" => Ok("upload.txt"),
        "text/html" | "application/xhtml+xml" => Ok("upload.html"),
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => Ok("upload.jsonl"),
        _ => Err(Error::UnsupportedMediaType(format!(
            "Content-Type {ct:?}: send text/plain, text/html or application/x-ndjson"
        ))),
    }
}

async fn ingest(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, Error> {
    let name = upload_name(&headers)?;
    // For a single page or text: what the body itself may not say.
    let raw = Raw::parse(q.as_deref(), &[&["date", "title", "url", "outlet"]])?;
    let date = raw.date("date")?;
    let (title, url, outlet) = (
        raw.get("title").map(str::to_string),
        raw.get("url").map(str::to_string),
        raw.get("outlet").map(str::to_string),
    );
    let rates = state.rates.clone();
    let source = format!("api:{}", caller.user);
    let batch = tokio::task::spawn_blocking(move || {
        let mut batch = Vec::new();
        for item in documents_from_bytes(name, &body, &ReadOptions::default()) {
            match item {
                Ok(mut raw) => {
                    raw.source = format!("{source}/{}", raw.source);
                    raw.published = raw.published.or(date);
                    raw.title = raw.title.or_else(|| title.clone());
                    raw.url = raw.url.or_else(|| url.clone());
                    raw.outlet = raw.outlet.or_else(|| outlet.clone());
                    batch.push(match pledgewatch_pipeline::extract::run(raw, &rates) {
                        Ok((document, ex)) => Processed::Document { document, commitments: ex.commitments },
                        Err(e) => Processed::Failed { source: e.source_name().to_string(), reason: e.to_string() },
                    });
                }
                Err(e) => batch
                    .push(Processed::Failed { source: format!("{source}/{}", e.source_name()), reason: e.to_string() }),
            }
        }
        batch
    })
    .await
    .map_err(|e| Error::Internal(format!("text stages: {e}")))?;
    // One transaction: a failed write stores nothing of the upload. The client
    // gets a 500; the server's log names the upload and the database's message.
    let stats = state.store.write(&batch).await.map_err(|e| {
        let first = batch.iter().find_map(|p| match p {
            Processed::Document { document, .. } => Some(document.source.as_str()),
            Processed::Failed { source, .. } => Some(source.as_str()),
            Processed::Known => None,
        });
        Error::Internal(format!(
            "ingest: storing the {} documents of an upload by {} ({}) failed: {e}",
            batch.len(),
            caller.user,
            first.unwrap_or("nothing read")
        ))
    })?;
    state.cache.clear();
    let documents: Vec<Value> = batch
        .iter()
        .filter_map(|p| match p {
            Processed::Document { document, commitments } => Some(json!({
                "id": document.id,
                "title": document.title,
                "published": document.published,
                "commitments": commitments.iter().map(|c| &c.id).collect::<Vec<_>>(),
            })),
            _ => None,
        })
        .collect();
    let errors: Vec<Value> = batch
        .iter()
        .filter_map(|p| match p {
            Processed::Failed { source, reason } => Some(json!({ "source": source, "reason": reason })),
            _ => None,
        })
        .collect();
    Ok(Json(json!({
        "stored": stats.stored,
        "skipped": stats.skipped,
        "commitments": stats.commitments,
        "documents": documents,
        "errors": errors,
    })))
}
