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

/// Issue 19: a 60 MB document in one line (no line break; quotes left open, as in a page
/// flattened to text) gives its records or an `extraction_timeout` error naming it, and the
/// run goes on to the next document. How long it takes is `examples/growth.rs`'s business.
#[test]
fn a_sixty_megabyte_line_gives_records_or_a_timeout_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let unit = "Britain will supply 100 drones (worth £3 million) to Ukraine, \"the minister said. ";
    std::fs::write(dir.path().join("a_long.txt"), unit.repeat(60_000_000 / unit.len())).expect("write");
    std::fs::write(dir.path().join("b_good.txt"), ARTICLE).expect("write");
    let out = pledgewatch(&["extract", dir.path().to_str().expect("path")], None);
    let err = String::from_utf8_lossy(&out.stderr);
    let records: Vec<Value> = std::str::from_utf8(&out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let sources: Vec<&str> = records.iter().filter_map(|v| v["document"]["source"].as_str()).collect();
    let long_ok = sources.iter().any(|s| s.ends_with("a_long.txt"));
    let long_timed_out = err.contains("a_long.txt: extraction_timeout");
    assert!(long_ok != long_timed_out, "records or the timeout for the long line: {err}");
    assert_eq!(out.status.code(), Some(if long_ok { 0 } else { 1 }), "{err}");
    let good = records.iter().find(|v| v["document"]["source"].as_str().is_some_and(|s| s.ends_with("b_good.txt")));
    assert_eq!(good.expect("the next document still comes out")["commitments"][0]["donor"]["id"], "GB");
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

/// A ledger holding the one article (GB → UA), built by `ingest`.
fn ledger_with_article(dir: &std::path::Path) -> String {
    let article = dir.join("article.txt");
    std::fs::write(&article, ARTICLE).expect("write");
    let db = dir.join("ledger.db").to_str().expect("path").to_string();
    let out = pledgewatch(&["ingest", article.to_str().expect("path"), "--db", &db], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

/// The output of a run that must stop by itself; one that serves on is killed and fails the test.
fn finishes(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(120) {
            let _ = child.kill();
            panic!("{args:?} kept running");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.wait_with_output().expect("output")
}

/// Issue: `export --db` on a file that is not there printed an empty ledger and
/// created the file. Commands that read a ledger or change its users now say there
/// is none; `ingest` and `user add` still create it.
#[test]
fn a_ledger_that_is_not_there_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo.db");
    let db = missing.to_str().unwrap();
    for args in [
        vec!["export", "--format", "csv", "--db", db],
        vec!["user", "list", "--db", db],
        vec!["user", "token", "ann", "--db", db],
        vec!["user", "revoke", "ann", "--db", db],
        vec!["serve", "--db", db, "--addr", "127.0.0.1:0"],
    ] {
        let out = finishes(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(&format!("no ledger at {db}")), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        assert!(!missing.exists(), "{args:?} created the ledger");
    }
    let out = pledgewatch(&["user", "add", "ann", "--db", db], Some("tram lantern okapi\n"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(missing.exists(), "`user add` makes the ledger");
    assert!(pledgewatch(&["user", "list", "--db", db], None).status.success());
}

/// Issue: `--donor Britain` gave an empty export. A donor or recipient is an id or
/// any name the actor lexicon knows; a name nobody bears gets the closest names.
#[test]
fn export_finds_a_party_by_name_and_names_the_closest_to_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_article(dir.path());
    let export = |filter: &[&str]| pledgewatch(&[&["export", "--format", "jsonl", "--db", &db], filter].concat(), None);
    for filter in [
        &["--donor", "GB"][..],
        &["--donor", "Britain"],
        &["--donor", "united kingdom"],
        &["--donor", "British", "--recipient", "Ukraine"],
        &["--recipient", "ua"],
    ] {
        let out = export(filter);
        assert!(out.status.success(), "{filter:?}: {}", String::from_utf8_lossy(&out.stderr));
        let lines: Vec<Value> = std::str::from_utf8(&out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect();
        assert_eq!(lines.len(), 1, "{filter:?}");
        assert_eq!(lines[0]["donor"], "GB", "{filter:?}: {}", lines[0]);
    }
    let out = export(&["--donor", "Britain"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("donor \"Britain\" is GB (United Kingdom)"));
    for (filter, said) in [
        (&["--donor", "Britian"][..], "unknown donor \"Britian\": did you mean Britain (GB)"),
        (&["--recipient", "Ukrane"], "unknown recipient \"Ukrane\": did you mean Ukraine (UA)"),
        (&["--recipient", "Congolese"], "recipient \"Congolese\" may be CD (Democratic Republic of the Congo) or CG"),
    ] {
        let out = export(filter);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{filter:?}: {err}");
        assert!(err.contains(said), "{filter:?}: {err}");
        assert!(out.stdout.is_empty(), "{filter:?}: no empty export");
    }
}

/// Issue: a bad `--from` and an unwritable `-o` gave messages that did not say what was wrong with what.
#[test]
fn export_names_a_bad_date_and_an_output_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_with_article(dir.path());
    for (flag, value, why) in [
        ("--from", "2025-13-01", "no such day: expected YYYY-MM-DD"),
        ("--from", "yesterday", "not a date: expected YYYY-MM-DD"),
        ("--to", "2025-02-30", "no such day"),
        ("--to", "02/03/2025", "not a date"),
    ] {
        let out = pledgewatch(&["export", "--format", "csv", "--db", &db, flag, value], None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {value}: {err}");
        assert!(err.contains(&format!("'{value}'")) && err.contains(flag) && err.contains(why), "{err}");
    }
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    for target in [dir.path().join("no-such-folder/out.csv"), file.join("out.csv")] {
        let target = target.to_str().unwrap();
        let out = pledgewatch(&["export", "--format", "csv", "--db", &db, "-o", target], None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{target}: {err}");
        assert!(err.contains(&format!("cannot write {target}: ")), "{err}");
    }
    let target = dir.path().join("out.csv");
    let out = pledgewatch(&["export", "--format", "csv", "--db", &db, "-o", target.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 2, "a header and the commitment");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().ends_with(".partial")), "{left:?}");
}

/// Issue: `user token` was missing from the README. Every command and every `user`
/// command is shown there.
#[test]
fn the_readme_shows_every_command() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let commands = |args: &[&str]| -> Vec<String> {
        let help = String::from_utf8(pledgewatch(args, None).stdout).unwrap();
        let list = help.split("Commands:\n").nth(1).expect("a command list").split("\n\n").next().unwrap_or("");
        list.lines().filter_map(|l| l.split_whitespace().next()).filter(|c| *c != "help").map(str::to_string).collect()
    };
    let top = commands(&["--help"]);
    assert!(top.len() >= 8, "{top:?}");
    for c in top {
        assert!(readme.contains(&format!("pledgewatch {c}")) || readme.contains(&format!("-- {c}")), "{c}");
    }
    let user = commands(&["user", "--help"]);
    assert_eq!(user, ["add", "passwd", "token", "revoke", "list"]);
    for c in user {
        assert!(readme.contains(&format!("pledgewatch user {c}")), "`pledgewatch user {c}` is not in the README");
    }
}
