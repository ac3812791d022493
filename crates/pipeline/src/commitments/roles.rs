//! Donor and recipient from the structure around each actor in a sentence:
//! "to Ukraine", "for Moldova", "help defend Ukraine" (recipient); "from
//! Germany", "provided by Japan", "Britain's £1.6bn deal", the subject before
//! the verb (donor); "Ukraine will receive …" (recipient before the verb).
//! Strength: 3 = a role word says it, 2 = sentence structure, 1 = only named.

use super::cues::{Words, is_trigger};
use super::{View, clause_start};
use crate::actors::{Actor, ActorRef, Via};
use crate::mentions::MentionKind;

pub type Role = (&'static str, (usize, usize), u8);

pub struct Roles {
    pub donor: Option<Role>,
    pub recipient: Option<Role>,
    /// The trigger is a purchase ("will buy", "ordered") for the buyer's own use.
    pub purchase: bool,
    /// The money goes to a list of countries ("in Ghana, Benin, Guinea and Togo"): no one
    /// recipient, and none to borrow from elsewhere in the document.
    pub spread: bool,
}

/// Words before a party that make it the recipient.
fn recipient_before(w: &str) -> bool {
    matches!(
        w,
        "to" | "for" | "towards" | "toward" | "help" | "helping" | "helps" | "support" | "supporting" | "supports"
            | "assist" | "assisting" | "defend" | "defending" | "bolster" | "bolstering" | "strengthen"
            | "protect" | "aid" | "aiding" | "arm" | "arming" | "equip" | "equipping" | "benefit" | "into" | "rebuild"
            | "restore" | "repair" | "reconstruct"
            // Indirect objects: "lend Ukraine £2bn", "provide Moldova with".
            | "lend" | "lends" | "lent" | "lending" | "give" | "gives" | "gave" | "giving" | "send" | "sends" | "sending"
            | "provide" | "provides" | "provided" | "providing" | "supply" | "supplies" | "supplied" | "supplying"
            | "offer" | "offers" | "offered" | "grant" | "grants" | "granted" | "hand" | "loan" | "loans" | "donate"
    )
}

/// Words after a party that make it the recipient ("Ukraine will receive").
fn recipient_after(ws: &[&str]) -> bool {
    matches!(
        ws,
        ["will" | "would" | "shall", "receive" | "get", ..]
            | ["receives" | "received" | "gets" | "got" | "secured" | "secures" | "obtained" | "obtains", ..]
            | ["is" | "was", "to", "receive" | "get", ..]
            | ["will" | "would", "be", "allowed" | "given" | "provided" | "able" | "granted", ..]
            | ["is" | "was" | "has" | "had", "been", "allowed" | "given" | "granted" | "provided", ..]
    ) && !matches!(ws, ["will" | "would" | "is" | "was", "be", "provided" | "delivered" | "sent", "by", ..])
}

/// Nouns after a country adjective that belong to the recipient ("Ukrainian forces").
fn recipient_noun(w: &str) -> bool {
    matches!(
        w,
        "forces"
            | "armed"
            | "military"
            | "army"
            | "troops"
            | "soldiers"
            | "people"
            | "government"
            | "defenders"
            | "cities"
            | "energy"
            | "grid"
            | "civilians"
            | "refugees"
            | "economy"
            | "budget"
            | "partners"
            | "sector"
            | "farmers"
    )
}

/// "Russia's assault", "against Russia", "the impacts of Russia's war": an aggressor is
/// neither giver nor receiver. Armed forces after a name ("Russian troops") mark an
/// aggressor only as giver: "for Ukrainian troops" still names a recipient.
fn is_aggressor(text: &str, a: &Actor, prev: &str, forces_too: bool) -> bool {
    let tail = text[a.bytes.1..].trim_start_matches(['\'', '’', 's', ' ']);
    let war = [
        "war",
        "invasion",
        "assault",
        "aggression",
        "attack",
        "attacks",
        "occupation",
        "brutal",
        "full-scale",
        "unprovoked",
        "continues",
        "launched",
    ];
    let forces = ["missile", "strikes", "forces", "troops"];
    prev == "against"
        || war.iter().any(|w| tail.starts_with(w))
        || (forces_too && forces.iter().any(|w| tail.starts_with(w)))
}

/// How strongly the words around an actor make it the recipient: 3 when a role
/// word says so ("to Ukraine", "lend Ukraine", "a loan with Ukraine", "Ukraine
/// will receive"), 2 for "to the Ukrainian armed forces"; `None` otherwise.
pub fn recipient_strength(text: &str, words: &Words, ws: &[&str], a: &Actor) -> Option<u8> {
    if matches!(a.what, ActorRef::Person { .. } | ActorRef::Place { .. } | ActorRef::Company { .. }) {
        return None;
    }
    let wi = words.index_at(a.bytes.0);
    let after = words.index_at(a.bytes.1);
    let prev = if wi > 0 { ws[wi - 1] } else { "" };
    let prev2 = if wi > 1 { ws[wi - 2] } else { "" };
    if is_aggressor(text, a, prev, false) || owns_pledge(text, words, ws, a) {
        return None;
    }
    let next = &ws[after.min(ws.len())..(after + 4).min(ws.len())];
    // "signed a €300m loan with Ukraine": "with" after an agreement word.
    let with_deal = prev == "with"
        && ws[wi.saturating_sub(6)..wi].iter().any(|w| {
            matches!(
                *w,
                "loan"
                    | "loans"
                    | "agreement"
                    | "agreements"
                    | "deal"
                    | "contract"
                    | "memorandum"
                    | "signed"
                    | "sign"
                    | "signs"
                    | "grant"
                    | "guarantee"
            )
        });
    // "according to X" is not a recipient; "for civilians in Gaza", "people affected by the
    // fighting in Sudan", "generators … arrived in Kyiv" are.
    let people = |w: &&str| {
        matches!(
            *w,
            "civilians"
                | "people"
                | "refugees"
                | "families"
                | "children"
                | "communities"
                | "those"
                | "populations"
                | "displaced"
                | "victims"
                | "survivors"
                | "farmers"
                | "households"
                | "women"
                | "girls"
                | "students"
                | "patients"
                | "residents"
                | "migrants"
                | "workers"
                | "businesses"
                | "entrepreneurs"
        )
    };
    let people_in = matches!(prev, "in" | "of") && ws[wi.saturating_sub(7)..wi].iter().any(people);
    // "a new fund at the IDB": an institution holds the fund that receives the money.
    let fund_at = matches!(a.what, ActorRef::Institution { .. })
        && (prev == "at" || (prev == "the" && prev2 == "at"))
        && ws[wi.saturating_sub(4)..wi]
            .iter()
            .any(|w| matches!(*w, "fund" | "facility" | "account" | "window" | "program" | "programme" | "trust"));
    let arrived_in = prev == "in"
        && matches!(prev2, "arrived" | "arrive" | "arrives" | "arriving" | "delivered" | "landed" | "reached");
    let cued = recipient_before(prev) && prev2 != "according"
        || (matches!(prev, "the" | "of") && recipient_before(prev2))
        || people_in;
    if let ActorRef::Country { via: Via::Adjective, .. } = a.what {
        // "to the Ukrainian armed forces"; never "British-made". A plural demonym names
        // the people: "for Palestinians in Gaza".
        let made = text[a.bytes.1..].starts_with("-made") || text[a.bytes.1..].starts_with("-built");
        let demonym_plural = text[a.bytes.0..a.bytes.1].ends_with('s');
        // The noun may follow one modifier: "the Guatemalan agricultural sector".
        let owned = next.iter().take(2).any(|w| recipient_noun(w));
        return (cued && !made && (demonym_plural || owned)).then_some(2);
    }
    // A capital or seat after "to" is where someone travels ("traveled to Warsaw"); it
    // receives only as the subject ("Kyiv will receive").
    if let ActorRef::Country { via: Via::Seat, .. } = a.what {
        return (recipient_after(next) || arrived_in).then_some(3);
    }
    (cued || with_deal || fund_at || arrived_in || recipient_after(next)).then_some(3)
}

/// A party that owns the pledge after it: "Japan's pledge", "the GCC countries' pledge",
/// "the United States' commitment". The owner gives, whoever names or welcomes it.
pub fn owns_pledge(text: &str, words: &Words, ws: &[&str], a: &Actor) -> bool {
    let tail = &text[a.bytes.1..];
    let collective = ["countries", "members", "member states", "nations", "states", "governments", "partners"]
        .iter()
        .find_map(|n| tail.strip_prefix(' ').and_then(|t| t.strip_prefix(n)));
    let possessive = |t: &str| ["'s ", "’s ", "' ", "’ "].iter().any(|p| t.starts_with(p));
    if !(possessive(tail) || collective.is_some_and(possessive)) {
        return false;
    }
    let after = words.index_at(a.bytes.1) + usize::from(collective.is_some());
    ws[after.min(ws.len())..(after + 3).min(ws.len())].iter().any(|w| is_pledge_noun(w))
}

/// Nouns for a decision to give, owned by the party before them ("Japan's pledge").
pub fn is_pledge_noun(w: &str) -> bool {
    matches!(
        w,
        "announcement" | "pledge" | "pledges" | "commitment" | "decision" | "offer" | "contribution" | "donation"
    )
}

/// Whether a country stands in a list of three or more countries ("Lebanon, Cameroon and
/// Yemen"): money spread over them names no single recipient.
pub fn in_country_list(text: &str, actors: &[Actor], a: &Actor) -> bool {
    let countries: Vec<&Actor> =
        actors.iter().filter(|x| matches!(x.what, ActorRef::Country { via: Via::Name, .. })).collect();
    let Some(k) = countries.iter().position(|x| x.bytes == a.bytes) else { return false };
    let joined = |l: &Actor, r: &Actor| {
        let gap = text.get(l.bytes.1..r.bytes.0).unwrap_or("x").trim();
        matches!(gap, "," | "and" | ", and" | "or" | ", or" | ";" | "the" | ", the" | "and the" | ", and the")
    };
    let mut lo = k;
    while lo > 0 && joined(countries[lo - 1], countries[lo]) {
        lo -= 1;
    }
    let mut hi = k;
    while hi + 1 < countries.len() && joined(countries[hi], countries[hi + 1]) {
        hi += 1;
    }
    hi - lo >= 2
}

/// A country named with "and" beside another after a role word ("to help Fiji and Samoa"):
/// the money is shared by the pair, and neither is its one recipient.
fn in_country_pair(text: &str, actors: &[Actor], a: &Actor) -> bool {
    let is_country = |x: &&Actor| matches!(x.what, ActorRef::Country { via: Via::Name, .. }) && x.party() != a.party();
    actors.iter().filter(is_country).any(|x| {
        let gap = if x.bytes.0 >= a.bytes.1 { text.get(a.bytes.1..x.bytes.0) } else { None };
        gap.is_some_and(|g| matches!(g.trim(), "and" | "and the"))
    })
}

impl Roles {
    pub fn find(view: &View, words: &Words, trigger: usize) -> Roles {
        let ws: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
        let mut donor: Option<Role> = None;
        let mut recipient: Option<Role> = None;
        let mut fallback: Vec<(&Actor, &'static str)> = Vec::new();
        let mut spread = false;
        // A purchase: the subject is the buyer, unless it buys "for" another party.
        let buys = matches!(
            ws.get(trigger).copied(),
            Some(
                "buy"
                    | "buys"
                    | "bought"
                    | "purchase"
                    | "purchases"
                    | "purchased"
                    | "procure"
                    | "procures"
                    | "procured"
                    | "acquire"
                    | "acquires"
                    | "acquired"
                    | "order"
                    | "orders"
                    | "ordered"
            )
        ) && !ws[trigger..].contains(&"for")
            // "such as the purchase of vaccines": a noun, not the act of this sentence.
            && !(trigger > 0 && matches!(ws[trigger - 1], "the" | "a" | "an" | "of"));
        let set = |slot: &mut Option<Role>, r: Role| {
            if slot.is_none_or(|s| r.2 > s.2) {
                *slot = Some(r);
            }
        };
        for a in view.actors {
            let Some(party) = a.party() else { continue };
            if matches!(a.what, ActorRef::Place { .. } | ActorRef::Company { .. }) {
                continue;
            }
            // A capital after "in" or "at" is where something happened ("In Brussels, I announced…").
            let wi0 = words.index_at(a.bytes.0);
            if matches!(a.what, ActorRef::Country { via: Via::Seat, .. })
                && wi0 > 0
                && matches!(ws[wi0 - 1], "in" | "at")
            {
                continue;
            }
            let wi = words.index_at(a.bytes.0);
            let after = words.index_at(a.bytes.1);
            let prev = if wi > 0 { ws[wi - 1] } else { "" };
            let prev2 = if wi > 1 { ws[wi - 2] } else { "" };
            let is_person = matches!(a.what, ActorRef::Person { .. });
            if let Some(strength) = recipient_strength(view.text, words, &ws, a) {
                // "projects in Lebanon, Cameroon, Yemen…": many places, no one recipient.
                // "$5 million to UNICEF for Ukraine": any country named beats the channel.
                // "to help Fiji and Samoa": a pair shares the money, as a list does.
                if !in_country_list(view.text, view.actors, a) && !in_country_pair(view.text, view.actors, a) {
                    set(&mut recipient, (party, a.bytes, if a.is_channel() { 1 } else { strength }));
                } else {
                    spread = true;
                }
                continue;
            }
            // "will enable UNICEF to provide…": the agency carries out, it does not give.
            if a.is_channel() && prev != "from" {
                continue;
            }
            if is_aggressor(view.text, a, prev, true) {
                continue;
            }
            // "from Germany"; "by" only after a giving verb ("provided by Japan", not "damaged by Russian…").
            // "the decision by Japan to provide": the owner of a decision gives.
            let by_giver = |w: &str, before: &str| w == "by" && (is_trigger(before) || is_pledge_noun(before));
            // "under the European Peace Facility": the fund that pays, so its owner gives.
            if matches!(a.what, ActorRef::Institution { .. })
                && (prev == "under" || (prev == "the" && prev2 == "under"))
            {
                set(&mut donor, (party, a.bytes, 2));
                continue;
            }
            // "a Ukraine Assistance Fund", "the Ukraine Recovery Conference": a country inside
            // a proper name names no giver (the headline's Title Case excepted).
            let in_a_name = !view.headline
                && matches!(a.what, ActorRef::Country { via: Via::Name, .. })
                && view.text[a.bytes.1..].strip_prefix(' ').is_some_and(|t| {
                    t.starts_with(|c: char| c.is_uppercase()) && !view.actors.iter().any(|b| b.bytes.0 == a.bytes.1 + 1)
                });
            if in_a_name {
                fallback.push((a, party));
                continue;
            }
            // "from Ukraine supplemental funding" names a budget line, not a giver.
            let funds_named = ws.get(after).is_some_and(|w| {
                matches!(
                    *w,
                    "supplemental"
                        | "supplementals"
                        | "funding"
                        | "funds"
                        | "appropriations"
                        | "appropriation"
                        | "budget"
                )
            });
            if funds_named {
                continue;
            }
            // "from the Government of Mexico"
            let from_government = matches!(prev, "of")
                && matches!(prev2, "government" | "governments")
                && wi >= 3
                && (ws[wi - 3] == "from" || (wi >= 4 && ws[wi - 3] == "the" && ws[wi - 4] == "from"));
            if prev == "from" || (prev == "the" && prev2 == "from") || by_giver(prev, prev2) || from_government {
                set(&mut donor, (party, a.bytes, 3));
                continue;
            }
            // The buyer in "Poland will buy …" receives (unless it buys "for" someone).
            if buys && wi < trigger && !is_person {
                set(&mut recipient, (party, a.bytes, 2));
                continue;
            }
            // A possessive before the figure: "Britain's £1.6bn deal", "Japan's loan".
            let possessive = view.text[a.bytes.1..].starts_with("'s") || view.text[a.bytes.1..].starts_with("’s");
            if owns_pledge(view.text, words, &ws, a) && !is_person {
                set(&mut donor, (party, a.bytes, 3));
                continue;
            }
            let before_figure = view.mentions.iter().any(|m| {
                matches!(m.kind, MentionKind::Money) && m.bytes.0 >= a.bytes.1 && words.index_at(m.bytes.0) <= after + 4
            });
            if possessive && !is_person && (before_figure || wi < trigger) {
                // "welcomes Australia's announcement that it will provide": the owner of the
                // pledge gives, whoever welcomes it.
                let owner = ws[after.min(ws.len())..(after + 3).min(ws.len())].iter().any(|w| is_pledge_noun(w));
                set(&mut donor, (party, a.bytes, if owner { 3 } else { 2 }));
                continue;
            }
            // The subject: named shortly before a trigger verb ("I announced that Australia will
            // provide"), or a little further when only verbs stand between ("the United States is
            // announcing it is prepared to provide").
            let verb_follows = (wi + 1..(wi + 7).min(ws.len())).any(|k| is_trigger(ws[k]));
            let only_verbs_between = wi < trigger
                && trigger - wi <= 10
                && ws[after.min(trigger)..trigger].iter().all(|w| {
                    matches!(
                        *w,
                        "is" | "are"
                            | "was"
                            | "will"
                            | "would"
                            | "it"
                            | "they"
                            | "we"
                            | "that"
                            | "to"
                            | "be"
                            | "also"
                            | "now"
                            | "today"
                            | "prepared"
                            | "ready"
                            | "able"
                            | "going"
                            | "announcing"
                            | "announced"
                            | "announces"
                            | "said"
                            | "says"
                            | "has"
                            | "have"
                            | "decided"
                            | "agreed"
                            | "intends"
                            | "plans"
                            | "further"
                    )
                });
            // A subject is never the object of a preposition ("the invasion of Ukraine, …").
            let object_of_preposition = matches!(
                prev,
                "of" | "in"
                    | "on"
                    | "at"
                    | "with"
                    | "into"
                    | "about"
                    | "over"
                    | "across"
                    | "throughout"
                    | "within"
                    | "near"
                    | "between"
                    | "among"
                    | "amid"
                    | "after"
                    | "during"
            );
            // "Japan will assist … through grant aid of $41 million": the clause's first word acting.
            let opens_clause = wi == clause_start(words)
                && ws.get(after).is_some_and(|w| matches!(*w, "will" | "has" | "have" | "is" | "plans" | "intends"));
            if ((wi < trigger && trigger - wi <= 6) || verb_follows || only_verbs_between || opens_clause)
                && !object_of_preposition
            {
                set(&mut donor, (party, a.bytes, 2));
                continue;
            }
            fallback.push((a, party));
        }
        // Anyone else named, as a weak donor.
        if donor.is_none() {
            for (a, party) in &fallback {
                if recipient.is_none_or(|r| r.0 != *party) {
                    donor = Some((party, a.bytes, 1));
                    break;
                }
            }
        }
        if let (Some(d), Some(r)) = (donor, recipient)
            && d.0 == r.0
        {
            donor = None;
        }
        // A donor named as a person of the recipient country is no donor ("Zelensky said Ukraine…").
        // "to support stabilization in Ghana, Benin, Guinea, and Togo": a list after the verb,
        // with or without a role word, is where the money goes.
        spread = spread
            || view.actors.iter().any(|a| {
                words.index_at(a.bytes.0) > trigger
                    && matches!(a.what, ActorRef::Country { via: Via::Name, .. })
                    && in_country_list(view.text, view.actors, a)
            });
        Roles { donor, recipient, purchase: buys, spread: spread && recipient.is_none() }
    }
}
