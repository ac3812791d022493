//! Words and numbers dates are built from: month and weekday names, day numbers, spelled numbers and years.

use super::*;

/// A month name or abbreviation, lower case: (month, abbreviated).
pub(super) fn month_word(w: &str) -> Option<(i8, bool)> {
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
pub(super) fn month_at(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
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
pub(crate) fn weekday_word(w: &str) -> Option<(Weekday, bool)> {
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
pub(super) fn weekday_at(ctx: &Ctx, k: usize) -> Option<Weekday> {
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
pub(super) fn day_at(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
    let t = ctx.toks.get(k)?;
    if t.kind == TokKind::Word && is_word(ctx, k + 1, "of") && month_at(ctx, k + 2).is_some() {
        // "the second of March"
        let d = ordinal_day(ctx.low(k)?)?;
        return Some((d, k + 1));
    }
    // "$12 December 27": an amount, not a day.
    if t.kind != TokKind::Num || (k > 0 && matches!(ctx.tok_text(k - 1), "$" | "£" | "€" | "¥")) {
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

/// "first" … "thirtieth" written as one word (the ordinal words are quantity's list).
pub(super) fn ordinal_day(w: &str) -> Option<i8> {
    crate::mentions::plain::ordinal_word(w).filter(|&n| n <= 31).and_then(|n| i8::try_from(n).ok())
}

/// A spelled number word below twenty ("one" … "nineteen").
pub(super) fn unit_word(w: &str) -> Option<i16> {
    crate::mentions::number::unit_value(w).filter(|&u| u > 0).map(|u| u as i16)
}

/// A spelled tens word ("twenty" … "ninety").
pub(super) fn tens_word(w: &str) -> Option<i16> {
    crate::mentions::number::tens_value(w).map(|t| t as i16)
}

/// The token after a joining hyphen ("twenty-two"), or `k` itself.
pub(super) fn past_hyphen(ctx: &Ctx, k: usize) -> usize {
    let glued = |j: usize| ctx.toks.get(j).is_some_and(|t| !t.space_before);
    if is_punct(ctx, k, "-") && glued(k) && glued(k + 1) { k + 1 } else { k }
}

/// A spelled number from 1 to 99 ("five", "ninety", "ninety-six", "ninety six"): (value, end).
pub(super) fn spelled_below_100(ctx: &Ctx, k: usize) -> Option<(i16, usize)> {
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
pub(super) fn spelled_day(ctx: &Ctx, k: usize, cardinal: bool) -> Option<(i8, usize)> {
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
pub(super) fn day_in_month(d: i8, e: usize) -> Option<(i8, usize)> {
    (1..=31).contains(&d).then_some((d, e))
}

/// A spelled year: "two thousand and twelve", "two thousand", "nineteen
/// ninety-five", "nineteen hundred ninety three", "twenty twenty": (year, end).
pub(super) fn spelled_year(ctx: &Ctx, k: usize) -> Option<(i16, usize)> {
    let w = ctx.low(k)?;
    if w == "two" && is_word(ctx, k + 1, "thousand") {
        let j = if is_word(ctx, k + 2, "and") { k + 3 } else { k + 2 };
        return match spelled_below_100(ctx, j) {
            Some((n, e)) => Some((2000 + n, e)),
            // "two thousand and returned": the "and" is not part of it.
            None => Some((2000, k + 2)),
        };
    }
    let century = match w {
        "nineteen" => 1900,
        "twenty" => 2000,
        // "seventeen hundred thirty three"
        _ => match unit_word(w) {
            Some(c) if c >= 10 && is_word(ctx, k + 1, "hundred") => c * 100,
            _ => return None,
        },
    };
    let mut j = k + 1;
    if is_word(ctx, j, "hundred") {
        j = if is_word(ctx, j + 1, "and") { j + 2 } else { j + 1 };
    }
    let (n, e) = spelled_below_100(ctx, j)?;
    // "nineteen ninety-five", "twenty twelve": two-digit rests only (not "twenty five").
    (n >= 10 || j > k + 1).then_some((century + n, e))
}

/// A year in digits or in words: (year, end).
pub(super) fn any_year_at(ctx: &Ctx, k: usize) -> Option<(i16, usize)> {
    year_at(ctx, k).map(|y| (y, k + 1)).or_else(|| spelled_year(ctx, k))
}

pub(super) fn year_at(ctx: &Ctx, k: usize) -> Option<i16> {
    let t = ctx.toks.get(k)?;
    let s = t.text(ctx.text);
    if t.kind != TokKind::Num || s.len() != 4 {
        return None;
    }
    let y: i16 = s.parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

/// Words that put a bare month or year in time: "in March", "since 2022", "early 2025".
pub(super) fn time_preposition(w: &str) -> bool {
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

/// A length of `count` units: days, weeks, months, years.
pub(super) fn unit_span(unit: &str, count: i64) -> Option<jiff::Span> {
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
pub(super) fn small_count(ctx: &Ctx, k: usize) -> Option<(i64, usize)> {
    if is_word(ctx, k, "couple") {
        return Some((2, if is_word(ctx, k + 1, "of") { k + 2 } else { k + 1 }));
    }
    let n = parse_number(ctx, k)?;
    if n.vague || n.value.fract() != rust_decimal::Decimal::ZERO || n.value > rust_decimal::Decimal::from(100) {
        // "two quarters" reads as a half; as a count of quarters it is the word alone.
        return spelled_below_100(ctx, k).map(|(v, e)| (i64::from(v), e));
    }
    Some((n.value.try_into().ok()?, n.end))
}

/// A two-digit year: '40 to '99 in the 1900s, '00 to '39 in the 2000s.
pub(super) fn two_digit_year(yy: i16) -> i16 {
    if yy >= 40 { 1900 + yy } else { 2000 + yy }
}

/// "twenties" … "nineties": the decade's tens.
pub(super) fn tens_plural(w: &str) -> Option<i16> {
    Some(match w {
        "twenties" => 20,
        "thirties" => 30,
        "forties" => 40,
        "fifties" => 50,
        "sixties" => 60,
        "seventies" => 70,
        "eighties" => 80,
        "nineties" => 90,
        _ => return None,
    })
}

/// The direction a word gives a counted span: forward ("next", "coming") or back
/// ("past", "previous").
pub(super) fn count_direction(w: Option<&str>) -> Option<bool> {
    match w {
        Some("next" | "upcoming" | "coming" | "following") => Some(true),
        Some("past" | "previous" | "last" | "preceding") => Some(false),
        _ => None,
    }
}
