//! The averaged perceptron: a sparse, integer-weighted table for training and a frozen,
//! quantised one for use.
//!
//! Training weights are integers (every update is ±1), so training is exactly
//! reproducible; the average is taken lazily (each weight remembers when it last
//! changed). Freezing averages, quantises to `i16` and drops weights too small to
//! matter, which is what keeps the shipped file small.

use rustc_hash::FxHashMap;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: i32,
    /// Update count when `w` last changed.
    stamp: u32,
    /// Sum of `w` over all updates up to `stamp`.
    total: i64,
}

/// A table being trained.
pub struct Trainer {
    classes: usize,
    rows: FxHashMap<u64, Vec<Entry>>,
    /// Number of examples seen (the averaging clock).
    clock: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Self {
        Trainer { classes, rows: FxHashMap::default(), clock: 0 }
    }

    /// Adds each feature's current weights into `scores` (length = classes).
    pub fn score(&self, feats: &[u64], scores: &mut [i64]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[e.class as usize] += e.w as i64;
                }
            }
        }
    }

    /// Counts one example; call once per decision, whether or not it updates.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Moves weights towards `truth` and away from `guess`.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u64]) {
        if truth == guess {
            return;
        }
        let now = self.clock;
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            for (class, delta) in [(truth, 1), (guess, -1)] {
                let e = match row.iter().position(|e| e.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Entry { class: class as u16, w: 0, stamp: now, total: 0 });
                        row.last_mut().expect("just pushed")
                    }
                };
                e.total += e.w as i64 * (now - e.stamp) as i64;
                e.stamp = now;
                e.w += delta;
            }
        }
    }

    /// Averages, drops weights whose average magnitude is below `prune`, and quantises
    /// the rest to `i16` in steps of 1/`quantum` of an update (0: the finest steps that
    /// fit; coarser steps make a smaller file).
    pub fn freeze(&self, prune: f64, quantum: f64) -> Frozen {
        let now = self.clock.max(1) as f64;
        let avg = |e: &Entry| (e.total + e.w as i64 * (self.clock - e.stamp) as i64) as f64 / now;
        let max = self.rows.values().flatten().map(|e| avg(e).abs()).fold(1e-9, f64::max);
        let finest = i16::MAX as f64 / max;
        let scale = if quantum > 0.0 { finest.min(quantum) } else { finest };
        let mut keys: Vec<&u64> = self.rows.keys().collect();
        keys.sort_unstable();
        let mut rows: Vec<(u32, Vec<(u8, i16)>)> = Vec::new();
        for k in keys {
            let mut row: Vec<(u8, i16)> = Vec::new();
            for e in &self.rows[k] {
                let a = avg(e);
                let q = (a * scale).round() as i16;
                if a.abs() >= prune && q != 0 {
                    row.push((e.class as u8, q));
                }
            }
            if !row.is_empty() {
                row.sort_unstable();
                rows.push((short_key(*k), row));
            }
        }
        Frozen::from_rows(self.classes, rows)
    }
}

/// The 32-bit key a frozen table stores for a 64-bit feature hash.
#[inline]
pub fn short_key(k: u64) -> u32 {
    (k >> 32) as u32 ^ k as u32
}

/// A frozen table: feature key → a run of (class, weight) in one flat array.
pub struct Frozen {
    pub classes: usize,
    index: FxHashMap<u32, (u32, u16)>,
    classes_of: Vec<u8>,
    weights: Vec<i16>,
}

impl Frozen {
    /// Builds from rows sorted by key; rows of keys that collide in 32 bits are summed.
    pub fn from_rows(classes: usize, mut rows: Vec<(u32, Vec<(u8, i16)>)>) -> Frozen {
        rows.sort_by_key(|r| r.0);
        let mut index = FxHashMap::default();
        index.reserve(rows.len());
        let mut classes_of = Vec::new();
        let mut weights = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let key = rows[i].0;
            let mut merged: Vec<(u8, i32)> = Vec::new();
            while i < rows.len() && rows[i].0 == key {
                for &(c, w) in &rows[i].1 {
                    match merged.iter_mut().find(|m| m.0 == c) {
                        Some(m) => m.1 += w as i32,
                        None => merged.push((c, w as i32)),
                    }
                }
                i += 1;
            }
            merged.sort_unstable();
            let start = classes_of.len() as u32;
            for (c, w) in &merged {
                classes_of.push(*c);
                weights.push((*w).clamp(i16::MIN as i32, i16::MAX as i32) as i16);
            }
            index.insert(key, (start, merged.len() as u16));
        }
        Frozen { classes, index, classes_of, weights }
    }

    /// From the flat arrays a model file holds (see `model::read_table`).
    pub(crate) fn from_parts(
        classes: usize,
        index: FxHashMap<u32, (u32, u16)>,
        classes_of: Vec<u8>,
        weights: Vec<i16>,
    ) -> Frozen {
        Frozen { classes, index, classes_of, weights }
    }

    /// Adds each feature's weights into `scores` (length = classes).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for f in feats {
            if let Some(&(start, len)) = self.index.get(&short_key(*f)) {
                let (s, e) = (start as usize, start as usize + len as usize);
                for (c, w) in self.classes_of[s..e].iter().zip(&self.weights[s..e]) {
                    if let Some(slot) = scores.get_mut(*c as usize) {
                        *slot += *w as i32;
                    }
                }
            }
        }
    }

    /// The rows, sorted by key (for writing).
    pub fn rows(&self) -> Vec<(u32, &[u8], &[i16])> {
        let mut v: Vec<(u32, &[u8], &[i16])> = self
            .index
            .iter()
            .map(|(&k, &(s, l))| {
                let (s, e) = (s as usize, s as usize + l as usize);
                (k, &self.classes_of[s..e], &self.weights[s..e])
            })
            .collect();
        v.sort_unstable_by_key(|r| r.0);
        v
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn weight_count(&self) -> usize {
        self.weights.len()
    }
}
