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
//!    another such stretch;
//! 3. else counts the index's matches, up to `max_matches`, of the words
//!    that were rare in the entries tested: if there are no more, reads the
//!    page in one statement over the index (testing the common words, if
//!    any, on those matches alone);
//! 4. else goes on testing, in growing stretches, up to
//!    [`SearchLimits::max_scan`] entries in all. A page not full by then ends
//!    where the test stopped: it holds fewer entries than asked (maybe none)
//!    and its `next` goes on from there. On SQLite, when the rare words match
//!    at most [`SearchLimits::max_listed`] entries, a stretch long enough for
//!    them lists their matches once (FTS5 reads them in a few milliseconds)
//!    and tests an entry by looking its index row's number up in that list,
//!    instead of reading its words: a third of the cost per entry.
//!
//! A page thus costs at most about `max_listed` index reads plus
//! `max_scan` tests. SQLite has no other bound on a statement's time;
//! PostgreSQL also gets a statement timeout ([`SearchLimits::timeout`]).

use std::time::Duration;

use sqlx::{AnyConnection, Row};

use super::{Cursor, Page, Query, Sort, Words, indexed_page};
use crate::Backend;
use crate::error::Result;
use crate::ledger::{ENTRY_COLUMNS, Entry, entry};
use crate::search::{Terms, count_matches, listed_condition};

/// How much work one page of a word search may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchLimits {
    /// Words matching at most this many entries are read through the index.
    pub max_matches: usize,
    /// Words matching more are tested entry by entry, at most this many
    /// entries a page. 0: never test; always read through the index, however
    /// many entries match (for tests).
    pub max_scan: usize,
    /// SQLite: rare words matching at most this many entries (and more than
    /// `max_matches`) are tested against the list of their matches rather
    /// than on each entry's words. 0: never.
    pub max_listed: usize,
    /// PostgreSQL: the longest any statement of a page may take.
    pub timeout: Duration,
}

impl Default for SearchLimits {
    /// Each bound about 50 ms of work on a quiet 2-core machine with a
    /// million entries.
    fn default() -> SearchLimits {
        SearchLimits { max_matches: 5_000, max_scan: 10_000, max_listed: 50_000, timeout: Duration::from_secs(5) }
    }
}

/// A word found in at least this share of the entries tested is common: the
/// index is not asked about it.
const COMMON: f64 = 0.25;

/// A stretch tests entries against the list of matches when it has at least
/// one entry per this many matches: listing a match costs about a fifth of
/// what testing an entry's words rather than looking it up in the list does
/// (measured on a million entries, where a word in one entry in 40 filled
/// its page sooner by reading words).
const MATCHES_PER_LISTED_ENTRY: usize = 5;

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
    /// Once counted: the rare words, tested by the list of their matches,
    /// the common ones, tested on each entry's words, and how many entries
    /// the rare words match.
    listed: Option<(Terms, Terms, usize)>,
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
    let mut scan = Scan {
        after: after.cloned(),
        scanned: 0,
        hits: Vec::new(),
        word_hits: vec![0; terms.len()],
        ended: false,
        listed: None,
    };
    let first = (4 * (limit + 1)).min((limits.max_scan / 4).max(1));
    scan.step(conn, backend, query, terms, first).await?;
    let mut counted = false;
    while scan.hits.len() <= limit && !scan.ended && scan.scanned < limits.max_scan {
        let left = limits.max_scan - scan.scanned;
        let step = match scan.rows_to_fill(limit) {
            Some(rows) if rows <= left.min(limits.max_matches) && (counted || rows <= first) => {
                (rows + rows / 2 + 8).min(left)
            }
            _ if !counted => {
                counted = true;
                let (indexed, tested) = scan.split(terms);
                let listing = listed_condition(backend, 1).is_some();
                let cap = if listing { limits.max_matches.max(limits.max_listed) } else { limits.max_matches };
                let matches = count_matches(conn, backend, &indexed.index_query(backend), cap + 1).await?;
                if matches <= limits.max_matches {
                    let words = Words::Index { backend, indexed: &indexed, tested: &tested };
                    return indexed_page(conn, query, words, after, limit).await;
                }
                if listing && matches <= limits.max_listed {
                    scan.listed = Some((indexed, tested, matches));
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
        let first = args.len() + 1;
        let tests = match &self.listed {
            Some((listed, tested, matches)) if n.saturating_mul(MATCHES_PER_LISTED_ENTRY) >= *matches => {
                let cond = listed_condition(backend, first).unwrap_or_default();
                let mut tests = vec![(cond, listed.index_query(backend))];
                tests.extend(tested.row_tests(backend, first + 1));
                tests
            }
            _ => terms.row_tests(backend, first),
        };
        let flags: Vec<String> = tests
            .iter()
            .enumerate()
            .map(|(i, (test, _))| format!("CAST(CASE WHEN {test} THEN 1 ELSE 0 END AS BIGINT) AS h{i}"))
            .collect();
        let n_tests = flags.len();
        args.extend(tests.into_iter().map(|t| t.1));
        // The date key is the index's own (no row read); a EUR value is read
        // as stored, so that the cursor holds it exactly.
        let (value, key) = match q.sort {
            Sort::Date | Sort::Text(_) | Sort::Confidence => ("", "k"),
            Sort::ValueEur => (", value_eur", "value_eur"),
            Sort::Sources => (", CAST(n_sources AS TEXT) AS ks", "ks"),
        };
        let dir = q.direction();
        // Only the hits and the last entry tested come back, each with the
        // number of entries tested and of hits per test: a row handed over
        // per entry tested cost as much as the test.
        let counts: Vec<String> =
            (0..n_tests).map(|i| format!(", CAST(SUM(f.h{i}) OVER () AS BIGINT) AS c{i}")).collect();
        let all: Vec<String> = (0..n_tests).map(|i| format!("t.h{i} = 1")).collect();
        let out: Vec<String> = (0..n_tests).map(|i| format!(", t.h{i}, t.c{i}")).collect();
        let sql = format!(
            "SELECT t.id, t.{key}, t.rn, t.n_rows{} FROM (SELECT f.*, ROW_NUMBER() OVER (ORDER BY f.k {dir}, f.id {dir}) AS rn, \
             COUNT(*) OVER () AS n_rows{} FROM (SELECT w.*, {} FROM (SELECT id, {} AS k{value} \
             FROM {table}{clause}{} LIMIT {n}) w LEFT JOIN entry_search s ON s.entry_id = w.id) f) t \
             WHERE t.rn = t.n_rows OR ({}) ORDER BY t.rn",
            out.concat(),
            counts.concat(),
            flags.join(", "),
            q.sort.expr(),
            q.order_by(),
            all.join(" AND "),
            table = q.filter.table(),
        );
        let mut query = sqlx::query(&sql);
        for a in &args {
            query = query.bind(a);
        }
        let rows = query.fetch_all(&mut *conn).await?;
        let tested = match rows.first() {
            Some(r) => r.try_get::<i64, _>("n_rows")? as usize,
            None => 0,
        };
        self.ended = tested < n;
        self.scanned += tested;
        // Each word's own hits count until the words are split.
        if let (Some(r), None) = (rows.first(), &self.listed) {
            for (i, n) in self.word_hits.iter_mut().enumerate() {
                *n += r.try_get::<Option<i64>, _>(format!("c{i}").as_str())?.unwrap_or(0) as usize;
            }
        }
        for r in &rows {
            let key = match q.sort {
                Sort::Date | Sort::Text(_) => r.try_get::<Option<String>, _>("k")?.unwrap_or_default(),
                Sort::ValueEur => r.try_get::<Option<String>, _>("value_eur")?.unwrap_or_else(|| "-1".into()),
                Sort::Confidence => r.try_get::<f64, _>("k")?.to_string(),
                Sort::Sources => r.try_get::<Option<String>, _>("ks")?.unwrap_or_default(),
            };
            let cursor = Cursor { key, id: r.try_get("id")? };
            let mut all = true;
            for i in 0..n_tests {
                all &= r.try_get::<i64, _>(format!("h{i}").as_str())? == 1;
            }
            if all {
                self.hits.push(cursor.clone());
            }
            if r.try_get::<i64, _>("rn")? == tested as i64 {
                self.after = Some(cursor);
            }
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
