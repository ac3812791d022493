//! `/login` and `/logout`. The login form carries a token that must match a
//! cookie set with it (there is no session yet to tie it to); login attempts
//! are rate-limited per user and per address (`auth::LoginLimiter`).

use askama::Template;
use axum::Form;
use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Layout, Want, local_path, render};
use crate::AppState;
use crate::api::params::Raw;
use crate::auth::{self, LOGIN_COOKIE, MaybeCaller, SESSION_COOKIE, SESSION_HOURS};
use crate::error::Error;

#[derive(Template)]
#[template(path = "login.html")]
struct Page {
    layout: Layout,
    csrf: String,
    name: String,
    next: String,
    message: Option<String>,
}

/// The form, with a fresh double-submit token in a cookie beside it.
fn form_response(
    state: &AppState,
    name: &str,
    next: &str,
    message: Option<String>,
    status: StatusCode,
) -> Result<Response, Error> {
    let token = auth::random_secret()?;
    let page = Page {
        layout: Layout::new("Log in", None, "login", "/api/v1/session".into()),
        csrf: token.clone(),
        name: name.to_string(),
        next: next.to_string(),
        message,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    res.extensions_mut().insert(crate::error::Complete);
    let cookie = auth::set_cookie(state, LOGIN_COOKIE, &token, "/login", 3600);
    res.headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).map_err(|e| Error::Internal(e.to_string()))?);
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

pub async fn form(
    State(state): State<AppState>,
    want: Want,
    caller: MaybeCaller,
    RawQuery(q): RawQuery,
) -> Result<Response, Error> {
    if want == Want::Json {
        return Ok(Json(crate::api::session_json(&caller)).into_response());
    }
    let raw = Raw::parse(q.as_deref(), &[&["next"]])?;
    let next = local_path(raw.get("next"), "/".into());
    form_response(&state, "", &next, None, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    name: String,
    password: String,
    #[serde(default)]
    next: Option<String>,
}

pub async fn submit(State(state): State<AppState>, req: Request) -> Result<Response, Error> {
    let ip = auth::client_ip(req.extensions());
    let cookie = auth::cookie(req.headers(), LOGIN_COOKIE).unwrap_or("").to_string();
    let Form(form) =
        Form::<LoginForm>::from_request(req, &state).await.map_err(|e| Error::BadRequest(e.body_text()))?;
    if cookie.is_empty() || !auth::same_secret(&cookie, &form.csrf) {
        return Err(Error::Forbidden("the login form expired: reload the page and try again".into()));
    }
    let next = local_path(form.next.as_deref(), "/".into());
    let name = form.name.trim();
    match auth::login(&state, name, &form.password, ip).await {
        Ok((secret, _)) => {
            let mut res = Redirect::to(&next).into_response();
            let session = auth::set_cookie(&state, SESSION_COOKIE, &secret, "/", SESSION_HOURS * 3600);
            let clear = auth::set_cookie(&state, LOGIN_COOKIE, "", "/login", 0);
            let h = res.headers_mut();
            h.append(header::SET_COOKIE, HeaderValue::from_str(&session).map_err(|e| Error::Internal(e.to_string()))?);
            h.append(header::SET_COOKIE, HeaderValue::from_str(&clear).map_err(|e| Error::Internal(e.to_string()))?);
            Ok(res)
        }
        Err(e @ (Error::Unauthorized(_) | Error::TooManyRequests(_) | Error::Unavailable(_))) => {
            let status = e.status();
            let mut res = form_response(&state, name, &next, Some(e.to_string()), status)?;
            if let Some(after) = e.retry_after() {
                res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(after));
            }
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(State(state): State<AppState>, req: Request) -> Result<Response, Error> {
    let secret = auth::cookie(req.headers(), SESSION_COOKIE).map(str::to_string);
    let (mut parts, body) = req.into_parts();
    let MaybeCaller(caller) = MaybeCaller::from_request_parts(&mut parts, &state).await?;
    let req = Request::from_parts(parts, body);
    let Form(form) =
        Form::<LogoutForm>::from_request(req, &state).await.map_err(|e| Error::BadRequest(e.body_text()))?;
    if let Some(caller) = caller {
        caller.check_csrf(&form.csrf)?;
    }
    if let Some(secret) = secret {
        state.store.delete_session(&auth::digest(&secret)).await?;
    }
    let mut res = Redirect::to("/").into_response();
    let clear = auth::set_cookie(&state, SESSION_COOKIE, "", "/", 0);
    res.headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_str(&clear).map_err(|e| Error::Internal(e.to_string()))?);
    Ok(res)
}
