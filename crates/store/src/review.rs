//! Review: a person approves, rejects or edits what the machine found. Every
//! change is a row in `review_log` (who, when, which field, old → new),
//! written in the same transaction as the change. Edits are kept apart from
//! the computed values and applied over them, so that new sources joining an
//! entry later do not undo a reviewer's work.

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;
use sqlx::Row;

use pledgewatch_pipeline::rates::RateTable;

use crate::Store;
use crate::edit;
use crate::error::{Error, Result};
use crate::merge::{self, Edits};
use crate::search;
use crate::write::{load_edits, load_members, save_entry};

/// Review states, as stored.
pub const REVIEW_STATES: &[&str] = &["unreviewed", "approved", "edited", "rejected"];

pub(crate) const CATEGORIES: &[&str] = &["military", "financial", "humanitarian", "other"];
pub(crate) const INSTRUMENTS: &[&str] =
    &["grant", "loan", "guarantee", "export_finance", "in_kind", "contract", "budget_support", "unspecified"];
pub(crate) const STATUSES: &[&str] = &["intent", "announced", "committed", "contracted", "delivered", "disbursed"];

/// What a reviewer does to an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Approve,
    Reject,
    /// Set `field` (`figure` — a variant key of the entry —, `category`,
    /// `instrument`, `status`, or one of `edit::FIELDS`) to `value`.
    Edit {
        field: String,
        value: String,
    },
    /// Drop all edits and return to `unreviewed`.
    Reset,
}

/// One row of an entry's review log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
}

impl Store {
    /// Applies a review action by `actor`; returns the entry's new review state.
    pub async fn review(&self, entry_id: &str, actor: &str, action: Action, note: Option<&str>) -> Result<String> {
        let mut tx = self.begin_write().await?;
        let new_state = review_one(&mut tx, entry_id, actor, &action, note).await?;
        tx.commit().await?;
        Ok(new_state)
    }

    /// Applies one review action to several entries as one transaction: all
    /// of them or, if any fails (an entry that is not there), none. Returns
    /// each entry's new review state, in the order given.
    pub async fn review_many(
        &self,
        entry_ids: &[String],
        actor: &str,
        action: Action,
        note: Option<&str>,
    ) -> Result<Vec<(String, String)>> {
        let mut tx = self.begin_write().await?;
        let mut out = Vec::with_capacity(entry_ids.len());
        for id in entry_ids {
            out.push((id.clone(), review_one(&mut tx, id, actor, &action, note).await?));
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Sets several fields of an entry at once, as one review by `actor`: all
    /// of them or, if any is not valid, none (nothing is stored or logged and
    /// the error names the first bad one). Each changed field is one `edit`
    /// row of the log. Returns the new review state (`edited`).
    pub async fn review_edits(
        &self,
        entry_id: &str,
        actor: &str,
        fields: &[(String, String)],
        note: Option<&str>,
    ) -> Result<String> {
        self.review_edits_at(entry_id, actor, fields, note, RateTable::embedded()).await
    }

    /// [`Store::review_edits`], converting a new amount or date with `rates`
    /// (the server's table, which may be newer than the embedded one).
    pub async fn review_edits_at(
        &self,
        entry_id: &str,
        actor: &str,
        fields: &[(String, String)],
        note: Option<&str>,
        rates: &RateTable,
    ) -> Result<String> {
        if fields.is_empty() {
            return Err(Error::Review("an edit needs at least one field".into()));
        }
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let state = review_state(conn, entry_id).await?;
        let now = crate::now();
        let log = Log { entry_id, actor, note, at: &now };
        apply_edits(conn, &log, &state, fields, rates).await?;
        set_review(conn, entry_id, "edited", &now).await?;
        crate::history::record(conn, [&entry_id.to_string()], "edit", Some(actor)).await?;
        tx.commit().await?;
        Ok("edited".to_string())
    }

    /// An entry's review log, oldest first.
    pub async fn audit_log(&self, entry_id: &str) -> Result<Vec<AuditRecord>> {
        let mut conn = self.pool.acquire().await?;
        read_log(&mut conn, entry_id).await
    }
}

/// An entry's review log, oldest first, on a connection (a regrouping keeps the log of an
/// entry it removes).
pub(crate) async fn read_log(conn: &mut AnyConnection, entry_id: &str) -> Result<Vec<AuditRecord>> {
    let rows = sqlx::query(
        "SELECT seq, at, actor, action, field, old_value, new_value, note FROM review_log WHERE entry_id = $1 ORDER BY seq",
    )
    .bind(entry_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AuditRecord {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                field: r.try_get("field")?,
                old_value: r.try_get("old_value")?,
                new_value: r.try_get("new_value")?,
                note: r.try_get("note")?,
            })
        })
        .collect()
}

/// An entry's review state, or [`Error::NoEntry`].
async fn review_state(conn: &mut AnyConnection, entry_id: &str) -> Result<String> {
    let state: Option<String> = sqlx::query_scalar("SELECT review FROM ledger_entries WHERE id = $1")
        .bind(entry_id)
        .fetch_optional(&mut *conn)
        .await?;
    state.ok_or_else(|| Error::NoEntry(entry_id.to_string()))
}

async fn set_review(conn: &mut AnyConnection, entry_id: &str, state: &str, now: &str) -> Result<()> {
    sqlx::query("UPDATE ledger_entries SET review = $1, updated_at = $2 WHERE id = $3")
        .bind(state)
        .bind(now)
        .bind(entry_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets `fields` (field → value) of the entry within the caller's
/// transaction: every field and value is checked against the entry as it
/// stands before anything is written, then the entry is saved once, each
/// field logged, and the move to `edited` logged once.
async fn apply_edits(
    conn: &mut AnyConnection,
    log: &Log<'_>,
    state: &str,
    fields: &[(String, String)],
    rates: &RateTable,
) -> Result<()> {
    let entry_id = log.entry_id;
    let mut edits = load_edits(conn, entry_id).await?;
    let members = load_members(conn, entry_id).await?;
    let before = merge::canonical(&members, &edits);
    let mut changes: Vec<(&str, Option<String>, &str)> = Vec::with_capacity(fields.len());
    let mut more: Vec<(String, String)> = Vec::new();
    for (i, (field, value)) in fields.iter().enumerate() {
        if fields[..i].iter().any(|(f, _)| f == field) {
            return Err(Error::Review(format!("{field} is given twice")));
        }
        if edit::FIELDS.contains(&field.as_str()) {
            more.push((field.clone(), value.clone()));
            continue;
        }
        let (slot, old, allowed): (&mut Option<String>, Option<String>, Vec<String>) = match field.as_str() {
            "figure" => (
                &mut edits.figure,
                before.figure.as_ref().map(|f| f.key()),
                before.variants.iter().map(|v| v.key.clone()).collect(),
            ),
            "category" => (&mut edits.category, Some(before.category.clone()), owned(CATEGORIES)),
            "instrument" => (&mut edits.instrument, Some(before.instrument.clone()), owned(INSTRUMENTS)),
            "status" => (&mut edits.status, Some(before.status.clone()), owned(STATUSES)),
            _ => {
                return Err(Error::Review(format!(
                    "cannot edit {field:?} (figure, category, instrument, status, {})",
                    edit::FIELDS.join(", ")
                )));
            }
        };
        if !allowed.contains(value) {
            return Err(Error::Review(format!("{value:?} is not a {field} of this entry ({})", allowed.join(", "))));
        }
        *slot = Some(value.clone());
        changes.push((field, old, value));
    }
    if changes.iter().any(|(f, _, _)| *f == "figure") {
        // A figure picked among the variants replaces a figure typed in.
        edits.fields.amount = None;
    }
    let mut typed = Vec::new();
    let old_fields = edits.fields.clone();
    if !more.is_empty() {
        let extras = edit::load_extras(conn, entry_id, &members).await?.edited(&edits.fields);
        typed = edit::plan(&before, &extras, &mut edits.fields, &more, rates)?;
    }
    save_entry(conn, entry_id, &merge::canonical(&members, &edits), log.at).await?;
    set_edits(conn, entry_id, &edits).await?;
    if edits.fields.renames(&old_fields) {
        search::refresh(conn, &[entry_id.to_string()]).await?;
    }
    for (field, old, new) in &changes {
        log.write(conn, "edit", Some(field), old.as_deref(), Some(new)).await?;
    }
    for c in &typed {
        log.write(conn, c.action, Some(&c.field), c.old.as_deref(), c.new.as_deref()).await?;
    }
    if state != "edited" {
        log.write(conn, "review", Some("review"), Some(state), Some("edited")).await?;
    }
    Ok(())
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

async fn set_edits(conn: &mut AnyConnection, entry_id: &str, edits: &Edits) -> Result<()> {
    let json = if *edits == Edits::default() {
        None
    } else {
        Some(serde_json::to_string(edits).map_err(|e| Error::corrupt("ledger_entries", e.to_string()))?)
    };
    sqlx::query("UPDATE ledger_entries SET edits = $1 WHERE id = $2")
        .bind(json)
        .bind(entry_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Who is writing the log, about which entry.
pub(crate) struct Log<'a> {
    pub entry_id: &'a str,
    pub actor: &'a str,
    pub note: Option<&'a str>,
    pub at: &'a str,
}

impl Log<'_> {
    pub(crate) async fn write(
        &self,
        conn: &mut AnyConnection,
        action: &str,
        field: Option<&str>,
        old: Option<&str>,
        new: Option<&str>,
    ) -> Result<()> {
        let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM review_log WHERE entry_id = $1")
            .bind(self.entry_id)
            .fetch_one(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO review_log (entry_id, seq, at, actor, action, field, old_value, new_value, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(self.entry_id)
        .bind(seq)
        .bind(self.at)
        .bind(self.actor)
        .bind(action)
        .bind(field)
        .bind(old)
        .bind(new)
        .bind(self.note)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

/// [`Store::review`] within the caller's transaction.
async fn review_one(
    conn: &mut AnyConnection,
    entry_id: &str,
    actor: &str,
    action: &Action,
    note: Option<&str>,
) -> Result<String> {
    let state = review_state(conn, entry_id).await?;
    let now = crate::now();
    let log = Log { entry_id, actor, note, at: &now };
    let new_state = match action {
        Action::Approve | Action::Reject => {
            let new = if *action == Action::Approve { "approved" } else { "rejected" };
            log.write(conn, "review", Some("review"), Some(&state), Some(new)).await?;
            new.to_string()
        }
        Action::Edit { field, value } => {
            apply_edits(conn, &log, &state, &[(field.clone(), value.clone())], RateTable::embedded()).await?;
            "edited".to_string()
        }
        Action::Reset => {
            let members = load_members(conn, entry_id).await?;
            let renamed = load_edits(conn, entry_id).await?.fields.renames(&Default::default());
            save_entry(conn, entry_id, &merge::canonical(&members, &Edits::default()), &now).await?;
            set_edits(conn, entry_id, &Edits::default()).await?;
            if renamed {
                search::refresh(conn, &[entry_id.to_string()]).await?;
            }
            log.write(conn, "reset", Some("review"), Some(&state), Some("unreviewed")).await?;
            "unreviewed".to_string()
        }
    };
    set_review(conn, entry_id, &new_state, &now).await?;
    let cause = if matches!(action, Action::Edit { .. }) { "edit" } else { "review" };
    crate::history::record(conn, [&entry_id.to_string()], cause, Some(actor)).await?;
    Ok(new_state)
}
