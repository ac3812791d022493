//! What reviewers decided, for `pledgewatch labels export`: each entry a
//! person approved, edited or rejected, with its review log and the
//! commitments (one per document) behind it, as stored. The CLI turns them
//! into the project's labelling format; this module only reads.

use jiff::civil::Date;
use sqlx::Row;

use crate::Store;
use crate::error::{Error, Result};
use crate::ledger::{ENTRY_COLUMNS, Entry, entry};
use crate::review::AuditRecord;
use crate::rows::{date, text};

/// One reviewed entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    pub entry: Entry,
    /// The reviewer's overrides (`ledger_entries.edits`), an empty object when none.
    pub edits: serde_json::Value,
    /// The review log, oldest first.
    pub audit: Vec<AuditRecord>,
    /// The commitments that make the entry, by document.
    pub reports: Vec<ReviewedReport>,
}

impl Reviewed {
    /// The log's newest row: who decided last, and when.
    pub fn last(&self) -> Option<&AuditRecord> {
        self.audit.last()
    }
}

/// One commitment of a reviewed entry, with its document.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewedReport {
    pub commitment_id: String,
    pub document_id: String,
    /// The id the source gave the document (a corpus id), if any.
    pub source_id: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// How many commitments the document holds in the ledger (reviewed or not).
    pub document_commitments: i64,
    /// The commitment's whole record as stored (JSON).
    pub record: serde_json::Value,
    /// Who added the commitment from the text by hand (`None`: extracted).
    pub added_by: Option<String>,
}

impl Store {
    /// Entries whose review state is not `unreviewed` and whose last review
    /// action is at or after `since` (RFC 3339 text, or a day `YYYY-MM-DD`,
    /// compared as the log stores times: UTC, `Z`), oldest decision first.
    pub async fn reviewed_since(&self, since: Option<&str>) -> Result<Vec<Reviewed>> {
        let cols: Vec<String> = ENTRY_COLUMNS.split(", ").map(|c| format!("e.{}", c.trim())).collect();
        let sql = format!(
            "SELECT {}, e.edits, l.last FROM ledger_entries e \
             JOIN (SELECT entry_id, MAX(at) AS last FROM review_log GROUP BY entry_id) l ON l.entry_id = e.id \
             WHERE e.review <> 'unreviewed' AND l.last >= $1 ORDER BY l.last, e.id",
            cols.join(", ")
        );
        let rows = sqlx::query(&sql).bind(since.unwrap_or("")).fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let entry = entry(r)?;
            let edits = match text(r, "edits")? {
                Some(raw) => serde_json::from_str(&raw)
                    .map_err(|e| Error::corrupt("ledger_entries", format!("edits of {}: {e}", entry.id)))?,
                None => serde_json::json!({}),
            };
            let audit = self.audit_log(&entry.id).await?;
            let reports = self.reports_of(&entry.id).await?;
            out.push(Reviewed { entry, edits, audit, reports });
        }
        Ok(out)
    }

    async fn reports_of(&self, entry_id: &str) -> Result<Vec<ReviewedReport>> {
        let rows = sqlx::query(
            "SELECT c.id, c.document_id, c.record, c.added_by, d.source_id, d.title, d.published, d.n_commitments \
             FROM commitments c JOIN documents d ON d.id = c.document_id WHERE c.entry_id = $1 \
             ORDER BY d.published, c.document_id, c.id",
        )
        .bind(entry_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let commitment_id: String = r.try_get("id")?;
                let raw: String = r.try_get("record")?;
                let record = serde_json::from_str(&raw)
                    .map_err(|e| Error::corrupt("commitments", format!("record of {commitment_id}: {e}")))?;
                Ok(ReviewedReport {
                    document_id: r.try_get("document_id")?,
                    source_id: text(r, "source_id")?,
                    title: text(r, "title")?,
                    published: date(r, "documents", "published")?,
                    document_commitments: r.try_get("n_commitments")?,
                    commitment_id,
                    record,
                    added_by: text(r, "added_by")?,
                })
            })
            .collect()
    }
}
