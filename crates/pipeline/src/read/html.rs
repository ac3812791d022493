//! HTML pages: the main content through `dom_smoothie` (a port of Mozilla's
//! Readability), the title, date, URL and outlet from the page's meta tags and
//! JSON-LD.
//!
//! The text is written by our own walk over the extracted article rather than
//! by the crate's text output, because the document segmenter needs exactly
//! one paragraph per line: the crate's raw text glues a `<br>` or a list
//! item to the next ("month.The rest"), its formatted text mixes single and
//! double newlines. Every block (paragraph, heading, list item, figure
//! caption, `<br>`) ends a paragraph here, and paragraphs are separated by a
//! blank line. A figure caption stays a paragraph of its own so that the
//! segmenter can see its photo credit.
//!
//! Guards: Readability and the HTML tree builder are quadratic in how deep
//! elements nest (10,000 nested `<div>`s take 12 s), so a page nesting deeper
//! than [`MAX_DEPTH`] is refused before and after parsing, one whose elements
//! nest too much in total ([`MAX_NESTING_WORK`]) after, and one with more
//! than [`MAX_ELEMENTS`] elements by the crate itself. Times are release
//! builds on one core.

use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::{Config, Readability, ReadabilityError};
use jiff::civil::Date;
use serde_json::{Map, Value};

use super::MAX_HTML_BYTES;
use crate::document::RawDocument;
use crate::error::{Error, Result};

/// Deepest element nesting accepted. Real pages stay under about 100; at 512
/// Readability still takes well under a second.
pub const MAX_DEPTH: usize = 512;
/// Most elements accepted in one page (a 8 MiB page of short paragraphs has
/// about 100,000).
pub const MAX_ELEMENTS: usize = 250_000;
/// Most total nesting (the sum of every element's depth) accepted. A real
/// page of 5,000 elements 20 deep has 100,000; 200,000 elements 250 deep
/// (50 M) keep Readability busy for 4 s. At this limit it takes about 1 s.
pub const MAX_NESTING_WORK: usize = 10_000_000;

/// What the container of a page knows about it (a WARC record, a feed entry):
/// used when the page itself does not say.
#[derive(Clone, Debug, Default)]
pub struct PageHints {
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The charset of an HTTP `Content-Type` header.
    pub charset: Option<String>,
}

/// Reads one HTML page: its article text and what its meta data says.
pub fn parse_page(source: &str, bytes: &[u8], hints: &PageHints) -> Result<RawDocument> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(super::too_big(source, "HTML page", MAX_HTML_BYTES));
    }
    let html = decode(source, bytes, hints.charset.as_deref())?;
    let estimate = nesting_estimate(html.as_bytes());
    if estimate > MAX_DEPTH {
        return Err(too_deep(source, estimate));
    }
    let dom = Dom::from(html.as_str());
    drop(html);
    let (depth, work) = nesting(dom.root());
    if depth > MAX_DEPTH {
        return Err(too_deep(source, depth));
    }
    if work > MAX_NESTING_WORK {
        return Err(Error::read(source, "HTML nests too many elements too deep to extract in time; skipped"));
    }
    let meta = PageMeta::read(&dom);

    let config = Config { max_elements_to_parse: MAX_ELEMENTS, disable_json_ld: true, ..Config::default() };
    let mut readability =
        Readability::with_document(dom, None, Some(config)).map_err(|e| Error::read(source, format!("HTML: {e}")))?;
    let article = readability.parse().map_err(|e| match e {
        ReadabilityError::GrabFailed => no_article(source),
        e => Error::read(source, format!("HTML: {e}")),
    })?;
    let text = fragment_text(&article.content);
    if text.is_empty() {
        return Err(no_article(source));
    }
    let title = meta.title.or_else(|| Some(article.title.trim().to_string())).filter(|t| !t.is_empty());
    Ok(RawDocument {
        source: source.to_string(),
        text,
        published: meta.published.or(hints.published),
        title,
        url: meta.url.or_else(|| hints.url.clone()),
        outlet: meta.outlet,
        source_id: None,
    })
}

fn no_article(source: &str) -> Error {
    Error::read(source, "HTML page without article text")
}

fn too_deep(source: &str, depth: usize) -> Error {
    Error::read(source, format!("HTML nests elements {depth} deep, over the limit of {MAX_DEPTH}; skipped"))
}

/// The text of an HTML fragment (a feed entry's content), one paragraph a
/// line; empty when the fragment is too big or nests too deep to parse safely.
pub fn fragment_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        // Already plain text: keep its own line breaks as paragraphs.
        return html.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n\n");
    }
    if html.len() > MAX_HTML_BYTES || nesting_estimate(html.as_bytes()) > MAX_DEPTH {
        return String::new();
    }
    let dom = Dom::fragment(html);
    node_text(dom.root())
}

/// Elements whose start and end break a paragraph.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
];
/// Elements whose content is never text of the article.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head", "select", "button",
    "textarea", "canvas", "audio", "video",
];

/// One step of the walk: enter a node, leave a block (`pre` or not), leave a link.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave { pre: bool },
    LeaveLink,
}

/// Writes the text under `root`, one paragraph a line, blank lines between.
/// A paragraph that is all link text (a menu entry, "Related stories", "Read
/// more") is dropped: Readability keeps such leftovers on short pages.
/// Iterative, so no page can overflow the stack.
fn node_text(root: NodeRef) -> String {
    let mut w = TextWriter::default();
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave { pre } => {
                w.end_paragraph();
                w.pre -= usize::from(pre);
                continue;
            }
            Step::LeaveLink => {
                w.links -= 1;
                continue;
            }
            Step::Enter(node) => node,
        };
        if node.is_text() {
            w.push(&node.text());
            continue;
        }
        if node.is_element() {
            let name = node.node_name().unwrap_or_default();
            let name: &str = &name;
            if SKIPPED.contains(&name) || node.has_attr("hidden") {
                continue;
            }
            if matches!(name, "br" | "hr") {
                w.end_paragraph();
                continue;
            }
            if BLOCKS.contains(&name) {
                w.end_paragraph();
                let pre = name == "pre";
                w.pre += usize::from(pre);
                stack.push(Step::Leave { pre });
            } else if name == "a" {
                w.links += 1;
                stack.push(Step::LeaveLink);
            }
        } else if !node.is_document() && !node.is_fragment() {
            continue; // comments, doctypes, processing instructions
        }
        stack.extend(node.children_it(true).map(Step::Enter));
    }
    w.end_paragraph();
    w.out
}

/// Collapses HTML white space and gathers paragraphs.
#[derive(Default)]
struct TextWriter {
    out: String,
    para: String,
    space: bool,
    /// Inside how many `<pre>`s: there a newline ends a paragraph.
    pre: usize,
    /// Inside how many links.
    links: usize,
    /// The paragraph has text outside links.
    unlinked: bool,
}

impl TextWriter {
    fn push(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' && self.pre > 0 {
                self.end_paragraph();
            } else if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = !self.para.is_empty();
            } else {
                if self.space {
                    self.para.push(' ');
                    self.space = false;
                }
                self.para.push(c);
                self.unlinked |= self.links == 0;
            }
        }
    }

    fn end_paragraph(&mut self) {
        if self.unlinked {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(&self.para);
        }
        self.para.clear();
        self.space = false;
        self.unlinked = false;
    }
}

/// The deepest element nesting under `root`, and the sum of all elements'
/// depths: what Readability's work grows with.
fn nesting(root: NodeRef) -> (usize, usize) {
    let (mut max, mut sum) = (0, 0usize);
    let mut stack = vec![(root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        max = max.max(depth);
        sum = sum.saturating_add(depth);
        stack.extend(node.children_it(false).filter(|c| c.is_element()).map(|c| (c, depth + 1)));
    }
    (max, sum)
}

/// Elements that never hold others (void) or that the parser closes by itself
/// when a sibling starts: they do not deepen the nesting estimate.
#[rustfmt::skip]
const NOT_NESTING: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param", b"source",
    b"track", b"wbr", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option", b"optgroup", b"tbody", b"thead",
    b"tfoot", b"colgroup", b"rb", b"rt", b"rp", b"html", b"head", b"body", b"image", b"keygen", b"frame",
];
/// Elements whose content is raw text, skipped by the estimate.
#[rustfmt::skip]
const RAW_TEXT: &[&[u8]] = &[
    b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes",
];

/// A quick upper estimate of how deep a page nests elements, from its tags
/// alone: opening tags minus closing tags, over the elements that can nest.
/// Guards the HTML tree builder, which is quadratic in nesting depth.
fn nesting_estimate(html: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &html[i..]) {
        i += off + 1;
        let rest = &html[i..];
        if rest.starts_with(b"!--") {
            i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let Some(gt) = memchr::memchr(b'>', rest) else { break };
        i += gt + 1;
        if closing {
            if !NOT_NESTING.contains(&name.as_slice()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_slice()) {
            // Skip to the matching end tag (case-insensitively).
            let mut end = None;
            let mut j = i;
            while let Some(off) = memchr::memmem::find(&html[j..], b"</") {
                let at = j + off + 2;
                if html.len() >= at + name.len() && html[at..at + name.len()].eq_ignore_ascii_case(&name) {
                    end = Some(at);
                    break;
                }
                j = at;
            }
            i = end.unwrap_or(html.len());
            continue;
        }
        let self_closing = gt > 0 && rest[gt - 1] == b'/';
        if !self_closing && !NOT_NESTING.contains(&name.as_slice()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Decodes a page: UTF-8, or Windows-1252 (and its subset Latin-1) when the
/// page or its HTTP header declares it. Anything else is refused with the
/// reason, binary data first of all.
fn decode(source: &str, bytes: &[u8], http_charset: Option<&str>) -> Result<String> {
    if looks_binary(bytes) {
        return Err(Error::read(source, "binary data, not an HTML page"));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let charset = http_charset.map(str::to_ascii_lowercase).or_else(|| meta_charset(bytes));
            match charset.as_deref() {
                Some("windows-1252" | "cp1252" | "iso-8859-1" | "latin1" | "latin-1" | "l1" | "us-ascii" | "ascii") => {
                    Ok(decode_cp1252(bytes))
                }
                Some(other) if !other.contains("utf") => Err(Error::read(
                    source,
                    format!("HTML in charset {other:?}, which is not supported (UTF-8 and Windows-1252 are)"),
                )),
                _ => Err(Error::read(source, format!("not valid UTF-8 at byte {}", e.valid_up_to()))),
            }
        }
    }
}

/// Binary data: a NUL, or many control bytes, among the first 4 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let controls =
        head.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f).count();
    head.contains(&0) || controls * 20 > head.len()
}

/// The charset a page declares in its first 2 KiB (`<meta charset=…>` or
/// `<meta http-equiv content="text/html; charset=…">`).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes[..bytes.len().min(2048)].to_ascii_lowercase();
    let at = memchr::memmem::find(&head, b"charset=")? + 8;
    let value: Vec<u8> = head[at..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'')
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        .copied()
        .collect();
    (!value.is_empty()).then(|| String::from_utf8_lossy(&value).into_owned())
}

/// Windows-1252 to UTF-8; its 0x80–0x9F block differs from Latin-1.
fn decode_cp1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes.iter().map(|&b| if (0x80..0xa0).contains(&b) { HIGH[usize::from(b - 0x80)] } else { char::from(b) }).collect()
}

/// What a page says about itself, from its meta tags and JSON-LD.
#[derive(Debug, Default)]
struct PageMeta {
    title: Option<String>,
    published: Option<Date>,
    url: Option<String>,
    outlet: Option<String>,
}

/// Meta tags that may hold the publication date, most specific first.
#[rustfmt::skip]
const DATE_KEYS: &[&str] = &[
    "article:published_time", "og:article:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created", "pubdate", "publishdate",
    "publish-date", "publish_date", "published_time", "sailthru.date", "parsely-pub-date",
    "citation_publication_date",
];

impl PageMeta {
    /// Reads the page's metadata. The article's JSON-LD comes first where it
    /// has a field (an editorial record of the article), then Open Graph and
    /// other meta tags, then `<time datetime>`.
    fn read(dom: &Dom) -> PageMeta {
        let mut tags: Vec<(String, String)> = Vec::new();
        for node in dom.select("meta[content]").nodes() {
            let Some(content) = node.attr("content") else { continue };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            for key in ["property", "name", "itemprop"] {
                if let Some(k) = node.attr(key) {
                    tags.push((k.trim().to_ascii_lowercase(), content.to_string()));
                }
            }
        }
        let tag = |key: &str| tags.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        let ld = json_ld_article(dom).unwrap_or_default();
        let ld_str = |key: &str| ld.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());

        let title = ld_str("headline")
            .or_else(|| ld_str("name"))
            .or_else(|| tag("og:title"))
            .or_else(|| tag("twitter:title"))
            .or_else(|| tag("dc.title"))
            .map(collapse_ws);

        let published = ld_str("datePublished")
            .and_then(parse_loose_date)
            .or_else(|| DATE_KEYS.iter().filter_map(|k| tag(k)).find_map(parse_loose_date))
            .or_else(|| time_element_date(dom))
            .or_else(|| ld_str("dateCreated").and_then(parse_loose_date));

        let canonical = dom.select("link[rel~=canonical][href]").attr("href");
        let ld_url = ld_str("url").or_else(|| match ld.get("mainEntityOfPage") {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str),
            _ => None,
        });
        let url = [tag("og:url"), canonical.as_deref(), ld_url]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(str::to_string);

        let outlet = tag("og:site_name").map(collapse_ws).or_else(|| publisher_name(ld.get("publisher")));
        PageMeta { title, published, url, outlet }
    }
}

/// The first JSON-LD object that describes an article (`NewsArticle`,
/// `Article`, `ReportageNewsArticle`, `BlogPosting`…), at the top level, in an
/// array or in an `@graph`.
fn json_ld_article(dom: &Dom) -> Option<Map<String, Value>> {
    for script in dom.select("script[type]").nodes() {
        let Some(kind) = script.attr("type") else { continue };
        if !kind.trim().eq_ignore_ascii_case("application/ld+json") {
            continue;
        }
        let text = script.text();
        let text = text.trim();
        let text = text.strip_prefix("<![CDATA[").and_then(|t| t.strip_suffix("]]>")).unwrap_or(text);
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else { continue };
        if let Some(found) = find_article(&value, 0) {
            return Some(found.clone());
        }
    }
    None
}

fn find_article(v: &Value, depth: usize) -> Option<&Map<String, Value>> {
    if depth > 4 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(o) => {
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article_type),
                _ => false,
            };
            if is_article { Some(o) } else { o.get("@graph").and_then(|g| find_article(g, depth + 1)) }
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report"
}

/// `publisher` as a name, an object with a name, or a list of either.
fn publisher_name(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(collapse_ws(s)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(collapse_ws),
        Value::Array(items) => items.iter().find_map(|i| publisher_name(Some(i))),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// The date of a `<time datetime>`: one marked as the publication date, else
/// the first inside the article, else the first on the page.
fn time_element_date(dom: &Dom) -> Option<Date> {
    ["time[pubdate][datetime], time[itemprop=datePublished][datetime]", "article time[datetime]", "time[datetime]"]
        .iter()
        .find_map(|sel| {
            dom.select(sel).nodes().iter().find_map(|n| n.attr("datetime").and_then(|d| parse_loose_date(&d)))
        })
}

/// A date as pages write it in metadata: ISO 8601 (`2024-09-14`, with a time
/// or not), `2024/09/14`, `20240914`, or RFC 2822 (`Sat, 14 Sep 2024 …`). A
/// date-time keeps the date of its own offset: the publisher's day.
pub fn parse_loose_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = super::date::date_prefix(s) {
        return Some(d);
    }
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if digits(0..4) && b.get(4) == Some(&b'/') && digits(5..7) && b.get(7) == Some(&b'/') && digits(8..10) {
        return format!("{}-{}-{}", &s[..4], &s[5..7], &s[8..10]).parse().ok();
    }
    if digits(0..8) && !digits(8..9) {
        return format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]).parse().ok();
    }
    jiff::fmt::rfc2822::parse(s).ok().map(|z| z.date())
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html><head><meta charset=utf-8>{head}</head><body>{body}</body></html>")
    }

    const BODY: &str = "<nav><a href=/>Home</a> <a href=/world>World</a></nav><article><h1>Port of Vell gets new cranes</h1>\
        <p>The transport ministry of Ostria said on Tuesday it would lend 40 million euros to the port authority of Vell for six new cranes.</p>\
        <figure><img src=c.jpg><figcaption>A crane at the port of Vell. Photo: Lin Arno/Coast Press</figcaption></figure>\
        <p>The first cranes are due next spring.<br>The rest will follow by the end of 2026, the ministry said in a statement.</p>\
        <ul><li>Six cranes</li><li>Two tugboats</li></ul>\
        <p>Port officials welcomed the loan and said it would double the number of ships the harbour can handle each week.</p></article>\
        <footer>All rights reserved.</footer>";

    #[test]
    fn article_text_one_paragraph_a_line() {
        let d =
            parse_page("p.html", page("<title>Cranes | Coast Daily</title>", BODY).as_bytes(), &PageHints::default())
                .unwrap();
        let paras: Vec<&str> = d.text.split("\n\n").collect();
        assert!(paras.contains(&"A crane at the port of Vell. Photo: Lin Arno/Coast Press"), "{paras:#?}");
        assert!(paras.contains(&"The first cranes are due next spring."), "{paras:#?}");
        assert!(paras.contains(&"Six cranes") && paras.contains(&"Two tugboats"), "{paras:#?}");
        assert!(!d.text.contains("Home") && !d.text.contains("rights reserved"), "{}", d.text);
        assert!(d.text.lines().all(|l| l.is_empty() || l.trim() == l), "{}", d.text);
        assert!(!d.text.contains("\n\n\n"));
    }

    #[test]
    fn meta_tags_then_json_ld() {
        let head = r#"<title>Cranes | Coast Daily</title>
            <meta property="og:title" content="Ostria lends Vell 40 million euros for cranes">
            <meta property="og:site_name" content="Coast Daily">
            <meta property="og:url" content="https://coast.example/news/cranes">
            <meta property="article:published_time" content="2025-04-08T22:10:00-04:00">"#;
        let d = parse_page("p.html", page(head, BODY).as_bytes(), &PageHints::default()).unwrap();
        assert_eq!(d.title.as_deref(), Some("Ostria lends Vell 40 million euros for cranes"));
        assert_eq!(d.outlet.as_deref(), Some("Coast Daily"));
        assert_eq!(d.url.as_deref(), Some("https://coast.example/news/cranes"));
        assert_eq!(d.published.unwrap().to_string(), "2025-04-08");

        let head = r#"<title>Cranes | Coast Daily</title>
            <link rel="canonical" href="https://coast.example/c">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Coast Daily site"},
              {"@type":["NewsArticle"],"headline":"Vell port loan agreed","datePublished":"2025-04-09",
               "publisher":{"@type":"Organization","name":"Coast Daily"}}]}</script>"#;
        let d = parse_page("p.html", page(head, BODY).as_bytes(), &PageHints::default()).unwrap();
        assert_eq!(d.title.as_deref(), Some("Vell port loan agreed"));
        assert_eq!(d.published.unwrap().to_string(), "2025-04-09");
        assert_eq!(d.outlet.as_deref(), Some("Coast Daily"));
        assert_eq!(d.url.as_deref(), Some("https://coast.example/c"));
    }

    #[test]
    fn time_element_and_hints() {
        let body = BODY.replace("<h1>", "<time datetime=\"2025-01-31T09:00\">31 January</time><h1>");
        let hints = PageHints {
            url: Some("https://h.example/x".into()),
            published: Some(jiff::civil::date(2020, 1, 1)),
            charset: None,
        };
        let d = parse_page("p.html", page("", &body).as_bytes(), &hints).unwrap();
        assert_eq!(d.published.unwrap().to_string(), "2025-01-31");
        assert_eq!(d.url.as_deref(), Some("https://h.example/x"));
        let d = parse_page("p.html", page("", BODY).as_bytes(), &hints).unwrap();
        assert_eq!(d.published.unwrap().to_string(), "2020-01-01");
    }

    #[test]
    fn loose_dates() {
        for (s, want) in [
            ("2024-09-14T08:30:00+02:00", "2024-09-14"),
            ("2024/09/14 08:30", "2024-09-14"),
            ("20240914", "2024-09-14"),
            ("Sat, 14 Sep 2024 23:30:00 -0500", "2024-09-14"),
        ] {
            assert_eq!(parse_loose_date(s).map(|d| d.to_string()).as_deref(), Some(want), "{s}");
        }
        for s in ["14 September 2024", "2024-13-01", "", "123456789"] {
            assert_eq!(parse_loose_date(s), None, "{s}");
        }
    }

    #[test]
    fn fragments_and_whitespace() {
        assert_eq!(
            fragment_text("<p>One  <b>bold</b>\n word.</p><p>Two &amp; three.</p>"),
            "One bold word.\n\nTwo & three."
        );
        assert_eq!(fragment_text("Plain line.\n\n  Second line. "), "Plain line.\n\nSecond line.");
        assert_eq!(fragment_text("<pre>a  b\nc</pre>x"), "a b\n\nc\n\nx");
        assert_eq!(fragment_text("<p>Shown</p><div hidden>Hidden</div><script>var x;</script>"), "Shown");
        assert_eq!(fragment_text(""), "");
        assert_eq!(
            fragment_text("<p><a href=/x>Related story</a></p><p>See <a href=/y>the report</a>.</p>"),
            "See the report."
        );
    }

    #[test]
    fn charsets_and_binary() {
        let bytes = b"<html><head><meta charset=\"windows-1252\"></head><body>\x93Quoted\x94 caf\xe9</body></html>";
        assert!(decode("s", bytes, None).unwrap().contains("\u{201c}Quoted\u{201d} café"));
        assert!(decode("s", b"<p>caf\xe9</p>", Some("ISO-8859-1")).unwrap().contains("café"));
        let err = decode("s", b"<p>caf\xe9</p>", None).unwrap_err().to_string();
        assert!(err.contains("UTF-8 at byte 6"), "{err}");
        let err = decode("s", b"<meta charset=shift_jis><p>\x82\xa0</p>", None).unwrap_err().to_string();
        assert!(err.contains("shift_jis"), "{err}");
        let err = decode("s", b"\x00\x01\x02<html>", None).unwrap_err().to_string();
        assert!(err.contains("binary"), "{err}");
    }

    #[test]
    fn nesting_guard() {
        assert_eq!(nesting_estimate(b"<div><p>a<p>b<br><img src=x/></div><div><span>c</span></div>"), 2);
        assert_eq!(nesting_estimate(b"<script>if (a<b) { '<div>' }</script><DIV>x</div>"), 1);
        assert_eq!(nesting_estimate(b"<!-- <div><div> --><i/>"), 0);
        let deep = format!("<html><body>{}x{}</body></html>", "<div>".repeat(2000), "</div>".repeat(2000));
        let err = parse_page("d.html", deep.as_bytes(), &PageHints::default()).unwrap_err().to_string();
        assert!(err.contains("2000 deep"), "{err}");
        // Misnested inline tags the estimate cannot see still meet the exact check.
        let sneaky = format!("<html><body>{}x</body></html>", "<b>".repeat(600));
        let err = parse_page("d.html", sneaky.as_bytes(), &PageHints::default()).unwrap_err().to_string();
        assert!(err.contains("deep"), "{err}");
    }
}
