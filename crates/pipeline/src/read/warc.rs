//! WARC archives, as Common Crawl News writes them: each `response` record
//! holding an HTML page (and each `resource` record that is one) is a
//! document; every other record is skipped.
//!
//! Records are read one at a time from the stream (a `.warc.gz` is a gzip
//! member per record, which the caller's multi-member decoder joins), so an
//! archive of any size takes the memory of its largest page. Header blocks
//! are read here with a size cap and parsed by the `warc` crate's parser; the
//! crate's own iterators are not used because they read a header line, or a
//! whole record, without a bound. Damage (a truncated file or gzip member,
//! a malformed header) ends the archive with one error after the documents
//! read before it: past a damaged record there is no way to find the next.

use std::io::{self, BufRead, Read};

use ::warc::{RecordType, WarcHeader};

use super::html::{PageHints, parse_page};
use super::{MAX_HTML_BYTES, read_capped, read_line_capped, too_big};
use crate::document::RawDocument;
use crate::error::{Error, Result};

/// Largest WARC header block accepted.
const MAX_HEADER_BYTES: usize = 64 << 10;
/// Room for the HTTP status line and headers in front of a page.
const MAX_HTTP_HEADER_BYTES: usize = 64 << 10;

/// Streams the HTML documents of a WARC file, `name:N` for the N-th record.
pub struct WarcDocuments<R> {
    name: String,
    reader: R,
    record: usize,
    header: Vec<u8>,
    done: bool,
}

/// What one record gave.
enum Outcome {
    End,
    Skipped,
    Document(Result<RawDocument>),
}

impl<R: BufRead> WarcDocuments<R> {
    pub fn new(name: String, reader: R) -> Self {
        WarcDocuments { name, reader, record: 0, header: Vec::new(), done: false }
    }

    /// Reads the next record. `Err` means the stream is damaged: nothing after
    /// it can be read.
    fn next_record(&mut self) -> Result<Outcome> {
        self.record += 1;
        let source = format!("{}:{}", self.name, self.record);
        if !self.read_header_block(&source)? {
            return Ok(Outcome::End);
        }
        let (_, (_version, fields, length)) = ::warc::parser::headers(&self.header)
            .map_err(|_| Error::read(&source, "malformed WARC record header; the rest of the file is skipped"))?;
        let mut kind = RecordType::Unknown(String::new());
        let (mut uri, mut date, mut content_type, mut id) = (None, None, String::new(), None);
        for (key, value) in fields {
            let value = String::from_utf8_lossy(value).trim().to_string();
            match WarcHeader::from(key) {
                WarcHeader::WarcType => kind = RecordType::from(&value),
                WarcHeader::TargetURI => uri = Some(value.trim_matches(['<', '>']).to_string()),
                WarcHeader::Date => date = super::date::date_prefix(&value),
                WarcHeader::ContentType => content_type = value.to_ascii_lowercase(),
                WarcHeader::RecordID => id = Some(value),
                _ => {}
            }
        }
        let is_http = content_type.is_empty() || content_type.starts_with("application/http");
        let wanted = match kind {
            RecordType::Response => is_http,
            RecordType::Resource => is_html_type(&content_type),
            _ => false,
        };
        let cap = MAX_HTML_BYTES + MAX_HTTP_HEADER_BYTES;
        if !wanted || length > cap {
            self.skip(&source, length)?;
            if !wanted {
                return Ok(Outcome::Skipped);
            }
            return Ok(Outcome::Document(Err(too_big(&source, "WARC record", cap))));
        }
        let mut block = Vec::with_capacity(length);
        (&mut self.reader).take(length as u64).read_to_end(&mut block).map_err(|e| Error::io(&source, e))?;
        if block.len() < length {
            return Err(truncated(&source, block.len(), length));
        }
        let hints = PageHints { url: uri.clone(), published: date, charset: None };
        let doc = if kind == RecordType::Response {
            match http_page(&source, &block, hints) {
                None => return Ok(Outcome::Skipped),
                Some(r) => r,
            }
        } else {
            parse_page(&source, &block, &hints)
        };
        // The URL the crawler fetched is the page's provenance, whatever it calls itself.
        Ok(Outcome::Document(doc.map(|d| RawDocument { url: uri.or(d.url), source_id: id, ..d })))
    }

    /// Reads a record's header block into `self.header`, skipping the blank
    /// lines between records. `false` at a clean end of the stream.
    fn read_header_block(&mut self, source: &str) -> Result<bool> {
        self.header.clear();
        loop {
            let start = self.header.len();
            let (n, cut) = read_line_capped(&mut self.reader, &mut self.header, MAX_HEADER_BYTES)
                .map_err(|e| Error::io(source, e))?;
            if n == 0 {
                if start == 0 {
                    return Ok(false);
                }
                return Err(Error::read(source, "truncated WARC: the file ends inside a record header"));
            }
            if cut {
                return Err(Error::read(source, "WARC record header over 64 KiB: not a WARC file, or damaged"));
            }
            if matches!(&self.header[start..], b"\r\n" | b"\n") {
                if start == 0 {
                    self.header.clear();
                    continue;
                }
                return Ok(true);
            }
        }
    }

    /// Reads past a record's block without keeping it.
    fn skip(&mut self, source: &str, length: usize) -> Result<()> {
        let skipped =
            io::copy(&mut (&mut self.reader).take(length as u64), &mut io::sink()).map_err(|e| Error::io(source, e))?;
        if skipped < length as u64 {
            return Err(truncated(source, skipped as usize, length));
        }
        Ok(())
    }
}

fn truncated(source: &str, got: usize, want: usize) -> Error {
    Error::read(source, format!("truncated WARC: the record ends after {got} of its {want} bytes"))
}

impl<R: BufRead> Iterator for WarcDocuments<R> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(Outcome::End) => {
                    self.done = true;
                    // The end before a first record: nothing but blank lines.
                    if self.record == 1 {
                        return Some(Err(super::empty_input(&self.name)));
                    }
                }
                Ok(Outcome::Skipped) => {}
                Ok(Outcome::Document(doc)) => return Some(doc),
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

fn is_html_type(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or("").trim();
    media == "text/html" || media == "application/xhtml+xml"
}

/// The page of an HTTP response block: `None` when the response is not a
/// successful HTML page (a redirect, an image, a PDF), which is skipped.
fn http_page(source: &str, block: &[u8], mut hints: PageHints) -> Option<Result<RawDocument>> {
    let head_len = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| i + 2))
        .filter(|&n| n <= MAX_HTTP_HEADER_BYTES);
    let Some(head_len) = head_len else {
        return Some(Err(Error::read(source, "WARC response without HTTP headers")));
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1).and_then(|s| s.parse().ok())?;
    if !(200..300).contains(&status) {
        return None;
    }
    let (mut content_type, mut encoding, mut chunked) = (None, String::new(), false);
    for line in lines {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim().to_ascii_lowercase();
        match key.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value),
            "content-encoding" => encoding = value,
            "transfer-encoding" => chunked = value.contains("chunked"),
            _ => {}
        }
    }
    let payload = &block[head_len..];
    match &content_type {
        Some(ct) if !is_html_type(ct) => return None,
        None if super::sniff(payload) != super::Format::Html => return None,
        _ => {}
    }
    hints.charset = content_type
        .as_deref()
        .and_then(|ct| ct.split(';').find_map(|p| p.trim().strip_prefix("charset=")))
        .map(|c| c.trim_matches(['"', '\'']).to_string());
    let payload = if chunked { dechunk(payload) } else { payload.to_vec() };
    let payload = match encoding.as_str() {
        "" | "identity" => payload,
        "gzip" | "x-gzip" => {
            match read_capped(source, &mut flate2::read::MultiGzDecoder::new(&payload[..]), MAX_HTML_BYTES, "HTML page")
            {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            }
        }
        "deflate" => {
            match read_capped(source, &mut flate2::read::ZlibDecoder::new(&payload[..]), MAX_HTML_BYTES, "HTML page") {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            }
        }
        other => return Some(Err(Error::read(source, format!("unsupported HTTP content encoding {other:?}")))),
    };
    Some(parse_page(source, &payload, &hints))
}

/// Undoes HTTP chunked transfer coding; a malformed tail is kept as it is.
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    while let Some(eol) = memchr::memmem::find(data, b"\r\n") {
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|l| usize::from_str_radix(l.split(';').next().unwrap_or("").trim(), 16).ok());
        let Some(size) = size else { break };
        let body = &data[eol + 2..];
        if size == 0 || body.len() < size {
            out.extend_from_slice(&body[..size.min(body.len())]);
            return out;
        }
        out.extend_from_slice(&body[..size]);
        data = body[size..].strip_prefix(b"\r\n").unwrap_or(&body[size..]);
    }
    out.extend_from_slice(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(dechunk(b"5\r\nHello\r\n7;x=1\r\n, world\r\n0\r\n\r\n"), b"Hello, world");
        assert_eq!(dechunk(b"5\r\nHel"), b"Hel");
        assert_eq!(dechunk(b"zz\r\nraw"), b"zz\r\nraw");
    }

    #[test]
    fn http_responses_that_are_not_pages_are_skipped() {
        let hints = PageHints::default();
        assert!(http_page("s", b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", hints.clone()).is_none());
        assert!(http_page("s", b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", hints.clone()).is_none());
        assert!(http_page("s", b"HTTP/1.1 200 OK\r\n\r\nplain words", hints.clone()).is_none());
        let r = http_page("s", b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Type: text/html\r\n\r\n..", hints);
        assert!(r.unwrap().unwrap_err().to_string().contains("\"br\""));
    }
}
