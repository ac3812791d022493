//! Dispatch by first token: what the token at a start may open, so that `single`
//! tries only the forms that can begin there. Each form's mask below is a
//! necessary condition read from the form's own first checks (a form that reads
//! `month_at(ctx, i)?` first needs a month word at `i`); a start whose token opens
//! none of the forms ("and", "said", a comma) costs one classification.
//!
//! [`set_every_form`] turns the index off, so a test or the throughput digest can
//! show that it changes no result.

use std::cell::Cell;

use super::*;

/// A figure.
pub(super) const NUM: u32 = 1;
/// A word that may start a number in words ("two", "a", "dozen"): `parse_number` reads no other word.
pub(super) const NUMBER_WORD: u32 = 1 << 1;
/// Any word short enough to have a lowercase form.
pub(super) const WORD: u32 = 1 << 2;
pub(super) const MONTH: u32 = 1 << 3;
pub(super) const WEEKDAY: u32 = 1 << 4;
/// "first" … "thirtieth".
pub(super) const ORDINAL: u32 = 1 << 5;
/// "twenty" … "ninety".
pub(super) const TENS: u32 = 1 << 6;
/// "one" … "nineteen".
pub(super) const UNIT: u32 = 1 << 7;
/// "twenties" … "nineties".
pub(super) const TENS_PLURAL: u32 = 1 << 8;
pub(super) const THE: u32 = 1 << 9;
/// "from", "between": a span's lead word.
pub(super) const LEAD: u32 = 1 << 10;
/// "next", "last", "this", "past"…: a word that moves a period.
pub(super) const SHIFT: u32 = 1 << 11;
/// "upcoming", "preceding": the other directions of a counted span.
pub(super) const DIRECTION: u32 = 1 << 12;
/// "end", "beginning", "early", "mid"…: a part of a period.
pub(super) const PART: u32 = 1 << 13;
/// "that", "week", "w", "weekend", "final": week periods.
pub(super) const WEEK: u32 = 1 << 14;
/// "more", "less" ("more than 2 weeks after today").
pub(super) const MORE: u32 = 1 << 15;
pub(super) const COUPLE: u32 = 1 << 16;
/// "today", "earlier", "by", "in", "over"…: the other words a relative date opens with.
pub(super) const RELATIVE: u32 = 1 << 17;
/// "FY", "Q", "q", "fiscal".
pub(super) const FISCAL: u32 = 1 << 18;
/// "H" (half years: "H1 2024").
pub(super) const HALF: u32 = 1 << 19;
/// An apostrophe before a decade ("the ’90s").
pub(super) const APOSTROPHE: u32 = 1 << 20;
/// A word a holiday's name opens with ("christmas", "labor", "st").
pub(super) const HOLIDAY: u32 = 1 << 21;
/// "spring", "summer", "autumn", "fall", "winter".
pub(super) const SEASON: u32 = 1 << 22;

/// What token `i` may open (0 past the end).
pub(super) fn classify(ctx: &Ctx, i: usize) -> u32 {
    let Some(t) = ctx.toks.get(i) else { return 0 };
    let mut c = match t.text(ctx.text) {
        "H" => HALF,
        "FY" | "Q" | "q" => FISCAL,
        "'" | "’" => APOSTROPHE,
        _ => 0,
    };
    match t.kind {
        TokKind::Num => return c | NUM,
        TokKind::Word => {}
        _ => return c,
    }
    if ctx.may_start(i, flags::NUMBER) {
        c |= NUMBER_WORD;
    }
    if ctx.low(i).is_some() {
        c |= WORD | ctx.facts(i).date_class;
    }
    c
}

/// What a lowercase word may open, by itself ([`classify`] adds what its token says:
/// a figure, "H", "FY", a number word).
pub fn word_class(w: &str) -> u32 {
    let mut c = match w {
        "the" => THE,
        "from" | "between" => LEAD,
        "next" | "coming" | "following" | "last" | "previous" | "past" | "this" | "current" => SHIFT,
        "upcoming" | "preceding" => DIRECTION,
        "end" | "beginning" | "start" | "middle" | "early" | "late" | "mid" => PART,
        "that" | "week" | "w" | "weekend" | "final" => WEEK,
        "more" | "less" => MORE,
        "couple" => COUPLE,
        "today" | "yesterday" | "tomorrow" | "earlier" | "later" | "by" | "in" | "over" | "within" | "for" => RELATIVE,
        "fiscal" => FISCAL,
        "h" => HALF,
        _ => 0,
    };
    if month_word(w).is_some() {
        c |= MONTH;
    }
    if weekday_word(w).is_some() {
        c |= WEEKDAY;
    }
    if ordinal_day(w).is_some() {
        c |= ORDINAL;
    }
    if tens_word(w).is_some() {
        c |= TENS;
    }
    if unit_word(w).is_some() {
        c |= UNIT;
    }
    if tens_plural(w).is_some() {
        c |= TENS_PLURAL;
    }
    if holiday_first_word(w) {
        c |= HOLIDAY;
    }
    if season_month(w).is_some() {
        c |= SEASON;
    }
    c
}

thread_local! {
    static EVERY_FORM: Cell<bool> = const { Cell::new(false) };
}

/// With `true`, this thread tries every form at every start, as before the index: for
/// tests and the throughput digest, which compare the two.
#[doc(hidden)]
pub fn set_every_form(on: bool) {
    EVERY_FORM.set(on);
}

pub(super) fn every_form() -> bool {
    EVERY_FORM.get()
}
