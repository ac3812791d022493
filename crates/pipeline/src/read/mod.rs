//! Readers: bytes from files, folders and stdin become [`RawDocument`]s.
//!
//! This is the one place in the pipeline crate that touches the file system.
//! Every reader streams: a JSON Lines file is read a line at a time, and a
//! document that cannot be read becomes an `Err` for that document while the
//! others go on.

mod jsonl;
mod text;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use jsonl::{JsonFields, parse_date};
pub use text::parse_text;

use crate::document::RawDocument;
use crate::error::{Error, Result};

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
                            self.current =
                                Some(open_stream(name, Box::new(BufReader::new(f)), format, &self.options));
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
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
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
        _ => None,
    }
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
        let gz = flate2::bufread::MultiGzDecoder::new(reader);
        return open_stream(name, Box::new(BufReader::new(gz)), format, options);
    }
    let format = format.unwrap_or_else(|| {
        let first = head.iter().find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'{') { Format::JsonLines } else { Format::Text }
    });
    match format {
        Format::JsonLines => Box::new(jsonl::JsonLines::new(name, reader, options.json_fields.clone())),
        Format::Text => {
            let mut bytes = Vec::new();
            let item = match reader.read_to_end(&mut bytes) {
                Ok(_) => text::parse_text_bytes(&name, &bytes),
                Err(e) => Err(Error::io(name, e)),
            };
            Box::new(std::iter::once(item))
        }
    }
}

/// Reads documents from bytes already in memory (HTTP uploads, tests, fuzzing).
pub fn documents_from_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Vec<Result<RawDocument>> {
    let reader: Box<dyn BufRead> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    open_stream(name.to_string(), reader, None, options).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_jsonl_and_text_and_gzip() {
        let opts = ReadOptions::default();
        let docs = documents_from_bytes("x", b"{\"id\":\"a\",\"text\":\"One.\",\"date\":\"2024-05-01\"}\n\n{\"text\":\"Two.\"}\n", &opts);
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
    fn bad_input_is_an_error_for_that_document_only() {
        let opts = ReadOptions::default();
        let docs = documents_from_bytes("j", b"{\"text\":\"ok\"}\n{\"text\": 5}\nnot json\n{\"text\":\"fine\"}\n", &opts);
        assert_eq!(docs.len(), 4);
        assert!(docs[0].is_ok() && docs[3].is_ok());
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(err.contains("j:2"), "{err}");
        assert!(docs[2].is_err());
        let docs = documents_from_bytes("b", b"abc \xff\xfe def", &opts);
        assert!(docs[0].as_ref().unwrap_err().to_string().contains("UTF-8"));
        let docs = documents_from_bytes("t", &[0x1f, 0x8b, 8, 0, 0, 0], &opts);
        assert!(docs[0].is_err());
    }
}
