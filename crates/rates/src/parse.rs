//! Reading ECB history files: container detection (ZIP, gzip, plain) and the CSV itself.
//!
//! Everything here works on untrusted bytes, so all indexing is checked and decompressed
//! sizes are capped: a bad file is an [`Error`], never a panic or an unbounded allocation.

use std::io::Read;
use std::str::FromStr;

use flate2::read::{DeflateDecoder, MultiGzDecoder};
use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::Error;

/// Largest CSV accepted after decompression. The full 1999-to-date history is about 2 MB
/// and grows ~0.3 MB a year, so this leaves decades of room while refusing zip bombs.
pub(crate) const MAX_CSV: u64 = 64 << 20;

/// One column of the file: the currency code and its cells, `None` where the file says N/A.
pub(crate) type Column = (Box<str>, Vec<(Date, Option<Decimal>)>);

/// Undo any container around the CSV and return its text.
pub(crate) fn unwrap_container(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    if bytes.starts_with(b"PK") {
        unzip_csv(bytes)
    } else if bytes.starts_with(&[0x1f, 0x8b]) {
        read_capped(MultiGzDecoder::new(bytes), "gzip")
    } else {
        Ok(bytes.to_vec())
    }
}

fn read_capped(reader: impl Read, what: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    reader.take(MAX_CSV + 1).read_to_end(&mut out).map_err(|e| Error::Archive(format!("{what}: {e}")))?;
    if out.len() as u64 > MAX_CSV {
        return Err(Error::TooLarge(MAX_CSV));
    }
    Ok(out)
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A minimal ZIP reader (stored and deflated entries, no ZIP64, no encryption): enough for
/// the ECB's `eurofxref-hist.zip` and `eurofxref.zip`, without pulling in a ZIP crate and
/// its dependency tree. Takes the first `*.csv` entry, or the only entry.
fn unzip_csv(zip: &[u8]) -> Result<Vec<u8>, Error> {
    let bad = |why: &str| Error::Archive(format!("ZIP: {why}"));
    // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the very end.
    let floor = zip.len().saturating_sub(22 + 0xffff);
    let eocd = (floor..=zip.len().saturating_sub(22))
        .rev()
        .find(|&i| zip.get(i..i + 4) == Some(b"PK\x05\x06"))
        .ok_or_else(|| bad("no end of central directory"))?;
    let count = u16_at(zip, eocd + 10).ok_or_else(|| bad("truncated"))?;
    let mut at = u32_at(zip, eocd + 16).ok_or_else(|| bad("truncated"))? as usize;

    struct Entry {
        method: usize,
        crc: u32,
        size: usize,
        offset: usize,
        is_csv: bool,
    }
    let mut entries = Vec::new();
    for _ in 0..count {
        let entry = (|| {
            if zip.get(at..at + 4)? != b"PK\x01\x02" {
                return None;
            }
            let name_len = u16_at(zip, at + 28)?;
            let name = zip.get(at + 46..at + 46 + name_len)?;
            let entry = Entry {
                method: u16_at(zip, at + 10)?,
                crc: u32_at(zip, at + 16)?,
                size: u32_at(zip, at + 20)? as usize,
                offset: u32_at(zip, at + 42)? as usize,
                is_csv: name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(b".csv"),
            };
            at += 46 + name_len + u16_at(zip, at + 30)? + u16_at(zip, at + 32)?;
            Some(entry)
        })()
        .ok_or_else(|| bad("bad central directory"))?;
        entries.push(entry);
    }
    let entry = match entries.iter().position(|e| e.is_csv) {
        Some(i) => &entries[i],
        None if entries.len() == 1 => &entries[0],
        None => return Err(bad("no .csv entry")),
    };
    let data = (|| {
        let o = entry.offset;
        if zip.get(o..o + 4)? != b"PK\x03\x04" {
            return None;
        }
        let start = o + 30 + u16_at(zip, o + 26)? + u16_at(zip, o + 28)?;
        zip.get(start..start.checked_add(entry.size)?)
    })()
    .ok_or_else(|| bad("bad local header or truncated data"))?;
    let csv = match entry.method {
        0 => read_capped(data, "ZIP")?,
        8 => read_capped(DeflateDecoder::new(data), "ZIP")?,
        m => return Err(bad(&format!("unsupported compression method {m}"))),
    };
    let mut crc = flate2::Crc::new();
    crc.update(&csv);
    if crc.sum() != entry.crc {
        return Err(bad("CRC mismatch (corrupt file)"));
    }
    Ok(csv)
}

fn line_err(line: usize, reason: impl Into<String>) -> Error {
    Error::Line { line, reason: reason.into() }
}

/// Dates are ISO (`2025-02-28`, the history file) or `28 February 2025` (the daily file).
/// Four-digit years only, so that `to_csv` writes back what this reads.
fn parse_date(s: &str) -> Option<Date> {
    Date::strptime("%Y-%m-%d", s)
        .or_else(|_| Date::strptime("%d %B %Y", s))
        .ok()
        .filter(|d| (1000..=9999).contains(&d.year()))
}

fn is_na(cell: &str) -> bool {
    cell.is_empty() || cell.eq_ignore_ascii_case("N/A")
}

/// Parse the CSV text into columns, in header order. Rows may come in any order; each date
/// may appear once. Unnamed columns (the ECB's trailing comma) must stay empty.
pub(crate) fn parse_csv(bytes: &[u8]) -> Result<Vec<Column>, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        line_err(line, "not UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty());

    let (_, header) = lines.next().ok_or(Error::NoRates)?;
    let mut names = header.split(',').map(str::trim);
    if !names.next().is_some_and(|f| f.eq_ignore_ascii_case("date")) {
        return Err(Error::Header("first column must be `Date`".into()));
    }
    // Header column -> index into `columns`, None for an unnamed column.
    let mut slots: Vec<Option<usize>> = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    for name in names {
        if name.is_empty() {
            slots.push(None);
            continue;
        }
        if name.len() != 3 || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Error::Header(format!("`{name}` is not a three-letter currency code")));
        }
        let code = name.to_ascii_uppercase();
        if columns.iter().any(|(c, _)| **c == *code) {
            return Err(Error::Header(format!("currency {code} appears twice")));
        }
        slots.push(Some(columns.len()));
        columns.push((code.into(), Vec::new()));
    }
    if columns.is_empty() {
        return Err(Error::Header("no currency columns".into()));
    }

    let mut seen: Vec<(Date, usize)> = Vec::new();
    for (line, row) in lines {
        let mut cells = row.split(',').map(str::trim);
        let first = cells.next().unwrap_or_default();
        let day = parse_date(first).ok_or_else(|| line_err(line, format!("`{first}` is not a date")))?;
        seen.push((day, line));
        let mut cells = cells.fuse();
        for (i, slot) in slots.iter().enumerate() {
            let cell = cells.next();
            let Some(col) = *slot else {
                if cell.is_some_and(|c| !is_na(c)) {
                    return Err(line_err(line, format!("value in unnamed column {}", i + 2)));
                }
                continue;
            };
            let cell = cell.ok_or_else(|| line_err(line, format!("missing value for {}", columns[col].0)))?;
            // Empty: the file says nothing about this day (kept apart from N/A so merged
            // partial updates survive `to_csv`); N/A: the ECB did not publish the currency.
            let value = if cell.is_empty() {
                continue;
            } else if cell.eq_ignore_ascii_case("N/A") {
                None
            } else {
                match Decimal::from_str(cell) {
                    Ok(v) if v > Decimal::ZERO => Some(v),
                    _ => {
                        return Err(line_err(line, format!("{}: `{cell}` is not a positive rate", columns[col].0)));
                    }
                }
            };
            columns[col].1.push((day, value));
        }
        if cells.any(|c| !c.is_empty()) {
            return Err(line_err(line, "more values than header columns"));
        }
    }
    if seen.is_empty() {
        return Err(Error::NoRates);
    }
    seen.sort_unstable();
    if let Some(w) = seen.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(line_err(w[1].1, format!("date {} already on line {}", w[0].0, w[0].1)));
    }
    for (_, cells) in &mut columns {
        cells.sort_unstable_by_key(|&(d, _)| d);
    }
    Ok(columns)
}
