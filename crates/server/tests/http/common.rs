//! A server in process over a temporary SQLite ledger filled with the
//! fixture documents (`tests/fixtures/`, written for these tests), a user and
//! an API token; requests go through `tower::ServiceExt::oneshot`, or, for
//! what happens on the wire (timeouts, client addresses, parallel logins),
//! through a real socket to [`served`].

use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use pledgewatch_pipeline::rates::RateTable;
use pledgewatch_pipeline::read::{ReadOptions, documents_from_bytes};
use pledgewatch_pipeline::{Document, extract};
use pledgewatch_server::{AppState, Config, auth};
use pledgewatch_store::{Processed, SearchLimits, Store};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tower::ServiceExt;

pub const USER: &str = "ann";
pub const PASSWORD: &str = "correct horse battery";

pub const FIXTURES: &[(&str, &str)] = &[
    ("no_ua_hospitals_fjord.txt", include_str!("../fixtures/no_ua_hospitals_fjord.txt")),
    ("no_ua_hospitals_ledger.txt", include_str!("../fixtures/no_ua_hospitals_ledger.txt")),
    ("de_ua_loan_script.txt", include_str!("../fixtures/de_ua_loan_script.txt")),
    ("ca_ua_vehicles.jsonl", include_str!("../fixtures/ca_ua_vehicles.jsonl")),
];

pub struct TestApp {
    pub router: Router,
    pub token: String,
    /// The ledger behind the router, for state no route writes (`watch`'s).
    pub store: Store,
    _dir: tempfile::TempDir,
}

/// A response, read whole.
pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Res {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Asserts the one JSON error shape and returns its code.
    pub fn error_code(&self) -> String {
        let v = self.json();
        assert!(v["error"]["message"].is_string(), "{v}");
        v["error"]["code"].as_str().unwrap_or_else(|| panic!("no error code: {v}")).to_string()
    }
}

/// The user's password hash, computed once for all tests (Argon2 is slow on purpose).
fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| auth::hash_password(PASSWORD).unwrap())
}

pub async fn app() -> TestApp {
    app_with(Config::default()).await
}

/// A fresh ledger: a SQLite file, or, when `PLEDGEWATCH_TEST_POSTGRES` names a
/// server, a new schema there (left for the throwaway server to drop).
async fn store(dir: &std::path::Path) -> Store {
    let Ok(url) = std::env::var("PLEDGEWATCH_TEST_POSTGRES") else {
        return Store::open(dir.join("ledger.db").to_str().unwrap()).await.unwrap();
    };
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let schema = format!("pw_server_{}_{}_{nanos}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    sqlx::any::install_default_drivers();
    let admin = sqlx::AnyPool::connect(&url).await.expect("connect to PLEDGEWATCH_TEST_POSTGRES");
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(&admin).await.unwrap();
    admin.close().await;
    let sep = if url.contains('?') { '&' } else { '?' };
    Store::open(&format!("{url}{sep}options=-c%20search_path%3D{schema}")).await.unwrap()
}

pub async fn app_with(config: Config) -> TestApp {
    let (state, token, dir) = fixture_state(config).await;
    TestApp { store: state.store.clone(), router: pledgewatch_server::app(state), token, _dir: dir }
}

/// The fixture app, its word searches done within `limits`.
pub async fn app_with_search_limits(limits: SearchLimits) -> TestApp {
    let (state, token, dir) = fixture_state(Config::default()).await;
    let store = state.store.clone().with_search_limits(limits);
    let state = AppState::new(store.clone(), RateTable::embedded().clone(), Config::default()).unwrap();
    TestApp { store, router: pledgewatch_server::app(state), token, _dir: dir }
}

/// The fixture ledger, its user and an API token, as the server's state.
async fn fixture_state(config: Config) -> (AppState, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path()).await;
    let rates = RateTable::embedded();
    let mut batch = Vec::new();
    for (name, text) in FIXTURES {
        for raw in documents_from_bytes(name, text.as_bytes(), &ReadOptions::default()) {
            let document = Document::build(raw.unwrap());
            let commitments = extract(&document, rates).commitments;
            batch.push(Processed::Document { document, commitments });
        }
    }
    store.write(&batch).await.unwrap();
    assert!(store.add_user(USER, password_hash()).await.unwrap());
    let token = auth::new_api_token().unwrap();
    store.add_api_token(&auth::digest(&token), USER).await.unwrap();
    (AppState::new(store.clone(), rates.clone(), config).unwrap(), token, dir)
}

/// The server listening on a loopback port, as `pledgewatch serve` runs it.
pub struct Served {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

pub async fn served(config: Config) -> Served {
    let (state, _, dir) = fixture_state(config).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel();
    tokio::spawn(pledgewatch_server::serve(listener, state.clone(), async move {
        let _ = stopped.await;
    }));
    Served { addr, state, stop: Some(stop), _dir: dir }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A connection to `server` from `from` (any 127.x.y.z address works on Linux).
pub async fn connect_from(server: SocketAddr, from: IpAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(from, 0)).unwrap();
    socket.connect(server).await.unwrap()
}

/// Posts the login form to `server` from `from` on a fresh connection; returns the status.
pub async fn login_from(server: SocketAddr, from: IpAddr, name: &str, password: &str) -> u16 {
    let body = serde_urlencoded::to_string([("csrf", "t"), ("name", name), ("password", password)]).unwrap();
    let request = format!(
        "POST /login HTTP/1.1\r\nHost: test\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Cookie: pw_login=t\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut conn = connect_from(server, from).await;
    conn.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    conn.read_to_end(&mut response).await.unwrap();
    let head = String::from_utf8_lossy(&response);
    head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status: {head}"))
}

/// Reads from `conn` until the server closes it (or resets it); `false` if it
/// is still open after `limit` — long past any timeout the tests configure,
/// so that a server that never closes fails the test instead of hanging it.
pub async fn closed_by_server(conn: &mut TcpStream, limit: Duration) -> bool {
    let mut sink = Vec::new();
    tokio::time::timeout(limit, conn.read_to_end(&mut sink)).await.is_ok()
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Res {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        Res { status: parts.status, headers: parts.headers, body }
    }

    pub async fn get(&self, uri: &str) -> Res {
        self.send(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    pub async fn get_json(&self, uri: &str) -> Res {
        self.send(Request::get(uri).header(header::ACCEPT, "application/json").body(Body::empty()).unwrap()).await
    }

    /// A request with the API token.
    pub fn authed(&self, method: Method, uri: &str) -> axum::http::request::Builder {
        Request::builder().method(method).uri(uri).header(header::AUTHORIZATION, format!("Bearer {}", self.token))
    }

    /// The ids of every entry, through the API.
    pub async fn entry_ids(&self, query: &str) -> Vec<String> {
        let res = self.get(&format!("/api/v1/commitments?limit=200&{query}")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        res.json()["entries"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
    }

    /// The id of the first entry matching `query`.
    pub async fn entry_id(&self, query: &str) -> String {
        self.entry_ids(query).await.into_iter().next().unwrap_or_else(|| panic!("no entry for {query}"))
    }

    /// The id of the document behind the first source of entry `id`.
    pub async fn first_source_document(&self, id: &str) -> String {
        self.get(&format!("/api/v1/commitments/{id}")).await.json()["sources"][0]["document_id"]
            .as_str()
            .expect("an entry has a source document")
            .to_string()
    }

    /// Logs in through the form; returns the session cookie (`name=value`) and its CSRF token.
    pub async fn login(&self) -> (String, String) {
        let res = self.login_attempt(USER, PASSWORD).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
        let session =
            set_cookies(&res.headers).into_iter().find(|c| c.starts_with("pw_session=")).expect("a session cookie");
        let cookie = session.split(';').next().unwrap().to_string();
        let me = self
            .send(Request::get("/api/v1/session").header(header::COOKIE, &cookie).body(Body::empty()).unwrap())
            .await
            .json();
        assert_eq!(me["user"], USER);
        (cookie, me["csrf"].as_str().unwrap().to_string())
    }

    /// Fetches the login form and posts it.
    pub async fn login_attempt(&self, name: &str, password: &str) -> Res {
        let form = self.get("/login").await;
        let cookie = set_cookies(&form.headers).into_iter().find(|c| c.starts_with("pw_login=")).unwrap();
        let cookie = cookie.split(';').next().unwrap().to_string();
        let csrf = hidden(&form.text(), "csrf");
        let body =
            serde_urlencoded::to_string([("csrf", csrf.as_str()), ("name", name), ("password", password)]).unwrap();
        self.send(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookie)
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// Posts a form with the session cookie.
    pub async fn post_form(&self, uri: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Res {
        let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(serde_urlencoded::to_string(fields).unwrap())).unwrap()).await
    }
}

pub fn set_cookies(h: &HeaderMap) -> Vec<String> {
    h.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect()
}

/// The value of a hidden form field in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker).unwrap_or_else(|| panic!("no field {name}")) + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}
