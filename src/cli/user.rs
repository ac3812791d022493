//! `pledgewatch user`: the people who may ingest and review through the
//! server, and API tokens for their scripts. Passwords are read from stdin
//! (without echo on a terminal) and stored as Argon2id hashes.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

use pledgewatch_server::auth;
use pledgewatch_store::Store;

use super::{existing_ledger, runtime, store_error};

/// `pledgewatch user add|passwd|token|revoke|list [--db DB]`
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: UserCommand,
    /// The ledger: a file path (SQLite) or a postgres:// URL.
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB, global = true)]
    db: String,
}

#[derive(clap::Subcommand)]
enum UserCommand {
    /// Add a user; the password comes from stdin (asked for on a terminal).
    Add {
        name: String,
        /// Read the password from stdin even on a terminal (all of it, less a final newline).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password (their browser sessions end).
    Passwd {
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Print a new API token for NAME, for `Authorization: Bearer TOKEN`.
    Token { name: String },
    /// Revoke every API token of NAME.
    Revoke { name: String },
    /// List users.
    List,
}

pub fn run(args: Args) -> std::io::Result<ExitCode> {
    // `add` makes the ledger if need be; the others work on users already in one.
    if !matches!(args.command, UserCommand::Add { .. }) {
        existing_ledger(&args.db)?;
    }
    let rt = runtime()?;
    let store = rt.block_on(Store::open(&args.db)).map_err(store_error)?;
    let code = match args.command {
        UserCommand::Add { name, password_stdin } => {
            if !valid_name(&name) {
                eprintln!("pledgewatch: user names are 1 to 64 letters, digits, '.', '_', '-' or '@'");
                return Ok(ExitCode::from(2));
            }
            let Some(hash) = new_password(password_stdin)? else { return Ok(ExitCode::from(2)) };
            if rt.block_on(store.add_user(&name, &hash)).map_err(store_error)? {
                println!("user {name} added");
                ExitCode::SUCCESS
            } else {
                eprintln!("pledgewatch: user {name} exists (`pledgewatch user passwd {name}` sets a new password)");
                ExitCode::from(1)
            }
        }
        UserCommand::Passwd { name, password_stdin } => {
            let Some(hash) = new_password(password_stdin)? else { return Ok(ExitCode::from(2)) };
            if rt.block_on(store.set_password(&name, &hash)).map_err(store_error)? {
                println!("password of {name} set");
                ExitCode::SUCCESS
            } else {
                eprintln!("pledgewatch: no user {name}");
                ExitCode::from(1)
            }
        }
        UserCommand::Token { name } => {
            if rt.block_on(store.user(&name)).map_err(store_error)?.is_none() {
                eprintln!("pledgewatch: no user {name} (add one with `pledgewatch user add {name}`)");
                return Ok(ExitCode::from(1));
            }
            let token = auth::new_api_token().map_err(std::io::Error::other)?;
            rt.block_on(store.add_api_token(&auth::digest(&token), &name)).map_err(store_error)?;
            println!("{token}");
            ExitCode::SUCCESS
        }
        UserCommand::Revoke { name } => {
            let n = rt.block_on(store.revoke_api_tokens(&name)).map_err(store_error)?;
            println!("{n} API token(s) of {name} revoked");
            ExitCode::SUCCESS
        }
        UserCommand::List => {
            for u in rt.block_on(store.users()).map_err(store_error)? {
                println!("{}\t{}", u.name, u.created_at);
            }
            ExitCode::SUCCESS
        }
    };
    rt.block_on(store.close());
    Ok(code)
}

fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

/// Reads a new password and hashes it; `None` (after saying why) when it is unusable.
fn new_password(from_stdin: bool) -> std::io::Result<Option<String>> {
    let stdin = std::io::stdin();
    let password = if from_stdin || !stdin.is_terminal() {
        let mut s = String::new();
        stdin.lock().read_to_string(&mut s)?;
        let s = s.strip_suffix('\n').unwrap_or(&s);
        s.strip_suffix('\r').unwrap_or(s).to_string()
    } else {
        let first = prompt("Password: ")?;
        if prompt("Again: ")? != first {
            eprintln!("pledgewatch: the passwords differ");
            return Ok(None);
        }
        first
    };
    // At least 12 characters, and none of the 20,000 most common passwords.
    if let Err(why) = auth::check_new_password(&password) {
        eprintln!("pledgewatch: {why}");
        return Ok(None);
    }
    Ok(Some(auth::hash_password(&password).map_err(std::io::Error::other)?))
}

/// Reads a line from the terminal with echo off (through `stty`).
fn prompt(label: &str) -> std::io::Result<String> {
    eprint!("{label}");
    std::io::stderr().flush()?;
    let stty = |arg: &str| std::process::Command::new("stty").arg(arg).stdin(std::process::Stdio::inherit()).status();
    let hidden = stty("-echo").is_ok_and(|s| s.success());
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    if hidden {
        let _ = stty("echo");
        eprintln!();
    }
    read?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
