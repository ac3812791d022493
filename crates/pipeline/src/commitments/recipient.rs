//! How strongly the words around an actor make it the recipient of the sentence's act: the
//! role words before and after it ("to Ukraine", "lend Ukraine", "Ukraine will receive"), the
//! phrases that name whose needs, forces or rescue the money meets, and the places that receive
//! nothing (where a link leads, where people travel, a post held "to" a party).

use super::cue_data;
use super::cues::{Words, is_trigger};
use super::roles::{
    first_of_pair, is_aggressor, obtained_from, owns_pledge, recipient_after, recipient_before, recipient_noun,
};
use super::view::clause_start;
use crate::actors::{Actor, ActorRef, Via};

/// How strongly the words around an actor make it the recipient: 3 when a role
/// word says so ("to Ukraine", "lend Ukraine", "a loan with Ukraine", "Ukraine
/// will receive"), 2 for "to the Ukrainian armed forces"; `None` otherwise.
pub fn recipient_strength(text: &str, words: &Words, ws: &[&str], a: &Actor) -> Option<u8> {
    if matches!(a.what, ActorRef::Person { .. } | ActorRef::Place { .. } | ActorRef::Company { .. }) {
        return None;
    }
    let wi = words.index_at(a.bytes.0);
    let after = words.index_at(a.bytes.1);
    // "the earthquake that struck eastern Afghanistan": a compass word is part of the place.
    let compass = |w: &str| cue_data::COMPASS_WORDS.has(w);
    let wi_cue = if wi > 0 && compass(ws[wi - 1]) { wi - 1 } else { wi };
    let prev = if wi_cue > 0 { ws[wi_cue - 1] } else { "" };
    let prev2 = if wi_cue > 1 { ws[wi_cue - 2] } else { "" };
    if is_aggressor(text, a, prev, false) || owns_pledge(text, words, ws, a) {
        return None;
    }
    // [recipient-not-first-of-pair] "will provide US-Israeli developed Arrow 3s": the first party of
    // a hyphenated pair modifies what follows, so the word before it names no recipient (sample of
    // summaries, unlabelled: the Arrow 3 deal).
    if first_of_pair(text, a) {
        return None;
    }
    let next = &ws[after.min(ws.len())..(after + 4).min(ws.len())];
    // "signed a €300m loan with Ukraine": "with" after an agreement word.
    // Not when the deal is made "to obtain" the money: that party lends (role-lender-of-obtain).
    let with_deal = prev == "with"
        && ws[wi.saturating_sub(6)..wi].iter().any(|w| cue_data::DEAL_WORDS.has(w))
        && !obtained_from(ws, after);
    // "according to X" is not a recipient; "for civilians in Gaza", "people affected by the
    // fighting in Sudan", "generators … arrived in Kyiv" are.
    let people = |w: &&str| cue_data::PEOPLE_NOUNS.has(w);
    // "survivors of the earthquake that struck Afghanistan": a disaster's place, its people helped.
    // "244 million euros for humanitarian aid in Sudan": where the aid is given.
    let aid_in = prev == "in" && cue_data::AID_IN_NOUNS.has(prev2);
    // "communities in the DRC": the article may stand between.
    let place_word = if prev == "the" { prev2 } else { prev };
    // "the devastating landslides in Papua New Guinea": the place of a disaster receives the relief
    // (eval/baseline mixed, the Indo-Pacific fact sheet).
    let disaster_in = prev == "in" && cue_data::DISASTER_WORDS.has(prev2);
    // [recipient-not-where-people-go] "for sixty Kenyan students to study for a semester in the
    // United States": where people go to study, live or work is not who is helped (eval/labels
    // wh2426-final-h, the Kenya fact sheet).
    // Refugees "living in Moldova" are still helped there.
    let goes_to_study = |w: &&str| matches!(*w, "study" | "studying" | "work" | "working");
    let people_in = aid_in
        || disaster_in
        || cue_data::PEOPLE_PLACE_WORDS.has(place_word)
            // "survivors of CRSV and other forms of GBV in Ukraine": "in" reaches a little further.
            && ws[wi.saturating_sub(if place_word == "in" { 10 } else { 8 })..wi].iter().any(people)
            && !ws[wi.saturating_sub(6)..wi].iter().any(|w| goes_to_study(w) || cue_data::TRAVEL_WORDS.has(w));
    // "relief to millions of Ukrainians": the cue stands before a quantity of people.
    let (prev, prev2) = if prev == "of"
        && matches!(prev2, "millions" | "thousands" | "hundreds" | "tens" | "many" | "all" | "most")
        && wi >= 3
    {
        (ws[wi - 3], if wi > 3 { ws[wi - 4] } else { "" })
    } else {
        (prev, prev2)
    };
    // "a new fund at the IDB": an institution holds the fund that receives the money.
    let fund_at = matches!(a.what, ActorRef::Institution { .. })
        && (prev == "at" || (prev == "the" && prev2 == "at"))
        && ws[wi.saturating_sub(4)..wi].iter().any(|w| cue_data::FUND_NOUNS.has(w));
    let arrived_in = prev == "in" && cue_data::ARRIVAL_VERBS.has(prev2);
    // "a new high-voltage line to Romania": where a link leads, not who receives.
    // "people traveling from Senegal to Spain": where people travel to receives nothing either.
    // The word "to" before the party, with or without "the".
    let to_at = if prev == "to" { wi_cue.checked_sub(1) } else { (prev == "the" && prev2 == "to").then(|| wi_cue - 2) };
    // "to the" as "to": "wired a tranche of €60 million back to the European Union".
    let destination = to_at.is_some_and(|t| {
        ws[(t + 1).saturating_sub(3)..=t].iter().any(|w| cue_data::DESTINATION_WORDS.has(w))
            || ws[(t + 1).saturating_sub(5)..=t].iter().any(|w| cue_data::TRAVEL_WORDS.has(w))
    }) || (prev == "the"
        && prev2 == "to"
        && ws.get(after).is_some_and(|w| matches!(*w, "grid" | "market" | "network")));
    // "In Sri Lanka, USAID intends to provide $1.5 million …": a place fronted before the clause's
    // subject sets where the act happens, so the money goes there (eval/labels wh2426-c, the
    // sexual-violence and women-peace-security fact sheets). Only a name, and only with the comma
    // that closes the fronted phrase.
    let fronted_in = prev == "in"
        && wi_cue == clause_start(words) + 1
        && matches!(a.what, ActorRef::Country { via: Via::Name, .. })
        && text[a.bytes.1..].trim_start_matches(['*', '_', ' ']).starts_with(',');
    // "according to the World Bank report": a source, not a recipient (eval/labels summaries-a).
    let according = prev2 == "according" || (prev == "the" && wi_cue > 2 && ws[wi_cue - 3] == "according");
    // [recipient-not-a-post] "the U.S. Ambassador to the DRC … announced": a post held "to" a
    // party names the post, not who receives (eval/labels wh2426-holdout-c, the Kirby gaggle of
    // 2024-08-10).
    let post = to_at.and_then(|k| k.checked_sub(1)).is_some_and(|k| cue_data::ENVOY_TITLES.has(ws[k]));
    // [recipient-whose-needs] "security assistance to meet Ukraine's critical security and defense
    // needs": the party whose needs the aid meets receives it (eval/labels wh2426-c, the
    // Kirby gaggle of 2024-07-29).
    let possessive = text[a.bytes.1..].starts_with("'s") || text[a.bytes.1..].starts_with("’s");
    // The `n` words after the party.
    let following = |n: usize| &ws[after.min(ws.len())..(after + n).min(ws.len())];
    // "over $31 million to advance Kenya's efforts to set up a digital superhighway": a party whose
    // own efforts the money helps or advances receives it (eval/labels wh2426-final-h, the Kenya fact sheet).
    let helps = recipient_before(prev) || matches!(prev, "advance" | "advancing");
    let whose_needs = possessive
        && (following(7).iter().any(|w| matches!(*w, "needs" | "requirements"))
            || helps && following(3).iter().any(|w| matches!(*w, "efforts" | "goals")));
    // [recipient-whose-bailout] "IMF deposits $1.2B in first installment of Pakistan's bailout
    // deal": the party whose rescue it is receives (eval/labels summaries-final-l, the Fox News
    // summary).
    // A lender's own ("the International Monetary Fund's 48-month bailout") stays the lender's.
    let whose_bailout = possessive
        && matches!(a.what, ActorRef::Country { .. })
        && (after..(after + 3).min(ws.len()))
            .any(|k| cue_data::RESCUE_NOUNS.has(ws[k]) && !text[a.bytes.1..words.words[k].1].contains([',', ';', ':']));
    // [recipient-whose-donor] "as the World Health Organization's top donor", "biggest WHO donor":
    // the party a donor gives to receives (eval/labels summaries-final-m, the WHO donor item). Without
    // the possessive only an institution: "EU donors" are the EU's own members.
    let donor_noun =
        |k: usize| matches!(ws[k], "donor" | "donors" | "contributor" | "contributors" | "funder" | "funders");
    let whose_donor = possessive
        && (after..(after + 3).min(ws.len()))
            .any(|k| donor_noun(k) && !text[a.bytes.1..words.words[k].1].contains([',', ';', ':']))
        || matches!(a.what, ActorRef::Institution { .. }) && after < ws.len() && donor_noun(after);
    // [recipient-whose-forces] "the professionalization of Kenya's National Police Service": the
    // party whose own forces or government the words of help name receives (eval/labels
    // wh2426-final-h, the Kenya fact sheet).
    // The noun is the possessive's own, with no break between ("Singapore's green bond, LG Energy …").
    let whose_forces = possessive
        && (prev == "of" || recipient_before(prev))
        && (after..(after + 4).min(ws.len()))
            .any(|k| recipient_noun(ws[k]) && !text[a.bytes.1..words.words[k].1].contains([',', ';', '(', ':']));
    // [recipient-place-of-project] "funds amounting to US$ 20 million for the implementation of a
    // project to digitalize the general education in Sri Lanka": the country a project named just
    // before is in receives (eval/labels cabinet-final-h, the education and e-mobility decisions).
    // Not where people go to do something ("the program to enable Quad Fellows to study in Japan").
    let goes_there =
        goes_to_study(&prev2) || matches!(prev2, "live" | "living" | "stay") || cue_data::TRAVEL_WORDS.has(prev2);
    let project_in = prev == "in"
        && !goes_there
        && matches!(a.what, ActorRef::Country { via: Via::Name, .. })
        && ws[wi_cue.saturating_sub(11)..wi_cue.saturating_sub(1)]
            .iter()
            .any(|w| matches!(*w, "project" | "programme" | "program"));
    // [recipient-not-a-relation] "in a move described as a game changer for Australia's relationship
    // with Solomon Islands police": the owner of a relation is no recipient (eval/labels
    // summaries-b, read at this stop: the police vehicles donation).
    let relation_owner =
        possessive && following(1).iter().any(|w| matches!(*w, "relationship" | "relations" | "ties" | "friendship"));
    // A force's name runs in capitals back from `end`; given "to the" (or after another word
    // before a recipient), with a word of the receiving forces in `nouns`, its country receives.
    let name_start_before = |end: usize| (0..end).rev().take_while(|&k| words.capitalised(k)).last().unwrap_or(end);
    let force_given = |start: usize, nouns: std::ops::Range<usize>| {
        start >= 2
            && ws[start - 1] == "the"
            && recipient_before(ws[start - 2])
            && ws[nouns].iter().any(|w| recipient_noun(w))
    };
    // [recipient-force-by-name] "to the Royal Solomon Islands Police Force": the country inside the
    // name of a force that receives (same article). The name runs in capitals from "to the" to a
    // word of the receiving forces.
    let force_by_name = || {
        let name_end = (after..ws.len()).take_while(|&k| words.capitalised(k)).last().map_or(after, |k| k + 1);
        force_given(name_start_before(wi), after.min(name_end)..name_end)
    };
    // [recipient-force-in-country] "to the National Police Force in Haiti": the country right after
    // "in" that ends the name of a force given "to the" receives, as inside the name (eval/labels
    // wh2123-final-o, the Biden–Trudeau press conference: read after its first look).
    let force_in = || {
        let name_end = wi_cue.saturating_sub(1);
        let name_start = name_start_before(name_end);
        prev == "in" && name_start < name_end && force_given(name_start, name_start..name_end)
    };
    // [recipient-indirect-object] "after awarding Ecuador a grant of over $20,000", "gave Ukraine $50
    // million": the party right after a verb of giving, before what is given, receives it
    // (eval/labels summaries-final-i, the Ecuador grant item).
    let indirect_object = cue_data::INDIRECT_OBJECT_VERBS.has(prev) && {
        let rest = text[a.bytes.1..].trim_start();
        ["a ", "an ", "another ", "$", "US$", "€", "£"].iter().any(|p| rest.starts_with(p))
            || rest.starts_with(|c: char| c.is_ascii_digit())
    };
    let cued = (recipient_before(prev) && !according && !post && !relation_owner
        || indirect_object
        || force_by_name()
        || force_in()
        || project_in
        || whose_needs
        || whose_forces
        || whose_bailout
        || whose_donor
        || (matches!(prev, "the" | "of") && recipient_before(prev2) && !according && !post)
        || people_in
        || fronted_in)
        && !destination;
    if let ActorRef::Country { via: Via::Adjective, .. } = a.what {
        // "to the Ukrainian armed forces"; never "British-made". A plural demonym names
        // the people: "for Palestinians in Gaza".
        let made = text[a.bytes.1..].starts_with("-made") || text[a.bytes.1..].starts_with("-built");
        let demonym_plural = text[a.bytes.0..a.bytes.1].ends_with('s');
        // The noun may follow one modifier: "the Guatemalan agricultural sector". After a verb
        // of help, any plural noun the adjective qualifies is the country's own ("will assist
        // several Indonesian museums", eval/labels wh2426-c).
        let verb_of_help = |w: &str| recipient_before(w) && !matches!(w, "to" | "for" | "towards" | "toward" | "into");
        let helped = (verb_of_help(prev) || matches!(prev, "several" | "many" | "the" | "some") && verb_of_help(prev2))
            && next.first().is_some_and(|w| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"));
        // [recipient-national-company] "a $10 million loan to Kenyan company Roam Electric": a
        // country's own firm, named, receives for its country (eval/labels wh2426-final-h, the
        // Kenya fact sheet); "goes to British company" in a headline names no firm.
        let firm = |k: usize| cue_data::FIRM_NOUNS.has(ws[k]);
        let named_firm =
            (after..(after + 2).min(ws.len())).find(|&k| firm(k)).is_some_and(|k| words.capitalised(k + 1));
        let owned = next.iter().take(2).any(|w| recipient_noun(w)) || named_firm;
        // [recipient-national-people] "amplify existing Sudanese women's initiatives", "for Afghan
        // refugees": a nationality right before people helped names the country they belong to
        // (eval/labels wh2426-c, the NATO summit fact sheet on women, peace and security).
        let people = next.first().is_some_and(|w| {
            let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
            cue_data::PEOPLE_NOUNS.has(w)
        });
        return ((cued && (demonym_plural || owned)) || helped || people).then_some(2).filter(|_| !made);
    }
    // A capital or seat after "to" is where someone travels ("traveled to Warsaw"); it
    // receives only as the subject ("Kyiv will receive").
    if let ActorRef::Country { via: Via::Seat, .. } = a.what {
        if recipient_after(next) || arrived_in {
            return Some(3);
        }
        // "battle tanks to Kyiv", "aid to Kyiv": after a word of giving, and with no journey
        // before it, the capital stands for its government (eval/labels summaries-b, the Leopard
        // tanks article).
        let before = &ws[wi.saturating_sub(8)..wi];
        let sent_to = prev == "to"
            && before.iter().any(|w| is_trigger(w) || super::cues::is_aid_word(w))
            && !before.iter().any(|w| cue_data::TRAVEL_WORDS.has(w));
        return sent_to.then_some(2);
    }
    (cued || with_deal || fund_at || arrived_in || recipient_after(next)).then_some(3)
}
