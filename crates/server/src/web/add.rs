//! Adding a commitment the extractor missed, from the document page: a logged-in
//! reviewer clicks a sentence (each is a link, no script needed), gets a form
//! with the fields the text stages propose for it — the first figure, day and
//! counted items by the mention recognisers, the parties the actor lexicon
//! names — corrects them, and `POST /documents/{id}/commitments` stores the
//! record through the store's checks, merge and audit log.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use pledgewatch_pipeline::propose::{propose, sentence_spans};
use pledgewatch_store::edit::{QUALIFIERS, format_items, party_label};
use pledgewatch_store::merge::ItemCount;
use pledgewatch_store::{Addition, StoredDocument};
use serde::{Deserialize, Serialize};

use super::commitment::Opt;
use super::highlight::Link;
use crate::AppState;
use crate::api::params::{CATEGORIES, INSTRUMENTS, STATUSES};
use crate::auth::MaybeCaller;
use crate::error::Error;
use crate::format;

/// The add form for one sentence, pre-filled with what the text stages propose.
pub struct AddView {
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    /// The figure's span, when the money recogniser found one ("" if not).
    pub figure: String,
    pub donor: String,
    pub recipient: String,
    pub amount: String,
    pub currency: String,
    pub qualifiers: Vec<Opt>,
    pub upper: String,
    pub announced_on: String,
    pub categories: Vec<Opt>,
    pub instruments: Vec<Opt>,
    pub statuses: Vec<Opt>,
    pub items: String,
}

fn opts(values: &[&str], current: &str) -> Vec<Opt> {
    values.iter().map(|v| Opt { value: v.to_string(), label: format::words(v), selected: *v == current }).collect()
}

/// The snake_case name serde gives a unit variant (`AirDefenceSystem` → `air_defence_system`).
fn name_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `"START-END"` (code points) → the span.
pub fn parse_span(s: &str) -> Option<(usize, usize)> {
    let (a, b) = s.split_once('-')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

impl AddView {
    /// The form for the sentence `start..end` of `d`; `None` unless it is one of its sentences.
    pub fn of(d: &StoredDocument, start: usize, end: usize) -> Option<AddView> {
        if !sentence_spans(&d.text).contains(&(start, end)) {
            return None;
        }
        let p = propose(&d.text, start, end, d.published);
        let label = |id: &str| party_label(id, pledgewatch_pipeline::actors::LEXICON.name_of(id));
        let a = p.amount.as_ref();
        let qualifier = a.map(|a| name_of(&a.qualifier)).unwrap_or_else(|| "exact".into());
        let items: Vec<ItemCount> = p
            .items
            .iter()
            .map(|i| ItemCount {
                class: name_of(&i.class),
                quantity: i.quantity,
                qualifier: i.qualifier.as_ref().map(name_of),
                upper: i.upper,
            })
            .collect();
        Some(AddView {
            sentence: d.text.chars().skip(start).take(end - start).collect(),
            start,
            end,
            figure: a.map(|a| format!("{}-{}", a.start, a.end)).unwrap_or_default(),
            donor: p.parties.first().map(|id| label(id)).unwrap_or_default(),
            recipient: p.parties.get(1).map(|id| label(id)).unwrap_or_default(),
            amount: a.map(|a| a.value.normalize().to_string()).unwrap_or_default(),
            currency: a.map(|a| a.currency.to_string()).unwrap_or_default(),
            qualifiers: opts(QUALIFIERS, &qualifier),
            upper: a.and_then(|a| a.upper).map(|u| u.normalize().to_string()).unwrap_or_default(),
            announced_on: p.date.or(d.published).map(|d| d.to_string()).unwrap_or_default(),
            categories: opts(CATEGORIES, if items.is_empty() { "other" } else { "military" }),
            instruments: opts(INSTRUMENTS, "unspecified"),
            statuses: opts(STATUSES, "announced"),
            items: format_items(&items),
        })
    }
}

/// Each sentence of `d` as a link to its add form.
pub fn sentence_links(d: &StoredDocument, picked: Option<(usize, usize)>) -> Vec<Link> {
    sentence_spans(&d.text)
        .into_iter()
        .map(|(start, end)| Link {
            start,
            end,
            href: format!("/documents/{}?sentence={start}-{end}#add", d.id),
            picked: picked == Some((start, end)),
        })
        .collect()
}

/// The add form as posted.
#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    csrf: String,
    /// "START-END", code points.
    sentence: String,
    #[serde(default)]
    figure: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(flatten)]
    fields: std::collections::BTreeMap<String, String>,
}

pub async fn submit(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Form(form): Form<AddForm>,
) -> Result<Response, Error> {
    let caller = caller.ok_or_else(|| Error::Unauthorized("log in to add a commitment".into()))?;
    caller.check_csrf(&form.csrf)?;
    let sentence = parse_span(&form.sentence)
        .ok_or_else(|| Error::BadRequest(format!("sentence {:?}: expected START-END", form.sentence)))?;
    let figure = match form.figure.as_deref().filter(|f| !f.is_empty()) {
        Some(f) => Some(parse_span(f).ok_or_else(|| Error::BadRequest(format!("figure {f:?}: expected START-END")))?),
        None => None,
    };
    let fields = form.fields.into_iter().filter(|(_, v)| !v.trim().is_empty()).collect();
    let addition = Addition { document_id: id, sentence, figure, fields };
    let added = crate::api::add_commitment(&state, &caller.user, &addition, form.note.as_deref()).await?;
    let mut res = Redirect::to(&format!("/commitments/{}#review", added.entry_id)).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
