//! The OpenAPI document describes exactly the routes the API answers.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::common::*;

#[tokio::test]
async fn every_route_is_documented_and_every_documented_path_exists() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.0.3");
    let mut documented = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            assert!(op["responses"].is_object(), "{method} {path} has responses");
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> =
        pledgewatch_server::api::routes().into_iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(undocumented.is_empty(), "routes missing from openapi.json: {undocumented:?}");
    assert!(unrouted.is_empty(), "documented but not routed: {unrouted:?}");

    // And each answers as a route (not the fallback's 404 or a 405).
    let id = t.entry_id("").await;
    for (method, path) in routed {
        let uri = path.replace("{id}", &id);
        let method: Method = method.parse().unwrap();
        let res = t.send(Request::builder().method(method.clone()).uri(&uri).body(Body::empty()).unwrap()).await;
        assert_ne!(res.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        if res.status == StatusCode::NOT_FOUND {
            assert_ne!(res.json()["error"]["message"], "no such page", "{method} {uri} is not routed");
        }
    }
}

#[tokio::test]
async fn documented_references_resolve() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for part in text.split("#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(schemas.contains_key(name), "dangling $ref {name}");
    }
}
