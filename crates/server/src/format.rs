//! Text for people: HTML escaping for what templates do not escape
//! themselves (SVG, highlighted documents), and money written short
//! ("€1.92 bn") or in full ("1,600,000,000").

use pledgewatch_store::merge::Figure;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `1.92 bn`, `175 m`, `16.3 k`, `950`: three significant figures at most.
pub fn short(v: Decimal) -> String {
    let f = v.to_f64().unwrap_or(0.0);
    let a = f.abs();
    let (x, unit) = if a >= 1e12 {
        (f / 1e12, " tn")
    } else if a >= 1e9 {
        (f / 1e9, " bn")
    } else if a >= 1e6 {
        (f / 1e6, " m")
    } else if a >= 1e3 {
        (f / 1e3, " k")
    } else {
        (f, "")
    };
    let digits = if x.abs() >= 100.0 || unit.is_empty() && x.fract() == 0.0 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else {
        2
    };
    let s = format!("{x:.digits$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    format!("{s}{unit}")
}

/// `€1.92 bn`.
pub fn eur_short(v: Option<Decimal>) -> String {
    v.map(|v| format!("€{}", short(v))).unwrap_or_else(|| "—".into())
}

/// `1,600,000,000` or `1,234.56`: exact, with thousands separators.
pub fn full(v: Decimal) -> String {
    let s = v.normalize().to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Words for a figure's qualifier, before the amount.
fn qualifier(q: &str) -> &'static str {
    match q {
        "approx" => "about ",
        "up_to" => "up to ",
        "at_least" => "at least ",
        "more_than" => "more than ",
        "less_than" => "less than ",
        _ => "",
    }
}

/// A figure as stated: `up to GBP 1.6 bn`, `PLN 6 bn – 7 bn`.
pub fn figure(f: &Figure) -> String {
    stated(&f.qualifier, f.value, &f.currency, f.upper)
}

pub fn stated(q: &str, value: Decimal, currency: &str, upper: Option<Decimal>) -> String {
    let upper = upper.map(|u| format!(" – {}", short(u))).unwrap_or_default();
    format!("{}{currency} {}{upper}", qualifier(q), short(value))
}

/// A snake_case value for people: `export_finance` → `export finance`.
pub fn words(s: &str) -> String {
    s.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(short(d("1916000000.50")), "1.92 bn");
        assert_eq!(short(d("175000000")), "175 m");
        assert_eq!(short(d("16300")), "16.3 k");
        assert_eq!(short(d("950")), "950");
        assert_eq!(full(d("1600000000")), "1,600,000,000");
        assert_eq!(full(d("-1234.50")), "-1,234.5");
        assert_eq!(stated("up_to", d("1600000000"), "GBP", None), "up to GBP 1.6 bn");
    }

    #[test]
    fn escapes() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
