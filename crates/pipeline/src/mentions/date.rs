//! Dates: absolute ("2 March 2025", "March 2, 2025", "2025-03-02", "March
//! 2025", "FY2025", "Q3 2024"), relative to the reference date ("today",
//! "yesterday", "on Sunday", "last week", "today (2nd)", "on the 2nd", "two
//! days ago"), ranges and periods ("2024-2027", "from 2025 to 2027", "over five
//! years", "by the end of the year"), and times of day ("tomorrow at 5pm").
//!
//! Values: a day `YYYY-MM-DD`; an interval `START/END` (end exclusive) for
//! weeks, months, quarters, years and ranges; a date-time `YYYY-MM-DDTHH:MM:SS`.

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time, Weekday};

use super::number::{flags, parse_number};
use super::{Ctx, Found, MentionKind, MentionValue};
use crate::text::TokKind;

/// A resolved date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Day(Date),
    /// Start inclusive, end exclusive.
    Span(Date, Date),
    /// A day and a time.
    At(DateTime),
    /// Two date-times, end exclusive ("5 to 6pm").
    Times(DateTime, DateTime),
    /// From a point on, open at the end ("since 2020": `2020-01-01/..`).
    From(Point),
    /// Up to a point, open at the start ("before March 3": `../2025-03-03`).
    Until(Point),
}

/// One end of an open interval: a day or a date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    Day(Date),
    At(DateTime),
}

impl Point {
    fn render(self) -> String {
        match self {
            Point::Day(d) => d.to_string(),
            Point::At(t) => stamp(t),
        }
    }
    fn date(self) -> Date {
        match self {
            Point::Day(d) => d,
            Point::At(t) => t.date(),
        }
    }
}

/// "2025-03-02T17:00:00": seconds always written, no fraction.
fn stamp(t: DateTime) -> String {
    format!("{}T{:02}:{:02}:{:02}", t.date(), t.hour(), t.minute(), t.second())
}

/// A date-time from a day and a clock reading; `None` when out of range.
fn at(d: Date, h: i8, m: i8, s: i8) -> Option<DateTime> {
    Some(DateTime::from_parts(d, Time::new(h, m, s, 0).ok()?))
}

impl When {
    pub fn render(&self) -> String {
        match self {
            When::Day(d) => d.to_string(),
            When::Span(a, b) => format!("{a}/{b}"),
            When::At(t) => stamp(*t),
            When::Times(a, b) => format!("{}/{}", stamp(*a), stamp(*b)),
            When::From(p) => format!("{}/..", p.render()),
            When::Until(p) => format!("../{}", p.render()),
        }
    }
    /// The first day it covers.
    pub fn start(&self) -> Date {
        match *self {
            When::Day(d) | When::Span(d, _) => d,
            When::At(t) | When::Times(t, _) => t.date(),
            When::From(p) | When::Until(p) => p.date(),
        }
    }
    /// Where it begins, as a day or a date-time.
    fn first(&self) -> Point {
        match *self {
            When::Day(d) | When::Span(d, _) => Point::Day(d),
            When::At(t) | When::Times(t, _) => Point::At(t),
            When::From(p) | When::Until(p) => p,
        }
    }
    /// Where it ends (exclusive): the day after a day, the end of a span.
    fn after(&self) -> Option<Point> {
        Some(match *self {
            When::Day(d) => Point::Day(d.checked_add(1.day()).ok()?),
            When::Span(_, b) => Point::Day(b),
            When::At(t) | When::Times(_, t) => Point::At(t),
            When::From(p) | When::Until(p) => p,
        })
    }
    /// Whether it names a span of time rather than a point.
    fn is_span(&self) -> bool {
        matches!(self, When::Span(..) | When::Times(..))
    }
}

pub fn find(ctx: &mut Ctx, out: &mut Vec<Found>) {
    let n = ctx.toks.len();
    // Where the next word that a date needs stands (a number, a month, "week"…): a start
    // with none within reach ("the", "in", a capital in prose) is not tried at all.
    let mut next_anchor = vec![usize::MAX; n + 1];
    for k in (0..n).rev() {
        let anchor = ctx.toks[k].kind == TokKind::Num || ctx.low(k).is_some_and(is_date_anchor);
        next_anchor[k] = if anchor { k } else { next_anchor[k + 1] };
    }
    if next_anchor[0] == usize::MAX {
        return;
    }
    let future = is_future(ctx);
    let mut i = 0;
    while i < n {
        if ctx.taken[i]
            || next_anchor[i].saturating_sub(i) > ANCHOR_REACH
            || !(ctx.may_start(i, flags::DATE | flags::CAPITAL) || ctx.low(i).is_some_and(starts_date))
        {
            i += 1;
            continue;
        }
        if let Some((end, when)) = date_at(ctx, i, future) {
            ctx.take(i, end);
            out.push(Found::new(MentionKind::Date, i, end, MentionValue::Date(when.render())));
            i = end;
        } else {
            i += 1;
        }
    }
}

/// Lower-case words that may open a date the number flags do not mark.
/// How many words a date may run before the word that makes it one
/// ("by the end of the following year").
const ANCHOR_REACH: usize = 8;

/// Words without which no date can be read: numbers in words, months, weekdays,
/// parts and units of time, relative days and holiday names.
fn is_date_anchor(w: &str) -> bool {
    month_word(w).is_some()
        || weekday_word(w).is_some()
        || unit_word(w).is_some()
        || tens_word(w).is_some()
        || ordinal_day(w).is_some()
        || part_of_day(w).is_some()
        || unit_span(w, 1).is_some()
        || w.ends_with("day")
        || w.ends_with("days")
        || matches!(
            w,
            "today"
                | "tonight"
                | "tomorrow"
                | "yesterday"
                | "now"
                | "weekend"
                | "weekends"
                | "decade"
                | "decades"
                | "century"
                | "quarter"
                | "quarters"
                | "hour"
                | "hours"
                | "minute"
                | "minutes"
                | "min"
                | "mins"
                | "second"
                | "seconds"
                | "noon"
                | "midnight"
                | "midday"
                | "am"
                | "pm"
                | "a"
                | "p"
                | "fy"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
                | "h1"
                | "h2"
                | "christmas"
                | "xmas"
                | "easter"
                | "thanksgiving"
                | "halloween"
                | "juneteenth"
                | "eve"
                | "hundred"
                | "thousand"
        )
}

fn starts_date(w: &str) -> bool {
    month_word(w).is_some()
        || unit_word(w).is_some()
        || tens_word(w).is_some()
        || ordinal_day(w).is_some()
        || weekday_word(w).is_some()
        || part_of_day(w).is_some()
        || matches!(
            w,
            "before"
                | "after"
                | "since"
                | "until"
                | "till"
                | "til"
                | "prior"
                | "no"
                | "not"
                | "as"
                | "starting"
                | "beginning"
                | "later"
                | "end"
                | "mid"
                | "middle"
                | "early"
                | "late"
                | "start"
                | "half"
                | "quarter"
                | "q"
                | "h"
                | "now"
                | "right"
                | "in"
                | "within"
                | "during"
                | "over"
                | "a"
                | "an"
                | "tonite"
                | "upcoming"
                | "following"
                | "year"
                | "at"
                | "around"
                | "eod"
                | "eoy"
                | "more"
                | "less"
                | "christmas"
                | "xmas"
                | "halloween"
                | "new"
                | "independence"
                | "valentine"
                | "valentines"
                | "the"
                | "that"
                | "week"
                | "weekend"
                | "w"
                | "easter"
                | "thanksgiving"
                | "labor"
                | "labour"
                | "memorial"
                | "good"
                | "black"
                | "boxing"
                | "veterans"
                | "earth"
                | "juneteenth"
                | "mother"
                | "mothers"
                | "father"
                | "fathers"
                | "columbus"
                | "next"
                | "last"
                | "this"
                | "previous"
                | "coming"
        )
}

/// Whether the sentence speaks of the future ("will", "is to", "plans to"),
/// which decides whether "on Friday" is the coming or the last one.
fn is_future(ctx: &Ctx) -> bool {
    (0..ctx.toks.len()).any(|k| {
        matches!(
            ctx.low(k),
            Some(
                "will"
                    | "shall"
                    | "ll"
                    | "upcoming"
                    | "coming"
                    | "due"
                    | "scheduled"
                    | "planned"
                    | "plans"
                    | "expected"
                    | "going"
            )
        )
    })
}

fn is_word(ctx: &Ctx, k: usize, w: &str) -> bool {
    ctx.low(k) == Some(w)
}

fn is_punct(ctx: &Ctx, k: usize, p: &str) -> bool {
    ctx.toks.get(k).is_some_and(|t| t.kind != TokKind::Word && t.kind != TokKind::Num) && ctx.tok_text(k) == p
}

/// A month name or abbreviation, lower case: (month, abbreviated).
fn month_word(w: &str) -> Option<(i8, bool)> {
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// A month name at `k`, with an optional abbreviation dot. Lower-case "may",
/// "march" and "mar" are also verbs: they count only next to a number or
/// after a word that puts a month in time ("in may"). Returns (month, end).
fn month_at(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
    let t = ctx.toks.get(k)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let s = t.text(ctx.text);
    let w = ctx.low(k)?;
    let (m, abbr) = month_word(w)?;
    let capital = s.starts_with(|c: char| c.is_ascii_uppercase());
    if !capital && matches!(w, "may" | "march" | "mar") {
        let num_next = ctx.toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Num);
        let prev_cue = k > 0
            && ctx.low(k - 1).is_some_and(|p| {
                time_preposition(p)
                    || matches!(p, "of" | "this" | "next" | "last" | "to" | "between" | "and" | "end" | "beginning")
            });
        let next_ok = match ctx.toks.get(k + 1) {
            None => true,
            Some(n) if n.kind == TokKind::Punct => true,
            Some(_) => ctx.low(k + 1).is_some_and(|x| {
                matches!(x, "to" | "and" | "through" | "until" | "till" | "in" | "of" | "next" | "this" | "last")
            }),
        };
        if !(num_next || (prev_cue && next_ok)) {
            return None;
        }
    }
    let end = if abbr && is_punct(ctx, k + 1, ".") && !ctx.toks[k + 1].space_before { k + 2 } else { k + 1 };
    Some((m, end))
}

/// A weekday name or abbreviation, lower case: (weekday, abbreviated).
fn weekday_word(w: &str) -> Option<(Weekday, bool)> {
    Some(match w {
        "monday" => (Weekday::Monday, false),
        "tuesday" => (Weekday::Tuesday, false),
        "wednesday" => (Weekday::Wednesday, false),
        "thursday" => (Weekday::Thursday, false),
        "friday" => (Weekday::Friday, false),
        "saturday" => (Weekday::Saturday, false),
        "sunday" => (Weekday::Sunday, false),
        "mon" => (Weekday::Monday, true),
        "tue" | "tues" => (Weekday::Tuesday, true),
        "wed" => (Weekday::Wednesday, true),
        "thu" | "thur" | "thurs" => (Weekday::Thursday, true),
        "fri" => (Weekday::Friday, true),
        "sat" => (Weekday::Saturday, true),
        "sun" => (Weekday::Sunday, true),
        _ => return None,
    })
}

/// A weekday at `k`; an abbreviation only before a day number, after
/// "next/last/this/on" or in capitals ("Mon"), since "sun" and "sat" are words.
fn weekday_at(ctx: &Ctx, k: usize) -> Option<Weekday> {
    let (wd, abbr) = weekday_word(ctx.low(k)?)?;
    let capital = ctx.tok_text(k).starts_with(|c: char| c.is_ascii_uppercase());
    let num_next = ctx.toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Num);
    let cue_before =
        k > 0 && matches!(ctx.low(k - 1), Some("next" | "last" | "this" | "on" | "previous" | "following" | "week"));
    let plain_capital = capital && !matches!(ctx.low(k), Some("sun" | "sat"));
    if abbr && !num_next && !cue_before && !plain_capital {
        return None;
    }
    // Part of a name: "The Sunday Times", "Good Friday Agreement".
    let cap = |j: usize| {
        ctx.toks.get(j).is_some_and(|t| t.kind == TokKind::Word && t.text(ctx.text).starts_with(char::is_uppercase))
    };
    let next_cap = capital && cap(k + 1) && month_at(ctx, k + 1).is_none();
    let prev_cap = capital
        && k > 0
        && cap(k - 1)
        && !matches!(
            ctx.tok_text(k - 1),
            "On" | "Last" | "Next" | "This" | "By" | "Since" | "Until" | "From" | "Before" | "After" | "The"
        );
    (!next_cap && !prev_cap).then_some(wd)
}

/// A day of the month: "2", "02", "2nd", "21st". Returns (day, end).
fn day_at(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
    let t = ctx.toks.get(k)?;
    if t.kind == TokKind::Word && is_word(ctx, k + 1, "of") && month_at(ctx, k + 2).is_some() {
        // "the second of March"
        let d = ordinal_day(ctx.low(k)?)?;
        return Some((d, k + 1));
    }
    if t.kind != TokKind::Num {
        return None;
    }
    let s = t.text(ctx.text);
    if s.len() > 2 {
        return None;
    }
    let d: i8 = s.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    let end = match ctx.toks.get(k + 1) {
        Some(n) if !n.space_before && matches!(ctx.low(k + 1), Some("st" | "nd" | "rd" | "th")) => k + 2,
        _ => k + 1,
    };
    Some((d, end))
}

/// "first" … "thirty-first" written as one word.
fn ordinal_day(w: &str) -> Option<i8> {
    const WORDS: &[&str] = &[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    WORDS.iter().position(|x| *x == w).map(|p| p as i8 + 1).or(match w {
        "thirtieth" => Some(30),
        _ => None,
    })
}

/// A spelled number word below twenty ("one" … "nineteen").
fn unit_word(w: &str) -> Option<i16> {
    super::number::unit_value(w).filter(|&u| u > 0).map(|u| u as i16)
}

/// A spelled tens word ("twenty" … "ninety").
fn tens_word(w: &str) -> Option<i16> {
    super::number::tens_value(w).map(|t| t as i16)
}

/// The token after a joining hyphen ("twenty-two"), or `k` itself.
fn past_hyphen(ctx: &Ctx, k: usize) -> usize {
    let glued = |j: usize| ctx.toks.get(j).is_some_and(|t| !t.space_before);
    if is_punct(ctx, k, "-") && glued(k) && glued(k + 1) { k + 1 } else { k }
}

/// A spelled number from 1 to 99 ("five", "ninety", "ninety-six", "ninety six"): (value, end).
fn spelled_below_100(ctx: &Ctx, k: usize) -> Option<(i16, usize)> {
    let w = ctx.low(k)?;
    if let Some(u) = unit_word(w) {
        return Some((u, k + 1));
    }
    let t = tens_word(w)?;
    let j = past_hyphen(ctx, k + 1);
    match ctx.low(j).and_then(unit_word).filter(|u| *u < 10) {
        Some(u) => Some((t + u, j + 1)),
        None => Some((t, k + 1)),
    }
}

/// A spelled day of the month: "first", "twenty-second", "thirty first", and
/// with `cardinal` also "twenty nine", "five": (day, end).
fn spelled_day(ctx: &Ctx, k: usize, cardinal: bool) -> Option<(i8, usize)> {
    let w = ctx.low(k)?;
    if let Some(d) = ordinal_day(w) {
        return Some((d, k + 1));
    }
    if let Some(t) = tens_word(w).filter(|t| *t <= 30) {
        let j = past_hyphen(ctx, k + 1);
        if let Some(u) = ctx.low(j).and_then(ordinal_day).filter(|u| *u < 10) {
            return day_in_month(t as i8 + u, j + 1);
        }
        if !cardinal {
            return None;
        }
        if let Some(u) = ctx.low(j).and_then(unit_word).filter(|u| *u < 10) {
            return day_in_month(t as i8 + u as i8, j + 1);
        }
        return Some((t as i8, k + 1));
    }
    let u = unit_word(w).filter(|_| cardinal)?;
    Some((u as i8, k + 1))
}

/// A day number when it can be one.
fn day_in_month(d: i8, e: usize) -> Option<(i8, usize)> {
    (1..=31).contains(&d).then_some((d, e))
}

/// A spelled year: "two thousand and twelve", "two thousand", "nineteen
/// ninety-five", "nineteen hundred ninety three", "twenty twenty": (year, end).
fn spelled_year(ctx: &Ctx, k: usize) -> Option<(i16, usize)> {
    let w = ctx.low(k)?;
    if w == "two" && is_word(ctx, k + 1, "thousand") {
        let j = if is_word(ctx, k + 2, "and") { k + 3 } else { k + 2 };
        return match spelled_below_100(ctx, j) {
            Some((n, e)) => Some((2000 + n, e)),
            None if j == k + 2 => Some((2000, k + 2)),
            None => None,
        };
    }
    let century = match w {
        "nineteen" => 1900,
        "twenty" => 2000,
        _ => return None,
    };
    let mut j = k + 1;
    if is_word(ctx, j, "hundred") {
        j = if is_word(ctx, j + 1, "and") { j + 2 } else { j + 1 };
    }
    let (n, e) = spelled_below_100(ctx, j)?;
    // "nineteen ninety-five", "twenty twelve": two-digit rests only (not "twenty five").
    (n >= 10 || j > k + 1).then_some((century + n, e))
}

/// A spelled year standing alone after a time preposition ("in two thousand and twelve").
fn spelled_plain_year(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (y, e) = spelled_year(ctx, i)?;
    let cue = i > 0 && ctx.low(i - 1).is_some_and(|p| time_preposition(p) || matches!(p, "year" | "of"));
    // "two thousand" alone is more often a count than a year.
    (cue && e > i + 2).then_some(())?;
    Some((e, year_span(y)?))
}

/// A year in digits or in words: (year, end).
fn any_year_at(ctx: &Ctx, k: usize) -> Option<(i16, usize)> {
    year_at(ctx, k).map(|y| (y, k + 1)).or_else(|| spelled_year(ctx, k))
}

fn year_at(ctx: &Ctx, k: usize) -> Option<i16> {
    let t = ctx.toks.get(k)?;
    let s = t.text(ctx.text);
    if t.kind != TokKind::Num || s.len() != 4 {
        return None;
    }
    let y: i16 = s.parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

fn day(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

fn month_span(y: i16, m: i8) -> Option<When> {
    let a = day(y, m, 1)?;
    Some(When::Span(a, a.checked_add(1.month()).ok()?))
}

fn year_span(y: i16) -> Option<When> {
    Some(When::Span(day(y, 1, 1)?, day(y.checked_add(1)?, 1, 1)?))
}

/// Tries every date form at token `i`: an open interval, a span between two
/// expressions, a single expression; then "or later".
fn date_at(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let (e, w) = open_range(ctx, i, future)
        .or_else(|| two_point_span(ctx, i, future))
        .or_else(|| point(ctx, i, future))
        .or_else(|| year_or_later(ctx, i))?;
    let (e, w) = or_later(ctx, e, w);
    let (e, w) = span_in_year(ctx, i, e, w);
    ctx.free(i, e).then_some((e, w))
}

/// A yearless span of days or months followed by its year: "from April to
/// June in 2017", "26 June to 28 June in 2020" move into that year.
fn span_in_year(ctx: &Ctx, i: usize, e: usize, w: When) -> (usize, When) {
    if let When::Day(_) = w {
        return day_in_year(ctx, i, e, w);
    }
    let When::Span(a, b) = w else { return (e, w) };
    if has_year(ctx, i, e) || !(is_word(ctx, e, "in") || is_word(ctx, e, "of") || is_punct(ctx, e, ",")) {
        return (e, w);
    }
    let Some(y) = year_at(ctx, e + 1) else { return (e, w) };
    let Some(last) = b.checked_sub(1.day()).ok() else { return (e, w) };
    let shift = i64::from(y) - i64::from(last.year());
    match (a.checked_add(shift.years()), b.checked_add(shift.years())) {
        (Ok(a), Ok(b)) => (e + 2, When::Span(a, b)),
        _ => (e, w),
    }
}

/// One date expression with no time composition.
fn single(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    iso_date(ctx, i)
        .or_else(|| glued_date(ctx, i))
        .or_else(|| week_period(ctx, i, future))
        .or_else(|| business_days(ctx, i))
        .or_else(|| counted_span(ctx, i))
        .or_else(|| decade_word(ctx, i))
        .or_else(|| holiday(ctx, i))
        .or_else(|| day_range(ctx, i))
        .or_else(|| month_range(ctx, i))
        .or_else(|| the_period(ctx, i))
        .or_else(|| decade(ctx, i))
        .or_else(|| dotted_date(ctx, i))
        .or_else(|| slash_date(ctx, i))
        .or_else(|| weekday_then_date(ctx, i, future))
        .or_else(|| day_month(ctx, i))
        .or_else(|| month_day(ctx, i))
        .or_else(|| position_in(ctx, i, future))
        .or_else(|| month_year(ctx, i, future))
        .or_else(|| fiscal_or_quarter(ctx, i))
        .or_else(|| year_range(ctx, i))
        .or_else(|| offset_from(ctx, i, future))
        .or_else(|| relative(ctx, i, future))
        .or_else(|| plain_year(ctx, i))
}

/// A single expression with its time: clock spans with a day, a day with a
/// time or a part of the day, a time with a day, a part of the day alone.
fn point(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    if let Some(x) = pod_modified(ctx, i) {
        return Some(x);
    }
    if let Some(x) = dated_clock_span(ctx, i, future) {
        return Some(x);
    }
    if let Some((e, d, pod)) = day_expr(ctx, i, future) {
        if let Some(x) = time_after_day(ctx, e, d, pod) {
            return Some(x);
        }
        if let Some((a, z)) = pod {
            return pod_times(d, a, z).map(|w| (e, w));
        }
        return Some((e, When::Day(d)));
    }
    if let Some(x) = single(ctx, i, future) {
        return Some(x);
    }
    clock_offset(ctx, i).or_else(|| present(ctx, i)).or_else(|| clock_first(ctx, i, future))
}

/// "now", "right now", "at the moment", "at present": the reference moment.
fn present(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let t = ctx.now?;
    let e = match ctx.low(i)? {
        "now" => i + 1,
        "right" if is_word(ctx, i + 1, "now") => i + 2,
        "at" if is_word(ctx, i + 1, "present") => i + 2,
        "at" if is_word(ctx, i + 1, "the") && matches!(ctx.low(i + 2), Some("moment" | "minute")) => i + 3,
        _ => return None,
    };
    Some((e, When::At(t)))
}

/// A count of seconds, minutes or hours: "5 minutes", "an hour", "half an
/// hour", "3 min": (seconds, end).
fn clock_amount(ctx: &Ctx, k: usize) -> Option<(i64, usize)> {
    if is_word(ctx, k, "half") && matches!(ctx.low(k + 1), Some("an" | "a")) && is_word(ctx, k + 2, "hour") {
        return Some((1800, k + 3));
    }
    let (n, e) = if matches!(ctx.low(k), Some("a" | "an")) { (1, k + 1) } else { small_count(ctx, k)? };
    Some((n * clock_unit(ctx.low(e)?)?, e + 1))
}

/// Seconds in a clock unit word.
fn clock_unit(w: &str) -> Option<i64> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => 1,
        "minute" | "minutes" | "min" | "mins" => 60,
        "hour" | "hours" | "hr" | "hrs" => 3600,
        _ => return None,
    })
}

/// Offsets in clock units from the reference moment: "in 5 minutes", "half
/// an hour ago", "30 minutes later", "within 3 min", "the next hour", "5
/// coming minutes", "the past 2 hours".
fn clock_offset(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let t = ctx.now?;
    let shift = |secs: i64| t.checked_add(secs.seconds()).ok();
    let dir = |w: Option<&str>| match w {
        Some("next" | "upcoming" | "coming" | "following") => Some(true),
        Some("past" | "previous" | "last" | "preceding") => Some(false),
        _ => None,
    };
    let w = ctx.low(i).unwrap_or("");
    let j = if matches!(w, "in" | "within" | "over" | "during") && is_word(ctx, i + 1, "the") { i + 2 } else { i + 1 };
    // "the next hour", "next 5 minutes", "within the past 2 hours"
    let (k, lead) = if matches!(w, "within" | "over" | "during" | "in" | "the") { (j, Some(w)) } else { (i, None) };
    if let Some(fwd) = dir(ctx.low(k)) {
        let (secs, e) = clock_amount(ctx, k + 1).or_else(|| Some((clock_unit(ctx.low(k + 1)?)?, k + 2)))?;
        return Some((e, stretch(t, shift(if fwd { secs } else { -secs })?)));
    }
    // "5 coming minutes", "5 past minutes"
    if let Some((n, e)) = small_count(ctx, k)
        && let Some(fwd) = dir(ctx.low(e))
        && let Some(u) = ctx.low(e + 1).and_then(clock_unit)
    {
        return Some((e + 2, stretch(t, shift(if fwd { n * u } else { -n * u })?)));
    }
    let (secs, e) = clock_amount(ctx, k)?;
    match (lead, ctx.low(e)) {
        (Some("in"), _) => Some((e, When::At(shift(secs)?))),
        (Some("within"), _) => Some((e, stretch(t, shift(secs)?))),
        (None, Some("later" | "hence")) => Some((e + 1, When::At(shift(secs)?))),
        (None, Some("ago" | "earlier")) => Some((e + 1, When::At(shift(-secs)?))),
        (None, Some("from")) if is_word(ctx, e + 1, "now") => Some((e + 2, When::At(shift(secs)?))),
        _ => None,
    }
}

/// The date-times between two moments, in order.
fn stretch(a: DateTime, b: DateTime) -> When {
    if a <= b { When::Times(a, b) } else { When::Times(b, a) }
}

/// A part of the day: (start hour, end hour; 24 is the last second).
type Pod = (i8, i8);

/// Recognizers' parts of the day, as (start hour, end hour; 24 is the last second).
fn part_of_day(w: &str) -> Option<(i8, i8)> {
    Some(match w {
        "morning" => (8, 12),
        "afternoon" => (12, 16),
        "evening" => (16, 20),
        "night" | "tonight" | "tonite" => (20, 24),
        _ => return None,
    })
}

/// Early or late in a part of the reference day (its first or second half):
/// "early morning", "late this afternoon", "later in the evening"; and "mid
/// today" (10 to 14), "later today" (noon to midnight).
fn pod_modified(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let late = match ctx.low(i)? {
        "early" => false,
        "late" | "later" => true,
        "mid" if is_word(ctx, i + 1, "today") => {
            return Some((i + 2, When::Times(at(r, 10, 0, 0)?, at(r, 14, 0, 0)?)));
        }
        _ => return None,
    };
    let mut k = i + 1;
    if is_word(ctx, k, "in") {
        k += if is_word(ctx, k + 1, "the") { 2 } else { 1 };
    } else if is_word(ctx, k, "this") {
        k += 1;
    }
    if late && is_word(ctx, k, "today") {
        let next = r.checked_add(1.day()).ok()?;
        return Some((k + 1, When::Times(at(r, 12, 0, 0)?, at(next, 0, 0, 0)?)));
    }
    let (a, z) = ctx.low(k).and_then(part_of_day).filter(|p| p.1 < 24)?;
    let h = (a + z) / 2;
    let (a, z) = if late { (h, z) } else { (a, h) };
    Some((k + 1, When::Times(at(r, a, 0, 0)?, at(r, z, 0, 0)?)))
}

/// The interval of a part of day `a..z` on day `d`.
fn pod_times(d: Date, a: i8, z: i8) -> Option<When> {
    let end = if z >= 24 { at(d, 23, 59, 59)? } else { at(d, z, 0, 0)? };
    Some(When::Times(at(d, a, 0, 0)?, end))
}

/// A part of day right after a day: "morning", "in the morning", "at night", "am".
fn pod_after(ctx: &Ctx, e: usize) -> Option<((i8, i8), usize)> {
    match ctx.low(e)? {
        "am" => Some(((8, 12), e + 1)),
        "pm" => Some(((12, 16), e + 1)),
        "in" if is_word(ctx, e + 1, "the") => part_of_day(ctx.low(e + 2)?).filter(|p| p.0 < 20).map(|p| (p, e + 3)),
        "at" if is_word(ctx, e + 1, "night") => Some(((20, 24), e + 2)),
        w => part_of_day(w).filter(|_| w != "tonight" && w != "tonite").map(|p| (p, e + 1)),
    }
}

/// A day, maybe with its part: "tonight", "this evening", "last night", "in
/// the morning", "tomorrow afternoon", "Monday", "1/1/2015".
fn day_expr(ctx: &Ctx, j: usize, future: bool) -> Option<(usize, Date, Option<Pod>)> {
    let r = ctx.reference?;
    let w = ctx.low(j);
    match w {
        Some("tonight" | "tonite") => return Some((j + 1, r, Some((20, 24)))),
        Some("this" | "today") if let Some(p) = ctx.low(j + 1).and_then(part_of_day) => {
            return Some((j + 2, r, Some(p)));
        }
        Some("last") if is_word(ctx, j + 1, "night") => {
            return Some((j + 2, r.checked_sub(1.day()).ok()?, Some((20, 24))));
        }
        Some("in") if is_word(ctx, j + 1, "the") => {
            let p = part_of_day(ctx.low(j + 2)?).filter(|p| p.0 < 20)?;
            return Some((j + 3, r, Some(p)));
        }
        _ => {}
    }
    let (e, when) = single(ctx, j, future)?;
    let When::Day(d) = when else { return None };
    if let Some((p, e2)) = pod_after(ctx, e) {
        return Some((e2, d, Some(p)));
    }
    Some((e, d, None))
}

/// A clock time as written: the hour (0..=23), minutes and seconds; `pm` when
/// am/pm or a part of day settles it; `firm` when minutes, am/pm or o'clock
/// show that it is a time and not a count.
#[derive(Clone, Copy, Debug)]
struct Clock {
    h: i8,
    m: i8,
    s: i8,
    pm: Option<bool>,
    firm: bool,
    end: usize,
}

impl Clock {
    /// The hour on the 24-hour clock, with a part-of-day hint for bare hours.
    fn hour(self, hint: Option<bool>) -> i8 {
        match self.pm.or(hint) {
            Some(true) if self.h < 12 => self.h + 12,
            Some(false) if self.h == 12 && self.pm.is_some() => 0,
            _ => self.h,
        }
    }
}

/// "one" … "twelve" as an hour.
fn hour_word(w: &str) -> Option<i8> {
    const H: &[&str] =
        &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    H.iter().position(|x| *x == w).map(|p| p as i8 + 1)
}

/// Spelled minutes after a spelled hour: "thirty", "forty five", "twenty-seven", "fifteen".
fn minute_words(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
    let tens = match ctx.low(k)? {
        "ten" => return Some((10, k + 1)),
        "fifteen" => return Some((15, k + 1)),
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        _ => return None,
    };
    let j = if is_punct(ctx, k + 1, "-") { k + 2 } else { k + 1 };
    match ctx.low(j).and_then(hour_word) {
        Some(u) if u < 10 => Some((tens + u, j + 1)),
        _ => Some((tens, k + 1)),
    }
}

/// "in the morning" (am), "in the afternoon/evening", "at night" (pm) after a clock.
fn meridiem_phrase(ctx: &Ctx, e: usize) -> Option<(bool, usize)> {
    if is_word(ctx, e, "in") && is_word(ctx, e + 1, "the") {
        return match ctx.low(e + 2)? {
            "morning" => Some((false, e + 3)),
            "afternoon" | "evening" => Some((true, e + 3)),
            _ => None,
        };
    }
    if is_word(ctx, e, "at") && is_word(ctx, e + 1, "night") {
        return Some((true, e + 2));
    }
    None
}

/// A clock time at `k`: "5pm", "5 p.m.", "5:30:15 pm", "17:00", "8.30pm",
/// "0730", "seven", "three thirty", "half past seven", "noon", "10 o'clock".
fn clock_at(ctx: &Ctx, k: usize) -> Option<Clock> {
    let fixed = |h: i8, pm: Option<bool>, end: usize| Clock { h, m: 0, s: 0, pm, firm: true, end };
    match ctx.low(k) {
        Some("noon" | "midday" | "noonish") => return Some(fixed(12, Some(true), k + 1)),
        Some("midnight") => return Some(fixed(0, None, k + 1)),
        Some(w @ ("half" | "quarter")) if is_word(ctx, k + 1, "past") || is_word(ctx, k + 1, "to") => {
            let c = clock_at(ctx, k + 2)?;
            if c.m != 0 {
                return None;
            }
            let mins = if w == "half" { 30 } else { 15 };
            let (h, m) = if is_word(ctx, k + 1, "past") { (c.h, mins) } else { ((c.h + 23) % 24, 60 - mins) };
            return Some(Clock { h, m, firm: true, ..c });
        }
        _ => {}
    }
    let t = ctx.toks.get(k)?;
    let mut c = Clock { h: 0, m: 0, s: 0, pm: None, firm: false, end: k + 1 };
    let mut loose = false;
    let mut compact = false;
    if t.kind == TokKind::Num {
        let s = t.text(ctx.text);
        if let Some((a, b)) = s.split_once('.') {
            if !(1..=2).contains(&a.len()) || b.len() != 2 {
                return None;
            }
            c.h = a.parse().ok()?;
            c.m = b.parse().ok()?;
            loose = true;
        } else if s.len() <= 2 {
            c.h = s.parse().ok()?;
            if is_punct(ctx, k + 1, ":") && !ctx.toks[k + 1].space_before {
                let mt = ctx.toks.get(k + 2)?;
                if mt.kind != TokKind::Num || mt.text(ctx.text).len() != 2 || mt.space_before {
                    return None;
                }
                c.m = mt.text(ctx.text).parse().ok()?;
                c.end = k + 3;
                c.firm = true;
                if is_punct(ctx, k + 3, ":")
                    && !ctx.toks[k + 3].space_before
                    && let Some(st) = ctx.toks.get(k + 4)
                    && st.kind == TokKind::Num
                    && !st.space_before
                    && st.text(ctx.text).len() == 2
                {
                    c.s = st.text(ctx.text).parse().ok()?;
                    c.end = k + 5;
                }
            }
        } else if s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && !(is_punct(ctx, k + 1, "-") && ctx.tok_text(k + 2).len() == 2)
        {
            // "0730": a time only inside a span or with am/pm ("2025" is a year).
            c.h = s[..2].parse().ok()?;
            c.m = s[2..].parse().ok()?;
            compact = true;
        } else {
            return None;
        }
    } else {
        c.h = hour_word(ctx.low(k)?)?;
        if let Some((m, e)) = minute_words(ctx, k + 1) {
            c.m = m;
            c.end = e;
        }
    }
    let e = c.end;
    match ctx.low(e) {
        Some(x @ ("am" | "pm")) => {
            c.pm = Some(x == "pm");
            c.end = e + 1;
        }
        Some(x @ ("a" | "p")) if is_punct(ctx, e + 1, ".") && is_word(ctx, e + 2, "m") => {
            c.pm = Some(x == "p");
            c.end = e + 3;
            if is_punct(ctx, c.end, ".") && !ctx.toks[c.end].space_before {
                c.end += 1;
            }
        }
        Some("oclock") => {
            c.firm = true;
            c.end = e + 1;
        }
        Some("o") if ctx.tok_text(e + 1) == "'" && is_word(ctx, e + 2, "clock") => {
            c.firm = true;
            c.end = e + 3;
        }
        _ => {}
    }
    if c.pm.is_some() {
        c.firm = true;
        if c.h > 12 || c.h == 0 {
            return None;
        }
    }
    if let Some((pm, e2)) = meridiem_phrase(ctx, c.end) {
        c.pm = c.pm.or(Some(pm));
        c.firm = true;
        c.end = e2;
    }
    // "9.30" and "0730" are times only with am/pm or after "at": "13.18 billion" is a figure.
    if loose && c.pm.is_none() {
        c.firm = k > 0 && matches!(ctx.low(k - 1), Some("at" | "from" | "until" | "till" | "by" | "before" | "after"));
    }
    if compact && c.pm.is_none() {
        c.firm = false;
    }
    if !(0..24).contains(&c.h) || !(0..60).contains(&c.m) || !(0..60).contains(&c.s) {
        return None;
    }
    // "GMT", "ET", "CET" time zones are read and dropped.
    if ctx.toks.get(c.end).is_some_and(|t| {
        matches!(t.text(ctx.text), "GMT" | "UTC" | "BST" | "CET" | "CEST" | "EST" | "EDT" | "ET" | "PT" | "PST")
    }) {
        c.end += 1;
    }
    Some(c)
}

/// The date-time of a clock on day `d`, with a part-of-day hint for bare hours.
fn clock_on(d: Date, c: Clock, hint: Option<bool>) -> Option<DateTime> {
    at(d, c.hour(hint), c.m, c.s)
}

/// Whether a part of the day (start hour) makes bare hours pm.
fn pm_hint(pod: Option<(i8, i8)>) -> Option<bool> {
    pod.map(|(a, _)| a >= 12)
}

/// "5 to 6pm", "between 3pm and 5pm", "9-10 am", "from 10:30 to 3": two clock
/// times. Returns (first, second, end, led by from/between).
fn clock_span(ctx: &Ctx, i: usize) -> Option<(Clock, Clock, usize, bool)> {
    let lead = is_word(ctx, i, "from") || is_word(ctx, i, "between");
    let j = if lead { i + 1 } else { i };
    let a = clock_at(ctx, j)?;
    let sep = a.end;
    let ok = matches!(ctx.tok_text(sep), "-" | "–" | "~")
        || matches!(ctx.low(sep), Some("to" | "till" | "until" | "til" | "through"))
        || (is_word(ctx, j.wrapping_sub(1), "between") && is_word(ctx, sep, "and"));
    if !ok {
        return None;
    }
    let b = clock_at(ctx, sep + 1)?;
    Some((a, b, b.end, lead))
}

/// The two date-times of a clock span on day `d`: a bare first hour takes
/// the second's am/pm when that keeps it first ("5 to 6pm"); a bare second
/// hour after the first becomes pm ("8am-3").
fn span_times(d: Date, a: Clock, b: Clock, hint: Option<bool>) -> Option<When> {
    let mut hb = b.hour(hint);
    let mut ha = a.hour(hint);
    if a.pm.is_none() && hint.is_none() && b.pm == Some(true) && a.h < 12 && a.h + 12 <= hb {
        ha = a.h + 12;
    }
    if b.pm.is_none() && hint.is_none() && a.pm.is_some() && b.h < 12 && (b.h, b.m) <= (ha, a.m) {
        hb = b.h + 12;
    }
    if b.pm == Some(false) && b.h == 12 && ha > 0 {
        hb = 12;
    }
    if (hb, b.m) <= (ha, a.m) && b.pm.is_none() && b.h < 12 {
        hb = b.h + 12;
    }
    let start = at(d, ha, a.m, a.s)?;
    let mut end = at(d, hb, b.m, b.s)?;
    if end <= start {
        end = at(d.checked_add(1.day()).ok()?, hb, b.m, b.s)?;
    }
    Some(When::Times(start, end))
}

/// A clock span with its day before or after: "monday 8-9am", "tomorrow from
/// 5 to 7", "5 to 6pm of April 22", "between 3 and 8 yesterday", or alone
/// ("5 to 6pm") on the reference day.
fn dated_clock_span(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let mut j = i;
    let mut date = None;
    let mut pod = None;
    if let Some((e, d, p)) = day_expr(ctx, i, future) {
        j = if is_punct(ctx, e, ",") { e + 1 } else { e };
        date = Some(d);
        pod = p;
    }
    let (a, b, mut e, lead) = clock_span(ctx, j)?;
    if !lead && date.is_none() && !a.firm && !b.firm && b.h <= a.h {
        return None;
    }
    if date.is_none() {
        let on = is_word(ctx, e, "on") || is_word(ctx, e, "of") || is_punct(ctx, e, ",");
        let k = if on { e + 1 } else { e };
        if let Some((e2, d, p)) = day_expr(ctx, k, future)
            && (on || lead || a.firm || b.firm || !is_word(ctx, k, "on"))
        {
            date = Some(d);
            pod = pod.or(p);
            e = e2;
        }
    }
    if date.is_none() && !(a.firm || b.firm) {
        return None;
    }
    let d = date.or(ctx.reference)?;
    span_times(d, a, b, pm_hint(pod)).map(|w| (e, w))
}

/// A time after a day: "tomorrow at 5pm", "March 3, 10:30", "tonight around 7",
/// "today before 4pm", "Tuesday after 1pm".
fn time_after_day(ctx: &Ctx, end: usize, d: Date, pod: Option<(i8, i8)>) -> Option<(usize, When)> {
    let mut j = end;
    let mut open = None;
    match ctx.low(j) {
        Some("at" | "around" | "about") => j += 1,
        Some("before" | "by") => {
            open = Some(false);
            j += 1;
        }
        Some("after") => {
            open = Some(true);
            j += 1;
        }
        Some("no" | "not") if is_word(ctx, j + 1, "later") && is_word(ctx, j + 2, "than") => {
            open = Some(false);
            j += 3;
        }
        Some("later") if is_word(ctx, j + 1, "than") => {
            open = Some(true);
            j += 2;
        }
        Some("for") => j += 1,
        _ if is_punct(ctx, j, ",") => j += 1,
        _ => {}
    }
    if !ctx.free(j, j + 1) {
        return None;
    }
    let c = clock_at(ctx, j)?;
    // A bare hour needs "at", "by" and the like: "May 9 for 2 nights" and
    // "July 1, 17 times" hold no time.
    let loose_link = j == end || is_word(ctx, end, "for") || is_punct(ctx, end, ",");
    if !c.firm && loose_link {
        return None;
    }
    let t = clock_on(d, c, pm_hint(pod))?;
    let w = match open {
        Some(true) => When::From(Point::At(t)),
        Some(false) => When::Until(Point::At(t)),
        None => When::At(t),
    };
    Some((c.end, w))
}

/// A time first: "at 5pm on Monday", "5pm tomorrow", "8am this morning", or
/// a time alone (on the reference day).
fn clock_first(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    // "at 7", "around 7": the word is left out, but lets a bare hour count.
    let lead = i > 0 && matches!(ctx.low(i - 1), Some("at" | "around"));
    let c = clock_at(ctx, i)?;
    let mut j = c.end;
    if is_word(ctx, j, "on") || is_word(ctx, j, "of") || is_punct(ctx, j, ",") {
        j += 1;
    }
    if let Some((e2, d, pod)) = day_expr(ctx, j, future) {
        if !c.firm && !lead && !matches!(ctx.low(j), Some("tonight" | "tonite" | "this" | "today" | "tomorrow")) {
            return None;
        }
        return clock_on(d, c, pm_hint(pod)).map(|t| (e2, When::At(t)));
    }
    if !c.firm {
        return None;
    }
    Some((c.end, When::At(clock_on(ctx.reference?, c, None)?)))
}

/// A wrapper that leaves one end open: "before 2018" (`../2018-01-01`),
/// "after 2018" (`2019-01-01/..`), "since tomorrow", "no later than 6pm",
/// "starting January 7th", "as early as next year".
fn open_range(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    #[derive(PartialEq)]
    enum Dir {
        Before,
        After,
        Since,
    }
    let w = ctx.low(i)?;
    let (dir, mut j) = match w {
        "before" | "until" | "till" | "til" => (Dir::Before, i + 1),
        "prior" if is_word(ctx, i + 1, "to") => (Dir::Before, i + 2),
        "earlier" if is_word(ctx, i + 1, "than") => (Dir::Before, i + 2),
        "no" | "not" if is_word(ctx, i + 1, "later") && is_word(ctx, i + 2, "than") => (Dir::Before, i + 3),
        "as" if is_word(ctx, i + 1, "late") && is_word(ctx, i + 2, "as") => (Dir::Before, i + 3),
        "as" if is_word(ctx, i + 1, "early") && is_word(ctx, i + 2, "as") => (Dir::Since, i + 3),
        "after" => (Dir::After, i + 1),
        "later" | "greater" if is_word(ctx, i + 1, "than") => (Dir::After, i + 2),
        "year" if is_word(ctx, i + 1, "greater") && is_word(ctx, i + 2, "than") => (Dir::After, i + 3),
        "since" => (Dir::Since, i + 1),
        "starting" | "beginning" => {
            (Dir::Since, if matches!(ctx.low(i + 1), Some("on" | "from" | "in")) { i + 2 } else { i + 1 })
        }
        "by" if ctx.toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Num) => (Dir::Before, i + 1),
        _ => return None,
    };
    // "before the year 2019"
    if is_word(ctx, j, "the") && is_word(ctx, j + 1, "year") && year_at(ctx, j + 2).is_some() {
        j += 2;
    }
    if is_word(ctx, j, "year") && year_at(ctx, j + 1).is_some() {
        j += 1;
    }
    let bare_year = year_at(ctx, j)
        .filter(|_| !ctx.toks.get(j + 1).is_some_and(|t| !t.space_before && t.kind != TokKind::Punct))
        .and_then(|y| Some((j + 1, year_span(y)?)));
    let (e, x) = two_point_span(ctx, j, future).or_else(|| point(ctx, j, future)).or(bare_year)?;
    let v = match dir {
        Dir::Before => When::Until(x.first()),
        Dir::After if x.is_span() => When::From(x.after()?),
        Dir::After | Dir::Since => When::From(x.first()),
    };
    if matches!(x, When::From(_) | When::Until(_)) {
        return None;
    }
    Some((e, v))
}

/// A bare year that "or later" / "and after" follows: "2018 or later", "year 2012 or later".
fn year_or_later(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let j = if is_word(ctx, i, "year") { i + 1 } else { i };
    let y = year_at(ctx, j)?;
    let later = matches!(ctx.low(j + 1), Some("or" | "and"))
        && matches!(ctx.low(j + 2), Some("later" | "after" | "greater" | "earlier" | "before"));
    later.then_some((j + 1, year_span(y)?))
}

/// "2018 or later", "1/1/2016 and after", "3 pm onwards": the start of an open interval.
fn or_later(ctx: &Ctx, e: usize, w: When) -> (usize, When) {
    if matches!(w, When::From(_) | When::Until(_)) {
        return (e, w);
    }
    let joined = matches!(ctx.low(e), Some("or" | "and"));
    let k = if joined { e + 1 } else { e };
    match ctx.low(k) {
        Some("later" | "after" | "greater" | "beyond") if joined && !is_word(ctx, k + 1, "than") => {
            (k + 1, When::From(w.first()))
        }
        Some("onwards" | "onward") => (k + 1, When::From(w.first())),
        Some("earlier" | "before") if joined => match w.after() {
            Some(p) => (k + 1, When::Until(p)),
            None => (e, w),
        },
        _ => (e, w),
    }
}

/// A yearless month and day followed by "of/in" and its year: "July 4th of 1995",
/// "28 June in 2020".
fn day_in_year(ctx: &Ctx, i: usize, e: usize, w: When) -> (usize, When) {
    let named = (i..e).any(|k| ctx.low(k).and_then(month_word).is_some());
    if !named || has_year(ctx, i, e) || !(is_word(ctx, e, "in") || is_word(ctx, e, "of")) {
        return (e, w);
    }
    match year_at(ctx, e + 1).and_then(|y| reyear(w, y)) {
        Some(w2) => (e + 2, w2),
        None => (e, w),
    }
}

/// Shifts a yearless day or month to year `y` ("from may to oct 2020").
fn reyear(w: When, y: i16) -> Option<When> {
    match w {
        When::Day(d) => Some(When::Day(day(y, d.month(), d.day())?)),
        When::Span(a, b) if a.day() == 1 && b == a.checked_add(1.month()).ok()? => month_span(y, a.month()),
        _ => None,
    }
}

/// Whether token `k` is glued to a "-" or "/" before it (part of a code such as "138-2010").
fn glued_before(ctx: &Ctx, k: usize) -> bool {
    k > 0
        && ctx.toks.get(k).is_some_and(|t| !t.space_before)
        && matches!(ctx.tok_text(k - 1), "-" | "/")
        && !ctx.toks[k - 1].space_before
}

/// Whether tokens `a..b` name a year.
fn has_year(ctx: &Ctx, a: usize, b: usize) -> bool {
    (a..b).any(|k| year_at(ctx, k).is_some())
}

/// Two dates joined into a span: "from 10/1/2018 - 10/7/2018", "April 9th
/// through 17th", "between 3 and 12 of Sept", "between Jan 1 and Feb 5",
/// "from this May to Oct 2020", "from 2014 to 2018".
fn two_point_span(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let lead = is_word(ctx, i, "from") || is_word(ctx, i, "between");
    let j = if lead { i + 1 } else { i };
    let x = single(ctx, j, future)
        .filter(|(_, w)| matches!(w, When::Day(_) | When::Span(..)))
        .or_else(|| now_day(ctx, j))
        .or_else(|| year_at(ctx, j).filter(|_| !glued_before(ctx, j)).and_then(|y| Some((j + 1, year_span(y)?))));
    let (xe, bare_x) = match x {
        Some((e, _)) => (e, None),
        None if lead => {
            let (d, e) = day_at(ctx, j)?;
            (e, Some(d))
        }
        None => return None,
    };
    let sep = xe;
    let ok = matches!(ctx.tok_text(sep), "-" | "–" | "—" | "~")
        || matches!(ctx.low(sep), Some("to" | "through" | "thru" | "till" | "until" | "til"))
        || (is_word(ctx, i, "between") && is_word(ctx, sep, "and"));
    if !ok {
        return None;
    }
    let k = sep + 1;
    let y = single(ctx, k, future)
        .filter(|(_, w)| matches!(w, When::Day(_) | When::Span(..)))
        .or_else(|| now_day(ctx, k))
        .or_else(|| {
            year_at(ctx, k)
                .filter(|_| year_at(ctx, j).is_some() && !glued_before(ctx, k + 2))
                .and_then(|y| Some((k + 1, year_span(y)?)))
        });
    let (e, mut xw, yw) = match (x, y) {
        (Some((_, xw)), Some((e, yw))) => {
            // "from may to oct 2020": a yearless first date takes the second's year.
            let xw = if !has_year(ctx, j, xe) && has_year(ctx, k, e) {
                reyear(xw, yw.start().year()).unwrap_or(xw)
            } else {
                xw
            };
            (e, xw, yw)
        }
        (Some((_, When::Day(xd))), None) => {
            // "April 9th through 17th"
            let (d2, e) = day_at(ctx, k)?;
            if month_at(ctx, e).is_some() || d2 <= xd.day() {
                return None;
            }
            (e, When::Day(xd), When::Day(day(xd.year(), xd.month(), d2)?))
        }
        (None, Some((e, When::Day(yd)))) => {
            let d1 = bare_x?;
            if d1 >= yd.day() {
                return None;
            }
            (e, When::Day(day(yd.year(), yd.month(), d1)?), When::Day(yd))
        }
        _ => return None,
    };
    let end = yw.after()?;
    let Point::Day(z) = end else { return None };
    if xw.start() >= z {
        // "from Nov to March": the first month is in the year before.
        xw = reyear(xw, xw.start().year() - 1)?;
        if xw.start() >= z {
            return None;
        }
    }
    Some((e, When::Span(xw.start(), z)))
}

/// "now" as one end of a span of days: the reference day.
fn now_day(ctx: &Ctx, k: usize) -> Option<(usize, When)> {
    is_word(ctx, k, "now").then_some((k + 1, When::Day(ctx.reference?)))
}

/// "2025-03-02".
fn iso_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let y = year_at(ctx, i)?;
    if !(is_punct(ctx, i + 1, "-") && is_punct(ctx, i + 3, "-")) {
        return None;
    }
    let toks = ctx.toks;
    if toks[i + 1].space_before
        || toks.get(i + 2)?.space_before
        || toks.get(i + 3)?.space_before
        || toks.get(i + 4)?.space_before
    {
        return None;
    }
    let m: i8 = ctx.tok_text(i + 2).parse().ok()?;
    let d: i8 = ctx.tok_text(i + 4).parse().ok()?;
    let date = day(y, m, d)?;
    // "2025-03-02T14:30:00": the tokenizer reads "02T14" as digits then a word glued.
    if let Some((h, mi, e)) = iso_time(ctx, i + 5) {
        return Some((e, When::At(at(date, h, mi, 0)?)));
    }
    Some((i + 5, When::Day(date)))
}

/// "T14:30" or "T14:30:00" right after an ISO date.
fn iso_time(ctx: &Ctx, k: usize) -> Option<(i8, i8, usize)> {
    let t = ctx.toks.get(k)?;
    let s = t.text(ctx.text);
    if t.space_before || t.kind != TokKind::Word || !s.starts_with('T') {
        return None;
    }
    // "T14" is a word "T" then digits "14", glued.
    let (hs, mut e) = if s == "T" { (ctx.tok_text(k + 1), k + 2) } else { return None };
    let h: i8 = hs.parse().ok()?;
    if !is_punct(ctx, e, ":") {
        return None;
    }
    let m: i8 = ctx.tok_text(e + 1).parse().ok()?;
    e += 2;
    if is_punct(ctx, e, ":") && ctx.tok_text(e + 1).len() == 2 {
        e += 2;
    }
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some((h, m, e))
}

/// "23.04.2022": day, month and year with dots (one number token).
fn dotted_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let t = ctx.toks.get(i)?;
    if t.kind != TokKind::Num {
        return None;
    }
    let mut parts = t.text(ctx.text).split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (d, m, y): (i8, i8, i16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    Some((i + 1, When::Day(day(y, m, d)?)))
}

/// Which part of a period: "the beginning/middle/end of 2000", "mid-November",
/// "late July", "end of the week", "end of tomorrow". Recognizers' splits:
/// a named year in thirds (Jan–Apr, May–Aug, Sep–Dec), "this year" in halves,
/// a month at the 10th/16th/21st, a week Monday–Thursday and Thursday–Monday.
fn position_in(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Part {
        Start,
        Mid,
        End,
    }
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    let (part, mut k) = match ctx.low(j)? {
        "end" if is_word(ctx, j + 1, "of") => (Part::End, j + 2),
        "beginning" | "start" if is_word(ctx, j + 1, "of") => (Part::Start, j + 2),
        "middle" if is_word(ctx, j + 1, "of") => (Part::Mid, j + 2),
        "early" | "late" | "mid" if j == i => {
            let p = match ctx.low(j)? {
                "early" => Part::Start,
                "late" => Part::End,
                _ => Part::Mid,
            };
            (p, if is_punct(ctx, j + 1, "-") { j + 2 } else { j + 1 })
        }
        _ => return None,
    };
    let r = ctx.reference?;
    let (e, x, named) = if matches!(ctx.low(k), Some("the" | "this"))
        && let Some(unit) = ctx.low(k + 1)
        && let Some(p) = period(r, unit, 0).or_else(|| (unit == "day").then_some(When::Day(r)))
    {
        (k + 2, p, false)
    } else if let Some(unit) = ctx.low(k)
        && let Some(p) = period(r, unit, 0).or_else(|| (unit == "day").then_some(When::Day(r)))
        && j != i
    {
        (k + 1, p, false)
    } else {
        if is_word(ctx, k, "the") && weekday_at(ctx, k + 1).is_some() {
            k += 1;
        }
        let (e, x) = single(ctx, k, future)
            .or_else(|| month_at(ctx, k).and_then(|(m, e)| Some((e, month_span(r.year(), m)?))))?;
        (e, x, has_year(ctx, k, e))
    };
    let w = match x {
        When::Day(d) if part == Part::End => When::At(at(d, 23, 59, 59)?),
        When::Span(a, b) => {
            let days = a.until(b).ok()?.get_days();
            let (p, q) = if days > 300 && named {
                match part {
                    Part::Start => (a, a.checked_add(4.months()).ok()?),
                    Part::Mid => (a.checked_add(4.months()).ok()?, a.checked_add(8.months()).ok()?),
                    Part::End => (a.checked_add(8.months()).ok()?, b),
                }
            } else if days > 300 {
                match part {
                    Part::Start => (a, a.checked_add(6.months()).ok()?),
                    Part::Mid => (a.checked_add(3.months()).ok()?, a.checked_add(9.months()).ok()?),
                    Part::End => (a.checked_add(6.months()).ok()?, b),
                }
            } else if days >= 28 {
                match part {
                    Part::Start => (a, a.checked_add(15.days()).ok()?),
                    Part::Mid => (a.checked_add(9.days()).ok()?, a.checked_add(20.days()).ok()?),
                    Part::End => (a.checked_add(15.days()).ok()?, b),
                }
            } else if days == 7 {
                match part {
                    Part::Start => (a, a.checked_add(3.days()).ok()?),
                    Part::Mid => (a.checked_add(2.days()).ok()?, a.checked_add(5.days()).ok()?),
                    Part::End => (a.checked_add(3.days()).ok()?, b),
                }
            } else {
                return None;
            };
            When::Span(p, q)
        }
        _ => return None,
    };
    Some((e, w))
}

/// "three weeks from tomorrow", "3 days after January 12th", "two weeks before
/// today", "more than 2 weeks after today" (open).
fn offset_from(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let more = matches!(ctx.low(i), Some("more" | "less")) && is_word(ctx, i + 1, "than");
    let j = if more { i + 2 } else { i };
    let n = if is_word(ctx, j, "a") || is_word(ctx, j, "an") {
        (1i64, j + 1)
    } else {
        let n = parse_number(ctx, j)?;
        if n.vague || n.value.fract() != rust_decimal::Decimal::ZERO || n.value > rust_decimal::Decimal::from(1000) {
            return None;
        }
        (n.value.try_into().ok()?, n.end)
    };
    let (count, u) = n;
    let span = unit_span(ctx.low(u)?, count)?;
    let back = match ctx.low(u + 1)? {
        "from" | "after" => false,
        "before" => true,
        // "three weeks later": counted from the reference day.
        "later" if !more => return Some((u + 2, When::Day(ctx.reference?.checked_add(span).ok()?))),
        _ => return None,
    };
    let k = u + 2;
    if matches!(ctx.low(k), Some("now")) {
        let r = ctx.reference?;
        return Some((k + 1, When::Day(r.checked_add(span).ok()?)));
    }
    let (e, d, _) = day_expr(ctx, k, future)?;
    let d = if back { d.checked_sub(span).ok()? } else { d.checked_add(span).ok()? };
    let w = match (more, back) {
        (true, true) => When::Until(Point::Day(d)),
        (true, false) => When::From(Point::Day(d)),
        _ => When::Day(d),
    };
    Some((e, w))
}

/// "3/2/2025" (month first unless the first number is over 12), "2/3/25".
fn slash_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let toks = ctx.toks;
    if toks.get(i)?.kind != TokKind::Num || !is_punct(ctx, i + 1, "/") {
        return None;
    }
    if !is_punct(ctx, i + 3, "/") || toks.get(i + 4).is_none_or(|t| t.space_before || t.kind != TokKind::Num) {
        return month_slash_day(ctx, i);
    }
    if (1..5).any(|k| toks.get(i + k).is_none_or(|t| t.space_before)) {
        return None;
    }
    let a: i8 = ctx.tok_text(i).parse().ok()?;
    let b: i8 = ctx.tok_text(i + 2).parse().ok()?;
    let ys = ctx.tok_text(i + 4);
    let y: i16 = match ys.len() {
        4 => ys.parse().ok()?,
        2 => 2000 + ys.parse::<i16>().ok()?,
        _ => return None,
    };
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    Some((i + 5, When::Day(day(y, m, d)?)))
}

/// "10/1" (month/day, the reference year) where a date is expected: after
/// "on", "from", a weekday, or before "to" / "-" ("from 10/1 to 11/7").
/// "22/04" is read day first. Fractions ("1/4 of") are left alone.
fn month_slash_day(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let toks = ctx.toks;
    if toks.get(i + 1)?.space_before || toks.get(i + 2)?.space_before || toks[i + 2].kind != TokKind::Num {
        return None;
    }
    if ctx.tok_text(i).len() > 2 || ctx.tok_text(i + 2).len() > 2 || is_punct(ctx, i + 3, "/") {
        return None;
    }
    let cue_before = i > 0
        && (ctx.low(i - 1).is_some_and(|p| {
            matches!(
                p,
                "on" | "from" | "to" | "until" | "till" | "by" | "since" | "before" | "after" | "between" | "and"
            ) || weekday_word(p).is_some()
        }) || is_punct(ctx, i - 1, "-"));
    let cue_after = matches!(ctx.tok_text(i + 3), "-" | "–") || matches!(ctx.low(i + 3), Some("to" | "through"));
    if !(cue_before || cue_after) {
        return None;
    }
    let a: i8 = ctx.tok_text(i).parse().ok()?;
    let b: i8 = ctx.tok_text(i + 2).parse().ok()?;
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    let y = ctx.reference?.year();
    Some((i + 3, When::Day(day(y, m, d)?)))
}

/// "Monday, March 3, 2025", "Sunday 2 March": the weekday joins the date.
fn weekday_then_date(ctx: &Ctx, i: usize, _future: bool) -> Option<(usize, When)> {
    weekday_at(ctx, i)?;
    let j = if is_punct(ctx, i + 1, ",") { i + 2 } else { i + 1 };
    day_month(ctx, j).or_else(|| month_day(ctx, j))
}

/// The day number after a weekday: "31", "the 5th", "the eleventh",
/// "the twenty seventh". Returns (day, end).
fn weekday_day_number(ctx: &Ctx, e: usize) -> Option<(i8, usize)> {
    if is_word(ctx, e, "the") {
        return day_at(ctx, e + 1).or_else(|| spelled_day(ctx, e + 1, false));
    }
    // A bare numeral ends the phrase: "on Sunday 5 people died" is no date.
    let (d, end) = day_at(ctx, e)?;
    let suffixed = end > e + 1;
    let word_next = ctx.toks.get(end).is_some_and(|t| t.kind != TokKind::Punct);
    (suffixed || !word_next || matches!(ctx.low(end), Some("at" | "and" | "or"))).then_some((d, end))
}

/// The date with day number `d` falling on weekday `wd`, in the nearest
/// month from the reference's on.
fn day_on_weekday(r: Date, d: i8, wd: Weekday) -> Option<Date> {
    let first = r.first_of_month();
    (0..12i64).find_map(|k| {
        let m = first.checked_add(k.months()).ok()?;
        day(m.year(), m.month(), d).filter(|x| x.weekday() == wd)
    })
}

/// "2 March 2025", "2nd March", "the 2nd of March 2025".
fn day_month(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (d, e) = day_at(ctx, i).or_else(|| spelled_day(ctx, i, true))?;
    let e = if is_word(ctx, e, "of") { e + 1 } else { e };
    let (m, e) = month_at(ctx, e)?;
    let (y, e) = match any_year_at(ctx, e) {
        Some((y, e)) => (y, e),
        None if is_punct(ctx, e, ",") && year_at(ctx, e + 1).is_some() => (year_at(ctx, e + 1)?, e + 2),
        None => (nearest_year(ctx, m, d)?, e),
    };
    Some((e, When::Day(day(y, m, d)?)))
}

/// "March 2, 2025", "March 2nd", "Mar. 2".
fn month_day(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (m, e) = month_at(ctx, i)?;
    let (d, e) = day_at(ctx, e).or_else(|| spelled_day(ctx, e, true))?;
    // "March 2025" is not "March 20" + "25"; a day is followed by a non-digit.
    let (y, e) = if is_punct(ctx, e, ",") && year_at(ctx, e + 1).is_some() {
        (year_at(ctx, e + 1)?, e + 2)
    } else if let Some((y, e)) = any_year_at(ctx, e) {
        (y, e)
    } else {
        (nearest_year(ctx, m, d)?, e)
    };
    Some((e, When::Day(day(y, m, d)?)))
}

/// The year of a day written without one: the reference year.
fn nearest_year(ctx: &Ctx, _m: i8, _d: i8) -> Option<i16> {
    ctx.reference.map(|r| r.year())
}

/// "March 2025", "March of 2025", "in March", "early/mid/late March", "last March".
fn month_year(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let lead = ctx.low(i).map(str::to_string);
    let (start_m, rel) = match lead.as_deref() {
        Some("last" | "next" | "this") => (i + 1, lead.clone()),
        _ => (i, None),
    };
    let (m, e) = month_at(ctx, start_m)?;
    if let Some((y, e)) = any_year_at(ctx, e) {
        return Some((e, month_span(y, m)?));
    }
    if is_word(ctx, e, "of")
        && let Some(y) = year_at(ctx, e + 1)
    {
        return Some((e + 2, month_span(y, m)?));
    }
    let r = ctx.reference?;
    let y = match rel.as_deref() {
        Some("last") => {
            if m < r.month() {
                r.year()
            } else {
                r.year() - 1
            }
        }
        Some("next") => {
            if m > r.month() {
                r.year()
            } else {
                r.year() + 1
            }
        }
        Some(_) => r.year(),
        None => {
            // A bare month needs a preposition before it ("in March", "since May").
            let prev = if i > 0 { ctx.low(i - 1) } else { None };
            if !prev.is_some_and(|p| time_preposition(p) || matches!(p, "end" | "beginning" | "start")) {
                return None;
            }
            // "pledged … in October" is the last October; "will … in October" the next.
            let future = local_tense(ctx, i).unwrap_or(future);
            match (future, m.cmp(&r.month())) {
                (true, std::cmp::Ordering::Less) => r.year() + 1,
                (false, std::cmp::Ordering::Greater) => r.year() - 1,
                _ => r.year(),
            }
        }
    };
    Some((e, month_span(y, m)?))
}

/// "24-25 June 2025", "from 1 to 3 March 2025", "June 24-25, 2025", "between 3 and 5 May".
fn day_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let lead = is_word(ctx, i, "from") || is_word(ctx, i, "between");
    let j = if lead { i + 1 } else { i };
    let is_sep = |k: usize| {
        matches!(ctx.tok_text(k), "-" | "–")
            || (lead && (is_word(ctx, k, "to") || is_word(ctx, k, "and") || is_word(ctx, k, "until")))
    };
    // Day first: "24-25 June 2025"
    if let Some((d1, e1)) = day_at(ctx, j)
        && is_sep(e1)
        && let Some((d2, e2)) = day_at(ctx, e1 + 1)
        && let Some((m, e3)) = month_at(ctx, e2)
        && d2 > d1
    {
        let (y, e) = match year_at(ctx, e3) {
            Some(y) => (y, e3 + 1),
            None => (ctx.reference?.year(), e3),
        };
        let end = day(y, m, d2)?.checked_add(1.day()).ok()?;
        return Some((e, When::Span(day(y, m, d1)?, end)));
    }
    // Month first: "June 24-25, 2025"
    let (m, e0) = month_at(ctx, j)?;
    let (d1, e1) = day_at(ctx, e0)?;
    if !is_sep(e1) {
        return None;
    }
    let (d2, e2) = day_at(ctx, e1 + 1)?;
    if d2 <= d1 {
        return None;
    }
    let (y, e) = if is_punct(ctx, e2, ",") && year_at(ctx, e2 + 1).is_some() {
        (year_at(ctx, e2 + 1)?, e2 + 2)
    } else if let Some(y) = year_at(ctx, e2) {
        (y, e2 + 1)
    } else {
        (ctx.reference?.year(), e2)
    };
    let end = day(y, m, d2)?.checked_add(1.day()).ok()?;
    Some((e, When::Span(day(y, m, d1)?, end)))
}

/// "from January to March", "between March and May 2024", "Jan-Feb 2017",
/// "Dec/2018-May/2019", "May to March" (the last month included).
fn month_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let lead = is_word(ctx, i, "from") || is_word(ctx, i, "between");
    let j = if lead { i + 1 } else { i };
    let (m1, e1) = month_at(ctx, j)?;
    let (y1, e1) = month_year_suffix(ctx, e1);
    let hyphen = matches!(ctx.tok_text(e1), "-" | "–");
    let word_sep = is_word(ctx, e1, "to") || is_word(ctx, e1, "until") || is_word(ctx, e1, "through");
    // Without "from", a span of bare months needs both names capitalised or a hyphen.
    let capital = |k: usize| ctx.tok_text(k).starts_with(|c: char| c.is_ascii_uppercase());
    if !(hyphen || (lead && (word_sep || is_word(ctx, e1, "and"))) || (word_sep && capital(j) && capital(e1 + 1))) {
        return None;
    }
    let (m2, e2) = month_at(ctx, e1 + 1)?;
    let (y2, e) = month_year_suffix(ctx, e2);
    let (y1, y2) = match (y1, y2) {
        (Some(a), Some(b)) => (a, b),
        // "Nov-Feb 2017": the first month is in the year before.
        (None, Some(b)) => (if m1 <= m2 { b } else { b - 1 }, b),
        (Some(a), None) => (a, if m1 <= m2 { a } else { a + 1 }),
        // "May to March": from this year's first month into the next year.
        (None, None) => {
            let r = ctx.reference?.year();
            (r, if m1 <= m2 { r } else { r + 1 })
        }
    };
    let When::Span(_, end) = month_span(y2, m2)? else { return None };
    let start = day(y1, m1, 1)?;
    (start < end).then_some((e, When::Span(start, end)))
}

/// An optional year after a month: "2017", "/2018": (year, end).
fn month_year_suffix(ctx: &Ctx, e: usize) -> (Option<i16>, usize) {
    if let Some(y) = year_at(ctx, e) {
        return (Some(y), e + 1);
    }
    if ctx.tok_text(e) == "/"
        && ctx.toks.get(e + 1).is_some_and(|t| !t.space_before)
        && let Some(y) = year_at(ctx, e + 1)
    {
        return (Some(y), e + 2);
    }
    (None, e)
}

/// "the third quarter of 2024", "the first half of 2025", "H2 2024".
fn the_period(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    if is_word(ctx, i, "the") {
        return fiscal_or_quarter(ctx, i + 1).filter(|_| !is_word(ctx, i + 1, "fiscal") && ctx.tok_text(i + 1) != "FY");
    }
    // H1 / H2
    let t = ctx.toks.get(i)?;
    if t.text(ctx.text) != "H" {
        return None;
    }
    let n = ctx.toks.get(i + 1)?;
    if n.space_before {
        return None;
    }
    let h: i8 = n.text(ctx.text).parse().ok()?;
    let y = year_at(ctx, i + 2)?;
    if !(1..=2).contains(&h) {
        return None;
    }
    let a = day(y, if h == 1 { 1 } else { 7 }, 1)?;
    Some((i + 3, When::Span(a, a.checked_add(6.months()).ok()?)))
}

/// "the 1990s", "1990s".
fn decade(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    let y = year_at(ctx, j)?;
    // "1990s", also written "1990 s".
    if y % 10 != 0 || ctx.tok_text(j + 1) != "s" {
        return None;
    }
    Some((j + 2, When::Span(day(y, 1, 1)?, day(y + 10, 1, 1)?)))
}

/// "FY2025", "FY 2025", "FY25", "fiscal year 2025" (US federal: October to
/// September), "Q3 2024", "the third quarter of 2024".
fn fiscal_or_quarter(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let t = ctx.toks.get(i)?;
    let s = t.text(ctx.text);
    let fiscal = |y: i16, e: usize| Some((e, When::Span(day(y - 1, 10, 1)?, day(y, 10, 1)?)));
    if s == "FY" {
        let n = ctx.toks.get(i + 1)?;
        if n.kind != TokKind::Num {
            return None;
        }
        let ns = n.text(ctx.text);
        let y: i16 = match ns.len() {
            4 => ns.parse().ok()?,
            2 => 2000 + ns.parse::<i16>().ok()?,
            _ => return None,
        };
        return fiscal(y, i + 2);
    }
    if is_word(ctx, i, "fiscal")
        && is_word(ctx, i + 1, "year")
        && let Some(y) = year_at(ctx, i + 2)
    {
        return fiscal(y, i + 3);
    }
    // Q3 2024
    if (s == "Q" || s == "q")
        && let Some(n) = ctx.toks.get(i + 1)
        && !n.space_before
    {
        let q: i8 = n.text(ctx.text).parse().ok()?;
        let y = year_at(ctx, i + 2).or_else(|| ctx.reference.map(|r| r.year()))?;
        let e = if year_at(ctx, i + 2).is_some() { i + 3 } else { i + 2 };
        return quarter(y, q).map(|w| (e, w));
    }
    // "2017 Q1", "2017-q1", "2019 H2"
    if let Some(y) = year_at(ctx, i) {
        let k = if is_punct(ctx, i + 1, "-") { i + 2 } else { i + 1 };
        let n = ctx.toks.get(k + 1)?;
        if n.space_before || n.kind != TokKind::Num {
            return None;
        }
        let v: i8 = n.text(ctx.text).parse().ok()?;
        return match ctx.low(k)? {
            "q" => quarter(y, v).map(|w| (k + 2, w)),
            "h" if (1..=2).contains(&v) => {
                let a = day(y, if v == 1 { 1 } else { 7 }, 1)?;
                Some((k + 2, When::Span(a, a.checked_add(6.months()).ok()?)))
            }
            _ => None,
        };
    }
    // "the third quarter of 2024", "first half of 2025"
    let ord = match ctx.low(i)? {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => return None,
    };
    let unit = ctx.low(i + 1)?;
    if !is_word(ctx, i + 2, "of") {
        return None;
    }
    let y = year_at(ctx, i + 3)?;
    match unit {
        "quarter" => quarter(y, ord).map(|w| (i + 4, w)),
        "half" if ord <= 2 => {
            let a = day(y, if ord == 1 { 1 } else { 7 }, 1)?;
            Some((i + 4, When::Span(a, a.checked_add(6.months()).ok()?)))
        }
        _ => None,
    }
}

fn quarter(y: i16, q: i8) -> Option<When> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let a = day(y, (q - 1) * 3 + 1, 1)?;
    Some(When::Span(a, a.checked_add(3.months()).ok()?))
}

/// "2024-2027", "2024–27", "from 2025 to 2027", "between 2025 and 2027", "2025 through 2027".
fn year_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (j, lead) = if is_word(ctx, i, "from") || is_word(ctx, i, "between") { (i + 1, true) } else { (i, false) };
    let y1 = year_at(ctx, j)?;
    let sep = ctx.tok_text(j + 1);
    let ok_sep = matches!(sep, "-" | "–" | "—" | "/" | "~")
        || (lead
            && (sep.eq_ignore_ascii_case("to")
                || sep.eq_ignore_ascii_case("and")
                || sep.eq_ignore_ascii_case("until")))
        || sep.eq_ignore_ascii_case("through");
    if !ok_sep {
        return None;
    }
    let t2 = ctx.toks.get(j + 2)?;
    let s2 = t2.text(ctx.text);
    let y2: i16 = match (t2.kind, s2.len()) {
        (TokKind::Num, 4) => s2.parse().ok()?,
        (TokKind::Num, 2) => (y1 / 100) * 100 + s2.parse::<i16>().ok()?,
        _ => return None,
    };
    if y2 <= y1 || y2 > 2099 || (s2.len() == 2 && y2 - y1 > 10) {
        return None;
    }
    // Part of a longer code: "138-2010-2015", "September-2020-23".
    let glued = |k: usize| ctx.toks.get(k).is_some_and(|t| matches!(t.text(ctx.text), "-" | "/") && !t.space_before);
    if (j > 0 && glued(j - 1) && !ctx.toks[j].space_before) || glued(j + 3) {
        return None;
    }
    // "2024/25" is a fiscal/academic year; keep it as the two calendar years.
    Some((j + 3, When::Span(day(y1, 1, 1)?, day(y2 + 1, 1, 1)?)))
}

/// A bare year with a cue before it ("in 2025", "since 2022", "the year 2025").
fn plain_year(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let Some(y) = year_at(ctx, i) else { return spelled_plain_year(ctx, i) };
    if ctx.toks.get(i + 1).is_some_and(|t| !t.space_before && t.kind == TokKind::Word) {
        return None;
    }
    let prev = if i > 0 { ctx.low(i - 1) } else { None };
    let cue = prev.is_some_and(|p| {
        time_preposition(p)
            || matches!(p, "throughout" | "year" | "of" | "for" | "to" | "and" | "the" | "its" | "their")
    }) || (i > 0 && ctx.tok_text(i - 1) == "-" && i > 1 && is_word(ctx, i - 2, "mid"));
    if !cue {
        return None;
    }
    Some((i + 1, year_span(y)?))
}

/// Words that put a bare month or year in time: "in March", "since 2022", "early 2025".
fn time_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "through"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
    )
}

/// Relative expressions: today, yesterday, on Sunday, last week, N days ago,
/// over five years, by the end of the year, on the 2nd, earlier this year.
fn relative(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let w = ctx.low(i)?;
    let add = |n: i64| r.checked_add(n.days()).ok();
    let simple = match w {
        "today" => Some((i + 1, When::Day(r))),
        "yesterday" => Some((i + 1, When::Day(add(-1)?))),
        "tomorrow" => Some((i + 1, When::Day(add(1)?))),
        _ => None,
    };
    if let Some((e, when)) = simple {
        return Some(with_day_in_brackets(ctx, e, when));
    }
    // "the day before yesterday", "the day after tomorrow"
    if w == "the" && is_word(ctx, i + 1, "day") {
        if is_word(ctx, i + 2, "before") && is_word(ctx, i + 3, "yesterday") {
            return Some((i + 4, When::Day(add(-2)?)));
        }
        if is_word(ctx, i + 2, "after") && is_word(ctx, i + 3, "tomorrow") {
            return Some((i + 4, When::Day(add(2)?)));
        }
    }
    // Weekdays: "Sunday", "on Sunday", "last Friday", "next Monday", "this Friday".
    let (wd_at, dir) = match w {
        // "past Wednesday", "this past Wednesday": the most recent one.
        "past" => (i + 1, Some(-2)),
        "this" if is_word(ctx, i + 1, "past") => (i + 2, Some(-2)),
        "last" | "previous" => (i + 1, Some(-1)),
        "next" | "coming" | "following" => (i + 1, Some(1)),
        "this" => (i + 1, Some(0)),
        _ => (i, None),
    };
    if let Some(wd) = weekday_at(ctx, wd_at) {
        let future = local_tense(ctx, i).unwrap_or(future);
        let back = (r.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7) as i64;
        let fwd = (wd.to_monday_zero_offset() - r.weekday().to_monday_zero_offset()).rem_euclid(7) as i64;
        // "next Friday" is the Friday of next week, "last Friday" of last week (Recognizers' reading).
        let in_week = |k: i64| {
            let monday = r.checked_sub((r.weekday().to_monday_zero_offset() as i64).days()).ok()?;
            monday.checked_add((7 * k + wd.to_monday_zero_offset() as i64).days()).ok()
        };
        let d = match dir {
            Some(-2) => add(if back == 0 { -7 } else { -back })?,
            Some(-1) => in_week(-1)?,
            Some(1) => in_week(1)?,
            Some(_) => in_week(0)?,
            None if future => add(fwd)?,
            None => add(-back)?,
        };
        // "Monday of next week", "Tuesday of the following week"
        let mut e = wd_at + 1;
        let mut d = d;
        if dir.is_none() && is_word(ctx, e, "of") {
            let k = if is_word(ctx, e + 1, "the") { e + 2 } else { e + 1 };
            let shift = match ctx.low(k) {
                Some("next" | "following" | "coming") => Some(1),
                Some("last" | "previous" | "past") => Some(-1),
                Some("this") => Some(0),
                _ => None,
            };
            if let Some(sh) = shift
                && is_word(ctx, k + 1, "week")
            {
                d = in_week(sh)?;
                e = k + 2;
            }
        }
        // "Monday 21", "Tuesday the eleventh": the weekday's day number.
        if let Some((dn, e2)) = weekday_day_number(ctx, e)
            && month_at(ctx, e2).is_none()
            && !is_punct(ctx, e2, "/")
            && !is_punct(ctx, e2, "-")
            && !is_punct(ctx, e2, ":")
            && !(is_punct(ctx, e2, ".") && ctx.toks.get(e2 + 1).is_some_and(|t| t.kind == TokKind::Num))
            && let Some(x) = day_on_weekday(r, dn, wd)
        {
            return Some((e2, When::Day(x)));
        }
        return Some(with_day_in_brackets(ctx, e, When::Day(d)));
    }
    // "next week Monday", "next week on Tuesday": a weekday of that week.
    if let Some(k) = match w {
        "this" => Some(0i64),
        "last" | "previous" => Some(-1),
        "next" | "following" => Some(1),
        _ => None,
    } && is_word(ctx, i + 1, "week")
    {
        let j = if is_word(ctx, i + 2, "on") { i + 3 } else { i + 2 };
        if let Some(wd) = ctx.low(j).and_then(weekday_word).map(|x| x.0) {
            let monday = r.checked_sub((r.weekday().to_monday_zero_offset() as i64).days()).ok()?;
            let d = monday.checked_add((7 * k + wd.to_monday_zero_offset() as i64).days()).ok()?;
            return Some((j + 1, When::Day(d)));
        }
    }
    // "this week", "last month", "next year"
    let shift = match w {
        "this" | "current" => Some(0i64),
        "last" | "past" | "previous" => Some(-1),
        "next" | "coming" | "following" => Some(1),
        _ => None,
    };
    if let Some(p) = shift.and_then(|k| period(r, ctx.low(i + 1)?, k)) {
        return Some((i + 2, p));
    }
    // "earlier this year", "later this month"
    if matches!(w, "earlier" | "later") && is_word(ctx, i + 1, "this") {
        let unit = ctx.low(i + 2)?;
        let When::Span(a, z) = period(r, unit, 0)? else { return None };
        let span = earlier_later(w == "earlier", r, unit, a, z)?;
        return Some((i + 3, span));
    }
    // "by the end of the year/month/week", "the end of the year"
    let (j, by) = if w == "by" { (i + 1, true) } else { (i, false) };
    if is_word(ctx, j, "the") && is_word(ctx, j + 1, "end") && is_word(ctx, j + 2, "of") {
        let k = if is_word(ctx, j + 3, "the") || is_word(ctx, j + 3, "this") { j + 4 } else { j + 3 };
        if let Some(unit) = ctx.low(k)
            && let Some(When::Span(_, z)) = period(r, unit, 0)
        {
            if !by || z <= r {
                return None;
            }
            return Some((k + 1, When::Span(r, z)));
        }
        if let Some(y) = year_at(ctx, j + 3)
            && by
            && day(y + 1, 1, 1)? > r
        {
            return Some((j + 4, When::Span(r, day(y + 1, 1, 1)?)));
        }
        return None;
    }
    // "(on) the 2nd": the day of the reference month.
    if w == "the"
        && i > 0
        && is_word(ctx, i - 1, "on")
        && let Some((d, e)) = day_at(ctx, i + 1)
        && e == i + 3
        && month_at(ctx, e).is_none()
        && !is_word(ctx, e, "of")
    {
        return Some((e, When::Day(day(r.year(), r.month(), d)?)));
    }
    // "two days ago", "in three weeks", "over five years", "over the next three years", "within two years"
    number_of_units(ctx, i, r)
}

/// The tense of the verb just before a date ("said on Tuesday" is past even in
/// a sentence that also says "will").
fn local_tense(ctx: &Ctx, i: usize) -> Option<bool> {
    for k in (i.saturating_sub(4)..i).rev() {
        let Some(w) = ctx.low(k) else { continue };
        match w {
            "will" | "shall" | "ll" | "due" | "scheduled" | "expected" | "until" => return Some(true),
            "said" | "told" | "announced" | "was" | "were" | "met" | "visited" | "signed" | "confirmed" | "agreed"
            | "approved" | "had" | "did" | "wrote" | "spoke" | "made" | "took" | "held" | "gave" | "sent"
            | "unveiled" | "pledged" | "added" | "stated" | "declared" => return Some(false),
            w if w.len() > 4 && w.ends_with("ed") => return Some(false),
            _ => {}
        }
    }
    None
}

/// "(2nd)" after today/a weekday: confirms or fixes the day of the month.
fn with_day_in_brackets(ctx: &Ctx, e: usize, when: When) -> (usize, When) {
    if is_punct(ctx, e, "(")
        && let Some((d, e2)) = day_at(ctx, e + 1)
        && e2 == e + 3
        && is_punct(ctx, e2, ")")
    {
        let base = when.start();
        let fixed = if base.day() == d {
            base
        } else {
            // The nearest such day to the guess, in its month or the one before.
            day(base.year(), base.month(), d)
                .filter(|x| *x <= base)
                .or_else(|| base.first_of_month().checked_sub(1.day()).ok().and_then(|p| day(p.year(), p.month(), d)))
                .unwrap_or(base)
        };
        return (e2 + 1, When::Day(fixed));
    }
    (e, when)
}

/// "earlier/later this X" split at the middle of the period: the first half up to
/// today, or from the middle (or today, if later) to the end.
fn earlier_later(earlier: bool, r: Date, unit: &str, a: Date, z: Date) -> Option<When> {
    let mid = period_middle(unit, a).unwrap_or(r);
    if earlier {
        let end = if r > a { r.min(mid) } else { mid };
        return Some(When::Span(a, end));
    }
    let start = r.max(mid);
    (start < z).then_some(When::Span(start, z))
}

/// Where the later half of a period starts: Thursday, the 16th, or July 1st.
fn period_middle(unit: &str, a: Date) -> Option<Date> {
    match unit {
        "week" => a.checked_add(3.days()).ok(),
        "month" => day(a.year(), a.month(), 16),
        "year" => day(a.year(), 7, 1),
        _ => None,
    }
}

/// The week (Monday-start), month or year containing `r`, moved by `k` units.
fn period(r: Date, unit: &str, k: i64) -> Option<When> {
    match unit {
        "week" => {
            let monday = r.checked_sub((r.weekday().to_monday_zero_offset() as i64).days()).ok()?;
            let a = monday.checked_add((7 * k).days()).ok()?;
            Some(When::Span(a, a.checked_add(7.days()).ok()?))
        }
        "month" => {
            let a = r.first_of_month().checked_add(k.months()).ok()?;
            Some(When::Span(a, a.checked_add(1.month()).ok()?))
        }
        "year" => {
            let y = r.year().checked_add(k as i16)?;
            year_span(y)
        }
        "quarter" => {
            let q = (r.month() - 1) / 3;
            let a = day(r.year(), q * 3 + 1, 1)?.checked_add((3 * k).months()).ok()?;
            Some(When::Span(a, a.checked_add(3.months()).ok()?))
        }
        "weekend" => {
            // "next weekend" is the weekend of next week (Recognizers' reading).
            let sat = monday_of(r)?.checked_add((5 + 7 * k).days()).ok()?;
            Some(When::Span(sat, sat.checked_add(2.days()).ok()?))
        }
        _ => None,
    }
}

/// "two days ago", "in three weeks", "over five years", "over the next three years".
fn number_of_units(ctx: &Ctx, i: usize, r: Date) -> Option<(usize, When)> {
    let w = ctx.low(i).unwrap_or("");
    // "next 3 days", "(the) next five days": from tomorrow on.
    let nj = i;
    if matches!(ctx.low(nj), Some("next" | "upcoming" | "following" | "coming"))
        && let Some(n) = parse_number(ctx, nj + 1)
        && !n.vague
        && n.value.fract() == rust_decimal::Decimal::ZERO
        && n.value <= rust_decimal::Decimal::from(100)
    {
        let count: i64 = n.value.try_into().ok()?;
        let start = r.checked_add(1.day()).ok()?;
        let end = match ctx.low(n.end)? {
            "day" | "days" => start.checked_add(count.days()).ok()?,
            "week" | "weeks" => start.checked_add((7 * count).days()).ok()?,
            "month" | "months" => start.checked_add(count.months()).ok()?,
            "year" | "years" => start.checked_add(count.years()).ok()?,
            _ => return None,
        };
        return Some((n.end + 1, When::Span(start, end)));
    }
    let lead = matches!(w, "in" | "over" | "within" | "for");
    let mut j = if lead { i + 1 } else { i };
    if lead
        && is_word(ctx, j, "the")
        && (is_word(ctx, j + 1, "next")
            || is_word(ctx, j + 1, "coming")
            || is_word(ctx, j + 1, "past")
            || is_word(ctx, j + 1, "last"))
    {
        j += 2;
    }
    let past = lead && (is_word(ctx, j - 1, "past") || is_word(ctx, j - 1, "last"));
    // "a year ago", "a week ago": the article counts one.
    let n = if is_word(ctx, j, "a") || is_word(ctx, j, "an") {
        crate::mentions::number::Num {
            value: rust_decimal::Decimal::ONE,
            upper: None,
            start: j,
            end: j + 1,
            scaled: false,
            scale: rust_decimal::Decimal::ONE,
            words: true,
            vague: false,
        }
    } else {
        parse_number(ctx, j)?
    };
    if n.vague || n.value.fract() != rust_decimal::Decimal::ZERO || n.value > rust_decimal::Decimal::from(100) {
        return None;
    }
    let count: i64 = n.value.try_into().ok()?;
    let unit = ctx.low(n.end)?;
    let span = match unit {
        "day" | "days" => count.days(),
        "week" | "weeks" => (7 * count).days(),
        "month" | "months" => count.months(),
        "year" | "years" => count.years(),
        _ => return None,
    };
    let e = n.end + 1;
    if is_word(ctx, e, "ago") {
        return Some((e + 1, When::Day(r.checked_sub(span).ok()?)));
    }
    // "three days from now", "two weeks from today", "a month hence"
    if is_word(ctx, e, "from") && (is_word(ctx, e + 1, "now") || is_word(ctx, e + 1, "today")) {
        return Some((e + 2, When::Day(r.checked_add(span).ok()?)));
    }
    if is_word(ctx, e, "hence") {
        return Some((e + 1, When::Day(r.checked_add(span).ok()?)));
    }
    if !lead {
        return None;
    }
    match w {
        "in" if !past => Some((e, When::Day(r.checked_add(span).ok()?))),
        _ if past => Some((e, When::Span(r.checked_sub(span).ok()?, r))),
        "over" | "within" | "for" => Some((e, When::Span(r, r.checked_add(span).ok()?))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::mentions::{MentionKind, find_all};

    fn dates(s: &str, r: &str) -> Vec<(String, String)> {
        find_all(s, Some(r.parse().unwrap()))
            .into_iter()
            .filter(|m| m.kind == MentionKind::Date)
            .map(|m| (m.text, serde_json::to_string(&m.value).unwrap().trim_matches('"').to_string()))
            .collect()
    }

    #[test]
    fn table() {
        let r = "2025-03-05"; // a Wednesday
        let cases: &[(&str, &str, &str)] = &[
            ("signed on 2 March 2025.", "2 March 2025", "2025-03-02"),
            ("signed on March 2, 2025.", "March 2, 2025", "2025-03-02"),
            ("signed 2025-03-02.", "2025-03-02", "2025-03-02"),
            ("in March 2025 they", "March 2025", "2025-03-01/2025-04-01"),
            ("in 2025 they", "2025", "2025-01-01/2026-01-01"),
            ("FY2025 budget", "FY2025", "2024-10-01/2025-10-01"),
            ("in Q3 2024", "Q3 2024", "2024-07-01/2024-10-01"),
            ("he said today.", "today", "2025-03-05"),
            ("he said yesterday.", "yesterday", "2025-03-04"),
            ("announced on Sunday.", "Sunday", "2025-03-02"),
            ("they will meet on Friday.", "Friday", "2025-03-07"),
            ("it fell last week.", "last week", "2025-02-24/2025-03-03"),
            ("due next month.", "next month", "2025-04-01/2025-05-01"),
            ("as announced earlier this year", "earlier this year", "2025-01-01/2025-03-05"),
            ("announced today (5th).", "today (5th)", "2025-03-05"),
            ("for 2024-2027", "2024-2027", "2024-01-01/2028-01-01"),
            ("from 2025 to 2027", "from 2025 to 2027", "2025-01-01/2028-01-01"),
            ("paid over five years", "over five years", "2025-03-05/2030-03-05"),
            ("by the end of the year", "by the end of the year", "2025-03-05/2026-01-01"),
            ("two days ago", "two days ago", "2025-03-03"),
            ("tomorrow at 5pm", "tomorrow at 5pm", "2025-03-06T17:00:00"),
            ("at 9:30 a.m. on Monday", "9:30 a.m. on Monday", "2025-03-03T09:30:00"),
            ("Monday, March 3, 2025", "Monday, March 3, 2025", "2025-03-03"),
            ("the 2nd of March 2025", "2nd of March 2025", "2025-03-02"),
        ];
        for (input, text, value) in cases {
            let got = dates(input, r);
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (*text, *value), "{input}");
        }
    }

    #[test]
    fn with_time_of_day() {
        let r: jiff::civil::Date = "2025-03-05".parse().unwrap();
        let t: jiff::civil::Time = "14:30:00".parse().unwrap();
        let cases: &[(&str, &str, &str)] = &[
            ("The minister is speaking now.", "now", "2025-03-05T14:30:00"),
            ("The vote opens in 5 minutes.", "in 5 minutes", "2025-03-05T14:35:00"),
            ("Talks resumed half an hour ago.", "half an hour ago", "2025-03-05T14:00:00"),
            (
                "Results are due within the next hour.",
                "within the next hour",
                "2025-03-05T14:30:00/2025-03-05T15:30:00",
            ),
            ("Polls close 2 hours later.", "2 hours later", "2025-03-05T16:30:00"),
        ];
        for (input, text, value) in cases {
            let got: Vec<_> = crate::mentions::find_all_at(input, Some(r), Some(t))
                .into_iter()
                .filter(|m| m.kind == MentionKind::Date)
                .map(|m| (m.text, serde_json::to_string(&m.value).unwrap().trim_matches('"').to_string()))
                .collect();
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (*text, *value), "{input}");
        }
        // Without a time of day, "now" is no date.
        assert!(dates("The minister is speaking now.", "2025-03-05").is_empty());
    }

    #[test]
    fn not_dates() {
        for s in ["F-16 jets", "5,000 missiles", "Section 2024(b)", "we may march", "2025 missiles were sent"] {
            assert!(dates(s, "2025-03-05").is_empty(), "{s}: {:?}", dates(s, "2025-03-05"));
        }
    }
}

/// The Monday that starts the week of `d`.
fn monday_of(d: Date) -> Option<Date> {
    d.checked_sub((d.weekday().to_monday_zero_offset() as i64).days()).ok()
}

/// The seven days from Monday `m`.
fn week_from(m: Date) -> Option<When> {
    Some(When::Span(m, m.checked_add(7.days()).ok()?))
}

/// The `n`th week (negative: from the end) of `a..b`, counted as Recognizers
/// and ISO do: a week belongs to the period holding its Thursday.
fn nth_week(a: Date, b: Date, n: i8) -> Option<When> {
    let m = if n > 0 {
        let thu = a.checked_add(((3 - a.weekday().to_monday_zero_offset() as i64).rem_euclid(7)).days()).ok()?;
        thu.checked_sub(3.days()).ok()?.checked_add((7 * (n as i64 - 1)).days()).ok()?
    } else {
        let last = b.checked_sub(1.day()).ok()?;
        let thu = last.checked_sub(((last.weekday().to_monday_zero_offset() as i64 - 3).rem_euclid(7)).days()).ok()?;
        thu.checked_sub(3.days()).ok()?.checked_sub((7 * (-n as i64 - 1)).days()).ok()?
    };
    week_from(m)
}

/// "first" … "fifth", "1st" … "5th", "last": which week of a period.
fn week_ordinal(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
    let n = match ctx.low(k).unwrap_or("") {
        "last" | "final" => -1,
        w => match ordinal_day(w) {
            Some(n) => n,
            None => day_at(ctx, k).filter(|(_, e)| *e == k + 2).map(|(d, _)| d)?,
        },
    };
    let e = if ctx.toks.get(k)?.kind == TokKind::Num { k + 2 } else { k + 1 };
    (n != 0 && n <= 5).then_some((n, e))
}

/// The period a week is counted in: "May", "May 2019", "2016", "next month".
fn week_container(ctx: &Ctx, k: usize, future: bool) -> Option<(usize, Date, Date)> {
    let r = ctx.reference?;
    if let Some((m, e)) = month_at(ctx, k) {
        let (y, e) = match year_at(ctx, e) {
            Some(y) => (y, e + 1),
            None => (r.year(), e),
        };
        let When::Span(a, b) = month_span(y, m)? else { return None };
        return Some((e, a, b));
    }
    match single(ctx, k, future)? {
        (e, When::Span(a, b)) if a.until(b).ok()?.get_days() >= 28 => Some((e, a, b)),
        _ => None,
    }
}

/// Week periods: "week 10", "the first week of May", "the last week of 2016",
/// "the week of April 10th", "the weekend".
fn week_period(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let j = if matches!(ctx.low(i), Some("the" | "that")) { i + 1 } else { i };
    match ctx.low(j).unwrap_or("") {
        "week" => {
            if let Some(t) = ctx.toks.get(j + 1)
                && t.kind == TokKind::Num
                && let Ok(n) = ctx.tok_text(j + 1).parse::<i8>()
                && (1..=53).contains(&n)
                && !is_punct(ctx, j + 2, "/")
            {
                let jan4 = day(r.year(), 1, 4)?;
                return Some((j + 2, week_from(monday_of(jan4)?.checked_add((7 * (n as i64 - 1)).days()).ok()?)?));
            }
            // "the week beginning February 4", "the week starting on Monday"
            if j > i && matches!(ctx.low(j + 1), Some("beginning" | "starting" | "commencing")) {
                let k = if is_word(ctx, j + 2, "on") { j + 3 } else { j + 2 };
                let (e, When::Day(d)) = single(ctx, k, future)? else { return None };
                return Some((e, When::Span(d, d.checked_add(7.days()).ok()?)));
            }
            if j > i && is_word(ctx, j + 1, "of") {
                let k = j + 2;
                let (e, d) = match single(ctx, k, future) {
                    Some((e, When::Day(d))) => (e, d),
                    _ if is_word(ctx, k, "the") && month_at(ctx, k + 2).is_none() => {
                        let (dn, e) = day_at(ctx, k + 1)?;
                        (e, day(r.year(), r.month(), dn)?)
                    }
                    _ => return None,
                };
                return Some((e, week_from(monday_of(d)?)?));
            }
            None
        }
        // "w/c 4 February": the week commencing.
        "w" if is_punct(ctx, j + 1, "/") && is_word(ctx, j + 2, "c") => {
            let (e, When::Day(d)) = single(ctx, j + 3, future)? else { return None };
            Some((e, When::Span(d, d.checked_add(7.days()).ok()?)))
        }
        "weekend" if j > i || i == 0 || !is_word(ctx, i - 1, "every") => {
            // "that weekend" is this week's; "the weekend" in a past sentence the last one.
            let past = !is_word(ctx, i, "that") && local_tense(ctx, i) == Some(false) && !future;
            let sat = monday_of(r)?.checked_add(5.days()).ok()?;
            let sat = if past && sat > r { sat.checked_sub(7.days()).ok()? } else { sat };
            Some((j + 1, When::Span(sat, sat.checked_add(2.days()).ok()?)))
        }
        _ => {
            let (n, e) = week_ordinal(ctx, j)?;
            if !is_word(ctx, e, "week") || !is_word(ctx, e + 1, "of") {
                return None;
            }
            let (end, a, b) = week_container(ctx, e + 2, future)?;
            Some((end, nth_week(a, b, n)?))
        }
    }
}

/// "the next 4 business days", "the previous 3 working days": whole days,
/// skipping weekends, from tomorrow or back to yesterday.
fn business_days(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    let dir: i64 = match ctx.low(j)? {
        "next" | "coming" | "following" => 1,
        "previous" | "last" | "past" => -1,
        _ => return None,
    };
    let n = parse_number(ctx, j + 1)?;
    let count: i64 = n.value.try_into().ok()?;
    let k = n.end;
    if !matches!(ctx.low(k), Some("business" | "working" | "work")) || !matches!(ctx.low(k + 1), Some("days" | "day")) {
        return None;
    }
    if !(1..=60).contains(&count) {
        return None;
    }
    let (mut d, mut left) = (r, count);
    while left > 0 {
        d = d.checked_add(dir.days()).ok()?;
        if d.weekday().to_monday_zero_offset() < 5 {
            left -= 1;
        }
    }
    let w =
        if dir > 0 { When::Span(r.checked_add(1.day()).ok()?, d.checked_add(1.day()).ok()?) } else { When::Span(d, r) };
    Some((k + 2, w))
}

/// Easter Sunday (the anonymous Gregorian computus).
fn easter(y: i16) -> Option<Date> {
    let y = y as i32;
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (j, k) = (c / 4, c % 4);
    let m = (a + 11 * h) / 319;
    let l = (2 * e + 2 * j - k - h + m + 32) % 7;
    let month = (h - m + l + 90) / 25;
    let dom = (h - m + l + month + 19) % 32;
    day(y as i16, month as i8, dom as i8)
}

/// The `n`th weekday `wd` of a month (negative: from the end).
fn nth_weekday(y: i16, m: i8, wd: Weekday, n: i8) -> Option<Date> {
    let first = day(y, m, 1)?;
    first.nth_weekday_of_month(n, wd).ok()
}

/// A holiday's date in year `y`.
#[derive(Clone, Copy)]
enum Holiday {
    Fixed(i8, i8),
    Nth(i8, Weekday, i8),
    Easter(i8),
    /// The day after Thanksgiving.
    BlackFriday,
}

impl Holiday {
    fn on(self, y: i16) -> Option<Date> {
        match self {
            Holiday::Fixed(m, d) => day(y, m, d),
            Holiday::Nth(m, wd, n) => nth_weekday(y, m, wd, n),
            Holiday::Easter(shift) => easter(y)?.checked_add((shift as i64).days()).ok(),
            Holiday::BlackFriday => nth_weekday(y, 11, Weekday::Thursday, 4)?.checked_add(1.day()).ok(),
        }
    }
}

/// Skips "'s" after a word ("New Year's", "Valentine's").
fn skip_s(ctx: &Ctx, k: usize) -> usize {
    if (is_punct(ctx, k, "'") || is_punct(ctx, k, "’")) && is_word(ctx, k + 1, "s") { k + 2 } else { k }
}

/// A holiday name at `k` (US and common English usage): (holiday, end).
fn holiday_at(ctx: &Ctx, k: usize) -> Option<(Holiday, usize)> {
    let w = ctx.low(k)?;
    let day_after = |e: usize| is_word(ctx, skip_s(ctx, e), "day").then(|| skip_s(ctx, e) + 1);
    let eve_or_day = |e: usize| {
        let e = skip_s(ctx, e);
        match ctx.low(e) {
            Some("day") => Some((false, e + 1)),
            Some("eve") => Some((true, e + 1)),
            _ => None,
        }
    };
    let hit = match w {
        "christmas" | "xmas" => match ctx.low(k + 1) {
            Some("eve") => (Holiday::Fixed(12, 24), k + 2),
            Some("day") => (Holiday::Fixed(12, 25), k + 2),
            _ => (Holiday::Fixed(12, 25), k + 1),
        },
        "new" if is_word(ctx, k + 1, "year") || is_word(ctx, k + 1, "years") => match eve_or_day(k + 2)? {
            (true, e) => (Holiday::Fixed(12, 31), e),
            (false, e) => (Holiday::Fixed(1, 1), e),
        },
        "independence" => (Holiday::Fixed(7, 4), day_after(k + 1)?),
        "halloween" => (Holiday::Fixed(10, 31), k + 1),
        "valentine" | "valentines" => (Holiday::Fixed(2, 14), day_after(k + 1)?),
        "boxing" => (Holiday::Fixed(12, 26), day_after(k + 1)?),
        "veterans" => (Holiday::Fixed(11, 11), day_after(k + 1)?),
        "earth" => (Holiday::Fixed(4, 22), day_after(k + 1)?),
        "juneteenth" => (Holiday::Fixed(6, 19), k + 1),
        "thanksgiving" => (Holiday::Nth(11, Weekday::Thursday, 4), day_after(k + 1).unwrap_or(k + 1)),
        "labor" | "labour" => (Holiday::Nth(9, Weekday::Monday, 1), day_after(k + 1)?),
        "memorial" => (Holiday::Nth(5, Weekday::Monday, -1), day_after(k + 1)?),
        "mother" | "mothers" => (Holiday::Nth(5, Weekday::Sunday, 2), day_after(k + 1)?),
        "father" | "fathers" => (Holiday::Nth(6, Weekday::Sunday, 3), day_after(k + 1)?),
        "columbus" => (Holiday::Nth(10, Weekday::Monday, 2), day_after(k + 1)?),
        "easter" => match ctx.low(k + 1) {
            Some("monday") => (Holiday::Easter(1), k + 2),
            Some("sunday") => (Holiday::Easter(0), k + 2),
            _ => (Holiday::Easter(0), k + 1),
        },
        "good" if is_word(ctx, k + 1, "friday") => (Holiday::Easter(-2), k + 2),
        "black" if is_word(ctx, k + 1, "friday") => (Holiday::BlackFriday, k + 2),
        _ => return None,
    };
    Some(hit)
}

/// "Christmas", "this Christmas", "next Easter", "Christmas 2018",
/// "Independence Day of this year", "Thanksgiving of 2020".
fn holiday(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let lead = ctx.low(i)?;
    let dir = match lead {
        "next" | "following" | "coming" => Some(1),
        "last" | "previous" | "past" => Some(-1),
        "this" => Some(0),
        _ => None,
    };
    let k = if dir.is_some() || lead == "the" { i + 1 } else { i };
    let (h, e) = holiday_at(ctx, k)?;
    // Part of a name: "the Good Friday Agreement", "Independence Day Parade".
    let capital = |j: usize| {
        ctx.toks.get(j).is_some_and(|t| t.kind == TokKind::Word && ctx.tok_text(j).starts_with(char::is_uppercase))
    };
    if capital(e) && month_at(ctx, e).is_none() && weekday_at(ctx, e).is_none() {
        return None;
    }
    let (y, e) = if let Some(y) = year_at(ctx, e) {
        (y, e + 1)
    } else if is_word(ctx, e, "of")
        && let Some(y) = year_at(ctx, e + 1)
    {
        (y, e + 2)
    } else if is_word(ctx, e, "of")
        && let Some(sh) = match ctx.low(e + 1) {
            Some("this") => Some(0i16),
            Some("next") => Some(1),
            Some("last") => Some(-1),
            _ => None,
        }
        && is_word(ctx, e + 2, "year")
    {
        (r.year().checked_add(sh)?, e + 3)
    } else {
        let y = r.year();
        match dir {
            Some(1) if h.on(y)? <= r => (y + 1, e),
            Some(-1) if h.on(y)? >= r => (y - 1, e),
            _ => (y, e),
        }
    };
    Some((e, When::Day(h.on(y)?)))
}

/// Glued numeric forms with a month name: "Oct/2", "Dec-2018", "05-Aug-2016",
/// "2019/Aug/01", "Sep-23-2020"; and "20170302" (year, month, day).
fn glued_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let t = ctx.toks.get(i)?;
    if t.kind == TokKind::Num && ctx.tok_text(i).len() == 8 {
        let s = ctx.tok_text(i);
        let y: i16 = s.get(..4)?.parse().ok()?;
        let (m, d): (i8, i8) = (s.get(4..6)?.parse().ok()?, s.get(6..)?.parse().ok()?);
        return (1950..=2099).contains(&y).then(|| day(y, m, d)).flatten().map(|x| (i + 1, When::Day(x)));
    }
    let (mut month, mut year, mut dn) = (None, None, None);
    let mut k = i;
    let mut parts = 0;
    loop {
        if let Some((m, e)) = month_at(ctx, k).filter(|_| month.is_none()) {
            month = Some(m);
            k = e;
        } else if let Some(y) = year_at(ctx, k).filter(|_| year.is_none()) {
            year = Some(y);
            k += 1;
        } else if let Some((d, e)) = day_at(ctx, k).filter(|_| dn.is_none() && ctx.toks[k].kind == TokKind::Num) {
            dn = Some(d);
            k = e;
        } else {
            return None;
        }
        parts += 1;
        let sep = (is_punct(ctx, k, "/") || is_punct(ctx, k, "-"))
            && ctx.toks.get(k + 1).is_some_and(|n| !n.space_before && !ctx.toks[k].space_before);
        if parts == 3 || !sep {
            break;
        }
        k += 1;
    }
    let m = month?;
    if parts < 2 || (dn.is_some() && year.is_none() && ctx.tok_text(i).len() > 2 && month_at(ctx, i).is_none()) {
        return None;
    }
    let y = match year {
        Some(y) => y,
        None => ctx.reference?.year(),
    };
    match dn {
        Some(d) => Some((k, When::Day(day(y, m, d)?))),
        None => Some((k, month_span(y, m)?)),
    }
}

/// A length of `count` units: days, weeks, months, years.
fn unit_span(unit: &str, count: i64) -> Option<jiff::Span> {
    Some(match unit {
        "day" | "days" => count.days(),
        "week" | "weeks" => (7 * count).days(),
        "fortnight" | "fortnights" => (14 * count).days(),
        "month" | "months" => count.months(),
        "year" | "years" => count.years(),
        _ => return None,
    })
}

/// A whole count of 1 to 100 at `k` ("5", "two", "a couple of"): (count, end).
fn small_count(ctx: &Ctx, k: usize) -> Option<(i64, usize)> {
    if is_word(ctx, k, "couple") {
        return Some((2, if is_word(ctx, k + 1, "of") { k + 2 } else { k + 1 }));
    }
    let n = parse_number(ctx, k)?;
    if n.vague || n.value.fract() != rust_decimal::Decimal::ZERO || n.value > rust_decimal::Decimal::from(100) {
        return None;
    }
    Some((n.value.try_into().ok()?, n.end))
}

/// Counted spans with the direction after the number or before it: "5
/// upcoming years", "10 previous weeks", "past 3 months", "next couple
/// weeks": forward from tomorrow, back up to the reference day.
fn counted_span(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let j = i;
    let dir = |w: Option<&str>| match w {
        Some("next" | "upcoming" | "coming" | "following") => Some(true),
        Some("past" | "previous" | "last" | "preceding") => Some(false),
        _ => None,
    };
    let (fwd, count, e) = if let Some(f) = dir(ctx.low(j)) {
        let (c, e) = small_count(ctx, j + 1)?;
        (f, c, e)
    } else {
        let (c, e) = small_count(ctx, j)?;
        (dir(ctx.low(e))?, c, e + 1)
    };
    let unit = ctx.low(e)?;
    if unit.starts_with("decade") {
        let base = r.year() - r.year().rem_euclid(10);
        let (a, b) = if fwd { (base + 10, base + 10 + 10 * count as i16) } else { (base - 10 * count as i16, base) };
        return Some((e + 1, When::Span(day(a, 1, 1)?, day(b, 1, 1)?)));
    }
    let span = unit_span(unit, count)?;
    let w = if fwd {
        let a = r.checked_add(1.day()).ok()?;
        When::Span(a, a.checked_add(span).ok()?)
    } else {
        When::Span(r.checked_sub(span).ok()?, r)
    };
    Some((e + 1, w))
}

/// "the next decade", "the last decade", "this decade": calendar decades.
fn decade_word(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    let k: i16 = match ctx.low(j)? {
        "next" | "coming" | "following" => 1,
        "last" | "previous" => -1,
        "this" | "current" => 0,
        _ => return None,
    };
    if !is_word(ctx, j + 1, "decade") {
        return None;
    }
    let a = r.year() - r.year().rem_euclid(10) + 10 * k;
    Some((j + 2, When::Span(day(a, 1, 1)?, day(a + 10, 1, 1)?)))
}
