//! Regrouping and triage over HTTP: every write needs a session with its
//! CSRF token, or a token; the API's answers fit the OpenAPI document; the
//! entry page's forms merge, split, detach and undo; the queue sorts by
//! confidence, shows the rules, and approves in bulk.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::common::*;
use crate::schema_check::violations;

/// Asserts that `res`, the answer to `method path`, fits the document; returns its body.
fn conforms(doc: &Value, method: &str, path: &str, res: &Res) -> Value {
    let response = &doc["paths"][path][method]["responses"][res.status.as_str()];
    assert!(response.is_object(), "{method} {path} answered {}, which the document does not list", res.status);
    let body = res.json();
    let broken = violations(doc, &response["content"]["application/json"]["schema"], &body);
    assert!(broken.is_empty(), "{method} {path} ({}) breaks its schema: {broken:#?}\n{body}", res.status);
    body
}

/// A JSON request with the API token.
async fn post_token(t: &TestApp, uri: &str, body: Value) -> Res {
    t.send(
        t.authed(Method::POST, uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

/// A JSON request with a session cookie and (maybe) a CSRF header.
async fn post_session(t: &TestApp, uri: &str, cookie: &str, csrf: Option<&str>, body: Value) -> Res {
    let mut req = Request::post(uri).header(header::CONTENT_TYPE, "application/json").header(header::COOKIE, cookie);
    if let Some(c) = csrf {
        req = req.header("x-csrf-token", c);
    }
    t.send(req.body(Body::from(body.to_string())).unwrap()).await
}

/// The commitment ids of an entry's sources.
async fn members(t: &TestApp, id: &str) -> Vec<String> {
    let d = t.get(&format!("/api/v1/commitments/{id}")).await.json();
    d["sources"].as_array().unwrap().iter().map(|s| s["commitment_id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn every_regroup_and_bulk_write_needs_a_session_with_csrf_or_a_token() {
    let t = app().await;
    let no = t.entry_id("donor=NO").await;
    let de = t.entry_id("donor=DE").await;
    let m = members(&t, &no).await;
    let api = [
        (format!("/api/v1/commitments/{no}/merge"), json!({ "with": de })),
        (format!("/api/v1/commitments/{no}/split"), json!({ "members": [m[1]] })),
        (format!("/api/v1/commitments/{no}/detach"), json!({ "commitment": m[1] })),
        ("/api/v1/regroups/1/undo".to_string(), json!({})),
        ("/api/v1/review".to_string(), json!({ "ids": [no], "action": "approve" })),
    ];
    let (cookie, csrf) = t.login().await;
    for (uri, body) in &api {
        let res = t
            .send(
                Request::post(uri)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{uri} without anyone");
        assert_eq!(
            post_session(&t, uri, &cookie, None, body.clone()).await.status,
            StatusCode::FORBIDDEN,
            "{uri}: no CSRF"
        );
        assert_eq!(
            post_session(&t, uri, &cookie, Some("stale"), body.clone()).await.status,
            StatusCode::FORBIDDEN,
            "{uri}"
        );
    }
    let forms: [(String, Vec<(&str, &str)>); 3] = [
        (format!("/commitments/{no}/regroup"), vec![("action", "merge"), ("with", &de)]),
        ("/regroups/1/undo".to_string(), vec![]),
        ("/review".to_string(), vec![("action", "approve"), ("ids", &no)]),
    ];
    for (uri, fields) in &forms {
        assert_eq!(t.post_form(uri, None, fields).await.status, StatusCode::UNAUTHORIZED, "{uri} without a session");
        let mut stale = fields.clone();
        stale.push(("csrf", "stale"));
        assert_eq!(t.post_form(uri, Some(&cookie), &stale).await.status, StatusCode::FORBIDDEN, "{uri}: CSRF checked");
    }
    // Nothing changed: the ledger is as it was, nobody reviewed.
    assert_eq!(members(&t, &no).await, m);
    assert_eq!(t.get(&format!("/api/v1/commitments/{no}/regroups")).await.json()["regroups"], json!([]));
    assert_eq!(t.get(&format!("/api/v1/commitments/{no}")).await.json()["review"], "unreviewed");

    // With the session's token, the session writes.
    let res = post_session(
        &t,
        &format!("/api/v1/commitments/{no}/detach"),
        &cookie,
        Some(&csrf),
        json!({ "commitment": m[1] }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
}

#[tokio::test]
async fn regrouping_through_the_api_fits_the_document_and_undoes_exactly() {
    let t = app().await;
    let doc = t.get("/api/v1/openapi.json").await.json();
    let no = t.entry_id("donor=NO").await;
    let de = t.entry_id("donor=DE").await;
    let before = t.entry_ids("").await;
    let m = members(&t, &no).await;
    assert_eq!(m.len(), 2, "the fixture's two Norwegian reports are one entry");

    // Detach one source: a new entry, which the list and the search show.
    let res = post_token(
        &t,
        &format!("/api/v1/commitments/{no}/detach"),
        json!({ "commitment": m[1], "note": "other deal" }),
    )
    .await;
    let body = conforms(&doc, "post", "/api/v1/commitments/{id}/detach", &res);
    let new = body["regroup"]["other_id"].as_str().unwrap().to_string();
    assert_eq!(body["entries"].as_array().unwrap().len(), 2);
    assert_eq!(members(&t, &new).await, [m[1].clone()]);
    assert_eq!(t.entry_ids("").await.len(), before.len() + 1);
    let audit = t.get(&format!("/api/v1/commitments/{no}")).await.json()["audit"].clone();
    let last = audit.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["action"].as_str(), last["note"].as_str(), last["actor"].as_str()),
        (Some("detach"), Some("other deal"), Some(USER))
    );
    conforms(&doc, "get", "/api/v1/commitments/{id}", &t.get(&format!("/api/v1/commitments/{no}")).await);
    let undo_path = format!("/api/v1/regroups/{}/undo", body["regroup"]["id"]);
    conforms(&doc, "post", "/api/v1/regroups/{id}/undo", &post_token(&t, &undo_path, json!({})).await);
    assert_eq!(members(&t, &no).await, m);
    let again = post_token(&t, &undo_path, json!({})).await;
    assert_eq!(conforms(&doc, "post", "/api/v1/regroups/{id}/undo", &again)["error"]["code"], "unprocessable");

    // Merge the German entry in: one entry fewer; the merged page leads to the merged entry.
    let res = post_token(&t, &format!("/api/v1/commitments/{no}/merge"), json!({ "with": de })).await;
    let merged = conforms(&doc, "post", "/api/v1/commitments/{id}/merge", &res);
    assert_eq!(merged["entries"][0]["n_sources"], 3);
    assert_eq!(t.entry_ids("").await.len(), before.len() - 1);
    let page = t.get(&format!("/commitments/{de}")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.header(header::LOCATION), format!("/commitments/{no}"));
    assert_eq!(t.get(&format!("/api/v1/commitments/{de}")).await.status, StatusCode::NOT_FOUND);
    let list = conforms(
        &doc,
        "get",
        "/api/v1/commitments/{id}/regroups",
        &t.get(&format!("/api/v1/commitments/{de}/regroups")).await,
    );
    assert_eq!(list["merged_into"], no.as_str());

    // Split the German source back out, then undo the split and the merge.
    let german: Vec<String> = members(&t, &no).await.into_iter().filter(|c| !m.contains(c)).collect();
    let res = post_token(&t, &format!("/api/v1/commitments/{no}/split"), json!({ "members": german })).await;
    let split = conforms(&doc, "post", "/api/v1/commitments/{id}/split", &res);
    let undo_merge = format!("/api/v1/regroups/{}/undo", merged["regroup"]["id"]);
    let refused = post_token(&t, &undo_merge, json!({})).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "the split came after: {}", refused.text());
    post_token(&t, &format!("/api/v1/regroups/{}/undo", split["regroup"]["id"]), json!({})).await;
    assert_eq!(post_token(&t, &undo_merge, json!({})).await.status, StatusCode::OK);
    let mut now = t.entry_ids("").await;
    now.sort();
    let mut was = before.clone();
    was.sort();
    assert_eq!(now, was, "the former grouping exactly");
    assert_eq!(members(&t, &no).await, m);

    // Refusals, as documented.
    for (path, uri, body) in [
        ("/api/v1/commitments/{id}/merge", format!("/api/v1/commitments/{no}/merge"), json!({ "with": no })),
        ("/api/v1/commitments/{id}/merge", format!("/api/v1/commitments/{no}/merge"), json!({ "with": "nope" })),
        ("/api/v1/commitments/{id}/split", format!("/api/v1/commitments/{no}/split"), json!({ "members": m })),
        ("/api/v1/commitments/{id}/detach", format!("/api/v1/commitments/{no}/detach"), json!({ "commitment": "x" })),
        ("/api/v1/commitments/{id}/detach", format!("/api/v1/commitments/{no}/detach"), json!({ "bad": 1 })),
        ("/api/v1/regroups/{id}/undo", "/api/v1/regroups/abc/undo".to_string(), json!({})),
        ("/api/v1/review", "/api/v1/review".to_string(), json!({ "ids": [], "action": "approve" })),
        ("/api/v1/review", "/api/v1/review".to_string(), json!({ "ids": [no], "action": "edit" })),
        ("/api/v1/review", "/api/v1/review".to_string(), json!({ "ids": [no, "nope"], "action": "reject" })),
    ] {
        let res = post_token(&t, &uri, body.clone()).await;
        assert!(res.status.is_client_error(), "{uri} {body}: {}", res.status);
        conforms(&doc, "post", path, &res);
    }
    assert_eq!(
        t.get(&format!("/api/v1/commitments/{no}")).await.json()["review"],
        "unreviewed",
        "an unknown id changes nothing"
    );
    let res =
        post_token(&t, "/api/v1/review", json!({ "ids": [no, de], "action": "approve", "note": "checked" })).await;
    let bulk = conforms(&doc, "post", "/api/v1/review", &res);
    assert_eq!(bulk["reviewed"].as_array().unwrap().len(), 2);
    assert_eq!(t.get(&format!("/api/v1/commitments/{de}")).await.json()["review"], "approved");
}

#[tokio::test]
async fn the_entry_page_merges_splits_detaches_and_undoes_with_forms() {
    let t = app().await;
    let no = t.entry_id("donor=NO").await;
    let de = t.entry_id("donor=DE").await;
    let m = members(&t, &no).await;
    let (cookie, csrf) = t.login().await;
    let page = |q: String| {
        let (t, cookie) = (&t, cookie.clone());
        async move { t.send(Request::get(q).header(header::COOKIE, cookie).body(Body::empty()).unwrap()).await.text() }
    };
    let html = page(format!("/commitments/{no}")).await;
    assert!(html.contains("Detach this source") && html.contains("Split checked sources"), "the controls");
    // The short search offers the German entry to merge with.
    let found = page(format!("/commitments/{no}?find=germany")).await;
    let list = &found[found.find("data-testid=\"merge-candidates\"").unwrap()..];
    assert!(list.contains(&format!("name=\"with\" value=\"{de}\"")), "{list}");

    let uri = format!("/commitments/{no}/regroup");
    let res = t
        .post_form(&uri, Some(&cookie), &[("csrf", &csrf), ("action", "merge"), ("with", &de), ("note", "same loan")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert_eq!(res.header(header::LOCATION), format!("/commitments/{no}#regroup"));
    assert_eq!(members(&t, &no).await.len(), 3);
    let html = page(format!("/commitments/{no}")).await;
    let log = &html[html.find("data-testid=\"audit-log\"").unwrap()..];
    assert!(log.contains("<td>merge</td>") && log.contains("same loan"), "the audit log shows the merge");

    // Split two checked sources off (the form sends `members` twice).
    let all = members(&t, &no).await;
    let res = t
        .post_form(
            &uri,
            Some(&cookie),
            &[("csrf", &csrf), ("action", "split"), ("members", &all[1]), ("members", &all[2])],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert_eq!(members(&t, &no).await, [all[0].clone()]);
    // Undo the split from the page's list of regroupings.
    let html = page(format!("/commitments/{no}")).await;
    let regroups = &html[html.find("data-testid=\"regroups\"").unwrap()..];
    let n = regroups.split("action=\"/regroups/").nth(1).unwrap().split('/').next().unwrap().to_string();
    let res = t.post_form(&format!("/regroups/{n}/undo"), Some(&cookie), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert_eq!(members(&t, &no).await.len(), 3);

    // A detach button names its source.
    let res = t.post_form(&uri, Some(&cookie), &[("csrf", &csrf), ("detach", &m[1])]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert!(!members(&t, &no).await.contains(&m[1]));
    let res = t.post_form(&uri, Some(&cookie), &[("csrf", &csrf), ("action", "split")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "nothing checked");
}

#[tokio::test]
async fn the_queue_sorts_by_confidence_shows_rules_and_approves_in_bulk() {
    let t = app().await;
    let (cookie, csrf) = t.login().await;
    let get = |uri: &str| t.send(Request::get(uri).header(header::COOKIE, &cookie).body(Body::empty()).unwrap());
    let html = get("/review?sort=confidence").await.text();
    let scores: Vec<f64> = html
        .split("data-testid=\"confidence\"")
        .skip(1)
        .map(|s| s.split("confidence ").nth(1).unwrap().split('<').next().unwrap().parse().unwrap())
        .collect();
    assert!(scores.len() >= 3, "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "lowest first: {scores:?}");
    assert!(html.contains("<code title=") && html.contains("propose-"), "the rules that fired, with their reasons");
    assert!(html.contains("data-testid=\"shortcuts\""), "the shortcuts are documented");
    assert!(html.contains("<script src=\"/static/review.js\" defer></script>"));
    let js = t.get("/static/review.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.header(header::CONTENT_TYPE).starts_with("text/javascript"));
    assert_eq!(get("/review?sort=nope").await.status, StatusCode::BAD_REQUEST);
    let by_value = get("/review?sort=value").await.text();
    assert!(by_value.contains("aria-current=\"true\">value, largest first<"));

    let ids: Vec<String> = t.entry_ids("review=unreviewed").await.into_iter().take(2).collect();
    let res = t
        .post_form(
            "/review",
            Some(&cookie),
            &[
                ("csrf", &csrf),
                ("action", "approve"),
                ("ids", &ids[0]),
                ("ids", &ids[1]),
                ("return_to", "/review?sort=confidence"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    assert_eq!(res.header(header::LOCATION), "/review?sort=confidence");
    for id in &ids {
        let d = t.get(&format!("/api/v1/commitments/{id}")).await.json();
        assert_eq!(d["review"], "approved");
        assert_eq!(d["audit"][0]["actor"], USER);
    }
    let res = t.post_form("/review", Some(&cookie), &[("csrf", &csrf), ("action", "approve")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "nothing ticked");
}
