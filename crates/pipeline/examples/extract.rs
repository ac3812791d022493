//! Runs the text stages on files and prints one JSON line per document: a
//! development aid that needs only this crate (`PLEDGEWATCH_TRACE=1` says why
//! sentences were passed over).
//!
//!     cargo run -p pledgewatch-pipeline --example extract -- FILE…

use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{Input, ReadOptions, documents};
use pledgewatch_pipeline::{Document, extract};

fn main() {
    let inputs = std::env::args().skip(1).map(|a| Input::parse(&a)).collect();
    for raw in documents(inputs, ReadOptions::default()) {
        match raw {
            Ok(raw) => {
                let doc = Document::build(raw);
                let ex = extract(&doc, RateTable::embedded());
                println!("{}", serde_json::json!({ "document": doc, "commitments": ex.commitments }));
            }
            Err(e) => eprintln!("cannot read {e}"),
        }
    }
}
