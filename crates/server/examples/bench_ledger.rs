//! Builds a large synthetic ledger for load tests of `pledgewatch serve`:
//! one short document per commitment, spread over 40 donors, 40 recipients
//! and eleven years so that few reports merge, written through the store's
//! own write path (so the entries, variants and evidence are what ingest
//! makes).
//!
//! ```text
//! cargo run --release -p pledgewatch-server --example bench_ledger -- --db /tmp/big.db --entries 1000000
//! ```

use std::time::Instant;

use jiff::civil::{Date, date};
use pledgewatch_pipeline::commitments::{Amount, Category, Evidence, Instrument, Party, Status};
use pledgewatch_pipeline::mentions::Qualifier;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Commitment, Document, RawDocument};
use pledgewatch_store::{Processed, Store};
use rust_decimal::Decimal;

const DONORS: &[(&str, &str)] = &[
    ("US", "United States"),
    ("GB", "United Kingdom"),
    ("DE", "Germany"),
    ("FR", "France"),
    ("JP", "Japan"),
    ("CA", "Canada"),
    ("NO", "Norway"),
    ("SE", "Sweden"),
    ("NL", "Netherlands"),
    ("DK", "Denmark"),
    ("PL", "Poland"),
    ("IT", "Italy"),
    ("ES", "Spain"),
    ("FI", "Finland"),
    ("BE", "Belgium"),
    ("AT", "Austria"),
    ("CH", "Switzerland"),
    ("AU", "Australia"),
    ("KR", "South Korea"),
    ("CZ", "Czechia"),
    ("EE", "Estonia"),
    ("LV", "Latvia"),
    ("LT", "Lithuania"),
    ("IE", "Ireland"),
    ("PT", "Portugal"),
    ("GR", "Greece"),
    ("RO", "Romania"),
    ("SK", "Slovakia"),
    ("SI", "Slovenia"),
    ("HR", "Croatia"),
    ("NZ", "New Zealand"),
    ("LU", "Luxembourg"),
    ("IS", "Iceland"),
    ("BG", "Bulgaria"),
    ("HU", "Hungary"),
    ("EU", "European Union"),
    ("EIB", "European Investment Bank"),
    ("WB", "World Bank"),
    ("IMF", "International Monetary Fund"),
    ("TR", "Turkey"),
];

const RECIPIENTS: &[(&str, &str)] = &[
    ("UA", "Ukraine"),
    ("MD", "Moldova"),
    ("SD", "Sudan"),
    ("PS", "Palestine"),
    ("SY", "Syria"),
    ("YE", "Yemen"),
    ("AF", "Afghanistan"),
    ("ET", "Ethiopia"),
    ("SO", "Somalia"),
    ("HT", "Haiti"),
    ("LB", "Lebanon"),
    ("JO", "Jordan"),
    ("BD", "Bangladesh"),
    ("MM", "Myanmar"),
    ("NG", "Nigeria"),
    ("ML", "Mali"),
    ("NE", "Niger"),
    ("TD", "Chad"),
    ("CD", "DR Congo"),
    ("SS", "South Sudan"),
    ("KE", "Kenya"),
    ("UG", "Uganda"),
    ("TZ", "Tanzania"),
    ("MZ", "Mozambique"),
    ("ZW", "Zimbabwe"),
    ("PK", "Pakistan"),
    ("LK", "Sri Lanka"),
    ("NP", "Nepal"),
    ("IQ", "Iraq"),
    ("LY", "Libya"),
    ("TN", "Tunisia"),
    ("EG", "Egypt"),
    ("MA", "Morocco"),
    ("GE", "Georgia"),
    ("AM", "Armenia"),
    ("AZ", "Azerbaijan"),
    ("KZ", "Kazakhstan"),
    ("VE", "Venezuela"),
    ("CO", "Colombia"),
    ("PE", "Peru"),
];

const CATEGORIES: &[Category] = &[Category::Military, Category::Financial, Category::Humanitarian, Category::Other];
const INSTRUMENTS: &[Instrument] =
    &[Instrument::Grant, Instrument::Loan, Instrument::Guarantee, Instrument::InKind, Instrument::Contract];
const STATUSES: &[Status] = &[Status::Announced, Status::Committed, Status::Delivered];
const CURRENCIES: &[&str] = &["EUR", "USD", "GBP", "JPY", "SEK"];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn pick<'a, T>(rng: &mut Rng, list: &'a [T]) -> &'a T {
    &list[rng.below(list.len())]
}

fn one(n: u64, rng: &mut Rng, rates: &RateTable) -> Processed {
    let first = date(2015, 1, 1);
    let on: Date = first.checked_add(jiff::Span::new().days(rng.below(4000) as i64)).unwrap_or(first);
    let donor = pick(rng, DONORS);
    let recipient = pick(rng, RECIPIENTS);
    let currency = *pick(rng, CURRENCIES);
    let millions = 1 + rng.below(2000) as i64;
    let value = Decimal::from(millions * 1_000_000) * if currency == "JPY" { Decimal::from(150) } else { Decimal::ONE };
    let text = format!(
        "{} will provide {} with {currency} {} in support, officials said in release number {n}.",
        donor.1, recipient.1, value
    );
    let chars = text.chars().count();
    let document = Document::build(RawDocument {
        source: format!("bench/{n}.txt"),
        text,
        published: Some(on),
        title: Some(format!("{} support for {} ({n})", donor.1, recipient.1)),
        outlet: Some("Bench Wire".into()),
        ..Default::default()
    });
    let conv = rates.convert(value, currency, on);
    let d = donor.1.chars().count();
    let commitment = Commitment {
        id: format!("{:016x}", rng.next()),
        donor: Some(Party { id: donor.0.into(), name: donor.1.into() }),
        recipient: Some(Party { id: recipient.0.into(), name: recipient.1.into() }),
        category: *pick(rng, CATEGORIES),
        instrument: *pick(rng, INSTRUMENTS),
        status: *pick(rng, STATUSES),
        amount: Some(Amount { value, currency: currency.into(), qualifier: Qualifier::Exact, upper: None }),
        value_eur: conv.eur.ok(),
        value_usd: conv.usd.ok(),
        unconverted: None,
        items: vec![],
        made_in: None,
        supplier: None,
        announced_on: Some(on),
        period: None,
        announced_by: None,
        confidence: 0.9,
        rules: vec![],
        evidence: vec![
            Evidence { field: "statement", start: 0, end: chars, bytes: (0, 0) },
            Evidence { field: "donor", start: 0, end: d, bytes: (0, 0) },
        ],
        annotations: Default::default(),
    };
    Processed::Document { document, commitments: vec![commitment] }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = "/tmp/pledgewatch-bench.db".to_string();
    let mut entries: u64 = 1_000_000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().ok_or("--db PATH")?,
            "--entries" => entries = args.next().ok_or("--entries N")?.parse()?,
            _ => return Err(format!("unknown argument {a:?} (--db PATH --entries N)").into()),
        }
    }
    let store = Store::open(&db).await?;
    let rates = RateTable::embedded();
    let mut rng = Rng(7);
    let started = Instant::now();
    let mut n = 0;
    while n < entries {
        let batch: Vec<Processed> = (n..(n + 5000).min(entries)).map(|i| one(i, &mut rng, rates)).collect();
        n += batch.len() as u64;
        store.write(&batch).await?;
        if n % 50_000 == 0 || n == entries {
            eprintln!("{n} documents in {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    let counts = store.counts().await?;
    println!(
        "{db}: {} documents, {} ledger entries, {} variants in {:.0} s",
        counts.documents,
        counts.entries,
        counts.variants,
        started.elapsed().as_secs_f64()
    );
    store.close().await;
    Ok(())
}
