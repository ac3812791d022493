//! The full-text index behind a query's words (`q`): one row per ledger
//! entry in `entry_search`, holding the words of what a search looks in — the
//! entry's donor and recipient names, the titles of its sources and the text
//! of every evidence span — indexed by SQLite FTS5 or a PostgreSQL `tsvector`
//! with a GIN index (migration 3).
//!
//! Words are made here, in Rust, for both databases: lower-cased runs of
//! letters and digits, one space between them, each field closed by ` |` so
//! that no phrase runs from one field into the next. The FTS5 tokenizer
//! splits on spaces only and PostgreSQL's parser finds the same runs, so a
//! search word means the same to the index and to the row-by-row test of
//! [`Terms::row_tests`].
//!
//! User input never reaches the SQL text: a search word becomes its runs of
//! letters and digits, each quoted, as a bound argument — an FTS5 phrase
//! (`"air defence"*`) or a `to_tsquery` phrase (`'air' <-> 'defence':*`) — so
//! no string can make the query fail.

use std::collections::BTreeSet;

use sqlx::{AnyConnection, Row};

use crate::connect::Backend;
use crate::error::Result;

/// Most words of `q` that are searched for; the rest are ignored.
pub const MAX_WORDS: usize = 8;
/// Most parts (runs of letters and digits) of one word that are searched for.
const MAX_PARTS: usize = 8;
/// Longer runs of letters and digits are cut to this many characters, in the
/// index and in a query alike (PostgreSQL refuses lexemes over 2 KiB).
const MAX_TOKEN_CHARS: usize = 64;

/// The runs of letters and digits of `text`, lower-cased and cut to
/// [`MAX_TOKEN_CHARS`].
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(MAX_TOKEN_CHARS).flat_map(char::to_lowercase).collect())
}

/// The indexed words of an entry's fields: ` tok tok |` per field that has any.
pub(crate) fn words<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for field in fields {
        let mut any = false;
        for t in tokens(field) {
            out.push(' ');
            out.push_str(&t);
            any = true;
        }
        if any {
            out.push_str(" |");
        }
    }
    out
}

/// A query's words, each as its parts: every word must occur, as a run of
/// whole words whose last one may go on ("ukr" finds "Ukraine", "air-def"
/// finds "air defence").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Terms(Vec<Vec<String>>);

impl Terms {
    /// Up to [`MAX_WORDS`] whitespace-separated words of `q` that hold a
    /// letter or digit; the others (`-`, `"`, `%`) search for nothing.
    pub fn parse(q: Option<&str>) -> Terms {
        let words = q
            .unwrap_or("")
            .split_whitespace()
            .map(|w| tokens(w).take(MAX_PARTS).collect::<Vec<_>>())
            .filter(|parts| !parts.is_empty())
            .take(MAX_WORDS)
            .collect();
        Terms(words)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The argument of [`index_condition`]: an FTS5 query or a `to_tsquery` text.
    pub fn index_query(&self, backend: Backend) -> String {
        let phrases: Vec<String> = match backend {
            // `"a b"*`: the phrase "a b…". Parts hold no quote; doubling one
            // is FTS5's own escape, kept so that no input could end the string.
            Backend::Sqlite => self.0.iter().map(|w| format!("\"{}\"*", w.join(" ").replace('"', "\"\""))).collect(),
            Backend::Postgres => self
                .0
                .iter()
                .map(|w| {
                    let quoted: Vec<String> =
                        w.iter().map(|p| format!("'{}'", p.replace('\\', "\\\\").replace('\'', "''"))).collect();
                    format!("{}:*", quoted.join(" <-> "))
                })
                .collect(),
        };
        phrases.join(match backend {
            Backend::Sqlite => " AND ",
            Backend::Postgres => " & ",
        })
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The words at `picked` (indexes into this query's words), in order.
    pub fn pick(&self, picked: &[usize]) -> Terms {
        Terms(picked.iter().filter_map(|&i| self.0.get(i).cloned()).collect())
    }

    /// One test per word of the index row `s` of an entry, with its argument
    /// (numbered from `$first`), for scans in the ledger's order. SQLite looks
    /// for the word in the stored words (` air defenc` in ` … air defence …`),
    /// which is what the FTS5 phrase query means; PostgreSQL tests the row's
    /// `tsvector`.
    pub fn row_tests(&self, backend: Backend, first: usize) -> Vec<(String, String)> {
        self.0
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let n = first + i;
                match backend {
                    Backend::Sqlite => (format!("instr(s.words, ${n}) > 0"), format!(" {}", w.join(" "))),
                    Backend::Postgres => {
                        (format!("s.tsv @@ to_tsquery('simple', ${n})"), Terms(vec![w.clone()]).index_query(backend))
                    }
                }
            })
            .collect()
    }

    /// All words tested on the index row of the entry `{entry}` (an id
    /// expression), as one condition; its arguments follow from `$first`.
    pub fn row_condition(&self, backend: Backend, entry: &str, first: usize) -> (String, Vec<String>) {
        let (tests, args): (Vec<String>, Vec<String>) = self.row_tests(backend, first).into_iter().unzip();
        let cond =
            format!("EXISTS (SELECT 1 FROM entry_search s WHERE s.entry_id = {entry} AND {})", tests.join(" AND "));
        (cond, args)
    }
}

/// The ids of the entries whose index matches argument `$n` (an
/// [`Terms::index_query`]), as a condition on `ledger_entries.id`.
pub(crate) fn index_condition(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => format!(
            "id IN (SELECT s.entry_id FROM entry_search s WHERE s.rid IN \
             (SELECT rowid FROM entry_search_fts WHERE entry_search_fts MATCH ${n}))"
        ),
        Backend::Postgres => {
            format!("id IN (SELECT entry_id FROM entry_search WHERE tsv @@ to_tsquery('simple', ${n}))")
        }
    }
}

/// Whether an entry's index row `s` is among those argument `$n` (an
/// [`Terms::index_query`]) matches, testing its number against the list of
/// matches the statement reads once. SQLite only: PostgreSQL tests a row's
/// `tsvector` about as fast as it would look it up.
pub(crate) fn listed_condition(backend: Backend, n: usize) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            Some(format!("s.rid IN (SELECT rowid FROM entry_search_fts WHERE entry_search_fts MATCH ${n})"))
        }
        Backend::Postgres => None,
    }
}

/// How many entries the index matches, counting no further than `cap`.
pub(crate) async fn count_matches(
    conn: &mut AnyConnection,
    backend: Backend,
    query: &str,
    cap: usize,
) -> Result<usize> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM (SELECT 1 FROM entry_search_fts WHERE entry_search_fts MATCH $1 LIMIT $2) m"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM (SELECT 1 FROM entry_search WHERE tsv @@ to_tsquery('simple', $1) LIMIT $2) m"
        }
    };
    let n: i64 = sqlx::query_scalar(sql).bind(query).bind(cap as i64).fetch_one(&mut *conn).await?;
    Ok(n as usize)
}

/// Entries re-indexed per statement when many are (a migration).
const CHUNK: usize = 500;

/// Writes the index rows of `entry_ids` from what the ledger holds now: the
/// entry's names, its sources' titles and its evidence text. Called for an
/// entry a new commitment joins, and for every entry by migration 3.
pub(crate) async fn refresh(conn: &mut AnyConnection, entry_ids: &[String]) -> Result<()> {
    for ids in entry_ids.chunks(CHUNK) {
        let list = (1..=ids.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
        let mut fields: Vec<(String, BTreeSet<String>)> = Vec::with_capacity(ids.len());
        let sql = format!("SELECT id, donor_name, recipient_name FROM ledger_entries WHERE id IN ({list})");
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            let names = [r.try_get("donor_name")?, r.try_get("recipient_name")?];
            fields.push((r.try_get("id")?, BTreeSet::from(names)));
        }
        fields.sort();
        // Offsets are code points, as SUBSTR counts on both databases; a span
        // that is empty or reversed has no text (PostgreSQL refuses a negative length).
        let sql = format!(
            "SELECT c.entry_id, d.title, CASE WHEN e.start_offset >= 0 AND e.end_offset > e.start_offset \
             THEN SUBSTR(d.text, CAST(e.start_offset + 1 AS INTEGER), CAST(e.end_offset - e.start_offset AS INTEGER)) \
             END AS span FROM commitments c JOIN documents d ON d.id = c.document_id \
             LEFT JOIN evidence e ON e.commitment_id = c.id WHERE c.entry_id IN ({list})"
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            let id: String = r.try_get("entry_id")?;
            let Ok(i) = fields.binary_search_by(|f| f.0.as_str().cmp(&id)) else { continue };
            for col in ["title", "span"] {
                if let Some(t) = r.try_get::<Option<String>, _>(col)? {
                    fields[i].1.insert(t);
                }
            }
        }
        write_rows(conn, &fields).await?;
    }
    Ok(())
}

/// Indexes the entry a new commitment has just founded, from what the write
/// holds in hand (its names, the document, the evidence spans in code
/// points): the same words [`refresh`] would read back, without reading.
pub(crate) async fn index_new(
    conn: &mut AnyConnection,
    entry_id: &str,
    names: [&str; 2],
    title: Option<&str>,
    text: &str,
    spans: impl Iterator<Item = (usize, usize)>,
) -> Result<()> {
    let mut fields: BTreeSet<String> = names.iter().map(|n| n.to_string()).collect();
    fields.extend(title.map(str::to_string));
    fields.extend(
        spans
            .filter(|(start, end)| end > start)
            .map(|(start, end)| text.chars().skip(start).take(end - start).collect()),
    );
    write_rows(conn, &[(entry_id.to_string(), fields)]).await
}

/// Writes the index rows of entries, each from its fields' texts.
async fn write_rows(conn: &mut AnyConnection, fields: &[(String, BTreeSet<String>)]) -> Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let values = (0..fields.len()).map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2)).collect::<Vec<_>>();
    let sql = format!(
        "INSERT INTO entry_search (entry_id, words) VALUES {} \
         ON CONFLICT (entry_id) DO UPDATE SET words = excluded.words",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for (id, texts) in fields {
        q = q.bind(id).bind(words(texts.iter().map(String::as_str)));
    }
    q.execute(&mut *conn).await?;
    Ok(())
}

/// Indexes every entry (migration 3, in its transaction), a chunk at a time.
pub(crate) async fn backfill(conn: &mut AnyConnection) -> Result<()> {
    let mut after = String::new();
    loop {
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM ledger_entries WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(&after)
            .bind(CHUNK as i64)
            .fetch_all(&mut *conn)
            .await?;
        let Some(last) = ids.last() else { return Ok(()) };
        after = last.clone();
        refresh(conn, &ids).await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_runs_per_field() {
        assert_eq!(
            words(["United Kingdom", "", "F-16s for Kyiv's air-defence — €300m"]),
            " united kingdom | f 16s for kyiv s air defence 300m |"
        );
        assert_eq!(words(["ÉTAT Türkiye"]), " état türkiye |");
    }

    #[test]
    fn queries_quote_every_part() {
        let t = Terms::parse(Some(r#"  "air-defence  ukr OR NEAR(x) -- * ' \ %"#));
        assert_eq!(t.0, [vec!["air", "defence"], vec!["ukr"], vec!["or"], vec!["near", "x"]]);
        assert_eq!(t.index_query(Backend::Sqlite), r#""air defence"* AND "ukr"* AND "or"* AND "near x"*"#);
        assert_eq!(t.index_query(Backend::Postgres), "'air' <-> 'defence':* & 'ukr':* & 'or':* & 'near' <-> 'x':*");
        assert!(Terms::parse(Some(" -- * ")).is_empty());
        assert!(Terms::parse(None).is_empty());
        let long = "w ".repeat(5000);
        assert_eq!(Terms::parse(Some(&long)).0.len(), MAX_WORDS);
        let (cond, args) = Terms::parse(Some("ukr air-def")).row_condition(Backend::Sqlite, "w.id", 3);
        assert!(cond.contains("instr(s.words, $3) > 0 AND instr(s.words, $4) > 0"), "{cond}");
        assert_eq!(args, [" ukr", " air def"]);
        let pg = Terms::parse(Some("ukr air-def")).pick(&[1]).row_tests(Backend::Postgres, 1);
        assert_eq!(pg, [("s.tsv @@ to_tsquery('simple', $1)".to_string(), "'air' <-> 'def':*".to_string())]);
    }
}
