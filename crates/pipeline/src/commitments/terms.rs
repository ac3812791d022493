//! A loan's terms as a sentence states them — interest rate, maturity, grace period — read by
//! the phrase grammar of `phrase.rs` ("at 0.5% interest", "with a 30-year maturity",
//! "10-year grace period", "interest-free"). Each table is tried in order; the first pattern
//! that matches gives the term. A pattern without a slot gives a rate of zero.

use rust_decimal::Decimal;
use serde::Serialize;

use super::phrase::{find, tokens};

/// The terms of a loan, each as stated (a rate in percent a year, periods in years).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LoanTerms {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interest_pct: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maturity_years: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grace_years: Option<Decimal>,
}

impl LoanTerms {
    /// All three terms the grant element needs.
    pub fn complete(&self) -> Option<(Decimal, Decimal, Decimal)> {
        Some((self.interest_pct?, self.maturity_years?, self.grace_years?))
    }
}

const INTEREST: &[&str] = &[
    "interest free",
    "zero interest",
    "no interest",
    "without interest",
    "interest rate of {pct}",
    "interest rates of {pct}",
    "interest of {pct}",
    "interest at {pct}",
    "at a|an? annual? rate of {pct}",
    "at {pct} annual|annually|yearly? interest",
    "{pct} annual|annually|yearly? interest",
    "at {pct} a year",
    "at {pct} per annum|year",
    "{pct} per annum",
    "coupon of {pct}",
];

const MATURITY: &[&str] = &[
    "maturity of {n} year|years",
    "maturity period of {n} year|years",
    "{n} year|years maturity",
    "{n} year|years of maturity",
    "matures in {n} year|years",
    "maturing in {n} year|years",
    "repayable over|within|in {n} year|years",
    "repaid over|within|in {n} year|years",
    "repayment period of {n} year|years",
    "repayment term of {n} year|years",
    "tenor of {n} year|years",
    "{n} year|years tenor",
    "term of {n} year|years",
    "{n} year|years term",
    "{n} year|years loan|loans",
    "{n} year|years concessional|soft loan",
];

const GRACE: &[&str] = &[
    "grace period of {n} year|years",
    "grace periods of {n} year|years",
    "{n} year|years grace",
    "{n} year|years of grace",
    "grace of {n} year|years",
];

/// The terms a sentence states, or `None` when it states none.
pub fn read_terms(sentence: &str) -> Option<LoanTerms> {
    let ts = tokens(sentence);
    let first = |table: &[&str]| table.iter().find_map(|p| find(p, &ts)).map(|h| h.value.unwrap_or(Decimal::ZERO));
    let terms = LoanTerms { interest_pct: first(INTEREST), maturity_years: first(MATURITY), grace_years: first(GRACE) };
    (terms != LoanTerms::default()).then_some(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        Some(s.parse().unwrap())
    }

    /// A sentence and the interest (%), maturity and grace (years) it states.
    type Case = (&'static str, Option<Decimal>, Option<Decimal>, Option<Decimal>);

    /// (sentence, interest %, maturity, grace): the sentences are the project's own.
    #[test]
    fn the_terms_grammar() {
        let cases: &[Case] = &[
            (
                "Japan lends Kenya ¥10bn at 0.5% interest with a 30-year maturity and a 10-year grace period.",
                d("0.5"),
                d("30"),
                d("10"),
            ),
            (
                "The loan carries an interest rate of 1.25 per cent, a maturity of 40 years and a grace period of ten years.",
                d("1.25"),
                d("40"),
                d("10"),
            ),
            (
                "An interest-free loan repayable over twenty-five years, with five years' grace.",
                d("0"),
                d("25"),
                d("5"),
            ),
            ("The 20-year loan, at 2 percent annual interest, has 7 years of grace.", d("2"), d("20"), d("7")),
            ("The credit has a tenor of 35 years at 0.01% per annum.", d("0.01"), d("35"), None),
            ("France will lend €100m at a rate of 1.5%.", d("1.5"), None, None),
            ("It matures in 15 years.", None, d("15"), None),
            ("Germany will give €50m to Ukraine.", None, None, None),
            ("Inflation reached 5% last year and the grace is gone.", None, None, None),
        ];
        for (s, i, m, g) in cases {
            let got = read_terms(s).unwrap_or_default();
            assert_eq!((got.interest_pct, got.maturity_years, got.grace_years), (*i, *m, *g), "{s}");
        }
    }

    #[test]
    fn a_grace_period_is_no_maturity() {
        let t = read_terms("with a 10-year grace period").unwrap();
        assert_eq!((t.maturity_years, t.grace_years), (None, d("10")));
    }
}
