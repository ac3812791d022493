//! Pledgewatch's text stages, in data order:
//!
//! `read` (bytes → [`RawDocument`]) → [`Document`] (clean text, segments) →
//! `mentions` (money, numbers, quantities, percentages, dates) → `actors`
//! (countries, institutions, officials, places, companies) → `commitments`
//! (donor → recipient → amount → items, with evidence) → `normalise` (EUR/USD).
//!
//! Every stage after `read` is a pure, total function: no I/O, no panics.

pub mod actors;
pub mod commitments;
mod data_table;
pub mod document;
pub mod error;
pub mod extract;
pub mod grant_equivalent;
pub mod mentions;
pub mod propose;
pub mod read;
pub mod text;

pub use commitments::{Commitment, Extraction, extract};
pub use document::{Document, RawDocument, Segment, SegmentKind};
pub use error::{Error, Result};
pub use pledgewatch_rates as rates;
