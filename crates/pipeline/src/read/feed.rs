//! RSS (0.9x, 1.0, 2.0) and Atom feeds through `feed-rs`: each entry is a
//! document, its text the entry's full content if the feed carries it, else
//! its summary, turned from HTML into one paragraph a line; an entry with
//! neither is its title alone.

use feed_rs::model::{Entry, Text};
use jiff::civil::Date;

use super::html::{fragment_text, parse_loose_date};
use crate::document::RawDocument;
use crate::error::{Error, Result};

/// The documents of one feed, `name:N` for the N-th entry. A feed that does
/// not parse is one error.
pub fn parse_feed(name: &str, bytes: &[u8]) -> Vec<Result<RawDocument>> {
    feed_entries(name, bytes).unwrap_or_else(|e| vec![Err(e)])
}

/// As [`parse_feed`], but a feed that does not parse is an `Err` of its own, told
/// apart from an entry that cannot be read (`watch` counts the first as a failed poll).
pub fn feed_entries(name: &str, bytes: &[u8]) -> Result<Vec<Result<RawDocument>>> {
    let parser = feed_rs::parser::Builder::new()
        // No made-up ids: an entry without one has no `source_id`.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(publisher_day)
        .build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => return Err(Error::read(name, format!("not an RSS or Atom feed: {e}"))),
    };
    let outlet = feed.title.as_ref().map(plain).filter(|t| !t.is_empty());
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| entry_document(format!("{name}:{}", i + 1), e, &outlet))
        .collect())
}

fn entry_document(source: String, entry: Entry, outlet: &Option<String>) -> Result<RawDocument> {
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        let sub = c.content_type.subty().as_str();
        Some(if sub.contains("html") || sub == "xml" { fragment_text(body) } else { body.trim().to_string() })
    });
    let title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    // A headline-only entry is its headline: headlines state commitments too.
    let text = content
        .filter(|t| !t.is_empty())
        .or_else(|| entry.summary.as_ref().map(body_text).filter(|t| !t.is_empty()))
        .or_else(|| title.clone())
        .ok_or_else(|| Error::read(&source, "feed entry without title or text"))?;
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone())
        .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()));
    let published = entry.published.or(entry.updated).and_then(|t| t.date_naive().to_string().parse::<Date>().ok());
    Ok(RawDocument {
        source,
        text,
        published,
        title,
        url,
        outlet: outlet.clone(),
        source_id: Some(entry.id).filter(|id| !id.is_empty()),
    })
}

/// Reads a feed date as the publisher's calendar day. feed-rs keeps instants
/// in UTC, which would move "Tue, 04 Mar 2025 23:15 -0500" to 5 March; so the
/// day is taken in the date's own offset and handed back as midnight UTC.
fn publisher_day(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let d = parse_loose_date(s)?;
    let day =
        chrono::NaiveDate::from_ymd_opt(d.year().into(), u32::try_from(d.month()).ok()?, u32::try_from(d.day()).ok()?)?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// A text construct as paragraphs (HTML or plain).
fn body_text(t: &Text) -> String {
    if t.content_type.subty().as_str().contains("html") {
        fragment_text(&t.content)
    } else {
        t.content.trim().to_string()
    }
}

/// A text construct on one line (titles).
fn plain(t: &Text) -> String {
    body_text(t).split_whitespace().collect::<Vec<_>>().join(" ")
}
