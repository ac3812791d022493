//! Readers: bytes from files, folders and stdin become [`RawDocument`]s.
//!
//! This is the one place in the pipeline crate that touches the file system.
//! Every reader streams: a JSON Lines file is read a line at a time, a WARC a
//! record at a time, and a document that cannot be read becomes an `Err` for
//! that document while the others go on.
//!
//! Formats, one file each: plain text and the seed format (`text`), JSON
//! Lines (`jsonl`), HTML pages (`html`), RSS/Atom feeds (`feed`) and WARC
//! archives (`warc`), each optionally gzipped. The format comes from the file
//! name (`.txt`, `.jsonl`, `.html`, `.xml`, `.warc`, with or without `.gz`)
//! or, when the name says nothing (stdin, no extension), from the first bytes.
//!
//! An input with nothing in it (no byte, or only white space) is an error for
//! that input, not an empty document; so is a JSON Lines file without a line.
//!
//! Limits: one document is read into memory whole, so each format has a size
//! cap ([`MAX_TEXT_BYTES`], [`MAX_HTML_BYTES`], [`MAX_FEED_BYTES`]); a bigger
//! document is skipped with an error that says so, never truncated (half a
//! page would give half an article, silently). A WARC is never held whole:
//! only the record being read is.

mod byline;
mod date;
mod feed;
mod html;
mod jsonl;
mod text;
mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use date::{parse_date, parse_date_time};
pub use feed::feed_entries;
pub use html::{PageHints, parse_page};
pub use jsonl::JsonFields;
pub use text::parse_text;

use crate::document::RawDocument;
use crate::error::{Error, Result};

/// Largest plain-text document or JSON Lines line read (64 MiB): the text
/// stages are linear, so this only guards memory against a runaway stream.
pub const MAX_TEXT_BYTES: usize = 64 << 20;
/// Largest HTML page parsed (8 MiB, after ungzipping): news pages are well
/// under 2 MiB; readability on 8 MiB takes about a quarter of a second.
pub const MAX_HTML_BYTES: usize = 8 << 20;
/// Largest RSS/Atom feed parsed (32 MiB): a feed is parsed whole.
pub const MAX_FEED_BYTES: usize = 32 << 20;

/// Where documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// `-` is stdin; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" { Input::Stdin } else { Input::Path(PathBuf::from(arg)) }
    }
}

/// How to read inputs.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub json_fields: JsonFields,
}

/// The format of one file's contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    JsonLines,
    Html,
    Feed,
    Warc,
}

/// Streams the documents of all `inputs`, in order; folders are walked
/// recursively in name order.
pub fn documents(inputs: Vec<Input>, options: ReadOptions) -> Documents {
    let mut pending: Vec<Input> = inputs;
    pending.reverse();
    Documents { pending, current: None, options }
}

/// Iterator over the documents of several inputs.
pub struct Documents {
    pending: Vec<Input>,
    current: Option<Box<dyn Iterator<Item = Result<RawDocument>>>>,
    options: ReadOptions,
}

impl Iterator for Documents {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let input = self.pending.pop()?;
            match input {
                Input::Stdin => {
                    let stdin = BufReader::new(std::io::stdin());
                    self.current = Some(open_stream("-".into(), Box::new(stdin), None, &self.options));
                }
                Input::Path(path) => {
                    if path.is_dir() {
                        match list_dir(&path) {
                            Ok(mut entries) => {
                                entries.reverse();
                                self.pending.extend(entries.into_iter().map(Input::Path));
                            }
                            Err(e) => return Some(Err(e)),
                        }
                        continue;
                    }
                    let name = path.display().to_string();
                    match File::open(&path) {
                        Ok(f) => {
                            let format = format_from_name(&path);
                            self.current = Some(open_stream(name, Box::new(BufReader::new(f)), format, &self.options));
                        }
                        Err(e) => return Some(Err(Error::io(name, e))),
                    }
                }
            }
        }
    }
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let name = dir.display().to_string();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(&name, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        // Hidden files and a folder's README (which describes the documents) are not documents.
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') || n.to_ascii_uppercase().starts_with("README"))
        })
        .collect();
    entries.sort();
    Ok(entries)
}

/// The format a file name implies (`None`: sniff the contents).
fn format_from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    match ext {
        "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
        "txt" | "text" | "md" => Some(Format::Text),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "rss" | "atom" | "xml" => Some(Format::Feed),
        "warc" => Some(Format::Warc),
        _ => None,
    }
}

/// Guesses the format from the first bytes of a (decompressed) stream.
fn sniff(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let head = &head[start..head.len().min(start + 1024)];
    let lower = head.to_ascii_lowercase();
    let has = |pat: &[u8]| memchr::memmem::find(&lower, pat).is_some();
    if lower.starts_with(b"warc/") {
        return Format::Warc;
    }
    if lower.starts_with(b"{") {
        return Format::JsonLines;
    }
    let feedish = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf");
    let htmlish = has(b"<html")
        || [&b"<!doctype html"[..], b"<head", b"<body", b"<meta", b"<title"].iter().any(|p| lower.starts_with(p));
    if ["<?xml", "<rss", "<feed", "<rdf:rdf", "<!--"].iter().any(|p| lower.starts_with(p.as_bytes())) {
        // XHTML also starts with `<?xml`; a feed names its root early.
        if feedish {
            return Format::Feed;
        }
        if htmlish || lower.starts_with(b"<!--") {
            return Format::Html;
        }
        return Format::Feed;
    }
    if htmlish { Format::Html } else { Format::Text }
}

/// Opens one byte stream: ungzips it if needed, sniffs the format if unknown,
/// and returns its documents.
fn open_stream(
    name: String,
    mut reader: Box<dyn BufRead>,
    format: Option<Format>,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDocument>>> {
    let head = match reader.fill_buf() {
        Ok(h) => h,
        Err(e) => return Box::new(std::iter::once(Err(Error::io(name, e)))),
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = GzipContext(flate2::bufread::MultiGzDecoder::new(reader));
        return open_stream(name, Box::new(BufReader::new(gz)), format, options);
    }
    if head.is_empty() {
        return Box::new(std::iter::once(Err(empty_input(&name))));
    }
    let format = format.unwrap_or_else(|| sniff(head));
    // JSON Lines says itself when it has no line; the others are read whole here.
    let whole = |cap: usize, what: &str, reader: &mut dyn Read| {
        read_capped(&name, reader, cap, what).and_then(|b| if is_blank(&b) { Err(empty_input(&name)) } else { Ok(b) })
    };
    match format {
        Format::JsonLines => Box::new(jsonl::JsonLines::new(name, reader, options.json_fields.clone())),
        Format::Warc => Box::new(warc::WarcDocuments::new(name, reader)),
        Format::Text => {
            let item = whole(MAX_TEXT_BYTES, "text document", &mut reader)
                .and_then(|bytes| text::parse_text_bytes(&name, &bytes));
            Box::new(std::iter::once(item))
        }
        Format::Html => {
            let item = whole(MAX_HTML_BYTES, "HTML page", &mut reader)
                .and_then(|bytes| html::parse_page(&name, &bytes, &html::PageHints::default()));
            Box::new(std::iter::once(item))
        }
        Format::Feed => match whole(MAX_FEED_BYTES, "feed", &mut reader) {
            Ok(bytes) => Box::new(feed::parse_feed(&name, &bytes).into_iter()),
            Err(e) => Box::new(std::iter::once(Err(e))),
        },
    }
}

/// A gzip decoder whose errors say that the gzip data is at fault (the
/// decoder's own, "incomplete deflate stream", do not).
struct GzipContext<R>(R);

impl<R: Read> Read for GzipContext<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| io::Error::new(e.kind(), format!("truncated or damaged gzip data ({e})")))
    }
}

/// Reads a whole stream into memory, or fails without reading past `cap` bytes.
fn read_capped(name: &str, reader: &mut dyn Read, cap: usize, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(cap as u64 + 1).read_to_end(&mut bytes).map_err(|e| Error::io(name, e))?;
    if bytes.len() > cap {
        return Err(too_big(name, what, cap));
    }
    Ok(bytes)
}

/// The error for an input with nothing in it (no byte, or only white space):
/// an empty file is a mistake to report, not a document without text.
fn empty_input(name: &str) -> Error {
    Error::read(name, "empty input: no document in it")
}

/// Whether bytes hold nothing but white space (and a byte-order mark).
fn is_blank(bytes: &[u8]) -> bool {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes).iter().all(u8::is_ascii_whitespace)
}

/// The error for a document over its size cap.
fn too_big(name: &str, what: &str, cap: usize) -> Error {
    Error::read(name, format!("{what} larger than {} MiB, the limit; skipped", cap >> 20))
}

/// Reads one line (through `\n`) into `buf`, keeping at most `cap` bytes of it;
/// the rest of an over-long line is read and dropped, so memory stays bounded.
/// Returns the bytes consumed (0 at the end) and whether the line was cut.
fn read_line_capped(reader: &mut dyn BufRead, buf: &mut Vec<u8>, cap: usize) -> io::Result<(usize, bool)> {
    let (mut total, mut cut) = (0, false);
    loop {
        let avail = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((total, cut));
        }
        let (n, end) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        let keep = n.min(cap.saturating_sub(buf.len()));
        cut |= keep < n;
        buf.extend_from_slice(&avail[..keep]);
        reader.consume(n);
        total += n;
        if end {
            return Ok((total, cut));
        }
    }
}

/// Reads documents from bytes already in memory (HTTP uploads, tests, fuzzing).
/// The name's extension picks the format as for files (`page.html`, `feed.xml.gz`);
/// a name without one leaves the format to sniffing.
pub fn documents_from_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Result<RawDocument>> {
    let reader: Box<dyn BufRead> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    open_stream(name.to_string(), reader, format_from_name(Path::new(name)), options).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_jsonl_and_text_and_gzip() {
        let opts = ReadOptions::default();
        let docs = documents_from_bytes(
            "x",
            b"{\"id\":\"a\",\"text\":\"One.\",\"date\":\"2024-05-01\"}\n\n{\"text\":\"Two.\"}\n",
            &opts,
        );
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].as_ref().unwrap().text, "One.");
        assert_eq!(docs[0].as_ref().unwrap().published.unwrap().to_string(), "2024-05-01");

        let docs = documents_from_bytes("y", b" date 2025-03-02 Hello there.\n\nMore.", &opts);
        assert_eq!(docs[0].as_ref().unwrap().text, "Hello there.\n\nMore.");

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"Plain text.").unwrap();
        let docs = documents_from_bytes("z", &gz.finish().unwrap(), &opts);
        assert_eq!(docs[0].as_ref().unwrap().text, "Plain text.");
    }

    #[test]
    fn sniffs_markup_and_warc() {
        let cases: [(&[u8], Format); 11] = [
            (b"<!-- cached --><rss version=\"2.0\">", Format::Feed),
            (b"<!DOCTYPE html><html>", Format::Html),
            (b"\xef\xbb\xbf  <html lang=en>", Format::Html),
            (b"<!-- generated --><html>", Format::Html),
            (b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", Format::Feed),
            (b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", Format::Feed),
            (b"<?xml version=\"1.0\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">", Format::Html),
            (b"<rss version=\"2.0\">", Format::Feed),
            (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", Format::Warc),
            (b"<b>not a page</b> but text", Format::Text),
            (b"Plain words.", Format::Text),
        ];
        for (head, want) in cases {
            assert_eq!(sniff(head), want, "{}", String::from_utf8_lossy(head));
        }
        assert_eq!(format_from_name(Path::new("a/b.HTML.gz")), Some(Format::Html));
        assert_eq!(format_from_name(Path::new("news.warc.gz")), Some(Format::Warc));
        assert_eq!(format_from_name(Path::new("feed.atom")), Some(Format::Feed));
        assert_eq!(format_from_name(Path::new("noext")), None);
    }

    #[test]
    fn an_empty_input_is_an_error_not_an_empty_document() {
        let opts = ReadOptions::default();
        let gz_empty = {
            let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.finish().unwrap()
        };
        let cases: [(&str, &[u8]); 12] = [
            ("a.txt", b""),
            ("a.txt", b" \n\t\r\n"),
            ("a.txt", b"\xef\xbb\xbf\n"),
            ("a.txt.gz", &gz_empty),
            ("noext", b""),
            ("noext", b"\n\n"),
            ("a.jsonl", b""),
            ("a.jsonl", b"\n \n"),
            ("a.html", b"  "),
            ("a.xml", b""),
            ("a.warc", b""),
            ("a.warc", b"\r\n\r\n"),
        ];
        for (name, bytes) in cases {
            let docs = documents_from_bytes(name, bytes, &opts);
            assert_eq!(docs.len(), 1, "{name} {bytes:?}: {docs:?}");
            let err = docs[0].as_ref().expect_err(name).to_string();
            assert_eq!(err, format!("{name}: empty input: no document in it"), "{bytes:?}");
        }
        assert!(documents_from_bytes("a.txt", b" x ", &opts)[0].is_ok());
    }

    #[test]
    fn line_reader_caps_long_lines() {
        let mut r = io::Cursor::new(b"short\nmuch longer line\nend".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).unwrap(), (6, false));
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).unwrap(), (17, true));
        assert_eq!(buf, b"much lon");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).unwrap(), (3, false));
        assert_eq!(read_line_capped(&mut r, &mut buf, 8).unwrap(), (0, false));
    }

    #[test]
    fn bad_input_is_an_error_for_that_document_only() {
        let opts = ReadOptions::default();
        let docs =
            documents_from_bytes("j", b"{\"text\":\"ok\"}\n{\"text\": 5}\nnot json\n{\"text\":\"fine\"}\n", &opts);
        assert_eq!(docs.len(), 4);
        assert!(docs[0].is_ok() && docs[3].is_ok());
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(err.contains("j:2"), "{err}");
        assert!(docs[2].is_err());
        let docs = documents_from_bytes("b", b"abc \xff\xfe def", &opts);
        assert!(docs[0].as_ref().unwrap_err().to_string().contains("UTF-8"));
        let docs = documents_from_bytes("t", &[0x1f, 0x8b, 8, 0, 0, 0], &opts);
        assert!(docs[0].as_ref().unwrap_err().to_string().contains("truncated or damaged gzip"), "{docs:?}");
    }
}
