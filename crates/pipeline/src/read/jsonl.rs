//! JSON Lines: one document per line, `{"id","text","date","title","url"}` by
//! default; the field names are configurable.
//!
//! Each known field is deserialised to its type: a field of the wrong type
//! (`"date": 20250302`, a numeric title) or a date that is no date
//! (`2025-03-02T25:61:00`) makes that line an error naming the line, the
//! field and the value, never a document with the field silently dropped.
//! `null` is a field left out; other fields are ignored. A file with no line
//! at all is an error too, not a file without documents.

use std::io::BufRead;

use jiff::civil::Date;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

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
    /// Whether a line other than a blank one was read.
    any: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(name: String, reader: R, fields: JsonFields) -> Self {
        JsonLines { name, reader, line_no: 0, buf: Vec::new(), fields, done: false, any: false }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line_no += 1;
            match super::read_line_capped(&mut self.reader, &mut self.buf, super::MAX_TEXT_BYTES) {
                Ok((0, _)) => {
                    self.done = true;
                    if !self.any {
                        return Some(Err(super::empty_input(&self.name)));
                    }
                }
                Ok((_, cut)) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.any = true;
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
    let Value::Object(obj) = v else {
        return Err(Error::read(&source, "a JSON Lines document must be an object"));
    };
    let field = Fields { source: &source, obj: &obj };
    let text: String = field.get(&f.text)?.ok_or_else(|| Error::read(&source, format!("no \"{}\" field", f.text)))?;
    if text.trim().is_empty() {
        return Err(Error::read(&source, format!("field \"{}\" is empty: no document", f.text)));
    }
    Ok(RawDocument {
        published: field.get::<IsoDate>(&f.date)?.map(|d| d.0),
        title: field.get(&f.title)?,
        url: field.get(&f.url)?,
        outlet: field.get(&f.outlet)?,
        source_id: field.get::<SourceId>(&f.id)?.map(|id| id.0),
        text,
        source,
    })
}

/// One line's object, read a field at a time.
struct Fields<'a> {
    source: &'a str,
    obj: &'a Map<String, Value>,
}

impl Fields<'_> {
    /// Field `name` as a `T`; `None` when absent or `null`; an error naming
    /// the field and its value when it is no `T`.
    fn get<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>> {
        match self.obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => T::deserialize(v)
                .map(Some)
                .map_err(|e| Error::read(self.source, format!("field \"{name}\" is {}: {e}", shown(v)))),
        }
    }
}

/// A value as JSON, cut to a readable length.
fn shown(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// A date field: a string holding a whole, valid date or date-time.
struct IsoDate(Date);

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        super::parse_date_time(&s).map(|(date, _)| IsoDate(date)).map_err(D::Error::custom)
    }
}

/// An id field: a string, or a number (kept as its decimal text).
struct SourceId(String);

impl<'de> Deserialize<'de> for SourceId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(SourceId(s)),
            Value::Number(n) => Ok(SourceId(n.to_string())),
            _ => Err(D::Error::custom("expected a string or a number")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<std::result::Result<RawDocument, String>> {
        JsonLines::new("f.jsonl".into(), input.as_bytes(), JsonFields::default())
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn fields_of_the_wrong_type_are_an_error_for_their_line() {
        // (line, what the error must say, each part in turn)
        let cases: &[(&str, &[&str])] = &[
            (r#"{"text":"T.","date":20250302}"#, &["f.jsonl:1", "field \"date\" is 20250302", "expected a string"]),
            (r#"{"text":"T.","date":"2025-03-02T25:61:00"}"#, &["field \"date\" is \"2025-03-02T25:61:00\"", "hour"]),
            (r#"{"text":"T.","date":"2025-03-02T23:61:00"}"#, &["field \"date\"", "minute"]),
            (r#"{"text":"T.","date":"2025-02-30"}"#, &["field \"date\" is \"2025-02-30\"", "day"]),
            (r#"{"text":"T.","date":"2025-03-02 or so"}"#, &["field \"date\"", "not a date"]),
            (r#"{"text":"T.","date":"2025-03-02, Sunday"}"#, &["field \"date\"", "unparsed input"]),
            (r#"{"text":"T.","date":""}"#, &["field \"date\" is \"\"", "not a date"]),
            (r#"{"text":"T.","date":["2025-03-02"]}"#, &["field \"date\" is [\"2025-03-02\"]", "sequence"]),
            (r#"{"text":"T.","title":5}"#, &["field \"title\" is 5", "expected a string"]),
            (r#"{"text":"T.","title":{"en":"A"}}"#, &["field \"title\" is {\"en\":\"A\"}", "map"]),
            (r#"{"text":"T.","url":true}"#, &["field \"url\" is true", "boolean"]),
            (r#"{"text":"T.","outlet":1.5}"#, &["field \"outlet\" is 1.5"]),
            (r#"{"text":"T.","id":false}"#, &["field \"id\" is false", "a string or a number"]),
            (r#"{"text":5}"#, &["field \"text\" is 5", "expected a string"]),
            (r#"{"text":"  "}"#, &["field \"text\" is empty"]),
            (r#"{"body":"T."}"#, &["no \"text\" field"]),
            (r#"["T."]"#, &["must be an object"]),
            (r#"{"text":"T.""#, &["invalid JSON"]),
        ];
        for (line, parts) in cases {
            let docs = read(line);
            assert_eq!(docs.len(), 1, "{line}");
            let err = docs[0].as_ref().expect_err(line);
            for part in *parts {
                assert!(err.contains(part), "{line}: {err:?} lacks {part:?}");
            }
        }
        let long = format!(r#"{{"text":"T.","title":[{}]}}"#, vec!["1"; 1000].join(","));
        let err = read(&long).remove(0).expect_err("a list");
        assert!(err.len() < 200 && err.contains('…'), "{err}");
    }

    #[test]
    fn right_types_and_nulls_are_read() {
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            // (line, date, title, source id)
            (r#"{"text":"T.","date":"2025-03-02","title":"A","id":"x"}"#, Some("2025-03-02"), Some("A"), Some("x")),
            (r#"{"text":"T.","date":"2025-03-02T23:30:00-05:00","id":17}"#, Some("2025-03-02"), None, Some("17")),
            (r#"{"text":"T.","date":"2025-03-02T17:00:00Z","id":"17"}"#, Some("2025-03-02"), None, Some("17")),
            (r#"{"text":"T.","date":null,"title":null,"url":null,"id":null}"#, None, None, None),
            (r#"{"text":"T.","extra":[1,2],"source":{"a":1}}"#, None, None, None),
        ];
        for (line, date, title, id) in cases {
            let d = read(line).remove(0).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert_eq!(d.published.map(|d| d.to_string()).as_deref(), *date, "{line}");
            assert_eq!((d.title.as_deref(), d.source_id.as_deref()), (*title, *id), "{line}");
        }
    }

    #[test]
    fn a_bad_line_leaves_the_others() {
        let docs = read("{\"text\":\"One.\"}\n\n{\"text\":\"Two.\",\"date\":20250302}\n{\"text\":\"Three.\"}\n");
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().map(|d| d.text.as_str()), Ok("One."));
        assert!(docs[1].as_ref().is_err_and(|e| e.starts_with("f.jsonl:3: ")), "{docs:?}");
        assert_eq!(docs[2].as_ref().map(|d| d.source.as_str()), Ok("f.jsonl:4"));
    }

    #[test]
    fn a_file_without_lines_is_an_error() {
        for input in ["", "\n", "  \n\t\n\n"] {
            let docs = read(input);
            assert_eq!(docs.len(), 1, "{input:?}");
            let err = docs[0].as_ref().expect_err(input);
            assert!(err.starts_with("f.jsonl: ") && err.contains("empty"), "{input:?}: {err}");
        }
    }
}
