//! `pledgewatch train …`: the models the pipeline ships, retrained from their data.
//!
//! `train parser` trains the part-of-speech tagger and dependency parser of
//! `pledgewatch-syntax` on a Universal Dependencies treebank, writes the model file and
//! prints its scores on the treebank's test split. `train decision` fits the decision model
//! (which proposed records are commitments) from the labels (`cli/decision/`).

use std::path::PathBuf;
use std::process::ExitCode;

use pledgewatch_syntax::train::{self, Options};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Train the tagger and parser on a UD treebank (train split), score them on its test split.
    Parser(ParserArgs),
    /// The decision model: which proposed records are new commitments, with a calibrated
    /// confidence (writes crates/pipeline/model/decision.json; see the README beside it).
    Decision(super::decision::Args),
}

/// `pledgewatch train parser --treebank DIR --out FILE`
#[derive(clap::Args)]
pub struct ParserArgs {
    /// The treebank folder, holding `*-ud-train.conllu[.gz]` and `*-ud-test.conllu[.gz]`.
    #[arg(long)]
    treebank: PathBuf,
    /// Where to write the model (the shipped one is crates/syntax/model/en_ewt.pwsyn.gz).
    #[arg(long)]
    out: PathBuf,
    /// Fail (exit 1) unless the test UAS is at least this.
    #[arg(long)]
    min_uas: Option<f64>,
    /// Fail (exit 1) unless the test LAS is at least this.
    #[arg(long)]
    min_las: Option<f64>,
}

pub fn run(command: Command) -> std::io::Result<ExitCode> {
    match command {
        Command::Parser(args) => parser(args),
        Command::Decision(args) => super::decision::run(args),
    }
}

fn parser(args: ParserArgs) -> std::io::Result<ExitCode> {
    let opts = Options::default();
    eprintln!("training on {} ({opts:?})", args.treebank.display());
    let report =
        train::run(&args.treebank, &args.out, &opts, &mut |m| eprintln!("  {m}")).map_err(std::io::Error::other)?;
    let t = &report.test;
    println!("model: {} ({} bytes)", args.out.display(), report.model_bytes);
    println!("training: {} sentences in {:.0} s", report.train_sentences, report.train_seconds);
    println!("test: {} sentences, {} words (predicted tags)", t.sentences, t.words);
    println!("UPOS accuracy: {:.4}", t.upos);
    println!("UAS: {:.4}", t.uas);
    println!("LAS: {:.4}", t.las);
    println!("speed: {:.0} sentences/s, {:.0} words/s (tag + parse)", t.sentences_per_sec, t.words_per_sec);
    let mut ok = true;
    if let Some(min) = args.min_uas.filter(|m| t.uas < *m) {
        eprintln!("error: UAS {:.4} is below {min}", t.uas);
        ok = false;
    }
    if let Some(min) = args.min_las.filter(|m| t.las < *m) {
        eprintln!("error: LAS {:.4} is below {min}", t.las);
        ok = false;
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
