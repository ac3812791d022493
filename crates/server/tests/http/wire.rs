//! What happens on the wire, through a real socket: parallel login guesses
//! against the rate limits and the Argon2 gate, and connections that send
//! their request too slowly or not at all.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use pledgewatch_server::Config;
use pledgewatch_server::auth::{MAX_PER_ADDRESS, MAX_PER_USER};
use tokio::io::AsyncWriteExt;

use crate::common::*;

const WORKERS: usize = 2;

fn loopback(last: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))
}

/// Logins sent all at once, each `(address, name, password)`; the count of each status.
async fn all_at_once(s: &Served, logins: Vec<(IpAddr, String, &'static str)>) -> BTreeMap<u16, usize> {
    let mut tasks = tokio::task::JoinSet::new();
    for (from, name, password) in logins {
        let server = s.addr;
        tasks.spawn(async move { login_from(server, from, &name, password).await });
    }
    let mut statuses = BTreeMap::new();
    while let Some(status) = tasks.join_next().await {
        *statuses.entry(status.unwrap()).or_insert(0) += 1;
    }
    statuses
}

fn config() -> Config {
    // A queue long enough for every attempt the limits let through.
    Config { argon2_workers: WORKERS, argon2_queue: 64, ..Config::default() }
}

/// Issue 19, item 4: 200 parallel guesses were all checked (no 429), each
/// holding Argon2's memory. Now an attempt counts from its start: beyond the
/// limit, guesses are refused without running Argon2, and those let through
/// run at most `WORKERS` at a time.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_beyond_the_limit_get_429() {
    let s = served(config()).await;
    let guesses = (0..50).map(|_| (loopback(1), USER.to_string(), "wrong password")).collect();
    let statuses = all_at_once(&s, guesses).await;
    assert_eq!(statuses, BTreeMap::from([(401, MAX_PER_USER), (429, 50 - MAX_PER_USER)]));
    assert!((1..=WORKERS).contains(&s.state.argon2.peak()), "peak {}", s.state.argon2.peak());
    // The user's own right password waits out the minute too.
    assert_eq!(login_from(s.addr, loopback(1), USER, PASSWORD).await, 429);
}

/// Rotating names from one address, or addresses for one name, gets no more guesses.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rotating_names_or_addresses_does_not_help() {
    let s = served(config()).await;
    let names = (0..50).map(|i| (loopback(1), format!("guess{i}"), "wrong password")).collect();
    let statuses = all_at_once(&s, names).await;
    assert_eq!(statuses, BTreeMap::from([(401, MAX_PER_ADDRESS), (429, 50 - MAX_PER_ADDRESS)]));
    assert!((1..=WORKERS).contains(&s.state.argon2.peak()), "peak {}", s.state.argon2.peak());

    let addresses = (0..20).map(|i| (loopback(10 + i), USER.to_string(), "wrong password")).collect();
    let statuses = all_at_once(&s, addresses).await;
    assert_eq!(statuses, BTreeMap::from([(401, MAX_PER_USER), (429, 20 - MAX_PER_USER)]));
    // Another user, from an address that has not guessed, logs in.
    assert_eq!(login_from(s.addr, loopback(2), "ben", "wrong password").await, 401);
}

fn short_timeouts() -> Config {
    Config { header_timeout: Duration::from_secs(1), idle_timeout: Duration::from_secs(1), ..Config::default() }
}

/// Long past the one-second timeouts: a connection still open then would
/// stay open (before the fix, it did, indefinitely).
const GUARD: Duration = Duration::from_secs(20);

/// Issue 19, item 7: connections that send half a request head stayed open
/// for ever. Now the server closes them once the header timeout passes.
#[tokio::test]
async fn a_request_head_that_never_ends_is_closed() {
    let s = served(short_timeouts()).await;
    let mut slow = Vec::new();
    for i in 0..5 {
        let mut conn = connect_from(s.addr, loopback(1)).await;
        conn.write_all(format!("GET /api/v1/session HTTP/1.1\r\nHost: test\r\nX-Slow: {i}").as_bytes()).await.unwrap();
        slow.push(conn);
    }
    for conn in &mut slow {
        assert!(closed_by_server(conn, GUARD).await, "a half-sent request head still holds its connection");
    }
    // The server still answers whole requests.
    assert_eq!(login_from(s.addr, loopback(1), USER, PASSWORD).await, 303);
}

/// A keep-alive connection that sends nothing after its first request is closed too.
#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let s = served(short_timeouts()).await;
    let mut conn = connect_from(s.addr, loopback(1)).await;
    conn.write_all(b"GET /api/v1/session HTTP/1.1\r\nHost: test\r\n\r\n").await.unwrap();
    let mut response = Vec::new();
    while !String::from_utf8_lossy(&response).contains(r#"{"user":null}"#) {
        let mut buf = [0u8; 4096];
        let n = tokio::io::AsyncReadExt::read(&mut conn, &mut buf).await.unwrap();
        assert!(n > 0, "closed before the response: {}", String::from_utf8_lossy(&response));
        response.extend_from_slice(&buf[..n]);
    }
    assert!(String::from_utf8_lossy(&response).starts_with("HTTP/1.1 200"));
    assert!(closed_by_server(&mut conn, GUARD).await, "an idle keep-alive connection stays open");
}

/// A body that stops arriving ends its request and connection after the idle timeout.
#[tokio::test]
async fn a_stalled_body_is_cut_off() {
    let s = served(short_timeouts()).await;
    let mut conn = connect_from(s.addr, loopback(1)).await;
    let head = "POST /login HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-www-form-urlencoded\r\n\
                Cookie: pw_login=t\r\nContent-Length: 500\r\n\r\ncsrf=t&name=ann";
    conn.write_all(head.as_bytes()).await.unwrap();
    assert!(closed_by_server(&mut conn, GUARD).await, "a stalled upload holds its connection");
}
