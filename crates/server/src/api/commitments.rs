//! `/api/v1/commitments`: ledger entries — a filtered, sorted, paged list;
//! one entry with its sources, evidence, variants and review log; review;
//! CSV and Excel exports of any filtered view.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use pledgewatch_store::export::{self, Format};
use pledgewatch_store::{Action, EntryDetail, FullEntry, StoredDocument};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Routes;
use super::params::{FILTER_PARAMS, LIST_PARAMS, Raw, encode_cursor};
use crate::AppState;
use crate::auth::ApiWriter;
use crate::error::Error;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/commitments", get(list))
        .add(Method::GET, "/api/v1/commitments.csv", get(|s, q| export_as(s, q, Format::Csv)))
        .add(Method::GET, "/api/v1/commitments.xlsx", get(|s, q| export_as(s, q, Format::Xlsx)))
        .add(Method::GET, "/api/v1/commitments/{id}", get(detail))
        .add(Method::POST, "/api/v1/commitments/{id}/review", post(review))
}

/// One page of a list, as the API and the JSON twins of list pages answer.
#[derive(Serialize)]
pub struct ListPage {
    /// Each entry with its full record (items, supplier, sources' outlets, the sentence…).
    pub entries: Vec<FullEntry>,
    pub limit: usize,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// The next page's API URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(skip)]
    pub raw: Raw,
}

/// Reads one page of the view `query` describes.
pub async fn list_page(state: &AppState, query: Option<&str>) -> Result<ListPage, Error> {
    let raw = Raw::parse(query, &[FILTER_PARAMS, LIST_PARAMS])?;
    let q = raw.query()?;
    let limit = raw.limit()?;
    // A word search is bounded work (the store's `SearchLimits`), so it does
    // not wait for the turn of whole-ledger requests (exports, totals).
    let page = state.store.page(&q, raw.cursor(&q)?.as_ref(), limit).await?;
    let next_cursor = page.next.as_ref().map(|c| encode_cursor(c, &q));
    let next =
        next_cursor.as_deref().map(|c| format!("/api/v1/commitments{}", raw.with("cursor", Some(c)).query_string()));
    let entries = state.store.full_entries_at(page.entries, q.filter.as_of).await?;
    Ok(ListPage { entries, limit, next_cursor, next, raw })
}

async fn list(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Json<ListPage>, Error> {
    Ok(Json(list_page(&state, q.as_deref()).await?))
}

/// An entry and the documents of its sources (each once, in source order).
pub struct DetailView {
    pub detail: EntryDetail,
    /// Its status timeline, progress and proposed links (`store::lifecycle`).
    pub lifecycle: pledgewatch_store::Lifecycle,
    pub documents: Vec<StoredDocument>,
}

impl DetailView {
    pub fn document(&self, id: &str) -> Option<&StoredDocument> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// What to call a source: its outlet (a text's comes from its byline) and
    /// its title, else its headline. Never the name of the file it came from,
    /// which says nothing to a reader (it is on the document's page).
    pub fn source_names(&self, s: &pledgewatch_store::Source) -> (String, String) {
        let doc = self.document(&s.document_id);
        let title = s.title.clone().or_else(|| doc.and_then(headline));
        (s.outlet.clone().unwrap_or_else(|| "unknown outlet".into()), title.unwrap_or_default())
    }

    /// The entry as JSON, each evidence span with the text it covers.
    pub fn to_json(&self) -> Value {
        let mut v = serde_json::to_value(&self.detail).unwrap_or(Value::Null);
        if let Some(sources) = v.get_mut("sources").and_then(Value::as_array_mut) {
            for (s, src) in sources.iter_mut().zip(&self.detail.sources) {
                s["document"] = json!(format!("/api/v1/documents/{}", src.document_id));
                let Some(doc) = self.document(&src.document_id) else { continue };
                if let Some(spans) = s.get_mut("evidence").and_then(Value::as_array_mut) {
                    for (span, e) in spans.iter_mut().zip(&src.evidence) {
                        span["text"] = json!(evidence_text(&doc.text, e.start, e.end));
                    }
                }
            }
        }
        v["lifecycle"] = serde_json::to_value(&self.lifecycle).unwrap_or(Value::Null);
        v
    }
}

/// The text of a document's first headline segment.
pub(crate) fn headline(d: &StoredDocument) -> Option<String> {
    let seg = d.segments.as_array()?.iter().find(|s| s.get("kind").and_then(Value::as_str) == Some("headline"))?;
    let (start, end) = (seg.get("start")?.as_i64()?, seg.get("end")?.as_i64()?);
    Some(evidence_text(&d.text, start, end)).filter(|t| !t.trim().is_empty())
}

/// The text of a span given in code points.
pub fn evidence_text(text: &str, start: i64, end: i64) -> String {
    let (start, end) = (start.max(0) as usize, end.max(0) as usize);
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// Entry `id` as it stands, or as it stood at `as_of`.
pub async fn detail_view(state: &AppState, id: &str, as_of: Option<Timestamp>) -> Result<DetailView, Error> {
    let detail = match as_of {
        None => state.store.entry(id).await?,
        Some(at) => state.store.entry_as_of(id, at).await?,
    };
    let detail = detail.ok_or_else(|| match as_of {
        None => Error::NotFound(format!("no commitment {id}")),
        Some(at) => Error::NotFound(format!("no commitment {id} as of {at}")),
    })?;
    let mut documents: Vec<StoredDocument> = Vec::new();
    for s in &detail.sources {
        if documents.iter().all(|d| d.id != s.document_id)
            && let Some(d) = state.store.document(&s.document_id).await?
        {
            documents.push(d);
        }
    }
    let lifecycle = state.store.lifecycle(id).await?;
    Ok(DetailView { detail, lifecycle, documents })
}

async fn detail(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, Error> {
    let as_of = Raw::parse(q.as_deref(), &[&["as_of"]])?.timestamp("as_of")?;
    Ok(Json(detail_view(&state, &id, as_of).await?.to_json()))
}

/// Longest review note, in characters.
pub const MAX_NOTE: usize = 2000;

/// A review, as JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewBody {
    /// `approve`, `reject`, `edit` or `reset`.
    action: String,
    /// For `edit`: field → new value (`category`, `instrument`, `status`, `figure`).
    #[serde(default)]
    fields: BTreeMap<String, String>,
    #[serde(default)]
    note: Option<String>,
}

/// Applies a review by `user`; returns the entry's new review state. An edit
/// may set several fields: all of them or none, in one transaction, each
/// field one change in the audit log.
pub async fn apply_review(
    state: &AppState,
    id: &str,
    user: &str,
    action: &str,
    fields: &BTreeMap<String, String>,
    note: Option<&str>,
) -> Result<String, Error> {
    // Counted as sent, as the OpenAPI document's maxLength counts.
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE) {
        return Err(Error::BadRequest(format!("note: at most {MAX_NOTE} characters")));
    }
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    let simple = |a: Action| -> Result<Action, Error> {
        if fields.is_empty() { Ok(a) } else { Err(Error::BadRequest(format!("{action} takes no fields (edit does)"))) }
    };
    let new_state = match action {
        "approve" | "reject" | "reset" => {
            let a = match action {
                "approve" => Action::Approve,
                "reject" => Action::Reject,
                _ => Action::Reset,
            };
            state.store.review(id, user, simple(a)?, note).await?
        }
        "edit" if fields.is_empty() => return Err(Error::BadRequest("edit needs fields to change".into())),
        "edit" => {
            let fields: Vec<(String, String)> = fields.iter().map(|(f, v)| (f.clone(), v.clone())).collect();
            state.store.review_edits_at(id, user, &fields, note, &state.rates).await?
        }
        other => return Err(Error::BadRequest(format!("action {other:?}: expected approve, reject, edit or reset"))),
    };
    state.cache.clear();
    Ok(new_state)
}

async fn review(
    State(state): State<AppState>,
    ApiWriter(caller): ApiWriter,
    Path(id): Path<String>,
    body: Result<Json<ReviewBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Value>, Error> {
    let Json(body) = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            Error::PayloadTooLarge(format!("a review is at most {} bytes", crate::FORM_LIMIT))
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::UnsupportedMediaType(e.body_text()),
        _ => Error::BadRequest(e.body_text()),
    })?;
    let review = apply_review(&state, &id, &caller.user, &body.action, &body.fields, body.note.as_deref()).await?;
    let audit = state.store.audit_log(&id).await?;
    Ok(Json(json!({ "id": id, "review": review, "audit": audit })))
}

async fn export_as(State(state): State<AppState>, RawQuery(q): RawQuery, format: Format) -> Result<Response, Error> {
    let raw = Raw::parse(q.as_deref(), &[FILTER_PARAMS, &["sort"]])?;
    let query = raw.query()?;
    let _turn = state.heavy().await?;
    let entries = state.store.full_entries_at(state.store.select(&query).await?, query.filter.as_of).await?;
    let mut buf = Vec::new();
    export::write(&entries, format, &mut buf)?;
    let (mime, ext) = match format {
        Format::Xlsx => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        _ => ("text/csv; charset=utf-8", "csv"),
    };
    let disposition = format!("attachment; filename=\"pledgewatch-commitments.{ext}\"");
    Ok(([(header::CONTENT_TYPE, mime.to_string()), (header::CONTENT_DISPOSITION, disposition)], buf).into_response())
}

#[cfg(test)]
mod tests {
    use pledgewatch_store::{Entry, EvidenceSpan, FullRecord, Party, Source};

    use super::*;

    /// A source always links its document, as the OpenAPI document says; the
    /// link used to be left out with the evidence text when the document was
    /// not in the ledger (no HTTP request can make that happen, so this is here).
    #[test]
    fn a_source_links_its_document_even_when_it_is_not_stored() {
        let party = Party { id: "NO".into(), name: "Norway".into() };
        let entry = Entry {
            id: "e1".into(),
            donor: party.clone(),
            recipient: party,
            category: "humanitarian".into(),
            instrument: "grant".into(),
            status: "announced".into(),
            amount: None,
            announced_on: None,
            first_reported: None,
            n_sources: 1,
            confidence: 0.5,
            review: "unreviewed".into(),
            grant_equivalent_eur: None,
            grant_equivalent_reason: None,
        };
        let source = Source {
            commitment_id: "c1".into(),
            document_id: "d1".into(),
            outlet: None,
            url: None,
            title: None,
            published: None,
            figure: None,
            evidence: vec![EvidenceSpan { field: "amount".into(), start: 0, end: 3 }],
        };
        let view = DetailView {
            detail: EntryDetail {
                entry,
                record: FullRecord::default(),
                variants: Vec::new(),
                sources: vec![source],
                audit: Vec::new(),
            },
            lifecycle: Default::default(),
            documents: Vec::new(),
        };
        let v = view.to_json();
        assert_eq!(v["sources"][0]["document"], "/api/v1/documents/d1");
        assert!(v["sources"][0]["evidence"][0].get("text").is_none(), "no text without the document");
    }
}
