//! The ledger over time: `/api/v1/diff` (what changed between two times),
//! `/api/v1/changes` (the change feed, after a cursor) and `/changes.atom`
//! (the newest changes as an Atom feed, for any feed reader). The ledger
//! as of a time is a filter of the other views (`as_of`, see `params.rs`).

use atom_syndication::{Entry as AtomEntry, Feed, FixedDateTime, Link, Person, Text};
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use jiff::Timestamp;
use pledgewatch_store::{Change, EntryChange};
use serde::Serialize;

use super::Routes;
use super::params::{CHANGE_FILTERS, Raw};
use crate::AppState;
use crate::error::Error;
use crate::format;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/diff", get(diff)).add(Method::GET, "/api/v1/changes", get(changes)).add(
        Method::GET,
        "/changes.atom",
        get(atom),
    )
}

/// How many changes the Atom feed holds (the newest).
pub const ATOM_ENTRIES: usize = 50;
/// A change feed cursor, as `/api/v1/changes` writes it.
pub const CHANGE_CURSOR_PATTERN: &str = "^[0-9]{1,18}$";

#[derive(Serialize)]
struct DiffBody {
    from: Timestamp,
    to: Timestamp,
    changes: Vec<EntryChange>,
}

async fn diff(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Json<DiffBody>, Error> {
    let raw = Raw::parse(q.as_deref(), &[&["from", "to"]])?;
    let from = raw.timestamp("from")?.ok_or_else(|| Error::BadRequest("from: a date-time is needed".into()))?;
    let to = raw.timestamp("to")?.unwrap_or_else(Timestamp::now);
    let _turn = state.heavy().await?;
    let changes = state.store.diff(from, to).await?;
    Ok(Json(DiffBody { from, to, changes }))
}

#[derive(Serialize)]
struct ChangesBody {
    changes: Vec<Change>,
    /// The cursor to pass as `since` for what comes after this page.
    next: String,
    /// More changes wait after this page (read on at `next_url` now).
    more: bool,
    /// This feed read on from `next`, with the same filters.
    next_url: String,
}

async fn changes(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Json<ChangesBody>, Error> {
    let raw = Raw::parse(q.as_deref(), &[CHANGE_FILTERS, &["since", "limit"]])?;
    let filter = raw.query()?.filter;
    let page = state.store.changes(&filter, raw.get("since"), raw.limit()?).await?;
    let next_url = format!("/api/v1/changes{}", raw.with("since", Some(&page.next)).query_string());
    Ok(Json(ChangesBody { changes: page.changes, next: page.next, more: page.more, next_url }))
}

async fn atom(State(state): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, Error> {
    let raw = Raw::parse(q.as_deref(), &[CHANGE_FILTERS])?;
    let filter = raw.query()?.filter;
    let changes = state.store.latest_changes(&filter, ATOM_ENTRIES).await?;
    let feed = feed(&changes, &raw);
    let body = feed.to_string();
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], body).into_response())
}

fn time(t: Timestamp) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&t.to_string()).unwrap_or_default()
}

/// The feed of `changes` (newest first), titled by its filters.
fn feed(changes: &[Change], raw: &Raw) -> Feed {
    let filters = raw.query_string();
    let title = if filters.is_empty() {
        "Pledgewatch: changes to the ledger".to_string()
    } else {
        format!("Pledgewatch: changes to the ledger ({})", filters.trim_start_matches('?').replace('&', ", "))
    };
    Feed {
        title: Text::plain(title),
        id: format!("urn:pledgewatch:changes{filters}"),
        updated: changes.first().map(|c| time(c.at)).unwrap_or_default(),
        authors: vec![Person { name: "Pledgewatch".into(), ..Default::default() }],
        links: vec![
            Link {
                href: format!("/changes.atom{filters}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link { href: format!("/commitments{filters}"), rel: "alternate".into(), ..Default::default() },
        ],
        entries: changes.iter().map(entry).collect(),
        ..Default::default()
    }
}

fn entry(c: &Change) -> AtomEntry {
    let e = &c.entry;
    let row = crate::web::ledger_row(e);
    let what = match c.kind.as_str() {
        "added" => "New",
        "removed" => "Merged away",
        _ => "Changed",
    };
    let summary = match c.kind.as_str() {
        "changed" => c
            .fields
            .iter()
            .map(|f| {
                let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
                format!("{}: {} → {}", f.field, show(&f.old), show(&f.new))
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => format!(
            "{} {}, {} source{}, announced {}",
            format::words(&e.category),
            format::words(&e.instrument),
            e.n_sources,
            if e.n_sources == 1 { "" } else { "s" },
            row.announced
        ),
    };
    let by = c.actor.as_deref().map(|a| format!(" by {a}")).unwrap_or_default();
    AtomEntry {
        title: Text::plain(format!("{what}: {} → {}, {}", row.donor, row.recipient, row.amount)),
        id: format!("urn:pledgewatch:change:{}", c.cursor),
        updated: time(c.at),
        links: vec![Link {
            href: format!("/commitments/{}", c.entry_id),
            rel: "alternate".into(),
            ..Default::default()
        }],
        summary: Some(Text::plain(format!("{summary} ({}{by})", c.cause))),
        ..Default::default()
    }
}
