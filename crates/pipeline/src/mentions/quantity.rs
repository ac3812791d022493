//! Quantities (a number with the item it counts: "more than 5,000 air defence
//! missiles", "tens of thousands of rounds of 155mm artillery ammunition"); the
//! numbers and ordinals left over once money, percentages, dates and quantities have
//! taken theirs are read by `plain`.

use rust_decimal::Decimal;

use super::items::classify;
use super::money::qualifier_before;
use super::number::{Num, flags, lower, parse_number};
use super::plain::{ordinal_at, plain_number};
use super::{Ctx, Found, ItemClass, MentionKind, MentionValue, Qualifier};
use crate::text::TokKind;

/// Words that end an item phrase.
pub(super) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "to" | "for"
            | "from"
            | "in"
            | "on"
            | "at"
            | "by"
            | "with"
            | "and"
            | "or"
            | "but"
            | "that"
            | "which"
            | "who"
            | "will"
            | "would"
            | "were"
            | "was"
            | "are"
            | "is"
            | "be"
            | "been"
            | "have"
            | "has"
            | "had"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "per"
            | "each"
            | "as"
            | "than"
            | "into"
            | "over"
            | "under"
            | "since"
            | "during"
            | "including"
            | "worth"
            | "valued"
            | "costing"
            | "said"
            | "also"
            | "more"
            | "their"
            | "its"
            | "our"
            | "his"
            | "her"
            | "it"
            | "they"
            | "we"
            | "he"
            | "she"
            | "not"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "until"
            | "between"
            | "among"
            | "across"
            | "against"
            | "through"
            | "via"
            | "out"
            | "up"
            | "down"
            | "off"
            | "about"
            | "because"
            | "so"
            | "such"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "being"
            | "where"
            | "there"
            | "here"
            | "then"
            | "now"
            | "already"
            | "every"
            | "all"
            | "both"
            | "either"
            | "other"
            | "another"
            | "some"
            | "any"
            | "no"
            | "nor"
            | "yet"
            | "still"
            | "just"
            | "only"
            | "even"
            | "very"
            | "too"
            | "last"
            | "next"
            | "ago"
            | "later"
            | "made"
            | "built"
            | "manufactured"
            | "produced"
            | "delivered"
            | "supplied"
            | "sent"
            | "donated"
            | "bought"
            | "purchased"
            | "ordered"
            | "operated"
            | "used"
    )
}

/// Heads that count people, time or distance: not items that are given.
fn is_non_item(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "person"
            | "civilians"
            | "children"
            | "women"
            | "men"
            | "refugees"
            | "soldiers"
            | "troops"
            | "personnel"
            | "staff"
            | "workers"
            | "jobs"
            | "employees"
            | "families"
            | "households"
            | "residents"
            | "citizens"
            | "americans"
            | "ukrainians"
            | "members"
            | "countries"
            | "nations"
            | "states"
            | "partners"
            | "allies"
            | "years"
            | "year"
            | "months"
            | "month"
            | "weeks"
            | "week"
            | "days"
            | "day"
            | "hours"
            | "hour"
            | "minutes"
            | "minute"
            | "seconds"
            | "times"
            | "percent"
            | "points"
            | "cases"
            | "deaths"
            | "lives"
            | "victims"
            | "sanctions"
            | "measures"
            | "steps"
            | "actions"
            | "students"
            | "miles"
            | "mile"
            | "kilometres"
            | "kilometers"
            | "km"
            | "metres"
            | "meters"
            | "feet"
            | "acres"
            | "hectares"
            | "votes"
            | "seats"
            | "pages"
            | "languages"
            | "decades"
            | "centuries"
            | "cents"
            | "pence"
            | "dollars"
            | "euros"
            | "pounds"
            | "th"
            | "st"
            | "nd"
            | "rd"
            | "of"
            | "million"
            | "billion"
            | "thousand"
            | "hundred"
            | "am"
            | "pm"
            | "mph"
            | "degrees"
            | "times-a-day"
            | "others"
            | "ones"
            | "inhabitants"
            | "patients"
            | "babies"
            | "teachers"
            | "officials"
            | "leaders"
            | "ministers"
            | "individuals"
            | "companies"
            | "firms"
            | "businesses"
            | "organizations"
            | "organisations"
            | "communities"
            | "cities"
            | "towns"
            | "villages"
            | "regions"
            | "provinces"
    )
}

/// Units written against a number: a measure, not a count ("155mm", "40km").
fn is_unit_suffix(w: &str) -> bool {
    matches!(
        w,
        "mm" | "cm"
            | "km"
            | "kg"
            | "kw"
            | "mw"
            | "gw"
            | "kwh"
            | "mwh"
            | "m"
            | "g"
            | "t"
            | "kt"
            | "ft"
            | "in"
            | "lb"
            | "lbs"
            | "x"
            | "s"
    )
}

/// Measure heads that count what follows "of".
fn is_measure(w: &str) -> bool {
    matches!(
        w,
        "rounds"
            | "tonnes"
            | "tons"
            | "units"
            | "pieces"
            | "sets"
            | "kits"
            | "doses"
            | "boxes"
            | "pallets"
            | "cartons"
            | "barrels"
            | "litres"
            | "liters"
            | "gallons"
            | "packs"
            | "batteries"
            | "truckloads"
            | "shipments"
            | "containers"
            | "bags"
            | "crates"
            | "courses"
            | "vials"
            | "metric"
    ) || super::measure::is_unit_word(w)
}

/// A number that names rather than counts: "Article 5", "Resolution 2231",
/// "Leopard 2 tanks", "(1)", a phone number's "020".
fn is_identifier(ctx: &Ctx, num: &Num) -> bool {
    let toks = ctx.toks;
    let s = ctx.tok_text(num.start);
    if toks[num.start].kind == TokKind::Num && s.len() > 1 && s.starts_with('0') && !s.starts_with("0.") {
        return true;
    }
    if num.start > 0 && ctx.tok_text(num.start - 1) == "(" && !toks[num.start].space_before {
        return true;
    }
    if num.start == 0 {
        return false;
    }
    let prev = &toks[num.start - 1];
    let pw = prev.text(ctx.text);
    // "020 7946 0321": a run of numbers separated by spaces.
    if prev.kind == TokKind::Num && ctx.text[prev.end..toks[num.start].start] == *" " && !num.scaled {
        return true;
    }
    // At a sentence start a capital says nothing; only words that head an identifier count there.
    let sentence_start =
        num.start == 1 || matches!(ctx.tok_text(num.start - 2), "." | ":" | ";" | "\"" | "“" | "(" | "-" | "•");
    let names_a_thing = matches!(
        pw,
        "Article"
            | "Section"
            | "Resolution"
            | "Chapter"
            | "Title"
            | "Phase"
            | "Round"
            | "Model"
            | "Flight"
            | "Room"
            | "Route"
            | "Gate"
            | "Block"
            | "Amendment"
            | "Paragraph"
            | "Rule"
            | "Protocol"
            | "Annex"
            | "Part"
            | "Stage"
            | "Level"
            | "Category"
            | "Type"
            | "Class"
            | "Leopard"
            | "Challenger"
            | "Patriot"
            | "Apollo"
            | "Proposition"
            | "Item"
    );
    // "Leopard two tanks", "Phase Two": a number word names as a numeral does, after such a word only.
    if toks[num.start].kind != TokKind::Num {
        return names_a_thing;
    }
    if sentence_start && !names_a_thing {
        return false;
    }
    prev.kind == TokKind::Word
        && pw.starts_with(char::is_uppercase)
        && !pw.chars().all(|c| c.is_uppercase())
        && !matches!(
            pw,
            "About"
                | "Over"
                | "Some"
                | "Nearly"
                | "Almost"
                | "Around"
                | "Roughly"
                | "More"
                | "Only"
                | "Just"
                | "Another"
                | "All"
                | "The"
                | "These"
                | "Those"
                | "Its"
                | "Their"
                | "His"
                | "Her"
                | "Our"
                | "We"
                | "They"
                | "Of"
                | "With"
                | "For"
                | "By"
                | "To"
                | "From"
                | "At"
                | "Up"
                | "Under"
                | "And"
                | "But"
                | "Each"
                | "Every"
                | "Approximately"
                | "Fewer"
                | "Less"
                | "At least"
                | "Exactly"
                | "Nearly all"
                | "Almost all"
                | "Some of"
                | "In"
                | "On"
                | "After"
        )
}

pub fn find(ctx: &mut Ctx, out: &mut Vec<Found>) {
    let n = ctx.toks.len();
    let mut i = 0;
    while i < n {
        if ctx.taken[i]
            || !matches!(ctx.toks[i].kind, TokKind::Num | TokKind::Word)
            || !ctx.may_start(i, flags::NUMBER | flags::ORDINAL)
        {
            i += 1;
            continue;
        }
        if let Some(f) = ordinal_at(ctx, i) {
            ctx.take(f.first, f.last);
            i = f.last;
            out.push(f);
            continue;
        }
        let parsed = parse_number(ctx, i).filter(|n| ctx.free(i, n.end));
        // "half a tonne", "a pair of boots": a quantity only, never a number of its own.
        if parsed.is_none()
            && let Some((num, f)) = lone_half(ctx, i)
                .and_then(|half| Some((half, fraction_of_unit(ctx, &half)?)))
                .or_else(|| couple_or_pair(ctx, i).and_then(|two| Some((two, quantity(ctx, &two)?))))
                .filter(|(num, _)| ctx.free(i, num.end))
        {
            ctx.take(f.first, f.last);
            i = f.last;
            let end = if ctx.low(num.end - 1) == Some("of") { num.end - 1 } else { num.end };
            out.push(Found::new(MentionKind::Number, num.start, end, MentionValue::Number(num.value)));
            out.push(f);
            continue;
        }
        if parsed.is_none()
            && let Some(f) = single_item(ctx, i)
        {
            ctx.take(f.first, f.last);
            i = f.last;
            out.push(f);
            continue;
        }
        let Some(num) = parsed else {
            i += 1;
            continue;
        };
        if is_identifier(ctx, &num) {
            ctx.take(num.start, num.end);
            i = num.end.max(i + 1);
            continue;
        }
        if let Some(f) = quantity(ctx, &num) {
            ctx.take(f.first, f.last);
            i = f.last;
            // The count is a number mention too (without a vague count's trailing "of").
            let mut end = num.end;
            if num.vague && end > num.start + 1 && ctx.tok_text(end - 1).eq_ignore_ascii_case("of") {
                end -= 1;
            }
            // A temperature's sign is its number's too ("-5 °C" counts -5): the sign stands just before.
            let signed = f.unit.is_some()
                && num.value.is_sign_positive()
                && matches!(f.value, MentionValue::Number(v) if v.is_sign_negative());
            let (start, value) = if signed { (num.start - 1, -num.value) } else { (num.start, num.value) };
            let mut n = Found::new(MentionKind::Number, start, end, MentionValue::Number(value.normalize()));
            if num.vague {
                n.qualifier = Some(Qualifier::Approx);
                n.upper = num.upper.map(|u| MentionValue::Number(u.normalize()));
            }
            out.push(n);
            out.push(f);
            continue;
        }
        if let Some(f) = plain_number(ctx, &num) {
            ctx.take(f.first, f.last);
            out.push(f);
        }
        i = num.end.max(i + 1);
    }
}

fn quantity(ctx: &Ctx, num: &Num) -> Option<Found> {
    let toks = ctx.toks;
    // "between 10 and 12 F-16 fighter jets", "10 to 12 jets", "10-12 jets": a range of counts.
    let (between, _) = qualifier_before(ctx, num.start);
    let sep = ctx.tok_text(num.end);
    let from = num.start > 0 && ctx.tok_text(num.start - 1).eq_ignore_ascii_case("from");
    let range_sep = !from
        && ((between == Some(Qualifier::Range) && sep.eq_ignore_ascii_case("and"))
            || sep.eq_ignore_ascii_case("to")
            || (sep == "-" && !toks.get(num.end).is_some_and(|t| t.space_before)));
    if range_sep
        && let Some(n2) = parse_number(ctx, num.end + 1)
        && n2.value > num.value
        && !n2.vague
        && let Some(mut f) = quantity(ctx, &n2)
    {
        f.first = if between == Some(Qualifier::Range) { num.start - 1 } else { num.start };
        f.value = MentionValue::Number(num.value.normalize());
        f.upper = Some(MentionValue::Number(n2.value.normalize()));
        f.qualifier = Some(Qualifier::Range);
        return Some(f);
    }
    // "40 km", "300 hectares of farmland", "500MW": a measure with its unit.
    if let Some(unit) = super::measure::unit_at(ctx, num.end) {
        return super::measure::measured(ctx, num, unit);
    }
    if let Some(f) = fraction_of_unit(ctx, num) {
        return Some(f);
    }
    // "155mm", "40km", "155 mm shells": a measure, not a count (spaced, only the unambiguous units).
    if let Some(t) = toks.get(num.end)
        && t.kind == TokKind::Word
    {
        let mut b = [0u8; 24];
        let unit = lower(t.text(ctx.text), &mut b);
        if unit.is_some_and(|u| {
            if t.space_before {
                matches!(u, "mm" | "cm" | "km" | "kg" | "mw" | "gw" | "kwh" | "mwh")
            } else {
                is_unit_suffix(u)
            }
        }) {
            return None;
        }
    }
    // A model number ("F-16", "AH-64", "G7") is not a count.
    if num.start > 0
        && !toks[num.start].space_before
        && (ctx.tok_text(num.start - 1) == "-" || toks[num.start - 1].kind == TokKind::Word)
    {
        return None;
    }
    // "one million more vaccine doses", "40 additional tanks": the item follows.
    // "49 of its decommissioned Abrams tanks": a count out of the giver's own stock.
    let of_own = ctx.low(num.end) == Some("of")
        && matches!(ctx.low(num.end + 1), Some("its" | "their" | "our" | "his" | "her" | "the" | "these" | "those"))
        && ctx.toks.get(num.end + 2).is_some_and(|t| t.kind == TokKind::Word)
        && parse_number(ctx, num.end + 2).is_none();
    // "one of the longest cable systems", "one of the first nations": a rank among many, not a count.
    let rank =
        of_own && ctx.low(num.end + 1) == Some("the") && ctx.low(num.end + 2).is_some_and(super::items::is_rank_word);
    if rank {
        return None;
    }
    let skip = matches!(ctx.low(num.end), Some("more" | "additional" | "new" | "further" | "extra"));
    let item_from = if of_own { num.end + 2 } else { num.end + usize::from(skip) };
    let (item_start, item_end, _) = item_phrase(ctx, item_from)?;
    let (item_end, lows) = item_head(ctx, item_start, item_end)?;
    let head = lows.iter().rposition(|w| w != "of").map(|p| lows[p].as_str())?;
    let measure_head = lows.iter().position(|w| w == "of").map(|p| lows[p.saturating_sub(1)].as_str());
    if is_non_item(head) || measure_head.is_some_and(is_non_item) {
        return None;
    }
    let class = classify(lows.iter().map(String::as_str));
    // A year or a big plain number before an unknown noun is not a count of things.
    let s = ctx.tok_text(num.start);
    if class == ItemClass::Other && num.end == num.start + 1 && s.len() == 4 && !s.contains(',') {
        return None;
    }
    if class == ItemClass::Other && !toks[item_start].space_before {
        return None;
    }
    let (qualifier, first) = qualifier_before(ctx, num.start);
    let qualifier = match qualifier {
        Some(Qualifier::Range) | None => {
            if num.vague {
                Qualifier::Approx
            } else {
                Qualifier::Exact
            }
        }
        Some(q) => q,
    };
    let first = if qualifier_before(ctx, num.start).0 == Some(Qualifier::Range) { num.start } else { first };
    let mut f = Found::new(MentionKind::Quantity, first, item_end, MentionValue::Number(num.value.normalize()));
    f.qualifier = Some(qualifier);
    f.upper = num.upper.map(|u| MentionValue::Number(u.normalize()));
    f.item = Some((item_start, item_end));
    f.class = Some(class);
    Some(f)
}

/// "three quarters of a mile", "a quarter of a kilogram", "half a tonne": a fraction of one unit,
/// the article (and "of") between them.
fn fraction_of_unit(ctx: &Ctx, num: &Num) -> Option<Found> {
    if num.value >= Decimal::ONE || num.scaled {
        return None;
    }
    let j = if ctx.low(num.end) == Some("of") { num.end + 1 } else { num.end };
    if !matches!(ctx.low(j), Some("a" | "an")) {
        return None;
    }
    let unit = super::measure::unit_at(ctx, j + 1)?;
    super::measure::measured(ctx, &Num { end: j + 1, ..*num }, unit)
}

/// "half" alone, before "a" or "an" ("half a tonne"): the number reader needs a scale after it.
fn lone_half(ctx: &Ctx, i: usize) -> Option<Num> {
    (ctx.low(i) == Some("half") && matches!(ctx.low(i + 1), Some("a" | "an")))
        .then(|| count_in_words(Decimal::new(5, 1), i, i + 1))
}

/// "a couple of trucks", "a pair of boots": two of the item after them, a count the number
/// reader leaves alone ("they are a couple" is no number).
fn couple_or_pair(ctx: &Ctx, i: usize) -> Option<Num> {
    (ctx.low(i)? == "a" && matches!(ctx.low(i + 1)?, "couple" | "pair") && ctx.low(i + 2)? == "of")
        .then(|| count_in_words(Decimal::TWO, i, i + 3))
}

/// An exact, unscaled number in words over tokens `start..end`.
fn count_in_words(value: Decimal, start: usize, end: usize) -> Num {
    Num { value, upper: None, start, end, scaled: false, scale: Decimal::ONE, words: true, vague: false }
}

/// One item named with an article: "a further Patriot air defence system",
/// "another Patriot battery". Only when the head is a known item word.
fn single_item(ctx: &Ctx, i: usize) -> Option<Found> {
    if !matches!(ctx.low(i)?, "a" | "an" | "another") {
        return None;
    }
    // "T-55A tanks": a letter glued to a model number is no article.
    if i > 0 && !ctx.toks[i].space_before {
        return None;
    }
    let mut j = i + 1;
    if matches!(ctx.low(j), Some("further" | "additional" | "new" | "single" | "second" | "third" | "fourth" | "fifth"))
    {
        j += 1;
    }
    let (start, end, words) = item_phrase(ctx, j)?;
    let head = ctx.tok_text(*words.last()?).to_lowercase();
    let (head_class, generic) = super::items::word_class(&head)?;
    let (end, lows) = item_head(ctx, start, end)?;
    let class = classify(lows.iter().map(String::as_str));
    // "a new tariff system": a head that says little alone ("system", "unit") counts one item
    // only when another word names the kind ("a new air defence system", "a Patriot system").
    let known = |w: &str| super::items::word_class(w).or_else(|| super::items::word_class(w.trim_end_matches('s')));
    if generic && class == head_class && !lows.iter().rev().skip(1).any(|w| known(w).is_some()) {
        return None;
    }
    // "a new malaria vaccine" is not a donation of one: single items only for hardware.
    if matches!(class, ItemClass::Other | ItemClass::Medical | ItemClass::Food) || !ctx.toks[start].space_before {
        return None;
    }
    let mut f = Found::new(MentionKind::Quantity, i, end, MentionValue::Number(Decimal::ONE));
    f.qualifier = Some(Qualifier::Exact);
    f.item = Some((start, end));
    f.class = Some(class);
    Some(f)
}

/// The noun phrase after a number: words, model numbers ("AH-64", "155mm"),
/// hyphens, and "of" after a measure ("rounds of 155mm artillery ammunition").
/// Returns (first token, end token, the word tokens).
pub(super) fn item_phrase(ctx: &Ctx, start: usize) -> Option<(usize, usize, Vec<usize>)> {
    let toks = ctx.toks;
    let mut k = start;
    let mut words = Vec::new();
    let mut end = start;
    let mut seen_of = false;
    while k < toks.len() && k < start + 10 && !ctx.taken[k] {
        let t = &toks[k];
        match t.kind {
            TokKind::Word => {
                let mut b = [0u8; 24];
                let w = lower(t.text(ctx.text), &mut b).unwrap_or("");
                // Inside a hyphenated compound ("surface-to-air", "state-of-the-art",
                // "ready-to-eat") a small word is part of the modifier, not the phrase's end.
                let in_compound = k > start && !t.space_before && ctx.tok_text(k - 1) == "-";
                if !in_compound && w == "of" {
                    let prev = words.last().map(|&p| ctx.tok_text(p).to_ascii_lowercase());
                    if seen_of || !prev.as_deref().is_some_and(is_measure) {
                        break;
                    }
                    seen_of = true;
                } else if !in_compound && is_stop(w) {
                    break;
                }
                // Only the first word may be a lowercase verb-like word? Keep it simple: nouns and adjectives.
                words.push(k);
                end = k + 1;
            }
            TokKind::Num => {
                // Part of a model name: "AH-64", "Leopard 2", "155mm", "M777".
                let glued = !t.space_before
                    || toks.get(k + 1).is_some_and(|n| !n.space_before && n.kind == TokKind::Word)
                    || (k > start
                        && toks[k - 1].kind == TokKind::Word
                        && ctx.tok_text(k - 1).starts_with(char::is_uppercase));
                let unit_glued = toks.get(k + 1).is_some_and(|n| !n.space_before && n.kind == TokKind::Word);
                if !glued || (k == start && !unit_glued) {
                    break;
                }
                end = k + 1;
            }
            TokKind::Punct if matches!(t.text(ctx.text), "-" | "/") && !t.space_before => {
                if toks.get(k + 1).is_none_or(|n| n.space_before) || k == start {
                    break;
                }
            }
            // "96 Boeing Co. AH-64E Apache helicopters": a maker's abbreviation inside the name.
            TokKind::Punct
                if t.text(ctx.text) == "."
                    && !t.space_before
                    && k > start
                    && matches!(ctx.tok_text(k - 1), "Co" | "Inc" | "Corp" | "Ltd")
                    && toks.get(k + 1).is_some_and(|n| n.space_before && n.kind == TokKind::Word) => {}
            _ => break,
        }
        k += 1;
    }
    // Drop a trailing "of".
    while let Some(&last) = words.last() {
        if ctx.tok_text(last).eq_ignore_ascii_case("of") {
            words.pop();
            end = last;
        } else {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    Some((start, end, words))
}

/// Ends an item phrase at its head noun ("tonnes of grain left Odesa" → "tonnes of
/// grain"): the last word that is a known item word or looks like a plural.
/// Returns the new end token and the phrase's lowercase words (hyphenated words
/// kept whole: "anti-aircraft", "F-16s").
pub(super) fn item_head(ctx: &Ctx, start: usize, end: usize) -> Option<(usize, Vec<String>)> {
    let toks = ctx.toks;
    // Whole words: tokens glued together (by hyphens or directly) form one word.
    let mut words: Vec<(String, usize)> = Vec::new();
    for (k, t) in toks.iter().enumerate().take(end).skip(start) {
        let s = t.text(ctx.text).to_lowercase();
        match words.last_mut() {
            Some((w, last)) if !t.space_before => {
                w.push_str(&s);
                *last = k + 1;
            }
            _ => words.push((s, k + 1)),
        }
    }
    let headlike = |w: &str| {
        super::items::word_class(w).is_some()
            || super::items::word_class(w.trim_end_matches('s')).is_some()
            || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is"))
    };
    let mut keep = words.iter().rposition(|(w, _)| headlike(w)).unwrap_or(0);
    // "tonnes of maize": what a measure counts follows "of".
    if let Some(of) = words.iter().position(|(w, _)| w == "of")
        && of + 1 < words.len()
    {
        keep = keep.max(of + 1);
    }
    words.truncate(keep + 1);
    let new_end = words.last()?.1;
    Some((new_end, words.into_iter().map(|(w, _)| w).collect()))
}

#[cfg(test)]
mod tests {
    use crate::mentions::{MentionKind, find_all};

    fn q(s: &str) -> Vec<(String, String, String, String)> {
        find_all(s, None)
            .into_iter()
            .filter(|m| m.kind == MentionKind::Quantity)
            .map(|m| {
                (
                    m.text,
                    serde_json::to_string(&m.value).unwrap(),
                    m.item.unwrap(),
                    serde_json::to_string(&m.class).unwrap().trim_matches('"').to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str, &str, &str)] = &[
            (
                "to buy more than 5,000 air defence missiles.",
                "more than 5,000 air defence missiles",
                "5000",
                "air defence missiles",
                "missile",
            ),
            (
                "96 AH-64 Apache helicopters",
                "96 AH-64 Apache helicopters",
                "96",
                "AH-64 Apache helicopters",
                "aircraft",
            ),
            ("two Patriot batteries", "two Patriot batteries", "2", "Patriot batteries", "air_defence_system"),
            (
                "tens of thousands of rounds of 155mm artillery ammunition",
                "tens of thousands of rounds of 155mm artillery ammunition",
                "10000",
                "rounds of 155mm artillery ammunition",
                "artillery_round",
            ),
            ("1.5 million doses", "1.5 million doses", "1500000", "doses", "medical"),
            ("12 Leopard 2 tanks", "12 Leopard 2 tanks", "12", "Leopard 2 tanks", "vehicle"),
            ("300,000 tonnes of wheat", "300,000 tonnes of wheat", "300000", "tonnes of wheat", "food"),
        ];
        for (input, text, value, item, class) in cases {
            let got = q(input);
            assert_eq!(got.len(), 1, "{input}: {got:?}");
            let g = &got[0];
            assert_eq!(
                (g.0.as_str(), g.1.as_str(), g.2.as_str(), g.3.as_str()),
                (*text, *value, *item, *class),
                "{input}"
            );
        }
        for s in ["5 million people", "over 20 years", "F-16 jets", "the 155mm shells", "2,000 troops"] {
            assert!(q(s).is_empty(), "{s}: {:?}", q(s));
        }
    }

    #[test]
    fn numbers_and_ordinals() {
        let ms = find_all("The third tranche of 250 and 5 000 more.", None);
        let kinds: Vec<_> = ms.iter().map(|m| (m.kind, m.text.as_str())).collect();
        assert!(kinds.contains(&(MentionKind::Ordinal, "third")), "{kinds:?}");
        assert!(kinds.contains(&(MentionKind::Number, "250")), "{kinds:?}");
        assert!(kinds.contains(&(MentionKind::Number, "5 000")), "{kinds:?}");
    }
}
