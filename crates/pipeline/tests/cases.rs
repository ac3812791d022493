//! Data-driven cases: the project's test articles with their expected
//! commitments (`data/articles/`), and the mention tables (`data/mentions/`).
//!
//! A case listed in `data/*/known_failures.txt` is one we have looked at and
//! not fixed yet; such a case must still fail (so a fix shows up as a test
//! to update), and every other case must pass.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pledgewatch_pipeline::mentions::find_all;
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::parse_text;
use pledgewatch_pipeline::{Document, extract};
use serde_json::Value;

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(p)
}

fn known_failures(dir: &str) -> BTreeSet<String> {
    std::fs::read_to_string(data(dir).join("known_failures.txt"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Counts cases against a known-failure list: a listed case must still fail
/// (so a fix shows up), and every other case must pass.
struct Tally {
    what: &'static str,
    known: BTreeSet<String>,
    passed: usize,
    failures: Vec<String>,
}

impl Tally {
    fn new(what: &'static str, dir: &str) -> Tally {
        Tally { what, known: known_failures(dir), passed: 0, failures: Vec::new() }
    }

    fn record(&mut self, id: &str, outcome: Result<(), String>) {
        match (outcome, self.known.contains(id)) {
            (Ok(()), false) => self.passed += 1,
            (Ok(()), true) => self.failures.push(format!("{id}: passes now; remove it from known_failures.txt")),
            (Err(_), true) => {}
            (Err(why), false) => self.failures.push(format!("{id}: {why}")),
        }
    }

    fn finish(self) {
        eprintln!("{}: {} passed, {} unexpected failures", self.what, self.passed, self.failures.len());
        assert!(self.passed > 0, "{}: no case passes", self.what);
        assert!(self.failures.is_empty(), "\n{}", self.failures.join("\n"));
    }
}

/// The cases of a JSON Lines table, with their 1-based line numbers.
fn cases(file: &str) -> Vec<(usize, Value)> {
    let path = data("mentions").join(file);
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    body.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| (n + 1, serde_json::from_str(l).expect("case JSON")))
        .collect()
}

/// Follows a dotted path ("items.0.quantity") into a JSON value.
fn get<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(v, |cur, part| match cur {
        Value::Array(a) => a.get(part.parse::<usize>().ok()?),
        Value::Object(o) => o.get(part),
        _ => None,
    })
}

/// Numbers compare by value (1.6e9 == 1600000000); everything else exactly.
fn same(want: &Value, got: Option<&Value>) -> bool {
    let Some(got) = got else { return want.is_null() };
    match (want, got) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) =
                (a.to_string().parse::<f64>().unwrap_or(f64::NAN), b.to_string().parse::<f64>().unwrap_or(f64::NAN));
            (a - b).abs() <= 1e-9 * a.abs().max(1.0)
        }
        _ => want == got,
    }
}

/// Checks one article; returns the problems found.
fn check_article(txt: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(txt).expect("article text");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(txt.with_extension("expected.json")).expect("expected file"))
            .expect("expected JSON");
    let doc = Document::build(parse_text(&txt.display().to_string(), &text));
    let got = extract(&doc, RateTable::embedded()).commitments;
    let got: Vec<Value> = got.iter().map(|c| serde_json::to_value(c).expect("record serialises")).collect();
    let want = expected["commitments"].as_array().cloned().unwrap_or_default();
    let mut problems = Vec::new();
    if got.len() != want.len() {
        problems.push(format!("{} commitments, want {}", got.len(), want.len()));
    }
    let mut used = vec![false; got.len()];
    for (n, w) in want.iter().enumerate() {
        let fields = w.as_object().cloned().unwrap_or_default();
        let score = |g: &Value| fields.iter().filter(|(k, v)| same(v, get(g, k))).count();
        let best = (0..got.len()).filter(|&k| !used[k]).max_by_key(|&k| score(&got[k]));
        match best {
            Some(k) if score(&got[k]) == fields.len() => used[k] = true,
            Some(k) => {
                used[k] = true;
                let bad: Vec<String> = fields
                    .iter()
                    .filter(|(f, v)| !same(v, get(&got[k], f)))
                    .map(|(f, v)| {
                        format!("{f}: want {v}, got {}", get(&got[k], f).map_or("nothing".into(), |x| x.to_string()))
                    })
                    .collect();
                problems.push(format!("commitment {n}: {}", bad.join("; ")));
            }
            None => problems.push(format!("commitment {n}: missing")),
        }
    }
    problems
}

#[test]
fn articles() {
    let dir = data("articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("articles folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.with_extension("expected.json").exists())
        .collect();
    files.sort();
    assert!(files.len() >= 20, "at least 20 test articles");
    let mut tally = Tally::new("articles", "articles");
    for f in &files {
        let name = f.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string();
        let problems = check_article(f);
        tally.record(&name, if problems.is_empty() { Ok(()) } else { Err(problems.join(" | ")) });
    }
    tally.finish();
}

/// The mentions of one kind that a case expects, as comparable keys.
fn mention_key(kind: &str, m: &Value) -> String {
    let mut key = format!("{}|{}", m["text"].as_str().unwrap_or(""), num_or_str(&m["value"]));
    for f in ["currency", "qualifier", "upper", "item", "class", "points", "unit"] {
        if let Some(v) = m.get(f).filter(|v| !v.is_null()) {
            // Number mentions carry no qualifier in the tables unless vague.
            if kind == "number" && f == "qualifier" && v != "approx" {
                continue;
            }
            key.push_str(&format!("|{f}={}", num_or_str(v)));
        }
    }
    key
}

fn num_or_str(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string().parse::<f64>().map(|f| format!("{f}")).unwrap_or_default(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn mention_table(kind: &str) {
    let mut tally = Tally::new("mentions", "mentions");
    for (n, case) in cases(&format!("{kind}.jsonl")) {
        let text = case["text"].as_str().unwrap_or("");
        let date = case["date"].as_str().and_then(pledgewatch_pipeline::read::parse_date);
        let found = find_all(text, date);
        let got: Vec<String> = found
            .iter()
            .filter(|m| {
                serde_json::to_value(m.kind).ok().and_then(|v| v.as_str().map(str::to_string)).as_deref() == Some(kind)
            })
            .map(|m| {
                let mut v = serde_json::to_value(m).expect("mention serialises");
                // Compare only the fields the table states.
                if let Value::Object(o) = &mut v {
                    o.remove("linked");
                }
                v
            })
            .collect::<Vec<_>>()
            .iter()
            .map(|v| mention_key(kind, v))
            .collect();
        let want: Vec<String> = case["expect"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                // Only the fields the expectation gives count.
                let mut filled = m.clone();
                if kind != "number"
                    && filled.get("qualifier").is_none()
                    && matches!(kind, "money" | "quantity" | "percent")
                {
                    filled["qualifier"] = Value::String("exact".into());
                }
                mention_key(kind, &filled)
            })
            .collect();
        let outcome = if got == want { Ok(()) } else { Err(format!("{text:?}\n    want {want:?}\n    got  {got:?}")) };
        tally.record(&format!("{kind}:{n}"), outcome);
    }
    tally.finish();
}

#[test]
fn money_table() {
    mention_table("money");
}

#[test]
fn number_table() {
    mention_table("number");
}

#[test]
fn ordinal_table() {
    mention_table("ordinal");
}

#[test]
fn quantity_table() {
    mention_table("quantity");
}

#[test]
fn percent_table() {
    mention_table("percent");
}

#[test]
fn date_table() {
    mention_table("date");
}

/// The actor table: each case lists the actors expected in its text (kind, text,
/// id, and the role for people), compared as sets; others found are ignored
/// unless the case says `"exhaustive": true`.
#[test]
fn actor_table() {
    let mut tally = Tally::new("actors", "mentions");
    for (n, case) in cases("actors.jsonl") {
        let text = case["text"].as_str().unwrap_or("");
        let date = case["date"].as_str().and_then(pledgewatch_pipeline::read::parse_date);
        let actors = pledgewatch_pipeline::actors::find_actors(text, date);
        let map = pledgewatch_pipeline::text::CharMap::new(text);
        let out = pledgewatch_pipeline::actors::actors_out(text, &actors, &map);
        let got: BTreeSet<String> = out
            .iter()
            .map(|a| format!("{}|{}|{}|{}", a.kind, a.text, a.id.as_deref().unwrap_or(""), a.role.unwrap_or("")))
            .collect();
        // A case may also say an actor's country (a person's, an organisation's).
        let wrong_country: Vec<String> = case["expect"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| {
                let want = a.get("country")?.as_str()?;
                let text = a.get("text")?.as_str()?;
                let found = out.iter().find(|o| o.text == text).and_then(|o| o.country);
                (found != Some(want)).then(|| format!("{text}: country {found:?}, expected {want}"))
            })
            .collect();
        let want: BTreeSet<String> = case["expect"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                let s = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                format!("{}|{}|{}|{}", s("kind"), s("text"), s("id"), s("role"))
            })
            .collect();
        let absent: BTreeSet<String> =
            case["absent"].as_array().into_iter().flatten().filter_map(|t| t.as_str().map(str::to_string)).collect();
        let missing: Vec<&String> = want.iter().filter(|w| !got.contains(*w)).collect();
        let wrongly: Vec<&String> =
            got.iter().filter(|g| absent.iter().any(|t| g.split('|').nth(1) == Some(t.as_str()))).collect();
        let outcome = if missing.is_empty() && wrongly.is_empty() && wrong_country.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{text:?}\n    missing {missing:?}\n    found but should not be {wrongly:?}\n    {wrong_country:?}\n    got {got:?}"
            ))
        };
        tally.record(&format!("actors:{n}"), outcome);
    }
    tally.finish();
}

/// The date recognizer tries at each start only the forms its first token can open
/// (`mentions/date/first.rs`): on every case of every mention table, that finds what
/// trying every form finds.
#[test]
fn date_index_finds_what_every_form_finds() {
    let mut differ = Vec::new();
    for kind in ["money", "number", "ordinal", "quantity", "percent", "date"] {
        for (n, case) in cases(&format!("{kind}.jsonl")) {
            let text = case["text"].as_str().unwrap_or("");
            let date = case["date"].as_str().and_then(pledgewatch_pipeline::read::parse_date);
            let indexed = find_all(text, date);
            pledgewatch_pipeline::mentions::date::set_every_form(true);
            let every = find_all(text, date);
            pledgewatch_pipeline::mentions::date::set_every_form(false);
            if indexed != every {
                differ.push(format!("{kind}:{n} {text:?}\n    indexed {indexed:?}\n    every   {every:?}"));
            }
        }
    }
    assert!(differ.is_empty(), "{} cases differ:\n{}", differ.len(), differ.join("\n"));
}
