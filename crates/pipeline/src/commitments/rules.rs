//! The vetoes and filters of assembly: what makes a sentence with a figure no statement of a
//! new commitment (a call or condition, a request, a recap in a transcript, a joint figure, another
//! party's welcomed pledge, a deal between companies, a negation, background, a figure recalled,
//! legislated, discussed or vague, goods traded…). Running totals are in `totals`, figures in
//! transcripts in `transcript`; `table` names
//! every rule of assembly with a stable id and traces it.

mod table;
mod totals;
mod transcript;

pub use table::*;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::actors::{Actor, ActorRef};
use crate::mentions::{ItemClass, Mention, MentionKind, MentionValue};

use super::View;
use super::cue_data::{self, ANNUAL_ENVELOPE, TOTALS};
use super::cues::{self, Low, Words, is_call_or_hope, is_other_money};
use super::roles;
use super::view::clause_start;

/// "House fails to pass standalone $17.6 billion Israel aid bill", "Senate passes $95 billion aid
/// package": a legislature voting on a bill. An executive's own announcement in such a document
/// is still one ("… on Senate Passage of Ukraine Supplemental": the new package, without a figure).
pub(super) fn is_legislative_title(title: &str) -> bool {
    let words = Words::new(title, 0, title.len());
    let chamber = words.words.iter().any(|(w, _, _)| cue_data::LEGISLATURE_WORDS.has(w));
    let vote = words.words.iter().any(|(w, _, _)| cue_data::LEGISLATIVE_VOTE_WORDS.has(w));
    chamber && vote
}

/// [other-money-trade-deal] "Signed historic energy export deals, including a $100 billion deal with
/// South Korea and a $200 billion deal with Japanese energy company JERA": a figure that sizes a deal,
/// in a sentence that names its deals as trade and says nothing of aid, is commerce (eval/labels
/// wh2426-final-j, the "365 wins" page). `after` is the first word after the figure.
fn trade_deal(words: &Words, after: usize) -> bool {
    let ws = &words.words;
    let deal = |w: &str| matches!(w, "deal" | "deals" | "agreement" | "agreements");
    ws.get(after).is_some_and(|w| deal(&w.0))
        && ws.windows(2).any(|p| cue_data::TRADE_DEAL_WORDS.has(&p[0].0) && deal(&p[1].0))
        && !ws.iter().any(|(w, _, _)| cues::is_aid_word(w) && !cue_data::TRADE_DEAL_WORDS.has(w))
}

/// [call-legislature-weighs] "Congress debates providing $24bn in aid", "U.S. lawmakers unveiled a
/// spending bill that carries an additional $44.9 billion in aid", "House Republicans plan to give
/// Israel $14.3bn": money a legislature debates, drafts or plans is not enacted, so no commitment
/// (eval/LABELLING.md; eval/labels summaries-final-j, the Zelensky visit summary). A verb of
/// weighing within three words after the legislature, in its clause, before the figure; "the White
/// House" is no legislature, and "The Department of State, working with Congress, plans to provide"
/// is the Department's plan.
fn legislature_weighs(words: &Words, figure_word: usize) -> bool {
    let ws = &words.words[..figure_word.min(words.words.len())];
    ws.iter().enumerate().any(|(k, (w, _, _))| {
        cue_data::LEGISLATURE_WORDS.has(w)
            && !(w == "house" && k > 0 && ws[k - 1].0 == "white")
            && ws[k + 1..ws.len().min(k + 4)].iter().any(|(v, s, _)| {
                cue_data::DELIBERATION_VERBS.has(v) && !words.text[ws[k].2..*s].contains([',', ';', ':'])
            })
    })
}

/// "The cabinet has set aside €3.5 billion for military support to Ukraine in 2025": a year's
/// envelope of a government's own budget, a total, not a new commitment (examples/documents
/// feed-002; the supplementary estimate of eval/labels/cabinet-a).
pub(super) fn annual_envelope(words: &Words) -> bool {
    let (verbs, periods) = &*ANNUAL_ENVELOPE;
    if !verbs.iter().any(|v| words.phrase(v).is_some()) {
        return false;
    }
    let year = words.words.windows(2).any(|w| {
        matches!(w[0].0.as_str(), "in" | "for") && w[1].0.len() == 4 && w[1].0.bytes().all(|b| b.is_ascii_digit())
    });
    year || periods.iter().any(|p| words.phrase(p).is_some())
}

/// "33 million tons of food exports": goods traded, not given.
pub(super) fn is_trade(m: &Mention) -> bool {
    m.item.as_deref().is_some_and(|i| {
        let i = i.to_ascii_lowercase();
        ["export", "import", "trade"].iter().any(|w| i.contains(w))
    })
}

/// "an empty ship", "intercepted hundreds of rockets": one item counted by an article, or a
/// vague count, is given only when a giving verb governs it closely ("will send a Sea King
/// helicopter", "will send hundreds of drones").
pub(super) fn loose_single(words: &Words, m: &Mention) -> bool {
    let lower = m.text.to_ascii_lowercase();
    let vague = ["hundreds of ", "thousands of ", "dozens of ", "tens of "].iter().any(|p| lower.starts_with(p));
    if !(lower.starts_with("a ") || lower.starts_with("an ") || lower.starts_with("another ") || vague) {
        return false;
    }
    let wi = words.index_at(m.bytes.0);
    // "will provide dozens of drones and hundreds of rockets": a later member of a list shares
    // the verb of the first.
    let listed = wi > 0
        && (words.words[wi - 1].0 == "and"
            || words.text.get(words.words[wi - 1].2..m.bytes.0).is_some_and(|t| t.contains(',')));
    let reach = if listed { 12 } else { 4 };
    !words.words[wi.saturating_sub(reach)..wi].iter().any(|(w, _, _)| cues::is_trigger(w))
}

/// "All one million vaccine doses are currently available for allocation", "shot down all 10
/// missiles": a count after "all" is the whole of a count told before, or of another's, never a
/// new gift (eval/labels wh2426-final-d, the Angola trip fact sheet).
pub(super) fn all_of_a_count(words: &Words, m: &Mention) -> bool {
    let wi = words.index_at(m.bytes.0);
    wi > 0 && words.words[wi - 1].0 == "all"
}

/// "has delivered more than 190 million doses", "to date we have pledged 1.2
/// billion doses": a perfect tense just before a count, or a running total, tells
/// what was given, not what is given now.
pub(super) fn recalled(words: &Words, wi: usize) -> bool {
    // The perfect may stand further back when the count is a part of a recalled one
    // ("to have delivered over 670 million doses, including 265 million…"), but not
    // across a "will" that starts a new act.
    let head = &words.words[..wi.min(words.words.len())];
    let from = head.iter().rposition(|(w, _, _)| w == "will").map_or(0, |k| k + 1);
    let before = &head[from..];
    let running_total = TOTALS.counts.iter().any(|p| words.phrase(p).is_some());
    // "200 trucks loaded with aid have entered Gaza": goods counted as they arrive, not pledged.
    let tail = &words.words[wi.min(words.words.len())..(wi + 12).min(words.words.len())];
    let arrived = tail.windows(2).any(|w| {
        matches!(w[0].0.as_str(), "has" | "have" | "had")
            && matches!(w[1].0.as_str(), "entered" | "crossed" | "arrived" | "reached")
    });
    (running_total || arrived || perfect_of_giving(before)) && !words.has("today")
}

/// "has delivered", "have provided": a perfect of giving among `words`, which tells what was
/// given rather than what is given now.
pub(super) fn perfect_of_giving(words: &[(Low, usize, usize)]) -> bool {
    words
        .windows(2)
        .any(|w| matches!(w[0].0.as_str(), "has" | "have" | "had") && cue_data::RECALLED_PERFECT_VERBS.has(&w[1].0))
}

/// "billions of dollars", "hundreds of millions of euros": a size without a figure is
/// rhetoric or a total, never the amount of a commitment a tracker could record.
pub(super) fn vague(money: &str) -> bool {
    !money.contains(|c: char| c.is_ascii_digit())
        && money.split_whitespace().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "billions" | "millions" | "trillions" | "hundreds" | "tens" | "thousands"
            )
        })
}

impl View<'_> {
    /// A count that names no goods: "zero emissions vehicles", "another round of assistance",
    /// "a world without nuclear weapons".
    pub(super) fn not_goods(&self, m: &Mention) -> bool {
        let zero = matches!(&m.value, MentionValue::Number(v) if v.is_zero());
        let without = m.text.contains(" without ");
        let round_of = m.item.as_deref().is_some_and(|i| i.eq_ignore_ascii_case("round"))
            && self.text[m.bytes.1..].starts_with(" of ");
        zero || without || round_of || self.used_in_attack(m)
    }

    /// "Houthi rebels fired two ballistic missiles at shipping lanes", "struck it with two
    /// missiles": weapons an attack uses are not given (eval/labels summaries-b, the Red Sea
    /// article). A verb of attack among the four words before the count, with "with" just before
    /// it or a direction ("at", "into", "against") just after the weapons; or weapons shot down.
    fn used_in_attack(&self, m: &Mention) -> bool {
        let start = self.sentence.start.min(m.bytes.0);
        let before: Vec<String> =
            self.text[start..m.bytes.0].split_whitespace().rev().take(4).map(|w| w.to_lowercase()).collect();
        let attack = before.iter().any(|w| cue_data::ATTACK_VERBS.has(w.trim_matches(|c: char| !c.is_alphabetic())));
        let with = before.first().is_some_and(|w| w == "with");
        let direction = |w: &str| matches!(w, "at" | "into" | "on" | "against" | "toward" | "towards" | "over");
        let mut after = self.text[m.bytes.1..].split_whitespace().map(str::to_lowercase);
        let first = after.next();
        let aimed = first.as_deref().is_some_and(direction);
        // "2 Ballistic Missiles Fired Toward US Destroyer": the attack's verb after the weapons,
        // maybe after an auxiliary ("300 missiles and drones getting launched from Iran into
        // Israel": White House 2024-26, unlabelled).
        let next: Vec<String> =
            std::iter::once(first.clone().unwrap_or_default()).chain(after.by_ref().take(4)).collect();
        let mut k = if matches!(next[0].as_str(), "and" | "or") { 2 } else { 0 };
        if next.get(k).is_some_and(|w| matches!(w.as_str(), "being" | "getting" | "were" | "was" | "been")) {
            k += 1;
        }
        let fired_after = next.get(k).is_some_and(|w| cue_data::ATTACK_VERBS.has(w))
            && next.get(k + 1).is_some_and(|w| direction(w) || w == "from");
        // "The USS Carney intercepted 15 drones and four cruise missiles launched from Yemen":
        // weapons shot down (sample of summaries, unlabelled).
        let stopped =
            before.iter().any(|w| cue_data::INTERCEPT_VERBS.has(w.trim_matches(|c: char| !c.is_alphabetic())));
        // "North Korea launches two missiles in protest …": missiles or drones right after a verb of
        // attack are fired, whatever follows (sample of summaries, unlabelled).
        let fired_now = before.first().is_some_and(|w| cue_data::ATTACK_VERBS.has(w))
            && matches!(m.class, Some(ItemClass::Missile | ItemClass::Drone | ItemClass::ArtilleryRound));
        attack && (with || aimed) || stopped || fired_after || fired_now
    }

    /// Own budgets, sanctions, frozen assets, holdings, damage: words next to the figure
    /// ("budget support" is support, not a budget; a "loan portfolio guaranty" is a guarantee).
    pub(super) fn is_other_money(&self, words: &Words, wi: usize, m: &Mention) -> bool {
        let lo = wi.saturating_sub(3);
        let end_wi = words.index_at(m.bytes.1);
        let hi = (end_wi + 4).min(words.words.len());
        let ws = &words.words;
        // "The remaining $2 million will support people in Lebanon": the rest of a split, not spare authority.
        let rest_of_split = |k: usize| ws[k].0 == "remaining" && k + 1 == wi && k == 1 && ws[0].0 == "the";
        let next_is = |k: usize, f: fn(&str) -> bool| ws.get(k + 1).is_some_and(|n| f(&n.0));
        let names_support = |k: usize| match ws[k].0.as_str() {
            "budget" => next_is(k, |n| n == "support"),
            "portfolio" => next_is(k, |n| n.starts_with("guarant")),
            _ => false,
        };
        // "$27.7 million for the Colombia Invest for Climate activity": a capital mid-sentence (not
        // in a Title Case headline) makes the word part of a programme's name (eval/labels
        // wh2426-final-f, the COP29 climate fact sheet).
        let in_a_name = |k: usize| k > 0 && !self.headline && words.capitalised(k);
        // "USD 355,575 (inclusive of all taxes)": what the sum includes, not what it is (eval/labels
        // cabinet-final-j, the Ship in the Box decision).
        let inclusive_of = |k: usize| {
            ws[k.saturating_sub(3)..k]
                .iter()
                .any(|(w, _, _)| matches!(w.as_str(), "inclusive" | "including" | "excluding" | "exclusive"))
        };
        // [other-money-not-past-purpose] "a loan guarantee of up to $1 billion to bolster Ukraine's
        // economy": a purpose after the figure ("to" and a verb) says what the money is for, not what
        // it is (eval/labels wh2123-final-m, the Psaki briefing).
        let infinitive = |k: usize| {
            ws[k].0 == "to"
                && ws.get(k + 1).is_some_and(|(n, s, _)| {
                    n.bytes().all(|b| b.is_ascii_lowercase())
                        && self.text[*s..].starts_with(|c: char| c.is_lowercase())
                        && !matches!(
                            n.as_str(),
                            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "these"
                        )
                })
        };
        // The verb itself still counts: "a $900 million fund to invest in clean technologies".
        let purpose = (end_wi..hi).find(|&k| infinitive(k));
        let purpose_hi = purpose.map_or(hi, |k| (k + 2).min(hi));
        // [other-money-invest-abroad] "Canada will invest an additional 100 million dollars to
        // provide better police support to the National Police Force in Haiti": a country that
        // invests with a purpose ("to" and a verb) in another country named after it gives that
        // money; a government investing at home or in a firm names no second country (eval/labels
        // wh2123-final-o, the Biden–Trudeau press conference: read after its first look).
        let invests_abroad = |k: usize| {
            let countries = || self.actors.iter().filter_map(|a| Some((a.named_country()?, a.bytes.0)));
            matches!(ws[k].0.as_str(), "invest" | "invests" | "investing")
                && k < wi
                && purpose.is_some_and(|p| {
                    countries().any(|(giver, at)| {
                        at < ws[k].1 && countries().any(|(other, there)| there > ws[p].2 && other != giver)
                    })
                })
        };
        (lo..wi).chain(end_wi..purpose_hi).any(|k| {
            is_other_money(&ws[k].0)
                && !rest_of_split(k)
                && !names_support(k)
                && !in_a_name(k)
                && !inclusive_of(k)
                && !invests_abroad(k)
        })
            // Private money leveraged or mobilised is not the donor's.
            || (lo..(end_wi + 4).min(ws.len())).any(|k| cue_data::LEVERAGED_MONEY_STEMS.has(&ws[k].0) || ws[k].0.contains("private"))
            // "aimed at mobilizing capital to … develop a USD 10 billion portfolio": an aim.
            || self.leveraged_aim(words, wi)
            // "to spend $1 billion on replacing pipelines": own spending.
            || ws[lo..wi].iter().any(|(w, _, _)| matches!(w.as_str(), "spend" | "spends" | "spending"))
            // "an innovative $2 billion multi-donor trust fund": the size of a pooled fund.
            || (end_wi..hi).any(|k| ws[k].0 == "multi-donor")
            // "toward a $650 billion allocation": an aim.
            || ws[lo..wi].iter().rev().find(|(w, _, _)| !matches!(w.as_str(), "a" | "an" | "the")).is_some_and(|(w, _, _)| w.starts_with("toward"))
            // [other-money-studied-project] "funded a feasibility study for the $330 million USD project":
            // the figure sizes the project studied, not the money given (sample, the I2U2 statement).
            || (ws[lo..wi].iter().any(|(w, _, _)| matches!(w.as_str(), "study" | "studies" | "assessment"))
                && ws[end_wi..hi].iter().take(2).any(|(w, _, _)| matches!(w.as_str(), "project" | "projects")))
            // [other-money-sized-debt] "to restructure $4.2 billion of debt", "more than $800 million
            // in debt relief": a figure that sizes a debt, or debt forgiven, is no money given or lent
            // (sample of long-form news, unlabelled; eval/labels wh2426 development, the national
            // monuments fact sheet); "a debt-for-nature swap of $34 million" still is a deal.
            || ws.get(end_wi).is_some_and(|w| matches!(w.0.as_str(), "of" | "in"))
                && ws[(end_wi + 1).min(ws.len())..(end_wi + 3).min(ws.len())]
                    .iter()
                    .any(|(w, _, _)| matches!(w.as_str(), "debt" | "debts"))
            // "This $33 billion request": asked of a legislature, not given.
            || (end_wi..(end_wi + 2).min(ws.len())).any(|k| matches!(ws[k].0.as_str(), "request" | "requests" | "ask"))
            || self.measured_quantity(words, wi)
            || self.unknown_cogiver(words, wi)
            || self.stated_need(words, wi)
            || trade_deal(words, end_wi)
            || self.financed_volume(words, wi)
    }

    /// [other-money-financed-volume] "a $51 million loan to Kenyan company M-KOPA to support the
    /// financing of up to $210 million of smartphone receivables": a later figure that "the
    /// financing of" names is the volume the first money helps finance, not money given (eval/labels
    /// wh2426-final-h, the Kenya fact sheet). "provide financing of $X" (no "the") stays a commitment.
    fn financed_volume(&self, words: &Words, wi: usize) -> bool {
        let ws = &words.words;
        let named = wi >= 3 && ws[wi - 3].0 == "the" && ws[wi - 2].0 == "financing" && ws[wi - 1].0 == "of";
        named && self.mentions.iter().any(|m| m.kind == MentionKind::Money && words.index_at(m.bytes.1) < wi - 3)
    }

    /// [other-money-unknown-cogiver] "…, with Qualcomm contributing an additional $9.4 million to
    /// the project": an absolute clause whose subject is a name no government or institution owns
    /// gives that name's money, not the sentence's giver's (eval/labels wh2426-final-i, the
    /// US–India technology fact sheet).
    fn unknown_cogiver(&self, words: &Words, wi: usize) -> bool {
        let ws = &words.words;
        let lo = wi.saturating_sub(7);
        let Some(with) = ws[lo..wi].iter().rposition(|(w, _, _)| w == "with").map(|k| k + lo) else { return false };
        let Some(verb) = (with + 2..wi).find(|&k| ws[k].0.ends_with("ing") && cues::is_trigger(&ws[k].0)) else {
            return false;
        };
        let named = (with + 1..verb).all(|k| words.capitalised(k));
        let known = self.actors.iter().any(|a| {
            // A firm named like a town ("Nokia") is still no government.
            !matches!(a.what, ActorRef::Company { .. } | ActorRef::Place { .. })
                && a.bytes.1 > ws[with].2
                && a.bytes.0 < ws[verb].1
        });
        // Only an article or "additional" between the verb and the figure, past a hedge:
        // "contributing an additional $9.4 million", "providing about $2 million".
        let close = word_before_figure(words, wi).is_some_and(|b| {
            b >= verb
                && ws[verb + 1..=b]
                    .iter()
                    .all(|(w, _, _)| matches!(w.as_str(), "a" | "an" | "additional" | "further" | "another"))
        });
        named && !known && close
    }

    /// "aimed at mobilizing blended capital to design and develop a USD 10 billion portfolio": a
    /// figure further on in a phrase that a verb of leveraging heads is what the money is to draw,
    /// unless a giving verb of its own stands between (eval/labels wh2426-final-f, read after its
    /// first look: the G7 Apulia communiqué).
    fn leveraged_aim(&self, words: &Words, wi: usize) -> bool {
        let ws = &words.words[wi.saturating_sub(10)..wi.min(words.words.len())];
        ws.iter()
            .rposition(|(w, _, _)| cue_data::LEVERAGED_MONEY_STEMS.has(w))
            .is_some_and(|k| !ws[k + 1..].iter().any(|(w, _, _)| cues::is_trigger(w)))
    }

    /// [other-money-subject] "The U.S. goods trade deficit with Switzerland was $38.5 billion in
    /// 2024": a figure that a copula gives as the measure of a subject named by a word of other
    /// money (a deficit, trade, revenue) states that quantity, however far the word stands from the
    /// figure (eval/labels wh2426-final-e, read after its first look: the Swiss trade fact sheet).
    fn measured_quantity(&self, words: &Words, wi: usize) -> bool {
        let ws = &words.words;
        let Some(copula) = word_before_figure(words, wi) else { return false };
        let is_copula =
            matches!(ws[copula].0.as_str(), "was" | "were" | "is" | "are" | "stood" | "totaled" | "totalled")
                || (copula > 0 && ws[copula].0 == "at" && matches!(ws[copula - 1].0.as_str(), "stood" | "stands"));
        let start = clause_start(words);
        is_copula && copula > start && ws[start..copula].iter().any(|(w, _, _)| is_other_money(w))
    }

    /// [other-money-need] "The United Nations has said it needs $2.7 billion this year … and a
    /// further $1.4 billion for neighbouring countries": a need stated before the figure, with no
    /// giving verb between, is asked for, not given (eval/statements, the Sudan conference wire).
    fn stated_need(&self, words: &Words, wi: usize) -> bool {
        let ws = &words.words;
        let need = |w: &str| matches!(w, "needs" | "need" | "needed" | "requires" | "require" | "required");
        let needed = |k: usize| word_before_figure(words, k).is_some_and(|b| need(&ws[b].0));
        // "… and a further $1.4 billion": a figure added to a needed one is needed too.
        let added =
            wi >= 2 && matches!((ws[wi - 2].0.as_str(), ws[wi - 1].0.as_str()), ("a", "further") | (_, "another"));
        needed(wi)
            || added
                && self.mentions.iter().any(|m| {
                    m.kind == MentionKind::Money && words.index_at(m.bytes.0) < wi && needed(words.index_at(m.bytes.0))
                })
    }

    /// Calls, hopes, questions, conditions and requests to a legislature before the figure.
    pub(super) fn is_call_or_condition(&self, words: &Words, figure_word: usize) -> bool {
        let head = &words.words[..figure_word.min(words.words.len())];
        // [call-other-clause] "membership talks could begin this year as EU ministers promise a €5bn
        // package": a hope or modal before a conjunction that opens a clause of its own (a subject,
        // then a giving verb before the figure) is about the other clause (eval/labels
        // summaries-final-l, the Guardian live page).
        let last_trigger = head.iter().rposition(|(w, _, _)| cues::is_trigger(w)).unwrap_or(0);
        let own_clause = head[..last_trigger]
            .iter()
            .enumerate()
            .rposition(|(j, (w, _, _))| {
                matches!(w.as_str(), "as" | "while" | "whereas" | "but") && !cues::is_trigger(&head[j + 1].0)
            })
            .map_or(0, |j| j + 1);
        if head[..own_clause].iter().any(|(w, _, _)| is_call_or_hope(w) || w == "would") {
            trace(&self.text[self.sentence.start..self.sentence.end], &CALL_OTHER_CLAUSE);
        }
        // "France would give 110 million euros, Macron told the conference": reported speech, before or after.
        let reported = words.words.iter().any(|(w, _, _)| cue_data::REPORTED_SPEECH_VERBS.has(w));
        let will_seek = |k: usize| k > 0 && head[k - 1].0 == "will" && head[k].0 == "seek";
        // "working toward a $650 billion allocation": an aim, not an act.
        let working_toward = |k: usize| {
            k > 0 && matches!(head[k - 1].0.as_str(), "work" | "working" | "works") && head[k].0.starts_with("toward")
        };
        // [call-capacity-limit] "has capacity to support up to £8 billion", "a capacity of £3.5
        // billion" are limits; "police capacity building" names a kind of aid and "in his capacity
        // as the Minister" a role (eval/labels wh2426-final-h, the Kenya fact sheet; cabinet-final-h,
        // the ADB loan decision).
        let capacity_compound = |k: usize| {
            head[k].0 == "capacity" && words.words.get(k + 1).is_none_or(|n| !matches!(n.0.as_str(), "to" | "of"))
        };
        // [call-proposal-approved] "The proposal made by the Minister … to enter into a loan agreement …
        // was approved by the Cabinet": a proposal the sentence says was approved is a decision
        // (eval/labels cabinet-final-h, the ADB policy loan). So is one a later sentence says the
        // Cabinet approved ("A proposal has been made to enter into an agreement for securing a grant
        // … Accordingly, the proposal … was approved by the Cabinet": eval/labels cabinet-final-i,
        // the USAID programme decision).
        let approved_later = || self.text[self.sentence.end..].contains("approved by the Cabinet");
        let approved_proposal = |k: usize| {
            matches!(head[k].0.as_str(), "proposal" | "proposals")
                && (["was approved", "were approved", "been approved"].iter().any(|p| words.phrase(p).is_some())
                    || approved_later())
        };
        // [call-move-forward] "the United States will move forward with a new $2 billion … loan": to
        // move forward with something is to proceed, not to look forward to it (eval/labels
        // wh2426-final-h, the Poland readout).
        let proceeds = |k: usize| {
            head[k].0 == "forward"
                && k > 0
                && matches!(head[k - 1].0.as_str(), "move" | "moves" | "moving" | "moved" | "go" | "goes" | "going")
                && head.get(k + 1).is_some_and(|n| n.0 == "with")
        };
        // [call-named] "a new project called 'Enhancing SME Finance'", "a programme called Safe
        // Homes": "called" before a name names, it does not call (eval/labels cabinet-final-i, the
        // SME finance decision).
        let names = |k: usize| {
            head[k].0 == "called"
                && words.words.get(k + 1).is_some_and(|n| {
                    let between = &self.text[head[k].2..n.1];
                    between.contains(['\'', '‘', '"', '“']) || self.text[n.1..].starts_with(char::is_uppercase)
                })
        };
        head.iter().enumerate().skip(own_clause).any(|(k, (w, _, _))| {
            (is_call_or_hope(w)
                && !will_seek(k)
                && !capacity_compound(k)
                && !approved_proposal(k)
                && !proceeds(k)
                && !names(k))
                || (w == "would" && !reported)
                || working_toward(k)
        })
            // A condition anywhere: "doses that could be released if the FDA agrees".
            || words.words.iter().any(|(w, _, _)| matches!(w.as_str(), "if" | "unless" | "requested" | "requesting"))
            // "subject to the approval of the Government of Japan", "subject to adoption by Parliament".
            // Not "subject to Congressional notification": telling Congress is a formality after the
            // decision, not a decision still to come (eval/labels wh2426-c, the Amazon Fund pledge).
            || words.phrase("subject to").is_some_and(|k| !notification_follows(words, k + 2))
            || self.is_request(words)
            || legislature_weighs(words, figure_word)
    }

    /// A document or paragraph that asks a legislature for money ("White House Calls
    /// on Congress to Provide…", "the supplemental request includes…"): what it lists
    /// is not committed yet.
    fn is_request(&self, words: &Words) -> bool {
        let asks = |s: &str| {
            let l = s.to_lowercase();
            cue_data::REQUEST_PHRASES.iter().any(|p| l.contains(p))
        };
        // A page about a budget ("… in the FY 2023 President's Budget") lists what is asked for.
        let budget_page = |t: &str| {
            let l = t.to_lowercase();
            l.split(|c: char| !c.is_alphanumeric()).any(|w| w == "budget") && !l.contains("budget support")
        };
        // [call-title-asks-not-announced] A sentence that tells an announcement made ("after the US
        // government announced $250m of new weapons for Ukraine") is an act, whatever the title
        // asks of a legislature (eval/labels summaries-final-i, the Guardian live page).
        // [call-money-request] "Biden’s $100B Request That Includes Aid For Gaza": a request sized
        // in money asks a legislature too; and a package announced after the paragraph has named
        // "his request for $105 billion" is that request (eval/labels summaries-final-p, the
        // Cotton summary: read after its first look).
        let paragraph =
            self.doc.segment_at(self.sentence.start).map_or(self.sentence.start, |k| self.doc.segments[k].bytes.0);
        let announced = || {
            words.has("announced")
                && !words.words.iter().any(|(w, _, _)| w.starts_with("request") || w.starts_with("ask"))
                && !sized_request(&self.text[paragraph.min(self.sentence.start)..self.sentence.start])
        };
        self.doc.title.as_deref().is_some_and(|t| ((asks(t) || sized_request(t)) && !announced()) || budget_page(t))
            || asks(&self.text[self.sentence.start..self.sentence.end])
    }

    /// "The Senate approved the package … It includes about $60 billion for Ukraine": the parts of a
    /// bill or motion that the paragraph has just named are the legislature's, not a giver's act.
    pub(super) fn bill_part(&self, words: &Words) -> bool {
        // "It also contains …": an adverb does not change the subject.
        // Nor does an opening connective ("In addition, the package includes …": sample of summaries,
        // unlabelled).
        let opening = match words.words.first().map(|w| w.0.as_str()) {
            Some("in") if words.words.get(1).is_some_and(|w| w.0 == "addition") => 2,
            Some("additionally" | "moreover" | "furthermore" | "meanwhile") => 1,
            _ => 0,
        };
        let ws: Vec<&str> =
            words.words.iter().skip(opening).map(|(w, _, _)| w.as_str()).filter(|w| *w != "also").take(12).collect();
        let includes = |w: &&str| matches!(*w, "includes" | "include" | "contains" | "would" | "provides");
        // "The bill, approved 70-29 after a rare overnight session, includes …": an aside may stand between.
        let opens = match ws.as_slice() {
            ["it" | "this", verb, ..] => includes(verb),
            ["the", "package" | "bill" | "measure" | "legislation" | "law" | "proposal" | "motion", rest @ ..] => {
                rest.iter().any(includes)
            }
            _ => false,
        };
        // This paragraph up to the sentence; the one before it only when the sentence opens its
        // own ("It" points back to the nearest sentences: a request to Congress a paragraph before
        // a plan's sentences is not what "This includes" means; eval/labels wh2426-final-i, the G20
        // fact sheet).
        let here = self.doc.segment_at(self.sentence.start);
        let paragraph_start = here.map_or(self.sentence.start, |k| {
            let own = self.doc.segments[k].bytes.0;
            if self.text[own..self.sentence.start].trim().is_empty() {
                self.doc.segments[k.saturating_sub(1)].bytes.0
            } else {
                own
            }
        });
        let before = &self.text[paragraph_start..self.sentence.start];
        // Whole words: "bilateral" and "billion" name no bill.
        opens && before.split(|c: char| !c.is_alphanumeric()).any(|w| cue_data::BILL_CONTEXT_WORDS.contains(&w))
    }

    /// "will not provide", "refused to send", "halted the delivery" ("not to exceed" is a ceiling),
    /// "is pausing $15 million", "will redirect $40 million of assistance away from the government".
    /// [negation-not-past-despite] "has not been able to rebound as the WHO's top donor, despite the
    /// country's new pledge of $140 million": a figure (`figure`, its word) in a "despite" phrase
    /// after the negation stands outside what is denied (eval/labels summaries-final-m, the WHO
    /// donor item).
    pub(super) fn is_negated(&self, words: &Words, figure: Option<usize>) -> bool {
        let ws = &words.words;
        let moved_away = words.phrase("away from").is_some()
            && ws.iter().any(|(w, _, _)| ["redirect", "divert", "reprogram", "shift"].iter().any(|p| w.starts_with(p)));
        if moved_away {
            return true;
        }
        ws.iter().enumerate().any(|(k, (w, _, _))| {
            if w == "not"
                && ws.get(k + 1).is_some_and(|n| n.0 == "to")
                && ws.get(k + 2).is_some_and(|n| n.0 == "exceed")
            {
                return false;
            }
            cue_data::NEGATION_WORDS.has(w)
                && !figure
                    .is_some_and(|f| ws.get(k + 1..f).is_some_and(|between| between.iter().any(|b| b.0 == "despite")))
        })
    }

    /// A commitment told as background: a date in the sentence well before the document's.
    /// Whether the sentence is background: a date more than 60 days before publication.
    pub(super) fn is_background(&self, words: &Words) -> bool {
        let Some(published) = self.doc.published else { return false };
        // What is still to come is never background: "will", "to be", and an intent stated in the
        // present ("USAID intends to provide", eval/labels wh2426-c: the women, peace and security sheet).
        let intends =
            words.words.windows(2).any(|p| matches!(p[0].0.as_str(), "intends" | "intend" | "plans") && p[1].0 == "to");
        if words.has("today") || words.has("new") || words.has("will") || words.has("to") && words.has("be") || intends
        {
            return false;
        }
        let limit = published.checked_sub(60.days()).unwrap_or(published);
        let names_a_law = |m: &Mention| {
            let before = self.text[self.sentence.start..m.bytes.0].trim_end();
            before.ends_with(" of")
                && before[..before.len() - 3].rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_uppercase))
        };
        // "in addition to its previous contribution in 2022": the date is the earlier act's;
        // "the hostilities of last year": a date that dates a noun, not the act.
        let earlier_act = |m: &Mention| {
            let k = words.index_at(m.bytes.0);
            if k > 0 && words.words[k - 1].0 == "of" {
                return true;
            }
            // "$1.5 million in FY2023 funds": the year names the money's budget, not the act's date.
            let after = words.index_at(m.bytes.1);
            if words
                .words
                .get(after)
                .is_some_and(|(w, _, _)| matches!(w.as_str(), "funds" | "funding" | "appropriations"))
            {
                return true;
            }
            words.words[k.saturating_sub(4)..k]
                .iter()
                .any(|(w, _, _)| matches!(w.as_str(), "previous" | "prior" | "earlier"))
        };
        self.mentions.iter().filter(|m| m.kind == MentionKind::Date && !names_a_law(m) && !earlier_act(m)).any(|m| {
            match &m.value {
                MentionValue::Date(v) => {
                    let end = v.split('/').nth(1).unwrap_or(v.split('T').next().unwrap_or(v));
                    // "In 2024, Canada committed …" told in 2025: a period wholly past that began long ago.
                    let start = v.split('/').next().unwrap_or(v).split('T').next().unwrap_or(v);
                    let end = end.parse::<Date>().ok();
                    end.is_some_and(|d| d <= limit)
                        || (end.is_some_and(|d| d < published) && start.parse::<Date>().is_ok_and(|d| d <= limit))
                }
                _ => false,
            }
        })
    }

    /// "welcomed the decision by the Arab Coordination Group to provide $10 billion",
    /// "praised Acme Foundation's pledge of $5 million": the act welcomed is another
    /// party's, and that party is no government or institution the lexicon knows, so the
    /// one who welcomes it must not become its giver.
    pub(super) fn welcomed_unknown_giver(&self, words: &Words, figure_word: usize) -> bool {
        let ws = &words.words;
        let head = &ws[..figure_word.min(ws.len())];
        let Some(verb) = head.iter().rposition(|(w, _, _)| cues::is_conversation(w)) else { return false };
        let known = |from: usize, to: usize| {
            self.actors
                .iter()
                .any(|a| !matches!(a.what, ActorRef::Company { .. }) && a.bytes.1 > from && a.bytes.0 < to)
        };
        (verb + 1..head.len()).any(|k| {
            if !roles::is_pledge_noun(&head[k].0) {
                return false;
            }
            // "the decision by the Arab Coordination Group", "the pledge of Acme Foundation"
            let by = ws.get(k + 1).is_some_and(|w| matches!(w.0.as_str(), "by" | "of"));
            let name_at = if ws.get(k + 2).is_some_and(|w| w.0 == "the") { k + 3 } else { k + 2 };
            let named_by =
                by && words.capitalised(name_at) && !known(ws[k + 1].2, ws[(name_at + 4).min(ws.len() - 1)].2);
            // "Acme Foundation's pledge"
            let owner = (k > verb + 1 && k >= 2).then(|| &ws[k - 1]).filter(|w| {
                (self.text[..w.2].ends_with("'s") || self.text[..w.2].ends_with("’s"))
                    && self.text[w.1..].starts_with(char::is_uppercase)
            });
            let named_owner = owner.is_some_and(|w| !known(ws[(k - 4).max(verb + 1)].1, w.2));
            named_by || named_owner
        })
    }

    /// "Boeing and Qatar Airways announced a $20 billion deal": a company before the
    /// verb or a deal "between" companies, with no government party acting.
    pub(super) fn is_company_deal(&self, words: &Words, trigger: usize) -> bool {
        let company_before = self
            .actors
            .iter()
            .any(|a| matches!(a.what, ActorRef::Company { .. }) && words.index_at(a.bytes.0) < trigger);
        // "U.S. firm NuScale", "telecommunications company SubCom": a country that only
        // says where a firm is from acts for no government.
        let firm_after = |a: &Actor| {
            let k = words.index_at(a.bytes.1);
            words.words[k..(k + 3).min(words.words.len())].iter().any(|(w, _, _)| is_firm_word(w))
        };
        let government_subject = self.actors.iter().any(|a| {
            matches!(
                a.what,
                ActorRef::Country { via: crate::actors::Via::Name, .. }
                    | ActorRef::Person { .. }
                    | ActorRef::Institution { .. }
            ) && words.index_at(a.bytes.0) < trigger
                && !firm_after(a)
        });
        let firm_before = words.words[..trigger].iter().any(|(w, _, _)| is_firm_word(w));
        let between_companies = words.phrase("deal between").is_some()
            && self.actors.iter().any(|a| matches!(a.what, ActorRef::Company { .. }));
        ((company_before || firm_before) && !government_subject) || between_companies
    }

    /// "Together, the United States and Australia are delivering $115 million": one figure of
    /// several givers, whose shares the sentence does not tell.
    /// Not "spoke together with their counterparts": the givers stand side by side ("X and Y").
    pub(super) fn is_joint(&self, words: &Words, trigger: usize) -> bool {
        let head = &words.words[..trigger];
        let together = head.iter().enumerate().any(|(k, (w, _, _))| {
            matches!(w.as_str(), "together" | "jointly") && head.get(k + 1).is_none_or(|n| n.0 != "with")
        });
        let givers: Vec<&Actor> = self
            .actors
            .iter()
            .filter(|a| words.index_at(a.bytes.0) < trigger && matches!(a.what, ActorRef::Country { .. }))
            .collect();
        let side_by_side = givers.windows(2).any(|p| {
            let gap = self.text.get(p[0].bytes.1..p[1].bytes.0).unwrap_or("x").trim();
            // The pair is the trigger's subject: "the United States and Australia are delivering".
            p[0].party() != p[1].party()
                && matches!(gap, "and" | "and the" | ", and" | ", and the")
                && trigger - words.index_at(p[1].bytes.1).min(trigger) <= 3
        });
        // "The United States, subject to Congressional notification, and Japan, with support from
        // Japanese industry, intend to provide at least $8 million": each giver may carry an aside
        // between commas; the pair is still the verb's one subject (eval/labels wh2426-final-e, the
        // Philippines fact sheet).
        let with_asides = givers.windows(2).any(|p| {
            let verb_at = words.words.get(trigger).map_or(self.text.len(), |w| w.1);
            let (Some(gap), Some(tail)) =
                (self.text.get(p[0].bytes.1..p[1].bytes.0), self.text.get(p[1].bytes.1..verb_at))
            else {
                return false;
            };
            let (short_gap, short_tail) = (without_aside(gap), without_aside(tail));
            let aside = short_gap.len() < gap.len() || short_tail.len() < tail.len();
            let tail_words = short_tail.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
            aside
                && p[0].party() != p[1].party()
                && matches!(short_gap.trim(), ", and" | ", and the")
                && tail_words <= 2
        });
        // "European countries allocated around €72 billion": a group of givers right before the verb.
        let group_noun = |(w, _, e): &(Low, usize, usize)| {
            cue_data::GIVER_GROUP_NOUNS.has(w)
                // "the GCC countries' pledge" names its owner.
                && !self.text[*e..].starts_with(['\'', '’'])
        };
        // "Quad partners are working together to provide over $4 million": a group that acts
        // together is the subject however far its verb stands (eval/labels wh2426-final-e, the
        // Quad fact sheet).
        // [joint-member-states] "A group of European Union member states pledged": members, not their
        // union, give (eval/labels summaries-final-h, the EIB fund for Ukraine).
        let member_states =
            head[trigger.saturating_sub(3)..].windows(2).any(|p| p[0].0 == "member" && p[1].0 == "states");
        let group = trigger > 0 && head[trigger.saturating_sub(2)..].iter().any(group_noun)
            || together && head.iter().any(group_noun)
            || member_states;
        (together && side_by_side) || with_asides || group
    }

    /// "Root Capital has committed to lend…", "Heifer International committed…": a subject
    /// that no lexicon knows and that is no office of government is a private giver.
    pub(super) fn private_subject(&self, words: &Words, trigger: usize) -> bool {
        let ws = &words.words;
        // "Richard Engel has more details on the White House announcing $2 billion": a known party
        // right before the giving verb is its own subject (eval/labels summaries-b).
        let party_acts = self.actors.iter().any(|a| {
            !matches!(a.what, ActorRef::Company { .. } | ActorRef::Place { .. })
                && a.party().is_some()
                && words.index_at(a.bytes.1) <= trigger
                && trigger - words.index_at(a.bytes.1) <= 1
        });
        if party_acts {
            return false;
        }
        let start = clause_start(words);
        let mut k = start;
        while k < ws.len() && k - start < 5 && words.capitalised(k) {
            k += 1;
        }
        if k == start || k >= ws.len() {
            return false;
        }
        let official = ws[start..k].iter().any(|(w, _, _)| is_official_word(w));
        let known = self.actors.iter().any(|a| a.bytes.0 < ws[k - 1].2 && a.bytes.1 > ws[start].1);
        // "Shakhtar chief gives £20.5m …": the head of a body no lexicon knows (eval/labels
        // summaries-final-g, read after its first look).
        let head = usize::from(k + 1 < ws.len() && cue_data::PRIVATE_HEAD_NOUNS.has(&ws[k].0));
        let acts = cue_data::PRIVATE_SUBJECT_VERBS.has(&ws[k + head].0);
        !official && !known && acts
    }
}

/// [veto-support-for-an-idea] "announced its support for President Lula's bold vision of creating
/// the TFFF – a pathbreaking new $125 billion fund": support for an idea, a proposal or a bid is
/// political; a figure after it sizes the idea and is given by no one (eval/labels wh2426-c,
/// the Amazon fact sheet).
pub(super) fn supports_an_idea(words: &Words, figure_word: usize) -> bool {
    let head = &words.words[..figure_word.min(words.words.len())];
    head.windows(2).enumerate().any(|(k, w)| {
        w[0].0 == "support"
            && w[1].0 == "for"
            && head[k + 2..(k + 7).min(head.len())].iter().any(|(n, _, _)| cue_data::IDEA_NOUNS.has(n))
    })
}

/// "what our Congress has done … $13.6 billion", "Congress passed $40 billion": an
/// appropriation recounted, which funds later packages but gives nothing itself. Also in a
/// clause on the figure: "The US$ 61 billion Congress recently appropriated for Ukraine" (sample
/// of long-form news, unlabelled: the negotiations column).
pub(super) fn legislated(words: &Words, figure_word: usize) -> bool {
    let ws = &words.words;
    let head = &ws[..figure_word.min(ws.len())];
    let appropriates =
        |k: usize| ws[k + 1..(k + 4).min(ws.len())].iter().any(|(w, _, _)| cue_data::APPROPRIATION_VERBS.has(w));
    head.iter()
        .position(|(w, _, _)| w == "congress")
        .is_some_and(|k| head[k + 1..].iter().any(|(w, _, _)| cue_data::APPROPRIATION_VERBS.has(w)))
        || (figure_word..(figure_word + 6).min(ws.len())).any(|k| ws[k].0 == "congress" && appropriates(k))
}

/// "The leaders discussed the recent commitment to provide $28 million", "She
/// noted U.S. support … with $25 million": a readout that reports a conversation
/// about support names figures already given. It announces one only with an act
/// of now or later between the conversation verb and the figure ("welcomed the
/// signing of", "noted that the United States will provide").
pub(super) fn is_discussed(words: &Words, figure_word: usize) -> bool {
    let head = &words.words[..figure_word.min(words.words.len())];
    let Some(verb) = head.iter().rposition(|(w, _, _)| cues::is_conversation(w)) else { return false };
    let tail = &words.words[figure_word.min(words.words.len())..];
    !head[verb + 1..].iter().any(|(w, _, _)| cues::is_fresh_act(w))
        && !words.has("today")
        && !yet_to_come(tail.len(), |k| tail[k].0.as_str())
}

/// [earlier-yet-to-come] "the $65 million donation of nine Black Hawk helicopters to Peru that will
/// take place in the coming period": words after a figure that tell it is still to come, so it is
/// neither an earlier act nor a conversation about one (eval/labels wh2426-final-h, the Peru gaggle).
/// `n` words after the figure, the `k`th given by `word`.
pub(super) fn yet_to_come<'a>(n: usize, word: impl Fn(usize) -> &'a str + Copy) -> bool {
    cue_data::STILL_TO_COME.iter().any(|c| cues::phrase_in(n, word, c).is_some())
}

/// Whether `text` names a request sized in money ("$100B Request", "$95 billion aid request",
/// "request for $105 billion"), within one sentence: a budget request to a legislature.
fn sized_request(text: &str) -> bool {
    let lower = text.to_lowercase();
    let sized = |s: &str| s.contains('$') || s.contains("billion") || s.contains("million") || s.contains("bn");
    lower.match_indices("request").any(|(k, _)| {
        let rest = &lower[k + "request".len()..];
        if rest.starts_with(|c: char| c.is_alphabetic() && c != 's') {
            return false;
        }
        let from = lower[..k].char_indices().rev().nth(24).map_or(0, |(i, _)| i);
        let before = lower[from..k].rsplit(['.', '!', '?']).next().unwrap_or("");
        let rest = rest.trim_start_matches('s').trim_start();
        let after = rest.get(..rest.char_indices().nth(24).map_or(rest.len(), |(i, _)| i)).unwrap_or("");
        sized(before) && before.contains(|c: char| c.is_ascii_digit())
            || after.starts_with("for ") && sized(after) && after.contains(|c: char| c.is_ascii_digit())
    })
}

/// Capitalised words that open a sentence without naming a private body: offices,
/// pronouns and sentence openers ("The President", "Vice President Harris", "Today").
fn is_official_word(w: &str) -> bool {
    cue_data::OFFICIAL_OPENERS.has(w)
}

/// Words that name a private company ("U.S. firm", "LLC").
fn is_firm_word(w: &str) -> bool {
    cue_data::FIRM_WORDS.has(w)
}

/// Whether "notification" (or "Congressional notification") starts at word `k`.
fn notification_follows(words: &Words, k: usize) -> bool {
    let w = |i: usize| words.words.get(i).map(|(w, _, _)| w.as_str());
    w(k) == Some("notification")
        || (matches!(w(k), Some("congressional" | "the")) && w(k + 1) == Some("notification"))
        || (w(k) == Some("the") && w(k + 1) == Some("congressional") && w(k + 2) == Some("notification"))
}

/// The text with one aside between commas taken out of its start: ", subject to notification,
/// and" becomes ", and". Text that opens no aside comes back whole.
fn without_aside(text: &str) -> &str {
    let Some(rest) = text.trim_start().strip_prefix(',') else { return text };
    match rest.find(',') {
        Some(k) if rest[..k].split_whitespace().count() <= 8 && !rest[..k].contains(['.', ';']) => &rest[k..],
        _ => text,
    }
}

/// The word before the figure at word `wi`, past a hedge ("was about $5 billion", "needs more than
/// $2 billion").
fn word_before_figure(words: &Words, wi: usize) -> Option<usize> {
    let ws = &words.words;
    let hedge_words = cue_data::HEDGES
        .iter()
        .map(|h| (h, h.split(' ').count()))
        .find(|&(h, n)| n <= wi && h.split(' ').zip(&ws[wi - n..wi]).all(|(p, (w, _, _))| w == p))
        .map_or(0, |(_, n)| n);
    wi.checked_sub(1 + hedge_words)
}

#[cfg(test)]
mod tests {
    use super::sized_request;

    #[test]
    fn a_request_sized_in_money_is_found_within_its_sentence() {
        for (text, want) in [
            ("Senator Says Biden’s $90B Request Is Dead", true),
            ("the president's $95 billion aid request", true),
            ("his request for $105 billion in foreign aid", true),
            ("a request for more than 2 billion dollars", true),
            ("at the request of the government, $5 million was sent", false),
            ("Kenya received $5 million. At the request of its president, more will come", false),
            ("the requested $5 billion", false),
            ("a request for help", false),
        ] {
            assert_eq!(sized_request(text), want, "{text}");
        }
    }
}
