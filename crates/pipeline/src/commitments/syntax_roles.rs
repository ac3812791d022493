//! Roles from the parse, asked only where the word windows are weakest.
//!
//! The word-window rules of `roles.rs` choose a donor; when none of them names one, any
//! other party the sentence names is taken as a weak donor. That fallback is where an
//! aggressor or a bystander becomes a giver ("… to counter Russia's war against Ukraine"
//! next to a US figure). Before a weak donor is taken, the sentence is tagged and parsed
//! (`pledgewatch-syntax`, trained on UD English EWT) and a party the tree puts in a
//! possessive inside a prepositional phrase is passed over: it neither gives nor receives.
//! The parse runs only for sentences that reach this point with a possessive name, once
//! per sentence; the model is decoded on the first such sentence of a process.

use pledgewatch_syntax::roles::Relation;
use pledgewatch_syntax::{Parse, Syntax};

use super::cues::Words;
use crate::text::{Token, tokenize_into};

/// A sentence's parse, made on the first question.
pub(super) struct SentenceTree<'t> {
    text: &'t str,
    span: (usize, usize),
    parsed: Option<Option<Parsed<'t>>>,
}

struct Parsed<'t> {
    tokens: Vec<Token>,
    parse: Parse<'t>,
}

impl<'t> SentenceTree<'t> {
    pub fn new(words: &Words<'t>) -> Self {
        let span = match (words.words.first(), words.words.last()) {
            (Some(f), Some(l)) => (f.1, l.2),
            _ => (0, 0),
        };
        SentenceTree { text: words.text, span, parsed: None }
    }

    /// [rule `role-syntax-possessive`] Whether the parse puts the party at `actor`
    /// (bytes) in a possessive inside a prepositional phrase of the verb at word
    /// `trigger` ("Russia's war against Ukraine"): no giver, no receiver.
    pub fn is_possessive_in_pp(&mut self, words: &Words, actor: (usize, usize), trigger: usize) -> bool {
        // Only a name written as a possessive can be one: the parser (and its model,
        // ~150 MB decoded) is not woken for any other.
        let after = &self.text[actor.1..];
        if !(after.starts_with("'s") || after.starts_with("’s") || after.starts_with("' ") || after.starts_with("’ "))
        {
            return false;
        }
        let Some(&(_, verb_start, _)) = words.words.get(trigger) else { return false };
        let Some(p) = self.parsed() else { return false };
        let Some(verb) = p.tokens.iter().position(|t| t.start == verb_start) else { return false };
        let first = p.tokens.iter().position(|t| t.start >= actor.0);
        let last = p.tokens.iter().rposition(|t| t.end <= actor.1);
        let (Some(first), Some(last)) = (first, last) else { return false };
        if last < first {
            return false;
        }
        p.parse.role(first..last + 1, verb).is_some_and(|r| r.relation == Relation::PossessiveInPP)
    }

    fn parsed(&mut self) -> Option<&Parsed<'t>> {
        let (text, span) = (self.text, self.span);
        self.parsed
            .get_or_insert_with(|| {
                if span.1 <= span.0 || span.1 - span.0 > MAX_PARSED_BYTES {
                    return None;
                }
                let syntax = Syntax::embedded().ok()?;
                let mut tokens = Vec::new();
                tokenize_into(text, span.0, span.1, &mut tokens);
                let forms: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
                let parse = syntax.parse(&forms);
                Some(Parsed { tokens, parse })
            })
            .as_ref()
    }
}

/// Longer sentences are not parsed (a parse is linear, but a run-on list gains nothing).
const MAX_PARSED_BYTES: usize = 1200;
