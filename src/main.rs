//! `pledgewatch`: the command line. The only place that prints and picks exit
//! codes: 0 all went well, 1 some document could not be read, 2 bad usage.

mod cli;

use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{Input, JsonFields, ReadOptions, documents};
use pledgewatch_pipeline::{Document, actors, mentions};
use serde_json::{Value, json};

#[derive(Parser)]
#[command(
    name = "pledgewatch",
    version,
    about = "Government support commitments from news and official statements, as a ledger"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the text stages on files, folders or stdin (`-`) and print documents with their commitments.
    Extract {
        /// Files or folders (.txt, seed format, .jsonl, gzip of either); `-` or nothing for stdin.
        paths: Vec<String>,
        /// `json` for one document (the default when there is one), `jsonl` for one object per line.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Also print every mention and actor found.
        #[arg(long)]
        mentions: bool,
        /// JSON Lines field names, as `text=body,date=published`.
        #[arg(long, value_parser = parse_fields)]
        fields: Option<JsonFields>,
    },
    /// The mention stage alone: JSON Lines `{"id","text","date"}` in, `{"id","mentions":[…]}` out.
    ///
    /// A line that cannot be read (not UTF-8, not JSON, no text, a date that is
    /// none) is named by its number on stderr and skipped; the exit code is then 1.
    Mentions {
        /// A JSON Lines file; stdin when absent or `-`.
        path: Option<PathBuf>,
        /// Leave out actor mentions (countries, organisations, people, places).
        #[arg(long)]
        no_actors: bool,
    },
    /// ECB reference rates: show one, or update them (from the ECB, or a file).
    Rates {
        #[command(subcommand)]
        command: cli::rates::Command,
    },
    /// Read, extract and store documents in the ledger (documents already stored are skipped).
    Ingest(cli::ingest::Args),
    /// Write the ledger, filtered, as CSV, JSON Lines, Parquet or Excel.
    Export(cli::export::Args),
    /// What the ledger added, changed, rejected, merged or split between two times.
    Diff(cli::diff::Args),
    /// Serve the JSON API and the web UI over a ledger (127.0.0.1:8080 by default).
    Serve(cli::serve::Args),
    /// Build a ledger from the bundled example documents and serve it: start here.
    Demo(cli::demo::Args),
    /// Reviewers' decisions as labels (`labels export`): the review → labels → re-extract loop.
    Labels(cli::labels::Args),
    /// Users who may ingest and review through the server, and their API tokens.
    User(cli::user::Args),
    /// Retrain a shipped model from its data (`train parser`: the tagger and dependency parser;
    /// `train decision`: which proposed records are commitments, and their confidence).
    Train {
        #[command(subcommand)]
        command: cli::train::Command,
    },
    /// Follow RSS/Atom feeds and pages live: store new items, archive every answer as WARC.
    Watch(cli::watch::Args),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Json,
    Jsonl,
}

fn parse_fields(s: &str) -> Result<JsonFields, String> {
    let mut f = JsonFields::default();
    for pair in s.split(',') {
        let (k, v) = pair.split_once('=').ok_or_else(|| format!("expected key=field, got {pair:?}"))?;
        let slot = match k {
            "id" => &mut f.id,
            "text" => &mut f.text,
            "date" => &mut f.date,
            "title" => &mut f.title,
            "url" => &mut f.url,
            "outlet" => &mut f.outlet,
            _ => return Err(format!("unknown field {k:?} (id, text, date, title, url, outlet)")),
        };
        *slot = v.to_string();
    }
    Ok(f)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract { paths, format, mentions, fields } => run_extract(paths, format, mentions, fields),
        Command::Mentions { path, no_actors } => run_mentions(path, !no_actors),
        Command::Rates { command } => cli::rates::run(command),
        Command::Ingest(args) => rates().and_then(|table| cli::ingest::run(args, table)),
        Command::Export(args) => cli::export::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Serve(args) => rates().and_then(|table| cli::serve::run(args, &table)),
        Command::Demo(args) => rates().and_then(|table| cli::demo::run(args, &table)),
        Command::User(args) => cli::user::run(args),
        Command::Watch(args) => rates().and_then(|table| cli::watch::run(args, table)),
        Command::Labels(args) => cli::labels::run(args),
        Command::Train { command } => cli::train::run(command),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pledgewatch: {e}");
            ExitCode::from(1)
        }
    }
}

/// The embedded rates, overlaid by the user's updated file when there is one.
fn rates() -> std::io::Result<RateTable> {
    cli::rates::load()
}

fn document_json(doc: &Document) -> Value {
    serde_json::to_value(doc).unwrap_or(Value::Null)
}

fn run_extract(
    paths: Vec<String>,
    format: Option<Format>,
    with_mentions: bool,
    fields: Option<JsonFields>,
) -> std::io::Result<ExitCode> {
    let table = rates()?;
    let inputs: Vec<Input> =
        if paths.is_empty() { vec![Input::Stdin] } else { paths.iter().map(|p| Input::parse(p)).collect() };
    let options = ReadOptions { json_fields: fields.unwrap_or_default() };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut results = Vec::new();
    let mut count = 0usize;
    for item in documents(inputs, options) {
        // Documents read, failed ones included: two inputs are "several documents" even if one fails.
        count += 1;
        let raw = match item {
            Ok(r) => r,
            Err(e) => {
                eprintln!("pledgewatch: cannot read {e}");
                failed += 1;
                continue;
            }
        };
        let (doc, ex) = match pledgewatch_pipeline::extract::run(raw, &table) {
            Ok(done) => done,
            Err(e) => {
                eprintln!("pledgewatch: cannot extract {e}");
                failed += 1;
                continue;
            }
        };
        let mut obj = json!({ "document": document_json(&doc), "commitments": ex.commitments });
        if with_mentions {
            let map = pledgewatch_pipeline::text::CharMap::new(&doc.text);
            obj["mentions"] = serde_json::to_value(&ex.mentions).unwrap_or(Value::Null);
            obj["actors"] =
                serde_json::to_value(actors::actors_out(&doc.text, &ex.actors, &map)).unwrap_or(Value::Null);
        }
        // One document prints as one JSON object; from the second on, JSON Lines.
        match format {
            Some(Format::Jsonl) => writeln!(out, "{obj}")?,
            Some(Format::Json) => results.push(obj),
            None if count == 1 => results.push(obj),
            None => {
                for prev in results.drain(..) {
                    writeln!(out, "{prev}")?;
                }
                writeln!(out, "{obj}")?;
            }
        }
    }
    if results.len() == 1 && format != Some(Format::Jsonl) && count == 1 {
        serde_json::to_writer_pretty(&mut out, &results[0])?;
        writeln!(out)?;
    } else {
        for r in results {
            writeln!(out, "{r}")?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_mentions(path: Option<PathBuf>, with_actors: bool) -> std::io::Result<ExitCode> {
    let mut reader: Box<dyn BufRead> = match &path {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufReader::new(std::fs::File::open(p)?)),
        _ => Box::new(std::io::BufReader::new(std::io::stdin())),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut buf = Vec::new();
    let mut n = 0usize;
    // Lines as bytes: a line that is not UTF-8 is an error for that line only.
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        n += 1;
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("pledgewatch: line {n}: not valid UTF-8 at byte {}", e.valid_up_to());
                failed += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("pledgewatch: line {n}: invalid JSON: {e}");
                failed += 1;
                continue;
            }
        };
        let Some(text) = v.get("text").and_then(Value::as_str) else {
            eprintln!("pledgewatch: line {n}: no \"text\" string");
            failed += 1;
            continue;
        };
        // The reference: a date, or a date-time (then "now" and "in 5 minutes" resolve too).
        let (reference, time) = match v.get("date") {
            None | Some(Value::Null) => (None, None),
            Some(Value::String(s)) => match pledgewatch_pipeline::read::parse_date_time(s) {
                Ok((date, time)) => (Some(date), time),
                Err(e) => {
                    eprintln!("pledgewatch: line {n}: field \"date\" is {s:?}: {e}");
                    failed += 1;
                    continue;
                }
            },
            Some(other) => {
                eprintln!("pledgewatch: line {n}: field \"date\" is {other}: expected a string");
                failed += 1;
                continue;
            }
        };
        let found = mentions::find_all_at(text, reference, time);
        let mut list = serde_json::to_value(&found).unwrap_or(Value::Null);
        if with_actors && let Value::Array(arr) = &mut list {
            let acts = actors::find_actors(text, reference);
            let map = pledgewatch_pipeline::text::CharMap::new(text);
            for a in actors::actors_out(text, &acts, &map) {
                arr.push(serde_json::to_value(a).unwrap_or(Value::Null));
            }
        }
        let id = v.get("id").cloned().unwrap_or(Value::Null);
        writeln!(out, "{}", json!({ "id": id, "mentions": list }))?;
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
