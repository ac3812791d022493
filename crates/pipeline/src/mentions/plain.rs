//! Numbers and ordinals that count nothing named: "21st", "twenty-first", "-4", "minus 10",
//! "hundreds" — what is left once money, percentages, dates and quantities have taken theirs.

use super::money::qualifier_before;
use rust_decimal::Decimal;

use super::number::{Num, dot_thousands};
use super::{Ctx, Found, MentionKind, MentionValue, Qualifier};
use crate::text::TokKind;

/// Ordinals: "3rd", "21st", "third", "twenty-first". Not in dates (taken before).
pub(super) fn ordinal_at(ctx: &Ctx, i: usize) -> Option<Found> {
    let toks = ctx.toks;
    let t = &toks[i];
    if t.kind == TokKind::Num {
        let n = toks.get(i + 1)?;
        if n.space_before || !matches!(ctx.low(i + 1), Some("st" | "nd" | "rd" | "th")) {
            return None;
        }
        let v: Decimal = super::number::parse_digits(t.text(ctx.text))?;
        return Some(Found::new(MentionKind::Ordinal, i, i + 2, MentionValue::Number(v)));
    }
    let w = ctx.low(i)?;
    if let Some(f) = compound_ordinal(ctx, i) {
        return Some(f);
    }
    // Not an ordinal: "a second", "a third of", "one-fifth", "second-hand".
    let prev = if i > 0 { ctx.tok_text(i - 1) } else { "" };
    let next = ctx.tok_text(i + 1);
    let second_hand = toks.get(i + 1).is_some_and(|n| !n.space_before && n.text(ctx.text) == "-")
        && ctx.tok_text(i + 2).eq_ignore_ascii_case("hand");
    if prev.eq_ignore_ascii_case("a")
        || prev == "-"
        || second_hand
        || (next.eq_ignore_ascii_case("of")
            && super::number::denominator(w).is_some()
            && !prev.eq_ignore_ascii_case("the"))
    {
        return None;
    }
    if let Some(v) = ordinal_word(w) {
        return Some(Found::new(MentionKind::Ordinal, i, i + 1, MentionValue::Number(Decimal::from(v))));
    }
    // "twenty-first"
    let tens = super::number::tens_value(w)?;
    if ctx.tok_text(i + 1) == "-" && !toks.get(i + 1)?.space_before {
        let u = ordinal_word(ctx.low(i + 2)?)?;
        if u < 10 {
            return Some(Found::new(MentionKind::Ordinal, i, i + 3, MentionValue::Number(Decimal::from(tens + u))));
        }
    }
    None
}

/// "the one hundredth day", "its two thousandth visitor", "the one hundred and first time", "the
/// one hundred twenty-fifth anniversary", "the twenty first century": an ordinal in several
/// words, after a determiner ("one hundredth of a second" is a fraction).
fn compound_ordinal(ctx: &Ctx, i: usize) -> Option<Found> {
    let determiner = i > 0
        && matches!(ctx.low(i - 1), Some("the" | "its" | "their" | "his" | "her" | "our" | "my" | "your" | "this"));
    if !determiner || !ctx.toks.get(i).is_some_and(|t| t.kind == TokKind::Word) {
        return None;
    }
    let num = super::number::parse_number(ctx, i).filter(|n| n.words && !n.vague)?;
    let mut j = num.end;
    let (whole, ord) = if ctx.tok_text(j) == "-" && num.end > i + 1 {
        // "one hundred twenty-fifth": the number read "twenty" as its own; the unit ordinal follows.
        (num.value, ordinal_word(ctx.low(j + 1)?).filter(|&u| u < 10)?)
    } else {
        if ctx.low(j) == Some("and") {
            j += 1;
        }
        (num.value, ordinal_word(ctx.low(j)?)?)
    };
    let end = if ctx.tok_text(j) == "-" { j + 2 } else { j + 1 };
    if ctx.low(end) == Some("of") {
        return None;
    }
    let ord = Decimal::from(ord);
    // "two hundredth" multiplies; "one hundred and first", "one hundred twenty-fifth" and "the
    // twenty first century" add the unit's ordinal to the whole.
    let tens = whole >= Decimal::from(20) && whole < Decimal::ONE_HUNDRED && (whole % Decimal::TEN).is_zero();
    let value = if ord >= Decimal::ONE_HUNDRED && whole < ord && whole.fract().is_zero() {
        whole.checked_mul(ord)?
    } else if (num.scaled && ord < Decimal::ONE_HUNDRED)
        || (num.end > i + 1 && ctx.tok_text(j) == "-")
        || (tens && ord < Decimal::TEN)
    {
        whole + ord
    } else {
        return None;
    };
    Some(Found::new(MentionKind::Ordinal, i, end, MentionValue::Number(value)))
}

/// "first" … "billionth" written as one word: the one list of ordinal words (dates read
/// their days from it too).
pub(super) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        "billionth" => 1_000_000_000,
        _ => return None,
    })
}

/// A number that is not part of anything else. Model numbers ("F-16"),
/// section numbers ("506(a)") and measures ("155mm") are left out.
pub(super) fn plain_number(ctx: &Ctx, num: &Num) -> Option<Found> {
    let toks = ctx.toks;
    let first = &toks[num.start];
    if num.start > 0 && ctx.tok_text(num.start - 1) == "-" && !first.space_before {
        // "F-16": a hyphen glued to a word before.
        if num.start > 1 && toks[num.start - 2].kind == TokKind::Word && !toks[num.start - 1].space_before {
            return None;
        }
    }
    if first.kind == TokKind::Num && !first.space_before && num.start > 0 && toks[num.start - 1].kind == TokKind::Word {
        return None; // "M777", "Q3"
    }
    if toks.get(num.end).is_some_and(|t| !t.space_before && t.kind == TokKind::Word) {
        return None; // "155mm", "5G"
    }
    if toks.get(num.end).is_some_and(|t| !t.space_before && t.text(ctx.text) == "(") {
        return None; // "506(a)"
    }
    let (qualifier, start) = qualifier_before(ctx, num.start);
    // "10.000 people", "2.500 refugees": before a plural noun that names what is counted, a dot
    // before three digits groups thousands ("section 44.101 of title 48" stays a label).
    let counted = ctx.tok_text(num.end).starts_with(|c: char| c.is_lowercase())
        && ctx.low(num.end).is_some_and(|w| {
            !super::quantity::is_stop(w)
                && w != "points" // a score may have thousandths ("9.875 points")
                && (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") || w == "people")
        });
    let num = &Num { value: dot_thousands(ctx, num).filter(|_| counted).unwrap_or(num.value), ..*num };
    // A sign: "-4", "minus 10".
    let (value, first) = match num.start.checked_sub(1) {
        Some(k) if ctx.tok_text(k) == "-" && !first.space_before && (k == 0 || toks[k].space_before) => (-num.value, k),
        Some(k) if matches!(ctx.low(k), Some("minus" | "negative")) => (-num.value, k),
        // "- 10 k" opening the text with nothing after: a sign set apart, not a bullet or a range.
        Some(0) if ctx.tok_text(0) == "-" && toks.get(num.end).is_none_or(|t| t.kind == TokKind::Punct) => {
            (-num.value, 0)
        }
        _ => (num.value, num.start),
    };
    let mut end = num.end;
    if num.vague && end > num.start + 1 && ctx.tok_text(end - 1).eq_ignore_ascii_case("of") {
        end -= 1;
    }
    let mut f = Found::new(MentionKind::Number, first, end, MentionValue::Number(value.normalize()));
    if num.vague {
        f.qualifier = Some(Qualifier::Approx);
        f.upper = num.upper.map(|u| MentionValue::Number(u.normalize()));
    }
    let _ = (qualifier, start);
    Some(f)
}
