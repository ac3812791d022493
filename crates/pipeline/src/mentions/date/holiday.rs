//! Holidays: fixed, nth-weekday and Easter-based days ("Christmas", "Thanksgiving 2024", "Good Friday").

use super::*;

/// Easter Sunday (the anonymous Gregorian computus).
pub(super) fn easter(y: i16) -> Option<Date> {
    let y = y as i32;
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (j, k) = (c / 4, c % 4);
    let m = (a + 11 * h) / 319;
    let l = (2 * e + 2 * j - k - h + m + 32) % 7;
    let month = (h - m + l + 90) / 25;
    let dom = (h - m + l + month + 19) % 32;
    day(y as i16, month as i8, dom as i8)
}

/// The `n`th weekday `wd` of a month (negative: from the end).
pub(super) fn nth_weekday(y: i16, m: i8, wd: Weekday, n: i8) -> Option<Date> {
    let first = day(y, m, 1)?;
    first.nth_weekday_of_month(n, wd).ok()
}

/// A holiday's date in year `y`.
#[derive(Clone, Copy)]
pub(super) enum Holiday {
    Fixed(i8, i8),
    Nth(i8, Weekday, i8),
    Easter(i8),
    /// The day after Thanksgiving.
    BlackFriday,
}

impl Holiday {
    fn on(self, y: i16) -> Option<Date> {
        match self {
            Holiday::Fixed(m, d) => day(y, m, d),
            Holiday::Nth(m, wd, n) => nth_weekday(y, m, wd, n),
            Holiday::Easter(shift) => easter(y)?.checked_add((shift as i64).days()).ok(),
            Holiday::BlackFriday => nth_weekday(y, 11, Weekday::Thursday, 4)?.checked_add(1.day()).ok(),
        }
    }
}

/// Skips "'s" after a word ("New Year's", "Valentine's").
pub(super) fn skip_s(ctx: &Ctx, k: usize) -> usize {
    if (is_punct(ctx, k, "'") || is_punct(ctx, k, "’")) && is_word(ctx, k + 1, "s") { k + 2 } else { k }
}

/// The words a holiday name opens with: the first words `holiday_at` matches (the
/// date index tries the holiday forms only at them, or after "the", "next"…).
pub(super) fn holiday_first_word(w: &str) -> bool {
    matches!(
        w,
        "christmas"
            | "xmas"
            | "new"
            | "independence"
            | "halloween"
            | "valentine"
            | "valentines"
            | "boxing"
            | "veterans"
            | "earth"
            | "juneteenth"
            | "thanksgiving"
            | "labor"
            | "labour"
            | "memorial"
            | "mother"
            | "mothers"
            | "father"
            | "fathers"
            | "columbus"
            | "easter"
            | "good"
            | "ash"
            | "shrove"
            | "mardi"
            | "palm"
            | "maundy"
            | "holy"
            | "ascension"
            | "pentecost"
            | "whit"
            | "martin"
            | "mlk"
            | "presidents"
            | "president"
            | "washington"
            | "inauguration"
            | "st"
            | "saint"
            | "remembrance"
            | "armistice"
            | "may"
            | "canada"
            | "australia"
            | "anzac"
            | "bastille"
            | "hogmanay"
            | "bonfire"
            | "guy"
            | "black"
    )
}

/// A holiday name at `k` (US and common English usage): (holiday, end).
pub(super) fn holiday_at(ctx: &Ctx, k: usize) -> Option<(Holiday, usize)> {
    let w = ctx.low(k)?;
    let day_after = |e: usize| is_word(ctx, skip_s(ctx, e), "day").then(|| skip_s(ctx, e) + 1);
    let eve_or_day = |e: usize| {
        let e = skip_s(ctx, e);
        match ctx.low(e) {
            Some("day") => Some((false, e + 1)),
            Some("eve") => Some((true, e + 1)),
            _ => None,
        }
    };
    let hit = match w {
        "christmas" | "xmas" => match ctx.low(k + 1) {
            Some("eve") => (Holiday::Fixed(12, 24), k + 2),
            Some("day") => (Holiday::Fixed(12, 25), k + 2),
            _ => (Holiday::Fixed(12, 25), k + 1),
        },
        "new" if is_word(ctx, k + 1, "year") || is_word(ctx, k + 1, "years") => match eve_or_day(k + 2)? {
            (true, e) => (Holiday::Fixed(12, 31), e),
            (false, e) => (Holiday::Fixed(1, 1), e),
        },
        "independence" => (Holiday::Fixed(7, 4), day_after(k + 1)?),
        "halloween" => (Holiday::Fixed(10, 31), k + 1),
        "valentine" | "valentines" => (Holiday::Fixed(2, 14), day_after(k + 1)?),
        "boxing" => (Holiday::Fixed(12, 26), day_after(k + 1)?),
        "veterans" => (Holiday::Fixed(11, 11), day_after(k + 1)?),
        "earth" => (Holiday::Fixed(4, 22), day_after(k + 1)?),
        "juneteenth" => (Holiday::Fixed(6, 19), k + 1),
        "thanksgiving" => (Holiday::Nth(11, Weekday::Thursday, 4), day_after(k + 1).unwrap_or(k + 1)),
        "labor" | "labour" => (Holiday::Nth(9, Weekday::Monday, 1), day_after(k + 1)?),
        "memorial" => (Holiday::Nth(5, Weekday::Monday, -1), day_after(k + 1)?),
        "mother" | "mothers" => (Holiday::Nth(5, Weekday::Sunday, 2), day_after(k + 1)?),
        "father" | "fathers" => (Holiday::Nth(6, Weekday::Sunday, 3), day_after(k + 1)?),
        "columbus" => (Holiday::Nth(10, Weekday::Monday, 2), day_after(k + 1)?),
        "easter" => match ctx.low(k + 1) {
            Some("monday") => (Holiday::Easter(1), k + 2),
            Some("sunday") => (Holiday::Easter(0), k + 2),
            _ => (Holiday::Easter(0), k + 1),
        },
        "good" if is_word(ctx, k + 1, "friday") => (Holiday::Easter(-2), k + 2),
        // The movable feasts around Easter.
        "ash" if is_word(ctx, k + 1, "wednesday") => (Holiday::Easter(-46), k + 2),
        "shrove" if is_word(ctx, k + 1, "tuesday") => (Holiday::Easter(-47), k + 2),
        "mardi" if is_word(ctx, k + 1, "gras") => (Holiday::Easter(-47), k + 2),
        "palm" if is_word(ctx, k + 1, "sunday") => (Holiday::Easter(-7), k + 2),
        "maundy" if is_word(ctx, k + 1, "thursday") => (Holiday::Easter(-3), k + 2),
        "holy" if is_word(ctx, k + 1, "saturday") => (Holiday::Easter(-1), k + 2),
        "ascension" => (Holiday::Easter(39), day_after(k + 1)?),
        "pentecost" => (Holiday::Easter(49), if is_word(ctx, k + 1, "sunday") { k + 2 } else { k + 1 }),
        "whit" => match ctx.low(k + 1) {
            Some("sunday") => (Holiday::Easter(49), k + 2),
            Some("monday") => (Holiday::Easter(50), k + 2),
            _ => return None,
        },
        // US federal Mondays: "Martin Luther King Jr. Day", "MLK Day", "Presidents' Day".
        "martin" if is_word(ctx, k + 1, "luther") && is_word(ctx, k + 2, "king") => {
            let mut e = k + 3;
            if is_word(ctx, e, "jr") {
                e += if is_punct(ctx, e + 1, ".") { 2 } else { 1 };
            }
            (Holiday::Nth(1, Weekday::Monday, 3), day_after(e)?)
        }
        "mlk" => (Holiday::Nth(1, Weekday::Monday, 3), day_after(k + 1)?),
        "presidents" | "president" => {
            let e = if is_punct(ctx, k + 1, "'") || is_punct(ctx, k + 1, "’") { k + 2 } else { k + 1 };
            (Holiday::Nth(2, Weekday::Monday, 3), day_after(e)?)
        }
        "washington" if is_word(ctx, skip_s(ctx, k + 1), "birthday") => {
            (Holiday::Nth(2, Weekday::Monday, 3), skip_s(ctx, k + 1) + 1)
        }
        "inauguration" => (Holiday::Fixed(1, 20), day_after(k + 1)?),
        // Fixed days of the English-speaking world.
        "st" | "saint" => {
            let j = if is_punct(ctx, k + 1, ".") { k + 2 } else { k + 1 };
            let fixed = match ctx.low(j)? {
                "patrick" => Holiday::Fixed(3, 17),
                "george" => Holiday::Fixed(4, 23),
                "andrew" => Holiday::Fixed(11, 30),
                "david" => Holiday::Fixed(3, 1),
                "valentine" => Holiday::Fixed(2, 14),
                _ => return None,
            };
            (fixed, day_after(j + 1)?)
        }
        "remembrance" | "armistice" => (Holiday::Fixed(11, 11), day_after(k + 1)?),
        "may" if is_word(ctx, k + 1, "day") && ctx.tok_text(k).starts_with('M') => (Holiday::Fixed(5, 1), k + 2),
        "canada" => (Holiday::Fixed(7, 1), day_after(k + 1)?),
        "australia" => (Holiday::Fixed(1, 26), day_after(k + 1)?),
        "anzac" => (Holiday::Fixed(4, 25), day_after(k + 1)?),
        "bastille" => (Holiday::Fixed(7, 14), day_after(k + 1)?),
        "hogmanay" => (Holiday::Fixed(12, 31), k + 1),
        "bonfire" if is_word(ctx, k + 1, "night") => (Holiday::Fixed(11, 5), k + 2),
        "guy" if is_word(ctx, k + 1, "fawkes") && is_word(ctx, k + 2, "night") => (Holiday::Fixed(11, 5), k + 3),
        "black" if is_word(ctx, k + 1, "friday") => (Holiday::BlackFriday, k + 2),
        _ => return None,
    };
    Some(hit)
}

/// "Christmas", "this Christmas", "next Easter", "Christmas 2018",
/// "Independence Day of this year", "Thanksgiving of 2020".
pub(super) fn holiday(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let r = ctx.reference?;
    let lead = ctx.low(i)?;
    let dir = match lead {
        "next" | "following" | "coming" => Some(1),
        "last" | "previous" | "past" => Some(-1),
        "this" => Some(0),
        _ => None,
    };
    let k = if dir.is_some() || lead == "the" { i + 1 } else { i };
    let (h, e) = holiday_at(ctx, k)?;
    // Part of a name: "the Good Friday Agreement", "Independence Day Parade".
    let capital = |j: usize| {
        ctx.toks.get(j).is_some_and(|t| t.kind == TokKind::Word && ctx.tok_text(j).starts_with(char::is_uppercase))
    };
    if capital(e) && month_at(ctx, e).is_none() && weekday_at(ctx, e).is_none() && !is_word(ctx, e, "weekend") {
        return None;
    }
    let (y, e) = if let Some(y) = year_at(ctx, e) {
        (y, e + 1)
    } else if is_word(ctx, e, "of")
        && let Some(y) = year_at(ctx, e + 1)
    {
        (y, e + 2)
    } else if is_word(ctx, e, "of")
        && let Some(sh) = match ctx.low(e + 1) {
            Some("this") => Some(0i16),
            Some("next") => Some(1),
            Some("last") => Some(-1),
            _ => None,
        }
        && is_word(ctx, e + 2, "year")
    {
        (r.year().checked_add(sh)?, e + 3)
    } else {
        let y = r.year();
        // A bare holiday follows the tense, as a bare month does: "will close on
        // Presidents' Day" in March is next year's, "met on Christmas Eve" in May last year's.
        let tense = if dir.is_none() { local_tense(ctx, i) } else { None };
        match dir {
            Some(1) if h.on(y)? <= r => (y + 1, e),
            Some(-1) if h.on(y)? >= r => (y - 1, e),
            None if tense == Some(true) && h.on(y)? < r => (y + 1, e),
            None if tense == Some(false) && h.on(y)? > r => (y - 1, e),
            _ => (y, e),
        }
    };
    Some((e, When::Day(h.on(y)?)))
}

/// A holiday's weekend: "labor day weekend", "Thanksgiving 2023 weekend", "the
/// weekend of Halloween". It runs from the Saturday before a Monday-to-Wednesday
/// holiday, or from a Thursday-to-Sunday holiday, through the weekend and the holiday.
pub(super) fn holiday_weekend(ctx: &Ctx, i: usize) -> Option<(usize, When)> {
    let j = if is_word(ctx, i, "the") { i + 1 } else { i };
    let (e, d) = if is_word(ctx, j, "weekend") && is_word(ctx, j + 1, "of") {
        let (e, When::Day(d)) = holiday(ctx, j + 2)? else { return None };
        (e, d)
    } else {
        let (e, When::Day(d)) = holiday(ctx, i)? else { return None };
        if !is_word(ctx, e, "weekend") {
            return None;
        }
        // "halloween weekend 2021"
        match year_at(ctx, e + 1).zip(holiday_at(ctx, i).or_else(|| holiday_at(ctx, i + 1))) {
            Some((y, (h, _))) => (e + 2, h.on(y)?),
            None => (e + 1, d),
        }
    };
    let wd = i64::from(d.weekday().to_monday_zero_offset());
    let (a, z) = match wd {
        0..=2 => (d.checked_sub((wd + 2).days()).ok()?, d.checked_add(1.day()).ok()?),
        6 => (d.checked_sub(1.day()).ok()?, d.checked_add(1.day()).ok()?),
        _ => (d, d.checked_add((7 - wd).days()).ok()?),
    };
    Some((e, When::Span(a, z)))
}
