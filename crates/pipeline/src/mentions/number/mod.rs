//! Numbers as written: digits with separators, decimals, scales ("1.6bn",
//! "5 000", "1.5 million"), words ("two hundred and fifty", "a dozen",
//! "half a billion", "a quarter of a million"), fractions, and vague counts
//! ("tens of thousands of").

use rust_decimal::Decimal;

mod digits;
mod fraction;
mod spoken;
mod words;

use digits::*;
pub use digits::{dot_thousands, parse_digits};
use fraction::*;
use spoken::*;
pub use words::*;

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

/// Reads a number starting at token `i`. The recognizers ask the same start again
/// (a date's forms, then money, percent, quantity): each start is read once per
/// sentence, since a number depends on the tokens alone, never on which are taken.
pub fn parse_number(ctx: &Ctx, i: usize) -> Option<Num> {
    if let Some(found) = ctx.numbers.get(i) {
        return found;
    }
    let found = parse_number_unmemoised(ctx, i);
    ctx.numbers.put(i, ctx.toks.len(), found);
    found
}

/// `parse_number`'s results by start token, for one sentence.
#[derive(Default)]
pub struct Memo(std::cell::RefCell<Vec<Option<Option<Num>>>>);

impl Memo {
    fn get(&self, i: usize) -> Option<Option<Num>> {
        self.0.borrow().get(i).copied().flatten()
    }

    fn put(&self, i: usize, n: usize, found: Option<Num>) {
        let mut m = self.0.borrow_mut();
        if m.len() < n {
            m.resize(n, None);
        }
        if let Some(slot) = m.get_mut(i) {
            *slot = Some(found);
        }
    }
}

fn parse_number_unmemoised(ctx: &Ctx, i: usize) -> Option<Num> {
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
            ("one thousand six hundred million", "1600000000", "one thousand six hundred million"),
            ("One Thousand and Six Hundred Million", "1600000000", "One Thousand and Six Hundred Million"),
            ("two million three hundred thousand", "2300000", "two million three hundred thousand"),
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
