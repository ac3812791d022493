//! What `pledgewatch watch` keeps between polls and across restarts: each
//! source's HTTP validators and status (`watch_sources`), and every item taken
//! from a source (`watch_items`), so that no item is stored twice.

use std::collections::HashSet;

use serde::Serialize;
use sqlx::Row;

use crate::Store;
use crate::error::Result;

/// A followed source as the status shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WatchSource {
    pub url: String,
    pub kind: String,
    pub outlet: Option<String>,
    pub country: Option<String>,
    pub last_poll_at: Option<String>,
    /// `new`, `unchanged`, `not_modified` or `failed`.
    pub last_status: Option<String>,
    pub last_new_at: Option<String>,
    /// Items stored from this source, ever.
    pub items: i64,
    pub polls: i64,
    pub failures: i64,
    pub last_error: Option<String>,
    pub last_error_at: Option<String>,
}

/// The validators of a source's last full answer, for a conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// One successful poll: what to remember of it.
#[derive(Clone, Debug, Default)]
pub struct Poll {
    /// `new`, `unchanged` or `not_modified`.
    pub status: &'static str,
    /// The answer's validators; `None` keeps the ones stored (a 304 sends none).
    pub validators: Option<Validators>,
    /// Items taken in this poll: their key and the document they became (none when unreadable).
    pub items: Vec<(String, Option<String>)>,
}

impl Store {
    /// Records a source's description (kept up to date with the sources file).
    pub async fn watch_register(
        &self,
        url: &str,
        kind: &str,
        outlet: Option<&str>,
        country: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO watch_sources (url, kind, outlet, country) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, outlet = excluded.outlet, country = excluded.country",
        )
        .bind(url)
        .bind(kind)
        .bind(outlet)
        .bind(country)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The validators stored for a source (none before its first full answer).
    pub async fn watch_validators(&self, url: &str) -> Result<Validators> {
        let row = sqlx::query("SELECT etag, last_modified FROM watch_sources WHERE url = $1")
            .bind(url)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(r) => Validators { etag: r.try_get("etag")?, last_modified: r.try_get("last_modified")? },
            None => Validators::default(),
        })
    }

    /// The keys among `keys` that no source has given before.
    pub async fn watch_unseen(&self, keys: &[String]) -> Result<HashSet<String>> {
        let mut unseen = HashSet::new();
        let mut conn = self.pool.acquire().await?;
        for key in keys {
            let found = sqlx::query("SELECT 1 AS one FROM watch_items WHERE item_key = $1")
                .bind(key)
                .fetch_optional(&mut *conn)
                .await?;
            if found.is_none() {
                unseen.insert(key.clone());
            }
        }
        Ok(unseen)
    }

    /// Records a successful poll and the items it took, in one transaction.
    pub async fn watch_polled(&self, url: &str, poll: &Poll) -> Result<()> {
        let now = crate::now();
        let mut tx = self.begin_write().await?;
        let mut added = 0i64;
        for (key, document) in &poll.items {
            let done = sqlx::query(
                "INSERT INTO watch_items (item_key, source_url, document_id, seen_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (item_key) DO NOTHING",
            )
            .bind(key)
            .bind(url)
            .bind(document.as_deref())
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            added += i64::try_from(done.rows_affected()).unwrap_or(0);
        }
        let last_new = (added > 0).then_some(now.as_str());
        let (keep, etag, modified) = match &poll.validators {
            Some(v) => (0i64, v.etag.as_deref(), v.last_modified.as_deref()),
            None => (1, None, None),
        };
        sqlx::query(
            "UPDATE watch_sources SET last_poll_at = $1, last_status = $2, polls = polls + 1, items = items + $3, \
             last_new_at = COALESCE($4, last_new_at), \
             etag = CASE WHEN $5 = 1 THEN etag ELSE $6 END, \
             last_modified = CASE WHEN $5 = 1 THEN last_modified ELSE $7 END \
             WHERE url = $8",
        )
        .bind(&now)
        .bind(poll.status)
        .bind(added)
        .bind(last_new)
        .bind(keep)
        .bind(etag)
        .bind(modified)
        .bind(url)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a failed poll.
    pub async fn watch_failed(&self, url: &str, error: &str) -> Result<()> {
        let now = crate::now();
        sqlx::query(
            "UPDATE watch_sources SET last_poll_at = $1, last_status = 'failed', polls = polls + 1, \
             failures = failures + 1, last_error = $2, last_error_at = $1 WHERE url = $3",
        )
        .bind(&now)
        .bind(error)
        .bind(url)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every followed source, by address.
    pub async fn watch_status(&self) -> Result<Vec<WatchSource>> {
        let rows = sqlx::query(
            "SELECT url, kind, outlet, country, last_poll_at, last_status, last_new_at, items, polls, failures, \
             last_error, last_error_at FROM watch_sources ORDER BY url",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(WatchSource {
                    url: r.try_get("url")?,
                    kind: r.try_get("kind")?,
                    outlet: r.try_get("outlet")?,
                    country: r.try_get("country")?,
                    last_poll_at: r.try_get("last_poll_at")?,
                    last_status: r.try_get("last_status")?,
                    last_new_at: r.try_get("last_new_at")?,
                    items: r.try_get("items")?,
                    polls: r.try_get("polls")?,
                    failures: r.try_get("failures")?,
                    last_error: r.try_get("last_error")?,
                    last_error_at: r.try_get("last_error_at")?,
                })
            })
            .collect()
    }
}
