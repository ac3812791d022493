//! End-to-end tests of the `extract`, `mentions`, `rates` and `user` commands: output
//! shapes, exit codes, and bad input that is an error for one document only.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn pledgewatch(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(args)
        .env("PLEDGEWATCH_HOME", std::env::temp_dir().join("pledgewatch-cli-test-home"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("the binary finishes")
}

const ARTICLE: &str = " date 2025-06-04 UK to send drones to Ukraine\n\nBritain will supply 100,000 drones to Ukraine in a £350 million package, Defence Secretary John Healey said on Wednesday.\n";

#[test]
fn one_document_is_one_json_object_with_its_commitment() {
    let out = pledgewatch(&["extract", "-"], Some(ARTICLE));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["document"]["published"], "2025-06-04");
    let c = &v["commitments"][0];
    assert_eq!((c["donor"]["id"].as_str(), c["recipient"]["id"].as_str()), (Some("GB"), Some("UA")));
    assert_eq!(c["amount"]["currency"], "GBP");
    assert_eq!(c["items"][0]["quantity"].to_string(), "100000");
    assert_eq!(c["announced_on"], "2025-06-04");
    assert_eq!(c["value_eur"]["rate_date"], "2025-06-04");
}

#[test]
fn a_bad_document_is_named_and_the_others_still_come_out_as_json_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a_bad.txt"), b"broken \xff text").expect("write");
    std::fs::write(dir.path().join("b_good.txt"), ARTICLE).expect("write");
    let out = pledgewatch(&["extract", dir.path().to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a_bad.txt") && err.contains("UTF-8"), "{err}");
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).expect("utf-8").lines().collect();
    assert_eq!(lines.len(), 1, "one JSON line for the good document");
    let v: Value = serde_json::from_str(lines[0]).expect("JSON line");
    assert_eq!(v["commitments"][0]["donor"]["id"], "GB");
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(pledgewatch(&["extract", "--format", "yaml"], None).status.code(), Some(2));
    assert_eq!(pledgewatch(&["no-such-command"], None).status.code(), Some(2));
}

#[test]
fn mentions_reads_json_lines_and_gives_code_point_spans() {
    let input =
        "{\"id\":\"a\",\"text\":\"Kyiv — €1.9bn (£1.6bn) for 5,000 missiles today.\",\"date\":\"2025-03-02\"}\n";
    let out = pledgewatch(&["mentions", "--no-actors"], Some(input));
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(v["id"], "a");
    let ms = v["mentions"].as_array().expect("mentions");
    let money: Vec<&Value> = ms.iter().filter(|m| m["kind"] == "money").collect();
    assert_eq!(money.len(), 2);
    // "Kyiv — " is 7 code points (the dash is one), though 9 bytes.
    assert_eq!(money[0]["start"], 7);
    assert_eq!(money[0]["currency"], "EUR");
    assert!(ms.iter().any(|m| m["kind"] == "date" && m["value"] == "2025-03-02"));
}

#[test]
fn rates_show_says_which_rate_and_day() {
    let out = pledgewatch(&["rates", "show", "GBP", "2025-03-02"], None);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["rate_date"], "2025-02-28");
    assert_eq!(v["rate"].to_string(), "0.82608");
    let out = pledgewatch(&["rates", "show", "UAH", "2025-03-02"], None);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["unconverted"], "not_published");
}

#[test]
fn mentions_names_a_bad_line_and_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("cases.jsonl");
    let mut bytes = b"{\"id\":\"a\",\"text\":\"5,000 missiles\",\"date\":\"2025-03-02\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"b\",\"text\":\"\xff\xfe 12 tanks\"}\n");
    bytes.extend_from_slice(b"{\"id\":\"c\",\"text\":\"\xe2\x82\xac3m today\",\"date\":\"2025-03-02\"}\n");
    bytes.extend_from_slice(b"{\"id\":\"d\",\"text\":\"at 5pm\",\"date\":\"2025-03-02T25:61:00\"}\n");
    std::fs::write(&input, bytes).expect("write");
    let out = pledgewatch(&["mentions", "--no-actors", input.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2: not valid UTF-8"), "{err}");
    assert!(err.contains("line 4: field \"date\" is \"2025-03-02T25:61:00\""), "{err}");
    let ids: Vec<Value> = std::str::from_utf8(&out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line")["id"].clone())
        .collect();
    assert_eq!(ids, ["a", "c"], "the lines before and after the bad one");
}

#[test]
fn extract_names_a_wrongly_typed_line_and_an_empty_file_and_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = |id: &str| {
        serde_json::json!({ "id": id, "date": "2025-06-04", "text": ARTICLE.trim_start_matches(" date 2025-06-04 ") })
            .to_string()
    };
    let lines =
        [good("first"), r#"{"id":"bad","date":20250302,"text":"Britain will supply drones."}"#.into(), good("last")];
    std::fs::write(dir.path().join("a.jsonl"), lines.join("\n")).expect("write");
    std::fs::write(dir.path().join("b_empty.txt"), "").expect("write");
    let out = pledgewatch(&["extract", dir.path().to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a.jsonl:2: field \"date\" is 20250302"), "{err}");
    assert!(err.contains("b_empty.txt: empty input"), "{err}");
    let ids: Vec<Value> = std::str::from_utf8(&out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line")["document"]["source_id"].clone())
        .collect();
    assert_eq!(ids, ["first", "last"]);
}

/// Issue: a new password needs 12 characters and must not be a common one;
/// `user add` and `user passwd` refuse others with why, and exit 2.
#[test]
fn user_add_refuses_short_and_common_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    let db = db.to_str().unwrap();
    let add = |name: &str, password: &str| pledgewatch(&["user", "add", name, "--db", db], Some(password));
    for (password, why) in [
        ("hunter2hunt\n", "at least 12 characters (this one has 11)"),
        ("qwerty123456\n", "20,000 most common passwords"),
        ("Password2025!\n", "common password with digits or symbols added"),
    ] {
        let out = add("ann", password);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{password:?}: {err}");
        assert!(err.contains(why), "{password:?}: {err}");
    }
    assert!(String::from_utf8_lossy(&pledgewatch(&["user", "list", "--db", db], None).stdout).is_empty());
    let out = add("ann", "tram lantern okapi\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = pledgewatch(&["user", "passwd", "ann", "--db", db], Some("short\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 12 characters"));
}
