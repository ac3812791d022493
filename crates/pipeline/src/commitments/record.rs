//! The commitment record, as DESIGN.md describes it. Offsets are code points.

use jiff::civil::Date;
use pledgewatch_rates::{Converted, Unconverted};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::mentions::{ItemClass, Qualifier};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Military,
    Financial,
    Humanitarian,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    Grant,
    Loan,
    Guarantee,
    ExportFinance,
    InKind,
    Contract,
    BudgetSupport,
    Unspecified,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Intent,
    Announced,
    Committed,
    Contracted,
    Delivered,
    Disbursed,
}

/// A donor or recipient: ISO 3166-1 alpha-2 or an institution slug.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Party {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Amount {
    pub value: Decimal,
    pub currency: String,
    pub qualifier: Qualifier,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub quantity: Option<Decimal>,
    pub qualifier: Option<Qualifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<Decimal>,
    pub item: String,
    pub class: ItemClass,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NamedIn {
    pub name: String,
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Announcer {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A span of the document text that states a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub field: &'static str,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub bytes: (usize, usize),
}

/// One commitment as one document states it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Commitment {
    pub id: String,
    pub donor: Option<Party>,
    pub recipient: Option<Party>,
    pub category: Category,
    pub instrument: Instrument,
    pub status: Status,
    pub amount: Option<Amount>,
    pub value_eur: Option<Converted>,
    pub value_usd: Option<Converted>,
    /// Why the amount (in EUR, else in USD) was not converted: a currency the ECB does not
    /// publish on that date, or `rates_stale`, a date after the newest rates, until they
    /// are updated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unconverted: Option<Unconverted>,
    pub items: Vec<Item>,
    pub made_in: Option<NamedIn>,
    pub supplier: Option<NamedIn>,
    pub announced_on: Option<Date>,
    /// For multi-year commitments: `START/END`, end exclusive.
    pub period: Option<String>,
    pub announced_by: Option<Announcer>,
    pub confidence: f64,
    /// The ids of the rules that proposed it (`rules::RULES`): one per sentence merged into it,
    /// each once, in document order.
    pub rules: Vec<&'static str>,
    pub evidence: Vec<Evidence>,
    /// What the sentence says beyond the commitment itself: a stage reached, loan terms,
    /// and the grant equivalent they give (`annotate.rs`).
    #[serde(flatten)]
    pub annotations: Annotations,
}

/// A later stage the report tells, the loan terms it states, and the grant equivalent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Annotations {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<super::lifecycle::FollowUp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<super::terms::LoanTerms>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_equivalent: Option<crate::grant_equivalent::GrantEquivalent>,
}
