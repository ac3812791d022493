//! `/review`: the review queue — entries in one review state (unreviewed by
//! default), oldest first, each with its evidence and one-click approve and
//! reject forms; edits are made on the commitment page.

use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};

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
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
    RawQuery(q): RawQuery,
) -> Result<Response, Error> {
    let raw = Raw::parse(q.as_deref(), &[&["state", "cursor"]])?;
    let review = raw.get("state").unwrap_or("unreviewed").to_ascii_lowercase();
    // The queue is the ledger list in one review state, oldest first.
    let mut list_query = Raw::default().with("review", Some(&review)).with("sort", Some("date"));
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
    let mut items = Vec::new();
    for e in &list.entries {
        let view = crate::api::detail_view(&state, &e.id).await?;
        let (excerpt, source) = excerpt(&view);
        let amount = match e.amount.as_ref() {
            Some(f) => format!("{} ({})", crate::format::figure(f), crate::format::eur_short(e.value_eur())),
            None => "no amount stated".into(),
        };
        items.push(Item { row: Row::of(e), amount, excerpt, source });
    }
    let next = list
        .next_cursor
        .as_deref()
        .map(|c| format!("/review{}", raw.with("state", Some(&review)).with("cursor", Some(c)).query_string()));
    let return_to = format!("/review{}", raw.query_string());
    let page = Page {
        layout: Layout::new(
            "Review queue",
            caller.as_ref(),
            "review",
            format!("/api/v1/commitments?review={review}&sort=date"),
        ),
        state: review,
        tabs,
        items,
        next,
        return_to,
    };
    render(&page)
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
