//! Readers end to end: every format from fixtures in `tests/data/read/` (HTML,
//! RSS, Atom) or built here (gzip, WARC with the `warc` crate), and the inputs
//! that must fail one document at a time: bad UTF-8, truncated gzip and WARC,
//! binary junk, a huge page, a page with no article, arbitrary bytes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pledgewatch_pipeline::document::{Document, RawDocument, SegmentKind};
use pledgewatch_pipeline::read::{Input, MAX_HTML_BYTES, ReadOptions, documents, documents_from_bytes};
use proptest::prelude::*;
use warc::{RecordBuilder, RecordType, WarcHeader, WarcWriter};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/read").join(name)
}

fn read_fixture(name: &str) -> Vec<Result<RawDocument, String>> {
    documents(vec![Input::Path(data(name))], ReadOptions::default()).map(|r| r.map_err(|e| e.to_string())).collect()
}

fn one(name: &str) -> RawDocument {
    let mut docs = read_fixture(name);
    assert_eq!(docs.len(), 1, "{docs:?}");
    docs.remove(0).unwrap()
}

fn from_bytes(name: &str, bytes: &[u8]) -> Vec<Result<RawDocument, String>> {
    documents_from_bytes(name, bytes, &ReadOptions::default())
        .into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
}

fn paragraphs(d: &RawDocument) -> Vec<&str> {
    d.text.split("\n\n").collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A file in the system temp folder, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("pledgewatch-read-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

// --- HTML ---------------------------------------------------------------------------------

#[test]
fn html_article_main_text_and_meta_tags() {
    let d = one("article.html");
    assert_eq!(d.title.as_deref(), Some("Valdoria sends water purifiers to Kessel after floods"));
    assert_eq!(d.outlet.as_deref(), Some("The Meridian Post"));
    // og:url wins over the canonical link.
    assert_eq!(d.url.as_deref(), Some("https://meridian.example/world/2024/10/03/valdoria-water-purifiers"));
    assert_eq!(d.published.unwrap().to_string(), "2024-10-03");
    let p = paragraphs(&d);
    assert!(p.contains(&"The package, worth 18 million valdors (about €4.2m), also includes 40 engineers who will train local crews to run the equipment, according to a ministry statement."), "{p:#?}");
    // A `<br>` and list items end paragraphs: nothing is glued together.
    assert!(p.contains(&"“Our neighbours should not wait for help.”"), "{p:#?}");
    assert!(p.contains(&"40 engineers"), "{p:#?}");
    for junk in ["Business", "Related stories", "Kessel floods: what we know", "All rights reserved", "dataLayer"] {
        assert!(!d.text.contains(junk), "{junk:?} in {}", d.text);
    }
    assert!(!d.text.contains("\n\n\n") && !d.text.starts_with('\n') && !d.text.ends_with('\n'));

    // The caption is its own paragraph, so the segmenter keeps it out of the body.
    let doc = Document::build(d);
    let captions: Vec<&str> = doc
        .segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Caption)
        .map(|s| &doc.text[s.bytes.0..s.bytes.1])
        .collect();
    assert_eq!(
        captions,
        ["Purification units wait on a loading dock at the port of Brenn. Photo: Ilse Marow/Meridian Wire"]
    );
    assert!(doc.segments.iter().filter(|s| s.kind == SegmentKind::Body).count() >= 6);
}

#[test]
fn html_json_ld_article_in_a_graph() {
    let d = one("jsonld.html");
    assert_eq!(d.title.as_deref(), Some("Ostmark pledges grant to rebuild Lorvik schools"));
    assert_eq!(d.published.unwrap().to_string(), "2025-02-17");
    assert_eq!(d.outlet.as_deref(), Some("Northern Courier"));
    assert_eq!(d.url.as_deref(), Some("https://courier.example/2025/02/17/lorvik-schools"));
    assert!(d.text.contains("\n\nThe money will be paid in three instalments over 2025 and 2026"), "{}", d.text);
    assert!(!d.text.contains("Front page") && !d.text.contains("Share"), "{}", d.text);
}

#[test]
fn html_dublin_core_date_and_layout_table() {
    let d = one("statement.htm");
    assert_eq!(d.title.as_deref(), Some("Statement on the export credit facility for Saren"));
    assert_eq!(d.published.unwrap().to_string(), "2023-06-21");
    assert_eq!(d.url, None);
    assert_eq!(d.outlet, None);
    assert!(d.text.contains("export credit facility of up to 75 million crowns"));
    // The link-only menu cell is not article text.
    assert!(!d.text.contains("Press office"), "{}", d.text);
}

#[test]
fn html_windows_1252_declared_in_meta() {
    let d = one("legacy.html");
    assert!(d.text.contains("Tervland’s cabinet") && d.text.contains("€10 million") && d.text.contains("café-style"));
    assert_eq!(d.published.unwrap().to_string(), "2022-11-30");
}

#[test]
fn html_page_without_article_is_an_error() {
    let docs = read_fixture("no_article.html");
    assert_eq!(docs.len(), 1);
    assert!(docs[0].as_ref().unwrap_err().contains("without article text"), "{docs:?}");
    let empty = from_bytes("e.html", b"<html><body></body></html>");
    assert!(empty[0].as_ref().unwrap_err().contains("without article text"), "{empty:?}");
}

#[test]
fn html_sniffed_without_extension() {
    let bytes = std::fs::read(data("jsonld.html")).unwrap();
    let docs = from_bytes("upload", &bytes);
    assert_eq!(docs[0].as_ref().unwrap().outlet.as_deref(), Some("Northern Courier"));
}

// --- Feeds --------------------------------------------------------------------------------

#[test]
fn rss_items_become_documents() {
    let docs = read_fixture("feed.rss");
    assert_eq!(docs.len(), 3, "{docs:?}");
    let a = docs[0].as_ref().unwrap();
    assert!(a.source.ends_with("feed.rss:1"));
    assert_eq!(a.title.as_deref(), Some("Mirenia lends Tosk 200 million for grid repairs"));
    assert_eq!(a.url.as_deref(), Some("https://gazette.example/world/mirenia-tosk-grid-loan"));
    assert_eq!(a.outlet.as_deref(), Some("Harbour Gazette - World"));
    assert_eq!(a.source_id.as_deref(), Some("gazette-5521"));
    assert_eq!(a.published.unwrap().to_string(), "2025-03-04");
    // content:encoded (the full text) is preferred to the description.
    assert_eq!(
        paragraphs(a),
        [
            "Mirenia has agreed to lend Tosk 200 million florins to repair power lines and substations damaged over the winter, the finance ministry said on Tuesday.",
            "Workers repair a substation near Tosk. Photo: Ren Avila/Gazette",
            "The loan runs for 20 years at a fixed rate of 1.5%.",
        ]
    );
    // An escaped HTML description becomes paragraphs; no guid, no made-up id.
    let b = docs[1].as_ref().unwrap();
    assert_eq!(paragraphs(b).len(), 2);
    assert!(b.text.starts_with("A convoy of 25 lorries"));
    assert_eq!(b.source_id, None);
    // A headline-only item is its headline.
    assert_eq!(docs[2].as_ref().unwrap().text, "Empty item");
}

#[test]
fn atom_entries_become_documents() {
    let docs = read_fixture("feed.atom");
    assert_eq!(docs.len(), 2);
    let a = docs[0].as_ref().unwrap();
    assert_eq!(a.title.as_deref(), Some("Caldera to provide three patrol boats to Isvane"));
    assert_eq!(a.published.unwrap().to_string(), "2024-05-22");
    assert_eq!(a.url.as_deref(), Some("https://caldera.example/press/2024/05/22/patrol-boats"));
    assert_eq!(paragraphs(a).len(), 2);
    let b = docs[1].as_ref().unwrap();
    // No <published>: the <updated> date.
    assert_eq!(b.published.unwrap().to_string(), "2024-05-20");
    assert_eq!(b.text, "The talks with Isvane on fishing quotas will resume in June.");
}

#[test]
fn feed_dates_keep_the_publishers_day() {
    let rss = br#"<rss version="2.0"><channel><title>T</title><item><title>Late news</title>
        <description>Filed late in the evening.</description>
        <pubDate>Tue, 04 Mar 2025 23:15:00 -0500</pubDate></item></channel></rss>"#;
    let docs = from_bytes("late.rss", rss);
    assert_eq!(docs[0].as_ref().unwrap().published.unwrap().to_string(), "2025-03-04");
}

#[test]
fn not_a_feed_is_one_error() {
    let docs =
        from_bytes("sitemap.xml", b"<?xml version=\"1.0\"?><urlset><url><loc>https://x.example/</loc></url></urlset>");
    assert_eq!(docs.len(), 1);
    assert!(docs[0].as_ref().unwrap_err().contains("not an RSS or Atom feed"), "{docs:?}");
}

// --- gzip and folders ---------------------------------------------------------------------

#[test]
fn gzip_on_every_format() {
    for (fixture, gz_name, count) in
        [("article.html", "a.html.gz", 1), ("feed.rss", "f.xml.gz", 3), ("feed.atom", "f.atom.gz", 2)]
    {
        let bytes = gzip(&std::fs::read(data(fixture)).unwrap());
        assert_eq!(from_bytes(gz_name, &bytes).len(), count, "{gz_name}");
        // Sniffed too, when the name says nothing.
        assert_eq!(from_bytes("stdin", &bytes).len(), count, "{fixture} sniffed");
    }
    let warc = gzip(&plain_warc());
    let docs = from_bytes("n.warc.gz", &warc);
    assert_eq!(docs.iter().filter(|d| d.is_ok()).count(), 4, "{docs:?}");
}

#[test]
fn folder_is_read_in_name_order() {
    let sources: Vec<String> = documents(vec![Input::Path(data(""))], ReadOptions::default())
        .map(|r| match r {
            Ok(d) => d.source,
            Err(e) => e.source_name().to_string(),
        })
        .map(|s| Path::new(&s).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        sources,
        [
            "article.html",
            "feed.atom:1",
            "feed.atom:2",
            "feed.rss:1",
            "feed.rss:2",
            "feed.rss:3",
            "jsonld.html",
            "legacy.html",
            "no_article.html",
            "statement.htm"
        ]
    );
}

// --- WARC ---------------------------------------------------------------------------------

const PAGE_WITH_DATE: &str = "<!doctype html><html><head><title>Brava funds clinics | Daily Lantern</title>\
    <meta property=\"article:published_time\" content=\"2024-07-02T06:00:00Z\"></head><body><article>\
    <p>The health ministry of Brava will fund twelve rural clinics in Osk with a grant of 9 million lira over three years, officials said on Tuesday.</p>\
    <p>The first four clinics will open in the autumn, and the rest in 2025 and 2026, according to the agreement signed in the capital.</p>\
    <p>Osk's health minister said the clinics would serve about 80,000 people who now travel for hours to see a doctor.</p></article></body></html>";

const PAGE_WITHOUT_DATE: &str = "<!doctype html><html><head><title>Harbour works</title></head><body><div class=\"story\">\
    <p>Work on the new harbour wall at Fennick will start in March after the regional government approved a loan of 14 million crowns for the project last week.</p>\
    <p>The contractor expects the wall to be finished within two years, and the harbour will stay open to fishing boats throughout.</p></div></body></html>";

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut v = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    v.extend_from_slice(body);
    v
}

/// One WARC record, written with the `warc` crate.
fn record(kind: RecordType, uri: &str, content_type: &str, block: Vec<u8>) -> Vec<u8> {
    let record = RecordBuilder::default()
        .warc_type(kind)
        .header(WarcHeader::Date, "2024-07-03T11:22:33Z")
        .header(WarcHeader::TargetURI, uri)
        .header(WarcHeader::ContentType, content_type)
        .body(block)
        .build()
        .unwrap();
    let mut out = Vec::new();
    WarcWriter::new(&mut out).write(&record).unwrap();
    out
}

/// The records of a small news crawl: 4 pages among 9 records.
fn warc_records() -> Vec<Vec<u8>> {
    const HTTP: &str = "application/http; msgtype=response";
    let mut chunked = Vec::new();
    let compressed = gzip(PAGE_WITHOUT_DATE.as_bytes());
    for part in compressed.chunks(100) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let latin1 = PAGE_WITHOUT_DATE.replace("Fennick", "Fénick");
    let latin1: Vec<u8> = latin1.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    vec![
        record(RecordType::WarcInfo, "", "application/warc-fields", b"software: test\r\n".to_vec()),
        record(
            RecordType::Request,
            "https://lantern.example/brava-clinics",
            "application/http; msgtype=request",
            b"GET /brava-clinics HTTP/1.1\r\nHost: lantern.example\r\n\r\n".to_vec(),
        ),
        record(
            RecordType::Response,
            "https://lantern.example/brava-clinics",
            HTTP,
            http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", PAGE_WITH_DATE.as_bytes()),
        ),
        record(
            RecordType::Metadata,
            "https://lantern.example/brava-clinics",
            "application/warc-fields",
            b"fetchTimeMs: 120\r\n".to_vec(),
        ),
        record(
            RecordType::Response,
            "https://lantern.example/old",
            HTTP,
            http("301 Moved Permanently", "Location: https://lantern.example/new\r\n", b""),
        ),
        record(
            RecordType::Response,
            "https://lantern.example/logo.png",
            HTTP,
            http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0"),
        ),
        record(
            RecordType::Response,
            "https://coast.example/harbour",
            HTTP,
            http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
        ),
        record(
            RecordType::Resource,
            "https://coast.example/harbour-copy",
            "text/html",
            PAGE_WITHOUT_DATE.as_bytes().to_vec(),
        ),
        record(
            RecordType::Response,
            "https://coast.example/harbour-latin1",
            HTTP,
            http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", &latin1),
        ),
    ]
}

fn plain_warc() -> Vec<u8> {
    warc_records().concat()
}

/// A `.warc.gz` as crawlers write it: one gzip member per record.
fn gz_warc() -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::new();
    let mut ends = Vec::new();
    for r in warc_records() {
        out.extend(gzip(&r));
        ends.push(out.len());
    }
    (out, ends)
}

fn check_warc_documents(docs: &[Result<RawDocument, String>], name: &str) {
    assert_eq!(docs.len(), 4, "{docs:?}");
    let docs: Vec<&RawDocument> = docs.iter().map(|d| d.as_ref().unwrap()).collect();
    let sources: Vec<&str> = docs.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(sources, [format!("{name}:3"), format!("{name}:7"), format!("{name}:8"), format!("{name}:9")]);
    assert_eq!(docs[0].url.as_deref(), Some("https://lantern.example/brava-clinics"));
    // The page's own date first, the crawl date when it has none.
    assert_eq!(docs[0].published.unwrap().to_string(), "2024-07-02");
    assert_eq!(docs[1].published.unwrap().to_string(), "2024-07-03");
    assert!(docs[0].source_id.as_deref().is_some_and(|id| id.starts_with("<urn:uuid:")));
    assert!(
        docs[0].text.starts_with("The health ministry of Brava will fund twelve rural clinics"),
        "{}",
        docs[0].text
    );
    assert_eq!(paragraphs(docs[0]).len(), 3);
    assert_eq!(docs[1].text, docs[2].text);
    assert!(docs[1].text.contains("loan of 14 million crowns"));
    assert!(docs[3].text.contains("harbour wall at Fénick"), "{}", docs[3].text);
}

#[test]
fn warc_gz_written_with_the_warc_crate() {
    let (bytes, _) = gz_warc();
    let file = TempFile::new("news.warc.gz", &bytes);
    let name = file.0.display().to_string();
    let docs: Vec<_> = documents(vec![Input::Path(file.0.clone())], ReadOptions::default())
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    check_warc_documents(&docs, &name);
    // Sniffed without a name, plain and gzipped.
    check_warc_documents(&from_bytes("x", &bytes), "x");
    check_warc_documents(&from_bytes("y", &plain_warc()), "y");
}

#[test]
fn truncated_warc_gz_keeps_what_came_before() {
    let (bytes, ends) = gz_warc();
    // Cut in the middle of the 7th record's gzip member.
    let cut = (ends[5] + ends[6]) / 2;
    let docs = from_bytes("cut.warc.gz", &bytes[..cut]);
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(docs[0].is_ok());
    let err = docs[1].as_ref().unwrap_err();
    assert!(err.starts_with("cut.warc.gz:7: truncated or damaged gzip"), "{err}");
}

#[test]
fn truncated_warc_keeps_what_came_before() {
    let records = warc_records();
    let whole: usize = records[..7].iter().map(Vec::len).sum();
    let bytes = plain_warc();
    // Cut inside the 7th record's block, then inside the 8th record's header.
    for (cut, read, err_at) in [(whole - 30, 1, 7), (whole + 20, 2, 8)] {
        let docs = from_bytes("cut.warc", &bytes[..cut]);
        assert_eq!(docs.len(), read + 1, "cut at {cut}: {docs:?}");
        assert!(docs[..read].iter().all(Result::is_ok));
        let err = docs[read].as_ref().unwrap_err();
        assert!(err.starts_with(&format!("cut.warc:{err_at}: truncated WARC")), "{err}");
    }
}

#[test]
fn warc_junk_is_one_error() {
    let mut junk = b"WARC/1.0\r\nWARC-Type: response\r\n".to_vec();
    junk.extend(std::iter::repeat_n(b'x', 200_000));
    let docs = from_bytes("junk.warc", &junk);
    assert_eq!(docs.len(), 1);
    assert!(docs[0].as_ref().unwrap_err().contains("over 64 KiB"), "{docs:?}");
    let docs = from_bytes("junk.warc", b"WARC/1.0\r\nnot a header line at all\r\n\r\n");
    assert_eq!(docs.len(), 1);
    assert!(docs[0].as_ref().unwrap_err().contains("malformed WARC record header"), "{docs:?}");
}

// --- Malformed input ----------------------------------------------------------------------

#[test]
fn bad_utf8_is_an_error_naming_the_byte() {
    let docs = from_bytes("bad.html", b"<html><body><p>Pledge of \xff\xfe 5 million.</p></body></html>");
    assert!(docs[0].as_ref().unwrap_err().contains("not valid UTF-8 at byte 25"), "{docs:?}");
    let docs = from_bytes("bad.rss", b"<rss version=\"2.0\"><channel><title>\xff\xfe</title></channel></rss>");
    assert_eq!(docs.len(), 1);
    assert!(docs[0].is_err(), "{docs:?}");
}

#[test]
fn truncated_gzip_is_an_error() {
    let page = std::fs::read(data("article.html")).unwrap();
    let gz = gzip(&page);
    for name in ["t.html.gz", "t"] {
        let docs = from_bytes(name, &gz[..gz.len() / 2]);
        assert_eq!(docs.len(), 1, "{docs:?}");
        assert!(docs[0].as_ref().unwrap_err().contains("truncated or damaged gzip"), "{name}: {docs:?}");
    }
}

#[test]
fn binary_junk_is_one_error_under_every_format() {
    // Deterministic junk: an xorshift stream with NULs and high bytes.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let junk: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    for name in ["junk.bin", "junk.txt", "junk.html", "junk.xml", "junk.warc"] {
        let docs = from_bytes(name, &junk);
        assert_eq!(docs.len(), 1, "{name}: {docs:?}");
        assert!(docs[0].is_err(), "{name}");
    }
    // Binary data under an HTML name says so.
    let docs = from_bytes("junk.html", &junk);
    assert!(docs[0].as_ref().unwrap_err().contains("binary"), "{docs:?}");
}

#[test]
fn huge_html_is_refused_fast_without_reading_it_all() {
    let para = "<p>The ministry said the new pledge would be paid in four instalments over the next two years.</p>\n";
    let mut html = String::from("<!doctype html><html><body><article>");
    while html.len() < 50 << 20 {
        html.push_str(para);
    }
    html.push_str("</article></body></html>");
    let file = TempFile::new("huge.html", html.as_bytes());
    let started = Instant::now();
    let docs: Vec<_> = documents(vec![Input::Path(file.0.clone())], ReadOptions::default()).collect();
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(docs.len(), 1);
    let err = docs[0].as_ref().unwrap_err().to_string();
    assert!(err.contains("larger than 8 MiB"), "{err}");

    // The same as a gzip bomb: refused after 8 MiB of output.
    let gz = gzip(html.as_bytes());
    let docs = from_bytes("huge.html.gz", &gz);
    assert!(docs[0].as_ref().unwrap_err().contains("larger than 8 MiB"));

    // A big page under the limit is read, in reasonable time even unoptimised.
    let under: String = html[..MAX_HTML_BYTES / 8].rsplit_once('\n').unwrap().0.to_string();
    let started = Instant::now();
    let docs = from_bytes("big.html", under.as_bytes());
    assert!(docs[0].is_ok(), "{:?}", docs[0].as_ref().err());
    eprintln!("1 MiB page read in {:?}", started.elapsed());
}

#[test]
fn deep_nesting_is_refused_fast() {
    let html = format!("<html><body>{}<p>Deep.</p>{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let started = Instant::now();
    let docs = from_bytes("deep.html", html.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert!(docs[0].as_ref().unwrap_err().contains("deep"), "{docs:?}");
}

// --- Property: no input panics --------------------------------------------------------------

const HINTS: [&str; 8] = ["x", "x.txt", "x.jsonl", "x.html", "x.xml", "x.atom", "x.warc", "x.warc.gz"];
const PREFIXES: [&[u8]; 6] = [
    b"",
    b"<!doctype html><html><body><p>",
    b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><description>",
    b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        prefix in 0..PREFIXES.len(),
        body in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = PREFIXES[prefix].to_vec();
        bytes.extend(body);
        for hint in HINTS {
            let _ = documents_from_bytes(hint, &bytes, &ReadOptions::default());
        }
    }

}

proptest! {
    // Each case runs Readability three times: fewer cases keep the debug test run short.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn markup_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("<p>"), Just("</p>"), Just("<div>"), Just("</div>"), Just("<br>"), Just("<a href=x>"), Just("</a>"),
            Just("<figure><figcaption>"), Just("<pre>"), Just("<table><tr><td>"), Just("<![CDATA["), Just("]]>"),
            Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"), Just("</script>"),
            Just("<meta property=\"article:published_time\" content=\"2024-02-30\">"), Just("<time datetime=\"x\">"),
            Just("<item>"), Just("<entry>"), Just("<rss>"), Just("&amp;"), Just("&#xD800;"), Just("Aid of £5m. "),
            Just("\r\n"), Just("\u{0}"), Just("é"),
        ],
        0..200,
    )) {
        let text: String = parts.concat();
        for hint in ["x.html", "x.rss", "x"] {
            let _ = documents_from_bytes(hint, text.as_bytes(), &ReadOptions::default());
        }
    }
}
