//! `pledgewatch diff --from T1 [--to T2]`: what the ledger added, changed,
//! rejected, merged or split between two times (its history, `store::history`).

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::civil::Date;
use pledgewatch_store::Store;

use super::{existing_ledger, runtime, store_error};

/// `pledgewatch diff --from TIME [--to TIME] [--db DB] [--json]`
#[derive(clap::Args)]
pub struct Args {
    /// The start: an RFC 3339 date-time (2025-03-02T17:00:00Z) or a day (its start, UTC).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    from: Timestamp,
    /// The end, as --from; now when absent.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    to: Option<Timestamp>,
    /// The ledger: a file path (SQLite) or a postgres:// URL.
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB)]
    db: String,
    /// One JSON object per changed entry (as `/api/v1/diff` lists them) instead of lines of text.
    #[arg(long)]
    json: bool,
}

/// A time as `--from`, `--to` and `export --as-of` take it: an RFC 3339
/// date-time with its offset, or a day (`YYYY-MM-DD`, from its start in UTC).
pub(super) fn parse_time(s: &str) -> Result<Timestamp, String> {
    let t = s.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Ok(ts);
    }
    match t.parse::<Date>() {
        Ok(d) if t.len() == 10 => jiff::tz::TimeZone::UTC
            .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .map_err(|e| e.to_string()),
        _ => {
            Err("not a time: expected a date-time with its offset (2025-03-02T17:00:00Z) or a day (2025-03-02)".into())
        }
    }
}

pub fn run(args: Args) -> std::io::Result<ExitCode> {
    let to = args.to.unwrap_or_else(Timestamp::now);
    if args.from > to {
        eprintln!("pledgewatch: --from {} is after --to {to}", args.from);
        return Ok(ExitCode::from(2));
    }
    existing_ledger(&args.db)?;
    let changes = runtime()?.block_on(async {
        let store = Store::open(&args.db).await?;
        let changes = store.diff(args.from, to).await;
        store.close().await;
        changes
    });
    let changes = changes.map_err(store_error)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        for c in &changes {
            serde_json::to_writer(&mut out, c)?;
            writeln!(out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{} entries changed after {} up to {to}", changes.len(), args.from)?;
    for c in &changes {
        let e = &c.entry;
        let amount = e.amount.as_ref().map(|f| format!("{} {}", f.currency, f.value)).unwrap_or_else(|| "—".into());
        let what = format!("{} → {}, {amount}", e.donor.name, e.recipient.name);
        match (c.merged_into.as_deref(), c.split_from.as_deref()) {
            (Some(into), _) => writeln!(out, "{:<8} {}  {what}  into {into}", c.kind, c.entry_id)?,
            (_, Some(from)) => writeln!(out, "{:<8} {}  {what}  from {from}", c.kind, c.entry_id)?,
            _ => writeln!(out, "{:<8} {}  {what}", c.kind, c.entry_id)?,
        }
        for f in &c.fields {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
            writeln!(out, "         {}: {} → {}", f.field, show(&f.old), show(&f.new))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
