//! A small phrase grammar for the loan terms (`terms.rs`) and the lifecycle stages
//! (`lifecycle.rs`): patterns written as words, each a word or `a|b` alternatives, a `?`
//! suffix for an optional word, `{n}` for a number (figures or number words) and `{pct}` for
//! a percentage ("0.5%", "0.5 percent", "0.5 per cent"), and `…` for a gap of a few words. Tables of such patterns read more
//! plainly than code, and each stays one line a reviewer can test.

use rust_decimal::Decimal;

/// A sentence as the grammar reads it: lowercase words and figures, hyphens and
/// apostrophes split off ("30-year" → "30", "year"; "years'" → "years"), "%" its own word.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let digit_dot = (ch == '.' || ch == ',')
            && cur.chars().last().is_some_and(|c| c.is_ascii_digit())
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if ch.is_alphanumeric() || digit_dot {
            // A comma between digits is a thousands separator; a dot a decimal point.
            if ch != ',' {
                cur.extend(ch.to_lowercase());
            }
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if ch == '%' {
                out.push("%".into());
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

const UNITS: &[&str] =
    &["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
const TEENS: &[&str] = &["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty"];

/// A number at `k`: figures, or number words up to sixty-nine ("twenty-five" is two
/// tokens). Returns the value and the tokens it took.
fn number(ts: &[String], k: usize) -> Option<(Decimal, usize)> {
    let w = ts.get(k)?;
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return w.parse::<Decimal>().ok().map(|v| (v, 1));
    }
    if let Some(u) = UNITS.iter().position(|x| x == w) {
        return Some((Decimal::from(u), 1));
    }
    if let Some(t) = TEENS.iter().position(|x| x == w) {
        return Some((Decimal::from(13 + t), 1));
    }
    let t = TENS.iter().position(|x| x == w)?;
    let tens = Decimal::from(20 + 10 * t);
    match ts.get(k + 1).and_then(|n| UNITS[1..10].iter().position(|x| x == n)) {
        Some(u) => Some((tens + Decimal::from(u + 1), 2)),
        None => Some((tens, 1)),
    }
}

/// A percentage at `k`: a number then "%", "percent" or "per cent".
fn percent(ts: &[String], k: usize) -> Option<(Decimal, usize)> {
    let (v, n) = number(ts, k)?;
    match ts.get(k + n).map(String::as_str) {
        Some("%" | "percent") => Some((v, n + 1)),
        Some("per") if ts.get(k + n + 1).is_some_and(|w| w == "cent") => Some((v, n + 2)),
        _ => None,
    }
}

/// How many words a `…` in a pattern may skip.
const GAP: usize = 6;

/// Tries `pattern` at token `k`: the value of its slot (if any) and the tokens it took.
fn match_at(pattern: &str, ts: &[String], k: usize) -> Option<(Option<Decimal>, usize)> {
    let parts: Vec<&str> = pattern.split_whitespace().collect();
    match_parts(&parts, ts, k).map(|(value, end)| (value, end - k))
}

/// Matches `parts` from token `at`: the slot's value and the token after the match.
fn match_parts(parts: &[&str], ts: &[String], at: usize) -> Option<(Option<Decimal>, usize)> {
    let Some((part, rest)) = parts.split_first() else { return Some((None, at)) };
    let then = |value: Option<Decimal>, next: usize| {
        let (v, end) = match_parts(rest, ts, next)?;
        Some((v.or(value), end))
    };
    match *part {
        "{n}" => number(ts, at).and_then(|(v, n)| then(Some(v), at + n)),
        "{pct}" => percent(ts, at).and_then(|(v, n)| then(Some(v), at + n)),
        // A gap of up to a few words, "the contract for 5,000 missiles was signed".
        "…" => (0..=GAP).filter(|g| at + g <= ts.len()).find_map(|g| then(None, at + g)),
        _ => {
            let (words, optional) = match part.strip_suffix('?') {
                Some(w) => (w, true),
                None => (*part, false),
            };
            let hit = ts.get(at).is_some_and(|t| words.split('|').any(|w| w == t));
            if hit {
                then(None, at + 1)
            } else if optional {
                then(None, at)
            } else {
                None
            }
        }
    }
}

/// One match of a pattern: where it starts, how many tokens it took, its slot's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Hit {
    pub start: usize,
    pub len: usize,
    pub value: Option<Decimal>,
}

/// The first match of `pattern` in `ts`, leftmost.
pub(crate) fn find(pattern: &str, ts: &[String]) -> Option<Hit> {
    (0..ts.len()).find_map(|k| match_at(pattern, ts, k).map(|(value, len)| Hit { start: k, len, value }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_hyphens_and_keep_decimals() {
        assert_eq!(tokens("a 30-year, 0.5% loan of 1,000"), ["a", "30", "year", "0.5", "%", "loan", "of", "1000"]);
        assert_eq!(tokens("10 years' grace."), ["10", "years", "grace"]);
    }

    #[test]
    fn numbers_and_percentages() {
        let ts = tokens("twenty-five years at 1.25 per cent");
        assert_eq!(find("{n} years", &ts).unwrap().value, Some(Decimal::from(25)));
        assert_eq!(find("at {pct}", &ts).unwrap().value, Some("1.25".parse().unwrap()));
        assert!(find("at {pct}", &tokens("at 1.25 points")).is_none());
        assert_eq!(find("a|an? grace", &tokens("grace")).map(|h| h.len), Some(1));
    }
}
