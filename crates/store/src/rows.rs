//! Between Rust values and columns: the pipeline's records into bindable
//! values, and rows back into the store's own types. Decimals travel as
//! exact text and dates as ISO text on both databases.

use std::str::FromStr;

use jiff::civil::Date;
use pledgewatch_pipeline::{Commitment, Document};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{Error, Result};
use crate::merge::{Converted, Figure, ItemCount, Report};

/// The snake_case name serde gives a unit variant (`ExportFinance` → `export_finance`).
pub(crate) fn name_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(crate) fn text(row: &AnyRow, col: &str) -> Result<Option<String>> {
    Ok(row.try_get::<Option<String>, _>(col)?)
}

pub(crate) fn decimal(row: &AnyRow, table: &'static str, col: &str) -> Result<Option<Decimal>> {
    text(row, col)?
        .map(|s| Decimal::from_str(&s).map_err(|e| Error::corrupt(table, format!("{col} {s:?}: {e}"))))
        .transpose()
}

pub(crate) fn date(row: &AnyRow, table: &'static str, col: &str) -> Result<Option<Date>> {
    text(row, col)?
        .map(|s| s.parse::<Date>().map_err(|e| Error::corrupt(table, format!("{col} {s:?}: {e}"))))
        .transpose()
}

fn converted(row: &AnyRow, table: &'static str, prefix: &str) -> Result<Option<Converted>> {
    let value = decimal(row, table, &format!("value_{prefix}"))?;
    let rate = decimal(row, table, &format!("{prefix}_rate"))?;
    let rate_date = date(row, table, &format!("{prefix}_rate_date"))?;
    Ok(match (value, rate, rate_date) {
        (Some(value), Some(rate), Some(rate_date)) => Some(Converted { value, rate, rate_date }),
        _ => None,
    })
}

/// The figure columns (`amount_*`, `value_eur`, `eur_rate`…) of a row.
pub(crate) fn figure(row: &AnyRow, table: &'static str) -> Result<Option<Figure>> {
    let Some(value) = decimal(row, table, "amount_value")? else { return Ok(None) };
    Ok(Some(Figure {
        value,
        currency: text(row, "amount_currency")?.unwrap_or_default(),
        qualifier: text(row, "amount_qualifier")?.unwrap_or_else(|| "exact".into()),
        upper: decimal(row, table, "amount_upper")?,
        eur: converted(row, table, "eur")?,
        usd: converted(row, table, "usd")?,
    }))
}

/// The columns `report` reads, in `commitments`.
pub(crate) const REPORT_COLUMNS: &str = "id, document_id, published, donor_id, donor_name, recipient_id, recipient_name, \
     category, instrument, status, amount_value, amount_currency, amount_qualifier, amount_upper, \
     value_eur, eur_rate, eur_rate_date, value_usd, usd_rate, usd_rate_date, announced_on, confidence, items, \
     grant_element, grant_equivalent_reason, \
     (SELECT l.stage FROM lifecycle_links l WHERE l.commitment_id = commitments.id \
      AND l.entry_id = commitments.entry_id AND l.state = 'linked') AS stage_event";

pub(crate) fn report(row: &AnyRow) -> Result<Report> {
    const T: &str = "commitments";
    let items: String = row.try_get("items")?;
    Ok(Report {
        commitment_id: row.try_get("id")?,
        document_id: row.try_get("document_id")?,
        published: date(row, T, "published")?,
        donor: (text(row, "donor_id")?.unwrap_or_default(), text(row, "donor_name")?.unwrap_or_default()),
        recipient: (text(row, "recipient_id")?.unwrap_or_default(), text(row, "recipient_name")?.unwrap_or_default()),
        category: row.try_get("category")?,
        instrument: row.try_get("instrument")?,
        status: row.try_get("status")?,
        announced_on: date(row, T, "announced_on")?,
        figure: figure(row, T)?,
        items: serde_json::from_str(&items).map_err(|e| Error::corrupt(T, format!("items: {e}")))?,
        confidence: row.try_get("confidence")?,
        stage_event: text(row, "stage_event")?,
        grant_element: decimal(row, T, "grant_element")?,
        grant_equivalent_reason: text(row, "grant_equivalent_reason")?,
    })
}

/// What merging needs from a commitment the pipeline produced.
pub(crate) fn report_of(c: &Commitment, doc: &Document) -> Report {
    let conv =
        |c: &pledgewatch_pipeline::rates::Converted| Converted { value: c.value, rate: c.rate, rate_date: c.rate_date };
    let party = |p: &Option<pledgewatch_pipeline::commitments::Party>| {
        p.as_ref().map(|p| (p.id.clone(), p.name.clone())).unwrap_or_default()
    };
    Report {
        commitment_id: c.id.clone(),
        document_id: doc.id.clone(),
        published: doc.published,
        donor: party(&c.donor),
        recipient: party(&c.recipient),
        category: name_of(&c.category),
        instrument: name_of(&c.instrument),
        status: name_of(&c.status),
        announced_on: c.announced_on,
        figure: c.amount.as_ref().map(|a| Figure {
            value: a.value,
            currency: a.currency.clone(),
            qualifier: name_of(&a.qualifier),
            upper: a.upper,
            eur: c.value_eur.as_ref().map(conv),
            usd: c.value_usd.as_ref().map(conv),
        }),
        items: c
            .items
            .iter()
            .map(|i| ItemCount {
                class: name_of(&i.class),
                quantity: i.quantity,
                qualifier: i.qualifier.as_ref().map(name_of),
                upper: i.upper,
            })
            .collect(),
        confidence: c.confidence,
        stage_event: None,
        // Only a loan's terms give a grant element; a grant's is its face value whatever it joins.
        grant_element: c
            .annotations
            .grant_equivalent
            .as_ref()
            .filter(|_| c.instrument == pledgewatch_pipeline::commitments::Instrument::Loan)
            .and_then(|g| g.grant_element_pct),
        grant_equivalent_reason: c.annotations.grant_equivalent.as_ref().and_then(|g| g.reason.map(str::to_string)),
    }
}

pub(crate) fn opt_string<T: ToString>(v: Option<T>) -> Option<String> {
    v.map(|v| v.to_string())
}
