//! Query-string parameters of ledger views, shared by the API, the exports
//! and the web pages: parsed strictly (an unknown name or a bad value is a
//! 400 that says what is accepted), and written back for links (next page,
//! downloads, facets) so that every link keeps the current view.

use jiff::civil::Date;
use pledgewatch_pipeline::actors::{PartyLookup, lookup_party};
use pledgewatch_store::query::{Cursor, Query, Sort};
use pledgewatch_store::{Filter, REVIEW_STATES};
use rust_decimal::Decimal;

use crate::error::Error;

pub const CATEGORIES: &[&str] = &["military", "financial", "humanitarian", "other"];
pub const INSTRUMENTS: &[&str] =
    &["grant", "loan", "guarantee", "export_finance", "in_kind", "contract", "budget_support", "unspecified"];
pub const STATUSES: &[&str] = &["intent", "announced", "committed", "contracted", "delivered", "disbursed"];
pub const SORTS: &[&str] = &["-date", "date", "-value_eur", "value_eur"];

/// The filter parameters every ledger view takes.
pub const FILTER_PARAMS: &[&str] =
    &["donor", "recipient", "category", "instrument", "status", "review", "from", "to", "min_eur", "max_eur", "q"];
/// What a list adds to them.
pub const LIST_PARAMS: &[&str] = &["sort", "limit", "cursor"];

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

/// Parameters that name a party: an id or a name ("Britain"), resolved to the id.
const PARTY_PARAMS: &[&str] = &["donor", "recipient"];

/// The id of the party `value` names (`donor=britain` is GB, as on the command line),
/// or a 400 with the closest names. The value is kept as its id, so that the links a
/// page writes and the facet it selects carry the id.
fn party_id(name: &str, value: &str) -> Result<&'static str, Error> {
    if value.chars().count() > 100 {
        return Err(Error::BadRequest(format!("{name}: at most 100 characters")));
    }
    match lookup_party(value) {
        PartyLookup::Found(id) => Ok(id),
        other => Err(Error::BadRequest(other.why_not(name, value).unwrap_or_default())),
    }
}

/// Raw `name=value` pairs, empty values dropped (an untouched form field).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Raw(Vec<(String, String)>);

impl Raw {
    /// Parses a query string, accepting only `allowed` names, each once.
    pub fn parse(query: Option<&str>, allowed: &[&[&str]]) -> Result<Raw, Error> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| Error::BadRequest(format!("query string: {e}")))?;
        let mut out: Vec<(String, String)> = Vec::new();
        for (k, v) in pairs {
            if !allowed.iter().any(|list| list.contains(&k.as_str())) {
                let names: Vec<&str> = allowed.iter().flat_map(|l| l.iter().copied()).collect();
                return Err(Error::BadRequest(format!("unknown parameter {k:?} (known: {})", names.join(", "))));
            }
            if out.iter().any(|(o, _)| *o == k) {
                return Err(Error::BadRequest(format!("parameter {k:?} given twice")));
            }
            let v = v.trim().to_string();
            if !v.is_empty() {
                let v = if PARTY_PARAMS.contains(&k.as_str()) { party_id(&k, &v)?.to_string() } else { v };
                out.push((k, v));
            }
        }
        Ok(Raw(out))
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A copy with `name` set (or removed when `value` is `None`).
    pub fn with(&self, name: &str, value: Option<&str>) -> Raw {
        let mut out: Vec<(String, String)> = self.0.iter().filter(|(k, _)| k != name).cloned().collect();
        if let Some(v) = value {
            out.push((name.to_string(), v.to_string()));
        }
        Raw(out)
    }

    /// Only the pairs whose names are in `names`.
    pub fn only(&self, names: &[&str]) -> Raw {
        Raw(self.0.iter().filter(|(k, _)| names.contains(&k.as_str())).cloned().collect())
    }

    /// `?a=1&b=2`, or `""` when empty.
    pub fn query_string(&self) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        format!("?{}", serde_urlencoded::to_string(&self.0).unwrap_or_default())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn one_of(&self, name: &str, allowed: &[&str]) -> Result<Option<String>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if allowed.contains(&v.to_ascii_lowercase().as_str()) => Ok(Some(v.to_ascii_lowercase())),
            Some(v) => Err(Error::BadRequest(format!("{name}={v:?}: expected one of {}", allowed.join(", ")))),
        }
    }

    fn date(&self, name: &str) -> Result<Option<Date>, Error> {
        self.get(name)
            .map(|v| v.parse::<Date>().map_err(|_| Error::BadRequest(format!("{name}={v:?}: expected YYYY-MM-DD"))))
            .transpose()
    }

    fn decimal(&self, name: &str) -> Result<Option<Decimal>, Error> {
        self.get(name)
            .map(|v| {
                v.replace(['_', ','], "")
                    .parse::<Decimal>()
                    .map_err(|_| Error::BadRequest(format!("{name}={v:?}: expected a number of euros")))
            })
            .transpose()
    }

    /// A party, already resolved to its id by [`Raw::parse`].
    fn party(&self, name: &str) -> Result<Option<String>, Error> {
        Ok(self.get(name).map(str::to_ascii_uppercase))
    }

    /// The store query these parameters describe.
    pub fn query(&self) -> Result<Query, Error> {
        let filter = Filter {
            donor: self.party("donor")?,
            recipient: self.party("recipient")?,
            category: self.one_of("category", CATEGORIES)?,
            instrument: self.one_of("instrument", INSTRUMENTS)?,
            status: self.one_of("status", STATUSES)?,
            review: self.one_of("review", REVIEW_STATES)?,
            from: self.date("from")?,
            to: self.date("to")?,
        };
        let q = self.get("q").map(str::to_string);
        if q.as_ref().is_some_and(|q| q.len() > 200) {
            return Err(Error::BadRequest("q: at most 200 characters".into()));
        }
        let (sort, descending) = match self.one_of("sort", SORTS)?.as_deref().unwrap_or("-date") {
            "date" => (Sort::Date, false),
            "-value_eur" => (Sort::ValueEur, true),
            "value_eur" => (Sort::ValueEur, false),
            _ => (Sort::Date, true),
        };
        Ok(Query {
            filter,
            q,
            min_eur: self.decimal("min_eur")?,
            max_eur: self.decimal("max_eur")?,
            exclude_rejected: false,
            sort,
            descending,
        })
    }

    pub fn limit(&self) -> Result<usize, Error> {
        match self.get("limit") {
            None => Ok(DEFAULT_LIMIT),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
                _ => Err(Error::BadRequest(format!("limit={v:?}: expected 1 to {MAX_LIMIT}"))),
            },
        }
    }

    /// The page start, checked against the sort it was made for.
    pub fn cursor(&self, query: &Query) -> Result<Option<Cursor>, Error> {
        self.get("cursor").map(|c| decode_cursor(c, query)).transpose()
    }
}

/// A cursor as sent to clients: `SORT~KEY~ID`. Opaque to them; readable to us.
pub fn encode_cursor(c: &Cursor, query: &Query) -> String {
    format!("{}~{}~{}", sort_name(query), c.key, c.id)
}

fn decode_cursor(s: &str, query: &Query) -> Result<Cursor, Error> {
    let bad = || Error::BadRequest("cursor: not one this list gave (the sort may have changed)".into());
    let mut parts = s.splitn(3, '~');
    let (Some(sort), Some(key), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
    if sort != sort_name(query) || id.is_empty() {
        return Err(bad());
    }
    let key_ok = match query.sort {
        Sort::Date => key.is_empty() || key.parse::<Date>().is_ok(),
        Sort::ValueEur => key.parse::<Decimal>().is_ok(),
    };
    if !key_ok || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(bad());
    }
    Ok(Cursor { key: key.to_string(), id: id.to_string() })
}

fn sort_name(q: &Query) -> &'static str {
    match (q.sort, q.descending) {
        (Sort::Date, true) => "-date",
        (Sort::Date, false) => "date",
        (Sort::ValueEur, true) => "-value_eur",
        (Sort::ValueEur, false) => "value_eur",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks() {
        let all: &[&[&str]] = &[FILTER_PARAMS, LIST_PARAMS];
        let raw = Raw::parse(Some("donor=gb&category=Military&q=&sort=-value_eur&limit=10"), all).unwrap();
        let q = raw.query().unwrap();
        assert_eq!(q.filter.donor.as_deref(), Some("GB"));
        assert_eq!(q.filter.category.as_deref(), Some("military"));
        assert_eq!(q.q, None, "empty values are dropped");
        assert_eq!((q.sort, q.descending), (Sort::ValueEur, true));
        assert_eq!(raw.limit().unwrap(), 10);
        for bad in [
            "donr=GB",
            "limit=201",
            "limit=0",
            "category=tanks",
            "from=2025-13-01",
            "donor=GB&donor=US",
            "donor=Britian",
        ] {
            let r = Raw::parse(Some(bad), all).and_then(|r| r.query().and(r.limit()));
            assert!(matches!(r, Err(Error::BadRequest(_))), "{bad}");
        }
    }

    #[test]
    fn cursors_round_trip_and_are_tied_to_their_sort() {
        let q = Raw::default().query().unwrap();
        let c = Cursor { key: "2025-03-02".into(), id: "abc123-0".into() };
        let s = encode_cursor(&c, &q);
        assert_eq!(decode_cursor(&s, &q).unwrap(), c);
        let by_value = Raw::parse(Some("sort=value_eur"), &[LIST_PARAMS]).unwrap().query().unwrap();
        assert!(decode_cursor(&s, &by_value).is_err());
        assert!(decode_cursor("-date~x~y", &q).is_err());
    }
}
