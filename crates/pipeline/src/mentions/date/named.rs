//! Named and counted periods the other families leave out: seasons ("summer 2023",
//! "last winter"), a quarter or half without its year ("the third quarter"),
//! "fiscal 2024" and "2Q 2024" / "1H25", a week, month or year two away ("the week
//! after next", "the month before last"), the nth weekday of a month ("the second
//! Tuesday of March", "the last Friday in June"), and a weekday a week on
//! ("Tuesday week", "the Friday after next", "Monday last").

use super::*;

/// Tries the forms of this family at token `i`.
pub(super) fn named(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    // Every form opens with a figure or one of a few words: the rest are dismissed at once.
    if ctx.toks.get(i)?.kind == TokKind::Num {
        return quarter_first(ctx, i);
    }
    let w = ctx.low(i)?;
    if !(matches!(
        w,
        "the"
            | "this"
            | "current"
            | "last"
            | "past"
            | "previous"
            | "next"
            | "coming"
            | "following"
            | "a"
            | "from"
            | "between"
            | "q"
            | "h"
            | "fiscal"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "final"
    ) || season_month(w).is_some()
        || weekday_word(w).is_some())
    {
        return None;
    }
    season(ctx, i, future)
        .or_else(|| two_away(ctx, i))
        .or_else(|| nth_weekday_of_month(ctx, i, future))
        .or_else(|| end_day_of_month(ctx, i, future))
        .or_else(|| weekday_week_on(ctx, i, future))
        .or_else(|| bare_quarter(ctx, i, future))
        .or_else(|| quarter_range(ctx, i))
        .or_else(|| fiscal_year_plain(ctx, i))
}

/// The first month of a season (meteorological, northern: spring is March to May,
/// winter runs from December into the next year).
pub(super) fn season_month(w: &str) -> Option<i8> {
    Some(match w {
        "spring" => 3,
        "summer" => 6,
        "autumn" | "fall" => 9,
        "winter" => 12,
        _ => return None,
    })
}

/// The season that starts in month `m` of year `y`: three months.
fn season_span(y: i16, m: i8) -> Option<When> {
    let a = day(y, m, 1)?;
    Some(When::Span(a, a.checked_add(3.months()).ok()?))
}

/// "summer 2023", "the summer of 2023", "this summer", "last winter", "next spring",
/// "the coming autumn", and "the summer" placed by the tense of its verb ("talks collapsed in
/// the spring" is the last one begun, "will end by the autumn" the one under way or to come, and
/// with no tense the one under way or to come). A season with neither the article nor a word
/// that places it ("in summer, prices rise") is left alone, and so is a name ("the Arab Spring",
/// "the Summer Olympics") or an event ("the fall of Kabul").
fn season(ctx: &Ctx, i: usize, _future: bool) -> Option<(usize, When)> {
    let r = ctx.reference;
    let mut k = i;
    let the = is_word(ctx, k, "the");
    if the {
        k += 1;
    }
    let rel = super::relative::shift_word(ctx.low(k)?);
    if rel.is_some() {
        k += 1;
    }
    let m = season_month(ctx.low(k)?)?;
    // "fall" is a verb unless something places it in time.
    let e = k + 1;
    if let Some(y) = year_at(ctx, e) {
        return season_span(y, m).map(|w| (e + 1, w));
    }
    if is_word(ctx, e, "of")
        && let Some(y) = year_at(ctx, e + 1)
    {
        return season_span(y, m).map(|w| (e + 2, w));
    }
    let r = r?;
    let When::Span(a0, z0) = season_span(r.year(), m)? else { return None };
    // The same season a year before and after, to pick the one meant.
    let shift = |d: Date, y: i64| d.checked_add(y.years()).ok();
    // "the spring": lower case, with no "of" after it, and placed by its verb's tense.
    let bare = || {
        the && ctx.tok_text(k).starts_with(char::is_lowercase)
            && !is_word(ctx, e, "of")
            && !ctx
                .toks
                .get(e)
                .is_some_and(|t| t.kind == TokKind::Word && ctx.tok_text(e).starts_with(char::is_uppercase))
    };
    let rel = match rel {
        Some(rel) => rel,
        None if bare() => match local_tense(ctx, i) {
            // The last one begun by the reference day.
            Some(false) => {
                return Some((
                    e,
                    if a0 <= r { When::Span(a0, z0) } else { When::Span(shift(a0, -1)?, shift(z0, -1)?) },
                ));
            }
            _ => 0,
        },
        None => return None,
    };
    let (a, z) = match rel {
        // The one under way, else the one to come ("this summer" said in March).
        0 => {
            let (pa, pz) = (shift(a0, -1)?, shift(z0, -1)?);
            if pa <= r && r < pz {
                (pa, pz)
            } else if r < z0 {
                (a0, z0)
            } else {
                (shift(a0, 1)?, shift(z0, 1)?)
            }
        }
        // The last one over by the reference day.
        -1 => {
            if z0 <= r {
                (a0, z0)
            } else {
                (shift(a0, -1)?, shift(z0, -1)?)
            }
        }
        // The first one to start after the reference day.
        _ => {
            if a0 > r {
                (a0, z0)
            } else {
                (shift(a0, 1)?, shift(z0, 1)?)
            }
        }
    };
    Some((e, When::Span(a, z)))
}

/// "the week after next", "the month before last", "the year after next": two
/// periods away from the reference's (weeks start on Monday).
fn two_away(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    if !is_word(ctx, i, "the") {
        return None;
    }
    let unit = ctx.low(i + 1)?;
    let dir = match (ctx.low(i + 2)?, ctx.low(i + 3)?) {
        ("after", "next") => 2,
        ("before", "last") => -2,
        _ => return None,
    };
    let w = match unit {
        "week" => {
            let m = monday_of(r)?.checked_add((7 * dir).days()).ok()?;
            When::Span(m, m.checked_add(7.days()).ok()?)
        }
        "month" => {
            let a = day(r.year(), r.month(), 1)?.checked_add(dir.months()).ok()?;
            When::Span(a, a.checked_add(1.month()).ok()?)
        }
        "year" => year_span(r.year().checked_add(dir as i16)?)?,
        _ => return None,
    };
    Some((i + 4, w))
}

/// The position of a weekday in a month: "first" … "fifth", "last".
fn weekday_rank(w: &str) -> Option<i8> {
    match w {
        "last" | "final" => Some(-1),
        _ => crate::mentions::plain::ordinal_word(w).filter(|&n| n <= 5).and_then(|n| i8::try_from(n).ok()),
    }
}

/// "the second Tuesday of March", "the first Monday in May 2026", "the last Friday
/// of June", "the third Thursday of next month". Without a year the month is placed
/// by the tense, as a bare month is.
fn nth_weekday_of_month(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let r = ctx.reference;
    let k = if is_word(ctx, i, "the") { i + 1 } else { i };
    let n = weekday_rank(ctx.low(k)?)?;
    let (wd, _) = weekday_word(ctx.low(k + 1)?)?;
    if !matches!(ctx.low(k + 2), Some("of" | "in")) {
        return None;
    }
    let j = k + 3;
    // "of next month", "of this month", "of last month".
    let (y, m, e) = if is_word(ctx, j + 1, "month")
        && let Some(shift) = match ctx.low(j) {
            Some("this") => Some(0),
            Some("next") => Some(1),
            Some("last") => Some(-1),
            _ => None,
        } {
        let r = r?;
        let a = day(r.year(), r.month(), 1)?.checked_add(shift.months()).ok()?;
        (a.year(), a.month(), j + 2)
    } else {
        let (m, e) = month_at(ctx, j).or_else(|| month_word(ctx.low(j)?).map(|(m, _)| (m, j + 1)))?;
        if let Some(y) = year_at(ctx, e) {
            (y, m, e + 1)
        } else {
            let r = r?;
            // With no tense either way the day is the reference year's, as a holiday's is ("It
            // opens on the first Monday in April"); a past tense takes last year's, a future next.
            let tense = local_tense(ctx, i).or(future.then_some(true));
            let this = nth_weekday(r.year(), m, wd, n)?;
            let y = match (tense, this.cmp(&r)) {
                (Some(true), std::cmp::Ordering::Less) => r.year() + 1,
                (Some(false), std::cmp::Ordering::Greater) => r.year() - 1,
                _ => r.year(),
            };
            (y, m, e)
        }
    };
    Some((e, When::Day(nth_weekday(y, m, wd, n)?)))
}

/// "Tuesday week" and "a week on Tuesday" (a week after the coming Tuesday), "the
/// Friday after next", "the Monday before last", and "Monday last" / "Monday next".
fn weekday_week_on(ctx: &Ctx, i: usize, _future: bool) -> Option<(usize, When)> {
    let r = ctx.reference?;
    // The weekday's next occurrence after the reference day, and its last one on or before it.
    let next = |wd: Weekday| r.nth_weekday(1, wd).ok();
    let last = |wd: Weekday| if r.weekday() == wd { Some(r) } else { r.nth_weekday(-1, wd).ok() };
    if is_word(ctx, i, "a") && is_word(ctx, i + 1, "week") && is_word(ctx, i + 2, "on") {
        let wd = weekday_at(ctx, i + 3)?;
        return Some((i + 4, When::Day(next(wd)?.checked_add(7.days()).ok()?)));
    }
    if is_word(ctx, i, "the") {
        let wd = weekday_at(ctx, i + 1)?;
        return match (ctx.low(i + 2)?, ctx.low(i + 3)?) {
            ("after", "next") => Some((i + 4, When::Day(next(wd)?.checked_add(7.days()).ok()?))),
            ("before", "last") => {
                let l = if r.weekday() == wd { r.nth_weekday(-1, wd).ok()? } else { last(wd)? };
                Some((i + 4, When::Day(l.checked_sub(7.days()).ok()?)))
            }
            _ => None,
        };
    }
    let wd = weekday_at(ctx, i)?;
    // "Tuesday week" is British; "Tuesday weekend" is something else.
    match ctx.low(i + 1)? {
        "week" if !ctx.toks.get(i + 2).is_some_and(|t| t.kind == TokKind::Word && !is_word(ctx, i + 2, "and")) => {
            Some((i + 2, When::Day(next(wd)?.checked_add(7.days()).ok()?)))
        }
        "last" if ctx.toks.get(i + 2).is_none_or(|t| t.kind == TokKind::Punct) => {
            let l = if r.weekday() == wd { r.nth_weekday(-1, wd).ok()? } else { last(wd)? };
            Some((i + 2, When::Day(l)))
        }
        "next" if ctx.toks.get(i + 2).is_none_or(|t| t.kind == TokKind::Punct) => Some((i + 2, When::Day(next(wd)?))),
        _ => None,
    }
}

/// "the third quarter", "the final quarter", "the first half of the year": in the
/// reference year, or the year the tense points to when that one is not yet begun
/// (past) or already over (future). "the first half" alone is too often a match's.
fn bare_quarter(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let r = ctx.reference?;
    if !is_word(ctx, i, "the") {
        return None;
    }
    let (n, unit) = (ctx.low(i + 1)?, ctx.low(i + 2)?);
    let mut e = i + 3;
    let of_the_year = is_word(ctx, e, "of") && is_word(ctx, e + 1, "the") && is_word(ctx, e + 2, "year");
    let (a, len) = match unit {
        "quarter" => {
            let q = match n {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" | "final" => 4,
                _ => return None,
            };
            // "the third quarter of 2024" and "of the century" are other families' forms.
            if is_word(ctx, e, "of") && !of_the_year {
                return None;
            }
            (day(r.year(), (q - 1) * 3 + 1, 1)?, 3)
        }
        "half" if of_the_year => match n {
            "first" => (day(r.year(), 1, 1)?, 6),
            "second" => (day(r.year(), 7, 1)?, 6),
            _ => return None,
        },
        _ => return None,
    };
    if of_the_year {
        e += 3;
    }
    let z = a.checked_add(len.months()).ok()?;
    let shift = i64::from(year_shift(local_tense(ctx, i).unwrap_or(future), a, z, r));
    let (a, z) = (a.checked_add(shift.years()).ok()?, z.checked_add(shift.years()).ok()?);
    Some((e, When::Span(a, z)))
}

/// "2Q 2024", "3Q24", "1H 2025", "2H24": the number before the letter, as analysts write.
fn quarter_first(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let t = ctx.toks.get(i)?;
    let n = ctx.toks.get(i + 1)?;
    if t.kind != TokKind::Num || n.space_before || n.kind != TokKind::Word {
        return None;
    }
    let v: i8 = t.text(ctx.text).parse().ok()?;
    let (y, e) = match ctx.toks.get(i + 2) {
        Some(yt) if !yt.space_before && yt.kind == TokKind::Num && yt.text(ctx.text).len() == 2 => {
            (two_digit_year(yt.text(ctx.text).parse().ok()?), i + 3)
        }
        _ => (year_at(ctx, i + 2)?, i + 3),
    };
    match ctx.tok_text(i + 1) {
        "Q" | "q" => quarter(y, v).map(|w| (e, w)),
        "H" | "h" if (1..=2).contains(&v) => {
            let a = day(y, if v == 1 { 1 } else { 7 }, 1)?;
            Some((e, When::Span(a, a.checked_add(6.months()).ok()?)))
        }
        _ => None,
    }
}

/// "fiscal 2024": the US federal fiscal year, as "fiscal year 2024" is.
fn fiscal_year_plain(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    if !is_word(ctx, i, "fiscal") {
        return None;
    }
    let y = year_at(ctx, i + 1)?;
    Some((i + 2, When::Span(day(y - 1, 10, 1)?, day(y, 10, 1)?)))
}

/// "Q1-Q3 2024", "Q2 to Q4 2025", "H1-H2 2024": quarters or halves sharing one year
/// (the reference's when none is written), from the first's start to the last's end.
fn quarter_range(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let numbered = |k: usize| -> Option<(char, i8)> {
        let letter = match ctx.tok_text(k) {
            "Q" | "q" => 'q',
            "H" | "h" => 'h',
            _ => return None,
        };
        let n = ctx.toks.get(k + 1).filter(|n| !n.space_before && n.kind == TokKind::Num)?;
        Some((letter, n.text(ctx.text).parse().ok()?))
    };
    // "from Q2 to Q4 2023", "between Q1 and Q3": the leading word belongs to the span.
    let between = is_word(ctx, i, "between");
    let q = if between || is_word(ctx, i, "from") { i + 1 } else { i };
    let (l1, a) = numbered(q)?;
    let sep = q + 2;
    let word_sep =
        if between { is_word(ctx, sep, "and") } else { is_word(ctx, sep, "to") || is_word(ctx, sep, "through") };
    if !(word_sep || (!between && matches!(ctx.tok_text(sep), "-" | "–"))) {
        return None;
    }
    let (l2, b) = numbered(sep + 1)?;
    let e = sep + 3;
    if l1 != l2 || b <= a {
        return None;
    }
    let (y, e) = match year_at(ctx, e) {
        Some(y) => (y, e + 1),
        None => (ctx.reference?.year(), e),
    };
    let (months, count) = if l1 == 'q' { (3, 4) } else { (6, 2) };
    if a < 1 || b > count {
        return None;
    }
    let start = day(y, (a - 1) * months + 1, 1)?;
    let end = day(y, 1, 1)?.checked_add((i64::from(b) * i64::from(months)).months()).ok()?;
    Some((e, When::Span(start, end)))
}

/// "the last day of March", "the first day of October 2015", "the last day of next
/// month": the first or last day of a month (placed by the tense when no year is given).
fn end_day_of_month(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    if !is_word(ctx, i, "the") || !is_word(ctx, i + 2, "day") || !is_word(ctx, i + 3, "of") {
        return None;
    }
    let last = match ctx.low(i + 1)? {
        "first" => false,
        "last" | "final" => true,
        _ => return None,
    };
    let j = i + 4;
    let on = |a: Date| if last { a.last_of_month() } else { a };
    if is_word(ctx, j + 1, "month")
        && let Some(shift) = match ctx.low(j) {
            Some("this") => Some(0),
            Some("next") => Some(1),
            Some("last") => Some(-1),
            _ => None,
        }
    {
        let r = ctx.reference?;
        let a = day(r.year(), r.month(), 1)?.checked_add(shift.months()).ok()?;
        return Some((j + 2, When::Day(on(a))));
    }
    let (m, e) = month_at(ctx, j)?;
    if let Some(y) = year_at(ctx, e) {
        return Some((e + 1, When::Day(on(day(y, m, 1)?))));
    }
    let r = ctx.reference?;
    let this = on(day(r.year(), m, 1)?);
    let future = local_tense(ctx, i).unwrap_or(future);
    let y = match (future, this.cmp(&r)) {
        (true, std::cmp::Ordering::Less) => r.year() + 1,
        (false, std::cmp::Ordering::Greater) => r.year() - 1,
        _ => r.year(),
    };
    Some((e, When::Day(on(day(y, m, 1)?))))
}
