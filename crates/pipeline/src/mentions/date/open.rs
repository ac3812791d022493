//! Open intervals: "before 2018", "since tomorrow", "2018 or later".

use super::*;

/// A wrapper that leaves one end open: "before 2018" (`../2018-01-01`),
/// "after 2018" (`2019-01-01/..`), "since tomorrow", "no later than 6pm",
/// "starting January 7th", "as early as next year".
pub(super) fn open_range(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    #[derive(PartialEq)]
    enum Dir {
        Before,
        After,
        Since,
    }
    if let Some(x) = to_date(ctx, i) {
        return Some(x);
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
pub(super) fn year_or_later(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let j = if is_word(ctx, i, "year") { i + 1 } else { i };
    let y = year_at(ctx, j)?;
    let later = matches!(ctx.low(j + 1), Some("or" | "and"))
        && matches!(ctx.low(j + 2), Some("later" | "after" | "greater" | "earlier" | "before"))
        && !date_follows(ctx, j + 3);
    later.then_some((j + 1, year_span(y)?))
}

/// "2018 or later", "1/1/2016 and after", "3 pm onwards": the start of an open interval.
pub(super) fn or_later(ctx: &Ctx, e: usize, w: When) -> (usize, When) {
    if matches!(w, When::From(_) | When::Until(_)) {
        return (e, w);
    }
    let joined = matches!(ctx.low(e), Some("or" | "and"));
    let k = if joined { e + 1 } else { e };
    // "on 1/1/2016 and after 6PM", "2010 to 2018 or before 2000": the word opens the next date.
    if joined && date_follows(ctx, k + 1) {
        return (e, w);
    }
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

/// Whether a date seems to start at `k`: a number, a month or weekday, or a relative day.
fn date_follows(ctx: &Ctx, k: usize) -> bool {
    ctx.toks.get(k).is_some_and(|t| t.kind == TokKind::Num)
        || ctx.low(k).is_some_and(|w| {
            month_word(w).is_some()
                || weekday_word(w).is_some()
                || matches!(
                    w,
                    "today" | "tomorrow" | "yesterday" | "noon" | "midnight" | "the" | "next" | "last" | "this"
                )
        })
}

/// "to date", "till date" (up to the reference day) and "year to date" (from 1
/// January); "up to date" is an adjective.
fn to_date(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let glue = |k: usize| if is_punct(ctx, k, "-") { k + 1 } else { k };
    if is_word(ctx, i, "year") {
        let k = glue(i + 1);
        let z = glue(k + 1);
        if !(is_word(ctx, k, "to") && is_word(ctx, z, "date")) {
            return None;
        }
        let a = day(r.year(), 1, 1)?;
        return (a < r).then_some((z + 1, When::Span(a, r)));
    }
    let to = matches!(ctx.low(i), Some("to" | "till" | "until" | "til"));
    // "up to date"; "equal to date 1", "to date from 2010": the noun "date".
    let noun = (i > 0 && matches!(ctx.low(i - 1), Some("up" | "equal" | "equals")))
        || ctx.toks.get(i + 2).is_some_and(|t| t.kind == TokKind::Num)
        || matches!(ctx.low(i + 2), Some("from" | "of"));
    (to && !noun && is_word(ctx, i + 1, "date")).then_some((i + 2, When::Until(Point::Day(r))))
}
