//! The grant equivalent of a commitment by the OECD DAC's ODA grant-equivalent method
//! (agreed by the DAC High Level Meeting of 2014, in force for ODA reported from 2018 flows).
//!
//! Source: OECD, "Official development assistance – definition and coverage" (oecd.org,
//! topics › ODA eligibility and conditions): a loan is concessional when its grant element is
//! at least 45 % for LDCs and other LICs (calculated at a discount rate of 9 %), 15 % for
//! LMICs (7 %), 10 % for UMICs (6 %) and 10 % for multilateral institutions (5 % for global
//! institutions and development banks, 6 % for others). The rates are the IMF's 5 % base rate
//! plus a risk adjustment of 4, 2 and 1 points. The recipient's group is its column on the
//! DAC List of ODA Recipients (`data/oda/dac_list.tsv`, origin in `data/oda/README.md`).
//!
//! The grant element is the DAC's standard formula for equal principal repayments, paid
//! twice a year, interest paid throughout, principal from the end of the grace period to
//! maturity (the formula of the DAC Statistical Reporting Directives' grant element
//! calculator):
//!
//! ```text
//! GE = (1 − (r/a) / d) × (1 − (1/(1+d)^(aG) − 1/(1+d)^(aM)) / (d (aM − aG)))
//! ```
//!
//! with r the annual interest rate, a = 2 payments a year, d = (1 + D)^(1/a) − 1 the discount
//! rate per period for the annual rate D, G the grace period and M the maturity in years. A
//! loan repaid at once (M = G) has a principal factor of 1/(1+d)^(aM). The grant equivalent is
//! the face value times the grant element; a grant's (or aid in kind's) is its face value.
//! A loan below its group's threshold is not ODA: its grant element is still given, with
//! `meets_threshold: false`, so that a reader sees why.

use std::collections::HashMap;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::Serialize;

use crate::commitments::Instrument;
use crate::commitments::terms::LoanTerms;

/// A recipient's column on the DAC List of ODA Recipients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeGroup {
    /// A UN Least Developed Country.
    Ldc,
    /// Another low-income country.
    Lic,
    /// Lower middle income.
    Lmic,
    /// Upper middle income.
    Umic,
}

impl IncomeGroup {
    /// The discount rate of the method, percent a year.
    pub fn discount_rate_pct(self) -> Decimal {
        Decimal::from(match self {
            IncomeGroup::Ldc | IncomeGroup::Lic => 9,
            IncomeGroup::Lmic => 7,
            IncomeGroup::Umic => 6,
        })
    }

    /// The least grant element (percent) of a loan that counts as ODA.
    pub fn threshold_pct(self) -> Decimal {
        Decimal::from(match self {
            IncomeGroup::Ldc | IncomeGroup::Lic => 45,
            IncomeGroup::Lmic => 15,
            IncomeGroup::Umic => 10,
        })
    }
}

static DAC_LIST: LazyLock<HashMap<&'static str, IncomeGroup>> = LazyLock::new(|| {
    crate::data_table::rows(include_str!("../data/oda/dac_list.tsv"))
        .filter_map(|r| {
            let code = *r.first()?;
            let group = match *r.get(1)? {
                "ldc" => IncomeGroup::Ldc,
                "lic" => IncomeGroup::Lic,
                "lmic" => IncomeGroup::Lmic,
                "umic" => IncomeGroup::Umic,
                _ => return None,
            };
            Some((code, group))
        })
        .collect()
});

/// The recipient's group on the DAC List, `None` when it is not on the list.
pub fn income_group(recipient: &str) -> Option<IncomeGroup> {
    DAC_LIST.get(recipient).copied()
}

/// Payments a year, by the DAC's convention.
const PAYMENTS_A_YEAR: f64 = 2.0;

/// The grant element (a fraction, 1 = a gift) of a loan at `interest` a year (a fraction),
/// repaid in equal instalments from `grace` to `maturity` years, discounted at `discount` a
/// year. `None` for terms no loan has (a maturity not after zero, a grace beyond maturity,
/// a negative or non-finite figure).
pub fn grant_element(interest: f64, maturity: f64, grace: f64, discount: f64) -> Option<f64> {
    let ok = |x: f64| x.is_finite() && x >= 0.0;
    if !(ok(interest) && ok(maturity) && ok(grace) && ok(discount)) || maturity <= 0.0 || grace > maturity {
        return None;
    }
    let a = PAYMENTS_A_YEAR;
    let d = (1.0 + discount).powf(1.0 / a) - 1.0;
    if d <= 0.0 {
        return None;
    }
    let v = |periods: f64| (1.0 + d).powf(-periods);
    let principal = if maturity == grace {
        v(a * maturity)
    } else {
        (v(a * grace) - v(a * maturity)) / (d * (a * maturity - a * grace))
    };
    let ge = (1.0 - (interest / a) / d) * (1.0 - principal);
    ge.is_finite().then_some(ge)
}

/// The grant equivalent of one commitment, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GrantEquivalent {
    /// The grant equivalent in the amount's currency; `null` with `reason` when not known.
    pub value: Option<Decimal>,
    /// Percent of the face value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_element_pct: Option<Decimal>,
    /// For a loan: the discount rate used (percent a year) and the recipient's group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_rate_pct: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub income_group: Option<IncomeGroup>,
    /// For a loan: whether its grant element reaches its group's threshold (else it is not ODA).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meets_threshold: Option<bool>,
    /// Why `value` is null: `terms_not_stated`, `recipient_not_on_dac_list`,
    /// `no_dac_method` (guarantees, export credit, contracts, an instrument not stated),
    /// `terms_impossible`, `no_amount`, `amount_out_of_range` (beyond exact decimals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
}

impl GrantEquivalent {
    fn missing(reason: &'static str) -> Self {
        GrantEquivalent {
            value: None,
            grant_element_pct: None,
            discount_rate_pct: None,
            income_group: None,
            meets_threshold: None,
            reason: Some(reason),
        }
    }
}

/// The grant element (percent, two decimals) of a commitment by instrument, terms and
/// recipient, or the reason there is none. Grants and aid in kind are 100 %.
pub fn grant_element_pct(
    instrument: Instrument,
    terms: Option<&LoanTerms>,
    recipient: &str,
) -> Result<(Decimal, Option<IncomeGroup>), &'static str> {
    match instrument {
        Instrument::Grant | Instrument::InKind => Ok((Decimal::ONE_HUNDRED, None)),
        Instrument::Loan => {
            let (interest, maturity, grace) = terms.and_then(LoanTerms::complete).ok_or("terms_not_stated")?;
            let group = income_group(recipient).ok_or("recipient_not_on_dac_list")?;
            let f = |d: Decimal| d.to_f64().unwrap_or(f64::NAN);
            let ge = grant_element(f(interest) / 100.0, f(maturity), f(grace), f(group.discount_rate_pct()) / 100.0)
                .ok_or("terms_impossible")?;
            let pct = Decimal::from_f64(ge * 100.0).ok_or("terms_impossible")?.round_dp(2);
            Ok((pct, Some(group)))
        }
        _ => Err("no_dac_method"),
    }
}

/// The grant equivalent of a face value stated with `instrument`, `terms`, to `recipient`.
pub fn grant_equivalent(
    instrument: Instrument,
    terms: Option<&LoanTerms>,
    recipient: &str,
    face: Option<Decimal>,
) -> GrantEquivalent {
    let (pct, group) = match grant_element_pct(instrument, terms, recipient) {
        Ok(x) => x,
        Err(reason) => return GrantEquivalent::missing(reason),
    };
    let Some(face) = face else { return GrantEquivalent::missing("no_amount") };
    let Some(value) = face.checked_mul(pct).map(|v| (v / Decimal::ONE_HUNDRED).round_dp(2)) else {
        return GrantEquivalent::missing("amount_out_of_range");
    };
    GrantEquivalent {
        value: Some(value),
        grant_element_pct: Some(pct),
        discount_rate_pct: group.map(IncomeGroup::discount_rate_pct),
        income_group: group,
        meets_threshold: group.map(|g| pct >= g.threshold_pct()),
        reason: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: Option<f64>, want: f64) {
        let got = got.expect("a grant element");
        assert!((got - want).abs() < 5e-6, "{got} vs {want}");
    }

    /// Worked by hand from the formula in the module doc (a = 2):
    /// 1. 0.5 %, 30 years, 10 of grace, LMIC (7 %): d = √1.07 − 1 = 0.0344080;
    ///    1 − 0.0025/d = 0.9273426; v^20 = 1.07^−10 = 0.5083493, v^60 = 1.07^−30 = 0.1313671;
    ///    (0.5083493 − 0.1313671)/(0.0344080 × 40) = 0.2739056; GE = 0.9273426 × 0.7260944
    ///    = 0.673338.
    /// 2. Interest-free, 40 years, 10 of grace, LDC (9 %): d = √1.09 − 1 = 0.0440307;
    ///    v^20 = 1.09^−10 = 0.4224108, v^80 = 1.09^−40 = 0.0318376;
    ///    (0.4224108 − 0.0318376)/(0.0440307 × 60) = 0.1478414; GE = 0.852159.
    /// 3. Interest-free, repaid at once after 5 years, UMIC (6 %): GE = 1 − 1.06^−5 = 0.252742.
    /// 4. Interest at half the discount rate a period (r/a = d/2) halves the first factor:
    ///    2 %, 20 years, 7 of grace at 6 %: d = 0.0295630, 1 − 0.01/d = 0.6617395;
    ///    v^14 = 1.06^−7 = 0.6650571, v^40 = 1.06^−20 = 0.3118047;
    ///    (0.6650571 − 0.3118047)/(0.0295630 × 26) = 0.4595820; GE = 0.6617395 × 0.5404180
    ///    = 0.357616.
    #[test]
    fn worked_examples() {
        close(grant_element(0.005, 30.0, 10.0, 0.07), 0.673338);
        close(grant_element(0.0, 40.0, 10.0, 0.09), 0.852159);
        close(grant_element(0.0, 5.0, 5.0, 0.06), 0.252742);
        close(grant_element(0.02, 20.0, 7.0, 0.06), 0.357616);
    }

    #[test]
    fn impossible_terms_have_no_grant_element() {
        assert_eq!(grant_element(0.01, 0.0, 0.0, 0.07), None);
        assert_eq!(grant_element(0.01, 10.0, 12.0, 0.07), None);
        assert_eq!(grant_element(f64::NAN, 10.0, 2.0, 0.07), None);
        assert_eq!(grant_element(-0.01, 10.0, 2.0, 0.07), None);
    }

    #[test]
    fn by_instrument_terms_and_recipient() {
        let terms = LoanTerms {
            interest_pct: Some("0.5".parse().unwrap()),
            maturity_years: Some(30.into()),
            grace_years: Some(10.into()),
        };
        let loan = grant_equivalent(Instrument::Loan, Some(&terms), "UA", Some(Decimal::from(100_000_000)));
        assert_eq!(loan.grant_element_pct, Some("67.33".parse().unwrap()));
        assert_eq!(loan.value, Some(Decimal::from(67_330_000)));
        assert_eq!((loan.income_group, loan.meets_threshold), (Some(IncomeGroup::Lmic), Some(true)));
        let grant = grant_equivalent(Instrument::Grant, None, "FR", Some(Decimal::from(5)));
        assert_eq!((grant.value, grant.reason), (Some(Decimal::from(5)), None));
        let bare = grant_equivalent(Instrument::Loan, None, "UA", Some(Decimal::from(5)));
        assert_eq!((bare.value, bare.reason), (None, Some("terms_not_stated")));
        let rich = grant_equivalent(Instrument::Loan, Some(&terms), "DE", Some(Decimal::from(5)));
        assert_eq!(rich.reason, Some("recipient_not_on_dac_list"));
        assert_eq!(grant_equivalent(Instrument::Guarantee, None, "UA", None).reason, Some("no_dac_method"));
        // A face value near the largest exact decimal is refused, not overflowed.
        let huge = grant_equivalent(Instrument::Grant, None, "UA", Some(Decimal::MAX));
        assert_eq!((huge.value, huge.reason), (None, Some("amount_out_of_range")));
        // A loan to an LDC at 0.5 %, 30 years, 10 of grace: 9 % gives more than the 45 % threshold.
        let ldc = grant_equivalent(Instrument::Loan, Some(&terms), "BD", Some(Decimal::ONE));
        assert_eq!(ldc.meets_threshold, Some(true));
        // 4 % over 10 years, 1 of grace to an UMIC is below its 10 % threshold.
        let hard =
            LoanTerms { interest_pct: Some(4.into()), maturity_years: Some(10.into()), grace_years: Some(1.into()) };
        let umic = grant_equivalent(Instrument::Loan, Some(&hard), "BR", Some(Decimal::ONE));
        assert_eq!(umic.meets_threshold, Some(false));
    }

    #[test]
    fn every_listed_code_is_a_country_of_the_lexicon() {
        assert!(DAC_LIST.len() > 130);
        for code in DAC_LIST.keys() {
            let found = matches!(crate::actors::lookup_party(code), crate::actors::PartyLookup::Found(c) if c == *code);
            assert!(found, "{code} is no country the lexicon knows");
        }
    }
}
