//! Named periods: quarters, halves, fiscal years, decades, weeks, and parts of a period ("the end of 2025").

use super::*;

/// Which part of a period: "the beginning/middle/end of 2000", "mid-November",
/// "late July", "end of the week", "end of tomorrow". Recognizers' splits:
/// a named year in thirds (Jan–Apr, May–Aug, Sep–Dec), "this year" in halves,
/// a month at the 10th/16th/21st, a season or quarter by its months, a week Monday–Thursday
/// and Thursday–Monday.
pub(super) fn position_in(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
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
            // A year; longer spans (decades, centuries) are not split.
            let year = (300..=366).contains(&days);
            let (p, q) = if year && named {
                match part {
                    Part::Start => (a, a.checked_add(4.months()).ok()?),
                    Part::Mid => (a.checked_add(4.months()).ok()?, a.checked_add(8.months()).ok()?),
                    Part::End => (a.checked_add(8.months()).ok()?, b),
                }
            } else if year {
                match part {
                    Part::Start => (a, a.checked_add(6.months()).ok()?),
                    Part::Mid => (a.checked_add(3.months()).ok()?, a.checked_add(9.months()).ok()?),
                    Part::End => (a.checked_add(6.months()).ok()?, b),
                }
            } else if (28..=31).contains(&days) {
                match part {
                    Part::Start => (a, a.checked_add(15.days()).ok()?),
                    Part::Mid => (a.checked_add(9.days()).ok()?, a.checked_add(20.days()).ok()?),
                    Part::End => (a.checked_add(15.days()).ok()?, b),
                }
            } else if (89..=92).contains(&days) {
                // A season or a quarter, by its months: "late spring 2022" is May.
                match part {
                    Part::Start => (a, a.checked_add(1.months()).ok()?),
                    Part::Mid => (a.checked_add(1.months()).ok()?, a.checked_add(2.months()).ok()?),
                    Part::End => (a.checked_add(2.months()).ok()?, b),
                }
            } else if days == 7 {
                match part {
                    Part::Start => (a, a.checked_add(3.days()).ok()?),
                    Part::Mid => (a.checked_add(2.days()).ok()?, a.checked_add(5.days()).ok()?),
                    Part::End => (a.checked_add(3.days()).ok()?, b),
                }
            } else if days > 366 {
                // Decades and centuries: halves, and the middle two fifths.
                let n = i64::from(b.year() - a.year());
                match part {
                    Part::Start => (a, a.checked_add((n / 2).years()).ok()?),
                    Part::Mid => (a.checked_add((3 * n / 10).years()).ok()?, a.checked_add((7 * n / 10).years()).ok()?),
                    Part::End => (a.checked_add((n / 2).years()).ok()?, b),
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

/// "the third quarter of 2024", "the first half of 2025", "H2 2024".
pub(super) fn the_period(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
pub(super) fn decade(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    // "the ’90s": the apostrophe belongs to the decade.
    let j = if matches!(ctx.tok_text(j), "'" | "’") && ctx.toks.get(j + 1).is_some_and(|t| !t.space_before) {
        j + 1
    } else {
        j
    };
    // Every form ends in an "s" after its figure, but for the decades in words ("the nineties").
    if ctx.tok_text(j + 1) != "s" && ctx.low(j).and_then(tens_plural).is_none() {
        return None;
    }
    // "in his 40s", "in their 20s and 30s" are ages; "mid-30s", "high 40s" are levels.
    let age = (j.saturating_sub(4)..j).any(|k| {
        matches!(
            ctx.low(k),
            Some("his" | "her" | "their" | "my" | "your" | "our" | "aged" | "low" | "mid" | "high" | "upper" | "lower")
        )
    });
    let (y, e) = if let Some(y) = year_at(ctx, j) {
        (y, j + 1)
    } else if let Some(t) = ctx.low(j).and_then(tens_plural)
        && !age
    {
        // "the nineties"
        return decade_span(1900 + t, j + 1);
    } else {
        // "'90s", "’90s", "90 s" ("in the 30s" is more often a level than a decade)
        let s = ctx.tok_text(j);
        let apostrophe = j > 0 && matches!(ctx.tok_text(j - 1), "'" | "’");
        let cue = apostrophe || ctx.toks.get(j + 1).is_some_and(|t| t.space_before);
        let yy: i16 = s.parse().ok().filter(|_| s.len() == 2 && ctx.toks[j].kind == TokKind::Num && cue && !age)?;
        (1900 + yy, j + 1)
    };
    // "1990s", also written "1990 s".
    if y % 10 != 0 || ctx.tok_text(e) != "s" {
        return None;
    }
    decade_span(y, e + 1)
}

/// The ten years from `y`.
fn decade_span(y: i16, e: usize) -> Option<(usize, When)> {
    Some((e, When::Span(day(y, 1, 1)?, day(y + 10, 1, 1)?)))
}

/// "the 15th century", "21st century", "the twenty-first century".
pub(super) fn century(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    let (n, e) = match ctx.toks.get(j)?.kind {
        TokKind::Num => day_at(ctx, j).filter(|&(_, e)| e == j + 2)?,
        _ => spelled_day(ctx, j, false)?,
    };
    if !is_word(ctx, e, "century") {
        return None;
    }
    // Part of a name: "the 21st Century Cures Act".
    let capital = |k: usize| ctx.tok_text(k).starts_with(|c: char| c.is_ascii_uppercase());
    if capital(e) && ctx.toks.get(e + 1).is_some_and(|t| t.kind == TokKind::Word) && capital(e + 1) {
        return None;
    }
    let a = (i16::from(n) - 1) * 100;
    Some((e + 1, When::Span(day(a.max(1), 1, 1)?, day(a + 100, 1, 1)?)))
}

/// "FY2025", "FY 2025", "FY25", "fiscal year 2025" (US federal: October to
/// September), "Q3 2024", "the third quarter of 2024".
pub(super) fn fiscal_or_quarter(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
        if let Some(y) = year_at(ctx, i + 2) {
            return quarter(y, q).map(|w| (i + 3, w));
        }
        // "Sales rose in Q4" said in May is last year's, as "the fourth quarter" is; with no
        // tense, the reference year's.
        let r = ctx.reference?;
        let When::Span(a, z) = quarter(r.year(), q)? else { return None };
        let shift = super::relative::local_tense(ctx, i).map_or(0, |future| year_shift(future, a, z, r));
        return quarter(r.year().checked_add(shift)?, q).map(|w| (i + 2, w));
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
    None
}

/// The years to move a period `a..z` of the reference year so that it lies where the tense
/// puts it: a past act in the last one begun, a future one in one not yet over.
pub(super) fn year_shift(future: bool, a: Date, z: Date, r: Date) -> i16 {
    if future && z <= r {
        1
    } else if !future && a > r {
        -1
    } else {
        0
    }
}

pub(super) fn quarter(y: i16, q: i8) -> Option<When> {
    if !(1..=4).contains(&q) {
        return None;
    }
    let a = day(y, (q - 1) * 3 + 1, 1)?;
    Some(When::Span(a, a.checked_add(3.months()).ok()?))
}

/// The Monday that starts the week of `d`.
pub(super) fn monday_of(d: Date) -> Option<Date> {
    d.checked_sub((d.weekday().to_monday_zero_offset() as i64).days()).ok()
}

/// The seven days from Monday `m`.
pub(super) fn week_from(m: Date) -> Option<When> {
    Some(When::Span(m, m.checked_add(7.days()).ok()?))
}

/// The `n`th week (negative: from the end) of `a..b`, counted as Recognizers
/// and ISO do: a week belongs to the period holding its Thursday.
pub(super) fn nth_week(a: Date, b: Date, n: i8) -> Option<When> {
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
pub(super) fn week_ordinal(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
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
pub(super) fn week_container(ctx: &Ctx, k: usize, future: bool) -> Option<(usize, Date, Date)> {
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
pub(super) fn week_period(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
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
                // ISO weeks, of the reference year or the one named: "week 3 of 2027".
                let (e, y) = match container(ctx, j + 3, future) {
                    Some((e, a, b)) if is_word(ctx, j + 2, "of") && a.until(b).ok()?.get_days() >= 365 => (e, a.year()),
                    _ => (j + 2, r.year()),
                };
                let jan4 = day(y, 1, 4)?;
                return Some((e, week_from(monday_of(jan4)?.checked_add((7 * (n as i64 - 1)).days()).ok()?)?));
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
            // "the weekend of 5 and 6 July" is those days; "the weekend of July 6" the one that day
            // falls in (a Saturday or Sunday), or the one after (a weekday).
            if is_word(ctx, j + 1, "of") {
                if let Some((e, When::Span(a, z))) = super::span::day_range(ctx, j + 2) {
                    return Some((e, When::Span(a, z)));
                }
                if let Some((e, When::Day(d))) = single(ctx, j + 2, future) {
                    let sat = monday_of(d)?.checked_add(5.days()).ok()?;
                    return Some((e, When::Span(sat, sat.checked_add(2.days()).ok()?)));
                }
            }
            // "that weekend" is this week's; "the weekend" in a past sentence the last one, the
            // verb before it or after ("Over the weekend they met").
            let tense = local_tense(ctx, i).or_else(|| tense_after(ctx, j + 1));
            let past = !is_word(ctx, i, "that") && tense == Some(false) && !future;
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

/// "the next decade", "the last decade", "this decade": calendar decades.
pub(super) fn decade_word(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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

/// A counted or numbered part of a period: "the first 2 weeks of 2021", "the last
/// four months of 2021", "first ten days of last year", "the third month of 2021",
/// "the 15th day of next month", "the third quarter of 2024", "the first half of the
/// year". Weeks are counted as in `nth_week`.
pub(super) fn part_of_period(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    // (from the start?, how many, ordinal?), and where the unit stands
    let counted = matches!(ctx.low(j), Some("first" | "last"))
        .then(|| small_count(ctx, j + 1))
        .flatten()
        .filter(|&(n, e)| n > 1 && ctx.low(e).is_some_and(|u| u.ends_with('s')));
    let (first, n, ordinal, k) = match counted {
        Some((n, e)) => (is_word(ctx, j, "first"), n, false, e),
        None => {
            let (d, e) = match ctx.toks.get(j)?.kind {
                TokKind::Num => day_at(ctx, j).filter(|&(_, e)| e == j + 2)?,
                _ => spelled_day(ctx, j, false)?,
            };
            (true, i64::from(d), true, e)
        }
    };
    let unit = ctx.low(k)?;
    if !is_word(ctx, k + 1, "of") {
        return None;
    }
    let (e, a, b) = container(ctx, k + 2, future)?;
    // Parts of a year or shorter period: not "the second quarter of the 21st century".
    let days = a.until(b).ok()?.get_days();
    if days > 366 || (matches!(unit, "month" | "quarter" | "half") && days < 365) {
        return None;
    }
    let w = match (ordinal, unit) {
        (true, "day") => When::Day(a.checked_add((n - 1).days()).ok()?),
        (true, "month") => span_from(a.checked_add((n - 1).months()).ok()?, 1.month())?,
        (true, "quarter") if n <= 4 => span_from(a.checked_add((3 * (n - 1)).months()).ok()?, 3.months())?,
        (true, "half") if n <= 2 => span_from(a.checked_add((6 * (n - 1)).months()).ok()?, 6.months())?,
        (false, "days" | "months") => {
            let len = if unit == "days" { n.days() } else { n.months() };
            if first { span_from(a, len)? } else { When::Span(b.checked_sub(len).ok()?, b) }
        }
        (false, "weeks") => {
            let len = (7 * n).days();
            if first {
                span_from(nth_week(a, b, 1)?.start(), len)?
            } else {
                let When::Span(_, z) = nth_week(a, b, -1)? else { return None };
                When::Span(z.checked_sub(len).ok()?, z)
            }
        }
        _ => return None,
    };
    // The part lies inside the period: no "31st day of June", no "fifth quarter".
    let (p, q) = match w {
        When::Day(d) => (d, d.checked_add(1.day()).ok()?),
        When::Span(p, q) => (p, q),
        _ => return None,
    };
    let slack = if unit == "weeks" { 7 } else { 0 };
    if p < a.checked_sub(slack.days()).ok()? || q > b.checked_add(slack.days()).ok()? {
        return None;
    }
    Some((e, w))
}

/// `len` from `a`.
fn span_from(a: Date, len: jiff::Span) -> Option<When> {
    Some(When::Span(a, a.checked_add(len).ok()?))
}

/// The period a part is taken from: "2021", "next month", "the year", "this month",
/// "June" (of the reference year), "June 2020": (end, start, end exclusive).
pub(super) fn container(ctx: &Ctx, k: usize, future: bool) -> Option<(usize, Date, Date)> {
    let r = ctx.reference?;
    if matches!(ctx.low(k), Some("the" | "this"))
        && let Some(When::Span(a, b)) = ctx.low(k + 1).and_then(|u| period(r, u, 0))
    {
        return Some((k + 2, a, b));
    }
    if let Some((m, e)) = month_at(ctx, k) {
        let (y, e) = any_year_at(ctx, e).unwrap_or((r.year(), e));
        let When::Span(a, b) = month_span(y, m)? else { return None };
        return Some((e, a, b));
    }
    match single(ctx, k, future)? {
        (e, When::Span(a, b)) => Some((e, a, b)),
        _ => None,
    }
}
