//! Dates: absolute ("2 March 2025", "March 2, 2025", "2025-03-02", "March
//! 2025", "FY2025", "Q3 2024"), relative to the reference date ("today",
//! "yesterday", "on Sunday", "last week", "today (2nd)", "on the 2nd", "two
//! days ago"), ranges and periods ("2024-2027", "from 2025 to 2027", "over five
//! years", "by the end of the year"), and times of day ("tomorrow at 5pm").
//!
//! Values: a day `YYYY-MM-DD`; an interval `START/END` (end exclusive) for
//! weeks, months, quarters, years and ranges; a date-time `YYYY-MM-DDTHH:MM:SS`.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::number::{flags, parse_number};
use super::{Ctx, Found, MentionKind, MentionValue};
use crate::text::TokKind;

/// A resolved date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Day(Date),
    /// Start inclusive, end exclusive.
    Span(Date, Date),
    /// A day and a time (hour, minute).
    At(Date, i8, i8),
}

impl When {
    pub fn render(&self) -> String {
        match self {
            When::Day(d) => d.to_string(),
            When::Span(a, b) => format!("{a}/{b}"),
            When::At(d, h, m) => format!("{d}T{h:02}:{m:02}:00"),
        }
    }
    /// The first day it covers.
    pub fn start(&self) -> Date {
        match *self {
            When::Day(d) | When::Span(d, _) | When::At(d, _, _) => d,
        }
    }
}

pub fn find(ctx: &mut Ctx, out: &mut Vec<Found>) {
    let future = is_future(ctx);
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        if ctx.taken[i] || !ctx.may_start(i, flags::DATE | flags::CAPITAL) {
            i += 1;
            continue;
        }
        if let Some((end, when)) = date_at(ctx, i, future) {
            let (end, when) = with_time_after(ctx, end, when);
            ctx.take(i, end);
            out.push(Found::new(MentionKind::Date, i, end, MentionValue::Date(when.render())));
            i = end;
        } else {
            i += 1;
        }
    }
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

/// A month name at `k` (capitalised; "May" and "March" are also words), with an
/// optional abbreviation dot. Returns (month, end).
fn month_at(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
    let t = ctx.toks.get(k)?;
    if t.kind != TokKind::Word {
        return None;
    }
    let s = t.text(ctx.text);
    if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let w = ctx.low(k)?;
    let (m, abbr) = match w {
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
    };
    let end = if abbr && is_punct(ctx, k + 1, ".") && !ctx.toks[k + 1].space_before { k + 2 } else { k + 1 };
    Some((m, end))
}

fn weekday_at(ctx: &Ctx, k: usize) -> Option<Weekday> {
    Some(match ctx.low(k)? {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
    .filter(|_| ctx.tok_text(k).starts_with(|c: char| c.is_ascii_uppercase()))
    // Part of a name: "The Sunday Times", "Good Friday Agreement".
    .filter(|_| {
        let cap = |j: usize| {
            ctx.toks.get(j).is_some_and(|t| t.kind == TokKind::Word && t.text(ctx.text).starts_with(char::is_uppercase))
        };
        let next_cap = cap(k + 1) && month_at(ctx, k + 1).is_none();
        let prev_cap = k > 0
            && cap(k - 1)
            && !matches!(
                ctx.tok_text(k - 1),
                "On" | "Last" | "Next" | "This" | "By" | "Since" | "Until" | "From" | "Before" | "After" | "The"
            );
        !next_cap && !prev_cap
    })
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

/// A four-digit year (1900..=2099).
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

/// Tries every date form at token `i`.
fn date_at(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    iso_date(ctx, i)
        .or_else(|| day_range(ctx, i))
        .or_else(|| month_range(ctx, i))
        .or_else(|| the_period(ctx, i))
        .or_else(|| decade(ctx, i))
        .or_else(|| slash_date(ctx, i))
        .or_else(|| weekday_then_date(ctx, i, future))
        .or_else(|| day_month(ctx, i))
        .or_else(|| month_day(ctx, i))
        .or_else(|| month_year(ctx, i, future))
        .or_else(|| fiscal_or_quarter(ctx, i))
        .or_else(|| year_range(ctx, i))
        .or_else(|| relative(ctx, i, future))
        .or_else(|| time_first(ctx, i, future))
        .or_else(|| plain_year(ctx, i))
        .filter(|(end, _)| ctx.free(i, *end))
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
        return Some((e, When::At(date, h, mi)));
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

/// "3/2/2025" (month first unless the first number is over 12), "2/3/25".
fn slash_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let toks = ctx.toks;
    if toks.get(i)?.kind != TokKind::Num || !is_punct(ctx, i + 1, "/") || !is_punct(ctx, i + 3, "/") {
        return None;
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

/// "Monday, March 3, 2025", "Sunday 2 March": the weekday joins the date.
fn weekday_then_date(ctx: &Ctx, i: usize, _future: bool) -> Option<(usize, When)> {
    weekday_at(ctx, i)?;
    let j = if is_punct(ctx, i + 1, ",") { i + 2 } else { i + 1 };
    day_month(ctx, j).or_else(|| month_day(ctx, j))
}

/// "2 March 2025", "2nd March", "the 2nd of March 2025".
fn day_month(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (d, e) = day_at(ctx, i)?;
    let e = if is_word(ctx, e, "of") { e + 1 } else { e };
    let (m, e) = month_at(ctx, e)?;
    let (y, e) = match year_at(ctx, e) {
        Some(y) => (y, e + 1),
        None if is_punct(ctx, e, ",") && year_at(ctx, e + 1).is_some() => (year_at(ctx, e + 1)?, e + 2),
        None => (nearest_year(ctx, m, d)?, e),
    };
    Some((e, When::Day(day(y, m, d)?)))
}

/// "March 2, 2025", "March 2nd", "Mar. 2".
fn month_day(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (m, e) = month_at(ctx, i)?;
    let (d, e) = day_at(ctx, e)?;
    // "March 2025" is not "March 20" + "25"; a day is followed by a non-digit.
    let (y, e) = if is_punct(ctx, e, ",") && year_at(ctx, e + 1).is_some() {
        (year_at(ctx, e + 1)?, e + 2)
    } else if let Some(y) = year_at(ctx, e) {
        (y, e + 1)
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
    if let Some(y) = year_at(ctx, e) {
        return Some((e + 1, month_span(y, m)?));
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

/// "from January to March", "between March and May 2024" (the last month included).
fn month_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    if !(is_word(ctx, i, "from") || is_word(ctx, i, "between")) {
        return None;
    }
    let (m1, e1) = month_at(ctx, i + 1)?;
    let y1 = year_at(ctx, e1);
    let e1 = if y1.is_some() { e1 + 1 } else { e1 };
    if !(is_word(ctx, e1, "to") || is_word(ctx, e1, "and") || is_word(ctx, e1, "until") || is_punct(ctx, e1, "-")) {
        return None;
    }
    let (m2, e2) = month_at(ctx, e1 + 1)?;
    let (y2, e) = match year_at(ctx, e2) {
        Some(y) => (y, e2 + 1),
        None => (ctx.reference?.year(), e2),
    };
    let y1 = y1.unwrap_or(if m1 <= m2 { y2 } else { y2 - 1 });
    let When::Span(_, end) = month_span(y2, m2)? else { return None };
    Some((e, When::Span(day(y1, m1, 1)?, end)))
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
    if y % 10 != 0 || !ctx.toks.get(j + 1).is_some_and(|t| !t.space_before && t.text(ctx.text) == "s") {
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
    if s == "Q"
        && let Some(n) = ctx.toks.get(i + 1)
        && !n.space_before
    {
        let q: i8 = n.text(ctx.text).parse().ok()?;
        let y = year_at(ctx, i + 2).or_else(|| ctx.reference.map(|r| r.year()))?;
        let e = if year_at(ctx, i + 2).is_some() { i + 3 } else { i + 2 };
        return quarter(y, q).map(|w| (e, w));
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
    let ok_sep = matches!(sep, "-" | "–" | "—" | "/")
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
    if y2 <= y1 || y2 > 2099 {
        return None;
    }
    // "2024/25" is a fiscal/academic year; keep it as the two calendar years.
    Some((j + 3, When::Span(day(y1, 1, 1)?, day(y2 + 1, 1, 1)?)))
}

/// A bare year with a cue before it ("in 2025", "since 2022", "the year 2025").
fn plain_year(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let y = year_at(ctx, i)?;
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
        "today" | "tonight" => Some((i + 1, When::Day(r))),
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
    // "this morning", "last night"
    if w == "this" && matches!(ctx.low(i + 1), Some("morning" | "afternoon" | "evening")) {
        return Some((i + 2, When::Day(r)));
    }
    if w == "last" && is_word(ctx, i + 1, "night") {
        return Some((i + 2, When::Day(add(-1)?)));
    }
    // Weekdays: "Sunday", "on Sunday", "last Friday", "next Monday", "this Friday".
    let (wd_at, dir) = match w {
        "last" | "past" => (i + 1, Some(-1)),
        "next" | "coming" => (i + 1, Some(1)),
        "this" => (i + 1, Some(0)),
        _ => (i, None),
    };
    if let Some(wd) = weekday_at(ctx, wd_at) {
        let future = local_tense(ctx, i).unwrap_or(future);
        let back = (r.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7) as i64;
        let fwd = (wd.to_monday_zero_offset() - r.weekday().to_monday_zero_offset()).rem_euclid(7) as i64;
        let d = match dir {
            Some(-1) => add(-(if back == 0 { 7 } else { back }))?,
            Some(1) => add(if fwd == 0 { 7 } else { fwd })?,
            Some(_) => {
                if future {
                    add(fwd)?
                } else {
                    add(-back)?
                }
            }
            None if future => add(fwd)?,
            None => add(-back)?,
        };
        return Some(with_day_in_brackets(ctx, wd_at + 1, When::Day(d)));
    }
    // "this week", "last month", "next year"
    if let Some(k) = match w {
        "this" | "current" => Some(0i64),
        "last" | "past" | "previous" => Some(-1),
        "next" | "coming" => Some(1),
        _ => None,
    } {
        let unit = ctx.low(i + 1)?;
        return period(r, unit, k).map(|w| (i + 2, w));
    }
    // "earlier this year", "later this month"
    if matches!(w, "earlier" | "later") && is_word(ctx, i + 1, "this") {
        let unit = ctx.low(i + 2)?;
        let When::Span(a, z) = period(r, unit, 0)? else { return None };
        let span = if w == "earlier" { When::Span(a, r) } else { When::Span(add(1)?, z) };
        return Some((i + 3, span));
    }
    // "by the end of the year/month/week", "the end of the year"
    let (j, by) = if w == "by" { (i + 1, true) } else { (i, false) };
    if is_word(ctx, j, "the") && is_word(ctx, j + 1, "end") && is_word(ctx, j + 2, "of") {
        let k = if is_word(ctx, j + 3, "the") || is_word(ctx, j + 3, "this") { j + 4 } else { j + 3 };
        if let Some(unit) = ctx.low(k)
            && let Some(When::Span(_, z)) = period(r, unit, 0)
        {
            let _ = by;
            return Some((k + 1, When::Span(r, z)));
        }
        if let Some(y) = year_at(ctx, j + 3) {
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
        "weekend" => {
            let sat = r
                .checked_add(((5 - r.weekday().to_monday_zero_offset() as i64).rem_euclid(7) + 7 * k.min(0)).days())
                .ok()?;
            Some(When::Span(sat, sat.checked_add(2.days()).ok()?))
        }
        _ => None,
    }
}

/// "two days ago", "in three weeks", "over five years", "over the next three years".
fn number_of_units(ctx: &Ctx, i: usize, r: Date) -> Option<(usize, When)> {
    let w = ctx.low(i).unwrap_or("");
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

/// A time of day at `k`: "5pm", "5 p.m.", "5:30 pm", "17:00", "noon", "midnight".
/// Returns (hour, minute, end).
fn time_at(ctx: &Ctx, k: usize) -> Option<(i8, i8, usize)> {
    match ctx.low(k) {
        Some("noon" | "midday") => return Some((12, 0, k + 1)),
        Some("midnight") => return Some((0, 0, k + 1)),
        _ => {}
    }
    let t = ctx.toks.get(k)?;
    if t.kind != TokKind::Num {
        return None;
    }
    let s = t.text(ctx.text);
    let (mut h, mut m, mut e): (i8, i8, usize);
    if s.len() <= 2 {
        h = s.parse().ok()?;
        m = 0;
        e = k + 1;
        if is_punct(ctx, e, ":") && !ctx.toks[e].space_before {
            let mt = ctx.toks.get(e + 1)?;
            if mt.kind != TokKind::Num || mt.text(ctx.text).len() != 2 || mt.space_before {
                return None;
            }
            m = mt.text(ctx.text).parse().ok()?;
            e += 2;
        }
    } else if s.len() == 5 && s.as_bytes()[2] == b'.' {
        // "9.30 pm"
        h = s[..2].parse().ok()?;
        m = s[3..].parse().ok()?;
        e = k + 1;
    } else {
        return None;
    }
    let had_minutes = e > k + 1 || s.contains('.');
    // am / pm / a.m. / p.m.
    let suffix = ctx.low(e).map(str::to_string);
    let mut meridiem = None;
    match suffix.as_deref() {
        Some("am" | "pm") => {
            meridiem = suffix.clone();
            e += 1;
        }
        Some("a" | "p") if is_punct(ctx, e + 1, ".") && is_word(ctx, e + 2, "m") => {
            meridiem = Some(format!("{}m", suffix.as_deref().unwrap_or("")));
            e += 3;
            if is_punct(ctx, e, ".") && !ctx.toks[e].space_before {
                e += 1;
            }
        }
        _ => {}
    }
    match meridiem.as_deref() {
        Some("pm") if h < 12 => h += 12,
        Some("am") if h == 12 => h = 0,
        None if !had_minutes => {
            // A bare number is a time only with "o'clock".
            if is_word(ctx, e, "o") && ctx.tok_text(e + 1) == "'" {
                e += 3;
            } else {
                return None;
            }
        }
        _ => {}
    }
    // "9.30" is a time only with am/pm or after "at", "from", "until": "13.18 billion" is a figure.
    if s.contains('.')
        && meridiem.is_none()
        && !(k > 0 && matches!(ctx.low(k - 1), Some("at" | "from" | "until" | "till" | "by" | "before" | "after")))
    {
        return None;
    }
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    // "GMT", "ET", "CET" time zones are read and dropped.
    if ctx.toks.get(e).is_some_and(|t| {
        matches!(t.text(ctx.text), "GMT" | "UTC" | "BST" | "CET" | "CEST" | "EST" | "EDT" | "ET" | "PT" | "PST")
    }) {
        e += 1;
    }
    Some((h, m, e))
}

/// A time first: "at 5pm on Monday", "5pm tomorrow", or a time alone (on the reference day).
fn time_first(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let (h, m, e) = time_at(ctx, i)?;
    // "5pm on Monday", "5pm tomorrow", "10am, March 3"
    let mut j = e;
    if is_word(ctx, j, "on") || is_punct(ctx, j, ",") {
        j += 1;
    }
    if let Some((e2, when)) = iso_date(ctx, j)
        .or_else(|| weekday_then_date(ctx, j, future))
        .or_else(|| day_month(ctx, j))
        .or_else(|| month_day(ctx, j))
        .or_else(|| relative(ctx, j, future))
        && let When::Day(d) = when
    {
        return Some((e2, When::At(d, h, m)));
    }
    let r = ctx.reference?;
    Some((e, When::At(r, h, m)))
}

/// "tomorrow at 5pm", "March 3 at 10:30": a time after a day makes a date-time.
fn with_time_after(ctx: &Ctx, end: usize, when: When) -> (usize, When) {
    let When::Day(d) = when else { return (end, when) };
    let j = if is_word(ctx, end, "at") || is_punct(ctx, end, ",") { end + 1 } else { end };
    if ctx.free(j, j + 1)
        && let Some((h, m, e)) = time_at(ctx, j)
    {
        return (e, When::At(d, h, m));
    }
    // "this morning" style handled by relative(); "at noon" needs "at".
    (end, when)
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
    fn not_dates() {
        for s in ["F-16 jets", "5,000 missiles", "Section 2024(b)", "we may march", "2025 missiles were sent"] {
            assert!(dates(s, "2025-03-05").is_empty(), "{s}: {:?}", dates(s, "2025-03-05"));
        }
    }
}
