//! CoNLL-U reading: the treebank's sentences as words with gold tags, heads and relations.
//!
//! Only what training and evaluation need: FORM, UPOS, XPOS, HEAD and DEPREL of the basic tree.
//! Multiword-token ranges (`3-4`) and empty nodes (`8.1`) are skipped: the parser works on
//! syntactic words.

use std::io::BufRead;

use crate::Error;

/// One sentence of a treebank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub upos: Vec<String>,
    /// The treebank's own tags (Penn Treebank tags in EWT).
    pub xpos: Vec<String>,
    /// Head of each word, 1-based; 0 is the root.
    pub heads: Vec<usize>,
    pub deprels: Vec<String>,
}

impl Sentence {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the tree has no crossing arcs (arc-eager builds only such trees).
    pub fn is_projective(&self) -> bool {
        let arcs: Vec<(usize, usize)> = self
            .heads
            .iter()
            .enumerate()
            .map(|(i, &h)| {
                let d = i + 1;
                (d.min(h), d.max(h))
            })
            .collect();
        arcs.iter().all(|&(a, b)| arcs.iter().all(|&(c, d)| !(a < c && c < b && b < d)))
    }
}

/// Reads every sentence of a CoNLL-U stream. `name` names the source in errors.
pub fn read(input: impl BufRead, name: &str) -> Result<Vec<Sentence>, Error> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut lines: Vec<usize> = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let lineno = i + 1;
        let line = line.map_err(|e| Error::Io(format!("{name}: line {lineno}: {e}")))?;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.is_empty() {
                finish(&cur, name, &lines)?;
                out.push(std::mem::take(&mut cur));
                lines.clear();
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |why: &str| Error::Conllu { source_name: name.to_string(), line: lineno, why: why.to_string() };
        if cols.len() != 10 {
            return Err(bad(&format!("{} columns, expected 10", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: usize = id.parse().map_err(|_| bad(&format!("ID {:?} is not a number", cols[0])))?;
        if id != cur.len() + 1 {
            return Err(bad(&format!("ID {id} out of order (expected {})", cur.len() + 1)));
        }
        let head: usize = cols[6].parse().map_err(|_| bad(&format!("HEAD {:?} is not a number", cols[6])))?;
        if cols[1].is_empty() || cols[3].is_empty() || cols[7].is_empty() {
            return Err(bad("empty FORM, UPOS or DEPREL"));
        }
        lines.push(lineno);
        cur.words.push(cols[1].to_string());
        cur.upos.push(cols[3].to_string());
        cur.xpos.push(cols[4].to_string());
        cur.heads.push(head);
        cur.deprels.push(cols[7].to_string());
    }
    if !cur.is_empty() {
        finish(&cur, name, &lines)?;
        out.push(cur);
    }
    Ok(out)
}

/// Checks that every head names a word of the sentence.
fn finish(s: &Sentence, name: &str, lines: &[usize]) -> Result<(), Error> {
    for (i, &h) in s.heads.iter().enumerate() {
        if h > s.len() || h == i + 1 {
            return Err(Error::Conllu {
                source_name: name.to_string(),
                line: lines[i],
                why: format!("HEAD {h} of word {} is not another word of the sentence", i + 1),
            });
        }
    }
    Ok(())
}

/// Reads a `.conllu` or `.conllu.gz` file.
pub fn read_path(path: &std::path::Path) -> Result<Vec<Sentence>, Error> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::Io(format!("{name}: {e}")))?;
    if name.ends_with(".gz") {
        read(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file)), &name)
    } else {
        read(std::io::BufReader::new(file), &name)
    }
}
