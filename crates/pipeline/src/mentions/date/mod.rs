//! Dates: absolute ("2 March 2025", "March 2, 2025", "2025-03-02", "March
//! 2025", "FY2025", "Q3 2024"), relative to the reference date ("today",
//! "yesterday", "on Sunday", "last week", "today (2nd)", "on the 2nd", "two
//! days ago"), ranges and periods ("2024-2027", "from 2025 to 2027", "over five
//! years", "by the end of the year"), and times of day ("tomorrow at 5pm").
//!
//! Values: a day `YYYY-MM-DD`; an interval `START/END` (end exclusive) for
//! weeks, months, quarters, years and ranges; a date-time `YYYY-MM-DDTHH:MM:SS`.

use std::cell::RefCell;

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time, Weekday};

use super::number::{flags, parse_number};
use super::{Ctx, Found, MentionKind, MentionValue};
use crate::text::TokKind;

mod calendar;
mod clock;
mod first;
mod holiday;
mod named;
mod open;
mod period;
mod recurring;
mod relative;
mod span;
mod words;

use calendar::*;
use clock::*;
use holiday::*;
use named::*;
use open::*;
use period::*;
use recurring::*;
use relative::*;
use span::*;
use words::*;

pub use first::set_every_form;
pub(super) use first::word_class;
pub(crate) use words::weekday_word;

/// A resolved date expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Day(Date),
    /// Start inclusive, end exclusive.
    Span(Date, Date),
    /// A day and a time.
    At(DateTime),
    /// Two date-times, end exclusive ("5 to 6pm").
    Times(DateTime, DateTime),
    /// From a point on, open at the end ("since 2020": `2020-01-01/..`).
    From(Point),
    /// Up to a point, open at the start ("before March 3": `../2025-03-03`).
    Until(Point),
}

/// One end of an open interval: a day or a date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    Day(Date),
    At(DateTime),
}

impl Point {
    fn render(self) -> String {
        match self {
            Point::Day(d) => d.to_string(),
            Point::At(t) => stamp(t),
        }
    }
    fn date(self) -> Date {
        match self {
            Point::Day(d) => d,
            Point::At(t) => t.date(),
        }
    }
}

/// "2025-03-02T17:00:00": seconds always written, no fraction.
fn stamp(t: DateTime) -> String {
    format!("{}T{:02}:{:02}:{:02}", t.date(), t.hour(), t.minute(), t.second())
}

/// A date-time from a day and a clock reading; `None` when out of range.
fn at(d: Date, h: i8, m: i8, s: i8) -> Option<DateTime> {
    Some(DateTime::from_parts(d, Time::new(h, m, s, 0).ok()?))
}

impl When {
    pub fn render(&self) -> String {
        match self {
            When::Day(d) => d.to_string(),
            When::Span(a, b) => format!("{a}/{b}"),
            When::At(t) => stamp(*t),
            When::Times(a, b) => format!("{}/{}", stamp(*a), stamp(*b)),
            When::From(p) => format!("{}/..", p.render()),
            When::Until(p) => format!("../{}", p.render()),
        }
    }
    /// The first day it covers.
    pub fn start(&self) -> Date {
        match *self {
            When::Day(d) | When::Span(d, _) => d,
            When::At(t) | When::Times(t, _) => t.date(),
            When::From(p) | When::Until(p) => p.date(),
        }
    }
    /// Where it begins, as a day or a date-time.
    fn first(&self) -> Point {
        match *self {
            When::Day(d) | When::Span(d, _) => Point::Day(d),
            When::At(t) | When::Times(t, _) => Point::At(t),
            When::From(p) | When::Until(p) => p,
        }
    }
    /// Where it ends (exclusive): the day after a day, the end of a span.
    fn after(&self) -> Option<Point> {
        Some(match *self {
            When::Day(d) => Point::Day(d.checked_add(1.day()).ok()?),
            When::Span(_, b) => Point::Day(b),
            When::At(t) | When::Times(_, t) => Point::At(t),
            When::From(p) | When::Until(p) => p,
        })
    }
    /// Whether it names a span of time rather than a point.
    fn is_span(&self) -> bool {
        matches!(self, When::Span(..) | When::Times(..))
    }
}

pub fn find(ctx: &mut Ctx, out: &mut Vec<Found>) {
    let n = ctx.toks.len();
    // Where the next word that a date needs stands (a number, a month, "week"…): a start
    // with none within reach ("the", "in", a capital in prose) is not tried at all.
    let mut next_anchor = vec![usize::MAX; n + 1];
    for k in (0..n).rev() {
        let anchor = match ctx.toks[k].kind {
            TokKind::Num => is_date_number(ctx.tok_text(k)),
            // "the fall": the noun after the article is the season ("prices fall" is a verb).
            _ => ctx.facts(k).date_anchor || k > 0 && ctx.low(k) == Some("fall") && ctx.low(k - 1) == Some("the"),
        };
        next_anchor[k] = if anchor { k } else { next_anchor[k + 1] };
    }
    if next_anchor[0] == usize::MAX {
        return;
    }
    let future = is_future(ctx);
    let mut i = 0;
    while i < n {
        if ctx.taken[i]
            || next_anchor[i].saturating_sub(i) > ANCHOR_REACH
            || !(ctx.may_start(i, flags::DATE) || ctx.facts(i).date_start || holiday_start(ctx, i))
        {
            i += 1;
            continue;
        }
        if let Some(end) = recurring(ctx, i) {
            i = end;
            continue;
        }
        if let Some((end, when)) = date_at(ctx, i, future) {
            ctx.take(i, end);
            ctx.date_memo.clear();
            out.push(Found::new(MentionKind::Date, i, end, MentionValue::Date(when.render())));
            i = end;
        } else {
            i += 1;
        }
    }
}

/// Numbers that may be part of a date: days, hours and months (one or two digits),
/// years and four-digit clock times ("2025", "0730"), glued dates ("20250302"),
/// and dotted forms ("5.12", "10.30"). Counts, sums and bill numbers ("5,000",
/// "250", "5376") are not, and most sentences with a figure hold no date.
fn is_date_number(t: &str) -> bool {
    if t.contains(',') {
        return false;
    }
    t.contains('.') || matches!(t.len(), 1 | 2 | 8) || t.len() == 4 && t.as_bytes()[0] <= b'2'
}

/// Lower-case words that may open a date the number flags do not mark.
/// How many words a date may run before the word that makes it one
/// ("by the end of the following year").
const ANCHOR_REACH: usize = 8;

/// Months, weekdays, units and parts of time, day numbers and decades in words:
/// both anchors and starts of dates.
fn is_calendar_word(w: &str) -> bool {
    month_word(w).is_some()
        || weekday_word(w).is_some()
        || unit_word(w).is_some()
        || tens_word(w).is_some()
        || tens_plural(w).is_some()
        || ordinal_day(w).is_some()
        || part_of_day(w).is_some()
}

/// Words without which no date can be read: numbers in words, months, weekdays,
/// parts and units of time, relative days and holiday names.
pub(super) fn is_date_anchor(w: &str) -> bool {
    is_calendar_word(w)
        || unit_span(w, 1).is_some()
        || w.ends_with("day")
        || w.ends_with("days")
        || matches!(
            w,
            "today"
                | "date"
                | "tonight"
                | "tomorrow"
                | "yesterday"
                | "now"
                | "weekend"
                | "weekends"
                | "decade"
                | "decades"
                | "century"
                | "quarter"
                | "quarters"
                | "hour"
                | "hours"
                | "minute"
                | "minutes"
                | "min"
                | "mins"
                | "second"
                | "seconds"
                | "noon"
                | "midnight"
                | "midday"
                | "am"
                | "pm"
                | "a"
                | "p"
                | "fy"
                | "q1"
                | "q2"
                | "q3"
                | "q4"
                | "h1"
                | "h2"
                | "christmas"
                | "xmas"
                | "easter"
                | "thanksgiving"
                | "halloween"
                | "juneteenth"
                | "eve"
                // Seasons ("fall" is a common verb: "fall 2024" is anchored by its year).
                | "spring"
                | "summer"
                | "autumn"
                | "winter"
                | "pentecost"
                | "hogmanay"
                | "hundred"
                | "thousand"
        )
}

pub(super) fn starts_date(w: &str) -> bool {
    is_calendar_word(w)
        || plural_weekday(w)
        || matches!(
            w,
            "before"
                | "after"
                | "since"
                | "until"
                | "till"
                | "til"
                | "prior"
                | "no"
                | "not"
                | "as"
                | "starting"
                | "beginning"
                | "later"
                | "end"
                | "mid"
                | "middle"
                | "early"
                | "late"
                | "start"
                | "half"
                | "quarter"
                | "q"
                | "h"
                | "now"
                | "right"
                | "in"
                | "within"
                | "during"
                | "over"
                | "a"
                | "an"
                | "tonite"
                | "upcoming"
                | "following"
                | "year"
                | "at"
                | "around"
                | "eod"
                | "eoy"
                | "more"
                | "less"
                | "christmas"
                | "xmas"
                | "halloween"
                | "new"
                | "independence"
                | "valentine"
                | "valentines"
                | "the"
                | "that"
                | "week"
                | "weekend"
                | "w"
                | "easter"
                | "thanksgiving"
                | "labor"
                | "labour"
                | "memorial"
                | "good"
                | "black"
                | "boxing"
                | "veterans"
                | "earth"
                | "juneteenth"
                | "mother"
                | "mothers"
                | "father"
                | "fathers"
                | "columbus"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
                | "fiscal"
                | "remembrance"
                | "armistice"
                | "maundy"
                | "shrove"
                | "mardi"
                | "whit"
                | "pentecost"
                | "ascension"
                | "anzac"
                | "bastille"
                | "hogmanay"
                | "bonfire"
                | "inauguration"
                | "next"
                | "last"
                | "this"
                | "previous"
                | "coming"
                | "every"
                | "each"
                | "any"
                | "to"
        )
}

/// Holidays that open with a word common in prose ("President", "Washington", "St",
/// "Canada"): a start there only when the holiday's name follows.
fn holiday_start(ctx: &Ctx, i: usize) -> bool {
    matches!(
        ctx.low(i),
        Some(
            "martin"
                | "presidents"
                | "president"
                | "washington"
                | "st"
                | "saint"
                | "ash"
                | "palm"
                | "holy"
                | "canada"
                | "australia"
                | "guy"
                | "mlk"
        )
    ) && holiday_at(ctx, i).is_some()
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

/// Tries every date form at token `i`: an open interval, a span between two
/// expressions, a single expression; then "or later".
fn date_at(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    let (e, w) = open_range(ctx, i, future)
        .or_else(|| two_point_span(ctx, i, future))
        .or_else(|| point(ctx, i, future))
        .or_else(|| year_or_later(ctx, i))?;
    let (e, w) = or_later(ctx, e, w);
    let (e, w) = span_in_year(ctx, i, e, w);
    ctx.free(i, e).then_some((e, w))
}

/// `single`'s results by start token, for one sentence. The span and period
/// patterns read the same start again and again ("from … to …" reads its first
/// end, then the plain forms read it once more); each start is read once.
/// Cleared whenever tokens are taken, since the patterns check what is free.
#[derive(Default)]
pub struct Memo(RefCell<Vec<Option<Reading>>>);

/// What one start reads: where the expression ends and what it means, or nothing.
type Reading = Option<(usize, When)>;

impl Memo {
    fn get(&self, i: usize) -> Option<Reading> {
        self.0.borrow().get(i).copied().flatten()
    }

    fn put(&self, i: usize, n: usize, found: Reading) {
        let mut m = self.0.borrow_mut();
        if m.len() < n {
            m.resize(n, None);
        }
        if let Some(slot) = m.get_mut(i) {
            *slot = Some(found);
        }
    }

    fn clear(&self) {
        self.0.borrow_mut().clear();
    }
}

/// One date expression with no time composition.
fn single(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    if let Some(found) = ctx.date_memo.get(i) {
        return found;
    }
    let found = single_unmemoised(ctx, i, future);
    ctx.date_memo.put(i, ctx.toks.len(), found);
    found
}

fn single_unmemoised(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    use first::*;
    if every_form() {
        return every_single_form(ctx, i, future);
    }
    let c = classify(ctx, i);
    if c == 0 {
        return None;
    }
    // The forms in `every_single_form`'s order (the first that reads wins), each
    // behind the tokens that can open it.
    macro_rules! forms {
        ($($mask:expr => $form:expr,)*) => {
            $(if c & ($mask) != 0 && let Some(x) = $form {
                return Some(x);
            })*
        };
    }
    forms! {
        NUM => iso_date(ctx, i),
        NUM | NUMBER_WORD | THE | SHIFT | LEAD | FISCAL | HALF | ORDINAL | WEEK | WEEKDAY | SEASON => named(ctx, i, future),
        NUM | MONTH => glued_date(ctx, i),
        NUM => numeric_month(ctx, i),
        THE | NUM | ORDINAL | TENS | SHIFT => part_of_period(ctx, i, future),
        THE | WEEK | SHIFT | HOLIDAY => holiday_weekend(ctx, i),
        THE | WEEK | SHIFT | ORDINAL | NUM => week_period(ctx, i, future),
        THE | SHIFT => business_days(ctx, i),
        NUM | NUMBER_WORD | SHIFT | DIRECTION | COUPLE => counted_span(ctx, i),
        THE | SHIFT => decade_word(ctx, i),
        THE | SHIFT | HOLIDAY => holiday(ctx, i),
        LEAD | NUM | ORDINAL | MONTH => day_range(ctx, i),
        LEAD | MONTH => month_range(ctx, i),
        THE | HALF => the_period(ctx, i),
        THE | NUM | TENS_PLURAL | APOSTROPHE => decade(ctx, i),
        THE | NUM | ORDINAL | TENS => century(ctx, i),
        NUM => dotted_date(ctx, i),
        NUM => slash_date(ctx, i),
        WEEKDAY => weekday_then_date(ctx, i, future),
        NUM | ORDINAL | TENS | UNIT => day_month(ctx, i),
        MONTH => month_day(ctx, i),
        THE | PART => position_in(ctx, i, future),
        MONTH | SHIFT => month_year(ctx, i, future),
        NUM | FISCAL => fiscal_or_quarter(ctx, i),
        LEAD | NUM => year_range(ctx, i),
        NUM | NUMBER_WORD | MORE => offset_from(ctx, i, future),
        THE | SHIFT | RELATIVE | WEEKDAY | NUMBER_WORD | NUM => relative(ctx, i, future),
        NUM | NUMBER_WORD | UNIT | TENS => plain_year(ctx, i),
    }
    None
}

/// Every single form in turn, none skipped: what the index in `single_unmemoised` must match.
fn every_single_form(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    iso_date(ctx, i)
        .or_else(|| named(ctx, i, future))
        .or_else(|| glued_date(ctx, i))
        .or_else(|| numeric_month(ctx, i))
        .or_else(|| part_of_period(ctx, i, future))
        .or_else(|| holiday_weekend(ctx, i))
        .or_else(|| week_period(ctx, i, future))
        .or_else(|| business_days(ctx, i))
        .or_else(|| counted_span(ctx, i))
        .or_else(|| decade_word(ctx, i))
        .or_else(|| holiday(ctx, i))
        .or_else(|| day_range(ctx, i))
        .or_else(|| month_range(ctx, i))
        .or_else(|| the_period(ctx, i))
        .or_else(|| decade(ctx, i))
        .or_else(|| century(ctx, i))
        .or_else(|| dotted_date(ctx, i))
        .or_else(|| slash_date(ctx, i))
        .or_else(|| weekday_then_date(ctx, i, future))
        .or_else(|| day_month(ctx, i))
        .or_else(|| month_day(ctx, i))
        .or_else(|| position_in(ctx, i, future))
        .or_else(|| month_year(ctx, i, future))
        .or_else(|| fiscal_or_quarter(ctx, i))
        .or_else(|| year_range(ctx, i))
        .or_else(|| offset_from(ctx, i, future))
        .or_else(|| relative(ctx, i, future))
        .or_else(|| plain_year(ctx, i))
}

/// A single expression with its time: clock spans with a day, a day with a
/// time or a part of the day, a time with a day, a part of the day alone.
fn point(ctx: &Ctx, i: usize, future: bool) -> Option<(usize, When)> {
    if let Some(x) = pod_modified(ctx, i) {
        return Some(x);
    }
    if let Some(x) = dated_clock_span(ctx, i, future) {
        return Some(x);
    }
    if let Some((e, d, pod)) = day_expr(ctx, i, future) {
        if let Some(x) = time_after_day(ctx, e, d, pod) {
            return Some(x);
        }
        if let Some((a, z)) = pod {
            return pod_times(d, a, z).map(|w| (e, w));
        }
        return Some((e, When::Day(d)));
    }
    if let Some(x) = single(ctx, i, future) {
        return Some(x);
    }
    clock_offset(ctx, i).or_else(|| present(ctx, i)).or_else(|| clock_first(ctx, i, future))
}

#[cfg(test)]
mod tests {
    use crate::mentions::{MentionKind, find_all};

    #[test]
    fn date_numbers() {
        for t in ["3", "31", "2025", "1999", "0730", "20250302", "5.12", "10.30"] {
            assert!(super::is_date_number(t), "{t}");
        }
        for t in ["250", "5,000", "5376", "12345", "1,000.5"] {
            assert!(!super::is_date_number(t), "{t}");
        }
    }

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
            ("fell over the past two quarters", "past two quarters", "2024-07-01/2025-01-01"),
            ("figures for 2024-11 were", "2024-11", "2024-11-01/2024-12-01"),
            ("open April ninth through seventeenth", "April ninth through seventeenth", "2025-04-09/2025-04-18"),
            ("in the third month of 2026", "the third month of 2026", "2026-03-01/2026-04-01"),
            ("spent $2bn to date", "to date", "../2025-03-05"),
            ("built in the 15th century", "the 15th century", "1400-01-01/1500-01-01"),
            ("in October two thousand and five", "October two thousand and five", "2005-10-01/2005-11-01"),
            ("over the Labor Day weekend", "the Labor Day weekend", "2025-08-30/2025-09-02"),
        ];
        for (input, text, value) in cases {
            let got = dates(input, r);
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (*text, *value), "{input}");
        }
    }

    #[test]
    fn with_time_of_day() {
        let r: jiff::civil::Date = "2025-03-05".parse().unwrap();
        let t: jiff::civil::Time = "14:30:00".parse().unwrap();
        let cases: &[(&str, &str, &str)] = &[
            ("The minister is speaking now.", "now", "2025-03-05T14:30:00"),
            ("The vote opens in 5 minutes.", "in 5 minutes", "2025-03-05T14:35:00"),
            ("Talks resumed half an hour ago.", "half an hour ago", "2025-03-05T14:00:00"),
            (
                "Results are due within the next hour.",
                "within the next hour",
                "2025-03-05T14:30:00/2025-03-05T15:30:00",
            ),
            ("Polls close 2 hours later.", "2 hours later", "2025-03-05T16:30:00"),
        ];
        for (input, text, value) in cases {
            let got: Vec<_> = crate::mentions::find_all_at(input, Some(r), Some(t))
                .into_iter()
                .filter(|m| m.kind == MentionKind::Date)
                .map(|m| (m.text, serde_json::to_string(&m.value).unwrap().trim_matches('"').to_string()))
                .collect();
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (*text, *value), "{input}");
        }
        // Without a time of day, "now" is no date.
        assert!(dates("The minister is speaking now.", "2025-03-05").is_empty());
    }

    #[test]
    fn not_dates() {
        for s in [
            "F-16 jets",
            "5,000 missiles",
            "Section 2024(b)",
            "we may march",
            "2025 missiles were sent",
            "meets every Monday",
            "held Tuesdays at 9am",
            "staffed 3pm each day",
            "open Friday mornings",
            "keep it up to date",
        ] {
            assert!(dates(s, "2025-03-05").is_empty(), "{s}: {:?}", dates(s, "2025-03-05"));
        }
    }
}
