//! `pledgewatch demo`: a ledger built from the example documents bundled
//! with the project, served. What a new user runs first. The documents are
//! compiled into the binary, so the demo works from any directory; the ledger
//! is a fresh SQLite file each run, with a user `demo` whose password is
//! printed.
//!
//! Rebuilding the ledger under a demo that is still serving it would pull the
//! file from under that server, so a demo holds an OS lock on `DB.lock` (beside
//! the ledger) while it runs, and a second demo on the same ledger stops before
//! touching it. The address is bound before the ledger is touched too, so a
//! port in use (by a demo on another ledger, or anything else) stops the run
//! with the address named and the ledger as it was. The lock file is left in
//! place: removing it on exit would let two later demos lock two different
//! files.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{ReadOptions, documents_from_bytes};
use pledgewatch_server::auth;
use pledgewatch_store::{Processed, Store};

use super::serve::{bind, serve, server_runtime};
use super::store_error;

/// `examples/documents/` (everything but its README), by file name.
pub const DOCUMENTS: &[(&str, &[u8])] = &[
    (
        "01_gb_ua_belfast_missiles_courier.txt",
        include_bytes!("../../examples/documents/01_gb_ua_belfast_missiles_courier.txt"),
    ),
    ("02_gb_ua_missile_deal_up_to.txt", include_bytes!("../../examples/documents/02_gb_ua_missile_deal_up_to.txt")),
    (
        "03_gb_ua_thales_order_initial_tranche.txt",
        include_bytes!("../../examples/documents/03_gb_ua_thales_order_initial_tranche.txt"),
    ),
    ("04_gb_ua_london_summit_euro.txt", include_bytes!("../../examples/documents/04_gb_ua_london_summit_euro.txt")),
    ("05_us_ua_drawdown_package.txt", include_bytes!("../../examples/documents/05_us_ua_drawdown_package.txt")),
    ("06_eib_ua_water_heating_loan.txt", include_bytes!("../../examples/documents/06_eib_ua_water_heating_loan.txt")),
    ("07_jp_ua_winter_aid_unhcr.txt", include_bytes!("../../examples/documents/07_jp_ua_winter_aid_unhcr.txt")),
    ("08_de_ua_iris_t_delivered.txt", include_bytes!("../../examples/documents/08_de_ua_iris_t_delivered.txt")),
    ("09_ca_ua_loan_g7_kananaskis.txt", include_bytes!("../../examples/documents/09_ca_ua_loan_g7_kananaskis.txt")),
    ("10_no_sd_humanitarian_nok.txt", include_bytes!("../../examples/documents/10_no_sd_humanitarian_nok.txt")),
    ("11_wb_ua_gas_guarantee.txt", include_bytes!("../../examples/documents/11_wb_ua_gas_guarantee.txt")),
    ("12_pl_kr_chunmoo_contract.txt", include_bytes!("../../examples/documents/12_pl_kr_chunmoo_contract.txt")),
    ("13_neg_four_years_of_aid.txt", include_bytes!("../../examples/documents/13_neg_four_years_of_aid.txt")),
    (
        "14_eib_ua_water_heating_tranche.txt",
        include_bytes!("../../examples/documents/14_eib_ua_water_heating_tranche.txt"),
    ),
    ("feed.jsonl", include_bytes!("../../examples/documents/feed.jsonl")),
];

/// `pledgewatch demo [--addr 127.0.0.1:8080] [--db pledgewatch-demo.db]`
#[derive(clap::Args)]
pub struct Args {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The demo ledger, rebuilt on every run (its name must contain "demo").
    #[arg(long, default_value = "pledgewatch-demo.db")]
    db: PathBuf,
}

pub fn run(args: Args, rates: &RateTable) -> std::io::Result<ExitCode> {
    let name = args.db.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    if !name.contains("demo") {
        eprintln!("pledgewatch: the demo rebuilds its ledger; give --db a file whose name contains \"demo\"");
        return Ok(ExitCode::from(2));
    }
    let db = args.db.display().to_string();
    let Some(_lock) = lock(&db)? else {
        eprintln!(
            "pledgewatch: another `pledgewatch demo` is serving {db} (it holds {db}.lock); \
             stop it (Ctrl-C), or give this one --db with another file"
        );
        return Ok(ExitCode::from(1));
    };
    let listener = bind(args.addr)?;
    for suffix in ["", "-wal", "-shm"] {
        remove_if_there(&PathBuf::from(format!("{db}{suffix}")))?;
    }
    let password = auth::random_secret().map_err(std::io::Error::other)?[..16].to_string();
    server_runtime()?.block_on(async {
        let store = Store::open(&db).await.map_err(store_error)?;
        let stats = store
            .write(&process(rates))
            .await
            .map_err(|e| std::io::Error::other(format!("demo: writing the example documents to {db} failed: {e}")))?;
        let hash = auth::hash_password(&password).map_err(std::io::Error::other)?;
        store.add_user("demo", &hash).await.map_err(store_error)?;
        let counts = store.counts().await.map_err(store_error)?;
        println!(
            "pledgewatch: demo ledger {db}: {} documents, {} commitments, {} ledger entries",
            stats.stored, stats.commitments, counts.entries
        );
        println!("pledgewatch: log in as demo with password {password}");
        serve(store, rates.clone(), listener, &db).await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Takes the demo's lock on `DB.lock`, held until the file is dropped (the OS
/// releases it when the process ends, however it ends). `None`: another
/// process holds it. Where the file system cannot lock, the demo goes on
/// unguarded, as before.
fn lock(db: &str) -> std::io::Result<Option<std::fs::File>> {
    let path = format!("{db}.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot open the demo's lock file {path}: {e}")))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => {
            eprintln!("pledgewatch: cannot lock {path} ({e}); not checking for another demo on {db}");
            Ok(Some(file))
        }
    }
}

/// The bundled documents through the text stages, in file order.
pub fn process(rates: &RateTable) -> Vec<Processed> {
    let mut out = Vec::new();
    for (name, bytes) in DOCUMENTS {
        for item in documents_from_bytes(name, bytes, &ReadOptions::default()) {
            out.push(match item {
                Ok(raw) => match pledgewatch_pipeline::extract::run(raw, rates) {
                    Ok((document, ex)) => Processed::Document { document, commitments: ex.commitments },
                    Err(e) => Processed::Failed { source: e.source_name().to_string(), reason: e.to_string() },
                },
                Err(e) => Processed::Failed { source: e.source_name().to_string(), reason: e.to_string() },
            });
        }
    }
    out
}

fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_document_is_bundled() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/documents");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n != "README.md")
            .collect();
        on_disk.sort();
        let bundled: Vec<&str> = DOCUMENTS.iter().map(|d| d.0).collect();
        assert_eq!(on_disk, bundled);
    }

    #[test]
    fn the_demo_ledger_has_the_documented_entries() {
        let processed = process(RateTable::embedded());
        let documents = processed.iter().filter(|p| matches!(p, Processed::Document { .. })).count();
        assert_eq!(documents, 18, "14 text files and 4 JSON Lines documents");
    }
}
