//! Cue words: what makes a sentence state a commitment (triggers), what makes
//! it something else (calls, totals, budgets, sanctions), and what sets the
//! category, instrument and status. Matched on lowercase words of a sentence.

use super::record::{Category, Instrument, Status};

/// Lowercase words of one sentence with their byte spans (for evidence).
pub struct Words<'t> {
    pub words: Vec<(String, usize, usize)>,
    pub text: &'t str,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str, start: usize, end: usize) -> Self {
        let mut words = Vec::new();
        let s = &text[start..end];
        let mut i = 0;
        let b = s.as_bytes();
        while i < b.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                let mut j = i;
                while j < b.len() {
                    let d = s[j..].chars().next().unwrap_or(' ');
                    if d.is_alphanumeric()
                        || ((d == '-' || d == '\'' || d == '’')
                            && j + d.len_utf8() < b.len()
                            && s[j + d.len_utf8()..].starts_with(char::is_alphanumeric))
                    {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                words.push((s[i..j].to_lowercase(), start + i, start + j));
                i = j;
            } else {
                i += c.len_utf8();
            }
        }
        Words { words, text }
    }

    pub fn has(&self, w: &str) -> bool {
        self.words.iter().any(|(x, _, _)| x == w)
    }

    /// Index of the first word for which `f` holds.
    pub fn find(&self, f: impl Fn(&str) -> bool) -> Option<usize> {
        self.words.iter().position(|(x, _, _)| f(x))
    }

    /// Whether the phrase (space-separated lowercase words) occurs; returns its first word index.
    pub fn phrase(&self, p: &str) -> Option<usize> {
        let parts: Vec<&str> = p.split(' ').collect();
        (0..self.words.len().saturating_sub(parts.len() - 1))
            .find(|&i| parts.iter().enumerate().all(|(k, w)| self.words[i + k].0 == *w))
    }

    /// Word index at or after byte offset `b`.
    pub fn index_at(&self, b: usize) -> usize {
        self.words.iter().position(|(_, s, _)| *s >= b).unwrap_or(self.words.len())
    }
}

/// Words that begin like a trigger stem but are no act of giving: "significant"
/// (sign), "aides" (aid), "authorities" (authori), "committee" (commit), "handful" (hand).
fn is_false_trigger(w: &str) -> bool {
    const PREFIXES: &[&str] =
        &["signific", "signal", "handl", "handful", "authorit", "committee", "fundament", "dealer"];
    matches!(w, "aide" | "aides") || PREFIXES.iter().any(|p| w.starts_with(p))
}

/// Verbs and nouns that state a commitment.
pub fn is_trigger(w: &str) -> bool {
    if is_false_trigger(w) {
        return false;
    }
    const STEMS: &[&str] = &[
        "pledg",
        "launch",
        "announc",
        "provid",
        "hand",
        "ship",
        "dispatch",
        "suppl",
        "deliver",
        "donat",
        "grant",
        "lend",
        "loan",
        "financ",
        "guarante",
        "approv",
        "authori",
        "sign",
        "order",
        "contract",
        "package",
        "tranche",
        "drawdown",
        "deal",
        "allocat",
        "commit",
        "contribut",
        "disburs",
        "transfer",
        "offer",
        "award",
        "fund",
        "releas",
        "unveil",
        // "The Tánaiste also confirmed a further €3 million to the World Food Programme"
        "confirm",
        "equip",
        "purchas",
        "procur",
        "credit",
        "aid",
        "assistance",
        "support",
        "gift",
        "sell",
        "sale",
        "agreement",
    ];
    matches!(
        w,
        "send"
            | "sends"
            | "sent"
            | "sending"
            | "give"
            | "gives"
            | "gave"
            | "giving"
            | "given"
            | "lent"
            | "help"
            | "helps"
            | "buy"
            | "buys"
            | "bought"
            | "receive"
            | "receives"
            | "received"
            | "earmark"
            | "earmarked"
    ) || STEMS.iter().any(|s| w.starts_with(s))
}

/// Words that say a sentence is about aid, not spending in general.
pub fn is_aid_word(w: &str) -> bool {
    matches!(
        w,
        "assistance"
            | "aid"
            | "support"
            | "package"
            | "loan"
            | "loans"
            | "grant"
            | "grants"
            | "drawdown"
            | "tranche"
            | "pledge"
            | "pledged"
            | "pledges"
            | "humanitarian"
            | "donation"
            | "donate"
            | "donated"
            | "contribution"
            | "relief"
            | "financing"
            | "guarantee"
            | "guarantees"
            | "credit"
            | "equipment"
            | "weapons"
            | "munitions"
            | "ammunition"
            | "military"
            | "security"
            | "capabilities"
            | "defense"
            | "defence"
            | "export"
            | "funding"
            | "replenishment"
            | "contributions"
            | "donations"
            | "doses"
            | "vaccines"
            | "vaccine"
            | "grant-funded"
            | "contribute"
            | "contributes"
            | "contributed"
            | "donates"
            | "generators"
            | "commitment"
            | "commitments"
            | "project"
            | "program"
            | "programme"
            | "initiative"
            | "fund"
            | "award"
            | "awards"
    )
}

/// Forums of donors: they meet and pledge through their members, and never receive.
pub fn is_donor_group(id: &str) -> bool {
    matches!(id, "G7" | "G20" | "UDCG" | "PARIS-CLUB" | "BRICS" | "OECD")
}

/// Phrases after which a figure is a running total, not a new commitment.
pub const TOTAL_CUES: &[&str] = &[
    "since",
    "so far",
    "to date",
    "in total",
    "total of",
    "totalling",
    "totals",
    "totaling",
    "total",
    "bringing",
    "brings",
    "overall",
    "cumulative",
    "altogether",
    "thus far",
    "in all",
    "combined",
];

/// Verbs that report a conversation about support rather than an act giving it.
pub fn is_conversation(w: &str) -> bool {
    matches!(
        w,
        "discussed"
            | "discuss"
            | "noted"
            | "welcomed"
            | "welcome"
            | "welcomes"
            | "highlighted"
            | "reviewed"
            | "praised"
            | "commended"
            | "thanked"
            | "applauded"
            | "appreciated"
            | "appreciation"
            | "gratitude"
            | "recognized"
            | "recognised"
            | "celebrated"
            | "reaffirmed"
            | "reaffirms"
            | "reiterated"
            | "reiterates"
            | "recalled"
            | "underscored"
            | "emphasized"
            | "emphasised"
            | "acknowledged"
            | "lauded"
    )
}

/// Words that make a figure in a reported conversation new: a decision now or later.
pub fn is_fresh_act(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "would"
            | "announced"
            | "announce"
            | "announces"
            | "announcing"
            | "announcement"
            | "new"
            | "additional"
            | "intends"
            | "intend"
            | "plans"
            | "signing"
            | "signature"
            | "launch"
            | "launched"
            | "launching"
            | "pledged"
            | "pledge"
            | "pledges"
            | "decision"
            | "approval"
    )
}

/// Words that make a sentence a call, hope, question or condition rather than a commitment.
pub fn is_call_or_hope(w: &str) -> bool {
    matches!(
        w,
        "urge"
            | "urges"
            | "urged"
            | "urging"
            | "encourage"
            | "encourages"
            | "encouraged"
            | "encouraging"
            | "appeal"
            | "appeals"
            | "appealed"
            | "should"
            | "must"
            | "hope"
            | "hopes"
            | "hoped"
            | "ask"
            | "asks"
            | "asking"
            | "request"
            | "requests"
            | "requested"
            | "requesting"
            | "could"
            | "might"
            | "if"
            | "unless"
            | "consider"
            | "considers"
            | "considering"
            | "considered"
            | "proposal"
            | "proposals"
            | "propose"
            | "proposes"
            | "proposed"
            | "debate"
            | "debated"
            | "debating"
            | "discussing"
            | "weighing"
            | "possible"
            | "possibly"
            | "potentially"
            | "alluded"
            | "possibility"
            | "whether"
            // "JICA is expected to cofinance the program with a loan of about ¥30 billion": a forecast.
            | "expected"
            | "aim"
            | "aims"
            // "UKEF has capacity to support up to £8 billion of business": a limit, not a deal.
            | "capacity"
            | "aiming"
            // "The plan requires a further $1.8 billion": a need, not a gift.
            | "require"
            | "requires"
            | "required"
            | "requiring"
            | "seek"
            | "seeks"
            | "seeking"
            | "sought"
            | "wants"
            | "want"
            | "demand"
            | "demands"
            | "demanded"
            | "lobbying"
            | "calls"
            | "called"
            | "estimate"
            | "estimates"
            | "legislation"
            | "forward"
            | "potential"
    )
}

/// Words that make a figure something other than support given to another
/// party: own budgets, sanctions, frozen assets, damage, trade, prices.
pub fn is_other_money(w: &str) -> bool {
    matches!(
        w,
        "budget"
            | "budgets"
            | "spending"
            // A fund's target size or a lender's book is no pledge.
            | "target"
            | "ambition"
            | "goal"
            | "targets"
            | "targeting"
            | "capitalization"
            | "capitalisation"
            | "exposure"
            | "gdp"
            | "sanction"
            | "sanctions"
            | "sanctioned"
            | "frozen"
            | "immobilised"
            | "immobilized"
            | "seized"
            | "assets"
            | "windfall"
            | "damage"
            | "damages"
            | "losses"
            | "revenue"
            | "revenues"
            | "inflation"
            | "salary"
            | "salaries"
            | "price"
            | "prices"
            | "tariff"
            | "tariffs"
            | "exports"
            | "imports"
            | "trade"
            | "profit"
            | "profits"
            | "benefits"
            | "fine"
            | "fined"
            | "bribe"
            | "bribes"
            | "ransom"
            | "stolen"
            // Assets returned by a court or recovered from crime are restitution, not support.
            | "proceeds"
            | "forfeited"
            | "forfeiture"
            | "restitution"
            | "laundering"
            | "smuggling"
            | "deficit"
            | "valuation"
            | "earned"
            | "earns"
            | "market"
            | "shares"
            | "stock"
            | "invest"
            | "invests"
            | "investment"
            | "investments"
            | "investors"
            | "tax"
            | "taxes"
            | "wages"
            | "cost"
            | "costs"
            | "costing"
            | "lost"
            | "bill"
            | "bills"
            | "framework"
            | "authority"
            | "remaining"
            | "unused"
            | "headroom"
            | "left"
            | "reward"
            | "rewards"
            | "bounty"
            | "sanctioning"
            | "envelope"
            | "ceiling"
            | "relationship"
            | "economy"
            | "output"
            | "gdp-"
            | "turnover"
    )
}

/// Category cues.
pub fn category_cue(w: &str) -> Option<Category> {
    Some(match w {
        "military"
        | "defence"
        | "defense"
        | "weapons"
        | "weapon"
        | "arms"
        | "ammunition"
        | "munitions"
        | "missiles"
        | "missile"
        | "artillery"
        | "armed"
        | "air-defence"
        | "air-defense"
        | "drawdown"
        | "tanks"
        | "fighter"
        | "troops"
        | "army"
        | "combat"
        | "lethal"
        | "military-to-military"
        | "fmf"
        | "usai"
        | "howitzers"
        | "rounds"
        | "drones" => Category::Military,
        "humanitarian" | "relief" | "food" | "shelter" | "refugees" | "refugee" | "displaced" | "medical"
        | "health" | "emergency" | "famine" | "hunger" | "earthquake" | "flood" | "floods" | "cholera" | "vaccines"
        | "vaccine" | "winterisation" | "winterization" | "aid-agencies" | "lifesaving" | "life-saving" => {
            Category::Humanitarian
        }
        "loan" | "loans" | "lend" | "lends" | "lent" | "lending" | "budget" | "macro-financial" | "macrofinancial"
        | "financial" | "fiscal" | "guarantee" | "guarantees" | "bonds" | "debt" | "liquidity" | "credit"
        | "financing" | "macroeconomic" => Category::Financial,
        _ => return None,
    })
}

/// Instrument cues on one word, with the next word for two-word cues.
pub fn instrument_cue(w: &str, next: &str) -> Option<Instrument> {
    Some(match (w, next) {
        ("export", "finance" | "financing" | "credit" | "credits") | ("ukef", _) | ("exim", _) => {
            Instrument::ExportFinance
        }
        ("budget", "support") | ("macro-financial", _) | ("macrofinancial", _) | ("direct", "budget") => {
            Instrument::BudgetSupport
        }
        ("loan" | "loans" | "lend" | "lends" | "lending" | "lent" | "concessional", _) => Instrument::Loan,
        ("credit", "line") | ("line", "of") => Instrument::Loan,
        ("guarantee" | "guarantees" | "guaranteed", _) => Instrument::Guarantee,
        ("drawdown" | "drawdowns", _)
        | ("stocks" | "stockpiles" | "inventories", _)
        | ("in-kind", _)
        | ("donated", _) => Instrument::InKind,
        ("grant" | "grants" | "donation" | "contribution" | "contributions" | "donates" | "donate", _) => {
            Instrument::Grant
        }
        ("contract" | "contracts" | "procurement" | "procure" | "purchase" | "order" | "ordered", _) => {
            Instrument::Contract
        }
        _ => return None,
    })
}

/// Status cues, strongest first.
pub fn status_cue(w: &str) -> Option<Status> {
    Some(match w {
        "delivered" | "arrived" | "handed" => Status::Delivered,
        "disbursed" | "paid" | "transferred" => Status::Disbursed,
        "contract" | "contracts" | "contracted" | "awarded" | "ordered" => Status::Contracted,
        "signed" | "decided" | "decides" | "approved" | "approves" | "authorized" | "authorised" | "authorizing"
        | "authorising" | "agreed" | "allocated" | "allocates" | "committed" | "commits" | "adopted" | "sign"
        | "signs"
        // A legal instrument acts as it is signed: "I hereby direct", "I delegate the authority".
        | "hereby" | "delegate" | "delegates" | "assign" | "assigns" => Status::Committed,
        "intends" | "intend" | "intention" | "plans" | "plan" | "ready" | "willing" | "prepared" | "aims" => {
            Status::Intent
        }
        "will" | "pledged" | "pledges" | "pledge" | "announced" | "announces" | "announce" | "unveiled" | "unveils"
        | "providing" | "provides" | "sending" | "offers" | "offered" => Status::Announced,
        _ => return None,
    })
}
