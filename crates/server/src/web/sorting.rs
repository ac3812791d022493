//! The ledger table's headers: a sortable column's header is a link to the
//! same view sorted by it (filters kept, page position dropped), and the
//! current one says its order in `aria-sort`, so sorting needs no script.

use crate::api::params::Raw;

/// One header cell of the entries table.
pub struct Head {
    pub label: &'static str,
    /// Right-aligned (a number).
    pub num: bool,
    /// The view sorted by this column, for a sortable one.
    pub href: Option<String>,
    /// `ascending` or `descending` on the column the view is sorted by, else empty.
    pub aria_sort: &'static str,
}

/// (label, numeric, the sort key of a sortable column).
const COLUMNS: &[(&str, bool, Option<&str>)] = &[
    ("Announced", false, Some("date")),
    ("Donor → recipient", false, None),
    ("Category", false, None),
    ("Instrument", false, None),
    ("Status", false, None),
    ("Amount as stated", true, None),
    ("EUR", true, Some("value_eur")),
    ("Sources", true, None),
    ("Review", false, None),
];

impl Head {
    /// Headers without links (a table that is not the ledger's view).
    pub fn plain() -> Vec<Head> {
        COLUMNS.iter().map(|&(label, num, _)| Head { label, num, href: None, aria_sort: "" }).collect()
    }

    /// Headers that sort `view` (the ledger's parameters, without its cursor).
    /// A click on the current column reverses it; on another, it sorts that
    /// column largest or newest first.
    pub fn sortable(view: &Raw) -> Vec<Head> {
        let current = view.get("sort").unwrap_or("-date");
        let (descending, key) = match current.strip_prefix('-') {
            Some(k) => (true, k),
            None => (false, current),
        };
        COLUMNS
            .iter()
            .map(|&(label, num, sort)| {
                let Some(sort) = sort else { return Head { label, num, href: None, aria_sort: "" } };
                let is_current = sort == key;
                let next = if is_current && descending { sort.to_string() } else { format!("-{sort}") };
                Head {
                    label,
                    num,
                    href: Some(format!("/commitments{}", view.with("sort", Some(&next)).query_string())),
                    aria_sort: match (is_current, descending) {
                        (false, _) => "",
                        (true, true) => "descending",
                        (true, false) => "ascending",
                    },
                }
            })
            .collect()
    }
}
