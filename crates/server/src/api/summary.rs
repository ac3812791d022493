//! Aggregates: `/api/v1/totals` (exact EUR/USD sums of any filtered view,
//! grouped, each split by what it sums: grants, loans, other, ceilings),
//! `/api/v1/summary` (what the dashboard shows, for the same filters) and
//! `/api/v1/facets` (the values each filter can take, with counts).

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::Method;
use axum::routing::get;
use pledgewatch_store::Counts;
use pledgewatch_store::query::{FacetValue, Group, GroupBy, Query, Split};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Routes;
use super::params::{FILTER_PARAMS, GROUPINGS, MEASURES, Raw};
use crate::AppState;
use crate::error::Error;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/totals", get(totals)).add(Method::GET, "/api/v1/summary", get(summary_handler)).add(
        Method::GET,
        "/api/v1/facets",
        get(facets_handler),
    )
}

fn group_by(name: &str) -> Result<GroupBy, Error> {
    Ok(match name {
        "donor" => GroupBy::Donor,
        "recipient" => GroupBy::Recipient,
        "category" => GroupBy::Category,
        "instrument" => GroupBy::Instrument,
        "status" => GroupBy::Status,
        "review" => GroupBy::Review,
        "month" => GroupBy::Month,
        other => return Err(Error::BadRequest(format!("by={other:?}: expected one of {}", GROUPINGS.join(", ")))),
    })
}

/// Sums of a whole view, and the same sums split by what they add up
/// (grants, loans, other, ceilings), whose parts add up to the whole.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Total {
    pub entries: usize,
    pub value_eur: Decimal,
    pub value_usd: Decimal,
    pub without_eur: usize,
    pub without_usd: usize,
    /// The grant equivalents in EUR (OECD DAC method), and the entries without one.
    pub grant_equivalent_eur: Decimal,
    pub without_grant_equivalent: usize,
    pub split: Split,
}

impl Total {
    pub fn of(groups: &[Group]) -> Total {
        let mut t = Total::default();
        for g in groups {
            t.entries += g.entries;
            t.value_eur += g.value_eur;
            t.value_usd += g.value_usd;
            t.without_eur += g.without_eur;
            t.without_usd += g.without_usd;
            t.grant_equivalent_eur += g.grant_equivalent_eur;
            t.without_grant_equivalent += g.without_grant_equivalent;
            t.split.add(&g.split);
        }
        t
    }
}

#[derive(Serialize)]
struct Totals {
    by: String,
    /// `face` or `grant_equivalent`: what orders the groups.
    measure: String,
    groups: Vec<Group>,
    total: Total,
}

/// Groups in display order: months by date, others largest first.
fn ordered(mut groups: Vec<Group>, by: GroupBy) -> Vec<Group> {
    if by != GroupBy::Month {
        groups.sort_by(|a, b| b.value_eur.cmp(&a.value_eur).then(b.entries.cmp(&a.entries)).then(a.key.cmp(&b.key)));
    }
    groups
}

async fn totals(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Json<Totals>, Error> {
    let raw = Raw::parse(q.as_deref(), &[FILTER_PARAMS, &["by", "measure"]])?;
    let name = raw.get("by").unwrap_or("donor").to_string();
    let by = group_by(&name)?;
    let measure = raw.get("measure").unwrap_or("face").to_string();
    if !MEASURES.contains(&measure.as_str()) {
        return Err(Error::BadRequest(format!("measure={measure:?}: expected one of {}", MEASURES.join(", "))));
    }
    let query = raw.query()?;
    let _turn = state.heavy().await?;
    let mut groups = ordered(state.store.group_totals(&query, by).await?, by);
    if measure == "grant_equivalent" && by != GroupBy::Month {
        groups.sort_by(|a, b| b.grant_equivalent_eur.cmp(&a.grant_equivalent_eur).then(a.key.cmp(&b.key)));
    }
    let total = Total::of(&groups);
    Ok(Json(Totals { by: name, measure, groups, total }))
}

/// What the dashboard shows, for the entries a filter selects. Rejected
/// entries are not counted in the sums unless the filter asks for them
/// (`review=rejected`).
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// The whole ledger's counts, whatever the filter.
    pub counts: Counts,
    /// Entries by review state (all of them, rejected too).
    pub review: Vec<Group>,
    pub total: Total,
    pub by_donor: Vec<Group>,
    pub by_month: Vec<Group>,
    pub by_category: Vec<Group>,
    pub by_instrument: Vec<Group>,
}

/// The dashboard's summary of the view `raw` describes (its filters only).
/// The unfiltered one is cached; a filtered one is computed each time, one at
/// a time with the other heavy reads.
pub async fn summary(state: &AppState, raw: &Raw) -> Result<Arc<Summary>, Error> {
    let query = raw.query()?;
    if raw.is_empty() {
        let state2 = state.clone();
        return state.cache.get_or("summary", move || async move { make_summary(&state2, query).await }).await;
    }
    let _turn = state.heavy().await?;
    Ok(Arc::new(make_summary(state, query).await?))
}

async fn make_summary(state: &AppState, query: Query) -> Result<Summary, Error> {
    let counted = Query { exclude_rejected: query.filter.review.is_none(), ..query.clone() };
    let store = &state.store;
    let by_donor = ordered(store.group_totals(&counted, GroupBy::Donor).await?, GroupBy::Donor);
    let by_month = store.group_totals(&counted, GroupBy::Month).await?;
    let by_category = ordered(store.group_totals(&counted, GroupBy::Category).await?, GroupBy::Category);
    let by_instrument = ordered(store.group_totals(&counted, GroupBy::Instrument).await?, GroupBy::Instrument);
    let review = store.group_totals(&query, GroupBy::Review).await?;
    Ok(Summary {
        counts: store.counts().await?,
        total: Total::of(&by_donor),
        review,
        by_donor,
        by_month,
        by_category,
        by_instrument,
    })
}

async fn summary_handler(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Json<Summary>, Error> {
    let raw = Raw::parse(q.as_deref(), &[FILTER_PARAMS])?;
    Ok(Json((*summary(&state, &raw).await?).clone()))
}

/// The values of each filter over the whole ledger, most frequent first.
#[derive(Clone, Debug, Serialize)]
pub struct Facets {
    pub donor: Vec<FacetValue>,
    pub recipient: Vec<FacetValue>,
    pub category: Vec<FacetValue>,
    pub instrument: Vec<FacetValue>,
    pub status: Vec<FacetValue>,
    pub review: Vec<FacetValue>,
}

pub async fn facets(state: &AppState) -> Result<Arc<Facets>, Error> {
    let s = state.store.clone();
    state
        .cache
        .get_or("facets", move || async move {
            Ok::<_, Error>(Facets {
                donor: s.facet(GroupBy::Donor).await?,
                recipient: s.facet(GroupBy::Recipient).await?,
                category: s.facet(GroupBy::Category).await?,
                instrument: s.facet(GroupBy::Instrument).await?,
                status: s.facet(GroupBy::Status).await?,
                review: s.facet(GroupBy::Review).await?,
            })
        })
        .await
}

async fn facets_handler(State(state): State<AppState>) -> Result<Json<Facets>, Error> {
    Ok(Json((*facets(&state).await?).clone()))
}
