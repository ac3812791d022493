//! `/documents/{id}`: a stored document with the evidence of every
//! commitment it states marked, and links to their ledger entries.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::add::{AddView, parse_span, sentence_links};
use super::edit::PARTIES;
use super::highlight::{Span, captions, highlight_linked};
use super::{Layout, Want, render};
use crate::AppState;
use crate::auth::MaybeCaller;
use crate::error::Error;

/// `?sentence=START-END`: the sentence whose add form to show.
#[derive(Deserialize)]
pub struct Pick {
    #[serde(default)]
    sentence: Option<String>,
}

#[derive(Template)]
#[template(path = "document.html")]
struct Page {
    layout: Layout,
    id: String,
    title: String,
    outlet: String,
    published: String,
    url: Option<String>,
    source: String,
    entries: Vec<String>,
    html: String,
    /// Commitments added by hand: (commitment id, who).
    added: Vec<(String, String)>,
    /// The add form of the picked sentence.
    add: Option<AddView>,
    parties: &'static [String],
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Query(pick): Query<Pick>,
) -> Result<Response, Error> {
    let view = crate::api::document_view(&state, &id).await?;
    if want == Want::Json {
        return Ok(Json(view).into_response());
    }
    let d = &view.document;
    let spans: Vec<Span> = view
        .commitments
        .iter()
        .flat_map(|c| &c.evidence)
        .map(|e| Span { field: e.field.clone(), start: e.start.max(0) as usize, end: e.end.max(0) as usize })
        .collect();
    let mut entries: Vec<String> = view.commitments.iter().map(|c| c.entry_id.clone()).collect();
    entries.dedup();
    // A text has no title field: its headline stands for it (never its file's name).
    let title = d.title.clone().or_else(|| crate::api::headline(d)).unwrap_or_else(|| "(untitled)".into());
    // A reviewer picks a sentence to add what the extractor missed in it.
    let picked = match pick.sentence.as_deref().filter(|_| caller.is_some()) {
        Some(p) => Some(parse_span(p).ok_or_else(|| Error::BadRequest(format!("sentence {p:?}: expected START-END")))?),
        None => None,
    };
    let add =
        match picked {
            Some((start, end)) => Some(AddView::of(d, start, end).ok_or_else(|| {
                Error::BadRequest(format!("sentence {start}-{end} is not a sentence of document {id}"))
            })?),
            None => None,
        };
    let links = if caller.is_some() { sentence_links(d, picked) } else { Vec::new() };
    let page = Page {
        layout: Layout::new(title.clone(), caller.as_ref(), "ledger", format!("/api/v1/documents/{id}")),
        title,
        outlet: d.outlet.clone().unwrap_or_else(|| "unknown outlet".into()),
        published: d.published.map(|p| p.to_string()).unwrap_or_else(|| "undated".into()),
        url: d.url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        source: d.source.clone(),
        entries,
        html: highlight_linked(&d.text, &captions(&d.segments), &spans, 0, usize::MAX, &links),
        added: state.store.added_by(&id).await?,
        add,
        parties: &PARTIES,
        id,
    };
    render(&page)
}
