//! Later reports linked to the commitment they follow up (issue 17, item 4): a delivery, a
//! disbursement, a contract or an agreement signed, reported weeks after the announcement.
//!
//! A report whose sentence tells such a stage (the pipeline's `FollowUp`) is matched against
//! the earlier entries of its donor and recipient ([`judge`], pure): the instrument must agree
//! (a loan is no grant), and its items or its amount must fit — the same figure, or a part no
//! larger than the whole. One entry that fits on the same instrument is certain: the report
//! joins it as a stage (`lifecycle_links.state = 'linked'`), adding a source and a status but
//! never its figure, so "€100m of €250m disbursed" leaves the entry at €250m. Anything less
//! sure — several entries fit, the instrument is only compatible, nothing but the parties
//! agree — is proposed: the report keeps an entry of its own, and a reviewer accepts (a
//! regrouping merge, so it can be undone) or rejects; both are logged in the review log.

use std::collections::BTreeMap;

use jiff::civil::Date;
use pledgewatch_pipeline::commitments::lifecycle::FollowUp;
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::error::{Error, Result};
use crate::merge::{self, Edits, Figure, Report, TOLERANCE};
use crate::rows::{self, opt_string};

/// How far back an earlier entry may be: a delivery can come years after the pledge.
const LOOKBACK_DAYS: i32 = 3 * 366;

/// At most this many earlier entries of one donor and recipient are compared.
const MAX_CANDIDATES: i64 = 200;

/// What to do with a later report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    pub entry_id: String,
    /// `linked` or `proposed`.
    pub state: &'static str,
    /// What matched: `amount`, `part`, `items`, and `instrument_loose`, `several_candidates`
    /// or `parties_only` for a proposal.
    pub how: String,
}

impl Decision {
    pub fn linked(&self) -> bool {
        self.state == "linked"
    }
}

/// How a later report's figure or items fit an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Neither states a comparable figure or count.
    Unknown,
    /// A part no larger than the whole (a tranche, a first batch).
    Part,
    /// The same count of the same items.
    Items,
    /// The same amount, within the merge tolerance.
    Amount,
}

/// A value in EUR when converted, for comparing figures across currencies.
fn in_eur(value: Decimal, f: &Figure) -> (String, Decimal) {
    match &f.eur {
        Some(c) if !c.rate.is_zero() && value.checked_div(c.rate).is_some() => {
            ("EUR".into(), value.checked_div(c.rate).unwrap_or(value))
        }
        _ => (f.currency.clone(), value),
    }
}

fn within(a: Decimal, b: Decimal) -> bool {
    a.checked_sub(b).is_some_and(|d| d.abs() <= TOLERANCE * a.abs().max(b.abs()))
}

/// How `report` (with the part its sentence names) fits the entry whose own reports are
/// `members`; `None` when it cannot be a stage of it.
fn fit(report: &Report, follow: &FollowUp, members: &[Report]) -> Option<(Fit, bool)> {
    let entry = merge::canonical(members, &Edits::default());
    if members.iter().any(|m| m.document_id == report.document_id) {
        return None;
    }
    let vague = |c: &str| c == "other";
    if entry.category != report.category && !vague(&entry.category) && !vague(&report.category) {
        return None;
    }
    let exclusive = ["grant", "loan", "guarantee"];
    let (a, b) = (entry.instrument.as_str(), report.instrument.as_str());
    let exact = a == b;
    let loose = a == "unspecified"
        || b == "unspecified"
        || matches!((a, b), ("in_kind", "contract") | ("contract", "in_kind") | ("grant", "budget_support"));
    if !exact && (!loose || (exclusive.contains(&a) && exclusive.contains(&b))) {
        return None;
    }
    let mut how = Fit::Unknown;
    // Items: a count of the same class no larger than the entry's.
    for item in report.items.iter().filter(|i| i.class != "other") {
        let whole = members.iter().flat_map(|m| &m.items).find(|i| i.class == item.class).and_then(|i| i.quantity);
        let got = follow.part_quantity.or(item.quantity);
        if let (Some(whole), Some(got)) = (whole, got) {
            if within(got, whole) && follow.part_quantity.is_none() {
                how = how.max(Fit::Items);
            } else if got < whole {
                how = how.max(Fit::Part);
            } else {
                return None;
            }
        }
    }
    // Amount: the same figure, or a part of it.
    if let (Some(whole), Some(fig)) = (&entry.figure, &report.figure) {
        let (wu, wv) = in_eur(whole.value, whole);
        let (ru, rv) = in_eur(fig.value, fig);
        let part = follow.part_amount.as_ref().map(|p| in_eur(p.value, fig));
        if wu == ru {
            if let Some((_, pv)) = part.filter(|(pu, _)| *pu == wu) {
                let most = wv.checked_mul(Decimal::ONE + TOLERANCE).unwrap_or(Decimal::MAX);
                if pv <= most && (within(rv, wv) || rv < wv) {
                    how = how.max(Fit::Part);
                } else {
                    return None;
                }
            } else if within(rv, wv) {
                how = how.max(Fit::Amount);
            } else if rv < wv && follow.partial {
                how = how.max(Fit::Part);
            } else {
                return None;
            }
        }
    }
    Some((how, exact))
}

/// The decision for a later report among the earlier entries (id, own reports, first date).
pub(crate) fn judge(
    report: &Report,
    follow: &FollowUp,
    candidates: &[(String, Vec<Report>, Option<Date>)],
) -> Option<Decision> {
    let mut fits: Vec<(&str, Fit, bool, Option<Date>)> = candidates
        .iter()
        .filter_map(|(id, members, first)| {
            fit(report, follow, members).map(|(f, exact)| (id.as_str(), f, exact, *first))
        })
        .collect();
    // The latest first: of two pledges that fit, the nearer one is likelier.
    fits.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(b.0)));
    let matched: Vec<_> = fits.iter().filter(|f| f.1 > Fit::Unknown).collect();
    let name = |f: Fit| match f {
        Fit::Amount => "amount",
        Fit::Items => "items",
        Fit::Part => "part",
        Fit::Unknown => "parties_only",
    };
    let decision = |entry: &str, state: &'static str, how: &str| {
        Some(Decision { entry_id: entry.to_string(), state, how: how.to_string() })
    };
    match matched.as_slice() {
        [one] if one.2 => decision(one.0, "linked", name(one.1)),
        [one] => decision(one.0, "proposed", &format!("{}_instrument_loose", name(one.1))),
        [first, ..] => decision(first.0, "proposed", "several_candidates"),
        // Nothing to compare: a report with neither figure nor items may still follow one up.
        [] if report.figure.is_none() && report.items.iter().all(|i| i.quantity.is_none()) => {
            fits.first().and_then(|f| decision(f.0, "proposed", "parties_only"))
        }
        [] => None,
    }
}

/// The earlier entries a later report may follow up, and the decision.
pub(crate) async fn decide(conn: &mut AnyConnection, report: &Report, follow: &FollowUp) -> Result<Option<Decision>> {
    let Some(on) = report.announced_on.or(report.published) else { return Ok(None) };
    let from = on.saturating_sub(jiff::Span::new().days(LOOKBACK_DAYS));
    let rows = sqlx::query(
        "SELECT id, COALESCE(announced_on, first_reported) AS first_on FROM ledger_entries \
         WHERE donor_id = $1 AND recipient_id = $2 AND COALESCE(announced_on, first_reported) >= $3 \
         AND COALESCE(announced_on, first_reported) <= $4 ORDER BY first_on DESC, id LIMIT $5",
    )
    .bind(&report.donor.0)
    .bind(&report.recipient.0)
    .bind(from.to_string())
    .bind(on.to_string())
    .bind(MAX_CANDIDATES)
    .fetch_all(&mut *conn)
    .await?;
    let mut candidates = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        let first = rows::date(row, "ledger_entries", "first_on")?;
        let own: Vec<Report> =
            crate::write::load_members(conn, &id).await?.into_iter().filter(|m| m.stage_event.is_none()).collect();
        if !own.is_empty() {
            candidates.push((id, own, first));
        }
    }
    Ok(judge(report, follow, &candidates))
}

/// Records a link or a proposal for commitment `id`.
pub(crate) async fn record(
    conn: &mut AnyConnection,
    id: &str,
    follow: &FollowUp,
    d: &Decision,
    figure: Option<&Figure>,
    now: &str,
) -> Result<()> {
    let part = follow.part_amount.as_ref();
    let part_eur = part.zip(figure).and_then(|(p, f)| {
        f.eur.as_ref().filter(|c| !c.rate.is_zero()).and_then(|c| p.value.checked_div(c.rate)).map(|v| v.round_dp(2))
    });
    sqlx::query(
        "INSERT INTO lifecycle_links (commitment_id, entry_id, stage, state, how, partial, part_value, part_currency, \
         part_eur, part_quantity, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (commitment_id) DO NOTHING",
    )
    .bind(id)
    .bind(&d.entry_id)
    .bind(rows::name_of(&follow.stage))
    .bind(d.state)
    .bind(&d.how)
    .bind(i64::from(follow.partial))
    .bind(opt_string(part.map(|p| p.value)))
    .bind(part.map(|p| p.currency.clone()))
    .bind(opt_string(part_eur))
    .bind(opt_string(follow.part_quantity))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One step of an entry's timeline: a report and the stage it tells.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    /// announced, committed, contracted, delivered, disbursed (intent too).
    pub stage: String,
    pub date: Option<Date>,
    pub commitment_id: String,
    pub document_id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// `own` (a report of the commitment itself), `linked` (a later stage), `proposed`.
    pub link: String,
    /// A part: its sum (in its currency) or count.
    pub part_value: Option<Decimal>,
    pub part_currency: Option<String>,
    pub part_quantity: Option<Decimal>,
    /// A proposal: the entry the report is in now, and what matched.
    pub from_entry: Option<String>,
    pub how: Option<String>,
}

/// How much of the entry a stage has reached: "€100m of €250m disbursed".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    /// delivered or disbursed.
    pub stage: String,
    /// A sum in `currency`, or a count of `item_class`.
    pub done: Decimal,
    pub of: Decimal,
    pub currency: Option<String>,
    pub item_class: Option<String>,
    /// The rest still due (never below zero).
    pub remaining: Decimal,
}

/// An entry's lifecycle: its steps in date order, its progress, and the entries it may
/// follow up (its reports' proposals).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Lifecycle {
    pub timeline: Vec<Step>,
    pub progress: Vec<Progress>,
    /// Proposals of this entry's reports to follow up another entry.
    pub follows: Vec<Step>,
}

const STAGE_ORDER: &[&str] = &["intent", "announced", "committed", "contracted", "delivered", "disbursed"];

impl Store {
    /// The lifecycle of entry `id`: its reports and later stages, and the proposals that
    /// concern it. The commitments are found through the two indexes (an `OR` across the
    /// left join made SQLite scan every commitment: seconds per entry page on a large ledger).
    pub async fn lifecycle(&self, id: &str) -> Result<Lifecycle> {
        let mut conn = self.pool.acquire().await?;
        let conn: &mut AnyConnection = &mut conn;
        let rows = sqlx::query(
            "SELECT c.id, c.status, c.announced_on, d.published, d.id AS doc, d.outlet, d.url, d.title, \
             c.amount_value, c.amount_currency, c.items, l.entry_id AS link_entry, l.stage, l.state, l.how, \
             l.part_value, l.part_currency, l.part_quantity, l.decided_by, c.entry_id AS own_entry \
             FROM commitments c JOIN documents d ON d.id = c.document_id \
             LEFT JOIN lifecycle_links l ON l.commitment_id = c.id \
             WHERE c.id IN (SELECT id FROM commitments WHERE entry_id = $1 \
             UNION SELECT commitment_id FROM lifecycle_links WHERE entry_id = $1 AND state = 'proposed') \
             AND (c.entry_id = $1 OR (l.entry_id = $1 AND l.state = 'proposed')) ORDER BY c.id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let mut out = Lifecycle::default();
        for r in &rows {
            const T: &str = "lifecycle_links";
            let own_entry: String = r.try_get("own_entry")?;
            let link_entry = rows::text(r, "link_entry")?;
            let state = rows::text(r, "state")?;
            let link = match (state.as_deref(), link_entry.as_deref() == Some(id), own_entry == id) {
                (Some("linked"), true, true) => "linked",
                (Some("proposed"), true, false) => "proposed",
                (Some("proposed"), false, true) => "follows",
                _ if own_entry == id => "own",
                _ => continue,
            };
            let stage = match link {
                "own" => r.try_get::<String, _>("status")?,
                _ => rows::text(r, "stage")?.unwrap_or_default(),
            };
            let step = Step {
                stage,
                date: rows::date(r, "commitments", "announced_on")?.or(rows::date(r, "documents", "published")?),
                commitment_id: r.try_get("id")?,
                document_id: r.try_get("doc")?,
                outlet: rows::text(r, "outlet")?,
                url: rows::text(r, "url")?,
                title: rows::text(r, "title")?,
                link: if link == "follows" { "proposed".into() } else { link.into() },
                part_value: rows::decimal(r, T, "part_value")?,
                part_currency: rows::text(r, "part_currency")?,
                part_quantity: rows::decimal(r, T, "part_quantity")?,
                from_entry: (link == "proposed").then_some(own_entry),
                how: match (link, rows::text(r, "decided_by")?) {
                    ("own", _) => None,
                    ("linked", Some(by)) => Some(format!("accepted by {by}")),
                    _ => rows::text(r, "how")?,
                },
            };
            if link == "follows" {
                out.follows.push(Step { from_entry: link_entry, ..step });
            } else {
                out.timeline.push(step);
            }
        }
        let rank = |s: &str| STAGE_ORDER.iter().position(|x| *x == s).unwrap_or(0);
        out.timeline.sort_by(|a, b| {
            (a.date.is_none(), a.date, rank(&a.stage), &a.commitment_id).cmp(&(
                b.date.is_none(),
                b.date,
                rank(&b.stage),
                &b.commitment_id,
            ))
        });
        out.progress = progress(conn, id, &out.timeline).await?;
        Ok(out)
    }

    /// A reviewer accepts or rejects the proposal that commitment `id` follows up an earlier
    /// entry. Accepting merges the report's entry into it (a regrouping, so it can be
    /// undone) with the report as a stage; both are logged in the earlier entry's review log.
    pub async fn decide_link(&self, id: &str, accept: bool, actor: &str, note: Option<&str>) -> Result<String> {
        let mut tx = self.begin_write().await?;
        let conn: &mut AnyConnection = &mut tx;
        let row = sqlx::query(
            "SELECT l.entry_id, l.state, l.stage, c.entry_id AS own FROM lifecycle_links l \
             JOIN commitments c ON c.id = l.commitment_id WHERE l.commitment_id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NoLink(id.to_string()))?;
        let (target, state, stage, own): (String, String, String, String) =
            (row.try_get("entry_id")?, row.try_get("state")?, row.try_get("stage")?, row.try_get("own")?);
        if state != "proposed" {
            return Err(Error::Review(format!("the link of commitment {id} is {state}, not proposed")));
        }
        let now = crate::now();
        let new_state = if accept { "linked" } else { "rejected" };
        sqlx::query("UPDATE lifecycle_links SET state = $1, decided_by = $2, decided_at = $3 WHERE commitment_id = $4")
            .bind(new_state)
            .bind(actor)
            .bind(&now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        if accept && own != target {
            // The report's entry-mates are later reports of the same stage.
            sqlx::query(
                "INSERT INTO lifecycle_links (commitment_id, entry_id, stage, state, how, partial, at, decided_by, decided_at) \
                 SELECT c.id, $1, $2, 'linked', 'with_accepted', 0, $3, $4, $3 FROM commitments c \
                 WHERE c.entry_id = $5 AND c.id <> $6 ON CONFLICT (commitment_id) DO NOTHING",
            )
            .bind(&target)
            .bind(&stage)
            .bind(&now)
            .bind(actor)
            .bind(&own)
            .bind(id)
            .execute(&mut *conn)
            .await?;
            crate::regroup::regroup_in(conn, &target, actor, crate::Regroup::Merge { with: own.clone() }, note).await?;
        }
        crate::regroup::log_row(
            conn,
            &target,
            (actor, &now, note),
            if accept { "link_accept" } else { "link_reject" },
            ("lifecycle", id, &format!("{stage} ({new_state})")),
        )
        .await?;
        tx.commit().await?;
        Ok(target)
    }
}

/// Delivered and disbursed against the whole: sums of the linked parts (or a whole report
/// of the stage) in the entry's currency, or counts of its first counted item class.
async fn progress(conn: &mut AnyConnection, id: &str, steps: &[Step]) -> Result<Vec<Progress>> {
    let row = sqlx::query("SELECT amount_value, amount_currency FROM ledger_entries WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(Vec::new()) };
    let whole = rows::decimal(&row, "ledger_entries", "amount_value")?;
    let currency = rows::text(&row, "amount_currency")?;
    let members = crate::write::load_members(conn, id).await?;
    let own: Vec<&Report> = members.iter().filter(|m| m.stage_event.is_none()).collect();
    let counted = own.iter().flat_map(|m| &m.items).find(|i| i.class != "other" && i.quantity.is_some());
    let mut sums: BTreeMap<(&str, bool), Decimal> = BTreeMap::new();
    for s in steps.iter().filter(|s| s.link == "linked" && matches!(s.stage.as_str(), "delivered" | "disbursed")) {
        let report = members.iter().find(|m| m.commitment_id == s.commitment_id);
        let money = match (&s.part_value, &s.part_currency) {
            (Some(v), Some(c)) if Some(c) == currency.as_ref() => Some(*v),
            (None, _) => report
                .and_then(|r| r.figure.as_ref())
                .filter(|f| Some(&f.currency) == currency.as_ref())
                .map(|f| f.value),
            _ => None,
        };
        let count = s.part_quantity.or_else(|| {
            let class = &counted?.class;
            report?.items.iter().find(|i| &i.class == class)?.quantity
        });
        if let (Some(v), Some(_)) = (money, whole) {
            let sum = sums.entry((s.stage.as_str(), true)).or_default();
            *sum = sum.checked_add(v).unwrap_or(*sum);
        } else if let (Some(n), Some(_)) = (count, counted) {
            let sum = sums.entry((s.stage.as_str(), false)).or_default();
            *sum = sum.checked_add(n).unwrap_or(*sum);
        }
    }
    Ok(sums
        .into_iter()
        .filter_map(|((stage, is_money), done)| {
            let of = if is_money { whole? } else { counted?.quantity? };
            Some(Progress {
                stage: stage.to_string(),
                done,
                of,
                currency: if is_money { currency.clone() } else { None },
                item_class: if is_money { None } else { counted.map(|c| c.class.clone()) },
                remaining: (of - done).max(Decimal::ZERO),
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::{Converted, ItemCount};
    use jiff::civil::date;
    use pledgewatch_pipeline::commitments::Status;
    use pledgewatch_pipeline::commitments::lifecycle::PartAmount;

    fn report(id: &str, month: i8, instrument: &str, eur: Option<i64>, missiles: Option<i64>) -> Report {
        Report {
            commitment_id: format!("c-{id}"),
            document_id: format!("d-{id}"),
            published: Some(date(2025, month, 1)),
            donor: ("EIB".into(), "European Investment Bank".into()),
            recipient: ("UA".into(), "Ukraine".into()),
            category: "financial".into(),
            instrument: instrument.into(),
            status: "announced".into(),
            announced_on: Some(date(2025, month, 1)),
            figure: eur.map(|v| Figure {
                value: Decimal::from(v),
                currency: "EUR".into(),
                qualifier: "exact".into(),
                upper: None,
                eur: Some(Converted { value: Decimal::from(v), rate: Decimal::ONE, rate_date: date(2025, 1, 2) }),
                usd: None,
            }),
            items: missiles
                .map(|q| ItemCount { class: "missile".into(), quantity: Some(q.into()), qualifier: None, upper: None })
                .into_iter()
                .collect(),
            confidence: 0.9,
            stage_event: None,
            grant_element: None,
            grant_equivalent_reason: None,
        }
    }

    fn follow(stage: Status, partial: bool, part_eur: Option<i64>, part_quantity: Option<i64>) -> FollowUp {
        FollowUp {
            stage,
            partial,
            cue: String::new(),
            part_amount: part_eur.map(|v| PartAmount { value: v.into(), currency: "EUR".into() }),
            part_quantity: part_quantity.map(Decimal::from),
        }
    }

    fn entry(id: &str, r: Report) -> (String, Vec<Report>, Option<Date>) {
        let on = r.announced_on;
        (id.to_string(), vec![r], on)
    }

    #[test]
    fn one_entry_that_fits_on_the_same_instrument_is_linked() {
        let loan = entry("e1", report("a", 1, "loan", Some(250_000_000), None));
        let later = report("b", 6, "loan", Some(250_000_000), None);
        let part = follow(Status::Disbursed, true, Some(100_000_000), None);
        let d = judge(&later, &part, std::slice::from_ref(&loan)).unwrap();
        assert_eq!((d.entry_id.as_str(), d.state, d.how.as_str()), ("e1", "linked", "part"));
        // The whole amount again, disbursed in full.
        let whole = follow(Status::Disbursed, false, None, None);
        assert_eq!(judge(&later, &whole, std::slice::from_ref(&loan)).unwrap().how, "amount");
    }

    #[test]
    fn a_larger_part_a_grant_or_another_donor_is_no_stage() {
        let loan = entry("e1", report("a", 1, "loan", Some(250_000_000), None));
        let too_much = follow(Status::Disbursed, true, Some(300_000_000), None);
        assert_eq!(
            judge(&report("b", 6, "loan", Some(300_000_000), None), &too_much, std::slice::from_ref(&loan)),
            None
        );
        let whole = follow(Status::Disbursed, false, None, None);
        assert_eq!(judge(&report("c", 6, "grant", Some(250_000_000), None), &whole, std::slice::from_ref(&loan)), None);
        let mut other = report("d", 6, "loan", Some(250_000_000), None);
        other.document_id = "d-a".into();
        assert_eq!(judge(&other, &whole, &[loan]), None, "the announcement's own document");
    }

    #[test]
    fn uncertain_matches_are_proposed() {
        let first = entry("e1", report("a", 1, "loan", Some(250_000_000), None));
        let second = entry("e2", report("b", 3, "loan", Some(250_000_000), None));
        let later = report("c", 6, "loan", Some(250_000_000), None);
        let whole = follow(Status::Disbursed, false, None, None);
        let d = judge(&later, &whole, &[first.clone(), second]).unwrap();
        assert_eq!((d.entry_id.as_str(), d.state, d.how.as_str()), ("e2", "proposed", "several_candidates"));
        let vague = report("d", 6, "unspecified", Some(250_000_000), None);
        let d = judge(&vague, &whole, std::slice::from_ref(&first)).unwrap();
        assert_eq!((d.state, d.how.as_str()), ("proposed", "amount_instrument_loose"));
        let bare = report("e", 6, "loan", None, None);
        assert_eq!(judge(&bare, &whole, &[first]).unwrap().how, "parties_only");
    }

    #[test]
    fn items_link_a_first_batch() {
        let mut deal = report("a", 3, "in_kind", None, Some(5000));
        deal.category = "military".into();
        let mut arrived = report("b", 5, "in_kind", None, Some(5000));
        arrived.category = "military".into();
        let first = follow(Status::Delivered, true, None, Some(1000));
        let d = judge(&arrived, &first, &[entry("e1", deal.clone())]).unwrap();
        assert_eq!((d.state, d.how.as_str()), ("linked", "part"));
        let all = follow(Status::Delivered, false, None, None);
        assert_eq!(judge(&arrived, &all, &[entry("e1", deal.clone())]).unwrap().how, "items");
        let mut more = report("c", 5, "in_kind", None, Some(6000));
        more.category = "military".into();
        assert_eq!(judge(&more, &all, &[entry("e1", deal)]), None, "more missiles than the deal is another deal");
    }
}
