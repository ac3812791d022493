//! `/`: the totals of a filtered view (the ledger's filters, as chips), each
//! total saying what it sums: grants and aid in kind, loans and guarantees,
//! other instruments and ceilings are four sums, never one. Then the same
//! split by category and by instrument, by donor (bars), by month (columns),
//! over time (a cumulative line each), and the latest entries. Rejected
//! entries are not summed unless the filter asks for them.

use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use pledgewatch_store::query::{Basis, Group, Query, Split};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::filters::Filters;
use super::ledger::Row;
use super::sorting::Head;
use super::{Layout, Want, render};
use crate::AppState;
use crate::api::params::{FILTER_PARAMS, Raw};
use crate::auth::MaybeCaller;
use crate::charts::{self, Bar, Column, Segment, Series};
use crate::error::Error;
use crate::format;

/// Donors drawn one by one; the rest are one bar.
const TOP_DONORS: usize = 12;

/// One sum of one basis.
struct Cell {
    eur: String,
    /// The exact EUR and USD sums.
    exact: String,
    entries: usize,
}

impl Cell {
    /// A sum, or "—" when no entry of it has a EUR value.
    fn of(s: &pledgewatch_store::query::Sums) -> Cell {
        let without =
            if s.without_eur > 0 { format!(" · {} without a EUR value", s.without_eur) } else { String::new() };
        Cell {
            eur: if s.entries == s.without_eur { "—".into() } else { format::eur_short(Some(s.value_eur)) },
            exact: format!("EUR {} · USD {}{without}", format::full(s.value_eur), format::full(s.value_usd)),
            entries: s.entries,
        }
    }
}

/// A headline card: one basis over the whole view.
struct Card {
    key: &'static str,
    label: &'static str,
    cell: Cell,
    usd: String,
    without_eur: usize,
}

/// A row of a split table: a category or an instrument with its sums.
struct SplitRow {
    label: String,
    /// The ledger view of this row.
    href: Option<String>,
    cells: Vec<Cell>,
    entries: usize,
}

/// A column of a split table: a short label, the basis's full one on hover.
struct SplitHead {
    short: &'static str,
    label: &'static str,
}

/// A basis in a table's header, where the full label would not fit.
fn short_label(b: Basis) -> &'static str {
    match b {
        Basis::Grants => "Grants, in kind",
        Basis::Loans => "Loans, guarantees",
        Basis::Other => "Other",
        Basis::Ceilings => "Ceilings (up to)",
    }
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Page {
    layout: Layout,
    filters: Filters,
    filtered: bool,
    /// Entries the view sums (rejected ones left out unless asked for).
    entries: usize,
    ledger_entries: i64,
    documents: i64,
    reports: i64,
    unreviewed: usize,
    without_eur: usize,
    cards: Vec<Card>,
    basis_heads: Vec<SplitHead>,
    by_category: Vec<SplitRow>,
    category_total: SplitRow,
    by_instrument: Vec<SplitRow>,
    donors_svg: String,
    months_svg: String,
    cumulative_svg: String,
    /// Entries without an announcement date: in the totals, not in the charts over time.
    undated: usize,
    /// The ledger view of these filters.
    ledger: String,
    heads: Vec<Head>,
    latest: Vec<Row>,
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
    RawQuery(query): RawQuery,
) -> Result<Response, Error> {
    let raw = Raw::parse(query.as_deref(), &[FILTER_PARAMS])?;
    let summary = crate::api::summary(&state, &raw).await?;
    if want == Want::Json {
        return Ok(Json((*summary).clone()).into_response());
    }
    let query = raw.query()?;
    let latest = state.store.page(&Query { descending: true, ..query }, None, 8).await?;
    let unreviewed = summary.review.iter().find(|g| g.key == "unreviewed").map_or(0, |g| g.entries);
    let total = &summary.total;
    let link = |name: &str, value: &str| format!("/commitments{}", raw.with(name, Some(value)).query_string());
    let page = Page {
        layout: Layout::new(
            "Dashboard",
            caller.as_ref(),
            "dashboard",
            format!("/api/v1/summary{}", raw.query_string()),
        ),
        filters: Filters::of(&state, &raw, "/").await?,
        filtered: !raw.is_empty(),
        entries: total.entries,
        ledger_entries: summary.counts.entries,
        documents: summary.counts.documents,
        reports: summary.counts.commitments,
        unreviewed,
        without_eur: total.without_eur,
        cards: Basis::ALL
            .into_iter()
            .map(|b| {
                let s = total.split.get(b);
                Card {
                    key: b.key(),
                    label: b.label(),
                    cell: Cell::of(s),
                    usd: format!("${}", format::short(s.value_usd)),
                    without_eur: s.without_eur,
                }
            })
            .collect(),
        basis_heads: Basis::ALL.into_iter().map(|b| SplitHead { short: short_label(b), label: b.label() }).collect(),
        by_category: summary
            .by_category
            .iter()
            .map(|g| split_row(g, Some(link("category", &g.key)), &Basis::ALL))
            .collect(),
        category_total: SplitRow {
            label: "All categories".into(),
            href: None,
            cells: Basis::ALL.iter().map(|b| Cell::of(total.split.get(*b))).collect(),
            entries: total.entries,
        },
        by_instrument: summary
            .by_instrument
            .iter()
            .map(|g| instrument_row(g, Some(link("instrument", &g.key))))
            .collect(),
        donors_svg: charts::bars("Committed by donor, EUR, by kind of money", &donor_bars(&summary.by_donor, &raw)),
        months_svg: charts::columns(
            "Value announced by month, EUR, by kind of money",
            &month_columns(&summary.by_month, &raw),
            tick,
        ),
        cumulative_svg: cumulative(&summary.by_month),
        undated: summary.by_month.iter().filter(|g| g.key.is_empty()).map(|g| g.entries).sum(),
        ledger: format!("/commitments{}", raw.query_string()),
        heads: Head::plain(),
        latest: latest.entries.iter().map(Row::of).collect(),
    };
    render(&page)
}

fn tick(v: f64) -> String {
    format!("€{}", format::short(Decimal::from_f64_retain(v).unwrap_or_default()))
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn split_row(g: &Group, href: Option<String>, bases: &[Basis]) -> SplitRow {
    SplitRow {
        label: words_of(g),
        href,
        cells: bases.iter().map(|b| Cell::of(g.split.get(*b))).collect(),
        entries: g.entries,
    }
}

/// An instrument's stated amounts (one basis, the instrument's) and its ceilings.
fn instrument_row(g: &Group, href: Option<String>) -> SplitRow {
    let mut stated = pledgewatch_store::query::Sums::default();
    for b in [Basis::Grants, Basis::Loans, Basis::Other] {
        stated.add(g.split.get(b));
    }
    SplitRow {
        label: words_of(g),
        href,
        cells: vec![Cell::of(&stated), Cell::of(&g.split.ceilings)],
        entries: g.entries,
    }
}

fn words_of(g: &Group) -> String {
    let name = if g.name.is_empty() { &g.key } else { &g.name };
    if name.is_empty() { "none".into() } else { format::words(name) }
}

/// The non-zero parts of a split, as chart segments.
fn segments(split: &Split, label: &str) -> Vec<Segment> {
    Basis::ALL
        .into_iter()
        .filter(|b| split.get(*b).value_eur > Decimal::ZERO)
        .map(|b| {
            let v = split.get(b).value_eur;
            Segment {
                value: f64_of(v),
                series: b.key(),
                title: format!("{}, {label}: EUR {}", b.label(), format::full(v)),
            }
        })
        .collect()
}

/// What a bar states beside it: each part on its own (`≤` for ceilings), never their sum.
fn parts_text(split: &Split) -> String {
    Basis::ALL
        .into_iter()
        .filter(|b| split.get(*b).value_eur > Decimal::ZERO)
        .map(|b| {
            let v = format::eur_short(Some(split.get(b).value_eur));
            if b == Basis::Ceilings { format!("≤{v}") } else { v }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Largest donors first; those past [`TOP_DONORS`], and entries without a
/// donor, as one bar.
fn donor_bars(groups: &[Group], raw: &Raw) -> Vec<Bar> {
    let (named, unnamed): (Vec<&Group>, Vec<&Group>) =
        groups.iter().filter(|g| g.value_eur > Decimal::ZERO).partition(|g| !g.key.is_empty());
    let mut bars: Vec<Bar> = named
        .iter()
        .take(TOP_DONORS)
        .map(|g| {
            let label = if g.name.is_empty() { g.key.clone() } else { g.name.clone() };
            Bar {
                segments: segments(&g.split, &label),
                text: parts_text(&g.split),
                href: Some(format!("/commitments{}", raw.with("donor", Some(&g.key)).query_string())),
                label,
            }
        })
        .collect();
    let rest: Vec<&&Group> = named.iter().skip(TOP_DONORS).chain(unnamed.iter()).collect();
    if !rest.is_empty() {
        let mut split = Split::default();
        for g in rest {
            split.add(&g.split);
        }
        bars.push(Bar {
            label: "All others".into(),
            segments: segments(&split, "all others"),
            text: parts_text(&split),
            href: None,
        });
    }
    bars
}

/// Every month from the first to the last with an entry, empty months as zero.
fn months(groups: &[Group]) -> Vec<(Date, Split)> {
    let dated: Vec<&Group> = groups.iter().filter(|g| g.key.len() == 7).collect();
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else { return Vec::new() };
    let parse = |k: &str| format!("{k}-01").parse::<Date>().ok();
    let (Some(mut m), Some(end)) = (parse(&first.key), parse(&last.key)) else { return Vec::new() };
    let mut out = Vec::new();
    while m <= end && out.len() < 600 {
        let key = format!("{:04}-{:02}", m.year(), m.month());
        out.push((m, dated.iter().find(|g| g.key == key).map(|g| g.split.clone()).unwrap_or_default()));
        m = match m.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    out
}

fn month_key(m: Date) -> String {
    format!("{:04}-{:02}", m.year(), m.month())
}

fn month_columns(groups: &[Group], raw: &Raw) -> Vec<Column> {
    months(groups)
        .into_iter()
        .map(|(m, split)| {
            let key = month_key(m);
            let view = raw.with("from", Some(&m.to_string())).with("to", Some(&m.last_of_month().to_string()));
            Column {
                segments: segments(&split, &key),
                href: Some(format!("/commitments{}", view.query_string())),
                label: key,
            }
        })
        .collect()
}

/// One running sum per kind of money, month by month.
fn cumulative(groups: &[Group]) -> String {
    let months = months(groups);
    let periods: Vec<String> = months.iter().map(|(m, _)| month_key(*m)).collect();
    let series: Vec<Series> = Basis::ALL
        .into_iter()
        .map(|b| {
            let total: Decimal = months.iter().map(|(_, s)| s.get(b).value_eur).sum();
            Series {
                key: b.key(),
                label: b.label().into(),
                values: months.iter().map(|(_, s)| f64_of(s.get(b).value_eur)).collect(),
                total: total.normalize().to_string(),
            }
        })
        .collect();
    charts::cumulative("Cumulative value announced, EUR, one line per kind of money", &periods, &series, tick)
}
