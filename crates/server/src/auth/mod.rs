//! Users, sessions, API tokens, CSRF and login rate limiting.
//!
//! - Passwords are hashed with Argon2id (PHC strings in the `users` table);
//!   at most a few hashes run at once (`argon.rs`), and a new password must
//!   pass `policy.rs`.
//! - A browser session is a random secret in an HttpOnly, SameSite=Strict
//!   cookie (Secure when served beyond loopback); the store keeps its SHA-256
//!   and the session's CSRF token, which every form of the session carries.
//! - Scripts send `Authorization: Bearer TOKEN` (from `pledgewatch user token`);
//!   a token is stored as its SHA-256 too.
//! - The login form, before there is a session, carries a token that must
//!   match a cookie set with the form (double submit).
//! - An API write made with a session cookie instead of a token must carry the
//!   session's CSRF token in `X-CSRF-Token`.
//! - Login attempts are limited per user and per address (`limit.rs`).

mod argon;
mod limit;
mod policy;

pub use argon::{Argon2Gate, hash_password, verify_password};
pub use limit::{Attempt, LoginLimiter, MAX_PER_ADDRESS, MAX_PER_USER, WINDOW};
pub use policy::{MIN_PASSWORD_CHARS, check_new_password};

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::Error;

/// The session cookie.
pub const SESSION_COOKIE: &str = "pw_session";
/// The login form's double-submit cookie.
pub const LOGIN_COOKIE: &str = "pw_login";
/// The header that carries a session's CSRF token on API writes.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// 32 random bytes as hex.
pub fn random_secret() -> Result<String, Error> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| Error::Internal(format!("random: {e}")))?;
    Ok(hex(&b))
}

/// A new API token; only its [`digest`] is stored.
pub fn new_api_token() -> Result<String, Error> {
    Ok(format!("pw_{}", random_secret()?))
}

/// SHA-256 of a secret, as hex: what the store keeps of sessions and tokens.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time that depends on their length only.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A cookie's value from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, and Secure when configured.
pub fn set_cookie(state: &AppState, name: &str, value: &str, path: &str, max_age: i64) -> String {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
}

/// How a caller proved who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// A session cookie; its forms carry this CSRF token.
    Session {
        csrf: String,
    },
    Token,
}

/// A known user making a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub user: String,
    pub via: Via,
}

impl Caller {
    /// The CSRF token for this caller's forms (empty for token callers).
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf } => csrf,
            Via::Token => "",
        }
    }

    /// Checks a form's CSRF token against the session's.
    pub fn check_csrf(&self, given: &str) -> Result<(), Error> {
        match &self.via {
            Via::Session { csrf } if same_secret(csrf, given) => Ok(()),
            Via::Session { .. } => {
                Err(Error::Forbidden("the form's CSRF token is missing or stale: reload the page".into()))
            }
            Via::Token => Ok(()),
        }
    }
}

/// The caller, if any: from a Bearer token, else from the session cookie. A
/// Bearer token that is not valid is an error (a script should know); a stale
/// session cookie is simply no session.
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequestParts<AppState> for MaybeCaller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
            let token = auth
                .to_str()
                .ok()
                .and_then(|a| a.strip_prefix("Bearer "))
                .ok_or_else(|| Error::Unauthorized("Authorization must be `Bearer TOKEN`".into()))?;
            let user = state.store.api_token_user(&digest(token.trim())).await?;
            let user = user.ok_or_else(|| Error::Unauthorized("unknown API token".into()))?;
            return Ok(MaybeCaller(Some(Caller { user, via: Via::Token })));
        }
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else { return Ok(MaybeCaller(None)) };
        let Some(row) = state.store.session(&digest(secret)).await? else { return Ok(MaybeCaller(None)) };
        let live = row.expires_at.parse::<jiff::Timestamp>().is_ok_and(|t| t > jiff::Timestamp::now());
        Ok(MaybeCaller(live.then_some(Caller { user: row.user, via: Via::Session { csrf: row.csrf } })))
    }
}

/// A caller allowed to write through the API: a token, or a session whose
/// CSRF token is in the `X-CSRF-Token` header.
pub struct ApiWriter(pub Caller);

impl FromRequestParts<AppState> for ApiWriter {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let MaybeCaller(caller) = MaybeCaller::from_request_parts(parts, state).await?;
        let caller = caller.ok_or_else(|| {
            Error::Unauthorized("this needs a user: send `Authorization: Bearer TOKEN` or log in".into())
        })?;
        if matches!(caller.via, Via::Session { .. }) {
            let given = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
            caller.check_csrf(given).map_err(|_| {
                Error::Forbidden(format!(
                    "a session-authenticated write needs the session's CSRF token in {CSRF_HEADER}"
                ))
            })?;
        }
        Ok(ApiWriter(caller))
    }
}

/// The client's address (unspecified when not served over TCP, as in tests).
pub fn client_ip(parts_extensions: &axum::http::Extensions) -> IpAddr {
    parts_extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

/// Checks a name and password (rate-limited); on success starts a session and
/// returns its cookie secret.
///
/// The attempt is counted before anything is checked, and the password is
/// checked through the Argon2 gate: guesses sent in parallel beyond the limit
/// are refused at once, and never run Argon2.
pub async fn login(state: &AppState, name: &str, password: &str, ip: IpAddr) -> Result<(String, Caller), Error> {
    let attempt = state.limiter.begin(name, ip).map_err(Error::TooManyRequests)?;
    let user = state.store.user(name).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let pw = password.to_string();
    let ok =
        state.argon2.run(move || verify_password(hash.as_deref().unwrap_or_else(|| argon::decoy_hash()), &pw)).await?;
    // A failure leaves the attempt counted (it is dropped here).
    let Some(user) = user.filter(|_| ok) else {
        return Err(Error::Unauthorized("wrong name or password".into()));
    };
    attempt.succeeded();
    let secret = random_secret()?;
    let csrf = random_secret()?;
    let expires = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(SESSION_HOURS))
        .map_err(|e| Error::Internal(e.to_string()))?;
    state.store.add_session(&digest(&secret), &user.name, &csrf, &expires.to_string()).await?;
    Ok((secret, Caller { user: user.name, via: Via::Session { csrf } }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_and_secrets() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, "a=1; pw_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "c"), None);
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("ab", "abc"));
        assert_eq!(digest("x").len(), 64);
    }
}
