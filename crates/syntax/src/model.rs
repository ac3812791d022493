//! The model file: both weight tables, the tag dictionary and the relation names, in a
//! small binary format (delta-coded keys, varints), gzip-compressed.

use std::io::{Read, Write};

use rustc_hash::FxHashMap;

use crate::Error;
use crate::perceptron::Frozen;
use crate::tagger::Tagger;

const MAGIC: &[u8; 6] = b"PWSYN\x01";

/// A trained tagger and parser.
pub struct Model {
    pub tagger: Tagger,
    pub parser: Frozen,
    /// Relation names; a label id indexes this.
    pub deprels: Vec<String>,
    /// The id of `root`.
    pub root: u8,
}

impl Model {
    /// The label id of a relation name.
    pub fn deprel_id(&self, name: &str) -> Option<u8> {
        self.deprels.iter().position(|d| d == name).map(|i| i as u8)
    }

    /// Writes the model, compressed; the same model gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        varint(&mut raw, self.deprels.len() as u64);
        for d in &self.deprels {
            varint(&mut raw, d.len() as u64);
            raw.extend_from_slice(d.as_bytes());
        }
        raw.push(self.root);
        varint(&mut raw, self.tagger.names.len() as u64);
        for d in &self.tagger.names {
            varint(&mut raw, d.len() as u64);
            raw.extend_from_slice(d.as_bytes());
        }
        let mut dict: Vec<(u32, u8)> = self.tagger.dict.iter().map(|(k, v)| (*k, *v)).collect();
        dict.sort_unstable();
        varint(&mut raw, dict.len() as u64);
        let mut last = 0u32;
        for (k, _) in &dict {
            varint(&mut raw, (k - last) as u64);
            last = *k;
        }
        raw.extend(dict.iter().map(|d| d.1));
        write_table(&mut raw, &self.tagger.weights);
        write_table(&mut raw, &self.parser);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw).expect("writing to memory");
        gz.finish().expect("writing to memory")
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| Error::Model(format!("not a gzip stream: {e}")))?;
        let mut r = Reader { b: &raw, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(Error::Model("not a Pledgewatch syntax model (bad magic)".into()));
        }
        let n = r.varint()? as usize;
        let mut deprels = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            let len = r.varint()? as usize;
            let s =
                std::str::from_utf8(r.take(len)?).map_err(|_| Error::Model("a relation name is not UTF-8".into()))?;
            deprels.push(s.to_string());
        }
        let root = r.take(1)?[0];
        if root as usize >= deprels.len() {
            return Err(Error::Model(format!("root label {root} out of {} labels", deprels.len())));
        }
        let n = r.varint()? as usize;
        let mut names = Vec::with_capacity(n.min(256));
        for _ in 0..n {
            let len = r.varint()? as usize;
            let s = std::str::from_utf8(r.take(len)?).map_err(|_| Error::Model("a tag name is not UTF-8".into()))?;
            names.push(s.to_string());
        }
        if names.is_empty() || names.len() > 256 {
            return Err(Error::Model(format!("{} tags (1 to 256)", names.len())));
        }
        let n = r.varint()? as usize;
        let mut keys = Vec::with_capacity(n.min(1 << 20));
        let mut last = 0u64;
        for _ in 0..n {
            last += r.varint()?;
            keys.push(u32::try_from(last).map_err(|_| Error::Model("dictionary key overflows".into()))?);
        }
        let tags = r.take(n)?;
        let mut dict = FxHashMap::default();
        for (k, t) in keys.into_iter().zip(tags) {
            if *t as usize >= names.len() {
                return Err(Error::Model(format!("dictionary tag {t} of {}", names.len())));
            }
            dict.insert(k, *t);
        }
        let tagger = read_table(&mut r)?;
        let parser = read_table(&mut r)?;
        if parser.classes != crate::parser::classes(deprels.len()) || tagger.classes != names.len() {
            return Err(Error::Model("parser classes do not match the relations".into()));
        }
        let upos = crate::tagger::upos_of(&names);
        Ok(Model { tagger: Tagger { weights: tagger, dict, names, upos }, parser, deprels, root })
    }
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn write_table(out: &mut Vec<u8>, t: &Frozen) {
    let rows = t.rows();
    varint(out, t.classes as u64);
    varint(out, rows.len() as u64);
    let mut last = 0u32;
    for (k, _, _) in &rows {
        varint(out, (k - last) as u64);
        last = *k;
    }
    for (_, c, _) in &rows {
        varint(out, c.len() as u64);
    }
    for (_, c, _) in &rows {
        out.extend_from_slice(c);
    }
    for (_, _, w) in &rows {
        for v in *w {
            // Zigzag, so that small magnitudes take one byte.
            varint(out, ((*v as i32) << 1 ^ (*v as i32) >> 31) as u32 as u64);
        }
    }
}

fn read_table(r: &mut Reader) -> Result<Frozen, Error> {
    let classes = r.varint()? as usize;
    if classes > 256 {
        return Err(Error::Model(format!("{classes} classes (at most 256)")));
    }
    let n = r.varint()? as usize;
    let mut keys = Vec::with_capacity(n.min(1 << 22));
    let mut last = 0u64;
    for _ in 0..n {
        last += r.varint()?;
        keys.push(u32::try_from(last).map_err(|_| Error::Model("feature key overflows".into()))?);
    }
    let mut lens = Vec::with_capacity(n.min(1 << 22));
    for _ in 0..n {
        lens.push(r.varint()? as usize);
    }
    // Straight into the flat arrays (no row of its own per feature): decoding stays
    // within a few times the table's own size.
    let total: usize = lens.iter().sum();
    let class_bytes = r.take(total)?;
    let mut index = rustc_hash::FxHashMap::default();
    index.reserve(n);
    let mut classes_of = Vec::with_capacity(total);
    let mut weights = Vec::with_capacity(total);
    let mut at = 0usize;
    for (k, len) in keys.into_iter().zip(lens) {
        let start = classes_of.len();
        for &c in &class_bytes[at..at + len] {
            if c as usize >= classes {
                return Err(Error::Model(format!("class {c} of {classes}")));
            }
            let z = r.varint()? as u32;
            classes_of.push(c);
            weights.push(((z >> 1) as i32 ^ -((z & 1) as i32)) as i16);
        }
        at += len;
        let len = u16::try_from(len).map_err(|_| Error::Model(format!("{len} classes in one row")))?;
        if index.insert(k, (start as u32, len)).is_some() {
            return Err(Error::Model(format!("feature key {k} twice")));
        }
    }
    Ok(Frozen::from_parts(classes, index, classes_of, weights))
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end =
            self.at.checked_add(n).filter(|e| *e <= self.b.len()).ok_or_else(|| Error::Model("truncated".into()))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn varint(&mut self) -> Result<u64, Error> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(Error::Model("varint too long".into()))
    }
}
