//! Any token list parses without a panic, into a tree over its words.

use pledgewatch_syntax::Syntax;
use proptest::prelude::*;

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,12}",
        "[0-9]{1,6}",
        Just("'".to_string()),
        Just("\u{2019}".to_string()),
        Just(".".to_string()),
        Just("$".to_string()),
        Just("n".to_string()),
        Just("t".to_string()),
        Just("s".to_string()),
        Just("U".to_string()),
        Just("cannot".to_string()),
        "\\PC{1,4}",
        Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_tokens_parse(tokens in prop::collection::vec(token(), 0..60), a in 0usize..70, b in 0usize..70, f in 0usize..70) {
        let syntax = Syntax::embedded().unwrap();
        let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let p = syntax.parse(&refs);
        prop_assert_eq!(p.words.token_word.len(), refs.len());
        prop_assert_eq!(p.heads.len(), p.len());
        for (d, h) in p.heads.iter().enumerate() {
            if let Some(h) = h {
                prop_assert!(*h < p.len() && *h != d);
            }
            let _ = p.deprel(d);
        }
        // Every word reaches the root (no cycle).
        for d in 0..p.len() {
            let mut w = d;
            let mut steps = 0;
            while let Some(h) = p.heads[w] {
                w = h;
                steps += 1;
                prop_assert!(steps <= p.len());
            }
        }
        let _ = p.governor(f);
        let (s, e) = (a.min(b), a.max(b));
        let _ = p.role(s..e, f);
    }
}
