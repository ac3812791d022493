//! Numbers written in digits: separators (Western and Indian grouping), decimals, a
//! scale after them ("1.6bn", "5 million"), slash fractions, exponents, and a spoken
//! decimal or compound after the digits ("2 point 5", "3 thousand").

use rust_decimal::Decimal;

use super::*;

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
        // "1.234.567": dots as thousands separators (continental style), groups of three.
        let mut groups = s.split('.');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
        let mut clean = String::with_capacity(s.len());
        clean.extend(s.chars().filter(|&c| c != '.'));
        return clean.parse().ok();
    }
    s.parse().ok()
}

/// "€1.500", "10.000 people": one dot before exactly three digits, with no scale after, as
/// continental Europe groups thousands. Read so only where a fraction cannot be meant: money has
/// no thousandths, and a count of things no fraction. `None` for any other number.
pub fn dot_thousands(ctx: &Ctx, n: &Num) -> Option<Decimal> {
    if n.scaled || n.words || n.vague || n.end != n.start + 1 {
        return None;
    }
    let (int, frac) = ctx.tok_text(n.start).split_once('.')?;
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    ((1..=3).contains(&int.len()) && frac.len() == 3 && digits(int) && digits(frac))
        .then(|| n.value.checked_mul(Decimal::from(1000)))
        .flatten()
}

/// Indian digit grouping ("12,34,567"): the last group of three, groups of two before it.
pub(super) fn indian_groups(int: &str) -> bool {
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

pub(super) fn parse_digit_number(ctx: &Ctx, i: usize) -> Option<Num> {
    let (text, toks) = (ctx.text, ctx.toks);
    let t = &toks[i];
    let head = t.text(text);
    // "½ million", "¾": a vulgar fraction stands for its value.
    if let Some(v) = vulgar_value(head) {
        let mut num = Num {
            value: v,
            upper: None,
            start: i,
            end: i + 1,
            scaled: false,
            scale: Decimal::ONE,
            words: false,
            vague: false,
        };
        // "½ a million": the article between a fraction and its scale, as in "half a million".
        if ctx.low(i + 1) == Some("a")
            && ctx.low(i + 2).and_then(super::scale_word).is_some_and(|s| s >= Decimal::from(1000))
        {
            num.end = i + 2;
        }
        apply_scale(ctx, &mut num);
        return Some(num);
    }
    let mut value = match parse_digits(head) {
        Some(v) => v,
        None => decimal_comma(ctx, i)?,
    };
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
                && is_group_gap(&text[toks[end - 1].end..n.start])
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
    // "1'234'567", "1’000": apostrophes as thousands separators (Swiss style), glued.
    if head.len() <= 3 && !head.contains(['.', ',']) && start == i && end == i + 1 {
        while let (Some(a), Some(n)) = (toks.get(end), toks.get(end + 1))
            && matches!(a.text(text), "'" | "’")
            && !a.space_before
            && !n.space_before
            && n.kind == TokKind::Num
            && n.text(text).len() == 3
            && n.text(text).bytes().all(|b| b.is_ascii_digit())
        {
            value = value * Decimal::from(1000) + parse_digits(n.text(text))?;
            end += 2;
        }
    }
    let plain_int = !head.contains(['.', ',']) && start == i;
    // "2½", "1 ¾": a whole number and a vulgar fraction (glued or one space apart).
    if plain_int
        && end == i + 1
        && let Some(n) = toks.get(end)
        && (!n.space_before || text[t.end..n.start] == *" ")
        && let Some(v) = vulgar_value(n.text(text))
    {
        value += v;
        end += 1;
    }
    let mut num =
        Num { value, upper: None, start, end, scaled: false, scale: Decimal::ONE, words: false, vague: false };
    // A fraction "1/2" (not a date "1/2/2024").
    if plain_int
        && end == i + 1
        && let Some(v) = slash_fraction(ctx, i)
    {
        num.value = v;
        num.end = i + 3;
        // "1/2 million": a fraction of a scale.
        if v < Decimal::ONE {
            apply_scale(ctx, &mut num);
        }
        return Some(num);
    }
    // "7 and a half million", "2 and a quarter": a whole number in digits and a fraction in words.
    if plain_int
        && end == i + 1
        && ctx.low(end) == Some("and")
        && ctx.low(end + 1) == Some("a")
        && let Some(f) = match ctx.low(end + 2) {
            Some("half") => Some(Decimal::new(5, 1)),
            Some("quarter") => Some(Decimal::new(25, 2)),
            _ => None,
        }
    {
        num.value += f;
        num.end = end + 3;
        apply_scale(ctx, &mut num);
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

/// The space between groups of thousands: a space, or the no-break, narrow
/// no-break and thin spaces typesetters use there ("1 234 567").
fn is_group_gap(s: &str) -> bool {
    matches!(s, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
}

/// "1,5 million", "12,5 %": a decimal comma (continental style), read only where a
/// scale word or a percent sign follows, since "1,5" alone may be a list.
fn decimal_comma(ctx: &Ctx, i: usize) -> Option<Decimal> {
    let s = ctx.tok_text(i);
    let (int, frac) = s.split_once(',')?;
    if int.is_empty() || int.len() > 3 || frac.is_empty() || frac.len() > 2 || frac.contains([',', '.']) {
        return None;
    }
    let next = ctx.toks.get(i + 1)?;
    let mut b = [0u8; 24];
    let scale_next = next.kind == TokKind::Word
        && lower(next.text(ctx.text), &mut b).is_some_and(|w| scale_word(w).is_some_and(|v| v >= Decimal::from(1000)));
    let percent_next = matches!(next.text(ctx.text), "%") || ctx.low(i + 1) == Some("percent");
    if !scale_next && !percent_next {
        return None;
    }
    let whole: Decimal = int.parse().ok()?;
    let f: Decimal = frac.parse().ok()?;
    Some(whole + Decimal::new(f.mantissa() as i64, frac.len() as u32))
}

/// The value of a token that is one vulgar fraction character ("½" → 0.5).
pub(super) fn vulgar_value(s: &str) -> Option<Decimal> {
    let mut cs = s.chars();
    let (n, d) = crate::text::vulgar_fraction(cs.next()?)?;
    if cs.next().is_some() {
        return None;
    }
    Decimal::from(n).checked_div(Decimal::from(d))
}

/// The fraction whose numerator is token `n` ("1/2", "4/5"), with its value; not a date
/// ("1/2/2024") and only for small denominators.
pub(super) fn slash_fraction(ctx: &Ctx, n: usize) -> Option<Decimal> {
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
pub(super) fn exponent(ctx: &Ctx, num: &mut Num) -> bool {
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
pub(super) fn times_ten_to(base: Decimal, exp: Decimal, negative: bool) -> Option<Decimal> {
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
pub(super) fn pow(base: Decimal, exp: Decimal, negative: bool) -> Option<Decimal> {
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
pub(super) fn digit_compound(ctx: &Ctx, num: &mut Num) {
    let (text, toks) = (ctx.text, ctx.toks);
    // Only after a scale in words: "3m and 25 EUR" are two amounts, "3 million and 25" one.
    let spelled =
        num.end > 0 && toks.get(num.end - 1).is_some_and(|t| t.kind == TokKind::Word && t.text(text).len() >= 4);
    if !spelled {
        return;
    }
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

/// After "1.5", a scale suffix or word: "bn", " million", " thousand million", "-billion".
pub(super) fn apply_scale(ctx: &Ctx, num: &mut Num) {
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

/// "five point five", "two hundred point zero three", "point seventy-one": the digits
/// spoken after "point", one word each (a tens word gives two).
pub(super) fn spoken_decimal(ctx: &Ctx, num: &mut Num) {
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
