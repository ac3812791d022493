//! What changed between two times: each entry whose versions moved in the
//! window, compared as it stood at the start with how it stood at the end.
//! Merges and splits are read from the members: an entry gone whose
//! commitments now sit in another was merged into it; an entry new whose
//! commitments sat in another was split off it.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde::Serialize;

use super::{FieldChange, Version, changed_fields, micros, version, version_columns};
use crate::Store;
use crate::error::{Error, Result};
use crate::ledger::Entry;

/// What happened to one entry between two times.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryChange {
    pub entry_id: String,
    /// `added`, `changed`, `rejected`, `merged`, `split` or `removed`.
    pub kind: String,
    /// `merged`: the entry it was merged into.
    pub merged_into: Option<String>,
    /// `split`: the entry it was split off.
    pub split_from: Option<String>,
    /// `changed`, `rejected`: each field that differs, old → new.
    pub fields: Vec<FieldChange>,
    /// What made the versions of the window (`ingest`, `review`, `merge`…), in order, once each.
    pub causes: Vec<String>,
    /// The last change in the window.
    pub at: Timestamp,
    /// The entry at the end of the window, or as it last stood.
    pub entry: Entry,
}

fn at(versions: &[Version], t: i64) -> Option<&Version> {
    versions.iter().find(|v| !v.removed && micros(v.tx_from) <= t && v.tx_to.is_none_or(|to| micros(to) > t))
}

impl Store {
    /// Every entry that changed after `from` up to `to`, by entry id.
    pub async fn diff(&self, from: Timestamp, to: Timestamp) -> Result<Vec<EntryChange>> {
        if from > to {
            return Err(Error::History(format!("the start {from} is after the end {to}")));
        }
        let (f, t) = (micros(from), micros(to));
        let sql = format!(
            "SELECT {} FROM entry_versions WHERE entry_id IN (SELECT entry_id FROM entry_versions \
             WHERE tx_from > {f} AND tx_from <= {t}) AND tx_from <= {t} ORDER BY entry_id, change_id",
            version_columns()
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        let mut by_entry: BTreeMap<String, Vec<Version>> = BTreeMap::new();
        for r in &rows {
            let v = version(r)?;
            by_entry.entry(v.entry.id.clone()).or_default().push(v);
        }
        // Where each commitment sat at either end (among the entries that changed).
        let mut before: HashMap<&str, &str> = HashMap::new();
        let mut after: HashMap<&str, &str> = HashMap::new();
        for (id, versions) in &by_entry {
            for (map, time) in [(&mut before, f), (&mut after, t)] {
                if let Some(v) = at(versions, time) {
                    for m in &v.members {
                        map.insert(m.as_str(), id.as_str());
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (id, versions) in &by_entry {
            let (old, new) = (at(versions, f), at(versions, t));
            let window: Vec<&Version> = versions.iter().filter(|v| micros(v.tx_from) > f).collect();
            let Some(last) = window.last() else { continue };
            let elsewhere = |members: &[String], map: &HashMap<&str, &str>| {
                members.iter().find_map(|m| map.get(m.as_str()).filter(|e| **e != id.as_str()).map(|e| e.to_string()))
            };
            let (kind, merged_into, split_from, fields) = match (old, new) {
                (None, None) => continue,
                (None, Some(n)) => match elsewhere(&n.members, &before) {
                    Some(from) => ("split", None, Some(from), Vec::new()),
                    None => ("added", None, None, Vec::new()),
                },
                (Some(o), None) => match elsewhere(&o.members, &after) {
                    Some(into) => ("merged", Some(into), None, Vec::new()),
                    None => ("removed", None, None, Vec::new()),
                },
                (Some(o), Some(n)) => {
                    let fields = changed_fields(o, n);
                    if fields.is_empty() && o.members == n.members {
                        continue;
                    }
                    let rejected = n.entry.review == "rejected" && o.entry.review != "rejected";
                    (if rejected { "rejected" } else { "changed" }, None, None, fields)
                }
            };
            let mut causes: Vec<String> = Vec::new();
            for v in &window {
                if !causes.contains(&v.cause) {
                    causes.push(v.cause.clone());
                }
            }
            out.push(EntryChange {
                entry_id: id.clone(),
                kind: kind.to_string(),
                merged_into,
                split_from,
                fields,
                causes,
                at: last.tx_from,
                entry: new.unwrap_or(last).entry.clone(),
            });
        }
        Ok(out)
    }
}
