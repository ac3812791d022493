//! Reads for the server: entries filtered further than [`Filter`] (words,
//! EUR bounds), sorted, a page at a time; totals grouped by a column; facet
//! values; the commitments a document states.
//!
//! A page of a word search has its own plan and bounds: see `query/scan.rs`.
//!
//! Pages use keyset paging: a list is ordered by a sort key then id, and the
//! next page starts after the last (key, id) of the one before, so a page deep
//! in a million entries costs what the first one does. The sort keys are the
//! expressions indexed by migrations 2 and 4 (`0002_users_and_paging.sql`,
//! `0004_sort_indexes.sql`): keep them in step.

use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::error::{Error, Result};
use crate::ledger::{ENTRY_COLUMNS, Entry, EvidenceSpan, Filter, entry};
use crate::search::{self, Terms};
use crate::{Backend, Store};

mod scan;
mod split;
pub use scan::SearchLimits;
pub use split::{Basis, Split, Sums};

/// Which entries to read, in which order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub filter: Filter,
    /// Words that must all occur (case-insensitive) in the donor's or
    /// recipient's name, a source's title or an evidence span's text.
    ///
    /// Looked up in a full-text index (`search.rs`), so a word matches from
    /// the start of a word: "ukr" finds "Ukraine" but "kraine" finds nothing
    /// (before the index it found any part of a word). A word is its runs of
    /// letters and digits, which must follow one another ("air-def" finds
    /// "air defence" and "air-defence"); punctuation is not searched, and a
    /// word without a letter or digit ("%", "-") is ignored. At most 8 words
    /// count; letters keep their accents ("etat" does not find "état").
    pub q: Option<String>,
    /// EUR value at least / at most (entries without a EUR value never match).
    pub min_eur: Option<Decimal>,
    pub max_eur: Option<Decimal>,
    /// Leave out entries a reviewer rejected (for totals that should not count them).
    pub exclude_rejected: bool,
    pub sort: Sort,
    pub descending: bool,
}

/// A sort key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Announcement date; entries without one come first.
    #[default]
    Date,
    /// EUR value; entries without one sort as -1.
    ValueEur,
    /// The extractor's confidence (an entry's best source), for triage.
    Confidence,
    /// A text column, in the database's order for text.
    Text(TextColumn),
    /// How many sources report the entry.
    Sources,
}

/// The text columns a list sorts by (each indexed by migration 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextColumn {
    Donor,
    Recipient,
    Category,
    Instrument,
    Status,
    Review,
}

impl TextColumn {
    pub const ALL: [TextColumn; 6] = [
        TextColumn::Donor,
        TextColumn::Recipient,
        TextColumn::Category,
        TextColumn::Instrument,
        TextColumn::Status,
        TextColumn::Review,
    ];

    /// The column (`donor_name`…) and the sort's name (`donor`…).
    fn column(self) -> (&'static str, &'static str) {
        match self {
            TextColumn::Donor => ("donor_name", "donor"),
            TextColumn::Recipient => ("recipient_name", "recipient"),
            TextColumn::Category => ("category", "category"),
            TextColumn::Instrument => ("instrument", "instrument"),
            TextColumn::Status => ("status", "status"),
            TextColumn::Review => ("review", "review"),
        }
    }

    fn value(self, e: &Entry) -> &str {
        match self {
            TextColumn::Donor => &e.donor.name,
            TextColumn::Recipient => &e.recipient.name,
            TextColumn::Category => &e.category,
            TextColumn::Instrument => &e.instrument,
            TextColumn::Status => &e.status,
            TextColumn::Review => &e.review,
        }
    }
}

impl Sort {
    /// Every sort, by its name in a query string (`date`, `value_eur`, `donor`…).
    pub fn all() -> impl Iterator<Item = Sort> {
        [Sort::Date, Sort::ValueEur, Sort::Confidence, Sort::Sources]
            .into_iter()
            .chain(TextColumn::ALL.into_iter().map(Sort::Text))
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::ValueEur => "value_eur",
            Sort::Confidence => "confidence",
            Sort::Sources => "sources",
            Sort::Text(c) => c.column().1,
        }
    }

    pub fn from_name(name: &str) -> Option<Sort> {
        Sort::all().find(|s| s.name() == name)
    }

    /// The indexed expression.
    fn expr(self) -> &'static str {
        match self {
            Sort::Date => "COALESCE(announced_on, '')",
            Sort::ValueEur => "COALESCE(CAST(value_eur AS NUMERIC), -1)",
            Sort::Confidence => "confidence",
            Sort::Sources => "n_sources",
            Sort::Text(c) => c.column().0,
        }
    }

    /// A bound parameter as the expression's type.
    fn param(self, n: usize) -> String {
        match self {
            Sort::Date | Sort::Text(_) => format!("${n}"),
            Sort::ValueEur => format!("CAST(${n} AS NUMERIC)"),
            Sort::Confidence => format!("CAST(${n} AS DOUBLE PRECISION)"),
            Sort::Sources => format!("CAST(${n} AS BIGINT)"),
        }
    }

    /// The expression written so that no index serves it (see [`Query::order_by_matches`]).
    fn unindexed(self) -> String {
        match self {
            Sort::Date => "COALESCE(announced_on, '') || ''".into(),
            Sort::ValueEur => "COALESCE(CAST(value_eur AS NUMERIC), -1) + 0".into(),
            Sort::Sources => "n_sources + 0".into(),
            Sort::Confidence => "confidence + 0".into(),
            Sort::Text(c) => format!("{} || ''", c.column().0),
        }
    }

    /// An entry's sort key, as text.
    pub fn key_of(self, e: &Entry) -> String {
        match self {
            Sort::Date => e.announced_on.map(|d| d.to_string()).unwrap_or_default(),
            Sort::ValueEur => e.value_eur().map(|v| v.to_string()).unwrap_or_else(|| "-1".into()),
            // Rust writes the shortest text that reads back as the same double.
            Sort::Confidence => e.confidence.to_string(),
            Sort::Sources => e.n_sources.to_string(),
            Sort::Text(c) => c.value(e).to_string(),
        }
    }
}

/// Where a page starts: after the entry with this sort key and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub key: String,
    pub id: String,
}

/// One page of entries, and where the next one starts (none after the last).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub next: Option<Cursor>,
}

/// A column to group totals by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Donor,
    Recipient,
    Category,
    Instrument,
    Status,
    Review,
    /// `YYYY-MM` of the announcement date (`""` for none).
    Month,
}

impl GroupBy {
    /// (key, display name) expressions.
    fn exprs(self) -> (&'static str, &'static str) {
        match self {
            GroupBy::Donor => ("donor_id", "donor_name"),
            GroupBy::Recipient => ("recipient_id", "recipient_name"),
            GroupBy::Category => ("category", "category"),
            GroupBy::Instrument => ("instrument", "instrument"),
            GroupBy::Status => ("status", "status"),
            GroupBy::Review => ("review", "review"),
            GroupBy::Month => ("COALESCE(SUBSTR(announced_on, 1, 7), '')", "COALESCE(SUBSTR(announced_on, 1, 7), '')"),
        }
    }
}

/// Exact sums over one group of entries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Group {
    pub key: String,
    pub name: String,
    pub entries: usize,
    pub value_eur: Decimal,
    pub value_usd: Decimal,
    /// Entries whose figure could not be converted, or that have none.
    pub without_eur: usize,
    pub without_usd: usize,
    /// The sum of the entries' grant equivalents in EUR (OECD DAC method), and how many
    /// entries have none (a loan without stated terms, a guarantee…).
    pub grant_equivalent_eur: Decimal,
    pub without_grant_equivalent: usize,
    /// The same sums by what they add up (grants, loans, other, ceilings):
    /// the parts add up to the fields above.
    pub split: Split,
}

/// One value of a facet, with how many entries have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub name: String,
    pub count: i64,
}

/// A commitment a document states, with the entry it joined and its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocumentCommitment {
    pub commitment_id: String,
    pub entry_id: String,
    pub evidence: Vec<EvidenceSpan>,
}

/// How a query's words take part in its SQL.
#[derive(Clone, Copy)]
enum Words<'a> {
    /// Left out (no words, or tested apart by a scan).
    Ignore,
    /// The entries the full-text index matches for the words `indexed`, each
    /// tested for the words `tested` on its index row.
    Index { backend: Backend, indexed: &'a Terms, tested: &'a Terms },
}

impl Query {
    /// The WHERE clause (empty or starting with " WHERE") and its arguments.
    fn sql(&self, after: Option<&Cursor>, words: Words) -> (String, Vec<String>) {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<String> = Vec::new();
        let f = &self.filter;
        let mut eq = |col: &str, v: &Option<String>, upper: bool| {
            if let Some(v) = v {
                args.push(if upper { v.to_ascii_uppercase() } else { v.to_ascii_lowercase() });
                conds.push(format!("{col} = ${}", args.len()));
            }
        };
        eq("donor_id", &f.donor, true);
        eq("recipient_id", &f.recipient, true);
        eq("category", &f.category, false);
        eq("instrument", &f.instrument, false);
        eq("status", &f.status, false);
        eq("review", &f.review, false);
        if self.exclude_rejected {
            conds.push("review <> 'rejected'".into());
        }
        let mut push = |cond: &dyn Fn(usize) -> String, arg: String| {
            args.push(arg);
            conds.push(cond(args.len()));
        };
        if let Some(d) = f.from {
            push(&|n| format!("announced_on >= ${n}"), d.to_string());
        }
        if let Some(d) = f.to {
            push(&|n| format!("announced_on <= ${n}"), d.to_string());
        }
        if let Some(v) = self.min_eur {
            push(&|n| format!("CAST(value_eur AS NUMERIC) >= CAST(${n} AS NUMERIC)"), v.to_string());
        }
        if let Some(v) = self.max_eur {
            push(&|n| format!("CAST(value_eur AS NUMERIC) <= CAST(${n} AS NUMERIC)"), v.to_string());
        }
        if let Words::Index { backend, indexed, tested } = words {
            if !indexed.is_empty() {
                push(&|n| search::index_condition(backend, n), indexed.index_query(backend));
            }
            if !tested.is_empty() {
                let (cond, more) = tested.row_condition(backend, "ledger_entries.id", args.len() + 1);
                args.extend(more);
                conds.push(cond);
            }
        }
        if let Some(c) = after {
            let (expr, op) = (self.sort.expr(), if self.descending { "<" } else { ">" });
            args.push(c.key.clone());
            let k = self.sort.param(args.len());
            args.push(c.id.clone());
            let id = args.len();
            // The first conjunct is a range on the index; the second steps past ties.
            conds.push(format!("{expr} {op}= {k} AND ({expr} {op} {k} OR id {op} ${id})"));
        }
        let clause = if conds.is_empty() { String::new() } else { format!(" WHERE {}", conds.join(" AND ")) };
        (clause, args)
    }

    /// Refuses words with `as_of`: the full-text index holds each entry's words
    /// as it stands (an entry merged away has none), so it cannot say which
    /// entries held them then.
    fn words_now(&self, terms: &Terms) -> Result<()> {
        match self.filter.as_of {
            Some(at) if !terms.is_empty() => Err(Error::History(format!(
                "a word search (q) reads the ledger as it stands; it cannot look at the ledger as of {at}"
            ))),
            _ => Ok(()),
        }
    }

    fn direction(&self) -> &'static str {
        if self.descending { "DESC" } else { "ASC" }
    }

    fn order_by(&self) -> String {
        let dir = self.direction();
        format!(" ORDER BY {} {dir}, id {dir}", self.sort.expr())
    }

    /// The same order written so that no index serves it, for the entries the
    /// full-text index matched: the database then sorts those, instead of
    /// walking the list in order and testing each entry. PostgreSQL's
    /// statistics guess one entry in 200 for a word's beginning; it walked a
    /// million entries (5 s) for a word in one.
    fn order_by_matches(&self) -> String {
        let dir = self.direction();
        format!(" ORDER BY {} {dir}, id {dir}", self.sort.unindexed())
    }
}

impl Store {
    /// Up to `limit` entries matching `query`, after `after`.
    ///
    /// A page of a word search may hold fewer than `limit` entries and still
    /// have a `next`: see [`SearchLimits::max_scan`].
    pub async fn page(&self, query: &Query, after: Option<&Cursor>, limit: usize) -> Result<Page> {
        let terms = Terms::parse(query.q.as_deref());
        query.words_now(&terms)?;
        if terms.is_empty() {
            let mut conn = self.pool.acquire().await?;
            return indexed_page(&mut conn, query, Words::Ignore, after, limit).await;
        }
        let mut tx = self.search_tx(Some(self.search.timeout)).await?;
        let page = scan::word_page(&mut tx, self.backend, self.search, query, &terms, after, limit)
            .await
            .map_err(|e| timed_out(e, query, self.search.timeout))?;
        tx.commit().await?;
        Ok(page)
    }

    /// A transaction for reads that look words up. On PostgreSQL each of its
    /// statements is planned for its own words: a plan kept for any words
    /// guesses how many entries they match, and for a word in none may walk
    /// the whole ledger in the list's order. `timeout` bounds each statement
    /// (`SET` takes no parameter), as a last guard behind the bounds on rows.
    async fn search_tx(&self, timeout: Option<std::time::Duration>) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        let mut tx = self.pool.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SET LOCAL plan_cache_mode = force_custom_plan").execute(&mut *tx).await?;
            if let Some(t) = timeout {
                let ms = t.as_millis().max(1);
                sqlx::query(&format!("SET LOCAL statement_timeout = {ms}")).execute(&mut *tx).await?;
            }
        }
        Ok(tx)
    }

    /// How many entries hold all of `query`'s words, whatever its other
    /// filters, counted in the full-text index no further than `cap` + 1
    /// (a few milliseconds); none when it has no words. A page that shows
    /// what a view matches says "more than `cap`" from this rather than
    /// summing every match of a common word.
    pub async fn word_matches(&self, query: &Query, cap: usize) -> Result<Option<usize>> {
        let terms = Terms::parse(query.q.as_deref());
        query.words_now(&terms)?;
        if terms.is_empty() {
            return Ok(None);
        }
        let mut tx = self.search_tx(Some(self.search.timeout)).await?;
        let n = search::count_matches(&mut tx, self.backend, &terms.index_query(self.backend), cap + 1)
            .await
            .map_err(|e| timed_out(e, query, self.search.timeout))?;
        tx.commit().await?;
        Ok(Some(n))
    }

    /// Every entry matching `query`, in its order (for exports).
    pub async fn select(&self, query: &Query) -> Result<Vec<Entry>> {
        let terms = Terms::parse(query.q.as_deref());
        query.words_now(&terms)?;
        let (clause, args) =
            query.sql(None, Words::Index { backend: self.backend, indexed: &terms, tested: &Terms::default() });
        let order = if terms.is_empty() { query.order_by() } else { query.order_by_matches() };
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM {}{clause}{order}", query.filter.table());
        let mut q = sqlx::query(&sql);
        for a in &args {
            q = q.bind(a);
        }
        let mut tx = self.search_tx(None).await?;
        let rows = q.fetch_all(&mut *tx).await?;
        tx.commit().await?;
        rows.iter().map(entry).collect()
    }

    /// Exact totals of the entries matching `query`, grouped, by key, each
    /// with its [`Split`].
    ///
    /// Summed by the database in whole cents (converted values are rounded to
    /// cents when they are made), so that a million entries take a fraction of
    /// a second and the sums stay exact on both databases. Each group is read
    /// as one row per basis and folded here.
    pub async fn group_totals(&self, query: &Query, by: GroupBy) -> Result<Vec<Group>> {
        let terms = Terms::parse(query.q.as_deref());
        query.words_now(&terms)?;
        let (clause, args) =
            query.sql(None, Words::Index { backend: self.backend, indexed: &terms, tested: &Terms::default() });
        let (key, name) = by.exprs();
        let basis = split::BASIS_SQL;
        let cents = |col: &str| format!("CAST(SUM(CAST(ROUND(CAST({col} AS NUMERIC) * 100) AS BIGINT)) AS TEXT)");
        let sql = format!(
            "SELECT {key} AS k, MAX({name}) AS n, {basis} AS basis, COUNT(*) AS entries, {} AS eur, {} AS usd, \
             SUM(CASE WHEN value_eur IS NULL THEN 1 ELSE 0 END) AS without_eur, \
             SUM(CASE WHEN value_usd IS NULL THEN 1 ELSE 0 END) AS without_usd, {} AS ge, \
             SUM(CASE WHEN grant_equivalent_eur IS NULL THEN 1 ELSE 0 END) AS without_ge \
             FROM {table}{clause} GROUP BY {key}, {basis} ORDER BY {key}",
            cents("value_eur"),
            cents("value_usd"),
            cents("grant_equivalent_eur"),
            table = query.filter.table(),
        );
        let mut q = sqlx::query(&sql);
        for a in &args {
            q = q.bind(a);
        }
        let euros = |r: &sqlx::any::AnyRow, col: &str| -> Result<Decimal> {
            let text: Option<String> = r.try_get(col)?;
            let cents = text
                .as_deref()
                .unwrap_or("0")
                .parse::<i128>()
                .map_err(|e| crate::Error::Corrupt { table: "ledger_entries", reason: format!("sum of {col}: {e}") })?;
            Ok(Decimal::try_from_i128_with_scale(cents, 2).unwrap_or_default().normalize())
        };
        let mut tx = self.search_tx(None).await?;
        let rows = q.fetch_all(&mut *tx).await?;
        tx.commit().await?;
        let mut out: Vec<Group> = Vec::new();
        for r in &rows {
            let k: String = r.try_get("k")?;
            let n = r.try_get::<Option<String>, _>("n")?.unwrap_or_default();
            let part = Sums {
                entries: r.try_get::<i64, _>("entries")? as usize,
                value_eur: euros(r, "eur")?,
                value_usd: euros(r, "usd")?,
                without_eur: r.try_get::<i64, _>("without_eur")? as usize,
                without_usd: r.try_get::<i64, _>("without_usd")? as usize,
            };
            if out.last().is_none_or(|g| g.key != k) {
                out.push(Group { key: k, ..Group::default() });
            }
            let g = out.last_mut().expect("pushed above");
            if n > g.name {
                g.name = n;
            }
            g.entries += part.entries;
            g.value_eur += part.value_eur;
            g.value_usd += part.value_usd;
            g.without_eur += part.without_eur;
            g.without_usd += part.without_usd;
            g.grant_equivalent_eur += euros(r, "ge")?;
            g.without_grant_equivalent += r.try_get::<i64, _>("without_ge")? as usize;
            g.split.add_part(&r.try_get::<String, _>("basis")?, &part);
        }
        for g in &mut out {
            g.value_eur = g.value_eur.normalize();
            g.value_usd = g.value_usd.normalize();
            g.grant_equivalent_eur = g.grant_equivalent_eur.normalize();
        }
        Ok(out)
    }

    /// The values of a column over the whole ledger, most frequent first.
    pub async fn facet(&self, by: GroupBy) -> Result<Vec<FacetValue>> {
        let (key, name) = by.exprs();
        let sql = format!(
            "SELECT {key} AS v, MAX({name}) AS n, COUNT(*) AS c FROM ledger_entries GROUP BY {key} ORDER BY c DESC, v"
        );
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok(FacetValue {
                    value: r.try_get("v")?,
                    name: r.try_get::<Option<String>, _>("n")?.unwrap_or_default(),
                    count: r.try_get("c")?,
                })
            })
            .collect()
    }

    /// The commitments `document_id` states, with their entries and evidence.
    pub async fn document_commitments(&self, document_id: &str) -> Result<Vec<DocumentCommitment>> {
        let rows = sqlx::query(
            "SELECT c.id, c.entry_id, e.field, e.start_offset, e.end_offset FROM commitments c \
             LEFT JOIN evidence e ON e.commitment_id = c.id WHERE c.document_id = $1 \
             ORDER BY c.id, e.start_offset, e.field",
        )
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<DocumentCommitment> = Vec::new();
        for r in &rows {
            let id: String = r.try_get("id")?;
            if out.last().is_none_or(|c| c.commitment_id != id) {
                out.push(DocumentCommitment { commitment_id: id, entry_id: r.try_get("entry_id")?, evidence: vec![] });
            }
            if let Some(field) = r.try_get::<Option<String>, _>("field")? {
                let span = EvidenceSpan { field, start: r.try_get("start_offset")?, end: r.try_get("end_offset")? };
                out.last_mut().expect("pushed above").evidence.push(span);
            }
        }
        Ok(out)
    }
}

/// A page read in one statement: the list's own order and indexes, with the
/// words (if any) looked up in the full-text index.
async fn indexed_page(
    conn: &mut AnyConnection,
    query: &Query,
    words: Words<'_>,
    after: Option<&Cursor>,
    limit: usize,
) -> Result<Page> {
    let (clause, args) = query.sql(after, words);
    let order = match words {
        Words::Ignore => query.order_by(),
        Words::Index { .. } => query.order_by_matches(),
    };
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM {}{clause}{order} LIMIT {}", query.filter.table(), limit + 1);
    let mut q = sqlx::query(&sql);
    for a in &args {
        q = q.bind(a);
    }
    let mut entries = q.fetch_all(&mut *conn).await?.iter().map(entry).collect::<Result<Vec<_>>>()?;
    let next = if entries.len() > limit {
        entries.truncate(limit);
        entries.last().map(|e| Cursor { key: query.sort.key_of(e), id: e.id.clone() })
    } else {
        None
    };
    Ok(Page { entries, next })
}

/// PostgreSQL's "canceling statement due to statement timeout" as the store's own error.
fn timed_out(e: Error, query: &Query, limit: std::time::Duration) -> Error {
    match &e {
        Error::Database(sqlx::Error::Database(db)) if db.code().as_deref() == Some("57014") => {
            Error::SearchTimeout { q: query.q.clone().unwrap_or_default(), seconds: limit.as_secs_f64() }
        }
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_condition_follows_the_direction() {
        let q = Query { sort: Sort::ValueEur, descending: true, ..Query::default() };
        let (clause, args) = q.sql(Some(&Cursor { key: "5".into(), id: "x".into() }), Words::Ignore);
        assert!(clause.contains("<= CAST($1 AS NUMERIC)"), "{clause}");
        assert!(clause.contains("id < $2"), "{clause}");
        assert_eq!(args, ["5", "x"]);
    }

    /// The server awaits pages in its handlers, which must be `Send` (sqlx's
    /// `raw_sql` on a transaction is not); this fails to compile if one is not.
    #[allow(dead_code)]
    fn pages_are_send(store: &Store, query: &Query) -> impl Send {
        store.page(query, None, 1)
    }
}
