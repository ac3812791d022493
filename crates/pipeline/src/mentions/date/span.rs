//! Spans between two dates: "24-25 June", "from January to March", "2024-2027", "April 9th through 17th".

use super::*;

/// A yearless span of days or months followed by its year: "from April to
/// June in 2017", "26 June to 28 June in 2020" move into that year.
pub(super) fn span_in_year(ctx: &Ctx, i: usize, e: usize, w: When) -> (usize, When) {
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

/// A yearless month and day followed by "of/in" and its year: "July 4th of 1995",
/// "28 June in 2020".
pub(super) fn day_in_year(ctx: &Ctx, i: usize, e: usize, w: When) -> (usize, When) {
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
pub(super) fn reyear(w: When, y: i16) -> Option<When> {
    match w {
        When::Day(d) => Some(When::Day(day(y, d.month(), d.day())?)),
        When::Span(a, b) if a.day() == 1 && b == a.checked_add(1.month()).ok()? => month_span(y, a.month()),
        _ => None,
    }
}

/// Whether token `k` is glued to a "-" or "/" before it (part of a code such as "138-2010").
pub(super) fn glued_before(ctx: &Ctx, k: usize) -> bool {
    k > 0
        && ctx.toks.get(k).is_some_and(|t| !t.space_before)
        && matches!(ctx.tok_text(k - 1), "-" | "/")
        && !ctx.toks[k - 1].space_before
}

/// Whether tokens `a..b` name a year.
pub(super) fn has_year(ctx: &Ctx, a: usize, b: usize) -> bool {
    (a..b).any(|k| year_at(ctx, k).is_some())
}

/// Two dates joined into a span: "from 10/1/2018 - 10/7/2018", "April 9th
/// through 17th", "between 3 and 12 of Sept", "between Jan 1 and Feb 5",
/// "from this May to Oct 2020", "from 2014 to 2018".
pub(super) fn two_point_span(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let lead = is_word(ctx, i, "from") || is_word(ctx, i, "between");
    let j = if lead { i + 1 } else { i };
    let x = span_end(ctx, j, future, false)
        .or_else(|| year_at(ctx, j).filter(|_| !glued_before(ctx, j)).and_then(|y| Some((j + 1, year_span(y)?))));
    // "from ninth till seventeenth of april", "9 to 12 of June": a bare day number first.
    let (xe, bare_x) = match x {
        Some((e, _)) => (e, None),
        None => {
            let (d, e) = day_number(ctx, j, lead)?;
            (e, Some(d))
        }
    };
    let sep = xe;
    let ok = matches!(ctx.tok_text(sep), "-" | "–" | "—" | "~")
        || matches!(ctx.low(sep), Some("to" | "through" | "thru" | "till" | "until" | "til"))
        || (is_word(ctx, i, "between") && is_word(ctx, sep, "and"));
    if !ok {
        return None;
    }
    let k = sep + 1;
    let y = span_end(ctx, k, future, true).or_else(|| {
        year_at(ctx, k)
            .filter(|_| year_at(ctx, j).is_some() && !glued_before(ctx, k + 2))
            .and_then(|y| Some((k + 1, year_span(y)?)))
    });
    let (e, mut xw, yw) = match (x, y) {
        (Some((_, xw)), Some((e, yw))) => {
            let (x_year, y_year) = (has_year(ctx, j, xe), has_year(ctx, k, e));
            // "from may to oct 2020": a yearless written date takes the second's year.
            let written = month_at(ctx, j).is_some() || day_at(ctx, j).is_some();
            let xw = if !x_year && y_year && written { reyear(xw, yw.start().year()).unwrap_or(xw) } else { xw };
            let yw = match (xw, yw) {
                // "from next monday to friday": the first such weekday after the start.
                (When::Day(xd), When::Day(_)) if e == k + 1 && weekday_at(ctx, k).is_some() => {
                    let wd = weekday_at(ctx, k)?;
                    let ahead = (wd.to_monday_zero_offset() - xd.weekday().to_monday_zero_offset()).rem_euclid(7);
                    When::Day(xd.checked_add(i64::from(ahead).days()).ok()?)
                }
                // "2/29-3/1": a yearless second date in the first's year.
                (When::Day(xd), When::Day(_))
                    if !y_year && written && (month_at(ctx, k).is_some() || day_at(ctx, k).is_some()) =>
                {
                    reyear(yw, xd.year()).unwrap_or(yw)
                }
                _ => yw,
            };
            (e, xw, yw)
        }
        (Some((_, When::Day(xd))), None) => {
            // "April 9th through 17th", "april ninth through the seventeenth"
            let (d2, e) = day_number(ctx, k, true)?;
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

/// One end of a span: a day or a period with the year that may follow it ("26th
/// june of 2020"), "now", "to date"; after the separator also "the 28th of June"
/// and a bare month ("to June in 2017").
fn span_end(ctx: &Ctx, k: usize, future: bool, second: bool) -> Option<(usize, When)> {
    let found = single(ctx, k, future).filter(|(_, w)| matches!(w, When::Day(_) | When::Span(..)));
    if let Some((e, w)) = found {
        return Some(span_in_year(ctx, k, e, w));
    }
    if let Some(x) = now_day(ctx, k) {
        return Some(x);
    }
    if !second {
        return None;
    }
    if is_word(ctx, k, "the")
        && let Some((e, w @ When::Day(_))) = single(ctx, k + 1, future)
    {
        return Some(span_in_year(ctx, k + 1, e, w));
    }
    let (m, e) = month_at(ctx, k)?;
    let w = month_span(ctx.reference?.year(), m)?;
    Some(span_in_year(ctx, k, e, w))
}

/// A day of the month standing alone: "9", "17th", "the seventeenth"; spelled
/// ordinals and "the" only where `words` allows ("from ninth till...").
fn day_number(ctx: &Ctx, k: usize, words: bool) -> Option<(i8, usize)> {
    if ctx.toks.get(k)?.kind == TokKind::Num {
        return day_at(ctx, k);
    }
    if !words {
        return None;
    }
    let k = if is_word(ctx, k, "the") { k + 1 } else { k };
    match ctx.toks.get(k)?.kind {
        TokKind::Num => day_at(ctx, k),
        _ => spelled_day(ctx, k, false),
    }
}

/// "now" as one end of a span of days: the reference day.
pub(super) fn now_day(ctx: &Ctx, k: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let to = k > 0 && matches!(ctx.low(k - 1), Some("to" | "till" | "until" | "til"));
    match ctx.low(k)? {
        "now" => Some((k + 1, When::Day(r))),
        // "from March to date", "till current date"
        "date" if to => Some((k + 1, When::Day(r))),
        "current" if is_word(ctx, k + 1, "date") => Some((k + 2, When::Day(r))),
        _ => None,
    }
}

/// "24-25 June 2025", "from 1 to 3 March 2025", "June 24-25, 2025", "between 3 and 5 May"; two
/// days in a row joined by "and" are their span too ("on 5 and 6 July", "July 5 and 6"), but two
/// days apart are two dates ("on 5 and 9 July").
pub(super) fn day_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let lead = is_word(ctx, i, "from") || is_word(ctx, i, "between");
    let j = if lead { i + 1 } else { i };
    let is_sep = |k: usize, d1: i8, d2: i8| {
        matches!(ctx.tok_text(k), "-" | "–")
            || (lead && (is_word(ctx, k, "to") || is_word(ctx, k, "and") || is_word(ctx, k, "until")))
            || (is_word(ctx, k, "and") && d2 == d1 + 1)
    };
    // Day first: "24-25 June 2025"
    if let Some((d1, e1)) = day_at(ctx, j)
        && let Some((d2, e2)) = day_at(ctx, e1 + 1)
        && is_sep(e1, d1, d2)
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
    let (d2, e2) = day_at(ctx, e1 + 1)?;
    if !is_sep(e1, d1, d2) || d2 <= d1 {
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
pub(super) fn month_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
pub(super) fn month_year_suffix(ctx: &Ctx, e: usize) -> (Option<i16>, usize) {
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

/// "2024-2027", "2024–27", "from 2025 to 2027", "between 2025 and 2027", "2025 through 2027".
pub(super) fn year_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
