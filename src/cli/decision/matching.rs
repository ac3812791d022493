//! `eval/score_corpus.py`'s matching, ported: a predicted record matches a gold one when donor
//! and recipient ids are equal (national bodies counted as their country, COVAX as Gavi; an
//! optional gold with no recipient accepts any) and, if the gold has an amount, the predicted
//! amount is in the same currency within 1%; if the gold has none, the prediction has no amount
//! or shares an item class. Pairs are taken greedily, one-to-one, required gold before optional
//! and the closest amount first. The scores it gives equal `score_styles.py`'s (checked on the
//! rules' output, figures in `crates/pipeline/model/README.md`).

use std::collections::HashMap;

use pledgewatch_pipeline::Commitment;
use serde_json::Value;

/// institutions.tsv, for national bodies (DFC, USAID…) and EU bodies.
const INSTITUTIONS: &str = include_str!("../../../crates/pipeline/data/actors/institutions.tsv");

/// Ids as the scorer compares them.
pub struct Ids {
    bodies: HashMap<String, String>,
}

impl Ids {
    pub fn new() -> Ids {
        let mut bodies = HashMap::new();
        let mut header: Option<Vec<&str>> = None;
        for line in INSTITUTIONS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(h) = &header else {
                header = Some(cols);
                continue;
            };
            let get = |name: &str| h.iter().position(|c| *c == name).and_then(|k| cols.get(k)).map(|s| s.trim());
            let id = get("id").unwrap_or("");
            match get("country").filter(|c| !c.is_empty()) {
                Some(country) => {
                    bodies.insert(id.to_string(), country.to_string());
                }
                None if id.starts_with("EU-") => {
                    bodies.insert(id.to_string(), "EU".to_string());
                }
                None => {}
            }
        }
        Ids { bodies }
    }

    pub fn norm(&self, id: Option<&str>) -> Option<String> {
        let id = id?.trim();
        let up = self.bodies.get(id).map_or(id, |s| s.as_str()).to_uppercase();
        Some(if up == "COVAX" { "GAVI".to_string() } else { up })
    }
}

/// One side of a pair: what matching reads.
#[derive(Clone, Debug, Default)]
pub struct View {
    pub donor: Option<String>,
    pub recipient: Option<String>,
    pub amount: Option<f64>,
    pub currency: Option<String>,
    pub classes: Vec<String>,
    pub optional: bool,
}

impl View {
    pub fn of_gold(g: &Value, ids: &Ids) -> View {
        View {
            donor: ids.norm(g.get("donor").and_then(Value::as_str)),
            recipient: ids.norm(g.get("recipient").and_then(Value::as_str)),
            amount: g.get("amount").and_then(number),
            currency: g.get("currency").and_then(Value::as_str).map(str::to_string),
            classes: g
                .get("items")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                .unwrap_or_default(),
            optional: g.get("optional").and_then(Value::as_bool).unwrap_or(false),
        }
    }

    pub fn of_record(c: &Commitment, ids: &Ids) -> View {
        let json = serde_json::to_value(c).unwrap_or(Value::Null);
        View {
            donor: ids.norm(c.donor.as_ref().map(|p| p.id.as_str())),
            recipient: ids.norm(c.recipient.as_ref().map(|p| p.id.as_str())),
            amount: json.pointer("/amount/value").and_then(number),
            currency: c.amount.as_ref().map(|a| a.currency.clone()),
            classes: json
                .get("items")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|i| i.get("class").and_then(Value::as_str).map(str::to_string)).collect())
                .unwrap_or_default(),
            optional: false,
        }
    }
}

/// A JSON number, or a number written as a string (the record's decimals).
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.to_string().parse().ok(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// None when the pair cannot match, else a sortable cost (optional, distance).
fn pair_cost(g: &View, p: &View) -> Option<(u8, f64)> {
    if g.donor != p.donor {
        return None;
    }
    if g.recipient.is_some() && g.recipient != p.recipient {
        return None;
    }
    let optional = u8::from(g.optional);
    let shared = g.classes.iter().any(|c| p.classes.contains(c));
    match g.amount {
        Some(want) => {
            let have = p.amount?;
            let same = p.currency.as_deref().unwrap_or("").eq_ignore_ascii_case(g.currency.as_deref().unwrap_or(""));
            if !same {
                return None;
            }
            let rel = if want != 0.0 { (have - want).abs() / want } else { have.abs() };
            (rel <= 0.01).then_some((optional, rel))
        }
        None if p.amount.is_none() || shared => Some((optional, if shared { 0.0 } else { 0.5 })),
        None => None,
    }
}

/// Whether a proposed record is the very record `wrong` describes (a rejected one): the same
/// donor and recipient, and the same amount in the same currency within 1%, or neither has
/// an amount and they share an item class (or `wrong` names none). Unlike a gold, a wrong
/// record without a recipient does not accept any.
pub fn same_record(wrong: &View, p: &View) -> bool {
    if wrong.donor != p.donor || wrong.recipient != p.recipient {
        return false;
    }
    match (wrong.amount, p.amount) {
        (Some(w), Some(h)) => {
            let same =
                p.currency.as_deref().unwrap_or("").eq_ignore_ascii_case(wrong.currency.as_deref().unwrap_or(""));
            same && if w != 0.0 { (h - w).abs() / w.abs() <= 0.01 } else { h == 0.0 }
        }
        (None, None) => wrong.classes.is_empty() || wrong.classes.iter().any(|c| p.classes.contains(c)),
        _ => false,
    }
}

/// The greedy one-to-one pairs (gold index, prediction index).
pub fn pairs(golds: &[View], preds: &[View]) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            if let Some(cost) = pair_cost(g, p) {
                cands.push((cost, gi, pi));
            }
        }
    }
    // Python sorts (cost, gi, pi) tuples: the same order.
    cands.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(a.0.1.total_cmp(&b.0.1)).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_g, mut used_p, mut out) = (vec![false; golds.len()], vec![false; preds.len()], Vec::new());
    for (_, gi, pi) in cands {
        if used_g[gi] || used_p[pi] {
            continue;
        }
        used_g[gi] = true;
        used_p[pi] = true;
        out.push((gi, pi));
    }
    out
}

/// Counts of one style, as `score_styles.py` gives them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    /// Records that match nothing on documents that announce none.
    pub invented: usize,
}

impl Score {
    /// Adds one document: its gold, its kept predictions, whether it announces any.
    pub fn add(&mut self, golds: &[View], preds: &[View], announces: bool) -> Vec<bool> {
        let ps = pairs(golds, preds);
        let mut right = vec![false; preds.len()];
        for &(gi, pi) in &ps {
            right[pi] = true;
            if !golds[gi].optional {
                self.tp += 1;
            }
        }
        self.fn_ += golds.iter().enumerate().filter(|(gi, g)| !g.optional && !ps.iter().any(|p| p.0 == *gi)).count();
        let spurious = preds.len() - ps.len();
        self.fp += spurious;
        if !announces {
            self.invented += spurious;
        }
        right
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// None for a style with no required gold (it is scored by what it invents).
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision(), self.recall());
        (self.tp + self.fn_ > 0).then(|| if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(donor: &str, recipient: Option<&str>, amount: Option<f64>, optional: bool) -> View {
        View {
            donor: Some(donor.into()),
            recipient: recipient.map(str::to_string),
            amount,
            currency: amount.map(|_| "USD".into()),
            classes: Vec::new(),
            optional,
        }
    }

    #[test]
    fn matches_within_a_percent_one_to_one_required_first() {
        let golds = [v("US", Some("UA"), Some(100.0), true), v("US", Some("UA"), Some(100.0), false)];
        let preds = [v("US", Some("UA"), Some(100.5), false), v("US", Some("UA"), Some(102.0), false)];
        assert_eq!(pairs(&golds, &preds), vec![(1, 0)]);
        let mut s = Score::default();
        let right = s.add(&golds, &preds, true);
        assert_eq!(right, vec![true, false]);
        assert_eq!((s.tp, s.fp, s.fn_, s.invented), (1, 1, 0, 0));
    }

    #[test]
    fn a_wrong_record_is_only_itself() {
        let wrong = v("US", Some("UA"), Some(100.0), false);
        assert!(same_record(&wrong, &v("US", Some("UA"), Some(100.5), false)));
        assert!(!same_record(&wrong, &v("UA", Some("US"), Some(100.0), false)), "reversed parties");
        assert!(!same_record(&wrong, &v("US", Some("UA"), Some(120.0), false)));
        assert!(!same_record(&v("US", None, Some(100.0), false), &wrong), "no recipient accepts none other");
        assert!(same_record(&v("US", Some("UA"), None, false), &v("US", Some("UA"), None, false)));
    }

    #[test]
    fn national_bodies_count_as_their_country() {
        let ids = Ids::new();
        assert_eq!(ids.norm(Some("covax")).as_deref(), Some("GAVI"));
        assert_eq!(ids.norm(Some("ua")).as_deref(), Some("UA"));
    }
}
