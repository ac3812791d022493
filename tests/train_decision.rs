//! `pledgewatch train decision` on a small labelled set written here (its sentences are the
//! test's own): the model file is reproduced byte for byte, it is a model `extract` can read,
//! and a held-out batch is never opened.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use pledgewatch_pipeline::commitments::decision::Model;
use serde_json::json;

/// (id, text, gold commitments as (donor, recipient, amount, currency)).
type Doc = (&'static str, &'static str, &'static [(&'static str, &'static str, f64, &'static str)]);

const STYLE_A: &[Doc] = &[
    ("a1", "Norway will provide NOK 500 million in humanitarian assistance to Sudan.", &[("NO", "SD", 5e8, "NOK")]),
    ("a2", "Denmark pledged DKK 200 million to Ukraine for reconstruction today.", &[("DK", "UA", 2e8, "DKK")]),
    ("a3", "Sweden will not provide SEK 300 million to Kenya this year.", &[]),
    ("a4", "Finland will give EUR 50 million in loans to Kenya if partners agree.", &[]),
    ("a5", "Japan will provide $30 million in grants to Ghana for clinics.", &[("JP", "GH", 3e7, "USD")]),
    // A record the rules make that the labeller did not take.
    ("a6", "Italy will provide EUR 7 million to Niger.", &[]),
];
const STYLE_B: &[Doc] = &[
    ("b1", "Canada announced CAD 40 million in food aid for Haiti.", &[("CA", "HT", 4e7, "CAD")]),
    ("b2", "Austria will not send EUR 10 million to Moldova.", &[]),
    ("b3", "Ireland will give EUR 5 million to Lebanon if the talks succeed.", &[]),
    ("b4", "Germany will provide EUR 80 million in assistance to Jordan.", &[("DE", "JO", 8e7, "EUR")]),
    ("b5", "Greece will provide EUR 4 million to Chile.", &[]),
];
const OLD: &[Doc] = &[
    (
        "w1",
        "The United States will provide $100 million in humanitarian assistance to Yemen.",
        &[("US", "YE", 1e8, "USD")],
    ),
    ("w2", "The United States will not provide $20 million to Peru.", &[]),
];
const STATEMENTS: &[Doc] = &[
    ("s1", "Spain will provide EUR 15 million in humanitarian aid to Mali.", &[("ES", "ML", 1.5e7, "EUR")]),
    ("s2", "Portugal will not provide EUR 3 million to Angola.", &[]),
];

fn write_docs(path: &Path, docs: &[Doc], gzip: bool) {
    let mut body = String::new();
    for (id, text, _) in docs {
        body += &format!("{}\n", json!({"id": id, "date": "2025-03-02", "title": "Aid statement", "text": text}));
    }
    if gzip {
        let mut enc =
            flate2::write::GzEncoder::new(std::fs::File::create(path).unwrap(), flate2::Compression::default());
        enc.write_all(body.as_bytes()).unwrap();
        enc.finish().unwrap();
    } else {
        std::fs::write(path, body).unwrap();
    }
}

fn write_labels(path: &Path, docs: &[Doc]) {
    let mut body = String::new();
    for (id, _, golds) in docs {
        let commitments: Vec<_> =
            golds.iter().map(|(d, r, a, c)| json!({"donor": d, "recipient": r, "amount": a, "currency": c})).collect();
        body += &format!("{}\n", json!({"id": id, "announces": !golds.is_empty(), "commitments": commitments}));
    }
    std::fs::write(path, body).unwrap();
}

fn fixture(root: &Path) {
    let (labels, corpus, statements) = (root.join("eval/labels"), root.join("corpus"), root.join("eval/statements"));
    for d in [&labels, &corpus, &statements] {
        std::fs::create_dir_all(d).unwrap();
    }
    let ids = |docs: &[Doc]| docs.iter().map(|d| d.0).collect::<Vec<_>>();
    let batches = json!({
        "a-1": {"style": "a", "file": "a.jsonl", "held_out": false, "ids": ids(STYLE_A)},
        "b-1": {"style": "b", "file": "b.jsonl.gz", "held_out": false, "ids": ids(STYLE_B)},
        "b-holdout": {"style": "b", "file": "b.jsonl.gz", "held_out": true, "ids": ["h1"]},
    });
    std::fs::write(labels.join("batches.json"), batches.to_string()).unwrap();
    write_docs(&corpus.join("a.jsonl"), STYLE_A, false);
    write_docs(&corpus.join("b.jsonl.gz"), STYLE_B, true);
    write_docs(&corpus.join("whitehouse-2021-2023.jsonl.gz"), OLD, true);
    write_labels(&labels.join("a-1.jsonl"), STYLE_A);
    write_labels(&labels.join("b-1.jsonl"), STYLE_B);
    // Were the held-out file opened, training would fail on it.
    std::fs::write(labels.join("b-holdout.jsonl"), "not json\n").unwrap();
    write_labels(&root.join("eval/corpus_labels.jsonl"), OLD);
    write_docs(&statements.join("docs.jsonl"), STATEMENTS, false);
    write_labels(&statements.join("labels.jsonl"), STATEMENTS);
}

fn train(root: &Path, out: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(["train", "decision", "--labels", "eval/labels", "--corpus", "corpus", "--out", out])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(output.status.success(), "train failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn retraining_reproduces_the_model_file_and_never_reads_a_held_out_batch() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let report = train(dir.path(), "one.json");
    train(dir.path(), "two.json");
    let one = std::fs::read_to_string(dir.path().join("one.json")).unwrap();
    let two = std::fs::read_to_string(dir.path().join("two.json")).unwrap();
    assert_eq!(one, two, "training is not deterministic");
    let model: Model = serde_json::from_str(&one).expect("a model extract can read");
    assert!(!model.weights.is_empty());
    let cal = model.calibration.expect("a calibration");
    assert!(cal.a >= 0.0, "calibration must not decrease with the score");
    // Styles a, b, statements and the older White House labels, each held out in turn.
    for style in ["| a |", "| b |", "| statements |", "| wh2123 |"] {
        assert!(report.contains(style), "no row {style} in:\n{report}");
    }
    assert!(report.contains("15 documents"), "{report}");
}

#[test]
fn a_labelled_document_missing_from_the_corpus_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    write_docs(&dir.path().join("corpus/a.jsonl"), &STYLE_A[..2], false);
    let output = Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(["train", "decision", "--labels", "eval/labels", "--corpus", "corpus", "--out", "m.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("a3") && err.contains("a.jsonl"), "{err}");
}
