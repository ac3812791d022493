//! The ledger over time over HTTP (issue 17): `as_of` on the list, the entry,
//! the exports and the pages; `/api/v1/diff`; the change feed and its Atom
//! twin — each answer fitting the OpenAPI document.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use jiff::Timestamp;
use serde_json::{Value, json};

use crate::common::*;
use crate::openapi::conforms;

/// A moment strictly between the writes before and after it.
async fn mark() -> String {
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    let t = Timestamp::now().to_string();
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    t
}

async fn approve(t: &TestApp, id: &str) {
    let res = t
        .send(
            t.authed(Method::POST, &format!("/api/v1/commitments/{id}/review"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(json!({ "action": "approve" }).to_string()))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
}

fn reviews(list: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_string(), e["review"].as_str().unwrap().to_string()))
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn as_of_shows_the_ledger_as_it_stood() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let id = t.entry_id("donor=NO").await;
    let before = t.get("/api/v1/commitments?limit=200").await.json();
    let then = mark().await;
    approve(&t, &id).await;
    let now = t.get("/api/v1/commitments?limit=200").await.json();
    assert_ne!(reviews(&now), reviews(&before));
    let res = t.get(&format!("/api/v1/commitments?limit=200&as_of={then}")).await;
    let past = conforms(&doc, "get", "/api/v1/commitments", &res);
    assert_eq!(reviews(&past), reviews(&before));
    assert_eq!(past["entries"], before["entries"], "the full records too");
    let res = t.get(&format!("/api/v1/commitments/{id}?as_of={then}")).await;
    let entry = conforms(&doc, "get", "/api/v1/commitments/{id}", &res);
    assert_eq!((entry["review"].as_str(), entry["audit"].as_array().map(Vec::len)), (Some("unreviewed"), Some(0)));
    assert_eq!(t.get(&format!("/api/v1/commitments/{id}")).await.json()["review"], "approved");
    let totals = t.get(&format!("/api/v1/totals?by=review&as_of={then}")).await.json();
    assert!(totals["groups"].as_array().unwrap().iter().all(|g| g["key"] == "unreviewed"), "{totals}");
    let csv = t.get(&format!("/api/v1/commitments.csv?as_of={then}")).await.text();
    assert!(!csv.contains("approved"), "{csv}");
    // Before the ledger held anything: nothing; the entry was not there.
    let empty = t.get("/api/v1/commitments?as_of=2000-01-01T00:00:00Z").await.json();
    assert_eq!(empty["entries"], json!([]));
    let res = t.get(&format!("/api/v1/commitments/{id}?as_of=2000-01-01T00:00:00Z")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Bad times and words with a past time are refused, saying why.
    for bad in [
        "/api/v1/commitments?as_of=yesterday".to_string(),
        "/api/v1/commitments?as_of=2025-03-02".into(),
        format!("/api/v1/commitments?q=norway&as_of={then}"),
        format!("/api/v1/commitments/{id}?as_of=2025-03-02T17:00:00"),
        format!("/api/v1/commitments/{id}?at=2025-03-02T17:00:00Z"),
    ] {
        let res = t.get(&bad).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}: {}", res.text());
    }
    // The pages: the ledger with its "As of" chip, the entry with its notice.
    let page = t.get(&format!("/commitments?as_of={then}")).await.text();
    assert!(page.contains("As of: "), "{page}");
    let page = t.get(&format!("/commitments/{id}?as_of={then}")).await.text();
    assert!(page.contains("data-testid=\"as-of\"") && page.contains(">unreviewed<"), "{page}");
}

#[tokio::test]
async fn diff_lists_what_changed_between_two_times() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let id = t.entry_id("donor=NO").await;
    let from = mark().await;
    let res = t.get(&format!("/api/v1/diff?from={from}")).await;
    assert_eq!(conforms(&doc, "get", "/api/v1/diff", &res)["changes"], json!([]));
    approve(&t, &id).await;
    let to = mark().await;
    let res = t.get(&format!("/api/v1/diff?from={from}&to={to}")).await;
    let diff = conforms(&doc, "get", "/api/v1/diff", &res);
    assert_eq!(
        diff["changes"],
        json!([{
            "entry_id": id, "kind": "changed", "merged_into": null, "split_from": null,
            "fields": [{ "field": "review", "old": "unreviewed", "new": "approved" }],
            "causes": ["review"], "at": diff["changes"][0]["at"], "entry": diff["changes"][0]["entry"],
        }])
    );
    assert_eq!(diff["changes"][0]["entry"]["review"], "approved");
    // Everything since the start: each fixture entry added.
    let all = t.get("/api/v1/diff?from=2000-01-01T00:00:00Z").await.json();
    let n = t.get("/api/v1/commitments?limit=200").await.json()["entries"].as_array().unwrap().len();
    assert_eq!(all["changes"].as_array().unwrap().len(), n);
    assert!(all["changes"].as_array().unwrap().iter().all(|c| c["kind"] == "added"), "{all}");
    for bad in [format!("/api/v1/diff?from={to}&to={from}"), "/api/v1/diff".into(), "/api/v1/diff?from=now".into()] {
        let res = t.get(&bad).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        conforms(&doc, "get", "/api/v1/diff", &res);
    }
}

#[tokio::test]
async fn the_change_feed_pages_by_cursor_and_filters_like_the_ledger() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let n = t.get("/api/v1/commitments?limit=200").await.json()["entries"].as_array().unwrap().len();
    assert!(n >= 3, "the fixtures make several entries");
    // Page through from the start, two at a time.
    let mut seen = Vec::new();
    let mut url = "/api/v1/changes?limit=2".to_string();
    let last = loop {
        let res = t.get(&url).await;
        let page = conforms(&doc, "get", "/api/v1/changes", &res);
        for c in page["changes"].as_array().unwrap() {
            seen.push(c["entry_id"].as_str().unwrap().to_string());
            assert_eq!((c["kind"].as_str(), c["cause"].as_str()), (Some("added"), Some("ingest")));
        }
        url = page["next_url"].as_str().unwrap().to_string();
        if page["more"] == false {
            break page["next"].as_str().unwrap().to_string();
        }
    };
    assert_eq!(seen.len(), n);
    // Nothing new after the last cursor, until a review.
    let quiet = t.get(&format!("/api/v1/changes?since={last}")).await.json();
    assert_eq!((quiet["changes"].clone(), quiet["next"].as_str()), (json!([]), Some(last.as_str())));
    let id = t.entry_id("donor=NO").await;
    approve(&t, &id).await;
    let news = t.get(&format!("/api/v1/changes?since={last}")).await.json();
    assert_eq!(news["changes"][0]["entry_id"], id.as_str());
    assert_eq!(news["changes"][0]["actor"], USER);
    assert_eq!(news["changes"][0]["fields"], json!([{ "field": "review", "old": "unreviewed", "new": "approved" }]));
    // Filtered like the ledger: by a party's name or id.
    let by_donor = t.get("/api/v1/changes?donor=norway").await.json();
    let ids: Vec<&str> =
        by_donor["changes"].as_array().unwrap().iter().map(|c| c["entry_id"].as_str().unwrap()).collect();
    assert_eq!(ids, [id.as_str(), id.as_str()]);
    for bad in ["since=x", "since=-1", "donor=Narnia", "limit=0", "as_of=2025-03-02T00:00:00Z"] {
        let res = t.get(&format!("/api/v1/changes?{bad}")).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        conforms(&doc, "get", "/api/v1/changes", &res);
    }
    // The Atom twin: the newest first, readable by a feed parser, filtered alike.
    let res = t.get("/changes.atom?donor=NO").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.header(header::CONTENT_TYPE).starts_with("application/atom+xml"));
    let items = pledgewatch_pipeline::read::feed_entries("changes.atom", &res.body).unwrap();
    assert_eq!(items.len(), 2);
    let newest = items[0].as_ref().unwrap();
    assert!(newest.title.as_deref().unwrap_or("").starts_with("Changed: Norway → Ukraine"), "{newest:?}");
    assert!(newest.text.contains("review: unreviewed → approved"), "{newest:?}");
    assert_eq!(newest.url.as_deref(), Some(format!("/commitments/{id}").as_str()));
    // A bad filter is the one JSON error, as documented (a feed reader shows no error page).
    let res = t.get("/changes.atom?donor=Narnia").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    conforms(&doc, "get", "/changes.atom", &res);
}
