//! Trains once and freezes the weights several ways, to choose pruning and quantisation:
//! `cargo run --release -p pledgewatch-syntax --example train_syntax -- <treebank dir> <out dir>`.
//! The shipped model is made by `pledgewatch train parser` with the default options.
use pledgewatch_syntax::train::{self, Options};
use pledgewatch_syntax::{Syntax, conllu};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().collect();
    let (dir, out) = (std::path::Path::new(&a[1]), std::path::Path::new(&a[2]));
    let train_set = conllu::read_path(&train::split_file(dir, "train")?)?;
    let test_set = conllu::read_path(&train::split_file(dir, "test")?)?;
    let base = Options::default();
    let raw = train::train_raw(&train_set, &base, &mut |m| eprintln!("{m}"))?;
    for (prune, quantum) in [(0.5, 0.0), (0.5, 64.0), (0.5, 32.0), (0.25, 64.0), (1.0, 0.0), (1.0, 64.0), (0.75, 32.0)]
    {
        let opts = Options { prune_tagger: prune, prune_parser: prune, quantum, ..base.clone() };
        let bytes = raw.freeze(&opts).to_bytes();
        let s = train::evaluate(&Syntax::from_bytes(&bytes)?, &test_set);
        std::fs::write(out.join(format!("m-{prune}-{quantum}.gz")), &bytes)?;
        println!(
            "prune {prune} quantum {quantum}: {} bytes, UPOS {:.4} UAS {:.4} LAS {:.4}",
            bytes.len(),
            s.upos,
            s.uas,
            s.las
        );
    }
    Ok(())
}
