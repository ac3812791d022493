//! `pledgewatch serve`: the JSON API and the web UI over a ledger.

use std::net::{SocketAddr, TcpListener};
use std::process::ExitCode;

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_server::{AppState, Config};
use pledgewatch_store::Store;

use super::{existing_ledger, store_error};

/// `pledgewatch serve [--db DB] [--addr 127.0.0.1:8080]`
#[derive(clap::Args)]
pub struct Args {
    /// The ledger: a file path (SQLite) or a postgres:// URL.
    #[arg(long, env = "PLEDGEWATCH_DB", default_value = super::DEFAULT_DB)]
    db: String,
    /// Where to listen. Loopback by default; on any other address cookies are
    /// marked Secure, so serve behind TLS (a reverse proxy).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

pub fn run(args: Args, rates: &RateTable) -> std::io::Result<ExitCode> {
    existing_ledger(&args.db)?;
    let listener = bind(args.addr)?;
    server_runtime()?.block_on(async {
        let store = Store::open(&args.db).await.map_err(store_error)?;
        serve(store, rates.clone(), listener, &args.db).await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The server's runtime: all cores (SQLite queries run on their own threads).
pub(super) fn server_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()
}

/// Listens on `addr`, before anything else is done, so that an address
/// already taken (another server, a demo still running) is said at once and
/// names the address.
pub(super) fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let listener = TcpListener::bind(addr).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                "the address is in use (another pledgewatch server or demo?); stop it or give --addr HOST:PORT"
                    .to_string()
            }
            _ => e.to_string(),
        };
        std::io::Error::new(e.kind(), format!("cannot listen on {addr}: {why}"))
    })?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// Serves `store` on `listener` until Ctrl-C or SIGTERM; prints the URL first.
pub(super) async fn serve(store: Store, rates: RateTable, listener: TcpListener, db: &str) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let local = listener.local_addr()?;
    let config = Config { secure_cookies: !local.ip().is_loopback(), ..Config::default() };
    println!("pledgewatch: serving {db} at http://{local}/ (Ctrl-C to stop)");
    let state = AppState::new(store.clone(), rates, config).map_err(std::io::Error::other)?;
    pledgewatch_server::serve(listener, state, shutdown()).await?;
    store.close().await;
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(t) => t,
            Err(_) => {
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
