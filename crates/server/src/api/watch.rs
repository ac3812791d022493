//! `/api/v1/watch`: what `pledgewatch watch` knows of the sources it follows —
//! each one's last poll, last new item, counts and last error.

use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::routing::get;
use pledgewatch_store::WatchSource;
use serde::Serialize;

use super::Routes;
use crate::AppState;
use crate::error::Error;

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/watch", get(watch))
}

#[derive(Serialize)]
pub struct WatchStatus {
    pub sources: Vec<WatchSource>,
}

pub(crate) async fn watch_view(state: &AppState) -> Result<WatchStatus, Error> {
    Ok(WatchStatus { sources: state.store.watch_status().await? })
}

async fn watch(State(state): State<AppState>) -> Result<Json<WatchStatus>, Error> {
    Ok(Json(watch_view(&state).await?))
}
