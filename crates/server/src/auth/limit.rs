//! Login rate limiting, in memory.
//!
//! An attempt counts from the moment it starts, not when it fails: guesses
//! sent in parallel all see the ones before them, so those beyond the limit
//! are refused at once instead of each running Argon2. Attempts are counted
//! per user name (whatever address they come from) and per address (whatever
//! name they try); an IPv6 address counts as its /64, which one client
//! usually holds whole. A successful login takes its own attempt back, and
//! the failures of that user from that address with it; every other attempt
//! (failed, refused on the way, or cancelled by a client that hung up) stays
//! counted for [`WINDOW`].

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Login attempts allowed per user name within [`WINDOW`], from any address.
/// An attacker can hold one account's logins back for a minute at most; they
/// can no longer guess its password faster than this.
pub const MAX_PER_USER: usize = 5;
/// Login attempts allowed per address within [`WINDOW`], whatever the name:
/// room for an office behind one address mistyping now and then.
pub const MAX_PER_ADDRESS: usize = 20;
pub const WINDOW: Duration = Duration::from_secs(60);

/// Past this many keys a map forgets the ones with nothing recent, so that a
/// spray of names cannot grow it without end.
const PRUNE_AT: usize = 10_000;
/// User names are keyed by at most this many bytes (no user name is longer).
const NAME_KEY: usize = 128;

/// One counted attempt: when it started and its id, so that a success can
/// take back exactly its own.
#[derive(Clone, Copy, Debug)]
struct Mark {
    at: Instant,
    id: u64,
    address: IpAddr,
}

/// Attempts per user name and per address.
#[derive(Default)]
pub struct LoginLimiter {
    inner: Mutex<Maps>,
    next_id: AtomicU64,
}

#[derive(Default)]
struct Maps {
    users: HashMap<String, Vec<Mark>>,
    addresses: HashMap<IpAddr, Vec<Mark>>,
}

/// An attempt that has been counted. [`Attempt::succeeded`] takes it back;
/// dropped any other way it stays counted.
#[must_use = "an attempt stays counted unless it succeeded"]
pub struct Attempt<'a> {
    limiter: &'a LoginLimiter,
    user: String,
    address: IpAddr,
    id: u64,
}

impl LoginLimiter {
    /// Counts a new attempt for `user` from `ip`, or says how long to wait
    /// when either has used up its attempts.
    pub fn begin(&self, user: &str, ip: IpAddr) -> Result<Attempt<'_>, Duration> {
        let now = Instant::now();
        let (user, address) = (user_key(user), address_key(ip));
        let mut maps = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        prune(&mut maps.users, now);
        prune(&mut maps.addresses, now);
        let wait_user = wait(maps.users.get_mut(&user), MAX_PER_USER, now);
        let wait_address = wait(maps.addresses.get_mut(&address), MAX_PER_ADDRESS, now);
        if let Some(wait) = wait_user.max(wait_address) {
            return Err(wait);
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let mark = Mark { at: now, id, address };
        maps.users.entry(user.clone()).or_default().push(mark);
        maps.addresses.entry(address).or_default().push(mark);
        Ok(Attempt { limiter: self, user, address, id })
    }
}

impl Attempt<'_> {
    /// The password was right: this attempt, and this user's earlier failures
    /// from this address, no longer count.
    pub fn succeeded(self) {
        let mut maps = self.limiter.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(marks) = maps.users.get_mut(&self.user) {
            let mine: Vec<u64> = marks.iter().filter(|m| m.address == self.address).map(|m| m.id).collect();
            marks.retain(|m| m.address != self.address);
            if let Some(at_address) = maps.addresses.get_mut(&self.address) {
                at_address.retain(|m| m.id != self.id && !mine.contains(&m.id));
            }
        }
    }
}

/// How long until a slot frees, when `marks` has used up `max` within the window.
fn wait(marks: Option<&mut Vec<Mark>>, max: usize, now: Instant) -> Option<Duration> {
    let marks = marks?;
    marks.retain(|m| now.duration_since(m.at) < WINDOW);
    if marks.len() < max {
        return None;
    }
    let oldest = marks.iter().map(|m| m.at).min()?;
    Some(WINDOW.saturating_sub(now.duration_since(oldest)).max(Duration::from_secs(1)))
}

fn prune<K: Eq + std::hash::Hash>(map: &mut HashMap<K, Vec<Mark>>, now: Instant) {
    if map.len() > PRUNE_AT {
        map.retain(|_, marks| marks.iter().any(|m| now.duration_since(m.at) < WINDOW));
    }
}

fn user_key(user: &str) -> String {
    let mut end = user.len().min(NAME_KEY);
    while !user.is_char_boundary(end) {
        end -= 1;
    }
    user[..end].to_string()
}

/// An IPv4 address as itself (also when mapped into IPv6); an IPv6 address as its /64.
fn address_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    fn v4(last: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(127, 0, 0, last))
    }

    #[test]
    fn an_attempt_counts_while_it_runs() {
        let l = LoginLimiter::default();
        // Five attempts still running: the sixth is refused before any has failed.
        let running: Vec<_> = (0..MAX_PER_USER).map(|_| l.begin("ann", v4(1)).unwrap()).collect();
        let wait = l.begin("ann", v4(1)).err().expect("refused");
        assert!(wait > Duration::ZERO && wait <= WINDOW);
        // A dropped attempt (failed or cancelled) stays counted.
        drop(running);
        assert!(l.begin("ann", v4(1)).is_err());
    }

    #[test]
    fn per_user_from_any_address() {
        let l = LoginLimiter::default();
        for i in 0..MAX_PER_USER as u8 {
            drop(l.begin("ann", v4(i + 1)).unwrap());
        }
        assert!(l.begin("ann", v4(200)).is_err(), "a new address does not help");
        assert!(l.begin("bob", v4(200)).is_ok(), "another user is not held back");
    }

    #[test]
    fn per_address_under_any_name() {
        let l = LoginLimiter::default();
        for i in 0..MAX_PER_ADDRESS {
            drop(l.begin(&format!("user{i}"), v4(1)).unwrap());
        }
        assert!(l.begin("someone-else", v4(1)).is_err(), "a new name does not help");
        assert!(l.begin("someone-else", v4(2)).is_ok(), "another address is not held back");
        // An IPv6 client holds its /64: rotating the low bits does not help.
        let net = |last: u16| IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 2, 0, 0, 0, last));
        for i in 0..MAX_PER_ADDRESS as u16 {
            drop(l.begin(&format!("v6user{i}"), net(i)).unwrap());
        }
        assert!(l.begin("v6-other", net(999)).is_err());
        assert!(l.begin("v6-other", IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 1, 3, 0, 0, 0, 1))).is_ok());
    }

    #[test]
    fn a_success_takes_back_its_own_attempts_only() {
        let l = LoginLimiter::default();
        drop(l.begin("ann", v4(2)).unwrap());
        for _ in 0..3 {
            drop(l.begin("ann", v4(1)).unwrap());
        }
        // Ann logs in from .1: her mistypes there are forgiven, the guess from .2 is not.
        l.begin("ann", v4(1)).unwrap().succeeded();
        for _ in 0..MAX_PER_USER - 1 {
            drop(l.begin("ann", v4(1)).unwrap());
        }
        assert!(l.begin("ann", v4(1)).is_err());
    }
}
