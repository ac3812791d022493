//! `pledgewatch train parser`: trains on a treebank folder, writes the model, prints the
//! scores, and says clearly what is wrong with a folder it cannot use.

use std::process::Command;

fn train(dir: &std::path::Path, out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pledgewatch"))
        .args(["train", "parser", "--treebank"])
        .arg(dir)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn trains_scores_and_reproduces_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = include_str!("../crates/syntax/tests/data/tiny.conllu");
    std::fs::write(dir.path().join("xx_tiny-ud-train.conllu"), tiny).unwrap();
    std::fs::write(dir.path().join("xx_tiny-ud-test.conllu"), tiny).unwrap();
    let (a, b) = (dir.path().join("a.gz"), dir.path().join("b.gz"));
    let out = train(dir.path(), &a, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    for line in ["UPOS accuracy: ", "UAS: ", "LAS: ", "sentences/s"] {
        assert!(stdout.contains(line), "no {line:?} in {stdout}");
    }
    assert!(train(dir.path(), &b, &[]).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // A floor the model misses fails the run.
    let out = train(dir.path(), &b, &["--min-uas", "1.01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UAS"));
}

#[test]
fn a_folder_without_a_test_split_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("xx-ud-train.conllu"), include_str!("../crates/syntax/tests/data/tiny.conllu"))
        .unwrap();
    let out = train(dir.path(), &dir.path().join("m.gz"), &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no *-ud-test.conllu"), "{err}");
}
