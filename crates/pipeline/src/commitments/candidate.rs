//! The candidate: a commitment as one sentence states it, before merging, and the
//! announcer, date and places a sentence without a figure adds to one.

use jiff::civil::Date;

use super::record::{Amount, Announcer, Category, Instrument, Item, NamedIn, Status};

/// A commitment as stated by one sentence, before merging.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub(super) donor: Option<(&'static str, (usize, usize), u8)>,
    pub(super) recipient: Option<(&'static str, (usize, usize), u8)>,
    pub(super) amount: Option<(Amount, (usize, usize))>,
    /// Money mention indices (the figure and its twice-given twin).
    pub(super) money: Vec<usize>,
    /// The twin's amount: the same figure in another currency ("75 billion kroner ($7.3 billion)"),
    /// so that a headline giving only the conversion merges with the body's figure.
    pub(super) twin: Option<Amount>,
    pub(super) items: Vec<(Item, (usize, usize))>,
    pub(super) made_in: Option<(NamedIn, (usize, usize))>,
    pub(super) supplier: Option<(NamedIn, (usize, usize))>,
    pub(super) announced_by: Option<(Announcer, (usize, usize))>,
    pub(super) announced_on: Option<(Date, (usize, usize))>,
    pub(super) period: Option<(String, (usize, usize))>,
    pub(super) category: Option<Category>,
    pub(super) instrument: Option<Instrument>,
    pub(super) status: Option<Status>,
    pub(super) statement: (usize, usize),
    pub(super) score: f64,
    /// The sentence speaks of aid ("assistance", "package", "loan"…), not just spending.
    pub(super) aid_word: bool,
    /// The sentence gives a share of a figure told before ("Of the total, …").
    pub(super) share: bool,
    /// The sentence spreads the money over a list of countries: it has no one recipient.
    pub(super) spread: bool,
    /// A sentence that goes on about the previous commitment ("The system will
    /// come with 100 interceptor missiles"): it joins that one.
    pub(super) continuation: bool,
    /// The rules that proposed it, each with the start of its sentence: one per sentence
    /// merged into it (`Commitment::rules` lists their ids in document order).
    pub(super) rules: Vec<(usize, &'static str)>,
}

/// Announcer and date from a sentence that refers to a commitment without a figure.
pub(super) struct Meta {
    pub(super) announced_by: Option<(Announcer, (usize, usize))>,
    pub(super) announced_on: Option<(Date, (usize, usize))>,
    pub(super) made_in: Option<(NamedIn, (usize, usize))>,
    pub(super) supplier: Option<(NamedIn, (usize, usize))>,
}

impl Meta {
    /// Fills what the candidate lacks.
    pub(super) fn fill(self, c: &mut Candidate) {
        if c.announced_by.is_none() {
            c.announced_by = self.announced_by;
        }
        if c.announced_on.is_none() {
            c.announced_on = self.announced_on;
        }
        if c.made_in.is_none() {
            c.made_in = self.made_in;
        }
        if c.supplier.is_none() {
            c.supplier = self.supplier;
        }
    }
}
