//! Writing: a batch of processed documents in one transaction — each
//! document, its commitments and evidence, and the ledger entries they join —
//! so that a crash leaves the ledger as it was before the batch or after it.

use std::collections::HashSet;

use pledgewatch_pipeline::{Commitment, Document};
use sqlx::AnyConnection;
use sqlx::{Any, Transaction};

use crate::Store;
use crate::error::{Error, Result};
use crate::merge::{self, Canonical, DATE_WINDOW_DAYS, Edits, Report};
use crate::rows::{self, REPORT_COLUMNS, opt_string};
use crate::search;

/// One input after the text stages.
#[derive(Debug)]
pub enum Processed {
    /// A document and the commitments extracted from it.
    Document { document: Document, commitments: Vec<Commitment> },
    /// A document the ledger already held when the run began (not extracted again).
    Known,
    /// An input that could not be read or parsed.
    Failed { source: String, reason: String },
}

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Documents stored.
    pub stored: usize,
    /// Documents already in the ledger.
    pub skipped: usize,
    /// Inputs recorded as errors.
    pub errors: usize,
    /// Commitments stored.
    pub commitments: usize,
}

impl std::ops::AddAssign for WriteStats {
    fn add_assign(&mut self, o: WriteStats) {
        self.stored += o.stored;
        self.skipped += o.skipped;
        self.errors += o.errors;
        self.commitments += o.commitments;
    }
}

impl Store {
    /// Stores a batch in one transaction, merging each new commitment into the
    /// ledger in batch order. A document already stored (same id) is skipped.
    pub async fn write(&self, batch: &[Processed]) -> Result<WriteStats> {
        let mut tx = self.begin_write().await?;
        let mut stats = WriteStats::default();
        let now = crate::now();
        let mut touched = std::collections::BTreeSet::new();
        for item in batch {
            match item {
                Processed::Known => stats.skipped += 1,
                Processed::Failed { source, reason } => {
                    record_error(&mut tx, source, reason, &now).await?;
                    stats.errors += 1;
                }
                Processed::Document { document, commitments } => {
                    // Ids are content hashes: a repeated one is the same record twice.
                    let mut seen = HashSet::new();
                    let unique: Vec<&Commitment> = commitments.iter().filter(|c| seen.insert(&c.id)).collect();
                    if insert_document(&mut tx, document, unique.len(), &now).await? {
                        for c in &unique {
                            touched.insert(insert_commitment(&mut tx, document, c, &now).await?);
                        }
                        stats.stored += 1;
                        stats.commitments += unique.len();
                    } else {
                        stats.skipped += 1;
                    }
                }
            }
        }
        crate::history::record(&mut tx, &touched, "ingest", None).await?;
        tx.commit().await?;
        Ok(stats)
    }
}

async fn record_error(tx: &mut Transaction<'_, Any>, source: &str, reason: &str, now: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO ingest_errors (source, reason, first_seen, last_seen) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (source) DO UPDATE SET reason = excluded.reason, last_seen = excluded.last_seen",
    )
    .bind(source)
    .bind(reason)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Inserts a document; `false` when one with its id is already stored.
async fn insert_document(tx: &mut Transaction<'_, Any>, d: &Document, n: usize, now: &str) -> Result<bool> {
    let segments = serde_json::to_string(&d.segments).map_err(|e| Error::corrupt("documents", e.to_string()))?;
    let done = sqlx::query(
        "INSERT INTO documents (id, source, source_id, url, outlet, title, published, text, segments, n_commitments, ingested_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&d.id)
    .bind(&d.source)
    .bind(&d.source_id)
    .bind(&d.url)
    .bind(&d.outlet)
    .bind(&d.title)
    .bind(opt_string(d.published))
    .bind(&d.text)
    .bind(segments)
    .bind(n as i64)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores one commitment with its evidence, in the ledger entry it joins;
/// returns that entry's id (the caller records its new version).
pub(crate) async fn insert_commitment(
    tx: &mut Transaction<'_, Any>,
    doc: &Document,
    c: &Commitment,
    now: &str,
) -> Result<String> {
    let mut report = rows::report_of(c, doc);
    // A later report of a stage (a delivery, a disbursement) joins the entry it follows up
    // when the match is certain; an uncertain one opens its own entry and is proposed.
    let later = match &c.annotations.follow_up {
        Some(f) if crate::regroup::pinned_entry(tx, &report.commitment_id).await?.is_none() => {
            crate::lifecycle::decide(tx, &report, f).await?.map(|d| (f, d))
        }
        _ => None,
    };
    let (entry_id, mut members) = match &later {
        Some((f, d)) if d.linked() => {
            report.stage_event = Some(rows::name_of(&f.stage));
            (d.entry_id.clone(), load_members(tx, &d.entry_id).await?)
        }
        _ => assign(tx, &report).await?,
    };
    members.push(report.clone());
    let edits = load_edits(tx, &entry_id).await?;
    let canonical = merge::canonical(&members, &edits);
    save_entry(tx, &entry_id, &canonical, now).await?;

    let corrupt = |e: serde_json::Error| Error::corrupt("commitments", e.to_string());
    let record = serde_json::to_string(c).map_err(corrupt)?;
    let items = serde_json::to_string(&report.items).map_err(corrupt)?;
    let fig = report.figure.as_ref();
    sqlx::query(
        "INSERT INTO commitments (id, document_id, entry_id, donor_id, donor_name, recipient_id, recipient_name, \
         category, instrument, status, figure, amount_value, amount_currency, amount_qualifier, amount_upper, \
         value_eur, eur_rate, eur_rate_date, value_usd, usd_rate, usd_rate_date, unconverted, announced_on, published, \
         confidence, items, record, grant_element, grant_equivalent_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)",
    )
    .bind(&c.id)
    .bind(&doc.id)
    .bind(&entry_id)
    .bind(c.donor.as_ref().map(|p| p.id.clone()))
    .bind(c.donor.as_ref().map(|p| p.name.clone()))
    .bind(c.recipient.as_ref().map(|p| p.id.clone()))
    .bind(c.recipient.as_ref().map(|p| p.name.clone()))
    .bind(&report.category)
    .bind(&report.instrument)
    .bind(&report.status)
    .bind(fig.map(|f| f.key()))
    .bind(fig.map(|f| f.value.to_string()))
    .bind(fig.map(|f| f.currency.clone()))
    .bind(fig.map(|f| f.qualifier.clone()))
    .bind(opt_string(fig.and_then(|f| f.upper)))
    .bind(opt_string(fig.and_then(|f| f.eur.as_ref()).map(|v| v.value)))
    .bind(opt_string(fig.and_then(|f| f.eur.as_ref()).map(|v| v.rate)))
    .bind(opt_string(fig.and_then(|f| f.eur.as_ref()).map(|v| v.rate_date)))
    .bind(opt_string(fig.and_then(|f| f.usd.as_ref()).map(|v| v.value)))
    .bind(opt_string(fig.and_then(|f| f.usd.as_ref()).map(|v| v.rate)))
    .bind(opt_string(fig.and_then(|f| f.usd.as_ref()).map(|v| v.rate_date)))
    .bind(c.unconverted.as_ref().map(rows::name_of))
    .bind(opt_string(c.announced_on))
    .bind(opt_string(doc.published))
    .bind(c.confidence)
    .bind(items)
    .bind(record)
    .bind(opt_string(report.grant_element))
    .bind(&report.grant_equivalent_reason)
    .execute(&mut **tx)
    .await?;
    if let Some((f, d)) = &later {
        crate::lifecycle::record(tx, &c.id, f, d, report.figure.as_ref(), now).await?;
    }

    if !c.evidence.is_empty() {
        let mut sql = String::from("INSERT INTO evidence (commitment_id, field, start_offset, end_offset) VALUES ");
        for i in 0..c.evidence.len() {
            let n = i * 4;
            sql.push_str(&format!("{}(${}, ${}, ${}, ${})", if i > 0 { ", " } else { "" }, n + 1, n + 2, n + 3, n + 4));
        }
        let mut q = sqlx::query(&sql);
        for e in &c.evidence {
            q = q.bind(&c.id).bind(e.field).bind(e.start as i64).bind(e.end as i64);
        }
        q.execute(&mut **tx).await?;
    }
    // The search index: a new entry's words are all in hand; an entry this
    // commitment joined grew by its words, and may have changed its names.
    if members.len() == 1 {
        let names = [canonical.donor.1.as_str(), canonical.recipient.1.as_str()];
        let spans = c.evidence.iter().map(|e| (e.start, e.end));
        search::index_new(tx, &entry_id, names, doc.title.as_deref(), &doc.text, spans).await?;
    } else {
        search::refresh(tx, std::slice::from_ref(&entry_id)).await?;
    }
    Ok(entry_id)
}

/// The entry `report` joins and its members so far; a new entry (named by
/// the report's commitment id) when it matches none, or the entry a person
/// pinned it to.
async fn assign(tx: &mut Transaction<'_, Any>, report: &Report) -> Result<(String, Vec<Report>)> {
    // A person placed this commitment before (its document is stored again): it goes back there.
    if let Some(entry) = crate::regroup::pinned_entry(tx, &report.commitment_id).await? {
        let members = load_members(tx, &entry).await?;
        return Ok((entry, members));
    }
    let mut candidates: Vec<(String, Vec<Report>)> = Vec::new();
    if let Some(on) = report.announced_on {
        let window = jiff::Span::new().days(DATE_WINDOW_DAYS);
        let (from, to) = (on.saturating_sub(window), on.saturating_add(window));
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT entry_id FROM commitments WHERE donor_id = $1 AND recipient_id = $2 \
             AND announced_on >= $3 AND announced_on <= $4 ORDER BY entry_id",
        )
        .bind(&report.donor.0)
        .bind(&report.recipient.0)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&mut **tx)
        .await?;
        for id in ids {
            let members = load_members(tx, &id).await?;
            candidates.push((id, members));
        }
    }
    match merge::choose_entry(report, &candidates).map(str::to_string) {
        Some(id) => {
            let members = candidates.into_iter().find(|c| c.0 == id).map(|c| c.1).unwrap_or_default();
            Ok((id, members))
        }
        None => Ok((report.commitment_id.clone(), Vec::new())),
    }
}

pub(crate) async fn load_members(conn: &mut AnyConnection, entry_id: &str) -> Result<Vec<Report>> {
    let rows = sqlx::query(&format!("SELECT {REPORT_COLUMNS} FROM commitments WHERE entry_id = $1 ORDER BY id"))
        .bind(entry_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(rows::report).collect()
}

pub(crate) async fn load_edits(conn: &mut AnyConnection, entry_id: &str) -> Result<Edits> {
    let edits: Option<Option<String>> = sqlx::query_scalar("SELECT edits FROM ledger_entries WHERE id = $1")
        .bind(entry_id)
        .fetch_optional(&mut *conn)
        .await?;
    match edits.flatten() {
        Some(s) => serde_json::from_str(&s).map_err(|e| Error::corrupt("ledger_entries", format!("edits: {e}"))),
        None => Ok(Edits::default()),
    }
}

/// Writes an entry's computed columns and its variants; review state and
/// edits are left as they are (a new entry starts unreviewed).
pub(crate) async fn save_entry(conn: &mut AnyConnection, id: &str, c: &Canonical, now: &str) -> Result<()> {
    let fig = c.figure.as_ref();
    let eur = fig.and_then(|f| f.eur.as_ref());
    let usd = fig.and_then(|f| f.usd.as_ref());
    sqlx::query(
        "INSERT INTO ledger_entries (id, donor_id, donor_name, recipient_id, recipient_name, category, instrument, \
         status, figure, amount_value, amount_currency, amount_qualifier, amount_upper, value_eur, eur_rate, \
         eur_rate_date, value_usd, usd_rate, usd_rate_date, announced_on, first_reported, n_sources, confidence, \
         review, updated_at, grant_equivalent_eur, grant_equivalent_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, 'unreviewed', $24, $25, $26) \
         ON CONFLICT (id) DO UPDATE SET donor_id = excluded.donor_id, donor_name = excluded.donor_name, \
         recipient_id = excluded.recipient_id, recipient_name = excluded.recipient_name, \
         category = excluded.category, instrument = excluded.instrument, status = excluded.status, \
         figure = excluded.figure, amount_value = excluded.amount_value, amount_currency = excluded.amount_currency, \
         amount_qualifier = excluded.amount_qualifier, amount_upper = excluded.amount_upper, \
         value_eur = excluded.value_eur, eur_rate = excluded.eur_rate, eur_rate_date = excluded.eur_rate_date, \
         value_usd = excluded.value_usd, usd_rate = excluded.usd_rate, usd_rate_date = excluded.usd_rate_date, \
         announced_on = excluded.announced_on, first_reported = excluded.first_reported, \
         n_sources = excluded.n_sources, confidence = excluded.confidence, updated_at = excluded.updated_at, \
         grant_equivalent_eur = excluded.grant_equivalent_eur, grant_equivalent_reason = excluded.grant_equivalent_reason",
    )
    .bind(id)
    .bind(&c.donor.0)
    .bind(&c.donor.1)
    .bind(&c.recipient.0)
    .bind(&c.recipient.1)
    .bind(&c.category)
    .bind(&c.instrument)
    .bind(&c.status)
    .bind(fig.map(|f| f.key()))
    .bind(fig.map(|f| f.value.to_string()))
    .bind(fig.map(|f| f.currency.clone()))
    .bind(fig.map(|f| f.qualifier.clone()))
    .bind(opt_string(fig.and_then(|f| f.upper)))
    .bind(opt_string(eur.map(|v| v.value)))
    .bind(opt_string(eur.map(|v| v.rate)))
    .bind(opt_string(eur.map(|v| v.rate_date)))
    .bind(opt_string(usd.map(|v| v.value)))
    .bind(opt_string(usd.map(|v| v.rate)))
    .bind(opt_string(usd.map(|v| v.rate_date)))
    .bind(opt_string(c.announced_on))
    .bind(opt_string(c.first_reported))
    .bind(c.n_sources as i64)
    .bind(c.confidence)
    .bind(now)
    .bind(opt_string(c.grant_equivalent_eur))
    .bind(&c.grant_equivalent_reason)
    .execute(&mut *conn)
    .await?;

    sqlx::query("DELETE FROM variants WHERE entry_id = $1").bind(id).execute(&mut *conn).await?;
    for v in &c.variants {
        let f = &v.figure;
        sqlx::query(
            "INSERT INTO variants (entry_id, figure, amount_value, amount_currency, amount_qualifier, amount_upper, \
             value_eur, value_usd, n_sources, first_reported) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(&v.key)
        .bind(f.value.to_string())
        .bind(&f.currency)
        .bind(&f.qualifier)
        .bind(opt_string(f.upper))
        .bind(opt_string(f.eur.as_ref().map(|c| c.value)))
        .bind(opt_string(f.usd.as_ref().map(|c| c.value)))
        .bind(v.n_sources as i64)
        .bind(opt_string(v.first_reported))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
