//! Logging in and out: cookies, CSRF on the login form, rate limiting.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pledgewatch_server::Config;

use crate::common::*;

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie() {
    let t = app().await;
    let res = t.login_attempt(USER, PASSWORD).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let cookie = set_cookies(&res.headers).into_iter().find(|c| c.starts_with("pw_session=")).unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP on loopback");

    let t = app_with(Config { secure_cookies: true, ..Config::default() }).await;
    let res = t.login_attempt(USER, PASSWORD).await;
    let cookie = set_cookies(&res.headers).into_iter().find(|c| c.starts_with("pw_session=")).unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn the_login_form_needs_its_own_token() {
    let t = app().await;
    let body = format!("csrf=abc&name={USER}&password={PASSWORD}");
    let res = t
        .send(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, "pw_login=def")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn failed_logins_are_limited() {
    let t = app().await;
    let res = t.login_attempt(USER, "wrong password").await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(
        res.text().contains(r#"<p class="error" role="alert">wrong name or password</p>"#),
        "the form again, with why"
    );
    assert_eq!(t.login_attempt("nobody", "whatever").await.status, StatusCode::UNAUTHORIZED);
    for _ in 1..pledgewatch_server::auth::MAX_PER_USER {
        assert_eq!(t.login_attempt(USER, "wrong password").await.status, StatusCode::UNAUTHORIZED);
    }
    // The sixth try in a minute is refused, even with the right password.
    let res = t.login_attempt(USER, PASSWORD).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.header(header::RETRY_AFTER).parse::<u64>().unwrap() > 0);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let t = app().await;
    let (cookie, csrf) = t.login().await;
    let page = t.send(Request::get("/").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await.text();
    assert!(page.contains(&format!("data-testid=\"user\">{USER}<")));
    assert_eq!(t.post_form("/logout", Some(&cookie), &[("csrf", "wrong")]).await.status, StatusCode::FORBIDDEN);
    let res = t.post_form("/logout", Some(&cookie), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(set_cookies(&res.headers).iter().any(|c| c.starts_with("pw_session=;") && c.contains("Max-Age=0")));
    let me = t.send(Request::get("/api/v1/session").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
    assert_eq!(me.json()["user"], serde_json::Value::Null, "the old cookie is worthless");
}

#[tokio::test]
async fn tokens_identify_scripts() {
    let t = app().await;
    let me = t.send(t.authed(axum::http::Method::GET, "/api/v1/session").body(Body::empty()).unwrap()).await.json();
    assert_eq!((me["user"].as_str(), me["via"].as_str()), (Some(USER), Some("token")));
    let anon = t.get("/api/v1/session").await.json();
    assert_eq!(anon["user"], serde_json::Value::Null);
}
