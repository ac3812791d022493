//! The figures of a sentence: which money mentions state new commitments (not parts of a total,
//! running totals, budgets, options, asides in brackets, a share of the next figure, a figure
//! corrected), turning mentions into amounts and items, and the clause of each figure: the
//! parties listed with its giver, a recipient right after it, one in another clause.

use rust_decimal::Decimal;

use crate::actors::{Actor, ActorRef};
use crate::mentions::{ItemClass, Mention, MentionKind, MentionValue, Qualifier};

use super::View;
use crate::commitments::cue_data;
use crate::commitments::cues::{self, TOTAL_CUES, Words, is_trigger};
use crate::commitments::record::{Amount, Item};
use crate::commitments::roles::Role;
use crate::commitments::rules::vague;

impl View<'_> {
    /// The money mentions that state new commitments: not parts of a total
    /// ("including $5m for…"), not running totals, not budgets or sanctions,
    /// and only one of a figure given twice.
    pub(crate) fn new_money(&self, words: &Words) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen_part_cue = false;
        let mut first_money_word = None;
        let mut last_total: Option<usize> = None;
        for (k, m) in self.mentions.iter().enumerate() {
            if m.kind != MentionKind::Money {
                continue;
            }
            if m.linked.is_some_and(|l| l < self.base + k) || self.corrected(k) {
                continue;
            }
            let wi = words.index_at(m.bytes.0);
            if let Some(f) = first_money_word {
                let between = &words.words[f..wi];
                if between.iter().any(|(w, _, _)| cue_data::PART_CUES.has(w)) {
                    seen_part_cue = true;
                }
                // "an initial £1.1bn, with up to £500m more once the first tranche is drawn": a further
                // tranche of the figure before it is part of that commitment, not another
                // (examples/documents/README.md, report 03).
                if out.last().is_some_and(|&p| self.further_tranche(words, p) == Some(k)) {
                    super::rules::trace(&self.text[m.bytes.0..m.bytes.1], &super::rules::CONTINUATION_FURTHER_TRANCHE);
                    continue;
                }
                // "an initial £1.16bn with the potential for a further £500m": an option of the same deal.
                let near = &words.words[wi.saturating_sub(5)..wi];
                if near.iter().any(|(w, _, _)| cue_data::OPTION_WORDS.has(w)) {
                    continue;
                }
            }
            if seen_part_cue {
                continue;
            }
            // Inside brackets: an aside or a conversion — unless a party names it: "Japan ($1.08 billion)".
            let before = &self.text[self.sentence.start..m.bytes.0];
            // "(to $100 million)" after a raised pledge gives its new level.
            let raised_to = before.trim_end().ends_with("(to");
            if before.matches('(').count() > before.matches(')').count()
                && self.party_before_bracket(m).is_none()
                && !raised_to
            {
                continue;
            }
            // A few dollars ("$700 for critical needs", "16 cents a dose") is a price, not support.
            let small = matches!(&m.value, crate::mentions::MentionValue::Number(v) if *v < rust_decimal::Decimal::from(10_000));
            // "has provided $26m to El Salvador, $81m to Guatemala…": the list shares the first figure's verb,
            // until a verb of its own ("…, Kuwait and Qatar pledged $25 million each").
            let same_list = last_total.is_some_and(|t| {
                !words.words[t..wi]
                    .iter()
                    .any(|(w, _, _)| w == "will" || (is_trigger(w) && (!cues::is_aid_word(w) || w.ends_with("ed"))))
            });
            if same_list || (self.is_total(words, wi, m) && !self.split_among_channels(words, m)) {
                super::rules::trace(&self.text[m.bytes.0..m.bytes.1], &super::rules::FIGURE_RUNNING_TOTAL);
                last_total = Some(words.index_at(m.bytes.1));
                continue;
            }
            if small || vague(&self.text[m.bytes.0..m.bytes.1]) {
                continue;
            }
            if self.is_other_money(words, wi, m) {
                super::rules::trace(&self.text[m.bytes.0..m.bytes.1], &super::rules::FIGURE_OTHER_MONEY);
                continue;
            }
            // [figure-compared] "would be five times more valuable than $ 4 billion from China": the
            // yardstick of a comparison ("more than $5m" is a qualifier the mention holds) (sample of
            // long-form news, unlabelled: the India's help column).
            // "… assistance of over $ 4 billion, surpassing the International Monetary Fund’s bailout
            // of about $ 3 billion": so is the second of two figures a verb of comparison sets side by
            // side, in one stretch with no comma (eval/labels longform-final-p, the Hobson's choice
            // column: read after its first look).
            if wi > 0 && words.words[wi - 1].0 == "than" || self.second_term(words, k, wi) {
                super::rules::trace(&self.text[m.bytes.0..m.bytes.1], &super::rules::FIGURE_COMPARED);
                continue;
            }
            if self.sizes_an_owned_thing(words, wi, m) {
                super::rules::trace(&self.text[m.bytes.0..m.bytes.1], &super::rules::FIGURE_SIZES_OWNED_THING);
                continue;
            }
            if self.part_of_next(words, k) {
                continue;
            }
            if self.sizes_a_named_thing(words, m) {
                super::rules::trace(&self.text[m.bytes.0..m.bytes.1], &super::rules::VETO_APPOSITIVE_SIZE);
                continue;
            }
            first_money_word.get_or_insert(wi);
            out.push(k);
        }
        self.drop_parts_of_whole(&mut out);
        out
    }

    /// Whether money mention `k` (at word `wi`) follows a verb of comparison that follows an earlier
    /// figure of the sentence, with no comma or semicolon between the verb and it.
    fn second_term(&self, words: &Words, k: usize, wi: usize) -> bool {
        let Some(first) = self.mentions[..k].iter().rev().find(|m| m.kind == MentionKind::Money) else {
            return false;
        };
        let from = words.index_at(first.bytes.1);
        words.words[from.min(wi)..wi].iter().any(|(w, b, _)| {
            cue_data::COMPARISON_WORDS.has(w) && !self.text[*b..self.mentions[k].bytes.0].contains([',', ';'])
        })
    }

    /// [figure-parts-of-whole] "the World Bank has agreed to provide US$ 200 million funds under three
    /// (03) components as US$ 185 million to support …, US$ 07 million to … and US$ 08 million to
    /// …": the figures after the first that add up to it, with no party named among them, split one
    /// commitment — parts with neither their own recipient nor their own instrument are no records
    /// of their own (eval/LABELLING.md, "Counting records"; eval/labels cabinet-final-j, the social
    /// protection loan).
    fn drop_parts_of_whole(&self, out: &mut Vec<usize>) {
        let value = |k: usize| match &self.mentions[k].value {
            MentionValue::Number(v) => Some(*v),
            _ => None,
        };
        let [whole, parts @ ..] = out.as_slice() else { return };
        let (Some(w), true) = (value(*whole), parts.len() >= 2) else { return };
        let same_currency = parts.iter().all(|&k| self.mentions[k].currency == self.mentions[*whole].currency);
        let sum: Option<Decimal> = parts.iter().map(|&k| value(k)).sum();
        let adds_up = sum.is_some_and(|s| (s - w).abs() * Decimal::from(100) <= w);
        let span = (self.mentions[parts[0]].bytes.0, self.mentions[parts[parts.len() - 1]].bytes.1);
        let party_among = self.actors.iter().any(|a| a.bytes.0 >= span.0 && a.bytes.1 <= span.1 && a.party().is_some());
        if same_currency && adds_up && !party_among {
            super::rules::trace(&self.text[span.0..span.1], &super::rules::FIGURE_PARTS_OF_WHOLE);
            out.truncate(1);
        }
    }

    /// "an initial £1.1bn of export finance, with up to £500m more": the money mention (index) that
    /// adds a further tranche to figure `k` — the next figure of the sentence, in its currency,
    /// followed by "more".
    pub(crate) fn further_tranche(&self, words: &Words, k: usize) -> Option<usize> {
        let m = &self.mentions[k];
        let (j, next) = self.mentions.iter().enumerate().skip(k + 1).find(|(_, n)| n.kind == MentionKind::Money)?;
        let more = words.words.get(words.index_at(next.bytes.1)).is_some_and(|(w, _, _)| w == "more");
        (more && next.currency == m.currency).then_some(j)
    }

    /// "NZ$5 million for Gaza, of which NZ$2 million will go to UNRWA and NZ$3 million to the World
    /// Food Programme": a figure split among agencies that carry it is one gift; the parts are not.
    fn split_among_channels(&self, words: &Words, m: &Mention) -> bool {
        let end = words.index_at(m.bytes.1);
        let of_which = words
            .words
            .get(end..(end + 6).min(words.words.len()))
            .is_some_and(|ws| ws.windows(2).any(|w| w[0].0 == "of" && w[1].0 == "which"));
        let parts: Vec<&Mention> =
            self.mentions.iter().filter(|n| n.kind == MentionKind::Money && n.bytes.0 > m.bytes.1).collect();
        of_which
            && !parts.is_empty()
            && parts.iter().all(|n| {
                let after = words.index_at(n.bytes.1);
                self.actors.iter().any(|a| {
                    let wa = words.index_at(a.bytes.0);
                    a.is_channel() && wa >= after && wa <= after + 5
                })
            })
    }

    /// [figure-sizes-owned-thing] "in bid to destroy Russia's major £3m bridge to Crimea": a figure
    /// right after a party's possessive (one modifier may stand between) whose next words name no
    /// aid, deal, instrument or class of support sizes a thing the country owns; nothing is given
    /// (sample of summaries, unlabelled: the Crimea bridge headline). "Japan's $60 million pledge",
    /// "Germany's €2.7bn military package" and a named programme still give.
    fn sizes_an_owned_thing(&self, words: &Words, wi: usize, m: &Mention) -> bool {
        let ws = &words.words;
        let possessive = |k: usize| ws[k].0.ends_with("'s") || ws[k].0.ends_with("’s");
        let owner = (wi.saturating_sub(2)..wi).find(|&k| possessive(k)).filter(|&k| {
            // The modifier between is a word, not a figure or a hedge ("Japan's over $60 million").
            (k + 1..wi).all(|j| {
                ws[j].0.bytes().all(|b| b.is_ascii_lowercase()) && !cue_data::HEDGES.contains(&ws[j].0.as_str())
            }) && self.actors.iter().any(|a| {
                matches!(a.what, ActorRef::Country { .. }) && a.party().is_some() && words.index_at(a.bytes.0) == k
            })
        });
        if owner.is_none() {
            return false;
        }
        let end = words.index_at(m.bytes.1).min(ws.len());
        let after = &ws[end..(end + 3).min(ws.len())];
        // A name after the figure is a programme's ("USAID's $8.8 million regional Energy Sector Reform").
        // Up to a preposition: "bridge to Crimea" names where the bridge leads.
        let named = after
            .iter()
            .take_while(|(w, _, _)| !matches!(w.as_str(), "to" | "in" | "for" | "of" | "on" | "at"))
            .any(|(_, s, _)| self.text[*s..].starts_with(char::is_uppercase));
        !after.is_empty()
            && !named
            && !after.iter().enumerate().any(|(j, (w, _, _))| {
                let next = after.get(j + 1).map_or("", |n| n.0.as_str());
                is_trigger(w)
                    || cues::is_aid_word(w)
                    || cue_data::COMMITMENT_NOUNS.has(w)
                    || cues::instrument_cue(w, next).is_some()
                    || cues::category_cue(w).is_some()
            })
    }

    /// [veto-appositive-size] "the Cambodia Climate Financing Facility (CCFF), a $100 million green
    /// bank", "the WISE Initiative—an over $2 billion public-private partnership": a figure in an
    /// appositive (a comma or dash, then "a"/"an", a hedge) whose noun, within four words, is a
    /// fund, programme or platform sizes the thing just named; the sentence gives something else or
    /// nothing (eval/labels wh2426-final-f, read after its first look: the COP29 fact sheet).
    fn sizes_a_named_thing(&self, words: &Words, m: &Mention) -> bool {
        let end = words.index_at(m.bytes.1);
        self.opening_of_figure_phrase(m).is_some()
            && words.words[end.min(words.words.len())..(end + 4).min(words.words.len())]
                .iter()
                .any(|(w, _, _)| cue_data::SIZED_THING_NOUNS.has(w))
    }

    /// The comma or dash (its byte offset) that opens a noun phrase of its own beginning with the
    /// figure: "…, a $100 million green bank", "…—an over $2 billion partnership".
    pub(crate) fn opening_of_figure_phrase(&self, m: &Mention) -> Option<usize> {
        let mut before = self.text[self.sentence.start.min(m.bytes.0)..m.bytes.0].trim_end();
        // A hedge as whole words ("…, an over $2 billion"; not the end of "handsome").
        if let Some(rest) = cue_data::HEDGES
            .iter()
            .filter_map(|h| before.strip_suffix(h))
            .find(|rest| rest.ends_with(|c: char| !c.is_alphanumeric()))
        {
            before = rest.trim_end();
        }
        // The article, as a word: "…, a", "…—an".
        let before = before.strip_suffix("an").or_else(|| before.strip_suffix('a'))?.trim_end();
        let mark = before.chars().next_back()?;
        let opens = matches!(mark, ',' | '–' | '—') || before.ends_with(" -");
        opens.then(|| self.sentence.start.min(m.bytes.0) + before.len() - mark.len_utf8())
    }

    /// [role-other-list-item] "inking a minerals deal with Ukraine, a $14 billion sale of U.S.
    /// Steel, and trade deals with …": a figure that opens an item of a list ("…, a $N …, and …")
    /// belongs to that item; a party named in an item before it is not its recipient (eval/labels
    /// wh2426-final-f, read after its first look: the six-months article).
    pub(crate) fn in_later_list_item(&self, m: &Mention, party_bytes: (usize, usize)) -> bool {
        let Some(comma) = self.opening_of_figure_phrase(m).filter(|&k| self.text[k..].starts_with(',')) else {
            return false;
        };
        let rest = &self.text[m.bytes.1..self.sentence.end.max(m.bytes.1)];
        party_bytes.1 <= comma && rest.contains(", and ")
    }

    /// [items-apart-by-recipient] "2 million doses of the Pfizer vaccine will begin to ship to Peru
    /// …, and 2.5 million doses of the Moderna vaccine will ship to Pakistan": items each followed,
    /// before the next item, by their own "to <party>" go each to that party (eval/labels
    /// wh2123-final-i, the June 2021 briefing). `None` unless every item has one and they differ.
    pub(crate) fn recipients_per_item(
        &self,
        items: &[(Item, (usize, usize))],
        giver: Option<&'static str>,
    ) -> Option<Vec<Role>> {
        if items.len() < 2 {
            return None;
        }
        let parts: Option<Vec<Role>> = items
            .iter()
            .enumerate()
            .map(|(k, (_, at))| {
                let end = items.get(k + 1).map_or(self.sentence.end, |next| next.1.0);
                self.actors.iter().find_map(|a| {
                    let party = a.party()?;
                    let before = self.text[at.1..a.bytes.0.max(at.1)].trim_end();
                    (a.bytes.0 >= at.1
                        && a.bytes.1 <= end
                        && Some(party) != giver
                        && (before.ends_with(" to") || before.ends_with(" to the"))
                        && !matches!(
                            a.what,
                            ActorRef::Person { .. } | ActorRef::Place { .. } | ActorRef::Company { .. }
                        ))
                    .then_some((party, a.bytes, 2))
                })
            })
            .collect();
        parts.filter(|p| p.windows(2).all(|w| w[0].0 != w[1].0))
    }

    /// "At least $50 million of the $150 million pledge": a share of the figure that follows.
    fn part_of_next(&self, words: &Words, k: usize) -> bool {
        let m = &self.mentions[k];
        let end = words.index_at(m.bytes.1);
        if words.words.get(end).is_none_or(|w| w.0 != "of") {
            return false;
        }
        let Some(next) = self.mentions[k + 1..].iter().find(|n| n.kind == MentionKind::Money) else { return false };
        // Only a determiner between ("of the $150 million pledge"), not a phrase that goes on ("£200m
        // of export finance to Moldova, with up to £100m more").
        let to = words.index_at(next.bytes.0);
        to <= end + 6
            && next.currency == m.currency
            && words.words[end + 1..to.max(end + 1)].iter().all(|(w, _, _)| {
                matches!(
                    w.as_str(),
                    "the" | "a" | "an" | "its" | "their" | "this" | "that" | "total" | "overall" | "entire"
                )
            })
    }

    /// A speaker who corrects himself ("another $800 billion — $800 million"): the figure
    /// right after a dash, in the same currency, replaces this one.
    fn corrected(&self, k: usize) -> bool {
        let m = &self.mentions[k];
        self.mentions.get(k + 1).is_some_and(|n| {
            n.kind == MentionKind::Money
                && n.currency == m.currency
                && self.text.get(m.bytes.1..n.bytes.0).is_some_and(|gap| {
                    let gap = gap.trim();
                    !gap.is_empty() && gap.chars().all(|c| matches!(c, '—' | '–' | '.' | '…' | ' '))
                })
        })
    }

    /// The party that a bracketed figure belongs to: "Japan ($1.08 billion)".
    pub(crate) fn party_before_bracket(&self, m: &Mention) -> Option<&Actor> {
        let open = self.text[..m.bytes.0].rfind('(')?;
        let between = self.text[open + 1..m.bytes.0].trim();
        if !(between.is_empty() || matches!(between, "to" | "nearly" | "about" | "some" | "over" | "almost")) {
            return None;
        }
        self.actors.iter().find(|a| {
            a.party().is_some()
                && !matches!(a.what, ActorRef::Person { .. })
                && self.text.get(a.bytes.1..open).is_some_and(|gap| gap.trim().is_empty())
        })
    }

    /// Whether a recipient at `r` stands in another clause than the figure `m`: a semicolon
    /// between them, or another figure (not a twin of this one, not a bracketed conversion)
    /// between the figure and a recipient after it.
    pub(crate) fn recipient_elsewhere(&self, words: &Words, m: &Mention, ids: &[usize], r: (usize, usize)) -> bool {
        let (lo, hi) = if r.0 >= m.bytes.1 { (m.bytes.1, r.0) } else { (r.1, m.bytes.0) };
        // [recipient-list-lead-in] "pledges to the Global Fund: almost 1.6 billion euros from
        // France; …; 1.2 billion dollars from Canada": a recipient in the lead-in before a colon
        // is every listed item's, semicolons or not (eval/labels wh2123-final-n, the Global Fund
        // replenishment remarks: read after its first look).
        let lead_in = r.1 <= m.bytes.0
            && self
                .text
                .get(lo..hi)
                .and_then(|gap| gap.find(':'))
                .is_some_and(|c| !self.text[lo..lo + c].contains(';'));
        if !lead_in && self.text.get(lo..hi).is_none_or(|gap| gap.contains(';')) {
            return true;
        }
        r.0 >= m.bytes.1
            && self.mentions.iter().enumerate().any(|(k, x)| {
                x.kind == MentionKind::Money
                    // A total told in passing ("for a matching total of $100 million") opens no clause.
                    && !{
                        let wx = words.index_at(x.bytes.0);
                        words.words[wx.saturating_sub(3)..wx].iter().any(|(w, _, _)| TOTAL_CUES.contains(&w.as_str()))
                    }
                    && !ids.contains(&(self.base + k))
                    && x.linked.is_none_or(|l| !ids.contains(&l))
                    && x.bytes.0 >= m.bytes.1
                    && x.bytes.1 <= r.0
                    && !self.text[..x.bytes.0].trim_end().ends_with('(')
            })
    }

    /// The countries and institutions listed together with the actor at `at`
    /// ("Kuwait, Qatar, Saudi Arabia, and the UAE"), in order, with their parties.
    pub(crate) fn listed_with(&self, at: (usize, usize)) -> Vec<(&Actor, &'static str)> {
        let parties: Vec<(&Actor, &'static str)> = self
            .actors
            .iter()
            .filter(|a| a.bytes.0 >= self.sentence.start && a.bytes.1 <= self.sentence.end)
            .filter(|a| !matches!(a.what, ActorRef::Person { .. }))
            .filter_map(|a| Some((a, a.party()?)))
            .collect();
        let Some(k) = parties.iter().position(|(a, _)| a.bytes == at) else { return Vec::new() };
        let joined = |j: usize| {
            self.text.get(parties[j].0.bytes.1..parties[j + 1].0.bytes.0).is_some_and(|gap| {
                gap.split(|c: char| c == ',' || c.is_whitespace()).all(|w| matches!(w, "" | "and" | "the"))
            })
        };
        let (mut lo, mut hi) = (k, k);
        while lo > 0 && joined(lo - 1) {
            lo -= 1;
        }
        while hi + 1 < parties.len() && joined(hi) {
            hi += 1;
        }
        parties[lo..=hi].to_vec()
    }

    /// A party named just after a figure with "to" or "for" ("€50m to the WHO"),
    /// before the next figure.
    pub(crate) fn recipient_right_after(&self, words: &Words, from: usize, until: usize) -> Option<&Actor> {
        let first = words.index_at(from);
        self.actors
            .iter()
            .find(|a| {
                let wi = words.index_at(a.bytes.0);
                a.bytes.0 >= from
                    && a.bytes.1 <= until
                    && wi > first
                    && wi - first <= 4
                    && matches!(words.words[wi - 1].0.as_str(), "to" | "for" | "towards" | "toward" | "the")
                    && words.words[first..wi]
                        .iter()
                        .any(|(w, _, _)| matches!(w.as_str(), "to" | "for" | "towards" | "toward"))
                    && !matches!(a.what, ActorRef::Person { .. } | ActorRef::Place { .. } | ActorRef::Company { .. })
            })
            .or_else(|| self.firm_in_country_after(words, first, until))
    }

    /// [role-giver-right-after] "almost 1.6 billion euros from France; 1.3 billion from Germany; 1
    /// billion dollars from Japan": in a list of figures, the country or institution right after a
    /// figure's "from" gives that figure (eval/labels wh2123-final-n, the Global Fund
    /// replenishment remarks: read after its first look). A fund or budget line named there
    /// ("from the Ukraine supplemental") is no giver.
    pub(crate) fn giver_right_after(&self, words: &Words, from: usize, until: usize) -> Option<&Actor> {
        let first = words.index_at(from);
        let ws = &words.words;
        let k = (first..(first + 2).min(ws.len())).find(|&k| ws[k].0 == "from")?;
        let at = k + 1 + usize::from(ws.get(k + 1).is_some_and(|w| w.0 == "the"));
        self.actors.iter().find(|a| {
            words.index_at(a.bytes.0) == at
                && a.bytes.1 <= until
                && matches!(a.what, ActorRef::Country { .. } | ActorRef::Institution { .. })
                && !a.is_channel()
                && ws.get(words.index_at(a.bytes.1)).is_none_or(|w| !cue_data::BUDGET_LINE_WORDS.has(&w.0))
        })
    }

    /// "$7.4 million in financing to Sapele Power in Nigeria": a firm's country, when the
    /// figure goes "to" a named body "in" a country before the next figure.
    fn firm_in_country_after(&self, words: &Words, first: usize, until: usize) -> Option<&Actor> {
        let to =
            (first..words.words.len().min(first + 5)).find(|&k| matches!(words.words[k].0.as_str(), "to" | "for"))?;
        let named = words.capitalised(to + 1);
        self.actors.iter().find(|a| {
            let wi = words.index_at(a.bytes.0);
            named
                && a.bytes.1 <= until
                && wi > to + 1
                && wi - to <= 10
                && words.words[wi - 1].0 == "in"
                && matches!(a.what, ActorRef::Country { via: crate::actors::Via::Name, .. })
        })
    }
}

fn num_value(v: &MentionValue) -> Option<Decimal> {
    match v {
        MentionValue::Number(d) => Some(*d),
        MentionValue::Date(_) => None,
    }
}

pub(crate) fn to_amount(m: &Mention) -> Option<Amount> {
    Some(Amount {
        value: num_value(&m.value)?,
        currency: m.currency?.to_string(),
        qualifier: m.qualifier.unwrap_or(Qualifier::Exact),
        upper: m.upper.as_ref().and_then(num_value),
    })
}

pub(crate) fn to_item(m: &Mention) -> Item {
    Item {
        quantity: num_value(&m.value),
        qualifier: m.qualifier,
        upper: m.upper.as_ref().and_then(num_value),
        item: m.item.clone().unwrap_or_default(),
        class: m.class.unwrap_or(ItemClass::Other),
    }
}
