//! A small cache for the answers that scan the whole ledger (facet values,
//! dashboard totals): on a million entries they take seconds, and they change
//! only when the ledger does.
//!
//! An answer older than [`TTL`] is still served while one background task
//! computes its successor (stale-while-revalidate), so under load only the
//! very first request waits. Writes through this server clear the cache;
//! writes by another process (a CLI ingest) show within about [`TTL`].

use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an answer counts as fresh.
pub const TTL: Duration = Duration::from_secs(30);

type Value = Arc<dyn Any + Send + Sync>;

struct Slot {
    at: Instant,
    value: Value,
    refreshing: bool,
}

#[derive(Default, Clone)]
pub struct Cache {
    slots: Arc<Mutex<HashMap<String, Slot>>>,
}

impl Cache {
    /// The answer for `key`: cached, or made now by `make()` when there is
    /// none. A stale answer is returned at once and refreshed in the background.
    pub async fn get_or<T, E, F, Fut>(&self, key: &str, make: F) -> Result<Arc<T>, E>
    where
        T: Send + Sync + 'static,
        E: Send + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>> + Send + 'static,
    {
        let stale = {
            let mut slots = self.lock();
            match slots.get_mut(key) {
                Some(slot) => match slot.value.clone().downcast::<T>() {
                    Ok(v) if slot.at.elapsed() < TTL || slot.refreshing => return Ok(v),
                    Ok(v) => {
                        slot.refreshing = true;
                        Some(v)
                    }
                    Err(_) => None,
                },
                None => None,
            }
        };
        let fut = make();
        if let Some(v) = stale {
            let (cache, key) = (self.clone(), key.to_string());
            tokio::spawn(async move {
                match fut.await {
                    Ok(fresh) => cache.put(&key, Arc::new(fresh)),
                    // Keep serving the old answer; try again on a later request.
                    Err(_) => {
                        if let Some(slot) = cache.lock().get_mut(&key) {
                            slot.refreshing = false;
                        }
                    }
                }
            });
            return Ok(v);
        }
        let v = Arc::new(fut.await?);
        self.put(key, v.clone());
        Ok(v)
    }

    fn put<T: Send + Sync + 'static>(&self, key: &str, v: Arc<T>) {
        self.lock().insert(key.to_string(), Slot { at: Instant::now(), value: v, refreshing: false });
    }

    /// Forgets everything (after a write).
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Slot>> {
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn serves_cached_answers_until_cleared() {
        let cache = Cache::default();
        let a: Arc<u32> = cache.get_or("k", || async { Ok::<_, ()>(1) }).await.unwrap();
        let b: Arc<u32> = cache.get_or("k", || async { Ok::<_, ()>(2) }).await.unwrap();
        assert_eq!((*a, *b), (1, 1));
        cache.clear();
        let c: Arc<u32> = cache.get_or("k", || async { Ok::<_, ()>(3) }).await.unwrap();
        assert_eq!(*c, 3);
        let e: Result<Arc<u32>, &str> = cache.get_or("e", || async { Err("no") }).await;
        assert!(e.is_err(), "errors are not cached");
    }
}
