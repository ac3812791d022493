//! `/commitments/{id}`: one entry — its figures side by side, every source
//! document with the evidence marked in its text, the review forms and the
//! audit log. `POST /commitments/{id}/review` takes the forms.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use pledgewatch_store::AuditRecord;
use serde::Deserialize;

use super::edit::{EditFields, EditView, PARTIES};
use super::highlight::{Span, captions, highlight};
use super::ledger::Row;
use super::{Layout, Want, local_path, render};
use crate::AppState;
use crate::api::DetailView;
use crate::api::params::{CATEGORIES, INSTRUMENTS, STATUSES};
use crate::auth::MaybeCaller;
use crate::error::Error;
use crate::format;

/// A figure as one or more sources state it.
pub struct Variant {
    pub key: String,
    pub stated: String,
    pub exact: String,
    pub eur: String,
    pub usd: String,
    pub n_sources: i64,
    pub first_reported: String,
    pub outlets: Vec<String>,
    pub canonical: bool,
}

/// A source document with its evidence marked.
pub struct SourceView {
    pub document_id: String,
    pub title: String,
    pub outlet: String,
    pub published: String,
    pub url: Option<String>,
    pub figure: String,
    pub fields: String,
    pub html: String,
    pub open: bool,
}

/// A choice of a review `<select>`.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "commitment.html")]
struct Page {
    layout: Layout,
    row: Row,
    confidence: String,
    first_reported: String,
    usd: String,
    rate: String,
    variants: Vec<Variant>,
    sources: Vec<SourceView>,
    audit: Vec<AuditRecord>,
    categories: Vec<Opt>,
    instruments: Vec<Opt>,
    statuses: Vec<Opt>,
    figures: Vec<Opt>,
    regroup: super::regroup::Panel,
    timeline: super::lifecycle::Timeline,
    grant_equivalent: String,
    edit: EditView,
    parties: &'static [String],
    /// The time the page shows the entry at (empty: as it stands).
    as_of: String,
}

fn opts(values: &[&str], current: &str) -> Vec<Opt> {
    values.iter().map(|v| Opt { value: v.to_string(), label: format::words(v), selected: *v == current }).collect()
}

pub async fn page(
    State(state): State<AppState>,
    want: Want,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, Error> {
    let as_of = match params.get("as_of").filter(|v| !v.is_empty()) {
        Some(v) => Some(crate::api::params::instant(v).ok_or_else(|| {
            Error::BadRequest(format!("as_of={v:?}: expected a date-time with its offset, as 2025-03-02T17:00:00Z"))
        })?),
        None => None,
    };
    let view = match crate::api::detail_view(&state, &id, as_of).await {
        // An entry merged into another: its page is that entry's.
        Err(Error::NotFound(why)) => match state.store.merged_into(&id).await? {
            Some(into) if want == Want::Html && as_of.is_none() => {
                return Ok(Redirect::to(&format!("/commitments/{into}")).into_response());
            }
            _ => return Err(Error::NotFound(why)),
        },
        other => other?,
    };
    if want == Want::Json {
        return Ok(Json(view.to_json()).into_response());
    }
    let e = &view.detail.entry;
    let extra = state.store.entry_fields(&id).await?.unwrap_or_default();
    let row = Row::of(e);
    let canonical_key = e.amount.as_ref().map(|f| f.key());
    let title = format!("{} → {}: {}", row.donor, row.recipient, row.amount);
    let regroup = super::regroup::panel(&state, &view, params.get("find").map(String::as_str)).await?;
    let page = Page {
        layout: Layout::new(
            title,
            caller.as_ref(),
            "ledger",
            match as_of {
                Some(t) => format!("/api/v1/commitments/{id}?as_of={t}"),
                None => format!("/api/v1/commitments/{id}"),
            },
        ),
        confidence: format!("{:.2}", e.confidence),
        first_reported: e.first_reported.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        usd: e.value_usd().map(|v| format!("${}", format::short(v))).unwrap_or_else(|| "—".into()),
        rate: e
            .amount
            .as_ref()
            .and_then(|f| {
                f.eur.as_ref().map(|c| format!("{} {} per EUR, ECB {}", c.rate.normalize(), f.currency, c.rate_date))
            })
            .unwrap_or_else(|| "—".into()),
        variants: variants(&view, canonical_key.as_deref()),
        sources: sources(&view),
        audit: view
            .detail
            .audit
            .iter()
            .map(|a| AuditRecord { at: a.at.get(..19).unwrap_or(&a.at).replace('T', " "), ..a.clone() })
            .collect(),
        categories: opts(CATEGORIES, &e.category),
        instruments: opts(INSTRUMENTS, &e.instrument),
        statuses: opts(STATUSES, &e.status),
        figures: figure_opts(&view, canonical_key.as_deref()),
        regroup,
        timeline: super::lifecycle::Timeline::of(&view.lifecycle),
        grant_equivalent: match (&e.grant_equivalent_eur, &e.grant_equivalent_reason) {
            (Some(v), _) => format::eur_short(Some(*v)),
            (None, Some(why)) => format!("— ({})", format::words(why)),
            _ => "—".into(),
        },
        edit: EditView::of(e, &extra),
        parties: &PARTIES,
        row,
        as_of: as_of.map(|t| t.to_string()).unwrap_or_default(),
    };
    render(&page)
}

/// The reported figures to pick from. A figure typed by a reviewer is none of
/// them: an empty first choice stands for it, so that saving the form again
/// does not silently replace it with the first reported one.
fn figure_opts(view: &DetailView, canonical: Option<&str>) -> Vec<Opt> {
    let mut opts: Vec<Opt> = view
        .detail
        .variants
        .iter()
        .map(|v| Opt {
            value: v.figure.clone(),
            label: format::stated(&v.qualifier, v.value, &v.currency, v.upper),
            selected: Some(v.figure.as_str()) == canonical,
        })
        .collect();
    if !opts.is_empty() && !opts.iter().any(|o| o.selected) {
        opts.insert(0, Opt { value: String::new(), label: "— the amount above —".into(), selected: true });
    }
    opts
}

fn variants(view: &DetailView, canonical: Option<&str>) -> Vec<Variant> {
    view.detail
        .variants
        .iter()
        .map(|v| {
            let mut outlets: Vec<String> = view
                .detail
                .sources
                .iter()
                .filter(|s| s.figure.as_deref() == Some(&v.figure))
                .map(|s| view.source_names(s).0)
                .collect();
            outlets.dedup();
            Variant {
                key: v.figure.clone(),
                stated: format::stated(&v.qualifier, v.value, &v.currency, v.upper),
                exact: format!("{} {}", v.currency, format::full(v.value)),
                eur: format::eur_short(v.value_eur),
                usd: v.value_usd.map(|u| format!("${}", format::short(u))).unwrap_or_else(|| "—".into()),
                n_sources: v.n_sources,
                first_reported: v.first_reported.map(|d| d.to_string()).unwrap_or_default(),
                outlets,
                canonical: Some(v.figure.as_str()) == canonical,
            }
        })
        .collect()
}

fn sources(view: &DetailView) -> Vec<SourceView> {
    view.detail
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let spans: Vec<Span> = s
                .evidence
                .iter()
                .map(|e| Span { field: e.field.clone(), start: e.start.max(0) as usize, end: e.end.max(0) as usize })
                .collect();
            let mut fields: Vec<&str> = spans.iter().map(|s| s.field.as_str()).collect();
            fields.sort_unstable();
            fields.dedup();
            let html = match view.document(&s.document_id) {
                Some(d) => highlight(&d.text, &captions(&d.segments), &spans, 0, usize::MAX),
                None => "<em>document not stored</em>".into(),
            };
            let (outlet, title) = view.source_names(s);
            SourceView {
                document_id: s.document_id.clone(),
                title,
                outlet,
                published: s.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
                url: s.url.clone().filter(|u| u.starts_with("https://") || u.starts_with("http://")),
                figure: s.figure.clone().unwrap_or_else(|| "no figure".into()),
                fields: fields.join(", "),
                html,
                open: i < 2,
            }
        })
        .collect()
}

/// The review forms' fields.
#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    csrf: String,
    action: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    instrument: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    figure: Option<String>,
    /// Donor, recipient, amount… (`edit.rs`).
    #[serde(flatten)]
    fields: EditFields,
    /// Where to go afterwards (a local path).
    #[serde(default)]
    return_to: Option<String>,
}

pub async fn review(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, Error> {
    let caller = caller.ok_or_else(|| Error::Unauthorized("log in to review".into()))?;
    caller.check_csrf(&form.csrf)?;
    let mut fields = BTreeMap::new();
    if form.action == "edit" {
        // Only what differs from the entry as shown is an edit.
        let detail = state.store.entry(&id).await?.ok_or_else(|| Error::NotFound(format!("no commitment {id}")))?;
        let e = &detail.entry;
        let current = [
            ("category", Some(e.category.clone())),
            ("instrument", Some(e.instrument.clone())),
            ("status", Some(e.status.clone())),
            ("figure", e.amount.as_ref().map(|f| f.key())),
        ];
        for ((name, now), new) in
            current.into_iter().zip([&form.category, &form.instrument, &form.status, &form.figure])
        {
            if let Some(new) = new.as_ref().filter(|v| !v.is_empty())
                && now.as_deref() != Some(new.as_str())
            {
                fields.insert(name.to_string(), new.clone());
            }
        }
        let extra = state.store.entry_fields(&id).await?.unwrap_or_default();
        fields.extend(EditView::of(e, &extra).changes(&form.fields));
        if fields.is_empty() {
            return Err(Error::BadRequest("nothing to change: pick a different value first".into()));
        }
    }
    crate::api::apply_review(&state, &id, &caller.user, &form.action, &fields, form.note.as_deref()).await?;
    let back = local_path(form.return_to.as_deref(), format!("/commitments/{id}#review"));
    let mut res = Redirect::to(&back).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
