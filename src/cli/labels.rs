//! `pledgewatch labels export`: what reviewers decided, as labels in the
//! project's labelling format (`eval/LABELLING.md`, the files of
//! `eval/labels/`): one JSON line per document, its id and the commitments it
//! states, each with its fields.
//!
//! What goes in, per document that states a reviewed entry:
//! - `commitments`: the records of entries a person approved or edited — the
//!   positives. Donor, recipient, category, instrument and status are the
//!   entry's (what the reviewer saw, approved or set); amount, announcement
//!   date and items are the document's own statement (reports of one entry
//!   may state it differently, "up to £1.6bn" and "£1.6bn"), unless the
//!   reviewer edited them, when the entry's value stands.
//! - `rejected`: the records of entries a person rejected, as extracted — the
//!   negatives: the extractor proposed them from this document, wrongly.
//! - `announces`: whether any positive remains; `partial`: whether the
//!   document holds commitments nobody reviewed yet (its line then does not
//!   label the whole document, as a labeller's line does).
//!
//! Each record also says where it came from: `review` (`approved`, `edited`,
//! `rejected`), `reviewer` and `reviewed_at` (the last decision), `edits`
//! (each changed field, old → new, from the audit log), and `source`:
//! `extracted`, or `added` with `added_by` for a record a person added from
//! the text (`commitments.added_by`). A labeller's line has
//! none of these keys; the scorer ignores keys it does not know.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use pledgewatch_store::{Reviewed, ReviewedReport, Store};
use serde_json::{Map, Value, json};

use super::export::{Output, deliver};
use super::{existing_ledger, runtime, store_error};

/// `pledgewatch labels export [--db DB] [--since WHEN] [-o FILE]`
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: LabelsCommand,
}

#[derive(clap::Subcommand)]
enum LabelsCommand {
    /// Write reviewed entries, edits and rejections as labels (JSON Lines, one line per document).
    Export {
        /// The ledger: a file path (SQLite) or a postgres:// URL.
        #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB)]
        db: String,
        /// Only entries whose last review is at or after WHEN: a day (2026-12-01) or an
        /// RFC 3339 time (2026-12-01T09:30:00Z).
        #[arg(long, value_name = "WHEN", value_parser = parse_since)]
        since: Option<String>,
        /// Where to write; standard output when absent.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
}

/// A day or a time, as the review log stores times (UTC, RFC 3339), so that
/// the two compare as text.
fn parse_since(s: &str) -> Result<String, String> {
    let t = s.trim();
    if let Ok(day) = t.parse::<jiff::civil::Date>() {
        return Ok(day.to_string());
    }
    t.parse::<jiff::Timestamp>()
        .map(|ts| ts.to_string())
        .map_err(|_| "expected a day (2026-12-01) or an RFC 3339 time (2026-12-01T09:30:00Z)".to_string())
}

pub fn run(args: Args) -> std::io::Result<ExitCode> {
    let LabelsCommand::Export { db, since, output } = args.command;
    existing_ledger(&db)?;
    let mut output = output.as_deref().map(Output::create).transpose()?;
    let reviewed = runtime()?.block_on(async {
        let store = Store::open(&db).await?;
        let reviewed = store.reviewed_since(since.as_deref()).await;
        store.close().await;
        reviewed
    });
    let mut buf = Vec::new();
    for line in labels(&reviewed.map_err(store_error)?) {
        serde_json::to_writer(&mut buf, &line)?;
        buf.push(b'\n');
    }
    deliver(output.take(), &buf)?;
    Ok(ExitCode::SUCCESS)
}

/// One line per document, in the order documents were first decided on.
pub fn labels(reviewed: &[Reviewed]) -> Vec<Value> {
    let mut order: Vec<String> = Vec::new();
    let mut docs: BTreeMap<String, (&ReviewedReport, Vec<Value>, Vec<Value>)> = BTreeMap::new();
    for r in reviewed {
        for report in &r.reports {
            let doc = docs.entry(report.document_id.clone()).or_insert_with(|| {
                order.push(report.document_id.clone());
                (report, Vec::new(), Vec::new())
            });
            let record = record(r, report);
            if r.entry.review == "rejected" {
                doc.2.push(record);
            } else {
                doc.1.push(record);
            }
        }
    }
    order
        .iter()
        .filter_map(|id| docs.remove(id))
        .map(|(report, positives, negatives)| {
            let labelled = (positives.len() + negatives.len()) as i64;
            json!({
                "id": report.source_id.clone().unwrap_or_else(|| report.document_id.clone()),
                "document_id": report.document_id,
                "title": report.title,
                "announces": !positives.is_empty(),
                "partial": report.document_commitments > labelled,
                "commitments": positives,
                "rejected": negatives,
            })
        })
        .collect()
}

/// Fields whose edit makes the entry's value stand over the document's own.
const AMOUNT_FIELDS: &[&str] = &["figure", "amount", "value", "currency", "qualifier", "upper"];

/// One record in the labelling format, with where it came from.
fn record(r: &Reviewed, report: &ReviewedReport) -> Value {
    let e = &r.entry;
    let own = &report.record;
    let edited = |fields: &[&str]| {
        r.audit.iter().any(|a| a.action == "edit" && a.field.as_deref().is_some_and(|f| fields.contains(&f)))
    };
    let rejected = e.review == "rejected";
    let mut m = Map::new();
    let party = |p: &Value| p.get("id").cloned().unwrap_or(Value::Null);
    if rejected {
        // As extracted: the document's own record is what was wrong.
        m.insert("donor".into(), party(&own["donor"]));
        m.insert("recipient".into(), party(&own["recipient"]));
    } else {
        m.insert("donor".into(), json!(e.donor.id));
        m.insert("recipient".into(), json!(e.recipient.id));
    }
    let (amount, currency, qualifier, upper) = if !rejected && edited(AMOUNT_FIELDS) {
        match &e.amount {
            Some(f) => (json!(f.value), json!(f.currency), json!(f.qualifier), json!(f.upper)),
            None => (Value::Null, Value::Null, Value::Null, Value::Null),
        }
    } else {
        let a = &own["amount"];
        let get = |k: &str| a.get(k).cloned().unwrap_or(Value::Null);
        (get("value"), get("currency"), get("qualifier"), get("upper"))
    };
    m.insert("amount".into(), amount);
    m.insert("currency".into(), currency);
    m.insert("qualifier".into(), qualifier);
    if !upper.is_null() {
        m.insert("upper".into(), upper);
    }
    for field in ["category", "instrument", "status"] {
        let v = if rejected {
            own.get(field).cloned().unwrap_or(Value::Null)
        } else {
            json!(match field {
                "category" => &e.category,
                "instrument" => &e.instrument,
                _ => &e.status,
            })
        };
        m.insert(field.into(), v);
    }
    let announced = if !rejected && edited(&["announced_on"]) {
        json!(e.announced_on.map(|d| d.to_string()))
    } else {
        own.get("announced_on").cloned().unwrap_or(Value::Null)
    };
    m.insert("announced_on".into(), announced);
    let items: &[Value] = match r.edits.get("items").and_then(Value::as_array) {
        Some(edited) if !rejected => edited,
        _ => own.get("items").and_then(Value::as_array).map_or(&[], Vec::as_slice),
    };
    let mut classes: Vec<Value> = Vec::new();
    for i in items {
        let c = i.get("class").cloned().unwrap_or(Value::Null);
        if !c.is_null() && !classes.contains(&c) {
            classes.push(c);
        }
    }
    m.insert("items".into(), Value::Array(classes));
    // Where the record came from.
    m.insert("entry_id".into(), json!(e.id));
    m.insert("commitment_id".into(), json!(report.commitment_id));
    m.insert("review".into(), json!(e.review));
    let last = r.last();
    m.insert("reviewer".into(), json!(last.map(|a| &a.actor)));
    m.insert("reviewed_at".into(), json!(last.map(|a| &a.at)));
    let edits: Vec<Value> = r
        .audit
        .iter()
        .filter(|a| a.action == "edit")
        .map(|a| json!({ "field": a.field, "old": a.old_value, "new": a.new_value, "by": a.actor, "at": a.at }))
        .collect();
    m.insert("edits".into(), Value::Array(edits));
    let added_by = report.added_by.as_deref();
    m.insert("source".into(), json!(if added_by.is_some() { "added" } else { "extracted" }));
    m.insert("added_by".into(), json!(added_by));
    if let Some(note) = last.and_then(|a| a.note.as_ref()) {
        m.insert("note".into(), json!(note));
    }
    Value::Object(m)
}
