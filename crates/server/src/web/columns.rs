//! The ledger table's optional columns: the full record of each entry
//! (confidence, items, supplier, place of manufacture, announcer, period,
//! sources, the evidence sentence), shown when the reader ticks them. The
//! choice is `cols` in the address — repeated, as a form of checkboxes sends
//! it without any script (`cols=items&cols=supplier`), or joined by commas,
//! as the page's own links write it — so a view with its columns can be
//! bookmarked and shared. The evidence sentence is too long for a column: it
//! is a line of its own under its entry's row. It is the page's own parameter: the API, whose
//! entries carry every field, does not take it.

use pledgewatch_store::FullEntry;

use crate::error::Error;

/// (name in `cols`, header), in table order.
pub const OPTIONAL: &[(&str, &str)] = &[
    ("confidence", "Confidence"),
    ("items", "Items"),
    ("supplier", "Supplier"),
    ("made_in", "Made in"),
    ("announcer", "Announcer"),
    ("period", "Period"),
    ("sources", "Sources"),
    ("evidence", "Evidence"),
];

/// The columns a view shows, in table order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns(Vec<&'static str>);

/// A checkbox of the column chooser.
pub struct ColumnChoice {
    pub name: &'static str,
    pub label: &'static str,
    pub on: bool,
}

/// A link in a cell.
pub struct Link {
    pub href: String,
    pub label: String,
}

/// One optional cell.
pub struct Cell {
    pub name: &'static str,
    pub text: String,
    pub links: Vec<Link>,
}

impl Columns {
    /// Takes `cols` out of a query string: the columns, and the rest of the
    /// query for the ledger's own parameters. An unknown column is a 400 naming it.
    pub fn split(query: Option<&str>) -> Result<(Columns, Option<String>), Error> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| Error::BadRequest(format!("query string: {e}")))?;
        let mut on = Vec::new();
        let mut rest = Vec::new();
        for (k, v) in pairs {
            if k != "cols" {
                rest.push((k, v));
                continue;
            }
            for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                let Some((known, _)) = OPTIONAL.iter().find(|(n, _)| *n == name) else {
                    let names: Vec<&str> = OPTIONAL.iter().map(|(n, _)| *n).collect();
                    return Err(Error::BadRequest(format!(
                        "cols: unknown column {name:?} (known: {})",
                        names.join(", ")
                    )));
                };
                on.push(*known);
            }
        }
        let cols = Columns(OPTIONAL.iter().map(|(n, _)| *n).filter(|n| on.contains(n)).collect());
        let rest = (!rest.is_empty()).then(|| serde_urlencoded::to_string(&rest).unwrap_or_default());
        Ok((cols, rest))
    }

    /// The headers of the columns shown (the evidence has a line of its own).
    pub fn headers(&self) -> Vec<&'static str> {
        OPTIONAL.iter().filter(|(n, _)| self.0.contains(n) && *n != "evidence").map(|(_, l)| *l).collect()
    }

    /// The evidence sentence of `e`, when the view shows it (`Some("")` for none stored).
    pub fn evidence(&self, e: &FullEntry) -> Option<String> {
        self.0.contains(&"evidence").then(|| e.record.evidence_sentence.clone().unwrap_or_default())
    }

    /// Every column, ticked or not, for the chooser.
    pub fn choices(&self) -> Vec<ColumnChoice> {
        OPTIONAL.iter().map(|(name, label)| ColumnChoice { name, label, on: self.0.contains(name) }).collect()
    }

    /// `link` with the columns kept (`…&cols=items,supplier`).
    pub fn keep(&self, link: String) -> String {
        if self.0.is_empty() {
            return link;
        }
        let sep = if link.contains('?') { '&' } else { '?' };
        format!("{link}{sep}cols={}", self.0.join(","))
    }

    /// The optional cells of one entry.
    pub fn cells(&self, e: &FullEntry) -> Vec<Cell> {
        let r = &e.record;
        self.0
            .iter()
            .filter(|n| **n != "evidence")
            .map(|name| {
                let plain = |text: String| Cell { name, text, links: Vec::new() };
                let named = |n: &Option<pledgewatch_store::NamedIn>| {
                    n.as_ref().map(|n| format!("{} ({})", n.name, n.country)).unwrap_or_default()
                };
                match *name {
                    "confidence" => plain(format!("{:.2}", e.confidence)),
                    "items" => plain(r.items.iter().map(|i| i.text()).collect::<Vec<_>>().join("; ")),
                    "supplier" => plain(named(&r.supplier)),
                    "made_in" => plain(named(&r.made_in)),
                    "announcer" => plain(
                        r.announced_by
                            .as_ref()
                            .map(|a| match a.title.as_ref().or(a.role.as_ref()) {
                                Some(t) => format!("{}, {t}", a.name),
                                None => a.name.clone(),
                            })
                            .unwrap_or_default(),
                    ),
                    "period" => plain(r.period.clone().unwrap_or_default()),
                    _ => Cell { name, text: r.outlets.join("; "), links: links(&r.source_urls) },
                }
            })
            .collect()
    }
}

/// Web addresses as links named by their host; only http(s) addresses are
/// links (a stored address is data from a source, never a script to run).
fn links(urls: &[String]) -> Vec<Link> {
    urls.iter()
        .filter_map(|u| {
            let rest = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://"))?;
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            Some(Link { href: u.clone(), label: host.to_string() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_repeated_or_joined_and_unknown_ones_are_named() {
        let (cols, rest) = Columns::split(Some("donor=GB&cols=evidence&cols=items,supplier")).unwrap();
        assert_eq!(cols.0, ["items", "supplier", "evidence"], "in table order");
        assert_eq!(rest.as_deref(), Some("donor=GB"));
        assert_eq!(cols.keep("/commitments?donor=GB".into()), "/commitments?donor=GB&cols=items,supplier,evidence");
        let err = Columns::split(Some("cols=colour")).unwrap_err();
        assert!(format!("{err:?}").contains("colour"));
    }

    #[test]
    fn only_web_addresses_are_links() {
        let l = links(&["javascript:alert(1)".into(), "https://gov.uk/news/x?a=1".into()]);
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].label, "gov.uk");
    }
}
