//! Hard constraints: checks that no rule, fallback or score may override.
//! Each holds for every record the extractor emits, and each has its own
//! tests (here and in the assembly cases).

use super::record::Commitment;
use super::rules::{self, trace};
use crate::document::{Document, SegmentKind};

use super::cue_data::{AT_WAR, SHARED_SIGNS};
// `finalise` reads the phrases of a recipient's voice from here.
pub use super::cue_data::{OWN_DECISION_CUES, RECEIVING_CUES};

/// The currency a figure written with a shared sign stands for ("Rs. 300 million" in a Sri
/// Lankan decision on an Indian grant is in Sri Lankan rupees): the recipient's when it uses
/// the sign, else the donor's, else that of the outlet's country (`outlet`, asked only then: a
/// `.lk` paper's "Rs" is the Sri Lankan rupee). `None` when the figure names its currency
/// otherwise or no such party uses the sign. `read_as` is the currency the mention stage chose
/// (the sign's default).
pub fn shared_sign_currency(
    figure: &str,
    read_as: &str,
    recipient: &str,
    donor: &str,
    outlet: impl FnOnce() -> Option<&'static str>,
) -> Option<&'static str> {
    let sign = shared_sign(figure)?;
    let readings: Vec<_> = SHARED_SIGNS.iter().filter(|s| s.0 == sign).collect();
    if !readings.iter().any(|s| s.2 == read_as) {
        return None;
    }
    let reading = |p: &str| readings.iter().find(|s| s.1 == p).map(|s| s.2);
    reading(recipient).or_else(|| reading(donor)).or_else(|| outlet().and_then(reading))
}

/// The shared sign a figure is written with ("Rs. 6 million" → "rs"), if any: such a sign names
/// no country, so it cannot make its country the giver.
pub fn shared_sign(figure: &str) -> Option<&'static str> {
    let lower = figure.trim_start().to_lowercase();
    // A qualifier may open the figure ("exceeding Rs. 1.8 billion"): a short sign counts as the
    // last word before the digits (eval/labels longform-c, an opinion piece on accountants).
    let before_digits = &lower[..lower.find(|c: char| c.is_ascii_digit()).unwrap_or(lower.len())];
    let last_word = before_digits.split_whitespace().last().unwrap_or("").trim_end_matches('.');
    SHARED_SIGNS.iter().map(|s| s.0).find(|s| {
        let opens = lower.strip_prefix(s).is_some_and(|r| !r.starts_with(char::is_alphabetic));
        opens || last_word == *s || (s.len() > 3 && lower.contains(s))
    })
}

/// [constraint-aggressor] An aggressor neither gives aid to, nor receives aid from, the
/// country it attacks: "Russia's war against Ukraine" next to a US figure names no donor.
pub fn at_war(donor: &str, recipient: &str) -> bool {
    AT_WAR.iter().any(|&(a, b)| a == donor && b == recipient)
}

/// [constraint-headline-reversed] A headline reads the same way as its body: when one
/// record gives A → B and another B → A for the same figure, the one stated in the headline
/// goes ("UK to back Ukrainian missile purchase with up to £1.6bn" read as Ukraine giving);
/// with neither or both in the headline, the less confident one goes.
pub fn drop_reversed(doc: &Document, commitments: &mut Vec<Commitment>) {
    let party = |c: &Commitment| (c.donor.as_ref().map(|p| p.id.clone()), c.recipient.as_ref().map(|p| p.id.clone()));
    let figure = |c: &Commitment| c.amount.as_ref().map(|a| (a.value.normalize(), a.currency.clone()));
    let statement = |c: &Commitment| c.evidence.iter().find(|e| e.field == "statement").map(|e| e.bytes);
    let in_headline = |c: &Commitment| {
        statement(c).is_some_and(|b| {
            doc.segments.iter().any(|g| g.kind == SegmentKind::Headline && g.bytes.0 <= b.0 && b.1 <= g.bytes.1)
        })
    };
    let n = commitments.len();
    let mut drop = vec![false; n];
    for i in 0..n {
        for j in (i + 1)..n {
            let ((di, ri), (dj, rj)) = (party(&commitments[i]), party(&commitments[j]));
            if di != rj || ri != dj || figure(&commitments[i]) != figure(&commitments[j]) {
                continue;
            }
            let (hi, hj) = (in_headline(&commitments[i]), in_headline(&commitments[j]));
            let loser = match (hi, hj) {
                (true, false) => i,
                (false, true) => j,
                _ if commitments[i].confidence < commitments[j].confidence => i,
                _ => j,
            };
            drop[loser] = true;
        }
    }
    let mut k = 0;
    commitments.retain(|c| {
        let keep = !drop[k];
        k += 1;
        if !keep && let Some(b) = statement(c) {
            trace(&doc.text[b.0..b.1], &rules::CONSTRAINT_HEADLINE_REVERSED);
        }
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_sign_is_the_currency_of_the_party_at_home() {
        for (figure, read_as, recipient, donor, outlet, want) in [
            ("Rs. 300 million", "INR", "LK", "IN", None, Some("LKR")),
            ("Rs 5 billion", "INR", "PK", "CN", None, Some("PKR")),
            ("Rs. 40 crore", "INR", "BD", "IN", None, Some("INR")),
            ("Rs 10 million", "INR", "KE", "JP", None, None),
            ("Rs 10 million", "INR", "KE", "JP", Some("LK"), Some("LKR")),
            ("9.8 billion rupees", "INR", "KE", "JP", Some("LK"), Some("LKR")),
            ("Rs 10 million", "INR", "KE", "JP", Some("GB"), None),
            ("INR 300 million", "INR", "LK", "IN", Some("LK"), None),
            ("₹300 crore", "INR", "LK", "IN", None, None),
            ("$5 million", "USD", "LK", "US", Some("LK"), None),
            // A qualifier before the sign: still the shared sign.
            ("exceeding Rs. 1.8 billion", "INR", "LK", "IN", None, Some("LKR")),
            ("more than Rs 2 billion", "INR", "PK", "CN", None, Some("PKR")),
            // A word that only begins like a sign is none.
            ("rsvp 20 guests", "INR", "LK", "IN", None, None),
        ] {
            assert_eq!(
                shared_sign_currency(figure, read_as, recipient, donor, || outlet),
                want,
                "{figure} {recipient} {donor} {outlet:?}"
            );
        }
    }

    #[test]
    fn receiving_cues_are_lowercase_phrases() {
        assert!(RECEIVING_CUES.contains(&"funded by"));
        assert!(RECEIVING_CUES.iter().all(|c| c.chars().all(|ch| !ch.is_uppercase())));
    }

    #[test]
    fn parties_at_war_are_never_donor_and_recipient() {
        for (donor, recipient, war) in [
            ("RU", "UA", true),
            ("UA", "RU", true),
            ("BY", "UA", true),
            ("US", "UA", false),
            ("RU", "SY", false),
            ("US", "YE", false),
            ("KP", "KR", true),
            ("GB", "UA", false),
        ] {
            assert_eq!(at_war(donor, recipient), war, "{donor} → {recipient}");
        }
    }
}
