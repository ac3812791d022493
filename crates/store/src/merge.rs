//! Merging across sources: when two reports state the same commitment, and
//! what the ledger entry of several reports says.
//!
//! Pure functions of their inputs, so that the ledger is a function of the
//! documents and the order they are ingested in (the ingest keeps input order,
//! so a rerun after a crash rebuilds exactly the same ledger), and within a
//! cluster of reports that all agree, of the documents alone.
//!
//! Two reports are the same commitment when they have the same donor and
//! recipient, come from different documents, were announced within
//! [`DATE_WINDOW_DAYS`] of each other, nothing about them conflicts (category,
//! a grant against a loan, a different count of the same kind of item), and
//! their figures agree — the same stated value within [`TOLERANCE`] in EUR, or
//! one inside the other's range ("up to £1.6bn" covers "£1.16bn") — or, failing
//! figures, they count the
//! same items ("5,000 missiles"). A figure inside another's range counts only
//! for reports at most [`CONTAINMENT_WINDOW_DAYS`] apart.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Reports of one commitment are announced within this many days of each other.
pub const DATE_WINDOW_DAYS: i32 = 10;

/// A figure inside another's range ("£1.16bn" within "up to £1.6bn") is the same
/// commitment only within these few days: a government that announces capped
/// packages weekly ("up to $725m", then "$625m" ten days earlier) has
/// different commitments close together.
pub const CONTAINMENT_WINDOW_DAYS: i32 = 3;

/// Figures within 3 % of each other (after conversion to EUR) are the same figure.
pub const TOLERANCE: Decimal = Decimal::from_parts(3, 0, 0, false, 2);

/// A converted value with the rate used, as the pipeline gives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Converted {
    pub value: Decimal,
    pub rate: Decimal,
    pub rate_date: Date,
}

/// An amount as one report states it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub value: Decimal,
    pub currency: String,
    /// `exact`, `approx`, `up_to`, `at_least`, `more_than`, `less_than`, `range`.
    pub qualifier: String,
    pub upper: Option<Decimal>,
    pub eur: Option<Converted>,
    pub usd: Option<Converted>,
}

impl Figure {
    /// The variant key: reports with the same key state the same figure.
    pub fn key(&self) -> String {
        let mut k = format!("{} {} {}", self.qualifier, self.value.normalize(), self.currency);
        if let Some(u) = self.upper {
            k.push_str(&format!(" ..{}", u.normalize()));
        }
        k
    }

    /// A single value, not a bound or a range ("about $1m to $10m" is a range).
    fn is_point(&self) -> bool {
        matches!(self.qualifier.as_str(), "exact" | "approx") && self.upper.is_none()
    }

    /// The figure in EUR when it was converted, else in its own currency:
    /// (unit, stated value, upper end of a range).
    fn in_common_unit(&self) -> (&str, Decimal, Option<Decimal>) {
        match &self.eur {
            Some(c) if !c.rate.is_zero() => {
                let conv = |v: Decimal| v.checked_div(c.rate).unwrap_or(v);
                ("EUR", conv(self.value), self.upper.map(conv))
            }
            _ => (self.currency.as_str(), self.value, self.upper),
        }
    }

    /// The values a bound or range admits; `None` for a point. An "up to X"
    /// often comes beside the firm first tranche of the same deal, so it
    /// admits X/2..X.
    fn span(&self) -> Option<(Decimal, Decimal)> {
        let (_, v, upper) = self.in_common_unit();
        match (self.qualifier.as_str(), upper) {
            (_, Some(u)) => Some((v, u)),
            ("up_to" | "less_than", None) => Some((v / Decimal::TWO, v)),
            ("at_least" | "more_than", None) => Some((v, v * Decimal::new(15, 1))),
            _ => None,
        }
    }
}

/// How two figures agree: the same stated value (within the tolerance,
/// whatever the qualifiers: "up to £1.6bn" and "£1.6bn" are one figure), or —
/// for reports at most [`CONTAINMENT_WINDOW_DAYS`] apart — one inside the
/// other's range.
fn figures_agree(a: &Figure, b: &Figure, days_apart: i32) -> Option<Strength> {
    let (au, av, aup) = a.in_common_unit();
    let (bu, bv, bup) = b.in_common_unit();
    if au != bu {
        return None;
    }
    let uppers_agree = match (aup, bup) {
        (Some(x), Some(y)) => close((x, x), (y, y)),
        _ => true,
    };
    if close((av, av), (bv, bv)) && uppers_agree {
        return Some(Strength::Figure);
    }
    if days_apart > CONTAINMENT_WINDOW_DAYS {
        return None;
    }
    let inside =
        |range: &Figure, point: &Figure, p: Decimal| point.is_point() && range.span().is_some_and(|r| close(r, (p, p)));
    (inside(a, b, bv) || inside(b, a, av)).then_some(Strength::Overlap)
}

/// A count of items of one class ("5,000 missiles").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCount {
    pub class: String,
    pub quantity: Option<Decimal>,
    pub qualifier: Option<String>,
    pub upper: Option<Decimal>,
}

impl ItemCount {
    fn interval(&self) -> Option<(Decimal, Decimal)> {
        let q = self.quantity?;
        Some(match self.qualifier.as_deref() {
            Some("up_to" | "less_than") => (q / Decimal::TWO, q),
            Some("at_least" | "more_than") => (q, q * Decimal::new(15, 1)),
            Some("range") => (q, self.upper.unwrap_or(q)),
            _ => (q, q),
        })
    }
}

/// What merging needs to know about one stored commitment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub commitment_id: String,
    pub document_id: String,
    /// The document's publication date.
    pub published: Option<Date>,
    pub donor: (String, String),
    pub recipient: (String, String),
    pub category: String,
    pub instrument: String,
    pub status: String,
    pub announced_on: Option<Date>,
    pub figure: Option<Figure>,
    pub items: Vec<ItemCount>,
    pub confidence: f64,
    /// The stage this report is of its entry when it is a later report linked to it
    /// (`lifecycle.rs`): its figure is a part delivered or disbursed, not the entry's figure.
    pub stage_event: Option<String>,
    /// A loan's grant element in percent from its stated terms (`grant_equivalent.rs` of
    /// the pipeline), else why there is none.
    pub grant_element: Option<Decimal>,
    pub grant_equivalent_reason: Option<String>,
}

/// How strongly two reports are known to be one commitment, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// One figure lies inside the other's range.
    Overlap,
    /// No agreeing figures, but the same count of the same items.
    Items,
    /// Both state the same value, within the tolerance.
    Figure,
}

/// Whether two intervals are within the tolerance of each other.
fn close(a: (Decimal, Decimal), b: (Decimal, Decimal)) -> bool {
    let gap = (a.0.max(b.0) - a.1.min(b.1)).max(Decimal::ZERO);
    gap <= TOLERANCE * a.1.max(b.1).abs()
}

/// Instruments that name different kinds of money: a grant is never a loan.
const EXCLUSIVE_INSTRUMENTS: &[&str] = &["grant", "loan", "guarantee"];

/// Whether `a` and `b` cannot be the same commitment, whatever their figures.
fn conflicts(a: &Report, b: &Report) -> bool {
    if a.document_id == b.document_id || a.donor.0 != b.donor.0 || a.recipient.0 != b.recipient.0 {
        return true;
    }
    if days_apart(a, b).is_none_or(|d| d > DATE_WINDOW_DAYS) {
        return true;
    }
    if a.category != b.category && a.category != "other" && b.category != "other" {
        return true;
    }
    if a.instrument != b.instrument
        && EXCLUSIVE_INSTRUMENTS.contains(&a.instrument.as_str())
        && EXCLUSIVE_INSTRUMENTS.contains(&b.instrument.as_str())
    {
        return true;
    }
    // A different count of the same kind of item is a different deal.
    items_compared(a, b).0
}

/// (some class is counted differently, some class is counted the same).
fn items_compared(a: &Report, b: &Report) -> (bool, bool) {
    let (mut differ, mut same) = (false, false);
    for x in a.items.iter().filter(|i| i.class != "other") {
        for y in b.items.iter().filter(|i| i.class == x.class) {
            if let (Some(p), Some(q)) = (x.interval(), y.interval()) {
                if close(p, q) {
                    same = true;
                } else {
                    differ = true;
                }
            }
        }
    }
    (differ, same)
}

/// `Some(strength)` when `a` and `b` report the same commitment.
pub fn same_commitment(a: &Report, b: &Report) -> Option<Strength> {
    if conflicts(a, b) {
        return None;
    }
    if let (Some(fa), Some(fb), Some(days)) = (&a.figure, &b.figure, days_apart(a, b))
        && let Some(s) = figures_agree(fa, fb, days)
    {
        return Some(s);
    }
    items_compared(a, b).1.then_some(Strength::Items)
}

fn days_apart(a: &Report, b: &Report) -> Option<i32> {
    Some((a.announced_on? - b.announced_on?).get_days().abs())
}

/// The entry a new report joins: among the entries none of whose members
/// conflicts with it, the one with the strongest match to some member, then
/// the closest announcement, then the smallest id. `None`: a new entry.
pub fn choose_entry<'a>(report: &Report, entries: &'a [(String, Vec<Report>)]) -> Option<&'a str> {
    let mut best: Option<(Strength, i32, &str)> = None;
    for (id, members) in entries {
        if members.iter().any(|m| conflicts(report, m)) {
            continue;
        }
        let Some((strength, distance)) = members
            .iter()
            .filter_map(|m| {
                let s = same_commitment(report, m)?;
                Some((s, -days_apart(report, m).unwrap_or(i32::MAX)))
            })
            .max()
        else {
            continue;
        };
        let candidate = (strength, distance, id.as_str());
        let better = match best {
            None => true,
            Some((s, d, i)) => (strength, distance) > (s, d) || ((strength, distance) == (s, d) && id.as_str() < i),
        };
        if better {
            best = Some(candidate);
        }
    }
    best.map(|b| b.2)
}

/// A reviewer's overrides of an entry's computed fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edits {
    /// The variant key the reviewer chose as the entry's figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Fields beyond the classification (donor, recipient, amount, date, items,
    /// supplier, place of manufacture): see `edit.rs`.
    #[serde(flatten)]
    pub fields: crate::edit::FieldEdits,
}

/// One differing figure of an entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Variant {
    pub key: String,
    pub figure: Figure,
    pub n_sources: usize,
    pub first_reported: Option<Date>,
}

/// What an entry says, computed from its members (and a reviewer's edits).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Canonical {
    pub donor: (String, String),
    pub recipient: (String, String),
    pub category: String,
    pub instrument: String,
    pub status: String,
    /// The entry's figure: a reviewer's choice, else the variant most sources
    /// state (ties: an exact figure, then the earliest reported, then the key).
    pub figure: Option<Figure>,
    pub announced_on: Option<Date>,
    pub first_reported: Option<Date>,
    pub n_sources: usize,
    pub confidence: f64,
    /// In key order.
    pub variants: Vec<Variant>,
    /// The entry's grant equivalent in EUR (`grant_equivalent`), else why there is none.
    pub grant_equivalent_eur: Option<Decimal>,
    pub grant_equivalent_reason: Option<String>,
}

const STATUS_ORDER: &[&str] = &["intent", "announced", "committed", "contracted", "delivered", "disbursed"];

/// The entry of `members` (at least one), independent of their order.
pub fn canonical(members: &[Report], edits: &Edits) -> Canonical {
    let mut all: Vec<&Report> = members.iter().collect();
    all.sort_by(|a, b| a.commitment_id.cmp(&b.commitment_id));
    // A later stage linked to the entry (a tranche disbursed) adds a source and a status,
    // never a figure, a date or a kind: those are the commitment's own.
    let own: Vec<&Report> = all.iter().copied().filter(|m| m.stage_event.is_none()).collect();
    let members = if own.is_empty() { all.clone() } else { own };
    let first = members[0];

    // Variants, each with its reports; a figure's conversion is the one of its earliest announcement.
    let mut groups: BTreeMap<String, Vec<&Report>> = BTreeMap::new();
    for m in &members {
        if let Some(f) = &m.figure {
            groups.entry(f.key()).or_default().push(m);
        }
    }
    let variants: Vec<Variant> = groups
        .into_iter()
        .map(|(key, reports)| {
            let earliest = reports
                .iter()
                .min_by_key(|r| (r.announced_on.is_none(), r.announced_on))
                .copied()
                .unwrap_or(reports[0]);
            let mut docs: Vec<&str> = reports.iter().map(|r| r.document_id.as_str()).collect();
            docs.sort_unstable();
            docs.dedup();
            Variant {
                key,
                figure: earliest.figure.clone().expect("grouped by figure"),
                n_sources: docs.len(),
                first_reported: reports.iter().filter_map(|r| r.published).min(),
            }
        })
        .collect();
    let chosen = edits.figure.as_deref().and_then(|k| variants.iter().find(|v| v.key == k));
    let figure = chosen
        .or_else(|| {
            variants.iter().min_by(|a, b| {
                b.n_sources
                    .cmp(&a.n_sources)
                    .then(b.figure.is_point().cmp(&a.figure.is_point()))
                    .then(
                        (a.first_reported.is_none(), a.first_reported)
                            .cmp(&(b.first_reported.is_none(), b.first_reported)),
                    )
                    .then(a.key.cmp(&b.key))
            })
        })
        .map(|v| v.figure.clone());

    let category = edits.category.clone().unwrap_or_else(|| mode(members.iter().map(|m| m.category.as_str()), "other"));
    let instrument =
        edits.instrument.clone().unwrap_or_else(|| mode(members.iter().map(|m| m.instrument.as_str()), "unspecified"));
    let status = edits.status.clone().unwrap_or_else(|| {
        let rank = |s: &str| STATUS_ORDER.iter().position(|x| *x == s).unwrap_or(0);
        let stage = |m: &&Report| m.stage_event.clone().unwrap_or_else(|| m.status.clone());
        all.iter().map(stage).max_by_key(|s| (rank(s), s.clone())).unwrap_or_else(|| "announced".into())
    });
    let mut docs: Vec<&str> = all.iter().map(|m| m.document_id.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let mut entry = Canonical {
        donor: first.donor.clone(),
        recipient: first.recipient.clone(),
        category,
        instrument,
        status,
        figure,
        announced_on: members.iter().filter_map(|m| m.announced_on).min(),
        first_reported: members.iter().filter_map(|m| m.published).min(),
        n_sources: docs.len(),
        confidence: members.iter().map(|m| m.confidence).fold(0.0, f64::max),
        variants,
        grant_equivalent_eur: None,
        grant_equivalent_reason: None,
    };
    edits.fields.overlay(&mut entry);
    let (ge, reason) = grant_equivalent(&entry, &members);
    entry.grant_equivalent_eur = ge;
    entry.grant_equivalent_reason = reason;
    entry
}

/// The entry's grant equivalent in EUR by the OECD DAC method: a grant or aid in kind is
/// its face value; a loan, its face value times the grant element of the terms a report
/// states (the report of the entry's figure first); anything else has no DAC method.
fn grant_equivalent(entry: &Canonical, members: &[&Report]) -> (Option<Decimal>, Option<String>) {
    let missing = |r: &str| (None, Some(r.to_string()));
    let pct = match entry.instrument.as_str() {
        "grant" | "in_kind" => Decimal::ONE_HUNDRED,
        "loan" => {
            let key = entry.figure.as_ref().map(Figure::key);
            let mut stated: Vec<&&Report> = members.iter().filter(|m| m.grant_element.is_some()).collect();
            stated.sort_by_key(|m| m.figure.as_ref().map(Figure::key) != key);
            match stated.first().and_then(|m| m.grant_element) {
                Some(p) => p,
                None => {
                    let why = members.iter().find_map(|m| m.grant_equivalent_reason.clone());
                    return missing(why.as_deref().unwrap_or("terms_not_stated"));
                }
            }
        }
        _ => return missing("no_dac_method"),
    };
    let Some(f) = &entry.figure else { return missing("no_amount") };
    let Some(eur) = f.eur.as_ref().filter(|c| !c.rate.is_zero()) else { return missing("not_converted") };
    match f.value.checked_div(eur.rate).and_then(|v| v.checked_mul(pct)) {
        Some(v) => (Some((v / Decimal::ONE_HUNDRED).round_dp(2)), None),
        None => missing("amount_out_of_range"),
    }
}

/// The most frequent value other than `vague` (ties: the smallest), else `vague`.
fn mode<'a>(values: impl Iterator<Item = &'a str>, vague: &str) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values.filter(|v| *v != vague) {
        *counts.entry(v).or_default() += 1;
    }
    let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    best.map(|(v, _)| v.to_string()).unwrap_or_else(|| vague.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// A report of GB → UA on `day` of March 2025 with a figure in GBP at 0.8261 per euro.
    fn report(id: &str, day: i8, figure: Option<(&str, &str, &str)>, items: &[(&str, &str)]) -> Report {
        let figure = figure.map(|(q, v, cur)| {
            let rate = if cur == "EUR" { Decimal::ONE } else { dec("0.8261") };
            let value = dec(v);
            Figure {
                value,
                currency: cur.into(),
                qualifier: q.into(),
                upper: None,
                eur: Some(Converted { value: (value / rate).round_dp(2), rate, rate_date: date(2025, 2, 28) }),
                usd: None,
            }
        });
        Report {
            commitment_id: format!("c-{id}"),
            document_id: format!("d-{id}"),
            published: Some(date(2025, 3, day)),
            donor: ("GB".into(), "United Kingdom".into()),
            recipient: ("UA".into(), "Ukraine".into()),
            category: "military".into(),
            instrument: "export_finance".into(),
            status: "announced".into(),
            announced_on: Some(date(2025, 3, day)),
            figure,
            items: items
                .iter()
                .map(|(class, q)| ItemCount {
                    class: (*class).into(),
                    quantity: Some(dec(q)),
                    qualifier: None,
                    upper: None,
                })
                .collect(),
            confidence: 0.8,
            stage_event: None,
            grant_element: None,
            grant_equivalent_reason: None,
        }
    }

    #[test]
    fn figures_within_tolerance_or_range_are_one_commitment() {
        let exact = report("a", 2, Some(("exact", "1600000000", "GBP")), &[]);
        let up_to = report("b", 2, Some(("up_to", "1600000000", "GBP")), &[]);
        let tranche = report("c", 3, Some(("exact", "1160000000", "GBP")), &[]);
        let euros = report("d", 4, Some(("exact", "1900000000", "EUR")), &[]);
        assert_eq!(same_commitment(&exact, &euros), Some(Strength::Figure), "£1.6bn ≈ €1.94bn, within 3% of €1.9bn");
        assert_eq!(same_commitment(&exact, &up_to), Some(Strength::Figure), "one value, stated two ways");
        assert_eq!(same_commitment(&up_to, &tranche), Some(Strength::Overlap));
        assert_eq!(same_commitment(&exact, &tranche), None, "27% apart and nothing else in common");
    }

    #[test]
    fn capped_packages_a_week_apart_stay_apart() {
        let first = report("a", 4, Some(("exact", "625000000", "USD")), &[]);
        let next = report("b", 14, Some(("up_to", "725000000", "USD")), &[]);
        assert_eq!(same_commitment(&first, &next), None, "inside the cap, but ten days later");
        let memo = report("c", 8, Some(("up_to", "675000000", "USD")), &[]);
        let other = report("d", 15, Some(("up_to", "600000000", "USD")), &[]);
        assert_eq!(same_commitment(&memo, &other), None, "two caps are not one because they overlap");
        let briefing = report("e", 18, Some(("more_than", "600000000", "USD")), &[]);
        assert_eq!(same_commitment(&other, &briefing), Some(Strength::Figure));
    }

    #[test]
    fn look_alikes_stay_apart() {
        let deal = report("a", 2, Some(("up_to", "1600000000", "GBP")), &[("missile", "5000")]);
        let earlier = report("b", 2, Some(("exact", "162000000", "GBP")), &[("missile", "650")]);
        assert_eq!(same_commitment(&deal, &earlier), None);
        let later = report("c", 20, Some(("exact", "1600000000", "GBP")), &[]);
        assert_eq!(same_commitment(&deal, &later), None, "18 days apart");
        let mut loan = report("d", 3, Some(("exact", "1600000000", "GBP")), &[]);
        let mut grant = report("e", 3, Some(("exact", "1600000000", "GBP")), &[]);
        loan.instrument = "loan".into();
        grant.instrument = "grant".into();
        assert_eq!(same_commitment(&loan, &grant), None);
        let mut same_doc = report("a", 2, Some(("exact", "1600000000", "GBP")), &[]);
        same_doc.commitment_id = "c-other".into();
        assert_eq!(same_commitment(&deal, &same_doc), None, "one document never states a commitment twice");
    }

    #[test]
    fn same_items_without_comparable_figures() {
        let a = report("a", 2, None, &[("missile", "5000")]);
        let b = report("b", 2, Some(("exact", "1160000000", "GBP")), &[("missile", "5000")]);
        assert_eq!(same_commitment(&a, &b), Some(Strength::Items));
    }

    #[test]
    fn entry_choice_and_canonical_figure_do_not_depend_on_order() {
        let reports = [
            report("a", 2, Some(("up_to", "1600000000", "GBP")), &[("missile", "5000")]),
            report("b", 2, Some(("exact", "1600000000", "GBP")), &[]),
            report("c", 3, Some(("exact", "1600000000", "GBP")), &[("missile", "5000")]),
            report("d", 4, Some(("exact", "1900000000", "EUR")), &[]),
        ];
        let c1 = canonical(&reports, &Edits::default());
        let mut rev = reports.to_vec();
        rev.reverse();
        assert_eq!(c1, canonical(&rev, &Edits::default()));
        assert_eq!(c1.figure.as_ref().unwrap().key(), "exact 1600000000 GBP");
        assert_eq!(c1.variants.len(), 3);
        assert_eq!(c1.n_sources, 4);

        let entries = vec![
            ("e2".to_string(), vec![reports[0].clone()]),
            ("e1".to_string(), vec![report("x", 2, Some(("exact", "162000000", "GBP")), &[("missile", "650")])]),
        ];
        assert_eq!(choose_entry(&reports[2], &entries), Some("e2"));
        let chosen = Edits { figure: Some("exact 1900000000 EUR".into()), ..Edits::default() };
        assert_eq!(canonical(&reports, &chosen).figure.unwrap().currency, "EUR");
    }
}
