//! The server refuses what the OpenAPI document calls invalid and takes what
//! it calls valid (issue 19, item 10: Schemathesis found valid requests
//! refused and invalid ones accepted). Every refusal below was a 200 before
//! (or a 400 where the document lists 413 or 415); of the acceptances, the
//! 200-character `q` was a 400, the others guard the boundaries.

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use serde_json::{Value, json};

use crate::common::*;

/// Query values are taken as sent: no trimming, no case folding of enums, a
/// date only as `YYYY-MM-DD`, a EUR bound only as its pattern, a limit only
/// as digits, a cursor only of its documented shape.
#[tokio::test]
async fn query_values_outside_the_document_are_refused() {
    let t = app().await;
    let refused = [
        "/api/v1/commitments?category=Military",
        "/api/v1/commitments?status=%20announced",
        "/api/v1/commitments?sort=DATE",
        "/api/v1/commitments?from=20250101",
        "/api/v1/commitments?to=2025-01-01T00:00:00",
        "/api/v1/commitments?min_eur=-5",
        "/api/v1/commitments?max_eur=%2B5",
        "/api/v1/commitments?min_eur=00000000000000000000000000001",
        "/api/v1/commitments?limit=%2B5",
        "/api/v1/commitments?sort=-value_eur&cursor=-value_eur~%2B5~abc",
        "/api/v1/commitments.csv?review=Approved",
        "/api/v1/totals?by=DONOR",
    ];
    for uri in refused {
        let res = t.get(uri).await;
        assert_eq!((res.status, res.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"), "{uri}");
    }
}

#[tokio::test]
async fn query_values_inside_the_document_are_taken() {
    let t = app().await;
    let q = "%C3%A9".repeat(200);
    let taken = [
        // `maxLength` counts characters: 200 "é" are 400 bytes.
        format!("/api/v1/commitments?q={q}"),
        // An empty value is the parameter left out.
        "/api/v1/commitments?to=&donor=&limit=&cursor=&sort=".into(),
        "/api/v1/commitments?min_eur=1,000_000.50&max_eur=0000000000000000000000000001".into(),
        "/api/v1/commitments?sort=value_eur&cursor=value_eur~123456789.5~abc-1".into(),
        "/api/v1/commitments?cursor=-date~~abc".into(),
        "/api/v1/commitments?cursor=-date~9999-99-99~abc".into(),
        format!("/api/v1/commitments?sort=-value_eur&cursor=-value_eur~-{}.{}~x", "9".repeat(29), "9".repeat(28)),
        "/api/v1/totals?by=month&from=0001-01-01".into(),
    ];
    for uri in taken {
        let res = t.get(&uri).await;
        assert_eq!(res.status, StatusCode::OK, "{uri}: {}", res.text());
    }
    let res = t.get("/api/v1/commitments?sort=date&cursor=-date~~abc").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "a cursor is for its own sort");
    assert!(res.json()["error"]["message"].as_str().unwrap().contains("made for sort=-date"), "{}", res.text());
}

#[tokio::test]
async fn an_ingest_date_is_a_date() {
    let t = app().await;
    let post = |query: &str| {
        t.authed(Method::POST, &format!("/api/v1/ingest?{query}"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("Norway will give Sudan NOK 20 million in humanitarian aid, the ministry said."))
            .unwrap()
    };
    let res = t.send(post("date=2025-03-02T10:00:00")).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
    let res = t.send(post("date=2025-03-02")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["documents"][0]["published"], "2025-03-02");
}

#[tokio::test]
async fn a_review_body_is_refused_with_the_documented_status() {
    let t = app().await;
    let id = t.entry_id("donor=DE").await;
    let uri = format!("/api/v1/commitments/{id}/review");
    let send = |ct: &str, body: String| {
        t.send(t.authed(Method::POST, &uri).header(header::CONTENT_TYPE, ct).body(Body::from(body)).unwrap())
    };
    let review = |body: Value| send("application/json", body.to_string());

    // `maxLength` counts the note as sent, white space and all.
    let long = format!("{} ", "n".repeat(2000));
    let res = review(json!({ "action": "approve", "note": long })).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
    let res = review(json!({ "action": "approve", "note": "n".repeat(2000) })).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let res = review(json!({ "action": "reset", "note": null })).await;
    assert_eq!(res.status, StatusCode::OK, "a null note is no note: {}", res.text());

    let res = send("text/plain", json!({ "action": "approve" }).to_string()).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
    let big = json!({ "action": "approve", "note": "n".repeat(pledgewatch_server::FORM_LIMIT) }).to_string();
    let res = send("application/json", big).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
    let res = send("application/json", "{".into()).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
}
