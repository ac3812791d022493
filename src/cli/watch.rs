//! `pledgewatch watch`: follow the feeds and pages of a sources file, store
//! what is new in the ledger, keep every answer in WARC files, and refresh the
//! ECB rates daily. `--once` polls each source once; `--status` prints each
//! source's last poll, last new item and errors.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_rates::fetch::{DEFAULT_TIMEOUT, ECB_HISTORY_URL};
use pledgewatch_store::Store;
use pledgewatch_watch::{Archive, Client, ClientOptions, Logger, Outcome, SharedRates, Sources, Watcher};

use super::{runtime, store_error};

/// `pledgewatch watch --sources FILE [--db DB] [--warc-dir DIR] [--once] [--status]`
#[derive(clap::Args)]
pub struct Args {
    /// The sources file (TOML): feeds and pages with outlet, country and interval (see examples/sources.toml).
    #[arg(long, required_unless_present = "status")]
    sources: Option<PathBuf>,
    /// The ledger: a file path (SQLite, created on first use) or a postgres:// URL.
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB)]
    db: String,
    /// Where the raw answers are archived, one WARC file a day.
    #[arg(long, default_value = "pledgewatch-warc")]
    warc_dir: PathBuf,
    /// Poll each source once, then stop (exit code 1 if any poll failed).
    #[arg(long)]
    once: bool,
    /// Print each source's last poll, last new item and errors (JSON), then stop.
    #[arg(long, conflicts_with = "once")]
    status: bool,
    /// How often to refresh the ECB rates while watching (`0s` never); the first refresh is at start.
    #[arg(long, default_value = "24h", value_parser = parse_duration)]
    rates_every: Duration,
    /// Where to download the ECB history from.
    #[arg(long, env = "PLEDGEWATCH_RATES_URL", default_value = ECB_HISTORY_URL)]
    rates_url: String,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let d: jiff::SignedDuration = s.parse().map_err(|e| format!("{s:?} is no duration: {e}"))?;
    Duration::try_from(d).map_err(|_| format!("{s:?} is negative"))
}

pub fn run(args: Args, rates: RateTable) -> std::io::Result<ExitCode> {
    let rt = runtime()?;
    if args.status {
        super::existing_ledger(&args.db)?;
        let store = rt.block_on(Store::open(&args.db)).map_err(store_error)?;
        let status = rt.block_on(store.watch_status()).map_err(store_error);
        rt.block_on(store.close());
        println!("{}", serde_json::to_string_pretty(&status?)?);
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &args.sources else { return Ok(ExitCode::from(2)) };
    let sources = Sources::load(path).map_err(std::io::Error::other)?;
    let archive = Archive::new(&args.warc_dir).map_err(std::io::Error::other)?;
    let client = Client::new(ClientOptions::from_settings(&sources.settings), Arc::new(archive));
    let store = rt.block_on(Store::open(&args.db)).map_err(store_error)?;
    let shared: SharedRates = Arc::new(RwLock::new(Arc::new(rates)));
    let log: Logger = Arc::new(|line: &str| {
        eprintln!(
            "{} {line}",
            jiff::Timestamp::now().round(jiff::Unit::Second).unwrap_or_else(|_| jiff::Timestamp::now())
        )
    });
    let watcher = Arc::new(Watcher::new(store.clone(), client, shared.clone(), log.clone()));
    rt.block_on(watcher.register(&sources.sources)).map_err(std::io::Error::other)?;

    if args.once {
        let outcomes = rt.block_on(watcher.poll_all(&sources.sources));
        rt.block_on(store.close());
        let failed = outcomes.iter().filter(|o| matches!(o, Outcome::Failed(_))).count();
        let new: usize = outcomes.iter().map(|o| if let Outcome::New { stored, .. } = o { *stored } else { 0 }).sum();
        println!("{}", serde_json::json!({ "sources": outcomes.len(), "failed": failed, "documents_stored": new }));
        return Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }

    log(&format!(
        "watch: following {} sources; archiving into {}; Ctrl-C stops",
        sources.sources.len(),
        args.warc_dir.display()
    ));
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    rt.block_on(async {
        if !args.rates_every.is_zero() {
            tokio::spawn(refresh_rates(store.clone(), shared, args.rates_url.clone(), args.rates_every, log.clone()));
        }
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                let _ = stop_tx.send(true);
            }
        });
        watcher.run(sources.sources, stop_rx).await;
        store.close().await;
    });
    log("watch: stopped");
    Ok(ExitCode::SUCCESS)
}

/// Downloads the ECB rates now and every `every`, converts the ledger's records that
/// waited for them, and hands the new table to the watcher. A failed refresh keeps the
/// rates in use and is tried again at the next turn.
async fn refresh_rates(store: Store, shared: SharedRates, url: String, every: Duration, log: Logger) {
    loop {
        let source = super::rates::Source::Url { url: url.clone(), timeout: DEFAULT_TIMEOUT };
        match tokio::task::spawn_blocking(move || super::rates::update(&source)).await {
            Ok(Ok(updated)) => {
                let table = Arc::new(updated.table);
                *shared.write().unwrap_or_else(|p| p.into_inner()) = table.clone();
                match store.reconvert_stale(&table).await {
                    Ok(done) => log(&format!(
                        "rates: updated to {} ({} records converted, {} still waiting)",
                        table.last_date(),
                        done.converted,
                        done.still_stale
                    )),
                    Err(e) => log(&format!("rates: updated, but converting the ledger failed: {e}")),
                }
            }
            Ok(Err(e)) => log(&format!("rates: {e}")),
            Err(e) => log(&format!("rates: internal error: {e}")),
        }
        tokio::time::sleep(every).await;
    }
}
