//! Scores the shipped model on a treebank's test split and times tagging + parsing:
//! `cargo run --release -p pledgewatch-syntax --example parse_speed -- ../shared/treebanks/ud-english-ewt`.
use pledgewatch_syntax::train::{evaluate, split_file};
use pledgewatch_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: parse_speed TREEBANK_DIR")?;
    let t0 = std::time::Instant::now();
    let syntax = Syntax::embedded()?;
    println!("model decoded in {:.2} s", t0.elapsed().as_secs_f64());
    let test = conllu::read_path(&split_file(dir.as_ref(), "test")?)?;
    for _ in 0..3 {
        let s = evaluate(syntax, &test);
        println!(
            "UPOS {:.4} UAS {:.4} LAS {:.4}; {:.0} sentences/s, {:.0} words/s",
            s.upos, s.uas, s.las, s.sentences_per_sec, s.words_per_sec
        );
    }
    Ok(())
}
