//! Recurring times ("every Monday", "Tuesdays at 9am", "3pm each day", "Friday
//! mornings", "any weekend"): they name no single date, so they are read only to be
//! skipped, and the weekday or clock inside them gives no mention.

use super::*;

/// The end of a recurring expression starting at `i`.
pub(super) fn recurring(ctx: &Ctx, i: usize) -> Option<usize> {
    let w = ctx.low(i).unwrap_or("");
    match w {
        "every" | "each" => {
            let mut k = i + 1;
            if is_word(ctx, k, "other") {
                k += 1;
            } else if let Some((_, e)) = small_count(ctx, k) {
                k = e;
            }
            let unit = ctx.low(k)?;
            if weekday_word(unit).is_some() || part_of_day(unit).is_some() {
                return Some(time_tail(ctx, k + 1));
            }
            is_recurring_unit(unit).then_some(k + 1)
        }
        "any" => ctx.low(i + 1).filter(|u| is_recurring_unit(u)).map(|_| i + 2),
        _ if plural_weekday(w) => Some(time_tail(ctx, i + 1)),
        // "Friday mornings", "tuesday afternoons"
        _ if weekday_word(w).is_some_and(|(_, abbr)| !abbr) => {
            let p = ctx.low(i + 1)?.strip_suffix('s')?;
            part_of_day(p).map(|_| time_tail(ctx, i + 2))
        }
        // "3pm each day", "9:30 every morning"
        _ => {
            let c = clock_at(ctx, i).filter(|c| c.firm)?;
            if !matches!(ctx.low(c.end), Some("each" | "every")) {
                return None;
            }
            let unit = ctx.low(c.end + 1)?;
            (is_recurring_unit(unit) || weekday_word(unit).is_some() || part_of_day(unit).is_some())
                .then_some(c.end + 2)
        }
    }
}

/// Units a recurrence counts in: "every day", "each week", "any weekend".
fn is_recurring_unit(w: &str) -> bool {
    matches!(
        w,
        "day"
            | "days"
            | "week"
            | "weeks"
            | "fortnight"
            | "month"
            | "months"
            | "quarter"
            | "quarters"
            | "year"
            | "years"
            | "weekend"
            | "weekends"
            | "weekday"
            | "weekdays"
            | "hour"
            | "hours"
    )
}

/// "mondays", "Tuesdays": a weekday every week.
pub(super) fn plural_weekday(w: &str) -> bool {
    w.strip_suffix('s').and_then(weekday_word).is_some_and(|(_, abbr)| !abbr)
}

/// A clock time belonging to the recurrence: "at 9am", "at 17.30", "at 2-3pm".
fn time_tail(ctx: &Ctx, e: usize) -> usize {
    if !is_word(ctx, e, "at") {
        return e;
    }
    if let Some((_, _, end, _)) = clock_span(ctx, e + 1) {
        return end;
    }
    clock_at(ctx, e + 1).map_or(e, |c| c.end)
}
