//! `/review`: the review queue, built for triage — entries in one review
//! state (unreviewed by default), sorted by confidence (lowest first), value
//! (largest first) or date, each with its confidence, the rules that proposed
//! it, its evidence and one-click approve and reject forms; checkboxes and
//! one bulk form act on many at once (`POST /review`). Keyboard shortcuts
//! come from `/static/review.js`, which only enhances the forms; edits are
//! made on the commitment page.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};

use super::highlight::{Span, captions, highlight};
use super::ledger::Row;
use super::{Layout, Want, render};
use crate::AppState;
use crate::api::params::Raw;
use crate::auth::MaybeCaller;
use crate::error::Error;

/// Entries per page of the queue (each shows its evidence).
const PER_PAGE: usize = 20;

/// A queue item: the entry and the sentence that states it.
pub struct Item {
    pub row: Row,
    /// The figure as stated and in EUR.
    pub amount: String,
    pub excerpt: String,
    pub source: String,
    pub confidence: String,
    /// Rule ids with their reasons.
    pub rules: Vec<(String, String)>,
}

/// How the queue may be sorted: (name in the URL, list sort, label).
const SORTS: &[(&str, &str, &str)] = &[
    ("date", "date", "date"),
    ("confidence", "confidence", "confidence, lowest first"),
    ("value", "-value_eur", "value, largest first"),
];

/// A sort link of the queue.
pub struct SortLink {
    pub name: &'static str,
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

/// A tab of the queue.
pub struct Tab {
    pub state: &'static str,
    pub count: usize,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "review.html")]
struct Page {
    layout: Layout,
    state: String,
    tabs: Vec<Tab>,
    items: Vec<Item>,
    next: Option<String>,
    return_to: String,
    sorts: Vec<SortLink>,
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
    RawQuery(q): RawQuery,
) -> Result<Response, Error> {
    let raw = Raw::parse(q.as_deref(), &[&["state", "cursor", "sort"]])?;
    let review = raw.get("state").unwrap_or("unreviewed").to_ascii_lowercase();
    let sort_name = raw.get("sort").unwrap_or("date");
    let Some(&(sort_name, list_sort, _)) = SORTS.iter().find(|s| s.0 == sort_name) else {
        let names: Vec<&str> = SORTS.iter().map(|s| s.0).collect();
        return Err(Error::BadRequest(format!("sort={sort_name:?}: expected one of {}", names.join(", "))));
    };
    // The queue is the ledger list in one review state, in the order asked for.
    let mut list_query = Raw::default().with("review", Some(&review)).with("sort", Some(list_sort));
    list_query = list_query.with("limit", Some(&PER_PAGE.to_string()));
    if let Some(c) = raw.get("cursor") {
        list_query = list_query.with("cursor", Some(c));
    }
    let qs = list_query.query_string();
    let list = crate::api::list_page(&state, Some(qs.trim_start_matches('?'))).await?;
    if want == Want::Json {
        return Ok(Json(list).into_response());
    }
    let summary = crate::api::summary(&state, &Default::default()).await?;
    let tabs = pledgewatch_store::REVIEW_STATES
        .iter()
        .map(|s| Tab {
            state: s,
            count: summary.review.iter().find(|g| g.key == *s).map_or(0, |g| g.entries),
            current: *s == review,
        })
        .collect();
    let ids: Vec<String> = list.entries.iter().map(|e| e.id.clone()).collect();
    let rules = state.store.entry_rules(&ids).await?;
    let mut items = Vec::new();
    for e in &list.entries {
        let view = crate::api::detail_view(&state, &e.id, None).await?;
        let (excerpt, source) = excerpt(&view);
        let amount = match e.amount.as_ref() {
            Some(f) => format!("{} ({})", crate::format::figure(f), crate::format::eur_short(e.value_eur())),
            None => "no amount stated".into(),
        };
        let rules =
            rules.get(&e.id).map(Vec::as_slice).unwrap_or_default().iter().map(|id| (id.clone(), reason(id))).collect();
        items.push(Item {
            row: Row::of(e),
            amount,
            excerpt,
            source,
            confidence: format!("{:.2}", e.confidence),
            rules,
        });
    }
    let next = list
        .next_cursor
        .as_deref()
        .map(|c| format!("/review{}", raw.with("state", Some(&review)).with("cursor", Some(c)).query_string()));
    let sorts = SORTS
        .iter()
        .map(|&(name, _, label)| SortLink {
            name,
            label,
            href: format!(
                "/review{}",
                Raw::default().with("state", Some(&review)).with("sort", Some(name)).query_string()
            ),
            current: name == sort_name,
        })
        .collect();
    let return_to = format!("/review{}", raw.query_string());
    let page = Page {
        layout: Layout::new(
            "Review queue",
            caller.as_ref(),
            "review",
            format!("/api/v1/commitments?review={review}&sort={list_sort}"),
        ),
        state: review,
        tabs,
        items,
        next,
        return_to,
        sorts,
    };
    render(&page)
}

/// A rule's reason, from the pipeline's rule table.
fn reason(id: &str) -> String {
    pledgewatch_pipeline::commitments::rules::RULES
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.reason.to_string())
        .unwrap_or_else(|| "a rule this version does not know".into())
}

/// The bulk form: `ids` repeat.
pub async fn bulk(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let caller = caller.ok_or_else(|| Error::Unauthorized("log in to review".into()))?;
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    caller.check_csrf(field("csrf").unwrap_or(""))?;
    let ids: Vec<String> = fields.iter().filter(|(k, _)| k == "ids").map(|(_, v)| v.clone()).collect();
    if ids.is_empty() {
        return Err(Error::BadRequest("tick at least one entry first".into()));
    }
    let action = field("action").unwrap_or("");
    crate::api::regroup::apply_bulk(&state, &ids, &caller.user, action, field("note")).await?;
    let back = super::local_path(field("return_to"), "/review".into());
    let mut res = axum::response::Redirect::to(&back).into_response();
    res.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The first source's evidence, from the start of its first span to the end
/// of its last, marked; and the source's name.
fn excerpt(view: &crate::api::DetailView) -> (String, String) {
    let Some(s) = view.detail.sources.first() else { return (String::new(), String::new()) };
    let Some(doc) = view.document(&s.document_id) else { return (String::new(), String::new()) };
    let spans: Vec<Span> = s
        .evidence
        .iter()
        .map(|e| Span { field: e.field.clone(), start: e.start.max(0) as usize, end: e.end.max(0) as usize })
        .collect();
    // The sentence that states it, when there is one; else all spans.
    let statement = spans.iter().filter(|s| s.field == "statement").min_by_key(|s| s.start);
    let (from, to) = match statement {
        Some(st) => (st.start, st.end),
        None => (spans.iter().map(|s| s.start).min().unwrap_or(0), spans.iter().map(|s| s.end).max().unwrap_or(0)),
    };
    let to = to.min(from + 600);
    let name = format!("{}{}", view.source_names(s).0, s.published.map(|d| format!(", {d}")).unwrap_or_default());
    (highlight(&doc.text, &captions(&doc.segments), &spans, from, to), name)
}
