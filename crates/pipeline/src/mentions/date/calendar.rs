//! Calendar dates written out: "2025-03-02", "3/2/2025", "2 March 2025", "March 2025", a bare year.

use super::*;

/// A spelled year standing alone after a time preposition ("in two thousand and twelve").
pub(super) fn spelled_plain_year(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (y, e) = spelled_year(ctx, i)?;
    let cue = i > 0 && ctx.low(i - 1).is_some_and(|p| time_preposition(p) || matches!(p, "year" | "of"));
    // "two thousand" alone is more often a count than a year.
    (cue && e > i + 2).then_some(())?;
    Some((e, year_span(y)?))
}

/// "2025-03-02".
pub(super) fn iso_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
pub(super) fn iso_time(ctx: &Ctx, k: usize) -> Option<(i8, i8, usize)> {
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
pub(super) fn dotted_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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

/// "3/2/2025" (month first unless the first number is over 12), "2/3/25".
pub(super) fn slash_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let toks = ctx.toks;
    if toks.get(i)?.kind != TokKind::Num {
        return None;
    }
    // "02-02-2020": hyphens only with a four-digit year.
    if is_punct(ctx, i + 1, "-") {
        if !is_punct(ctx, i + 3, "-") || ctx.tok_text(i + 4).len() != 4 || glued_before(ctx, i) {
            return None;
        }
    } else if !is_punct(ctx, i + 1, "/") {
        return None;
    } else if !is_punct(ctx, i + 3, "/") || toks.get(i + 4).is_none_or(|t| t.space_before || t.kind != TokKind::Num) {
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
        2 => two_digit_year(ys.parse().ok()?),
        _ => return None,
    };
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    Some((i + 5, When::Day(day(y, m, d)?)))
}

/// "10/1" (month/day, the reference year) where a date is expected: after
/// "on", "from", a weekday, or before "to" / "-" ("from 10/1 to 11/7").
/// "22/04" is read day first. Fractions ("1/4 of") are left alone.
pub(super) fn month_slash_day(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
    let y = nearest_year(ctx, m, d)?;
    Some((i + 3, When::Day(day(y, m, d)?)))
}

/// "Monday, March 3, 2025", "Sunday 2 March": the weekday joins the date.
pub(super) fn weekday_then_date(ctx: &Ctx, i: usize, _future: bool) -> Option<(usize, When)> {
    weekday_at(ctx, i)?;
    let j = if is_punct(ctx, i + 1, ",") { i + 2 } else { i + 1 };
    day_month(ctx, j).or_else(|| month_day(ctx, j))
}

/// The day number after a weekday: "31", "the 5th", "the eleventh",
/// "the twenty seventh". Returns (day, end).
pub(super) fn weekday_day_number(ctx: &Ctx, e: usize) -> Option<(i8, usize)> {
    if is_word(ctx, e, "the") {
        return day_at(ctx, e + 1).or_else(|| spelled_day(ctx, e + 1, false));
    }
    // A bare numeral ends the phrase: "on Sunday 5 people died" is no date.
    let (d, end) = day_at(ctx, e)?;
    let suffixed = end > e + 1;
    let word_next = ctx.toks.get(end).is_some_and(|t| t.kind != TokKind::Punct);
    (suffixed || !word_next || matches!(ctx.low(end), Some("at" | "and" | "or" | "between" | "from")))
        .then_some((d, end))
}

/// The date with day number `d` falling on weekday `wd`, in the nearest
/// month from the reference's on.
pub(super) fn day_on_weekday(r: Date, d: i8, wd: Weekday) -> Option<Date> {
    let first = r.first_of_month();
    (0..12i64).find_map(|k| {
        let m = first.checked_add(k.months()).ok()?;
        day(m.year(), m.month(), d).filter(|x| x.weekday() == wd)
    })
}

/// "2 March 2025", "2nd March", "the 2nd of March 2025".
pub(super) fn day_month(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (d, e) = day_at(ctx, i).or_else(|| spelled_day(ctx, i, true))?;
    let of = is_word(ctx, e, "of");
    let e = if of { e + 1 } else { e };
    // "the 1st of next month", "the 15th of this month": the day of a month counted from the reference.
    if of && is_word(ctx, e + 1, "month") {
        let shift = match ctx.low(e)? {
            "this" => 0,
            "next" | "following" => 1,
            "last" | "previous" => -1,
            _ => return None,
        };
        let r = ctx.reference?;
        let a = day(r.year(), r.month(), 1)?.checked_add(shift.months()).ok()?;
        return Some((e + 2, When::Day(day(a.year(), a.month(), d)?)));
    }
    let (m, e) = month_at(ctx, e)?;
    let (y, e) = match any_year_at(ctx, e) {
        Some((y, e)) => (y, e),
        None if is_punct(ctx, e, ",") && year_at(ctx, e + 1).is_some() => (year_at(ctx, e + 1)?, e + 2),
        None => match year_after_of(ctx, e) {
            Some((y, e)) => (y, e),
            None => (nearest_year(ctx, m, d)?, e),
        },
    };
    Some((e, When::Day(day(y, m, d)?)))
}

/// "March 2, 2025", "March 2nd", "Mar. 2".
pub(super) fn month_day(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let (m, e) = month_at(ctx, i)?;
    // "June the 28th", "October, 1st" (a comma only before a suffixed day).
    let e = if is_word(ctx, e, "the") || (is_punct(ctx, e, ",") && day_at(ctx, e + 1).is_some_and(|(_, x)| x == e + 3))
    {
        e + 1
    } else {
        e
    };
    // "August two thousand and fifteen" is a month and its year, not August 2.
    if spelled_year(ctx, e).is_some_and(|(_, ye)| ye > e + 1) {
        return None;
    }
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

/// The year of a day written without one: the reference year, or for 29
/// February the last leap year.
pub(super) fn nearest_year(ctx: &Ctx, m: i8, d: i8) -> Option<i16> {
    let y = ctx.reference?.year();
    (0..8).map(|k| y - k).find(|&y| day(y, m, d).is_some())
}

/// "March 2025", "March of 2025", "in March", "early/mid/late March", "last March".
pub(super) fn month_year(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let lead = ctx.low(i);
    let (start_m, rel) = match lead {
        Some("last" | "next" | "this") => (i + 1, lead),
        _ => (i, None),
    };
    let (m, e) = month_at(ctx, start_m)?;
    if let Some((y, e)) = any_year_at(ctx, e) {
        return Some((e, month_span(y, m)?));
    }
    if let Some((y, e)) = year_after_of(ctx, e) {
        return Some((e, month_span(y, m)?));
    }
    // "Dec, 2018"
    if is_punct(ctx, e, ",")
        && let Some(y) = year_at(ctx, e + 1)
    {
        return Some((e + 2, month_span(y, m)?));
    }
    let r = ctx.reference?;
    let y = match rel {
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

/// A bare year with a cue before it ("in 2025", "since 2022", "the year 2025").
pub(super) fn plain_year(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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

/// Glued numeric forms with a month name: "Oct/2", "Dec-2018", "05-Aug-2016",
/// "2019/Aug/01", "Sep-23-2020"; and "20170302" (year, month, day).
pub(super) fn glued_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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

/// "of 2025", "of 87" after a month: (year, end).
fn year_after_of(ctx: &Ctx, e: usize) -> Option<(i16, usize)> {
    if !is_word(ctx, e, "of") {
        return None;
    }
    if let Some(y) = year_at(ctx, e + 1) {
        return Some((y, e + 2));
    }
    let t = ctx.toks.get(e + 1)?;
    let s = t.text(ctx.text);
    (t.kind == TokKind::Num && s.len() == 2).then_some(())?;
    Some((two_digit_year(s.parse().ok()?), e + 2))
}

/// A month and year in digits joined by a hyphen: "2015-12", "2015-3", "12-2015".
/// "2011-12" with the second number above the first's last two digits is a span of
/// years, left to the year ranges.
pub(super) fn numeric_month(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let glued = |k: usize| ctx.toks.get(k).is_some_and(|t| !t.space_before);
    if !(is_punct(ctx, i + 1, "-") && glued(i + 1) && glued(i + 2)) || glued_before(ctx, i) {
        return None;
    }
    // A document number: "PD 2021-05", "Resolution 2022-3".
    let named = i > 1 && ctx.toks[i - 1].kind == TokKind::Word && ctx.tok_text(i - 1).starts_with(char::is_uppercase);
    if named || matches!(ctx.low(i.wrapping_sub(1)), Some("no" | "number" | "resolution" | "decision")) {
        return None;
    }
    // Part of a longer code or a full date: "2015-12-01", "12-2015-3".
    if matches!(ctx.tok_text(i + 3), "-" | "/") && glued(i + 3) {
        return None;
    }
    let small = |k: usize| {
        let t = ctx.toks.get(k)?;
        let s = t.text(ctx.text);
        (t.kind == TokKind::Num && s.len() <= 2)
            .then(|| s.parse::<i8>().ok())
            .flatten()
            .filter(|m| (1..=12).contains(m))
    };
    let (y, m) = if let Some(y) = year_at(ctx, i) {
        let m = small(i + 2)?;
        let two = ctx.tok_text(i + 2).len() == 2;
        if two && (y / 100) * 100 + i16::from(m) > y {
            return None;
        }
        (y, m)
    } else {
        (year_at(ctx, i + 2)?, small(i)?)
    };
    Some((i + 3, month_span(y, m)?))
}
