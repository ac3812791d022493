//! The filter form and its chips, shared by the dashboard and the ledger so
//! that both take the same filters: each facet a `<select>`, the dates and
//! EUR bounds as fields, and each active filter a chip whose link is the same
//! view without it (no script needed).

use pledgewatch_store::query::FacetValue;

use crate::AppState;
use crate::api::params::{FILTER_PARAMS, Raw};
use crate::error::Error;
use crate::format;

/// One choice of a facet `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A facet: a filter with its values.
pub struct Facet {
    pub name: &'static str,
    pub label: &'static str,
    pub choices: Vec<Choice>,
}

/// An active filter, with the link that removes it.
pub struct Chip {
    pub label: String,
    pub remove: String,
}

/// What the filter form and the chips show.
pub struct Filters {
    /// Where the form goes (`/` or `/commitments`).
    pub action: &'static str,
    pub facets: Vec<Facet>,
    pub chips: Vec<Chip>,
    pub q: String,
    pub from: String,
    pub to: String,
    pub min_eur: String,
    pub max_eur: String,
    /// A past time to show the ledger at (RFC 3339), empty for now.
    pub as_of: String,
    /// The ledger's sort, kept through the form; empty on the dashboard.
    pub sort: String,
    /// The ledger's optional columns, chosen in the same form; none on the dashboard.
    pub columns: Vec<super::columns::ColumnChoice>,
    /// The view without filters (keeping the ledger's columns).
    pub clear: String,
}

impl Filters {
    /// The form and chips of the view `raw` at `action`. A chip's link keeps
    /// every other parameter of `raw` but the page position.
    pub async fn of(state: &AppState, raw: &Raw, action: &'static str) -> Result<Filters, Error> {
        let all = crate::api::facets(state).await?;
        let facet = |name: &'static str, label: &'static str, values: &[FacetValue]| {
            let current = raw.get(name).map(|v| v.to_ascii_lowercase());
            let choices = values
                .iter()
                .map(|v| Choice {
                    selected: current.as_deref() == Some(&v.value.to_ascii_lowercase()),
                    label: format!("{} ({})", shown(v), v.count),
                    value: v.value.clone(),
                })
                .collect();
            Facet { name, label, choices }
        };
        let facets = vec![
            facet("donor", "Donor", &all.donor),
            facet("recipient", "Recipient", &all.recipient),
            facet("category", "Category", &all.category),
            facet("instrument", "Instrument", &all.instrument),
            facet("status", "Status", &all.status),
            facet("review", "Review", &all.review),
        ];
        let view = raw.with("cursor", None);
        let chips = FILTER_PARAMS
            .iter()
            .filter_map(|name| {
                let v = raw.get(name)?;
                let named = |values: &[FacetValue]| {
                    values.iter().find(|f| f.value.eq_ignore_ascii_case(v)).map(shown).unwrap_or_else(|| v.to_string())
                };
                let value = match *name {
                    "donor" => named(&all.donor),
                    "recipient" => named(&all.recipient),
                    "q" => format!("“{v}”"),
                    "as_of" => v.to_string(),
                    _ => format::words(v),
                };
                Some(Chip {
                    label: format!("{}: {value}", chip_name(name)),
                    remove: format!("{action}{}", view.with(name, None).query_string()),
                })
            })
            .collect();
        let get = |n: &str| raw.get(n).unwrap_or("").to_string();
        Ok(Filters {
            action,
            facets,
            chips,
            q: get("q"),
            from: get("from"),
            to: get("to"),
            min_eur: get("min_eur"),
            max_eur: get("max_eur"),
            as_of: get("as_of"),
            sort: get("sort"),
            columns: Vec::new(),
            clear: action.to_string(),
        })
    }
}

/// A facet value as people read it: its name, else its value in words.
fn shown(v: &FacetValue) -> String {
    if v.name.is_empty() { format::words(&v.value) } else { format::words(&v.name) }
}

fn chip_name(param: &str) -> &str {
    match param {
        "donor" => "Donor",
        "recipient" => "Recipient",
        "category" => "Category",
        "instrument" => "Instrument",
        "status" => "Status",
        "review" => "Review",
        "from" => "From",
        "to" => "To",
        "min_eur" => "EUR at least",
        "max_eur" => "EUR at most",
        "q" => "Words",
        "as_of" => "As of",
        other => other,
    }
}
