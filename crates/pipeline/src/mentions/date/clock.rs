//! Times of day: clock readings, parts of the day, clock spans and their days, offsets in hours and minutes.

use super::*;

/// "now", "right now", "at the moment", "at present": the reference moment.
pub(super) fn present(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
pub(super) fn clock_amount(ctx: &Ctx, k: usize) -> Option<(i64, usize)> {
    if is_word(ctx, k, "half") && matches!(ctx.low(k + 1), Some("an" | "a")) && is_word(ctx, k + 2, "hour") {
        return Some((1800, k + 3));
    }
    let (n, e) = if matches!(ctx.low(k), Some("a" | "an")) { (1, k + 1) } else { small_count(ctx, k)? };
    Some((n * clock_unit(ctx.low(e)?)?, e + 1))
}

/// Seconds in a clock unit word.
pub(super) fn clock_unit(w: &str) -> Option<i64> {
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
pub(super) fn clock_offset(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let t = ctx.now?;
    let shift = |secs: i64| t.checked_add(secs.seconds()).ok();
    let w = ctx.low(i).unwrap_or("");
    let j = if matches!(w, "in" | "within" | "over" | "during") && is_word(ctx, i + 1, "the") { i + 2 } else { i + 1 };
    // "the next hour", "next 5 minutes", "within the past 2 hours"
    let (k, lead) = if matches!(w, "within" | "over" | "during" | "in" | "the") { (j, Some(w)) } else { (i, None) };
    if let Some(fwd) = count_direction(ctx.low(k)) {
        let (secs, e) = clock_amount(ctx, k + 1).or_else(|| Some((clock_unit(ctx.low(k + 1)?)?, k + 2)))?;
        return Some((e, stretch(t, shift(if fwd { secs } else { -secs })?)));
    }
    // "5 coming minutes", "5 past minutes"
    if let Some((n, e)) = small_count(ctx, k)
        && let Some(fwd) = count_direction(ctx.low(e))
        && let Some(u) = ctx.low(e + 1).filter(|u| n == 1 || u.ends_with('s')).and_then(clock_unit)
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
pub(super) fn stretch(a: DateTime, b: DateTime) -> When {
    if a <= b { When::Times(a, b) } else { When::Times(b, a) }
}

/// A part of the day: (start hour, end hour; 24 is the last second).
pub(super) type Pod = (i8, i8);

/// Recognizers' parts of the day, as (start hour, end hour; 24 is the last second).
pub(super) fn part_of_day(w: &str) -> Option<(i8, i8)> {
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
pub(super) fn pod_modified(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
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
pub(super) fn pod_times(d: Date, a: i8, z: i8) -> Option<When> {
    let end = if z >= 24 { at(d, 23, 59, 59)? } else { at(d, z, 0, 0)? };
    Some(When::Times(at(d, a, 0, 0)?, end))
}

/// A part of day right after a day: "morning", "in the morning", "at night", "am".
pub(super) fn pod_after(ctx: &Ctx, e: usize) -> Option<((i8, i8), usize)> {
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
pub(super) fn day_expr(ctx: &Ctx, j: usize, future: bool) -> Option<(usize, Date, Option<Pod>)> {
    let r = ctx.reference?;
    let w = ctx.low(j);
    match w {
        Some("tonight" | "tonite") => return Some((j + 1, r, Some((20, 24)))),
        Some("this" | "today") if let Some(p) = ctx.low(j + 1).and_then(part_of_day) => {
            return Some((j + 2, r, Some(p)));
        }
        // "last night", "last morning", "next evening": the day before or after.
        Some(x @ ("last" | "next")) if let Some(p) = ctx.low(j + 1).and_then(part_of_day) => {
            let d = if x == "last" { r.checked_sub(1.day()).ok()? } else { r.checked_add(1.day()).ok()? };
            return Some((j + 2, d, Some(p)));
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
pub(super) struct Clock {
    pub(super) h: i8,
    pub(super) m: i8,
    pub(super) s: i8,
    pub(super) pm: Option<bool>,
    pub(super) firm: bool,
    pub(super) end: usize,
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
pub(super) fn hour_word(w: &str) -> Option<i8> {
    const H: &[&str] =
        &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    H.iter().position(|x| *x == w).map(|p| p as i8 + 1)
}

/// Spelled minutes after a spelled hour: "thirty", "forty five", "twenty-seven", "fifteen".
pub(super) fn minute_words(ctx: &Ctx, k: usize) -> Option<(i8, usize)> {
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
pub(super) fn meridiem_phrase(ctx: &Ctx, e: usize) -> Option<(bool, usize)> {
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
pub(super) fn clock_at(ctx: &Ctx, k: usize) -> Option<Clock> {
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
        // "by 0.25 percentage point", "by 1.50 %": a figure that a measure follows is no time.
        let measure_next = ctx.tok_text(c.end) == "%"
            || ctx.low(c.end).is_some_and(|w| {
                matches!(w, "per" | "percent" | "percentage" | "pct" | "points" | "point")
                    || crate::mentions::number::scale_word(w).is_some()
            });
        c.firm = !measure_next
            && k > 0
            && matches!(ctx.low(k - 1), Some("at" | "from" | "until" | "till" | "by" | "before" | "after"));
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
pub(super) fn clock_on(d: Date, c: Clock, hint: Option<bool>) -> Option<DateTime> {
    at(d, c.hour(hint), c.m, c.s)
}

/// Whether a part of the day (start hour) makes bare hours pm.
pub(super) fn pm_hint(pod: Option<(i8, i8)>) -> Option<bool> {
    pod.map(|(a, _)| a >= 12)
}

/// "5 to 6pm", "between 3pm and 5pm", "9-10 am", "from 10:30 to 3": two clock
/// times. Returns (first, second, end, led by from/between).
pub(super) fn clock_span(ctx: &Ctx, i: usize) -> Option<(Clock, Clock, usize, bool)> {
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
pub(super) fn span_times(d: Date, a: Clock, b: Clock, hint: Option<bool>) -> Option<When> {
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
pub(super) fn dated_clock_span(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let mut j = i;
    let mut date = None;
    let mut pod = None;
    if let Some((e, d, p)) = day_expr(ctx, i, future).or_else(|| the_day_number(ctx, i)) {
        // "Tuesday at 2:00 - 2:30 pm", "December 12th, 4-6pm"
        j = if is_punct(ctx, e, ",") || is_word(ctx, e, "at") { e + 1 } else { e };
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

/// "the 17" before a clock span: that day of the reference month.
fn the_day_number(ctx: &Ctx, i: usize) -> Option<(usize, Date, Option<Pod>)> {
    let r = ctx.reference?;
    if !is_word(ctx, i, "the") || ctx.toks.get(i + 1)?.kind != TokKind::Num || month_at(ctx, i + 2).is_some() {
        return None;
    }
    let (d, e) = day_at(ctx, i + 1)?;
    Some((e, day(r.year(), r.month(), d)?, None))
}

/// A time after a day: "tomorrow at 5pm", "March 3, 10:30", "tonight around 7",
/// "today before 4pm", "Tuesday after 1pm".
pub(super) fn time_after_day(ctx: &Ctx, end: usize, d: Date, pod: Option<(i8, i8)>) -> Option<(usize, When)> {
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
pub(super) fn clock_first(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    // "at 7", "around 7": the word is left out, but lets a bare hour count.
    let lead = i > 0 && matches!(ctx.low(i - 1), Some("at" | "around"));
    let c = clock_at(ctx, i)?;
    let mut j = c.end;
    if is_word(ctx, j, "on") || is_word(ctx, j, "of") || is_punct(ctx, j, ",") {
        j += 1;
    }
    if let Some((e2, d, pod)) = day_expr(ctx, j, future) {
        // "7 tonight" may stand without "at", but not after a word ("building 4 this afternoon").
        let loose_ok = matches!(ctx.low(j), Some("tonight" | "tonite" | "this" | "today" | "tomorrow"))
            && (i == 0 || ctx.toks[i - 1].kind == TokKind::Punct);
        if !c.firm && !lead && !loose_ok {
            return None;
        }
        return clock_on(d, c, pm_hint(pod)).map(|t| (e2, When::At(t)));
    }
    if !c.firm {
        return None;
    }
    Some((c.end, When::At(clock_on(ctx.reference?, c, None)?)))
}
