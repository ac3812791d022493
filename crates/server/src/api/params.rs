//! Query-string parameters of ledger views, shared by the API, the exports
//! and the web pages: parsed strictly (an unknown name or a bad value is a
//! 400 that says what is accepted), and written back for links (next page,
//! downloads, facets) so that every link keeps the current view.
//!
//! What is accepted here is exactly what `openapi.rs` documents (values are
//! taken as sent, not trimmed; an empty value is the parameter left out), so
//! that a client reading the document is never surprised: the constants below
//! are used by both.

use jiff::Timestamp;
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
/// Every sort, `-` for descending: one per column of the ledger table but the
/// stated amount (figures in different currencies do not compare; EUR does).
pub const SORTS: &[&str] = &[
    "-date",
    "date",
    "-value_eur",
    "value_eur",
    "confidence",
    "-confidence",
    "-sources",
    "sources",
    "-donor",
    "donor",
    "-recipient",
    "recipient",
    "-category",
    "category",
    "-instrument",
    "instrument",
    "-status",
    "status",
    "-review",
    "review",
];
/// What a total orders its groups by: the face value or the grant equivalent (OECD DAC).
pub const MEASURES: &[&str] = &["face", "grant_equivalent"];
/// What totals can be grouped by (`by`).
pub const GROUPINGS: &[&str] = &["donor", "recipient", "category", "instrument", "status", "review", "month"];

/// The filter parameters every ledger view takes.
pub const FILTER_PARAMS: &[&str] = &[
    "donor",
    "recipient",
    "category",
    "instrument",
    "status",
    "review",
    "from",
    "to",
    "min_eur",
    "max_eur",
    "q",
    "as_of",
];
/// The filters of the change feed: those of the ledger that a version holds.
pub const CHANGE_FILTERS: &[&str] = &["donor", "recipient", "category", "instrument", "status", "review", "from", "to"];
/// What a list adds to them.
pub const LIST_PARAMS: &[&str] = &["sort", "limit", "cursor"];

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;
/// Longest `q`, in characters.
pub const MAX_Q: usize = 200;

/// Longest donor or recipient (an id or a name), in characters.
pub const MAX_PARTY: usize = 100;
/// A EUR bound: digits, optionally grouped by `,` or `_`, and a decimal part.
pub const EUROS_PATTERN: &str = "^[0-9][0-9,_]*([.][0-9]+)?$";
/// Longest EUR bound: every 28-character value fits an exact decimal.
pub const MAX_EUROS_LEN: usize = 28;

/// Parameters that name a party: an id or a name ("Britain"), resolved to the id.
const PARTY_PARAMS: &[&str] = &["donor", "recipient"];

/// The id of the party `value` names (`donor=britain` is GB, as on the command line),
/// or a 400 with the closest names. The value is kept as its id, so that the links a
/// page writes and the facet it selects carry the id.
fn party_id(name: &str, value: &str) -> Result<&'static str, Error> {
    if value.chars().count() > MAX_PARTY {
        return Err(Error::BadRequest(format!("{name}: at most {MAX_PARTY} characters")));
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
            Some(v) if allowed.contains(&v) => Ok(Some(v.to_string())),
            Some(v) => Err(Error::BadRequest(format!("{name}={v:?}: expected one of {}", allowed.join(", ")))),
        }
    }

    /// A date parameter: `YYYY-MM-DD`, a day that exists (OpenAPI's `date`).
    pub fn date(&self, name: &str) -> Result<Option<Date>, Error> {
        self.get(name)
            .map(|v| day(v).ok_or_else(|| Error::BadRequest(format!("{name}={v:?}: expected a date, YYYY-MM-DD"))))
            .transpose()
    }

    /// A time parameter: an RFC 3339 date-time with its offset (`2025-03-02T17:00:00Z`,
    /// `…+01:00`; OpenAPI's `date-time`).
    pub fn timestamp(&self, name: &str) -> Result<Option<Timestamp>, Error> {
        self.get(name)
            .map(|v| {
                instant(v).ok_or_else(|| {
                    Error::BadRequest(format!(
                        "{name}={v:?}: expected a date-time with its offset, as 2025-03-02T17:00:00Z (RFC 3339)"
                    ))
                })
            })
            .transpose()
    }

    /// A EUR bound ([`EUROS_PATTERN`], at most [`MAX_EUROS_LEN`] characters).
    fn decimal(&self, name: &str) -> Result<Option<Decimal>, Error> {
        self.get(name)
            .map(|v| {
                euros(v).ok_or_else(|| {
                    Error::BadRequest(format!(
                        "{name}={v:?}: expected a number of euros (digits, optionally grouped by , or _, \
                         and a decimal part; at most {MAX_EUROS_LEN} characters)"
                    ))
                })
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
            as_of: self.timestamp("as_of")?,
        };
        let q = self.get("q").map(str::to_string);
        if q.as_ref().is_some_and(|q| q.chars().count() > MAX_Q) {
            return Err(Error::BadRequest(format!("q: at most {MAX_Q} characters")));
        }
        let (sort, descending) = sort_of(self.one_of("sort", SORTS)?.as_deref().unwrap_or("-date"));
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
            // Digits only: `usize` would also take a sign ("+5").
            Some(v) => match v.bytes().all(|b| b.is_ascii_digit()).then(|| v.parse::<usize>()) {
                Some(Ok(n)) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
                _ => Err(Error::BadRequest(format!("limit={v:?}: expected 1 to {MAX_LIMIT}"))),
            },
        }
    }

    /// The page start, checked against the sort it was made for.
    pub fn cursor(&self, query: &Query) -> Result<Option<Cursor>, Error> {
        self.get("cursor").map(|c| decode_cursor(c, query)).transpose()
    }
}

/// A day written `YYYY-MM-DD` (jiff alone would also take `20250302`, a
/// date-time or an expanded year).
pub fn day(s: &str) -> Option<Date> {
    day_shape(s).then(|| s.parse::<Date>().ok()).flatten()
}

/// Whether `s` is written `YYYY-MM-DD`.
fn day_shape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// An RFC 3339 date-time: `YYYY-MM-DD`, `T` (or `t`, or a space), a time with
/// optional fraction, and `Z` or an offset — no more (jiff alone would also take
/// an IANA zone in brackets).
pub fn instant(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    let shaped = b.len() >= 20
        && s.get(..10).is_some_and(day_shape)
        && matches!(b[10], b'T' | b't' | b' ')
        && !s.contains('[')
        && (s.ends_with(['Z', 'z']) || s.len() >= 25 && matches!(b[b.len() - 6], b'+' | b'-'));
    if !shaped {
        return None;
    }
    let s = s.replacen(' ', "T", 1);
    match s.parse::<Timestamp>() {
        Ok(t) => Some(t),
        // A real date-time beyond the times the ledger can hold (9999-12-31T23:59Z,
        // or a year 0 with its offset): the ledger then is the ledger at its end.
        Err(_) => s
            .get(..19)?
            .parse::<jiff::civil::DateTime>()
            .ok()
            .map(|d| if d.year() > 5000 { Timestamp::MAX } else { Timestamp::MIN }),
    }
}

/// A EUR amount as [`EUROS_PATTERN`] and [`MAX_EUROS_LEN`] describe it.
fn euros(s: &str) -> Option<Decimal> {
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let whole_ok = whole.starts_with(|c: char| c.is_ascii_digit())
        && whole.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'_');
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if s.len() > MAX_EUROS_LEN || !whole_ok || !fraction_ok {
        return None;
    }
    s.replace([',', '_'], "").parse::<Decimal>().ok()
}

/// A sort's name (one of [`SORTS`]) as the store's sort and direction.
fn sort_of(name: &str) -> (Sort, bool) {
    let (descending, name) = name.strip_prefix('-').map_or((false, name), |n| (true, n));
    match Sort::from_name(name) {
        Some(sort) => (sort, descending),
        None => (Sort::Date, true),
    }
}

/// A cursor as sent to clients: `SORT~KEY~ID`. Opaque to them; readable to
/// us. A text key (a donor's name…) is written as the hex of its UTF-8 bytes,
/// so that any character, `~` too, keeps its place.
pub fn encode_cursor(c: &Cursor, query: &Query) -> String {
    let key = match query.sort {
        Sort::Text(_) => c.key.bytes().map(|b| format!("{b:02x}")).collect(),
        _ => c.key.clone(),
    };
    format!("{}~{key}~{}", sort_name(query), c.id)
}

/// Longest text key of a cursor, in bytes (hex digits are twice as many).
pub const MAX_CURSOR_TEXT: usize = 256;

/// What a cursor looks like (the key of an exact decimal has at most 29
/// whole and 28 fractional digits, a confidence is a decimal, a number of
/// sources at most 18 digits, a text key is hex); it must also be one of the
/// request's sort.
pub const CURSOR_PATTERN: &str = "^(-?date~([0-9]{4}-[0-9]{2}-[0-9]{2})?|-?value_eur~-?[0-9]{1,29}([.][0-9]{1,28})?\
     |-?confidence~-?[0-9]{1,29}([.][0-9]{1,28})?\
     |-?sources~[0-9]{1,18}|-?(donor|recipient|category|instrument|status|review)~([0-9a-f]{2}){0,256})\
     ~[A-Za-z0-9_-]{1,64}$";

/// Reads a cursor of [`CURSOR_PATTERN`] made for `query`'s sort. The key is
/// only compared with, never parsed: any key of the right shape is a place
/// in the list (date keys compare as text, EUR keys as numbers).
fn decode_cursor(s: &str, query: &Query) -> Result<Cursor, Error> {
    let bad = |why: String| Error::BadRequest(format!("cursor={s:?}: {why}"));
    let not_given = || bad("not a cursor a list gave (its next_cursor)".into());
    let mut parts = s.splitn(3, '~');
    let (Some(sort), Some(key), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(not_given()) };
    let digits = |d: &str, most: usize| (1..=most).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit());
    let key_ok = match sort {
        "date" | "-date" => key.is_empty() || day_shape(key),
        "value_eur" | "-value_eur" | "confidence" | "-confidence" => {
            let unsigned = key.strip_prefix('-').unwrap_or(key);
            match unsigned.split_once('.') {
                Some((whole, fraction)) => digits(whole, 29) && digits(fraction, 28),
                None => digits(unsigned, 29),
            }
        }
        "sources" | "-sources" => digits(key, 18),
        text if Sort::from_name(text.trim_start_matches('-')).is_some() => {
            key.len() <= 2 * MAX_CURSOR_TEXT
                && key.len() % 2 == 0
                && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        _ => false,
    };
    let id_ok = (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !key_ok || !id_ok {
        return Err(not_given());
    }
    if sort != sort_name(query) {
        return Err(bad(format!("made for sort={sort}, not sort={}", sort_name(query))));
    }
    let key = match query.sort {
        Sort::Text(_) => from_hex(key),
        _ => key.to_string(),
    };
    Ok(Cursor { key, id: id.to_string() })
}

/// The text a cursor's hex key stands for. Any key of the right shape is a
/// place in the list: bytes that are no UTF-8 become U+FFFD, and a NUL, which
/// no stored text holds and PostgreSQL refuses, is dropped.
fn from_hex(hex: &str) -> String {
    let bytes: Vec<u8> = hex
        .as_bytes()
        .chunks(2)
        .filter_map(|pair| std::str::from_utf8(pair).ok().and_then(|p| u8::from_str_radix(p, 16).ok()))
        .filter(|b| *b != 0)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn sort_name(q: &Query) -> &'static str {
    let name = q.sort.name();
    SORTS
        .iter()
        .copied()
        .find(|s| s.strip_prefix('-').is_some() == q.descending && s.trim_start_matches('-') == name)
        .unwrap_or("-date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_is_an_rfc3339_date_time() {
        for (text, want) in [
            ("2025-03-02T17:00:00Z", "2025-03-02T17:00:00Z"),
            ("2025-03-02t17:00:00.25z", "2025-03-02T17:00:00.25Z"),
            ("2025-03-02T18:00:00+01:00", "2025-03-02T17:00:00Z"),
            ("2025-03-02 17:00:00-00:00", "2025-03-02T17:00:00Z"),
            ("9999-12-31T23:59:59-23:59", &Timestamp::MAX.to_string()),
            ("0000-01-01T00:00:00+23:59", "-000001-12-31T00:01:00Z"),
        ] {
            assert_eq!(instant(text).map(|t| t.to_string()).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn parses_and_checks() {
        let all: &[&[&str]] = &[FILTER_PARAMS, LIST_PARAMS];
        let raw = Raw::parse(Some("donor=gb&category=military&q=&sort=-value_eur&limit=10"), all).unwrap();
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
            "limit=+5",
            "category=tanks",
            "category=Military",
            "from=2025-13-01",
            "from=20250101",
            "donor=GB&donor=US",
            "donor=Britian",
            "min_eur=-1",
            "min_eur=1.",
            "min_eur=.5",
            "min_eur=1e5",
            "as_of=2025-03-02",
            "as_of=2025-03-02T17:00:00",
            "as_of=2025-03-02T17:00:00%2B01",
            "as_of=2025-03-02T17:00:00Z%5BEurope/Paris%5D",
            "as_of=2025-02-30T17:00:00Z",
            "as_of=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9T17:00:00Z",
        ] {
            let r = Raw::parse(Some(bad), all).and_then(|r| r.query().and(r.limit()));
            assert!(matches!(r, Err(Error::BadRequest(_))), "{bad}");
        }
    }

    #[test]
    fn every_sort_is_a_store_sort_both_ways() {
        for name in SORTS {
            let (sort, descending) = sort_of(name);
            let q = Query { sort, descending, ..Query::default() };
            assert_eq!(sort_name(&q), *name);
        }
        assert_eq!(SORTS.len(), 2 * Sort::all().count());
    }

    #[test]
    fn text_cursors_keep_any_character() {
        let q = Raw::parse(Some("sort=-donor"), &[LIST_PARAMS]).unwrap().query().unwrap();
        for key in ["", "Côte d'Ivoire", "a~b~c", "名前", "x\u{0}"] {
            let c = Cursor { key: key.into(), id: "abc-1".into() };
            let s = encode_cursor(&c, &q);
            assert!(hex_shaped(&s), "{s}");
            let back = decode_cursor(&s, &q).unwrap();
            assert_eq!(back.key, key.replace('\0', ""), "{s}");
        }
        assert!(decode_cursor("-donor~abc~x", &q).is_err(), "odd hex");
        assert!(decode_cursor("-donor~ZZ~x", &q).is_err());
        assert_eq!(decode_cursor("-donor~ff~x", &q).unwrap().key, "\u{fffd}", "any hex is a place");
        let by_sources = Raw::parse(Some("sort=sources"), &[LIST_PARAMS]).unwrap().query().unwrap();
        assert!(decode_cursor(&format!("sources~{}~x", "9".repeat(18)), &by_sources).is_ok());
        assert!(decode_cursor(&format!("sources~{}~x", "9".repeat(19)), &by_sources).is_err(), "fits a BIGINT");
    }

    /// The shape [`CURSOR_PATTERN`] gives a text cursor.
    fn hex_shaped(s: &str) -> bool {
        let mut parts = s.splitn(3, '~');
        let (Some(sort), Some(key), Some(_)) = (parts.next(), parts.next(), parts.next()) else { return false };
        SORTS.contains(&sort) && key.len() % 2 == 0 && key.bytes().all(|b| b.is_ascii_hexdigit())
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
        assert!(decode_cursor("-date~~", &q).is_err(), "no id");
        assert!(decode_cursor("-date~~x", &q).is_ok(), "entries without a date sort first");
        let big = format!("value_eur~{}.{}~x", "9".repeat(29), "9".repeat(28));
        assert!(decode_cursor(&big, &by_value).is_ok(), "compared as a number, never parsed");
        assert!(decode_cursor(&format!("value_eur~{}~x", "9".repeat(30)), &by_value).is_err());
        assert!(decode_cursor("value_eur~+5~x", &by_value).is_err());
    }
}
