//! What a total sums. A tracker never adds a ceiling ("up to €500m") or a
//! loan to be repaid to a grant: each entry counts in exactly one [`Basis`],
//! every total carries its [`Split`], and a group's sum is the sum of its
//! parts, so nothing is lost and nothing is silently mixed.

use rust_decimal::Decimal;
use serde::Serialize;

/// Which kind of money an entry's figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    /// A firm figure given outright: a grant or aid in kind.
    Grants,
    /// A firm figure lent or backed, to be repaid: a loan, a guarantee, export finance.
    Loans,
    /// A firm figure of another or no stated instrument (a contract, budget support, unspecified).
    Other,
    /// A bound, not an amount: "up to" or "less than", whatever the instrument.
    Ceilings,
}

impl Basis {
    pub const ALL: [Basis; 4] = [Basis::Grants, Basis::Loans, Basis::Other, Basis::Ceilings];

    /// The key in JSON and in the SQL below.
    pub fn key(self) -> &'static str {
        match self {
            Basis::Grants => "grants",
            Basis::Loans => "loans",
            Basis::Other => "other",
            Basis::Ceilings => "ceilings",
        }
    }

    /// What a sum of this basis adds up, in words.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Grants => "Grants and aid in kind",
            Basis::Loans => "Loans, guarantees and export finance",
            Basis::Other => "Other or unstated instrument",
            Basis::Ceilings => "Ceilings (\"up to\"), any instrument",
        }
    }

    /// The basis of an entry with this instrument and figure qualifier
    /// (the same decision as [`BASIS_SQL`]). A range counts at its lower end,
    /// which is firm; "at least" and "more than" are floors, also firm.
    pub fn of(instrument: &str, qualifier: Option<&str>) -> Basis {
        match (qualifier, instrument) {
            (Some("up_to" | "less_than"), _) => Basis::Ceilings,
            (_, "loan" | "guarantee" | "export_finance") => Basis::Loans,
            (_, "grant" | "in_kind") => Basis::Grants,
            _ => Basis::Other,
        }
    }

    fn from_key(key: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.key() == key)
    }
}

/// [`Basis::of`] in SQL, over `ledger_entries`.
pub(crate) const BASIS_SQL: &str = "CASE WHEN amount_qualifier IN ('up_to', 'less_than') THEN 'ceilings' \
     WHEN instrument IN ('loan', 'guarantee', 'export_finance') THEN 'loans' \
     WHEN instrument IN ('grant', 'in_kind') THEN 'grants' ELSE 'other' END";

/// Exact sums of the entries of one basis.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sums {
    pub entries: usize,
    pub value_eur: Decimal,
    pub value_usd: Decimal,
    /// Entries whose figure could not be converted, or that have none.
    pub without_eur: usize,
    pub without_usd: usize,
}

impl Sums {
    pub fn add(&mut self, o: &Sums) {
        self.entries += o.entries;
        self.value_eur += o.value_eur;
        self.value_usd += o.value_usd;
        self.without_eur += o.without_eur;
        self.without_usd += o.without_usd;
    }
}

/// A total split by basis; the parts add up to the whole.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Split {
    pub grants: Sums,
    pub loans: Sums,
    pub other: Sums,
    pub ceilings: Sums,
}

impl Split {
    pub fn get(&self, b: Basis) -> &Sums {
        match b {
            Basis::Grants => &self.grants,
            Basis::Loans => &self.loans,
            Basis::Other => &self.other,
            Basis::Ceilings => &self.ceilings,
        }
    }

    fn get_mut(&mut self, b: Basis) -> &mut Sums {
        match b {
            Basis::Grants => &mut self.grants,
            Basis::Loans => &mut self.loans,
            Basis::Other => &mut self.other,
            Basis::Ceilings => &mut self.ceilings,
        }
    }

    /// Adds the sums of basis `key` (as [`BASIS_SQL`] writes it; an unknown key is `other`).
    pub(crate) fn add_part(&mut self, key: &str, sums: &Sums) {
        self.get_mut(Basis::from_key(key).unwrap_or(Basis::Other)).add(sums);
    }

    pub fn add(&mut self, o: &Split) {
        for b in Basis::ALL {
            self.get_mut(b).add(o.get(b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings_are_kept_apart_whatever_the_instrument() {
        assert_eq!(Basis::of("grant", Some("exact")), Basis::Grants);
        assert_eq!(Basis::of("in_kind", None), Basis::Grants);
        assert_eq!(Basis::of("grant", Some("up_to")), Basis::Ceilings);
        assert_eq!(Basis::of("loan", Some("up_to")), Basis::Ceilings);
        assert_eq!(Basis::of("loan", Some("approx")), Basis::Loans);
        assert_eq!(Basis::of("guarantee", Some("range")), Basis::Loans);
        assert_eq!(Basis::of("unspecified", Some("at_least")), Basis::Other);
        assert_eq!(Basis::of("contract", Some("less_than")), Basis::Ceilings);
    }
}
