//! Converting what waited for rates: commitments stored with the `rates_stale` flag (dated
//! after the newest ECB rate when they were extracted) get their EUR and USD values once
//! newer rates are in, and their ledger entries are recomputed — so a record is never left
//! without EUR for want of an update.
//!
//! Entries keep their members: which reports are one commitment was decided at ingest, and
//! re-merging would make the ledger depend on when rates arrived.

use std::collections::BTreeSet;

use jiff::civil::Date;
use pledgewatch_pipeline::rates::{Conversion, Converted, RateTable, Unconverted};
use rust_decimal::Decimal;
use serde_json::Value;
use sqlx::Row;

use crate::Store;
use crate::error::{Error, Result};
use crate::merge;
use crate::rows::{self, name_of, opt_string};
use crate::write::{load_edits, load_members, save_entry};

/// Flags that mean "waiting for newer rates": today's, and the one ledgers written before
/// it carry for dates past the table's end.
const WAITING: [&str; 2] = ["rates_stale", "after_series"];

/// What [`Store::reconvert_stale`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reconverted {
    /// Commitments that now have a EUR value (and a USD one unless the flag says why not).
    pub converted: usize,
    /// Commitments the new rates settle as not convertible (a currency the ECB stopped).
    pub unconvertible: usize,
    /// Commitments still dated after the newest rate.
    pub still_stale: usize,
    /// Ledger entries recomputed.
    pub entries: usize,
}

impl Store {
    /// The ids of the stored commitments waiting for newer rates, sorted.
    pub async fn stale_commitments(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT id FROM commitments WHERE unconverted IN ($1, $2) ORDER BY id")
            .bind(WAITING[0])
            .bind(WAITING[1])
            .fetch_all(&self.pool)
            .await?)
    }

    /// Converts every commitment flagged `rates_stale` with `rates` (its amount on its
    /// announcement date, as the pipeline does), stores the values, the new flag (none, or
    /// why not) and the record JSON, and recomputes the entries they belong to — their
    /// values, variants and so the totals. One transaction: all or nothing.
    pub async fn reconvert_stale(&self, rates: &RateTable) -> Result<Reconverted> {
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(
            "SELECT id, entry_id, amount_value, amount_currency, announced_on, record FROM commitments \
             WHERE unconverted IN ($1, $2) ORDER BY id",
        )
        .bind(WAITING[0])
        .bind(WAITING[1])
        .fetch_all(&mut *tx)
        .await?;
        let mut done = Reconverted::default();
        let mut entries = BTreeSet::new();
        for row in &rows {
            let stale = Stale::of(row)?;
            let conv = rates.convert(stale.amount, &stale.currency, stale.on);
            let flag = conv.unconverted();
            if flag == Some(Unconverted::RatesStale) {
                done.still_stale += 1;
                continue;
            }
            update_commitment(&mut tx, &stale, &conv).await?;
            if conv.eur.is_ok() {
                done.converted += 1;
            } else {
                done.unconvertible += 1;
            }
            entries.insert(stale.entry_id);
        }
        let now = crate::now();
        for id in &entries {
            let members = load_members(&mut tx, id).await?;
            let edits = load_edits(&mut tx, id).await?;
            save_entry(&mut tx, id, &merge::canonical(&members, &edits), &now).await?;
        }
        crate::history::record(&mut tx, &entries, "reconvert", None).await?;
        tx.commit().await?;
        done.entries = entries.len();
        Ok(done)
    }
}

/// A stored commitment waiting for rates.
struct Stale {
    id: String,
    entry_id: String,
    amount: Decimal,
    currency: String,
    on: Date,
    record: String,
}

impl Stale {
    fn of(row: &sqlx::any::AnyRow) -> Result<Stale> {
        const T: &str = "commitments";
        let id: String = row.try_get("id")?;
        // A flag is only ever set on a commitment with an amount and a date.
        let missing = |col: &str| Error::corrupt(T, format!("{id}: flagged rates_stale without {col}"));
        Ok(Stale {
            entry_id: row.try_get("entry_id")?,
            amount: rows::decimal(row, T, "amount_value")?.ok_or_else(|| missing("an amount"))?,
            currency: rows::text(row, "amount_currency")?.ok_or_else(|| missing("a currency"))?,
            on: rows::date(row, T, "announced_on")?.ok_or_else(|| missing("a date"))?,
            record: row.try_get("record")?,
            id,
        })
    }
}

async fn update_commitment(conn: &mut sqlx::AnyConnection, c: &Stale, conv: &Conversion) -> Result<()> {
    let (eur, usd) = (conv.eur.ok(), conv.usd.ok());
    let flag = conv.unconverted().map(|f| name_of(&f));
    sqlx::query(
        "UPDATE commitments SET value_eur = $1, eur_rate = $2, eur_rate_date = $3, value_usd = $4, usd_rate = $5, \
         usd_rate_date = $6, unconverted = $7, record = $8 WHERE id = $9",
    )
    .bind(opt_string(eur.map(|v| v.value)))
    .bind(opt_string(eur.map(|v| v.rate)))
    .bind(opt_string(eur.map(|v| v.rate_date)))
    .bind(opt_string(usd.map(|v| v.value)))
    .bind(opt_string(usd.map(|v| v.rate)))
    .bind(opt_string(usd.map(|v| v.rate_date)))
    .bind(flag)
    .bind(patched_record(c, eur, usd, conv.unconverted())?)
    .bind(&c.id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The stored record JSON with the new values and flag, as the pipeline would write it now.
fn patched_record(
    c: &Stale,
    eur: Option<Converted>,
    usd: Option<Converted>,
    flag: Option<Unconverted>,
) -> Result<String> {
    let corrupt = |e: serde_json::Error| Error::corrupt("commitments", format!("{}: record: {e}", c.id));
    let mut record: Value = serde_json::from_str(&c.record).map_err(corrupt)?;
    let Some(fields) = record.as_object_mut() else {
        return Err(Error::corrupt("commitments", format!("{}: record is not a JSON object", c.id)));
    };
    fields.insert("value_eur".into(), serde_json::to_value(eur).map_err(corrupt)?);
    fields.insert("value_usd".into(), serde_json::to_value(usd).map_err(corrupt)?);
    match flag {
        Some(f) => fields.insert("unconverted".into(), serde_json::to_value(f).map_err(corrupt)?),
        None => fields.remove("unconverted"),
    };
    serde_json::to_string(&record).map_err(corrupt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_waiting_flag_is_the_one_the_pipeline_writes() {
        assert_eq!(name_of(&Unconverted::RatesStale), WAITING[0]);
    }
}
