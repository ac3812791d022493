//! Units of measure after a number: "40 km", "300 hectares of farmland",
//! "500MW", "1.2 GWh", "2 million barrels of oil", "12 square kilometres".
//! A quantity keeps its number as written and names its unit by a normalised
//! code ("km", "t", "km2", "MWh"); nothing is converted, so "5 miles" stays 5 mi.

use super::items::classify;
use super::money::qualifier_before;
use super::number::Num;
use super::quantity::{item_head, item_phrase};
use super::{Ctx, Found, ItemClass, MentionKind, MentionValue, Qualifier};
use crate::text::TokKind;

/// A unit read after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The normalised code ("km", "t", "m3", "MWh").
    pub code: &'static str,
    /// The token after the unit.
    pub end: usize,
}

/// A length's code from a lowercase word ("kilometres" → "km").
fn length(w: &str) -> Option<&'static str> {
    Some(match w {
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => "mm",
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => "cm",
        "metre" | "metres" | "meter" | "meters" => "m",
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => "km",
        "mile" | "miles" => "mi",
        "ft" | "foot" | "feet" => "ft",
        "yard" | "yards" | "yd" | "yds" => "yd",
        "inch" | "inches" => "in",
        _ => return None,
    })
}

/// The code of a one-word unit other than a length, from its lowercase form.
fn single(w: &str) -> Option<&'static str> {
    Some(match w {
        // Mass.
        "mg" | "milligram" | "milligrams" => "mg",
        "gram" | "grams" | "gramme" | "grammes" => "g",
        "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" => "kg",
        "tonne" | "tonnes" => "t",
        // "ton" is the short or long ton, which the text rarely says: kept apart from the tonne.
        "ton" | "tons" => "ton",
        "kilotonne" | "kilotonnes" | "kiloton" | "kilotons" | "kt" => "kt",
        // "pounds" is money unless a weight is meant ("weighs 3 pounds", "54,000 pounds of aid").
        "lb" | "lbs" | "pound" | "pounds" => "lb",
        "ounce" | "ounces" | "oz" => "oz",
        // Volume.
        "ml" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => "ml",
        "litre" | "litres" | "liter" | "liters" => "l",
        "hectolitre" | "hectolitres" | "hl" => "hl",
        "gallon" | "gallons" | "gal" => "gal",
        "barrel" | "barrels" | "bbl" => "bbl",
        "bcm" => "bcm",
        // Area.
        "hectare" | "hectares" | "ha" => "ha",
        "acre" | "acres" => "acre",
        // Power and energy.
        "watt" | "watts" => "W",
        "kw" | "kilowatt" | "kilowatts" => "kW",
        "mw" | "megawatt" | "megawatts" => "MW",
        "gw" | "gigawatt" | "gigawatts" => "GW",
        "tw" | "terawatt" | "terawatts" => "TW",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "twh" => "TWh",
        // Kitchen and bar measures.
        "cup" | "cups" => "cup",
        "pint" | "pints" => "pt",
        "quart" | "quarts" => "qt",
        "teaspoon" | "teaspoons" | "tsp" => "tsp",
        "tablespoon" | "tablespoons" | "tbsp" => "tbsp",
        // Speed.
        "mph" => "mph",
        "kph" => "km/h",
        "knot" | "knots" => "kn",
        // Data.
        "kilobyte" | "kilobytes" => "kB",
        "megabyte" | "megabytes" => "MB",
        "gigabyte" | "gigabytes" => "GB",
        "terabyte" | "terabytes" => "TB",
        _ => return None,
    })
}

/// Whether a lowercase word names a unit (for item phrases: "hectares of farmland").
pub fn is_unit_word(w: &str) -> bool {
    length(w).is_some()
        || single(w).is_some()
        || matches!(w, "square" | "cubic" | "metric" | "nautical" | "m" | "g" | "t" | "l")
}

/// The unit written at token `j`, right after a number: glued ("40km", "500MW"),
/// spaced ("40 km"), hyphenated as an attribute ("a 500-megawatt plant"), or in
/// two words ("square kilometres", "sq km", "metric tons", "kilowatt hours").
pub fn unit_at(ctx: &Ctx, j: usize) -> Option<Unit> {
    let toks = ctx.toks;
    let t = toks.get(j)?;
    let glued = |k: usize| toks.get(k).is_some_and(|t| !t.space_before);
    if t.kind == TokKind::Punct && ctx.tok_text(j) == "-" && !t.space_before && glued(j + 1) {
        return unit_at(ctx, j + 1).filter(|u| u.end > j + 1);
    }
    // Temperatures: "30°C", "5 °F", "40 degrees Celsius", "10 degrees F".
    if ctx.tok_text(j) == "°"
        && let Some(code) = match ctx.tok_text(j + 1) {
            "C" => Some("degC"),
            "F" => Some("degF"),
            _ => None,
        }
        && glued(j + 1)
    {
        return Some(Unit { code, end: j + 2 });
    }
    if t.kind != TokKind::Word {
        return None;
    }
    let raw = ctx.tok_text(j);
    let w = ctx.low(j)?;
    // Two words: a shape before a length, or a word that qualifies the unit.
    let next = ctx.low(j + 1);
    let after_dot = if ctx.tok_text(j + 1) == "." && glued(j + 1) { ctx.low(j + 2).map(|n| (n, j + 3)) } else { None };
    match w {
        "square" | "sq" | "cubic" | "cu" => {
            let (n, end) = match (next, after_dot) {
                (_, Some(x)) => x,
                (Some(n), None) => (n, j + 2),
                _ => return None,
            };
            let code = match (w, length(n).or((n == "m").then_some("m"))?) {
                ("square" | "sq", "m") => "m2",
                ("square" | "sq", "km") => "km2",
                ("square" | "sq", "mi") => "mi2",
                ("square" | "sq", "ft") => "ft2",
                ("cubic" | "cu", "m") => "m3",
                ("cubic" | "cu", "ft") => "ft3",
                _ => return None,
            };
            return Some(Unit { code, end });
        }
        "metric" if matches!(next, Some("ton" | "tons" | "tonne" | "tonnes")) => {
            return Some(Unit { code: "t", end: j + 2 });
        }
        "nautical" if matches!(next, Some("mile" | "miles")) => return Some(Unit { code: "nmi", end: j + 2 }),
        _ => {}
    }
    // "kilowatt hours", "megawatt-hours".
    if let Some(p @ ("W" | "kW" | "MW" | "GW" | "TW")) =
        single(w).filter(|_| w.ends_with("watt") || w.ends_with("watts"))
    {
        let k = if ctx.tok_text(j + 1) == "-" && glued(j + 1) { j + 2 } else { j + 1 };
        if matches!(ctx.low(k), Some("hour" | "hours")) {
            let code = match p {
                "W" => "Wh",
                "kW" => "kWh",
                "MW" => "MWh",
                "GW" => "GWh",
                _ => "TWh",
            };
            return Some(Unit { code, end: k + 1 });
        }
    }
    if matches!(w, "degree" | "degrees")
        && let Some(code) = match ctx.tok_text(j + 1) {
            "Celsius" | "celsius" | "C" | "centigrade" => Some("degC"),
            "Fahrenheit" | "fahrenheit" | "F" => Some("degF"),
            _ => None,
        }
    {
        return Some(Unit { code, end: j + 2 });
    }
    // Data in symbols keep their case ("5 GB"; "gb" is nothing certain).
    if let Some(code) = match raw {
        "kB" | "KB" => Some("kB"),
        "MB" => Some("MB"),
        "GB" => Some("GB"),
        "TB" => Some("TB"),
        _ => None,
    } {
        return Some(Unit { code, end: j + 1 });
    }
    // "metres per second", "kilometres per hour", "miles an hour": a length over time.
    if let Some(code) = length(w) {
        let k = j + 1;
        let per = ctx.low(k) == Some("per") || (ctx.low(k) == Some("an") && code == "mi");
        let speed = match (code, if per { ctx.low(k + 1) } else { None }) {
            ("m", Some("second")) => Some("m/s"),
            ("km", Some("hour")) => Some("km/h"),
            ("mi", Some("hour")) => Some("mph"),
            _ => None,
        };
        if let Some(code) = speed {
            return Some(Unit { code, end: k + 2 });
        }
    }
    // "km/h", "km²", "m³", "m/s": a sign glued to the unit.
    if let Some(code) = length(w).or((w == "m").then_some("m")) {
        let end = j + 1;
        if ctx.tok_text(end) == "/" && glued(end) && glued(end + 1) {
            return match (code, ctx.low(end + 1)) {
                ("km", Some("h")) => Some(Unit { code: "km/h", end: end + 2 }),
                ("m", Some("s")) => Some(Unit { code: "m/s", end: end + 2 }),
                _ => None,
            };
        }
        if glued(end) {
            match (ctx.tok_text(end), code) {
                ("²" | "2", "km") => return Some(Unit { code: "km2", end: end + 1 }),
                ("²" | "2", "m") => return Some(Unit { code: "m2", end: end + 1 }),
                ("³" | "3", "m") => return Some(Unit { code: "m3", end: end + 1 }),
                _ => {}
            }
        }
    }
    if let Some(code) = length(w).or_else(|| single(w)) {
        // Symbols of power keep their case: "mW" would be a milliwatt, "Mw" nothing.
        if matches!(code, "kW" | "MW" | "GW" | "TW" | "kWh" | "MWh" | "GWh" | "TWh")
            && raw.len() <= 3
            && raw != code
            && raw != raw.to_ascii_lowercase()
            && raw != raw.to_ascii_uppercase()
        {
            return None;
        }
        return Some(Unit { code, end: j + 1 });
    }
    // One-letter symbols only glued to the figure ("40t", "500g", "2l"); a spaced
    // "m" or "g" only where nothing but a measure can follow ("5 m long", "2 m of cable").
    let end_ok = |k: usize| {
        toks.get(k).is_none_or(|n| n.kind == TokKind::Punct && ctx.tok_text(k) != "-")
            || matches!(ctx.low(k), Some("of" | "long" | "high" | "tall" | "wide" | "deep" | "thick" | "away"))
    };
    let code = match raw {
        "t" if !t.space_before => "t",
        // "300 g", "5 g of salt": spaced too, where only a measure can follow (as "m").
        "g" => "g",
        "l" | "L" if !t.space_before => "l",
        "m" if t.space_before => "m",
        _ => return None,
    };
    end_ok(j + 1).then_some(Unit { code, end: j + 1 })
}

/// Whether a length in millimetres or centimetres names a calibre: the unit
/// runs straight into a noun ("155mm shells", "120 mm mortar rounds").
pub fn is_calibre(ctx: &Ctx, unit: &Unit) -> bool {
    matches!(unit.code, "mm" | "cm" | "in")
        && ctx.toks.get(unit.end).is_some_and(|t| t.kind == TokKind::Word)
        && !matches!(
            ctx.low(unit.end),
            Some(
                "of" | "long"
                    | "high"
                    | "tall"
                    | "wide"
                    | "deep"
                    | "thick"
                    | "away"
                    | "and"
                    | "or"
                    | "in"
                    | "on"
                    | "to"
                    | "a"
                    | "per"
                    | "from"
                    | "by"
                    | "last"
                    | "this"
                    | "over"
            )
        )
}

/// A number with a unit of measure: the item is the unit as written, with what
/// it measures after "of" ("tonnes of wheat"), classed by that; a calibre
/// ("155mm shells") is no quantity.
/// The token of a sign before a temperature's number ("-5 °C", "minus 12 degrees Celsius"), if
/// any: a hyphen glued to the number with a space or nothing before it, or "minus"/"negative". Only
/// temperatures: a hyphen before another measure joins words ("a 5-10 km stretch").
fn below_zero(ctx: &Ctx, start: usize, unit: &Unit) -> Option<usize> {
    if !matches!(unit.code, "degC" | "degF") {
        return None;
    }
    let k = start.checked_sub(1)?;
    let hyphen = ctx.tok_text(k) == "-" && !ctx.toks[start].space_before && (k == 0 || ctx.toks[k].space_before);
    (hyphen || matches!(ctx.low(k), Some("minus" | "negative"))).then_some(k)
}

pub(super) fn measured(ctx: &Ctx, num: &Num, unit: Unit) -> Option<Found> {
    if is_calibre(ctx, &unit) {
        return None;
    }
    // "a 500-megawatt plant": the item starts after the hyphen.
    let item_start = if ctx.tok_text(num.end) == "-" { num.end + 1 } else { num.end };
    let (item_end, class) = match item_phrase(ctx, item_start) {
        Some((s, phrase_end, _)) if ctx.low(unit.end) == Some("of") && phrase_end > unit.end + 1 => {
            let (mut e, mut lows) = item_head(ctx, s, phrase_end)?;
            // "litres of drinking water": one more word closing the phrase is the head, unless a verb.
            if phrase_end == e + 1
                && let Some(w) = ctx.low(e).filter(|w| !w.ends_with("ed"))
                && ctx.tok_text(e).starts_with(char::is_lowercase)
            {
                lows.push(w.to_string());
                e = phrase_end;
            }
            (e, classify(lows.iter().map(String::as_str)))
        }
        _ => (unit.end, ItemClass::Other),
    };
    // A temperature below zero keeps its sign: "-5 °C", "minus 12 degrees Celsius".
    let sign = below_zero(ctx, num.start, &unit);
    let (q, first) = qualifier_before(ctx, sign.unwrap_or(num.start));
    let qualifier = match q {
        Some(Qualifier::Range) | None if num.vague => Qualifier::Approx,
        Some(Qualifier::Range) | None => Qualifier::Exact,
        Some(q) => q,
    };
    let first = if q == Some(Qualifier::Range) { sign.unwrap_or(num.start) } else { first };
    let value = if sign.is_some() { -num.value } else { num.value };
    let mut f = Found::new(MentionKind::Quantity, first, item_end, MentionValue::Number(value.normalize()));
    f.qualifier = Some(qualifier);
    f.upper = num.upper.map(|u| MentionValue::Number(u.normalize()));
    f.item = Some((item_start, item_end));
    f.class = Some(class);
    f.unit = Some(unit.code);
    Some(f)
}
