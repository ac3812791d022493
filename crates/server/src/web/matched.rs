//! What the ledger's current filter matches, over every page: how many
//! entries, and their sums split by what they add up (grants, loans, other,
//! ceilings), never one figure that mixes them. A word search whose words
//! are in more entries than a search reads through its index (the store's
//! `SearchLimits::max_matches`) is neither counted nor summed here: the page
//! says "more than" that many and links to the exact totals.

use pledgewatch_store::query::{Basis, Group, GroupBy, Sums};

use crate::AppState;
use crate::api::Total;
use crate::api::params::{FILTER_PARAMS, Raw};
use crate::error::Error;
use crate::format;

/// One part of the sums.
pub struct Part {
    pub key: &'static str,
    pub label: &'static str,
    pub entries: usize,
    pub eur: String,
    /// The exact sum.
    pub exact: String,
}

/// The count and sums of a filtered view.
#[derive(Default)]
pub struct Matched {
    /// The view's words are in more than this many entries: nothing below
    /// is counted (summing every match of a common word took seconds).
    pub over: Option<String>,
    pub entries: usize,
    /// Entries a reviewer rejected: listed, not summed (unless the view asks for them).
    pub rejected_apart: usize,
    pub parts: Vec<Part>,
    pub without_eur: usize,
    /// The grant equivalents (OECD DAC method) of the counted entries, and how many have none.
    pub grant_equivalent: String,
    pub without_grant_equivalent: usize,
}

impl Matched {
    /// The view's count and sums; the whole ledger's come from the dashboard's cache.
    pub async fn of(state: &AppState, raw: &Raw) -> Result<Matched, Error> {
        let filters = raw.only(FILTER_PARAMS);
        let by_review: Vec<Group> = if filters.is_empty() {
            crate::api::summary(state, &filters).await?.review.clone()
        } else {
            let query = filters.query()?;
            let cap = state.store.search_limits().max_matches;
            if state.store.word_matches(&query, cap).await?.is_some_and(|n| n > cap) {
                return Ok(Matched { over: Some(format::full(cap.into())), ..Matched::default() });
            }
            let _turn = state.heavy().await?;
            state.store.group_totals(&query, GroupBy::Review).await?
        };
        Ok(Matched::from_review_groups(&by_review, raw.get("review").is_some()))
    }

    /// From totals grouped by review state; rejected entries are summed only
    /// when the view is filtered by review state (then they are all it has).
    fn from_review_groups(groups: &[Group], by_review: bool) -> Matched {
        let entries = groups.iter().map(|g| g.entries).sum();
        let (rejected, counted): (Vec<Group>, Vec<Group>) =
            groups.iter().cloned().partition(|g| g.key == "rejected" && !by_review);
        let total = Total::of(&counted);
        let part = |b: Basis| {
            let s: &Sums = total.split.get(b);
            Part {
                key: b.key(),
                label: b.label(),
                entries: s.entries,
                eur: format::eur_short(Some(s.value_eur)),
                exact: format!("EUR {}", format::full(s.value_eur)),
            }
        };
        Matched {
            over: None,
            entries,
            rejected_apart: rejected.iter().map(|g| g.entries).sum(),
            parts: Basis::ALL.into_iter().map(part).collect(),
            without_eur: total.without_eur,
            grant_equivalent: format::eur_short(Some(total.grant_equivalent_eur)),
            without_grant_equivalent: total.without_grant_equivalent,
        }
    }
}
