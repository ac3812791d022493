//! The learned decision on top of the rules (issue 15): the rules propose and describe a
//! record, a logistic model trained on the labelled styles (`pledgewatch train decision`)
//! says how likely it is to be a new commitment, right in donor, recipient and amount.
//!
//! [`features`] describes one record of candidate mode ([`super::candidates`]) with what the
//! rules and the document know: the rule ids that fired (vetoes included), the trigger class,
//! tense and modality, negation, the kind of document and its source, how the roles were found
//! and how far from the figure, the figure's kind. [`Model`] is the data file
//! `crates/pipeline/model/decision.json` (see the README beside it); [`Decision`] is how
//! `extract` uses it: the model decides only when the file says it generalises better than the
//! rules (leave-one-style-out), else the rules decide and the model's file only calibrates
//! their score into a probability.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::record::{Category, Commitment, Instrument, Status};
use super::rules::RULES;
use crate::document::{Document, SegmentKind};
use crate::mentions::{ItemClass, Qualifier};

/// The rule ids that describe a record: every proposing, continuing, vetoing, merging and
/// final rule of the table.
fn described_rule(id: &str) -> bool {
    ["propose-", "continuation-", "veto-", "merge-", "final-"].iter().any(|p| id.starts_with(p))
}

/// Words of the statement, by class: (feature name, words; a word ending in `*` is a stem).
const WORD_CLASSES: &[(&str, &[&str])] = &[
    ("words:future", &["will", "shall", "plans", "plan", "intends", "going"]),
    ("words:modal", &["would", "could", "may", "might", "should", "can"]),
    ("words:perfect", &["has", "have", "had"]),
    ("words:negation", &["not", "no", "never", "nor", "without", "n't"]),
    ("words:call", &["calls", "call", "urge*", "ask*", "request*", "appeal*", "needs", "must"]),
    ("words:new", &["new", "additional", "today", "today's", "announce*", "further", "another"]),
    ("words:cumulative", &["total*", "since", "so far", "altogether", "cumulative", "overall", "more than"]),
    ("words:budget", &["budget*", "appropriat*", "fiscal", "congress", "bill", "act", "legislation"]),
    ("words:private", &["company", "companies", "investment*", "invest*", "private", "firm*", "corporation*"]),
    ("trigger:pledge", &["pledg*", "commit*", "promis*"]),
    ("trigger:provide", &["provid*", "send*", "sent", "deliver*", "donat*", "give*", "gave", "supply*", "supplie*"]),
    ("trigger:loan", &["loan*", "lend*", "credit*", "guarantee*", "financ*"]),
    ("trigger:grant", &["grant*", "aid", "assistance", "support", "relief", "humanitarian"]),
    ("trigger:package", &["package*", "tranche*", "drawdown*"]),
    ("trigger:deal", &["deal*", "contract*", "agreement*", "sign*", "sale*", "buy*", "purchas*"]),
];

/// Document-level features: the kind of document and its source (never the label batch).
const TITLE_KINDS: &[(&str, &[&str])] = &[
    ("title:fact-sheet", &["fact sheet"]),
    ("title:remarks", &["remarks", "speech", "interview"]),
    ("title:briefing", &["briefing", "gaggle", "press conference"]),
    ("title:memorandum", &["memorandum", "delegation of authority", "determination"]),
    ("title:statement", &["statement"]),
    ("title:readout", &["readout", "joint statement", "meeting"]),
    ("title:aid", &["aid", "assistance", "support", "loan", "grant", "package", "donat"]),
];

/// Names of the features, in the order [`features`] gives them.
pub static FEATURE_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut names: Vec<String> =
        RULES.iter().filter(|r| described_rule(r.id)).map(|r| format!("rule:{}", r.id)).collect();
    for n in [
        "amount:present",
        "amount:log10-usd",
        "qualifier:up-to",
        "qualifier:approx",
        "qualifier:more-than",
        "items:present",
        "items:military",
        "items:relief",
    ] {
        names.push(n.into());
    }
    for c in ["military", "financial", "humanitarian", "other"] {
        names.push(format!("category:{c}"));
    }
    for i in ["grant", "loan", "guarantee", "export-finance", "in-kind", "contract", "budget-support", "unspecified"] {
        names.push(format!("instrument:{i}"));
    }
    for s in ["intent", "announced", "committed", "contracted", "delivered", "disbursed"] {
        names.push(format!("status:{s}"));
    }
    for n in [
        "donor:in-statement",
        "donor:country",
        "donor:us",
        "donor:distance",
        "recipient:in-statement",
        "recipient:country",
        "recipient:distance",
        "roles:same-country",
        "score",
        "statement:headline",
        "statement:position",
        "statement:sentences",
        "statement:length",
    ] {
        names.push(n.into());
    }
    names.extend(WORD_CLASSES.iter().map(|(n, _)| n.to_string()));
    names.extend(TITLE_KINDS.iter().map(|(n, _)| n.to_string()));
    for n in ["source:government-host", "source:no-url", "source:transcript", "source:length", "source:short"] {
        names.push(n.into());
    }
    names
});

/// Describes a record of `doc` as [`FEATURE_NAMES`] lists; every value lies in [0, 1]. Reads
/// the statement's words once, without allocating per word.
pub fn features(doc: &Document, c: &Commitment) -> Vec<f64> {
    let mut f = Vec::with_capacity(FEATURE_NAMES.len());
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    for r in RULES.iter().filter(|r| described_rule(r.id)) {
        f.push(flag(c.rules.contains(&r.id)));
    }
    let amount = c.amount.as_ref();
    f.push(flag(amount.is_some()));
    let usd = c
        .value_usd
        .as_ref()
        .map(|v| v.value)
        .or(amount.map(|a| a.value))
        .and_then(|v| v.to_string().parse::<f64>().ok())
        .unwrap_or(0.0);
    f.push((usd.max(0.0) + 1.0).log10().min(13.0) / 13.0);
    let q = amount.map(|a| a.qualifier);
    f.push(flag(q == Some(Qualifier::UpTo)));
    f.push(flag(q == Some(Qualifier::Approx)));
    f.push(flag(q == Some(Qualifier::MoreThan)));
    f.push(flag(!c.items.is_empty()));
    f.push(flag(c.items.iter().any(|i| i.class.is_military())));
    f.push(flag(c.items.iter().any(|i| matches!(i.class, ItemClass::Medical | ItemClass::Food))));
    for k in [Category::Military, Category::Financial, Category::Humanitarian, Category::Other] {
        f.push(flag(c.category == k));
    }
    for k in [
        Instrument::Grant,
        Instrument::Loan,
        Instrument::Guarantee,
        Instrument::ExportFinance,
        Instrument::InKind,
        Instrument::Contract,
        Instrument::BudgetSupport,
        Instrument::Unspecified,
    ] {
        f.push(flag(c.instrument == k));
    }
    for k in
        [Status::Intent, Status::Announced, Status::Committed, Status::Contracted, Status::Delivered, Status::Disbursed]
    {
        f.push(flag(c.status == k));
    }
    let span = |field: &str| c.evidence.iter().find(|e| e.field == field).map(|e| e.bytes);
    let statement = span("statement").unwrap_or((0, 0));
    let figure = span("amount").or(span("items")).unwrap_or(statement);
    let inside = |b: (usize, usize)| statement.0 <= b.0 && b.1 <= statement.1;
    // Bytes from the figure, in units of a long sentence, capped: 1 is "far or elsewhere".
    let distance = |b: Option<(usize, usize)>| {
        b.filter(|b| inside(*b)).map_or(1.0, |b| {
            let d = if b.1 <= figure.0 { figure.0 - b.1 } else { b.0.saturating_sub(figure.1) };
            (d as f64 / 300.0).min(1.0)
        })
    };
    let country = |p: Option<&super::record::Party>| p.is_some_and(|p| p.id.len() == 2);
    let donor = span("donor");
    let recipient = span("recipient");
    f.push(flag(donor.is_some_and(inside)));
    f.push(flag(country(c.donor.as_ref())));
    f.push(flag(c.donor.as_ref().is_some_and(|p| p.id == "US")));
    f.push(distance(donor));
    f.push(flag(recipient.is_some_and(inside)));
    f.push(flag(country(c.recipient.as_ref())));
    f.push(distance(recipient));
    f.push(flag(c.donor.as_ref().zip(c.recipient.as_ref()).is_some_and(|(d, r)| d.id == r.id)));
    f.push(c.confidence.clamp(0.0, 1.0));
    let headline = doc.segment_at(statement.0).is_some_and(|k| doc.segments[k].kind == SegmentKind::Headline);
    f.push(flag(headline));
    f.push(if doc.text.is_empty() { 0.0 } else { statement.0 as f64 / doc.text.len() as f64 });
    let sentences = c.rules.iter().filter(|r| r.starts_with("propose-") || r.starts_with("continuation-")).count();
    f.push((sentences as f64 / 4.0).min(1.0));
    let text = doc.text.get(statement.0..statement.1).unwrap_or("");
    f.push((text.len() as f64 / 600.0).min(1.0));
    let mut seen = [false; WORD_CLASSES.len()];
    let mut prev = "";
    for w in text.split(|ch: char| !(ch.is_alphanumeric() || ch == '\'')).filter(|w| !w.is_empty()) {
        for (k, (_, list)) in WORD_CLASSES.iter().enumerate() {
            if !seen[k] && list.iter().any(|p| word_matches(prev, w, p)) {
                seen[k] = true;
            }
        }
        prev = w;
    }
    f.extend(seen.iter().map(|&b| flag(b)));
    let title = doc.title.as_deref().unwrap_or("");
    for (_, cues) in TITLE_KINDS {
        f.push(flag(cues.iter().any(|cue| contains_ignore_case(title, cue))));
    }
    let host = doc.url.as_deref().and_then(host_of).unwrap_or("");
    f.push(flag(
        host.ends_with(".gov") || host.contains(".gov.") || host.ends_with(".gc.ca") || host.contains(".gouv."),
    ));
    f.push(flag(doc.url.is_none()));
    f.push(flag(doc.text.contains("\nQ ") || doc.text.contains("\nQ:")));
    f.push(((doc.text.len() as f64 + 1.0).log10() / 6.0).min(1.0));
    f.push(flag(doc.text.len() < 2_000));
    debug_assert_eq!(f.len(), FEATURE_NAMES.len());
    f
}

/// Whether word `w` (after `prev`) is `pattern`: equal ignoring case, a stem ending in `*`, or
/// a two-word pattern ("so far") ending at `w`.
fn word_matches(prev: &str, w: &str, pattern: &str) -> bool {
    if let Some((a, b)) = pattern.split_once(' ') {
        return prev.eq_ignore_ascii_case(a) && w.eq_ignore_ascii_case(b);
    }
    match pattern.strip_suffix('*') {
        Some(stem) => w.len() >= stem.len() && w.get(..stem.len()).is_some_and(|s| s.eq_ignore_ascii_case(stem)),
        None => w.eq_ignore_ascii_case(pattern) || (pattern == "n't" && w.len() > 3 && w.ends_with("n't")),
    }
}

fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#', ':']).next().filter(|h| !h.is_empty())
}

/// Platt scaling: `p = 1 / (1 + e^-(a·x + b))` of one input (today's score). Monotone
/// increasing when `a ≥ 0`, which training ensures.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Platt {
    pub a: f64,
    pub b: f64,
}

impl Platt {
    pub fn probability(&self, x: f64) -> f64 {
        sigmoid(self.a.max(0.0) * x + self.b)
    }
}

/// The decision model's data file.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Model {
    /// Whether `extract` lets the model decide (true only when its leave-one-style-out worst
    /// style beats the rules alone without inventing more); else the rules decide and
    /// `calibration` turns their score into a probability.
    pub by_default: bool,
    /// A record is kept when its probability reaches this.
    pub threshold: f64,
    pub intercept: f64,
    /// (feature name, weight); a name today's [`FEATURE_NAMES`] lacks weighs nothing.
    pub weights: Vec<(String, f64)>,
    /// The rules' score → probability that the record is right.
    pub calibration: Option<Platt>,
}

impl Model {
    /// The probability that a record described by `x` ([`features`]) is right.
    pub fn probability(&self, x: &[f64]) -> f64 {
        let z = self.intercept + self.aligned().iter().zip(x).map(|(w, v)| w * v).sum::<f64>();
        sigmoid(z)
    }

    /// The weights in [`FEATURE_NAMES`] order.
    fn aligned(&self) -> Vec<f64> {
        FEATURE_NAMES.iter().map(|n| self.weights.iter().find(|(m, _)| m == n).map_or(0.0, |(_, w)| *w)).collect()
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The committed model (`crates/pipeline/model/decision.json`), read once.
pub static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| serde_json::from_str(include_str!("../../model/decision.json")).ok());

/// Who decides what `extract` keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The rules' vetoes, with confidence calibrated by the model file.
    Rules,
    /// Candidate mode, then the model: a record stays when its probability reaches the threshold.
    Model,
}

impl Decision {
    /// The model file's choice, unless `PLEDGEWATCH_DECISION` is `rules` or `model`.
    pub fn current() -> Decision {
        static CURRENT: LazyLock<Decision> =
            LazyLock::new(|| match std::env::var("PLEDGEWATCH_DECISION").ok().as_deref() {
                Some("model") if MODEL.is_some() => Decision::Model,
                Some("rules") => Decision::Rules,
                _ if MODEL.as_ref().is_some_and(|m| m.by_default) => Decision::Model,
                _ => Decision::Rules,
            });
        *CURRENT
    }
}

/// Applies the decision to the records of one document: under [`Decision::Model`] drops those
/// below the threshold; in both, `confidence` becomes the probability (two decimals).
pub(super) fn decide(doc: &Document, decision: Decision, commitments: &mut Vec<Commitment>) {
    let Some(model) = MODEL.as_ref() else { return };
    match decision {
        Decision::Model => {
            commitments.retain_mut(|c| {
                let p = model.probability(&features(doc, c));
                c.confidence = (p * 100.0).round() / 100.0;
                p >= model.threshold
            });
        }
        Decision::Rules => {
            if let Some(cal) = &model.calibration {
                for c in commitments {
                    c.confidence = (cal.probability(c.confidence) * 100.0).round() / 100.0;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitments::candidates;
    use crate::document::RawDocument;
    use pledgewatch_rates::RateTable;

    fn doc(title: &str, url: Option<&str>, text: &str) -> Document {
        Document::build(RawDocument {
            text: text.into(),
            title: Some(title.into()),
            url: url.map(str::to_string),
            source: "t.txt".into(),
            ..RawDocument::default()
        })
    }

    fn value(x: &[f64], name: &str) -> f64 {
        let k = FEATURE_NAMES.iter().position(|n| n == name).unwrap_or_else(|| panic!("no feature {name}"));
        x[k]
    }

    /// Sentences written for this test: (title, url, text, features that must be 1, that must be 0).
    #[test]
    fn features_describe_the_rules_the_words_and_the_source() {
        type Case =
            (&'static str, Option<&'static str>, &'static str, &'static [&'static str], &'static [&'static str]);
        let cases: &[Case] = &[
            (
                "Statement on aid",
                Some("https://www.regjeringen.gov.no/en/aid"),
                "Norway will provide NOK 500 million in humanitarian assistance to Sudan.",
                &[
                    "rule:propose-trigger",
                    "words:future",
                    "trigger:provide",
                    "amount:present",
                    "donor:in-statement",
                    "recipient:in-statement",
                    "donor:country",
                    "category:humanitarian",
                    "title:statement",
                    "source:government-host",
                    "source:short",
                ],
                &["rule:veto-negated", "words:negation", "source:no-url", "items:present", "donor:us"],
            ),
            (
                "Ministers meet",
                None,
                "Sweden will not provide SEK 300 million to Kenya this year.",
                &["rule:veto-negated", "words:negation", "source:no-url", "trigger:provide"],
                &["rule:veto-no-trigger", "source:government-host", "title:statement"],
            ),
            (
                "Readout of a call",
                None,
                "Finland will give EUR 50 million in loans to Kenya if partners agree.",
                &["rule:veto-call-or-condition", "words:future", "trigger:loan", "instrument:loan", "title:readout"],
                &["rule:veto-negated", "words:perfect", "words:call"],
            ),
        ];
        for (title, url, text, on, off) in cases {
            let d = doc(title, *url, text);
            let ex = candidates(&d, RateTable::embedded());
            let [c] = ex.commitments.as_slice() else { panic!("{text}: {} candidates", ex.commitments.len()) };
            let x = features(&d, c);
            assert_eq!(x.len(), FEATURE_NAMES.len());
            assert!(x.iter().all(|v| (0.0..=1.0).contains(v)), "{text}: a feature outside [0, 1]");
            for name in *on {
                assert_eq!(value(&x, name), 1.0, "{text}: {name} should be set");
            }
            for name in *off {
                assert_eq!(value(&x, name), 0.0, "{text}: {name} should not be set");
            }
        }
    }

    #[test]
    fn a_veto_describes_a_candidate_and_still_drops_the_record_by_rules() {
        let d = doc("Ministers meet", None, "Sweden will not provide SEK 300 million to Kenya this year.");
        let rates = RateTable::embedded();
        assert!(crate::commitments::by_rules(&d, rates).commitments.is_empty());
        let ex = candidates(&d, rates);
        assert_eq!(ex.commitments.len(), 1);
        assert!(ex.commitments[0].rules.contains(&"veto-negated"), "{:?}", ex.commitments[0].rules);
    }

    #[test]
    fn word_classes_match_stems_pairs_and_contractions() {
        assert!(word_matches("", "Pledged", "pledg*"));
        assert!(word_matches("so", "far", "so far"));
        assert!(!word_matches("", "far", "so far"));
        assert!(word_matches("", "won't", "n't"));
        assert!(!word_matches("", "plan", "plans"));
    }

    #[test]
    fn calibration_is_monotone() {
        let committed = MODEL.as_ref().and_then(|m| m.calibration.clone());
        let fitted_backwards = Platt { a: -3.0, b: 1.0 };
        for cal in committed.iter().chain([&Platt { a: 2.0, b: -1.0 }, &fitted_backwards]) {
            let ps: Vec<f64> = (0..=100).map(|k| cal.probability(k as f64 / 100.0)).collect();
            assert!(ps.windows(2).all(|w| w[0] <= w[1]), "{cal:?} is not monotone");
            assert!(ps.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }

    #[test]
    fn the_committed_model_names_only_known_features() {
        let model = MODEL.as_ref().expect("crates/pipeline/model/decision.json parses");
        for (name, _) in &model.weights {
            assert!(FEATURE_NAMES.contains(name), "{name}: no such feature (retrain the model)");
        }
        assert!((0.0..=1.0).contains(&model.threshold));
    }
}
