//! `pledgewatch export`: the ledger, filtered, as CSV, JSON Lines, Excel or Parquet.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use pledgewatch_store::export::{self, Format};
use pledgewatch_store::{Filter, Store};

use super::{runtime, store_error};

/// `pledgewatch export --format csv|jsonl|parquet|xlsx [--db DB] [-o FILE] [filters]`
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    format: FormatArg,
    /// The ledger: a file path (SQLite) or a postgres:// URL.
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB)]
    db: String,
    /// Where to write; standard output when absent.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Donor id (GB, US, EU…).
    #[arg(long)]
    donor: Option<String>,
    /// Recipient id (UA…).
    #[arg(long)]
    recipient: Option<String>,
    /// military, financial, humanitarian, other.
    #[arg(long)]
    category: Option<String>,
    /// grant, loan, guarantee, export_finance, in_kind, contract, budget_support, unspecified.
    #[arg(long)]
    instrument: Option<String>,
    /// intent, announced, committed, contracted, delivered, disbursed.
    #[arg(long)]
    status: Option<String>,
    /// Announced on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<jiff::civil::Date>,
    /// Announced on or before DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<jiff::civil::Date>,
    /// Review state: unreviewed, approved, edited, rejected.
    #[arg(long, value_name = "STATE", value_parser = clap::builder::PossibleValuesParser::new(pledgewatch_store::REVIEW_STATES))]
    review: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Csv,
    Jsonl,
    Parquet,
    Xlsx,
}

pub fn run(args: Args) -> std::io::Result<ExitCode> {
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Parquet => Format::Parquet,
        FormatArg::Xlsx => Format::Xlsx,
    };
    if !format.available() {
        eprintln!("pledgewatch: this build has no Parquet export; build with `--features parquet`");
        return Ok(ExitCode::from(2));
    }
    if matches!(format, Format::Xlsx | Format::Parquet) && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!("pledgewatch: {format:?} is a binary format: give -o FILE or redirect the output");
        return Ok(ExitCode::from(2));
    }
    let filter = Filter {
        donor: args.donor,
        recipient: args.recipient,
        category: args.category,
        instrument: args.instrument,
        status: args.status,
        from: args.from,
        to: args.to,
        review: args.review,
    };
    let entries = runtime()?.block_on(async {
        let store = Store::open(&args.db).await?;
        let entries = store.entries(&filter).await;
        store.close().await;
        entries
    });
    let mut buf = Vec::new();
    export::write(&entries.map_err(store_error)?, format, &mut buf).map_err(store_error)?;
    match &args.output {
        Some(path) => {
            // Written beside the target and renamed, so a reader never sees half a file.
            let tmp = path.with_extension("partial");
            std::fs::write(&tmp, &buf)?;
            std::fs::rename(&tmp, path)?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
