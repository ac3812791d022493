//! The dependency parser: greedy arc-eager transitions chosen by an averaged perceptron
//! over the Zhang & Nivre (2011) feature set, trained with Goldberg & Nivre's (2012)
//! dynamic oracle (the parser learns to recover from its own mistakes).
//!
//! Words are numbered from 1; 0 is the root, which starts on the stack. Words left on
//! the stack without a head when the buffer is empty become children of the root.

use crate::hash::key;
use crate::perceptron::{Frozen, Trainer};

/// No word (an empty slot, or no head yet).
pub const NO: usize = usize::MAX;

const SHIFT: usize = 0;
const REDUCE: usize = 1;

/// Class ids: 0 shift, 1 reduce, 2+2l left-arc with label l, 3+2l right-arc with label l.
pub fn classes(labels: usize) -> usize {
    2 + 2 * labels
}

/// What the features read of a sentence: each word's form hash and tag (index 0 is the root).
pub struct Input<'a> {
    pub words: &'a [u64],
    pub tags: &'a [u8],
    /// Number of commas and semicolons among words `1..i` (a clause boundary between
    /// two words is a strong hint against an arc).
    pub commas: &'a [u16],
}

/// Fills `out` with the running count of commas and semicolons before each word (index 0
/// the root; `forms` are the words 1..=n).
pub fn count_commas<'a>(forms: impl Iterator<Item = &'a str>, out: &mut Vec<u16>) {
    out.clear();
    out.push(0);
    let mut k = 0u16;
    for f in forms {
        out.push(k);
        if f == "," || f == ";" {
            k = k.saturating_add(1);
        }
    }
}

/// A parser configuration.
pub struct State {
    pub n: usize,
    pub stack: Vec<usize>,
    /// The first word of the buffer (the buffer is `b..=n`).
    pub b: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
    /// Two leftmost and two rightmost children of each word.
    lm: Vec<[usize; 2]>,
    rm: Vec<[usize; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    /// The set of labels of each word's left and right children.
    ls: Vec<u64>,
    rs: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NO; n + 1],
            labels: vec![0; n + 1],
            lm: vec![[NO; 2]; n + 1],
            rm: vec![[NO; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            ls: vec![0; n + 1],
            rs: vec![0; n + 1],
        }
    }

    pub fn done(&self) -> bool {
        self.b > self.n
    }

    fn s0(&self) -> usize {
        *self.stack.last().unwrap_or(&NO)
    }

    fn add_arc(&mut self, h: usize, d: usize, l: u8) {
        self.heads[d] = h;
        self.labels[d] = l;
        let bit = 1u64 << (l as u32 % 64);
        if d < h {
            let m = &mut self.lm[h];
            if m[0] == NO || d < m[0] {
                m[1] = m[0];
                m[0] = d;
            } else if m[1] == NO || d < m[1] {
                m[1] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.ls[h] |= bit;
        } else {
            let m = &mut self.rm[h];
            if m[0] == NO || d > m[0] {
                m[1] = m[0];
                m[0] = d;
            } else if m[1] == NO || d > m[1] {
                m[1] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rs[h] |= bit;
        }
    }

    /// Whether a move (0 shift, 1 reduce, 2 left-arc, 3 right-arc) may be made.
    pub fn valid(&self, mv: usize) -> bool {
        let s0 = self.s0();
        match mv {
            SHIFT => !self.done(),
            REDUCE => s0 != NO && s0 != 0 && self.heads[s0] != NO,
            2 => !self.done() && s0 != NO && s0 != 0 && self.heads[s0] == NO,
            _ => !self.done() && s0 != NO,
        }
    }

    /// Applies a class (see [`classes`]); the caller checks it is valid.
    pub fn apply(&mut self, class: usize) {
        match class {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            c => {
                let l = ((c - 2) / 2) as u8;
                let s0 = self.s0();
                if c % 2 == 0 {
                    self.add_arc(self.b, s0, l);
                    self.stack.pop();
                } else {
                    self.add_arc(s0, self.b, l);
                    self.stack.push(self.b);
                    self.b += 1;
                }
            }
        }
    }

    /// Gives every word without a head the root, with label `root`.
    pub fn finish(&mut self, root: u8) {
        for d in 1..=self.n {
            if self.heads[d] == NO {
                self.heads[d] = 0;
                self.labels[d] = root;
            }
        }
    }

    /// The number of gold arcs each move (shift, reduce, left, right) makes unreachable.
    pub fn costs(&self, gold: &[usize]) -> [usize; 4] {
        let s0 = self.s0();
        let b = self.b;
        let n = self.n;
        let mut c = [usize::MAX; 4];
        if self.valid(SHIFT) {
            let mut k = 0;
            for &s in &self.stack {
                if s != 0 && gold[b] == s {
                    k += 1;
                }
                if s != 0 && self.heads[s] == NO && gold[s] == b {
                    k += 1;
                }
            }
            c[SHIFT] = k;
        }
        if self.valid(REDUCE) {
            c[REDUCE] = (b..=n).filter(|&k| gold[k] == s0).count();
        }
        if self.valid(2) {
            let lost_head = gold[s0] == 0 || (gold[s0] > b && gold[s0] <= n);
            c[2] = (b..=n).filter(|&k| gold[k] == s0).count() + lost_head as usize;
        }
        if self.valid(3) {
            let mut k = 0;
            if gold[b] != s0 && (gold[b] > b || self.stack.contains(&gold[b])) {
                k += 1;
            }
            for &s in &self.stack {
                if s != 0 && self.heads[s] == NO && gold[s] == b {
                    k += 1;
                }
            }
            c[3] = k;
        }
        c
    }

    /// The cost of a labelled class.
    pub fn class_cost(&self, moves: &[usize; 4], class: usize, gold: &[usize], gold_labels: &[u8]) -> usize {
        match class {
            SHIFT | REDUCE => moves[class],
            c => {
                let l = ((c - 2) / 2) as u8;
                let s0 = self.s0();
                if c % 2 == 0 {
                    moves[2].saturating_add((gold[s0] == self.b && gold_labels[s0] != l) as usize)
                } else {
                    moves[3].saturating_add((gold[self.b] == s0 && gold_labels[self.b] != l) as usize)
                }
            }
        }
    }

    /// The parser's features of this configuration.
    pub fn features(&self, x: &Input, out: &mut Vec<u64>) {
        out.clear();
        const NONE_W: u64 = 0xF0F0;
        const ROOT_W: u64 = 0xF1F1;
        let w = |i: usize| -> u64 {
            match i {
                NO => NONE_W,
                0 => ROOT_W,
                i => x.words[i],
            }
        };
        let p = |i: usize| -> u64 {
            match i {
                NO => 100,
                0 => 101,
                i => x.tags[i] as u64,
            }
        };
        let lab =
            |i: usize| -> u64 { if i == NO || i == 0 || self.heads[i] == NO { 200 } else { self.labels[i] as u64 } };
        let n = self.n;
        let at = |i: usize| if i <= n { i } else { NO };
        let s0 = self.s0();
        let s1 = if self.stack.len() >= 2 { self.stack[self.stack.len() - 2] } else { NO };
        let (n0, n1, n2) = (at(self.b), at(self.b + 1), at(self.b + 2));
        let head = |i: usize| if i == NO || i == 0 { NO } else { self.heads[i] };
        let lm = |i: usize, k: usize| if i == NO { NO } else { self.lm[i][k] };
        let rm = |i: usize, k: usize| if i == NO { NO } else { self.rm[i][k] };
        let s0h = head(s0);
        let s0h2 = head(s0h);
        let (s0l, s0l2, s0r, s0r2) = (lm(s0, 0), lm(s0, 1), rm(s0, 0), rm(s0, 1));
        let (n0l, n0l2) = (lm(n0, 0), lm(n0, 1));
        let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
        let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
        let dist = if s0 == NO || n0 == NO || s0 == 0 {
            0
        } else {
            match n0 - s0 {
                d @ 1..=4 => d as u64,
                5..=9 => 5,
                _ => 6,
            }
        };
        let vals = |i: usize| -> (u64, u64, u64, u64) {
            if i == NO { (0, 0, 0, 0) } else { (self.nl[i] as u64, self.nr[i] as u64, self.ls[i], self.rs[i]) }
        };
        let (s0vl, s0vr, s0sl, s0sr) = vals(s0);
        let (n0vl, _, n0sl, _) = vals(n0);
        let mut f = |t: u64, a: u64, b: u64, c: u64| out.push(key(t + 1000, a, b, c));
        f(0, 0, 0, 0);
        // Single words.
        f(1, s0w, s0p, 0);
        f(2, s0w, 0, 0);
        f(3, s0p, 0, 0);
        f(4, n0w, n0p, 0);
        f(5, n0w, 0, 0);
        f(6, n0p, 0, 0);
        f(7, n1w, n1p, 0);
        f(8, n1w, 0, 0);
        f(9, n1p, 0, 0);
        f(10, n2w, n2p, 0);
        f(11, n2w, 0, 0);
        f(12, n2p, 0, 0);
        // Pairs.
        f(13, s0w, s0p, n0w ^ n0p << 40);
        f(14, s0w, s0p, n0w);
        f(15, s0w, n0w, n0p);
        f(16, s0w ^ s0p << 40, n0p, 0);
        f(17, s0p, n0w, n0p);
        f(18, s0w, n0w, 0);
        f(19, s0p, n0p, 0);
        f(20, n0p, n1p, 0);
        // Three tags.
        f(21, n0p, n1p, n2p);
        f(22, s0p, n0p, n1p);
        f(23, p(s0h), s0p, n0p);
        f(24, s0p, p(s0l), n0p);
        f(25, s0p, p(s0r), n0p);
        f(26, s0p, n0p, p(n0l));
        // Distance.
        f(27, s0w, dist, 0);
        f(28, s0p, dist, 0);
        f(29, n0w, dist, 0);
        f(30, n0p, dist, 0);
        f(31, s0w, n0w, dist);
        f(32, s0p, n0p, dist);
        // Valency.
        f(33, s0w, s0vr, 0);
        f(34, s0p, s0vr, 0);
        f(35, s0w, s0vl, 0);
        f(36, s0p, s0vl, 0);
        f(37, n0w, n0vl, 0);
        f(38, n0p, n0vl, 0);
        // Heads and children.
        f(39, w(s0h), 0, 0);
        f(40, p(s0h), 0, 0);
        f(41, lab(s0), 0, 0);
        f(42, w(s0l), 0, 0);
        f(43, p(s0l), 0, 0);
        f(44, lab(s0l), 0, 0);
        f(45, w(s0r), 0, 0);
        f(46, p(s0r), 0, 0);
        f(47, lab(s0r), 0, 0);
        f(48, w(n0l), 0, 0);
        f(49, p(n0l), 0, 0);
        f(50, lab(n0l), 0, 0);
        // Third order.
        f(51, w(s0h2), 0, 0);
        f(52, p(s0h2), 0, 0);
        f(53, lab(s0h), 0, 0);
        f(54, w(s0l2), 0, 0);
        f(55, p(s0l2), 0, 0);
        f(56, lab(s0l2), 0, 0);
        f(57, w(s0r2), 0, 0);
        f(58, p(s0r2), 0, 0);
        f(59, lab(s0r2), 0, 0);
        f(60, w(n0l2), 0, 0);
        f(61, p(n0l2), 0, 0);
        f(62, lab(n0l2), 0, 0);
        f(63, s0p, p(s0l), p(s0l2));
        f(64, s0p, p(s0r), p(s0r2));
        f(65, s0p, p(s0h), p(s0h2));
        f(66, n0p, p(n0l), p(n0l2));
        // Label sets.
        f(67, s0w, s0sr, 0);
        f(68, s0p, s0sr, 0);
        f(69, s0w, s0sl, 0);
        f(70, s0p, s0sl, 0);
        f(71, n0w, n0sl, 0);
        f(72, n0p, n0sl, 0);
        // The second word of the stack.
        f(73, w(s1), p(s1), 0);
        f(74, p(s1), s0p, n0p);
        f(75, w(s1), s0w, 0);
        f(76, p(s1), lab(s0), n0p);
        // The word before the buffer's first.
        let prev = if n0 != NO && n0 > 1 { n0 - 1 } else { NO };
        f(77, p(prev), n0p, s0p);
        f(78, w(prev), n0w, 0);
        // Commas between the stack's top and the buffer's first.
        let commas = if s0 == NO || n0 == NO || s0 == 0 {
            3
        } else {
            (x.commas.get(n0).copied().unwrap_or(0).saturating_sub(x.commas.get(s0 + 1).copied().unwrap_or(0))).min(2)
                as u64
        };
        f(79, s0p, n0p, commas);
        f(80, s0w, n0p, commas);
        f(81, s0p, n0w, commas);
    }
}

/// Parses one sentence with a frozen table; fills `heads` (0 = root) and `labels` for words 1..=n.
pub fn parse(weights: &Frozen, x: &Input, root: u8, state: &mut State, feats: &mut Vec<u64>, scores: &mut Vec<i32>) {
    scores.resize(weights.classes, 0);
    while !state.done() {
        state.features(x, feats);
        weights.score(feats, scores);
        let mut best = NO;
        for (c, s) in scores.iter().enumerate() {
            let mv = if c < 2 { c } else { 2 + (c % 2) };
            if state.valid(mv) && (best == NO || *s > scores[best]) {
                best = c;
            }
        }
        if best == NO {
            break;
        }
        state.apply(best);
    }
    state.finish(root);
}

/// A training sentence: gold heads and labels (index 0 is the root).
pub struct Gold<'a> {
    pub heads: &'a [usize],
    pub labels: &'a [u8],
    /// Number of relations.
    pub relations: usize,
}

/// One training pass over one sentence with the dynamic oracle; `explore` follows the
/// model's own (possibly wrong) move when it is set and the coin says so.
pub fn train_sentence(
    model: &mut Trainer,
    x: &Input,
    g: &Gold,
    explore: bool,
    rng: &mut fastrand::Rng,
    feats: &mut Vec<u64>,
    scores: &mut Vec<i64>,
) {
    let (gold, gold_labels) = (g.heads, g.labels);
    let n = x.words.len() - 1;
    let mut state = State::new(n);
    let classes = classes(g.relations);
    scores.resize(classes, 0);
    while !state.done() {
        state.features(x, feats);
        model.score(feats, scores);
        let moves = state.costs(gold);
        let mut guess = NO;
        let mut best_gold = NO;
        let mut min_cost = usize::MAX;
        for c in 0..classes {
            let mv = if c < 2 { c } else { 2 + (c % 2) };
            if moves[mv] == usize::MAX {
                continue;
            }
            if guess == NO || scores[c] > scores[guess] {
                guess = c;
            }
            let cost = state.class_cost(&moves, c, gold, gold_labels);
            if cost < min_cost || (cost == min_cost && scores[c] > scores[best_gold]) {
                min_cost = cost;
                best_gold = c;
            }
        }
        if guess == NO {
            break;
        }
        model.tick();
        let guess_cost = state.class_cost(&moves, guess, gold, gold_labels);
        if guess_cost > min_cost {
            model.update(best_gold, guess, feats);
        }
        let next = if explore && guess_cost > min_cost && rng.f64() < 0.9 { guess } else { best_gold };
        state.apply(next);
    }
}
