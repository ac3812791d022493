//! The entry page's status timeline (issue 17, item 4): each report with the stage it tells
//! (announced → committed → contracted → delivered/disbursed), its date and source; what a
//! partial delivery or disbursement leaves ("€100 m of €250 m disbursed"); and the proposed
//! links a reviewer accepts or rejects (`POST /commitments/{id}/links`, plain forms).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use pledgewatch_store::{Lifecycle, Progress, Step};
use serde::Deserialize;

use crate::AppState;
use crate::auth::MaybeCaller;
use crate::error::Error;
use crate::format;

/// One line of the timeline.
pub struct StepView {
    pub stage: String,
    pub date: String,
    pub source: String,
    pub document_id: String,
    pub commitment_id: String,
    /// `own`, `linked` or `proposed`.
    pub link: String,
    pub part: String,
    /// A proposal: the other entry, and what matched.
    pub other: Option<String>,
    pub how: String,
}

/// What the timeline panel shows.
pub struct Timeline {
    pub steps: Vec<StepView>,
    pub progress: Vec<String>,
    /// Proposals that this entry's reports follow up another entry.
    pub follows: Vec<StepView>,
}

fn step(s: &Step) -> StepView {
    let part = match (&s.part_value, &s.part_currency, &s.part_quantity) {
        (Some(v), Some(c), _) => format!("{c} {}", format::short(*v)),
        (_, _, Some(q)) => format!("{} items", format::full(*q)),
        _ => String::new(),
    };
    StepView {
        stage: s.stage.clone(),
        date: s.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
        source: [s.outlet.as_deref(), s.title.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · "),
        document_id: s.document_id.clone(),
        commitment_id: s.commitment_id.clone(),
        link: s.link.clone(),
        part,
        other: s.from_entry.clone(),
        how: s.how.as_deref().map(format::words).unwrap_or_default(),
    }
}

/// "EUR 100 m of EUR 250 m disbursed (EUR 150 m to go)", "1,000 of 5,000 missile delivered".
fn progress(p: &Progress) -> String {
    let amount = |v| match &p.currency {
        Some(c) => format!("{c} {}", format::short(v)),
        None => format::full(v),
    };
    let what = p.item_class.as_deref().map(|c| format!(" {}", format::words(c))).unwrap_or_default();
    let rest = if p.remaining.is_zero() { String::new() } else { format!(" ({} still due)", amount(p.remaining)) };
    format!("{} of {}{what} {}{rest}", amount(p.done), amount(p.of), p.stage)
}

impl Timeline {
    pub fn of(l: &Lifecycle) -> Timeline {
        Timeline {
            steps: l.timeline.iter().map(step).collect(),
            progress: l.progress.iter().map(progress).collect(),
            follows: l.follows.iter().map(step).collect(),
        }
    }
}

/// The accept/reject form.
#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    csrf: String,
    commitment: String,
    action: String,
    #[serde(default)]
    note: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(_id): Path<String>,
    Form(form): Form<LinkForm>,
) -> Result<Response, Error> {
    let caller = caller.ok_or_else(|| Error::Unauthorized("log in to review".into()))?;
    caller.check_csrf(&form.csrf)?;
    let entry =
        crate::api::lifecycle::apply_link(&state, &form.commitment, &caller.user, &form.action, form.note.as_deref())
            .await?;
    let mut res = Redirect::to(&format!("/commitments/{entry}#lifecycle")).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
