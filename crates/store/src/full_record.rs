//! The full record of a ledger entry, as a tracker needs it beside the
//! figure: items and counts, supplier, place of manufacture, announcer,
//! period, the sources' addresses and outlets, and the sentence that states
//! it. Nothing here is stored twice: each commitment keeps its whole record
//! (`commitments.record`, JSON), its document's address and outlet, and the
//! span of its statement (`evidence`, field `statement`), so the entry's
//! record is read from its members when it is asked for. That way merges,
//! splits, reconversions and reviews, which recompute an entry, never leave
//! a copy behind.
//!
//! Which member speaks for the entry: one stating the entry's own figure
//! first, then the most confident, then the earliest published; each field is
//! taken from the first member, in that order, that has it. A reviewer's
//! override of one of these fields (`edits`, keyed by the field's name) wins.

use std::collections::HashMap;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::Store;
use crate::error::{Error, Result};
use crate::ledger::Entry;
use crate::rows::{date, text};

/// Entries read per query (each is one bound parameter).
const CHUNK: usize = 400;

/// A counted (or named, uncounted) item: "5,000 artillery shells".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// The item as the text names it.
    pub item: String,
    /// Its class (`missile`, `vehicle`, `medical`…).
    pub class: String,
    #[serde(default)]
    pub quantity: Option<Decimal>,
    /// `exact`, `approx`, `up_to`… (`None` when uncounted).
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub upper: Option<Decimal>,
}

/// A company or a country named as supplier or place of manufacture.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedIn {
    pub name: String,
    pub country: String,
}

/// Who announced it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcer {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

/// What the ledger row alone does not say.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FullRecord {
    pub items: Vec<ItemRecord>,
    pub supplier: Option<NamedIn>,
    pub made_in: Option<NamedIn>,
    pub announced_by: Option<Announcer>,
    /// A multi-year commitment's period, `START/END` (end exclusive).
    pub period: Option<String>,
    /// Every source's address, each once, earliest published first.
    pub source_urls: Vec<String>,
    /// Every source's outlet, each once, earliest published first.
    pub outlets: Vec<String>,
    /// The sentence that states it, in the source that speaks for the entry.
    pub evidence_sentence: Option<String>,
}

/// An entry with its full record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FullEntry {
    #[serde(flatten)]
    pub entry: Entry,
    #[serde(flatten)]
    pub record: FullRecord,
}

/// An entry with its record reads as the entry, so code that lists entries
/// takes either.
impl std::ops::Deref for FullEntry {
    type Target = Entry;
    fn deref(&self) -> &Entry {
        &self.entry
    }
}

/// The part of a stored commitment record read here.
#[derive(Default, Deserialize)]
struct Stored {
    #[serde(default)]
    items: Vec<ItemRecord>,
    #[serde(default)]
    supplier: Option<NamedIn>,
    #[serde(default)]
    made_in: Option<NamedIn>,
    #[serde(default)]
    announced_by: Option<Announcer>,
    #[serde(default)]
    period: Option<String>,
}

/// One member commitment, as read for its entry.
struct Member {
    figure: Option<String>,
    confidence: f64,
    published: Option<Date>,
    commitment_id: String,
    url: Option<String>,
    outlet: Option<String>,
    sentence: Option<String>,
    record: Stored,
}

impl Store {
    /// The full record of each of `entries`, in the same order.
    pub async fn full_entries(&self, entries: Vec<Entry>) -> Result<Vec<FullEntry>> {
        let mut records = HashMap::new();
        for chunk in entries.chunks(CHUNK) {
            let ids: Vec<&str> = chunk.iter().map(|e| e.id.as_str()).collect();
            records.extend(self.full_records(&ids, chunk, None).await?);
        }
        Ok(entries
            .into_iter()
            .map(|entry| {
                let record = records.remove(&entry.id).unwrap_or_default();
                FullEntry { entry, record }
            })
            .collect())
    }

    /// The full record of one entry.
    pub async fn full_record(&self, entry: &Entry) -> Result<FullRecord> {
        let mut map = self.full_records(&[entry.id.as_str()], std::slice::from_ref(entry), None).await?;
        Ok(map.remove(&entry.id).unwrap_or_default())
    }

    /// The full record of an entry as it stood with these `members` and `edits` (a past version).
    pub(crate) async fn full_record_of(
        &self,
        entry: &Entry,
        members: &[&str],
        edits: Option<&str>,
    ) -> Result<FullRecord> {
        let mut map = self.full_records(members, std::slice::from_ref(entry), Some(edits)).await?;
        Ok(map.remove(&entry.id).unwrap_or_default())
    }

    /// The full records of `entries`: their members are the commitments of the entries `ids`
    /// or, with `version` (the edits of a past version of the one entry), the commitments `ids`.
    async fn full_records(
        &self,
        ids: &[&str],
        entries: &[Entry],
        version: Option<Option<&str>>,
    ) -> Result<HashMap<String, FullRecord>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let marks = marks.join(", ");
        // Offsets are code points, as SUBSTR counts them on both databases. The
        // entry's edits come along with each member (one query: each row read
        // costs more than the join).
        let sql = format!(
            "SELECT c.entry_id, c.id, c.figure, c.confidence, c.record, d.url, d.outlet, d.published, le.edits, \
             (SELECT SUBSTR(d.text, CAST(e.start_offset + 1 AS INTEGER), CAST(e.end_offset - e.start_offset AS INTEGER)) \
              FROM evidence e WHERE e.commitment_id = c.id AND e.field = 'statement' \
              ORDER BY e.start_offset LIMIT 1) AS sentence \
             FROM commitments c JOIN documents d ON d.id = c.document_id LEFT JOIN ledger_entries le ON le.id = c.entry_id \
             WHERE {} IN ({marks})",
            if version.is_some() { "c.id" } else { "c.entry_id" }
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        let mut members: HashMap<String, Vec<Member>> = HashMap::new();
        let mut edits: HashMap<String, serde_json::Value> = HashMap::new();
        for r in q.fetch_all(&self.pool).await? {
            let commitment_id: String = r.try_get("id")?;
            let entry_id: String = match (version, entries.first()) {
                (Some(_), Some(e)) => e.id.clone(),
                _ => r.try_get("entry_id")?,
            };
            let raw: String = r.try_get("record")?;
            let record: Stored = serde_json::from_str(&raw)
                .map_err(|e| Error::corrupt("commitments", format!("record of {commitment_id}: {e}")))?;
            let raw_edits = match version {
                Some(v) => v.map(str::to_string),
                None => text(&r, "edits")?,
            };
            if !edits.contains_key(&entry_id)
                && let Some(raw) = raw_edits
            {
                let v = serde_json::from_str(&raw)
                    .map_err(|e| Error::corrupt("ledger_entries", format!("edits of {entry_id}: {e}")))?;
                edits.insert(entry_id.clone(), v);
            }
            members.entry(entry_id).or_default().push(Member {
                figure: text(&r, "figure")?,
                confidence: r.try_get("confidence")?,
                published: date(&r, "documents", "published")?,
                url: text(&r, "url")?,
                outlet: text(&r, "outlet")?,
                sentence: text(&r, "sentence")?,
                commitment_id,
                record,
            });
        }
        let mut out = HashMap::new();
        for e in entries {
            let mut list = members.remove(&e.id).unwrap_or_default();
            let key = e.amount.as_ref().map(|f| f.key());
            let mut record = of_members(&mut list, key.as_deref());
            if let Some(edits) = edits.get(&e.id) {
                apply_edits(&mut record, edits);
            }
            out.insert(e.id.clone(), record);
        }
        Ok(out)
    }
}

/// The entry's record from its members (reordered: the one that speaks for it first).
fn of_members(members: &mut [Member], figure: Option<&str>) -> FullRecord {
    members.sort_by(|a, b| {
        let own = |m: &Member| figure.is_some() && m.figure.as_deref() == figure;
        own(b)
            .cmp(&own(a))
            .then(b.confidence.total_cmp(&a.confidence))
            .then((a.published.is_none(), a.published).cmp(&(b.published.is_none(), b.published)))
            .then(a.commitment_id.cmp(&b.commitment_id))
    });
    let first = |f: &dyn Fn(&Member) -> bool| members.iter().find(|m| f(m));
    let mut by_date: Vec<&Member> = members.iter().collect();
    by_date.sort_by_key(|m| (m.published.is_none(), m.published));
    let mut source_urls: Vec<String> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    for m in by_date {
        if let Some(u) = m.url.as_ref().filter(|u| !source_urls.contains(u)) {
            source_urls.push(u.clone());
        }
        if let Some(o) = m.outlet.as_ref().filter(|o| !outlets.contains(o)) {
            outlets.push(o.clone());
        }
    }
    FullRecord {
        items: first(&|m| !m.record.items.is_empty()).map(|m| m.record.items.clone()).unwrap_or_default(),
        supplier: first(&|m| m.record.supplier.is_some()).and_then(|m| m.record.supplier.clone()),
        made_in: first(&|m| m.record.made_in.is_some()).and_then(|m| m.record.made_in.clone()),
        announced_by: first(&|m| m.record.announced_by.is_some()).and_then(|m| m.record.announced_by.clone()),
        period: first(&|m| m.record.period.is_some()).and_then(|m| m.record.period.clone()),
        source_urls,
        outlets,
        evidence_sentence: members.first().and_then(|m| m.sentence.clone()),
    }
}

/// A reviewer's override of a field of the record: the items, supplier and place of
/// manufacture a review set (`edit.rs`'s `FieldEdits`, in the entry's `edits`), and an
/// announcer or period given in the record's own shape.
fn apply_edits(record: &mut FullRecord, edits: &serde_json::Value) {
    fn take<T: serde::de::DeserializeOwned>(edits: &serde_json::Value, field: &str) -> Option<T> {
        serde_json::from_value(edits.get(field)?.clone()).ok()
    }
    let fields: crate::edit::FieldEdits = serde_json::from_value(edits.clone()).unwrap_or_default();
    if let Some(items) = fields.items {
        record.items = items
            .into_iter()
            .map(|i| ItemRecord {
                item: i.class.replace('_', " "),
                class: i.class,
                quantity: i.quantity,
                qualifier: i.qualifier,
                upper: i.upper,
            })
            .collect();
    }
    // An empty value: the reviewer says there is none.
    if let Some(supplier) = fields.supplier {
        record.supplier = (!supplier.is_empty()).then(|| NamedIn { name: supplier, country: String::new() });
    }
    if let Some(made_in) = fields.made_in {
        record.made_in = (!made_in.id.is_empty()).then_some(NamedIn { name: made_in.name, country: made_in.id });
    }
    if let Some(v) = take::<Option<Announcer>>(edits, "announced_by") {
        record.announced_by = v;
    }
    if let Some(v) = take::<Option<String>>(edits, "period") {
        record.period = v;
    }
}

impl ItemRecord {
    /// "up to 5000 drone (drones)"-style text for flat exports: qualifier and
    /// count when counted, then the item as named, then its class.
    pub fn text(&self) -> String {
        let mut s = String::new();
        if let Some(q) = self.quantity {
            match self.qualifier.as_deref() {
                Some("exact") | None => {}
                Some(other) => {
                    s.push_str(&other.replace('_', " "));
                    s.push(' ');
                }
            }
            s.push_str(&q.normalize().to_string());
            if let Some(u) = self.upper {
                s.push_str(&format!("–{}", u.normalize()));
            }
            s.push(' ');
        }
        s.push_str(&format!("{} [{}]", self.item, self.class));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: &str, figure: Option<&str>, confidence: f64, items: &[&str]) -> Member {
        Member {
            figure: figure.map(Into::into),
            confidence,
            published: None,
            commitment_id: id.into(),
            url: Some(format!("https://example.org/{id}")),
            outlet: Some("Wire".into()),
            sentence: Some(format!("sentence of {id}")),
            record: Stored {
                items: items
                    .iter()
                    .map(|i| ItemRecord {
                        item: (*i).into(),
                        class: "missile".into(),
                        quantity: Some(Decimal::from(5)),
                        qualifier: Some("up_to".into()),
                        upper: None,
                    })
                    .collect(),
                ..Stored::default()
            },
        }
    }

    #[test]
    fn the_member_with_the_entry_figure_speaks_for_it_and_fields_fill_from_the_rest() {
        let mut members = vec![
            member("a", Some("exact 5 EUR"), 0.99, &[]),
            member("b", Some("exact 6 EUR"), 0.5, &[]),
            member("c", Some("exact 6 EUR"), 0.4, &["missiles"]),
        ];
        let r = of_members(&mut members, Some("exact 6 EUR"));
        assert_eq!(r.evidence_sentence.as_deref(), Some("sentence of b"), "the entry's figure beats confidence");
        assert_eq!(r.items.len(), 1, "items come from the next member that has them");
        assert_eq!(r.items[0].text(), "up to 5 missiles [missile]");
        assert_eq!(r.outlets, ["Wire"], "each outlet once");
        assert_eq!(r.source_urls.len(), 3);
    }

    #[test]
    fn a_reviewer_s_items_supplier_and_place_of_make_win() {
        let edits = crate::edit::FieldEdits {
            items: Some(vec![crate::merge::ItemCount {
                class: "air_defence".into(),
                quantity: Some(Decimal::from(3)),
                qualifier: Some("exact".into()),
                upper: None,
            }]),
            supplier: Some("Rheinmetall".into()),
            made_in: Some(crate::edit::Named { id: "DE".into(), name: "Germany".into() }),
            ..Default::default()
        };
        let mut r = FullRecord {
            announced_by: Some(Announcer { name: "A. Minister".into(), role: None, title: None, country: None }),
            ..Default::default()
        };
        apply_edits(&mut r, &serde_json::to_value(&edits).unwrap());
        assert_eq!(r.supplier.as_ref().map(|s| s.name.as_str()), Some("Rheinmetall"));
        assert_eq!(r.made_in.as_ref().map(|m| (m.name.as_str(), m.country.as_str())), Some(("Germany", "DE")));
        assert_eq!(r.items.len(), 1);
        assert_eq!((r.items[0].class.as_str(), r.items[0].quantity), ("air_defence", Some(Decimal::from(3))));
        assert!(r.announced_by.is_some(), "what no edit touches stays");
        // "None": an empty supplier and a place without an id.
        let none = crate::edit::FieldEdits {
            supplier: Some(String::new()),
            made_in: Some(crate::edit::Named { id: String::new(), name: String::new() }),
            ..Default::default()
        };
        apply_edits(&mut r, &serde_json::to_value(&none).unwrap());
        assert!(r.supplier.is_none() && r.made_in.is_none());
    }
}
