//! The CoNLL-U reader: good input read whole, bad lines named, never a panic.

use pledgewatch_syntax::Error;
use pledgewatch_syntax::conllu::read;

#[test]
fn reads_words_heads_and_relations_and_skips_ranges() {
    let text = "# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t_\t_\n\n";
    let s = read(text.as_bytes(), "mem").unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].words, ["Do", "n't", "go"]);
    assert_eq!(s[0].heads, [3, 3, 0]);
    assert_eq!(s[0].deprels, ["aux", "advmod", "root"]);
}

#[test]
fn a_bad_line_is_an_error_naming_the_line() {
    let cases = [
        ("1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\tX\troot\t_\t_\n", 2, "HEAD \"X\""),
        ("1\tA\ta\tDET\n", 1, "4 columns"),
        ("# c\n1\tA\ta\tDET\tDT\t_\t9\tdet\t_\t_\n", 2, "HEAD 9"),
        ("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n", 2, "out of order"),
        ("x\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n", 1, "ID \"x\""),
    ];
    for (text, line, why) in cases {
        match read(text.as_bytes(), "bad.conllu") {
            Err(e @ Error::Conllu { .. }) => {
                let msg = e.to_string();
                assert!(msg.starts_with(&format!("bad.conllu: line {line}: ")), "{msg}");
                assert!(msg.contains(why), "{msg} should say {why}");
            }
            other => panic!("{text:?} gave {:?}", other.map(|s| s.len())),
        }
    }
}
