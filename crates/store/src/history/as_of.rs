//! One entry as the ledger showed it at a past time: its version then, the
//! sources it had, its variants computed from them as the merge does, and
//! the review log up to then.

use jiff::Timestamp;

use super::version_at;
use crate::FullEntry;
use crate::Store;
use crate::error::{Error, Result};
use crate::ledger::{Entry, EntryDetail, VariantRow};
use crate::merge::{self, Edits};
use crate::rows::{self, REPORT_COLUMNS};

impl Store {
    /// The full record of each of `entries` as it stood at `at` (from its
    /// members then), or as it stands when `at` is `None`; in the same order.
    pub async fn full_entries_at(&self, entries: Vec<Entry>, at: Option<Timestamp>) -> Result<Vec<FullEntry>> {
        let Some(at) = at else { return self.full_entries(entries).await };
        let mut out = Vec::with_capacity(entries.len());
        for entry in entries {
            let mut conn = self.pool.acquire().await?;
            let version = version_at(&mut conn, &entry.id, at).await?;
            drop(conn);
            let record = match version {
                Some(v) => {
                    let members: Vec<&str> = v.members.iter().map(String::as_str).collect();
                    self.full_record_of(&entry, &members, v.edits.as_deref()).await?
                }
                None => Default::default(),
            };
            out.push(FullEntry { entry, record });
        }
        Ok(out)
    }

    /// Entry `id` as it stood at `at`; `None` when it did not stand then.
    pub async fn entry_as_of(&self, id: &str, at: Timestamp) -> Result<Option<EntryDetail>> {
        let mut conn = self.pool.acquire().await?;
        let Some(v) = version_at(&mut conn, id, at).await? else { return Ok(None) };
        let members: Vec<&str> = v.members.iter().map(String::as_str).collect();
        if members.is_empty() {
            return Err(Error::corrupt("entry_versions", format!("version {} of {id} has no member", v.change_id)));
        }
        let marks = (1..=members.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT {REPORT_COLUMNS} FROM commitments WHERE id IN ({marks}) ORDER BY id");
        let mut q = sqlx::query(&sql);
        for m in &members {
            q = q.bind(*m);
        }
        let reports = q.fetch_all(&mut *conn).await?.iter().map(rows::report).collect::<Result<Vec<_>>>()?;
        drop(conn);
        let edits: Edits = match &v.edits {
            Some(s) => serde_json::from_str(s).map_err(|e| Error::corrupt("entry_versions", format!("edits: {e}")))?,
            None => Edits::default(),
        };
        let sources = self.sources(&format!("commitment_id IN ({marks})"), &members).await?;
        let mut variants: Vec<VariantRow> = merge::canonical(&reports, &edits)
            .variants
            .into_iter()
            .map(|var| {
                let mut documents: Vec<String> = sources
                    .iter()
                    .filter(|s| s.figure.as_deref() == Some(&var.key))
                    .map(|s| s.document_id.clone())
                    .collect();
                documents.dedup();
                VariantRow {
                    value: var.figure.value,
                    currency: var.figure.currency.clone(),
                    qualifier: var.figure.qualifier.clone(),
                    upper: var.figure.upper,
                    value_eur: var.figure.eur.as_ref().map(|c| c.value),
                    value_usd: var.figure.usd.as_ref().map(|c| c.value),
                    n_sources: var.n_sources as i64,
                    first_reported: var.first_reported,
                    documents,
                    figure: var.key,
                }
            })
            .collect();
        variants.sort_by(|a, b| b.n_sources.cmp(&a.n_sources).then_with(|| a.figure.cmp(&b.figure)));
        let mut audit = self.audit_log(id).await?;
        if audit.is_empty() {
            // A merge removed the entry and kept its log with the regrouping.
            let mut conn = self.pool.acquire().await?;
            audit = crate::regroup::removed_log(&mut conn, id).await?;
        }
        let audit = audit.into_iter().filter(|r| r.at.parse::<Timestamp>().is_ok_and(|t| t <= at)).collect();
        let record = self.full_record_of(&v.entry, &members, v.edits.as_deref()).await?;
        Ok(Some(EntryDetail { entry: v.entry, record, variants, sources, audit }))
    }
}
