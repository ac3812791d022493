//! Test helpers shared by the rates tests and the CLI's `rates update` tests (which
//! include this file by path): ECB-style archives, a fixture of newer rates, and a tiny
//! HTTP server on the loopback address, so no test touches the network.
#![allow(dead_code)] // each including test uses a part

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// The last day of [`newer_rates_csv`].
pub const NEWER_LAST_DAY: &str = "2026-11-20";

/// ECB-style history for 2026-11-02 ..= 2026-11-20 (working days), newest first, with a
/// trailing comma. The rates are invented for the tests: USD 1.2, GBP 0.875, JPY 180
/// on every day, so converted values are easy to check.
pub fn newer_rates_csv() -> String {
    let mut out = String::from("Date,USD,JPY,GBP,RUB,\n");
    for day in (2..=20).rev() {
        let weekday = (day + 5) % 7; // 2026-11-02 is a Monday: 0
        if weekday < 5 {
            out.push_str(&format!("2026-11-{day:02},1.2000,180.00,0.87500,N/A,\n"));
        }
    }
    out
}

/// A one-entry ZIP archive, deflated, as the ECB ships its files.
/// A one-entry ZIP archive, deflated, as the ECB ships its files.
pub fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    let body = enc.finish().unwrap();
    let mut crc = flate2::Crc::new();
    crc.update(data);
    let (crc, csize, usize_) = (crc.sum(), body.len() as u32, data.len() as u32);
    let name = name.as_bytes();
    let mut z = Vec::new();
    // Local file header.
    z.extend(b"PK\x03\x04");
    z.extend(20u16.to_le_bytes()); // version needed
    z.extend(0u16.to_le_bytes()); // flags
    z.extend(8u16.to_le_bytes()); // deflate
    z.extend([0u8; 4]); // time, date
    z.extend(crc.to_le_bytes());
    z.extend(csize.to_le_bytes());
    z.extend(usize_.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend(0u16.to_le_bytes());
    z.extend(name);
    z.extend(&body);
    // Central directory.
    let cd = z.len() as u32;
    z.extend(b"PK\x01\x02");
    z.extend(20u16.to_le_bytes()); // made by
    z.extend(20u16.to_le_bytes()); // needed
    z.extend(0u16.to_le_bytes());
    z.extend(8u16.to_le_bytes());
    z.extend([0u8; 4]);
    z.extend(crc.to_le_bytes());
    z.extend(csize.to_le_bytes());
    z.extend(usize_.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend([0u8; 12]); // extra, comment, disk, internal attrs, external attrs
    z.extend(0u32.to_le_bytes()); // local header offset
    z.extend(name);
    let cd_len = z.len() as u32 - cd;
    // End of central directory.
    z.extend(b"PK\x05\x06");
    z.extend([0u8; 4]);
    z.extend(1u16.to_le_bytes());
    z.extend(1u16.to_le_bytes());
    z.extend(cd_len.to_le_bytes());
    z.extend(cd.to_le_bytes());
    z.extend(0u16.to_le_bytes());
    z
}

pub fn gzip_of(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// What the server answers on a path.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this body.
    Body(Vec<u8>),
    /// This status, with an empty body.
    Status(u16),
    /// Nothing at all: the connection stays open until the client gives up.
    Silent,
    /// 200 and a Content-Length, then part of the body, then nothing.
    Stall(Vec<u8>),
}

/// An HTTP/1.1 server on 127.0.0.1 (an ephemeral port), one thread per connection,
/// answering each path with its [`Reply`] (404 for any other). It records the head of
/// every request. It lives until the test process ends.
pub struct Server {
    addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let heads: Arc<Mutex<Vec<String>>> = Arc::default();
        let (r, h) = (routes.clone(), heads.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, h) = (r.clone(), h.clone());
                std::thread::spawn(move || answer(stream, &r, &h));
            }
        });
        Server { addr, routes, heads }
    }

    /// Answer `path` with `reply` from now on.
    pub fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The heads of the requests received so far (request line and headers).
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn answer(mut stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>, heads: &Mutex<Vec<String>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 << 10 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    heads.lock().unwrap().push(head);
    let reply = routes.lock().unwrap().get(&path).cloned().unwrap_or(Reply::Status(404));
    let respond = |stream: &mut TcpStream, status: u16, len: usize, body: &[u8]| {
        let head = format!("HTTP/1.1 {status} Test\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n");
        let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(body)).and_then(|_| stream.flush());
    };
    match reply {
        Reply::Body(body) => respond(&mut stream, 200, body.len(), &body),
        Reply::Status(code) => respond(&mut stream, code, 0, b""),
        Reply::Silent => wait_for_close(stream),
        Reply::Stall(body) => {
            respond(&mut stream, 200, body.len() * 2, &body);
            wait_for_close(stream);
        }
    }
}

/// Blocks until the client closes the connection (a read of 0 bytes or an error).
fn wait_for_close(mut stream: TcpStream) {
    let mut buf = [0u8; 256];
    while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
}
