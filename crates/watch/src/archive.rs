//! The raw answers, kept: one WARC file per UTC day in the archive folder
//! (`watch-YYYY-MM-DD.warc.gz`), each record its own gzip member as web
//! archives write them, so a file cut short by a crash still reads up to the
//! last whole record. Each exchange is a `request` record (what was asked,
//! validators included) and the `response` record it got, status line,
//! headers and body as received.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use flate2::Compression;
use flate2::write::GzEncoder;
use warc::{Record, RecordBuilder, RecordType, WarcHeader, WarcWriter};

use crate::error::{Error, Result};

/// A folder of WARC files. Shared by every poll; one writer at a time.
#[derive(Debug)]
pub struct Archive {
    dir: PathBuf,
    lock: Mutex<()>,
}

impl Archive {
    /// Archives into `dir`, made if missing.
    pub fn new(dir: &Path) -> Result<Archive> {
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
        Ok(Archive { dir: dir.to_path_buf(), lock: Mutex::new(()) })
    }

    /// The folder archived into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends one exchange: the request as sent and the response as received.
    pub fn exchange(&self, uri: &str, request: Vec<u8>, response: Vec<u8>) -> Result<PathBuf> {
        let _turn = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let day = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
        let path = self.dir.join(format!("watch-{day}.warc.gz"));
        let mut out = Vec::new();
        if !path.exists() {
            let info = b"software: pledgewatch watch\r\nformat: WARC File Format 1.0\r\n".to_vec();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let record = RecordBuilder::default()
                .warc_type(RecordType::WarcInfo)
                .header(WarcHeader::Filename, name)
                .header(WarcHeader::ContentType, "application/warc-fields")
                .body(info)
                .build();
            member(&mut out, record).map_err(|e| fail(&path, e))?;
        }
        let request_id = Record::<warc::BufferedBody>::generate_record_id();
        let req = RecordBuilder::default()
            .warc_type(RecordType::Request)
            .warc_id(request_id.clone())
            .header(WarcHeader::TargetURI, uri)
            .header(WarcHeader::ContentType, "application/http;msgtype=request")
            .body(request)
            .build();
        member(&mut out, req).map_err(|e| fail(&path, e))?;
        let resp = RecordBuilder::default()
            .warc_type(RecordType::Response)
            .header(WarcHeader::TargetURI, uri)
            .header(WarcHeader::ConcurrentTo, request_id)
            .header(WarcHeader::ContentType, "application/http;msgtype=response")
            .body(response)
            .build();
        member(&mut out, resp).map_err(|e| fail(&path, e))?;
        let mut file = OpenOptions::new().create(true).append(true).open(&path).map_err(|e| fail(&path, e))?;
        file.write_all(&out).and_then(|()| file.flush()).map_err(|e| fail(&path, e))?;
        Ok(path)
    }
}

/// Appends a record to `out` as one gzip member.
fn member(
    out: &mut Vec<u8>,
    record: std::result::Result<Record<warc::BufferedBody>, warc::Error>,
) -> std::io::Result<()> {
    let record = record.map_err(std::io::Error::other)?;
    let mut plain = Vec::new();
    WarcWriter::new(&mut plain).write(&record)?;
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(&plain)?;
    out.extend_from_slice(&gz.finish()?);
    Ok(())
}

fn fail(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Archive { path: path.display().to_string(), reason: e.to_string() }
}
