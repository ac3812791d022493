mod support;

use std::str::FromStr;

use jiff::civil::{Date, date};
use pledgewatch_rates::{Error, RateTable, Unconverted};
use rust_decimal::Decimal;
use support::{gzip_of, zip_of};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn table() -> &'static RateTable {
    RateTable::embedded()
}

fn rate(code: &str, on: Date) -> Result<(Decimal, Date), Unconverted> {
    table().rate(code, on).map(|r| (r.rate, r.rate_date))
}

/// The acceptance check: 1.6 bn GBP announced on Sunday 2025-03-02.
#[test]
fn gbp_on_a_sunday() {
    let c = table().convert(dec("1600000000"), "GBP", date(2025, 3, 2));
    let eur = c.eur.unwrap();
    assert_eq!(eur.rate, dec("0.82608"));
    assert_eq!(eur.rate_date, date(2025, 2, 28));
    assert_eq!(eur.value, dec("1936858415.65"));
    let usd = c.usd.unwrap();
    assert_eq!(usd.rate_date, date(2025, 2, 28));
    assert_eq!(usd.value, dec("2016463296.53"));
    let within = |v: Decimal, target: i64| ((v - Decimal::from(target)) / Decimal::from(target)).abs() < dec("0.005");
    assert!(within(eur.value, 1_936_858_416));
    assert!(within(usd.value, 2_016_463_297));
    // USD per GBP = 1.0411 / 0.82608.
    assert_eq!(usd.rate, dec("1.260289560333"));
}

#[test]
fn weekends_and_holidays_use_the_previous_fixing() {
    let fri = date(2025, 2, 28);
    assert_eq!(rate("USD", date(2025, 3, 1)), Ok((dec("1.0411"), fri)));
    assert_eq!(rate("usd", date(2025, 3, 2)), Ok((dec("1.0411"), fri)));
    // Christmas, New Year, Good Friday, Easter Monday and 1 May are TARGET holidays.
    for (on, fixing) in [
        (date(2024, 12, 25), date(2024, 12, 24)),
        (date(2024, 12, 26), date(2024, 12, 24)),
        (date(2025, 1, 1), date(2024, 12, 31)),
        (date(2024, 3, 29), date(2024, 3, 28)),
        (date(2024, 4, 1), date(2024, 3, 28)),
        (date(2024, 5, 1), date(2024, 4, 30)),
    ] {
        assert_eq!(table().rate("JPY", on).unwrap().rate_date, fixing, "{on}");
    }
}

#[test]
fn first_and_last_dates() {
    let t = table();
    assert_eq!(t.first_date(), date(1999, 1, 4));
    assert_eq!(rate("USD", date(1999, 1, 4)), Ok((dec("1.1789"), date(1999, 1, 4))));
    assert_eq!(t.last_date(), date(2026, 10, 30));
    assert_eq!(rate("USD", date(2026, 10, 30)), Ok((dec("1.1172"), date(2026, 10, 30))));
    // After the table's last fixing the ECB may have published rates the table lacks: the
    // table is out of date (even on the weekend right after it), never the last rate reused.
    assert_eq!(rate("USD", date(2026, 10, 31)), Err(Unconverted::RatesStale));
    assert_eq!(rate("GBP", date(2026, 11, 6)), Err(Unconverted::RatesStale));
    assert_eq!(rate("USD", date(2027, 6, 1)), Err(Unconverted::RatesStale));
    // A currency the ECB had stopped by then stays unpublished; one it never published too.
    assert_eq!(rate("RUB", date(2026, 11, 2)), Err(Unconverted::NotPublished));
    assert_eq!(rate("UAH", date(2026, 11, 2)), Err(Unconverted::NotPublished));
    // Euros need no rate, but their USD value waits for one: the record is flagged stale.
    let c = t.convert(dec("100"), "EUR", date(2026, 11, 2));
    assert_eq!(c.eur.map(|v| v.value), Ok(dec("100")));
    assert_eq!((c.usd, c.unconverted()), (Err(Unconverted::RatesStale), Some(Unconverted::RatesStale)));
    assert_eq!(t.convert(dec("100"), "DEM", date(2026, 11, 2)).unconverted(), Some(Unconverted::RatesStale));
    assert_eq!(t.convert(dec("100"), "GBP", date(2026, 10, 30)).unconverted(), None);
    let currencies: Vec<&str> = t.currencies().collect();
    assert_eq!(currencies.len(), 41);
    assert_eq!(&currencies[..3], ["USD", "JPY", "BGN"]);
}

#[test]
fn missing_currencies_are_not_guessed() {
    use Unconverted::*;
    assert_eq!(rate("UAH", date(2024, 6, 3)), Err(NotPublished));
    assert_eq!(rate("RUB", date(2022, 3, 1)), Ok((dec("117.201"), date(2022, 3, 1))));
    // Suspended: the ECB's fixings from 2022-03-02 on omit RUB.
    assert_eq!(rate("RUB", date(2022, 3, 2)), Err(NotPublished));
    assert_eq!(rate("RUB", date(2022, 3, 5)), Err(NotPublished));
    assert_eq!(rate("RUB", date(2023, 6, 1)), Err(NotPublished));
    // Before its series starts, during a suspension, and back again.
    assert_eq!(rate("RUB", date(2005, 3, 31)), Err(NotPublished));
    assert_eq!(rate("ISK", date(2012, 1, 2)), Err(NotPublished));
    assert_eq!(rate("ISK", date(2018, 2, 1)).unwrap().1, date(2018, 2, 1));
    assert_eq!(rate("XYZ", date(2024, 6, 3)), Err(UnknownCurrency));
    assert_eq!(rate("US", date(2024, 6, 3)), Err(UnknownCurrency));
    assert_eq!(rate("€", date(2024, 6, 3)), Err(UnknownCurrency));
    let c = table().convert(dec("5"), "UAH", date(2024, 6, 3));
    assert_eq!((c.eur, c.usd), (Err(NotPublished), Err(NotPublished)));
}

#[test]
fn dates_before_1999() {
    use Unconverted::BeforeSeries;
    assert_eq!(rate("USD", date(1999, 1, 3)), Err(BeforeSeries));
    assert_eq!(rate("GBP", date(1990, 5, 5)), Err(BeforeSeries));
    assert_eq!(rate("EUR", date(1998, 12, 31)), Err(BeforeSeries));
    assert_eq!(rate("DEM", date(1998, 12, 31)), Err(BeforeSeries));
    assert_eq!(rate("UAH", date(1998, 12, 31)), Err(BeforeSeries));
    assert_eq!(rate("XYZ", date(1998, 12, 31)), Err(Unconverted::UnknownCurrency));
}

#[test]
fn legacy_euro_currencies_use_fixed_rates() {
    let on = date(2020, 6, 6); // a Saturday
    assert_eq!(rate("DEM", on), Ok((dec("1.95583"), on)));
    assert_eq!(rate("ITL", on), Ok((dec("1936.27"), on)));
    let c = table().convert(dec("100"), "DEM", on);
    assert_eq!(c.eur.unwrap().value, dec("51.13"));
    let usd = c.usd.unwrap();
    assert_eq!(usd.rate_date, date(2020, 6, 5)); // USD falls back to Friday's fixing
    assert_eq!(usd.value, (dec("100") * dec("1.133") / dec("1.95583")).round_dp(2));
    // Before adoption: the ECB series; from adoption: the fixed rate.
    assert_eq!(rate("HRK", date(2022, 12, 30)), Ok((dec("7.5365"), date(2022, 12, 30))));
    assert_eq!(rate("HRK", date(2023, 1, 2)), Ok((dec("7.5345"), date(2023, 1, 2))));
    assert_eq!(rate("BGN", date(2025, 12, 31)).unwrap().0, dec("1.9558"));
    assert_eq!(rate("BGN", date(2026, 3, 2)).unwrap().0, dec("1.95583"));
    assert_eq!(rate("CYP", date(2007, 12, 29)).unwrap().1, date(2007, 12, 28));
    assert_eq!(rate("DEM", date(1999, 1, 1)), Ok((dec("1.95583"), date(1999, 1, 1))));
    // No ECB series before adoption in the file.
    assert_eq!(rate("GRD", date(2000, 6, 1)), Err(Unconverted::NotPublished));
    assert_eq!(rate("GRD", date(2001, 6, 1)).unwrap().0, dec("340.75"));
}

#[test]
fn eur_and_usd_amounts() {
    let on = date(2025, 3, 2);
    let c = table().convert(dec("1000.005"), "EUR", on);
    let eur = c.eur.unwrap();
    assert_eq!((eur.value, eur.rate, eur.rate_date), (dec("1000.01"), dec("1"), on));
    assert_eq!(c.usd.unwrap().value, dec("1041.11")); // 1041.105205 -> half-up
    let c = table().convert(dec("250"), "USD", on);
    let usd = c.usd.unwrap();
    assert_eq!((usd.value, usd.rate, usd.rate_date), (dec("250"), dec("1"), date(2025, 2, 28)));
    assert_eq!(c.eur.unwrap().value, dec("240.13"));
    // Too large for 96-bit decimals: reported, not wrapped.
    let c = table().convert(Decimal::MAX, "GBP", on);
    assert_eq!((c.eur, c.usd), (Err(Unconverted::Overflow), Err(Unconverted::Overflow)));
}

#[test]
fn update_csv_is_merged_over_the_embedded_rates() {
    let old = table();
    let update = "Date, USD, GBP, UAH, RUB, \n\
                  02 November 2026, 1.2000, 0.90000, 44.5, N/A, \n\
                  2026-10-30,1.1172,0.8338,N/A,N/A,\n";
    let newer = RateTable::parse(update.as_bytes()).unwrap();
    assert_eq!(newer.first_date(), date(2026, 10, 30));
    let merged = old.merged(&newer);
    assert_eq!(merged.last_date(), date(2026, 11, 2));
    let m = |c, on| merged.rate(c, on).map(|r| (r.rate, r.rate_date));
    assert_eq!(m("GBP", date(2026, 11, 2)), Ok((dec("0.9"), date(2026, 11, 2))));
    assert_eq!(m("GBP", date(2026, 11, 3)), Err(Unconverted::RatesStale));
    assert_eq!(m("GBP", date(2025, 3, 2)), Ok((dec("0.82608"), date(2025, 2, 28))));
    assert_eq!(m("UAH", date(2026, 11, 2)), Ok((dec("44.5"), date(2026, 11, 2))));
    assert_eq!(m("UAH", date(2026, 10, 30)), Err(Unconverted::NotPublished));
    assert_eq!(m("RUB", date(2026, 11, 2)), Err(Unconverted::NotPublished));
    assert_eq!(m("RUB", date(2022, 3, 1)).unwrap().0, dec("117.201"));
    // JPY is absent from the update: its old rate still holds within the week.
    assert_eq!(m("JPY", date(2026, 11, 2)), Ok((dec("175.68"), date(2026, 10, 30))));
    assert_eq!(m("JPY", date(2026, 11, 3)), Err(Unconverted::RatesStale));
    assert!(merged.currencies().any(|c| c == "UAH"));
    // The merged table survives the round trip through its CSV.
    assert_eq!(RateTable::parse(merged.to_csv().as_bytes()).unwrap(), merged);
    // The embedded table is untouched.
    assert_eq!(old.last_date(), date(2026, 10, 30));
}

#[test]
fn update_zip_and_gzip_files() {
    let csv = b"Date,USD,GBP,\n2026-11-03,1.21,0.91,\n2026-11-02,1.2,0.9,\n";
    for bytes in [zip_of("eurofxref.csv", csv), gzip_of(csv)] {
        let merged = table().merged(&RateTable::parse(&bytes).unwrap());
        let c = merged.convert(dec("91"), "GBP", date(2026, 11, 3));
        let (eur, usd) = (c.eur.unwrap(), c.usd.unwrap());
        assert_eq!((eur.value, eur.rate_date), (dec("100"), date(2026, 11, 3)));
        assert_eq!(usd.value, dec("121"));
        assert_eq!(merged.rate("GBP", date(2025, 3, 2)).unwrap().rate, dec("0.82608"));
    }
    let zip = zip_of("readme.txt", b"hello");
    let e = RateTable::parse(&zip);
    assert!(matches!(e, Err(Error::Header(_))), "{e:?}");
    let mut corrupt = zip_of("eurofxref.csv", csv);
    corrupt[50] ^= 0x55; // inside the deflated data
    assert!(RateTable::parse(&corrupt).is_err());
}

#[test]
fn embedded_round_trips_through_csv() {
    let t = table();
    let csv = t.to_csv();
    assert!(csv.starts_with("Date,USD,JPY,BGN,"));
    assert!(csv.lines().nth(1).unwrap().starts_with("2026-10-30,1.1172,175.68,N/A,"));
    assert_eq!(&RateTable::parse(csv.as_bytes()).unwrap(), t);
    assert!(std::ptr::eq(t, RateTable::embedded()));
}

#[test]
fn bad_files_say_where() {
    let err = |s: &str| RateTable::parse(s.as_bytes()).unwrap_err().to_string();
    assert_eq!(err(""), "the file has no rates");
    assert_eq!(err("Date,USD\n"), "the file has no rates");
    assert!(err("Day,USD\n2025-01-02,1\n").starts_with("bad header"));
    assert!(err("Date,US\n2025-01-02,1\n").starts_with("bad header"));
    assert!(err("Date,USD,USD\n").starts_with("bad header"));
    assert_eq!(err("Date,USD\n2025-01-02,1\n2025-13-01,1\n"), "line 3: `2025-13-01` is not a date");
    assert_eq!(err("Date,USD\n2025-01-02,-1\n"), "line 2: USD: `-1` is not a positive rate");
    assert_eq!(err("Date,USD\n2025-01-02,abc\n"), "line 2: USD: `abc` is not a positive rate");
    assert_eq!(err("Date,USD,GBP\n2025-01-02,1\n"), "line 2: missing value for GBP");
    assert_eq!(err("Date,USD\n2025-01-02,1,2\n"), "line 2: more values than header columns");
    assert_eq!(err("Date,USD\n2025-01-02,1\n\n2025-01-02,1\n"), "line 4: date 2025-01-02 already on line 2");
    assert_eq!(err("Date,USD\n2025-01-02,N/A\n"), "the file has no rates");
    assert_eq!(err("Date,USD\n2025-01-02,1\n\u{0}\u{ff}"), "line 3: `\u{0}\u{ff}` is not a date");
    assert!(matches!(RateTable::parse(b"Date,USD\n2025-01-02,1\n\xff"), Err(Error::Line { line: 3, .. })));
    assert!(matches!(RateTable::parse(b"\x1f\x8b\x08garbage"), Err(Error::Archive(_))));
    assert!(matches!(RateTable::parse(b"PK\x03\x04"), Err(Error::Archive(_))));
}

#[test]
fn serde_shapes() {
    let r = table().rate("GBP", date(2025, 3, 2)).unwrap();
    assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"rate":0.82608,"rate_date":"2025-02-28"}"#);
    assert_eq!(serde_json::to_string(&Unconverted::NotPublished).unwrap(), r#""not_published""#);
    assert_eq!(serde_json::to_string(&Unconverted::BeforeSeries).unwrap(), r#""before_series""#);
    assert_eq!(serde_json::to_string(&Unconverted::RatesStale).unwrap(), r#""rates_stale""#);
    let c = table().convert(dec("10"), "EUR", date(2025, 3, 3)).eur.unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"value":10,"rate":1,"rate_date":"2025-03-03"}"#);
}

/// No input makes `parse` panic: random bytes, and random damage to valid CSV, gzip and ZIP.
#[test]
fn garbage_never_panics() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let csv: &[u8] = b"Date,USD,JPY,RUB,\n2026-11-03,1.21,175.5,N/A,\n02 November 2026,1.2,,N/A,\n";
    let seeds = [csv.to_vec(), gzip_of(csv), zip_of("x.csv", csv), b"PK\x05\x06".to_vec()];
    let alphabet = b"PK\x03\x04\x05\x06\x01\x02\x1f\x8b,\n\r-./NA0123456789 Date:eE+";
    let small = RateTable::parse(csv).unwrap();
    for round in 0..20_000 {
        let mut bytes = seeds[round % seeds.len()].clone();
        match next() % 4 {
            0 => {
                let len = (next() % 200) as usize;
                bytes = (0..len).map(|_| alphabet[next() as usize % alphabet.len()]).collect();
            }
            1 => bytes.truncate(next() as usize % (bytes.len() + 1)),
            _ => {
                for _ in 0..1 + next() % 4 {
                    let i = next() as usize % bytes.len();
                    bytes[i] = if next() % 2 == 0 { next() as u8 } else { alphabet[next() as usize % alphabet.len()] };
                }
            }
        }
        if let Ok(t) = RateTable::parse(&bytes) {
            // Whatever parses must also serialise, look up and merge without panicking.
            let _ = RateTable::parse(t.to_csv().as_bytes()).unwrap();
            let _ = t.convert(dec("1"), "USD", t.last_date());
            let _ = t.merged(&t).merged(&small);
        }
    }
}
