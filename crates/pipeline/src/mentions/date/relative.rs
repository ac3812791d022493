//! Dates relative to the reference day: "yesterday", "last Friday", "next month", "two days ago", "over five years".

use super::*;

/// "three weeks from tomorrow", "3 days after January 12th", "two weeks before
/// today", "more than 2 weeks after today" (open).
pub(super) fn offset_from(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let more = matches!(ctx.low(i), Some("more" | "less")) && is_word(ctx, i + 1, "than");
    let j = if more { i + 2 } else { i };
    let (count, u) = unit_count(ctx, j, 1000)?;
    let span = unit_span(ctx.low(u)?, count)?;
    let back = match ctx.low(u + 1)? {
        "from" | "after" => false,
        "before" => true,
        // "three weeks later", "a week earlier": counted from the reference day.
        "later" if !more => return Some((u + 2, When::Day(ctx.reference?.checked_add(span).ok()?))),
        "earlier" if !more => return Some((u + 2, When::Day(ctx.reference?.checked_sub(span).ok()?))),
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

/// Relative expressions: today, yesterday, on Sunday, last week, N days ago,
/// over five years, by the end of the year, on the 2nd, earlier this year.
pub(super) fn relative(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let r = ctx.reference?;
    // "3 years ago", "10 days from now": a figure opens only a count of units.
    let Some(w) = ctx.low(i) else { return number_of_units(ctx, i, r) };
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
    // "falls on a Friday": any Friday, no day.
    let indefinite = dir.is_none() && i > 0 && matches!(ctx.low(i - 1), Some("a" | "any" | "every" | "each"));
    if let Some(wd) = weekday_at(ctx, wd_at).filter(|_| !indefinite) {
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
    if let Some(p) = shift_word(w).and_then(|k| period(r, ctx.low(i + 1)?, k)) {
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

/// How many periods a word of relative time moves from the reference's: "this"/"current" 0,
/// "last"/"past"/"previous" back one, "next"/"coming"/"following" on one ("last winter", "this week").
pub(super) fn shift_word(w: &str) -> Option<i64> {
    match w {
        "this" | "current" => Some(0),
        "last" | "past" | "previous" => Some(-1),
        "next" | "coming" | "following" => Some(1),
        _ => None,
    }
}

/// A verb in the past tense: a common irregular one, or a word ending in "-ed".
fn past_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "told"
            | "announced"
            | "was"
            | "were"
            | "met"
            | "visited"
            | "signed"
            | "confirmed"
            | "agreed"
            | "approved"
            | "had"
            | "did"
            | "wrote"
            | "spoke"
            | "made"
            | "took"
            | "held"
            | "gave"
            | "sent"
            | "unveiled"
            | "pledged"
            | "added"
            | "stated"
            | "declared"
            // Irregular pasts that no present shares ("hit", "set", "cut" are left out).
            | "began"
            | "came"
            | "went"
            | "saw"
            | "fell"
            | "rose"
            | "grew"
            | "won"
            | "lost"
            | "left"
            | "brought"
            | "built"
            | "bought"
            | "sold"
            | "paid"
            | "fought"
            | "struck"
            | "ran"
            | "became"
            | "kept"
    ) || w.len() > 4 && w.ends_with("ed")
}

/// The tense of the verb just before a date ("said on Tuesday" is past even in
/// a sentence that also says "will").
pub(super) fn local_tense(ctx: &Ctx, i: usize) -> Option<bool> {
    for k in (i.saturating_sub(4)..i).rev() {
        let Some(w) = ctx.low(k) else { continue };
        // "will be held on Tuesday", "is held on the last Friday of May": a passive participle
        // after a present or bare "be" says nothing of the tense.
        let passive = k > 0 && matches!(ctx.low(k - 1), Some("be" | "is" | "are" | "am"));
        match w {
            _ if passive => {}
            "will" | "shall" | "ll" | "due" | "scheduled" | "expected" | "until" => return Some(true),
            w if past_verb(w) => return Some(false),
            _ => {}
        }
    }
    None
}

/// The tense of a verb just after a fronted date ("Over the weekend they met", "At the weekend,
/// the minister said"): the first of the next few words that says one.
pub(super) fn tense_after(ctx: &Ctx, e: usize) -> Option<bool> {
    (e..(e + 5).min(ctx.toks.len())).find_map(|k| match ctx.low(k)? {
        "will" | "shall" => Some(true),
        w if past_verb(w) => Some(false),
        _ => None,
    })
}

/// "(2nd)" after today/a weekday: confirms or fixes the day of the month.
pub(super) fn with_day_in_brackets(ctx: &Ctx, e: usize, when: When) -> (usize, When) {
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
pub(super) fn earlier_later(earlier: bool, r: Date, unit: &str, a: Date, z: Date) -> Option<When> {
    let mid = period_middle(unit, a).unwrap_or(r);
    if earlier {
        let end = if r > a { r.min(mid) } else { mid };
        return Some(When::Span(a, end));
    }
    let start = r.max(mid);
    (start < z).then_some(When::Span(start, z))
}

/// Where the later half of a period starts: Thursday, the 16th, or July 1st.
pub(super) fn period_middle(unit: &str, a: Date) -> Option<Date> {
    match unit {
        "week" => a.checked_add(3.days()).ok(),
        "month" => day(a.year(), a.month(), 16),
        "year" => day(a.year(), 7, 1),
        _ => None,
    }
}

/// The week (Monday-start), month or year containing `r`, moved by `k` units.
pub(super) fn period(r: Date, unit: &str, k: i64) -> Option<When> {
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
        "fortnight" => {
            // Two weeks from this week's Monday: "next fortnight" follows it.
            let a = monday_of(r)?.checked_add((14 * k).days()).ok()?;
            Some(When::Span(a, a.checked_add(14.days()).ok()?))
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
pub(super) fn number_of_units(ctx: &Ctx, i: usize, r: Date) -> Option<(usize, When)> {
    let w = ctx.low(i).unwrap_or("");
    let lead = matches!(w, "in" | "over" | "within" | "for");
    let mut j = if lead { i + 1 } else { i };
    // "over the next three years", "within next 10 months", "in the past two weeks"
    let mut dir = None;
    if lead {
        let k = if is_word(ctx, j, "the") { j + 1 } else { j };
        dir = match ctx.low(k) {
            Some("next" | "coming" | "following") => Some(true),
            Some("past" | "last" | "previous") => Some(false),
            _ => None,
        };
        if dir.is_some() {
            j = k + 1;
        }
    }
    let past = dir == Some(false);
    let (count, end) = unit_count(ctx, j, 100)?;
    let span = unit_span(ctx.low(end)?, count)?;
    let e = end + 1;
    // "the last four months of 2021" is a part of that year ("within 90 days of" is not).
    if dir.is_some() && is_word(ctx, e, "of") && container(ctx, e + 1, false).is_some() {
        return None;
    }
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
        // "in the next two days": whole days from tomorrow.
        "in" if dir == Some(true) => {
            let a = r.checked_add(1.day()).ok()?;
            Some((e, When::Span(a, a.checked_add(span).ok()?)))
        }
        "in" if !past => Some((e, When::Day(r.checked_add(span).ok()?))),
        _ if past => Some((e, When::Span(r.checked_sub(span).ok()?, r))),
        "over" | "within" | "for" => Some((e, When::Span(r, r.checked_add(span).ok()?))),
        _ => None,
    }
}

/// "the next 4 business days", "the previous 3 working days": whole days,
/// skipping weekends, from tomorrow or back to yesterday.
pub(super) fn business_days(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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

/// Counted spans with the direction after the number or before it: "5
/// upcoming years", "10 previous weeks", "past 3 months", "next couple
/// weeks": forward from tomorrow, back up to the reference day.
pub(super) fn counted_span(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let j = i;
    let (fwd, count, e) = if let Some(f) = count_direction(ctx.low(j)) {
        let (c, e) = small_count(ctx, j + 1)?;
        (f, c, e)
    } else {
        let (c, e) = small_count(ctx, j)?;
        (count_direction(ctx.low(e))?, c, e + 1)
    };
    let unit = ctx.low(e)?;
    // "only 3 next week": the number counts something else; "of 2021" makes it a part of a period.
    if (count > 1 && !unit.ends_with('s')) || (is_word(ctx, e + 1, "of") && container(ctx, e + 2, false).is_some()) {
        return None;
    }
    // Whole quarters before or after the current one.
    if unit.starts_with("quarter") {
        let When::Span(q, _) = period(r, "quarter", 0)? else { return None };
        let (a, b) = if fwd {
            let a = q.checked_add(3.months()).ok()?;
            (a, a.checked_add((3 * count).months()).ok()?)
        } else {
            (q.checked_sub((3 * count).months()).ok()?, q)
        };
        return Some((e + 1, When::Span(a, b)));
    }
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

/// A whole count of units and where it ends: "a" or "an" (one), "a couple of" (two), or a
/// figure up to `max` ("3", "three").
fn unit_count(ctx: &Ctx, j: usize, max: u32) -> Option<(i64, usize)> {
    if is_word(ctx, j, "a") && is_word(ctx, j + 1, "couple") && is_word(ctx, j + 2, "of") {
        return Some((2, j + 3));
    }
    if is_word(ctx, j, "a") || is_word(ctx, j, "an") {
        return Some((1, j + 1));
    }
    let n = parse_number(ctx, j)?;
    if n.vague || n.value.fract() != rust_decimal::Decimal::ZERO || n.value > rust_decimal::Decimal::from(max) {
        return None;
    }
    Some((n.value.try_into().ok()?, n.end))
}
