//! A commitment the extractor missed, added by a reviewer from a sentence of a
//! stored document. It is stored like an extracted one — the record, the
//! evidence spans (the sentence, and the figure's span when the recogniser
//! found it), the merge into a ledger entry — and marked with who added it
//! (`commitments.added_by`), and the entry's audit log says so. Its values are
//! checked as an edit's are (`edit.rs`).

use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Item, NamedIn, Party, Status};
use pledgewatch_pipeline::mentions::{ItemClass, Qualifier};
use pledgewatch_pipeline::propose::byte_span;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Commitment, Document};
use serde::de::DeserializeOwned;

use crate::Store;
use crate::edit::{self, check_figure, currency, one_of, parse_items, positive, resolve_country, resolve_party};
use crate::error::{Error, Result};
use crate::merge::Figure;
use crate::review::{CATEGORIES, INSTRUMENTS, Log, STATUSES};
use crate::write::insert_commitment;

/// The fields an addition takes.
pub const ADD_FIELDS: &[&str] = &[
    "donor",
    "recipient",
    "amount",
    "currency",
    "qualifier",
    "upper",
    "announced_on",
    "category",
    "instrument",
    "status",
    "items",
    "supplier",
    "made_in",
];

/// Longest sentence an addition may cite, in code points.
pub const MAX_SENTENCE: usize = 5000;

/// A commitment to add from a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Addition {
    pub document_id: String,
    /// The sentence that states it, in code points of the document's text.
    pub sentence: (usize, usize),
    /// The figure's span, within the sentence.
    pub figure: Option<(usize, usize)>,
    /// Field → value, as an edit takes them ([`ADD_FIELDS`]); donor and
    /// recipient are required, the date defaults to the document's.
    pub fields: Vec<(String, String)>,
}

/// What an addition made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    pub commitment_id: String,
    /// The ledger entry it joined (a new one, or one that reports the same commitment).
    pub entry_id: String,
}

impl Store {
    /// Adds a commitment by `actor` from a stored document: checked, stored,
    /// merged into the ledger and logged in one transaction, or refused whole.
    pub async fn add_commitment(
        &self,
        a: &Addition,
        actor: &str,
        note: Option<&str>,
        rates: &RateTable,
    ) -> Result<Added> {
        let doc = self.document(&a.document_id).await?.ok_or_else(|| Error::NoDocument(a.document_id.clone()))?;
        let doc = Document {
            id: doc.id,
            source: doc.source,
            source_id: None,
            url: doc.url,
            outlet: doc.outlet,
            title: doc.title,
            published: doc.published,
            text: doc.text,
            segments: Vec::new(),
        };
        let mut c = commitment(&doc, a, rates)?;
        let mut tx = self.begin_write().await?;
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commitments WHERE document_id = $1")
            .bind(&doc.id)
            .fetch_one(&mut *tx)
            .await?;
        c.id = format!("{}-r{}", doc.id, taken + 1);
        let now = crate::now();
        let _ = insert_commitment(&mut tx, &doc, &c, &now).await?;
        sqlx::query("UPDATE commitments SET added_by = $1 WHERE id = $2")
            .bind(actor)
            .bind(&c.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE documents SET n_commitments = n_commitments + 1 WHERE id = $1")
            .bind(&doc.id)
            .execute(&mut *tx)
            .await?;
        let entry_id: String = sqlx::query_scalar("SELECT entry_id FROM commitments WHERE id = $1")
            .bind(&c.id)
            .fetch_one(&mut *tx)
            .await?;
        let log = Log { entry_id: &entry_id, actor, note, at: &now };
        let what = format!("{} from document {}", c.id, doc.id);
        log.write(&mut tx, "add", Some("commitment"), None, Some(&what)).await?;
        crate::history::record(&mut tx, [&entry_id], "add", Some(actor)).await?;
        tx.commit().await?;
        Ok(Added { commitment_id: c.id, entry_id })
    }

    /// Who added each of a document's commitments by hand: (commitment id, user).
    pub async fn added_by(&self, document_id: &str) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, added_by FROM commitments WHERE document_id = $1 AND added_by IS NOT NULL ORDER BY id",
        )
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// The record of `a`, checked (its id is set by the caller).
fn commitment(doc: &Document, a: &Addition, rates: &RateTable) -> Result<Commitment> {
    let get = |name: &str| a.fields.iter().find(|(f, _)| f == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
    for (i, (field, _)) in a.fields.iter().enumerate() {
        if !ADD_FIELDS.contains(&field.as_str()) {
            return Err(Error::Review(format!("cannot add with {field:?} ({})", ADD_FIELDS.join(", "))));
        }
        if a.fields[..i].iter().any(|(f, _)| f == field) {
            return Err(Error::Review(format!("{field} is given twice")));
        }
    }
    let (start, end) = a.sentence;
    let bytes = byte_span(&doc.text, start, end)
        .filter(|_| end - start <= MAX_SENTENCE)
        .ok_or_else(|| Error::Review(format!("sentence {start}..{end} is not a span of document {}", doc.id)))?;
    let mut evidence = vec![Evidence { field: "statement", start, end, bytes }];
    if let Some((fs, fe)) = a.figure {
        let fb = byte_span(&doc.text, fs, fe)
            .filter(|_| fs >= start && fe <= end)
            .ok_or_else(|| Error::Review(format!("figure {fs}..{fe} is not within the sentence {start}..{end}")))?;
        evidence.push(Evidence { field: "amount", start: fs, end: fe, bytes: fb });
    }

    let party = |role: &str| -> Result<Party> {
        let v = get(role).ok_or_else(|| Error::Review(format!("a commitment needs a {role}")))?;
        let p = resolve_party(role, v)?;
        Ok(Party { id: p.id, name: p.name })
    };
    let (donor, recipient) = (party("donor")?, party("recipient")?);
    if donor.id == recipient.id {
        return Err(Error::Review(format!(
            "donor and recipient are both {}: a commitment is between two parties",
            donor.id
        )));
    }
    let announced_on =
        match get("announced_on") {
            Some(d) => Some(d.parse().map_err(|_| {
                Error::Review(format!("announced_on {d:?} is not a date (YYYY-MM-DD, e.g. 2024-03-01)"))
            })?),
            None => doc.published,
        };
    let amount = match (get("amount"), get("currency")) {
        (None, None) if get("upper").is_none() => None,
        (Some(v), Some(c)) => {
            let mut f = Figure {
                value: positive("amount", v)?,
                currency: currency(c)?,
                qualifier: one_of("qualifier", get("qualifier").unwrap_or("exact"), edit::QUALIFIERS)?,
                upper: get("upper").map(|u| positive("upper", u)).transpose()?,
                eur: None,
                usd: None,
            };
            check_figure(&f)?;
            (f.eur, f.usd) = edit::convert(&f, announced_on, rates);
            Some(f)
        }
        _ => return Err(Error::Review("a figure needs both amount and currency".into())),
    };
    let conversion = amount.as_ref().zip(announced_on).map(|(f, on)| rates.convert(f.value, &f.currency, on));
    let kind = |field: &str, default: &str, allowed: &[&str]| one_of(field, get(field).unwrap_or(default), allowed);
    let items = parse_items(get("items").unwrap_or(""))?
        .into_iter()
        .map(|i| {
            Ok(Item {
                quantity: i.quantity,
                qualifier: i.qualifier.as_deref().map(named::<Qualifier>).transpose()?,
                upper: i.upper,
                item: i.class.replace('_', " "),
                class: named::<ItemClass>(&i.class)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let made_in = get("made_in").map(resolve_country).transpose()?;
    let supplier = get("supplier").map(|s| NamedIn {
        name: s.chars().take(200).collect(),
        country: made_in.as_ref().map(|m| m.id.clone()).unwrap_or_default(),
    });
    Ok(Commitment {
        id: String::new(),
        donor: Some(donor),
        recipient: Some(recipient),
        category: named::<Category>(&kind("category", "other", CATEGORIES)?)?,
        instrument: named::<Instrument>(&kind("instrument", "unspecified", INSTRUMENTS)?)?,
        status: named::<Status>(&kind("status", "announced", STATUSES)?)?,
        amount: amount
            .as_ref()
            .map(|f| {
                Ok::<_, Error>(Amount {
                    value: f.value,
                    currency: f.currency.clone(),
                    qualifier: named(&f.qualifier)?,
                    upper: f.upper,
                })
            })
            .transpose()?,
        value_eur: conversion.and_then(|c| c.eur.ok()),
        value_usd: conversion.and_then(|c| c.usd.ok()),
        unconverted: conversion.and_then(|c| c.unconverted()),
        items,
        made_in: made_in.map(|m| NamedIn { name: m.name, country: m.id }),
        supplier,
        announced_on,
        period: None,
        announced_by: None,
        // A person read it in the text.
        confidence: 1.0,
        rules: Vec::new(),
        evidence,
        annotations: Default::default(),
    })
}

/// The model's value named `name` (a checked snake_case name).
fn named<T: DeserializeOwned>(name: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|e| Error::Review(format!("{name:?}: {e}")))
}
