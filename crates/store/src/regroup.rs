//! Regrouping: a person decides which reports are one commitment, where the
//! merge (`merge.rs`) decided wrongly — merging two entries, splitting one,
//! or detaching a source into an entry of its own, so that nothing reported
//! is lost.
//!
//! Each regrouping is one transaction that moves commitments between
//! entries, recomputes the touched entries (values, variants, so the totals,
//! and the search index), writes a row of `review_log` in each entry it
//! leaves, and records itself in `regroups` with a snapshot of every touched
//! entry as it was. An undo (itself a regrouping) restores that snapshot: the
//! same members in the same entries, with the review state, edits and log
//! of an entry the regrouping had removed.
//!
//! A regrouping survives later ingests. An ingest never moves a stored
//! commitment (it only adds new ones), never joins two entries, and a
//! commitment a person placed is pinned (`entry_pins`): stored again (its
//! document re-extracted), it returns to its pinned entry instead of the one
//! the merge would choose (`write::assign`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::error::{Error, Result};
use crate::merge::{self, Edits, Report};
use crate::review::AuditRecord;
use crate::write::{load_members, save_entry};

/// What a person does to an entry's grouping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Regroup {
    /// Join the entry `with` into this one (it is one commitment).
    Merge { with: String },
    /// Move these commitments (members of the entry) into a new entry.
    Split { members: Vec<String> },
    /// Move one source's commitment into an entry of its own.
    Detach { commitment: String },
}

/// A regrouping as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegroupRecord {
    pub id: i64,
    pub at: String,
    pub actor: String,
    /// `merge`, `split`, `detach` or `undo`.
    pub kind: String,
    /// The entry acted on; it remains.
    pub entry_id: String,
    /// A merge: the entry merged away; a split or detach: the new entry; an
    /// undo: the other entry of the regrouping it reversed.
    pub other_id: String,
    pub note: Option<String>,
    /// The membership it left: entry id → commitment ids.
    pub members: BTreeMap<String, Vec<String>>,
    /// An undo: the regrouping it reversed.
    pub undoes: Option<i64>,
    /// The undo that reversed this one.
    pub undone_by: Option<i64>,
}

/// An entry as a regrouping found it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Snapshot {
    id: String,
    members: Vec<String>,
    review: String,
    edits: Option<String>,
    /// The log of an entry the regrouping removed (kept to restore it).
    log: Vec<AuditRecord>,
}

/// Who regroups, when, why.
struct By<'a> {
    actor: &'a str,
    note: Option<&'a str>,
    at: String,
}

impl Store {
    /// Regroups `entry_id` as `op` says, by `actor`; returns the record.
    pub async fn regroup(&self, entry_id: &str, actor: &str, op: Regroup, note: Option<&str>) -> Result<RegroupRecord> {
        let mut tx = self.begin_write().await?;
        let record = regroup_in(&mut tx, entry_id, actor, op, note).await?;
        tx.commit().await?;
        Ok(record)
    }

    /// Reverses regrouping `id`: every commitment it moved goes back to the
    /// entry it was in, an entry it removed comes back with its review state,
    /// edits and log, and an entry it made is removed. Commitments that
    /// joined since stay in their entry when it remains, else go to the
    /// regrouping's first entry. Refused when a later regrouping moved what
    /// this one placed (undo that one first), or when it was undone already.
    pub async fn undo_regroup(&self, id: i64, actor: &str, note: Option<&str>) -> Result<RegroupRecord> {
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let (done, before) = load_record(conn, id).await?;
        if done.kind == "undo" {
            return Err(Error::Review(format!("regrouping #{id} is an undo; regroup again instead")));
        }
        if let Some(by) = done.undone_by {
            return Err(Error::Review(format!("regrouping #{id} was undone already (#{by})")));
        }
        // What it placed must still be where it put it.
        let mut now: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (entry, placed) in &done.members {
            let have = member_ids(conn, entry).await.map_err(|_| changed_since(id, entry))?;
            if placed.iter().any(|m| !have.contains(m)) {
                return Err(changed_since(id, entry));
            }
            now.insert(entry.clone(), have);
        }
        for s in &before {
            if !done.members.contains_key(&s.id) && entry_exists(conn, &s.id).await? {
                return Err(changed_since(id, &s.id));
            }
        }
        // The former layout, with later arrivals kept where they can stay.
        let mut layout: Vec<(String, Vec<String>)> = before.iter().map(|s| (s.id.clone(), s.members.clone())).collect();
        let recorded: BTreeSet<&String> = before.iter().flat_map(|s| &s.members).collect();
        for (entry, have) in &now {
            for m in have.iter().filter(|m| !recorded.contains(m)) {
                let i = layout.iter().position(|(e, _)| e == entry).unwrap_or(0);
                layout[i].1.push(m.clone());
            }
        }
        let touched: Vec<String> = now.keys().cloned().collect();
        let current = snapshots(conn, &touched).await?;
        let by = By { actor, note, at: crate::now() };
        let restore: Vec<&Snapshot> = before.iter().filter(|s| !now.contains_key(&s.id)).collect();
        let undo_id = next_id(conn).await?;
        relayout(conn, &by, (undo_id, "undo"), &current, &layout, &restore).await?;
        let record = RegroupRecord {
            id: undo_id,
            at: by.at.clone(),
            actor: actor.to_string(),
            kind: "undo".into(),
            entry_id: done.entry_id.clone(),
            other_id: done.other_id.clone(),
            note: note.map(str::to_string),
            members: layout.into_iter().collect(),
            undoes: Some(id),
            undone_by: None,
        };
        insert_record(conn, &record, &current).await?;
        sqlx::query("UPDATE regroups SET undone_by = $1 WHERE id = $2")
            .bind(undo_id)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        tx.commit().await?;
        Ok(record)
    }

    /// The regroupings that touched `entry_id`, newest first.
    pub async fn regroups(&self, entry_id: &str) -> Result<Vec<RegroupRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {RECORD_COLUMNS} FROM regroups WHERE entry_id = $1 OR other_id = $1 ORDER BY id DESC"
        ))
        .bind(entry_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(record).collect()
    }

    /// The entry that `entry_id` was merged into, when a merge removed it.
    pub async fn merged_into(&self, entry_id: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT entry_id FROM regroups WHERE kind = 'merge' AND other_id = $1 AND undone_by IS NULL \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(entry_id)
        .fetch_optional(&self.pool)
        .await?)
    }
}

fn changed_since(id: i64, entry: &str) -> Error {
    Error::Review(format!("entry {entry} was regrouped again after #{id}; undo the later regrouping first"))
}

/// (kept, moved): `moved` must be some but not all of `members`.
fn partition(entry_id: &str, members: &[String], moved: &[String]) -> Result<(Vec<String>, Vec<String>)> {
    let moved: BTreeSet<&String> = moved.iter().collect();
    if moved.is_empty() {
        return Err(Error::Review("choose the sources to move into a new entry".into()));
    }
    if let Some(m) = moved.iter().find(|m| !members.contains(m)) {
        return Err(Error::Review(format!("{m} is not a source of entry {entry_id}")));
    }
    if moved.len() == members.len() {
        return Err(Error::Review(format!("entry {entry_id} would be left without a source; keep at least one")));
    }
    let kept = members.iter().filter(|m| !moved.contains(m)).cloned().collect();
    Ok((kept, moved.into_iter().cloned().collect()))
}

/// [`Store::regroup`] within a transaction the caller holds (accepting a lifecycle link
/// regroups and records the link together).
pub(crate) async fn regroup_in(
    conn: &mut AnyConnection,
    entry_id: &str,
    actor: &str,
    op: Regroup,
    note: Option<&str>,
) -> Result<RegroupRecord> {
    let by = By { actor, note, at: crate::now() };
    let members = member_ids(conn, entry_id).await?;
    let id = next_id(conn).await?;
    let (kind, other, layout) = match op {
        Regroup::Merge { with } => {
            if with == entry_id {
                return Err(Error::Review(format!("cannot merge entry {entry_id} with itself")));
            }
            let theirs = member_ids(conn, &with).await?;
            let all: Vec<String> = members.iter().chain(&theirs).cloned().collect();
            ("merge", with, vec![(entry_id.to_string(), all)])
        }
        Regroup::Split { members: moved } => {
            let (kept, moved) = partition(entry_id, &members, &moved)?;
            let new_id = new_entry_id(conn, &moved, id).await?;
            ("split", new_id.clone(), vec![(entry_id.to_string(), kept), (new_id, moved)])
        }
        Regroup::Detach { commitment } => {
            let (kept, moved) = partition(entry_id, &members, std::slice::from_ref(&commitment))?;
            let new_id = new_entry_id(conn, &moved, id).await?;
            ("detach", new_id.clone(), vec![(entry_id.to_string(), kept), (new_id, moved)])
        }
    };
    let touched = [entry_id.to_string(), other.clone()];
    let before = snapshots(conn, &touched).await?;
    relayout(conn, &by, (id, kind), &before, &layout, &[]).await?;
    let record = RegroupRecord {
        id,
        at: by.at.clone(),
        actor: actor.to_string(),
        kind: kind.to_string(),
        entry_id: entry_id.to_string(),
        other_id: other,
        note: note.map(str::to_string),
        members: layout.into_iter().collect(),
        undoes: None,
        undone_by: None,
    };
    insert_record(conn, &record, &before).await?;
    Ok(record)
}

/// A new entry is named, like one the merge founds, by its first
/// commitment — unless that names an entry already (the commitment founded
/// the entry it leaves), then by the regrouping too.
async fn new_entry_id(conn: &mut AnyConnection, moved: &[String], regroup: i64) -> Result<String> {
    for m in moved {
        if !entry_exists(conn, m).await? {
            return Ok(m.clone());
        }
    }
    Ok(format!("{}-r{regroup}", moved[0]))
}

async fn entry_exists(conn: &mut AnyConnection, id: &str) -> Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE id = $1").bind(id).fetch_one(&mut *conn).await?;
    Ok(n > 0)
}

/// The commitment ids of an entry, sorted; [`Error::NoEntry`] when there is none.
async fn member_ids(conn: &mut AnyConnection, entry_id: &str) -> Result<Vec<String>> {
    if !entry_exists(conn, entry_id).await? {
        return Err(Error::NoEntry(entry_id.to_string()));
    }
    Ok(sqlx::query_scalar("SELECT id FROM commitments WHERE entry_id = $1 ORDER BY id")
        .bind(entry_id)
        .fetch_all(&mut *conn)
        .await?)
}

async fn next_id(conn: &mut AnyConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM regroups").fetch_one(&mut *conn).await?)
}

/// The entries among `ids` that exist, as they are now (with their logs).
async fn snapshots(conn: &mut AnyConnection, ids: &[String]) -> Result<Vec<Snapshot>> {
    let mut out = Vec::new();
    for id in ids {
        let Some(row) = sqlx::query("SELECT review, edits FROM ledger_entries WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
        else {
            continue;
        };
        let log = crate::review::read_log(conn, id).await?;
        out.push(Snapshot {
            id: id.clone(),
            members: member_ids(conn, id).await?,
            review: row.try_get("review")?,
            edits: row.try_get("edits")?,
            log,
        });
    }
    Ok(out)
}

/// Moves commitments so that the entries are `layout` (entry id → members,
/// together every member of the `current` entries), in one transaction the
/// caller holds: entries in the layout are created (from a `restore`
/// snapshot when one is given) or kept, entries of `current` not in it are
/// removed; each entry of the layout is recomputed, re-indexed, logged and
/// its members pinned.
async fn relayout(
    conn: &mut AnyConnection,
    by: &By<'_>,
    (regroup_id, kind): (i64, &str),
    current: &[Snapshot],
    layout: &[(String, Vec<String>)],
    restore: &[&Snapshot],
) -> Result<()> {
    let mut reports: BTreeMap<String, Report> = BTreeMap::new();
    for s in current {
        for r in load_members(conn, &s.id).await? {
            reports.insert(r.commitment_id.clone(), r);
        }
    }
    let was = |entry: &str| current.iter().find(|s| s.id == entry).map(|s| s.members.join(", "));
    // Entries first (commitments refer to them), then the moves, then the values.
    for (entry, members) in layout {
        let snap: Option<&Snapshot> =
            current.iter().find(|s| &s.id == entry).or_else(|| restore.iter().find(|s| &s.id == entry).copied());
        let edits = edits_of(snap)?;
        let of: Vec<Report> = members.iter().filter_map(|m| reports.get(m).cloned()).collect();
        if of.is_empty() {
            return Err(Error::Review(format!("entry {entry} would be left without a source")));
        }
        save_entry(conn, entry, &merge::canonical(&of, &edits), &by.at).await?;
        if let Some(s) = snap.filter(|s| !current.iter().any(|c| c.id == s.id)) {
            restore_entry(conn, s).await?;
        }
        for m in members {
            sqlx::query("UPDATE commitments SET entry_id = $1 WHERE id = $2")
                .bind(entry)
                .bind(m)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO entry_pins (commitment_id, entry_id, regroup_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (commitment_id) DO UPDATE SET entry_id = excluded.entry_id, regroup_id = excluded.regroup_id",
            )
            .bind(m)
            .bind(entry)
            .bind(regroup_id)
            .execute(&mut *conn)
            .await?;
        }
    }
    for s in current.iter().filter(|s| !layout.iter().any(|(e, _)| e == &s.id)) {
        for table in ["entry_search", "variants", "review_log"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE entry_id = $1")).bind(&s.id).execute(&mut *conn).await?;
        }
        sqlx::query("DELETE FROM ledger_entries WHERE id = $1").bind(&s.id).execute(&mut *conn).await?;
    }
    let ids: Vec<String> = layout.iter().map(|(e, _)| e.clone()).collect();
    crate::search::refresh(conn, &ids).await?;
    for (entry, members) in layout {
        let from = was(entry).unwrap_or_else(|| "—".into());
        let to = members.join(", ");
        if from != to {
            log(conn, by, entry, kind, &format!("#{regroup_id}: {from}"), &to).await?;
        }
    }
    // A version of each entry kept or made, and a last one of each entry removed.
    let touched: Vec<&String> = layout.iter().map(|(e, _)| e).chain(current.iter().map(|s| &s.id)).collect();
    crate::history::record(conn, touched, kind, Some(by.actor)).await?;
    Ok(())
}

fn edits_of(snap: Option<&Snapshot>) -> Result<Edits> {
    match snap.and_then(|s| s.edits.as_deref()) {
        Some(s) => serde_json::from_str(s).map_err(|e| Error::corrupt("ledger_entries", format!("edits: {e}"))),
        None => Ok(Edits::default()),
    }
}

/// Puts back an entry's review state, edits and log (its values are computed).
async fn restore_entry(conn: &mut AnyConnection, s: &Snapshot) -> Result<()> {
    sqlx::query("UPDATE ledger_entries SET review = $1, edits = $2 WHERE id = $3")
        .bind(&s.review)
        .bind(&s.edits)
        .bind(&s.id)
        .execute(&mut *conn)
        .await?;
    for r in &s.log {
        sqlx::query(
            "INSERT INTO review_log (entry_id, seq, at, actor, action, field, old_value, new_value, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&s.id)
        .bind(r.seq)
        .bind(&r.at)
        .bind(&r.actor)
        .bind(&r.action)
        .bind(&r.field)
        .bind(&r.old_value)
        .bind(&r.new_value)
        .bind(&r.note)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One row of an entry's review log: (actor, at, note), action, (field, old, new).
pub(crate) async fn log_row(
    conn: &mut AnyConnection,
    entry: &str,
    (actor, at, note): (&str, &str, Option<&str>),
    action: &str,
    (field, old, new): (&str, &str, &str),
) -> Result<()> {
    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM review_log WHERE entry_id = $1")
        .bind(entry)
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO review_log (entry_id, seq, at, actor, action, field, old_value, new_value, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(entry)
    .bind(seq)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(field)
    .bind(old)
    .bind(new)
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One row of an entry's review log: its members, before → after.
async fn log(conn: &mut AnyConnection, by: &By<'_>, entry: &str, action: &str, old: &str, new: &str) -> Result<()> {
    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM review_log WHERE entry_id = $1")
        .bind(entry)
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO review_log (entry_id, seq, at, actor, action, field, old_value, new_value, note) \
         VALUES ($1, $2, $3, $4, $5, 'members', $6, $7, $8)",
    )
    .bind(entry)
    .bind(seq)
    .bind(&by.at)
    .bind(by.actor)
    .bind(action)
    .bind(old)
    .bind(new)
    .bind(by.note)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const RECORD_COLUMNS: &str = "id, at, actor, kind, entry_id, other_id, note, members_after, undoes, undone_by";

fn record(r: &sqlx::any::AnyRow) -> Result<RegroupRecord> {
    let after: String = r.try_get("members_after")?;
    Ok(RegroupRecord {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        kind: r.try_get("kind")?,
        entry_id: r.try_get("entry_id")?,
        other_id: r.try_get("other_id")?,
        note: r.try_get("note")?,
        members: serde_json::from_str(&after).map_err(|e| Error::corrupt("regroups", format!("members_after: {e}")))?,
        undoes: r.try_get("undoes")?,
        undone_by: r.try_get("undone_by")?,
    })
}

async fn insert_record(conn: &mut AnyConnection, r: &RegroupRecord, before: &[Snapshot]) -> Result<()> {
    let corrupt = |e: serde_json::Error| Error::corrupt("regroups", e.to_string());
    sqlx::query(
        "INSERT INTO regroups (id, at, actor, kind, entry_id, other_id, note, members_before, members_after, undoes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(r.id)
    .bind(&r.at)
    .bind(&r.actor)
    .bind(&r.kind)
    .bind(&r.entry_id)
    .bind(&r.other_id)
    .bind(&r.note)
    .bind(serde_json::to_string(before).map_err(corrupt)?)
    .bind(serde_json::to_string(&r.members).map_err(corrupt)?)
    .bind(r.undoes)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn load_record(conn: &mut AnyConnection, id: i64) -> Result<(RegroupRecord, Vec<Snapshot>)> {
    let Some(row) = sqlx::query(&format!("SELECT {RECORD_COLUMNS}, members_before FROM regroups WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Err(Error::NoRegroup(id));
    };
    let before: String = row.try_get("members_before")?;
    let before =
        serde_json::from_str(&before).map_err(|e| Error::corrupt("regroups", format!("members_before: {e}")))?;
    Ok((record(&row)?, before))
}

/// The entry a person pinned `commitment_id` to, when it still exists.
pub(crate) async fn pinned_entry(conn: &mut AnyConnection, commitment_id: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT p.entry_id FROM entry_pins p JOIN ledger_entries e ON e.id = p.entry_id WHERE p.commitment_id = $1",
    )
    .bind(commitment_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The review log of an entry a merge removed, as the merge kept it (newest merge first).
pub(crate) async fn removed_log(conn: &mut AnyConnection, entry_id: &str) -> Result<Vec<AuditRecord>> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT members_before FROM regroups WHERE other_id = $1 OR entry_id = $1 ORDER BY id DESC")
            .bind(entry_id)
            .fetch_all(&mut *conn)
            .await?;
    for before in rows {
        let snaps: Vec<Snapshot> =
            serde_json::from_str(&before).map_err(|e| Error::corrupt("regroups", format!("members_before: {e}")))?;
        if let Some(s) = snaps.into_iter().find(|s| s.id == entry_id && !s.log.is_empty()) {
            return Ok(s.log);
        }
    }
    Ok(Vec::new())
}
