//! `/commitments`: the ledger table with facets, search, paging, the count
//! and sums of the current view, headers that sort it, and download links.

use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use pledgewatch_store::Entry;

use super::filters::Filters;
use super::matched::Matched;
use super::sorting::Head;
use super::{Layout, Want, render};
use crate::AppState;
use crate::api::params::FILTER_PARAMS;
use crate::auth::MaybeCaller;
use crate::error::Error;
use crate::format;

/// An entry as a table row.
pub struct Row {
    pub id: String,
    pub announced: String,
    pub donor: String,
    pub recipient: String,
    pub category: String,
    pub instrument: String,
    pub status: String,
    pub amount: String,
    pub eur: String,
    /// The exact EUR value and the rate used.
    pub eur_title: String,
    pub n_sources: i64,
    pub review: String,
}

impl Row {
    pub fn of(e: &Entry) -> Row {
        let eur = e.amount.as_ref().and_then(|f| f.eur.as_ref());
        Row {
            id: e.id.clone(),
            announced: e.announced_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            donor: party_name(&e.donor.name, &e.donor.id),
            recipient: party_name(&e.recipient.name, &e.recipient.id),
            category: format::words(&e.category),
            instrument: format::words(&e.instrument),
            status: e.status.clone(),
            amount: e.amount.as_ref().map(format::figure).unwrap_or_else(|| "—".into()),
            eur: format::eur_short(e.value_eur()),
            eur_title: eur
                .map(|c| format!("EUR {} at {} per EUR ({})", format::full(c.value), c.rate.normalize(), c.rate_date))
                .unwrap_or_else(|| "not converted".into()),
            n_sources: e.n_sources,
            review: e.review.clone(),
        }
    }
}

fn party_name(name: &str, id: &str) -> String {
    match (name.is_empty(), id.is_empty()) {
        (false, _) => name.to_string(),
        (true, false) => id.to_string(),
        (true, true) => "unknown".into(),
    }
}

#[derive(Template)]
#[template(path = "commitments.html")]
struct Page {
    layout: Layout,
    rows: Vec<Row>,
    heads: Vec<Head>,
    filters: Filters,
    /// The count and sums of the whole filtered view (every page).
    matched: Matched,
    next: Option<String>,
    first: Option<String>,
    csv: String,
    xlsx: String,
    totals: String,
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let list = crate::api::list_page(&state, query.as_deref()).await?;
    if want == Want::Json {
        return Ok(Json(list).into_response());
    }
    let raw = &list.raw;
    let filters = Filters::of(&state, raw, "/commitments").await?;
    let matched = Matched::of(&state, raw).await?;
    let view = raw.with("cursor", None);
    let exports = raw.only(&[FILTER_PARAMS, &["sort"]].concat());
    let page = Page {
        layout: Layout::new("Ledger", caller.as_ref(), "ledger", format!("/api/v1/commitments{}", raw.query_string())),
        rows: list.entries.iter().map(Row::of).collect(),
        heads: Head::sortable(&view),
        filters,
        matched,
        next: list
            .next_cursor
            .as_deref()
            .map(|c| format!("/commitments{}", raw.with("cursor", Some(c)).query_string())),
        first: raw.get("cursor").map(|_| format!("/commitments{}", view.query_string())),
        csv: format!("/api/v1/commitments.csv{}", exports.query_string()),
        xlsx: format!("/api/v1/commitments.xlsx{}", exports.query_string()),
        totals: format!("/api/v1/totals{}", raw.only(FILTER_PARAMS).query_string()),
    };
    render(&page)
}
