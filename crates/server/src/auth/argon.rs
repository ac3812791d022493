//! Argon2id password hashes, and the gate that bounds how many run at once.
//!
//! Each hash or check holds about 19 MiB for tens of milliseconds, on
//! purpose. Unbounded, parallel logins (even refused ones) would take the
//! server's memory; through [`Argon2Gate`] at most `workers` run at once, a
//! bounded queue waits its turn, and a request beyond the queue is told the
//! server is busy (503 with Retry-After) at once. The work runs on a pool of
//! exactly `workers` threads: the allocator keeps freed memory per thread, so
//! running it on tokio's blocking pool, which grows a new thread whenever none
//! is idle, kept 19 MiB for every thread that ever ran a check.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::{Semaphore, TryAcquireError};

use crate::error::Error;

/// An Argon2id hash of `password` (PHC string), with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, Error> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Internal(format!("random: {e}")))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("hash: {e}")))
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash to verify against when the user does not exist, so that a wrong
/// name takes as long to refuse as a wrong password. Made on first use, which
/// runs Argon2: call it inside the gate.
pub(crate) fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default())
}

/// Runs Argon2 work on its own threads, at most `workers` at once.
pub struct Argon2Gate {
    threads: rayon::ThreadPool,
    permits: Arc<Semaphore>,
    /// Requests waiting for a permit, and how many may.
    waiting: AtomicUsize,
    max_waiting: usize,
    /// Work running now, and the most that ever ran at once (for tests and
    /// operators: it never exceeds `workers`).
    running: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

impl Argon2Gate {
    /// A gate of `workers` threads; an error if the threads cannot be started.
    pub fn new(workers: usize, max_waiting: usize) -> Result<Argon2Gate, Error> {
        let workers = workers.max(1);
        let threads = rayon::ThreadPoolBuilder::new()
            .num_threads(workers)
            .thread_name(|i| format!("argon2-{i}"))
            // A panic in the work reaches the caller as a closed channel, not an abort.
            .panic_handler(|_| eprintln!("pledgewatch-server: an Argon2 run panicked"))
            .build()
            .map_err(|e| Error::Internal(format!("Argon2 threads: {e}")))?;
        Ok(Argon2Gate {
            threads,
            permits: Arc::new(Semaphore::new(workers)),
            waiting: AtomicUsize::new(0),
            max_waiting,
            running: Arc::new(AtomicUsize::new(0)),
            peak: Arc::new(AtomicUsize::new(0)),
        })
    }

    /// Runs `work` when a worker is free; [`Error::Unavailable`] when the
    /// queue is full. The permit goes with the work onto its thread, so a
    /// client that hangs up does not free it before the work ends.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(TryAcquireError::Closed) => return Err(Error::Internal("the Argon2 gate is closed".into())),
            Err(TryAcquireError::NoPermits) => {
                let _place = Waiting::join(&self.waiting, self.max_waiting).ok_or_else(|| {
                    Error::Unavailable("the server is busy checking other logins; try again in a moment".into())
                })?;
                self.permits.clone().acquire_owned().await.map_err(|e| Error::Internal(e.to_string()))?
            }
        };
        let (running, peak) = (self.running.clone(), self.peak.clone());
        let (done, result) = tokio::sync::oneshot::channel();
        self.threads.spawn(move || {
            let _permit = permit;
            peak.fetch_max(running.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
            let out = work();
            running.fetch_sub(1, Ordering::SeqCst);
            let _ = done.send(out);
        });
        result.await.map_err(|_| Error::Internal("an Argon2 run failed".into()))
    }

    /// The most Argon2 runs that were ever in progress at once.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

/// A place in the queue, given back when dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn join(count: &'a AtomicUsize, max: usize) -> Option<Waiting<'a>> {
        count.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1)).ok()?;
        Some(Waiting(count))
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse"));
        assert!(!verify_password(&h, "correct horse "));
        assert!(!verify_password("not a hash", "x"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_gate_bounds_work_and_its_queue() {
        let gate = Arc::new(Argon2Gate::new(2, 3).unwrap());
        // The work waits for the test's write lock to go; it says when it has started.
        let hold = Arc::new(tokio::sync::RwLock::new(()));
        let held = hold.clone().write_owned().await;
        let (started, mut running) = tokio::sync::mpsc::unbounded_channel::<()>();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (gate, hold, started) = (gate.clone(), hold.clone(), started.clone());
            tasks.spawn(async move {
                gate.run(move || {
                    let _ = started.send(());
                    drop(hold.blocking_read());
                })
                .await
            });
        }
        // Two run, three wait, three are turned away at once.
        for _ in 0..3 {
            match tasks.join_next().await.unwrap().unwrap() {
                Err(Error::Unavailable(_)) => {}
                other => panic!("expected busy, got {other:?}"),
            }
        }
        for _ in 0..2 {
            running.recv().await.unwrap();
        }
        drop(held);
        while let Some(done) = tasks.join_next().await {
            done.unwrap().unwrap();
        }
        assert_eq!(gate.peak(), 2);
    }
}
