//! ECB euro foreign-exchange reference rates, 1999 to the latest shipped date, built into the
//! binary, and conversion of announced amounts to EUR and USD at the rate of a date.
//!
//! Rates are the ECB's: units of a currency per 1 EUR, one set per TARGET working day.
//! Lookups never guess: when there is no honest rate for a date the answer is an
//! [`Unconverted`] reason, not a stale or invented number.
//!
//! Rules, in the order [`RateTable::rate`] applies them:
//! 1. `EUR` is 1 on every date from 1999-01-01 (the euro's start).
//! 2. A former euro-area currency (DEM, FRF, ..., HRK, BGN) on or after its adoption date uses
//!    its irrevocable conversion rate, with `rate_date` = the asked date (the rate holds
//!    every day). Before adoption it uses the ECB series like any other currency.
//! 3. Dates before 1999-01-04, the ECB's first fixing, are [`Unconverted::BeforeSeries`].
//! 4. Otherwise the rate is the last one the ECB published on or before the date, so a
//!    weekend or holiday uses the previous working day. It is
//!    [`Unconverted::NotPublished`] when the ECB's latest fixing on or before the date lacked
//!    the currency (RUB after 2022-03-01, ISK 2008-12-10..2018-01-31), when the ECB never
//!    published it (UAH), or when the last rate is more than [`STALE_AFTER_DAYS`] days old.
//! 5. A date after the table's last fixing is [`Unconverted::RatesStale`]: the ECB may have
//!    published a rate since that the table lacks, so the last one is not used. Newer rates
//!    (`rates update`) convert it.

mod codes;
#[cfg(feature = "fetch")]
pub mod fetch;
mod parse;

use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// Days a published rate stays usable. The longest gap between ECB fixings is 5 days
/// (Easter, Christmas), so a rate older than this means the currency stopped being
/// published or the table does not reach the date.
pub const STALE_AFTER_DAYS: i64 = 7;

/// The ECB's first reference-rate fixing.
pub const SERIES_START: Date = date(1999, 1, 4);

/// The euro's first day; `EUR` has rate 1 from here on.
const EURO_START: Date = date(1999, 1, 1);

/// The ECB history shipped with the crate (see `data/README.md`).
static EMBEDDED_GZ: &[u8] = include_bytes!("../data/eurofxref-hist.csv.gz");

/// Why a file could not be read as an ECB rates history.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("line {line}: {reason}")]
    Line { line: usize, reason: String },
    #[error("bad header: {0}")]
    Header(String),
    #[error("the file has no rates")]
    NoRates,
    #[error("cannot unpack {0}")]
    Archive(String),
    #[error("the unpacked file exceeds {0} bytes")]
    TooLarge(u64),
    /// Newer rates could not be downloaded, or what came is no rates file.
    #[error("cannot fetch {url}: {reason}")]
    Fetch { url: String, reason: String },
}

/// Why a value was not converted; never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unconverted {
    /// Not an ISO 4217 code, a former euro-area currency, nor a column of the table.
    #[error("unknown currency")]
    UnknownCurrency,
    /// The ECB does not publish this currency on/before that date (UAH always; RUB after
    /// 2022-03-01; any rate older than [`STALE_AFTER_DAYS`]).
    #[error("no ECB rate published for this currency on or before that date")]
    NotPublished,
    /// The date is before the ECB series (1999-01-04; EUR itself before 1999-01-01).
    #[error("date before the ECB series (1999-01-04)")]
    BeforeSeries,
    /// The date is after the table's last fixing: the rates need an update (`rates
    /// update`), after which the amount converts. Never final, unlike the other reasons.
    #[error("date after the newest ECB rates in the table (run `rates update`)")]
    RatesStale,
    /// The amount is too large for exact decimal arithmetic.
    #[error("amount too large to convert")]
    Overflow,
}

/// A reference rate: units of the currency per 1 EUR, as published on `rate_date`.
///
/// Serialises as `{"rate": 0.82608, "rate_date": "2025-02-28"}`: decimals as exact JSON
/// numbers (serde_json's `arbitrary_precision`), dates as ISO strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rate {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rate: Decimal,
    pub rate_date: Date,
}

/// A converted amount.
///
/// `value` is rounded to 2 decimal places, half away from zero ("half-up", as in
/// accounting), from the exact unrounded quotient. `rate` is what was applied: for EUR the
/// currency-per-euro rate; for USD the cross rate in USD per unit of the currency
/// (`usd_per_eur / currency_per_eur`, rounded to 12 places for display only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Converted {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub value: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pub rate: Decimal,
    pub rate_date: Date,
}

/// An amount in EUR and in USD; each side may fail independently (e.g. USD before 1999).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conversion {
    pub eur: Result<Converted, Unconverted>,
    pub usd: Result<Converted, Unconverted>,
}

impl Conversion {
    /// Why EUR, else USD, is missing: the one flag a record carries. An amount in euros
    /// dated after the table has its EUR value but waits for the USD rate, so it is
    /// [`Unconverted::RatesStale`] too.
    pub fn unconverted(&self) -> Option<Unconverted> {
        self.eur.err().or(self.usd.err())
    }
}

/// One currency's series, sorted by date.
///
/// Stored as parallel vectors (dates are 4 bytes, so the binary search stays in cache).
/// Only changes of state are kept for gaps: a rate of zero marks the first fixing that
/// omitted the currency after it had a rate, and stands for all fixings until the next
/// rate. Runs of N/A cost one entry instead of thousands.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Series {
    code: Box<str>,
    dates: Vec<Date>,
    rates: Vec<Decimal>,
}

const GAP: Decimal = Decimal::ZERO;

impl Series {
    /// Build from date-sorted, date-unique cells (`None` = N/A), dropping redundant gaps.
    fn from_cells(code: Box<str>, cells: impl IntoIterator<Item = (Date, Option<Decimal>)>) -> Self {
        let (mut dates, mut rates) = (Vec::new(), Vec::new());
        let mut had_rate = false;
        for (day, value) in cells {
            if value.is_some() || had_rate {
                dates.push(day);
                rates.push(value.unwrap_or(GAP));
            }
            had_rate = value.is_some();
        }
        Series { code, dates, rates }
    }

    fn cells(&self) -> impl Iterator<Item = (Date, Option<Decimal>)> + '_ {
        let rate = |r: &Decimal| (!r.is_zero()).then_some(*r);
        self.dates.iter().copied().zip(self.rates.iter().map(rate))
    }

    /// The entry in force on `on`: `(date, rate)` with a zero rate for a gap.
    fn at(&self, on: Date) -> Option<(Date, Decimal)> {
        let i = self.dates.partition_point(|d| *d <= on).checked_sub(1)?;
        Some((self.dates[i], self.rates[i]))
    }
}

/// Whether `code` (upper case) is a currency a record may state: an ISO 4217 code, or a
/// former euro-area currency with its fixed rate (FIM, DEM…). A reviewer's edit is checked
/// against the same list the conversion uses to tell "not published" from "no currency".
pub fn is_currency(code: &str) -> bool {
    codes::is_iso_4217(code) || codes::fixed_rate(code).is_some()
}

/// The ECB reference rates: per currency, a sorted `(date, rate)` series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable {
    /// In the file's column order (USD first for ECB files), so `to_csv` looks like the ECB's.
    series: Vec<Series>,
    first: Date,
    last: Date,
}

impl RateTable {
    /// The rates shipped in the binary (decoded once, then shared).
    pub fn embedded() -> &'static RateTable {
        static TABLE: LazyLock<RateTable> = LazyLock::new(|| {
            // Checked by the crate's tests; a failure here is a broken build, not bad input.
            RateTable::parse(EMBEDDED_GZ).expect("embedded ECB rates must parse")
        });
        &TABLE
    }

    /// Parse an ECB history file: CSV bytes, or a ZIP holding the CSV (detected by the "PK"
    /// magic), or gzip. Accepts the history (`eurofxref-hist`) and the daily (`eurofxref`)
    /// layouts: `Date,USD,...` header, ISO or `30 October 2026` dates, `N/A` or empty for
    /// no rate, an optional trailing comma.
    pub fn parse(bytes: &[u8]) -> Result<RateTable, Error> {
        let csv = parse::unwrap_container(bytes)?;
        let columns = parse::parse_csv(&csv)?;
        let series = columns.into_iter().map(|(code, cells)| Series::from_cells(code, cells)).collect();
        Self::from_series(series).ok_or(Error::NoRates)
    }

    /// Drop empty series and compute the date range; `None` if no rate is left.
    fn from_series(mut series: Vec<Series>) -> Option<RateTable> {
        series.retain(|s| !s.dates.is_empty());
        let first = series.iter().filter_map(|s| s.dates.first()).min()?;
        let last = series.iter().filter_map(|s| s.dates.last()).max()?;
        Some(RateTable { first: *first, last: *last, series })
    }

    /// A table with `newer`'s rates overriding/adding to self's (for `rates update`).
    ///
    /// Per currency and date, whatever `newer` states (a rate, or the start of a gap) wins;
    /// dates and currencies absent from `newer` keep self's rates, so a daily file or a
    /// partial file only adds.
    pub fn merged(&self, newer: &RateTable) -> RateTable {
        let mut series: Vec<Series> = Vec::with_capacity(self.series.len());
        let codes = self.series.iter().chain(&newer.series).map(|s| &s.code);
        for code in codes {
            if series.iter().any(|s| s.code == *code) {
                continue;
            }
            let (old, new) = (self.series(code), newer.series(code));
            let cells = merge_sorted(old.into_iter().flat_map(Series::cells), new.into_iter().flat_map(Series::cells));
            series.push(Series::from_cells(code.clone(), cells));
        }
        // Both inputs hold at least one rate, so the merge does too.
        Self::from_series(series).unwrap_or_else(|| newer.clone())
    }

    /// The first date with a rate.
    pub fn first_date(&self) -> Date {
        self.first
    }

    /// The last date with a rate (or gap); a later date is [`Unconverted::RatesStale`].
    pub fn last_date(&self) -> Date {
        self.last
    }

    /// Codes of the currencies with an ECB series in the table (not EUR nor fixed-rate-only).
    pub fn currencies(&self) -> impl Iterator<Item = &str> {
        self.series.iter().map(|s| &*s.code)
    }

    fn series(&self, code: &str) -> Option<&Series> {
        self.series.iter().find(|s| *s.code == *code)
    }

    /// The last rate published on or before `on` for `currency` (ISO 4217, any case);
    /// EUR is 1 on every date (from 1999-01-01). See the crate docs for the rules.
    pub fn rate(&self, currency: &str, on: Date) -> Result<Rate, Unconverted> {
        // Upper-case into a stack buffer: lookups are hot in the pipeline.
        let mut buf = [0u8; 3];
        match currency.trim().as_bytes() {
            b if b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic) => buf.copy_from_slice(b),
            _ => return Err(Unconverted::UnknownCurrency),
        }
        buf.make_ascii_uppercase();
        let code = std::str::from_utf8(&buf).map_err(|_| Unconverted::UnknownCurrency)?;
        if code == "EUR" {
            if on < EURO_START {
                return Err(Unconverted::BeforeSeries);
            }
            return Ok(Rate { rate: Decimal::ONE, rate_date: on });
        }
        let fixed = codes::fixed_rate(code);
        if let Some(f) = fixed
            && on >= f.since
        {
            return Ok(Rate { rate: f.rate(), rate_date: on });
        }
        let series = self.series(code);
        if series.is_none() && fixed.is_none() && !codes::is_iso_4217(code) {
            return Err(Unconverted::UnknownCurrency);
        }
        if on < SERIES_START {
            return Err(Unconverted::BeforeSeries);
        }
        let Some((rate_date, rate)) = series.and_then(|s| s.at(on)) else {
            return Err(Unconverted::NotPublished);
        };
        // A rate is out of use `STALE_AFTER_DAYS` after it was published.
        let stale_on = |day: Date| day > rate_date.saturating_add(STALE_AFTER_DAYS.days());
        if rate.is_zero() {
            Err(Unconverted::NotPublished)
        } else if on > self.last {
            // Past the table: the currency had stopped by the table's end, or newer rates
            // are needed.
            Err(if stale_on(self.last) { Unconverted::NotPublished } else { Unconverted::RatesStale })
        } else if stale_on(on) {
            Err(Unconverted::NotPublished)
        } else {
            Ok(Rate { rate, rate_date })
        }
    }

    /// Convert `amount` in `currency` announced on `on` to EUR and to USD.
    ///
    /// USD goes through the euro cross rate of the SAME ECB day as the currency's rate
    /// (the USD rate on its `rate_date`, or the last one before if USD lacks that day, as
    /// for a fixed-rate currency on a weekend); the USD side's `rate_date` is the USD
    /// rate's date. `value_usd = amount * usd_per_eur / currency_per_eur`, i.e. the
    /// unrounded EUR value times the USD rate, rounded once.
    pub fn convert(&self, amount: Decimal, currency: &str, on: Date) -> Conversion {
        let cur = match self.rate(currency, on) {
            Ok(r) => r,
            Err(e) => {
                return Conversion { eur: Err(e), usd: Err(e) };
            }
        };
        let eur = amount
            .checked_div(cur.rate)
            .map(|value| Converted { value: round_money(value), rate: cur.rate, rate_date: cur.rate_date })
            .ok_or(Unconverted::Overflow);
        let usd = self.rate("USD", cur.rate_date).and_then(|usd| {
            // Multiply first so that e.g. USD -> USD is exact; divide first only if that
            // would overflow.
            let value = amount
                .checked_mul(usd.rate)
                .and_then(|v| v.checked_div(cur.rate))
                .or_else(|| amount.checked_div(cur.rate)?.checked_mul(usd.rate))
                .ok_or(Unconverted::Overflow)?;
            let cross = usd.rate.checked_div(cur.rate).ok_or(Unconverted::Overflow)?;
            Ok(Converted { value: round_money(value), rate: cross.round_dp(12).normalize(), rate_date: usd.rate_date })
        });
        Conversion { eur, usd }
    }

    /// Serialize back to ECB CSV (newest first, `N/A` for no rate, trailing comma; an empty
    /// cell only where a merged partial update left a day unstated), so
    /// `rates update` can store the merged table in a user file. [`RateTable::parse`]
    /// reads it back to an equal table.
    pub fn to_csv(&self) -> String {
        let mut days: Vec<Date> = self.series.iter().flat_map(|s| s.dates.iter().copied()).collect();
        days.sort_unstable();
        days.dedup();
        let mut out = String::with_capacity(days.len() * (12 + 9 * self.series.len()));
        out.push_str("Date,");
        for s in &self.series {
            out.push_str(&s.code);
            out.push(',');
        }
        out.push('\n');
        // Walk each series backwards alongside the days, newest first.
        let mut pos: Vec<usize> = self.series.iter().map(|s| s.dates.len()).collect();
        for day in days.iter().rev() {
            out.push_str(&day.to_string());
            out.push(',');
            for (s, p) in self.series.iter().zip(&mut pos) {
                if *p > 0 && s.dates[*p - 1] == *day {
                    *p -= 1;
                    match s.rates[*p] {
                        r if r.is_zero() => out.push_str("N/A"),
                        r => out.push_str(&r.to_string()),
                    }
                } else if *p > 0 && !s.rates[*p - 1].is_zero() {
                    // A day this currency has no entry for while a rate is in force: only
                    // after merging a partial update. Empty keeps it a non-statement.
                } else {
                    out.push_str("N/A");
                }
                out.push(',');
            }
            out.push('\n');
        }
        out
    }
}

/// Merge two date-sorted cell lists; on equal dates the `newer` cell wins.
fn merge_sorted<T>(old: impl Iterator<Item = (Date, T)>, newer: impl Iterator<Item = (Date, T)>) -> Vec<(Date, T)> {
    let (mut old, mut newer) = (old.peekable(), newer.peekable());
    let mut out = Vec::new();
    loop {
        let (o, n) = (old.peek().map(|c| c.0), newer.peek().map(|c| c.0));
        let take_new = match (o, n) {
            (None, None) => return out,
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (Some(o), Some(n)) => {
                if o == n {
                    old.next();
                }
                n <= o
            }
        };
        let next = if take_new { newer.next() } else { old.next() };
        out.extend(next);
    }
}

fn round_money(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}
