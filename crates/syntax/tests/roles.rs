//! Roles from the shipped parser, on sentences written for these tests: who gives, who
//! receives, who does neither, and the verb that governs the figure.

use Relation::*;
use pledgewatch_syntax::{Relation, Syntax};

/// Cuts text as the pipeline's tokenizer does: letter runs, digit runs (with inner
/// "," or "."), and every other character alone.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b' ' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_ascii_alphabetic() {
            while j < b.len() && b[j].is_ascii_alphabetic() {
                j += 1;
            }
        } else if c.is_ascii_digit() {
            while j < b.len()
                && (b[j].is_ascii_digit()
                    || ((b[j] == b',' || b[j] == b'.') && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
            {
                j += 1;
            }
        }
        out.push(&text[i..j]);
        i = j;
    }
    out
}

/// The token range of the first occurrence of `phrase`'s tokens.
fn find(toks: &[&str], phrase: &str) -> std::ops::Range<usize> {
    let p = tokens(phrase);
    let start =
        toks.windows(p.len()).position(|w| w == p.as_slice()).unwrap_or_else(|| panic!("{phrase:?} not in {toks:?}"));
    start..start + p.len()
}

struct Case {
    text: &'static str,
    figure: &'static str,
    verb: &'static str,
    negated: bool,
    modal: bool,
    actors: &'static [(&'static str, Relation)],
}

const CASES: &[Case] = &[
    Case {
        text: "Germany will send 10 tanks to Ukraine.",
        figure: "10",
        verb: "send",
        negated: false,
        modal: false,
        actors: &[("Germany", Subject), ("Ukraine", ToOrFor)],
    },
    Case {
        text: "The loan, approved by the World Bank, provides $50 million for Kenya.",
        figure: "50",
        verb: "provide",
        negated: false,
        modal: false,
        actors: &[("World Bank", Agent), ("Kenya", ToOrFor)],
    },
    Case {
        text: "Russia's war against Ukraine has cost $10 billion.",
        figure: "10",
        verb: "cost",
        negated: false,
        modal: false,
        actors: &[("Russia", PossessiveInPP)],
    },
    Case {
        text: "Japan and Korea pledged $3 billion.",
        figure: "3",
        verb: "pledge",
        negated: false,
        modal: false,
        actors: &[("Japan", Subject), ("Korea", Subject)],
    },
    Case {
        text: "I hereby delegate to the Secretary of State the authority to furnish up to $100 million in assistance to Ukraine.",
        figure: "100",
        verb: "furnish",
        negated: false,
        modal: false,
        actors: &[("Ukraine", ToOrFor)],
    },
    Case {
        text: "Peru was given 40 generators by Norway.",
        figure: "40",
        verb: "give",
        negated: false,
        modal: false,
        actors: &[("Peru", PassiveSubject), ("Norway", Agent)],
    },
    Case {
        text: "France gave Lebanon 3 million euros.",
        figure: "3",
        verb: "give",
        negated: false,
        modal: false,
        actors: &[("France", Subject), ("Lebanon", IndirectObject)],
    },
    Case {
        text: "Canada would provide $5 million to Haiti.",
        figure: "5",
        verb: "provide",
        negated: false,
        modal: true,
        actors: &[("Canada", Subject), ("Haiti", ToOrFor)],
    },
    Case {
        text: "Spain did not deliver the 30 trucks to Chad.",
        figure: "30",
        verb: "deliver",
        negated: true,
        modal: false,
        actors: &[("Spain", Subject), ("Chad", ToOrFor)],
    },
    Case {
        text: "Denmark decided to donate 20 ambulances to Moldova.",
        figure: "20",
        verb: "donate",
        negated: false,
        modal: false,
        actors: &[("Denmark", Subject), ("Moldova", ToOrFor)],
    },
    Case {
        text: "If the vote passes, Sweden will donate 25 ambulances to Moldova.",
        figure: "25",
        verb: "donate",
        negated: false,
        modal: true,
        actors: &[("Sweden", Subject), ("Moldova", ToOrFor)],
    },
    Case {
        text: "The fund will give $20 million to victims of Russia's war against Ukraine.",
        figure: "20",
        verb: "give",
        negated: false,
        modal: false,
        actors: &[("Russia", PossessiveInPP), ("Ukraine", Other)],
    },
    Case {
        text: "Chile sent 12 doctors for the clinics in Peru.",
        figure: "12",
        verb: "send",
        negated: false,
        modal: false,
        actors: &[("Chile", Subject), ("Peru", Other)],
    },
];

#[test]
fn roles_of_actors_towards_the_giving_verb() {
    let syntax = Syntax::embedded().unwrap();
    let mut failures = Vec::new();
    for case in CASES {
        let toks = tokens(case.text);
        let parse = syntax.parse(&toks);
        let figure = find(&toks, case.figure).start;
        let gov = parse.governor(figure);
        let got = gov.as_ref().map(|g| (g.lemma.as_str(), g.negated, g.modal));
        if got != Some((case.verb, case.negated, case.modal)) {
            failures.push(format!("{}: governor {got:?}, want {:?}", case.text, (case.verb, case.negated, case.modal)));
        }
        for (actor, want) in case.actors {
            let role = parse.role(find(&toks, actor), figure);
            if role.map(|r| r.relation) != Some(*want) {
                failures.push(format!("{}: {actor} is {role:?}, want {want:?}", case.text));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn path_length_counts_arcs_to_the_verb() {
    let syntax = Syntax::embedded().unwrap();
    let toks = tokens("Germany will send 10 tanks to Ukraine.");
    let parse = syntax.parse(&toks);
    let figure = find(&toks, "10").start;
    assert_eq!(parse.role(find(&toks, "Germany"), figure).map(|r| r.path), Some(1));
    assert_eq!(parse.role(find(&toks, "Ukraine"), figure).map(|r| r.path), Some(1));
}

#[test]
fn a_figure_without_a_verb_has_no_governor() {
    let syntax = Syntax::embedded().unwrap();
    let toks = tokens("$5 million.");
    let parse = syntax.parse(&toks);
    assert!(parse.governor(0).is_none());
    assert!(parse.role(0..1, 0).is_none());
}
