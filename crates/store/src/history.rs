//! Every version of every ledger entry (migration 8, `entry_versions`).
//!
//! The current row stays in `ledger_entries`, where every list, total and
//! index reads it as before; history is a second table written in the same
//! transaction as each change. A writer calls [`record`] once, before it
//! commits, with the entries it touched: an entry whose row differs from its
//! open version gets a new version (the old one is closed at the same
//! instant), an entry a regrouping removed gets a last version marked
//! `removed`. So a transaction makes at most one version per entry, and a
//! change that changes nothing (an approval of an approved entry's values is
//! still a change of its review) makes none.
//!
//! Transaction time is in microseconds since 1970 (UTC), never earlier than
//! the newest version's: `change_id` and `tx_from` grow together, and writers
//! take the store's write lock (`Store::begin_write`), so a change id is
//! never handed out after a greater one was committed — the change feed's
//! cursor skips nothing. Valid time is the entry's own dates.

use std::collections::BTreeSet;

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::error::{Error, Result};
use crate::ledger::{Entry, entry};

mod as_of;
pub mod diff;
pub mod feed;

/// The text columns a version copies from `ledger_entries`, in order.
const TEXT_COLUMNS: [&str; 24] = [
    "donor_id",
    "donor_name",
    "recipient_id",
    "recipient_name",
    "category",
    "instrument",
    "status",
    "figure",
    "amount_value",
    "amount_currency",
    "amount_qualifier",
    "amount_upper",
    "value_eur",
    "eur_rate",
    "eur_rate_date",
    "value_usd",
    "usd_rate",
    "usd_rate_date",
    "announced_on",
    "first_reported",
    "review",
    "edits",
    "grant_equivalent_eur",
    "grant_equivalent_reason",
];

/// Every column a version copies (the text ones, then the numbers).
fn content_columns() -> String {
    let mut cols = TEXT_COLUMNS.join(", ");
    cols.push_str(", n_sources, confidence");
    cols
}

/// An entry's stored values and members: what a version holds.
#[derive(Clone, Debug, PartialEq)]
struct Content {
    texts: Vec<Option<String>>,
    n_sources: i64,
    confidence: f64,
    members: Vec<String>,
}

impl Content {
    fn read(row: &AnyRow, members: Vec<String>) -> Result<Content> {
        let texts = TEXT_COLUMNS
            .iter()
            .map(|c| row.try_get::<Option<String>, _>(*c))
            .collect::<std::result::Result<_, sqlx::Error>>()?;
        Ok(Content { texts, n_sources: row.try_get("n_sources")?, confidence: row.try_get("confidence")?, members })
    }
}

/// The column list of the columns stored from a version's content.
const HEAD: &str = "change_id, entry_id, tx_from, tx_to, cause, actor, removed";

/// One stored version of an entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub change_id: i64,
    pub tx_from: Timestamp,
    pub tx_to: Option<Timestamp>,
    /// What made it: `ingest`, `add`, `review`, `edit`, `merge`, `split`,
    /// `detach`, `undo`, `reconvert` or `migration`.
    pub cause: String,
    pub actor: Option<String>,
    /// The entry was removed here (merged into another); the values are its last.
    pub removed: bool,
    pub entry: Entry,
    /// The variant key of the canonical figure.
    pub figure: Option<String>,
    /// The commitments the entry held, sorted.
    pub members: Vec<String>,
    /// A reviewer's edits then (JSON, as `ledger_entries.edits`).
    pub(crate) edits: Option<String>,
}

/// Columns to select for [`version`].
pub(crate) fn version_columns() -> String {
    format!("{HEAD}, entry_id AS id, {}, members", content_columns())
}

pub(crate) fn version(row: &AnyRow) -> Result<Version> {
    let members: String = row.try_get("members")?;
    let mut members: Vec<String> = serde_json::from_str(&members)
        .map_err(|e| Error::corrupt("entry_versions", format!("members {members:?}: {e}")))?;
    members.sort();
    Ok(Version {
        change_id: row.try_get("change_id")?,
        tx_from: instant(row.try_get("tx_from")?)?,
        tx_to: row.try_get::<Option<i64>, _>("tx_to")?.map(instant).transpose()?,
        cause: row.try_get("cause")?,
        actor: row.try_get("actor")?,
        removed: row.try_get::<i64, _>("removed")? != 0,
        entry: entry(row)?,
        figure: row.try_get("figure")?,
        members,
        edits: row.try_get("edits")?,
    })
}

fn instant(micros: i64) -> Result<Timestamp> {
    Timestamp::from_microsecond(micros).map_err(|e| Error::corrupt("entry_versions", format!("time {micros}: {e}")))
}

impl Version {
    /// The fields a person reads, as text (`None` when unset), for diffs.
    pub(crate) fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        let e = &self.entry;
        vec![
            ("donor", Some(format!("{} ({})", e.donor.name, e.donor.id))),
            ("recipient", Some(format!("{} ({})", e.recipient.name, e.recipient.id))),
            ("category", Some(e.category.clone())),
            ("instrument", Some(e.instrument.clone())),
            ("status", Some(e.status.clone())),
            ("amount", self.figure.clone()),
            ("value_eur", e.value_eur().map(|v| v.to_string())),
            ("value_usd", e.value_usd().map(|v| v.to_string())),
            ("announced_on", e.announced_on.map(|d| d.to_string())),
            ("first_reported", e.first_reported.map(|d| d.to_string())),
            ("sources", Some(e.n_sources.to_string())),
            ("review", Some(e.review.clone())),
        ]
    }
}

/// A field whose value differs between two versions.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The fields of `new` that differ from `old`.
pub(crate) fn changed_fields(old: &Version, new: &Version) -> Vec<FieldChange> {
    old.fields()
        .into_iter()
        .zip(new.fields())
        .filter(|(a, b)| a.1 != b.1)
        .map(|((field, old), (_, new))| FieldChange { field: field.to_string(), old, new })
        .collect()
}

/// Microseconds since 1970 of a time, as `tx_from`/`tx_to` store it.
pub(crate) fn micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

/// The entries as they stood at `at`, as a table standing in for
/// `ledger_entries` in a query's FROM (same column names, aliased so).
pub(crate) fn entries_at(at: Timestamp) -> String {
    let at = micros(at);
    format!(
        "(SELECT entry_id AS id, {}, tx_from AS updated_at FROM entry_versions \
         WHERE tx_from <= {at} AND (tx_to IS NULL OR tx_to > {at}) AND removed = 0) ledger_entries",
        content_columns()
    )
}

/// The version of `entry_id` in force at `at`, if the entry stood then.
pub(crate) async fn version_at(conn: &mut AnyConnection, entry_id: &str, at: Timestamp) -> Result<Option<Version>> {
    let t = micros(at);
    let sql = format!(
        "SELECT {} FROM entry_versions WHERE entry_id = $1 AND tx_from <= {t} AND (tx_to IS NULL OR tx_to > {t}) \
         AND removed = 0",
        version_columns()
    );
    sqlx::query(&sql).bind(entry_id).fetch_optional(&mut *conn).await?.as_ref().map(version).transpose()
}

/// Records, within the caller's transaction, a new version of each of `ids`
/// whose row changed since its open version (see the module's doc).
pub(crate) async fn record<'a>(
    conn: &mut AnyConnection,
    ids: impl IntoIterator<Item = &'a String>,
    cause: &str,
    actor: Option<&str>,
) -> Result<()> {
    let ids: BTreeSet<&String> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(());
    }
    let row =
        sqlx::query("SELECT COALESCE(MAX(change_id), 0) AS id, COALESCE(MAX(tx_from), 0) AS t FROM entry_versions")
            .fetch_one(&mut *conn)
            .await?;
    let mut next: i64 = row.try_get::<i64, _>("id")? + 1;
    let now = micros(Timestamp::now()).max(row.try_get("t")?);
    let cols = content_columns();
    for id in ids {
        let current = match sqlx::query(&format!("SELECT {cols} FROM ledger_entries WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
        {
            Some(row) => {
                let members: Vec<String> =
                    sqlx::query_scalar("SELECT id FROM commitments WHERE entry_id = $1 ORDER BY id")
                        .bind(id)
                        .fetch_all(&mut *conn)
                        .await?;
                Some(Content::read(&row, members)?)
            }
            None => None,
        };
        let open = sqlx::query(&format!(
            "SELECT {cols}, removed, members FROM entry_versions WHERE entry_id = $1 AND tx_to IS NULL"
        ))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        let open = match open {
            Some(row) => {
                let members: String = row.try_get("members")?;
                let mut members: Vec<String> = serde_json::from_str(&members)
                    .map_err(|e| Error::corrupt("entry_versions", format!("members of {id}: {e}")))?;
                members.sort();
                Some((Content::read(&row, members)?, row.try_get::<i64, _>("removed")? != 0))
            }
            None => None,
        };
        let (content, removed) = match (current, open) {
            (Some(c), Some((o, false))) if c == o => continue,
            (None, None) | (None, Some((_, true))) => continue,
            (Some(c), _) => (c, false),
            (None, Some((o, false))) => (o, true),
        };
        sqlx::query(&format!("UPDATE entry_versions SET tx_to = {now} WHERE entry_id = $1 AND tx_to IS NULL"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        let marks: Vec<String> = (8..8 + TEXT_COLUMNS.len() + 3).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO entry_versions ({HEAD}, {cols}, members) VALUES ($1, $2, $3, $4, $5, $6, $7, {})",
            marks.join(", ")
        );
        let members =
            serde_json::to_string(&content.members).map_err(|e| Error::corrupt("entry_versions", e.to_string()))?;
        let mut q = sqlx::query(&sql)
            .bind(next)
            .bind(id)
            .bind(now)
            .bind(None::<i64>)
            .bind(cause)
            .bind(actor)
            .bind(removed as i64);
        for t in content.texts {
            q = q.bind(t);
        }
        q.bind(content.n_sources).bind(content.confidence).bind(members).execute(&mut *conn).await?;
        next += 1;
    }
    Ok(())
}
