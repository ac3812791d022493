//! `/`: counts, totals by donor (bars) and by month (columns), the latest
//! entries. Rejected entries are not summed.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use pledgewatch_store::query::{Group, Query};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::ledger::Row;
use super::{Layout, Want, render};
use crate::AppState;
use crate::auth::MaybeCaller;
use crate::charts::{self, Bar, Column};
use crate::error::Error;
use crate::format;

/// Donors drawn one by one; the rest are one bar.
const TOP_DONORS: usize = 12;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Page {
    layout: Layout,
    entries: i64,
    documents: i64,
    reports: i64,
    unreviewed: usize,
    total_eur: String,
    total_usd: String,
    without_eur: usize,
    donors_svg: String,
    months_svg: String,
    latest: Vec<Row>,
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
) -> Result<Response, Error> {
    let summary = crate::api::summary(&state).await?;
    if want == Want::Json {
        return Ok(Json((*summary).clone()).into_response());
    }
    let latest = state.store.page(&Query { descending: true, ..Query::default() }, None, 8).await?;
    let unreviewed = summary.review.iter().find(|g| g.key == "unreviewed").map_or(0, |g| g.entries);
    let page = Page {
        layout: Layout::new("Dashboard", caller.as_ref(), "dashboard", "/api/v1/summary".into()),
        entries: summary.counts.entries,
        documents: summary.counts.documents,
        reports: summary.counts.commitments,
        unreviewed,
        total_eur: format::eur_short(Some(summary.total.value_eur)),
        total_usd: format!("${}", format::short(summary.total.value_usd)),
        without_eur: summary.total.without_eur,
        donors_svg: charts::bars("Total committed by donor, EUR", &donor_bars(&summary.by_donor)),
        months_svg: charts::columns("Value announced by month, EUR", &month_columns(&summary.by_month), |v| {
            format!("€{}", format::short(Decimal::from_f64_retain(v).unwrap_or_default()))
        }),
        latest: latest.entries.iter().map(Row::of).collect(),
    };
    render(&page)
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Largest donors first; those past [`TOP_DONORS`] summed as one bar.
fn donor_bars(groups: &[Group]) -> Vec<Bar> {
    let mut bars: Vec<Bar> = groups
        .iter()
        .filter(|g| !g.key.is_empty() && g.value_eur > Decimal::ZERO)
        .take(TOP_DONORS)
        .map(|g| Bar {
            label: if g.name.is_empty() { g.key.clone() } else { g.name.clone() },
            value: f64_of(g.value_eur),
            text: format::eur_short(Some(g.value_eur)),
            href: Some(format!("/commitments?donor={}", g.key)),
        })
        .collect();
    let rest: Decimal =
        groups.iter().filter(|g| g.value_eur > Decimal::ZERO).skip(TOP_DONORS).map(|g| g.value_eur).sum();
    if rest > Decimal::ZERO {
        bars.push(Bar {
            label: "All others".into(),
            value: f64_of(rest),
            text: format::eur_short(Some(rest)),
            href: None,
        });
    }
    bars
}

/// Every month from the first to the last with an entry, empty months as zero.
fn month_columns(groups: &[Group]) -> Vec<Column> {
    let dated: Vec<&Group> = groups.iter().filter(|g| g.key.len() == 7).collect();
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else { return Vec::new() };
    let parse = |k: &str| format!("{k}-01").parse::<Date>().ok();
    let (Some(mut m), Some(end)) = (parse(&first.key), parse(&last.key)) else { return Vec::new() };
    let mut cols = Vec::new();
    while m <= end && cols.len() < 600 {
        let key = format!("{:04}-{:02}", m.year(), m.month());
        let v = dated.iter().find(|g| g.key == key).map_or(Decimal::ZERO, |g| g.value_eur);
        let to = m.last_of_month();
        cols.push(Column {
            href: Some(format!("/commitments?from={m}&to={to}")),
            label: key,
            value: f64_of(v),
            text: format::eur_short(Some(v)),
        });
        m = match m.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    cols
}
