//! The one entry point of the text stages: a read document in, its clean
//! document and everything extracted from it out. The CLI's `extract`,
//! `ingest` and `demo` and the server's ingest all come through here, so they
//! agree on what a document yields and on what a failure looks like.

use crate::commitments::{self, Extraction};
use crate::document::{Document, RawDocument};
use crate::error::{Error, Result};
use pledgewatch_rates::RateTable;
use std::time::{Duration, Instant};

/// How long the text stages may take on one document before it becomes an
/// `extraction_timeout` error: ordinary documents take milliseconds.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// Builds the document and runs every text stage on it, within [`DEADLINE`].
///
/// The stages are meant to be total; should one panic on some input, or run
/// past the deadline, that document becomes an error naming it, and the
/// caller's run goes on.
pub fn run(raw: RawDocument, rates: &RateTable) -> Result<(Document, Extraction)> {
    run_within(raw, rates, DEADLINE)
}

/// As [`run`], with another deadline for the text stages.
pub fn run_within(raw: RawDocument, rates: &RateTable, deadline: Duration) -> Result<(Document, Extraction)> {
    let source = raw.source.clone();
    guarded(source, Document::build(raw), rates, deadline)
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
    (!known(&document.id)).then(|| guarded(source, document, rates, DEADLINE))
}

/// The text stages under the panic guard and the deadline.
fn guarded(
    source: String,
    document: Document,
    rates: &RateTable,
    deadline: Duration,
) -> Result<(Document, Extraction)> {
    let until = Instant::now().checked_add(deadline);
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| commitments::extract_until(&document, rates, until)))
    {
        Ok(Ok(extraction)) => Ok((document, extraction)),
        Ok(Err(commitments::TimedOut)) => Err(Error::Timeout { source_name: source, seconds: deadline.as_secs_f64() }),
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

    #[test]
    fn a_document_past_its_deadline_is_an_extraction_timeout() {
        let rates = RateTable::embedded();
        let text = "Norway will provide NOK 500 million to Sudan.\n".repeat(2000);
        let err = run_within(raw(&text), rates, Duration::ZERO).err().expect("times out");
        assert_eq!(err.kind(), "extraction_timeout");
        assert_eq!(err.source_name(), "t.txt");
        assert!(err.to_string().contains("extraction_timeout"), "{err}");
        // The same document within the ordinary deadline extracts.
        assert!(run(raw("Norway will provide NOK 500 million to Sudan."), rates).is_ok());
    }
}
