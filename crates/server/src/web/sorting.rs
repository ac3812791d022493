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

/// A column: its label, whether it is a number, and its sort with the
/// direction a first click sorts it in (`-` descending: newest, largest and
/// most first; names A to Z).
const COLUMNS: &[(&str, bool, Option<&str>)] = &[
    ("Announced", false, Some("-date")),
    ("Donor → recipient", false, Some("donor")),
    ("Category", false, Some("category")),
    ("Instrument", false, Some("instrument")),
    ("Status", false, Some("status")),
    ("Amount as stated", true, None),
    ("EUR", true, Some("-value_eur")),
    ("Sources", true, Some("-sources")),
    ("Review", false, Some("review")),
];

impl Head {
    /// Headers without links (a table that is not the ledger's view).
    pub fn plain() -> Vec<Head> {
        COLUMNS.iter().map(|&(label, num, _)| Head { label, num, href: None, aria_sort: "" }).collect()
    }

    /// Headers that sort `view` (the ledger's parameters, without its cursor).
    /// A click on the current column reverses it; on another, it sorts that
    /// column in its first direction.
    pub fn sortable(view: &Raw) -> Vec<Head> {
        let current = view.get("sort").unwrap_or("-date");
        let (descending, key) = match current.strip_prefix('-') {
            Some(k) => (true, k),
            None => (false, current),
        };
        COLUMNS
            .iter()
            .map(|&(label, num, sort)| {
                let Some(first) = sort else { return Head { label, num, href: None, aria_sort: "" } };
                let sort = first.trim_start_matches('-');
                let is_current = sort == key;
                let next = match (is_current, descending) {
                    (true, true) => sort.to_string(),
                    (true, false) => format!("-{sort}"),
                    (false, _) => first.to_string(),
                };
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
