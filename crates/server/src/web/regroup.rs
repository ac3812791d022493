//! The entry page's regroup controls — merge with another entry (by id, or
//! picked from a short word search), split checked sources into a new entry,
//! detach one source, undo a regrouping — and the forms they post to:
//! `POST /commitments/{id}/regroup` and `POST /regroups/{n}/undo`. Plain
//! forms, no script; each write needs the session and its CSRF token.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use pledgewatch_store::Regroup;
use pledgewatch_store::query::Query;

use super::local_path;
use crate::AppState;
use crate::api::DetailView;
use crate::auth::MaybeCaller;
use crate::error::Error;
use crate::format;

/// Entries a merge search lists.
const FOUND: usize = 8;

/// A source as the split and detach controls list it.
pub struct Member {
    pub commitment_id: String,
    pub label: String,
}

/// An entry a merge search found.
pub struct Candidate {
    pub id: String,
    pub label: String,
}

/// A regrouping that touched the entry.
pub struct Done {
    pub id: i64,
    pub kind: String,
    pub at: String,
    pub actor: String,
    /// The other entry, when it exists (a link).
    pub other: Option<String>,
    pub undoable: bool,
}

/// What the regroup panel shows.
pub struct Panel {
    pub members: Vec<Member>,
    /// The words of the merge search, as typed.
    pub find: String,
    pub found: Vec<Candidate>,
    pub done: Vec<Done>,
}

/// The panel of `view`'s entry; `find` are the words of a merge search.
pub async fn panel(state: &AppState, view: &DetailView, find: Option<&str>) -> Result<Panel, Error> {
    let id = &view.detail.entry.id;
    let members = view
        .detail
        .sources
        .iter()
        .map(|s| {
            let (outlet, title) = view.source_names(s);
            let date = s.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
            let figure = s.figure.clone().unwrap_or_else(|| "no figure".into());
            let title = if title.is_empty() { String::new() } else { format!(" · {title}") };
            Member { commitment_id: s.commitment_id.clone(), label: format!("{outlet}, {date}{title} ({figure})") }
        })
        .collect();
    let find = find.map(str::trim).unwrap_or("").chars().take(crate::api::params::MAX_Q).collect::<String>();
    let mut found = Vec::new();
    if !find.is_empty() {
        let q = Query { q: Some(find.clone()), ..Query::default() };
        for e in state.store.page(&q, None, FOUND + 1).await?.entries.into_iter().filter(|e| &e.id != id).take(FOUND) {
            let amount = e.amount.as_ref().map(format::figure).unwrap_or_else(|| "no amount".into());
            let on = e.announced_on.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
            found.push(Candidate {
                label: format!("{} → {}: {amount}, {on} · {} source(s)", e.donor.name, e.recipient.name, e.n_sources),
                id: e.id,
            });
        }
    }
    let mut done = Vec::new();
    for r in state.store.regroups(id).await? {
        let other = if &r.other_id == id { r.entry_id.clone() } else { r.other_id.clone() };
        let other = state.store.entry(&other).await?.map(|_| other);
        done.push(Done {
            undoable: r.kind != "undo" && r.undone_by.is_none(),
            id: r.id,
            kind: r.kind,
            at: r.at.get(..19).unwrap_or(&r.at).replace('T', " "),
            actor: r.actor,
            other,
        });
    }
    Ok(Panel { members, find, found, done })
}

/// The fields of a regroup form (`members` may repeat).
struct RegroupForm {
    csrf: String,
    action: String,
    with: String,
    members: Vec<String>,
    detach: Option<String>,
    note: Option<String>,
}

impl RegroupForm {
    fn of(fields: Vec<(String, String)>) -> RegroupForm {
        let mut f = RegroupForm {
            csrf: String::new(),
            action: String::new(),
            with: String::new(),
            members: Vec::new(),
            detach: None,
            note: None,
        };
        for (k, v) in fields {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "action" => f.action = v,
                "with" => f.with = v.trim().to_string(),
                "members" => f.members.push(v),
                "detach" => f.detach = Some(v),
                "note" => f.note = Some(v),
                _ => {}
            }
        }
        f
    }
}

fn see_other(to: &str) -> Response {
    let mut res = Redirect::to(to).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub async fn submit(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let caller = caller.ok_or_else(|| Error::Unauthorized("log in to regroup".into()))?;
    let form = RegroupForm::of(fields);
    caller.check_csrf(&form.csrf)?;
    // A "detach this source" button names its source; it wins over the split's checkboxes.
    let op = match (form.detach, form.action.as_str()) {
        (Some(c), _) => Regroup::Detach { commitment: c },
        (None, "merge") if form.with.is_empty() => {
            return Err(Error::BadRequest("merge: give the other entry's id, or pick one from the search".into()));
        }
        (None, "merge") => Regroup::Merge { with: form.with },
        (None, "split") => Regroup::Split { members: form.members },
        (None, other) => return Err(Error::BadRequest(format!("action {other:?}: expected merge, split or detach"))),
    };
    crate::api::regroup::apply(&state, &id, &caller.user, op, form.note.as_deref()).await?;
    Ok(see_other(&format!("/commitments/{id}#regroup")))
}

#[derive(serde::Deserialize)]
pub struct UndoForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    return_to: Option<String>,
}

pub async fn undo(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(n): Path<String>,
    Form(form): Form<UndoForm>,
) -> Result<Response, Error> {
    let caller = caller.ok_or_else(|| Error::Unauthorized("log in to undo".into()))?;
    caller.check_csrf(&form.csrf)?;
    let n: i64 = n.parse().map_err(|_| Error::NotFound(format!("no regrouping #{n}")))?;
    let done = crate::api::regroup::apply_undo(&state, n, &caller.user, form.note.as_deref()).await?;
    let back = local_path(form.return_to.as_deref(), format!("/commitments/{}#regroup", done.entry_id));
    Ok(see_other(&back))
}
