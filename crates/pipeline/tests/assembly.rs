//! Assembly cases (`data/assembly_cases.txt`): short documents and the records commitment
//! assembly makes of them, run through the public API. Every failing case is reported by name.

use std::path::Path;

use pledgewatch_pipeline::commitments::{Amount, Party};
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::{Document, RawDocument, extract};
use rust_decimal::Decimal;

/// Donor, recipient, amount and count of items of each record, for a document from `url`.
fn records(url: Option<&str>, title: &str, text: &str) -> Vec<Record> {
    let raw = RawDocument {
        source: "test".into(),
        text: text.into(),
        published: "2024-05-22".parse().ok(),
        title: Some(title.into()),
        url: url.map(Into::into),
        ..Default::default()
    };
    let doc = Document::build(raw);
    extract(&doc, RateTable::embedded())
        .commitments
        .into_iter()
        .map(|c| {
            let id = |p: Option<Party>| p.map_or(String::new(), |p| p.id);
            (id(c.donor), id(c.recipient), c.amount, c.items.len())
        })
        .collect()
}

/// A record as the cases see it: donor, recipient, amount, and how many item entries it holds.
type Record = (String, String, Option<Amount>, usize);

/// Records as "DONOR RECIPIENT VALUE CURRENCY" lines ("DONOR RECIPIENT -" without an amount).
fn lines(records: &[Record]) -> Vec<String> {
    records
        .iter()
        .map(|(d, r, a, _)| match a {
            Some(a) => format!("{d} {r} {} {}", a.value, a.currency),
            None => format!("{d} {r} -"),
        })
        .collect()
}

/// One case of the file.
#[derive(Default)]
struct Case {
    name: String,
    title: String,
    url: Option<String>,
    text: Vec<String>,
    /// Each expectation with the "| " lines that follow it.
    expect: Vec<(String, Vec<String>)>,
}

/// The cases of the file, in order.
fn parse(body: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    // Where "| " lines go: the text, or the last expectation.
    let mut in_text = false;
    for (n, raw) in body.lines().enumerate() {
        let at = || format!("assembly_cases.txt:{}", n + 1);
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        if let Some(name) = raw.strip_prefix("case ") {
            cases.push(Case { name: name.trim().to_string(), ..Case::default() });
            in_text = false;
            continue;
        }
        let case = cases.last_mut().unwrap_or_else(|| panic!("{}: a line before the first case", at()));
        if let Some(l) = raw.strip_prefix('|') {
            let l = l.strip_prefix(' ').unwrap_or(l).to_string();
            if in_text {
                case.text.push(l);
            } else if let Some((_, block)) = case.expect.last_mut() {
                block.push(l);
            } else {
                panic!("{}: a \"|\" line before \"text:\"", at());
            }
        } else if let Some(t) = raw.strip_prefix("title: ") {
            case.title = t.to_string();
        } else if let Some(u) = raw.strip_prefix("url: ") {
            case.url = Some(u.trim().to_string());
        } else if raw == "text:" {
            in_text = true;
        } else if let Some(e) = raw.strip_prefix("expect ") {
            in_text = false;
            case.expect.push((e.trim().to_string(), Vec::new()));
        } else {
            panic!("{}: cannot read {raw:?}", at());
        }
    }
    cases
}

/// Checks one expectation against the records; says why it fails.
fn check(expect: &str, block: &[String], got: &[Record]) -> Result<(), String> {
    let got_lines = lines(got);
    if expect != "lines:" && !block.is_empty() {
        return Err(format!("\"| \" lines after \"expect {expect}\" (only \"expect lines:\" takes them)"));
    }
    let donors = || got.iter().map(|c| c.0.as_str()).collect::<Vec<_>>();
    let recipients = || got.iter().map(|c| c.1.as_str()).collect::<Vec<_>>();
    let list = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let ok = if expect == "lines:" {
        got_lines == block
    } else if expect == "nothing" {
        got.is_empty()
    } else if expect == "no amounts" {
        got.iter().all(|c| c.2.is_none())
    } else if let Some(n) = expect.strip_prefix("items ") {
        got.iter().map(|c| c.3).sum::<usize>() == n.trim().parse::<usize>().map_err(|e| format!("{expect}: {e}"))?
    } else if let Some(n) = expect.strip_prefix("count ") {
        got.len() == n.trim().parse::<usize>().map_err(|e| format!("{expect}: {e}"))?
    } else if let Some(s) = expect.strip_prefix("no line containing ") {
        !got_lines.iter().any(|l| l.contains(s.trim()))
    } else if let Some(l) = expect.strip_prefix("line ") {
        got_lines.iter().any(|g| g == l.trim())
    } else if let Some(ds) = expect.strip_prefix("donors ") {
        donors() == list(ds)
    } else if let Some(rs) = expect.strip_prefix("recipients ") {
        recipients() == list(rs)
    } else if let Some(d) = expect.strip_prefix("first donor ") {
        donors().first() == Some(&d.trim())
    } else if let Some(r) = expect.strip_prefix("first recipient ") {
        recipients().first() == Some(&r.trim())
    } else if let Some(r) = expect.strip_prefix("no recipient ") {
        got.iter().all(|c| c.1 != r.trim())
    } else if let Some(v) = expect.strip_prefix("no amount ") {
        let v: Decimal = v.trim().parse().map_err(|e| format!("{expect}: {e}"))?;
        got.iter().all(|c| c.2.as_ref().map(|a| a.value) != Some(v))
    } else {
        return Err(format!("unknown expectation {expect:?}"));
    };
    if ok {
        Ok(())
    } else if expect == "lines:" {
        Err(format!("expected {block:?}, got {got_lines:?}"))
    } else {
        Err(format!("expected {expect}, got {got_lines:?}"))
    }
}

#[test]
fn assembly_cases() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/assembly_cases.txt");
    let body = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases = parse(&body);
    assert!(!cases.is_empty(), "no cases in {}", path.display());
    let mut failures = Vec::new();
    for case in &cases {
        assert!(!case.expect.is_empty(), "{}: expects nothing", case.name);
        let text = case.text.join("\n");
        let got = records(case.url.as_deref(), &case.title, &text);
        for (expect, block) in &case.expect {
            if let Err(why) = check(expect, block, &got) {
                failures.push(format!("{}: {why}", case.name));
            }
        }
    }
    eprintln!("assembly cases: {} cases, {} failures", cases.len(), failures.len());
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
