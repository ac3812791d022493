//! Percentages: "12.5%", "12.5 per cent", "twenty percent", "3 percentage
//! points", "10-15%", with the qualifiers money uses.

use rust_decimal::Decimal;

use super::money::qualifier_before;
use super::number::{flags, parse_number};
use super::{Ctx, Found, MentionKind, MentionValue, Qualifier};
use crate::text::TokKind;

pub fn find(ctx: &mut Ctx, out: &mut Vec<Found>) {
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        // A number then its sign, or the sign first ("per cent of twelve").
        let found = if ctx.may_start(i, flags::NUMBER) { percent_at(ctx, i) } else { percent_of_number(ctx, i) };
        if let Some(f) = found {
            ctx.take(f.first, f.last);
            i = f.last;
            out.push(f);
        } else {
            i += 1;
        }
    }
}

/// After a number at `j`: "%", "per cent", "percent", "percentage point(s)".
/// Returns (end token, is_points).
fn percent_sign(ctx: &Ctx, j: usize) -> Option<(usize, bool)> {
    let (end, points, _) = percent_unit(ctx, j)?;
    Some((end, points))
}

/// Like [`percent_sign`], with the divisor that turns the figure into per cent
/// or points (100 for basis points: "25 basis points" is a quarter of a point).
fn percent_unit(ctx: &Ctx, j: usize) -> Option<(usize, bool, u32)> {
    let t = ctx.toks.get(j)?;
    let glued = |k: usize| ctx.toks.get(k).is_some_and(|t| !t.space_before);
    // "a 50-percent rise", "a fifty-per-cent cut": the sign hyphenated to the figure.
    if t.kind == TokKind::Punct && ctx.tok_text(j) == "-" && !t.space_before && glued(j + 1) {
        return percent_unit(ctx, j + 1).filter(|_| ctx.toks[j + 1].kind == TokKind::Word);
    }
    if t.kind == TokKind::Sym && ctx.tok_text(j) == "%" {
        return Some((j + 1, false, 1));
    }
    // "0.5pc", glued; "5 p.c.", with its points.
    if !t.space_before && ctx.tok_text(j) == "pc" {
        return Some((j + 1, false, 1));
    }
    let w = ctx.low(j)?;
    if w == "p" && ctx.tok_text(j + 1) == "." && glued(j + 1) && ctx.low(j + 2) == Some("c") && glued(j + 2) {
        let end = if ctx.tok_text(j + 3) == "." && glued(j + 3) { j + 4 } else { j + 3 };
        return Some((end, false, 1));
    }
    // "2 pp", "0.5ppt", "3 ppts": percentage points as economists abbreviate them.
    if matches!(w, "pp" | "ppt" | "ppts") {
        return Some((j + 1, true, 1));
    }
    let end = match w {
        "percent" | "percents" | "pct" => j + 1,
        // "per cent", "per-cent"
        "per" if ctx.low(j + 1) == Some("cent") => j + 2,
        "per" if ctx.tok_text(j + 1) == "-" && glued(j + 1) && ctx.low(j + 2) == Some("cent") && glued(j + 2) => j + 3,
        "percentage" | "percentages" => j + 1,
        "basis" if matches!(ctx.low(j + 1), Some("point" | "points")) => return Some((j + 2, true, 100)),
        "bp" | "bps" => return Some((j + 1, true, 100)),
        _ => return None,
    };
    // "3 percentage points", "12 percent points", "2 pct pts".
    if matches!(ctx.low(end), Some("point" | "points" | "pts" | "pt")) {
        return Some((end + 1, true, 1));
    }
    Some((end, false, 1))
}

fn percent_at(ctx: &Ctx, i: usize) -> Option<Found> {
    if !ctx.free(i, i + 1) || !matches!(ctx.toks[i].kind, TokKind::Num | TokKind::Word) {
        return None;
    }
    // "half a percent", "a quarter of a percentage point"
    let (value, num_end, num_start) = if let Some((v, e)) = fraction_of_a(ctx, i) {
        (v, e, i)
    } else {
        let n = parse_number(ctx, i)?;
        if n.vague || !ctx.free(i, n.end) {
            return None;
        }
        // "three-quarters of a percentage point": any fraction in words, then "of a".
        if n.words && !n.scaled && n.value < Decimal::ONE && ctx.low(n.end) == Some("of") {
            let j = if matches!(ctx.low(n.end + 1), Some("a" | "an")) { n.end + 2 } else { n.end + 1 };
            if percent_sign(ctx, j).is_some() { (n.value, j, n.start) } else { (n.value, n.end, n.start) }
        } else {
            (n.value, n.end, n.start)
        }
    };
    // A sign: "-0.2%", "minus 0.5 per cent".
    let (value, num_start) = match num_start.checked_sub(1) {
        Some(k)
            if ctx.tok_text(k) == "-" && !ctx.toks[num_start].space_before && (k == 0 || ctx.toks[k].space_before) =>
        {
            (-value, k)
        }
        Some(k) if ctx.tok_text(k).eq_ignore_ascii_case("minus") => (-value, k),
        _ => (value, num_start),
    };
    let (qualifier, first) = qualifier_before(ctx, num_start);
    // "between 2% and 3%", "5.25%-5.5%": a range with the sign on both ends.
    if let Some((e1, points)) = percent_sign(ctx, num_end)
        && let Some(sep) = ctx.toks.get(e1)
        && (matches!(sep.text(ctx.text), "-" | "–")
            || sep.text(ctx.text).eq_ignore_ascii_case("to")
            || (qualifier == Some(Qualifier::Range) && sep.text(ctx.text).eq_ignore_ascii_case("and")))
        && let Some(n2) = parse_number(ctx, e1 + 1)
        && let Some((end, points2, per)) = percent_unit(ctx, n2.end)
        && points2 == points
        && n2.value > value
        && !(num_start > 0 && ctx.tok_text(num_start - 1).eq_ignore_ascii_case("from"))
    {
        let start = if qualifier == Some(Qualifier::Range) { first } else { num_start };
        let per = Decimal::from(per);
        let mut f = Found::new(MentionKind::Percent, start, end, MentionValue::Number((value / per).normalize()));
        f.upper = Some(MentionValue::Number((n2.value / per).normalize()));
        f.qualifier = Some(Qualifier::Range);
        f.points = points;
        return Some(f);
    }
    // A range: "10-15%", "10 to 15 per cent".
    if let Some(sep) = ctx.toks.get(num_end)
        && (matches!(sep.text(ctx.text), "-" | "–")
            || sep.text(ctx.text).eq_ignore_ascii_case("to")
            || (qualifier == Some(Qualifier::Range) && sep.text(ctx.text).eq_ignore_ascii_case("and")))
        && percent_sign(ctx, num_end).is_none()
        && let Some(n2) = parse_number(ctx, num_end + 1)
        && let Some((end, points, per)) = percent_unit(ctx, n2.end)
        && n2.value > value
    {
        let per = Decimal::from(per);
        let mut f = Found::new(MentionKind::Percent, first, end, MentionValue::Number((value / per).normalize()));
        f.upper = Some(MentionValue::Number((n2.value / per).normalize()));
        f.qualifier = Some(Qualifier::Range);
        f.points = points;
        return Some(f);
    }
    let (end, points, per) = percent_unit(ctx, num_end)?;
    let value = if per == 1 { value } else { value.checked_div(Decimal::from(per))? };
    let (qualifier, first) = match qualifier {
        Some(Qualifier::Range) | None => (Qualifier::Exact, num_start),
        Some(q) => (q, first),
    };
    let mut f = Found::new(MentionKind::Percent, first, end, MentionValue::Number(value.normalize()));
    f.qualifier = Some(qualifier);
    f.points = points;
    Some(f)
}

/// The percent word first: "per cent of twenty-two", "percent of 10" (not
/// after a number: "50 percent of 10" is fifty per cent).
fn percent_of_number(ctx: &Ctx, i: usize) -> Option<Found> {
    let after_word = match ctx.low(i)? {
        "percent" | "percents" => i + 1,
        "per" if ctx.low(i + 1) == Some("cent") => i + 2,
        _ => return None,
    };
    let after_number = i > 0 && (ctx.toks[i - 1].kind == TokKind::Num || ctx.may_start(i - 1, flags::NUMBER));
    if after_number || ctx.low(after_word) != Some("of") || !ctx.free(i, after_word + 1) {
        return None;
    }
    let n = parse_number(ctx, after_word + 1).filter(|n| !n.vague && !n.scaled && ctx.free(n.start, n.end))?;
    // "percent of the 10 regions": only a number right after "of".
    if n.start != after_word + 1 {
        return None;
    }
    let mut f = Found::new(MentionKind::Percent, i, n.end, MentionValue::Number(n.value.normalize()));
    f.qualifier = Some(Qualifier::Exact);
    Some(f)
}

/// "half a", "a half", "a quarter of a", "three quarters of a" before a percent word.
fn fraction_of_a(ctx: &Ctx, i: usize) -> Option<(Decimal, usize)> {
    let w = |k: usize| ctx.low(k).map(str::to_string);
    let (v, mut j) = match (w(i)?.as_str(), w(i + 1).as_deref()) {
        ("half", Some("a")) => (Decimal::new(5, 1), i + 2),
        ("a", Some("half")) => (Decimal::new(5, 1), i + 2),
        ("a", Some("quarter")) => (Decimal::new(25, 2), i + 2),
        ("three", Some("quarters")) => (Decimal::new(75, 2), i + 2),
        _ => return None,
    };
    if w(j).as_deref() == Some("of") {
        j += 1;
    }
    if w(j).as_deref() == Some("a") {
        j += 1;
    }
    percent_sign(ctx, j)?;
    Some((v, j))
}

#[cfg(test)]
mod tests {
    use crate::mentions::{MentionKind, find_all};

    fn pct(s: &str) -> Vec<(String, String, bool)> {
        find_all(s, None)
            .into_iter()
            .filter(|m| m.kind == MentionKind::Percent)
            .map(|m| (m.text, serde_json::to_string(&m.value).unwrap(), m.points))
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str, bool)] = &[
            ("rose 12.5% in May", "12.5%", "12.5", false),
            ("rose 12.5 per cent", "12.5 per cent", "12.5", false),
            ("rose 12.5 percent", "12.5 percent", "12.5", false),
            ("twenty percent of it", "twenty percent", "20", false),
            ("up 3 percentage points", "3 percentage points", "3", true),
            ("about 40% of the aid", "about 40%", "40", false),
            ("half a percent", "half a percent", "0.5", false),
            ("between 10 and 15 per cent", "between 10 and 15 per cent", "10", false),
        ];
        for (input, text, value, points) in cases {
            let got = pct(input);
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            assert_eq!((got[0].0.as_str(), got[0].1.as_str(), got[0].2), (*text, *value, *points), "{input}");
        }
        for s in ["100 percentile", "per cent", "the 5 cents"] {
            assert!(pct(s).is_empty(), "{s}");
        }
    }
}
