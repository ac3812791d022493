//! A fetched feed or page as items: documents for the text stages, each with
//! the key that tells whether it was taken before.
//!
//! Keys: a feed entry is its guid — global when the guid is a web address,
//! else within its feed — or, without one, its link, or, without either, the
//! hash of its text. A page is its address and the hash of its article text,
//! so that a page whose article changes is taken again, and one whose ads or
//! clock change is not.

use pledgewatch_pipeline::read::{PageHints, feed_entries, parse_page};
use pledgewatch_pipeline::{Document, RawDocument};

use crate::error::{Error, Result};
use crate::fetch::Page;
use crate::sources::{Kind, Source};

/// One item of a feed or page.
#[derive(Debug)]
pub struct Item {
    pub key: String,
    pub raw: RawDocument,
}

/// The items of one answer, and the entries that could not be read (their reasons).
pub fn items(source: &Source, page: &Page) -> Result<(Vec<Item>, Vec<String>)> {
    let mut items = Vec::new();
    let mut unreadable = Vec::new();
    match source.kind {
        Kind::Feed => {
            let entries = feed_entries(&source.url, &page.body).map_err(|e| Error::Content(reason(&e)))?;
            for entry in entries {
                match entry {
                    Ok(mut raw) => {
                        if source.outlet.is_some() {
                            raw.outlet.clone_from(&source.outlet);
                        }
                        let key = entry_key(&source.url, &raw);
                        items.push(Item { key, raw });
                    }
                    Err(e) => unreadable.push(reason(&e)),
                }
            }
        }
        Kind::Page => {
            let hints = PageHints { url: Some(page.url.clone()), published: None, charset: page.charset.clone() };
            let mut raw = parse_page(&page.url, &page.body, &hints).map_err(|e| Error::Content(reason(&e)))?;
            if source.outlet.is_some() {
                raw.outlet.clone_from(&source.outlet);
            }
            let id = Document::build(raw.clone()).id;
            items.push(Item { key: format!("page:{}#{id}", source.url), raw });
        }
    }
    // A feed that lists an entry twice gives one item.
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.key.clone()));
    Ok((items, unreadable))
}

fn entry_key(feed: &str, raw: &RawDocument) -> String {
    match (&raw.source_id, &raw.url) {
        (Some(guid), _) if guid.starts_with("http://") || guid.starts_with("https://") => format!("id:{guid}"),
        (Some(guid), _) => format!("id:{feed} {guid}"),
        (None, Some(link)) => format!("url:{link}"),
        (None, None) => format!("doc:{}", Document::build(raw.clone()).id),
    }
}

/// A pipeline error's reason without the entry's place in the feed, which moves
/// as entries come and go (so that the same fault is logged once).
fn reason(e: &pledgewatch_pipeline::Error) -> String {
    match e {
        pledgewatch_pipeline::Error::Read { reason, .. } => reason.clone(),
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Page {
        Page {
            url: "https://x.gov/feed".into(),
            body: body.as_bytes().to_vec(),
            validators: Default::default(),
            charset: None,
        }
    }

    fn feed_source() -> Source {
        Source {
            url: "https://x.gov/feed".into(),
            kind: Kind::Feed,
            outlet: Some("X Ministry".into()),
            country: None,
            interval: std::time::Duration::from_secs(60),
        }
    }

    #[test]
    fn entries_are_keyed_by_guid_then_link_then_text() {
        let rss = r#"<rss version="2.0"><channel><title>Feed</title>
            <item><title>A</title><guid>https://x.gov/a</guid><link>https://x.gov/a?utm=1</link></item>
            <item><title>B</title><guid isPermaLink="false">42</guid></item>
            <item><title>C</title><link>https://x.gov/c</link></item>
            <item><title>D</title></item>
            <item><title>A again</title><guid>https://x.gov/a</guid></item>
            <item></item>
            </channel></rss>"#;
        let (items, unreadable) = items(&feed_source(), &page(rss)).unwrap();
        let keys: Vec<&str> = items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys[..3], ["id:https://x.gov/a", "id:https://x.gov/feed 42", "url:https://x.gov/c"]);
        assert!(keys[3].starts_with("doc:"), "{keys:?}");
        assert_eq!(keys.len(), 4, "the repeated guid is one item: {keys:?}");
        assert_eq!(items[0].raw.outlet.as_deref(), Some("X Ministry"));
        assert_eq!(unreadable, ["feed entry without title or text"]);
    }

    #[test]
    fn a_malformed_feed_is_an_error_not_an_empty_poll() {
        let err = items(&feed_source(), &page("<rss><channel><item><title>x</ti")).unwrap_err().to_string();
        assert!(err.contains("not an RSS or Atom feed"), "{err}");
    }
}
