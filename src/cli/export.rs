//! `pledgewatch export`: the ledger, filtered, as CSV, JSON Lines, Excel or Parquet.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::civil::Date;
use pledgewatch_pipeline::actors::{LEXICON, PartyLookup, lookup_party};
use pledgewatch_store::export::{self, Format};
use pledgewatch_store::{Filter, Store};

use super::{existing_ledger, runtime, store_error};

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
    /// Donor: an id (GB, US, EU…) or a name (Britain, World Bank…).
    #[arg(long)]
    donor: Option<String>,
    /// Recipient: an id (UA…) or a name (Ukraine…).
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
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    from: Option<Date>,
    /// Announced on or before DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    to: Option<Date>,
    /// Review state: unreviewed, approved, edited, rejected.
    #[arg(long, value_name = "STATE", value_parser = clap::builder::PossibleValuesParser::new(pledgewatch_store::REVIEW_STATES))]
    review: Option<String>,
    /// The ledger as it stood at TIME: an RFC 3339 date-time (2025-03-02T17:00:00Z) or a day (its start, UTC).
    #[arg(long, value_name = "TIME", value_parser = super::diff::parse_time)]
    as_of: Option<jiff::Timestamp>,
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
    let (donor, recipient) = match (party("donor", args.donor), party("recipient", args.recipient)) {
        (Ok(d), Ok(r)) => (d, r),
        (Err(why), _) | (_, Err(why)) => {
            eprintln!("pledgewatch: {why}");
            return Ok(ExitCode::from(2));
        }
    };
    existing_ledger(&args.db)?;
    // The output is opened before the ledger is read, so that a path that cannot
    // be written is said at once.
    let mut output = args.output.as_deref().map(Output::create).transpose()?;
    let filter = Filter {
        donor,
        recipient,
        category: args.category,
        instrument: args.instrument,
        status: args.status,
        from: args.from,
        to: args.to,
        review: args.review,
        as_of: args.as_of,
    };
    let entries = runtime()?.block_on(async {
        let store = Store::open(&args.db).await?;
        let entries = match store.entries(&filter).await {
            Ok(entries) => store.full_entries_at(entries, filter.as_of).await,
            Err(e) => Err(e),
        };
        store.close().await;
        entries
    });
    let mut buf = Vec::new();
    export::write(&entries.map_err(store_error)?, format, &mut buf).map_err(store_error)?;
    deliver(output.take(), &buf)?;
    Ok(ExitCode::SUCCESS)
}

/// A day as `--from`/`--to` take it; clap names the flag and the value before the reason.
fn parse_day(s: &str) -> Result<Date, String> {
    let t = s.trim();
    t.parse::<Date>().map_err(|_| {
        let shaped = t.len() == 10
            && t.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
        let why = if shaped { "no such day" } else { "not a date" };
        format!("{why}: expected YYYY-MM-DD, as 2025-03-02")
    })
}

/// A donor or recipient as given, resolved to the party id the ledger stores
/// (`Britain` → GB); saying which party a name was taken for, or why none.
fn party(role: &str, given: Option<String>) -> Result<Option<String>, String> {
    let Some(given) = given else { return Ok(None) };
    match lookup_party(&given) {
        PartyLookup::Found(id) => {
            if !given.trim().eq_ignore_ascii_case(id) {
                eprintln!("pledgewatch: {role} {given:?} is {id} ({})", LEXICON.name_of(id));
            }
            Ok(Some(id.to_string()))
        }
        other => Err(other.why_not(role, &given).unwrap_or_default()),
    }
}

/// The `-o` file: written beside the target and renamed, so that a reader never
/// sees half a file; every error names the path given.
pub(super) struct Output {
    path: PathBuf,
    tmp: PathBuf,
    file: std::fs::File,
}

impl Output {
    pub(super) fn create(path: &Path) -> std::io::Result<Output> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = PathBuf::from(tmp);
        let file = std::fs::File::create(&tmp).map_err(|e| cannot_write(path, e))?;
        Ok(Output { path: path.to_path_buf(), tmp, file })
    }

    pub(super) fn finish(mut self, bytes: &[u8]) -> std::io::Result<()> {
        let done = self
            .file
            .write_all(bytes)
            .and_then(|()| self.file.sync_all())
            .and_then(|()| std::fs::rename(&self.tmp, &self.path));
        done.map_err(|e| cannot_write(&self.path, e))
    }
}

impl Drop for Output {
    /// An export that failed leaves no partial file behind (after a rename there is none).
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Writes a finished export to its `-o` file, or to standard output when none was given.
pub(super) fn deliver(output: Option<Output>, bytes: &[u8]) -> std::io::Result<()> {
    match output {
        Some(out) => out.finish(bytes),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()
        }
    }
}

fn cannot_write(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
}
