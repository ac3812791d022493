//! `/commitments`: the ledger table with facets, search, paging, the count
//! and sums of the current view, headers that sort it, and download links.

use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use pledgewatch_store::Entry;

use super::columns::{Cell, Columns};
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

/// A row of the ledger page: the common cells, then the optional ones.
pub struct LedgerRow {
    pub row: Row,
    pub extra: Vec<Cell>,
    /// The evidence sentence, on a line of its own, when the view shows it.
    pub evidence: Option<String>,
}

#[derive(Template)]
#[template(path = "commitments.html")]
struct Page {
    layout: Layout,
    rows: Vec<LedgerRow>,
    heads: Vec<Head>,
    /// Headers of the optional columns shown (their chooser is in the filter form).
    extra_headers: Vec<&'static str>,
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
    let (cols, query) = Columns::split(query.as_deref())?;
    let list = crate::api::list_page(&state, query.as_deref()).await?;
    if want == Want::Json {
        return Ok(Json(list).into_response());
    }
    let raw = &list.raw;
    let mut filters = Filters::of(&state, raw, "/commitments").await?;
    // The optional columns ride along every link of the page.
    filters.columns = cols.choices();
    filters.clear = cols.keep("/commitments".into());
    for chip in &mut filters.chips {
        chip.remove = cols.keep(std::mem::take(&mut chip.remove));
    }
    let matched = Matched::of(&state, raw).await?;
    let view = raw.with("cursor", None);
    let mut heads = Head::sortable(&view);
    for h in &mut heads {
        h.href = h.href.take().map(|href| cols.keep(href));
    }
    let exports = raw.only(&[FILTER_PARAMS, &["sort"]].concat());
    let page = Page {
        layout: Layout::new("Ledger", caller.as_ref(), "ledger", format!("/api/v1/commitments{}", raw.query_string())),
        rows: list
            .entries
            .iter()
            .map(|e| LedgerRow { row: Row::of(e), extra: cols.cells(e), evidence: cols.evidence(e) })
            .collect(),
        heads,
        extra_headers: cols.headers(),
        filters,
        matched,
        next: list
            .next_cursor
            .as_deref()
            .map(|c| cols.keep(format!("/commitments{}", raw.with("cursor", Some(c)).query_string()))),
        first: raw.get("cursor").map(|_| cols.keep(format!("/commitments{}", view.query_string()))),
        csv: format!("/api/v1/commitments.csv{}", exports.query_string()),
        xlsx: format!("/api/v1/commitments.xlsx{}", exports.query_string()),
        totals: format!("/api/v1/totals{}", raw.only(FILTER_PARAMS).query_string()),
    };
    render(&page)
}
