//! `pledgewatch train …`: the commands that fit the project's models from its labels.
//! Each model is one variant with its own module (`decision`: which records are commitments).

use std::process::ExitCode;

use clap::Subcommand;

/// `pledgewatch train <model>`
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The decision model: which proposed records are new commitments, with a calibrated
    /// confidence (writes crates/pipeline/model/decision.json; see the README beside it).
    Decision(super::decision::Args),
}

pub fn run(args: Args) -> std::io::Result<ExitCode> {
    match args.command {
        Command::Decision(a) => super::decision::run(a),
    }
}
