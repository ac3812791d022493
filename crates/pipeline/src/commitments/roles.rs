//! Donor and recipient from the structure around each actor in a sentence:
//! "to Ukraine", "for Moldova", "help defend Ukraine" (recipient); "from
//! Germany", "provided by Japan", "Britain's £1.6bn deal", the subject before
//! the verb (donor); "Ukraine will receive …" (recipient before the verb).
//! Strength: 3 = a role word says it, 2 = sentence structure, 1 = only named.

use super::View;
use super::cue_data;
use super::cues::{Words, is_trigger};
pub use super::recipient::recipient_strength;
use super::role_phrases::{
    aid_of_giver, lender_in_deal, met_the_giver, money_of_giver, partner_of_giver, reports_another, visit_host,
};
use super::view::clause_start;
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
pub(super) fn recipient_before(w: &str) -> bool {
    cue_data::RECIPIENT_BEFORE.has(w)
}

/// Words after a party that make it the recipient ("Ukraine will receive").
pub(super) fn recipient_after(ws: &[&str]) -> bool {
    matches!(
        ws,
        ["will" | "would" | "shall", "receive" | "get", ..]
            | ["receives" | "received" | "gets" | "got" | "secured" | "secures" | "obtained" | "obtains", ..]
            // "Ukraine Clinches $15.6 Billion IMF Loan", "Ukraine won backing for some $15.6 billion"
            // (eval/labels summaries-final-h).
            | ["clinches" | "clinched" | "wins" | "won" | "lands" | "landed", ..]
            | ["is" | "was", "to", "receive" | "get", ..]
            // [recipient-set-to-receive] "Nigeria Set to Receive $1.5 Billion World Bank Loan",
            // "Hungary is set to receive 900 million euros in EU money": a receiving verb after
            // "set", "due", "expected" or a headline's bare "to" (sample of summaries, unlabelled).
            | ["to", "receive" | "get", ..]
            | ["set" | "due" | "expected" | "poised", "to", "receive" | "get", ..]
            | ["is" | "are" | "was" | "were", "set" | "due" | "expected" | "poised", "to", "receive" | "get", ..]
            | ["will" | "would", "be", "allowed" | "given" | "provided" | "able" | "granted", ..]
            | ["is" | "was" | "has" | "had", "been", "allowed" | "given" | "granted" | "provided", ..]
    ) && !matches!(ws, ["will" | "would" | "is" | "was", "be", "provided" | "delivered" | "sent", "by", ..])
}

/// The first party of a hyphenated pair ("US-Israeli developed", "Russia-Ukraine war"): it
/// modifies what follows and names no party of the act.
pub(super) fn first_of_pair(text: &str, a: &Actor) -> bool {
    let rest = &text[a.bytes.1..];
    rest.starts_with(['-', '–']) && rest.chars().nth(1).is_some_and(char::is_uppercase)
}

/// Nouns after a country adjective that belong to the recipient ("Ukrainian forces").
pub(super) fn recipient_noun(w: &str) -> bool {
    cue_data::RECIPIENT_NOUNS.has(w)
}

/// "Russia's assault", "against Russia", "the impacts of Russia's war": an aggressor is
/// neither giver nor receiver. Armed forces after a name ("Russian troops") mark an
/// aggressor only as giver: "for Ukrainian troops" still names a recipient.
pub(super) fn is_aggressor(text: &str, a: &Actor, prev: &str, forces_too: bool) -> bool {
    let tail = text[a.bytes.1..].trim_start_matches(['\'', '’', 's', ' ']);
    let forces = ["missile", "strikes", "forces", "troops"];
    // "people caught up in Sudan's war": the country at war is where people suffer.
    let at_war_in = prev == "in" && tail.starts_with("war");
    // "for Ukraine's war effort": the effort of the side that is helped (eval/labels summaries-b,
    // the Leopard tanks article).
    let war_effort = tail.starts_with("war effort") || tail.starts_with("war-effort");
    prev == "against"
        || (cue_data::AGGRESSION_WORDS.iter().any(|w| tail.starts_with(w)) && !at_war_in && !war_effort)
        || (forces_too && forces.iter().any(|w| tail.starts_with(w)))
}

/// [role-lender-of-obtain] "to enter into a loan agreement with the Asian Development Bank to
/// obtain US$ 200 million": the party a government deals with "to obtain" or "to borrow" money
/// lends it (eval/labels cabinet-final-h, the ADB policy loan). `after` is the word after the party.
pub(super) fn obtained_from(ws: &[&str], after: usize) -> bool {
    matches!(ws.get(after..(after + 2).min(ws.len())), Some(["to", "obtain" | "borrow" | "secure"]))
}

/// A preposition before a party makes it no subject ("the invasion of Ukraine").
pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
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
    )
}

/// A party that owns the pledge after it: "Japan's pledge", "the GCC countries' pledge",
/// "the United States' commitment". The owner gives, whoever names or welcomes it.
pub fn owns_pledge(text: &str, words: &Words, ws: &[&str], a: &Actor) -> bool {
    let tail = &text[a.bytes.1..];
    let collective =
        cue_data::COLLECTIVE_NOUNS.iter().find_map(|n| tail.strip_prefix(' ').and_then(|t| t.strip_prefix(n)));
    let possessive = |t: &str| ["'s ", "’s ", "' ", "’ "].iter().any(|p| t.starts_with(p));
    if !(possessive(tail) || collective.is_some_and(possessive)) {
        return false;
    }
    let after = words.index_at(a.bytes.1) + usize::from(collective.is_some());
    ws[after.min(ws.len())..(after + 3).min(ws.len())].iter().any(|w| is_pledge_noun(w))
}

/// Nouns for a decision to give, owned by the party before them ("Japan's pledge").
pub fn is_pledge_noun(w: &str) -> bool {
    cue_data::PLEDGE_NOUNS.has(w)
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
pub(super) fn in_country_pair(text: &str, actors: &[Actor], a: &Actor) -> bool {
    let is_country = |x: &&Actor| matches!(x.what, ActorRef::Country { via: Via::Name, .. }) && x.party() != a.party();
    actors.iter().filter(is_country).any(|x| {
        let gap = if x.bytes.0 >= a.bytes.1 { text.get(a.bytes.1..x.bytes.0) } else { None };
        gap.is_some_and(|g| matches!(g.trim(), "and" | "and the"))
    })
}

impl Roles {
    pub fn find(view: &View, words: &Words, trigger: usize) -> Roles {
        Self::find_with(view, words, trigger, None)
    }

    /// `find`, with `not_giver` (the recipient a first pass also took for the giver) never the giver.
    fn find_with(view: &View, words: &Words, trigger: usize, not_giver: Option<&'static str>) -> Roles {
        let ws: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
        let mut donor: Option<Role> = None;
        let mut recipient: Option<Role> = None;
        let mut fallback: Vec<(&Actor, &'static str)> = Vec::new();
        let mut spread = false;
        // A purchase: the subject is the buyer, unless it buys "for" another party.
        // "to buy … for Ukraine" buys for another; "for its F-16 jets" for itself.
        let tail: Vec<&str> = ws[trigger.min(ws.len())..].iter().copied().chain(["", ""]).collect();
        let for_another = tail.windows(3).any(|w| {
            w[0] == "for"
                && !matches!(w[1], "its" | "their" | "our" | "his" | "her" | "own")
                // "for 96 Apache helicopters", "for the purchase of …": what is bought, not for whom.
                && !w[1].starts_with(|c: char| c.is_ascii_digit())
                && !matches!(w[2], "purchase" | "acquisition" | "procurement" | "supply" | "delivery")
        });
        let buys = ws.get(trigger).is_some_and(|w| cue_data::PURCHASE_VERBS.has(w)) && !for_another
            // "such as the purchase of vaccines": a noun, not the act of this sentence.
            && !(trigger > 0 && matches!(ws[trigger - 1], "the" | "a" | "an" | "of"))
            // "Poland signed a deal … with the US government to buy 96 helicopters": a deal to buy.
            || ws.get(trigger).is_some_and(|w| w.starts_with("sign"))
                && (ws[trigger..].windows(2).any(|w| {
                    w[0] == "to" && matches!(w[1], "buy" | "purchase" | "procure" | "acquire")
                }) || ws[trigger..(trigger + 6).min(ws.len())].iter().any(|w| matches!(*w, "sales" | "sale" | "purchase" | "procurement"))
                    // "signed an agreement with the United States government for 96 Apache helicopters"
                    || ws[trigger..].windows(2).any(|w| w[0] == "for" && w[1].starts_with(|c: char| c.is_ascii_digit()))
                    || ws[trigger..].windows(3).any(|w| w[0] == "for" && w[2] == "purchase"))
                && !for_another;
        let set = |slot: &mut Option<Role>, r: Role| {
            if slot.is_none_or(|s| r.2 > s.2) {
                *slot = Some(r);
            }
        };
        // [role-crowd-of-givers] "promised to Ukraine by 48 countries and 24 organisations": a crowd
        // gives, so no party merely named nearby is the giver (eval/baseline mixed, the Paris
        // conference article).
        let crowd_gives = ws.windows(3).any(|w| {
            w[0] == "by"
                && (cue_data::GIVER_CROWD_NOUNS.has(w[1])
                    || (w[1].bytes().all(|b| b.is_ascii_digit()) || matches!(w[1], "many" | "several" | "dozens"))
                        && cue_data::GIVER_CROWD_NOUNS.has(w[2]))
        });
        // A party inside a fronted phrase ("approved by the IMF, …") is no giver of the main clause.
        let fronted = super::view::fronted_phrase_end(words).filter(|&k| k <= trigger);
        let start = clause_start(words);
        // [role-act-of-the-figure] The giving verb stands in a subordinate clause after another
        // giving verb ("China sends ships … days after the U.S. approves $500 million …"): a party
        // before that clause is the subject of the other verb, not of this one.
        // [role-subordinate-subject] Or the subordinate clause names its own subject right before
        // its giving verb ("Zelenskiy arrives in Berlin after Germany announces further €2.7bn of
        // military aid"): the main clause's party is the subject of another verb (sample of
        // summaries, unlabelled).
        // The party `b` is the subject of the clause opened at `k` when it opens the clause ("that
        // the United States") and only an auxiliary stands between it and the giving verb ("that
        // Japan will offer").
        let subject_of = |k: usize, b: &Actor| {
            let (start, end) = (words.index_at(b.bytes.0), words.index_at(b.bytes.1));
            let opens = start == k + 1 || (start == k + 2 && ws.get(k + 1) == Some(&"the"));
            opens
                && trigger >= end
                && (trigger - end <= 1
                    || trigger - end == 2 && ws[end..trigger].iter().all(|w| cue_data::CLAUSE_AUXILIARIES.has(w)))
        };
        let own_subject = |k: usize| view.actors.iter().any(|b| subject_of(k, b));
        // [role-that-clause-subject] "Kishida told Zelenskiy on Friday that Japan will offer
        // emergency aid worth about $5m": a "that" clause with its own subject before the giving
        // verb is a clause of its own, and a party before "that" is the subject of the verb of
        // speech (eval/labels summaries-final-n, the day-472 summary: read after its first look).
        let subordinate_from = (0..trigger.min(ws.len()))
            .rev()
            .find(|&k| cue_data::SUBORDINATORS.has(ws[k]) || (ws[k] == "that" && own_subject(k)))
            .filter(|&k| ws[k] == "that" || ws[..k].iter().any(|w| is_trigger(w)) || own_subject(k));
        let bank_in_deal = lender_in_deal(view, words, &ws);
        // [role-semicolon-clause] "Talks stalled in Geneva, says Norway; Germany will send $200m":
        // a giving verb after a semicolon acts in a clause of its own (a summary joins two
        // headlines so), and the parties before the semicolon take no role in it (eval/labels
        // summaries-final-j, the day-by-day summary of 22 November 2023).
        let semicolon =
            words.words.first().zip(words.words.get(trigger)).and_then(|(first, verb)| {
                view.text.get(first.1..verb.1).and_then(|t| t.rfind(';')).map(|k| first.1 + k)
            });
        for a in view.actors {
            let Some(party) = a.party() else { continue };
            if semicolon.is_some_and(|k| a.bytes.1 <= k) {
                continue;
            }
            if matches!(a.what, ActorRef::Place { .. } | ActorRef::Company { .. }) {
                continue;
            }
            if let Some(bank) = bank_in_deal {
                if std::ptr::eq(a, bank) {
                    set(&mut donor, (party, a.bytes, 3));
                    continue;
                }
                if a.bytes.1 <= bank.bytes.0
                    && matches!(a.what, ActorRef::Country { .. })
                    && bank.party() != Some(party)
                {
                    set(&mut recipient, (party, a.bytes, 2));
                    continue;
                }
            }
            // [role-compared-party] "more significant for India than for the other creditors like
            // Japan", "than $ 4 billion from China": a party in the second term of a comparison is
            // compared, and takes no role ("more than $5 million" is the figure's own qualifier,
            // inside its mention) (sample of long-form news, unlabelled: the India's help column).
            // "… over $ 4 billion, surpassing the International Monetary Fund’s bailout": a verb of
            // comparison opens the second term too (eval/labels longform-final-p, the Hobson's
            // choice column: read after its first look).
            let wi0 = words.index_at(a.bytes.0);
            let compared = (0..wi0).any(|k| {
                let at = words.words[k].1;
                (ws[k] == "than" || wi0 - k <= 4 && cue_data::COMPARISON_WORDS.has(ws[k]))
                    && !view.mentions.iter().any(|m| m.bytes.0 <= at && at < m.bytes.1)
            });
            if compared {
                super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_COMPARED_PARTY);
                continue;
            }
            // A capital after "in" or "at" is where something happened ("In Brussels, I announced…").
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
            // "at the Paris conference": a meeting's venue gives nothing.
            if matches!(a.what, ActorRef::Country { via: Via::Seat, .. })
                && ws.get(words.index_at(a.bytes.1)).is_some_and(|w| cue_data::VENUE_NOUNS.has(w))
            {
                continue;
            }
            // [role-place-apposition] "the University of Sydney, Australia": a country after a comma
            // that closes a name no party owns tells where that name is (eval/labels cabinet-a, read
            // at this stop: the research sub-contract decision).
            // The name is two words or more ("Sydney" after "University of"), not an opener ("Today, Norway").
            let before_comma = view.text[..a.bytes.0].strip_suffix(", ").and_then(|t| {
                let mut back = t.rsplit(' ');
                let (last, first) = (back.next()?, back.next()?);
                let capital = |w: &str| w.starts_with(char::is_uppercase);
                (capital(last) && (capital(first) || first == "of")).then_some(t.len())
            });
            let apposition = matches!(a.what, ActorRef::Country { via: Via::Name, .. })
                && before_comma.is_some_and(|end| {
                    !view
                        .actors
                        .iter()
                        .any(|b| b.bytes.1 == end && b.party().is_some() && !matches!(b.what, ActorRef::Place { .. }))
                });
            if apposition {
                continue;
            }
            // "the Kenya-led mission", "a US-backed fund": a name's modifier, no party of the act.
            if cue_data::NAME_MODIFIER_SUFFIXES.iter().any(|s| view.text[a.bytes.1..].starts_with(s)) {
                continue;
            }
            // "the drone coalition led by Latvia": who leads a coalition gives nothing here.
            if prev == "by" && cue_data::LEADER_VERBS.has(prev2) {
                continue;
            }
            // "the Government of Japan decided": the office names its country, the subject.
            let (prev, prev2) = if prev == "of" && cue_data::OFFICE_NOUNS.has(prev2) {
                let k = wi.saturating_sub(2);
                let p3 = if k > 0 { ws[k - 1] } else { "" };
                let p4 = if k > 1 { ws[k - 2] } else { "" };
                if p3 == "the" { (p4, if k > 2 { ws[k - 3] } else { "" }) } else { (p3, p4) }
            } else {
                (prev, prev2)
            };
            let with_or_from = |w: &str| matches!(w, "with" | "from");
            if (with_or_from(prev) || (prev == "the" && with_or_from(prev2))) && obtained_from(&ws, after) {
                set(&mut donor, (party, a.bytes, 3));
                continue;
            }
            // "a deal with the US government to buy helicopters": the seller supplies.
            if buys && wi > trigger && (prev == "with" || (prev == "the" && prev2 == "with")) {
                set(&mut donor, (party, a.bytes, 3));
                continue;
            }
            if let Some(strength) = recipient_strength(view.text, words, &ws, a) {
                // "projects in Lebanon, Cameroon, Yemen…": many places, no one recipient.
                // "$5 million to UNICEF for Ukraine": any country named beats the channel.
                // "to help Fiji and Samoa": a pair shares the money, as a list does.
                if !in_country_list(view.text, view.actors, a) && !in_country_pair(view.text, view.actors, a) {
                    // "€20 million in core funding to UNRWA": an agency's own budget, so it receives.
                    // [recipient-agency-own-work] "$200 million to the UNRWA so it can continue its
                    // vital work": money for an agency's own work goes to the agency (eval/labels
                    // wh2123-final-k, the Bethlehem remarks).
                    // Asked only of an agency: most recipients are not one.
                    let own_work = || {
                        ws.contains(&"core")
                            || ws.iter().enumerate().any(|(k, w)| {
                                *w == "its"
                                    && ws[k + 1..(k + 3).min(ws.len())].iter().any(|n| cue_data::OWN_WORK_NOUNS.has(n))
                            })
                    };
                    let passes_it_on = a.is_channel() && !own_work();
                    set(&mut recipient, (party, a.bytes, if passes_it_on { 1 } else { strength }));
                } else {
                    spread = true;
                }
                continue;
            }
            // [role-hearer-receives] "Kishida told Zelenskiy on Friday that Japan will offer aid
            // worth about $5m": the party a promise is told to receives it, when the "that" clause
            // names its own giver (eval/labels summaries-final-n, the day-472 summary: read after
            // its first look). A title may stand between ("informed Foreign Minister Marsudi").
            let hearer = subordinate_from.is_some_and(|k| ws[k] == "that" && wi < k)
                && (wi.saturating_sub(3)..wi)
                    .any(|j| cue_data::HEARER_VERBS.has(ws[j]) && (j + 1..wi).all(|k| words.capitalised(k)));
            if hearer {
                super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_HEARER_RECEIVES);
                set(&mut recipient, (party, a.bytes, 1));
                continue;
            }
            if not_giver == Some(party) {
                continue;
            }
            // "will enable UNICEF to provide…": the agency carries out, it does not give.
            // [role-agency-grants] "The United Nations Environment Programme … has granted US$ 1.09
            // million": an agency that opens the clause and has granted or approved the money decides
            // its own (eval/labels cabinet-final-h, the e-mobility decision).
            let opens = wi == start || (wi == start + 1 && ws[start] == "the");
            let grants_own = || {
                opens
                    && ws[wi..(wi + 20).min(ws.len())]
                        .windows(2)
                        .any(|w| matches!(w[0], "has" | "have") && cue_data::PERFECT_DECISION_VERBS.has(w[1]))
            };
            if a.is_channel() && prev != "from" && !grants_own() {
                continue;
            }
            // "contributions through the Comprehensive Assistance Package": a fund money passes
            // through carries it, it does not give (eval/labels wh2426-a, the NATO summit fact sheet).
            let through = prev == "through" || (prev == "the" && prev2 == "through");
            // [role-through-carrier] Any institution named after "through" carries the money: "has made
            // available $250 million through the World Bank's International Development Association"
            // (eval/labels wh2426-final-h, the Kenya fact sheet). A giver's own agency ("through
            // USAID's $8.8 million program") still gives.
            if through && matches!(a.what, ActorRef::Institution { country: None, .. }) {
                continue;
            }
            if is_aggressor(view.text, a, prev, true)
                || visit_host(&ws, words, a)
                || reports_another(view, words, &ws, a, trigger)
            {
                continue;
            }
            if fronted.is_some_and(|k| wi < k) {
                continue;
            }
            // [role-label-no-giver] "Israel Gaza war: UPenn loses $100m donation": a party in the
            // short label before a colon names the story, not who acts in it (eval/labels
            // summaries-final-i, the UPenn item), unless the label itself names aid ("U.S. Military
            // Aid for Ukraine: Five Key Weapons in New Package").
            if wi < start && !ws[..start].iter().any(|w| super::cues::is_aid_word(w) || is_trigger(w)) {
                continue;
            }
            // "from Germany"; "by" only after a giving verb ("provided by Japan", not "damaged by Russian…").
            // "the decision by Japan to provide": the owner of a decision gives.
            let by_giver = |w: &str, before: &str| w == "by" && (is_trigger(before) || is_pledge_noun(before));
            // "under the European Peace Facility": the fund that pays, so its owner gives.
            if matches!(a.what, ActorRef::Institution { .. })
                && !super::cues::is_donor_group(party)
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
                // "the $570 million Nigeria Primary Health Care Project": the project's country receives.
                let sized = view.mentions.iter().any(|m| {
                    m.kind == MentionKind::Money
                        && view.text.get(m.bytes.1..a.bytes.0).is_some_and(|g| g.trim().is_empty())
                });
                if sized {
                    set(&mut recipient, (party, a.bytes, 2));
                } else {
                    fallback.push((a, party));
                }
                continue;
            }
            // "from Ukraine supplemental funding" names a budget line, not a giver.
            let funds_named = ws.get(after).is_some_and(|w| cue_data::BUDGET_LINE_WORDS.has(w));
            if funds_named {
                continue;
            }
            // "to buy weapons from Ukrainian manufacturers": the seller, not the giver.
            let seller = (prev == "from" || (prev == "the" && prev2 == "from"))
                && (ws[wi.saturating_sub(6)..wi].iter().any(|w| cue_data::SELLER_VERBS.has(w))
                    || ws[after.min(ws.len())..(after + 2).min(ws.len())]
                        .iter()
                        .any(|w| cue_data::SELLER_NOUNS.has(w)));
            // A buyer's own purchase: the seller's country supplies ("buy … from the US").
            if seller && !buys {
                continue;
            }
            // "from the Government of Mexico"
            let from_government = matches!(prev, "of")
                && matches!(prev2, "government" | "governments")
                && wi >= 3
                && (ws[wi - 3] == "from" || (wi >= 4 && ws[wi - 3] == "the" && ws[wi - 4] == "from"));
            // "threats from Russia", "pressure from China": what comes from a party is no gift.
            let k_from = if prev == "from" {
                wi.checked_sub(2)
            } else if prev == "the" && prev2 == "from" {
                wi.checked_sub(3)
            } else {
                None
            };
            let hostile_from = k_from.and_then(|k| ws.get(k)).is_some_and(|w| cue_data::HOSTILE_SOURCE_NOUNS.has(w));
            if hostile_from {
                continue;
            }
            // [role-co-supporter] "The Department of State intends to provide $2.65 million for the
            // Tuvalu Coastal Adaptation Project … with support from Taiwan, Australia, and New
            // Zealand": who else backs the project, named after the figure, yields to the giving verb's
            // subject (eval/labels wh2426-final-j, the Pacific Islands Forum fact sheet).
            let co_supporter = prev == "from"
                && wi >= 3
                && ws[wi - 3] == "with"
                && matches!(prev2, "support" | "funding" | "assistance" | "financing" | "contributions")
                && view.mentions.iter().any(|m| m.kind == MentionKind::Money && m.bytes.1 <= a.bytes.0);
            if co_supporter {
                set(&mut donor, (party, a.bytes, 1));
                continue;
            }
            // [role-redirected-from] "will redirect … an $85 million military aid package from Egypt
            // to Taiwan": money moved "from" a party leaves its old recipient, no giver (sample of
            // summaries, unlabelled).
            let redirected = (prev == "from" || (prev == "the" && prev2 == "from"))
                && ws[wi.saturating_sub(14)..wi].iter().any(|w| cue_data::REDIRECT_VERBS.has(w));
            if redirected {
                super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_REDIRECTED_FROM);
                continue;
            }
            // [role-travelled-from] "300 people traveling from Senegal to Spain": where people set
            // out from gives nothing (sample of summaries, unlabelled).
            let from_at =
                if prev == "from" { Some(wi - 1) } else { (prev == "the" && prev2 == "from").then(|| wi - 2) };
            if from_at.is_some_and(|k| k > 0 && cue_data::TRAVEL_WORDS.has(ws[k - 1])) {
                super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_TRAVELLED_FROM);
                continue;
            }
            if prev == "from" || (prev == "the" && prev2 == "from") || by_giver(prev, prev2) || from_government {
                set(&mut donor, (party, a.bytes, 3));
                continue;
            }
            // The buyer in "Poland will buy …" receives (unless it buys "for" someone).
            if buys && wi < trigger {
                set(&mut recipient, (party, a.bytes, 2));
                continue;
            }
            if aid_of_giver(view, words, &ws, a, party) || money_of_giver(view, words, &ws, a) {
                set(&mut donor, (party, a.bytes, 2));
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
            // "The Department of State, working with Congress, plans to provide": an aside between
            // commas right after the party does not count towards the distance (eval/corpus_labels,
            // the Americas Partnership fact sheet).
            let aside = view.text[a.bytes.1..].strip_prefix(',').and_then(|rest| {
                let close = rest.find(',').filter(|&k| !rest[..k].contains(['.', ';']))?;
                let n = words.index_at(a.bytes.1 + 1 + close) - after;
                (n <= 10).then_some(n)
            });
            let near_subject = wi < trigger && trigger - wi - aside.unwrap_or(0).min(trigger - wi) <= 6;
            let verb_follows = (wi + 1..(wi + 7).min(ws.len())).any(|k| is_trigger(ws[k]));
            let only_verbs_between = wi < trigger
                && trigger - wi <= 10
                && ws[after.min(trigger)..trigger].iter().all(|w| cue_data::SUBJECT_VERB_FILLERS.has(w));
            // A subject is never the object of a preposition ("the invasion of Ukraine, …").
            // "after the U.S. approves": a subordinator opens a clause, and the party right before
            // its verb is that clause's subject.
            let clause_subject = subordinate_from.is_some_and(|k| subject_of(k, a));
            // "in southern Poland": a compass word is part of the place, so the word before it is
            // the place's preposition (tests/data/articles 029, the K2 tanks contract).
            let compass_place = cue_data::COMPASS_WORDS.has(prev) && is_preposition(prev2);
            let object_of_preposition = (is_preposition(prev) || compass_place) && !clause_subject;
            // "Japan will assist … through grant aid of $41 million": the clause's first word acting.
            let opens_clause = opens
                && ws.get(after).is_some_and(|w| matches!(*w, "will" | "has" | "have" | "is" | "plans" | "intends"));
            let main_clause = subordinate_from.is_some_and(|k| wi < k);
            // [role-announced-subject] "I'm announcing that Canada will invest an additional 100
            // million dollars to provide …": the subject of the clause an announcing verb opens
            // with "that" acts, however far its own verb of giving stands (eval/labels
            // wh2123-final-o, the Biden–Trudeau press conference: read after its first look).
            let that_at =
                if prev == "that" { wi.checked_sub(1) } else { (prev == "the" && prev2 == "that").then(|| wi - 2) };
            let announced_subject = that_at.is_some_and(|k| k > trigger && k - trigger <= 2)
                && ws.get(trigger).is_some_and(|w| w.starts_with("announc"))
                && ws.get(after).is_some_and(|w| cue_data::ANNOUNCED_CLAUSE_VERBS.has(w));
            if (near_subject || verb_follows || only_verbs_between || opens_clause || announced_subject)
                && !object_of_preposition
                && !main_clause
            {
                set(&mut donor, (party, a.bytes, 2));
                continue;
            }
            fallback.push((a, party));
        }
        // Anyone else named, as a weak donor; not one listed with the recipient ("in Gaza and Lebanon").
        let joined_to_recipient = |a: &Actor| {
            recipient.is_some_and(|r| {
                r.1.1 <= a.bytes.0
                    && view.text.get(r.1.1..a.bytes.0).is_some_and(|g| matches!(g.trim(), "and" | "," | ", and" | "or"))
            })
        };
        if donor.is_none() && crowd_gives {
            let span = words.words.first().zip(words.words.last()).map_or((0, 0), |(f, l)| (f.1, l.2));
            super::rules::trace(&view.text[span.0..span.1], &super::rules::ROLE_CROWD_OF_GIVERS);
        }
        if donor.is_none() && !crowd_gives {
            let mut tree = super::syntax_roles::SentenceTree::new(words);
            for (a, party) in &fallback {
                if recipient.is_none_or(|r| r.0 != *party) && !joined_to_recipient(a) {
                    // [role-place-no-giver] "projects that support local communities in the Brazilian
                    // Amazon": a party named as the place where something happens gives nothing; a place
                    // fronted before the subject ("In Japan, the government …") may (eval/labels
                    // wh2426-c, the Amazon fact sheet).
                    let wi = words.index_at(a.bytes.0);
                    let place_word = |k: usize| matches!(ws[k], "in" | "across" | "throughout" | "inside" | "within");
                    let place_at = match wi {
                        0 => None,
                        _ if place_word(wi - 1) => Some(wi - 1),
                        _ if wi > 1 && ws[wi - 1] == "the" && place_word(wi - 2) => Some(wi - 2),
                        _ => None,
                    };
                    if place_at.is_some_and(|k| k != clause_start(words)) {
                        super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_PLACE_NO_GIVER);
                        continue;
                    }
                    // [role-people-no-giver] "what many Sri Lankans need to realise": a plural demonym
                    // names people, not their government (sample of long-form news, unlabelled: the
                    // India's help column).
                    let demonym_plural = matches!(a.what, ActorRef::Country { via: Via::Adjective, .. })
                        && view.text[a.bytes.0..a.bytes.1].ends_with('s');
                    if demonym_plural {
                        super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_PEOPLE_NO_GIVER);
                        continue;
                    }
                    if tree.is_possessive_in_pp(words, a.bytes, trigger) {
                        super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_SYNTAX_POSSESSIVE);
                        continue;
                    }
                    donor = Some((party, a.bytes, 1));
                    break;
                }
            }
        }
        if recipient.is_none()
            && let Some(d) = donor.filter(|d| d.2 >= 2)
        {
            recipient = met_the_giver(view, words, &ws, trigger, d);
            if let Some(r) = recipient {
                super::rules::trace(&view.text[r.1.0..r.1.1], &super::rules::ROLE_MET_THE_GIVER);
            }
        }
        if recipient.is_none()
            && let Some(d) = donor.filter(|d| d.2 >= 2)
        {
            recipient = view
                .actors
                .iter()
                .filter(|a| !matches!(a.what, ActorRef::Person { .. } | ActorRef::Company { .. }) && !a.is_channel())
                .filter(|a| visit_host(&ws, words, a))
                .filter_map(|a| Some((a.party()?, a.bytes, 2)))
                .find(|r| r.0 != d.0 && !super::constraints::at_war(d.0, r.0));
            if let Some(r) = recipient {
                super::rules::trace(&view.text[r.1.0..r.1.1], &super::rules::ROLE_HOST_OF_VISIT);
            }
        }
        if recipient.is_none()
            && let Some(d) = donor
        {
            recipient = partner_of_giver(view, words, &ws, d);
            if let Some(r) = recipient {
                super::rules::trace(&view.text[r.1.0..r.1.1], &super::rules::ROLE_PARTNER_IN_PAIR);
            }
        }
        // "The EIB and Ukraine signed a €300 million loan": of two parties signing together, a lender
        // or the party named first gives, and the other receives.
        if recipient.is_none()
            && ws.get(trigger).is_some_and(|w| w.starts_with("sign"))
            && let Some(pair) = view.actors.windows(2).find(|p| {
                words.index_at(p[1].bytes.1) <= trigger
                    && p[0].party().is_some()
                    && p[1].party().is_some()
                    && p[0].party() != p[1].party()
                    && !p.iter().any(|a| matches!(a.what, ActorRef::Person { .. } | ActorRef::Place { .. }))
                    && matches!(
                        view.text[p[0].bytes.1..p[1].bytes.0].trim().trim_start_matches(')').trim(),
                        "and" | "and the"
                    )
            })
        {
            let lender_second = matches!(pair[1].what, ActorRef::Institution { .. })
                && !matches!(pair[0].what, ActorRef::Institution { .. });
            let (giver, taker) = if lender_second { (&pair[1], &pair[0]) } else { (&pair[0], &pair[1]) };
            if let (Some(g), Some(t)) = (giver.party(), taker.party()) {
                donor = Some((g, giver.bytes, 2));
                recipient = Some((t, taker.bytes, 2));
            }
        }
        // "Taiwan's defense ministry said … after the U.S. approved an arms sale to Taiwan": the
        // recipient is no giver; the next party in line for the giver is.
        if let (Some(d), Some(r)) = (donor, recipient)
            && d.0 == r.0
        {
            // Only a giver the sentence's structure names: a party merely mentioned is no better.
            if not_giver.is_none() {
                let again = Self::find_with(view, words, trigger, Some(r.0));
                if again.donor.is_some_and(|d| d.2 >= 2) {
                    return again;
                }
            }
            donor = None;
        }
        // A donor named as a person of the recipient country is no donor ("Zelensky said Ukraine…").
        // "to support stabilization in Ghana, Benin, Guinea, and Togo": a list after the verb,
        // with or without a role word, is where the money goes.
        // Not a list of givers: "Kuwait, Qatar, Saudi Arabia, and the UAE pledged $25 million each".
        let givers_listed = view.actors.iter().any(|a| {
            let after = words.index_at(a.bytes.1);
            in_country_list(view.text, view.actors, a)
                && ws[after.min(ws.len())..(after + 2).min(ws.len())].iter().any(|w| is_trigger(w))
        });
        spread = spread
            || !givers_listed
                && view.actors.iter().any(|a| {
                    words.index_at(a.bytes.0) > trigger
                        && matches!(a.what, ActorRef::Country { via: Via::Name, .. })
                        && in_country_list(view.text, view.actors, a)
                });
        Roles { donor, recipient, purchase: buys, spread: spread && recipient.is_none() }
    }
}
