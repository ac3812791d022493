//! Roles from the tree: how an actor mention stands to the verb that gives a figure.
//!
//! The subject (or a passive's agent) of the giving verb gives; the object of "to" or
//! "for", or the indirect object, receives; a possessive inside a prepositional phrase
//! ("Russia's war against Ukraine") does neither. Everything is read in the pipeline's
//! token indices; [`Parse`] maps them to words.

use std::ops::Range;

use crate::Parse;

/// An actor's relation to the giving verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Subject of an active giving verb ("Germany will send …").
    Subject,
    /// Agent of a passive ("… approved by the World Bank").
    Agent,
    /// Subject of a passive ("Ukraine was given …").
    PassiveSubject,
    /// Object of "to" or "for" in the verb's phrase ("… to Ukraine", "… for Kenya").
    ToOrFor,
    IndirectObject,
    Object,
    /// A possessive inside a prepositional phrase, or of a noun that heads one
    /// ("Russia's war against Ukraine"): neither gives nor receives.
    PossessiveInPP,
    Other,
}

/// An actor's relation and how many arcs separate it from the verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    pub relation: Relation,
    pub path: usize,
}

/// The verb that governs a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Governor {
    /// Its word index.
    pub verb: usize,
    /// Lowercased, inflection stripped ("pledged" → "pledge", "sent" → "send").
    pub lemma: String,
    /// Under "not", "n't" or "never".
    pub negated: bool,
    /// Under "would", "could", "might", "may", "should", or in an "if"/"unless" clause.
    pub modal: bool,
}

const NEGATIONS: [&str; 4] = ["not", "n't", "never", "no"];
const MODALS: [&str; 6] = ["would", "could", "might", "may", "should", "'d"];
const CONDITIONS: [&str; 2] = ["if", "unless"];
/// Relations that stay inside a noun phrase or a verb's arguments (no clause boundary).
const NOMINAL: [&str; 11] =
    ["nmod", "obl", "obj", "iobj", "nsubj", "nummod", "compound", "appos", "conj", "flat", "advmod"];

impl Parse<'_> {
    /// The word a token belongs to.
    pub fn word_of_token(&self, token: usize) -> Option<usize> {
        self.words.token_word.get(token).copied()
    }

    fn base(&self, i: usize) -> &str {
        let d = self.deprel(i);
        d.split(':').next().unwrap_or(d)
    }

    fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).copied().flatten()
    }

    fn form_is(&self, i: usize, set: &[&str]) -> bool {
        set.iter().any(|s| self.words.forms[i].eq_ignore_ascii_case(s))
    }

    fn has_child(&self, i: usize, base: &str, forms: &[&str]) -> bool {
        self.children(i).any(|c| self.base(c) == base && (forms.is_empty() || self.form_is(c, forms)))
    }

    /// The preposition of a nominal ("to" of "to Ukraine").
    fn case_of(&self, i: usize) -> Option<usize> {
        self.children(i).find(|&c| self.base(c) == "case" && self.deprel(c) == "case")
    }

    fn is_passive(&self, v: usize) -> bool {
        self.children(v).any(|c| matches!(self.deprel(c), "aux:pass" | "nsubj:pass" | "csubj:pass"))
    }

    /// The word of a token span that the others hang from (the first such word).
    fn span_head(&self, span: Range<usize>) -> Option<usize> {
        if span.is_empty() {
            return None;
        }
        let first = self.word_of_token(span.start)?;
        let last = self.word_of_token(span.end - 1)?;
        (first..=last).find(|&w| self.head(w).is_none_or(|h| h < first || h > last))
    }

    /// The verb that governs the figure at `figure_token`: the first verb above it.
    pub fn governor(&self, figure_token: usize) -> Option<Governor> {
        let mut w = self.word_of_token(figure_token)?;
        let mut steps = 0;
        let verb = loop {
            if self.tag(w) == "VERB" {
                break w;
            }
            w = self.head(w)?;
            steps += 1;
            if steps > self.len() {
                return None;
            }
        };
        // The verbs whose auxiliaries and markers count for this one: itself, and the
        // verbs it completes or shares a subject with ("would like to send").
        let mut chain = vec![verb];
        let mut v = verb;
        while matches!(self.base(v), "xcomp" | "conj") {
            match self.head(v) {
                Some(h) if chain.len() < 8 => {
                    chain.push(h);
                    v = h;
                }
                _ => break,
            }
        }
        let negated = chain.iter().any(|&v| self.has_child(v, "advmod", &NEGATIONS));
        let mut modal = chain.iter().any(|&v| self.has_child(v, "aux", &MODALS))
            // "If Congress approves, Sweden will donate …": a condition hangs from the verb.
            || chain.iter().any(|&v| self.children(v).any(|c| self.base(c) == "advcl" && self.has_child(c, "mark", &CONDITIONS)));
        // A conditional clause, here or above ("if Congress approves, we will send …").
        let mut c = verb;
        for _ in 0..self.len() {
            if self.has_child(c, "mark", &CONDITIONS) {
                modal = true;
                break;
            }
            match self.head(c) {
                Some(h) if matches!(self.base(c), "xcomp" | "conj" | "ccomp" | "advcl") => c = h,
                _ => break,
            }
        }
        Some(Governor { verb, lemma: lemma(self.words.forms[verb]), negated, modal })
    }

    /// How the actor mention at tokens `actor` stands to the verb governing the figure
    /// at `figure_token`; `None` when the figure has no governing verb.
    pub fn role(&self, actor: Range<usize>, figure_token: usize) -> Option<Role> {
        let verb = self.governor(figure_token)?.verb;
        let a = self.span_head(actor)?;
        let path = self.distance(a, verb);
        Some(Role { relation: self.relation(a, verb), path })
    }

    fn relation(&self, a: usize, verb: usize) -> Relation {
        // "Japan and Korea pledged": a later conjunct takes the first one's place;
        // likewise an apposition or a name's continuation.
        let mut x = a;
        for _ in 0..self.len() {
            match self.head(x) {
                Some(h) if matches!(self.base(x), "conj" | "appos" | "flat") && self.tag(h) != "VERB" => x = h,
                _ => break,
            }
        }
        if self.deprel(x) == "nmod:poss" {
            return match self.head(x) {
                Some(n) if self.possessed_in_pp(n) => Relation::PossessiveInPP,
                _ => Relation::Other,
            };
        }
        let Some(h) = self.head(x) else { return Relation::Other };
        let base = self.base(x);
        let deprel = self.deprel(x);
        // The verbs whose subject is this verb's: itself and those it completes.
        let mut controllers = vec![verb];
        let mut v = verb;
        while matches!(self.base(v), "xcomp" | "conj") && controllers.len() < 8 {
            match self.head(v) {
                Some(c) => {
                    controllers.push(c);
                    v = c;
                }
                None => break,
            }
        }
        if base == "nsubj" && controllers.contains(&h) {
            return if deprel == "nsubj:pass" || self.is_passive(h) {
                Relation::PassiveSubject
            } else {
                Relation::Subject
            };
        }
        let case = self.case_of(x);
        let by = case.is_some_and(|c| self.form_is(c, &["by"]));
        if h == verb {
            match deprel {
                "obl:agent" => return Relation::Agent,
                "iobj" => return Relation::IndirectObject,
                "obj" => return Relation::Object,
                _ if base == "obl" && by && self.is_passive(verb) => return Relation::Agent,
                _ => {}
            }
        }
        // The agent of a participle that modifies the verb's subject or object
        // ("The loan, approved by the World Bank, provides …").
        if (deprel == "obl:agent" || (base == "obl" && by))
            && self.base(h) == "acl"
            && self.head(h).is_some_and(|n| self.head(n) == Some(verb) && matches!(self.base(n), "nsubj" | "obj"))
        {
            return Relation::Agent;
        }
        if matches!(base, "obl" | "nmod")
            && case.is_some_and(|c| self.form_is(c, &["to", "for"]))
            && self.nominal_path(x, verb)
        {
            return Relation::ToOrFor;
        }
        Relation::Other
    }

    /// Whether a possessed noun sits in a prepositional phrase, or heads one other than
    /// "to"/"for" ("war against Ukraine").
    fn possessed_in_pp(&self, n: usize) -> bool {
        if self.case_of(n).is_some() {
            return true;
        }
        self.children(n)
            .any(|c| self.base(c) == "nmod" && self.case_of(c).is_some_and(|k| !self.form_is(k, &["to", "for", "of"])))
    }

    /// Whether `x` reaches `verb` through nominal relations only (no clause between).
    fn nominal_path(&self, x: usize, verb: usize) -> bool {
        let mut w = x;
        for _ in 0..self.len() {
            if !NOMINAL.contains(&self.base(w)) {
                return false;
            }
            match self.head(w) {
                Some(h) if h == verb => return true,
                Some(h) => w = h,
                None => return false,
            }
        }
        false
    }

    /// Arcs between two words in the tree.
    fn distance(&self, a: usize, b: usize) -> usize {
        let up = |mut w: usize| {
            let mut v = vec![w];
            while let Some(h) = self.head(w) {
                if v.len() > self.len() {
                    break;
                }
                v.push(h);
                w = h;
            }
            v
        };
        let (pa, pb) = (up(a), up(b));
        for (i, x) in pa.iter().enumerate() {
            if let Some(j) = pb.iter().position(|y| y == x) {
                return i + j;
            }
        }
        pa.len() + pb.len()
    }
}

/// Irregular forms of verbs of giving and saying.
const IRREGULAR: [(&str, &str); 16] = [
    ("gave", "give"),
    ("given", "give"),
    ("sent", "send"),
    ("lent", "lend"),
    ("spent", "spend"),
    ("made", "make"),
    ("paid", "pay"),
    ("won", "win"),
    ("took", "take"),
    ("taken", "take"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("sold", "sell"),
    ("set", "set"),
    ("put", "put"),
    ("cost", "cost"),
];

/// Stems that keep a final "e" ("pledg-ed" → "pledge").
const E_FINAL: [&str; 14] = [
    "pledg", "provid", "approv", "announc", "allocat", "donat", "releas", "financ", "guarante", "disburs", "purchas",
    "advanc", "receiv", "authoriz",
];

/// A lowercased verb with its inflection stripped, enough to compare with a list of verbs.
pub fn lemma(form: &str) -> String {
    let w = form.to_lowercase();
    if let Some((_, l)) = IRREGULAR.iter().find(|(f, _)| *f == w) {
        return (*l).to_string();
    }
    for (suffix, add) in [("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.len() < 2 || (suffix == "s" && stem.ends_with('s')) {
                continue;
            }
            if suffix == "es"
                && !(stem.ends_with("sh") || stem.ends_with("ch") || stem.ends_with('x') || stem.ends_with('s'))
            {
                continue;
            }
            if E_FINAL.contains(&stem) {
                return format!("{stem}e");
            }
            let b = stem.as_bytes();
            let n = b.len();
            // "committed" → "commit".
            if (suffix == "ed" || suffix == "ing")
                && n >= 3
                && b[n - 1] == b[n - 2]
                && !matches!(b[n - 1], b'l' | b's' | b'f' | b'z')
            {
                return stem[..n - 1].to_string();
            }
            return format!("{stem}{add}");
        }
    }
    w
}

#[cfg(test)]
mod tests {
    #[test]
    fn lemmas_of_giving_verbs() {
        for (form, want) in [
            ("Pledged", "pledge"),
            ("provides", "provide"),
            ("sent", "send"),
            ("committed", "commit"),
            ("granted", "grant"),
            ("supplies", "supply"),
            ("furnish", "furnish"),
            ("pushes", "push"),
            ("approving", "approve"),
            ("gives", "give"),
        ] {
            assert_eq!(super::lemma(form), want, "{form}");
        }
    }
}
