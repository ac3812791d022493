//! The sentence view and proposing candidates. A `View` is one sentence in its document;
//! [`View::candidates`] proposes a candidate per new figure of a sentence that states a
//! commitment: it finds the figures and items (`figures`), the trigger that makes the sentence
//! a statement (a trigger word, "make … available", a named project, a listed figure, or a
//! package announced without a figure), consults the vetoes (`rules`), takes each figure's giver
//! and recipient from its own clause, and the announcer, dates, supplier and place of
//! manufacture (`details`). A sentence that goes on about the commitment before
//! ([`View::continuation`]) joins it.

mod details;
mod figures;

use crate::actors::{Actor, ActorRef};
use crate::document::Document;
use crate::mentions::{ItemClass, Mention, MentionKind, Qualifier};
use crate::text::Sentence;

use super::candidate::Candidate;
use super::cue_data;
use super::cues::{self, Words, is_trigger};
use super::record::{Amount, Category, Instrument, Item};
use super::roles;
use super::rules::{
    self, Rule, all_of_a_count, annual_envelope, is_discussed, is_trade, legislated, loose_single, recalled,
    supports_an_idea, trace, trace_detail, tracing,
};
use details::{classify, local_instrument};
pub(super) use details::{made_in_of, made_in_phrase, signer, to_announcer};
use figures::{to_amount, to_item};

/// One sentence in context.
pub(super) struct View<'a> {
    pub(super) doc: &'a Document,
    pub(super) text: &'a str,
    pub(super) sentence: Sentence,
    pub(super) mentions: &'a [Mention],
    /// Index of `mentions[0]` in the document's list.
    pub(super) base: usize,
    pub(super) actors: &'a [Actor],
    pub(super) last_person: Option<&'a Actor>,
    /// The person whose name closes the document (a memorandum's or letter's signature).
    pub(super) signer: Option<&'a Actor>,
    /// A headline states a commitment more loosely than the body.
    pub(super) headline: bool,
    /// An earlier sentence of the document stated a commitment or gave a sum of money.
    pub(super) after_commitment: bool,
    /// The sentence just before states a sum, a count or a commitment: what "This includes" can
    /// break down.
    pub(super) told_just_before: bool,
    /// The document reports a legislature's vote on a bill: its figures are the bill's.
    pub(super) legislative: bool,
    /// Candidate mode ([`super::candidates`]): a veto after the trigger describes the candidate
    /// (its id joins the candidate's rules) instead of dropping it, and a figure without a
    /// trigger is proposed too, marked `veto-no-trigger`.
    pub(super) propose_all: bool,
}

impl View<'_> {
    /// Proposes the candidates the sentence states, one per new figure (or one for its items),
    /// into `out`.
    pub(super) fn candidates(&self, words: &Words, out: &mut Vec<Candidate>) {
        let sentence_text = &self.text[self.sentence.start..self.sentence.end];
        if sentence_text.trim_end_matches(['"', '”', '’', '\'', ')']).ends_with('?') {
            return;
        }
        // A reporter's question in a briefing transcript ("Q Mr. President, …").
        let seg_start =
            self.doc.segment_at(self.sentence.start).map_or(self.sentence.start, |k| self.doc.segments[k].bytes.0);
        if self.text[seg_start..].starts_with("Q ") || self.text[seg_start..].starts_with("Q:") {
            return trace(sentence_text, &rules::VETO_REPORTER_QUESTION);
        }
        let moneys = self.new_money(words);
        let mut items: Vec<(Item, (usize, usize))> = self
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Quantity && m.class.is_some_and(|c| c != ItemClass::Other))
            .filter(|m| {
                !recalled(words, words.index_at(m.bytes.0))
                    && !loose_single(words, m)
                    && !is_trade(m)
                    && !all_of_a_count(words, m)
            })
            // "This builds on…", "as of February": counts told as totals, like figures.
            .filter(|m| !self.is_total(words, words.index_at(m.bytes.0), m) && !self.not_goods(m))
            .map(|m| (to_item(m), m.bytes))
            .collect();
        // "I am announcing another package of security assistance that will provide additional
        // artillery munitions, radars, and other equipment to Ukraine": a package told without a figure.
        let package_only = moneys.is_empty() && items.is_empty() && announces_package(words);
        if package_only {
            items = uncounted_items(words);
        }
        if moneys.is_empty() && items.is_empty() && !package_only {
            return;
        }
        // [transcript-answer-figure] "Q Do you have a dollar figure on that? A: It's $125 million."
        if moneys.len() == 1 && items.is_empty() && self.after_commitment && self.answers_figure_question() {
            trace(sentence_text, &rules::CONTINUATION_ANSWER_FIGURE);
            self.continuation(words, items, &moneys, &rules::CONTINUATION_ANSWER_FIGURE, out);
            return;
        }
        // "This includes $5 million for…", "The package includes 20 vehicles": parts of a figure
        // already stated; its items join that commitment, its money is no commitment of its own.
        // [continuation-breakdown] Only of a figure or a package just stated: after "the U.S. is employing its
        // tools to step up financing", "This includes finalizing the U.S. contribution of $21
        // billion to the IMF's trust" names an act of its own (eval/labels wh2426-final-i, the G20
        // fact sheet).
        if self.after_commitment && self.told_just_before && opens_breakdown(words) {
            trace(sentence_text, &rules::CONTINUATION_BREAKDOWN);
            self.continuation(words, items, &[], &rules::CONTINUATION_BREAKDOWN, out);
            return;
        }
        // "sanctioned … seven shipping companies, which own 69 vessels": counts of a sanctions list.
        if moneys.is_empty() && words.words.iter().any(|(w, _, _)| w.starts_with("sanction")) {
            return trace(sentence_text, &rules::VETO_SANCTIONS);
        }
        // "The deal is worth about 39 billion zloty": the value of the deal just told, restated.
        if matches!(
            words.words.iter().take(4).map(|w| w.0.as_str()).collect::<Vec<_>>().as_slice(),
            [
                "the" | "this",
                "deal" | "contract" | "agreement" | "package" | "order" | "loan" | "sale",
                "is" | "was",
                "worth" | "valued"
            ]
        ) {
            trace(sentence_text, &rules::CONTINUATION_DEAL_VALUE);
            self.continuation(words, items, &moneys, &rules::CONTINUATION_DEAL_VALUE, out);
            return;
        }
        // A bullet's label ("Strengthening Supply Chains: …") is a heading, not the act.
        // "In parallel with the facility approved by the IMF, the ADB has agreed to provide …": a
        // fronted phrase is no clause of its own; the act is the main clause's (eval/labels cabinet-a).
        let opening = fronted_phrase_end(words)
            .filter(|&k| words.words[k..].iter().any(|(w, _, _)| is_trigger(w)))
            .unwrap_or_else(|| clause_start(words));
        // [trigger-not-in-a-name] "Argentina pays US$840 million in interest to International
        // Monetary Fund": a word of giving inside an institution's name is no act (sample of
        // summaries, unlabelled).
        let in_a_name = |b: usize| {
            self.actors.iter().any(|a| matches!(a.what, ActorRef::Institution { .. }) && a.bytes.0 < b && b < a.bytes.1)
        };
        let found = words.words[opening..]
            .iter()
            .position(|(w, b, _)| is_trigger(w) && !in_a_name(*b))
            .map(|k| (k + opening, &rules::PROPOSE_TRIGGER))
            .or_else(|| made_available(words, opening).map(|k| (k, &rules::PROPOSE_MADE_AVAILABLE)))
            .or_else(|| self.public_investment(words, opening).map(|k| (k, &rules::PROPOSE_PUBLIC_INVESTMENT)))
            .or_else(|| self.named_project(words, &moneys).map(|k| (k, &rules::PROPOSE_NAMED_PROJECT)))
            .or_else(|| self.money_from_giver(words, &moneys).map(|k| (k, &rules::PROPOSE_MONEY_FROM_GIVER)))
            // "• NZ$5 million for Gaza, …" under "The funding comprises:": a listed figure is the act.
            .or_else(|| {
                (starts_list_item(sentence_text) && self.after_lead_in())
                    .then(|| moneys.first())
                    .flatten()
                    .map(|&k| (words.index_at(self.mentions[k].bytes.0), &rules::PROPOSE_LIST_ITEM))
            });
        let (trigger, proposed_by) = if let Some(found) = found {
            found
        } else {
            trace(sentence_text, &rules::VETO_NO_TRIGGER);
            if !self.propose_all || moneys.is_empty() {
                self.continuation(words, items, &moneys, &rules::CONTINUATION_REFERS_BACK, out);
                return;
            }
            // Candidate mode: a figure that joins no commitment before is proposed, the first figure
            // standing for the act and the missing trigger a feature.
            let before = out.len();
            self.continuation(words, items.clone(), &moneys, &rules::CONTINUATION_REFERS_BACK, out);
            if out.len() > before {
                return;
            }
            (words.index_at(self.mentions[moneys[0]].bytes.0), &rules::VETO_NO_TRIGGER)
        };
        let proposed_by = if package_only { &rules::PROPOSE_PACKAGE_WITHOUT_FIGURE } else { proposed_by };
        let first_figure =
            moneys.first().map(|&k| self.mentions[k].bytes.0).or(items.first().map(|i| i.1.0)).unwrap_or(0);
        let figure_word = words.index_at(first_figure);
        let trigger = act_of_the_figure(words, trigger, figure_word);
        // Each veto drops the sentence; in candidate mode it is recorded instead (`vetoed`).
        let mut vetoed: Vec<&'static str> = Vec::new();
        let mut veto = |rule: &Rule| {
            trace(sentence_text, rule);
            if self.propose_all {
                vetoed.push(rule.id);
            }
            !self.propose_all
        };
        if self.is_call_or_condition(words, figure_word) && veto(&rules::VETO_CALL_OR_CONDITION) {
            return;
        }
        if supports_an_idea(words, figure_word) && veto(&rules::VETO_SUPPORT_FOR_AN_IDEA) {
            return;
        }
        if legislated(words, figure_word) && veto(&rules::VETO_APPROPRIATION) {
            return;
        }
        if self.legislative && !moneys.is_empty() && veto(&rules::VETO_LEGISLATIVE_REPORT) {
            return;
        }
        if self.bill_part(words) && veto(&rules::VETO_BILL_PART) {
            return;
        }
        if self.is_negated(words, Some(figure_word)) && veto(&rules::VETO_NEGATED) {
            return;
        }
        // "Domestically, the United States allocated…", "to allocate 143 billion kroner to its armed
        // forces": spending at home, on the government's own forces (eval/labels summaries-b).
        // [domestic-recipients] "awarded nearly $1.5 billion to support efforts by states, tribal
        // lands, and territories": money for a federation's own parts (eval/labels wh2123-final-p,
        // the US-Mexico security dialogue fact sheet: read after its first look).
        let domestic_recipients = || cue_data::DOMESTIC_RECIPIENT_PHRASES.iter().any(|p| words.phrase(p).is_some());
        if (words.has("domestically") || own_forces(words) || domestic_recipients())
            && veto(&rules::VETO_DOMESTIC_SPENDING)
        {
            return;
        }
        if annual_envelope(words) && veto(&rules::VETO_ANNUAL_ENVELOPE) {
            return;
        }
        if self.is_background(words) && veto(&rules::VETO_BACKGROUND) {
            return;
        }
        if is_discussed(words, figure_word) && veto(&rules::VETO_DISCUSSED) {
            return;
        }
        if self.welcomed_unknown_giver(words, figure_word) && veto(&rules::VETO_WELCOMED_UNKNOWN_GIVER) {
            return;
        }
        if self.is_company_deal(words, trigger) && veto(&rules::VETO_COMPANY_DEAL) {
            return;
        }
        if self.is_joint(words, trigger) && veto(&rules::VETO_JOINT) {
            return;
        }
        if self.private_subject(words, trigger) && veto(&rules::VETO_PRIVATE_GIVER) {
            return;
        }
        if self.is_transcript_recap(words) && veto(&rules::VETO_TRANSCRIPT_RECAP) {
            return;
        }
        // Items alone make a commitment only with a military or relief class and a clear verb.
        if moneys.is_empty()
            && !package_only
            && !items.iter().any(|(i, _)| {
                i.class.is_military()
                    || matches!(
                        i.class,
                        ItemClass::Medical | ItemClass::Food | ItemClass::EnergyEquipment | ItemClass::Equipment
                    )
            })
        {
            return;
        }
        let roles = roles::Roles::find(self, words, trigger);
        if tracing() {
            let at = |r: Option<roles::Role>| r.map(|r| (r.0, &self.text[r.1.0..r.1.1], r.2));
            let found =
                format!("giver {:?}, recipient {:?}, spread {}", at(roles.donor), at(roles.recipient), roles.spread);
            trace_detail(sentence_text, &rules::INFO_ROLES, &found);
        }
        let (category, instrument, status) = classify(words, &items);
        // A purchase is a commitment when it buys arms; goods bought otherwise are trade.
        if roles.purchase && category != Some(Category::Military) && veto(&rules::VETO_PURCHASE_OF_GOODS) {
            return;
        }
        let announced_by = self.announcer(words);
        let announced_on = self.announced_on();
        let period = self.period(words);
        let made_in = made_in_of(words, &self.actors.iter().collect::<Vec<_>>());
        let supplier = self.supplier();
        let statement = (self.sentence.start, self.sentence.end);
        let aid_word = words.words.iter().any(|(w, _, _)| cues::is_aid_word(w));
        let make = |amount: Option<(Amount, (usize, usize))>,
                    money: Vec<usize>,
                    twin: Option<Amount>,
                    instrument: Option<Instrument>,
                    items: Vec<(Item, (usize, usize))>| {
            let mut score = 0.35;
            if roles.donor.as_ref().is_some_and(|d| d.2 >= 2) {
                score += 0.2;
            }
            if roles.recipient.as_ref().is_some_and(|r| r.2 >= 2) {
                score += 0.2;
            }
            if amount.is_some() {
                score += 0.1;
            }
            if !items.is_empty() {
                score += 0.05;
            }
            if words.words.iter().any(|(w, _, _)| cue_data::CONFIDENCE_WORDS.has(w)) {
                score += 0.05;
            }
            if self.headline {
                score -= 0.1;
            }
            let recipient = roles.recipient.filter(|r| {
                let other = amount.as_ref().is_some_and(|(_, at): &(Amount, (usize, usize))| {
                    self.mentions.iter().any(|m| m.bytes == *at && self.in_later_list_item(m, r.1))
                });
                if other {
                    trace(&self.text[r.1.0..r.1.1], &rules::ROLE_OTHER_LIST_ITEM);
                }
                !other
            });
            Candidate {
                donor: roles.donor,
                recipient,
                amount,
                money,
                twin,
                items,
                made_in: made_in.clone(),
                supplier: supplier.clone(),
                announced_by: announced_by.clone(),
                announced_on,
                period: period.clone(),
                category,
                instrument,
                status,
                statement,
                score: f64::min(score, 0.95),
                continuation: false,
                aid_word,
                share: share_opening(words).is_some()
                    || matches!(words.words.get(..2), Some([a, b]) if a.0 == "the" && b.0 == "remaining"),
                spread: roles.spread,
                rules: std::iter::once(proposed_by.id)
                    .chain(vetoed.iter().copied())
                    .map(|id| (statement.0, id))
                    .collect(),
            }
        };
        if moneys.is_empty() {
            if let Some(parts) = self.recipients_per_item(&items, roles.donor.map(|d| d.0)) {
                trace(sentence_text, &rules::ITEMS_APART_BY_RECIPIENT);
                for (item, recipient) in items.into_iter().zip(parts) {
                    let mut c = make(None, Vec::new(), None, instrument, vec![item]);
                    c.recipient = Some(recipient);
                    out.push(c);
                }
                return;
            }
            out.push(make(None, Vec::new(), None, instrument, items));
            return;
        }
        // A figure passed over before the first new one still ends its clause: "Following the U.S.
        // contribution of $100 million, Kuwait and Qatar pledged $25 million each".
        let first_new = self.mentions[moneys[0]].bytes.0;
        let dropped_before = self
            .mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Money && m.bytes.1 <= first_new)
            .map(|m| m.bytes.1)
            .max();
        let mut prev_end = dropped_before.unwrap_or(self.sentence.start);
        let ws: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
        for (n, &k) in moneys.iter().enumerate() {
            let m = &self.mentions[k];
            let mut amount = to_amount(m);
            // With a further tranche ("an initial £1.1bn, with up to £500m more"), the commitment is
            // up to their sum.
            if let Some(more) = self.further_tranche(words, k).and_then(|j| to_amount(&self.mentions[j]))
                && let Some(a) = &mut amount
            {
                a.value += more.value;
                a.qualifier = Qualifier::UpTo;
                a.upper = None;
            }
            let next_figure = moneys.get(n + 1).map_or(self.sentence.end, |&k2| self.mentions[k2].bytes.0);
            // A role the sentence gives from another figure's clause ("France committed €110m, while
            // Baerbock announced €244m from Berlin") is not this figure's.
            let clause_from = prev_end;
            let elsewhere = |r: Option<roles::Role>| {
                moneys.len() > 1 && r.is_some_and(|r| r.1.0 >= next_figure || r.1.1 <= clause_from)
            };
            // "Denmark will contribute DKK 1bn, Norway NOK 1.5bn and Sweden SEK 1.2bn": each figure's own
            // donor, the subject of its own clause (not "needs in Gaza, and $10m").
            let own_donor = if let Some(p) = self.party_before_bracket(m) {
                Some(p)
            } else if let Some(g) = self.giver_right_after(words, m.bytes.1, next_figure).filter(|_| moneys.len() > 1) {
                Some(g)
            } else if n > 0 || dropped_before.is_some() || elsewhere(roles.donor) {
                self.actors.iter().rev().find(|a| {
                    let wi = words.index_at(a.bytes.0);
                    a.bytes.0 >= prev_end
                        && a.bytes.1 <= m.bytes.0
                        && matches!(a.what, ActorRef::Country { .. } | ActorRef::Institution { .. })
                        && !a.is_channel()
                        && !(wi > 0
                            && (roles::is_preposition(ws[wi - 1])
                                || matches!(ws[wi - 1], "to" | "for" | "toward" | "towards" | "against")))
                        && roles.recipient.is_none_or(|r| Some(r.0) != a.party())
                })
            } else {
                None
            };
            prev_end = m.bytes.1;
            let local = local_instrument(words, m.bytes).or(instrument);
            let mut ids = vec![self.base + k];
            if let Some(l) = m.linked {
                ids.push(l);
            }
            // Items go with the first figure of the sentence.
            let its = if n == 0 { items.clone() } else { Vec::new() };
            let twin =
                m.linked.and_then(|l| l.checked_sub(self.base)).and_then(|i| self.mentions.get(i)).and_then(to_amount);
            let mut c = make(amount.map(|a| (a, m.bytes)), ids, twin, local, its);
            if let Some(a) = own_donor
                && let Some(p) = a.party()
            {
                c.donor = Some((p, a.bytes, 2));
            } else if moneys.len() > 1 && (elsewhere(c.donor) || c.donor.is_some_and(|d| d.2 < 2)) {
                // Another clause's giver, or one merely named, is not this figure's: the document decides.
                c.donor = None;
            }
            // "100 million euros to COVAX, 50 million euros to WHO", "$40m for needs in Gaza, and $10m for
            // people in Lebanon": each figure's own recipient, named in its own clause.
            if moneys.len() > 1 {
                let own = self.recipient_right_after(words, m.bytes.1, next_figure).or_else(|| {
                    self.actors.iter().find(|a| {
                        a.bytes.0 >= m.bytes.1
                            && a.bytes.1 <= next_figure
                            && !a.is_channel()
                            && roles::recipient_strength(self.text, words, &ws, a).is_some()
                            && !roles::in_country_list(self.text, self.actors, a)
                    })
                });
                if let Some(a) = own
                    && let Some(p) = a.party()
                    && c.donor.is_none_or(|d| d.0 != p)
                {
                    c.recipient = Some((p, a.bytes, 3));
                } else if elsewhere(c.recipient) && c.recipient.is_some_and(|r| r.1.0 >= next_figure) {
                    c.recipient = None;
                }
            }
            // "an $800 million initiative; … two countries to the EBRD", "$3.5 million in technical
            // assistance …, and a transfer of $1.5 million … to the World Bank": a recipient beyond a
            // semicolon or another figure belongs to another clause, and nothing else is borrowed.
            if let Some(r) = c.recipient
                && self.recipient_elsewhere(words, m, &c.money, r.1)
            {
                c.recipient = None;
                c.spread = true;
            }
            // "Kuwait, Qatar and the UAE pledged $25 million each", "… each pledged":
            // one commitment per giver.
            let distributive = words.has("each") || words.has("apiece");
            let givers = c.donor.filter(|_| distributive).map(|d| self.listed_with(d.1)).unwrap_or_default();
            let each = |at: usize| {
                let word = |k: usize| words.words.get(k).map_or("", |w| w.0.as_str());
                let k = words.index_at(at);
                // "will each provide", "have each pledged"
                let k = if matches!(word(k), "will" | "would" | "shall" | "have" | "has" | "are" | "also") {
                    k + 1
                } else {
                    k
                };
                matches!(word(k), "each" | "apiece")
            };
            if givers.len() > 1 && givers.last().is_some_and(|(a, _)| each(a.bytes.1) || each(m.bytes.1)) {
                for (a, p) in givers {
                    let mut g = c.clone();
                    g.donor = Some((p, a.bytes, 3));
                    out.push(g);
                }
            } else {
                out.push(c);
            }
        }
    }

    /// Items in a sentence that refers back ("The system…", "It…", "The package…"), proposed by `rule`.
    fn continuation(
        &self,
        words: &Words,
        items: Vec<(Item, (usize, usize))>,
        moneys: &[usize],
        rule: &Rule,
        out: &mut Vec<Candidate>,
    ) {
        let list_item = starts_list_item(&self.text[self.sentence.start..]);
        let anaphor = list_item
            || words.words.first().is_some_and(|(w, _, _)| {
                matches!(w.as_str(), "the" | "this" | "it" | "these" | "they" | "that" | "each")
            });
        // Hedges after the figures ("… and is expected to arrive") do not touch them.
        let first_figure = items
            .first()
            .map(|i| i.1.0)
            .into_iter()
            .chain(moneys.first().map(|&k| self.mentions[k].bytes.0))
            .min()
            .map_or(words.words.len(), |b| words.index_at(b));
        // "The tanks, worth A$245m, …": the value of the goods just given.
        let asked = rule.id == rules::CONTINUATION_ANSWER_FIGURE.id;
        let anaphor = anaphor || asked;
        let worth = match moneys {
            [k] if asked => to_amount(&self.mentions[*k]).map(|a| (a, self.mentions[*k].bytes, self.base + k)),
            [k] => {
                let m = &self.mentions[*k];
                let wi = words.index_at(m.bytes.0);
                let before: Vec<&str> = words.words[wi.saturating_sub(3)..wi].iter().map(|w| w.0.as_str()).collect();
                matches!(
                    before.as_slice(),
                    [.., "worth"] | [.., "valued", "at"] | [.., "value", "of"] | [.., "costing"]
                )
                .then(|| to_amount(m).map(|a| (a, m.bytes, self.base + k)))
                .flatten()
            }
            _ => None,
        };
        if (items.is_empty() && worth.is_none())
            || !anaphor
            || self.is_negated(words, Some(words.index_at(first_figure)))
            || self.is_call_or_condition(words, first_figure)
        {
            return;
        }
        out.push(Candidate {
            donor: None,
            recipient: None,
            amount: worth.as_ref().map(|w| (w.0.clone(), w.1)),
            money: worth.map(|w| vec![w.2]).unwrap_or_default(),
            twin: None,
            items,
            made_in: None,
            supplier: None,
            announced_by: None,
            announced_on: None,
            period: None,
            category: None,
            instrument: None,
            status: None,
            statement: (self.sentence.start, self.sentence.end),
            score: 0.1,
            continuation: true,
            aid_word: words.words.iter().any(|(w, _, _)| cues::is_aid_word(w)),
            share: false,
            spread: false,
            rules: vec![(self.sentence.start, rule.id)],
        });
    }

    /// "USAID is investing $1.4 million in …", "DFC will invest": a public body's investing is its
    /// act of giving (eval/labels wh2426-c, the Amazon fact sheet). "Invest" is no trigger word:
    /// a company's investing is trade, so only a public party right before the verb (past an
    /// auxiliary or two) makes it one.
    fn public_investment(&self, words: &Words, from: usize) -> Option<usize> {
        let ws = &words.words;
        (from + 1..ws.len()).find(|&k| {
            let w = ws[k].0.as_str();
            if !matches!(w, "invest" | "invests" | "invested" | "investing") {
                return false;
            }
            let mut j = k;
            while j > from + 1 && k - j < 2 && cue_data::SUBJECT_VERB_FILLERS.has(&ws[j - 1].0) {
                j -= 1;
            }
            self.actors.iter().any(|a| {
                words.index_at(a.bytes.1) == j
                    && a.party().is_some()
                    && !matches!(a.what, ActorRef::Company { .. } | ActorRef::Place { .. })
            })
        })
    }

    /// "The $570 million Nigeria Improved Primary Health Care Project will …": a figure that sizes
    /// a named project or programme states its financing; the figure's word stands for the verb.
    fn named_project(&self, words: &Words, moneys: &[usize]) -> Option<usize> {
        let m = &self.mentions[*moneys.first()?];
        let rest = self.text.get(m.bytes.1..self.sentence.end)?;
        let name: Vec<&str> =
            rest.split_whitespace().take(9).take_while(|w| w.starts_with(char::is_uppercase)).collect();
        let last = name.last()?.trim_end_matches([',', '.', ';', ':']);
        (name.len() >= 2 && cue_data::PROJECT_NAMES.has(last)).then(|| words.index_at(m.bytes.0))
    }

    /// [rule `propose-money-from-giver`] "… an Investment Lab with $2 million from USAID", "$5
    /// million from USAID in support of …": a figure that comes "from" a government or its agency
    /// (a few words of what it is between) is given by it; "from" stands for the verb (eval/labels
    /// wh2426-final-f, the Amazon fact sheet).
    fn money_from_giver(&self, words: &Words, moneys: &[usize]) -> Option<usize> {
        moneys.iter().find_map(|&k| {
            let end = words.index_at(self.mentions[k].bytes.1);
            let ws = &words.words;
            let from = (end..(end + 4).min(ws.len())).find(|&j| ws[j].0 == "from")?;
            let at = from + 1 + usize::from(ws.get(from + 1).is_some_and(|w| w.0 == "the"));
            let giver = self.actors.iter().any(|a| {
                words.index_at(a.bytes.0) == at
                    && a.party().is_some()
                    && !a.is_channel()
                    && matches!(a.what, ActorRef::Country { .. } | ActorRef::Institution { .. })
            });
            giver.then_some(from)
        })
    }

    /// Whether the list this item belongs to follows a lead-in that ends with a colon ("The funding
    /// comprises:").
    fn after_lead_in(&self) -> bool {
        let Some(k) = self.doc.segment_at(self.sentence.start) else {
            return false;
        };
        self.doc.segments[..k]
            .iter()
            .rev()
            .find(|g| {
                g.kind == crate::document::SegmentKind::Body && !starts_list_item(&self.text[g.bytes.0..g.bytes.1])
            })
            .is_some_and(|g| self.text[g.bytes.0..g.bytes.1].trim_end().ends_with(':'))
    }
}

/// "Today, I am announcing another package of security assistance …", "a significant new
/// security assistance package": a package announced now, whether or not a figure is given.
/// Not one that continues ("will continue to provide"), is recalled ("last week's package") or
/// is asked of others.
/// One pass, no allocation: it runs on every sentence without a figure.
fn announces_package(words: &Words) -> bool {
    let (mut announcing, mut package, mut fresh) = (false, false, false);
    let mut last_end = None;
    let mut prev_word: Option<&str> = None;
    for (w, s, e) in &words.words {
        // [package-told-then-aside] "… announcing another new security assistance package for
        // Ukraine, underscoring our commitment … as they continue to battle": once the package is
        // told, a comma opens an aside whose time is not the package's (eval/labels wh2426-holdout-c,
        // the Kirby gaggle of 2024-08-10).
        if announcing && package && fresh && last_end.is_some_and(|b| words.text[b..*s].contains(',')) {
            return true;
        }
        last_end = Some(*e);
        let last_word = prev_word.replace(w.as_str());
        match w.as_str() {
            "announcing" | "announce" | "announces" | "authorizing" | "authorized" => announcing = true,
            "package" | "tranche" | "drawdown" => package = true,
            // "is announcing new security assistance to meet Ukraine's needs" (eval/labels
            // wh2426-c, the Kirby gaggle of 2024-07-29).
            "assistance" if last_word.is_some_and(|p| matches!(p, "security" | "military")) && words.has("today") => {
                package = true
            }
            "new" | "another" | "additional" | "today" | "latest" | "further" => fresh = true,
            "last" | "previous" | "earlier" | "ago" | "yesterday" => return false,
            w if w.starts_with("continu") => return false,
            _ => {}
        }
    }
    announcing && package && fresh
}

/// Items named without a count in a package told without a figure ("artillery munitions, radars
/// and other equipment"): one per class, in order.
fn uncounted_items(words: &Words) -> Vec<(Item, (usize, usize))> {
    let mut out: Vec<(Item, (usize, usize))> = Vec::new();
    for (w, s, e) in &words.words {
        let Some((class, generic)) = crate::mentions::items::word_class(w) else { continue };
        // "weapons", "equipment" alone say nothing of what is given.
        if generic || cue_data::VAGUE_ITEM_WORDS.has(w) {
            continue;
        }
        if out.iter().any(|(i, _)| i.class == class) {
            continue;
        }
        let item = Item { quantity: None, qualifier: None, upper: None, item: words.text[*s..*e].to_string(), class };
        out.push((item, (*s, *e)));
    }
    out
}

/// "Of the total, …", "Of this amount, …": the last word of an opening that names a figure told
/// before, of which the sentence gives a share.
pub(super) fn share_opening(words: &Words) -> Option<usize> {
    let opening = clause_start(words);
    (words.words.get(opening).is_some_and(|w| w.0 == "of")
        && words.words.get(opening + 1).is_some_and(|w| matches!(w.0.as_str(), "the" | "this" | "that" | "these")))
    .then(|| {
        (opening + 2..(opening + 5).min(words.words.len())).find(|&k| words.text[words.words[k].2..].starts_with(','))
    })
    .flatten()
}

/// "would make 1.5 million Swiss francs available": the "make" of "make … available" is the
/// giving verb.
fn made_available(words: &Words, from: usize) -> Option<usize> {
    let ws = &words.words[from..];
    let k = ws.iter().position(|(w, _, _)| w == "available")?;
    ws[k.saturating_sub(8)..k]
        .iter()
        .rposition(|(w, _, _)| matches!(w.as_str(), "make" | "makes" | "made" | "making"))
        .map(|j| from + k.saturating_sub(8) + j)
}

/// The first word after a fronted prepositional phrase closed by a comma ("In parallel with the
/// facility approved by the IMF, …", "Following talks in Rome, …"), within the first 25 words.
pub(super) fn fronted_phrase_end(words: &Words) -> Option<usize> {
    let ws = &words.words;
    let start = clause_start(words);
    let opens = ws.get(start).is_some_and(|(w, _, _)| {
        matches!(
            w.as_str(),
            "in" | "following" | "after" | "under" | "with" | "alongside" | "amid" | "despite" | "besides"
        )
    });
    if !opens {
        return None;
    }
    (start + 1..ws.len().min(start + 25))
        .find(|&k| words.text[ws[k - 1].2..ws[k].1].contains(','))
        .filter(|&k| k + 2 < ws.len())
}

/// The first word of a sentence's own clause: after a short label and colon
/// ("Bolstering Care Infrastructure: Since …"), else the first word.
pub(super) fn clause_start(words: &Words) -> usize {
    let ws = &words.words;
    (1..ws.len().min(10)).find(|&k| words.text[ws[k - 1].2..ws[k].1].contains(':')).unwrap_or(0)
}

/// "to its armed forces", "for our own military", "on their defence": money for a government's own
/// forces. Not a purchase from another party ("a deal … with the US government to buy 50
/// helicopters for its army" is an arms deal).
fn own_forces(words: &Words) -> bool {
    let ws = &words.words;
    let own_noun = |n: &(cues::Low, usize, usize)| cue_data::OWN_FORCES_NOUNS.has(&n.0);
    !ws.iter().any(|(w, _, _)| cue_data::PURCHASE_ACTS.has(w))
        && ws.windows(3).any(|w| {
            matches!(w[0].0.as_str(), "to" | "for" | "on" | "into")
                && matches!(w[1].0.as_str(), "its" | "our" | "their")
                && if w[2].0 == "own" {
                    ws.iter().find(|x| x.1 >= w[2].2).is_some_and(own_noun)
                } else {
                    own_noun(&w[2])
                }
        })
}

/// "This includes …", "These include …", "The package includes …", "Today's assistance also
/// includes …", "Including …": a sentence whose own clause lists the parts of something named before.
fn opens_breakdown(words: &Words) -> bool {
    let ws = &words.words;
    let k = clause_start(words);
    let includes = |w: &str| matches!(w, "includes" | "include" | "included" | "including" | "comprises" | "comprise");
    let subject = |w: &str| cue_data::BREAKDOWN_SUBJECTS.has(w);
    let Some(at) = ws[k..].iter().take(5).position(|(w, _, _)| includes(w)) else { return false };
    // A bare "The includes" is no subject: a determiner needs its noun, a pronoun stands alone.
    let head = &ws[k..k + at];
    head.iter().all(|(w, _, _)| subject(w))
        && (at == 0 && ws[k].0 != "included"
            || head.iter().any(|(w, _, _)| !matches!(w.as_str(), "the" | "today's" | "today’s" | "also" | "new")))
}

/// A line that opens a list item ("- ", "• ", "* ").
pub(super) fn starts_list_item(line: &str) -> bool {
    line.trim_start().starts_with(['-', '•', '*', '–', '·'])
}

/// [role-act-of-the-figure] "China sends aircraft toward Taiwan days after U.S. approves a
/// $500-million arms sale": when a subordinate clause ("after", "when", "as", "while") opens
/// between the first giving verb and the figure and has a giving verb of its own, that verb
/// governs the figure, and its subject is the giver (eval/labels summaries-b, the Taiwan arms sale).
fn act_of_the_figure(words: &Words, trigger: usize, figure_word: usize) -> usize {
    let ws = &words.words;
    if figure_word <= trigger + 1 || figure_word > ws.len() {
        return trigger;
    }
    let Some(sub) = ws[trigger + 1..figure_word].iter().position(|(w, _, _)| cue_data::SUBORDINATORS.has(w)) else {
        return trigger;
    };
    let sub = trigger + 1 + sub;
    ws[sub + 1..figure_word].iter().position(|(w, _, _)| is_trigger(w)).map_or(trigger, |k| sub + 1 + k)
}
