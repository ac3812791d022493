//! JSON Lines: one document per line, `{"id","text","date","title","url"}` by
//! default; the field names are configurable.

use std::io::BufRead;

use jiff::civil::Date;
use serde_json::Value;

use crate::document::RawDocument;
use crate::error::{Error, Result};

/// Which JSON fields hold what.
#[derive(Clone, Debug)]
pub struct JsonFields {
    pub id: String,
    pub text: String,
    pub date: String,
    pub title: String,
    pub url: String,
    pub outlet: String,
}

impl Default for JsonFields {
    fn default() -> Self {
        JsonFields {
            id: "id".into(),
            text: "text".into(),
            date: "date".into(),
            title: "title".into(),
            url: "url".into(),
            outlet: "outlet".into(),
        }
    }
}

/// Streams documents from a JSON Lines reader; blank lines are skipped.
pub struct JsonLines<R> {
    name: String,
    reader: R,
    line_no: usize,
    buf: Vec<u8>,
    fields: JsonFields,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(name: String, reader: R, fields: JsonFields) -> Self {
        JsonLines { name, reader, line_no: 0, buf: Vec::new(), fields, done: false }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line_no += 1;
            match super::read_line_capped(&mut self.reader, &mut self.buf, super::MAX_TEXT_BYTES) {
                Ok((0, _)) => self.done = true,
                Ok((_, cut)) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let source = format!("{}:{}", self.name, self.line_no);
                    if cut {
                        return Some(Err(super::too_big(&source, "JSON Lines line", super::MAX_TEXT_BYTES)));
                    }
                    return Some(parse_line(source, &self.buf, &self.fields));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(format!("{}:{}", self.name, self.line_no), e)));
                }
            }
        }
        None
    }
}

fn parse_line(source: String, line: &[u8], f: &JsonFields) -> Result<RawDocument> {
    let v: Value = serde_json::from_slice(line).map_err(|e| Error::read(&source, format!("invalid JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| Error::read(&source, "a JSON Lines document must be an object"))?;
    let text = match obj.get(&f.text) {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(Error::read(&source, format!("field \"{}\" is not a string", f.text))),
        None => return Err(Error::read(&source, format!("no \"{}\" field", f.text))),
    };
    let string = |name: &str| obj.get(name).and_then(Value::as_str).map(str::to_string);
    let published = match string(&f.date) {
        Some(d) => Some(parse_date(&d).ok_or_else(|| Error::read(&source, format!("bad date {d:?}")))?),
        None => None,
    };
    let source_id = match obj.get(&f.id) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(RawDocument {
        source,
        text,
        published,
        title: string(&f.title),
        url: string(&f.url),
        outlet: string(&f.outlet),
        source_id,
    })
}

/// An ISO date, or the date part of an ISO date-time.
pub fn parse_date(s: &str) -> Option<Date> {
    s.trim().get(..10)?.parse().ok()
}
