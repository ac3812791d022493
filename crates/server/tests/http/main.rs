//! The server's HTTP tests, in one binary: every route in process against a
//! temporary SQLite ledger (see `common.rs`).

mod api;
mod auth;
mod common;
mod contract;
mod dashboard;
mod edit;
mod history;
mod ingest_failure;
mod lifecycle;
mod openapi;
mod parties;
mod regroup;
mod schema_check;
mod web;
mod wire;
