//! The number words: units, tens, scales ("million", "bn", "crore"), dozens,
//! denominators ("third", "quarters"), and the flags that say what a word may start.

use rust_decimal::Decimal;

/// Lowercases a short word into `buf` for matching (ASCII letters only, so
/// "zł" stays itself); `None` if it is too long. No allocation.
pub fn lower<'b>(s: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let b = s.as_bytes();
    let out = buf.get_mut(..b.len())?;
    out.copy_from_slice(b);
    let out = std::str::from_utf8_mut(out).ok()?;
    out.make_ascii_lowercase();
    Some(out)
}

/// What a word may start: a number, a date, an ordinal (bit flags, computed once per token).
pub mod flags {
    pub const NUMBER: u8 = 1;
    pub const DATE: u8 = 2;
    pub const ORDINAL: u8 = 4;
    pub const CAPITAL: u8 = 8;
}

/// The flags of a lowercase word.
pub fn word_flags(w: &str) -> u8 {
    let mut f = 0;
    if unit_value(w).is_some()
        || tens_value(w).is_some()
        || scale_word(w).is_some()
        || matches!(
            w,
            "a" | "an"
                | "another"
                | "half"
                | "dozen"
                | "dozens"
                | "tens"
                | "scores"
                | "quarter"
                | "quarters"
                | "hundreds"
                | "minus"
        )
    {
        f |= flags::NUMBER;
    }
    if matches!(
        w,
        "today"
            | "tonight"
            | "yesterday"
            | "tomorrow"
            | "the"
            | "on"
            | "by"
            | "in"
            | "over"
            | "within"
            | "for"
            | "from"
            | "between"
            | "earlier"
            | "later"
            | "last"
            | "past"
            | "next"
            | "coming"
            | "this"
            | "current"
            | "previous"
            | "fiscal"
            | "noon"
            | "midnight"
            | "midday"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "fy"
            | "q"
    ) || f & flags::NUMBER != 0
    {
        f |= flags::DATE;
    }
    if tens_value(w).is_some()
        || w.ends_with("th")
        || matches!(w, "first" | "second" | "third" | "fifth" | "eighth" | "ninth" | "twelfth")
        || unit_value(w).is_some()
    {
        f |= flags::ORDINAL;
    }
    f
}

/// Units and teens.
pub fn unit_value(w: &str) -> Option<u32> {
    Some(match w {
        "zero" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

pub fn tens_value(w: &str) -> Option<u32> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Scale words that may follow a number after a space.
pub fn scale_word(w: &str) -> Option<Decimal> {
    Some(match w {
        "hundred" => Decimal::from(100),
        "thousand" | "thousands" => Decimal::from(1_000),
        "million" | "millions" | "mn" | "mln" | "mio" => Decimal::from(1_000_000),
        "billion" | "billions" | "bn" | "bln" => Decimal::from(1_000_000_000u64),
        "trillion" | "trillions" | "tn" | "trn" => Decimal::from(1_000_000_000_000u64),
        // Indian scales: a lakh is a hundred thousand, a crore ten million ("lac" is a variant spelling).
        "lakh" | "lakhs" | "lac" | "lacs" => Decimal::from(100_000),
        "crore" | "crores" => Decimal::from(10_000_000),
        _ => return None,
    })
}

/// Scale suffixes written against the digits ("5k", "1.6bn", "300m").
pub(super) fn scale_suffix(w: &str) -> Option<Decimal> {
    match w {
        "k" => Some(Decimal::from(1_000)),
        "m" => Some(Decimal::from(1_000_000)),
        "b" => Some(Decimal::from(1_000_000_000u64)),
        "hundred" => None,
        _ => scale_word(w),
    }
}

/// Units of time: "1 in 10 years" is no ratio.
pub(super) fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "hour"
            | "hours"
            | "minutes"
            | "decades"
    )
}

/// "3 dozen", "three dozens": twelve each.
pub(super) fn dozen(w: &str) -> Option<Decimal> {
    matches!(w, "dozen" | "dozens").then(|| Decimal::from(12))
}

/// The denominator a fraction word names ("fifths" → 5).
pub fn denominator(w: &str) -> Option<u32> {
    Some(match w {
        "half" | "halves" => 2,
        "third" | "thirds" => 3,
        "quarter" | "quarters" | "fourth" | "fourths" => 4,
        "fifth" | "fifths" => 5,
        "sixth" | "sixths" => 6,
        "seventh" | "sevenths" => 7,
        "eighth" | "eighths" => 8,
        "ninth" | "ninths" => 9,
        "tenth" | "tenths" => 10,
        _ => return None,
    })
}

/// Whether a value is a tens word's (20, 30, … 90).
pub(super) fn tens_value_of(v: Decimal) -> bool {
    v >= Decimal::from(20) && v < Decimal::ONE_HUNDRED && (v % Decimal::TEN).is_zero()
}

/// Scale words spelt out in full ("hundred", "million"), not abbreviations or plurals.
pub(super) fn full_scale_word(w: &str) -> Option<Decimal> {
    matches!(w, "hundred" | "thousand" | "million" | "billion" | "trillion").then(|| scale_word(w)).flatten()
}
