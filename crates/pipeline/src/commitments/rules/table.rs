//! The rule table: every rule of assembly that proposes a candidate or passes one over, with a
//! stable id (kebab-case, `propose-`, `continuation-`, `figure-`, `veto-`, `role-`, `merge-`, `final-`,
//! `constraint-`, `info-`) and
//! its reason in one line. A record names the rules that proposed it (`Commitment::rules`);
//! with `PLEDGEWATCH_TRACE` set, [`trace`] says on stderr which rule passed a sentence over.

use std::fmt;

/// One rule of assembly.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable, kebab-case: records and traces name the rule by it.
    pub id: &'static str,
    /// Why, in one line.
    pub reason: &'static str,
}

impl fmt::Display for Rule {
    /// `[rule-id] reason`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.id, self.reason)
    }
}

macro_rules! rules {
    ($($(#[$doc:meta])* $name:ident = $id:literal, $reason:literal;)*) => {
        $($(#[$doc])* pub const $name: Rule = Rule { id: $id, reason: $reason };)*
        /// Every rule, in the order assembly applies them.
        pub static RULES: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    // Proposing a candidate: what makes a sentence with a figure state a commitment.
    PROPOSE_TRIGGER = "propose-trigger",
        "a trigger word (pledge, supply, loan, deal, package…) in the sentence's own clause";
    PROPOSE_MADE_AVAILABLE = "propose-made-available", "\"make … available\": the giving verb";
    PROPOSE_PUBLIC_INVESTMENT = "propose-public-investment", "a public body investing: its act of giving";
    PROPOSE_NAMED_PROJECT = "propose-named-project", "a figure that sizes a named project or programme";
    PROPOSE_MONEY_FROM_GIVER = "propose-money-from-giver", "a figure that comes \"from\" a government or its agency";
    PROPOSE_LIST_ITEM = "propose-list-item", "a figure listed under a lead-in that ends with a colon";
    PROPOSE_PACKAGE_WITHOUT_FIGURE = "propose-package-without-figure", "a package announced now, without a figure";
    ITEMS_APART_BY_RECIPIENT = "items-apart-by-recipient", "items each sent to their own recipient are one commitment each";
    // A sentence that goes on about the commitment before: it joins that one.
    CONTINUATION_BREAKDOWN = "continuation-breakdown", "a breakdown of an earlier figure";
    CONTINUATION_DEAL_VALUE = "continuation-deal-value", "the value of the deal just told";
    CONTINUATION_ANSWER_FIGURE = "continuation-answer-figure", "an answer gives the figure a reporter asked for";
    CONTINUATION_REFERS_BACK = "continuation-refers-back",
        "items or a worth in a sentence that refers back to the commitment before";
    CONTINUATION_FURTHER_TRANCHE = "continuation-further-tranche",
        "\"… with up to £500m more\": a further tranche of the sentence's figure before it";
    /// A figure passed over before any sentence check (`View::new_money`).
    FIGURE_RUNNING_TOTAL = "figure-running-total",
        "a figure told as a sum so far, a source budget, a need or an earlier act, not a new commitment";
    FIGURE_OTHER_MONEY = "figure-other-money",
        "a figure of other money: a budget, sanctions, assets, trade, investment, damage, a price, a target";
    FIGURE_COMPARED = "figure-compared",
        "a figure after \"than\" that no qualifier took, or after a verb of comparison that follows another figure, is a yardstick of a comparison, not money given";
    FIGURE_SIZES_OWNED_THING = "figure-sizes-owned-thing",
        "a figure between a party's possessive and a noun of no aid or deal sizes a thing the party owns";
    FIGURE_PARTS_OF_WHOLE = "figure-parts-of-whole",
        "figures that split the sentence's figure before them, for the same recipient, are its parts";
    // Vetoes, in the order `View::candidates` checks them.
    VETO_REPORTER_QUESTION = "veto-reporter-question", "a reporter's question";
    VETO_SANCTIONS = "veto-sanctions", "sanctions";
    VETO_NO_TRIGGER = "veto-no-trigger", "no trigger word";
    VETO_CALL_OR_CONDITION = "veto-call-or-condition", "a call, hope or condition";
    CALL_OTHER_CLAUSE = "call-other-clause",
        "a hope or modal before a conjunction that opens the figure's own clause is about the other clause";
    VETO_APPROPRIATION = "veto-appropriation", "a law passed by Congress (an appropriation)";
    VETO_LEGISLATIVE_REPORT = "veto-legislative-report", "a figure of a bill, in a report on a legislature's vote";
    VETO_BILL_PART = "veto-bill-part", "a part of the bill the sentence before speaks of";
    VETO_NEGATED = "veto-negated", "negated";
    VETO_DOMESTIC_SPENDING = "veto-domestic-spending", "domestic spending";
    VETO_ANNUAL_ENVELOPE = "veto-annual-envelope", "a year's envelope set aside in a budget, a total";
    VETO_BACKGROUND = "veto-background", "background (an earlier date)";
    VETO_DISCUSSED = "veto-discussed", "a meeting that discussed or welcomed support, announcing none";
    VETO_WELCOMED_UNKNOWN_GIVER = "veto-welcomed-unknown-giver",
        "another party's pledge, welcomed or discussed, by a giver no lexicon knows";
    VETO_COMPANY_DEAL = "veto-company-deal", "a deal between companies";
    VETO_JOINT = "veto-joint", "a joint figure of several givers";
    VETO_PRIVATE_GIVER = "veto-private-giver", "a private giver";
    VETO_APPOSITIVE_SIZE = "veto-appositive-size",
        "a figure in an appositive after a name (\"the CCFF, a $100 million green bank\") sizes what is named";
    VETO_SUPPORT_FOR_AN_IDEA = "veto-support-for-an-idea", "support for an idea or a bid is political; a figure after it sizes the idea";
    VETO_TRANSCRIPT_RECAP = "veto-transcript-recap", "a transcript that recalls rather than announces";
    /// Not a veto: the roles found in a sentence that states a commitment (traced with the roles).
    INFO_ROLES = "info-roles", "roles";
    /// A weak donor (no word-window rule named one) that the parse puts in a possessive
    /// inside a prepositional phrase ("Russia's war against Ukraine") is passed over.
    /// "local communities in the Brazilian Amazon": a party named as where something happens is
    /// no weak donor, unless fronted before the subject.
    ROLE_PEOPLE_NO_GIVER = "role-people-no-giver", "a plural demonym names people, who give nothing as a weak giver";
    ROLE_COMPARED_PARTY = "role-compared-party", "a party after \"than\" or a verb of comparison is compared and takes no role";
    /// "told Zelenskiy that Japan will offer …": the hearer of a promise whose clause names its giver.
    ROLE_HEARER_RECEIVES = "role-hearer-receives", "the party a promise is told to receives it when the clause names its own giver";
    ROLE_PLACE_NO_GIVER = "role-place-no-giver", "a party named as the place of the act gives nothing";
    ROLE_SYNTAX_POSSESSIVE = "role-syntax-possessive",
        "a possessive inside a prepositional phrase neither gives nor receives (parse)";
    ROLE_OTHER_LIST_ITEM = "role-other-list-item", "a party named in an earlier item of a list does not receive the figure of a later one";
    /// "X met with the giver, who promised $N": X receives (`role_phrases::met_the_giver`).
    ROLE_MET_THE_GIVER = "role-met-the-giver", "the party that met the giver receives what it promised there";
    /// "$2 Billion in US Aid for Ukraine" (`role_phrases::aid_of_giver`).
    ROLE_AID_OF_GIVER = "role-aid-of-giver", "a party right before a noun of aid for another party gives it";
    /// "Biden makes surprise visit to Ukraine, pledges $500 million" (`role_phrases::visit_host`).
    ROLE_HOST_OF_VISIT = "role-host-of-visit", "the host of a visit receives what the visitor pledges there, when no one else is named";
    /// "redirect an $85 million package from Egypt to Taiwan": the old recipient gives nothing.
    ROLE_REDIRECTED_FROM = "role-redirected-from", "money moved from a party leaves its old recipient, no giver";
    /// "people traveling from Senegal to Spain": where people set out from gives nothing.
    ROLE_TRAVELLED_FROM = "role-travelled-from", "where people travel from gives nothing";
    /// "initiatives to deepen U.S.-ASEAN relations" (`role_phrases::partner_of_giver`).
    ROLE_PARTNER_IN_PAIR = "role-partner-in-pair", "the giver's partner in a hyphenated pair before a noun of partnership receives, when no one else is named";
    /// "promised … by 48 countries": no party merely named nearby is the giver.
    ROLE_CROWD_OF_GIVERS = "role-crowd-of-givers", "a crowd of countries gives, so no weak giver is taken";
    VETO_PURCHASE_OF_GOODS = "veto-purchase-of-goods", "a purchase of goods (trade)";
    // Merging candidates across the document.
    MERGE_UMBRELLA = "merge-umbrella", "an umbrella of its parts, or a share of it";
    MERGE_PROJECTS_APART = "merge-projects-apart", "two list items that state the same figure are two projects";
    MERGE_ITEMS_APART = "merge-items-apart", "items for a recipient of several money commitments stay their own";
    // Turning a merged candidate into a record.
    FINAL_NO_RECIPIENT = "final-no-recipient", "no recipient";
    FINAL_NO_FIGURE = "final-no-figure", "neither an amount nor a count of items";
    FINAL_DONOR_FORUM = "final-donor-forum", "the giver is a forum of donors, which gives through its members";
    FINAL_RECIPIENT_FORUM = "final-recipient-forum", "the recipient is a forum of donors";
    FINAL_RECIPIENT_IS_SOURCE = "final-recipient-is-source", "the recipient is the source's own country";
    FINAL_DOMESTIC_TERRITORY = "final-domestic-territory", "domestic (a territory of the donor)";
    FINAL_NO_DONOR = "final-no-donor", "no donor other than the recipient";
    FINAL_RECIPIENT_VOICE = "final-recipient-voice",
        "a foreign giver stated in a government's own decision gives to that government";
    // Hard constraints: no rule, fallback or score overrides them.
    CONSTRAINT_AGGRESSOR = "constraint-aggressor", "a party at war with the recipient is never its donor";
    CONSTRAINT_HEADLINE_REVERSED = "constraint-headline-reversed",
        "a headline's giver and receiver read the same way as the body's";
}

/// With `PLEDGEWATCH_TRACE` set, says on stderr which rule passed a sentence with a figure over:
/// `trace: [rule-id] reason: sentence`.
pub(crate) fn trace(sentence: &str, rule: &Rule) {
    if tracing() {
        eprintln!("trace: {rule}: {sentence}");
    }
}

/// As [`trace`], with what the rule found: `trace: [rule-id] reason: detail: sentence`.
pub(crate) fn trace_detail(sentence: &str, rule: &Rule, detail: &str) {
    if tracing() {
        eprintln!("trace: {rule}: {detail}: {sentence}");
    }
}

pub(crate) fn tracing() -> bool {
    static ON: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("PLEDGEWATCH_TRACE").is_some());
    *ON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_reasons_one_line() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "{}: id used twice", r.id);
            let kebab =
                r.id.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
            assert!(kebab, "{}: not kebab-case", r.id);
            assert!(!r.reason.is_empty() && !r.reason.contains('\n'), "{}: reason must be one line", r.id);
        }
        assert_eq!(format!("{}", VETO_NEGATED), "[veto-negated] negated");
    }
}
