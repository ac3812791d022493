//! Phrases that give a party its role from the words around it, beyond a role word next to
//! it: the party that met the giver, the partner in a pair, the host of a visit, a party that
//! only reports another's act, "US aid for X", a lender named in a deal, "in EU money". Each
//! is a named rule that `roles.rs` asks in turn.

use super::View;
use super::cue_data;
use super::cues::{Words, is_trigger};
use super::roles::Role;
use crate::actors::{Actor, ActorRef};
use crate::mentions::MentionKind;

/// [rule `role-met-the-giver`] "The Ukrainian leader met with President Biden, who promised a
/// $375 million tranche": the giver is the object of a verb of meeting and gives in a relative
/// clause of its own, so the party that met it (the clause's subject, a few words before the verb)
/// receives (eval/labels summaries-b, the G7 plea article; longform-a, the Yunus article).
pub(super) fn met_the_giver(view: &View, words: &Words, ws: &[&str], trigger: usize, giver: Role) -> Option<Role> {
    let g = words.index_at(giver.1.0);
    let g_end = words.index_at(giver.1.1);
    let m = ws[..g].iter().rposition(|w| cue_data::MEETING_VERBS.has(w))?;
    // Only "with", a title or the giver's name between the verb and the giver; "who" opens the
    // giver's own clause, and the giving verb follows within it.
    let relative = ws
        .get(g_end..trigger)
        .is_some_and(|between| between.first().is_some_and(|w| matches!(*w, "who" | "which")) && between.len() <= 4);
    if !relative || g - m > 6 || ws[m + 1..g].iter().any(|w| is_trigger(w)) {
        return None;
    }
    view.actors
        .iter()
        .filter(|a| {
            let k = words.index_at(a.bytes.1);
            words.index_at(a.bytes.0) < m && k <= m && m - k <= 4
        })
        .filter(|a| !matches!(a.what, ActorRef::Place { .. } | ActorRef::Company { .. }) && !a.is_channel())
        .filter_map(|a| Some((a.party()?, a.bytes, 2)))
        .rfind(|r| r.0 != giver.0 && !super::constraints::at_war(giver.0, r.0))
}

/// [rule `role-partner-in-pair`] "another $150 million of initiatives to deepen U.S.-ASEAN
/// relations": the giver's partner in a hyphenated pair before a noun of partnership receives,
/// when the sentence names no one else (eval/labels wh2123-final-k, the ASEAN summit remarks).
pub(super) fn partner_of_giver(view: &View, words: &Words, ws: &[&str], giver: Role) -> Option<Role> {
    view.actors.windows(2).find_map(|p| {
        let joined = matches!(view.text.get(p[0].bytes.1..p[1].bytes.0), Some("-" | "–" | "—"));
        let after = words.index_at(p[1].bytes.1);
        let partnership = ws.get(after).is_some_and(|w| cue_data::PARTNERSHIP_NOUNS.has(w));
        let (g, other) = match (p[0].party()?, p[1].party()?) {
            (a, b) if a == giver.0 && b != a => (a, &p[1]),
            (a, b) if b == giver.0 && a != b => (b, &p[0]),
            _ => return None,
        };
        let party = other.party()?;
        (joined
            && partnership
            && !matches!(other.what, ActorRef::Person { .. } | ActorRef::Place { .. } | ActorRef::Company { .. })
            && !super::constraints::at_war(g, party))
        .then_some((party, other.bytes, 1))
    })
}

/// [rule `role-host-of-visit`] "Biden Makes Surprise Visit to Ukraine, Pledges $500 Million More
/// Aid", "during a visit to Kyiv, …": the party right after a word of visiting (and "to", "in" or
/// "the") is the host. A host is no giver; it receives what the visitor pledges when the sentence
/// names no one else (eval/labels summaries-final-g).
pub(super) fn visit_host(ws: &[&str], words: &Words, a: &Actor) -> bool {
    let wi = words.index_at(a.bytes.0);
    let mut k = wi;
    if k > 0 && ws[k - 1] == "the" {
        k -= 1;
    }
    if k > 0 && matches!(ws[k - 1], "to" | "in") {
        k -= 1;
    }
    k > 0 && cue_data::VISIT_WORDS.has(ws[k - 1])
}

/// "Pakistan Says UAE Assures $1 Billion Loan", "Kyiv said Germany will send …": a party that says
/// what another party named right after does only reports it (eval/labels summaries-b).
pub(super) fn reports_another(view: &View, words: &Words, ws: &[&str], a: &Actor, trigger: usize) -> bool {
    let mut after = words.index_at(a.bytes.1);
    if ws.get(after).is_some_and(|w| matches!(*w, "has" | "had")) {
        after += 1;
    }
    if !ws.get(after).is_some_and(|w| cue_data::SPEAKER_VERBS.has(w)) {
        return false;
    }
    let party = a.party();
    view.actors.iter().any(|b| {
        let k = words.index_at(b.bytes.0);
        k > after
            && k <= after + 4
            && k < trigger
            && !matches!(b.what, ActorRef::Person { .. } | ActorRef::Place { .. })
            && b.party().is_some_and(|p| Some(p) != party)
    })
}

/// [rule `role-aid-of-giver`] "$2 Billion in US Aid for Ukraine", "German military aid to Kyiv": a
/// party right before a noun of aid (past one word of its kind) that "to" or "for" another
/// party follows gives that aid (eval/labels summaries-final-g).
pub(super) fn aid_of_giver(view: &View, words: &Words, ws: &[&str], a: &Actor, party: &str) -> bool {
    let noun = |w: &&str| matches!(*w, "aid" | "assistance" | "funding" | "support" | "loans" | "grants");
    let mut k = words.index_at(a.bytes.1);
    if ws.get(k).is_some_and(|w| !noun(w) && super::cues::category_cue(w).is_some()) {
        k += 1;
    }
    let aid_noun = ws.get(k).is_some_and(noun);
    let to_for = ws.get(k + 1).is_some_and(|w| matches!(*w, "to" | "for"));
    if !(aid_noun && to_for) {
        return false;
    }
    let at = k + 2 + usize::from(ws.get(k + 2) == Some(&"the"));
    let other = view.actors.iter().any(|b| words.index_at(b.bytes.0) == at && b.party().is_some_and(|p| p != party));
    if other {
        super::rules::trace(&view.text[a.bytes.0..a.bytes.1], &super::rules::ROLE_AID_OF_GIVER);
    }
    other
}

/// [role-lender-in-deal] "Pakistan is nearing an agreement with the International Monetary Fund
/// to resume a $6.5 billion bailout": a multilateral lender named after "with" in a deal lends,
/// and a country named before it borrows (sample of summaries, unlabelled).
pub(super) fn lender_in_deal<'a>(view: &View<'a>, words: &Words, ws: &[&str]) -> Option<&'a Actor> {
    // The deal is the figure's own: before it, or within a few words after ("a $3 billion loan
    // agreement with the World Bank"), not a later clause's ("…, moving the nation closer to a
    // loan deal with the IMF").
    let figure_end = view.mentions.iter().find(|m| m.kind == MentionKind::Money).map(|m| words.index_at(m.bytes.1));
    let deal_in =
        |from: usize, to: usize| ws[from.min(ws.len())..to.min(ws.len())].iter().any(|w| cue_data::DEAL_WORDS.has(w));
    view.actors.iter().filter(|b| b.is_multilateral_lender()).find(|b| {
        let wi = words.index_at(b.bytes.0);
        let own_deal = figure_end.is_none_or(|e| wi <= e + 6);
        // "an agreement with the IMF": the deal word a few words before "with".
        let with_deal = word_before_party(ws, wi, "with").is_some_and(|k| deal_in(k.saturating_sub(4), k));
        // "Pakistan and the IMF reached a staff-level agreement for a $3 billion loan": the lender
        // named second in a pair that makes a deal (summaries-final-l, the rupee item).
        let after = words.index_at(b.bytes.1);
        // [role-lender-pair-agrees] "Bangladesh, IMF Agree on $4.5 Billion Aid Package": a headline
        // joins the pair with a comma, and the pair's verb of agreeing makes the deal (eval/labels
        // summaries-final-n, the Dow Jones item: read after its first look).
        let comma_pair = view
            .actors
            .iter()
            .any(|c| matches!(c.what, ActorRef::Country { .. }) && view.text.get(c.bytes.1..b.bytes.0) == Some(", "));
        let agrees = ws.get(after).is_some_and(|w| cue_data::AGREEING_VERBS.has(w));
        let pair_deal = (word_before_party(ws, wi, "and").is_some_and(|k| k > 0) || comma_pair)
            && (deal_in(after, after + 6) || agrees);
        own_deal && (with_deal || pair_deal)
    })
}

/// Where `word` stands right before the party starting at word `wi`, past an optional "the"
/// ("with the IMF", "and IMF").
fn word_before_party(ws: &[&str], wi: usize, word: &str) -> Option<usize> {
    match wi {
        _ if wi > 0 && ws[wi - 1] == word => Some(wi - 1),
        _ if wi > 1 && ws[wi - 1] == "the" && ws[wi - 2] == word => Some(wi - 2),
        _ => None,
    }
}

/// [role-in-giver-money] "900 million euros in European Union money", "$300 million in U.S.
/// aid": a party between "in" right after a figure and a noun of money gives that figure
/// (sample of summaries, unlabelled: the Hungary item).
pub(super) fn money_of_giver(view: &View, words: &Words, ws: &[&str], a: &Actor) -> bool {
    let wi = words.index_at(a.bytes.0);
    let after = words.index_at(a.bytes.1);
    let noun = ws
        .get(after)
        .is_some_and(|w| matches!(*w, "money" | "aid" | "assistance" | "funding" | "funds" | "loans" | "grants"));
    noun && wi >= 1
        && ws[wi - 1] == "in"
        && view.mentions.iter().any(|m| m.kind == MentionKind::Money && words.index_at(m.bytes.1) == wi - 1)
}
