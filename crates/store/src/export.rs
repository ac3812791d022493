//! Exports of ledger entries: CSV, JSON Lines, Excel and (with the `parquet`
//! feature) Parquet, all with the same columns, enough to reproduce the
//! totals: summing `value_eur` over the rows gives [`crate::Totals`]. Each row
//! carries the entry's full record ([`crate::FullRecord`]): items and counts,
//! supplier, place of manufacture, announcer, period, the sources' addresses
//! and outlets, the evidence sentence, confidence and review state. A cell
//! that holds several values (items, addresses, outlets) joins them with
//! [`LIST_SEPARATOR`], the same in every format, so that a row reads the same
//! in a spreadsheet and in JSON Lines.
//! Decimals are written exactly — as text in CSV and JSON Lines, as DECIMAL in
//! Parquet; Excel has only floating-point numbers, so there they are numbers
//! formatted to two places.

use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::full_record::{Announcer, FullEntry, NamedIn};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Xlsx,
    Parquet,
}

impl Format {
    /// Whether this build can write the format.
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }
}

/// The export columns, in order.
pub const COLUMNS: &[&str] = &[
    "entry_id",
    "donor",
    "donor_name",
    "recipient",
    "recipient_name",
    "category",
    "instrument",
    "status",
    "amount",
    "currency",
    "qualifier",
    "upper",
    "value_eur",
    "value_usd",
    "rate",
    "rate_date",
    "announced_on",
    "first_reported",
    "n_sources",
    "review",
    "confidence",
    "items",
    "supplier",
    "made_in",
    "announcer",
    "period",
    "source_urls",
    "outlets",
    "evidence",
];

/// Between the values of a cell that holds several.
pub const LIST_SEPARATOR: &str = " | ";

/// One exported row; decimals and dates as exact text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub entry_id: String,
    pub donor: String,
    pub donor_name: String,
    pub recipient: String,
    pub recipient_name: String,
    pub category: String,
    pub instrument: String,
    pub status: String,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub qualifier: Option<String>,
    pub upper: Option<String>,
    pub value_eur: Option<String>,
    pub value_usd: Option<String>,
    /// Units of `currency` per euro (ECB reference rate).
    pub rate: Option<String>,
    pub rate_date: Option<String>,
    pub announced_on: Option<String>,
    pub first_reported: Option<String>,
    pub n_sources: i64,
    pub review: String,
    /// The extractor's confidence (the highest of the entry's reports).
    pub confidence: f64,
    /// Each item as "[qualifier] count item [class]", joined by [`LIST_SEPARATOR`].
    pub items: Option<String>,
    /// "Name (country)".
    pub supplier: Option<String>,
    pub made_in: Option<String>,
    /// "Name, title (country)".
    pub announcer: Option<String>,
    pub period: Option<String>,
    pub source_urls: Option<String>,
    pub outlets: Option<String>,
    /// The sentence that states the commitment.
    pub evidence: Option<String>,
}

/// "Name (country)".
fn named(n: &NamedIn) -> String {
    if n.country.is_empty() { n.name.clone() } else { format!("{} ({})", n.name, n.country) }
}

/// "Name, title (country)".
fn announcer(a: &Announcer) -> String {
    let mut s = a.name.clone();
    if let Some(t) = a.title.as_ref().or(a.role.as_ref()) {
        s.push_str(&format!(", {t}"));
    }
    if let Some(c) = &a.country {
        s.push_str(&format!(" ({c})"));
    }
    s
}

/// The values joined, or `None` when there are none.
fn list(values: impl Iterator<Item = String>) -> Option<String> {
    let v: Vec<String> = values.collect();
    (!v.is_empty()).then(|| v.join(LIST_SEPARATOR))
}

impl Row {
    pub fn of(full: &FullEntry) -> Row {
        let (e, r) = (&full.entry, &full.record);
        let fig = e.amount.as_ref();
        let eur = fig.and_then(|f| f.eur.as_ref());
        Row {
            entry_id: e.id.clone(),
            donor: e.donor.id.clone(),
            donor_name: e.donor.name.clone(),
            recipient: e.recipient.id.clone(),
            recipient_name: e.recipient.name.clone(),
            category: e.category.clone(),
            instrument: e.instrument.clone(),
            status: e.status.clone(),
            amount: fig.map(|f| f.value.to_string()),
            currency: fig.map(|f| f.currency.clone()),
            qualifier: fig.map(|f| f.qualifier.clone()),
            upper: fig.and_then(|f| f.upper).map(|u| u.to_string()),
            value_eur: eur.map(|c| c.value.to_string()),
            value_usd: e.value_usd().map(|v| v.to_string()),
            rate: eur.map(|c| c.rate.to_string()),
            rate_date: eur.map(|c| c.rate_date.to_string()),
            announced_on: e.announced_on.map(|d| d.to_string()),
            first_reported: e.first_reported.map(|d| d.to_string()),
            n_sources: e.n_sources,
            review: e.review.clone(),
            confidence: e.confidence,
            items: list(r.items.iter().map(|i| i.text())),
            supplier: r.supplier.as_ref().map(named),
            made_in: r.made_in.as_ref().map(named),
            announcer: r.announced_by.as_ref().map(announcer),
            period: r.period.clone(),
            source_urls: list(r.source_urls.iter().cloned()),
            outlets: list(r.outlets.iter().cloned()),
            evidence: r.evidence_sentence.clone(),
        }
    }

    /// The row's cells in [`COLUMNS`] order (`None`: empty).
    fn cells(&self) -> Vec<Option<String>> {
        vec![
            Some(self.entry_id.clone()),
            Some(self.donor.clone()),
            Some(self.donor_name.clone()),
            Some(self.recipient.clone()),
            Some(self.recipient_name.clone()),
            Some(self.category.clone()),
            Some(self.instrument.clone()),
            Some(self.status.clone()),
            self.amount.clone(),
            self.currency.clone(),
            self.qualifier.clone(),
            self.upper.clone(),
            self.value_eur.clone(),
            self.value_usd.clone(),
            self.rate.clone(),
            self.rate_date.clone(),
            self.announced_on.clone(),
            self.first_reported.clone(),
            Some(self.n_sources.to_string()),
            Some(self.review.clone()),
            Some(self.confidence.to_string()),
            self.items.clone(),
            self.supplier.clone(),
            self.made_in.clone(),
            self.announcer.clone(),
            self.period.clone(),
            self.source_urls.clone(),
            self.outlets.clone(),
            self.evidence.clone(),
        ]
    }
}

/// Columns that hold numbers (for Excel and Parquet types).
fn is_numeric(column: &str) -> bool {
    matches!(column, "amount" | "upper" | "value_eur" | "value_usd" | "rate" | "n_sources" | "confidence")
}

/// Writes `entries` to `out` in `format`.
pub fn write(entries: &[FullEntry], format: Format, out: &mut dyn Write) -> Result<()> {
    let rows: Vec<Row> = entries.iter().map(Row::of).collect();
    match format {
        Format::Csv => csv(&rows, out),
        Format::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut *out, r).map_err(|e| Error::Export(e.to_string()))?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
        Format::Xlsx => xlsx(&rows, out),
        Format::Parquet => parquet(&rows, out),
    }
}

fn csv(rows: &[Row], out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS).map_err(|e| Error::Export(e.to_string()))?;
    for r in rows {
        w.write_record(r.cells().iter().map(|c| c.as_deref().unwrap_or("")))
            .map_err(|e| Error::Export(e.to_string()))?;
    }
    w.flush()?;
    Ok(())
}

fn xlsx(rows: &[Row], out: &mut dyn Write) -> Result<()> {
    use rust_xlsxwriter::{Format as Cell, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| Error::Export(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("ledger").map_err(err)?;
    let bold = Cell::new().set_bold();
    let money = Cell::new().set_num_format("#,##0.00");
    let rate = Cell::new().set_num_format("0.0000######");
    for (c, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold).map_err(err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, cell) in r.cells().into_iter().enumerate() {
            let Some(v) = cell else { continue };
            let col = c as u16;
            match v.parse::<f64>() {
                Ok(n) if is_numeric(COLUMNS[c]) => {
                    let f = if COLUMNS[c] == "rate" { &rate } else { &money };
                    if matches!(COLUMNS[c], "n_sources" | "confidence") {
                        sheet.write_number(row, col, n).map_err(err)?;
                    } else {
                        sheet.write_number_with_format(row, col, n, f).map_err(err)?;
                    }
                }
                _ => {
                    sheet.write_string(row, col, v).map_err(err)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    sheet.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1).map_err(err)?;
    out.write_all(&book.save_to_buffer().map_err(err)?)?;
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn parquet(_: &[Row], _: &mut dyn Write) -> Result<()> {
    Err(Error::Export("this build has no Parquet support (build with --features parquet)".into()))
}

/// Parquet without Arrow: the file writer's column API is enough for one flat
/// table, and keeps the Arrow crates out of the build. Money is
/// DECIMAL(38, 2), rates DECIMAL(38, 12), both exact.
#[cfg(feature = "parquet")]
fn parquet(rows: &[Row], out: &mut dyn Write) -> Result<()> {
    use std::sync::Arc;

    use parquet::basic::Compression;
    use parquet::column::writer::ColumnWriter;
    use parquet::data_type::{ByteArray, FixedLenByteArray};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;
    use rust_decimal::Decimal;

    let err = |e: parquet::errors::ParquetError| Error::Export(e.to_string());
    let scale = |c: &str| if c == "rate" { 12 } else { 2 };
    let required = |c: &str| {
        matches!(c, "entry_id" | "donor" | "donor_name" | "recipient" | "recipient_name" | "category")
            || matches!(c, "instrument" | "status" | "n_sources" | "review" | "confidence")
    };
    let mut schema = String::from("message ledger {\n");
    for c in COLUMNS {
        let rep = if required(c) { "REQUIRED" } else { "OPTIONAL" };
        let ty = match *c {
            "n_sources" => format!("INT64 {c}"),
            "confidence" => format!("DOUBLE {c}"),
            c if is_numeric(c) => format!("FIXED_LEN_BYTE_ARRAY (16) {c} (DECIMAL(38, {}))", scale(c)),
            _ => format!("BINARY {c} (UTF8)"),
        };
        schema.push_str(&format!("  {rep} {ty};\n"));
    }
    schema.push('}');
    let schema = Arc::new(parse_message_type(&schema).map_err(err)?);
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut buf = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut buf, schema, props).map_err(err)?;
    let cells: Vec<Vec<Option<String>>> = rows.iter().map(Row::cells).collect();
    let mut group = writer.next_row_group().map_err(err)?;
    let mut c = 0;
    while let Some(mut col) = group.next_column().map_err(err)? {
        let name = COLUMNS[c];
        let values: Vec<Option<&String>> = cells.iter().map(|r| r[c].as_ref()).collect();
        let defs: Vec<i16> = values.iter().map(|v| v.is_some() as i16).collect();
        let defs = if required(name) { None } else { Some(&defs[..]) };
        match col.untyped() {
            ColumnWriter::Int64ColumnWriter(w) => {
                let v: Vec<i64> = values.iter().flatten().map(|s| s.parse().unwrap_or(0)).collect();
                w.write_batch(&v, None, None).map_err(err)?;
            }
            ColumnWriter::DoubleColumnWriter(w) => {
                let v: Vec<f64> = values.iter().flatten().map(|s| s.parse().unwrap_or(0.0)).collect();
                w.write_batch(&v, None, None).map_err(err)?;
            }
            ColumnWriter::FixedLenByteArrayColumnWriter(w) => {
                let mut v = Vec::new();
                for s in values.iter().flatten() {
                    let mut d: Decimal = s.parse().map_err(|e| Error::Export(format!("{name} {s:?}: {e}")))?;
                    d.rescale(scale(name));
                    v.push(FixedLenByteArray::from(d.mantissa().to_be_bytes().to_vec()));
                }
                w.write_batch(&v, defs, None).map_err(err)?;
            }
            ColumnWriter::ByteArrayColumnWriter(w) => {
                let v: Vec<ByteArray> = values.iter().flatten().map(|s| ByteArray::from(s.as_str())).collect();
                w.write_batch(&v, defs, None).map_err(err)?;
            }
            _ => return Err(Error::Export(format!("unexpected column type for {name}"))),
        }
        col.close().map_err(err)?;
        c += 1;
    }
    group.close().map_err(err)?;
    writer.close().map_err(err)?;
    out.write_all(&buf)?;
    Ok(())
}

#[cfg(all(test, feature = "parquet"))]
mod tests {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    use rust_decimal::Decimal;

    use super::*;
    use crate::full_record::{FullRecord, ItemRecord};
    use crate::ledger::{Entry, Party};
    use crate::merge::{Converted, Figure};

    #[test]
    fn parquet_reads_back_exact_decimals() {
        let on = jiff::civil::date(2025, 3, 2);
        let rate: Decimal = "0.82608".parse().unwrap();
        let entry = Entry {
            id: "e1".into(),
            donor: Party { id: "GB".into(), name: "United Kingdom".into() },
            recipient: Party { id: "UA".into(), name: "Ukraine".into() },
            category: "military".into(),
            instrument: "export_finance".into(),
            status: "announced".into(),
            amount: Some(Figure {
                value: Decimal::from(1_600_000_000),
                currency: "GBP".into(),
                qualifier: "exact".into(),
                upper: None,
                eur: Some(Converted { value: "1936858415.65".parse().unwrap(), rate, rate_date: on }),
                usd: None,
            }),
            announced_on: Some(on),
            first_reported: Some(on),
            n_sources: 3,
            confidence: 0.9,
            review: "unreviewed".into(),
            grant_equivalent_eur: None,
            grant_equivalent_reason: None,
        };
        let unpriced = Entry { id: "e2".into(), amount: None, ..entry.clone() };
        let record = FullRecord {
            items: vec![ItemRecord {
                item: "missiles".into(),
                class: "missile".into(),
                quantity: Some(Decimal::from(5000)),
                qualifier: Some("exact".into()),
                upper: None,
            }],
            outlets: vec!["Wire A".into(), "Wire B".into()],
            evidence_sentence: Some("The UK will provide £1.6bn.".into()),
            ..FullRecord::default()
        };
        let full = |entry: Entry| FullEntry { entry, record: record.clone() };
        let mut buf = Vec::new();
        write(&[full(entry), full(unpriced)], Format::Parquet, &mut buf).unwrap();
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&buf).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let rows: Vec<_> = reader.get_row_iter(None).unwrap().map(|r| r.unwrap()).collect();
        let field = |row: usize, name: &str| {
            rows[row].get_column_iter().find(|(n, _)| n.as_str() == name).map(|(_, f)| f.clone()).unwrap()
        };
        match field(0, "value_eur") {
            Field::Decimal(d) => assert_eq!(i128::from_be_bytes(d.data().try_into().unwrap()), 193_685_841_565),
            other => panic!("{other:?}"),
        }
        match field(0, "rate") {
            Field::Decimal(d) => assert_eq!(i128::from_be_bytes(d.data().try_into().unwrap()), 826_080_000_000),
            other => panic!("{other:?}"),
        }
        assert_eq!(field(0, "n_sources"), Field::Long(3));
        assert_eq!(field(1, "value_eur"), Field::Null);
        assert_eq!(field(1, "donor"), Field::Str("GB".into()));
        assert_eq!(field(0, "confidence"), Field::Double(0.9));
        assert_eq!(field(0, "items"), Field::Str("5000 missiles [missile]".into()));
        assert_eq!(field(0, "outlets"), Field::Str("Wire A | Wire B".into()));
        assert_eq!(field(0, "evidence"), Field::Str("The UK will provide £1.6bn.".into()));
        assert_eq!(field(0, "supplier"), Field::Null);
    }
}
