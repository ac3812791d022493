//! Fractions in words: "a third", "two and a half", "three quarters of a million",
//! "half a billion", and fractions of a scale.

use rust_decimal::Decimal;

use super::*;

/// One word of a fraction in words: its value ("and" counts nothing).
#[derive(Clone, Copy, Default)]
pub(super) struct FracWord {
    value: Decimal,
    and: bool,
}

/// Longest fraction in words read ("one hundred and thirty-two fifths").
pub(super) const MAX_FRAC_WORDS: usize = 16;

/// The value of an ordinal read as a denominator ("fifths" → 5, "trillionth" → 10^12),
/// and whether it is plural. "first" and "second" only after a tens word ("twenty-first").
pub(super) fn ordinal_denominator(w: &str, after_tens: bool) -> Option<(Decimal, bool)> {
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
pub(super) fn tens_word_from_stem(_base: &str, stem: &str) -> Option<u64> {
    let t = stem.strip_suffix("ieth")?;
    let mut buf = [0u8; 24];
    let b = buf.get_mut(..t.len() + 1)?;
    b[..t.len()].copy_from_slice(t.as_bytes());
    b[t.len()] = b'y';
    tens_value(std::str::from_utf8(b).ok()?).map(u64::from)
}

/// The value of a run of number words ("one hundred and five" → 105), scales
/// multiplying what comes before them.
pub(super) fn compose(words: &[FracWord]) -> Option<Decimal> {
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
pub(super) fn composable(big: Decimal, small: Decimal) -> bool {
    let base = if small > Decimal::TEN { Decimal::ONE_HUNDRED } else { Decimal::TEN };
    (big % base).is_zero() && big >= base
}

/// Where the denominator starts among fraction words (the last is the ordinal): it
/// takes the number words that compose with the ordinal ("one hundred | thirty fifths",
/// "one | one hundred fifth"), but a round scale ends the numerator ("a hundred | trillionths").
/// This follows the convention of common English recognizers.
pub(super) fn denominator_start(words: &[FracWord]) -> usize {
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
pub(super) fn parse_word_fraction(ctx: &Ctx, i: usize) -> Option<Num> {
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
            // "one-and-a-half": hyphens on both sides of "and".
            if ctx.tok_text(j) == "-" && ctx.low(j + 1).is_some() {
                j += 1;
            }
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

/// The value of fraction words `words` read from tokens `i..end`: the numerator and
/// denominator split, a whole part before "and", and a scale after ("one and a half million").
pub(super) fn fraction_value(ctx: &Ctx, i: usize, end: usize, words: &[FracWord], plural: bool) -> Option<Num> {
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
        // "a million and a half": the fraction is of the scale that ends the whole part.
        Some(m) if numer < den && m > 0 && num_words[m - 1].value >= Decimal::from(1000) => {
            whole + numer.checked_div(den)?.checked_mul(num_words[m - 1].value)?
        }
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
pub(super) fn lone_fraction(ctx: &Ctx, i: usize, end: usize) -> bool {
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

/// "half a billion", "a quarter of a million", "a half million", "three-quarters of a million".
pub(super) fn parse_fraction_of_scale(ctx: &Ctx, i: usize) -> Option<Num> {
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
            _ => return any_fraction_of_scale(ctx, i),
        },
        _ => return any_fraction_of_scale(ctx, i),
    };
    if ctx.low(j) == Some("of") {
        j += 1;
    } else if ctx.tok_text(j) == "-" && ctx.toks.get(j).is_some_and(|t| !t.space_before) {
        // "a half-billion", "a quarter-million": the fraction hyphenated to its scale.
        j += 1;
    }
    if matches!(ctx.low(j), Some("a" | "an")) {
        j += 1;
        // "half-a-million": hyphens on both sides of the article.
        if ctx.tok_text(j) == "-" && ctx.toks.get(j).is_some_and(|t| !t.space_before) {
            j += 1;
        }
    }
    let s = ctx.low(j).and_then(|w| scale_word(w).or_else(|| dozen(w)))?;
    if matches!(ctx.low(j), Some(x) if x.ends_with('s')) {
        return None;
    }
    Some(Num { value: frac * s, upper: None, start: i, end: j + 1, scaled: true, scale: s, words: true, vague: false })
}

/// Any fraction in words, then "of a" and a scale: "three-quarters of a billion",
/// "two thirds of a million", "a fifth of a billion", "one-tenth of a trillion".
fn any_fraction_of_scale(ctx: &Ctx, i: usize) -> Option<Num> {
    let f = parse_word_fraction(ctx, i).filter(|f| f.value < Decimal::ONE && !f.scaled)?;
    let mut j = f.end;
    if ctx.low(j) != Some("of") {
        return None;
    }
    j += 1;
    if matches!(ctx.low(j), Some("a" | "an")) {
        j += 1;
    }
    let s = ctx.low(j).and_then(full_scale_word).filter(|s| *s >= Decimal::from(1000))?;
    let value = f.value.checked_mul(s)?;
    Some(Num { value, upper: None, start: i, end: j + 1, scaled: true, scale: s, words: true, vague: false })
}
