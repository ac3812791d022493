//! `pledgewatch rates show|update`, and the rates every other command uses: the embedded
//! ECB table overlaid by the user's updated file.
//!
//! `update` gets newer rates (downloaded from the ECB, or a file), merges them into the
//! user's file — replaced only once the new table is whole, so a failed download keeps the
//! rates in use — and then converts the ledger's records that waited for them
//! (`rates_stale`). [`update`] and [`reconvert`] are the two steps, for any caller that
//! refreshes rates (a blocking download: call it off an async runtime's workers).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_rates::fetch::{DEFAULT_TIMEOUT, ECB_HISTORY_URL, fetch};
use pledgewatch_store::{Reconverted, Store};
use serde_json::json;

use super::{runtime, store_error};

#[derive(clap::Subcommand)]
pub enum Command {
    /// The rate used for CUR on DATE (units per euro) and the day it was published.
    Show { currency: String, date: String },
    /// Merge newer ECB rates (downloaded, or from FILE) into the rates used from now on, then
    /// convert the ledger's records that were dated after the old rates.
    Update(UpdateArgs),
}

/// `pledgewatch rates update [FILE] [--url URL] [--timeout SECS] [--db DB]`
#[derive(clap::Args)]
pub struct UpdateArgs {
    /// An ECB history or daily file (ZIP, gzip or CSV) to read instead of downloading.
    file: Option<PathBuf>,
    /// Where to download the ECB history from (ZIP, gzip or CSV; unused with FILE).
    #[arg(long, env = "PLEDGEWATCH_RATES_URL", default_value = ECB_HISTORY_URL)]
    url: String,
    /// Seconds the whole download may take.
    #[arg(long, default_value_t = DEFAULT_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// The ledger whose waiting records to convert: a file path (SQLite) or a postgres://
    /// URL. A file that does not exist is left alone (no ledger is created).
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB)]
    db: String,
}

/// Where newer rates come from.
pub enum Source {
    File(PathBuf),
    Url { url: String, timeout: Duration },
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Url { url, .. } => url.clone(),
        }
    }
}

/// Rates after an update, and the file that holds them.
pub struct Updated {
    pub table: RateTable,
    pub file: PathBuf,
}

pub fn run(cmd: Command) -> std::io::Result<ExitCode> {
    match cmd {
        Command::Show { currency, date } => show(&currency, &date),
        Command::Update(args) => run_update(args),
    }
}

fn show(currency: &str, date: &str) -> std::io::Result<ExitCode> {
    let Some(on) = pledgewatch_pipeline::read::parse_date(date) else {
        eprintln!("pledgewatch: bad date {date:?} (want YYYY-MM-DD)");
        return Ok(ExitCode::from(2));
    };
    let code = currency.to_ascii_uppercase();
    match load()?.rate(&code, on) {
        Ok(r) => println!("{}", json!({ "currency": code, "date": on, "rate": r.rate, "rate_date": r.rate_date })),
        Err(why) => {
            println!("{}", json!({ "currency": code, "date": on, "unconverted": why }));
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_update(args: UpdateArgs) -> std::io::Result<ExitCode> {
    let source = match args.file {
        Some(path) => Source::File(path),
        None => Source::Url { url: args.url, timeout: Duration::from_secs(args.timeout) },
    };
    let updated = update(&source)?;
    let ledger = if ledger_exists(&args.db) {
        let done = runtime()?.block_on(reconvert(&args.db, &updated.table)).map_err(|e| {
            std::io::Error::other(format!(
                "{}: {e} (the rates are updated; run `rates update` again to convert the ledger)",
                args.db
            ))
        })?;
        json!({
            "db": args.db,
            "converted": done.converted,
            "unconvertible": done.unconvertible,
            "still_stale": done.still_stale,
            "entries": done.entries,
        })
    } else {
        serde_json::Value::Null
    };
    println!(
        "{}",
        json!({
            "source": source.name(),
            "file": updated.file.display().to_string(),
            "first_date": updated.table.first_date(),
            "last_date": updated.table.last_date(),
            "ledger": ledger,
        })
    );
    Ok(ExitCode::SUCCESS)
}

/// Gets newer rates from `source`, merges them over the rates in use and stores the result
/// in the user's rates file (written beside it, then renamed over it: on any failure the
/// file and the rates in use stay as they were).
pub fn update(source: &Source) -> std::io::Result<Updated> {
    let unchanged = |e: String| std::io::Error::other(format!("{e}; the rates in use are unchanged"));
    let newer = match source {
        Source::File(path) => {
            let bytes = std::fs::read(path).map_err(|e| unchanged(format!("{}: {e}", path.display())))?;
            RateTable::parse(&bytes).map_err(|e| unchanged(format!("{}: {e}", path.display())))?
        }
        Source::Url { url, timeout } => fetch(url, *timeout).map_err(|e| unchanged(e.to_string()))?,
    };
    let table = load()?.merged(&newer);
    let file = rates_file().ok_or_else(|| std::io::Error::other("no home directory: set PLEDGEWATCH_HOME"))?;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension("csv.tmp");
    std::fs::write(&tmp, table.to_csv())?;
    std::fs::rename(&tmp, &file)?;
    Ok(Updated { table, file })
}

/// Converts the records of the ledger at `db` that waited for rates, with `rates`.
pub async fn reconvert(db: &str, rates: &RateTable) -> std::io::Result<Reconverted> {
    let store = Store::open(db).await.map_err(store_error)?;
    let done = store.reconvert_stale(rates).await.map_err(store_error);
    store.close().await;
    done
}

/// A database URL, or a ledger file that exists (opening a path would create one).
fn ledger_exists(db: &str) -> bool {
    ["postgres://", "postgresql://", "sqlite:"].iter().any(|p| db.starts_with(p)) || Path::new(db).exists()
}

/// Where `rates update` keeps the merged rates: `$PLEDGEWATCH_HOME`, else
/// `$XDG_DATA_HOME/pledgewatch`, else `~/.local/share/pledgewatch`.
fn data_dir() -> Option<PathBuf> {
    if let Some(h) = std::env::var_os("PLEDGEWATCH_HOME") {
        return Some(PathBuf::from(h));
    }
    if let Some(x) = std::env::var_os("XDG_DATA_HOME") {
        return Some(PathBuf::from(x).join("pledgewatch"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/pledgewatch"))
}

fn rates_file() -> Option<PathBuf> {
    data_dir().map(|d| d.join("eurofxref-hist.csv"))
}

/// The embedded rates, overlaid by the user's updated file when there is one.
pub fn load() -> std::io::Result<RateTable> {
    let base = RateTable::embedded();
    match rates_file() {
        Some(f) if f.exists() => {
            let bytes = std::fs::read(&f)?;
            let newer = RateTable::parse(&bytes).map_err(|e| std::io::Error::other(format!("{}: {e}", f.display())))?;
            Ok(base.merged(&newer))
        }
        _ => Ok(base.clone()),
    }
}
