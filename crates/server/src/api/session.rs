//! `/api/v1/session`: who the caller is. The JSON twin of the login page,
//! and how a script using a session cookie learns its CSRF token.

use axum::Json;
use axum::http::Method;
use axum::routing::get;
use serde_json::{Value, json};

use super::Routes;
use crate::auth::{MaybeCaller, Via};

pub(super) fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/session", get(session))
}

pub fn session_json(caller: &MaybeCaller) -> Value {
    match &caller.0 {
        None => json!({ "user": null }),
        Some(c) => match &c.via {
            Via::Session { csrf } => json!({ "user": c.user, "via": "session", "csrf": csrf }),
            Via::Token => json!({ "user": c.user, "via": "token" }),
        },
    }
}

async fn session(caller: MaybeCaller) -> Json<Value> {
    Json(session_json(&caller))
}
