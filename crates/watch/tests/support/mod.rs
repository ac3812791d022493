//! A feed server on the loopback address for the watcher's tests (`tiny_http`, one
//! thread per request, so a slow answer holds up no other). Each path has a
//! [`Route`] that the test changes between polls; every request is recorded.
#![allow(dead_code)] // each test uses a part

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the server answers one path.
#[derive(Clone, Debug)]
pub enum Route {
    /// A feed of these items (guid, text); its ETag changes with them, and a
    /// request that sends the current ETag back gets a 304.
    Feed(Vec<(String, String)>),
    /// This status and body, `times` times, then the next route.
    Fail { status: u16, times: usize, then: Box<Route> },
    /// This route, after a pause.
    Slow(Duration, Box<Route>),
    /// A redirect to another path.
    Redirect(String),
    /// 200 with this body, as it is.
    Raw(String),
}

/// One request as received.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub if_none_match: Option<String>,
    pub if_modified_since: Option<String>,
    pub user_agent: Option<String>,
}

pub struct FeedServer {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FeedServer {
    pub fn start() -> FeedServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind a loopback port"));
        let base = format!("http://{}", server.server_addr().to_ip().expect("an IP address"));
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let (r, s) = (routes.clone(), seen.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (r, s) = (r.clone(), s.clone());
                std::thread::spawn(move || answer(request, &r, &s));
            }
        });
        FeedServer { base, routes, seen }
    }

    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Requests for `path` so far.
    pub fn hits(&self, path: &str) -> Vec<Seen> {
        self.seen().into_iter().filter(|s| s.path == path).collect()
    }
}

fn header(request: &tiny_http::Request, name: &'static str) -> Option<String> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.to_string())
}

fn answer(request: tiny_http::Request, routes: &Mutex<HashMap<String, Route>>, seen: &Mutex<Vec<Seen>>) {
    let path = request.url().to_string();
    let if_none_match = header(&request, "If-None-Match");
    seen.lock().unwrap().push(Seen {
        path: path.clone(),
        if_none_match: if_none_match.clone(),
        if_modified_since: header(&request, "If-Modified-Since"),
        user_agent: header(&request, "User-Agent"),
    });
    let route = {
        let mut map = routes.lock().unwrap();
        let route = map.get(&path).cloned();
        // A failure route counts down; at zero the path answers with its next route.
        if let Some(Route::Fail { status, times, then }) = &route {
            let next = if *times <= 1 {
                (**then).clone()
            } else {
                Route::Fail { status: *status, times: times - 1, then: then.clone() }
            };
            map.insert(path.clone(), next);
        }
        route
    };
    let mut route = match route {
        Some(r) => r,
        None => {
            let _ = request.respond(tiny_http::Response::empty(404));
            return;
        }
    };
    if let Route::Slow(pause, inner) = route {
        std::thread::sleep(pause);
        route = *inner;
    }
    let text = |s: String, status: u16| tiny_http::Response::from_string(s).with_status_code(status);
    let head = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
    let _ = match route {
        Route::Feed(items) => {
            // The newest item's guid: a feed that drops its oldest item as it gains one still changes.
            let etag = format!("\"{}\"", items.last().map_or("empty", |i| i.0.as_str()));
            if if_none_match.as_deref() == Some(etag.as_str()) {
                request.respond(tiny_http::Response::empty(304).with_header(head("ETag", &etag)))
            } else {
                // A Last-Modified that moves with the items (a minute per item).
                let modified = format!("Mon, 02 Nov 2026 10:{:02}:00 GMT", items.len() % 60);
                request.respond(
                    text(rss(&items), 200)
                        .with_header(head("ETag", &etag))
                        .with_header(head("Last-Modified", &modified))
                        .with_header(head("Content-Type", "application/rss+xml; charset=utf-8")),
                )
            }
        }
        Route::Fail { status, .. } => request.respond(text(format!("failure {status}"), status)),
        Route::Redirect(to) => request.respond(tiny_http::Response::empty(302).with_header(head("Location", &to))),
        Route::Raw(body) => request.respond(text(body, 200)),
        Route::Slow(..) => request.respond(tiny_http::Response::empty(500)),
    };
}

/// An RSS 2.0 feed of `(guid, text)` items, newest first as feeds list them.
pub fn rss(items: &[(String, String)]) -> String {
    let mut out = String::from("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Test Ministry</title>\n");
    for (guid, text) in items.iter().rev() {
        out.push_str(&format!(
            "<item><title>{guid}</title><guid>https://ministry.test/{guid}</guid><link>https://ministry.test/{guid}</link>\
             <pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate><description>{text}</description></item>\n"
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}
