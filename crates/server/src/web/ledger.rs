//! `/commitments`: the ledger table with facets, search, paging and
//! download links of the current view.

use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use pledgewatch_store::Entry;

use super::columns::{Cell, ColumnChoice, Columns};
use super::{Layout, Want, render};
use crate::AppState;
use crate::api::params::{FILTER_PARAMS, Raw};
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

/// One choice of a facet `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A facet: a filter with its values.
pub struct Facet {
    pub name: &'static str,
    pub label: &'static str,
    pub choices: Vec<Choice>,
}

/// An active filter, with the link that removes it.
pub struct Chip {
    pub label: String,
    pub remove: String,
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
    /// Headers of the optional columns shown, and the chooser.
    extra_headers: Vec<&'static str>,
    columns: Vec<ColumnChoice>,
    clear: String,
    facets: Vec<Facet>,
    chips: Vec<Chip>,
    q: String,
    from: String,
    to: String,
    min_eur: String,
    max_eur: String,
    sort: String,
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
    let facets = crate::api::facets(&state).await?;
    let facet = |name: &'static str, label: &'static str, values: &[pledgewatch_store::query::FacetValue]| {
        let current = raw.get(name).map(|v| v.to_ascii_lowercase());
        let choices = values
            .iter()
            .map(|v| Choice {
                selected: current.as_deref() == Some(&v.value.to_ascii_lowercase()),
                label: format!(
                    "{} ({})",
                    if v.name.is_empty() { format::words(&v.value) } else { format::words(&v.name) },
                    v.count
                ),
                value: v.value.clone(),
            })
            .collect();
        Facet { name, label, choices }
    };
    let facets = vec![
        facet("donor", "Donor", &facets.donor),
        facet("recipient", "Recipient", &facets.recipient),
        facet("category", "Category", &facets.category),
        facet("instrument", "Instrument", &facets.instrument),
        facet("status", "Status", &facets.status),
        facet("review", "Review", &facets.review),
    ];
    let view = raw.without_paging();
    let chips = FILTER_PARAMS
        .iter()
        .filter_map(|name| {
            raw.get(name).map(|v| Chip {
                label: format!("{}: {v}", format::words(name)),
                remove: cols.keep(format!("/commitments{}", view.with(name, None).query_string())),
            })
        })
        .collect();
    let exports = raw.only(&[FILTER_PARAMS, &["sort"]].concat());
    let get = |n: &str| raw.get(n).unwrap_or("").to_string();
    let page = Page {
        layout: Layout::new("Ledger", caller.as_ref(), "ledger", format!("/api/v1/commitments{}", raw.query_string())),
        rows: list
            .entries
            .iter()
            .map(|e| LedgerRow { row: Row::of(e), extra: cols.cells(e), evidence: cols.evidence(e) })
            .collect(),
        extra_headers: cols.headers(),
        columns: cols.choices(),
        clear: cols.keep("/commitments".into()),
        facets,
        chips,
        q: get("q"),
        from: get("from"),
        to: get("to"),
        min_eur: get("min_eur"),
        max_eur: get("max_eur"),
        sort: raw.get("sort").unwrap_or("-date").to_string(),
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

impl Raw {
    /// The view without its page position.
    fn without_paging(&self) -> Raw {
        self.with("cursor", None)
    }
}
