#![cfg(unix)]
//! `pledgewatch demo` while another demo serves: a second demo on the same ledger
//! stops before touching it (it would rebuild the file under the running server),
//! and a demo on a port in use stops with the address named, before it writes a
//! ledger.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Long enough for a debug build on a loaded machine; only a failing run waits this long.
const PATIENCE: Duration = Duration::from_secs(180);

fn demo(dir: &Path, db: &str, addr: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(["demo", "--db", db, "--addr", addr])
        .current_dir(dir)
        .env("PLEDGEWATCH_HOME", dir.join("home"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// The address a demo serves at, once it says so.
fn serving_at(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(at) = line.split("http://").nth(1) {
                let _ = tx.send(at.trim_end_matches(|c: char| c != '/').trim_end_matches('/').to_string());
            }
        }
    });
    rx.recv_timeout(PATIENCE).expect("the first demo serves")
}

/// The output of a run that should stop by itself; killed (and the test failed) if it serves on.
fn finished(mut child: Child, what: &str) -> Output {
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!("{what} kept running: {}", String::from_utf8_lossy(&out.stdout));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().expect("output")
}

/// `GET path` on the running demo: the status line and the body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).expect("the first demo still listens");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("request");
    let mut response = String::new();
    s.read_to_string(&mut response).expect("response");
    let status = response.lines().next().unwrap_or_default().to_string();
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// Kills the first demo however the test ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_second_demo_stops_and_says_why_instead_of_rebuilding_under_the_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut first = demo(dir.path(), "first-demo.db", "127.0.0.1:0");
    let addr = serving_at(&mut first);
    let first = Running(first);
    let db = dir.path().join("first-demo.db");
    let inode = std::fs::metadata(&db).expect("the first demo's ledger").ino();

    // The same ledger, another port: the ledger is in use.
    let out = finished(demo(dir.path(), "first-demo.db", "127.0.0.1:0"), "a second demo on the same ledger");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("another `pledgewatch demo` is serving first-demo.db"), "{err}");
    assert_eq!(std::fs::metadata(&db).expect("still there").ino(), inode, "the ledger was not rebuilt");
    let (status, body) = get(&addr, "/api/v1/commitments?donor=GB");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"GB\""), "the first demo still serves its ledger: {body}");

    // Another ledger, the same port: the address is in use, and nothing is written.
    let out = finished(demo(dir.path(), "second-demo.db", &addr), "a demo on a port in use");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains(&format!("cannot listen on {addr}: the address is in use")), "{err}");
    assert!(!dir.path().join("second-demo.db").exists(), "no ledger built for a demo that cannot serve");
    drop(first);

    // Once the first demo has stopped, its ledger can be rebuilt.
    let mut again = demo(dir.path(), "first-demo.db", "127.0.0.1:0");
    serving_at(&mut again);
    drop(Running(again));
}
