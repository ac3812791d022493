//! Numbers as written: digits with separators, decimals, scales ("1.6bn",
//! "5 000", "1.5 million"), words ("two hundred and fifty", "a dozen",
//! "half a billion", "a quarter of a million"), fractions, and vague counts
//! ("tens of thousands of").

use rust_decimal::Decimal;

use super::Ctx;
use crate::text::TokKind;

/// A number read from tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Num {
    pub value: Decimal,
    /// For vague counts: the exclusive upper bound ("hundreds" → 100..1000).
    pub upper: Option<Decimal>,
    pub start: usize,
    pub end: usize,
    /// Whether a scale word or suffix multiplied it ("1.6bn", "five million").
    pub scaled: bool,
    /// The multiplier of its last scale word (1 when none): "£1-2bn" carries it to the lower bound.
    pub scale: Decimal,
    /// Written (partly) in words.
    pub words: bool,
    /// A vague count ("hundreds of"): the value is approximate.
    pub vague: bool,
}

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
        "lakh" => Decimal::from(100_000),
        "crore" => Decimal::from(10_000_000),
        _ => return None,
    })
}

/// Scale suffixes written against the digits ("5k", "1.6bn", "300m").
fn scale_suffix(w: &str) -> Option<Decimal> {
    match w {
        "k" => Some(Decimal::from(1_000)),
        "m" => Some(Decimal::from(1_000_000)),
        "b" => Some(Decimal::from(1_000_000_000u64)),
        "hundred" => None,
        _ => scale_word(w),
    }
}

/// Parses the digits of a `Num` token ("5,000", "1.6", "1,234.5"); `None` if
/// its commas are not thousands separators.
pub fn parse_digits(s: &str) -> Option<Decimal> {
    if s.contains(',') {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (s, None),
        };
        let mut groups = int.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || (groups.clone().any(|g| g.len() != 3) && !indian_groups(int)) {
            return None;
        }
        let mut clean = String::with_capacity(s.len());
        clean.extend(int.chars().filter(|&c| c != ','));
        if let Some(f) = frac {
            if f.contains(['.', ',']) {
                return None;
            }
            clean.push('.');
            clean.push_str(f);
        }
        return clean.parse().ok();
    }
    if s.matches('.').count() > 1 {
        return None;
    }
    s.parse().ok()
}

/// Indian digit grouping ("12,34,567"): the last group of three, groups of two before it.
fn indian_groups(int: &str) -> bool {
    let mut groups = int.split(',').peekable();
    if !groups.next().is_some_and(|g| (1..=2).contains(&g.len())) {
        return false;
    }
    let mut n = 0;
    while let Some(g) = groups.next() {
        n += 1;
        let want = if groups.peek().is_none() { 3 } else { 2 };
        if g.len() != want {
            return false;
        }
    }
    n >= 2
}

/// Reads a number starting at token `i`.
pub fn parse_number(ctx: &Ctx, i: usize) -> Option<Num> {
    let toks = ctx.toks;
    let t = toks.get(i)?;
    let num = match t.kind {
        TokKind::Num => parse_digit_number(ctx, i),
        TokKind::Word => parse_word_number(ctx, i),
        _ => None,
    }?;
    Some(ratio(ctx, num).unwrap_or(num))
}

/// "one over three", "1 out of 3", "one in twenty-one": a fraction spelt as a ratio.
/// "over" only when nothing follows the denominator ("5 over 10 years" is a span of
/// time), "in" only after a one ("1 in 5"), and never for a denominator with a scale.
fn ratio(ctx: &Ctx, num: Num) -> Option<Num> {
    if num.vague || !num.value.fract().is_zero() || num.value.is_sign_negative() {
        return None;
    }
    let (sep_end, kind) = match ctx.low(num.end)? {
        "over" => (num.end + 1, "over"),
        "out" if ctx.low(num.end + 1) == Some("of") => (num.end + 2, "out"),
        "in" if num.value == Decimal::ONE => (num.end + 1, "in"),
        _ => return None,
    };
    let den = match ctx.toks.get(sep_end)?.kind {
        TokKind::Num => parse_digit_number(ctx, sep_end),
        TokKind::Word => parse_word_number(ctx, sep_end),
        _ => None,
    }?;
    if den.vague || !den.value.fract().is_zero() || den.value <= Decimal::ONE || den.words && den.value.is_zero() {
        return None;
    }
    let word_after = ctx.toks.get(den.end).is_some_and(|t| t.kind == TokKind::Word);
    let ok = match kind {
        "over" => !word_after,
        "in" => !den.scaled && den.value <= Decimal::from(1000) && !ctx.low(den.end).is_some_and(is_time_word),
        _ => true,
    };
    if !ok {
        return None;
    }
    let value = num.value.checked_div(den.value)?;
    Some(Num { value, end: den.end, scaled: false, scale: Decimal::ONE, words: num.words || den.words, ..num })
}

/// Units of time: "1 in 10 years" is no ratio.
fn is_time_word(w: &str) -> bool {
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

fn parse_digit_number(ctx: &Ctx, i: usize) -> Option<Num> {
    let (text, toks) = (ctx.text, ctx.toks);
    let t = &toks[i];
    let head = t.text(text);
    let mut value = parse_digits(head)?;
    let mut start = i;
    // ".08": a decimal without its leading zero (the point stands alone, not ending a word).
    if i > 0
        && toks[i - 1].text(text) == "."
        && !t.space_before
        && (i == 1 || toks[i - 1].space_before)
        && head.bytes().all(|b| b.is_ascii_digit())
        && head.len() <= 20
    {
        value = Decimal::from_i128_with_scale(value.mantissa(), head.len() as u32);
        start = i - 1;
    }
    let mut end = i + 1;
    // "5 000", "1 234 567.89": thousands separated by a space (only for 1-3 digit heads).
    if head.len() <= 3 && !head.contains(['.', ',']) && start == i {
        while let Some(n) = toks.get(end) {
            let s = n.text(text);
            let (int, frac) = s.split_once('.').unwrap_or((s, ""));
            if n.kind == TokKind::Num
                && n.space_before
                && int.len() == 3
                && int.bytes().all(|b| b.is_ascii_digit())
                && text[toks[end - 1].end..n.start] == *" "
            {
                value = value * Decimal::from(1000) + s.parse::<Decimal>().ok()?;
                end += 1;
                if !frac.is_empty() {
                    break;
                }
            } else {
                break;
            }
        }
    }
    let mut num =
        Num { value, upper: None, start, end, scaled: false, scale: Decimal::ONE, words: false, vague: false };
    let plain_int = !head.contains(['.', ',']) && start == i;
    // A fraction "1/2" (not a date "1/2/2024").
    if plain_int
        && end == i + 1
        && let Some(v) = slash_fraction(ctx, i)
    {
        num.value = v;
        num.end = i + 3;
        return Some(num);
    }
    // "2 1/4": a whole number and a proper fraction.
    if plain_int
        && end == i + 1
        && toks.get(end).is_some_and(|n| n.kind == TokKind::Num && n.space_before)
        && let Some(v) = slash_fraction(ctx, end).filter(|v| *v < Decimal::ONE)
    {
        num.value = value.checked_add(v)?;
        num.end = end + 3;
        return Some(num);
    }
    if exponent(ctx, &mut num) {
        return Some(num);
    }
    apply_scale(ctx, &mut num);
    digit_compound(ctx, &mut num);
    Some(num)
}

/// The fraction whose numerator is token `n` ("1/2", "4/5"), with its value; not a date
/// ("1/2/2024") and only for small denominators.
fn slash_fraction(ctx: &Ctx, n: usize) -> Option<Decimal> {
    let (text, toks) = (ctx.text, ctx.toks);
    let (num, slash, den) = (toks.get(n)?, toks.get(n + 1)?, toks.get(n + 2)?);
    if num.kind != TokKind::Num
        || slash.text(text) != "/"
        || slash.space_before
        || den.kind != TokKind::Num
        || den.space_before
        || toks.get(n + 3).is_some_and(|x| x.text(text) == "/" && !x.space_before)
        || num.text(text).contains(['.', ','])
        || den.text(text).len() > 2
    {
        return None;
    }
    let d = parse_digits(den.text(text))?;
    if d.is_zero() {
        return None;
    }
    parse_digits(num.text(text))?.checked_div(d)
}

/// "1e10", "-12e-1", "12.32e+14" (scientific notation) and "1.1^23", "2.5^-1" (a power),
/// all written without spaces.
fn exponent(ctx: &Ctx, num: &mut Num) -> bool {
    let (text, toks) = (ctx.text, ctx.toks);
    let Some(mark) = toks.get(num.end).filter(|t| !t.space_before) else { return false };
    let power = match mark.text(text) {
        "e" | "E" => false,
        "^" => true,
        _ => return false,
    };
    let mut j = num.end + 1;
    // A sign or two: "e-1", "^+23", "^--23" (minus twice is plus).
    let mut negative = false;
    while j <= num.end + 2
        && let Some(t) = toks.get(j).filter(|t| !t.space_before && matches!(t.text(text), "+" | "-"))
    {
        negative ^= t.text(text) == "-";
        j += 1;
    }
    let Some(e) = toks.get(j).filter(|t| t.kind == TokKind::Num && !t.space_before) else { return false };
    if toks.get(j + 1).is_some_and(|t| !t.space_before && t.kind == TokKind::Word) {
        return false;
    }
    let Some(exp) = parse_digits(e.text(text)) else { return false };
    let value = if power { pow(num.value, exp, negative) } else { times_ten_to(num.value, exp, negative) };
    let Some(value) = value else { return false };
    num.value = value;
    num.end = j + 1;
    true
}

/// `base` × 10^`exp` (an integer exponent up to 28).
fn times_ten_to(base: Decimal, exp: Decimal, negative: bool) -> Option<Decimal> {
    if !exp.fract().is_zero() || exp > Decimal::from(28) {
        return None;
    }
    let mut v = base;
    let mut k = exp;
    while k > Decimal::ZERO {
        v = if negative { v.checked_div(Decimal::TEN)? } else { v.checked_mul(Decimal::TEN)? };
        k -= Decimal::ONE;
    }
    Some(v)
}

/// `base` ^ `exp` in floating point (powers are rare and need no exact digits).
fn pow(base: Decimal, exp: Decimal, negative: bool) -> Option<Decimal> {
    use rust_decimal::prelude::ToPrimitive;
    let e = exp.to_f64()?;
    let v = base.to_f64()?.powf(if negative { -e } else { e });
    if !v.is_finite() {
        return None;
    }
    let d = Decimal::try_from(v).ok()?;
    Some(d.round_dp(15))
}

/// "3 hundred and 21", "4 thousand 3 hundred": digits mixed with scale words, each
/// part smaller than the scale before it.
fn digit_compound(ctx: &Ctx, num: &mut Num) {
    let (text, toks) = (ctx.text, ctx.toks);
    let mut last_scale = num.scale;
    while num.scaled && last_scale >= Decimal::from(100) {
        let and = ctx.low(num.end) == Some("and");
        let j = if and { num.end + 1 } else { num.end };
        let Some(t) = toks.get(j).filter(|t| t.space_before) else { return };
        let (part, part_end) = match t.kind {
            TokKind::Num if !t.text(text).contains(['.', ',']) => match parse_digits(t.text(text)) {
                Some(v) => (v, j + 1),
                None => return,
            },
            TokKind::Word if and => match small_words(ctx, j) {
                Some(p) => p,
                None => return,
            },
            _ => return,
        };
        if part.is_zero() || toks.get(part_end).is_some_and(|n| !n.space_before && n.kind != TokKind::Punct) {
            return;
        }
        let mut b = [0u8; 24];
        let scale = toks
            .get(part_end)
            .filter(|n| n.kind == TokKind::Word)
            .and_then(|n| lower(n.text(text), &mut b))
            .filter(|w| !w.ends_with('s'))
            .and_then(scale_word);
        let (add, end, new_scale) = match scale {
            Some(s) if s < last_scale => (part * s, part_end + 1, s),
            Some(_) => return,
            None if and && part < last_scale => (part, part_end, Decimal::ONE),
            None => return,
        };
        if add >= last_scale {
            return;
        }
        num.value += add;
        num.end = end;
        last_scale = new_scale;
        if and {
            return;
        }
    }
}

/// A number below a hundred in words at token `j` ("one", "twenty", "twenty-one"),
/// with the token after it.
fn small_words(ctx: &Ctx, j: usize) -> Option<(Decimal, usize)> {
    let w = ctx.low(j)?;
    if let Some(u) = unit_value(w) {
        return Some((Decimal::from(u), j + 1));
    }
    let t = tens_value(w)?;
    match tens_hyphen_unit(ctx, j) {
        Some(u) => Some((Decimal::from(t + u), j + 3)),
        None => Some((Decimal::from(t), j + 1)),
    }
}

/// The unit after a tens word and a hyphen ("twenty-five", "fifty - two"): a range
/// would go upwards, so a unit after a tens word is always part of it.
fn tens_hyphen_unit(ctx: &Ctx, j: usize) -> Option<u32> {
    if ctx.toks.get(j + 1)?.text(ctx.text) != "-" {
        return None;
    }
    ctx.low(j + 2).and_then(unit_value).filter(|u| (1..10).contains(u))
}

/// After "1.5", a scale suffix or word: "bn", " million", " thousand million", "-billion".
fn apply_scale(ctx: &Ctx, num: &mut Num) {
    let (text, toks) = (ctx.text, ctx.toks);
    let mut buf = [0u8; 24];
    // "$1.5-billion": a hyphen glued between the digits and the scale word.
    if let (Some(h), Some(w)) = (toks.get(num.end), toks.get(num.end + 1))
        && h.text(text) == "-"
        && !h.space_before
        && !w.space_before
        && w.kind == TokKind::Word
        && let Some(scale) = lower(w.text(text), &mut buf).and_then(scale_word).filter(|s| *s >= Decimal::from(1000))
        && let Some(v) = num.value.checked_mul(scale)
    {
        num.value = v;
        num.end += 2;
        num.scaled = true;
        num.scale = scale;
        return;
    }
    let Some(n) = toks.get(num.end) else { return };
    if n.kind != TokKind::Word {
        return;
    }
    let Some(w) = lower(n.text(text), &mut buf) else { return };
    // After a space only full words count ("5 m" is metres), but an upper-case "M"/"B" is a scale ("EUR 220 M").
    let model_name = toks.get(num.end + 1).is_some_and(|x| !x.space_before && x.kind != TokKind::Punct);
    let upper_abbrev = matches!(n.text(text), "M" | "B" | "MN" | "BN" | "Mn" | "Bn") && !model_name;
    // "2.33 k" at the end of a phrase: the thousands suffix set apart.
    let lone_k = w == "k" && toks.get(num.end + 1).is_none_or(|x| x.kind == TokKind::Punct);
    let scale = if n.space_before && !upper_abbrev && !lone_k { scale_word(w) } else { scale_suffix(w) };
    let Some(scale) = scale.or_else(|| dozen(w)) else { return };
    // "5 m" with a space is metres, not millions: only full words after a space.
    if let Some(v) = num.value.checked_mul(scale) {
        num.value = v;
        num.end += 1;
        num.scaled = true;
        num.scale = scale;
        // "one hundred thousand", "1.5 thousand million"
        let mut buf2 = [0u8; 24];
        if let Some(n2) = toks.get(num.end)
            && n2.kind == TokKind::Word
            && n2.space_before
            && let Some(s2) = lower(n2.text(text), &mut buf2).and_then(scale_word)
            && s2 > scale
            && let Some(v2) = num.value.checked_mul(s2)
        {
            num.value = v2;
            num.end += 1;
            num.scale = scale * s2;
        }
    }
}

/// "3 dozen", "three dozens": twelve each.
fn dozen(w: &str) -> Option<Decimal> {
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

/// "five point five", "two hundred point zero three", "point seventy-one": the digits
/// spoken after "point", one word each (a tens word gives two).
fn spoken_decimal(ctx: &Ctx, num: &mut Num) {
    if ctx.low(num.end) != Some("point") || num.vague {
        return;
    }
    let mut j = num.end + 1;
    let (mut digits, mut places) = (0i64, 0u32);
    while places < 18
        && let Some(w) = ctx.low(j)
    {
        let (v, p, next) = if let Some(u) = unit_value(w) {
            (i64::from(u), if u >= 10 { 2 } else { 1 }, j + 1)
        } else if let Some(t) = tens_value(w) {
            match tens_hyphen_unit(ctx, j) {
                Some(u) => (i64::from(t + u), 2, j + 3),
                None => (i64::from(t), 2, j + 1),
            }
        } else {
            break;
        };
        digits = digits * 10i64.pow(p) + v;
        places += p;
        j = next;
    }
    if places == 0 {
        return;
    }
    num.value += Decimal::new(digits, places);
    num.end = j;
}

/// One word of a fraction in words: its value ("and" counts nothing).
#[derive(Clone, Copy, Default)]
struct FracWord {
    value: Decimal,
    and: bool,
}

/// Longest fraction in words read ("one hundred and thirty-two fifths").
const MAX_FRAC_WORDS: usize = 16;

/// The value of an ordinal read as a denominator ("fifths" → 5, "trillionth" → 10^12),
/// and whether it is plural. "first" and "second" only after a tens word ("twenty-first").
fn ordinal_denominator(w: &str, after_tens: bool) -> Option<(Decimal, bool)> {
    let (stem, plural) = match w {
        "halves" => ("half", true),
        _ => match w.strip_suffix('s') {
            Some(stem) => (stem, true),
            None => (w, false),
        },
    };
    let v: u64 = match stem {
        "first" if after_tens => 1,
        "second" if after_tens => 2,
        "half" => 2,
        "quarter" => 4,
        "twelfth" => 12,
        "hundredth" => 100,
        "thousandth" => 1_000,
        "millionth" => 1_000_000,
        "billionth" => 1_000_000_000,
        "trillionth" => 1_000_000_000_000,
        _ => {
            if let Some(d) = denominator(stem).filter(|d| *d > 2) {
                u64::from(d)
            } else if let Some(base) = stem.strip_suffix("th") {
                let base = base.strip_suffix("ie").map_or(base, |_| &stem[..stem.len() - 4]);
                unit_value(base).filter(|u| *u > 10).map(u64::from).or_else(|| tens_word_from_stem(base, stem))?
            } else {
                return None;
            }
        }
    };
    Some((Decimal::from(v), plural))
}

/// "twentieth" → 20, "ninetieth" → 90.
fn tens_word_from_stem(_base: &str, stem: &str) -> Option<u64> {
    let t = stem.strip_suffix("ieth")?;
    let mut buf = [0u8; 24];
    let b = buf.get_mut(..t.len() + 1)?;
    b[..t.len()].copy_from_slice(t.as_bytes());
    b[t.len()] = b'y';
    tens_value(std::str::from_utf8(b).ok()?).map(u64::from)
}

/// The value of a run of number words ("one hundred and five" → 105), scales
/// multiplying what comes before them.
fn compose(words: &[FracWord]) -> Option<Decimal> {
    let (mut total, mut current) = (Decimal::ZERO, Decimal::ZERO);
    for w in words.iter().filter(|w| !w.and) {
        let v = w.value;
        if v == Decimal::from(100) {
            current = current.max(Decimal::ONE) * v;
        } else if v >= Decimal::from(1000) {
            total = total.checked_add(current.max(Decimal::ONE).checked_mul(v)?)?;
            current = Decimal::ZERO;
        } else {
            current += v;
        }
    }
    total.checked_add(current)
}

/// Whether `small` may end a number that `big` begins ("thirty" then "five", "hundred" then "thirty").
fn composable(big: Decimal, small: Decimal) -> bool {
    let base = if small > Decimal::TEN { Decimal::ONE_HUNDRED } else { Decimal::TEN };
    (big % base).is_zero() && big >= base
}

/// Where the denominator starts among fraction words (the last is the ordinal): it
/// takes the number words that compose with the ordinal ("one hundred | thirty fifths",
/// "one | one hundred fifth"), but a round scale ends the numerator ("a hundred | trillionths").
/// This follows the convention of common English recognizers.
fn denominator_start(words: &[FracWord]) -> usize {
    let n = words.len();
    let hundred = Decimal::ONE_HUNDRED;
    let mut current = words[n - 1].value;
    let mut round = Decimal::ONE;
    let mut k = n - 1;
    while k > 0 {
        k -= 1;
        if words[k].and {
            continue;
        }
        let previous = current;
        current = words[k].value;
        if !((previous >= hundred && previous > current) || (previous < hundred && composable(current, previous))) {
            return k + 1;
        }
        if previous < hundred {
            if current >= round {
                round = current;
            } else {
                return k + 1;
            }
        }
        if k == 0 {
            // All compose: the numerator runs to the first round number followed by a small one.
            let mut split = 1;
            while split + 1 < n {
                if words[split].value >= hundred && !words[split + 1].and && words[split + 1].value < hundred {
                    return split + 1;
                }
                split += 1;
            }
            return split;
        }
    }
    n - 1
}

/// Fractions in words: "two thirds", "a fifth", "one-fourth", "five - eighths",
/// "one hundred thirty-fifths", "a hundred trillionths", and mixed numbers
/// "five and a quarter", "twenty and three fifths", "one and a half million".
fn parse_word_fraction(ctx: &Ctx, i: usize) -> Option<Num> {
    let mut words = [FracWord::default(); MAX_FRAC_WORDS];
    let mut n = 0;
    let mut j = i;
    let plural;
    loop {
        if n == MAX_FRAC_WORDS {
            return None;
        }
        let w = ctx.low(j)?;
        let after_and = n > 0 && words[n - 1].and;
        let after_tens = n > 0 && !after_and && tens_value_of(words[n - 1].value);
        // The closing ordinal; after "and" only when a scale precedes ("one hundred and fifth").
        let after_scale_and = after_and && n > 1 && words[n - 2].value >= Decimal::ONE_HUNDRED;
        if n > 0
            && (!after_and || after_scale_and)
            && let Some((d, p)) = ordinal_denominator(w, after_tens)
        {
            words[n] = FracWord { value: d, and: false };
            n += 1;
            plural = p;
            j += 1;
            break;
        }
        // "a fifth", "a hundred trillionths", but not "a two-thirds majority" (the article is no numerator there).
        let value = if matches!(w, "a" | "an")
            && (n == 0 || after_and)
            && ctx.low(j + 1).is_none_or(|x| unit_value(x).is_none())
        {
            Decimal::ONE
        } else if w == "and" && n > 0 && !after_and {
            words[n] = FracWord { value: Decimal::ZERO, and: true };
            n += 1;
            j += 1;
            continue;
        } else if let Some(u) = unit_value(w) {
            Decimal::from(u)
        } else if let Some(t) = tens_value(w) {
            // "twenty-first", "thirty-fifths": a tens word and an ordinal make one denominator.
            if ctx.tok_text(j + 1) == "-"
                && let Some(o) = ctx.low(j + 2)
                && let Some((d, p)) = ordinal_denominator(o, true).filter(|(d, _)| *d < Decimal::TEN)
            {
                words[n] = FracWord { value: Decimal::from(t) + d, and: false };
                n += 1;
                plural = p;
                j += 3;
                break;
            }
            match tens_hyphen_unit(ctx, j) {
                Some(u) => {
                    j += 2;
                    Decimal::from(t + u)
                }
                None => Decimal::from(t),
            }
        } else {
            full_scale_word(w)?
        };
        words[n] = FracWord { value, and: false };
        n += 1;
        j += 1;
        // "one-fourth", "five - eighths", "hundred-fifths": a hyphen between the words.
        if ctx.tok_text(j) == "-" && ctx.low(j + 1).is_some() {
            j += 1;
        }
    }
    fraction_value(ctx, i, j, &words[..n], plural)
}

/// Whether a value is a tens word's (20, 30, … 90).
fn tens_value_of(v: Decimal) -> bool {
    v >= Decimal::from(20) && v < Decimal::ONE_HUNDRED && (v % Decimal::TEN).is_zero()
}

/// Scale words spelt out in full ("hundred", "million"), not abbreviations or plurals.
fn full_scale_word(w: &str) -> Option<Decimal> {
    matches!(w, "hundred" | "thousand" | "million" | "billion" | "trillion").then(|| scale_word(w)).flatten()
}

/// The value of fraction words `words` read from tokens `i..end`: the numerator and
/// denominator split, a whole part before "and", and a scale after ("one and a half million").
fn fraction_value(ctx: &Ctx, i: usize, end: usize, words: &[FracWord], plural: bool) -> Option<Num> {
    let n = words.len();
    if n < 2 {
        return None;
    }
    let split = denominator_start(words);
    if split == 0 || split >= n {
        return None;
    }
    let den = compose(&words[split..])?;
    let num_words = &words[..split];
    // A whole part before the last "and": "twenty and three fifths".
    let mixed = num_words[..split - 1].iter().rposition(|w| w.and);
    let (whole, numer) = match mixed {
        Some(m) => (compose(&num_words[..m])?, compose(&num_words[m + 1..])?),
        None => (Decimal::ZERO, compose(num_words)?),
    };
    if den.is_zero() || numer.is_zero() {
        return None;
    }
    let value = match mixed {
        Some(_) if numer < den => whole + numer.checked_div(den)?,
        _ => (whole + numer).checked_div(den)?,
    };
    // A singular ordinal counts one: "a fifth", "one third", "and a half" — and is
    // an ordinal elsewhere ("the one hundredth day", "a third country").
    if !plural && (numer != Decimal::ONE || (mixed.is_none() && !lone_fraction(ctx, i, end))) {
        return None;
    }
    let mut num =
        Num { value, upper: None, start: i, end, scaled: false, scale: Decimal::ONE, words: true, vague: false };
    // "one and a half million", "two and three quarters billion"
    if mixed.is_some()
        && let Some(s) = ctx.low(end).and_then(full_scale_word)
        && let Some(v) = value.checked_mul(s)
    {
        num.value = v;
        num.end = end + 1;
        num.scaled = true;
        num.scale = s;
    }
    Some(num)
}

/// Whether "a fifth" at tokens `i..end` stands as a fraction: not after "the" and not
/// before a noun it would rank ("a third country"), only before "of", a verb or punctuation.
fn lone_fraction(ctx: &Ctx, i: usize, end: usize) -> bool {
    if i > 0 && ctx.low(i - 1) == Some("the") {
        return false;
    }
    match ctx.toks.get(end) {
        None => true,
        Some(t) if t.kind != TokKind::Word => true,
        Some(_) => matches!(
            ctx.low(end),
            Some(
                "of" | "and"
                    | "or"
                    | "in"
                    | "on"
                    | "by"
                    | "than"
                    | "to"
                    | "from"
                    | "is"
                    | "was"
                    | "were"
                    | "are"
                    | "has"
                    | "had"
                    | "have"
                    | "will"
                    | "would"
                    | "went"
                    | "came"
                    | "goes"
            )
        ),
    }
}

/// Numbers in words: "two hundred and fifty", "twenty-five", "a dozen",
/// "half a billion", "a quarter of a million", "one and a half million",
/// "three quarters", and vague counts ("tens of thousands of").
fn parse_word_number(ctx: &Ctx, i: usize) -> Option<Num> {
    // Every number in words begins with a word flagged as a number word; the
    // date patterns ask here at most words, so the rest are dismissed at once.
    if !ctx.may_start(i, flags::NUMBER) {
        return None;
    }
    let first = ctx.low(i)?;
    if let Some(v) = parse_vague(ctx, i, first) {
        return Some(v);
    }
    // Fractions of a scale: "half a billion", "a quarter of a million", "a third of a million".
    if let Some(n) = parse_fraction_of_scale(ctx, i) {
        return Some(n);
    }
    if let Some(n) = parse_word_fraction(ctx, i) {
        return Some(n);
    }
    let mut n = parse_word_integer(ctx, i)?;
    spoken_decimal(ctx, &mut n);
    Some(n)
}

/// Whole numbers in words: "two hundred and fifty", "twenty-five", "a dozen",
/// "one and a half million", "three hundred and two dozen".
fn parse_word_integer(ctx: &Ctx, i: usize) -> Option<Num> {
    let (text, toks) = (ctx.text, ctx.toks);
    let mut total = Decimal::ZERO;
    let mut current = Decimal::ZERO;
    let mut j = i;
    let mut any = false;
    let mut scaled = false;
    let mut scale = Decimal::ONE;
    let mut last_end = i;
    while let Some(w) = ctx.low(j) {
        let at_start = j == i;
        if let Some(u) = unit_value(w) {
            // "one" alone is usually a pronoun-ish determiner; kept as a number (1).
            if any
                && current % Decimal::from(100) != Decimal::ZERO
                && current % Decimal::from(10) == Decimal::ZERO
                && u >= 10
            {
                break;
            }
            if any
                && !current.is_zero()
                && current % Decimal::from(100) != Decimal::ZERO
                && u < 10
                && current % Decimal::from(10) != Decimal::ZERO
            {
                break;
            }
            current += Decimal::from(u);
        } else if let Some(t) = tens_value(w) {
            if any && !(current % Decimal::from(100)).is_zero() {
                break;
            }
            current += Decimal::from(t);
            // "twenty-five", "fifty - two"
            if let Some(u) = tens_hyphen_unit(ctx, j) {
                current += Decimal::from(u);
                j += 2;
            }
        } else if (w == "a" || w == "an") && at_start {
            // "a million", "a hundred", "a dozen": only with a scale next.
            let next = ctx.low(j + 1);
            if !matches!(next, Some(n) if scale_word(n).is_some() || n == "dozen") {
                return None;
            }
            current = Decimal::ONE;
            j += 1;
            last_end = j;
            continue;
        } else if w == "dozen" || (w == "dozens" && any) {
            // "three hundred and two dozen" is 300 + 2 × 12: a dozen counts what is below a hundred.
            let below = current % Decimal::from(100);
            current = match (any, below.is_zero()) {
                (false, _) => Decimal::from(12),
                (true, true) => current * Decimal::from(12),
                (true, false) => current - below + below * Decimal::from(12),
            };
            scaled = true;
        } else if w == "hundred" {
            current = if current.is_zero() { Decimal::ONE } else { current } * Decimal::from(100);
            scaled = true;
        } else if let Some(s) = scale_word(w)
            .filter(|_| !matches!(w, "mn" | "mln" | "bn" | "tn" | "mio" | "bln" | "trn" | "lakh" | "crore") || any)
        {
            if w.ends_with('s') {
                break;
            }
            if current.is_zero() && !any {
                current = Decimal::ONE;
            }
            total += current.checked_mul(s)?;
            current = Decimal::ZERO;
            scaled = true;
            scale = s;
        } else if w == "and" && any {
            // "two hundred and fifty", "one and a half million"
            let next = ctx.low(j + 1);
            match next {
                Some("a") => {
                    if ctx.low(j + 2) == Some("half") {
                        current += Decimal::new(5, 1);
                        j += 3;
                        last_end = j;
                        // "one and a half million"
                        if let Some(s) = ctx.low(j).and_then(scale_word) {
                            total += current.checked_mul(s)?;
                            current = Decimal::ZERO;
                            scaled = true;
                            scale = s;
                            j += 1;
                            last_end = j;
                        }
                        break;
                    }
                    break;
                }
                Some(n) if unit_value(n).is_some() || tens_value(n).is_some() => {
                    if !scaled {
                        break;
                    }
                    j += 1;
                    continue;
                }
                _ => break,
            }
        } else if let Some(den) = denominator(w) {
            // "three quarters", "four-fifths", "one-third" (only after a unit word, as a fraction)
            if !any || !total.is_zero() || scaled {
                break;
            }
            if !w.ends_with('s') && current != Decimal::ONE {
                break;
            }
            current = current.checked_div(Decimal::from(den))?;
            j += 1;
            last_end = j;
            break;
        } else {
            break;
        }
        any = true;
        j += 1;
        last_end = j;
        // Words must be separated by spaces or hyphens only.
        if let Some(n) = toks.get(j)
            && n.text(text) == "-"
            && !n.space_before
            && ctx
                .low(j + 1)
                .is_some_and(|w| unit_value(w).is_some() || scale_word(w).is_some() || denominator(w).is_some())
        {
            j += 1;
        }
    }
    if !any {
        return None;
    }
    let value = total + current;
    Some(Num { value, upper: None, start: i, end: last_end, scaled, scale, words: true, vague: false })
}

/// "half a billion", "a quarter of a million", "a half million", "three-quarters of a million".
fn parse_fraction_of_scale(ctx: &Ctx, i: usize) -> Option<Num> {
    let w = ctx.low(i)?;
    let (frac, mut j) = match w {
        "half" => (Decimal::new(5, 1), i + 1),
        // "quarter million", "three quarters billion": the article is often dropped.
        "quarter" => (Decimal::new(25, 2), i + 1),
        "three" if matches!(ctx.low(i + 1), Some("quarters")) => (Decimal::new(75, 2), i + 2),
        "a" | "an" => match ctx.low(i + 1)? {
            "half" => (Decimal::new(5, 1), i + 2),
            "quarter" => (Decimal::new(25, 2), i + 2),
            "third" => (Decimal::ONE / Decimal::from(3), i + 2),
            _ => return None,
        },
        _ => return None,
    };
    if ctx.low(j) == Some("of") {
        j += 1;
    }
    if matches!(ctx.low(j), Some("a" | "an")) {
        j += 1;
    }
    let s = ctx.low(j).and_then(|w| scale_word(w).or_else(|| dozen(w)))?;
    if matches!(ctx.low(j), Some(x) if x.ends_with('s')) {
        return None;
    }
    Some(Num { value: frac * s, upper: None, start: i, end: j + 1, scaled: true, scale: s, words: true, vague: false })
}

/// "hundreds of", "tens of thousands of", "hundreds of thousands of", "dozens of", "millions of".
fn parse_vague(ctx: &Ctx, i: usize, first: &str) -> Option<Num> {
    let base = match first {
        "dozens" => (Decimal::from(24), Decimal::from(144)),
        "scores" => (Decimal::from(40), Decimal::from(200)),
        "tens" => (Decimal::from(10), Decimal::from(100)),
        "hundreds" => (Decimal::from(100), Decimal::from(1000)),
        "thousands" => (Decimal::from(1000), Decimal::from(10_000)),
        "millions" => (Decimal::from(1_000_000), Decimal::from(10_000_000)),
        "billions" => (Decimal::from(1_000_000_000u64), Decimal::from(10_000_000_000u64)),
        _ => return None,
    };
    if ctx.low(i + 1) != Some("of") {
        return None;
    }
    let (mut lo, mut hi) = base;
    let mut end = i + 2;
    // "tens of thousands of", "hundreds of millions of"
    if let Some(w2) = ctx.low(i + 2)
        && matches!(w2, "thousands" | "millions" | "billions")
        && ctx.low(i + 3) == Some("of")
    {
        let s = scale_word(w2)?;
        lo *= s;
        hi *= s;
        end = i + 4;
    }
    Some(Num { value: lo, upper: Some(hi), start: i, end, scaled: true, scale: Decimal::ONE, words: true, vague: true })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize_into;

    fn num(s: &str) -> Option<(String, String, Option<String>)> {
        let mut toks = Vec::new();
        tokenize_into(s, 0, s.len(), &mut toks);
        let mut lows = super::super::Lowered::default();
        lows.fill(s, &toks);
        let n = parse_number(&Ctx::new(s, &toks, &lows, None), 0)?;
        let end = if n.end > n.start { toks[n.end - 1].end } else { 0 };
        Some((n.value.normalize().to_string(), s[..end].to_string(), n.upper.map(|u| u.normalize().to_string())))
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str)] = &[
            ("5,000 missiles", "5000", "5,000"),
            ("5 000 missiles", "5000", "5 000"),
            ("1.6bn pounds", "1600000000", "1.6bn"),
            ("1.5 million doses", "1500000", "1.5 million"),
            ("300m", "300000000", "300m"),
            ("5k", "5000", "5k"),
            ("two hundred and fifty tanks", "250", "two hundred and fifty"),
            ("twenty-five", "25", "twenty-five"),
            ("a dozen drones", "12", "a dozen"),
            ("two dozen", "24", "two dozen"),
            ("a million", "1000000", "a million"),
            ("five million dollars", "5000000", "five million"),
            ("half a billion", "500000000", "half a billion"),
            ("a quarter of a million", "250000", "a quarter of a million"),
            ("one and a half million", "1500000", "one and a half million"),
            ("three quarters", "0.75", "three quarters"),
            ("1/2 of it", "0.5", "1/2"),
            ("one hundred thousand", "100000", "one hundred thousand"),
            ("3 thousand", "3000", "3 thousand"),
            ("1,234.5", "1234.5", "1,234.5"),
            ("ninety-nine", "99", "ninety-nine"),
            ("seven hundred million", "700000000", "seven hundred million"),
            ("three fifths of it", "0.6", "three fifths"),
            ("one hundred and thirty fifths", "26", "one hundred and thirty fifths"),
            ("twenty twenty-fifths", "0.8", "twenty twenty-fifths"),
            ("a hundred trillionths", "0.0000000001", "a hundred trillionths"),
            ("twenty and three fifths", "20.6", "twenty and three fifths"),
            ("five point five", "5.5", "five point five"),
            ("two hundred point seventy-one", "200.71", "two hundred point seventy-one"),
            ("three hundred and two dozen", "324", "three hundred and two dozen"),
            ("half a dozen", "6", "half a dozen"),
            ("3 dozens", "36", "3 dozens"),
            ("1 out of 4", "0.25", "1 out of 4"),
            ("2.5^-1", "0.4", "2.5^-1"),
            ("12e-1", "1.2", "12e-1"),
            ("3 hundred and 21", "321", "3 hundred and 21"),
            ("fifty - two", "52", "fifty - two"),
        ];
        for (input, value, span) in cases {
            let got = num(input).unwrap_or_else(|| panic!("no number in {input:?}"));
            assert_eq!((got.0.as_str(), got.1.as_str()), (*value, *span), "{input}");
        }
    }

    #[test]
    fn vague_counts() {
        assert_eq!(num("tens of thousands of rounds").unwrap().2.as_deref(), Some("100000"));
        assert_eq!(num("hundreds of troops").unwrap().0, "100");
        assert!(num("dozens").is_none());
    }

    #[test]
    fn not_numbers() {
        assert!(num("a third country").is_none());
        assert_eq!(num("two seconds").unwrap().0, "2");
        for s in ["a car", "an hour", "and", "1,2,3", "half the", "one1"] {
            let r = num(s);
            assert!(r.is_none() || s == "one1", "{s}: {r:?}");
        }
        assert_eq!(num("155mm").unwrap().0, "155");
    }
}
