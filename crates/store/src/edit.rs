//! Editing what the extractor fills beyond the classification: donor and
//! recipient (picked from the actor lexicon, never free text), the amount
//! (value, currency, qualifier, upper bound), the announcement date, the items,
//! the supplier and the place of manufacture.
//!
//! Each value is checked as the extractor's output is (a party the lexicon
//! knows, an ISO 4217 currency, a qualifier and item class of the model, a
//! real date), and a new amount or date is converted again at the ECB rate of
//! the entry's (new) date, the way the pipeline converts. `review.rs` calls
//! [`plan`] inside its transaction: every field is checked before anything is
//! written, so one bad value refuses the whole edit.

use std::str::FromStr;

use jiff::civil::Date;
use pledgewatch_pipeline::actors::{LEXICON, lookup_party};
use pledgewatch_pipeline::rates::{self, RateTable};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::error::{Error, Result};
use crate::merge::{Canonical, Converted, Figure, ItemCount, Report};

/// The fields this module edits, as named in a review.
pub const FIELDS: &[&str] =
    &["donor", "recipient", "amount", "currency", "qualifier", "upper", "announced_on", "items", "supplier", "made_in"];

/// Qualifiers of an amount or a count, as the model names them.
pub const QUALIFIERS: &[&str] = &["exact", "approx", "up_to", "at_least", "more_than", "less_than", "range"];

/// Item classes, as the model names them (`data/items/classes.tsv`).
pub const ITEM_CLASSES: &[&str] = &[
    "missile",
    "air_defence_system",
    "artillery_round",
    "vehicle",
    "aircraft",
    "vessel",
    "drone",
    "small_arms",
    "equipment",
    "medical",
    "food",
    "energy_equipment",
    "other",
];

/// Longest list of items a reviewer may type.
const MAX_ITEMS_TEXT: usize = 2000;

/// Longest supplier name a reviewer may type.
const MAX_SUPPLIER: usize = 200;

/// A party or country as stored in an edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A converted value as stored in an edit (exact decimals as text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredConverted {
    value: String,
    rate: String,
    rate_date: String,
}

/// A reviewer's figure, with its conversion at the entry's date, as stored.
/// Decimals travel as text so that no value is rounded through a float.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFigure {
    value: String,
    currency: String,
    qualifier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    upper: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    eur: Option<StoredConverted>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    usd: Option<StoredConverted>,
}

impl StoredFigure {
    fn of(f: &Figure) -> StoredFigure {
        let conv = |c: &Converted| StoredConverted {
            value: c.value.to_string(),
            rate: c.rate.to_string(),
            rate_date: c.rate_date.to_string(),
        };
        StoredFigure {
            value: f.value.to_string(),
            currency: f.currency.clone(),
            qualifier: f.qualifier.clone(),
            upper: f.upper.map(|u| u.to_string()),
            eur: f.eur.as_ref().map(conv),
            usd: f.usd.as_ref().map(conv),
        }
    }

    /// The figure; `None` only for a value this module never writes.
    fn figure(&self) -> Option<Figure> {
        let conv = |c: &StoredConverted| -> Option<Converted> {
            Some(Converted {
                value: c.value.parse().ok()?,
                rate: c.rate.parse().ok()?,
                rate_date: c.rate_date.parse().ok()?,
            })
        };
        Some(Figure {
            value: self.value.parse().ok()?,
            currency: self.currency.clone(),
            qualifier: self.qualifier.clone(),
            upper: match &self.upper {
                Some(u) => Some(u.parse().ok()?),
                None => None,
            },
            eur: self.eur.as_ref().and_then(conv),
            usd: self.usd.as_ref().and_then(conv),
        })
    }
}

/// A reviewer's values for the fields of [`FIELDS`]; `None` keeps what the
/// sources say. Part of [`crate::merge::Edits`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldEdits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor: Option<Named>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Named>,
    /// The whole figure, converted at the entry's date when it was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<StoredFigure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemCount>>,
    /// `Some("")`: the reviewer says there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// An id `""`: the reviewer says there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub made_in: Option<Named>,
}

impl FieldEdits {
    /// Applies the edits to an entry computed from its members.
    pub(crate) fn overlay(&self, c: &mut Canonical) {
        if let Some(d) = &self.donor {
            c.donor = (d.id.clone(), d.name.clone());
        }
        if let Some(r) = &self.recipient {
            c.recipient = (r.id.clone(), r.name.clone());
        }
        if let Some(on) = self.announced_on.as_deref().and_then(|d| d.parse().ok()) {
            c.announced_on = Some(on);
        }
        if let Some(f) = self.amount.as_ref().and_then(StoredFigure::figure) {
            c.figure = Some(f);
        }
    }

    /// Whether a change of these edits changes the entry's names (its search words).
    pub(crate) fn renames(&self, other: &FieldEdits) -> bool {
        self.donor != other.donor || self.recipient != other.recipient
    }
}

/// The entry's values of the fields kept outside the ledger's columns (items,
/// supplier, place of manufacture), as its sources state them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Extras {
    pub items: Vec<ItemCount>,
    pub supplier: Option<String>,
    pub made_in: Option<Named>,
}

impl Extras {
    /// The sources' values with the reviewer's edits over them.
    pub(crate) fn edited(mut self, e: &FieldEdits) -> Extras {
        if let Some(items) = &e.items {
            self.items = items.clone();
        }
        if let Some(s) = &e.supplier {
            self.supplier = Some(s.clone()).filter(|s| !s.is_empty());
        }
        if let Some(m) = &e.made_in {
            self.made_in = Some(m.clone()).filter(|m| !m.id.is_empty());
        }
        self
    }
}

/// The items, supplier and place of manufacture of an entry's members: the
/// items of the member that lists most (ties: the first by id), the first
/// supplier and place any member's record names.
pub(crate) async fn load_extras(conn: &mut AnyConnection, entry_id: &str, members: &[Report]) -> Result<Extras> {
    let mut extras = Extras::default();
    if let Some(m) = members.iter().rev().max_by_key(|m| m.items.len()) {
        extras.items = m.items.clone();
    }
    let records: Vec<String> = sqlx::query_scalar("SELECT record FROM commitments WHERE entry_id = $1 ORDER BY id")
        .bind(entry_id)
        .fetch_all(&mut *conn)
        .await?;
    for r in &records {
        let v: serde_json::Value =
            serde_json::from_str(r).map_err(|e| Error::corrupt("commitments", format!("record: {e}")))?;
        let named = |key: &str| {
            let n = v.get(key)?;
            Some((n.get("name")?.as_str()?.to_string(), n.get("country")?.as_str().unwrap_or("").to_string()))
        };
        if extras.supplier.is_none()
            && let Some((name, _)) = named("supplier")
        {
            extras.supplier = Some(name);
        }
        if extras.made_in.is_none()
            && let Some((name, country)) = named("made_in")
        {
            let id = if country.is_empty() { name.clone() } else { country };
            extras.made_in = Some(Named { name: party_name(&id), id });
        }
    }
    Ok(extras)
}

/// The fields of an entry the ledger's columns do not hold, as a reviewer
/// sees them: the sources' values with the edits over them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EntryFields {
    pub items: Vec<ItemCount>,
    pub supplier: Option<String>,
    pub made_in: Option<Named>,
}

impl crate::Store {
    /// The items, supplier and place of manufacture of an entry; `None` if there is no such entry.
    pub async fn entry_fields(&self, entry_id: &str) -> Result<Option<EntryFields>> {
        let mut conn = self.pool.acquire().await?;
        let conn: &mut AnyConnection = &mut conn;
        let edits: Option<Option<String>> = sqlx::query_scalar("SELECT edits FROM ledger_entries WHERE id = $1")
            .bind(entry_id)
            .fetch_optional(&mut *conn)
            .await?;
        if edits.is_none() {
            return Ok(None);
        }
        let edits = crate::write::load_edits(conn, entry_id).await?;
        let members = crate::write::load_members(conn, entry_id).await?;
        let e = load_extras(conn, entry_id, &members).await?.edited(&edits.fields);
        Ok(Some(EntryFields { items: e.items, supplier: e.supplier, made_in: e.made_in }))
    }
}

/// One change for the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    /// `edit`, or `recompute` for the EUR/USD values that follow a new amount or date.
    pub action: &'static str,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Checks `fields` (each a name of [`FIELDS`] with its value, given once) against
/// the entry as it stands (`before`, `extras`) and records them in `edits`; the
/// changes to log, in the order given, then the recomputed values. Nothing is
/// recorded if any field is not valid.
pub(crate) fn plan(
    before: &Canonical,
    extras: &Extras,
    edits: &mut FieldEdits,
    fields: &[(String, String)],
    rates: &RateTable,
) -> Result<Vec<Change>> {
    let mut next = edits.clone();
    let mut changes = Vec::new();
    let mut figure = before.figure.clone();
    let mut refigure = false;
    let mut on = before.announced_on;
    let mut redate = false;
    let change = |field: &str, old: Option<String>, new: Option<String>| Change {
        action: "edit",
        field: field.to_string(),
        old,
        new,
    };
    for (field, value) in fields {
        let value = value.trim();
        match field.as_str() {
            "donor" | "recipient" => {
                let party = resolve_party(field, value)?;
                let old = if field == "donor" { &before.donor } else { &before.recipient };
                changes.push(change(
                    field,
                    Some(party_label(&old.0, &old.1)),
                    Some(party_label(&party.id, &party.name)),
                ));
                if field == "donor" {
                    next.donor = Some(party);
                } else {
                    next.recipient = Some(party);
                }
            }
            "amount" | "currency" | "qualifier" | "upper" => {
                let f = figure.get_or_insert_with(|| Figure {
                    value: Decimal::ZERO,
                    currency: String::new(),
                    qualifier: "exact".into(),
                    upper: None,
                    eur: None,
                    usd: None,
                });
                let old = before.figure.as_ref();
                let (old, new) = match field.as_str() {
                    "amount" => {
                        f.value = positive(field, value)?;
                        (old.map(|f| f.value.normalize().to_string()), f.value.normalize().to_string())
                    }
                    "currency" => {
                        f.currency = currency(value)?;
                        (old.map(|f| f.currency.clone()), f.currency.clone())
                    }
                    "qualifier" => {
                        f.qualifier = one_of(field, value, QUALIFIERS)?;
                        (old.map(|f| f.qualifier.clone()), f.qualifier.clone())
                    }
                    _ => {
                        f.upper = if value.is_empty() { None } else { Some(positive(field, value)?) };
                        let show = |u: Option<Decimal>| u.map(|u| u.normalize().to_string()).unwrap_or_default();
                        (old.map(|f| show(f.upper)), show(f.upper))
                    }
                };
                changes.push(change(field, old, Some(new)));
                refigure = true;
            }
            "announced_on" => {
                let d = Date::from_str(value).map_err(|_| {
                    Error::Review(format!("announced_on {value:?} is not a date (YYYY-MM-DD, e.g. 2024-03-01)"))
                })?;
                changes.push(change(field, before.announced_on.map(|d| d.to_string()), Some(d.to_string())));
                next.announced_on = Some(d.to_string());
                on = Some(d);
                redate = true;
            }
            "items" => {
                let items = parse_items(value)?;
                changes.push(change(field, Some(format_items(&extras.items)), Some(format_items(&items))));
                next.items = Some(items);
            }
            "supplier" => {
                if value.chars().count() > MAX_SUPPLIER {
                    return Err(Error::Review(format!("supplier: at most {MAX_SUPPLIER} characters")));
                }
                changes.push(change(field, extras.supplier.clone(), Some(value.to_string())));
                next.supplier = Some(value.to_string());
            }
            "made_in" => {
                let place = if value.is_empty() {
                    Named { id: String::new(), name: String::new() }
                } else {
                    resolve_country(value)?
                };
                let old = extras.made_in.as_ref().map(|m| party_label(&m.id, &m.name));
                let new = (!place.id.is_empty()).then(|| party_label(&place.id, &place.name));
                changes.push(change(field, old, new));
                next.made_in = Some(place);
            }
            other => return Err(Error::Review(format!("cannot edit {other:?} ({})", FIELDS.join(", ")))),
        }
    }
    let donor = next.donor.as_ref().map_or(before.donor.0.as_str(), |d| d.id.as_str());
    let recipient = next.recipient.as_ref().map_or(before.recipient.0.as_str(), |r| r.id.as_str());
    if !donor.is_empty() && donor == recipient {
        return Err(Error::Review(format!(
            "donor and recipient are both {donor}: a commitment is between two parties"
        )));
    }
    if (refigure || redate)
        && let Some(mut f) = figure
    {
        check_figure(&f)?;
        let old_eur = before.figure.as_ref().and_then(|f| f.eur.as_ref()).map(|c| c.value.to_string());
        let old_usd = before.figure.as_ref().and_then(|f| f.usd.as_ref()).map(|c| c.value.to_string());
        (f.eur, f.usd) = convert(&f, on, rates);
        let new_eur = f.eur.as_ref().map(|c| c.value.to_string());
        let new_usd = f.usd.as_ref().map(|c| c.value.to_string());
        for (field, old, new) in [("value_eur", old_eur, new_eur), ("value_usd", old_usd, new_usd)] {
            if old != new {
                changes.push(Change { action: "recompute", field: field.into(), old, new });
            }
        }
        next.amount = Some(StoredFigure::of(&f));
    }
    *edits = next;
    Ok(changes)
}

/// EUR and USD of `f` on `on`, as the pipeline converts (none without a date).
pub(crate) fn convert(f: &Figure, on: Option<Date>, rates: &RateTable) -> (Option<Converted>, Option<Converted>) {
    let Some(on) = on else { return (None, None) };
    let c = rates.convert(f.value, &f.currency, on);
    let ours = |c: rates::Converted| Converted { value: c.value, rate: c.rate, rate_date: c.rate_date };
    (c.eur.ok().map(ours), c.usd.ok().map(ours))
}

/// A figure as the model allows it: a currency, and an upper bound exactly for a range, above its value.
pub(crate) fn check_figure(f: &Figure) -> Result<()> {
    if f.currency.is_empty() || f.value.is_zero() {
        return Err(Error::Review("this entry has no figure yet: give both amount and currency".into()));
    }
    match (f.qualifier.as_str(), f.upper) {
        ("range", None) => Err(Error::Review("a range needs an upper bound (upper)".into())),
        ("range", Some(u)) if u <= f.value => {
            Err(Error::Review(format!("upper {} must be above the amount {}", u.normalize(), f.value.normalize())))
        }
        (q, Some(_)) if q != "range" => Err(Error::Review(format!(
            "an upper bound is only for a range (qualifier \"range\"), not for {q:?}: clear upper or pick range"
        ))),
        _ => Ok(()),
    }
}

/// A party by id or name (any case), through the lexicon: an unknown or
/// ambiguous name is refused with the closest names.
pub fn resolve_party(role: &str, value: &str) -> Result<Named> {
    let query = strip_label(value);
    let lookup = lookup_party(query);
    if let Some(why) = lookup.why_not(role, query) {
        return Err(Error::Review(why));
    }
    let pledgewatch_pipeline::actors::PartyLookup::Found(id) = lookup else {
        return Err(Error::Review(format!("unknown {role} {query:?}")));
    };
    Ok(Named { id: id.to_string(), name: party_name(id) })
}

/// A country by id or name: where something was made.
pub(crate) fn resolve_country(value: &str) -> Result<Named> {
    let place = resolve_party("made_in", value)?;
    if LEXICON.country(&place.id).is_none() {
        return Err(Error::Review(format!("made_in {value:?} is {}, not a country", place.name)));
    }
    Ok(place)
}

/// The name the ledger shows for a party id (the id itself when the lexicon has none).
fn party_name(id: &str) -> String {
    match LEXICON.name_of(id) {
        "" => id.to_string(),
        name => name.to_string(),
    }
}

/// "Germany (DE)", as the type-ahead list offers it and the log shows it.
pub fn party_label(id: &str, name: &str) -> String {
    if name.is_empty() || name == id { id.to_string() } else { format!("{name} ({id})") }
}

/// "Germany (DE)" → "DE": a choice from the type-ahead list is looked up by its id (and an
/// audit log's old → new party read back, as `train decision --reviewed` does).
pub fn strip_label(value: &str) -> &str {
    match value.strip_suffix(')').and_then(|v| v.rsplit_once(" (")) {
        Some((_, id)) if !id.is_empty() && !id.contains(' ') => id,
        _ => value,
    }
}

pub(crate) fn positive(field: &str, value: &str) -> Result<Decimal> {
    let cleaned: String = value.chars().filter(|c| *c != ',' && *c != '_' && !c.is_whitespace()).collect();
    match Decimal::from_str(&cleaned).or_else(|_| Decimal::from_scientific(&cleaned)) {
        Ok(v) if v > Decimal::ZERO => Ok(v),
        _ => Err(Error::Review(format!("{field} {value:?} is not a positive number (e.g. 1500000 or 1.5e6)"))),
    }
}

pub(crate) fn currency(value: &str) -> Result<String> {
    let code = value.to_ascii_uppercase();
    if code.len() == 3 && rates::is_currency(&code) {
        Ok(code)
    } else {
        Err(Error::Review(format!("currency {value:?} is not an ISO 4217 code (EUR, USD, GBP, UAH…)")))
    }
}

pub(crate) fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<String> {
    let v = value.to_ascii_lowercase().replace([' ', '-'], "_");
    if allowed.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(Error::Review(format!("{field} {value:?} is not one of {}", allowed.join(", "))))
    }
}

/// Items as a reviewer writes them: `[qualifier] [count[..upper]] class`, separated
/// by `;` or new lines — "50 vehicle; up_to 1000 artillery_round; range 10..20 drone;
/// medical". Empty: no items.
pub fn parse_items(text: &str) -> Result<Vec<ItemCount>> {
    if text.chars().count() > MAX_ITEMS_TEXT {
        return Err(Error::Review(format!("items: at most {MAX_ITEMS_TEXT} characters")));
    }
    let mut items = Vec::new();
    for part in text.split([';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = |why: &str| Error::Review(format!("item {part:?}: {why} (write e.g. \"up_to 50 vehicle\")"));
        let words: Vec<&str> = part.split_whitespace().collect();
        let (class, rest) = words.split_last().ok_or_else(|| bad("empty"))?;
        let class = one_of("item class", class, ITEM_CLASSES).map_err(|e| bad(&e.to_string()))?;
        let (qualifier, count) = match rest {
            [] => (None, None),
            [count] => (None, Some(*count)),
            [q, count] => (Some(one_of("qualifier", q, QUALIFIERS).map_err(|e| bad(&e.to_string()))?), Some(*count)),
            _ => return Err(bad("too many words")),
        };
        let (quantity, upper) = match count {
            None => (None, None),
            Some(c) => {
                let (low, high) = match c.split_once("..") {
                    Some((l, h)) => (l, Some(h)),
                    None => (c, None),
                };
                let low = positive("count", low).map_err(|e| bad(&e.to_string()))?;
                let high = high.map(|h| positive("count", h)).transpose().map_err(|e| bad(&e.to_string()))?;
                (Some(low), high)
            }
        };
        let is_range = qualifier.as_deref() == Some("range");
        match (is_range, quantity, upper) {
            (true, Some(low), Some(high)) if high > low => {}
            (true, _, _) => return Err(bad("a range needs a count low..high, low below high")),
            (false, _, Some(_)) => return Err(bad("low..high is only for the qualifier range")),
            _ => {}
        }
        items.push(ItemCount {
            class,
            qualifier: if quantity.is_some() { Some(qualifier.unwrap_or_else(|| "exact".into())) } else { qualifier },
            quantity,
            upper,
        });
    }
    Ok(items)
}

/// Items in the form [`parse_items`] reads.
pub fn format_items(items: &[ItemCount]) -> String {
    items
        .iter()
        .map(|i| {
            let mut s = String::new();
            if let Some(q) = i.qualifier.as_deref().filter(|q| *q != "exact") {
                s.push_str(q);
                s.push(' ');
            }
            if let Some(n) = i.quantity {
                s.push_str(&n.normalize().to_string());
                if let Some(u) = i.upper {
                    s.push_str(&format!("..{}", u.normalize()));
                }
                s.push(' ');
            }
            s.push_str(&i.class);
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_read_back_as_written() {
        let items = parse_items("50 vehicle; up_to 1000 artillery_round\nrange 10..20 drone; medical").unwrap();
        assert_eq!(items.len(), 4);
        assert_eq!(items[1].qualifier.as_deref(), Some("up_to"));
        assert_eq!(items[2].upper, Some(Decimal::from(20)));
        assert_eq!(items[3].quantity, None);
        assert_eq!(format_items(&items), "50 vehicle; up_to 1000 artillery_round; range 10..20 drone; medical");
        assert_eq!(parse_items(" ").unwrap(), Vec::new());
    }

    #[test]
    fn bad_items_name_the_item() {
        for bad in ["50 tanks", "range 50 vehicle", "10..20 vehicle", "some 5 vehicle", "-3 vehicle", "1 2 3 vehicle"] {
            let err = parse_items(bad).unwrap_err().to_string();
            assert!(err.contains(bad.split(';').next().unwrap()), "{bad}: {err}");
        }
    }

    #[test]
    fn a_type_ahead_label_is_read_by_its_id() {
        assert_eq!(strip_label("Germany (DE)"), "DE");
        assert_eq!(strip_label("Britain"), "Britain");
        assert_eq!(resolve_party("donor", "Britain").unwrap().id, "GB");
        let err = resolve_party("donor", "Britian").unwrap_err().to_string();
        assert!(err.contains("Britain"), "{err}");
    }

    #[test]
    fn stored_figures_keep_every_digit() {
        let f = Figure {
            value: Decimal::from_str("1234567.89").unwrap(),
            currency: "GBP".into(),
            qualifier: "exact".into(),
            upper: None,
            eur: None,
            usd: None,
        };
        let json = serde_json::to_string(&StoredFigure::of(&f)).unwrap();
        let back: StoredFigure = serde_json::from_str(&json).unwrap();
        assert_eq!(back.figure(), Some(f));
    }
}
