//! One page of a word search, in bounded work whatever its words.
//!
//! The full-text index finds the entries a word occurs in at once when they
//! are few; putting them in the list's order then costs one lookup each,
//! which for a word in most entries ("support", "million") means the whole
//! ledger. Such a word is better tested entry by entry along the list's own
//! index, where a page fills after a few dozen entries. So a page:
//!
//! 1. tests the first stretch of the list (four pages long, at most a
//!    quarter of `max_scan`) entry by entry — a common word fills the page here;
//! 2. goes on testing while the hits so far say the page will fill within
//!    [`SearchLimits::max_matches`] more entries;
//! 3. else counts the index's matches, up to `max_matches`, of the words
//!    that were rare in the entries tested: if there are no more, reads the
//!    page in one statement over the index (testing the common words, if
//!    any, on those matches alone);
//! 4. else goes on testing, in growing stretches, up to
//!    [`SearchLimits::max_scan`] entries in all. A page not full by then ends
//!    where the test stopped: it holds fewer entries than asked (maybe none)
//!    and its `next` goes on from there.
//!
//! A page thus costs at most about `max_matches` index lookups plus
//! `max_scan` tests. SQLite has no other bound on a statement's time;
//! PostgreSQL also gets a statement timeout ([`SearchLimits::timeout`]).

use std::time::Duration;

use sqlx::{AnyConnection, Row};

use super::{Cursor, Page, Query, Sort, Words, indexed_page};
use crate::Backend;
use crate::error::Result;
use crate::ledger::{ENTRY_COLUMNS, Entry, entry};
use crate::search::{Terms, count_matches};

/// How much work one page of a word search may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchLimits {
    /// Words matching at most this many entries are read through the index.
    pub max_matches: usize,
    /// Words matching more are tested entry by entry, at most this many
    /// entries a page. 0: never test; always read through the index, however
    /// many entries match (for tests).
    pub max_scan: usize,
    /// PostgreSQL: the longest any statement of a page may take.
    pub timeout: Duration,
}

impl Default for SearchLimits {
    /// Each bound about 50 ms of work on a quiet 2-core machine with a
    /// million entries.
    fn default() -> SearchLimits {
        SearchLimits { max_matches: 5_000, max_scan: 10_000, timeout: Duration::from_secs(5) }
    }
}

/// A word found in at least this share of the entries tested is common: the
/// index is not asked about it.
const COMMON: f64 = 0.25;

/// What the entry-by-entry test has seen so far.
struct Scan {
    /// The last entry tested: the next stretch starts after it.
    after: Option<Cursor>,
    scanned: usize,
    /// Entries that have every word, in the list's order.
    hits: Vec<Cursor>,
    /// For each word, the entries tested that have it.
    word_hits: Vec<usize>,
    /// The list has no more entries.
    ended: bool,
}

pub(super) async fn word_page(
    conn: &mut AnyConnection,
    backend: Backend,
    limits: SearchLimits,
    query: &Query,
    terms: &Terms,
    after: Option<&Cursor>,
    limit: usize,
) -> Result<Page> {
    if limits.max_scan == 0 {
        let words = Words::Index { backend, indexed: terms, tested: &Terms::default() };
        return indexed_page(conn, query, words, after, limit).await;
    }
    let mut scan =
        Scan { after: after.cloned(), scanned: 0, hits: Vec::new(), word_hits: vec![0; terms.len()], ended: false };
    let first = (4 * (limit + 1)).min((limits.max_scan / 4).max(1));
    scan.step(conn, backend, query, terms, first).await?;
    let mut counted = false;
    while scan.hits.len() <= limit && !scan.ended && scan.scanned < limits.max_scan {
        let left = limits.max_scan - scan.scanned;
        let step = match scan.rows_to_fill(limit) {
            Some(rows) if rows <= left.min(limits.max_matches) => (rows + rows / 2 + 8).min(left),
            _ if !counted => {
                counted = true;
                let (indexed, tested) = scan.split(terms);
                let matches =
                    count_matches(conn, backend, &indexed.index_query(backend), limits.max_matches + 1).await?;
                if matches <= limits.max_matches {
                    let words = Words::Index { backend, indexed: &indexed, tested: &tested };
                    return indexed_page(conn, query, words, after, limit).await;
                }
                continue;
            }
            _ => (3 * scan.scanned).min(left),
        };
        scan.step(conn, backend, query, terms, step).await?;
    }
    scan.page(conn, query, limit).await
}

impl Scan {
    /// Tests the next `n` entries of the list.
    async fn step(
        &mut self,
        conn: &mut AnyConnection,
        backend: Backend,
        q: &Query,
        terms: &Terms,
        n: usize,
    ) -> Result<()> {
        let (clause, mut args) = q.sql(self.after.as_ref(), Words::Ignore);
        let tests = terms.row_tests(backend, args.len() + 1);
        let flags: Vec<String> = tests
            .iter()
            .enumerate()
            .map(|(i, (test, _))| format!("CAST(CASE WHEN {test} THEN 1 ELSE 0 END AS BIGINT) AS h{i}"))
            .collect();
        args.extend(tests.into_iter().map(|t| t.1));
        // The date key is the index's own (no row read); a EUR value is read
        // as stored, so that the cursor holds it exactly.
        let (value, key) = match q.sort {
            Sort::Date | Sort::Text(_) => ("", "w.k"),
            Sort::ValueEur => (", value_eur", "w.value_eur"),
            Sort::Confidence => ("", "w.k"),
            Sort::Sources => (", CAST(n_sources AS TEXT) AS ks", "w.ks"),
        };
        let dir = q.direction();
        let sql = format!(
            "SELECT w.id, {key}, {} FROM (SELECT id, {} AS k{value} FROM {table}{clause}{} LIMIT {n}) w \
             LEFT JOIN entry_search s ON s.entry_id = w.id ORDER BY w.k {dir}, w.id {dir}",
            flags.join(", "),
            q.sort.expr(),
            q.order_by(),
            table = q.filter.table(),
        );
        let mut query = sqlx::query(&sql);
        for a in &args {
            query = query.bind(a);
        }
        let rows = query.fetch_all(&mut *conn).await?;
        self.ended = rows.len() < n;
        self.scanned += rows.len();
        for r in &rows {
            let key = match q.sort {
                Sort::Date | Sort::Text(_) => r.try_get::<Option<String>, _>("k")?.unwrap_or_default(),
                Sort::ValueEur => r.try_get::<Option<String>, _>("value_eur")?.unwrap_or_else(|| "-1".into()),
                Sort::Confidence => r.try_get::<f64, _>("k")?.to_string(),
                Sort::Sources => r.try_get::<Option<String>, _>("ks")?.unwrap_or_default(),
            };
            let cursor = Cursor { key, id: r.try_get("id")? };
            let mut all = true;
            for (i, n) in self.word_hits.iter_mut().enumerate() {
                let hit = r.try_get::<i64, _>(format!("h{i}").as_str())? == 1;
                *n += usize::from(hit);
                all &= hit;
            }
            if all {
                self.hits.push(cursor.clone());
            }
            self.after = Some(cursor);
        }
        Ok(())
    }

    /// About how many more entries to test to fill the page, at the rate of
    /// hits so far; none when there has been none.
    fn rows_to_fill(&self, limit: usize) -> Option<usize> {
        let hits = self.hits.len();
        (hits > 0).then(|| (limit + 1 - hits.min(limit + 1)) * self.scanned / hits)
    }

    /// The words to ask the index about (those rare among the entries
    /// tested; at least the rarest) and the words to test on its matches.
    fn split(&self, terms: &Terms) -> (Terms, Terms) {
        let share = |i: usize| self.word_hits[i] as f64 / self.scanned.max(1) as f64;
        let mut rare: Vec<usize> = (0..terms.len()).filter(|&i| share(i) < COMMON).collect();
        if rare.is_empty() {
            let rarest = (0..terms.len()).min_by_key(|&i| self.word_hits[i]).unwrap_or(0);
            rare.push(rarest);
        }
        let common: Vec<usize> = (0..terms.len()).filter(|i| !rare.contains(i)).collect();
        (terms.pick(&rare), terms.pick(&common))
    }

    /// The page: the first `limit` hits; `next` after the last of them, or
    /// after the last entry tested when the test stopped short of the end.
    async fn page(mut self, conn: &mut AnyConnection, query: &Query, limit: usize) -> Result<Page> {
        let next = if self.hits.len() > limit {
            self.hits.truncate(limit);
            self.hits.last().cloned()
        } else if self.ended {
            None
        } else {
            self.after
        };
        let entries = by_id(conn, query, &self.hits).await?;
        Ok(Page { entries, next })
    }
}

/// The entries of `hits`, in that order.
async fn by_id(conn: &mut AnyConnection, query: &Query, hits: &[Cursor]) -> Result<Vec<Entry>> {
    if hits.is_empty() {
        return Ok(Vec::new());
    }
    let list = (1..=hits.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM {} WHERE id IN ({list})", query.filter.table());
    let mut q = sqlx::query(&sql);
    for h in hits {
        q = q.bind(&h.id);
    }
    let mut found = q.fetch_all(&mut *conn).await?.iter().map(entry).collect::<Result<Vec<_>>>()?;
    found.sort_by_key(|e| hits.iter().position(|h| h.id == e.id));
    Ok(found)
}
