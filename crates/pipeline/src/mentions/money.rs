//! Money: a number with a currency, written with a sign ("£1.6bn", "US$3bn",
//! "$ 75 million"), a code ("USD 3bn", "3bn USD"), a name ("five million
//! dollars", "20 million Canadian dollars") or a minor unit ("50 cents");
//! ranges ("between $5 and $6 billion", "£1-2bn"), qualifiers ("up to",
//! "more than"), and figures given twice ("€1.9bn (£1.6bn)").

use rust_decimal::Decimal;

use super::currency::{CURRENCIES, name_end};
use super::number::{Num, dot_thousands, flags, lower, parse_number, scale_word, tens_value, unit_value};
use super::{Ctx, Found, Mention, MentionKind, MentionValue, Qualifier};
use crate::text::TokKind;

/// One amount, with or without its currency.
#[derive(Clone, Copy, Debug)]
struct Figure {
    first: usize,
    last: usize,
    value: Decimal,
    currency: Option<&'static str>,
    num: Num,
}

impl Figure {
    /// A vague count's upper bound, in currency units ("hundreds of millions of dollars").
    fn upper(&self) -> Option<Decimal> {
        self.num.upper.filter(|_| self.num.vague)
    }
}

pub fn find(ctx: &mut Ctx, out: &mut Vec<Found>) {
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        if !ctx.taken[i]
            && ctx.may_start(i, flags::NUMBER | flags::CAPITAL)
            && let Some(f) = money_at(ctx, i)
        {
            ctx.take(f.first, f.last);
            i = f.last;
            out.push(f);
        } else {
            i += 1;
        }
    }
}

fn money_at(ctx: &Ctx, i: usize) -> Option<Found> {
    let f1 = figure_at(ctx, i)?;
    let mut last = f1.last;
    let mut value = f1.value;
    let mut currency = f1.currency;
    let mut upper = f1.upper();
    let (qualifier, first) = qualifier_before(ctx, f1.first);
    let mut qualifier = if upper.is_some() { Some(Qualifier::Approx) } else { qualifier };
    // "grew from $10 million to $20 million" is a change, not a range.
    let change = f1.first > 0 && ctx.tok_text(f1.first - 1).eq_ignore_ascii_case("from");
    // A range: "$5bn-$6bn", "£1-2bn", "$5 to $6 billion", "between $5 and $6 billion".
    if let Some(sep) = ctx.toks.get(last) {
        let s = ctx.tok_text(last);
        let between = qualifier == Some(Qualifier::Range);
        let is_sep =
            matches!(s, "-" | "–" | "—") || s.eq_ignore_ascii_case("to") || (between && s.eq_ignore_ascii_case("and"));
        if is_sep
            && !change
            && upper.is_none()
            && sep.kind != TokKind::Num
            && ctx.free(last, last + 1)
            && let Some(f2) = figure_at(ctx, last + 1)
            && (f2.currency.is_none() || currency.is_none() || f2.currency == currency)
        {
            let mut lo = value;
            // "£1-2bn": the scale of the upper bound applies to the lower.
            if !f1.num.scaled && f2.num.scaled {
                lo *= f2.num.scale;
            }
            if lo < f2.value && (currency.is_some() || f2.currency.is_some()) {
                value = lo;
                upper = Some(f2.value);
                currency = currency.or(f2.currency);
                last = f2.last;
                qualifier = Some(Qualifier::Range);
            }
        }
    }
    let currency = currency?;
    if qualifier == Some(Qualifier::Range) && upper.is_none() {
        // "between" without a second figure: not a range, and not part of the mention.
        return Some(mk(f1.first, last, value, currency, Some(Qualifier::Exact), None));
    }
    Some(mk(first, last, value, currency, Some(qualifier.unwrap_or(Qualifier::Exact)), upper))
}

fn mk(
    first: usize,
    last: usize,
    value: Decimal,
    currency: &'static str,
    q: Option<Qualifier>,
    upper: Option<Decimal>,
) -> Found {
    let mut f = Found::new(MentionKind::Money, first, last, MentionValue::Number(value.normalize()));
    f.currency = Some(currency);
    f.qualifier = q;
    f.upper = upper.map(|u| MentionValue::Number(u.normalize()));
    f
}

/// An amount starting at token `i`: a currency sign or code then a number, or
/// a number then a currency name, code or minor unit.
fn figure_at(ctx: &Ctx, i: usize) -> Option<Figure> {
    if !ctx.free(i, i + 1) {
        return None;
    }
    let toks = ctx.toks;
    let t = toks.get(i)?;
    // Sign or code first.
    if let Some((code, after)) = currency_before(ctx, i) {
        let n = parse_number(ctx, after)?;
        if n.vague || !ctx.free(after, n.end) {
            return None;
        }
        // A code glued to digits names something else ("COP28", "G7"): signs may glue, codes may not.
        // The main currencies' codes do glue in financial copy ("USD5m", "EUR2.5bn").
        if t.kind == TokKind::Word
            && !toks[after].space_before
            && t.text(ctx.text).len() >= 3
            && !GLUED_CODES.contains(&t.text(ctx.text))
        {
            return None;
        }
        // "$5 million dollars": a redundant name after the number is part of it;
        // "$1.21 billion Canadian": the adjective says which dollar.
        let (code, last) = match currency_after(ctx, n.end) {
            Some((c2, e, _)) if c2 == code => (code, e),
            _ => match dollar_adjective(ctx, n.end).filter(|_| code == "USD" && ctx.tok_text(i) == "$") {
                Some(c) => (c, n.end + 1),
                None => (code, n.end),
            },
        };
        let (mut value, mut last) = with_minor_units(ctx, code, &n, last);
        // "$2.5MM": the financial "MM" (a thousand thousand) glued after a signed figure.
        if last == n.end
            && !n.scaled
            && ctx.tok_text(last) == "MM"
            && toks.get(last).is_some_and(|t| !t.space_before)
            && let Some(v) = value.checked_mul(Decimal::from(1_000_000))
        {
            value = v;
            last += 1;
        }
        return Some(Figure { first: i, last, value, currency: Some(code), num: n });
    }
    if !matches!(t.kind, TokKind::Num | TokKind::Word) {
        return None;
    }
    let n = parse_number(ctx, i)?;
    if !ctx.free(i, n.end) || is_year_units(ctx, &n) {
        return None;
    }
    // "weighs 3.5 pounds": a weight.
    if i > 0
        && ctx.low(i - 1).is_some_and(|w| w.starts_with("weigh"))
        && ctx.low(n.end).is_some_and(|w| w.starts_with("pound"))
    {
        return None;
    }
    match currency_after(ctx, n.end) {
        Some((code, end, minor)) => {
            // "10 EUR million", "5 USD bn": financial copy puts the scale after the code.
            let as_code =
                ctx.tok_text(end - 1).len() == 3 && ctx.tok_text(end - 1).bytes().all(|b| b.is_ascii_uppercase());
            let code_then_scale = (as_code && !minor && !n.scaled && ctx.toks.get(end).is_some_and(|t| t.space_before))
                .then(|| ctx.low(end).and_then(scale_word).filter(|s| *s >= Decimal::from(1000)))
                .flatten()
                .and_then(|s| n.value.checked_mul(s));
            if let Some(value) = code_then_scale {
                return Some(Figure { first: i, last: end + 1, value, currency: Some(code), num: n });
            }
            let (value, end) =
                if minor { (n.value / Decimal::from(100), end) } else { with_minor_units(ctx, code, &n, end) };
            Some(Figure { first: i, last: end, value, currency: Some(code), num: n })
        }
        // "hundreds of" alone is a count, not an amount.
        None if n.vague => None,
        None => Some(Figure { first: i, last: n.end, value: n.value, currency: None, num: n }),
    }
}

/// Codes that may be written against the digits ("USD5m"): only the main
/// currencies, whose codes name nothing else ("COP28" is a conference).
const GLUED_CODES: &[&str] =
    &["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "INR", "HKD", "SGD", "SEK", "NOK", "DKK", "PLN"];

/// Whether tokens `j..e` name cents in a generic way ("cents", "20c", "¢"): the minor
/// unit of the dollar, the euro and most currencies, so of whichever major unit came first.
fn generic_cents(ctx: &Ctx, j: usize, e: usize, code: &str) -> bool {
    e == j + 1 && code != "GBP" && (matches!(ctx.low(j), Some("cent" | "cents")) || ctx.tok_text(j) == "¢")
}

/// "3 dollars 50 cents", "thirteen dollars and forty-five cents": whole units then
/// minor units of the same currency make one amount. Spoken prices leave the minor
/// unit unnamed ("thirteen dollars forty-five", "C$ 100 and fifty"): a whole number
/// in words under a hundred that closes the clause after an unscaled whole amount.
fn with_minor_units(ctx: &Ctx, code: &str, major: &Num, end: usize) -> (Decimal, usize) {
    // "EUR 10.000", "€1.500": a dot before three digits groups thousands, since no amount has
    // thousandths — except in the few currencies whose minor unit is a thousandth (ISO 4217).
    let thousandths = matches!(code, "KWD" | "BHD" | "OMR" | "JOD" | "TND" | "LYD" | "IQD");
    let value = dot_thousands(ctx, major).filter(|_| !thousandths).unwrap_or(major.value);
    let j = if ctx.low(end) == Some("and") { end + 1 } else { end };
    let Some(n) = parse_number(ctx, j).filter(|n| !n.scaled && !n.vague && n.value < Decimal::from(100)) else {
        return (value, end);
    };
    let cents = n.value / Decimal::from(100);
    // "$5 and 20c": the cents' "c" glued to the figure.
    if ctx.tok_text(n.end) == "c" && !ctx.toks[n.end].space_before && code != "GBP" && ctx.free(j, n.end + 1) {
        return (value + cents, n.end + 1);
    }
    match currency_after(ctx, n.end) {
        Some((c, e, true)) if (c == code || generic_cents(ctx, n.end, e, code)) && ctx.free(j, e) => (value + cents, e),
        // "3 euros 50.": two digits right after a whole amount, closing the clause, are its cents
        // ("$4 and 12." is two figures).
        None if (n.words || j == end && ctx.tok_text(n.start).len() == 2 && n.end == n.start + 1)
            && !major.scaled
            && value.fract().is_zero()
            && n.value >= Decimal::ONE
            && n.value.fract().is_zero()
            && ctx.free(j, n.end)
            && closes_clause(ctx, n.end) =>
        {
            (value + cents, n.end)
        }
        _ => (value, end),
    }
}

/// Whether token `i` ends a clause: the end of the sentence or a closing mark.
fn closes_clause(ctx: &Ctx, i: usize) -> bool {
    ctx.toks.get(i).is_none_or(|t| matches!(t.text(ctx.text), "." | "," | ";" | ":" | "!" | "?" | ")"))
}

/// "in 2024 dollars" names a price base, not an amount.
fn is_year_units(ctx: &Ctx, n: &Num) -> bool {
    let s = ctx.tok_text(n.start);
    n.end == n.start + 1
        && s.len() == 4
        && s.starts_with(['1', '2'])
        && n.start > 0
        && ctx.tok_text(n.start - 1).eq_ignore_ascii_case("in")
}

/// A currency sign or code at `i` ("$", "US$", "C$", "USD", "Rs.") followed by a
/// number; returns the code and the token index of the number.
fn currency_before(ctx: &Ctx, i: usize) -> Option<(&'static str, usize)> {
    let toks = ctx.toks;
    let t = toks.get(i)?;
    let cur = &*CURRENCIES;
    let next_is_number =
        |j: usize| toks.get(j).is_some_and(|n| n.kind == TokKind::Num || (n.kind == TokKind::Word && n.space_before));
    match t.kind {
        TokKind::Sym => {
            let codes = cur.by_sign(t.text(ctx.text))?;
            next_is_number(i + 1).then(|| (resolve(ctx, codes), i + 1))
        }
        TokKind::Word => {
            let w = t.text(ctx.text);
            // A prefix glued to a sign: "US$", "C$", "NZ$", "HK$".
            if let Some(s) = toks.get(i + 1)
                && s.kind == TokKind::Sym
                && !s.space_before
            {
                let joined = &ctx.text[t.start..s.end];
                if let Some(codes) = cur.by_sign(joined) {
                    return next_is_number(i + 2).then(|| (resolve(ctx, codes), i + 2));
                }
            }
            // The same prefix written apart, as some wires tokenise it: "c $ 300 million", "hk $ 10".
            // Not the end of a word: "it’s $125 million" is no Singapore dollar.
            if w.len() <= 2
                && !w.eq_ignore_ascii_case("a")
                && (i == 0 || t.space_before || ctx.tok_text(i - 1) == ".")
                && let Some(s) = toks.get(i + 1)
                && ctx.tok_text(i + 1) == "$"
                && let Some(codes) = cur.by_sign(&format!("{}$", dotted_prefix(ctx, i)))
            {
                return next_is_number(i + 2).then(|| (resolve(ctx, codes), i + 2)).filter(|_| s.space_before);
            }
            // "Rs." / "Fr." abbreviations with a dot.
            if let Some(dot) = toks.get(i + 1)
                && dot.text(ctx.text) == "."
                && !dot.space_before
                && let Some(codes) = cur.by_sign(&ctx.text[t.start..dot.end])
                && toks.get(i + 2).is_some_and(|n| n.kind == TokKind::Num)
            {
                return Some((resolve(ctx, codes), i + 2));
            }
            // A currency's name written before the figure, as a label is: "Yen 284 million",
            // "Japanese Yen 304 million", "Euro 50 million" (capitalised, as such labels are), and
            // in legal copy before a figure in capitalised words: "Japanese Yen One Thousand and Six
            // Hundred Million" (eval/labels cabinet-final-i, the Japanese grant decision).
            let figure_next = |k: usize| {
                toks.get(k + 1).is_some_and(|n| {
                    n.kind == TokKind::Num
                        || (n.kind == TokKind::Word && n.text(ctx.text).starts_with(char::is_uppercase) && {
                            let mut buf = [0u8; 24];
                            lower(n.text(ctx.text), &mut buf)
                                .is_some_and(|l| unit_value(l).is_some() || tens_value(l).is_some())
                        })
                })
            };
            if w.starts_with(char::is_uppercase) {
                let mut buf = [0u8; 24];
                if let Some(first) = lower(w, &mut buf)
                    && cur.starts_a_name(first)
                {
                    // The longest name (ending on a capitalised word) that a figure follows.
                    let last = (i + cur.max_name_words).min(toks.len());
                    let mut names = names_at(ctx, i, last, first);
                    if let Some((_, code, k)) = names
                        .find(|&(_, _, k)| toks[k].text(ctx.text).starts_with(char::is_uppercase) && figure_next(k))
                    {
                        return Some((code, k + 1));
                    }
                }
            }
            // An ISO code or a word sign: "USD 3bn", "CHF 10m", "Rs 500".
            let code = cur
                .by_code(w)
                .or_else(|| cur.by_sign(w).filter(|_| w.chars().count() >= 2).map(|c| resolve(ctx, c)))?;
            // "60 MK18 rifles": letters glued to a number right after a count name a model.
            let glued_after_count = toks.get(i + 1).is_some_and(|n| !n.space_before)
                && i > 0
                && toks[i - 1].kind == TokKind::Num
                && t.space_before;
            toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Num && !glued_after_count).then_some((code, i + 1))
        }
        _ => None,
    }
}

/// The letters of a sign's prefix ending at token `i`, upper-cased, with the
/// letters of an abbreviation glued before it: "u.s $" gives "US", "c $" gives "C".
fn dotted_prefix(ctx: &Ctx, i: usize) -> String {
    let mut prefix = ctx.tok_text(i).to_ascii_uppercase();
    let mut k = i;
    while k >= 2
        && ctx.tok_text(k - 1) == "."
        && !ctx.toks[k - 1].space_before
        && !ctx.toks[k].space_before
        && ctx.toks[k - 2].kind == TokKind::Word
        && ctx.tok_text(k - 2).len() == 1
    {
        prefix.insert_str(0, &ctx.tok_text(k - 2).to_ascii_uppercase());
        k -= 2;
    }
    prefix
}

/// A major currency's code written in lower case after a number ("20 usd", "10 rmb").
fn common_code_in_lower_case(w: &str) -> Option<&'static str> {
    Some(match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "cny" | "rmb" => "CNY",
        "chf" => "CHF",
        "cad" => "CAD",
        "aud" => "AUD",
        "inr" => "INR",
        "uah" => "UAH",
        "pln" => "PLN",
        "btc" | "xbt" => "XBT",
        _ => return None,
    })
}

/// "Canadian", "Australian"… right after a "$" figure.
fn dollar_adjective(ctx: &Ctx, j: usize) -> Option<&'static str> {
    Some(match ctx.tok_text(j) {
        "Canadian" => "CAD",
        "Australian" => "AUD",
        "Singapore" => "SGD",
        "Taiwan" | "Taiwanese" => "TWD",
        "Mexican" => "MXN",
        _ => return None,
    })
}

/// A currency after a number at token `j`: a name ("pounds sterling",
/// "Canadian dollars"), a code ("USD"), a word sign ("zł", "kr"), or a minor
/// unit ("cents", "pence", "20p"). Returns (code, end token, is_minor).
fn currency_after(ctx: &Ctx, j: usize) -> Option<(&'static str, usize, bool)> {
    let toks = ctx.toks;
    let t = toks.get(j)?;
    let cur = &*CURRENCIES;
    // "a 12-cent dividend", "a one-yen bid": a currency word hyphenated to the number.
    if t.kind == TokKind::Punct
        && t.text(ctx.text) == "-"
        && !t.space_before
        && toks.get(j + 1).is_some_and(|n| n.kind == TokKind::Word && !n.space_before)
    {
        return currency_after(ctx, j + 1).filter(|&(_, end, _)| end == j + 2);
    }
    match t.kind {
        TokKind::Word => {
            let w = t.text(ctx.text);
            // "60 MK18 rifles": letters glued to a number or word that follows are a model's name,
            // not a currency.
            if toks.get(j + 1).is_some_and(|n| matches!(n.kind, TokKind::Num | TokKind::Word) && !n.space_before) {
                return None;
            }
            // "20p" glued: pence.
            if !t.space_before && w == "p" {
                return Some(("GBP", j + 1, true));
            }
            if let Some(code) = cur.by_code(w).or_else(|| common_code_in_lower_case(w)) {
                return Some((code, j + 1, false));
            }
            // Word signs: "zł", "kr"; one letter only if not Latin ("元", not "m").
            if let Some(codes) = cur.by_sign(w)
                && (w.chars().count() >= 2 || !w.is_ascii())
            {
                return Some((resolve(ctx, codes), j + 1, false));
            }
            let mut buf = [0u8; 24];
            let first = lower(w, &mut buf)?;
            // "5 p.c." is per cent, not pence.
            if first == "p" && ctx.tok_text(j + 1) == "." && ctx.low(j + 2) == Some("c") {
                return None;
            }
            if let Some(code) = cur.by_minor(first) {
                return Some((code, j + 1, true));
            }
            if !cur.starts_a_name(first) {
                return None;
            }
            // Longest name first, across up to a few words (and dots: "U.S. dollars"):
            // only the names this word starts.
            let last = j + (cur.max_name_words * 3).min(toks.len() - j);
            let (name, code, k) = names_at(ctx, j, last, first).next()?;
            // "54,000 pounds of medical items" is a weight.
            if code == "GBP" && ctx.tok_text(k + 1).eq_ignore_ascii_case("of") && name.starts_with("pound") {
                return None;
            }
            // "10 euro cents": the minor unit named after the major one.
            if k == j && matches!(ctx.low(k + 1), Some("cent" | "cents")) && code != "GBP" {
                return Some((code, k + 2, true));
            }
            Some((code, k + 1, false))
        }
        // "50¢": the cent sign, a dollar's hundredth.
        TokKind::Sym if t.text(ctx.text) == "¢" => Some(("USD", j + 1, true)),
        TokKind::Sym => {
            let codes = cur.by_sign(t.text(ctx.text))?;
            // "5€" or "5 €", but not "5 $10" or "$ 20.00 $ 37.50" (a sign that starts the next figure).
            if toks.get(j + 1).is_some_and(|n| n.kind == TokKind::Num && (!n.space_before || t.space_before)) {
                return None;
            }
            Some((resolve(ctx, codes), j + 1, false))
        }
        _ => None,
    }
}

/// The currency names written from token `from` (whose lowercase form is `first`) that end
/// on a word token before `to`, longest first: each with its code and last token. The text
/// is read as [`normalise_name`](super::currency::normalise_name) reads it ("U.S.  Dollars"
/// is "u.s. dollars"), and only the names that start with `first` are tried.
fn names_at<'a>(
    ctx: &'a Ctx,
    from: usize,
    to: usize,
    first: &str,
) -> impl Iterator<Item = (&'static str, &'static str, usize)> + use<'a> {
    let toks = ctx.toks.get(from..to).unwrap_or_default();
    let span = toks.first().zip(toks.last()).map(|(a, b)| (a.start, b.end));
    CURRENCIES.names_starting(first).iter().filter_map(move |(name, code)| {
        let (start, limit) = span?;
        let end = name_end(ctx.text, start, limit, name)?;
        let k = toks.partition_point(|t| t.end < end);
        toks.get(k).filter(|t| t.end == end && t.kind == TokKind::Word).map(|_| (name.as_str(), *code, from + k))
    })
}

/// Picks a currency for an ambiguous sign ("kr", "¥", "$") from the document.
fn resolve(ctx: &Ctx, codes: &[&'static str]) -> &'static str {
    if codes.len() == 1 {
        return codes[0];
    }
    // The whole text gives the context ("kr" in a Danish story).
    let doc = ctx.text;
    let hint = |words: &[&str]| words.iter().any(|w| doc.contains(w));
    for &c in codes {
        let hit = match c {
            "SEK" => hint(&["Swed", "krona", "kronor"]),
            "NOK" => hint(&["Norw"]),
            "DKK" => hint(&["Danish", "Denmark"]),
            "ISK" => hint(&["Iceland"]),
            "CNY" => hint(&["yuan", "renminbi", "RMB"]) || (hint(&["China", "Chinese"]) && !hint(&["Japan"])),
            _ => false,
        };
        if hit {
            return c;
        }
    }
    codes[0]
}

/// A qualifier ending right before token `first`; returns it and where it starts.
pub fn qualifier_before(ctx: &Ctx, first: usize) -> (Option<Qualifier>, usize) {
    const PHRASES: &[(&[&str], Qualifier)] = &[
        (&["not", "to", "exceed"], Qualifier::UpTo),
        (&["in", "excess", "of"], Qualifier::MoreThan),
        (&["no", "less", "than"], Qualifier::AtLeast),
        (&["not", "less", "than"], Qualifier::AtLeast),
        (&["no", "more", "than"], Qualifier::UpTo),
        (&["as", "much", "as"], Qualifier::UpTo),
        (&["as", "many", "as"], Qualifier::UpTo),
        (&["a", "maximum", "of"], Qualifier::UpTo),
        (&["a", "minimum", "of"], Qualifier::AtLeast),
        (&["up", "to"], Qualifier::UpTo),
        (&["more", "than"], Qualifier::MoreThan),
        (&["greater", "than"], Qualifier::MoreThan),
        (&["less", "than"], Qualifier::LessThan),
        (&["fewer", "than"], Qualifier::LessThan),
        (&["at", "least"], Qualifier::AtLeast),
        (&["at", "most"], Qualifier::UpTo),
        (&["close", "to"], Qualifier::Approx),
        (&["just", "over"], Qualifier::MoreThan),
        (&["well", "over"], Qualifier::MoreThan),
        (&["just", "under"], Qualifier::LessThan),
        (&["upwards", "of"], Qualifier::MoreThan),
        (&["an", "estimated"], Qualifier::Approx),
        // "nearly", "almost": short of the figure, as the coding standard reads them (less_than).
        (&["nearly"], Qualifier::LessThan),
        (&["almost"], Qualifier::LessThan),
        (&["about"], Qualifier::Approx),
        (&["around"], Qualifier::Approx),
        (&["some"], Qualifier::Approx),
        (&["roughly"], Qualifier::Approx),
        (&["approximately"], Qualifier::Approx),
        (&["approx"], Qualifier::Approx),
        (&["circa"], Qualifier::Approx),
        (&["estimated"], Qualifier::Approx),
        (&["over"], Qualifier::MoreThan),
        (&["above"], Qualifier::MoreThan),
        (&["exceeding"], Qualifier::MoreThan),
        (&["under"], Qualifier::LessThan),
        (&["below"], Qualifier::LessThan),
        (&["between"], Qualifier::Range),
    ];
    // The word right before the figure decides which phrases can match at all.
    let Some(last) = first.checked_sub(1).and_then(|k| ctx.low(k)) else {
        return (None, first);
    };
    for (words, q) in PHRASES {
        let n = words.len();
        if words[n - 1] != last || first < n || !ctx.free(first - n, first) {
            continue;
        }
        let ok = words.iter().enumerate().all(|(k, w)| ctx.low(first - n + k) == Some(*w));
        // "handed over 50 generators": "over" is a particle after a verb.
        let particle = *words == ["over"] && first >= 2 && {
            matches!(
                ctx.low(first - 2),
                Some(
                    "handed"
                        | "hand"
                        | "hands"
                        | "handing"
                        | "turned"
                        | "turn"
                        | "signed"
                        | "sign"
                        | "passed"
                        | "took"
                        | "take"
                        | "taking"
                        | "sent"
                        | "send"
                        | "won"
                        | "taken"
                )
            )
        };
        if ok && !particle {
            return (Some(*q), first - n);
        }
    }
    (None, first)
}

/// Links a figure given twice, "€1.9bn (£1.6bn)": each points to the other.
pub fn link_twice_given(text: &str, mentions: &mut [Mention], base: usize) {
    for k in 1..mentions.len() {
        let (a, b) = (&mentions[k - 1], &mentions[k]);
        if a.kind != MentionKind::Money || b.kind != MentionKind::Money || a.currency == b.currency {
            continue;
        }
        let between = text[a.bytes.1..b.bytes.0].trim();
        let after = text[b.bytes.1..].trim_start();
        // "SDR 618 million, roughly $820 million": a conversion told as an approximation.
        let converted = matches!(between, "," | "(" | ", or" | "–" | "—") && b.qualifier == Some(Qualifier::Approx);
        if (between == "(" && after.starts_with(')')) || between == "or" || between == "/" || converted {
            mentions[k - 1].linked = Some(base + k);
            mentions[k].linked = Some(base + k - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::mentions::{MentionKind, find_all};

    mod names {
        use proptest::prelude::*;

        use super::super::names_at;
        use crate::mentions::currency::{CURRENCIES, normalise_name};
        use crate::mentions::{Ctx, Lowered};
        use crate::text::{TokKind, tokenize_into};

        /// Every span from token `from` to a word token before `to` whose text, normalised,
        /// is a currency name, longest first: what `names_at` must find without building one.
        fn every_span(ctx: &Ctx, from: usize, to: usize) -> Vec<(String, &'static str, usize)> {
            let start = ctx.toks[from].start;
            (from..to)
                .rev()
                .filter(|&k| ctx.toks[k].kind == TokKind::Word)
                .filter_map(|k| {
                    let name = normalise_name(&ctx.text[start..ctx.toks[k].end]);
                    CURRENCIES.by_name(&name).map(|code| (name, code, k))
                })
                .collect()
        }

        fn check(s: &str) {
            let mut toks = Vec::new();
            tokenize_into(s, 0, s.len(), &mut toks);
            let mut lows = Lowered::default();
            lows.fill(s, &toks);
            let ctx = Ctx::new(s, &toks, &lows, None);
            for from in 0..toks.len() {
                // Both readers ask only after a word that starts some name (as lowercased by `lower`).
                let Some(first) = ctx.low(from).filter(|w| CURRENCIES.starts_a_name(w)) else { continue };
                for to in [toks.len(), (from + CURRENCIES.max_name_words).min(toks.len())] {
                    let found: Vec<_> =
                        names_at(&ctx, from, to, first).map(|(n, c, k)| (n.to_string(), c, k)).collect();
                    assert_eq!(found, every_span(&ctx, from, to), "{s:?} from token {from} to {to}");
                }
            }
        }

        #[test]
        fn names_are_found_as_every_span_finds_them() {
            for s in [
                "5 U.S.  Dollars and 3 u.s. dollar",
                "20 million Canadian dollars, 3 New Zealand dollars and 4 new\u{a0}zealand  dollars",
                "Japanese Yen 304 million, pounds sterling, 54,000 pounds of flour",
                "10 euro cents; 7 Bosnia and Herzegovina convertible marks; Euro 50 million",
                "1 DOLLARS 2 dollarsx 3 dollar- 4 Hryvnias. 5 złoty 6 ZŁOTY",
            ] {
                check(s);
            }
        }

        proptest! {
            #[test]
            fn any_mix_of_name_words_finds_what_every_span_finds(
                words in proptest::collection::vec(prop_oneof![
                    Just("dollars"), Just("Dollars"), Just("U"), Just("u"), Just("."), Just("S"), Just("s"),
                    Just("new"), Just("New"), Just("Zealand"), Just("zealand"), Just("pound"), Just("pounds"),
                    Just("sterling"), Just("euro"), Just("Euros"), Just("cents"), Just("of"), Just("5"),
                    Just("Canadian"), Just("Bosnia"), Just("and"), Just("Herzegovina"), Just("convertible"),
                    Just("mark"), Just("marks"), Just("yen"), Just("Japanese"), Just("złoty"), Just("-"),
                ], 0..9),
                gaps in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just("  "), Just("\u{a0}"), Just("\t")], 9),
            ) {
                let s: String = words.iter().zip(&gaps).map(|(w, g)| format!("{g}{w}")).collect();
                check(&s);
            }
        }
    }

    /// (text, mention text, value, currency, qualifier, upper)
    fn money(s: &str) -> Vec<(String, String, String, String, Option<String>)> {
        find_all(s, None)
            .into_iter()
            .filter(|m| m.kind == MentionKind::Money)
            .map(|m| {
                (
                    m.text,
                    serde_json::to_string(&m.value).unwrap(),
                    m.currency.unwrap().to_string(),
                    serde_json::to_string(&m.qualifier).unwrap().trim_matches('"').to_string(),
                    m.upper.map(|u| serde_json::to_string(&u).unwrap()),
                )
            })
            .collect()
    }

    #[test]
    fn table() {
        type Case<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, Option<&'a str>);
        let cases: &[Case] = &[
            ("a £1.6bn deal", "£1.6bn", "1600000000", "GBP", "exact", None),
            ("US$3bn in loans", "US$3bn", "3000000000", "USD", "exact", None),
            ("USD 3bn in loans", "USD 3bn", "3000000000", "USD", "exact", None),
            ("3bn USD in loans", "3bn USD", "3000000000", "USD", "exact", None),
            ("$ 75 million in aid", "$ 75 million", "75000000", "USD", "exact", None),
            ("five million dollars", "five million dollars", "5000000", "USD", "exact", None),
            ("20 million Canadian dollars", "20 million Canadian dollars", "20000000", "CAD", "exact", None),
            ("up to $400 million", "up to $400 million", "400000000", "USD", "up_to", None),
            ("more than €2 billion", "more than €2 billion", "2000000000", "EUR", "more_than", None),
            (
                "between $5 and $6 billion",
                "between $5 and $6 billion",
                "5000000000",
                "USD",
                "range",
                Some("6000000000"),
            ),
            ("£1-2bn", "£1-2bn", "1000000000", "GBP", "range", Some("2000000000")),
            ("$5bn-$6bn", "$5bn-$6bn", "5000000000", "USD", "range", Some("6000000000")),
            ("50 cents", "50 cents", "0.5", "USD", "exact", None),
            ("half a billion euros", "half a billion euros", "500000000", "EUR", "exact", None),
            ("C$500m", "C$500m", "500000000", "CAD", "exact", None),
            ("1 000 zł", "1 000 zł", "1000", "PLN", "exact", None),
            ("some ¥10 billion", "some ¥10 billion", "10000000000", "JPY", "approx", None),
            // A currency's name as a label before the figure.
            ("a grant of Yen 284 million", "Yen 284 million", "284000000", "JPY", "exact", None),
            ("a grant of Japanese Yen 304 million", "Japanese Yen 304 million", "304000000", "JPY", "exact", None),
            ("Euro 50 million for schools", "Euro 50 million", "50000000", "EUR", "exact", None),
        ];
        for (input, text, value, cur, q, upper) in cases {
            let got = money(input);
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            let g = &got[0];
            assert_eq!(
                (g.0.as_str(), g.1.as_str(), g.2.as_str(), g.3.as_str(), g.4.as_deref()),
                (*text, *value, *cur, *q, *upper),
                "{input}"
            );
        }
    }

    #[test]
    fn not_money() {
        for s in [
            "F-16 jets",
            "Section 506(a)(1)",
            "in 2024",
            "call 0800 123 456",
            "on 2 March 2025",
            "1.5 million doses",
            "in 2022 dollars",
        ] {
            assert!(money(s).is_empty(), "{s}: {:?}", money(s));
        }
    }

    #[test]
    fn twice_given_are_linked() {
        let ms: Vec<_> =
            find_all("a €1.9bn (£1.6bn) deal", None).into_iter().filter(|m| m.kind == MentionKind::Money).collect();
        assert_eq!(ms.len(), 2);
        assert_eq!(ms[0].linked, Some(1));
        assert_eq!(ms[1].linked, Some(0));
        for s in ["about SDR 618 million, roughly $820 million, to support", "€50m (about £42m at today's rates)"] {
            let ms: Vec<_> = find_all(s, None).into_iter().filter(|m| m.kind == MentionKind::Money).collect();
            assert_eq!(ms.len(), 2, "{s}");
            assert_eq!(ms[0].linked, Some(1), "{s}");
        }
        // Two gifts, the second approximate, are not one figure twice.
        let ms: Vec<_> = find_all("$5 million to Chad and about $3 million to Niger", None)
            .into_iter()
            .filter(|m| m.kind == MentionKind::Money)
            .collect();
        assert_eq!(ms[0].linked, None);
    }
}
