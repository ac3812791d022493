//! The stage a later report tells of a commitment made before: a contract signed, an
//! agreement signed, a delivery, a disbursement ("the first of the missiles arrived", "the EIB
//! disbursed the second tranche", "the contract was signed"). The store links such a report
//! to the entry it follows up instead of opening a new one (`store::lifecycle`). The phrase
//! tables are read by `phrase.rs`; an act still to come ("will be delivered", "is expected to
//! be disbursed") is no stage reached. A part ("the second tranche", "the first of the",
//! "part of the") marks a partial delivery or disbursement: the rest stays due.

use serde::Serialize;

use super::phrase::{Hit, find, tokens};
use super::record::Status;

/// A stage a report says a commitment reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    /// `committed` (an agreement signed), `contracted`, `delivered` or `disbursed`.
    pub stage: Status,
    /// Only part of the commitment: a tranche, a first batch.
    pub partial: bool,
    /// The words that told the stage, as the grammar read them.
    pub cue: String,
    /// The part delivered or disbursed, when the sentence states it beside the whole ("the
    /// second tranche of €100 million of its €250 million loan"; "the first 1,000 of the
    /// 5,000 missiles"): set by `annotate.rs` from the sentence's figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_amount: Option<PartAmount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_quantity: Option<rust_decimal::Decimal>,
}

/// A sum of money in its currency's main unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartAmount {
    pub value: rust_decimal::Decimal,
    pub currency: String,
}

/// (stage, pattern), strongest stage first: of several cues in one sentence, the first
/// stage of this table wins.
const STAGES: &[(Status, &str)] = &[
    (Status::Disbursed, "has|have|was|were|had? been? disbursed"),
    (Status::Disbursed, "paid out"),
    (Status::Disbursed, "released the|a"),
    (Status::Disbursed, "has|have|was|were? transferred the|a"),
    (Status::Disbursed, "disbursement of the"),
    (Status::Delivered, "has|have|had? arrived"),
    (Status::Delivered, "has|have|was|were|had been? delivered"),
    (Status::Delivered, "has|have|had delivered"),
    (Status::Delivered, "delivered the|its|their|a"),
    (Status::Delivered, "handed over"),
    (Status::Delivered, "was|were|has been|have been handed"),
    (Status::Delivered, "took|taken delivery"),
    (Status::Delivered, "has|have? received the|its|their"),
    (Status::Delivered, "delivery of the"),
    (Status::Contracted, "signed the|a contract|contracts"),
    (Status::Contracted, "contract|contracts … was|were|has|have been? signed"),
    (Status::Contracted, "awarded the|a contract"),
    (Status::Contracted, "placed the|an|a order"),
    (Status::Committed, "signed the|a|an loan|financing|grant|credit? agreement"),
    (Status::Committed, "agreement … was|has been? signed"),
];

/// Words that make the act one still to come when they stand just before its cue.
const NOT_YET: &[&str] =
    &["will", "would", "shall", "should", "could", "may", "might", "to", "expected", "yet", "not", "never", "once"];

/// A part of the whole: an ordinal tranche or batch, "the first of the", "part of the".
const PARTS: &[&str] = &[
    "first|second|third|fourth|fifth|sixth|final|last|next|initial|remaining|latest|another|1st|2nd|3rd tranche|tranches|batch|batches|instalment|installment|shipment|consignment|delivery|deliveries|part|portion|disbursement",
    "first|second|third|initial|latest tranche|batch|instalment|installment|shipment|consignment|delivery|disbursement",
    "first|some|part|half|rest of the",
    "first {n} of the",
    "the remaining",
];

/// The stage the sentence says the commitment reached, if it tells one that has happened.
pub fn follow_up(sentence: &str) -> Option<FollowUp> {
    let ts = tokens(sentence);
    let (stage, hit) = STAGES.iter().find_map(|(stage, p)| {
        let hit = find(p, &ts)?;
        (!not_yet(&ts, hit)).then_some((*stage, hit))
    })?;
    let part = PARTS.iter().find_map(|p| find(p, &ts));
    Some(FollowUp {
        stage,
        partial: part.is_some(),
        cue: ts[hit.start..hit.start + hit.len].join(" "),
        part_amount: None,
        part_quantity: part.and_then(|h| h.value),
    })
}

/// "will be delivered", "is expected to be disbursed", "not yet delivered".
fn not_yet(ts: &[String], hit: Hit) -> bool {
    ts[hit.start.saturating_sub(3)..hit.start].iter().any(|w| NOT_YET.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project's own sentences, one or more for each stage word.
    #[test]
    fn stages_reached() {
        let cases: &[(&str, Option<(Status, bool)>)] = &[
            ("The first of the missiles arrived in Ukraine on Monday.", Some((Status::Delivered, true))),
            ("The 40 armoured vehicles were delivered to Kyiv last week.", Some((Status::Delivered, false))),
            ("Germany has delivered the remaining howitzers.", Some((Status::Delivered, true))),
            ("Poland handed over 14 tanks to Ukraine.", Some((Status::Delivered, false))),
            ("Ukraine has received the second batch of 10 generators.", Some((Status::Delivered, true))),
            ("The EIB disbursed the second tranche of €100 million to Ukraine.", Some((Status::Disbursed, true))),
            ("The World Bank has disbursed $250 million to Kenya.", Some((Status::Disbursed, false))),
            (
                "Japan released the first tranche of its loan, ¥20bn, to the Philippines.",
                Some((Status::Disbursed, true)),
            ),
            ("The contract for 5,000 missiles was signed on 3 March.", Some((Status::Contracted, false))),
            ("Rheinmetall signed a contract with Ukraine for 100 Lynx vehicles.", Some((Status::Contracted, false))),
            ("France and Egypt signed the loan agreement of €200m in Cairo.", Some((Status::Committed, false))),
            ("The agreement was signed by both ministers.", Some((Status::Committed, false))),
        ];
        for (s, want) in cases {
            assert_eq!(follow_up(s).map(|f| (f.stage, f.partial)), *want, "{s}");
        }
    }

    #[test]
    fn acts_still_to_come_are_no_stage() {
        for s in [
            "The missiles will be delivered next year.",
            "The second tranche is expected to be disbursed in June.",
            "The howitzers have not been delivered.",
            "Britain pledged £1.6bn for 5,000 missiles.",
            "The funds will have arrived by May.",
        ] {
            assert_eq!(follow_up(s), None, "{s}");
        }
    }

    #[test]
    fn the_cue_is_kept() {
        let f = follow_up("The EIB disbursed the second tranche.").unwrap();
        assert_eq!(f.cue, "disbursed");
        let f = follow_up("The first 1,000 of the 5,000 missiles arrived.").unwrap();
        assert_eq!(f.part_quantity, Some(1000.into()));
    }
}
