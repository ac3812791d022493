//! The one entry point of the text stages: a read document in, its clean
//! document and everything extracted from it out. The CLI's `extract`,
//! `ingest` and `demo` and the server's ingest all come through here, so they
//! agree on what a document yields and on what a failure looks like.

use crate::commitments::{self, Extraction};
use crate::document::{Document, RawDocument};
use crate::error::{Error, Result};
use pledgewatch_rates::RateTable;

/// Builds the document and runs every text stage on it.
///
/// The stages are meant to be total; should one panic on some input, that
/// document becomes an error naming it, and the caller's run goes on.
pub fn run(raw: RawDocument, rates: &RateTable) -> Result<(Document, Extraction)> {
    let source = raw.source.clone();
    guarded(source, Document::build(raw), rates)
}

/// As [`run`], but skips the text stages for a document whose id `known`
/// accepts (one stored before): `None` then.
pub fn run_unless(
    raw: RawDocument,
    rates: &RateTable,
    known: impl Fn(&str) -> bool,
) -> Option<Result<(Document, Extraction)>> {
    let source = raw.source.clone();
    let document = Document::build(raw);
    (!known(&document.id)).then(|| guarded(source, document, rates))
}

/// The text stages under the panic guard.
fn guarded(source: String, document: Document, rates: &RateTable) -> Result<(Document, Extraction)> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| commitments::extract(&document, rates))) {
        Ok(extraction) => Ok((document, extraction)),
        Err(_) => Err(Error::internal(source, "internal error: the text stages panicked")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawDocument {
        RawDocument { text: text.into(), source: "t.txt".into(), ..RawDocument::default() }
    }

    #[test]
    fn runs_every_stage_and_skips_what_is_known() {
        let rates = RateTable::embedded();
        let text = "Norway will provide NOK 500 million in humanitarian assistance to Sudan, the minister said.";
        let (doc, ex) = run(raw(text), rates).expect("extracts");
        assert_eq!(doc.source, "t.txt");
        assert!(!ex.mentions.is_empty());
        assert_eq!(ex.commitments.len(), 1);
        let id = doc.id.clone();
        assert!(run_unless(raw(text), rates, |k| k == id).is_none());
    }
}
