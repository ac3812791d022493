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
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
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

/// Reads a number starting at token `i`.
pub fn parse_number(ctx: &Ctx, i: usize) -> Option<Num> {
    let toks = ctx.toks;
    let t = toks.get(i)?;
    match t.kind {
        TokKind::Num => parse_digit_number(ctx, i),
        TokKind::Word => parse_word_number(ctx, i),
        _ => None,
    }
}

fn parse_digit_number(ctx: &Ctx, i: usize) -> Option<Num> {
    let (text, toks) = (ctx.text, ctx.toks);
    let t = &toks[i];
    let mut value = parse_digits(t.text(text))?;
    let mut end = i + 1;
    // "5 000": thousands separated by a space (only for 1-3 digit heads).
    let head = t.text(text);
    if head.len() <= 3 && !head.contains(['.', ',']) {
        while let Some(n) = toks.get(end) {
            let s = n.text(text);
            if n.kind == TokKind::Num
                && n.space_before
                && s.len() == 3
                && s.bytes().all(|b| b.is_ascii_digit())
                && text[toks[end - 1].end..n.start] == *" "
            {
                value = value * Decimal::from(1000) + s.parse::<Decimal>().ok()?;
                end += 1;
            } else {
                break;
            }
        }
    }
    let mut num =
        Num { value, upper: None, start: i, end, scaled: false, scale: Decimal::ONE, words: false, vague: false };
    // A fraction "1/2" (not a date "1/2/2024").
    if let (Some(slash), Some(den)) = (toks.get(end), toks.get(end + 1))
        && slash.text(text) == "/"
        && !slash.space_before
        && den.kind == TokKind::Num
        && !den.space_before
        && !toks.get(end + 2).is_some_and(|x| x.text(text) == "/" && !x.space_before)
        && !head.contains(['.', ','])
    {
        let d = parse_digits(den.text(text))?;
        if !d.is_zero() && den.text(text).len() <= 2 {
            num.value = value.checked_div(d)?;
            num.end = end + 2;
            return Some(num);
        }
    }
    apply_scale(ctx, &mut num);
    Some(num)
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
    let scale = if n.space_before && !upper_abbrev { scale_word(w) } else { scale_suffix(w) };
    let Some(scale) = scale else { return };
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

/// Numbers in words: "two hundred and fifty", "twenty-five", "a dozen",
/// "half a billion", "a quarter of a million", "one and a half million",
/// "three quarters", and vague counts ("tens of thousands of").
fn parse_word_number(ctx: &Ctx, i: usize) -> Option<Num> {
    let (text, toks) = (ctx.text, ctx.toks);
    let first = ctx.low(i)?;
    if let Some(v) = parse_vague(ctx, i, first) {
        return Some(v);
    }
    // Fractions of a scale: "half a billion", "a quarter of a million", "a third of a million".
    if let Some(n) = parse_fraction_of_scale(ctx, i) {
        return Some(n);
    }
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
            // "twenty-five"
            if let (Some(h), Some(_)) = (toks.get(j + 1), toks.get(j + 2))
                && h.text(text) == "-"
                && !h.space_before
                && let Some(u) = ctx.low(j + 2).and_then(unit_value)
                && (1..10).contains(&u)
            {
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
        } else if w == "dozen" {
            current = if any { current } else { Decimal::ONE } * Decimal::from(12);
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
    let s = ctx.low(j).and_then(scale_word)?;
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
        for s in ["a car", "an hour", "and", "1,2,3", "half the", "one1"] {
            let r = num(s);
            assert!(r.is_none() || s == "one1", "{s}: {r:?}");
        }
        assert_eq!(num("155mm").unwrap().0, "155");
    }
}
