//! The JSON API: lists, details, documents, totals, exports, ingest, review.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::common::*;

#[tokio::test]
async fn list_filters_sorts_and_pages() {
    let t = app().await;
    let all = t.entry_ids("").await;
    assert_eq!(all.len(), 3, "the two Norwegian reports are one entry, plus Germany and Canada");

    // Every page of one, followed by cursor, visits every entry once.
    let mut seen = Vec::new();
    let mut uri = "/api/v1/commitments?limit=1&sort=-value_eur".to_string();
    loop {
        let v = t.get(&uri).await.json();
        seen.extend(v["entries"].as_array().unwrap().iter().map(|e| e["value_eur"].clone()));
        match v["next"].as_str() {
            Some(next) => uri = next.to_string(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 3);
    let eur: Vec<f64> = seen.iter().map(|v| v.as_f64().unwrap_or(-1.0)).collect();
    assert!(eur.windows(2).all(|w| w[0] >= w[1]), "largest first: {eur:?}");

    assert_eq!(t.entry_ids("donor=no").await.len(), 1, "ids are case-insensitive");
    assert_eq!(t.entry_ids("category=financial&instrument=loan").await.len(), 1);
    assert_eq!(t.entry_ids("from=2025-01-01&to=2025-12-31").await.len(), 2);
    assert_eq!(t.entry_ids("min_eur=100000000").await.len(), 2);
    assert_eq!(t.entry_ids("max_eur=100000000").await.len(), 1);
    assert_eq!(t.entry_ids("review=approved").await.len(), 0);
    // Full text: a title word, an evidence word, a name; every word must match.
    assert_eq!(t.entry_ids("q=sends").await.len(), 1, "a word of a title only");
    assert_eq!(t.entry_ids("q=armoured").await.len(), 1, "evidence text");
    assert_eq!(t.entry_ids("q=canada%20vehicles").await.len(), 1);
    assert_eq!(t.entry_ids("q=canada%20hospitals").await.len(), 0);
    assert_eq!(t.entry_ids("q=100%25").await.len(), 0, "no text says 100; the sign is no syntax");
    assert_eq!(t.entry_ids("q=%22canada%20%2A%20(").await.len(), 1, "nor are quotes, stars and brackets");

    for bad in ["limit=500", "donr=GB", "category=tanks", "from=yesterday", "min_eur=lots", "cursor=nonsense"] {
        let res = t.get(&format!("/api/v1/commitments?{bad}")).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(res.error_code(), "bad_request");
    }
}

#[tokio::test]
async fn a_commitment_has_sources_evidence_and_variants() {
    let t = app().await;
    let id = t.entry_id("donor=NO").await;
    let v = t.get(&format!("/api/v1/commitments/{id}")).await.json();
    assert_eq!(v["donor"]["id"], "NO");
    assert_eq!(v["recipient"]["id"], "UA");
    assert_eq!(v["n_sources"], 2);
    assert_eq!(v["sources"].as_array().unwrap().len(), 2);
    assert_eq!(v["variants"].as_array().unwrap().len(), 2, "exact and approximate NOK 500m");
    let evidence = v["sources"][0]["evidence"].as_array().unwrap();
    let amount = evidence.iter().find(|e| e["field"] == "amount").expect("an amount span");
    assert!(amount["text"].as_str().unwrap().contains("500"), "{amount}");
    assert!(v["sources"][0]["document"].as_str().unwrap().starts_with("/api/v1/documents/"));
    assert_eq!(v["audit"], json!([]));

    let res = t.get("/api/v1/commitments/0000000000000000").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.error_code(), "not_found");
}

#[tokio::test]
async fn documents_with_text_and_spans() {
    let t = app().await;
    let id = t.entry_id("donor=CA").await;
    let detail = t.get(&format!("/api/v1/commitments/{id}")).await.json();
    let doc_id = detail["sources"][0]["document_id"].as_str().unwrap().to_string();
    let v = t.get(&format!("/api/v1/documents/{doc_id}")).await.json();
    assert!(v["text"].as_str().unwrap().contains("armoured vehicles"));
    assert!(!v["segments"].as_array().unwrap().is_empty());
    assert_eq!(v["commitments"][0]["entry_id"], id.as_str());
    let span = &v["commitments"][0]["evidence"][0];
    assert!(span["start"].as_i64().unwrap() < span["end"].as_i64().unwrap());
    assert_eq!(t.get("/api/v1/documents/nope").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn totals_are_exact_and_grouped() {
    let t = app().await;
    let v = t.get("/api/v1/totals?by=donor").await.json();
    assert_eq!(v["by"], "donor");
    assert_eq!(v["total"]["entries"], 3);
    let sum: f64 = v["groups"].as_array().unwrap().iter().map(|g| g["value_eur"].as_f64().unwrap()).sum();
    assert!((sum - v["total"]["value_eur"].as_f64().unwrap()).abs() < 0.01);
    assert_eq!(v["groups"][0]["key"], "DE", "largest first: EUR 250m");
    assert_eq!(v["groups"][0]["value_eur"], json!(250000000));

    let months = t.get("/api/v1/totals?by=month&donor=NO").await.json();
    assert_eq!(months["groups"][0]["key"], "2025-05");
    for by in ["recipient", "category", "instrument", "status", "review"] {
        assert_eq!(t.get(&format!("/api/v1/totals?by={by}")).await.status, StatusCode::OK, "{by}");
    }
    let res = t.get("/api/v1/totals?by=colour").await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));

    let s = t.get("/api/v1/summary").await.json();
    assert_eq!(s["counts"]["entries"], 3);
    assert_eq!(s["counts"]["documents"], 4);
    let f = t.get("/api/v1/facets").await.json();
    assert_eq!(f["donor"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn exports_follow_the_filters() {
    let t = app().await;
    let res = t.get("/api/v1/commitments.csv?recipient=UA&sort=value_eur").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.header(header::CONTENT_TYPE).starts_with("text/csv"));
    assert!(res.header(header::CONTENT_DISPOSITION).contains("pledgewatch-commitments.csv"));
    let text = res.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("entry_id,donor,"));
    assert_eq!(lines.len(), 4);
    assert!(lines[1].contains(",NO,"), "smallest EUR first: {}", lines[1]);
    assert_eq!(t.get("/api/v1/commitments.csv?donor=DE").await.text().lines().count(), 2);

    let x = t.get("/api/v1/commitments.xlsx?donor=CA").await;
    assert_eq!(x.status, StatusCode::OK);
    assert!(x.header(header::CONTENT_TYPE).contains("spreadsheetml"));
    assert_eq!(&x.body[..2], b"PK", "a zip container");
    assert_eq!(t.get("/api/v1/commitments.csv?limit=5").await.status, StatusCode::BAD_REQUEST, "exports are whole");
}

#[tokio::test]
async fn ingest_needs_a_user_and_stores_documents() {
    let t = app().await;
    let text = "Sweden will give Ukraine SEK 300 million in humanitarian aid for winter heating, \
                Development Minister Benjamin Dousa announced on Friday.";
    let anonymous = t
        .send(
            Request::post("/api/v1/ingest").header(header::CONTENT_TYPE, "text/plain").body(Body::from(text)).unwrap(),
        )
        .await;
    assert_eq!((anonymous.status, anonymous.error_code().as_str()), (StatusCode::UNAUTHORIZED, "unauthorized"));

    let bad_token = t
        .send(
            Request::post("/api/v1/ingest")
                .header(header::AUTHORIZATION, "Bearer pw_wrong")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from(text))
                .unwrap(),
        )
        .await;
    assert_eq!(bad_token.status, StatusCode::UNAUTHORIZED);

    let post = |body: &'static str, ct: &str| {
        t.authed(Method::POST, "/api/v1/ingest?date=2025-11-14&outlet=Baltic%20Wire")
            .header(header::CONTENT_TYPE, ct)
            .body(Body::from(body))
            .unwrap()
    };
    let res = t.send(post(text_static(text), "text/plain; charset=utf-8")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let v = res.json();
    assert_eq!((v["stored"].as_u64(), v["commitments"].as_u64()), (Some(1), Some(1)), "{v}");
    assert_eq!(t.entry_ids("donor=SE").await.len(), 1);
    let again = t.send(post(text_static(text), "text/plain")).await.json();
    assert_eq!(again["skipped"], 1, "the same document is not stored twice");

    let jsonl = "{\"id\":\"x1\",\"text\":\"Japan will give Ukraine $10 million in emergency aid, the foreign ministry said.\",\"date\":\"2025-02-03\"}\n";
    let res = t.send(post(jsonl, "application/x-ndjson")).await;
    assert_eq!(res.json()["stored"], 1, "{}", res.text());

    let res = t.send(post("x", "application/pdf")).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));

    let big = vec![b'a'; pledgewatch_server::INGEST_LIMIT + 1];
    let res = t
        .send(
            t.authed(Method::POST, "/api/v1/ingest")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from(big))
                .unwrap(),
        )
        .await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"));
}

fn text_static(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

#[tokio::test]
async fn review_through_the_api() {
    let t = app().await;
    let id = t.entry_id("donor=DE").await;
    let uri = format!("/api/v1/commitments/{id}/review");
    let review = |body: Value| {
        t.authed(Method::POST, &uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };

    let res = t
        .send(
            Request::post(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"action":"approve"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "no user");

    let res =
        t.send(review(json!({ "action": "edit", "fields": { "instrument": "grant" }, "note": "it is a grant" }))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let v = res.json();
    assert_eq!(v["review"], "edited");
    let edit = v["audit"].as_array().unwrap().iter().find(|a| a["action"] == "edit").unwrap();
    assert_eq!(
        (edit["actor"].as_str(), edit["old_value"].as_str(), edit["new_value"].as_str()),
        (Some(USER), Some("loan"), Some("grant"))
    );
    assert_eq!(edit["note"], "it is a grant");
    assert_eq!(t.get(&format!("/api/v1/commitments/{id}")).await.json()["instrument"], "grant");

    let res = t.send(review(json!({ "action": "approve" }))).await;
    assert_eq!(res.json()["review"], "approved");
    assert_eq!(t.entry_ids("review=approved").await, vec![id.clone()]);

    let res = t.send(review(json!({ "action": "edit", "fields": { "status": "sold" } }))).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "unprocessable"));
    let res = t.send(review(json!({ "action": "bless" }))).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let res = t.send(review(json!({ "action": "approve", "extra": 1 }))).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::BAD_REQUEST, "bad_request"));
    let res = t
        .send(
            t.authed(Method::POST, "/api/v1/commitments/0000000000000000/review")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(r#"{"action":"approve"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn session_writes_need_the_csrf_header() {
    let t = app().await;
    let (cookie, csrf) = t.login().await;
    let id = t.entry_id("donor=CA").await;
    let req = |csrf: Option<&str>| {
        let mut r = Request::post(format!("/api/v1/commitments/{id}/review"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &cookie);
        if let Some(c) = csrf {
            r = r.header("x-csrf-token", c);
        }
        r.body(Body::from(r#"{"action":"reject"}"#)).unwrap()
    };
    let res = t.send(req(None)).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    assert_eq!(t.send(req(Some("0123"))).await.status, StatusCode::FORBIDDEN);
    let res = t.send(req(Some(&csrf))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.json()["review"], "rejected");
}

/// Issue 19, item 5: an edit with one valid and one invalid field answered
/// 422 but stored and logged the valid one. Now it stores and logs nothing;
/// a valid edit of several fields logs each once, with one move to `edited`.
#[tokio::test]
async fn a_review_edit_is_all_or_nothing() {
    let t = app().await;
    let id = t.entry_id("donor=DE").await;
    let uri = format!("/api/v1/commitments/{id}/review");
    let review = |body: Value| {
        t.authed(Method::POST, &uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let before = t.get(&format!("/api/v1/commitments/{id}")).await.json();
    assert_eq!((before["instrument"].as_str(), before["review"].as_str()), (Some("loan"), Some("unreviewed")));

    let res = t.send(review(json!({ "action": "edit", "fields": { "instrument": "grant", "status": "sold" } }))).await;
    assert_eq!((res.status, res.error_code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "unprocessable"));
    assert!(res.json()["error"]["message"].as_str().unwrap().contains("\"sold\" is not a status"), "{}", res.text());
    let after = t.get(&format!("/api/v1/commitments/{id}")).await.json();
    assert_eq!((after["instrument"].as_str(), after["review"].as_str()), (Some("loan"), Some("unreviewed")));
    assert_eq!(after["audit"], json!([]), "nothing logged");

    let res =
        t.send(review(json!({ "action": "edit", "fields": { "instrument": "grant", "status": "committed" } }))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let audit = res.json()["audit"].clone();
    let changes: Vec<(&str, &str)> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["action"].as_str().unwrap(), a["field"].as_str().unwrap()))
        .collect();
    assert_eq!(changes, [("edit", "instrument"), ("edit", "status"), ("review", "review")]);
}

/// The list and the detail carry the full record, the same in both, and the
/// CSV export its columns.
#[tokio::test]
async fn lists_details_and_exports_carry_the_full_record() {
    let t = app().await;
    let list = t.get("/api/v1/commitments?donor=CA").await.json();
    let listed = &list["entries"][0];
    let id = listed["id"].as_str().unwrap();
    let detail = t.get(&format!("/api/v1/commitments/{id}")).await.json();
    for v in [listed, &detail] {
        let items = v["items"].as_array().unwrap();
        assert!(items.iter().any(|i| i["item"].as_str().unwrap().contains("armoured vehicles")), "{v}");
        assert!(v["evidence_sentence"].as_str().unwrap().contains("armoured vehicles"), "{v}");
        assert!(!v["outlets"].as_array().unwrap().is_empty(), "{v}");
        assert!(v["confidence"].as_f64().unwrap() > 0.0);
        assert_eq!(v["review"], "unreviewed");
    }
    for field in
        ["items", "supplier", "made_in", "announced_by", "period", "source_urls", "outlets", "evidence_sentence"]
    {
        assert_eq!(listed[field], detail[field], "{field}");
    }
    let csv = t.get("/api/v1/commitments.csv?donor=CA").await.text();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
    assert!(cell("items").contains("armoured vehicles"));
    assert_eq!(cell("evidence"), detail["evidence_sentence"].as_str().unwrap());
    assert_eq!(cell("outlets"), detail["outlets"][0].as_str().unwrap());
}
