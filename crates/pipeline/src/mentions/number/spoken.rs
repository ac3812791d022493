//! Numbers spoken in words: "two hundred and fifty", "twenty-five thousand", and vague
//! counts ("tens of thousands of", "hundreds").

use rust_decimal::Decimal;

use super::*;

/// A number below a hundred in words at token `j` ("one", "twenty", "twenty-one"),
/// with the token after it.
pub(super) fn small_words(ctx: &Ctx, j: usize) -> Option<(Decimal, usize)> {
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
pub(super) fn tens_hyphen_unit(ctx: &Ctx, j: usize) -> Option<u32> {
    if ctx.toks.get(j + 1)?.text(ctx.text) != "-" {
        return None;
    }
    ctx.low(j + 2).and_then(unit_value).filter(|u| (1..10).contains(u))
}

/// Numbers in words: "two hundred and fifty", "twenty-five", "a dozen",
/// "half a billion", "a quarter of a million", "one and a half million",
/// "three quarters", and vague counts ("tens of thousands of").
pub(super) fn parse_word_number(ctx: &Ctx, i: usize) -> Option<Num> {
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
pub(super) fn parse_word_integer(ctx: &Ctx, i: usize) -> Option<Num> {
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
        } else if w == "a" && at_start && ctx.low(j + 1) == Some("couple") {
            // "a couple hundred", "a couple of thousand", "a couple of dozen": two of the scale.
            let k = if ctx.low(j + 2) == Some("of") { j + 3 } else { j + 2 };
            if !ctx.low(k).is_some_and(|n| full_scale_word(n).is_some() || n == "dozen") {
                return None;
            }
            current = Decimal::TWO;
            any = true;
            j = k;
            last_end = j;
            continue;
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
        } else if let Some(s) = scale_word(w).filter(|_| {
            !matches!(w, "mn" | "mln" | "bn" | "tn" | "mio" | "bln" | "trn" | "lakh" | "lac" | "crore") || any
        }) {
            if w.ends_with('s') {
                break;
            }
            // "750 [715] million euros": a scale of a million or more with no count before it is
            // the tail of a figure broken off, whose count is unknown; "a million" has its "a".
            if at_start && s >= Decimal::from(1_000_000) {
                return None;
            }
            if current.is_zero() && !any {
                current = Decimal::ONE;
            }
            // "one thousand six hundred million" is 1,600 million: a scale above every scale read so
            // far multiplies all of it, where "two million three hundred thousand" adds a smaller one.
            total = if !total.is_zero() && s > scale {
                (total + current).checked_mul(s)?
            } else {
                total + current.checked_mul(s)?
            };
            current = Decimal::ZERO;
            scaled = true;
            scale = s;
        } else if w == "and" && any {
            // "two hundred and fifty", "one and a half million"
            let next = ctx.low(j + 1);
            match next {
                Some("a") => {
                    // "a million and a half", "two billion and a quarter": a fraction of the scale just read.
                    let frac = match ctx.low(j + 2) {
                        Some("half") => Some(Decimal::new(5, 1)),
                        Some("quarter") => Some(Decimal::new(25, 2)),
                        _ => None,
                    };
                    if let Some(f) = frac
                        && current.is_zero()
                        && scale >= Decimal::from(1000)
                    {
                        total += f.checked_mul(scale)?;
                        last_end = j + 3;
                        break;
                    }
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

/// "hundreds of", "tens of thousands of", "hundreds of thousands of", "dozens of", "millions of".
/// The value is the lower bound one unit of the word gives, as the coding standard counts vague
/// counts (`shared/eval/LABELLING-RULES.md`, "items": dozens 12, hundreds 100, thousands 1,000).
pub(super) fn parse_vague(ctx: &Ctx, i: usize, first: &str) -> Option<Num> {
    let base = match first {
        "dozens" => (Decimal::from(12), Decimal::from(144)),
        "scores" => (Decimal::from(20), Decimal::from(200)),
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
