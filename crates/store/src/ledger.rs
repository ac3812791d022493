//! Reading the ledger: entries with filters, one entry with its variants,
//! sources and evidence, totals, documents and ingest errors.

use std::collections::HashSet;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Store;
use crate::error::Result;
use crate::merge::Figure;
use crate::rows::{self, date, decimal, text};

/// Which entries to read. Every field narrows; `None` does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Donor id (`GB`, `EU`…), case-insensitive.
    pub donor: Option<String>,
    pub recipient: Option<String>,
    pub category: Option<String>,
    pub instrument: Option<String>,
    pub status: Option<String>,
    /// Announced on or after.
    pub from: Option<Date>,
    /// Announced on or before.
    pub to: Option<Date>,
    /// Review state: `unreviewed`, `approved`, `edited`, `rejected`.
    pub review: Option<String>,
    /// The ledger as it stood at this time (its entries' versions then), not as it stands.
    pub as_of: Option<jiff::Timestamp>,
}

impl Filter {
    /// What to read entries from: `ledger_entries`, or its versions at `as_of`
    /// under the same name and columns.
    pub(crate) fn table(&self) -> std::borrow::Cow<'static, str> {
        match self.as_of {
            None => "ledger_entries".into(),
            Some(at) => crate::history::entries_at(at).into(),
        }
    }

    /// The WHERE clause (empty or starting with " WHERE") and its arguments, in order.
    pub(crate) fn sql(&self) -> (String, Vec<String>) {
        let mut conds = Vec::new();
        let mut args = Vec::new();
        let mut eq = |col: &str, v: &Option<String>, upper: bool| {
            if let Some(v) = v {
                args.push(if upper { v.to_ascii_uppercase() } else { v.to_ascii_lowercase() });
                conds.push(format!("{col} = ${}", args.len()));
            }
        };
        eq("donor_id", &self.donor, true);
        eq("recipient_id", &self.recipient, true);
        eq("category", &self.category, false);
        eq("instrument", &self.instrument, false);
        eq("status", &self.status, false);
        eq("review", &self.review, false);
        if let Some(d) = self.from {
            args.push(d.to_string());
            conds.push(format!("announced_on >= ${}", args.len()));
        }
        if let Some(d) = self.to {
            args.push(d.to_string());
            conds.push(format!("announced_on <= ${}", args.len()));
        }
        let clause = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
        (clause, args)
    }
}

/// A donor or recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    pub id: String,
    pub name: String,
}

/// One ledger entry: a commitment as reported across documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    pub id: String,
    pub donor: Party,
    pub recipient: Party,
    pub category: String,
    pub instrument: String,
    pub status: String,
    /// The canonical figure, with its EUR and USD values.
    pub amount: Option<Figure>,
    pub announced_on: Option<Date>,
    pub first_reported: Option<Date>,
    pub n_sources: i64,
    pub confidence: f64,
    pub review: String,
    /// The grant equivalent in EUR by the OECD DAC method (`merge.rs`), else `null` with
    /// the reason: `terms_not_stated`, `recipient_not_on_dac_list`, `no_dac_method`…
    pub grant_equivalent_eur: Option<Decimal>,
    pub grant_equivalent_reason: Option<String>,
}

impl Entry {
    pub fn value_eur(&self) -> Option<Decimal> {
        self.amount.as_ref()?.eur.as_ref().map(|c| c.value)
    }

    pub fn value_usd(&self) -> Option<Decimal> {
        self.amount.as_ref()?.usd.as_ref().map(|c| c.value)
    }
}

pub(crate) const ENTRY_COLUMNS: &str = "id, donor_id, donor_name, recipient_id, recipient_name, category, instrument, status, \
     amount_value, amount_currency, amount_qualifier, amount_upper, value_eur, eur_rate, eur_rate_date, value_usd, \
     usd_rate, usd_rate_date, announced_on, first_reported, n_sources, confidence, review, grant_equivalent_eur, \
     grant_equivalent_reason";

pub(crate) fn entry(row: &AnyRow) -> Result<Entry> {
    const T: &str = "ledger_entries";
    Ok(Entry {
        id: row.try_get("id")?,
        donor: Party { id: row.try_get("donor_id")?, name: row.try_get("donor_name")? },
        recipient: Party { id: row.try_get("recipient_id")?, name: row.try_get("recipient_name")? },
        category: row.try_get("category")?,
        instrument: row.try_get("instrument")?,
        status: row.try_get("status")?,
        amount: rows::figure(row, T)?,
        announced_on: date(row, T, "announced_on")?,
        first_reported: date(row, T, "first_reported")?,
        n_sources: row.try_get("n_sources")?,
        confidence: row.try_get("confidence")?,
        review: row.try_get("review")?,
        grant_equivalent_eur: rows::decimal(row, T, "grant_equivalent_eur")?,
        grant_equivalent_reason: rows::text(row, "grant_equivalent_reason")?,
    })
}

/// A differing figure of an entry, with the documents that state it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VariantRow {
    pub figure: String,
    pub value: Decimal,
    pub currency: String,
    pub qualifier: String,
    pub upper: Option<Decimal>,
    pub value_eur: Option<Decimal>,
    pub value_usd: Option<Decimal>,
    pub n_sources: i64,
    pub first_reported: Option<Date>,
    pub documents: Vec<String>,
}

/// A span of a source's text that states a field (code-point offsets).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceSpan {
    pub field: String,
    pub start: i64,
    pub end: i64,
}

/// One document that reports an entry, with the commitment it states.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub commitment_id: String,
    pub document_id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// The variant key of the figure this source states.
    pub figure: Option<String>,
    pub evidence: Vec<EvidenceSpan>,
}

/// An entry with everything behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryDetail {
    #[serde(flatten)]
    pub entry: Entry,
    /// Items, supplier, announcer, period, sources' addresses and outlets, the sentence.
    #[serde(flatten)]
    pub record: crate::FullRecord,
    pub variants: Vec<VariantRow>,
    pub sources: Vec<Source>,
    pub audit: Vec<crate::review::AuditRecord>,
}

/// Sums over a set of entries: exact, with what could not be summed counted apart.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub entries: usize,
    pub value_eur: Decimal,
    pub value_usd: Decimal,
    /// Entries with a figure the ECB rates could not convert, or none at all.
    pub without_eur: usize,
    pub without_usd: usize,
}

impl Totals {
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Totals {
        let mut t = Totals::default();
        for e in entries {
            t.entries += 1;
            match e.value_eur() {
                Some(v) => t.value_eur += v,
                None => t.without_eur += 1,
            }
            match e.value_usd() {
                Some(v) => t.value_usd += v,
                None => t.without_usd += 1,
            }
        }
        t
    }
}

/// How much the ledger holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub documents: i64,
    pub commitments: i64,
    pub entries: i64,
    pub variants: i64,
    pub errors: i64,
}

/// A stored document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredDocument {
    pub id: String,
    pub source: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    pub text: String,
    pub segments: serde_json::Value,
    pub n_commitments: i64,
}

/// An input that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IngestError {
    pub source: String,
    pub reason: String,
    pub first_seen: String,
    pub last_seen: String,
}

impl Store {
    /// Entries matching `filter`, by announcement date then id.
    pub async fn entries(&self, filter: &Filter) -> Result<Vec<Entry>> {
        let (clause, args) = filter.sql();
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM {}{clause} ORDER BY announced_on, id", filter.table());
        let mut q = sqlx::query(&sql);
        for a in &args {
            q = q.bind(a);
        }
        q.fetch_all(&self.pool).await?.iter().map(entry).collect()
    }

    /// Totals of the entries matching `filter`.
    pub async fn totals(&self, filter: &Filter) -> Result<Totals> {
        Ok(Totals::of(&self.entries(filter).await?))
    }

    /// One entry with its variants, sources (with evidence) and review log.
    pub async fn entry(&self, id: &str) -> Result<Option<EntryDetail>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM ledger_entries WHERE id = $1");
        let Some(row) = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await? else { return Ok(None) };
        let entry = entry(&row)?;
        let sources = self.sources("entry_id = $1", &[id]).await?;

        const T: &str = "variants";
        let variants = sqlx::query(
            "SELECT figure, amount_value, amount_currency, amount_qualifier, amount_upper, value_eur, value_usd, \
             n_sources, first_reported FROM variants WHERE entry_id = $1 ORDER BY n_sources DESC, figure",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let figure: String = r.try_get("figure")?;
            let mut documents: Vec<String> = sources
                .iter()
                .filter(|s| s.figure.as_deref() == Some(&figure))
                .map(|s| s.document_id.clone())
                .collect();
            documents.dedup();
            Ok(VariantRow {
                value: decimal(r, T, "amount_value")?.unwrap_or_default(),
                currency: r.try_get("amount_currency")?,
                qualifier: r.try_get("amount_qualifier")?,
                upper: decimal(r, T, "amount_upper")?,
                value_eur: decimal(r, T, "value_eur")?,
                value_usd: decimal(r, T, "value_usd")?,
                n_sources: r.try_get("n_sources")?,
                first_reported: date(r, T, "first_reported")?,
                documents,
                figure,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let audit = self.audit_log(id).await?;
        let record = self.full_record(&entry).await?;
        Ok(Some(EntryDetail { entry, record, variants, sources, audit }))
    }

    /// The sources of the commitments `cond` (on `ledger_sources`, with `args`) selects, with their evidence.
    pub(crate) async fn sources(&self, cond: &str, args: &[&str]) -> Result<Vec<Source>> {
        let mut sources = Vec::new();
        let sql = format!(
            "SELECT commitment_id, document_id, outlet, url, title, published, figure FROM ledger_sources \
             WHERE {cond} ORDER BY published, document_id"
        );
        let mut q = sqlx::query(&sql);
        for a in args {
            q = q.bind(*a);
        }
        let rows = q.fetch_all(&self.pool).await?;
        for r in &rows {
            let commitment_id: String = r.try_get("commitment_id")?;
            let evidence = sqlx::query(
                "SELECT field, start_offset, end_offset FROM evidence WHERE commitment_id = $1 ORDER BY start_offset, field",
            )
            .bind(&commitment_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|e| Ok(EvidenceSpan { field: e.try_get("field")?, start: e.try_get("start_offset")?, end: e.try_get("end_offset")? }))
            .collect::<Result<Vec<_>>>()?;
            sources.push(Source {
                commitment_id,
                document_id: r.try_get("document_id")?,
                outlet: text(r, "outlet")?,
                url: text(r, "url")?,
                title: text(r, "title")?,
                published: date(r, "documents", "published")?,
                figure: text(r, "figure")?,
                evidence,
            });
        }
        Ok(sources)
    }

    /// A stored document.
    pub async fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let Some(r) = sqlx::query(
            "SELECT id, source, url, outlet, title, published, text, segments, n_commitments FROM documents WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let segments: String = r.try_get("segments")?;
        Ok(Some(StoredDocument {
            id: r.try_get("id")?,
            source: r.try_get("source")?,
            url: text(&r, "url")?,
            outlet: text(&r, "outlet")?,
            title: text(&r, "title")?,
            published: date(&r, "documents", "published")?,
            text: r.try_get("text")?,
            segments: serde_json::from_str(&segments).unwrap_or_default(),
            n_commitments: r.try_get("n_commitments")?,
        }))
    }

    /// The ids of all stored documents (to skip them before extraction).
    pub async fn document_ids(&self) -> Result<HashSet<String>> {
        Ok(sqlx::query_scalar("SELECT id FROM documents").fetch_all(&self.pool).await?.into_iter().collect())
    }

    /// Inputs that could not be read, by source.
    pub async fn errors(&self) -> Result<Vec<IngestError>> {
        let rows = sqlx::query("SELECT source, reason, first_seen, last_seen FROM ingest_errors ORDER BY source")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(IngestError {
                    source: r.try_get("source")?,
                    reason: r.try_get("reason")?,
                    first_seen: r.try_get("first_seen")?,
                    last_seen: r.try_get("last_seen")?,
                })
            })
            .collect()
    }

    pub async fn counts(&self) -> Result<Counts> {
        let count = |table: &'static str| {
            let pool = self.pool.clone();
            async move {
                let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&pool).await?;
                Ok::<i64, crate::Error>(n)
            }
        };
        Ok(Counts {
            documents: count("documents").await?,
            commitments: count("commitments").await?,
            entries: count("ledger_entries").await?,
            variants: count("variants").await?,
            errors: count("ingest_errors").await?,
        })
    }
}
