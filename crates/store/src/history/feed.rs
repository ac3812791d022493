//! The change feed: each new version of an entry, in the order the ledger
//! made them, filtered like the ledger (on the values of the version), a
//! bounded page at a time after a cursor. The cursor is the change id as
//! text; clients keep it as it is given.

use jiff::Timestamp;
use serde::Serialize;

use super::{FieldChange, Version, changed_fields, version, version_columns};
use crate::Store;
use crate::error::{Error, Result};
use crate::ledger::{Entry, Filter};

/// One change of one entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Where a feed read after this change starts.
    pub cursor: String,
    pub at: Timestamp,
    pub entry_id: String,
    /// `added` (the entry's first version), `changed` or `removed` (merged into another).
    pub kind: String,
    /// What made it: `ingest`, `add`, `review`, `edit`, `merge`, `split`, `detach`, `undo`, `reconvert`, `migration`.
    pub cause: String,
    /// The reviewer, for a change a person made.
    pub actor: Option<String>,
    /// `changed`: each field that differs from the version before, old → new.
    pub fields: Vec<FieldChange>,
    /// The entry as this change left it (as it last stood, when removed).
    pub entry: Entry,
}

/// A page of the feed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changes {
    pub changes: Vec<Change>,
    /// The cursor to read on from (the last change's, or the one given when none).
    pub next: String,
    /// Whether more changes were waiting beyond this page.
    pub more: bool,
}

/// The most changes one page holds.
pub const MAX_CHANGES: usize = 500;

/// Reads a cursor of the feed, or says why it is none.
pub fn parse_cursor(cursor: &str) -> Result<i64> {
    cursor
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .ok_or_else(|| Error::History(format!("{cursor:?} is not a cursor of the change feed")))
}

impl Store {
    /// Up to `limit` changes after `since` (from the first when `None`) to
    /// entries matching `filter`, oldest first.
    pub async fn changes(&self, filter: &Filter, since: Option<&str>, limit: usize) -> Result<Changes> {
        let since = since.map(parse_cursor).transpose()?.unwrap_or(0);
        let limit = limit.clamp(1, MAX_CHANGES);
        let mut page = self.read_changes(filter, &format!("change_id > {since}"), "ASC", limit + 1).await?;
        let more = page.len() > limit;
        page.truncate(limit);
        let next = page.last().map(|c| c.cursor.clone()).unwrap_or_else(|| since.to_string());
        Ok(Changes { changes: page, next, more })
    }

    /// The `limit` newest changes to entries matching `filter`, newest first (for the Atom feed).
    pub async fn latest_changes(&self, filter: &Filter, limit: usize) -> Result<Vec<Change>> {
        self.read_changes(filter, "1 = 1", "DESC", limit.clamp(1, MAX_CHANGES)).await
    }

    async fn read_changes(&self, filter: &Filter, cond: &str, dir: &str, limit: usize) -> Result<Vec<Change>> {
        let (clause, args) = filter.sql();
        let clause = if clause.is_empty() { format!(" WHERE {cond}") } else { format!("{clause} AND {cond}") };
        let sql =
            format!("SELECT {} FROM entry_versions{clause} ORDER BY change_id {dir} LIMIT {limit}", version_columns());
        let mut q = sqlx::query(&sql);
        for a in &args {
            q = q.bind(a);
        }
        let mut conn = self.pool.acquire().await?;
        let rows = q.fetch_all(&mut *conn).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let v = version(r)?;
            let before = sqlx::query(&format!(
                "SELECT {} FROM entry_versions WHERE entry_id = $1 AND change_id < $2 ORDER BY change_id DESC LIMIT 1",
                version_columns()
            ))
            .bind(&v.entry.id)
            .bind(v.change_id)
            .fetch_optional(&mut *conn)
            .await?
            .as_ref()
            .map(version)
            .transpose()?;
            out.push(change(v, before.as_ref()));
        }
        Ok(out)
    }
}

fn change(v: Version, before: Option<&Version>) -> Change {
    let (kind, fields) = match before {
        _ if v.removed => ("removed", Vec::new()),
        Some(b) if !b.removed => ("changed", changed_fields(b, &v)),
        _ => ("added", Vec::new()),
    };
    Change {
        cursor: v.change_id.to_string(),
        at: v.tx_from,
        entry_id: v.entry.id.clone(),
        kind: kind.to_string(),
        cause: v.cause,
        actor: v.actor,
        fields,
        entry: v.entry,
    }
}
